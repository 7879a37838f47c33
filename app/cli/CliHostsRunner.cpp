// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliHostsRunner.h"

#include "app/cli/CliCheckCommand.h"
#include "app/cli/CliCheckPrinter.h"
#include "app/cli/CliInterruptWatcher.h"
#include "core/diagnostics/DiagnosticRunner.h"
#include "core/log/DiagnosticLog.h"

#include <QEventLoop>
#include <QFileDevice>
#include <QJsonDocument>
#include <QTimer>

#include <algorithm>

namespace cimdiag {

/// One target in flight. The log is declared first so it outlives the runner that writes to it.
struct CliHostsRunner::Job
{
    qint64 lineNumber = 0;
    std::unique_ptr<DiagnosticLog> log;
    std::unique_ptr<DiagnosticRunner> runner;
    bool done = false;
};

CliHostsRunner::CliHostsRunner(CliCheckOptions options, QIODevice &out, QIODevice &err, bool progress, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_out(out)
    , m_err(err)
    , m_progress(progress)
    , m_redactor(m_options.target().secrets())
    , m_file(m_options.hostsFile())
{ }

CliHostsRunner::~CliHostsRunner() = default;

int CliHostsRunner::run()
{
    if (!m_file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        m_err.write((QStringLiteral("cimdiag-cli check: ")
            + tr("cannot read %1: %2").arg(m_options.hostsFile(), m_file.errorString()) + u'\n')
                        .toUtf8());
        return CliCheckCommand::ExitIoError;
    }
    QEventLoop loop;
    connect(this, &CliHostsRunner::finished, &loop, &QEventLoop::quit, Qt::QueuedConnection);
    CliInterruptWatcher interrupts;
    connect(&interrupts, &CliInterruptWatcher::interrupted, this, &CliHostsRunner::cancel);
    QTimer::singleShot(0, this, &CliHostsRunner::fill);
    loop.exec();
    drawProgress(true);
    return interrupts.signalNumber() != 0 ? int(CliCheckCommand::ExitInterrupted) : m_worstExit;
}

void CliHostsRunner::cancel()
{
    if (m_cancelled)
        return;
    m_cancelled = true;
    // Each cancel() emits finished() at once, which writes the target's line.
    for (qsizetype i = 0; i < qsizetype(m_jobs.size()); ++i) {
        Job *job = m_jobs[size_t(i)].get();
        if (!job->done)
            job->runner->cancel();
    }
    finishIfDone();
}

void CliHostsRunner::fill()
{
    auto running = [this] {
        return int(std::count_if(m_jobs.begin(), m_jobs.end(), [](const auto &job) { return !job->done; }));
    };
    while (!m_cancelled && !m_endOfFile && running() < m_options.parallel()) {
        const QByteArray raw = m_file.readLine(kMaxLineLength + 1);
        if (raw.isEmpty()) { // end of file (or a read error: nothing more to get)
            m_endOfFile = true;
            break;
        }
        ++m_lineNumber;
        bool overlong = raw.size() > kMaxLineLength && !raw.endsWith('\n');
        if (overlong) {
            // Skip the rest of the line in bounded pieces.
            while (!m_file.atEnd()) {
                const QByteArray rest = m_file.readLine(kMaxLineLength + 1);
                if (rest.endsWith('\n'))
                    break;
            }
        }
        const QString text = QString::fromUtf8(raw).trimmed();
        if (!overlong && (text.isEmpty() || text.startsWith(u'#')))
            continue;
        QString error;
        std::optional<Target> target;
        if (overlong)
            error = tr("the line is longer than %1 bytes").arg(kMaxLineLength);
        else
            target = m_options.targetFor(text, &error);
        if (!target) {
            QJsonObject json {{QStringLiteral("schema"), DiagnosticRun::schemaName()},
                {QStringLiteral("line"), m_lineNumber}, {QStringLiteral("error"), error},
                {QStringLiteral("exitCode"), int(CliCheckCommand::ExitFailed)}};
            if (!overlong)
                json.insert(QStringLiteral("input"), text);
            ++m_finishedCount;
            writeLine(json, CliCheckCommand::ExitFailed);
            continue;
        }
        startJob(m_lineNumber, *target);
        m_peakRunning = qMax(m_peakRunning, running());
    }
    drawProgress();
    finishIfDone();
}

void CliHostsRunner::startJob(qint64 lineNumber, const Target &target)
{
    auto job = std::make_unique<Job>();
    job->lineNumber = lineNumber;
    job->log = std::make_unique<DiagnosticLog>(kLogCapacity);
    job->log->addSecrets(target.secrets());
    job->runner = std::make_unique<DiagnosticRunner>(target, job->log.get());
    if (!m_options.stages().isEmpty())
        job->runner->setStages(m_options.stages());
    Job *raw = job.get();
    const QList<LogChannel> channels = m_options.logChannels();
    if (!channels.isEmpty()) {
        // Many targets interleave on standard error: each line says which one it is about.
        const QString prefix = CliCheckPrinter::escapeControls(target.displayUrl()) + u' ';
        connect(raw->log.get(), &DiagnosticLog::entryAdded, this, [this, channels, prefix](const LogEntry &entry) {
            if (!channels.contains(entry.channel))
                return;
            QString line = CliCheckPrinter::logLine(entry);
            line.insert(line.indexOf(u']') + 2, prefix);
            m_err.write(line.toUtf8());
        });
    }
    connect(raw->runner.get(), &DiagnosticRunner::finished, this, [this, raw] { onJobFinished(raw); });
    m_jobs.push_back(std::move(job));
    raw->runner->start();
}

void CliHostsRunner::onJobFinished(Job *job)
{
    if (job->done)
        return;
    job->done = true;
    ++m_finishedCount;
    const DiagnosticRun run = job->runner->run();
    QJsonObject json = run.toJson();
    json.insert(QStringLiteral("line"), job->lineNumber);
    writeLine(CliCheckPrinter::redacted(json, m_redactor).toObject(), run.exitCode());
    // Not here: this runs inside the runner's own signal. The next turn of the loop frees it.
    if (!m_reapQueued) {
        m_reapQueued = true;
        QTimer::singleShot(0, this, &CliHostsRunner::reap);
    }
}

void CliHostsRunner::reap()
{
    m_reapQueued = false;
    std::erase_if(m_jobs, [](const std::unique_ptr<Job> &job) { return job->done; });
    fill();
}

void CliHostsRunner::writeLine(const QJsonObject &json, int exitCode)
{
    m_worstExit = qMax(m_worstExit, exitCode);
    m_out.write(CliCheckPrinter::jsonBytes(json, QJsonDocument::Compact) + '\n');
    if (auto *file = qobject_cast<QFileDevice *>(&m_out))
        file->flush();
    drawProgress();
}

void CliHostsRunner::drawProgress(bool final)
{
    if (!m_progress)
        return;
    const int running = int(std::count_if(m_jobs.begin(), m_jobs.end(), [](const auto &job) { return !job->done; }));
    QString text = QStringLiteral("\r\x1b[K");
    if (!final)
        text += tr("%1 checked, %2 running").arg(m_finishedCount).arg(running);
    m_err.write(text.toUtf8());
}

void CliHostsRunner::finishIfDone()
{
    if (m_done || !(m_endOfFile || m_cancelled))
        return;
    for (const auto &job : m_jobs) {
        if (!job->done)
            return;
    }
    m_done = true;
    Q_EMIT finished();
}

} // namespace cimdiag
