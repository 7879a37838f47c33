// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/net/TlsCertificateInfo.h"
#include "core/net/TlsPolicy.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace cimdiag {

/// What one TLS probe saw (a value): how far it got, what was negotiated, the whole peer chain with
/// OpenSSL's verification per certificate, and the raw signals of a failure (OpenSSL reason, TLS
/// alert, first bytes received).
struct TlsProbeResult final
{
    /// A TLS alert (RFC 8446 6): 40 handshake_failure, 70 protocol_version, 116 certificate_required.
    struct Alert
    {
        int code = 0;
        QString description; ///< SSL_alert_desc_string_long(): "handshake failure"
        bool fatal = true;
    };

    TlsPolicy policy = TlsPolicy::Default;
    /// Which trust store verified the chain: "system (Qt system store, N certificates)" or the
    /// CA file/directory path. Environment overrides (SSL_CERT_FILE) are named when present.
    QString trustStore;

    bool tcpConnected = false;
    QString tcpError; ///< when the TCP connect failed
    QString tcpErrno; ///< its errno-style name: "ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", ...
    bool handshakeCompleted = false;
    bool timedOut = false; ///< connect or handshake ran over the timeout (not the wait for the HTTP reply)
    bool cancelled = false;
    std::chrono::microseconds handshakeTime {0};

    // Negotiated (handshakeCompleted).
    QString protocol; ///< "TLSv1.3", "TLSv1.2", "TLSv1", ...
    QString cipher; ///< "TLS_AES_256_GCM_SHA384"
    int cipherBits = 0;
    QString ephemeralKey; ///< SSL_get_peer_tmp_key: "X25519", "ECDH P-256", "DH"
    int ephemeralKeyBits = 0; ///< DH group size: below 2048 is C4
    bool secureRenegotiation = false; ///< RFC 5746 (C11 when false)
    bool clientCertificateRequested = false; ///< the server sent CertificateRequest
    bool clientCertificateSent = false;

    // The peer chain as sent, leaf first, with verification per certificate (the probe verifies
    // with SSL_VERIFY_NONE and a callback that records every error, so one run shows them all).
    QList<TlsCertificateInfo> peerChain;
    /// SSL_get_verify_result() (0 = X509_V_OK) and its text.
    int verifyResult = 0;
    QString verifyResultText;
    /// The name checked against the certificate (host or IP); empty when verifyHostname is off.
    QString verifiedName;
    bool hostnameMatches = false;

    // Failure signals.
    std::optional<Alert> alertReceived;
    std::optional<Alert> alertSent;
    /// The OpenSSL errors of a failed handshake, most specific first: "wrong version number",
    /// "unsupported protocol", "dh key too small", "unsafe legacy renegotiation disabled", ...
    QStringList openSslErrors;
    /// The first bytes the server sent (at most 64), raw: "HTTP/1." means a plaintext port (C1).
    QByteArray firstBytes;
    /// The server closed or reset the connection during or right after the handshake.
    bool peerClosed = false;
    QString peerCloseErrno; ///< "ECONNRESET" or "EOF"

    // After the handshake the probe sends an HTTP request without credentials (HEAD / HTTP/1.1)
    // and reads the first reply line: TLS 1.3 servers that require a client certificate send
    // alert 116 only then (C13), and a reply proves HTTP over TLS works.
    QString httpStatusLine;

    bool verificationPassed() const { return handshakeCompleted && verifyResult == 0; }
    /// Every verification error code of every certificate, in chain order, without duplicates.
    QList<int> verifyErrorCodes() const;
};

} // namespace cimdiag
