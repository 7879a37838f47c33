// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractSocket>
#include <QHostAddress>
#include <QString>

#include <chrono>

namespace cimdiag {

/// What one TCP connect attempt found (a value). The outcome names the catalogue row:
/// Open (fine), Refused (B2: RST, ECONNREFUSED), Filtered (B3: no SYN-ACK before the timeout),
/// Unreachable (B4: EHOSTUNREACH/ENETUNREACH, an ICMP answer), ResetAfterAccept (B5: the connection
/// was accepted, then reset or closed before any byte within the observation window; a server
/// that sends bytes and then closes is Open), Error (any
/// other socket error, see socketError).
struct TcpProbeResult final
{
    enum class Outcome : quint8 { Open, Refused, Filtered, Unreachable, ResetAfterAccept, Error, Cancelled };

    QHostAddress address;
    quint16 port = 0;
    Outcome outcome = Outcome::Error;
    /// From connectToHost() to connected (Open, ResetAfterAccept), or to the failure.
    std::chrono::microseconds connectTime {0};
    QAbstractSocket::SocketError socketError = QAbstractSocket::UnknownSocketError;
    /// The socket's own error text ("Connection refused").
    QString errorText;
    /// The errno-style name of the signal: "ECONNREFUSED", "ETIMEDOUT", "EHOSTUNREACH", "ECONNRESET",
    /// "EOF" (orderly close with no bytes), empty for Open.
    QString errnoName;

    bool isOpen() const { return outcome == Outcome::Open; }
    /// "open", "refused", "filtered", "unreachable", "reset-after-accept", "error", "cancelled".
    static QString outcomeName(Outcome outcome);
};

} // namespace cimdiag
