// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/DiagnosticCheck.h"

#include <QList>
#include <QPointer>

namespace cimdiag {

class WbemConnection;
class WbemOperation;

/// Stage 6, server identity and interop namespace [E1, E2, E4, E5]. Probes every interop candidate
/// at once (EnumerateInstanceNames of CIM_Namespace; INVALID_CLASS or NOT_FOUND still prove the
/// namespace exists, as pywbem's WBEMServer reasons) and takes the first one in DSP1033 order that
/// exists. Then, in parallel: CIM_ObjectManager (brand and version), CIM_RegisteredProfile, and an
/// OpenEnumerateInstancePaths to learn whether the pull operations work (NOT_SUPPORTED is E4;
/// CIM_ERR_FAILED is how SFCB before 1.4.5 says the same, E5).
class ServerIdentityCheck final : public DiagnosticCheck
{
    Q_OBJECT

public:
    explicit ServerIdentityCheck(DiagnosticContext &context, QObject *parent = nullptr);

    QList<DiagnosticStage> prerequisites() const override { return {DiagnosticStage::Authentication}; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    struct Candidate
    {
        QString nameSpace;
        QPointer<WbemOperation> operation;
    };

    void onCandidateFinished();
    void chooseInterop();
    void startDetails();
    void onDetailFinished();
    void finishWithDetails();

    WbemConnection *m_connection = nullptr;
    QList<Candidate> m_candidates;
    QString m_interop;
    QPointer<WbemOperation> m_objectManager;
    QPointer<WbemOperation> m_profiles;
    QPointer<WbemOperation> m_pull;
    int m_pending = 0;
};

} // namespace cimdiag
