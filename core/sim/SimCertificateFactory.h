// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/sim/SimCertificateOptions.h"
#include "core/sim/SimIssuedCertificate.h"

#include <QByteArray>
#include <QSslCertificate>
#include <QString>

#include <optional>

namespace cimdiag {

/// Makes the simulator's certificates at run time with the OpenSSL 3 API, so nothing expires in the
/// source tree and every certificate fault of the catalogue (C5, C6, C7, C9, C10) can be produced on
/// demand: a CA (RSA 2048, SHA-256), server leaves signed by it (SAN DNS:localhost, IP:127.0.0.1,
/// IP:::1 by default) and client certificates for 2-way TLS (C13). The tests reuse it.
///
/// A value class: it holds the CA certificate and key, so copies issue under the same CA.
class SimCertificateFactory final
{
public:
    /// Generates a new CA. nullopt (with the OpenSSL reason in *error) only when OpenSSL fails.
    static std::optional<SimCertificateFactory> create(QString *error = nullptr);

    const QSslCertificate &caCertificate() const { return m_caCertificate; }
    QByteArray caCertificatePem() const { return m_caCertificate.toPem(); }
    /// Writes the CA certificate as PEM to path (replacing the file), for clients that take a CA
    /// file (cimdiag-sim --ca-file, the TLS tests). False, with the reason in *error, when it cannot.
    bool writeCaCertificatePem(const QString &path, QString *error = nullptr) const;

    /// A server certificate with options.fault applied. Null (and *error set) when OpenSSL fails.
    SimIssuedCertificate issueServerCertificate(const SimCertificateOptions &options = {},
                                                QString *error = nullptr) const;
    /// A client certificate (extendedKeyUsage clientAuth) signed by the CA.
    SimIssuedCertificate issueClientCertificate(const QString &commonName, QString *error = nullptr) const;

private:
    SimCertificateFactory() = default;

    QSslCertificate m_caCertificate;
    QSslKey m_caKey;
    QByteArray m_caKeyPem;
};

} // namespace cimdiag
