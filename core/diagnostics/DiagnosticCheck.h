// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/CheckResult.h"
#include "core/log/LogEntry.h"

#include <QElapsedTimer>
#include <QObject>

namespace cimdiag {

class DiagnosticContext;

/// One stage of a diagnosis (template method, KDSoapJob style). The runner calls start(); the
/// subclass does its work in doStart() and reports exactly once through finish(). cancel() and
/// abort() stop the work (doCancel()) and finish with a Skipped or Failed result.
///
/// finished() is emitted exactly once, never from inside start() (doStart() runs from a queued
/// call), and result() is valid after it.
class DiagnosticCheck : public QObject
{
    Q_OBJECT

public:
    ~DiagnosticCheck() override;
    Q_DISABLE_COPY_MOVE(DiagnosticCheck)

    DiagnosticStage stage() const { return m_stage; }
    /// Stages that must have Passed or Warned before this one runs (computed from the target:
    /// Http needs Tls only for https).
    virtual QList<DiagnosticStage> prerequisites() const = 0;
    /// Non-empty when the stage does not apply to the target (TLS on http://): the runner then
    /// records it Skipped with this reason and dependants run anyway.
    virtual QString notApplicableReason() const { return {}; }

    void start();
    /// The user cancelled: stops the work and finishes Skipped ("Cancelled"). Nothing once finished.
    void cancel();
    /// The stage ran over the runner's safety timeout: stops the work and finishes Failed, saying so.
    void abort(const QString &reason);

    bool isStarted() const { return m_started; }
    bool isFinished() const { return m_finished; }
    const CheckResult &result() const { return m_result; }

Q_SIGNALS:
    /// A short progress line for live display ("Connecting to 10.0.0.5:5989").
    void progress(const QString &text);
    void finished();

protected:
    DiagnosticCheck(DiagnosticStage stage, DiagnosticContext &context, QObject *parent);

    virtual void doStart() = 0;
    /// Stop every network activity; must not call finish().
    virtual void doCancel() = 0;
    /// Sets stage, start time and duration, stores the result in the context, logs the summary on
    /// the check channel and emits finished(). Only the first call counts, and calls made while
    /// cancel() or abort() stop the work (doCancel()) are ignored.
    void finish(CheckResult result);

    DiagnosticContext &context() const { return m_context; }
    /// Writes to the run's log with this stage's id as source.
    void log(LogChannel channel, LogSeverity severity, const QString &text) const;
    void logInfo(const QString &text) const { log(LogChannel::Check, LogSeverity::Info, text); }
    /// Emits progress() and logs the text on the check channel.
    void reportProgress(const QString &text);
    /// Milliseconds since start().
    qint64 elapsedMs() const { return m_elapsed.elapsed(); }
    /// True while cancel() or abort() run doCancel(): a probe or operation cancelled there reports
    /// finished() at once, and the subclass's slot must neither report nor start the next step.
    bool isStopping() const { return m_stopping; }

private:
    void stop(CheckResult result);

    DiagnosticStage m_stage;
    DiagnosticContext &m_context;
    QElapsedTimer m_elapsed;
    QDateTime m_startedAt;
    bool m_started = false;
    bool m_finished = false;
    bool m_stopping = false;
    CheckResult m_result;
};

} // namespace cimdiag
