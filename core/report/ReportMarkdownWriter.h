// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/report/DiagnosticReport.h"

#include <QByteArray>
#include <QString>

namespace cimdiag {

/// A DiagnosticReport as GitHub-flavoured Markdown for tickets: headings, pipe tables, hints as
/// block quotes, the timeline as a table, logs in fenced blocks inside <details> (GitHub and GitLab
/// render them collapsed). Server text is escaped so it cannot break a table or open a link.
class ReportMarkdownWriter final
{
public:
    ReportMarkdownWriter() = delete;

    static QString toMarkdown(const DiagnosticReport &report);
    static QByteArray write(const DiagnosticReport &report);
    /// text safe inside a pipe table cell or a paragraph: Markdown punctuation backslash-escaped,
    /// line breaks as <br>, HTML special characters as entities.
    static QString escape(const QString &text);
};

} // namespace cimdiag
