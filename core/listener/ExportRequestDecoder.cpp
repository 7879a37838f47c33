// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/listener/ExportRequestDecoder.h"

#include "core/cim/CimStatusCode.h"
#include "core/cimxml/CimXmlReader.h"
#include "core/cimxml/CimXmlWriter.h"

#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace cimdiag {

namespace {

const QByteArray kContentType = QByteArrayLiteral("application/xml; charset=\"utf-8\"");

/// What a quick pass over the body finds before the full decoder runs: enough to tell the DSP0200
/// error classes apart (not well-formed, unsupported versions, batch, header mismatch).
struct Envelope
{
    bool wellFormed = false;
    QString xmlError;
    QString cimVersion;
    QString dtdVersion;
    QString messageId;
    QString protocolVersion;
    QString simpleElement; ///< the child of MESSAGE: SIMPLEEXPREQ, MULTIEXPREQ, SIMPLEREQ...
    QString methodName; ///< EXPMETHODCALL NAME
};

Envelope scan(const QByteArray &body)
{
    Envelope envelope;
    QXmlStreamReader xml(body);
    int depth = 0;
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            ++depth;
            const QStringView name = xml.name();
            const QXmlStreamAttributes attributes = xml.attributes();
            if (depth == 1 && name == u"CIM") {
                envelope.cimVersion = attributes.value(QLatin1StringView("CIMVERSION")).toString();
                envelope.dtdVersion = attributes.value(QLatin1StringView("DTDVERSION")).toString();
            } else if (depth == 2 && name == u"MESSAGE") {
                envelope.messageId = attributes.value(QLatin1StringView("ID")).toString();
                envelope.protocolVersion = attributes.value(QLatin1StringView("PROTOCOLVERSION")).toString();
            } else if (depth == 3 && envelope.simpleElement.isEmpty()) {
                envelope.simpleElement = name.toString();
            } else if (depth == 4 && name == u"EXPMETHODCALL" && envelope.methodName.isEmpty()) {
                envelope.methodName = attributes.value(QLatin1StringView("NAME")).toString();
            }
        } else if (token == QXmlStreamReader::EndElement) {
            --depth;
        }
    }
    envelope.wellFormed = !xml.hasError();
    if (xml.hasError()) {
        envelope.xmlError = QStringLiteral("%1 (line %2, column %3)")
                                .arg(xml.errorString())
                                .arg(xml.lineNumber())
                                .arg(xml.columnNumber());
    }
    return envelope;
}

/// SIMPLEEXPRSP/EXPMETHODRESPONSE NAME=method, with ERROR when status is not OK (DSP0201 5.3.2).
QByteArray exportResponse(const QString &messageId, const QString &method, const CimStatus &status)
{
    if (method.compare(u"ExportIndication", Qt::CaseInsensitive) == 0) {
        CimOperationResponse response;
        response.operation = CimOperation::ExportIndication;
        response.messageId = messageId;
        response.status = status;
        return CimXmlWriter::response(response);
    }
    // CimXmlWriter names the only export method there is; an unknown one is echoed as sent.
    QByteArray document;
    QXmlStreamWriter xml(&document);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("CIM"));
    xml.writeAttribute(QStringLiteral("CIMVERSION"), QStringLiteral("2.0"));
    xml.writeAttribute(QStringLiteral("DTDVERSION"), QStringLiteral("2.0"));
    xml.writeStartElement(QStringLiteral("MESSAGE"));
    xml.writeAttribute(QStringLiteral("ID"), messageId);
    xml.writeAttribute(QStringLiteral("PROTOCOLVERSION"), QStringLiteral("1.0"));
    xml.writeStartElement(QStringLiteral("SIMPLEEXPRSP"));
    xml.writeStartElement(QStringLiteral("EXPMETHODRESPONSE"));
    xml.writeAttribute(QStringLiteral("NAME"), method);
    CimXmlWriter::writeError(xml, status);
    xml.writeEndDocument();
    return document;
}

} // namespace

ExportRequestDecoder::Reply ExportRequestDecoder::plain(int status, const QString &reason)
{
    Reply reply;
    reply.status = status;
    reply.close = true;
    reply.reason = reason;
    reply.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain; charset=utf-8")});
    reply.body = reason.toUtf8() + '\n';
    return reply;
}

