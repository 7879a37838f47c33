// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/TcpCheck.h"

#include "core/diagnostics/DiagnosticContext.h"
#include "core/diagnostics/NameResolutionDiagnosis.h"
#include "core/diagnostics/TcpDiagnosis.h"
#include "core/net/TcpProbe.h"

#include <QHostInfo>

namespace cimdiag {

using namespace std::chrono_literals;

TcpCheck::TcpCheck(DiagnosticContext &context, QObject *parent)
    : DiagnosticCheck(DiagnosticStage::Tcp, context, parent)
{
    m_grace.setSingleShot(true);
    connect(&m_grace, &QTimer::timeout, this, &TcpCheck::onGraceOver);
    m_lookupTimer.setSingleShot(true);
    connect(&m_lookupTimer, &QTimer::timeout, this, &TcpCheck::onLookupTimeout);
}

TcpCheck::~TcpCheck()
{
    abortLookup();
}

std::chrono::milliseconds TcpCheck::otherPortGrace() const
{
    return std::min(kOtherPortGrace, context().target().timeout);
}

void TcpCheck::doStart()
{
    const Target &target = context().target();
    const QList<QHostAddress> addresses = context().findings().addresses;
    if (!addresses.isEmpty()) {
        startProbes(addresses);
        return;
    }
    // The name-resolution stage was left out (--stage tcp), or found nothing; the runner does not
    // start this stage after a failed one, so here it was left out: do without it.
    const QHostAddress literal(target.host);
    if (!literal.isNull()) {
        startProbes({literal});
        return;
    }
    reportProgress(tr("Looking up %1 (A and AAAA)").arg(target.host));
    m_lookupTimer.start(target.timeout);
    m_lookupId = QHostInfo::lookupHost(target.host, this, [this](const QHostInfo &info) { onLookedUp(info); });
}

void TcpCheck::onLookedUp(const QHostInfo &info)
{
    if (m_cancelling || isFinished())
        return;
    m_lookupId = -1;
    m_lookupTimer.stop();
    QList<QHostAddress> addresses;
    const CheckResult lookup = NameResolutionDiagnosis::classify(context().target().host, info, &addresses);
    if (addresses.isEmpty()) {
        // B1, with the resolver's words; the dns stage would say the same, in more detail.
        CheckResult result
            = CheckResult::failed(tr("No address to connect to: %1").arg(lookup.summary), lookup.hintIds);
        for (const QString &detail : lookup.details)
            result.addDetail(detail);
        for (const CheckEvidence &item : lookup.evidence)
            result.addEvidence(item.name, item.value);
        finish(std::move(result));
        return;
    }
    context().findings().addresses = addresses;
    startProbes(addresses);
}

void TcpCheck::onLookupTimeout()
{
    if (m_cancelling || isFinished())
        return;
    abortLookup();
    const CheckResult lookup = NameResolutionDiagnosis::timedOut(context().target().host, context().target().timeout);
    finish(CheckResult::failed(tr("No address to connect to: %1").arg(lookup.summary), lookup.hintIds));
}

void TcpCheck::abortLookup()
{
    m_lookupTimer.stop();
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
}

void TcpCheck::startProbes(const QList<QHostAddress> &addresses)
{
    const Target &target = context().target();
    const quint16 otherPort = target.otherPort();
    const bool probeOther = otherPort != target.port && otherPort != 0;

    auto makeProbe = [this, &target](const QHostAddress &address, quint16 port) {
        TcpProbe::Options options;
        options.address = address;
        options.port = port;
        options.connectTimeout = target.timeout;
        options.observeWindow = kObserveWindow;
        auto *probe = new TcpProbe(options, this);
        connect(probe, &TcpProbe::finished, this, [this, probe] { onProbeFinished(probe); });
        return QPointer<TcpProbe>(probe);
    };
    for (const QHostAddress &address : addresses) {
        m_targetProbes.append(makeProbe(address, target.port));
        if (probeOther)
            m_otherProbes.append(makeProbe(address, otherPort));
    }
    m_pendingTarget = int(m_targetProbes.size());
    m_pendingOther = int(m_otherProbes.size());
    reportProgress(probeOther ? tr("Connecting to ports %1 and %2 on %3 address(es)")
                                    .arg(target.port)
                                    .arg(otherPort)
                                    .arg(addresses.size())
                              : tr("Connecting to port %1 on %2 address(es)").arg(target.port).arg(addresses.size()));
    if (probeOther)
        m_grace.start(otherPortGrace());
    m_probeClock.start();
    // Started after all exist, so the pending counts are complete before the first one can finish.
    for (const auto &probe : std::as_const(m_targetProbes))
        probe->start();
    for (const auto &probe : std::as_const(m_otherProbes))
        probe->start();
}

void TcpCheck::onProbeFinished(const TcpProbe *probe)
{
    if (m_cancelling || isFinished())
        return;
    {
        const TcpProbeResult &r = probe->result();
        log(LogChannel::Http, r.isOpen() ? LogSeverity::Info : LogSeverity::Warning,
            QStringLiteral("TCP %1 port %2: %3")
                .arg(r.address.toString())
                .arg(r.port)
                .arg(r.isOpen() ? TcpDiagnosis::evidenceValue(r)
                                : TcpProbeResult::outcomeName(r.outcome) + QStringLiteral(", ")
                            + TcpDiagnosis::evidenceValue(r)));
    }
    // Other-port probes exist only when that port differs from the target port.
    if (probe->options().port == context().target().port)
        --m_pendingTarget;
    else
        --m_pendingOther;
    finishIfDone();
}

void TcpCheck::onGraceOver()
{
    if (m_cancelling || isFinished())
        return;
    m_graceOver = true;
    finishIfDone();
}

void TcpCheck::finishIfDone()
{
    if (m_pendingTarget > 0 || (m_pendingOther > 0 && !m_graceOver))
        return;
    m_grace.stop();

    QList<TcpProbeResult> targetResults;
    QList<TcpProbeResult> otherResults;
    for (const auto &probe : std::as_const(m_targetProbes)) {
        if (probe)
            targetResults.append(probe->result());
    }
    for (const auto &probe : std::as_const(m_otherProbes)) {
        if (!probe)
            continue;
        if (probe->isFinished()) {
            otherResults.append(probe->result());
            continue;
        }
        // Usually the grace; longer when a slow target port kept the stage going (whole seconds:
        // "no answer within 4 s" reads better than 4003 ms).
        const auto waited = std::chrono::milliseconds(m_probeClock.elapsed());
        const auto shown
            = waited >= 1000ms ? std::chrono::duration_cast<std::chrono::seconds>(waited) : otherPortGrace();
        const TcpProbeResult cutShort = TcpDiagnosis::unanswered(probe->options().address, probe->options().port,
            std::max<std::chrono::milliseconds>(shown, otherPortGrace()));
        log(LogChannel::Http, LogSeverity::Info,
            QStringLiteral("TCP %1 port %2: %3, not waited for longer")
                .arg(cutShort.address.toString())
                .arg(cutShort.port)
                .arg(TcpDiagnosis::evidenceValue(cutShort)));
        otherResults.append(cutShort);
    }
    // The cut-short probes must not report (Cancelled) into a finished stage: onProbeFinished
    // ignores them once isFinished(), and they are stopped here, before finish() returns.
    m_cancelling = true;
    for (const auto &probe : std::as_const(m_otherProbes)) {
        if (probe && !probe->isFinished())
            probe->cancel();
    }
    m_cancelling = false;

    DiagnosticFindings &findings = context().findings();
    findings.targetPort = targetResults;
    findings.otherPort = otherResults;
    findings.reachableAddress = TcpDiagnosis::reachableAddress(targetResults);
    finish(TcpDiagnosis::classify(context().target(), targetResults, otherResults));
}

void TcpCheck::doCancel()
{
    m_cancelling = true;
    abortLookup();
    m_grace.stop();
    for (const auto &probe : std::as_const(m_targetProbes)) {
        if (probe)
            probe->cancel();
    }
    for (const auto &probe : std::as_const(m_otherProbes)) {
        if (probe)
            probe->cancel();
    }
}

} // namespace cimdiag
