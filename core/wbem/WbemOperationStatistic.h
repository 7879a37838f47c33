// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <chrono>

namespace cimdiag {

/// The statistics of one operation name, as pywbem's OperationStatistic keeps them (a value).
/// Times are in microseconds; averages are over count (server time over serverTimeCount, the
/// replies that carried WBEMServerResponseTime). Sizes are HTTP body bytes.
struct WbemOperationStatistic final
{
    QString name;
    qint64 count = 0;
    qint64 errorCount = 0;

    qint64 clientTimeTotalUs = 0;
    qint64 clientTimeMinUs = 0;
    qint64 clientTimeMaxUs = 0;

    qint64 serverTimeCount = 0;
    qint64 serverTimeTotalUs = 0;
    qint64 serverTimeMinUs = 0;
    qint64 serverTimeMaxUs = 0;

    qint64 requestSizeTotal = 0;
    qint64 requestSizeMin = 0;
    qint64 requestSizeMax = 0;
    qint64 replySizeTotal = 0;
    qint64 replySizeMin = 0;
    qint64 replySizeMax = 0;

    double clientTimeAvgUs() const { return count ? double(clientTimeTotalUs) / double(count) : 0.0; }
    double serverTimeAvgUs() const
    {
        return serverTimeCount ? double(serverTimeTotalUs) / double(serverTimeCount) : 0.0;
    }
    double requestSizeAvg() const { return count ? double(requestSizeTotal) / double(count) : 0.0; }
    double replySizeAvg() const { return count ? double(replySizeTotal) / double(count) : 0.0; }
};

} // namespace cimdiag
