// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/net/CertificateRequest.h"
#include "core/net/IssuedCertificate.h"

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace cimdiag {

class CertificateFactory;

/// A deliberate defect of the simulator's server certificate, each one a row of the failure-mode
/// catalogue (shared/reference/failure-modes.md).
enum class SimCertificateFault : quint8 {
    None,
    Expired, ///< C9: notAfter in the past (verify code 10)
    NotYetValid, ///< C9: notBefore in the future (verify code 9), as with BMC clock drift
    WrongHost, ///< C10: SAN names only other.example (verify code 62/64)
    SelfSigned, ///< C7: the leaf signs itself, no CA (verify code 18)
    WeakKey, ///< C5: RSA 1024 (verify code 66, "ee key too small")
    Sha1Signature, ///< C6: signed with SHA-1 (verify code 68, "ca md too weak")
};

QString simCertificateFaultName(SimCertificateFault fault);
std::optional<SimCertificateFault> simCertificateFaultFromName(QStringView name);
QString simCertificateFaultFailureModeId(SimCertificateFault fault);

/// What to put in the simulator's server certificate: the names and key size, and a catalogue fault
/// that request() maps onto the core CertificateFactory's CertificateRequest.
struct SimCertificateOptions final
{
    SimCertificateFault fault = SimCertificateFault::None;
    QString commonName = QStringLiteral("localhost");
    /// Subject alternative names; WrongHost replaces them with other.example.
    QStringList dnsNames {QStringLiteral("localhost")};
    QList<QHostAddress> ipAddresses {QHostAddress(QHostAddress::LocalHost), QHostAddress(QHostAddress::LocalHostIPv6)};
    int keyBits = 2048; ///< WeakKey forces 1024
    int validityDays = 397; ///< from one day ago (397: the longest a public CA issues today)

    /// The request with the fault applied (SelfSigned is not in it: issue() makes that one without
    /// the CA). Organisation "cimdiag simulator".
    CertificateRequest request() const;
    /// The server certificate: issued by factory, or self-signed for SelfSigned (C7). Null, with
    /// the OpenSSL reason in *error, when OpenSSL fails.
    IssuedCertificate issue(const CertificateFactory &factory, QString *error = nullptr) const;
};

} // namespace cimdiag
