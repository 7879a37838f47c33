// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/net/CertificateRequest.h"
#include "core/net/IssuedCertificate.h"

#include <QByteArray>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

#include <optional>

namespace cimdiag {

/// Makes certificates at run time with the OpenSSL 3 API: a CA (RSA 2048, SHA-256, one year), server
/// leaves signed by it with the names and validity a CertificateRequest gives, client certificates
/// (extendedKeyUsage clientAuth, for 2-way TLS: C13) and self-signed server certificates without a
/// CA (what an HTTPS indication listener serves: F4, and what the simulator serves for C7).
///
/// Users: the listener stage (a certificate for the address the server delivers to), cimdiag-cli
/// listen --https without --cert, the simulator (its catalogue faults map onto CertificateRequest,
/// see SimCertificateOptions) and the tests. Nothing expires in the source tree.
///
/// A value class: it holds the CA certificate and key, so copies issue under the same CA.
class CertificateFactory final
{
public:
    /// Generates a new CA named commonName (O organization). nullopt (with the OpenSSL reason in
    /// *error) only when OpenSSL fails.
    static std::optional<CertificateFactory> create(const QString &commonName = QStringLiteral("cimdiag CA"),
        const QString &organization = QStringLiteral("cimdiag"), QString *error = nullptr);

    /// A self-signed server certificate (no CA, no keyUsage, so verifiers see it as self-signed:
    /// verify code 18). A peer trusts it by adding exactly this certificate as a CA. Null (and
    /// *error set) when OpenSSL fails.
    static IssuedCertificate selfSignedServerCertificate(
        const CertificateRequest &request = {}, QString *error = nullptr);

    const QSslCertificate &caCertificate() const { return m_caCertificate; }
    QByteArray caCertificatePem() const { return m_caCertificate.toPem(); }
    /// Writes the CA certificate as PEM to path (replacing the file), for clients that take a CA
    /// file (cimdiag-sim --ca-file, the TLS tests). False, with the reason in *error, when it cannot.
    bool writeCaCertificatePem(const QString &path, QString *error = nullptr) const;

    /// A server certificate (extendedKeyUsage serverAuth) signed by the CA; its chain is the CA.
    /// Null (and *error set) when OpenSSL fails.
    IssuedCertificate issueServerCertificate(const CertificateRequest &request = {}, QString *error = nullptr) const;
    /// A client certificate (extendedKeyUsage clientAuth) signed by the CA.
    IssuedCertificate issueClientCertificate(const QString &commonName, QString *error = nullptr) const;

private:
    CertificateFactory() = default;

    QSslCertificate m_caCertificate;
    QByteArray m_caKeyPem;
    QString m_organization;
};

} // namespace cimdiag
