// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimInstance.h"
#include "core/net/HttpRequestParser.h"
#include "core/wbem/WbemHttpHeaders.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace cimdiag {

/// The CIM listener side of DSP0200 export, free of I/O: judges one HTTP request (head, then body)
/// and builds the answer IndicationListener writes. Checks, in this order:
/// - head: POST or M-POST, else 405 with `Allow: POST, M-POST`; M-POST when not accepted: 501 (the
///   sender falls back to POST, DSP0200 7.2.2); a body with Content-Length (chunked or none: 411,
///   garbage: 400, over the limit: 413);
/// - M-POST: a Man header declaring the DMTF mapping with ns=NN (else 510 Not Extended, RFC 2774),
///   and every CIM header NN- prefixed;
/// - Content-Type application/xml or text/xml, charset utf-8 (else plain 400, as for D12);
/// - CIMExport: MethodRequest (else 400 unsupported-operation); CIMExportBatch (501
///   multiple-requests-unsupported); CIMProtocolVersion 1.x (else 501 unsupported-protocol-version);
///   CIMExportMethod present (else 400 header-mismatch);
/// - body: well-formed XML (400 request-not-well-formed), CIMVERSION and DTDVERSION 2.x (501
///   unsupported-cim-version / unsupported-dtd-version), MULTIEXPREQ (501
///   multiple-requests-unsupported), EXPMETHODCALL NAME equal to CIMExportMethod (400
///   header-mismatch), MESSAGE PROTOCOLVERSION equal to CIMProtocolVersion (400 header-mismatch);
///   an export method other than ExportIndication: 200 with ERROR CODE 7 (CIM_ERR_NOT_SUPPORTED);
///   not a valid export request (CimXmlReader): 400 request-not-valid; no NewIndication instance:
///   200 with ERROR CODE 4 (CIM_ERR_INVALID_PARAMETER);
/// - otherwise 200 `CIMExport: MethodResponse` with SIMPLEEXPRSP/EXPMETHODRESPONSE echoing the
///   MESSAGE ID, and the indication.
class ExportRequestDecoder final
{
public:
    ExportRequestDecoder() = delete;

    struct Reply
    {
        int status = 200;
        WbemHttpHeaderList headers; ///< without Content-Length and Connection
        QByteArray body;
        QByteArray cimError; ///< also in headers (NN- prefixed for M-POST)
        int cimStatusCode = 0; ///< ERROR CODE in a 200 answer
        bool close = false; ///< close the connection after the answer
        QString reason; ///< why it was refused, in words (protocol detail, untranslated)
        QString messageId;
        std::optional<CimInstance> indication; ///< set for an accepted ExportIndication

        bool isAccepted() const { return indication.has_value(); }
    };

    /// Checks the head before the body is read. Returns a reply to send at once (and close), or
    /// nullopt with *contentLength set: read that many body bytes, then call answer().
    static std::optional<Reply> checkHead(
        const HttpRequestHead &head, qint64 maxBodySize, bool acceptMPost, qint64 *contentLength);
    /// The answer to a complete request whose head passed checkHead().
    static Reply answer(const HttpRequestHead &head, const QByteArray &body);
    /// An answer with only a status (405, 408, 411, 413, 431, ...), closing the connection.
    static Reply plain(int status, const QString &reason);
};

} // namespace cimdiag
