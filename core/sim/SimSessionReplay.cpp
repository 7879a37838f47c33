// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimSessionReplay.h"
#include "core/wbem/WbemHttpHeaders.h"

#include "core/cimxml/CimOperationResponse.h"
#include "core/cimxml/CimXmlReader.h"
#include "core/cimxml/CimXmlWriter.h"
#include "core/wbem/WbemSessionRecorder.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace cimdiag {

namespace {

using HeaderList = WbemHttpHeaderList;

/// Thrown inside the loader only, caught in fromData() to prefix the line.
struct LoadError
{
    QString message;
};

/// `<MESSAGE ... ID="...">`, walking whole attributes so another attribute's value cannot match.
/// Applied to the body as Latin-1, which maps bytes 1:1 to characters, so offsets are byte offsets
/// and a body in any encoding (or invalid XML) is left intact around the value.
const QRegularExpression &messageIdPattern()
{
    static const QRegularExpression pattern(QStringLiteral(
        R"(<MESSAGE(?:\s+(?!ID\s*=)[A-Za-z_:][-\w.:]*\s*=\s*(?:"[^"]*"|'[^']*'))*\s+ID\s*=\s*("[^"]*"|'[^']*'))"));
    return pattern;
}


/// A DSP0200 header, also in its M-POST form "NN-Name" (DSP0200 7.2.2).
QByteArray cimHeader(const HeaderList &headers, QByteArrayView name)
{
    if (const QByteArray plain = httpHeaderValue(headers, name); !plain.isNull())
        return plain;
    for (const auto &[headerName, value] : headers) {
        const qsizetype dash = headerName.indexOf('-');
        if (dash > 0 && headerName.mid(dash + 1).compare(name, Qt::CaseInsensitive) == 0) {
            bool digits = false;
            headerName.left(dash).toUInt(&digits);
            if (digits)
                return value;
        }
    }
    return {};
}

QByteArray authScheme(const HeaderList &headers)
{
    const QByteArray authorization = httpHeaderValue(headers, "Authorization").trimmed();
    const qsizetype space = authorization.indexOf(' ');
    return (space < 0 ? authorization : authorization.left(space)).toLower();
}

QString decodedObject(const QByteArray &header)
{
    return QUrl::fromPercentEncoding(header).trimmed();
}

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

QJsonObject requireObject(const QJsonObject &parent, const QString &key, const QString &where)
{
    const QJsonValue value = parent.value(key);
    if (!value.isObject())
        throw LoadError {QStringLiteral("%1\"%2\" must be an object, not %3").arg(where, key, typeName(value))};
    return value.toObject();
}

HeaderList readHeaders(const QJsonObject &parent, const QString &where)
{
    const QJsonValue value = parent.value(QStringLiteral("headers"));
    if (!value.isArray())
        throw LoadError {QStringLiteral("%1\"headers\" must be an array of [name, value] pairs, not %2")
                             .arg(where, typeName(value))};
    HeaderList headers;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonArray pair = array.at(i).toArray();
        if (!array.at(i).isArray() || pair.size() != 2 || !pair.at(0).isString() || !pair.at(1).isString()
            || pair.at(0).toString().isEmpty())
            throw LoadError {
                QStringLiteral("%1\"headers\"[%2] must be a [name, value] pair of strings").arg(where).arg(i)};
        headers.append({pair.at(0).toString().toLatin1(), pair.at(1).toString().toLatin1()});
    }
    return headers;
}

QByteArray readBody(const QJsonObject &parent, const QString &where)
{
    const QJsonValue value = parent.value(QStringLiteral("body"));
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isString())
        throw LoadError {QStringLiteral("%1\"body\" must be a string, not %2").arg(where, typeName(value))};
    const QJsonValue encoding = parent.value(QStringLiteral("bodyEncoding"));
    if (encoding.isUndefined() || encoding.isNull())
        return value.toString().toUtf8();
    if (encoding.toString() != QLatin1String("base64"))
        throw LoadError {QStringLiteral("%1\"bodyEncoding\" must be \"base64\"").arg(where)};
    const auto decoded
        = QByteArray::fromBase64Encoding(value.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        throw LoadError {QStringLiteral("%1\"body\" is not valid base64").arg(where)};
    return decoded.decoded;
}

int readStatus(const QJsonObject &reply)
{
    const QJsonValue value = reply.value(QStringLiteral("status"));
    const double status = value.toDouble(-1);
    if (!value.isDouble() || status < 100 || status > 599 || std::floor(status) != status)
        throw LoadError {QStringLiteral("reply \"status\" must be an HTTP status (100-599)")};
    return static_cast<int>(status);
}

SimRawReply readReply(const QJsonValue &value)
{
    SimRawReply reply;
    if (value.isUndefined() || value.isNull()) {
        reply.dropConnection = true;
        return reply;
    }
    if (!value.isObject())
        throw LoadError {QStringLiteral("\"reply\" must be an object or null, not %1").arg(typeName(value))};
    const QJsonObject object = value.toObject();
    const QString where = QStringLiteral("reply ");
    reply.status = readStatus(object);
    reply.reason = object.value(QStringLiteral("reason")).toString().toLatin1();
    reply.body = readBody(object, where);
    for (auto &[name, headerText] : readHeaders(object, where)) {
        // Framing is the replaying server's own: the body is sent whole and decoded (QNetworkReply
        // recorded it after inflating), so these would describe a different message.
        const bool framing = name.compare("Content-Length", Qt::CaseInsensitive) == 0
            || name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0
            || name.compare("Content-Encoding", Qt::CaseInsensitive) == 0
            || name.compare("Keep-Alive", Qt::CaseInsensitive) == 0;
        if (name.compare("Connection", Qt::CaseInsensitive) == 0) {
            reply.close = headerText.toLower().contains("close");
            continue;
        }
        if (!framing)
            reply.headers.append({name, headerText});
    }
    return reply;
}

SimSessionReplay::Exchange readExchange(const QJsonObject &line)
{
    SimSessionReplay::Exchange exchange;
    exchange.seq = line.value(QStringLiteral("seq")).toInteger();
    const QJsonObject request = requireObject(line, QStringLiteral("request"), QString());
    const QString where = QStringLiteral("request ");
    const HeaderList headers = readHeaders(request, where);
    exchange.cimMethod = cimHeader(headers, "CIMMethod");
    exchange.cimObject = decodedObject(cimHeader(headers, "CIMObject"));
    exchange.authScheme = authScheme(headers);
    exchange.normalizedBody = SimSessionReplay::withMessageId(readBody(request, where), QByteArray());
    exchange.reply = readReply(line.value(QStringLiteral("reply")));
    return exchange;
}

} // namespace

