// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/CheckStatus.h"

#include <QColor>
#include <QPalette>

namespace cimdiag {

/// Colours for check states and for "bad"/"caution" text, derived from a palette so they keep their
/// contrast in light and dark palettes alike. QPalette has no error or success role, so the hues are
/// fixed (red, amber, green) and the lightness follows the palette's window colour. Colour is never
/// the only signal: every widget that uses these also says the state in text (accessibility).
class StatusColors final
{
public:
    StatusColors() = delete;

    /// True when the palette's window is darker than its text (a dark theme).
    static bool isDark(const QPalette &palette);
    /// The fill of a bar or badge for a status (Pending: transparent).
    static QColor fill(CheckStatus status, const QPalette &palette);
    /// Black or white, whichever reads better on background.
    static QColor textOn(const QColor &background);
    /// Foreground for text that reports a problem ("expired", a verification error).
    static QColor errorText(const QPalette &palette);
    /// Foreground for text that reports something to check ("not yet valid").
    static QColor warningText(const QPalette &palette);
    /// Foreground for text that reports success ("verified").
    static QColor successText(const QPalette &palette);
};

} // namespace cimdiag
