// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliCheckPrinter.h"

#include "core/diagnostics/HintCatalogue.h"

#include <QFileDevice>
#include <QJsonArray>

#include <algorithm>

namespace cimdiag {

namespace {

constexpr int kStatusWidth = 4;

int titleWidth()
{
    int width = 0;
    for (const DiagnosticStage stage : allDiagnosticStages())
        width = qMax(width, int(diagnosticStageTitle(stage).size()));
    return width;
}

/// ANSI SGR colour per status (30-37 foreground; 2 dim).
QLatin1String ansiColor(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Passed:
        return QLatin1String("\x1b[32m");
    case CheckStatus::Warning:
        return QLatin1String("\x1b[33m");
    case CheckStatus::Failed:
        return QLatin1String("\x1b[1;31m");
    case CheckStatus::Skipped:
        return QLatin1String("\x1b[2m");
    case CheckStatus::Pending:
    case CheckStatus::Running:
        break;
    }
    return QLatin1String("\x1b[36m");
}

const QLatin1String kAnsiReset("\x1b[0m");
const QLatin1String kEraseLine("\r\x1b[K");

/// C0 but the line break, DEL, C1.
bool isControl(QChar c)
{
    const char16_t unit = c.unicode();
    return (unit < 0x20 && unit != u'\n') || unit == 0x7f || (unit >= 0x80 && unit <= 0x9f);
}

/// The redactor's secrets plus their escapeControls() forms: the static builders escape before
/// write() redacts, so a secret with a control character in it must still be found.
LogRedactor withEscapedSecrets(const LogRedactor &redactor)
{
    QStringList secrets = redactor.secrets();
    for (const QString &secret : redactor.secrets()) {
        const QString escaped = CliCheckPrinter::escapeControls(secret);
        if (escaped != secret)
            secrets.append(escaped);
    }
    return secrets.size() == redactor.secrets().size() ? redactor : LogRedactor(secrets);
}

} // namespace

CliCheckPrinter::CliCheckPrinter(QIODevice &out, Style style, LogRedactor redactor)
    : m_out(out)
    , m_style(style)
    , m_redactor(withEscapedSecrets(redactor))
{
    m_style.color = m_style.color && m_style.terminal;
}

QString CliCheckPrinter::statusWord(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Passed:
        return QStringLiteral("PASS");
    case CheckStatus::Warning:
        return QStringLiteral("WARN");
    case CheckStatus::Failed:
        return QStringLiteral("FAIL");
    case CheckStatus::Skipped:
        return QStringLiteral("SKIP");
    case CheckStatus::Pending:
    case CheckStatus::Running:
        break;
    }
    return QStringLiteral("....");
}

QString CliCheckPrinter::escapeControls(const QString &text)
{
    if (std::none_of(text.cbegin(), text.cend(), isControl))
        return text;
    QString escaped;
    escaped.reserve(text.size() + 16);
    for (const QChar c : text) {
        if (isControl(c))
            escaped += QStringLiteral("\\x") + QString::number(c.unicode(), 16).rightJustified(2, u'0');
        else
            escaped += c;
    }
    return escaped;
}

QByteArray CliCheckPrinter::jsonBytes(const QJsonObject &json, QJsonDocument::JsonFormat format)
{
    const QByteArray bytes = QJsonDocument(json).toJson(format);
    // JSON (RFC 8259) requires escaping U+0000-U+001F only, so QJsonDocument writes DEL and the C1
    // controls raw. In UTF-8 a C1 control is C2 80..C2 9F; both bytes only ever occur inside a
    // string, so escaping them there keeps the document valid and equal.
    if (!bytes.contains('\x7f') && !bytes.contains('\xc2'))
        return bytes;
    QByteArray escaped;
    escaped.reserve(bytes.size() + 32);
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto byte = static_cast<unsigned char>(bytes.at(i));
        if (byte == 0x7f) {
            escaped += "\\u007f";
        } else if (byte == 0xc2 && i + 1 < bytes.size() && static_cast<unsigned char>(bytes.at(i + 1)) >= 0x80
            && static_cast<unsigned char>(bytes.at(i + 1)) <= 0x9f) {
            escaped += "\\u00" + QByteArray::number(static_cast<unsigned char>(bytes.at(i + 1)), 16);
            ++i;
        } else {
            escaped += bytes.at(i);
        }
    }
    return escaped;
}

