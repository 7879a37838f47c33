// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QHostAddress>

namespace cimdiag {

/// What an IndicationListener saw from one sender address (all its ports together): how many
/// indications, rejected requests and failed TLS handshakes, when the first and last arrived, and the gaps between
/// consecutive indications (inter-arrival time; -1 while fewer than two arrived).
struct IndicationSenderStatistics final
{
    QHostAddress address;
    int indications = 0;
    int rejectedRequests = 0; ///< requests answered with an error status or a CIM ERROR
    int failedHandshakes = 0; ///< TLS handshakes that did not complete (HTTPS)
    /// Of those, the ones where the sender rejected the listener's certificate with an alert (F4).
    int rejectedCertificates = 0;
    QDateTime firstReceived; ///< UTC, first indication (null while none)
    QDateTime lastReceived; ///< UTC, last indication
    qint64 minIntervalMs = -1;
    qint64 maxIntervalMs = -1;
    qint64 lastIntervalMs = -1;
    /// Mean gap between consecutive indications; -1 while fewer than two arrived.
    qint64 meanIntervalMs() const
    {
        return indications < 2 ? -1 : firstReceived.msecsTo(lastReceived) / (indications - 1);
    }
};

} // namespace cimdiag
