// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/listener/ExportRequestHandler.h"

#include <utility>

namespace cimdiag {

ExportRequestHandler::ExportRequestHandler(qsizetype maxHeadSize, qint64 maxBodySize, bool acceptMPost)
    : m_maxHeadSize(maxHeadSize)
    , m_maxBodySize(maxBodySize)
    , m_acceptMPost(acceptMPost)
{ }

void ExportRequestHandler::append(QByteArrayView bytes)
{
    if (!m_closing)
        m_buffer.append(bytes);
}

std::optional<ExportRequestHandler::Step> ExportRequestHandler::next()
{
    if (m_closing)
        return std::nullopt;
    if (!m_headParsed) {
        if (m_buffer.isEmpty())
            return std::nullopt;
        switch (HttpRequestParser::takeHead(m_buffer, &m_head, m_maxHeadSize)) {
        case HttpRequestParser::HeadStatus::Incomplete:
            return std::nullopt;
        case HttpRequestParser::HeadStatus::TooLarge:
            return finish(ExportRequestDecoder::plain(431,
                QStringLiteral("the request head is larger than %1 bytes or has more than %2 lines")
                    .arg(m_maxHeadSize)
                    .arg(HttpRequestParser::kMaxHeaderLines)));
        case HttpRequestParser::HeadStatus::Malformed:
            return finish(ExportRequestDecoder::plain(400, QStringLiteral("not an HTTP/1.x request")));
        case HttpRequestParser::HeadStatus::Complete:
            break;
        }
        m_headParsed = true;
        if (auto early = ExportRequestDecoder::checkHead(m_head, m_maxBodySize, m_acceptMPost, &m_contentLength))
            return finish(std::move(*early));
        if (m_head.header("Expect").toLower().contains("100-continue")) {
            Step step;
            step.interim = true;
            step.head = m_head;
            step.bytes = kContinue.toByteArray();
            return step;
        }
    }
    if (m_buffer.size() < m_contentLength)
        return std::nullopt;
    const QByteArray body = m_buffer.left(m_contentLength);
    m_buffer.remove(0, m_contentLength);
    return finish(ExportRequestDecoder::answer(m_head, body));
}

std::optional<ExportRequestHandler::Step> ExportRequestHandler::timeout(int requestTimeoutMs)
{
    if (m_closing)
        return std::nullopt;
    if (!inRequest()) {
        // An idle keep-alive connection: closed without an answer, as servers do.
        m_closing = true;
        return std::nullopt;
    }
    // A request that does not complete in time (slowloris, or a sender that announced more body
    // than it sends): 408, and the connection goes.
    return finish(ExportRequestDecoder::plain(
        408, QStringLiteral("the request was not complete within %1 ms").arg(requestTimeoutMs)));
}

ExportRequestHandler::Step ExportRequestHandler::finish(ExportRequestDecoder::Reply reply)
{
    Step step;
    step.head = std::exchange(m_head, HttpRequestHead());
    step.bytes = responseBytes(reply);
    step.reply = std::move(reply);
    m_headParsed = false;
    m_contentLength = 0;
    if (step.reply.close) {
        m_closing = true;
        m_buffer.clear();
    }
    return step;
}

QByteArray ExportRequestHandler::responseBytes(const ExportRequestDecoder::Reply &reply)
{
    static const QByteArray crLf = QByteArrayLiteral("\r\n");
    QByteArray bytes
        = "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + HttpRequestParser::reasonPhrase(reply.status) + crLf;
    for (const auto &[name, value] : reply.headers)
        bytes += name + ": " + value + crLf;
    bytes += "Content-Length: " + QByteArray::number(reply.body.size()) + crLf;
    if (reply.close)
        bytes += "Connection: close" + crLf;
    return bytes + crLf + reply.body;
}

} // namespace cimdiag