std::unique_ptr<SimSessionReplay> SimSessionReplay::fromData(QByteArrayView data, const QString &source, QString *error)
{
    std::unique_ptr<SimSessionReplay> replay(new SimSessionReplay); // private constructor
    replay->m_source = source;
    bool sawHeader = false;
    int lineNumber = 0;
    try {
        const QList<QByteArray> lines = data.toByteArray().split('\n');
        for (const QByteArray &rawLine : lines) {
            ++lineNumber;
            const QByteArray text = rawLine.trimmed();
            if (text.isEmpty())
                continue; // the trailing newline, or blank lines a hand edit left
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
            if (parseError.error != QJsonParseError::NoError)
                throw LoadError {QStringLiteral("not valid JSON (%1 at column %2)")
                                     .arg(parseError.errorString())
                                     .arg(parseError.offset + 1)};
            if (!document.isObject())
                throw LoadError {QStringLiteral("each line must be a JSON object")};
            const QJsonObject object = document.object();
            const QString type = object.value(QStringLiteral("type")).toString();
            if (!sawHeader) {
                if (type != QLatin1String("session")
                    || object.value(QStringLiteral("format")).toString() != WbemSessionRecorder::formatName())
                    throw LoadError {QStringLiteral("not a %1 file (the first line must be "
                                                    "{\"type\": \"session\", \"format\": \"%1\", ...})")
                                         .arg(WbemSessionRecorder::formatName())};
                const int version = object.value(QStringLiteral("version")).toInt(-1);
                if (version != 1)
                    throw LoadError {
                        QStringLiteral("unsupported format version %1 (this simulator reads version 1)").arg(version)};
                sawHeader = true;
                continue;
            }
            if (type != QLatin1String("exchange"))
                throw LoadError {QStringLiteral("unknown line type \"%1\" (expected \"exchange\")").arg(type)};
            Exchange exchange = readExchange(object);
            exchange.line = lineNumber;
            replay->m_exchanges.append(std::move(exchange));
        }
    } catch (const LoadError &failure) {
        if (error)
            *error = QStringLiteral("%1:%2: %3").arg(source).arg(lineNumber).arg(failure.message);
        return nullptr;
    }
    if (!sawHeader) {
        if (error)
            *error = QStringLiteral("%1: empty file, not a %2 session").arg(source, WbemSessionRecorder::formatName());
        return nullptr;
    }
    return replay;
}

std::unique_ptr<SimSessionReplay> SimSessionReplay::fromFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return nullptr;
    }
    return fromData(file.readAll(), path, error);
}

