// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/wbem/WbemLogRecorder.h"

#include "core/cimxml/CimMessageFormatter.h"
#include "core/wbem/WbemRedactor.h"

#include <QIODevice>
#include <QJsonDocument>

namespace cimdiag {

WbemLogRecorder::WbemLogRecorder(Sink sink)
    : m_sink(std::move(sink))
{ }

WbemLogRecorder::WbemLogRecorder(QIODevice *device)
    : m_device(device)
{ }

QString WbemLogRecorder::channelName(Channel channel)
{
    return channel == Channel::Operation ? QStringLiteral("operation") : QStringLiteral("http");
}

namespace {
/// A character is at most 4 bytes of UTF-8.
constexpr qsizetype kMaxUtf8Bytes = 4;

bool isContinuation(char byte)
{
    return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

/// How many bytes of body to decode so as not to end inside a UTF-8 sequence: at most head, and
/// when head is all of body but more bytes follow (omitted), without a trailing incomplete one.
qsizetype utf8Head(const QByteArray &body, qsizetype head, bool more)
{
    if (head < body.size()) {
        while (head > 0 && isContinuation(body.at(head)))
            --head;
        return head;
    }
    if (!more)
        return head;
    qsizetype lead = head;
    while (lead > 0 && head - lead < 3 && isContinuation(body.at(lead - 1)))
        --lead;
    if (lead == 0)
        return head;
    const auto first = static_cast<unsigned char>(body.at(lead - 1));
    const qsizetype length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1;
    return length > head - lead + 1 ? lead - 1 : head;
}
} // namespace

qsizetype WbemLogRecorder::keptBodyBytes() const
{
    if (!isEnabled() || !m_httpChannel)
        return 0;
    // cutBody() decodes at most this much, and looks at one byte more to find a character's end.
    return m_maxHttpBodyLength > 0 ? m_maxHttpBodyLength * kMaxUtf8Bytes + 1 : -1;
}

QString WbemLogRecorder::cutBody(const QByteArray &body, qsizetype omitted, qsizetype max) const
{
    // A 25 MB enumerate reply would be decoded whole into 50 MB of UTF-16 only to keep max
    // characters of it (tens of ms on the GUI thread, bench_gui_stall, issue #5): decode only the
    // head and say how many bytes were left undecoded. The connection hands over only that head
    // (keptBodyBytes()); omitted counts the rest.
    if (max <= 0 || (omitted == 0 && body.size() <= max * kMaxUtf8Bytes))
        return cut(QString::fromUtf8(body), max);
    qsizetype head = utf8Head(body, std::min(body.size(), max * kMaxUtf8Bytes), omitted > 0);
    QString text = QString::fromUtf8(QByteArrayView(body).first(head));
    if (text.size() > max) {
        qsizetype keep = max;
        if (text.at(keep - 1).isHighSurrogate())
            --keep;
        head = text.first(keep).toUtf8().size();
        text.truncate(keep);
    }
    return text + QStringLiteral("... (%1 more bytes)").arg(body.size() + omitted - head);
}

QString WbemLogRecorder::cut(const QString &text, qsizetype max) const
{
    if (max <= 0 || text.size() <= max)
        return text;
    return text.left(max) + QStringLiteral("... (%1 more characters)").arg(text.size() - max);
}

void WbemLogRecorder::emitText(Channel channel, QString text) const
{
    if (m_sink)
        m_sink(channel, text);
    if (m_device) {
        m_device->write(QByteArray('[' + channelName(channel).toUtf8() + "] " + text.toUtf8() + '\n'));
    }
}

namespace {
QString headersText(const WbemExchange::HeaderList &headers)
{
    QString text;
    for (const auto &[name, value] : headers)
        text += QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromLatin1(value) + QLatin1Char('\n');
    return text;
}
} // namespace

void WbemLogRecorder::record(const WbemExchange &exchange)
{
    if (!isEnabled())
        return;
    const QString method = exchange.request.cimMethodHeader();
    if (m_httpChannel) {
        QString request = QString::fromLatin1(exchange.httpMethod) + QLatin1Char(' ')
            + exchange.url.path(QUrl::FullyEncoded) + QStringLiteral(" HTTP/1.1\n")
            + headersText(exchange.requestHeaders) + QLatin1Char('\n')
            + cutBody(exchange.requestBody, exchange.requestBodyOmitted, m_maxHttpBodyLength);
        emitText(Channel::Http,
            QStringLiteral("Request %1 #%2: ").arg(exchange.operationId).arg(exchange.attempt) + request);
        if (exchange.status != 0) {
            QString reply
                = QStringLiteral("HTTP/1.1 %1 %2\n").arg(exchange.status).arg(QString::fromLatin1(exchange.reason))
                + headersText(exchange.replyHeaders) + QLatin1Char('\n')
                + cutBody(exchange.replyBody, exchange.replyBodyOmitted, m_maxHttpBodyLength);
            if (exchange.replyBodyTruncated)
                reply += QStringLiteral("... (truncated)");
            emitText(Channel::Http,
                QStringLiteral("Reply %1 #%2: ").arg(exchange.operationId).arg(exchange.attempt) + reply);
        } else if (!exchange.error.isNull()) {
            emitText(Channel::Http,
                QStringLiteral("No reply %1 #%2: %3")
                    .arg(exchange.operationId)
                    .arg(exchange.attempt)
                    .arg(exchange.error.toString()));
        }
    }
    if (m_operationChannel && exchange.isFinal) {
        // request and response are decoded objects, not redacted like the rest of the exchange.
        const auto redacted = [&exchange](QString text) {
            return exchange.redactor ? exchange.redactor->redact(std::move(text)) : text;
        };
        QString arguments;
        if (m_detail == Detail::Full) {
            arguments = redacted(QString::fromUtf8(
                QJsonDocument(CimMessageFormatter::toJson(exchange.request)).toJson(QJsonDocument::Compact)));
        } else {
            arguments = QStringLiteral("namespace=%1").arg(exchange.request.nameSpace);
            for (const CimArgument &argument : exchange.request.arguments)
                arguments += QStringLiteral(", ") + argument.name();
        }
        emitText(
            Channel::Operation, cut(QStringLiteral("Request: %1(%2)").arg(method, arguments), m_maxOperationLength));
        if (exchange.error.isNull()) {
            const QString result = redacted(m_detail == Detail::Full ? CimMessageFormatter::toText(exchange.response)
                                                                     : CimMessageFormatter::summary(exchange.response));
            emitText(Channel::Operation,
                cut(QStringLiteral("Return: %1(%2) in %3 us").arg(method, result).arg(exchange.clientTime.count()),
                    m_maxOperationLength));
        } else {
            emitText(Channel::Operation,
                cut(QStringLiteral("Exception: %1(%2)").arg(method, exchange.error.toString()), m_maxOperationLength));
        }
    }
}

} // namespace cimdiag