std::optional<ExportRequestDecoder::Reply> ExportRequestDecoder::checkHead(
    const HttpRequestHead &head, qint64 maxBodySize, bool acceptMPost, qint64 *contentLength)
{
    const bool mpost = head.method == "M-POST";
    if (head.method != "POST" && !mpost) {
        Reply reply = plain(405,
            QStringLiteral("method %1 is not allowed; a CIM listener takes POST and M-POST")
                .arg(QString::fromLatin1(head.method)));
        reply.headers.append({QByteArrayLiteral("Allow"), QByteArrayLiteral("POST, M-POST")});
        return reply;
    }
    if (mpost && !acceptMPost)
        return plain(501, QStringLiteral("M-POST is not supported here; send POST (DSP0200 7.2.2)"));
    if (head.header("Transfer-Encoding").toLower().contains("chunked") || !head.hasHeader("Content-Length"))
        return plain(411, QStringLiteral("a request body needs Content-Length"));
    bool ok = false;
    const qint64 length = head.header("Content-Length").toLongLong(&ok);
    if (!ok || length < 0)
        return plain(400, QStringLiteral("Content-Length is not a number"));
    if (length > maxBodySize)
        return plain(
            413, QStringLiteral("the body of %1 bytes is larger than the limit of %2").arg(length).arg(maxBodySize));
    *contentLength = length;
    return std::nullopt;
}

