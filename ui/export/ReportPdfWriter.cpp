// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/ReportPdfWriter.h"

#include "core/report/ReportHtmlWriter.h"
#include "core/report/ReportText.h"

#include <QBuffer>
#include <QMarginsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>

namespace cimdiag {

QByteArray ReportPdfWriter::write(const DiagnosticReport &report)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setTitle(
            ReportText::heading(ReportText::Heading::Report) + QStringLiteral(": ") + report.run.target.displayUrl());
        writer.setCreator(report.environment.toolName + u' ' + report.environment.toolVersion);
        writer.setPageLayout(QPageLayout(
            QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter));
        writer.setResolution(300);

        QTextDocument document;
        document.setDefaultStyleSheet(QStringLiteral(
            "body { font-family: 'DejaVu Sans'; font-size: 9pt; } pre, code { font-family: 'DejaVu Sans Mono'; "
            "font-size: 7.5pt; } th { background-color: #f6f8fa; text-align: left; } h2 { margin-top: 14px; }"));
        document.setHtml(ReportHtmlWriter::toHtml(report, ReportHtmlWriter::Flavour::RichText));
        // print() paginates to the writer's page rectangle.
        document.print(&writer);
    }
    return bytes;
}

} // namespace cimdiag
