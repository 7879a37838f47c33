// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/report/DiagnosticReport.h"

#include <QByteArray>
#include <QString>

namespace cimdiag {

/// A DiagnosticReport as one self-contained HTML page: no external resource of any kind (a
/// Content-Security-Policy of default-src 'none' says so to the browser), inline CSS readable on
/// screen and in print (@media print), the stage timeline drawn as inline SVG, each log channel
/// collapsible in a <details> element (opened for printing by a three-line inline script).
///
/// Flavour::RichText writes the subset QTextDocument understands (tables instead of SVG, logs
/// open): ui/export renders the PDF from it.
class ReportHtmlWriter final
{
public:
    ReportHtmlWriter() = delete;

    enum class Flavour : quint8 { Browser, RichText };

    static QString toHtml(const DiagnosticReport &report, Flavour flavour = Flavour::Browser);
    /// UTF-8.
    static QByteArray write(const DiagnosticReport &report, Flavour flavour = Flavour::Browser);
};

} // namespace cimdiag