QString CliCheckPrinter::sectionText(const ReportSection &section)
{
    QString text = u'\n' + escapeControls(section.title) + u'\n';
    if (section.status)
        text += QStringLiteral("  ") + statusWord(*section.status) + QStringLiteral("  ");
    else
        text += QStringLiteral("  ");
    text += escapeControls(section.summary) + u'\n';
    for (const CheckEvidence &field : section.fields)
        text += QStringLiteral("    ") + escapeControls(field.name) + QStringLiteral(": ") + escapeControls(field.value)
            + u'\n';
    for (const QString &line : section.lines)
        text += QStringLiteral("    ") + escapeControls(line) + u'\n';
    return text;
}

QString CliCheckPrinter::stageLine(const CheckResult &result)
{
    return statusWord(result.status) + QStringLiteral("  ")
        + diagnosticStageTitle(result.stage).leftJustified(titleWidth()) + u' '
        + tr("%1 ms").arg(qint64(result.duration.count()), 6) + QStringLiteral("  ") + escapeControls(result.summary);
}

QStringList CliCheckPrinter::wrap(const QString &text, int width, const QString &indent)
{
    QStringList lines;
    const int room = qMax(20, width - int(indent.size()));
    for (const QString &paragraph : text.split(u'\n')) {
        QString line;
        for (const QString &word : paragraph.split(u' ', Qt::SkipEmptyParts)) {
            if (!line.isEmpty() && line.size() + 1 + word.size() > room) {
                lines.append(indent + line);
                line.clear();
            }
            line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
        }
        lines.append(line.isEmpty() ? QString() : indent + line);
    }
    while (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines;
}

QString CliCheckPrinter::summaryText(const DiagnosticRun &run, int width, bool verbose)
{
    int counts[6] = {};
    for (const CheckResult &result : run.results)
        ++counts[int(result.status)];
    const CheckStatus overall = run.overallStatus();
    QString verdict;
    if (run.cancelled) {
        verdict = tr("CANCELLED");
    } else {
        switch (overall) {
        case CheckStatus::Passed:
            verdict = tr("PASSED");
            break;
        case CheckStatus::Warning:
            verdict = tr("PASSED WITH WARNINGS");
            break;
        default:
            verdict = tr("FAILED");
            break;
        }
    }
    QStringList tally;
    if (counts[int(CheckStatus::Passed)])
        tally.append(tr("%1 passed").arg(counts[int(CheckStatus::Passed)]));
    if (counts[int(CheckStatus::Warning)])
        tally.append(tr("%1 with warnings").arg(counts[int(CheckStatus::Warning)]));
    if (counts[int(CheckStatus::Failed)])
        tally.append(tr("%1 failed").arg(counts[int(CheckStatus::Failed)]));
    if (counts[int(CheckStatus::Skipped)])
        tally.append(tr("%1 skipped").arg(counts[int(CheckStatus::Skipped)]));

    QString text = u'\n'
        + tr("Result: %1 (%2) in %3 ms, %4")
              .arg(verdict, tally.join(QStringLiteral(", ")))
              .arg(qint64(run.duration.count()))
              .arg(run.target.displayUrl())
        + u'\n';

    const HintCatalogue &catalogue = HintCatalogue::instance();
    const QString indent = QStringLiteral("    ");
    bool anyHidden = false;
    for (const CheckResult &result : run.results) {
        const bool problem = result.status == CheckStatus::Failed || result.status == CheckStatus::Warning;
        const bool hasMore = !result.details.isEmpty() || !result.evidence.isEmpty();
        if (!problem && !(verbose && hasMore)) {
            anyHidden = anyHidden || hasMore;
            continue;
        }
        text += u'\n' + statusWord(result.status) + QStringLiteral("  ") + diagnosticStageTitle(result.stage)
            + QStringLiteral(": ") + result.summary + u'\n';
        for (const QString &detail : result.details)
            text += wrap(detail, width, indent).join(u'\n') + u'\n';
        if (!result.evidence.isEmpty()) {
            text += indent + tr("Evidence:") + u'\n';
            for (const CheckEvidence &item : result.evidence)
                text += indent + QStringLiteral("  ") + item.name + QStringLiteral(" = ") + item.value + u'\n';
        }
        for (const QString &id : result.hintIds) {
            const std::optional<Hint> hint = catalogue.hint(id);
            if (!hint) {
                text += indent + id + QStringLiteral("  ") + tr("(not in the hint catalogue)") + u'\n';
                continue;
            }
            text += indent + id + QStringLiteral("  ") + hint->title + u'\n';
            const QString hintIndent = indent + QStringLiteral("    ");
            text += wrap(tr("Cause: %1").arg(hint->cause), width, hintIndent).join(u'\n') + u'\n';
            text += wrap(tr("Remedy: %1").arg(hint->remedy), width, hintIndent).join(u'\n') + u'\n';
        }
        // Trust on first use, spelled as this command takes it (C7 self-signed, C8 incomplete chain,
        // C10 name mismatch): the fingerprint is the one the TLS stage read.
        const QString fingerprint = result.evidenceValue(u"tls.sha256");
        const bool pinHelps = result.hintIds.contains(QStringLiteral("C7"))
            || result.hintIds.contains(QStringLiteral("C8")) || result.hintIds.contains(QStringLiteral("C10"));
        if (result.stage == DiagnosticStage::Tls && pinHelps && !fingerprint.isEmpty()) {
            text += wrap(tr("To trust exactly this certificate, once its fingerprint matches the one the server "
                            "shows, add:"),
                        width, indent)
                        .join(u'\n')
                + u'\n' + indent + QStringLiteral("  --pin ") + fingerprint + u'\n';
        }
    }
    if (anyHidden)
        text += u'\n' + tr("The passed stages' details: --verbose, or --json / --report FILE.") + u'\n';
    // Summaries, details and evidence quote the server (status lines, headers, certificate names).
    return escapeControls(text);
}

QString CliCheckPrinter::logLine(const LogEntry &entry)
{
    QString text = entry.text;
    while (text.endsWith(u'\n') || text.endsWith(u'\r'))
        text.chop(1);
    text.replace(u'\r', QString());
    text.replace(u'\n', QStringLiteral("\n    "));
    QString line = u'[' + LogEntry::channelName(entry.channel) + QStringLiteral("] ");
    if (!entry.source.isEmpty())
        line += entry.source + QStringLiteral(": ");
    // The http channel logs the server's bytes as they came.
    return escapeControls(line + text) + u'\n';
}

QJsonValue CliCheckPrinter::redacted(const QJsonValue &value, const LogRedactor &redactor)
{
    if (redactor.isEmpty())
        return value;
    if (value.isString())
        return redactor.redact(value.toString());
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue &item : value.toArray())
            array.append(redacted(item, redactor));
        return array;
    }
    if (value.isObject()) {
        QJsonObject object;
        const QJsonObject source = value.toObject();
        for (auto it = source.begin(); it != source.end(); ++it)
            object.insert(it.key(), redacted(it.value(), redactor));
        return object;
    }
    return value;
}

