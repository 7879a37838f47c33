// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

namespace cimdiag {

/// A server certificate (with the chain sent after it) and its private key, read from PEM files the
/// user gives: what an HTTPS indication listener serves when it should keep one certificate a CIM
/// server can be told to trust (F4), for `cimdiag-cli listen --cert/--key` and the listener stage
/// (ListenerCheckOptions::certificateFile/keyFile).
///
/// load() checks what a TLS server would otherwise fail on later and less clearly: both files
/// readable, PEM, an unencrypted key, the key belonging to the first certificate, the first
/// certificate valid now. errorString() names the file and the problem; it never holds key material.
class ServerCertificateFiles final
{
    Q_DECLARE_TR_FUNCTIONS(ServerCertificateFiles)

public:
    enum class Problem : quint8 {
        None,
        CertificateUnreadable, ///< missing, not a file, or no permission
        KeyUnreadable,
        CertificateNotPem, ///< no PEM certificate in the file
        KeyNotPem, ///< no PEM private key, an encrypted one, or a kind TLS here does not use
        KeyMismatch, ///< the key does not belong to the first certificate
        Expired, ///< the first certificate's notAfter is past
        NotYetValid, ///< the first certificate's notBefore is ahead
    };

    /// Reads and checks the two files; now is the time validity is checked against.
    static ServerCertificateFiles load(
        const QString &certificateFile, const QString &keyFile, const QDateTime &now = QDateTime::currentDateTimeUtc());

    /// Whether certificate names host (an IP address or a DNS name) the way a client that checks
    /// names sees it (OpenSSL's X509_check_ip_asc / X509_check_host: SAN entries, wildcards, the
    /// CN only when no DNS SAN exists).
    static bool coversHost(const QSslCertificate &certificate, const QString &host);

    bool isValid() const { return m_problem == Problem::None; }
    Problem problem() const { return m_problem; }
    /// Translated, naming the file ("/etc/x/key.pem: the private key does not belong to ..."); empty when valid.
    QString errorString() const { return m_error; }

    QString certificateFile() const { return m_certificateFile; }
    QString keyFile() const { return m_keyFile; }
    /// The leaf (the file's first certificate) and the rest of the file's certificates, in order.
    QSslCertificate certificate() const { return m_certificate; }
    QList<QSslCertificate> chain() const { return m_chain; }
    QSslKey privateKey() const { return m_privateKey; }
    /// The leaf's SHA-256 fingerprint, "AB:CD:..." as IssuedCertificate writes it; empty when invalid.
    QString sha256Fingerprint() const;

private:
    ServerCertificateFiles() = default;
    ServerCertificateFiles &fail(Problem problem, const QString &error);

    Problem m_problem = Problem::None;
    QString m_error;
    QString m_certificateFile;
    QString m_keyFile;
    QSslCertificate m_certificate;
    QList<QSslCertificate> m_chain;
    QSslKey m_privateKey;
};

} // namespace cimdiag
