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
    /// WCAG 2.x contrast ratio of two colours, 1 to 21 (text needs 4.5 for level AA).
    static double contrastRatio(const QColor &a, const QColor &b);
    /// Black or white, whichever reads better on background.
    static QColor textOn(const QColor &background);
    /// The three text colours below have a contrast of at least 4.5 against both the palette's
    /// Window and Base (falling back to WindowText for a palette where the hue cannot reach it).
    /// Foreground for text that reports a problem ("expired", a verification error).
    static QColor errorText(const QPalette &palette);
    /// Foreground for text that reports something to check ("not yet valid").
    static QColor warningText(const QPalette &palette);
    /// Foreground for text that reports success ("verified").
    static QColor successText(const QPalette &palette);
};

} // namespace cimdiag
