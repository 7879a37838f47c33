// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/CheckResult.h"
#include "core/diagnostics/Target.h"
#include "core/net/TlsProbeResult.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QSslError>

#include <optional>

namespace cimdiag {

/// Turns what the TLS probes saw into the TLS stage's verdict (catalogue section C, and B5 for a
/// connection dropped before any byte). Pure: no I/O, so every rule is testable with synthetic
/// probe results.
///
/// Failed: the default policy cannot complete the handshake, the chain does not verify (unless the
/// target's TLS options accept exactly those errors, or a pin matches the leaf: then Warning), or a
/// pin does not match. Warning: the certificate expires within 30 days, ephemeral DH below 2048
/// bits, no RFC 5746 secure renegotiation, TLS 1.0/1.1 negotiated. Passed otherwise.
class TlsDiagnosis final
{
    Q_DECLARE_TR_FUNCTIONS(TlsDiagnosis)

public:
    /// relaxed: the probes with one relaxation each (TlsCheck runs them only after a failed
    /// default handshake).
    TlsDiagnosis(Target target, TlsProbeResult defaultProbe, QList<TlsProbeResult> relaxed = {});

    /// The result at the local time now (C9 compares the validity with it; expiry warnings).
    CheckResult classify(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;

    /// The first relaxed probe whose handshake completed, if any.
    std::optional<TlsProbeResult> workingRelaxation() const;
    /// X509_V_ERR_* to the catalogue id ("C7" for 18 and 19), empty for codes without one.
    static QString hintForVerifyCode(int code);
    /// X509_V_ERR_* to Qt's name for it, for WbemTlsOptions::ignoredErrors; nullopt without one.
    static std::optional<QSslError::SslError> sslErrorForVerifyCode(int code);
    /// "3 h 12 min", "45 s", "12 days".
    static QString describeDuration(qint64 seconds);

private:
    CheckResult classifyHandshakeFailure(const QDateTime &now) const;
    CheckResult classifyCompleted(const QDateTime &now) const;
    /// The verification errors, or nullopt when the chain verified.
    std::optional<CheckResult> classifyVerification(const QDateTime &now) const;
    void addWarnings(CheckResult &result, const QDateTime &now) const;
    void addCommonDetails(CheckResult &result) const;
    void addEvidence(CheckResult &result) const;
    QString describeVerifyErrors(const QList<int> &codes, const QDateTime &now, QStringList *details) const;
    bool plainHttpReply() const;
    bool hasReason(QLatin1String reason) const;
    bool alertIs(int code) const;

    Target m_target;
    TlsProbeResult m_default;
    QList<TlsProbeResult> m_relaxed;
};

} // namespace cimdiag
