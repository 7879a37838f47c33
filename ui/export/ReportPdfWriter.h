// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/report/DiagnosticReport.h"

#include <QByteArray>

namespace cimdiag {

/// A DiagnosticReport as PDF: ReportHtmlWriter's RichText flavour laid out by QTextDocument on a
/// QPdfWriter (A4, 15 mm margins). Reentrant: runs on a worker thread (ReportExporter), as the
/// architecture asks of PDF writing.
class ReportPdfWriter final
{
public:
    ReportPdfWriter() = delete;

    static QByteArray write(const DiagnosticReport &report);
};

} // namespace cimdiag
