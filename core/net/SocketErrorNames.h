// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractSocket>
#include <QString>

namespace cimdiag {

/// The errno-style name of a Qt socket error, for evidence an admin can search for
/// ("ECONNREFUSED" rather than "ConnectionRefusedError"). Qt folds several errnos into
/// NetworkError and keeps them apart only in the text, so the text decides there; it is compared
/// with Qt's own (translated) strings, so a loaded Qt translation does not break the mapping.
class SocketErrorNames final
{
public:
    SocketErrorNames() = delete;

    /// "ECONNREFUSED", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EOF" (remote close),
    /// "EAI_NONAME" (host not found), "EACCES"; empty when there is no sensible name.
    static QString errnoName(QAbstractSocket::SocketError error, const QString &errorString);
    static bool isHostUnreachable(const QString &errorString);
    static bool isNetworkUnreachable(const QString &errorString);
    static bool isConnectTimeout(QAbstractSocket::SocketError error, const QString &errorString);
};

} // namespace cimdiag
