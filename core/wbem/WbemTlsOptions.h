// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QSet>
#include <QSslCertificate>
#include <QSslError>
#include <QSslKey>
#include <QString>

namespace cimdiag {

/// How an https connection verifies the server and presents itself (a value).
///
/// By default the system trust store verifies the server and the host name must match. Each
/// relaxation is explicit: a CA file or directory replaces the system store, a set of verification
/// errors to continue past, host-name verification off, or a pinned SHA-256 fingerprint of the
/// server certificate (trust on first use: a matching pin accepts the certificate whatever the
/// verification said; a mismatch fails even when the certificate verifies).
struct WbemTlsOptions final
{
    /// PEM file with CA certificates; when set (or caDirectory is), the system store is not used.
    QString caFile;
    /// Directory of PEM CA certificates (every file in it is read).
    QString caDirectory;
    /// 2-way TLS: PEM client certificate and unencrypted (or passphrase-protected) PEM private key.
    QString clientCertificateFile;
    QString clientKeyFile;
    QByteArray clientKeyPassphrase;
    bool verifyHostname = true;
    /// Verification errors the user chose to continue past; any other error still fails.
    QSet<QSslError::SslError> ignoredErrors;
    /// SHA-256 digest of the server certificate's DER (raw 32 bytes, or hex with or without colons).
    QByteArray pinnedSha256;

    bool usesSystemTrustStore() const { return caFile.isEmpty() && caDirectory.isEmpty(); }
    /// Reads a PEM client certificate and its private key (RSA, EC or DSA; an empty keyFile means
    /// the key is in certificateFile). Returns an error text naming the file, empty on success.
    static QString loadClientIdentity(const QString &certificateFile, const QString &keyFile,
        const QByteArray &passphrase, QSslCertificate *certificate, QSslKey *key);
    /// pinnedSha256 as raw 32 bytes; empty when unset or malformed.
    QByteArray pinnedDigest() const;

    friend bool operator==(const WbemTlsOptions &, const WbemTlsOptions &) = default;
};

} // namespace cimdiag
