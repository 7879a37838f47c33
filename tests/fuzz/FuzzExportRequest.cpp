// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the indication listener's request handling (core/listener/ExportRequestHandler:
// HttpRequestParser cuts requests off the connection, ExportRequestDecoder judges them and builds the
// answers), the code IndicationListener runs on every byte a CIM server, or anything else that
// reaches the listener's port, sends. Input byte 0: how the bytes arrive (bits 0-2: whole or in
// pieces), small limits (bit 3: a 256-byte head and 1 KiB body, to reach 431 and 413) and M-POST
// refused (bit 4); then what the peer sent before the request deadline passed.
//
// Promises checked (ExportRequestDecoder.h, ExportRequestHandler.h, RejectedExportRequest.h):
// - every answer is a well-formed HTTP/1.1 response (token header names, no CR or LF inside a
//   header, Content-Length equal to the body) with a status the listener documents;
// - a refusal says why; an accepted indication is answered 200 with a CIM-XML ExportIndication
//   response that echoes the MESSAGE ID; 405 names the allowed methods;
// - 100 Continue only for a head that asked for it, at most once per request; nothing after an answer
//   that closes the connection; a request still incomplete at the deadline gets 408.
#include "core/cimxml/CimXmlReader.h"
#include "core/listener/ExportRequestHandler.h"
#include "core/net/HttpReplyParser.h"

#include <QXmlStreamReader>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace cimdiag;

namespace {

constexpr std::array<qsizetype, 8> kPieceSizes = {0, 1, 2, 7, 64, 333, 4096, 0};
constexpr int kRequestTimeoutMs = 10000;

bool isTokenChar(char c)
{
    // RFC 9110 5.6.2 tchar.
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

void checkResponseBytes(const ExportRequestHandler::Step &step)
{
    const QByteArray &bytes = step.bytes;
    const qsizetype headEnd = bytes.indexOf("\r\n\r\n");
    if (headEnd < 0)
        std::abort();
    const QList<QByteArray> lines = bytes.left(headEnd).split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (!line.endsWith('\r') && i + 1 < lines.size())
            std::abort();
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.contains('\r') || line.contains('\0'))
            std::abort(); // a bare CR would split a header for some clients: header injection
        if (i == 0)
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            std::abort();
        for (qsizetype c = 0; c < colon; ++c) {
            if (!isTokenChar(line.at(c)))
                std::abort();
        }
    }
    HttpReplyParser parser(1 << 24);
    if (parser.feed(bytes) != HttpReplyParser::State::Done || parser.status() != step.reply.status
        || parser.body() != step.reply.body || !parser.interimStatusLines().isEmpty())
        std::abort();
}

void checkAnswer(const ExportRequestHandler::Step &step)
{
    const ExportRequestDecoder::Reply &reply = step.reply;
    static constexpr std::array kDocumented = {200, 400, 405, 408, 411, 413, 431, 501, 510};
    if (std::find(kDocumented.begin(), kDocumented.end(), reply.status) == kDocumented.end())
        std::abort();
    checkResponseBytes(step);
    if ((reply.status != 200 || reply.cimStatusCode != 0) && reply.reason.isEmpty())
        std::abort();
    if (reply.status == 405 && httpHeaderValue(reply.headers, "Allow") != "POST, M-POST")
        std::abort();
    if (reply.status == 200) {
        // A 200 carries a CIM-XML answer: well-formed, whatever the request echoed into it.
        QXmlStreamReader xml(reply.body);
        while (!xml.atEnd())
            xml.readNext();
        if (xml.hasError())
            std::abort();
    }
    if (reply.isAccepted()) {
        if (reply.status != 200 || reply.cimStatusCode != 0 || reply.indication->className().isEmpty()
            || step.head.method.isEmpty())
            std::abort();
        CimXmlReader reader(CimOperation::ExportIndication);
        if (!reader.feed(reply.body) || !reader.finish())
            std::abort();
        const CimOperationResponse response = reader.takeResponse();
        if (response.messageId != reply.messageId || !response.status.isOk())
            std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype pieceSize = kPieceSizes[data[0] & 7];
    const bool smallLimits = data[0] & 8;
    const bool acceptMPost = !(data[0] & 16);
    const QByteArrayView bytes(reinterpret_cast<const char *>(data) + 1, qsizetype(size) - 1);

    // The listener's defaults (IndicationListenerOptions), or small ones.
    ExportRequestHandler handler(smallLimits ? 256 : 16 * 1024, smallLimits ? 1024 : 4 * 1024 * 1024, acceptMPost);
    bool continued = false; // a 100 Continue was sent for the request in progress
    const auto drain = [&handler, &continued] {
        while (const auto step = handler.next()) {
            if (step->interim) {
                if (continued || step->bytes != ExportRequestHandler::kContinue
                    || !step->head.header("Expect").toLower().contains("100-continue"))
                    std::abort();
                continued = true;
                continue;
            }
            continued = false;
            checkAnswer(*step);
            if (step->reply.close && (!handler.isClosing() || handler.next()))
                std::abort();
        }
    };
    const qsizetype step = pieceSize == 0 ? qMax<qsizetype>(bytes.size(), 1) : pieceSize;
    for (qsizetype at = 0; at < bytes.size() && !handler.isClosing(); at += step) {
        handler.append(bytes.sliced(at, qMin(step, bytes.size() - at)));
        drain();
    }
    // The deadline: a request in progress is answered 408 and closed; an idle connection just closed.
    const bool inRequest = handler.inRequest() && !handler.isClosing();
    const std::optional<ExportRequestHandler::Step> expired = handler.timeout(kRequestTimeoutMs);
    if (inRequest != expired.has_value() || !handler.isClosing())
        std::abort();
    if (expired) {
        if (expired->reply.status != 408 || !expired->reply.close)
            std::abort();
        checkAnswer(*expired);
    }
    return 0;
}
