// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/wbem/WbemStatistics.h"

#include <algorithm>

namespace cimdiag {

namespace {
void addSample(qint64 value, qint64 previousCount, qint64 &total, qint64 &min, qint64 &max)
{
    total += value;
    min = previousCount == 0 ? value : std::min(min, value);
    max = previousCount == 0 ? value : std::max(max, value);
}
} // namespace

void WbemStatistics::record(const QString &operationName, bool failed, std::chrono::microseconds clientTime,
                            std::optional<std::chrono::microseconds> serverTime, qint64 requestSize,
                            qint64 replySize)
{
    if (!m_enabled)
        return;
    WbemOperationStatistic &s = m_byName[operationName];
    s.name = operationName;
    const qint64 previous = s.count;
    addSample(clientTime.count(), previous, s.clientTimeTotalUs, s.clientTimeMinUs, s.clientTimeMaxUs);
    addSample(requestSize, previous, s.requestSizeTotal, s.requestSizeMin, s.requestSizeMax);
    addSample(replySize, previous, s.replySizeTotal, s.replySizeMin, s.replySizeMax);
    if (serverTime) {
        addSample(serverTime->count(), s.serverTimeCount, s.serverTimeTotalUs, s.serverTimeMinUs,
                  s.serverTimeMaxUs);
        ++s.serverTimeCount;
    }
    ++s.count;
    if (failed)
        ++s.errorCount;
}

QList<WbemOperationStatistic> WbemStatistics::snapshot() const
{
    return m_byName.values();
}

WbemOperationStatistic WbemStatistics::statistic(const QString &operationName) const
{
    WbemOperationStatistic s = m_byName.value(operationName);
    s.name = operationName;
    return s;
}

} // namespace cimdiag
