// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>

namespace cimdiag {

/// A certificate made by SimCertificateFactory with its private key, in Qt form and as PEM.
struct SimIssuedCertificate final
{
    QSslCertificate certificate;
    QSslKey privateKey;
    /// The chain a server sends after the leaf (the CA; empty for a self-signed leaf).
    QList<QSslCertificate> chain;

    bool isNull() const { return certificate.isNull() || privateKey.isNull(); }
    QByteArray certificatePem() const { return certificate.toPem(); }
    QByteArray privateKeyPem() const { return privateKey.toPem(); }
};

} // namespace cimdiag
