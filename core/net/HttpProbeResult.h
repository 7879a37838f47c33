// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/wbem/WbemHttpHeaders.h"

#include <QByteArray>
#include <QString>

#include <chrono>

namespace cimdiag {

/// What one raw HTTP exchange saw (a value): whether anything answered, the raw first bytes (TLS
/// alert bytes 0x15 0x03 where HTTP was expected mean a TLS port, C2), and the parsed reply head
/// and body start when the answer was HTTP.
struct HttpProbeResult final
{
    bool connected = false;
    QString connectError; ///< the socket's text when the connect failed
    QString connectErrno; ///< "ECONNREFUSED", "ETIMEDOUT", ...
    /// https only: the handshake failed (the TLS stage says why), or a TLS error (a fatal alert
    /// such as 116 certificate_required, which TLS 1.3 servers send after the handshake) ended
    /// the exchange before a reply head.
    bool tlsFailed = false;
    QString tlsError;
    /// Why the client certificate of Options could not be loaded (none was sent); empty when it
    /// loaded or none was configured.
    QString clientCertificateError;
    bool timedOut = false; ///< no complete reply head before the timeout (B6)
    bool cancelled = false;
    /// The server closed or reset before a complete reply head.
    bool closedBeforeReply = false;
    QString closeErrno; ///< "ECONNRESET" or "EOF"

    QByteArray firstBytes; ///< at most 64 bytes, raw

    bool isHttp = false; ///< a status line "HTTP/1.x NNN reason" was read
    /// Not empty when the bytes received are not (valid) HTTP: what was wrong, in words
    /// ("The reply is not HTTP: it does not start with \"HTTP/\""); firstBytes show them.
    QString protocolError;
    QByteArray statusLine;
    int status = 0;
    QByteArray reason;
    WbemHttpHeaderList headers;
    QByteArray body; ///< up to Options::maxBody bytes
    bool bodyTruncated = false;
    bool bodyComplete = false; ///< Content-Length (or chunked end, or close) reached

    std::chrono::microseconds timeToFirstByte {0};
    std::chrono::microseconds totalTime {0};

    QByteArray header(QByteArrayView name) const { return httpHeaderValue(headers, name); }
    bool hasHeader(QByteArrayView name) const { return hasHttpHeader(headers, name); }
    /// True when firstBytes look like a TLS record (handshake 0x16 or alert 0x15, version 0x03).
    bool looksLikeTls() const;
};

} // namespace cimdiag
