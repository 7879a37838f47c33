// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/net/HttpRequestParser.h"

#include <QList>

#include <algorithm>

namespace cimdiag {

namespace {

// DSP0200 7.2.2 (RFC 2774): the mandatory extension declaration of an M-POST.
constexpr QByteArrayView kDmtfMapping = "http://www.dmtf.org/cim/mapping/http/v1.0";

} // namespace

bool HttpRequestHead::wantsKeepAlive() const
{
    const QByteArray connection = header("Connection").toLower();
    if (httpVersion == "HTTP/1.0")
        return connection.contains("keep-alive");
    return !connection.contains("close");
}

HttpRequestParser::HeadStatus HttpRequestParser::takeHead(
    QByteArray &buffer, HttpRequestHead *head, qsizetype maxHeadSize)
{
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    const bool tooLarge = end < 0 ? buffer.size() > maxHeadSize : end > maxHeadSize;
    // Each header line is one '\n' before the terminator.
    if (tooLarge || (end >= 0 && QByteArrayView(buffer.constData(), end).count('\n') > kMaxHeaderLines)) {
        head->clear();
        const qsizetype lineEnd = buffer.indexOf('\r');
        head->requestLine = buffer.left(lineEnd < 0 ? maxHeadSize : qMin(lineEnd, maxHeadSize));
        return HeadStatus::TooLarge;
    }
    if (end < 0)
        return HeadStatus::Incomplete;
    const QByteArray text = buffer.left(end);
    buffer.remove(0, end + 4);
    return parseHead(text, head) ? HeadStatus::Complete : HeadStatus::Malformed;
}

bool HttpRequestParser::parseHead(QByteArrayView text, HttpRequestHead *head)
{
    head->clear();
    const QList<QByteArray> lines = text.toByteArray().split('\n');
    head->requestLine = lines.value(0).trimmed();
    const QList<QByteArray> parts = head->requestLine.split(' ');
    if (parts.size() != 3 || parts.at(0).isEmpty() || !parts.at(2).startsWith("HTTP/1."))
        return false;
    head->method = parts.at(0);
    head->target = parts.at(1);
    head->httpVersion = parts.at(2);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return false;
        head->headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    return true;
}

std::optional<QByteArray> HttpRequestParser::mandatoryExtensionPrefix(const HttpRequestHead &head)
{
    const QByteArray man = head.header("Man");
    const qsizetype nsAt = man.indexOf("ns=");
    if (!man.contains(kDmtfMapping) || nsAt < 0)
        return std::nullopt;
    QByteArray ns = man.mid(nsAt + 3);
    const qsizetype end = ns.indexOf(';');
    if (end >= 0)
        ns.truncate(end);
    ns = ns.trimmed();
    // RFC 2774 4: header-prefix = 2*DIGIT. Anything else is no declaration: the prefix goes into the
    // names of the answer's headers, and a value with blanks, colons or control bytes would break
    // them (found by FuzzExportRequest: "ns=4Expect: 100-\0..." became a header name).
    // One digit is tolerated.
    if (ns.isEmpty() || !std::all_of(ns.cbegin(), ns.cend(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return ns + '-';
}

bool HttpRequestParser::isCimXmlContentType(QByteArrayView contentType)
{
    const QByteArray type = contentType.toByteArray().toLower();
    const bool xmlType = type.startsWith("application/xml") || type.startsWith("text/xml");
    const qsizetype charsetAt = type.indexOf("charset=");
    if (charsetAt < 0)
        return xmlType;
    QByteArray charset = type.mid(charsetAt + 8);
    charset.replace('"', QByteArray());
    return xmlType && charset.trimmed().startsWith("utf-8");
}

QByteArray HttpRequestParser::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return QByteArrayLiteral("Continue");
    case 200:
        return QByteArrayLiteral("OK");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 411:
        return QByteArrayLiteral("Length Required");
    case 413:
        return QByteArrayLiteral("Payload Too Large");
    case 417:
        return QByteArrayLiteral("Expectation Failed");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 510:
        return QByteArrayLiteral("Not Extended");
    default:
        return QByteArrayLiteral("Unknown");
    }
}

} // namespace cimdiag
