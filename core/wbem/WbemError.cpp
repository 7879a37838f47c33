// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/wbem/WbemError.h"

namespace cimdiag {

QString WbemError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("None");
    case Kind::Connection:
        return QStringLiteral("Connection");
    case Kind::Timeout:
        return QStringLiteral("Timeout");
    case Kind::Tls:
        return QStringLiteral("Tls");
    case Kind::Authentication:
        return QStringLiteral("Authentication");
    case Kind::Proxy:
        return QStringLiteral("Proxy");
    case Kind::Http:
        return QStringLiteral("Http");
    case Kind::CimXml:
        return QStringLiteral("CimXml");
    case Kind::Cim:
        return QStringLiteral("Cim");
    case Kind::Cancelled:
        return QStringLiteral("Cancelled");
    }
    return {};
}

QString WbemError::toString() const
{
    if (isNull())
        return QStringLiteral("no error");
    QStringList details;
    switch (kind) {
    case Kind::Timeout:
        switch (timeoutPhase) {
        case TimeoutPhase::Connect:
            details << QStringLiteral("connect");
            break;
        case TimeoutPhase::Read:
            details << QStringLiteral("read");
            break;
        case TimeoutPhase::Total:
            details << QStringLiteral("total");
            break;
        }
        break;
    case Kind::Connection:
        details << QStringLiteral("network error %1").arg(int(networkError));
        break;
    case Kind::Tls:
        for (const QSslError &e : sslErrors)
            details << e.errorString();
        if (!peerChain.isEmpty())
            details << QStringLiteral("peer %1").arg(peerChain.constFirst().subjectDisplayName());
        break;
    case Kind::Authentication:
    case Kind::Proxy:
        details << QStringLiteral("HTTP %1").arg(httpStatus);
        if (!challengeSchemes.isEmpty())
            details << QStringLiteral("schemes %1").arg(challengeSchemes.join(QLatin1Char(',')));
        if (!realm.isEmpty())
            details << QStringLiteral("realm \"%1\"").arg(realm);
        break;
    case Kind::Http:
        details << QStringLiteral("HTTP %1 %2").arg(httpStatus).arg(httpReason).trimmed();
        if (!cimErrorHeader.isEmpty())
            details << QStringLiteral("CIMError: %1").arg(cimErrorHeader);
        if (!pgErrorDetail.isEmpty())
            details << QStringLiteral("PGErrorDetail: %1").arg(pgErrorDetail);
        break;
    case Kind::CimXml:
        details << xmlError.toString();
        break;
    case Kind::Cim:
        details << cimStatus.toString();
        break;
    case Kind::None:
    case Kind::Cancelled:
        break;
    }
    QString text = kindName(kind) + QStringLiteral(": ") + message;
    if (!details.isEmpty())
        text += QStringLiteral(" (") + details.join(QStringLiteral("; ")) + QLatin1Char(')');
    return text;
}

void WbemError::parseChallenges(const QList<QByteArray> &headerValues, QStringList *schemes, QString *realm)
{
    // RFC 7235: challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ], challenges separated by
    // commas. A token followed by '=' is a parameter name; any other token starts a new challenge.
    for (const QByteArray &raw : headerValues) {
        const QString value = QString::fromLatin1(raw);
        qsizetype i = 0;
        const qsizetype n = value.size();
        auto skipSpace = [&] {
            while (i < n && (value.at(i).isSpace() || value.at(i) == QLatin1Char(',')))
                ++i;
        };
        auto isTokenChar = [](QChar c) {
            return !c.isSpace() && c != QLatin1Char(',') && c != QLatin1Char('=') && c != QLatin1Char('"');
        };
        while (i < n) {
            skipSpace();
            const qsizetype start = i;
            while (i < n && isTokenChar(value.at(i)))
                ++i;
            const QString token = value.mid(start, i - start);
            if (token.isEmpty()) {
                ++i;
                continue;
            }
            qsizetype j = i;
            while (j < n && value.at(j) == QLatin1Char(' '))
                ++j;
            if (j < n && value.at(j) == QLatin1Char('=')) {
                i = j + 1;
                while (i < n && value.at(i) == QLatin1Char(' '))
                    ++i;
                QString paramValue;
                if (i < n && value.at(i) == QLatin1Char('"')) {
                    ++i;
                    while (i < n && value.at(i) != QLatin1Char('"')) {
                        if (value.at(i) == QLatin1Char('\\') && i + 1 < n)
                            ++i;
                        paramValue += value.at(i);
                        ++i;
                    }
                    ++i;
                } else {
                    const qsizetype vs = i;
                    while (i < n && value.at(i) != QLatin1Char(','))
                        ++i;
                    paramValue = value.mid(vs, i - vs).trimmed();
                    // token68 ends with '='s: swallow the rest of it.
                    while (paramValue.isEmpty() && i < n && value.at(i) == QLatin1Char('='))
                        ++i;
                }
                if (realm && realm->isEmpty() && token.compare(QLatin1String("realm"), Qt::CaseInsensitive) == 0)
                    *realm = paramValue;
            } else if (schemes) {
                *schemes << token;
            }
        }
    }
}

} // namespace cimdiag
