// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/report/DiagnosticReport.h"

#include <QByteArray>
#include <QString>

namespace cimdiag {

/// A DiagnosticReport as plain UTF-8 text (an e-mail body, a terminal): underlined headings,
/// aligned label/value lines, the timeline as bars of '#', control characters escaped.
class ReportTextWriter final
{
public:
    ReportTextWriter() = delete;

    static QString toText(const DiagnosticReport &report);
    static QByteArray write(const DiagnosticReport &report);
};

} // namespace cimdiag
