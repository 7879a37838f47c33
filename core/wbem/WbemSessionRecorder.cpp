// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/wbem/WbemSessionRecorder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>

namespace cimdiag {

namespace {
QJsonArray headersJson(const WbemExchange::HeaderList &headers)
{
    QJsonArray array;
    for (const auto &[name, value] : headers)
        array.append(QJsonArray{QString::fromLatin1(name), QString::fromLatin1(value)});
    return array;
}

void putBody(QJsonObject &object, const QByteArray &body)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(body);
    if (decoder.hasError()) {
        object.insert(QStringLiteral("body"), QString::fromLatin1(body.toBase64()));
        object.insert(QStringLiteral("bodyEncoding"), QStringLiteral("base64"));
    } else {
        object.insert(QStringLiteral("body"), text);
    }
}
} // namespace

WbemSessionRecorder::WbemSessionRecorder(const QString &path)
    : m_file(path)
{
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return;
    const QJsonObject header{
        {QStringLiteral("type"), QStringLiteral("session")},
        {QStringLiteral("format"), formatName()},
        {QStringLiteral("version"), 1},
        {QStringLiteral("started"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
    };
    m_file.write(QJsonDocument(header).toJson(QJsonDocument::Compact) + '\n');
    m_file.flush();
}

WbemSessionRecorder::~WbemSessionRecorder() = default;

void WbemSessionRecorder::record(const WbemExchange &exchange)
{
    if (!isEnabled() || !m_file.isOpen())
        return;
    QJsonObject request{
        {QStringLiteral("method"), QString::fromLatin1(exchange.httpMethod)},
        {QStringLiteral("path"), exchange.url.path(QUrl::FullyEncoded)},
        {QStringLiteral("headers"), headersJson(exchange.requestHeaders)},
    };
    putBody(request, exchange.requestBody);
    QJsonValue reply = QJsonValue::Null;
    if (exchange.status != 0) {
        QJsonObject object{
            {QStringLiteral("status"), exchange.status},
            {QStringLiteral("reason"), QString::fromLatin1(exchange.reason)},
            {QStringLiteral("headers"), headersJson(exchange.replyHeaders)},
        };
        putBody(object, exchange.replyBody);
        if (exchange.replyBodyTruncated)
            object.insert(QStringLiteral("bodyTruncated"), true);
        reply = object;
    }
    const QJsonObject line{
        {QStringLiteral("type"), QStringLiteral("exchange")},
        {QStringLiteral("seq"), ++m_sequence},
        {QStringLiteral("operationId"), qint64(exchange.operationId)},
        {QStringLiteral("attempt"), exchange.attempt},
        {QStringLiteral("final"), exchange.isFinal},
        {QStringLiteral("time"), exchange.startedAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("url"), exchange.url.toString()},
        {QStringLiteral("operation"), exchange.request.cimMethodHeader()},
        {QStringLiteral("request"), request},
        {QStringLiteral("reply"), reply},
        {QStringLiteral("error"), exchange.error.isNull() ? QJsonValue() : QJsonValue(exchange.error.toString())},
        {QStringLiteral("errorKind"),
         exchange.error.isNull() ? QJsonValue() : QJsonValue(WbemError::kindName(exchange.error.kind))},
        {QStringLiteral("clientTimeUs"), qint64(exchange.clientTime.count())},
        {QStringLiteral("serverTimeUs"),
         exchange.serverTime ? QJsonValue(qint64(exchange.serverTime->count())) : QJsonValue()},
    };
    m_file.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
    m_file.flush();
}

} // namespace cimdiag
