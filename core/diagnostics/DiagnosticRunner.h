// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/DiagnosticContext.h"
#include "core/diagnostics/DiagnosticRun.h"
#include "core/diagnostics/DiagnosticStage.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

namespace cimdiag {

class DiagnosticCheck;
class DiagnosticLog;

/// Runs the stages of one diagnosis (an explicit runner, not a state machine: STYLE.md).
///
/// A stage starts as soon as every prerequisite has Passed or Warned; a Failed or Skipped
/// prerequisite marks the stage Skipped with the reason, at once (so a dead target finishes within
/// its timeout). A stage that does not apply (TLS on http://) is Skipped and its dependants run.
/// Each running stage has a safety timeout (stageTimeout()); past it the check is aborted and
/// Failed. cancel() stops everything: running stages and the ones not yet started finish Skipped.
///
/// Signals stream the run: stageStarted(), stageProgress(), stageFinished() for every stage (also
/// skipped ones), then finished() once, after which run() is complete. Log lines go to the log
/// given (operation, http and check channels).
///
/// A finished run can run one stage again (rerunStage()): the user fixed the server or the network
/// and wants to see that stage, and what it held up, without repeating the whole diagnosis.
class DiagnosticRunner final : public QObject
{
    Q_OBJECT

public:
    /// log may be null (a private log is used); it must outlive the runner otherwise.
    explicit DiagnosticRunner(Target target, DiagnosticLog *log = nullptr, QObject *parent = nullptr);
    ~DiagnosticRunner() override;
    Q_DISABLE_COPY_MOVE(DiagnosticRunner)

    /// Which stages to run (default: defaultDiagnosticStages(), plus Slp when Target::slp and
    /// Listener when Target::listener.enabled). Stages left out are not reported at all; a stage whose
    /// prerequisite was left out runs without it.
    void setStages(const QList<DiagnosticStage> &stages);
    QList<DiagnosticStage> stages() const { return m_stages; }
    /// The safety limit per stage; default 3 x target timeout + 5 s (a stage makes several
    /// sequential exchanges, each bounded by the target timeout), plus the listener's wait when the
    /// listener stage is enabled.
    void setStageTimeout(std::chrono::milliseconds timeout) { m_stageTimeout = timeout; }
    std::chrono::milliseconds stageTimeout() const;

    /// Starts the run (queued: connect to the signals first). Only once per runner.
    void start();
    /// Stops the run; finished() follows before cancel() returns.
    void cancel();

    /// Whether rerunStage(stage) would run it: the run finished and was not cancelled, stage is one
    /// of stages(), applies to the target, and every prerequisite passed or warned.
    bool canRerunStage(DiagnosticStage stage) const;
    /// Runs stage again after the run finished (queued, like start()): a fresh check from the check
    /// factory, with the findings its prerequisites left (its own part is cleared first). Its new
    /// result replaces the old one. The stages that were skipped because it had failed (directly or
    /// through other skipped stages) run again after it, or are skipped again if it fails again.
    /// Meanwhile isRunning() is true and cancel() works; the signals stream as in a run:
    /// stageStarted() and stageFinished() for every stage run again, then finished() once more.
    /// False, and nothing happens, when !canRerunStage(stage).
    bool rerunStage(DiagnosticStage stage);
    bool isRunning() const { return m_started && !m_finished; }
    bool isFinished() const { return m_finished; }

    const Target &target() const { return m_context.target(); }
    DiagnosticContext &context() { return m_context; }
    const DiagnosticContext &context() const { return m_context; }
    /// The results so far, in stage order; complete after finished().
    DiagnosticRun run() const;

    /// The check object of each stage (a factory: one subclass per stage).
    static std::unique_ptr<DiagnosticCheck> createCheck(DiagnosticStage stage, DiagnosticContext &context);
    using CheckFactory = std::function<std::unique_ptr<DiagnosticCheck>(DiagnosticStage, DiagnosticContext &)>;
    /// Replaces createCheck (tests drive the runner with scripted checks). Before start() only.
    void setCheckFactory(CheckFactory factory) { m_factory = std::move(factory); }

Q_SIGNALS:
    void stageStarted(cimdiag::DiagnosticStage stage);
    void stageProgress(cimdiag::DiagnosticStage stage, const QString &text);
    void stageFinished(const cimdiag::CheckResult &result);
    void finished();

private:
    void startReadyStages();
    void onCheckFinished(DiagnosticCheck *check);
    void onStageTimeout(DiagnosticStage stage);
    void recordWithoutRunning(DiagnosticStage stage, CheckResult result);
    DiagnosticCheck *check(DiagnosticStage stage) const;
    std::unique_ptr<DiagnosticCheck> makeCheck(DiagnosticStage stage);
    /// Resets what stage wrote into the findings (some parts are appended to), before it runs again.
    static void clearFindings(DiagnosticFindings &findings, DiagnosticStage stage);
    /// Empty when every prerequisite allows the stage to run; the reason to skip it otherwise;
    /// nullopt while a prerequisite is still pending.
    std::optional<QString> blockedReason(const DiagnosticCheck &check) const;
    void finishRun();

    DiagnosticContext m_context;
    QList<DiagnosticStage> m_stages;
    std::chrono::milliseconds m_stageTimeout {0};
    CheckFactory m_factory;
    QSet<DiagnosticStage> m_notApplicable;
    std::vector<std::unique_ptr<DiagnosticCheck>> m_checks;
    /// Checks replaced by rerunStage(), destroyed once the call that replaced them has returned.
    std::vector<std::unique_ptr<DiagnosticCheck>> m_retired;
    QHash<DiagnosticStage, QTimer *> m_timers;
    QElapsedTimer m_elapsed;
    QDateTime m_startedAt;
    /// The run's duration when it (or the latest re-run) finished.
    std::chrono::milliseconds m_duration {0};
    bool m_started = false;
    bool m_finished = false;
    bool m_cancelled = false;
};

} // namespace cimdiag
