// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/CliCheckOptions.h"
#include "core/log/LogRedactor.h"

#include <QFile>
#include <QIODevice>
#include <QObject>

#include <memory>
#include <vector>

namespace cimdiag {

/// `cimdiag-cli check --hosts FILE --parallel N`: the bounded-parallel scheduler. Reads FILE a line
/// at a time, only when a slot is free, and keeps at most N DiagnosticRunners (each with its own
/// small DiagnosticLog) alive. Every finished target becomes one compact JSON line on out
/// (DiagnosticRun::toJson() plus "line"), in completion order, and its runner and log are freed at
/// once: memory stays bounded by N whatever the size of FILE. A line that is not a target gives a
/// JSON line with "error" and counts as a failure; blank lines and # comments are skipped.
class CliHostsRunner final : public QObject
{
    Q_OBJECT

public:
    /// progress: standard error is a terminal, so a one-line count may be drawn on err.
    CliHostsRunner(CliCheckOptions options, QIODevice &out, QIODevice &err, bool progress, QObject *parent = nullptr);
    ~CliHostsRunner() override;
    Q_DISABLE_COPY_MOVE(CliHostsRunner)

    /// Checks every target in the file on a local event loop; returns the worst exit code of all
    /// targets (0, 1, 2), 74 when the file cannot be read, 130 when interrupted.
    int run();
    /// Stops reading and cancels the running targets (their lines are still written).
    void cancel();

    /// The most runners that were alive at once (tests check the bound).
    int peakRunning() const { return m_peakRunning; }
    qint64 targetsFinished() const { return m_finishedCount; }

    /// Entries each target's log keeps: enough for --log's live stream, small for 256 at once.
    static constexpr qsizetype kLogCapacity = 200;
    /// A longer line is not a target (and is not held whole).
    static constexpr qint64 kMaxLineLength = 4096;

Q_SIGNALS:
    void finished();

private:
    struct Job;

    void fill();
    void startJob(qint64 lineNumber, const Target &target);
    void onJobFinished(Job *job);
    void reap();
    void writeLine(const QJsonObject &json, int exitCode);
    void drawProgress(bool final = false);
    void finishIfDone();

    CliCheckOptions m_options;
    QIODevice &m_out;
    QIODevice &m_err;
    bool m_progress;
    LogRedactor m_redactor;
    QFile m_file;
    qint64 m_lineNumber = 0;
    bool m_endOfFile = false;
    bool m_cancelled = false;
    bool m_done = false;
    bool m_reapQueued = false;
    std::vector<std::unique_ptr<Job>> m_jobs;
    int m_peakRunning = 0;
    qint64 m_finishedCount = 0;
    int m_worstExit = 0;
};

} // namespace cimdiag
