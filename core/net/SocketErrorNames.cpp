// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/net/SocketErrorNames.h"

#include <QCoreApplication>

namespace cimdiag {

namespace {

// The texts of QNativeSocketEngine (qnativesocketengine.cpp, Qt 6.4) that NetworkError carries.
QString qtEngineText(const char *text)
{
    return QCoreApplication::translate("QNativeSocketEngine", text);
}

} // namespace

bool SocketErrorNames::isHostUnreachable(const QString &errorString)
{
    return errorString == qtEngineText("Host unreachable")
        || errorString.compare(QLatin1String("Host unreachable"), Qt::CaseInsensitive) == 0
        || errorString.contains(QLatin1String("No route to host"), Qt::CaseInsensitive);
}

bool SocketErrorNames::isNetworkUnreachable(const QString &errorString)
{
    return errorString == qtEngineText("Network unreachable")
        || errorString.compare(QLatin1String("Network unreachable"), Qt::CaseInsensitive) == 0
        || errorString.contains(QLatin1String("Network is unreachable"), Qt::CaseInsensitive);
}

bool SocketErrorNames::isConnectTimeout(QAbstractSocket::SocketError error, const QString &errorString)
{
    if (error == QAbstractSocket::SocketTimeoutError)
        return true;
    return error == QAbstractSocket::NetworkError
        && (errorString == qtEngineText("Connection timed out")
            || errorString.compare(QLatin1String("Connection timed out"), Qt::CaseInsensitive) == 0);
}

QString SocketErrorNames::errnoName(QAbstractSocket::SocketError error, const QString &errorString)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return QStringLiteral("ECONNREFUSED");
    case QAbstractSocket::RemoteHostClosedError:
        return QStringLiteral("EOF");
    case QAbstractSocket::HostNotFoundError:
        return QStringLiteral("EAI_NONAME");
    case QAbstractSocket::SocketAccessError:
        return QStringLiteral("EACCES");
    case QAbstractSocket::SocketTimeoutError:
        return QStringLiteral("ETIMEDOUT");
    case QAbstractSocket::NetworkError:
        if (isHostUnreachable(errorString))
            return QStringLiteral("EHOSTUNREACH");
        if (isNetworkUnreachable(errorString))
            return QStringLiteral("ENETUNREACH");
        if (isConnectTimeout(error, errorString))
            return QStringLiteral("ETIMEDOUT");
        if (errorString.contains(QLatin1String("reset"), Qt::CaseInsensitive))
            return QStringLiteral("ECONNRESET");
        return {};
    default:
        return {};
    }
}

} // namespace cimdiag
