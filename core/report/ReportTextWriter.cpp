// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/ReportTextWriter.h"

#include "core/diagnostics/DiagnosticStage.h"
#include "core/report/ReportText.h"

namespace cimdiag {

namespace {

using Heading = ReportText::Heading;
using Label = ReportText::Label;
QString printable(const QString &text)
{
    return ReportText::printable(text);
}

QString heading(const QString &title, QChar underline = u'-')
{
    return u'\n' + title + u'\n' + QString(title.size(), underline) + u'\n';
}

QString rows(const ReportText::Rows &rows, const QString &indent = {})
{
    qsizetype width = 0;
    for (const auto &row : rows)
        width = qMax(width, row.first.size());
    QString text;
    for (const auto &[label, value] : rows) {
        QString shown = printable(value);
        shown.replace(u'\n', u'\n' + indent + QString(width + 2, u' '));
        text += indent + QString(label + u':').leftJustified(width + 2) + shown + u'\n';
    }
    return text;
}

} // namespace

QString ReportTextWriter::toText(const DiagnosticReport &report)
{
    QString text = ReportText::heading(Heading::Report) + u'\n'
        + QString(ReportText::heading(Heading::Report).size(), u'=') + u'\n';
    text += printable(ReportText::verdict(report)) + u'\n' + ReportText::startedLine(report) + u'\n';

    text += heading(ReportText::heading(Heading::Summary));
    qsizetype titleWidth = 0;
    for (const DiagnosticStage stage : allDiagnosticStages())
        titleWidth = qMax(titleWidth, diagnosticStageTitle(stage).size());
    for (const CheckResult &result : report.run.results) {
        text += checkStatusTitle(result.status).leftJustified(8)
            + diagnosticStageTitle(result.stage).leftJustified(titleWidth) + QStringLiteral("  ")
            + QString::number(qint64(result.duration.count())).rightJustified(6) + QStringLiteral(" ms  ")
            + printable(result.summary) + u'\n';
    }

    text += heading(ReportText::heading(Heading::Timeline));
    for (const QString &line : ReportText::timelineBars(report))
        text += line + u'\n';

    text += heading(ReportText::heading(Heading::Stages));
    for (const CheckResult &result : report.run.results) {
        text += u'\n' + diagnosticStageTitle(result.stage) + QStringLiteral(": ") + checkStatusTitle(result.status)
            + u'\n' + QStringLiteral("  ") + printable(result.summary) + u'\n';
        for (const QString &line : result.details)
            text += QStringLiteral("  - ") + printable(line) + u'\n';
        if (!result.evidence.isEmpty()) {
            text += QStringLiteral("  ") + ReportText::label(Label::Evidence) + QStringLiteral(":\n");
            for (const CheckEvidence &item : result.evidence)
                text += QStringLiteral("    ") + printable(item.name) + QStringLiteral(" = ") + printable(item.value)
                    + u'\n';
        }
        for (const QString &id : result.hintIds) {
            const Hint *hint = report.hint(id);
            text += QStringLiteral("  [") + id + QStringLiteral("] ") + (hint ? hint->title : QString()) + u'\n';
            if (hint && !hint->cause.isEmpty()) {
                text += QStringLiteral("      ") + ReportText::label(Label::Cause) + QStringLiteral(": ") + hint->cause
                    + u'\n';
                text += QStringLiteral("      ") + ReportText::label(Label::Remedy) + QStringLiteral(": ")
                    + hint->remedy + u'\n';
            }
        }
    }

    if (report.tls) {
        text += heading(ReportText::heading(Heading::Tls)) + rows(ReportText::tlsRows(report));
        for (const TlsCertificateInfo &certificate : report.tls->peerChain)
            text += u'\n' + ReportText::tr("Certificate %1").arg(certificate.depth) + u'\n'
                + rows(ReportText::certificateRows(certificate), QStringLiteral("  "));
    }
    const ReportText::Rows server = ReportText::serverRows(report);
    if (!server.isEmpty())
        text += heading(ReportText::heading(Heading::Server)) + rows(server);
    if (!report.statistics.isEmpty()) {
        text += heading(ReportText::heading(Heading::Statistics));
        QList<QStringList> table {ReportText::statisticsHeader()};
        for (const WbemOperationStatistic &statistic : report.statistics)
            table.append(ReportText::statisticsRow(statistic));
        QList<qsizetype> widths(table.constFirst().size(), 0);
        for (const QStringList &row : std::as_const(table)) {
            for (qsizetype i = 0; i < row.size(); ++i)
                widths[i] = qMax(widths[i], row.at(i).size());
        }
        for (const QStringList &row : std::as_const(table)) {
            QStringList cells;
            for (qsizetype i = 0; i < row.size(); ++i)
                cells << (i == 0 ? row.at(i).leftJustified(widths[i]) : row.at(i).rightJustified(widths[i]));
            text += printable(cells.join(QStringLiteral("  "))) + u'\n';
        }
    }
    for (const ReportSection &section : report.sections) {
        text += heading(printable(section.title));
        if (section.status || !section.summary.isEmpty())
            text += (section.status ? checkStatusTitle(*section.status) + QStringLiteral(": ") : QString())
                + printable(section.summary) + u'\n';
        ReportText::Rows fields;
        for (const CheckEvidence &field : section.fields)
            fields.append({field.name, field.value});
        text += rows(fields);
        for (const QString &line : section.lines)
            text += printable(line) + u'\n';
    }

    text += heading(ReportText::heading(Heading::Environment)) + rows(ReportText::environmentRows(report));

    text += heading(ReportText::heading(Heading::Log));
    if (report.logOmitted > 0)
        text += ReportText::tr("%n earlier line(s) not included.", nullptr, int(report.logOmitted)) + u'\n';
    for (const LogEntry &entry : report.logs)
        text += ReportText::logLine(entry) + u'\n';
    return text;
}

QByteArray ReportTextWriter::write(const DiagnosticReport &report)
{
    return toText(report).toUtf8();
}

} // namespace cimdiag
