// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/DiagnosticCheck.h"

#include <QPointer>

namespace cimdiag {

class SlpDiscovery;

/// Stage Slp [A1-A10]: does the target advertise service:wbem over SLP, and is the advert usable?
/// Runs only when the target asks for it (Target::slp); needs no other stage and no stage needs
/// it, so its failure skips nothing. A unicast SrvRqst goes to the target's host and slpPort,
/// and a multicast one where Target::slpMulticastAllowed(). Verdicts: SlpDiagnosis.
class SlpCheck final : public DiagnosticCheck
{
    Q_OBJECT

public:
    explicit SlpCheck(DiagnosticContext &context, QObject *parent = nullptr);
    ~SlpCheck() override;
    Q_DISABLE_COPY_MOVE(SlpCheck)

    QList<DiagnosticStage> prerequisites() const override { return {}; }
    QString notApplicableReason() const override;

protected:
    void doStart() override;
    void doCancel() override;

private:
    void onFinished();

    QPointer<SlpDiscovery> m_discovery;
};

} // namespace cimdiag
