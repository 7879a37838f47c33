// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/DiagnosticCheck.h"

#include <QList>
#include <QPointer>

#include <chrono>

namespace cimdiag {

class TcpProbe;

/// Stage Tcp [B2-B5, B7]: a TcpProbe to every resolved address on the target port and on the other
/// CIM port (5988/5989), all in parallel, each bounded by the target timeout. Fills
/// findings().targetPort, otherPort and reachableAddress. Verdicts: TcpDiagnosis.
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

protected:
    void doStart() override;
    void doCancel() override;

private:
    void onProbeFinished(const TcpProbe *probe);

    QList<QPointer<TcpProbe>> m_targetProbes;
    QList<QPointer<TcpProbe>> m_otherProbes;
    int m_pending = 0;
    bool m_cancelling = false;
};

} // namespace cimdiag
