// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <utility>

namespace cimdiag {

/// HTTP headers (client, simulator and test servers alike) in arrival order with their names as sent; look-ups ignore case (RFC 9110 5.1).
using WbemHttpHeaderList = QList<std::pair<QByteArray, QByteArray>>;

/// The first header called name; empty when absent.
inline QByteArray httpHeaderValue(const WbemHttpHeaderList &headers, QByteArrayView name)
{
    for (const auto &[headerName, value] : headers) {
        if (headerName.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

/// Every header called name, in arrival order (Set-Cookie, WWW-Authenticate may repeat).
inline QList<QByteArray> httpHeaderValues(const WbemHttpHeaderList &headers, QByteArrayView name)
{
    QList<QByteArray> values;
    for (const auto &[headerName, value] : headers) {
        if (headerName.compare(name, Qt::CaseInsensitive) == 0)
            values.append(value);
    }
    return values;
}

inline bool hasHttpHeader(const WbemHttpHeaderList &headers, QByteArrayView name)
{
    for (const auto &entry : headers) {
        if (entry.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace cimdiag
