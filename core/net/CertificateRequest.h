// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

namespace cimdiag {

/// What CertificateFactory puts in a server certificate: subject, subject alternative names, key
/// size, validity and signature digest. The defaults give what a CIM server or listener on this
/// machine needs: CN localhost, SAN DNS:localhost, IP:127.0.0.1, IP:::1, RSA 2048, SHA-256.
struct CertificateRequest final
{
    /// The signature digest. Sha1 exists to reproduce old servers' certificates (C6).
    enum class Digest : quint8 { Sha256, Sha1 };

    QString commonName = QStringLiteral("localhost");
    /// The subject's O; empty: the issuing CA's organisation (or "cimdiag" for a self-signed leaf).
    QString organization;
    /// Subject alternative names. Both empty: no subjectAltName extension at all (an empty one is
    /// invalid), so only the CN names the server.
    QStringList dnsNames {QStringLiteral("localhost")};
    QList<QHostAddress> ipAddresses {QHostAddress(QHostAddress::LocalHost), QHostAddress(QHostAddress::LocalHostIPv6)};
    int keyBits = 2048;
    /// Validity in days relative to now: from one day ago (a peer whose clock lags a little still
    /// accepts it) to 397 days ahead (the longest a public CA issues today). notAfterDays below 0
    /// makes an expired certificate, notBeforeDays above 0 one not yet valid (C9).
    int notBeforeDays = -1;
    int notAfterDays = 397;
    Digest digest = Digest::Sha256;
};

} // namespace cimdiag
