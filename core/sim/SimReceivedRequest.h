// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/wbem/WbemHttpHeaders.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace cimdiag {

/// What the simulator saw on the wire for one HTTP request, kept so tests can assert the server
/// side. The Authorization header's credentials are replaced by "<redacted>".
struct SimReceivedRequest final
{
    bool tls = false;
    QByteArray requestLine; ///< "POST /cimom HTTP/1.1"
    QByteArray method;
    QByteArray target;
    QByteArray httpVersion;
    WbemHttpHeaderList headers; ///< in arrival order, names as sent
    QByteArray body;
    QString user;            ///< the authenticated account, empty when none
    int responseStatus = 0;  ///< the HTTP status answered; 0 when none was (StallConnections)
    QByteArray cimError;     ///< the CIMError header answered, if any

    /// The first header called name (case-insensitive); empty when absent.
    QByteArray header(QByteArrayView name) const
    {
        return httpHeaderValue(headers, name);
    }
    bool hasHeader(QByteArrayView name) const { return hasHttpHeader(headers, name); }
};

} // namespace cimdiag
