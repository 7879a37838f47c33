// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/net/HttpReplyParser.h"

#include <QCoreApplication>

namespace cimdiag {

namespace {

constexpr QByteArrayView kHttpPrefix = "HTTP/";
// A chunk-size line is a hex number, maybe with extensions; anything this long is not one.
constexpr qsizetype kMaxChunkLine = 1024;

/// The translation context of the parse errors (shown to the user): lupdate files Text::tr() strings
/// under the macro's argument, the context Text::tr() uses at run time.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(cimdiag::HttpReplyParser)
};

QByteArray withoutCr(QByteArrayView line)
{
    if (line.endsWith('\r'))
        line.chop(1);
    return line.toByteArray();
}

bool isDigits(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

} // namespace

HttpReplyParser::HttpReplyParser(qsizetype maxBody)
    : m_maxBody(qMax<qsizetype>(0, maxBody))
{ }

void HttpReplyParser::setError(const QString &text)
{
    m_errorText = text;
    m_state = State::Error;
    m_buffer.clear();
}

HttpReplyParser::State HttpReplyParser::feed(QByteArrayView data)
{
    if (m_state == State::Done || m_state == State::Error)
        return m_state;
    m_buffer.append(data);

    while (m_state == State::Head) {
        // Stray empty lines before a status line are tolerated (RFC 9112 2.2 asks that of servers
        // for requests; some embedded servers emit them after an interim reply).
        if (m_headScanOffset == 0) {
            qsizetype skip = 0;
            while (skip < m_buffer.size() && (m_buffer.at(skip) == '\r' || m_buffer.at(skip) == '\n'))
                ++skip;
            if (skip > 0)
                m_buffer.remove(0, skip);
            if (m_buffer.isEmpty())
                return m_state;
            const qsizetype prefixLength = qMin(m_buffer.size(), kHttpPrefix.size());
            if (QByteArrayView(m_buffer).first(prefixLength) != kHttpPrefix.first(prefixLength)) {
                setError(Text::tr("The reply is not HTTP: it does not start with \"HTTP/\""));
                return m_state;
            }
        }

        // The end of the head: the first empty line (CRLF CRLF, or bare LF LF). The scan goes on
        // from the first line that was incomplete at the last feed().
        qsizetype headEnd = -1;
        qsizetype position = m_headScanOffset;
        while (position < m_buffer.size()) {
            const qsizetype newline = m_buffer.indexOf('\n', position);
            if (newline < 0) {
                // An incomplete line: start there next time (position > 0 also means the status
                // line has been checked for its prefix already).
                m_headScanOffset = position;
                break;
            }
            const qsizetype lineLength = newline - position;
            if (position > 0 && (lineLength == 0 || (lineLength == 1 && m_buffer.at(position) == '\r'))) {
                headEnd = newline + 1;
                break;
            }
            position = newline + 1;
        }
        if ((headEnd < 0 && m_buffer.size() > kMaxHeadSize) || headEnd > kMaxHeadSize + 4) {
            // Keep what the status line says (it is HTTP, just too much of it).
            const qsizetype firstLineEnd = m_buffer.indexOf('\n');
            if (firstLineEnd >= 0 && !parseStatusLine(withoutCr(QByteArrayView(m_buffer).first(firstLineEnd))))
                return m_state;
            setError(Text::tr("The reply head is larger than 64 KiB"));
            return m_state;
        }
        if (headEnd < 0)
            return m_state;
        m_headScanOffset = 0;
        const QByteArray head = m_buffer.left(headEnd);
        m_buffer.remove(0, headEnd);
        if (!parseHead(head))
            return m_state;
        if (m_status >= 100 && m_status < 200 && m_status != 101) {
            // An interim reply (100 Continue to an Expect, 102 Processing): the final one follows.
            // A server that sends one after another without end never gets to a final reply.
            m_interimBytes += head.size();
            if (m_interim.size() >= kMaxInterimReplies || m_interimBytes > kMaxInterimBytes) {
                m_isHttp = false;
                setError(Text::tr("The server sent too many interim 1xx replies (%1, %2 bytes) and no final reply")
                             .arg(m_interim.size() + 1)
                             .arg(m_interimBytes));
                return m_state;
            }
            m_interim.append(m_statusLine);
            m_isHttp = false;
            m_statusLine.clear();
            m_reason.clear();
            m_status = 0;
            m_headers.clear();
            continue;
        }
        m_headDone = true;

        // The body's framing (RFC 9112 6.3).
        if (m_status == 101 || m_status == 204 || m_status == 304) {
            m_bodyMode = BodyMode::None;
        } else if (httpHeaderValue(m_headers, "Transfer-Encoding").toLower().trimmed().endsWith("chunked")) {
            m_bodyMode = BodyMode::Chunked;
        } else if (hasHttpHeader(m_headers, "Content-Length")) {
            const QList<QByteArray> values = httpHeaderValues(m_headers, "Content-Length");
            const QByteArray first = values.first().trimmed();
            bool consistent = isDigits(first);
            for (const QByteArray &value : values)
                consistent = consistent && value.trimmed() == first;
            bool ok = false;
            const qint64 length = first.toLongLong(&ok);
            if (!consistent || !ok || length < 0) {
                setError(Text::tr("The reply has an invalid Content-Length"));
                return m_state;
            }
            m_bodyMode = BodyMode::Length;
            m_remaining = length;
        } else {
            m_bodyMode = BodyMode::UntilClose;
        }
        m_state = State::Body;
        if (m_bodyMode == BodyMode::None || (m_bodyMode == BodyMode::Length && m_remaining == 0)) {
            completeBody();
            return m_state;
        }
    }
    if (m_state == State::Body)
        parseBody();
    return m_state;
}

bool HttpReplyParser::parseStatusLine(const QByteArray &line)
{
    // "HTTP/1.x NNN reason"; the reason may be empty or missing (RFC 9112 4).
    if (line.size() < 12 || !line.startsWith("HTTP/1.") || line.at(7) < '0' || line.at(7) > '9' || line.at(8) != ' ') {
        if (line.startsWith("HTTP/") && !line.startsWith("HTTP/1."))
            setError(Text::tr("The reply uses an HTTP version other than 1.x"));
        else
            setError(Text::tr("The reply's status line is malformed"));
        return false;
    }
    const QByteArrayView code = QByteArrayView(line).sliced(9, 3);
    if (!isDigits(code) || (line.size() > 12 && line.at(12) != ' ')) {
        setError(Text::tr("The reply's status line has no three-digit status code"));
        return false;
    }
    m_statusLine = line;
    m_status = code.toInt();
    m_reason = line.size() > 13 ? line.mid(13) : QByteArray();
    m_isHttp = true;
    return true;
}

bool HttpReplyParser::parseHead(QByteArrayView head)
{
    const QList<QByteArray> lines = head.toByteArray().split('\n');
    if (!parseStatusLine(withoutCr(lines.value(0))))
        return false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = withoutCr(lines.at(i));
        if (line.isEmpty())
            continue;
        if (line.at(0) == ' ' || line.at(0) == '\t') {
            // Obsolete line folding (RFC 9112 5.2): a continuation of the previous value.
            if (m_headers.isEmpty()) {
                setError(Text::tr("The reply head has a continuation line before any header"));
                return false;
            }
            QByteArray &value = m_headers.last().second;
            value += ' ' + line.trimmed();
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            setError(Text::tr("The reply head has a line that is not a header: \"%1\"")
                         .arg(QString::fromLatin1(line.left(80))));
            return false;
        }
        if (m_headers.size() >= kMaxHeaderCount) {
            setError(Text::tr("The reply has more than %1 header lines").arg(kMaxHeaderCount));
            return false;
        }
        m_headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    return true;
}

void HttpReplyParser::appendBody(QByteArrayView data)
{
    const qsizetype room = m_maxBody - m_body.size();
    if (data.size() > room) {
        m_body.append(data.first(room));
        m_bodyTruncated = true;
        m_state = State::Done;
        m_buffer.clear();
        return;
    }
    m_body.append(data);
}

void HttpReplyParser::completeBody()
{
    m_bodyComplete = true;
    m_state = State::Done;
    m_buffer.clear();
}

void HttpReplyParser::parseBody()
{
    switch (m_bodyMode) {
    case BodyMode::None:
        completeBody();
        return;
    case BodyMode::UntilClose: {
        const QByteArray data = std::exchange(m_buffer, QByteArray());
        appendBody(data);
        return;
    }
    case BodyMode::Length: {
        const qsizetype take = static_cast<qsizetype>(qMin<qint64>(m_remaining, m_buffer.size()));
        const QByteArray data = m_buffer.left(take);
        m_buffer.remove(0, take);
        m_remaining -= take;
        appendBody(data);
        if (m_state == State::Body && m_remaining == 0)
            completeBody();
        return;
    }
    case BodyMode::Chunked:
        break;
    }

    int trailerLines = 0;
    while (m_state == State::Body) {
        switch (m_chunkState) {
        case ChunkState::Size: {
            const qsizetype newline = m_buffer.indexOf('\n');
            if (newline < 0) {
                if (m_buffer.size() > kMaxChunkLine)
                    setError(Text::tr("The reply's chunked body has an overlong chunk-size line"));
                return;
            }
            QByteArray line = withoutCr(QByteArrayView(m_buffer).first(newline));
            m_buffer.remove(0, newline + 1);
            const qsizetype extension = line.indexOf(';');
            if (extension >= 0)
                line.truncate(extension);
            line = line.trimmed();
            bool ok = false;
            const qint64 size = line.toLongLong(&ok, 16);
            if (!ok || size < 0 || line.startsWith('-') || line.startsWith('+')) {
                setError(Text::tr("The reply's chunked body has an invalid chunk size"));
                return;
            }
            if (size == 0) {
                m_chunkState = ChunkState::Trailer;
            } else {
                m_remaining = size;
                m_chunkState = ChunkState::Data;
            }
            break;
        }
        case ChunkState::Data: {
            if (m_buffer.isEmpty())
                return;
            const qsizetype take = static_cast<qsizetype>(qMin<qint64>(m_remaining, m_buffer.size()));
            const QByteArray data = m_buffer.left(take);
            m_buffer.remove(0, take);
            m_remaining -= take;
            appendBody(data);
            if (m_remaining == 0)
                m_chunkState = ChunkState::DataEnd;
            break;
        }
        case ChunkState::DataEnd:
            if (m_buffer.startsWith("\r\n")) {
                m_buffer.remove(0, 2);
            } else if (m_buffer.startsWith('\n')) {
                m_buffer.remove(0, 1);
            } else if (m_buffer.isEmpty() || m_buffer == "\r") {
                return;
            } else {
                setError(Text::tr("The reply's chunked body has chunk data not followed by CRLF"));
                return;
            }
            m_chunkState = ChunkState::Size;
            break;
        case ChunkState::Trailer: {
            // Trailer fields (E10 sends CIMStatusCode there) are read past, not kept.
            const qsizetype newline = m_buffer.indexOf('\n');
            if (newline < 0) {
                if (m_buffer.size() > kMaxHeadSize)
                    setError(Text::tr("The reply's trailer is larger than 64 KiB"));
                return;
            }
            const QByteArray line = withoutCr(QByteArrayView(m_buffer).first(newline));
            m_buffer.remove(0, newline + 1);
            if (line.isEmpty()) {
                completeBody();
                return;
            }
            if (++trailerLines > kMaxHeaderCount) {
                setError(Text::tr("The reply has more than %1 trailer lines").arg(kMaxHeaderCount));
                return;
            }
            break;
        }
        }
    }
}

HttpReplyParser::State HttpReplyParser::finishOnClose()
{
    if (m_state == State::Body && m_bodyMode == BodyMode::UntilClose)
        completeBody();
    return m_state;
}

} // namespace cimdiag