SimRawReply SimSessionReplay::answer(const SimReceivedRequest &request)
{
    const QByteArray cimMethod = cimHeader(request.headers, "CIMMethod");
    const QString cimObject = decodedObject(cimHeader(request.headers, "CIMObject"));
    const QByteArray scheme = authScheme(request.headers);
    const QByteArray body = withMessageId(request.body, QByteArray());

    auto sameTarget = [&](const Exchange &exchange) {
        return exchange.cimMethod.compare(cimMethod, Qt::CaseInsensitive) == 0
            && exchange.cimObject.compare(cimObject, Qt::CaseInsensitive) == 0;
    };
    // Rules 1 to 3 of the header, in order; -1 when none applies.
    qsizetype chosen = -1;
    qsizetype sameBody = -1;
    qsizetype sameTargetOnly = -1;
    qsizetype repeat = -1;
    // Rule 3 cycles: the least replayed identical exchange, the same Authorization scheme first, so
    // running a whole session again replays it in the recorded order again.
    auto repeatKey
        = [&](const Exchange &exchange) { return std::pair(exchange.authScheme == scheme ? 0 : 1, exchange.answered); };
    for (qsizetype i = 0; i < m_exchanges.size(); ++i) {
        const Exchange &exchange = m_exchanges.at(i);
        if (!sameTarget(exchange))
            continue;
        const bool bodyMatches = exchange.normalizedBody == body;
        if (exchange.answered == 0) {
            if (bodyMatches && exchange.authScheme == scheme) {
                chosen = i;
                break;
            }
            if (bodyMatches && sameBody < 0)
                sameBody = i;
            if (sameTargetOnly < 0)
                sameTargetOnly = i;
        } else if (bodyMatches && (repeat < 0 || repeatKey(exchange) < repeatKey(m_exchanges.at(repeat)))) {
            repeat = i;
        }
    }
    for (qsizetype candidate : {sameBody, sameTargetOnly, repeat}) {
        if (chosen < 0)
            chosen = candidate;
    }
    if (chosen < 0) {
        m_answeredSequence.append(0);
        return unmatched(request, cimMethod, cimObject);
    }

    Exchange &exchange = m_exchanges[chosen];
    ++exchange.answered;
    m_answeredSequence.append(exchange.seq);
    SimRawReply reply = exchange.reply;
    const QByteArray id = messageId(request.body);
    if (!id.isEmpty())
        reply.body = withMessageId(reply.body, id);
    return reply;
}

SimHttpServer::RawResponder SimSessionReplay::responder()
{
    return [this](const SimReceivedRequest &request) { return std::optional<SimRawReply>(answer(request)); };
}

void SimSessionReplay::rewind()
{
    for (Exchange &exchange : m_exchanges)
        exchange.answered = 0;
    m_answeredSequence.clear();
}

qsizetype SimSessionReplay::unansweredCount() const
{
    return std::count_if(
        m_exchanges.cbegin(), m_exchanges.cend(), [](const Exchange &exchange) { return exchange.answered == 0; });
}

QByteArray SimSessionReplay::messageId(const QByteArray &body)
{
    const QRegularExpressionMatch match = messageIdPattern().match(QString::fromLatin1(body));
    if (!match.hasMatch())
        return {};
    const QString quoted = match.captured(1);
    return quoted.mid(1, quoted.size() - 2).toLatin1();
}

QByteArray SimSessionReplay::withMessageId(const QByteArray &body, const QByteArray &id)
{
    const QRegularExpressionMatch match = messageIdPattern().match(QString::fromLatin1(body));
    if (!match.hasMatch())
        return body;
    // Inside the quotes; an ID is a plain token (DSP0201 MESSAGE ID), so no escaping is needed.
    const qsizetype start = match.capturedStart(1) + 1;
    const qsizetype length = match.capturedLength(1) - 2;
    QByteArray result = body;
    result.replace(start, length, id);
    return result;
}

SimRawReply SimSessionReplay::unmatched(
    const SimReceivedRequest &request, const QByteArray &cimMethod, const QString &cimObject)
{
    const QString description
        = QStringLiteral("no recorded exchange matches %1 on %2 (session %3: %4 exchanges, %5 unanswered)")
              .arg(cimMethod.isEmpty() ? QStringLiteral("a request without CIMMethod") : QString::fromLatin1(cimMethod),
                  cimObject.isEmpty() ? QStringLiteral("no CIMObject") : cimObject, m_source)
              .arg(m_exchanges.size())
              .arg(unansweredCount());
    SimRawReply reply;
    const std::optional<CimOperationRequest> decoded = CimXmlReader::readRequest(request.body);
    if (!decoded) {
        // Not CIM-XML at all: what a CIM server says (DSP0200 7.3.2), with the reason as the body.
        reply.status = 400;
        reply.headers = {{QByteArrayLiteral("CIMOperation"), QByteArrayLiteral("MethodResponse")},
            {QByteArrayLiteral("CIMError"), QByteArrayLiteral("request-not-valid")},
            {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain; charset=utf-8")}};
        reply.body = description.toUtf8();
        return reply;
    }
    CimOperationResponse response;
    response.operation = decoded->operation;
    response.messageId = decoded->messageId;
    response.methodName = decoded->methodName;
    response.status = CimStatus(static_cast<int>(CimStatusCode::Failed), description);
    reply.headers = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/xml; charset=\"utf-8\"")},
        {QByteArrayLiteral("CIMOperation"), QByteArrayLiteral("MethodResponse")}};
    reply.body = CimXmlWriter::response(response);
    return reply;
}

} // namespace cimdiag
