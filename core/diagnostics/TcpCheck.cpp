// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/TcpCheck.h"

#include "core/diagnostics/DiagnosticContext.h"
#include "core/diagnostics/TcpDiagnosis.h"
#include "core/net/TcpProbe.h"

namespace cimdiag {

TcpCheck::TcpCheck(DiagnosticContext &context, QObject *parent)
    : DiagnosticCheck(DiagnosticStage::Tcp, context, parent)
{ }

TcpCheck::~TcpCheck() = default;

void TcpCheck::doStart()
{
    const Target &target = context().target();
    const QList<QHostAddress> addresses = context().findings().addresses;
    if (addresses.isEmpty()) {
        finish(CheckResult::failed(tr("No address to connect to: the name did not resolve")));
        return;
    }
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
        ++m_pending;
        return QPointer<TcpProbe>(probe);
    };
    for (const QHostAddress &address : addresses) {
        m_targetProbes.append(makeProbe(address, target.port));
        if (probeOther)
            m_otherProbes.append(makeProbe(address, otherPort));
    }
    reportProgress(probeOther ? tr("Connecting to ports %1 and %2 on %3 address(es)")
                                    .arg(target.port)
                                    .arg(otherPort)
                                    .arg(addresses.size())
                              : tr("Connecting to port %1 on %2 address(es)").arg(target.port).arg(addresses.size()));
    // Started after all exist, so m_pending is complete before the first one can finish.
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
    if (--m_pending > 0)
        return;

    QList<TcpProbeResult> targetResults;
    QList<TcpProbeResult> otherResults;
    for (const auto &probe : std::as_const(m_targetProbes)) {
        if (probe)
            targetResults.append(probe->result());
    }
    for (const auto &probe : std::as_const(m_otherProbes)) {
        if (probe)
            otherResults.append(probe->result());
    }
    DiagnosticFindings &findings = context().findings();
    findings.targetPort = targetResults;
    findings.otherPort = otherResults;
    findings.reachableAddress = TcpDiagnosis::reachableAddress(targetResults);
    finish(TcpDiagnosis::classify(context().target(), targetResults, otherResults));
}

void TcpCheck::doCancel()
{
    m_cancelling = true;
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
