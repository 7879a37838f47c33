// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/ReportFormat.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace cimdiag {

namespace {
struct Format
{
    Q_DECLARE_TR_FUNCTIONS(cimdiag::ReportFormat)
};
} // namespace

std::optional<ReportFormat> reportFormatForFile(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"json")
        return ReportFormat::Json;
    if (suffix == u"html" || suffix == u"htm")
        return ReportFormat::Html;
    if (suffix == u"md")
        return ReportFormat::Markdown;
    if (suffix == u"txt")
        return ReportFormat::Text;
    return std::nullopt;
}

QStringList reportFileExtensions()
{
    return {QStringLiteral(".json"), QStringLiteral(".html"), QStringLiteral(".htm"), QStringLiteral(".md"),
        QStringLiteral(".txt")};
}

QString unknownReportFormatMessage(const QString &path, const QStringList &extensions)
{
    QString list;
    for (qsizetype i = 0; i < extensions.size(); ++i) {
        if (i > 0)
            list += i + 1 == extensions.size() ? Format::tr(" or ") : QStringLiteral(", ");
        list += extensions.at(i);
    }
    return Format::tr("unknown report format '%1': the file name must end in %2").arg(path, list);
}

QString reportFormatExtension(ReportFormat format)
{
    switch (format) {
    case ReportFormat::Json:
        return QStringLiteral(".json");
    case ReportFormat::Html:
        return QStringLiteral(".html");
    case ReportFormat::Markdown:
        return QStringLiteral(".md");
    case ReportFormat::Text:
        return QStringLiteral(".txt");
    }
    return {};
}

} // namespace cimdiag
