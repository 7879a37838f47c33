// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/wbem/WbemCredentials.h"

namespace cimdiag {

WbemCredentials WbemCredentials::basic(const QString &user, const QString &password, bool preemptive)
{
    WbemCredentials credentials;
    credentials.kind = Kind::Basic;
    credentials.user = user;
    credentials.password = password;
    credentials.preemptive = preemptive;
    return credentials;
}

WbemCredentials WbemCredentials::cimTicket(const QString &ticket)
{
    WbemCredentials credentials;
    credentials.kind = Kind::CimTicket;
    credentials.ticket = ticket;
    return credentials;
}

namespace {
QByteArray userPass(const WbemCredentials &c)
{
    switch (c.kind) {
    case WbemCredentials::Kind::None:
        return {};
    case WbemCredentials::Kind::Basic:
        return c.user.toUtf8() + ':' + c.password.toUtf8();
    case WbemCredentials::Kind::CimTicket:
        return c.ticket.toUtf8() + ':' + c.ticket.toUtf8();
    }
    return {};
}
} // namespace

QByteArray WbemCredentials::authorizationHeader() const
{
    if (kind == Kind::None)
        return {};
    return QByteArrayLiteral("Basic ") + userPass(*this).toBase64();
}

QStringList WbemCredentials::secrets() const
{
    QStringList result;
    if (kind == Kind::None)
        return result;
    const QByteArray pair = userPass(*this);
    // Longest first, so a redactor replacing in order never leaves half a secret behind.
    result << QString::fromLatin1(pair.toBase64()) << QString::fromUtf8(pair);
    // The secret alone and its base64 (a server may echo either back in an error text).
    if (!password.isEmpty() && kind == Kind::Basic)
        result << QString::fromLatin1(password.toUtf8().toBase64()) << password;
    if (!ticket.isEmpty() && kind == Kind::CimTicket)
        result << QString::fromLatin1(ticket.toUtf8().toBase64()) << ticket;
    return result;
}

} // namespace cimdiag
