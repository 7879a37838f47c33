// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/wbem/WbemHttpHeaders.h"

#include "core/cimxml/CimOperationRequest.h"
#include "core/cimxml/CimOperationResponse.h"
#include "core/wbem/WbemError.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

namespace cimdiag {

class WbemRedactor;

/// One HTTP request/reply of a WBEM operation as recorders see it (a value). Secrets are already
/// redacted: Authorization and Proxy-Authorization values, passwords, tickets and their base64 form
/// never appear here.
///
/// An operation normally makes one exchange; a Basic challenge makes two (the 401, then the retry).
/// isFinal marks the exchange that decided the operation's outcome; only it carries response and
/// error.
struct WbemExchange final
{
    using HeaderList = WbemHttpHeaderList;

    quint64 operationId = 0; ///< the same for every exchange of one operation
    int attempt = 1;
    bool isFinal = true;
    QDateTime startedAt;
    QUrl url;

    CimOperationRequest request;
    QByteArray httpMethod = QByteArrayLiteral("POST");
    HeaderList requestHeaders;
    QByteArray requestBody;
    /// Bytes of the request body after requestBody that no recorder keeps and so were neither
    /// copied nor redacted (WbemOperationRecorder::keptBodyBytes()); 0 when the body is whole.
    qsizetype requestBodyOmitted = 0;

    int status = 0; ///< 0 when no HTTP reply arrived
    QByteArray reason;
    HeaderList replyHeaders;
    QByteArray replyBody;
    bool replyBodyTruncated = false; ///< the body was cut at the recorder body limit
    /// Bytes of the reply body after replyBody left out like requestBodyOmitted.
    qsizetype replyBodyOmitted = 0;

    CimOperationResponse response; ///< final exchange, success or CIM error
    WbemError error;
    std::chrono::microseconds clientTime{0};
    std::optional<std::chrono::microseconds> serverTime; ///< WBEMServerResponseTime
    /// What redacted this exchange: recorders run it over text they format from request and
    /// response, which are not redacted (a password can be a method parameter). Null means none.
    std::shared_ptr<const WbemRedactor> redactor;
};

} // namespace cimdiag
