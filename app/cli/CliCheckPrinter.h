// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/CheckResult.h"
#include "core/diagnostics/DiagnosticRun.h"
#include "core/log/LogEntry.h"
#include "core/log/LogRedactor.h"
#include "core/report/ReportSection.h"

#include <QCoreApplication>
#include <QHash>
#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace cimdiag {

/// The human output of `cimdiag-cli check` and its JSON document. Live: a header, one line per
/// stage as it finishes ("PASS  TCP reachability   3 ms  ..."), and on a terminal the running
/// stages on a status line that the next finished stage overwrites. At the end a summary: the
/// verdict, and for every Failed or Warning stage its details, evidence and each hint's title,
/// cause and remedy from the HintCatalogue. Every text it writes goes through the redactor first.
///
/// The static functions build the text without a device, so tests check them directly.
class CliCheckPrinter final
{
    Q_DECLARE_TR_FUNCTIONS(CliCheckPrinter)

public:
    struct Style
    {
        /// Output is a terminal: show running stages on a status line (\r and erase-line).
        bool terminal = false;
        /// ANSI colours on the status words (only ever with terminal).
        bool color = false;
        /// No header, stage lines or status line: only the summary.
        bool quiet = false;
        /// The summary shows details and evidence of every stage, not only of those that failed or warned.
        bool verbose = false;
        /// Where cause and remedy wrap.
        int width = 100;
    };

    CliCheckPrinter(QIODevice &out, Style style, LogRedactor redactor = {});
    Q_DISABLE_COPY_MOVE(CliCheckPrinter)

    void header(const Target &target);
    void stageStarted(DiagnosticStage stage);
    void stageProgress(DiagnosticStage stage, const QString &text);
    void stageFinished(const CheckResult &result);
    void summary(const DiagnosticRun &run);

    /// A report section (the listener stage's result and what it received) as text: a heading, the
    /// verdict and summary, the fields as "name: value", then the lines; control characters escaped.
    static QString sectionText(const ReportSection &section);
    /// "PASS", "WARN", "FAIL", "SKIP" (plain ASCII: survives any locale and log file), "....".
    static QString statusWord(CheckStatus status);
    /// One finished stage: status word, title, duration in ms, summary; no colour; control
    /// characters escaped.
    static QString stageLine(const CheckResult &result);
    /// The summary block after the stage lines (verbose: every stage's details and evidence);
    /// control characters escaped.
    static QString summaryText(const DiagnosticRun &run, int width = 100, bool verbose = false);
    /// text broken into lines of at most width columns (words longer than that stay whole), each
    /// line prefixed with indent; the text's own line breaks are kept. Plain greedy wrapping: Qt's
    /// text layout lives in QtGui, which the CLI does not link.
    static QStringList wrap(const QString &text, int width, const QString &indent);
    /// A log entry as --log streams it: "[http] tls: text", continuation lines indented; control
    /// characters escaped (escapeControls()).
    static QString logLine(const LogEntry &entry);
    /// text with every C0 control character but \n, DEL and every C1 control character
    /// (U+0080-U+009F) written as \xNN. Server-controlled bytes (a status line, a Server header)
    /// reach results and log entries verbatim, and raw ESC/BEL/CSI on a terminal can clear the
    /// screen, retitle the window or hide text. stageLine(), summaryText() and logLine() apply it;
    /// the printer's own colour codes are added afterwards.
    static QString escapeControls(const QString &text);
    /// json as bytes, with DEL and the C1 controls, which JSON allows raw, escaped as \u00NN (the
    /// C0 controls QJsonDocument escapes itself): a --json document or --hosts line read on a
    /// terminal cannot drive it either.
    static QByteArray jsonBytes(const QJsonObject &json, QJsonDocument::JsonFormat format);

    /// The --json and --report document: DiagnosticRun::toJson() plus "hintTexts", an object
    /// {id: {title, cause, remedy}} for every hint id the run uses; secrets redacted from every
    /// string.
    static QJsonObject toJson(const DiagnosticRun &run, const LogRedactor &redactor = {});
    /// Every string in value with the redactor applied.
    static QJsonValue redacted(const QJsonValue &value, const LogRedactor &redactor);

private:
    void write(const QString &text);
    void clearStatusLine();
    void drawStatusLine();
    QString colored(CheckStatus status, const QString &text) const;

    QIODevice &m_out;
    Style m_style;
    LogRedactor m_redactor;
    QList<DiagnosticStage> m_running;
    QHash<DiagnosticStage, QString> m_progress;
    bool m_statusLineShown = false;
};

} // namespace cimdiag
