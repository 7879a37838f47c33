// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

namespace cimdiag {

/// A certificate made by CertificateFactory with its private key, in Qt form and as PEM.
struct IssuedCertificate final
{
    QSslCertificate certificate;
    QSslKey privateKey;
    /// The chain a server sends after the leaf (the CA; empty for a self-signed leaf).
    QList<QSslCertificate> chain;

    bool isNull() const { return certificate.isNull() || privateKey.isNull(); }
    QByteArray certificatePem() const { return certificate.toPem(); }
    QByteArray privateKeyPem() const { return privateKey.toPem(); }
    /// The SHA-256 fingerprint as admins compare it (and as --pin takes it): "AB:CD:...", upper case.
    QString sha256Fingerprint() const
    {
        return certificate.isNull()
            ? QString()
            : QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
    }
};

} // namespace cimdiag