ExportRequestDecoder::Reply ExportRequestDecoder::answer(const HttpRequestHead &head, const QByteArray &body)
{
    Reply reply;
    reply.close = !head.wantsKeepAlive();

    QByteArray prefix;
    if (head.method == "M-POST") {
        const std::optional<QByteArray> declared = HttpRequestParser::mandatoryExtensionPrefix(head);
        if (!declared) {
            // RFC 2774 7: the mandatory extension is not declared; DSP0200 senders then retry with POST.
            return plain(510, QStringLiteral("M-POST without Man: http://www.dmtf.org/cim/mapping/http/v1.0;ns=NN"));
        }
        prefix = *declared;
        // DSP0200 7.2.2 / RFC 2774: the answer to an M-POST acknowledges the extension.
        reply.headers.append({QByteArrayLiteral("Ext"), QByteArray()});
        reply.headers.append({QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache=\"Ext\"")});
    }
    const auto cimHeader = [&head, &prefix](const char *name) { return head.header(QByteArray(prefix + name)); };
    const auto hasCimHeader = [&head, &prefix](const char *name) { return head.hasHeader(QByteArray(prefix + name)); };
    reply.headers.append({prefix + "CIMExport", QByteArrayLiteral("MethodResponse")});

    const auto cimError = [&reply, &prefix](int status, const char *value, const QString &reason) {
        reply.status = status;
        reply.cimError = QByteArray(value);
        reply.headers.append({prefix + "CIMError", reply.cimError});
        reply.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain; charset=utf-8")});
        reply.reason = reason;
        reply.body = reason.toUtf8() + '\n';
        return reply;
    };

    if (!HttpRequestParser::isCimXmlContentType(head.header("Content-Type"))) {
        Reply refused = plain(400,
            QStringLiteral("Content-Type \"%1\" is not application/xml or text/xml in UTF-8")
                .arg(QString::fromLatin1(head.header("Content-Type"))));
        refused.close = reply.close;
        return refused;
    }
    // DSP0200 7.3 (the export headers mirror CIMOperation, CIMMethod and CIMBatch).
    if (cimHeader("CIMExport").compare("MethodRequest", Qt::CaseInsensitive) != 0) {
        return cimError(400, "unsupported-operation",
            hasCimHeader("CIMExport") ? QStringLiteral("CIMExport is \"%1\", not MethodRequest")
                                            .arg(QString::fromLatin1(cimHeader("CIMExport")))
                                      : QStringLiteral("the CIMExport header is missing"));
    }
    if (hasCimHeader("CIMExportBatch"))
        return cimError(
            501, "multiple-requests-unsupported", QStringLiteral("batched export requests are not supported"));
    const QByteArray protocolVersion = cimHeader("CIMProtocolVersion");
    if (!protocolVersion.isEmpty() && !protocolVersion.startsWith("1."))
        return cimError(501, "unsupported-protocol-version",
            QStringLiteral("CIMProtocolVersion %1 is not supported").arg(QString::fromLatin1(protocolVersion)));
    if (!hasCimHeader("CIMExportMethod"))
        return cimError(400, "header-mismatch", QStringLiteral("the CIMExportMethod header is missing"));
    const QString headerMethod = QString::fromUtf8(cimHeader("CIMExportMethod"));

    const Envelope envelope = scan(body);
    if (!envelope.wellFormed)
        return cimError(400, "request-not-well-formed", QStringLiteral("not well-formed XML: ") + envelope.xmlError);
    if (!envelope.cimVersion.isEmpty() && !envelope.cimVersion.startsWith(u"2."))
        return cimError(501, "unsupported-cim-version", QStringLiteral("CIMVERSION %1").arg(envelope.cimVersion));
    if (!envelope.dtdVersion.isEmpty() && !envelope.dtdVersion.startsWith(u"2."))
        return cimError(501, "unsupported-dtd-version", QStringLiteral("DTDVERSION %1").arg(envelope.dtdVersion));
    if (envelope.simpleElement == u"MULTIEXPREQ")
        return cimError(501, "multiple-requests-unsupported", QStringLiteral("MULTIEXPREQ is not supported"));
    if (!envelope.methodName.isEmpty() && headerMethod.compare(envelope.methodName, Qt::CaseInsensitive) != 0)
        return cimError(400, "header-mismatch",
            QStringLiteral("CIMExportMethod %1, but the body calls %2").arg(headerMethod, envelope.methodName));
    if (!protocolVersion.isEmpty() && !envelope.protocolVersion.isEmpty()
        && QString::fromLatin1(protocolVersion) != envelope.protocolVersion)
        return cimError(400, "header-mismatch",
            QStringLiteral("CIMProtocolVersion %1, but MESSAGE PROTOCOLVERSION %2")
                .arg(QString::fromLatin1(protocolVersion), envelope.protocolVersion));

    reply.messageId = envelope.messageId;
    const auto errorReply = [&reply, &envelope](CimStatusCode code, const QString &method, const QString &text) {
        reply.status = 200;
        reply.cimStatusCode = static_cast<int>(code);
        reply.reason = text;
        reply.headers.append({QByteArrayLiteral("Content-Type"), kContentType});
        reply.body = exportResponse(envelope.messageId, method, CimStatus(static_cast<int>(code), text));
        return reply;
    };
    if (envelope.simpleElement == u"SIMPLEEXPREQ" && !envelope.methodName.isEmpty()
        && envelope.methodName.compare(u"ExportIndication", Qt::CaseInsensitive) != 0) {
        // DSP0200 defines one export method; a listener answers others with CIM_ERR_NOT_SUPPORTED.
        return errorReply(CimStatusCode::NotSupported, envelope.methodName,
            QStringLiteral("export method %1 is not supported").arg(envelope.methodName));
    }

    CimXmlError xmlError;
    const std::optional<CimOperationRequest> request = CimXmlReader::readRequest(body, &xmlError);
    if (!request || request->operation != CimOperation::ExportIndication) {
        return cimError(400, "request-not-valid",
            request ? QStringLiteral("not an export request")
                    : QStringLiteral("not a valid export request: ") + xmlError.toString());
    }
    const CimArgument *argument = request->arguments.find(u"NewIndication");
    const CimInstance *indication = argument ? argument->get<CimInstance>() : nullptr;
    if (!indication || indication->className().isEmpty()) {
        return errorReply(CimStatusCode::InvalidParameter, QStringLiteral("ExportIndication"),
            QStringLiteral("NewIndication is missing or not an instance"));
    }
    reply.status = 200;
    reply.messageId = request->messageId;
    reply.indication = *indication;
    reply.headers.append({QByteArrayLiteral("Content-Type"), kContentType});
    reply.body = exportResponse(request->messageId, QStringLiteral("ExportIndication"), CimStatus());
    return reply;
}

} // namespace cimdiag
