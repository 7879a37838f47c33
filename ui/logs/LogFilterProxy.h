// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/log/LogEntry.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QStringMatcher>
#include <QTimer>

#include <optional>
#include <vector>

namespace cimdiag {

class LogModel;

/// What one LogView shows of a LogModel: one channel (or all), a minimum severity and a text
/// filter (a case-insensitive substring, or a regular expression) over the text and the stage.
///
/// A filter change is matched against the source rows in slices of at most kSliceMs on the GUI
/// thread (issue #5: the event loop never stalls more than 50 ms; a text filter over a million
/// rows takes longer than that). While it runs, isFiltering() is true and the proxy keeps showing
/// the rows of the previous filter (new rows are filtered by it too); when every row is matched,
/// the proxy takes the new result in one pass (layoutChanged) and emits filteringFinished(). A
/// source small enough to match within one slice is filtered before the setter returns, as a plain
/// QSortFilterProxyModel would be. The getters return what was set last.
///
/// The matching reads a LogModel source's rows directly (no QVariant, no allocation) with a
/// precompiled QStringMatcher. Other source models work through FullTextRole, SeverityRole and
/// ChannelRole.
class LogFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    /// The longest one slice of matching holds the GUI thread (checked every kCheckEvery rows).
    static constexpr int kSliceMs = 10;

    explicit LogFilterProxy(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(LogFilterProxy)

    void setSourceModel(QAbstractItemModel *sourceModel) override;

    std::optional<LogChannel> channel() const { return m_wanted.channel; }
    /// std::nullopt: every channel.
    void setChannel(std::optional<LogChannel> channel);

    LogSeverity minimumSeverity() const { return m_wanted.minimumSeverity; }
    void setMinimumSeverity(LogSeverity severity);

    QString textFilter() const { return m_wanted.text; }
    bool isRegularExpression() const { return m_wanted.regularExpression; }
    /// Empty text: no text filter. An invalid regular expression matches nothing (see isTextFilterValid()).
    void setTextFilter(const QString &text, bool regularExpression = false);
    bool isTextFilterValid() const { return !m_wanted.regularExpression || m_wanted.regex.isValid(); }

    /// True while a filter change is still being matched (the rows shown are the previous filter's).
    bool isFiltering() const { return m_filtering; }

    /// Every source row of the proxy's rows, in order (Save and Copy use it).
    int sourceRow(int proxyRow) const { return mapToSource(index(proxyRow, 0)).row(); }

Q_SIGNALS:
    /// The proxy shows the rows of the filter set last (emitted after its layoutChanged).
    void filteringFinished();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    /// One filter: what the setters set (m_wanted) or what the rows shown were filtered by (m_shown).
    struct Criteria
    {
        std::optional<LogChannel> channel;
        LogSeverity minimumSeverity = LogSeverity::Debug;
        QString text;
        QStringMatcher matcher;
        QRegularExpression regex;
        bool regularExpression = false;
    };

    /// How many rows a slice matches between two looks at the clock.
    static constexpr int kCheckEvery = 1024;

    bool accepts(const Criteria &criteria, int sourceRow, const QModelIndex &sourceParent) const;
    static bool textMatches(const Criteria &criteria, QStringView text);
    /// Starts matching m_wanted against every source row (restarting a match under way).
    void refilter();
    /// Matches the next rows for up to kSliceMs; applies the result when every row is done.
    void matchSlice();
    void applyResult();
    void onSourceRowsInserted(const QModelIndex &parent, int first, int last);
    void onSourceRowsRemoved(const QModelIndex &parent, int first, int last);
    /// A source reset or layout change moves rows: what was matched no longer fits.
    void onSourceRowsMoved();

    LogModel *m_logModel = nullptr;
    QList<QMetaObject::Connection> m_sourceConnections;
    Criteria m_wanted;
    Criteria m_shown;
    /// Per source row, whether m_wanted accepts it; valid for rows below m_matched.
    std::vector<quint8> m_accepted;
    int m_matched = 0;
    bool m_filtering = false;
    bool m_applying = false;
    QTimer m_sliceTimer;
    QElapsedTimer m_sliceClock;
};

} // namespace cimdiag
