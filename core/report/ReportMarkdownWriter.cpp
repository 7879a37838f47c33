// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/ReportMarkdownWriter.h"

#include "core/diagnostics/DiagnosticStage.h"
#include "core/report/ReportText.h"

#include <QRegularExpression>

namespace cimdiag {

namespace {

using Heading = ReportText::Heading;
using Label = ReportText::Label;

QString statusText(CheckStatus status)
{
    return QStringLiteral("**") + checkStatusTitle(status) + QStringLiteral("**");
}

QString rowsTable(const ReportText::Rows &rows)
{
    QString md = QStringLiteral("| | |\n|---|---|\n");
    for (const auto &[label, value] : rows)
        md += QStringLiteral("| %1 | %2 |\n")
                  .arg(ReportMarkdownWriter::escape(label), ReportMarkdownWriter::escape(value));
    return md + u'\n';
}

/// A fence longer than any backtick run in text, so a log line cannot close it.
QString fenced(const QString &text)
{
    static const QRegularExpression ticks(QStringLiteral("`+"));
    qsizetype longest = 2;
    for (auto it = ticks.globalMatch(text); it.hasNext();)
        longest = qMax(longest, it.next().capturedLength());
    const QString fence(longest + 1, u'`');
    return fence + QStringLiteral("text\n") + text + u'\n' + fence + u'\n';
}

} // namespace

QString ReportMarkdownWriter::escape(const QString &text)
{
    QString result;
    result.reserve(text.size() + 8);
    for (const QChar c : ReportText::printable(text)) {
        switch (c.unicode()) {
        case u'\\':
        case u'`':
        case u'*':
        case u'_':
        case u'[':
        case u']':
        case u'|':
        case u'#':
        case u'!':
        case u'~':
            result += u'\\';
            result += c;
            break;
        case u'<':
            result += QStringLiteral("&lt;");
            break;
        case u'>':
            result += QStringLiteral("&gt;");
            break;
        case u'&':
            result += QStringLiteral("&amp;");
            break;
        case u'\n':
            result += QStringLiteral("<br>");
            break;
        default:
            result += c;
        }
    }
    return result;
}

QString ReportMarkdownWriter::toMarkdown(const DiagnosticReport &report)
{
    QString md = QStringLiteral("# ") + escape(ReportText::heading(Heading::Report)) + QStringLiteral("\n\n");
    md += statusText(report.run.overallStatus()) + QStringLiteral(": ") + escape(report.run.target.displayUrl())
        + QStringLiteral("  \n") + escape(ReportText::startedLine(report)) + QStringLiteral("\n\n");

    md += QStringLiteral("## ") + escape(ReportText::heading(Heading::Summary)) + QStringLiteral("\n\n");
    md += QStringLiteral("| %1 | %2 | %3 | %4 | %5 |\n|---|---|---:|---:|---|\n")
              .arg(escape(ReportText::label(Label::Stage)), escape(ReportText::label(Label::Status)),
                  escape(ReportText::label(Label::Start)), escape(ReportText::label(Label::Duration)),
                  escape(ReportText::label(Label::Summary)));
    for (const CheckResult &result : report.run.results) {
        md += QStringLiteral("| %1 | %2 | %3 | %4 | %5 |\n")
                  .arg(escape(diagnosticStageTitle(result.stage)), statusText(result.status))
                  .arg(report.startOffsetMs(result))
                  .arg(qint64(result.duration.count()))
                  .arg(escape(result.summary));
    }
    md += u'\n';

    md += QStringLiteral("## ") + escape(ReportText::heading(Heading::Timeline)) + QStringLiteral("\n\n");
    md += fenced(ReportText::timelineBars(report).join(u'\n')) + u'\n';

    md += QStringLiteral("## ") + escape(ReportText::heading(Heading::Stages)) + QStringLiteral("\n\n");
    for (const CheckResult &result : report.run.results) {
        md += QStringLiteral("### %1: %2\n\n%3\n\n")
                  .arg(escape(diagnosticStageTitle(result.stage)), escape(checkStatusTitle(result.status)),
                      escape(result.summary));
        for (const QString &line : result.details)
            md += QStringLiteral("- ") + escape(line) + u'\n';
        if (!result.details.isEmpty())
            md += u'\n';
        if (!result.evidence.isEmpty()) {
            md += QStringLiteral("| %1 | |\n|---|---|\n").arg(escape(ReportText::label(Label::Evidence)));
            for (const CheckEvidence &item : result.evidence)
                md += QStringLiteral("| %1 | %2 |\n").arg(escape(item.name), escape(item.value));
            md += u'\n';
        }
        for (const QString &id : result.hintIds) {
            const Hint *hint = report.hint(id);
            md += QStringLiteral("> **%1 %2**\n").arg(escape(id), hint ? escape(hint->title) : QString());
            if (hint && !hint->cause.isEmpty()) {
                md += QStringLiteral(">\n> %1: %2\n>\n> %3: %4\n")
                          .arg(escape(ReportText::label(Label::Cause)), escape(hint->cause),
                              escape(ReportText::label(Label::Remedy)), escape(hint->remedy));
            }
            md += u'\n';
        }
    }

    if (report.tls) {
        md += QStringLiteral("## ") + escape(ReportText::heading(Heading::Tls)) + QStringLiteral("\n\n");
        md += rowsTable(ReportText::tlsRows(report));
        for (const TlsCertificateInfo &certificate : report.tls->peerChain) {
            md += QStringLiteral("### ") + escape(ReportText::tr("Certificate %1").arg(certificate.depth))
                + QStringLiteral("\n\n");
            md += rowsTable(ReportText::certificateRows(certificate));
        }
    }
    const ReportText::Rows server = ReportText::serverRows(report);
    if (!server.isEmpty())
        md += QStringLiteral("## ") + escape(ReportText::heading(Heading::Server)) + QStringLiteral("\n\n")
            + rowsTable(server);

    if (!report.statistics.isEmpty()) {
        md += QStringLiteral("## ") + escape(ReportText::heading(Heading::Statistics)) + QStringLiteral("\n\n");
        const QStringList header = ReportText::statisticsHeader();
        QStringList escaped;
        for (const QString &column : header)
            escaped << escape(column);
        md += QStringLiteral("| ") + escaped.join(QStringLiteral(" | ")) + QStringLiteral(" |\n|---")
            + QStringLiteral("|---:").repeated(header.size() - 1) + QStringLiteral("|\n");
        for (const WbemOperationStatistic &statistic : report.statistics) {
            QStringList row;
            for (const QString &cell : ReportText::statisticsRow(statistic))
                row << escape(cell);
            md += QStringLiteral("| ") + row.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
        }
        md += u'\n';
    }

    for (const ReportSection &section : report.sections) {
        md += QStringLiteral("## ") + escape(section.title) + QStringLiteral("\n\n");
        if (section.status || !section.summary.isEmpty())
            md += (section.status ? statusText(*section.status) + u' ' : QString()) + escape(section.summary)
                + QStringLiteral("\n\n");
        if (!section.fields.isEmpty()) {
            ReportText::Rows rows;
            for (const CheckEvidence &field : section.fields)
                rows.append({field.name, field.value});
            md += rowsTable(rows);
        }
        if (!section.lines.isEmpty())
            md += fenced(ReportText::printable(section.lines.join(u'\n'))) + u'\n';
    }

    md += QStringLiteral("## ") + escape(ReportText::heading(Heading::Environment)) + QStringLiteral("\n\n");
    md += rowsTable(ReportText::environmentRows(report));

    md += QStringLiteral("## ") + escape(ReportText::heading(Heading::Log)) + QStringLiteral("\n\n");
    if (report.logOmitted > 0)
        md += escape(ReportText::tr("%n earlier line(s) not included.", nullptr, int(report.logOmitted)))
            + QStringLiteral("\n\n");
    for (const LogChannel channel : {LogChannel::Check, LogChannel::Operation, LogChannel::Http}) {
        QStringList lines;
        for (const LogEntry &entry : report.logs) {
            if (entry.channel == channel)
                lines << ReportText::logLine(entry);
        }
        if (lines.isEmpty())
            continue;
        md += QStringLiteral("<details><summary>%1</summary>\n\n")
                  .arg(ReportText::tr("%1 channel: %n line(s)", nullptr, int(lines.size()))
                           .arg(LogEntry::channelName(channel))
                           .toHtmlEscaped());
        md += fenced(lines.join(u'\n')) + QStringLiteral("\n</details>\n\n");
    }
    return md;
}

QByteArray ReportMarkdownWriter::write(const DiagnosticReport &report)
{
    return toMarkdown(report).toUtf8();
}

} // namespace cimdiag
