// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace cimdiag {

/// Who the client says it is (a value). DSP0200 servers speak HTTP Basic; VMware ESXi also takes a
/// session ticket (from AcquireCimServicesTicket) sent as Basic with the ticket as both user and
/// password.
struct WbemCredentials final
{
    enum class Kind : quint8 {
        None,     ///< no Authorization header; a 401 becomes an Authentication error
        Basic,    ///< user and password
        CimTicket ///< ESXi CIM ticket: Basic ticket:ticket
    };

    Kind kind = Kind::None;
    QString user;
    QString password;
    QString ticket;
    /// Basic only: send Authorization with the first request (true) or only after a 401 challenge
    /// that offers Basic (false). Tickets are always sent preemptively: ESXi expects them.
    bool preemptive = true;

    static WbemCredentials basic(const QString &user, const QString &password, bool preemptive = true);
    static WbemCredentials cimTicket(const QString &ticket);

    bool isNull() const { return kind == Kind::None; }
    /// The Authorization header value ("Basic <base64>"), empty for None.
    QByteArray authorizationHeader() const;
    /// Every string that must never reach a log or recording: password, ticket, "user:password" and
    /// its base64 form. Empty strings are left out.
    QStringList secrets() const;

    friend bool operator==(const WbemCredentials &, const WbemCredentials &) = default;
};

} // namespace cimdiag
