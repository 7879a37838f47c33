// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QStringList>

namespace cimdiag {

/// One certificate of a peer chain as the TLS probe read it with OpenSSL (a value).
struct TlsCertificateInfo final
{
    /// One verification error OpenSSL reported for this certificate.
    struct VerifyError
    {
        int code = 0; ///< X509_V_ERR_* (18 self-signed, 10 expired, 62 hostname mismatch, ...)
        QString text; ///< X509_verify_cert_error_string()
    };

    int depth = 0; ///< 0 = the server's own certificate
    QSslCertificate certificate; ///< the same certificate for Qt users (PEM round trip)
    QString subject; ///< RFC 2253 one line
    QString issuer;
    QStringList subjectAltNames; ///< "DNS:host.example", "IP:10.0.0.5"
    QDateTime notBefore; ///< UTC
    QDateTime notAfter; ///< UTC
    QString keyType; ///< "RSA", "EC", "ED25519", "DSA"
    int keyBits = 0;
    QString signatureAlgorithm; ///< "sha256WithRSAEncryption", "sha1WithRSAEncryption"
    QString sha256Fingerprint; ///< hex, colon separated, upper case (as browsers show it)
    bool selfIssued = false; ///< subject == issuer
    QList<VerifyError> verifyErrors;
};

} // namespace cimdiag
