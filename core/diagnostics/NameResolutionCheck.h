// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/DiagnosticCheck.h"

#include <QTimer>

class QHostInfo;

namespace cimdiag {

/// Stage NameResolution [B1, B7]: an IP literal needs no lookup; a name is looked up (A and AAAA,
/// QHostInfo, asynchronous, bounded by the target timeout) and its answers go to
/// findings().addresses in the resolver's order. Verdicts: NameResolutionDiagnosis.
class NameResolutionCheck final : public DiagnosticCheck
{
    Q_OBJECT

public:
    explicit NameResolutionCheck(DiagnosticContext &context, QObject *parent = nullptr);
    ~NameResolutionCheck() override;
    Q_DISABLE_COPY_MOVE(NameResolutionCheck)

    QList<DiagnosticStage> prerequisites() const override { return {}; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    void onLookedUp(const QHostInfo &info);
    void onTimeout();
    void abortLookup();

    int m_lookupId = -1;
    QTimer m_timer;
};

} // namespace cimdiag
