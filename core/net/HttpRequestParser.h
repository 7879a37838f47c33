// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/wbem/WbemHttpHeaders.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace cimdiag {

/// The head of one HTTP/1.x request as a server reads it off the wire.
struct HttpRequestHead final
{
    QByteArray requestLine; ///< "POST /cimom HTTP/1.1"
    QByteArray method;
    QByteArray target;
    QByteArray httpVersion;
    WbemHttpHeaderList headers; ///< in arrival order, names as sent

    QByteArray header(QByteArrayView name) const { return httpHeaderValue(headers, name); }
    bool hasHeader(QByteArrayView name) const { return hasHttpHeader(headers, name); }
    /// HTTP/1.1 keeps the connection unless `Connection: close`; HTTP/1.0 only with keep-alive.
    bool wantsKeepAlive() const;
    void clear() { *this = HttpRequestHead(); }
};

/// The request side of HTTP/1.x for the servers cimdiag runs (the simulator's SimHttpServer and the
/// IndicationListener), free of I/O: both read requests off raw sockets, because what they must
/// answer (M-POST, 405/411/431, malformed heads, DSP0200 CIMError) lives on the wire.
///
/// takeHead() cuts one head off the front of a connection's buffer, bounded (a head over
/// maxHeadSize or with more than kMaxHeaderLines lines is TooLarge, whether or not its end has
/// arrived: a client trickling an endless head is refused early). The body framing (Content-Length,
/// chunked, Expect) is left to the caller, whose answers differ (a CIM server says 411, a listener
/// the same; the simulator imitates faults there).
class HttpRequestParser final
{
public:
    HttpRequestParser() = delete;

    static constexpr qsizetype kMaxHeadSize = 64 * 1024;
    /// Header fields per request (Apache's LimitRequestFields default); more is TooLarge (431).
    static constexpr qsizetype kMaxHeaderLines = 100;

    enum class HeadStatus : quint8 {
        Incomplete, ///< the head's end has not arrived yet (and the limits are not exceeded)
        Complete, ///< *head is filled and the head (with its blank line) was removed from the buffer
        TooLarge, ///< over the limits: answer 431; head->requestLine holds the start of the first line
        Malformed, ///< not an HTTP/1.x request head: answer 400
    };

    /// Looks for a complete request head at the front of buffer and, when there is one, parses it
    /// into *head and removes it from buffer.
    static HeadStatus takeHead(QByteArray &buffer, HttpRequestHead *head, qsizetype maxHeadSize = kMaxHeadSize);
    /// Parses a head without its terminating blank line; false when it is not "METHOD TARGET
    /// HTTP/1.x" followed by "Name: value" lines. Tolerates bare LF line ends.
    static bool parseHead(QByteArrayView text, HttpRequestHead *head);

    /// DSP0200 7.2.2 / RFC 2774: the header prefix ("73-") an M-POST declares in its Man header for
    /// the DMTF mapping `http://www.dmtf.org/cim/mapping/http/v1.0;ns=73`; nullopt when the Man
    /// header is missing, names another extension or has no ns, or ns is not digits (RFC 2774).
    static std::optional<QByteArray> mandatoryExtensionPrefix(const HttpRequestHead &head);
    /// DSP0200 7.1 (D12): application/xml or text/xml, with no charset or charset utf-8.
    static bool isCimXmlContentType(QByteArrayView contentType);
    /// The reason phrase of a status the simulator or the listener sends ("Unknown" otherwise).
    static QByteArray reasonPhrase(int status);
};

} // namespace cimdiag
