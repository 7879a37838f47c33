// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliCheckCommand.h"

#include "app/cli/CliCheckPrinter.h"
#include "app/cli/CliInterruptWatcher.h"
#include "core/diagnostics/DiagnosticRunner.h"
#include "core/diagnostics/ListenerCheck.h"
#include "core/diagnostics/ListenerCheckCleanup.h"
#include "core/log/DiagnosticLog.h"
#include "core/report/DiagnosticReport.h"
#include "core/report/ReportJsonWriter.h"
#include "core/report/ReportWriter.h"
#include "core/wbem/WbemConnection.h"

#include <QEventLoop>
#include <QFileDevice>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTimer>

namespace cimdiag {

CliCheckCommand::CliCheckCommand(CliCheckOptions options)
    : m_options(std::move(options))
{ }

bool CliCheckCommand::useColor(bool terminal, bool noColorOption)
{
    return terminal && !noColorOption && qEnvironmentVariableIsEmpty("NO_COLOR")
        && qEnvironmentVariable("TERM") != QLatin1String("dumb");
}

int CliCheckCommand::run(QIODevice &out, QIODevice &err, bool outIsTerminal) const
{
    const Target &target = m_options.target();
    const LogRedactor redactor(target.secrets());
    const auto complain = [&err, &redactor](const QString &message) {
        err.write(redactor.redact(QStringLiteral("cimdiag-cli check: ") + message + u'\n').toUtf8());
    };

    // Opened first: a report that cannot be written should fail before a minute of probing.
    QSaveFile report(m_options.reportFile());
    if (!m_options.reportFile().isEmpty() && !report.open(QIODevice::WriteOnly)) {
        complain(tr("cannot write the report %1: %2").arg(m_options.reportFile(), report.errorString()));
        return ExitIoError;
    }

    if (m_options.listenerCleanup())
        return runListenerCleanup(out, err);

    DiagnosticLog log;
    log.addSecrets(target.secrets());
    DiagnosticRunner runner(target, &log);
    if (!m_options.stages().isEmpty())
        runner.setStages(m_options.stages());

    const QList<LogChannel> channels = m_options.logChannels();
    if (!channels.isEmpty()) {
        QObject::connect(&log, &DiagnosticLog::entryAdded, &runner, [&err, channels](const LogEntry &entry) {
            if (!channels.contains(entry.channel))
                return;
            err.write(CliCheckPrinter::logLine(entry).toUtf8()); // already redacted by the log
            if (auto *file = qobject_cast<QFileDevice *>(&err))
                file->flush();
        });
    }

    std::optional<CliCheckPrinter> printer;
    if (!m_options.json()) {
        CliCheckPrinter::Style style;
        style.terminal = outIsTerminal;
        style.color = useColor(outIsTerminal, m_options.noColor());
        style.quiet = m_options.quiet();
        style.verbose = m_options.verbose();
        printer.emplace(out, style, redactor);
        printer->header(target);
        QObject::connect(&runner, &DiagnosticRunner::stageStarted, &runner,
            [&printer](DiagnosticStage stage) { printer->stageStarted(stage); });
        QObject::connect(&runner, &DiagnosticRunner::stageProgress, &runner,
            [&printer](DiagnosticStage stage, const QString &text) { printer->stageProgress(stage, text); });
        QObject::connect(&runner, &DiagnosticRunner::stageFinished, &runner,
            [&printer](const CheckResult &result) { printer->stageFinished(result); });
    }

    QEventLoop loop;
    QObject::connect(&runner, &DiagnosticRunner::finished, &loop, &QEventLoop::quit, Qt::QueuedConnection);
    CliInterruptWatcher interrupts;
    QObject::connect(&interrupts, &CliInterruptWatcher::interrupted, &runner, [&runner] { runner.cancel(); });
    runner.start();
    loop.exec();

    // A listener stage stopped by Ctrl-C or its timeout still removes what it created: wait for
    // that sweep (bounded) before the runner and its connections go.
    if (ListenerCheckCleanup::runningCount() > 0) {
        QEventLoop sweepLoop;
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &sweepLoop, [&sweepLoop] {
            if (ListenerCheckCleanup::runningCount() == 0)
                sweepLoop.quit();
        });
        poll.start(20);
        QTimer::singleShot(3 * target.timeout, &sweepLoop, &QEventLoop::quit);
        sweepLoop.exec();
    }

    const DiagnosticRun result = runner.run();
    const QJsonObject json = CliCheckPrinter::toJson(result, redactor);
    if (printer) {
        printer->summary(result);
        for (const CheckResult &stageResult : result.results) {
            if (stageResult.stage == DiagnosticStage::Listener && stageResult.status != CheckStatus::Skipped) {
                const ReportSection section
                    = ListenerCheck::reportSection(stageResult, runner.context().findings().listener);
                out.write(redactor.redact(CliCheckPrinter::sectionText(section)).toUtf8());
            }
        }
    } else
        out.write(CliCheckPrinter::jsonBytes(json, QJsonDocument::Indented));

    int status = interrupts.signalNumber() != 0 ? int(ExitInterrupted) : result.exitCode();
    if (report.isOpen()) {
        // The format was checked by the option parser. JSON is cimdiag-report/1, a superset of the
        // --json document (docs/report-json.md), with DEL and C1 escaped like --json.
        const ReportFormat format = reportFormatForFile(m_options.reportFile()).value_or(ReportFormat::Json);
        const DiagnosticReport built = DiagnosticReport::fromRunner(runner, &log);
        const QByteArray bytes = format == ReportFormat::Json
            ? CliCheckPrinter::jsonBytes(ReportJsonWriter::toJson(built), QJsonDocument::Indented)
            : ReportWriter::render(built, format);
        if (report.write(bytes) != bytes.size() || !report.commit()) {
            complain(tr("cannot write the report %1: %2").arg(m_options.reportFile(), report.errorString()));
            status = ExitIoError;
        }
    }
    return status;
}

int CliCheckCommand::runListenerCleanup(QIODevice &out, QIODevice &err) const
{
    const Target &target = m_options.target();
    const LogRedactor redactor(target.secrets());
    DiagnosticLog log;
    log.addSecrets(target.secrets());
    // Through a context's connection, so the audit trail records every delete.
    DiagnosticContext context(target, &log);
    std::unique_ptr<WbemConnection> connection(context.createConnection(DiagnosticStage::Listener, nullptr));
    ListenerCheckCleanup sweep(connection.get(), target.interopNamespaces, ListenerCheckCleanup::ownedPrefix());
    QEventLoop loop;
    QObject::connect(&sweep, &ListenerCheckCleanup::finished, &loop, &QEventLoop::quit, Qt::QueuedConnection);
    CliInterruptWatcher interrupts;
    QObject::connect(&interrupts, &CliInterruptWatcher::interrupted, &loop, &QEventLoop::quit);
    sweep.start();
    loop.exec();
    if (!sweep.isFinished())
        return ExitInterrupted;
    QString text;
    if (!sweep.nameSpace().isEmpty())
        text += tr("Interop namespace %1: removed %n cimdiag object(s)\n", nullptr, int(sweep.removed().size()))
                    .arg(sweep.nameSpace());
    for (const QString &uri : sweep.removed())
        text += QStringLiteral("  ") + uri + u'\n';
    out.write(redactor.redact(text).toUtf8());
    for (const QString &error : sweep.errors())
        err.write(redactor.redact(QStringLiteral("cimdiag-cli check: ") + error + u'\n').toUtf8());
    return sweep.succeeded() ? int(ExitPassed) : int(ExitFailed);
}

} // namespace cimdiag
