// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/DiagnosticRunner.h"

#include "core/diagnostics/DiagnosticCheck.h"
#include "core/log/DiagnosticLog.h"

#include <QTimer>

#include <algorithm>

namespace cimdiag {

DiagnosticRunner::DiagnosticRunner(Target target, DiagnosticLog *log, QObject *parent)
    : QObject(parent)
    , m_context(std::move(target), log)
    , m_stages(defaultDiagnosticStages())
    , m_factory(&DiagnosticRunner::createCheck)
{
    // The opt-in stages run only when the target asks for them: SLP sends UDP (multicast too), the
    // listener stage creates objects on the server.
    if (m_context.target().slp)
        m_stages.prepend(DiagnosticStage::Slp);
    if (m_context.target().listener.enabled)
        m_stages.append(DiagnosticStage::Listener);
}

DiagnosticRunner::~DiagnosticRunner()
{
    // Checks first: their connections log into the context's log.
    for (auto &check : m_checks)
        check->disconnect(this);
    m_checks.clear();
    m_retired.clear();
}

void DiagnosticRunner::setStages(const QList<DiagnosticStage> &stages)
{
    if (m_started)
        return;
    m_stages.clear();
    // Run order is the enum's order whatever order the caller gave.
    for (const DiagnosticStage stage : allDiagnosticStages()) {
        if (stages.contains(stage))
            m_stages.append(stage);
    }
}

std::chrono::milliseconds DiagnosticRunner::stageTimeout() const
{
    if (m_stageTimeout.count() > 0)
        return m_stageTimeout;
    // The listener stage waits for an indication on top of its exchanges.
    const ListenerCheckOptions &listener = m_context.target().listener;
    return 3 * m_context.target().timeout + std::chrono::milliseconds(5000)
        + (listener.enabled ? listener.wait : std::chrono::milliseconds(0));
}

void DiagnosticRunner::start()
{
    if (m_started)
        return;
    m_started = true;
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_elapsed.start();
    for (const DiagnosticStage stage : std::as_const(m_stages))
        m_checks.push_back(makeCheck(stage));
    m_context.log()->add(
        LogChannel::Check, LogSeverity::Info, {}, tr("Diagnosing %1").arg(m_context.target().displayUrl()));
    QTimer::singleShot(0, this, [this] {
        if (!m_finished)
            startReadyStages();
    });
}

std::unique_ptr<DiagnosticCheck> DiagnosticRunner::makeCheck(DiagnosticStage stage)
{
    std::unique_ptr<DiagnosticCheck> check = m_factory(stage, m_context);
    Q_ASSERT(check && check->stage() == stage);
    DiagnosticCheck *raw = check.get();
    connect(raw, &DiagnosticCheck::finished, this, [this, raw] { onCheckFinished(raw); });
    connect(raw, &DiagnosticCheck::progress, this,
        [this, stage](const QString &text) { Q_EMIT stageProgress(stage, text); });
    return check;
}

bool DiagnosticRunner::canRerunStage(DiagnosticStage stage) const
{
    if (!m_finished || m_cancelled || !m_stages.contains(stage) || m_notApplicable.contains(stage))
        return false;
    const DiagnosticCheck *current = check(stage);
    if (!current)
        return false;
    const std::optional<QString> reason = blockedReason(*current);
    return reason && reason->isEmpty();
}

bool DiagnosticRunner::rerunStage(DiagnosticStage stage)
{
    if (!canRerunStage(stage))
        return false;
    // The stage and every stage skipped because of it, directly or through another skipped stage.
    // Prerequisites come earlier in the enum's order, so one pass in run order finds them all.
    QList<DiagnosticStage> again {stage};
    for (const DiagnosticStage candidate : std::as_const(m_stages)) {
        if (candidate <= stage || m_notApplicable.contains(candidate))
            continue;
        const CheckResult *result = m_context.result(candidate);
        if (!result || result->status != CheckStatus::Skipped)
            continue;
        const QList<DiagnosticStage> prerequisites = check(candidate)->prerequisites();
        if (std::any_of(prerequisites.cbegin(), prerequisites.cend(),
                [&again](DiagnosticStage prerequisite) { return again.contains(prerequisite); }))
            again.append(candidate);
    }
    for (auto &slot : m_checks) {
        if (!again.contains(slot->stage()))
            continue;
        const DiagnosticStage which = slot->stage();
        // The old check may be the sender of the signal this call comes from (a slot connected to
        // finished()): it goes later, not now.
        slot->disconnect(this);
        m_retired.push_back(std::move(slot));
        slot = makeCheck(which);
        m_context.clearResult(which);
        clearFindings(m_context.findings(), which);
    }
    m_finished = false;
    m_context.log()->add(LogChannel::Check, LogSeverity::Info, diagnosticStageId(stage),
        tr("Re-running %1").arg(diagnosticStageTitle(stage)));
    QTimer::singleShot(0, this, [this] {
        m_retired.clear();
        if (!m_finished)
            startReadyStages();
    });
    return true;
}

void DiagnosticRunner::clearFindings(DiagnosticFindings &findings, DiagnosticStage stage)
{
    const DiagnosticFindings empty;
    switch (stage) {
    case DiagnosticStage::Slp:
        findings.slpServices = empty.slpServices;
        break;
    case DiagnosticStage::NameResolution:
        findings.addresses = empty.addresses;
        break;
    case DiagnosticStage::Tcp:
        findings.targetPort = empty.targetPort;
        findings.otherPort = empty.otherPort;
        findings.reachableAddress = empty.reachableAddress;
        break;
    case DiagnosticStage::Tls:
        findings.tls = empty.tls;
        break;
    case DiagnosticStage::Http:
        findings.serverHeader = empty.serverHeader;
        findings.speaksCimXml = empty.speaksCimXml;
        findings.authenticationRequired = empty.authenticationRequired;
        break;
    case DiagnosticStage::Authentication:
        findings.realm = empty.realm;
        findings.challengeSchemes = empty.challengeSchemes;
        findings.credentialsAccepted = empty.credentialsAccepted;
        break;
    case DiagnosticStage::ServerIdentity:
        findings.interopNamespace = empty.interopNamespace;
        findings.namespaces = empty.namespaces;
        findings.registeredProfiles = empty.registeredProfiles;
        findings.objectManagerName = empty.objectManagerName;
        findings.objectManagerVersion = empty.objectManagerVersion;
        findings.pullSupported = empty.pullSupported;
        break;
    case DiagnosticStage::SampleEnumerate:
        findings.sampleNamespace = empty.sampleNamespace;
        findings.sampleClassName = empty.sampleClassName;
        findings.sampleInstances = empty.sampleInstances;
        findings.sampleClass = empty.sampleClass;
        break;
    case DiagnosticStage::Listener:
        findings.listener = empty.listener;
        break;
    }
}

void DiagnosticRunner::cancel()
{
    if (!m_started || m_finished)
        return;
    m_cancelled = true;
    m_context.log()->add(LogChannel::Check, LogSeverity::Warning, {}, tr("Cancelled by the user"));
    for (auto &check : m_checks) {
        if (check->isStarted() && !check->isFinished())
            check->cancel(); // onCheckFinished records it
    }
    for (const DiagnosticStage stage : std::as_const(m_stages)) {
        if (!m_context.result(stage))
            recordWithoutRunning(stage, CheckResult::skipped(tr("Cancelled")));
    }
    finishRun();
}

DiagnosticRun DiagnosticRunner::run() const
{
    DiagnosticRun run;
    run.target = m_context.target();
    run.startedAt = m_startedAt;
    run.duration = m_finished ? m_duration : std::chrono::milliseconds(m_elapsed.isValid() ? m_elapsed.elapsed() : 0);
    run.cancelled = m_cancelled;
    for (const DiagnosticStage stage : m_stages) {
        if (const CheckResult *result = m_context.result(stage))
            run.results.append(*result);
    }
    return run;
}

DiagnosticCheck *DiagnosticRunner::check(DiagnosticStage stage) const
{
    for (const auto &check : m_checks) {
        if (check->stage() == stage)
            return check.get();
    }
    return nullptr;
}

std::optional<QString> DiagnosticRunner::blockedReason(const DiagnosticCheck &check) const
{
    for (const DiagnosticStage prerequisite : check.prerequisites()) {
        if (!m_stages.contains(prerequisite) || m_notApplicable.contains(prerequisite))
            continue;
        const CheckResult *result = m_context.result(prerequisite);
        if (!result)
            return std::nullopt;
        if (!checkStatusAllowsDependants(result->status)) {
            return tr("Not run: needs %1, which %2")
                .arg(diagnosticStageTitle(prerequisite),
                    result->status == CheckStatus::Failed ? tr("failed") : tr("did not run"));
        }
    }
    return QString();
}

void DiagnosticRunner::startReadyStages()
{
    bool changed = true;
    while (changed && !m_finished && !m_cancelled) {
        changed = false;
        for (const DiagnosticStage stage : std::as_const(m_stages)) {
            DiagnosticCheck *current = check(stage);
            if (current->isStarted() || m_context.result(stage))
                continue;
            const std::optional<QString> reason = blockedReason(*current);
            if (!reason)
                continue;
            changed = true;
            if (!reason->isEmpty()) {
                recordWithoutRunning(stage, CheckResult::skipped(*reason));
                continue;
            }
            const QString notApplicable = current->notApplicableReason();
            if (!notApplicable.isEmpty()) {
                m_notApplicable.insert(stage);
                recordWithoutRunning(stage, CheckResult::skipped(notApplicable));
                continue;
            }
            auto *timer = new QTimer(this);
            timer->setSingleShot(true);
            timer->setInterval(stageTimeout());
            connect(timer, &QTimer::timeout, this, [this, stage] { onStageTimeout(stage); });
            m_timers.insert(stage, timer);
            timer->start();
            Q_EMIT stageStarted(stage);
            current->start();
        }
    }
    if (m_finished || m_cancelled)
        return;
    for (const DiagnosticStage stage : std::as_const(m_stages)) {
        if (!m_context.result(stage))
            return;
    }
    finishRun();
}

void DiagnosticRunner::onCheckFinished(DiagnosticCheck *finishedCheck)
{
    if (QTimer *timer = m_timers.take(finishedCheck->stage()))
        timer->deleteLater();
    Q_EMIT stageFinished(finishedCheck->result());
    if (!m_cancelled)
        startReadyStages();
}

void DiagnosticRunner::onStageTimeout(DiagnosticStage stage)
{
    DiagnosticCheck *running = check(stage);
    if (!running || running->isFinished())
        return;
    running->abort(tr("%1 did not finish within %2 s and was stopped")
                       .arg(diagnosticStageTitle(stage))
                       .arg(double(stageTimeout().count()) / 1000.0, 0, 'f', 1));
}

void DiagnosticRunner::recordWithoutRunning(DiagnosticStage stage, CheckResult result)
{
    result.stage = stage;
    result.startedAt = QDateTime::currentDateTimeUtc();
    result.duration = std::chrono::milliseconds(0);
    m_context.setResult(result);
    m_context.log()->add(LogChannel::Check, LogSeverity::Info, diagnosticStageId(stage),
        checkStatusTitle(result.status) + QStringLiteral(": ") + result.summary);
    Q_EMIT stageFinished(result);
}

void DiagnosticRunner::finishRun()
{
    if (m_finished)
        return;
    m_duration = std::chrono::milliseconds(m_elapsed.elapsed());
    m_finished = true;
    for (QTimer *timer : std::as_const(m_timers))
        timer->deleteLater();
    m_timers.clear();
    const DiagnosticRun result = run();
    m_context.log()->add(LogChannel::Check, LogSeverity::Info, {},
        tr("Diagnosis finished in %1 ms: %2")
            .arg(result.duration.count())
            .arg(checkStatusTitle(result.overallStatus())));
    Q_EMIT finished();
}

} // namespace cimdiag