QJsonObject CliCheckPrinter::toJson(const DiagnosticRun &run, const LogRedactor &redactor)
{
    QJsonObject json = run.toJson();
    QJsonObject hintTexts;
    const HintCatalogue &catalogue = HintCatalogue::instance();
    for (const QString &id : run.hintIds()) {
        const std::optional<Hint> hint = catalogue.hint(id);
        if (!hint)
            continue;
        hintTexts.insert(id,
            QJsonObject {{QStringLiteral("title"), hint->title}, {QStringLiteral("cause"), hint->cause},
                {QStringLiteral("remedy"), hint->remedy}});
    }
    json.insert(QStringLiteral("hintTexts"), hintTexts);
    return redacted(json, redactor).toObject();
}

// ---------------------------------------------------------------------------------------------------

void CliCheckPrinter::write(const QString &text)
{
    m_out.write(m_redactor.redact(text).toUtf8());
    // Live output: a stage line must show when the stage finishes, not when the buffer fills.
    if (auto *file = qobject_cast<QFileDevice *>(&m_out))
        file->flush();
}

QString CliCheckPrinter::colored(CheckStatus status, const QString &text) const
{
    if (!m_style.color)
        return text;
    return ansiColor(status) + text + kAnsiReset;
}

void CliCheckPrinter::clearStatusLine()
{
    if (!m_statusLineShown)
        return;
    m_statusLineShown = false;
    write(kEraseLine);
}

