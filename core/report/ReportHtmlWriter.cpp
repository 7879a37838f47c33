// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/ReportHtmlWriter.h"

#include "core/diagnostics/DiagnosticStage.h"
#include "core/report/ReportText.h"

#include <algorithm>

namespace cimdiag {

namespace {

using Heading = ReportText::Heading;
using Label = ReportText::Label;
using Flavour = ReportHtmlWriter::Flavour;

QString esc(const QString &text)
{
    return ReportText::printable(text).toHtmlEscaped();
}

/// Status colours that keep 4.5:1 contrast on white (WCAG AA) and print in grey legibly.
QString statusColor(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Passed:
        return QStringLiteral("#1a7f37");
    case CheckStatus::Warning:
        return QStringLiteral("#9a6700");
    case CheckStatus::Failed:
        return QStringLiteral("#cf222e");
    default:
        return QStringLiteral("#57606a");
    }
}

QString statusBadge(CheckStatus status)
{
    return QStringLiteral("<span class=\"status status-%1\" style=\"color:%2\">%3</span>")
        .arg(checkStatusName(status), statusColor(status), esc(checkStatusTitle(status)));
}

QString rowsTable(const ReportText::Rows &rows)
{
    QString html = QStringLiteral("<table class=\"kv\" border=\"1\" cellspacing=\"0\" cellpadding=\"4\">\n");
    for (const auto &[label, value] : rows)
        html += QStringLiteral("<tr><th scope=\"row\">%1</th><td>%2</td></tr>\n").arg(esc(label), esc(value));
    return html + QStringLiteral("</table>\n");
}

QString h2(Heading heading, const QString &id)
{
    return QStringLiteral("<h2 id=\"%1\">%2</h2>\n").arg(id, esc(ReportText::heading(heading)));
}

const char *const kStyle = R"CSS(
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; font-size: 15px; line-height: 1.45;
  color: #1f2328; background: #fff; margin: 0 auto; padding: 1.5rem 2rem; max-width: 72rem; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
h2 { font-size: 1.3rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin: 1.2rem 0 .3rem; }
table { border-collapse: collapse; margin: .4rem 0; }
th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; text-align: left; vertical-align: top; }
table.kv th { background: #f6f8fa; font-weight: 600; white-space: nowrap; }
thead th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
code, pre { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .85rem; }
pre { background: #f6f8fa; padding: .6rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
.verdict { font-size: 1.25rem; font-weight: 700; }
.status { font-weight: 700; }
.hint { border-left: 4px solid #d0d7de; padding: .2rem .8rem; margin: .5rem 0; }
.hint p { margin: .2rem 0; }
.muted { color: #57606a; }
svg.timeline { width: 100%; height: auto; max-width: 64rem; }
svg.timeline text { font-family: inherit; font-size: 13px; fill: #1f2328; }
details { margin: .4rem 0; }
summary { cursor: pointer; font-weight: 600; }
@media print {
  body { font-size: 10.5pt; max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  section.stage, table, svg.timeline { break-inside: avoid; }
  pre { white-space: pre-wrap; border: 1px solid #d0d7de; }
  details::details-content { content-visibility: visible; display: block; }
  summary { list-style: none; }
}
)CSS";

QString timelineSvg(const DiagnosticReport &report)
{
    const QList<CheckResult> &results = report.run.results;
    qint64 total = qMax<qint64>(1, report.run.duration.count());
    for (const CheckResult &result : results)
        total = qMax(total, report.startOffsetMs(result) + qint64(result.duration.count()));
    constexpr int labelWidth = 300, barWidth = 560, width = 1000, rowHeight = 28, top = 8;
    const int height = top * 2 + int(results.size()) * rowHeight + 20;
    QString svg = QStringLiteral("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                                 "viewBox=\"0 0 %1 %2\" aria-label=\"%3\">\n")
                      .arg(width)
                      .arg(height)
                      .arg(esc(ReportText::heading(Heading::Timeline)));
    int y = top;
    for (const CheckResult &result : results) {
        const qint64 offset = report.startOffsetMs(result);
        const double x = labelWidth + double(offset) * barWidth / double(total);
        const double w = qMax(2.0, double(result.duration.count()) * barWidth / double(total));
        svg += QStringLiteral("<text x=\"0\" y=\"%1\">%2</text>\n")
                   .arg(y + 18)
                   .arg(esc(diagnosticStageTitle(result.stage)));
        svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"18\" rx=\"3\" fill=\"%4\">"
                              "<title>%5: %6, +%7 ms, %8 ms</title></rect>\n")
                   .arg(x, 0, 'f', 1)
                   .arg(y + 4)
                   .arg(w, 0, 'f', 1)
                   .arg(statusColor(result.status), esc(diagnosticStageTitle(result.stage)),
                       esc(checkStatusTitle(result.status)))
                   .arg(offset)
                   .arg(qint64(result.duration.count()));
        svg += QStringLiteral("<text x=\"%1\" y=\"%2\">%3 ms</text>\n")
                   .arg(x + w + 6, 0, 'f', 1)
                   .arg(y + 18)
                   .arg(qint64(result.duration.count()));
        y += rowHeight;
    }
    svg += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%2\" stroke=\"#8c959f\"/>\n")
               .arg(labelWidth)
               .arg(y + 4)
               .arg(labelWidth + barWidth);
    svg += QStringLiteral(
        "<text x=\"%1\" y=\"%2\">0 ms</text><text x=\"%3\" y=\"%2\" text-anchor=\"end\">%4 ms</text>\n")
               .arg(labelWidth)
               .arg(y + 20)
               .arg(labelWidth + barWidth)
               .arg(total);
    return svg + QStringLiteral("</svg>\n");
}

/// QTextDocument draws no SVG: bars of block characters in the status colour, in a table.
QString timelineTable(const DiagnosticReport &report)
{
    qint64 total = qMax<qint64>(1, report.run.duration.count());
    for (const CheckResult &result : report.run.results)
        total = qMax(total, report.startOffsetMs(result) + qint64(result.duration.count()));
    constexpr int columns = 30;
    QString html = QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\">\n");
    for (const CheckResult &result : report.run.results) {
        const qint64 offset = report.startOffsetMs(result);
        const int lead = int(offset * columns / total);
        const int length = qMax(1, int(qint64(result.duration.count()) * columns / total));
        html += QStringLiteral(
            "<tr><td>%1</td><td style=\"white-space: pre\"><code>%2<span style=\"color:%3\">%4</span></code></td>"
            "<td align=\"right\">+%5 ms</td><td align=\"right\">%6 ms</td></tr>\n")
                    .arg(esc(diagnosticStageTitle(result.stage)), QString(lead, QChar(0x00a0)),
                        statusColor(result.status), QString(length, QChar(0x2588)))
                    .arg(offset)
                    .arg(qint64(result.duration.count()));
    }
    return html + QStringLiteral("</table>\n");
}

QString stageHtml(const DiagnosticReport &report, const CheckResult &result)
{
    QString html = QStringLiteral("<section class=\"stage\" id=\"stage-%1\">\n<h3>%2: %3</h3>\n<p>%4</p>\n")
                       .arg(diagnosticStageId(result.stage), esc(diagnosticStageTitle(result.stage)),
                           statusBadge(result.status), esc(result.summary));
    html += QStringLiteral("<p class=\"muted\">+%1 ms, %2 ms</p>\n")
                .arg(report.startOffsetMs(result))
                .arg(qint64(result.duration.count()));
    if (!result.details.isEmpty()) {
        html += QStringLiteral("<ul>\n");
        for (const QString &line : result.details)
            html += QStringLiteral("<li>%1</li>\n").arg(esc(line));
        html += QStringLiteral("</ul>\n");
    }
    if (!result.evidence.isEmpty()) {
        html += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\"><caption>%1</caption>\n")
                    .arg(esc(ReportText::label(Label::Evidence)));
        for (const CheckEvidence &item : result.evidence)
            html += QStringLiteral("<tr><td><code>%1</code></td><td><code>%2</code></td></tr>\n")
                        .arg(esc(item.name), esc(item.value));
        html += QStringLiteral("</table>\n");
    }
    for (const QString &id : result.hintIds) {
        const Hint *hint = report.hint(id);
        html += QStringLiteral("<div class=\"hint\"><p><b>%1 %2</b></p>\n")
                    .arg(esc(id), hint ? esc(hint->title) : QString());
        if (hint && !hint->cause.isEmpty()) {
            html += QStringLiteral("<p><b>%1:</b> %2</p>\n<p><b>%3:</b> %4</p>\n")
                        .arg(esc(ReportText::label(Label::Cause)), esc(hint->cause),
                            esc(ReportText::label(Label::Remedy)), esc(hint->remedy));
        }
        html += QStringLiteral("</div>\n");
    }
    return html + QStringLiteral("</section>\n");
}

} // namespace

QString ReportHtmlWriter::toHtml(const DiagnosticReport &report, Flavour flavour)
{
    const bool browser = flavour == Flavour::Browser;
    const QString title = ReportText::heading(Heading::Report) + QStringLiteral(": ") + report.run.target.displayUrl();
    QString html = QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    if (browser) {
        // Nothing may load from anywhere: the report is read offline, attached to tickets, and must
        // not call home when opened. data: covers the empty favicon below.
        html += QStringLiteral("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                               "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
                               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                               "<link rel=\"icon\" href=\"data:,\">\n");
    }
    html += QStringLiteral("<title>%1</title>\n").arg(esc(title));
    if (browser)
        html += QStringLiteral("<style>") + QString::fromLatin1(kStyle) + QStringLiteral("</style>\n");
    html += QStringLiteral("</head>\n<body>\n<header>\n<h1>%1</h1>\n").arg(esc(ReportText::heading(Heading::Report)));
    html += QStringLiteral("<p class=\"verdict\" style=\"color:%1\">%2</p>\n<p>%3</p>\n</header>\n")
                .arg(statusColor(report.run.overallStatus()), esc(ReportText::verdict(report)),
                    esc(ReportText::startedLine(report)));

    html += QStringLiteral("<main>\n") + h2(Heading::Summary, QStringLiteral("summary"));
    html += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\">\n<thead><tr><th>%1</th><th>%2</th>"
                           "<th>%3</th><th>%4</th></tr></thead>\n<tbody>\n")
                .arg(esc(ReportText::label(Label::Stage)), esc(ReportText::label(Label::Status)),
                    esc(ReportText::label(Label::Duration)), esc(ReportText::label(Label::Summary)));
    for (const CheckResult &result : report.run.results) {
        html += QStringLiteral(
            "<tr><td><a href=\"#stage-%1\">%2</a></td><td>%3</td><td class=\"num\" align=\"right\">%4</td>"
            "<td>%5</td></tr>\n")
                    .arg(diagnosticStageId(result.stage), esc(diagnosticStageTitle(result.stage)),
                        statusBadge(result.status))
                    .arg(qint64(result.duration.count()))
                    .arg(esc(result.summary));
    }
    html += QStringLiteral("</tbody>\n</table>\n");

    html += h2(Heading::Timeline, QStringLiteral("timeline"));
    html += browser ? timelineSvg(report) : timelineTable(report);

    html += h2(Heading::Stages, QStringLiteral("stages"));
    for (const CheckResult &result : report.run.results)
        html += stageHtml(report, result);

    if (report.tls) {
        html += h2(Heading::Tls, QStringLiteral("tls")) + rowsTable(ReportText::tlsRows(report));
        for (const TlsCertificateInfo &certificate : report.tls->peerChain) {
            html += QStringLiteral("<h3>%1</h3>\n").arg(esc(ReportText::tr("Certificate %1").arg(certificate.depth)));
            html += rowsTable(ReportText::certificateRows(certificate));
        }
    }
    const ReportText::Rows server = ReportText::serverRows(report);
    if (!server.isEmpty())
        html += h2(Heading::Server, QStringLiteral("server")) + rowsTable(server);

    if (!report.statistics.isEmpty()) {
        html += h2(Heading::Statistics, QStringLiteral("statistics"));
        html += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\">\n<thead><tr>");
        for (const QString &column : ReportText::statisticsHeader())
            html += QStringLiteral("<th>%1</th>").arg(esc(column));
        html += QStringLiteral("</tr></thead>\n<tbody>\n");
        for (const WbemOperationStatistic &statistic : report.statistics) {
            const QStringList row = ReportText::statisticsRow(statistic);
            html += QStringLiteral("<tr>");
            for (qsizetype i = 0; i < row.size(); ++i)
                html += (i == 0 ? QStringLiteral("<td>%1</td>")
                                : QStringLiteral("<td class=\"num\" align=\"right\">%1</td>"))
                            .arg(esc(row.at(i)));
            html += QStringLiteral("</tr>\n");
        }
        html += QStringLiteral("</tbody>\n</table>\n");
    }

    for (const ReportSection &section : report.sections) {
        html += QStringLiteral("<h2 id=\"section-%1\">%2</h2>\n").arg(esc(section.id), esc(section.title));
        if (section.status || !section.summary.isEmpty()) {
            html += QStringLiteral("<p>%1%2</p>\n")
                        .arg(section.status ? statusBadge(*section.status) + QStringLiteral(" ") : QString(),
                            esc(section.summary));
        }
        if (!section.fields.isEmpty()) {
            ReportText::Rows rows;
            for (const CheckEvidence &field : section.fields)
                rows.append({field.name, field.value});
            html += rowsTable(rows);
        }
        if (!section.lines.isEmpty())
            html += QStringLiteral("<pre>%1</pre>\n").arg(esc(section.lines.join(u'\n')));
    }

    html += h2(Heading::Environment, QStringLiteral("environment")) + rowsTable(ReportText::environmentRows(report));

    html += h2(Heading::Log, QStringLiteral("log"));
    if (report.logOmitted > 0)
        html += QStringLiteral("<p class=\"muted\">%1</p>\n")
                    .arg(esc(ReportText::tr("%n earlier line(s) not included.", nullptr, int(report.logOmitted))));
    if (report.logs.isEmpty())
        html += QStringLiteral("<p class=\"muted\">%1</p>\n").arg(esc(ReportText::tr("No log lines.")));
    for (const LogChannel channel : {LogChannel::Check, LogChannel::Operation, LogChannel::Http}) {
        QStringList lines;
        for (const LogEntry &entry : report.logs) {
            if (entry.channel == channel)
                lines << ReportText::logLine(entry);
        }
        if (lines.isEmpty())
            continue;
        const QString caption
            = ReportText::tr("%1 channel: %n line(s)", nullptr, int(lines.size())).arg(LogEntry::channelName(channel));
        if (browser)
            html += QStringLiteral(
                "<details class=\"log\" id=\"log-%1\">\n<summary>%2</summary>\n<pre>%3</pre>\n</details>\n")
                        .arg(LogEntry::channelName(channel), esc(caption), esc(lines.join(u'\n')));
        else
            html += QStringLiteral("<h3>%1</h3>\n<pre>%2</pre>\n").arg(esc(caption), esc(lines.join(u'\n')));
    }
    html += QStringLiteral("</main>\n");
    if (browser) {
        // A closed <details> prints closed; open every one for printing, close them after.
        html += QStringLiteral(
            "<script>\n"
            "addEventListener('beforeprint', () => document.querySelectorAll('details.log').forEach(d => { "
            "d.dataset.wasOpen = d.open; d.open = true; }));\n"
            "addEventListener('afterprint', () => document.querySelectorAll('details.log').forEach(d => { d.open = "
            "d.dataset.wasOpen === 'true'; }));\n"
            "</script>\n");
    }
    return html + QStringLiteral("</body>\n</html>\n");
}

QByteArray ReportHtmlWriter::write(const DiagnosticReport &report, Flavour flavour)
{
    return toHtml(report, flavour).toUtf8();
}

} // namespace cimdiag
