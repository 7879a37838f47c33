// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

#include <utility>

namespace cimdiag {

/// An HTTP answer a SimHttpServer raw responder gives instead of decoding the request (a value).
/// Sent as is: the server only adds Content-Length, a Server header when none is given, and
/// `Connection: close` when close is set or the client asked for it. Used by the session replay
/// (SimSessionReplay), which must reproduce recorded 401s, CIMError 400s and invalid bodies byte
/// for byte, none of which a CimOperationResponse can express.
struct SimRawReply final
{
    int status = 200;
    QByteArray reason; ///< empty: the standard phrase for status
    QList<std::pair<QByteArray, QByteArray>> headers; ///< in order; no Content-Length or Connection
    QByteArray body;
    bool close = false; ///< close the connection after this answer
    bool dropConnection = false; ///< close without answering at all (no HTTP reply was recorded)
};

} // namespace cimdiag
