// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/wbem/WbemOperationStatistic.h"

#include <QList>
#include <QMap>

#include <chrono>
#include <optional>

namespace cimdiag {

/// Per-operation-name statistics of a connection (pywbem's Statistics). Disabled by default, as in
/// pywbem: while disabled, record() does nothing. Not thread-safe; lives with its connection.
class WbemStatistics final
{
public:
    bool isEnabled() const { return m_enabled; }
    void setEnabled(bool enabled) { m_enabled = enabled; }

    /// Adds one finished operation (called by WbemConnection when an operation finishes).
    void record(const QString &operationName, bool failed, std::chrono::microseconds clientTime,
                std::optional<std::chrono::microseconds> serverTime, qint64 requestSize, qint64 replySize);

    /// The statistics so far, sorted by operation name.
    QList<WbemOperationStatistic> snapshot() const;
    /// The statistic of one operation name (a zero statistic when none was recorded).
    WbemOperationStatistic statistic(const QString &operationName) const;
    void reset() { m_byName.clear(); }

private:
    bool m_enabled = false;
    QMap<QString, WbemOperationStatistic> m_byName;
};

} // namespace cimdiag
