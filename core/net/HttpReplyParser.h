// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/wbem/WbemHttpHeaders.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace cimdiag {

/// An incremental, I/O-free parser of one HTTP/1.x reply as a diagnosis needs it (HttpProbe feeds
/// it): tolerant where servers are sloppy (bare LF line ends, folded header lines, a missing
/// reason phrase), bounded where a hostile or broken peer could make it grow (head <= 64 KiB,
/// <= 200 header lines, <= 8 interim replies or 64 KiB of them, body <= maxBody), and it says in words what was wrong
/// instead of guessing.
///
/// Interim 1xx replies (100 Continue to an Expect) are skipped; the final reply is parsed. The body
/// honours Content-Length, chunked transfer coding (trailers are read and dropped) or ends at close.
class HttpReplyParser final
{
public:
    enum class State : quint8 {
        Head, ///< waiting for (more of) the reply head
        Body, ///< head parsed, reading the body
        Done, ///< the body is complete, or maxBody was reached (bodyTruncated)
        Error, ///< the bytes are not (valid) HTTP: errorText() says why
    };

    static constexpr qsizetype kMaxHeadSize = 64 * 1024;
    static constexpr qsizetype kMaxHeaderCount = 200;
    /// Interim 1xx replies before the final one: a server that streams "100 Continue" forever is
    /// broken, and each one would otherwise be kept (and cost a rescan) without bound.
    static constexpr qsizetype kMaxInterimReplies = 8;
    static constexpr qsizetype kMaxInterimBytes = 64 * 1024;

    explicit HttpReplyParser(qsizetype maxBody = 64 * 1024);

    /// Parses what arrived; returns the state after it. Nothing happens in Done or Error.
    State feed(QByteArrayView data);
    /// The peer closed the connection: a body delimited by close is complete now; an incomplete
    /// head or Content-Length/chunked body stays incomplete.
    State finishOnClose();
    State state() const { return m_state; }
    /// A final status line was read (this is an HTTP reply, even if something later went wrong).
    bool isHttp() const { return m_isHttp; }
    bool headComplete() const { return m_state == State::Body || m_state == State::Done || m_headDone; }
    QString errorText() const { return m_errorText; }

    QByteArray statusLine() const { return m_statusLine; }
    int status() const { return m_status; }
    QByteArray reason() const { return m_reason; }
    const WbemHttpHeaderList &headers() const { return m_headers; }
    const QByteArray &body() const { return m_body; }
    bool bodyTruncated() const { return m_bodyTruncated; }
    bool bodyComplete() const { return m_bodyComplete; }
    /// Status lines of skipped interim replies ("HTTP/1.1 100 Continue").
    const QList<QByteArray> &interimStatusLines() const { return m_interim; }

private:
    enum class BodyMode : quint8 { None, Length, Chunked, UntilClose };
    enum class ChunkState : quint8 { Size, Data, DataEnd, Trailer };

    bool parseHead(QByteArrayView head);
    bool parseStatusLine(const QByteArray &line);
    void setError(const QString &text);
    void parseBody();
    void appendBody(QByteArrayView data);
    void completeBody();

    qsizetype m_maxBody;
    State m_state = State::Head;
    QByteArray m_buffer;
    QString m_errorText;
    bool m_isHttp = false;
    bool m_headDone = false;

    QByteArray m_statusLine;
    int m_status = 0;
    QByteArray m_reason;
    WbemHttpHeaderList m_headers;
    QList<QByteArray> m_interim;
    qsizetype m_interimBytes = 0;
    /// Where the search for the end of the head goes on: the start of the first line not yet
    /// seen complete, so a head arriving in pieces is not rescanned from its start each time.
    qsizetype m_headScanOffset = 0;

    BodyMode m_bodyMode = BodyMode::None;
    qint64 m_remaining = 0; ///< Length: bytes left; Chunked: bytes left in the chunk
    ChunkState m_chunkState = ChunkState::Size;
    QByteArray m_body;
    bool m_bodyTruncated = false;
    bool m_bodyComplete = false;
};

} // namespace cimdiag
