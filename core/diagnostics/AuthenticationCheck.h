// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/DiagnosticCheck.h"

#include <QPointer>

namespace cimdiag {

class WbemOperation;
struct WbemCredentials;
struct WbemError;

/// Stage 5, authentication [D1-D7]: first a CIM request without credentials, which a server
/// should answer with 401 and a Basic challenge (its realm and schemes are reported; no 401 at all
/// is a security finding, D6; no Basic among the schemes is D5); then, when the user gave
/// credentials, the same request with them: accepted, or rejected in a way the signal and the
/// server's identity narrow down (OpenPegasus remote-root detail D4, ESXi lockdown D3 or missing
/// CIM privilege D2, non-ASCII password D7, plain wrong credentials D1).
class AuthenticationCheck final : public DiagnosticCheck
{
    Q_OBJECT

public:
    explicit AuthenticationCheck(DiagnosticContext &context, QObject *parent = nullptr);

    QList<DiagnosticStage> prerequisites() const override { return {DiagnosticStage::Http}; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    void startProbe(const WbemCredentials &credentials);
    void onAnonymousFinished();
    void onCredentialedFinished();
    CheckResult rejectedResult(const WbemError &error) const;
    bool serverLooksLikeEsxi() const;

    QPointer<WbemOperation> m_operation;
    bool m_challengeSeen = false;
    QStringList m_challengeDetails;
};

} // namespace cimdiag
