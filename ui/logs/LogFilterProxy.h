// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/log/LogEntry.h"

#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QStringMatcher>

#include <optional>

namespace cimdiag {

class LogModel;

/// What one LogView shows of a LogModel: one channel (or all), a minimum severity and a text
/// filter (a case-insensitive substring, or a regular expression) over the text and the stage.
///
/// filterAcceptsRow() runs once per row on every filter change, a million times for a full model,
/// so on a LogModel source it reads the rows directly (no QVariant, no allocation) and matches with
/// a precompiled QStringMatcher. Other source models work through FullTextRole, SeverityRole and
/// ChannelRole.
class LogFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit LogFilterProxy(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(LogFilterProxy)

    void setSourceModel(QAbstractItemModel *sourceModel) override;

    std::optional<LogChannel> channel() const { return m_channel; }
    /// std::nullopt: every channel.
    void setChannel(std::optional<LogChannel> channel);

    LogSeverity minimumSeverity() const { return m_minimumSeverity; }
    void setMinimumSeverity(LogSeverity severity);

    QString textFilter() const { return m_text; }
    bool isRegularExpression() const { return m_regularExpression; }
    /// Empty text: no text filter. An invalid regular expression matches nothing (see isTextFilterValid()).
    void setTextFilter(const QString &text, bool regularExpression = false);
    bool isTextFilterValid() const { return !m_regularExpression || m_regex.isValid(); }

    /// Every source row of the proxy's rows, in order (Save and Copy use it).
    int sourceRow(int proxyRow) const { return mapToSource(index(proxyRow, 0)).row(); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool textMatches(QStringView text) const;
    void refilter();

    LogModel *m_logModel = nullptr;
    std::optional<LogChannel> m_channel;
    LogSeverity m_minimumSeverity = LogSeverity::Debug;
    QString m_text;
    QStringMatcher m_matcher;
    QRegularExpression m_regex;
    bool m_regularExpression = false;
};

} // namespace cimdiag
