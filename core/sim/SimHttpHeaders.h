// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <utility>

namespace cimdiag {

/// HTTP headers in arrival order with their names as sent; look-ups ignore case (RFC 9110 5.1).
using SimHttpHeaderList = QList<std::pair<QByteArray, QByteArray>>;

/// The first header called name; empty when absent.
inline QByteArray simHttpHeader(const SimHttpHeaderList &headers, QByteArrayView name)
{
    for (const auto &[headerName, value] : headers) {
        if (headerName.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

inline bool simHasHttpHeader(const SimHttpHeaderList &headers, QByteArrayView name)
{
    for (const auto &entry : headers) {
        if (entry.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace cimdiag
