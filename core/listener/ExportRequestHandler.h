// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/listener/ExportRequestDecoder.h"
#include "core/net/HttpRequestParser.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace cimdiag {

/// What IndicationListener does with the bytes of one connection, free of I/O: cuts requests off
/// the stream (HttpRequestParser), judges them (ExportRequestDecoder) and writes the HTTP answers.
/// The listener keeps the socket, the timers, the queue and the statistics; the fuzz target
/// FuzzExportRequest (issue #10) drives this class with the same bytes, so it tests the listener's
/// real path.
///
/// Use: append() what arrived, then take next() until it returns nullopt (more bytes are needed, or
/// the connection is closing) and write each Step's bytes in order. After a Step whose reply closes
/// the connection, isClosing() is true, the rest of the buffer is dropped and nothing follows.
class ExportRequestHandler final
{
    Q_DISABLE_COPY_MOVE(ExportRequestHandler)

public:
    ExportRequestHandler(qsizetype maxHeadSize, qint64 maxBodySize, bool acceptMPost);
    ~ExportRequestHandler() = default;

    struct Step
    {
        /// "HTTP/1.1 100 Continue" for a head with Expect: 100-continue that passed the head checks;
        /// reply is unused then. Otherwise the final answer to one request.
        bool interim = false;
        /// The request answered: complete, or only its requestLine (431 and 400 on a bad head, the
        /// start of the first line), or empty (408 before a head arrived).
        HttpRequestHead head;
        ExportRequestDecoder::Reply reply;
        QByteArray bytes; ///< what to write: the status line, headers with Content-Length, the body
    };

    /// Adds bytes that arrived (ignored once the connection is closing).
    void append(QByteArrayView bytes);
    /// The next thing to write, or nullopt.
    std::optional<Step> next();
    /// The request deadline passed: a 408 Step (closing) for a request in progress; nullopt for an
    /// idle connection, which is then closing too (the caller closes it without an answer).
    std::optional<Step> timeout(int requestTimeoutMs);

    /// A request has begun (bytes are buffered or a head was read) and is not answered yet.
    bool inRequest() const { return m_headParsed || !m_buffer.isEmpty(); }
    bool isClosing() const { return m_closing; }
    /// Bytes buffered and not yet consumed (the listener drops a connection that piles up more
    /// than one full request).
    qsizetype bufferedSize() const { return m_buffer.size(); }

    /// The HTTP/1.1 answer for a reply: status line, reply.headers, Content-Length, Connection:
    /// close when the reply closes, then the body.
    static QByteArray responseBytes(const ExportRequestDecoder::Reply &reply);
    static constexpr QByteArrayView kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

private:
    Step finish(ExportRequestDecoder::Reply reply);

    qsizetype m_maxHeadSize;
    qint64 m_maxBodySize;
    bool m_acceptMPost;
    QByteArray m_buffer;
    HttpRequestHead m_head;
    bool m_headParsed = false;
    qint64 m_contentLength = 0;
    bool m_closing = false;
};

} // namespace cimdiag
