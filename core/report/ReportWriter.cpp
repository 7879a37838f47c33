// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/ReportWriter.h"

#include "core/report/ReportHtmlWriter.h"
#include "core/report/ReportJsonWriter.h"
#include "core/report/ReportMarkdownWriter.h"
#include "core/report/ReportTextWriter.h"

#include <QSaveFile>

namespace cimdiag {

QByteArray ReportWriter::render(const DiagnosticReport &report, ReportFormat format)
{
    switch (format) {
    case ReportFormat::Json:
        return ReportJsonWriter::write(report);
    case ReportFormat::Html:
        return ReportHtmlWriter::write(report);
    case ReportFormat::Markdown:
        return ReportMarkdownWriter::write(report);
    case ReportFormat::Text:
        return ReportTextWriter::write(report);
    }
    return {};
}

bool ReportWriter::writeFile(const DiagnosticReport &report, const QString &path, QString *error)
{
    const std::optional<ReportFormat> format = reportFormatForFile(path);
    if (!format) {
        if (error)
            *error = unknownReportFormatMessage(path);
        return false;
    }
    return writeBytes(render(report, *format), path, error);
}

bool ReportWriter::writeBytes(const QByteArray &bytes, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = tr("cannot write the report %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace cimdiag
