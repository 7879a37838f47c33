// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/DiagnosticCheck.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <optional>

class QHostInfo;

namespace cimdiag {

class TcpProbe;

/// Stage Tcp [B2-B5, B7]: a TcpProbe to every resolved address on the target port and on the other
/// CIM port (5988/5989), all in parallel, the target-port probes each bounded by the target
/// timeout. The other port only adds advice ("try https://..."), so it is not waited for as long:
/// the stage ends once every target-port probe has finished and the other-port probes have
/// finished or had kOtherPortGrace (at most the timeout) since the probes started. ESXi usually
/// drops 5988 silently, which would otherwise hold every run for the whole timeout. An other-port
/// probe cut short shows as "no answer within 1 s (filtered?)" (TcpDiagnosis), not as a failure.
///
/// Without addresses from the name-resolution stage (`--stage tcp` alone) it uses the host when
/// it is an IP literal, and otherwise resolves the name itself (B1 when that fails).
/// Fills findings().targetPort, otherPort and reachableAddress (and addresses when it resolved).
/// Verdicts: TcpDiagnosis.
class TcpCheck final : public DiagnosticCheck
{
    Q_OBJECT

public:
    explicit TcpCheck(DiagnosticContext &context, QObject *parent = nullptr);
    ~TcpCheck() override;
    Q_DISABLE_COPY_MOVE(TcpCheck)

    QList<DiagnosticStage> prerequisites() const override { return {DiagnosticStage::NameResolution}; }

    /// How long each fresh connection is watched for a reset (B5). The simulator and a crashing
    /// sfcbd reset within tens of milliseconds (the simulator after 50 ms); longer would only slow
    /// every run down. A later reset still shows in the TLS and HTTP stages (B5).
    static constexpr std::chrono::milliseconds kObserveWindow {150};
    /// How long the other CIM port may keep the stage waiting, from the start of the probes, when
    /// the target port has answered (capped by the target timeout).
    static constexpr std::chrono::milliseconds kOtherPortGrace {1000};

protected:
    void doStart() override;
    void doCancel() override;

private:
    void startProbes(const QList<QHostAddress> &addresses);
    void onLookedUp(const QHostInfo &info);
    void onLookupTimeout();
    void abortLookup();
    void onProbeFinished(const TcpProbe *probe);
    void onGraceOver();
    /// Finishes when every target-port probe is done and the other-port probes are done or their
    /// grace is over.
    void finishIfDone();
    std::chrono::milliseconds otherPortGrace() const;

    QList<QPointer<TcpProbe>> m_targetProbes;
    QList<QPointer<TcpProbe>> m_otherProbes;
    int m_pendingTarget = 0;
    int m_pendingOther = 0;
    bool m_graceOver = false;
    QTimer m_grace;
    QElapsedTimer m_probeClock; ///< since the probes started
    int m_lookupId = -1;
    QTimer m_lookupTimer;
    bool m_cancelling = false;
};

} // namespace cimdiag
