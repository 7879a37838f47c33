// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace cimdiag {

/// The formats core writes a DiagnosticReport in (PDF is rendered in ui/export from the HTML).
enum class ReportFormat : quint8 { Json, Html, Markdown, Text };

/// The format a file name asks for by its extension (case-insensitive): .json, .html or .htm, .md,
/// .txt; nullopt for anything else.
std::optional<ReportFormat> reportFormatForFile(const QString &path);
/// The extensions reportFormatForFile() knows, with the dot: ".json", ".html", ".htm", ".md", ".txt".
QStringList reportFileExtensions();
/// Translated: "unknown report format 'x.pdf': the file name must end in .json, .html, .htm, .md or .txt".
QString unknownReportFormatMessage(const QString &path, const QStringList &extensions = reportFileExtensions());
/// The canonical extension with the dot (".json", ".html", ".md", ".txt").
QString reportFormatExtension(ReportFormat format);

} // namespace cimdiag
