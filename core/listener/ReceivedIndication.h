// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimInstance.h"

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QMetaType>
#include <QString>

namespace cimdiag {

/// One indication an IndicationListener accepted (a valid ExportIndication answered 200).
struct ReceivedIndication final
{
    CimInstance indication; ///< the NewIndication instance (no path: indications have none)
    QString messageId; ///< the MESSAGE ID, echoed in the answer
    QHostAddress sender; ///< the peer address of the connection it came on
    quint16 senderPort = 0;
    bool tls = false;
    QByteArray method; ///< "POST" or "M-POST"
    QByteArray target; ///< the request target ("/cimdiag/abc"), the path of the destination URL
    QDateTime receivedAt; ///< UTC, when the request was complete
    qint64 sequence = 0; ///< 1 for the first indication since listen(), counting dropped ones
};

} // namespace cimdiag

Q_DECLARE_METATYPE(cimdiag::ReceivedIndication)