void CliCheckPrinter::drawStatusLine()
{
    if (!m_style.terminal || m_style.quiet)
        return;
    if (m_running.isEmpty()) {
        clearStatusLine();
        return;
    }
    QStringList parts;
    for (const DiagnosticStage stage : std::as_const(m_running)) {
        const QString progress = m_progress.value(stage);
        parts.append(progress.isEmpty() ? diagnosticStageTitle(stage)
                                        : diagnosticStageTitle(stage) + QStringLiteral(": ") + progress);
    }
    QString line = QStringLiteral("... ") + parts.join(QStringLiteral(", "));
    line.replace(u'\n', u' ');
    line = escapeControls(line);
    // One physical line, or the \r erase leaves the wrapped part behind.
    const int room = qMax(20, qMin(m_style.width, 80) - 1);
    if (line.size() > room)
        line = line.left(room - 3) + QStringLiteral("...");
    write(kEraseLine + colored(CheckStatus::Running, line));
    m_statusLineShown = true;
}

void CliCheckPrinter::header(const Target &target)
{
    if (m_style.quiet)
        return;
    QString line = tr("Checking %1").arg(target.displayUrl());
    if (target.credentials.kind == WbemCredentials::Kind::Basic)
        line += u' ' + tr("as %1").arg(target.credentials.user);
    else if (target.credentials.kind == WbemCredentials::Kind::CimTicket)
        line += u' ' + tr("with a CIM ticket");
    write(escapeControls(line) + u'\n');
}

void CliCheckPrinter::stageStarted(DiagnosticStage stage)
{
    if (!m_running.contains(stage))
        m_running.append(stage);
    drawStatusLine();
}

void CliCheckPrinter::stageProgress(DiagnosticStage stage, const QString &text)
{
    m_progress.insert(stage, text);
    drawStatusLine();
}

void CliCheckPrinter::stageFinished(const CheckResult &result)
{
    m_running.removeAll(result.stage);
    m_progress.remove(result.stage);
    if (m_style.quiet)
        return;
    clearStatusLine();
    const QString line = stageLine(result);
    write(colored(result.status, line.left(kStatusWidth)) + line.mid(kStatusWidth) + u'\n');
    drawStatusLine();
}

void CliCheckPrinter::summary(const DiagnosticRun &run)
{
    m_running.clear();
    clearStatusLine();
    QString text = summaryText(run, m_style.width, m_style.verbose);
    if (m_style.color) {
        // Colour the status words that start the per-stage blocks of the summary.
        for (const CheckStatus status : {CheckStatus::Failed, CheckStatus::Warning}) {
            const QString word = u'\n' + statusWord(status) + QStringLiteral("  ");
            text.replace(word, u'\n' + colored(status, statusWord(status)) + QStringLiteral("  "));
        }
    }
    write(text);
}

} // namespace cimdiag
