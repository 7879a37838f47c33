// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/logs/LogFilterProxy.h"

#include "ui/logs/LogModel.h"

namespace cimdiag {

LogFilterProxy::LogFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // Rows arrive in time order and stay there; sorting a million rows per batch would stall the view.
    setDynamicSortFilter(false);
    m_wanted.matcher.setCaseSensitivity(Qt::CaseInsensitive);
    m_shown.matcher.setCaseSensitivity(Qt::CaseInsensitive);
    // 0 ms: the next slice runs as soon as the event loop has handled what is pending (paint,
    // input, new log rows), so a long match neither stalls the GUI nor waits longer than needed.
    m_sliceTimer.setSingleShot(true);
    m_sliceTimer.setInterval(0);
    connect(&m_sliceTimer, &QTimer::timeout, this, &LogFilterProxy::matchSlice);
}

void LogFilterProxy::setSourceModel(QAbstractItemModel *sourceModel)
{
    for (const QMetaObject::Connection &connection : std::as_const(m_sourceConnections))
        disconnect(connection);
    m_sourceConnections.clear();
    // A new source is filtered at once (by QSortFilterProxyModel, on first use) by the latest filter.
    m_sliceTimer.stop();
    m_filtering = false;
    m_accepted = {};
    m_matched = 0;
    m_shown = m_wanted;
    m_logModel = qobject_cast<LogModel *>(sourceModel);
    QSortFilterProxyModel::setSourceModel(sourceModel);
    if (sourceModel == nullptr)
        return;
    m_sourceConnections = {
        connect(sourceModel, &QAbstractItemModel::rowsInserted, this, &LogFilterProxy::onSourceRowsInserted),
        connect(sourceModel, &QAbstractItemModel::rowsRemoved, this, &LogFilterProxy::onSourceRowsRemoved),
        connect(sourceModel, &QAbstractItemModel::modelReset, this, &LogFilterProxy::onSourceRowsMoved),
        connect(sourceModel, &QAbstractItemModel::layoutChanged, this, &LogFilterProxy::onSourceRowsMoved),
        connect(sourceModel, &QAbstractItemModel::rowsMoved, this, &LogFilterProxy::onSourceRowsMoved),
    };
}

void LogFilterProxy::setChannel(std::optional<LogChannel> channel)
{
    if (m_wanted.channel == channel)
        return;
    m_wanted.channel = channel;
    refilter();
}

void LogFilterProxy::setMinimumSeverity(LogSeverity severity)
{
    if (m_wanted.minimumSeverity == severity)
        return;
    m_wanted.minimumSeverity = severity;
    refilter();
}

void LogFilterProxy::setTextFilter(const QString &text, bool regularExpression)
{
    if (m_wanted.text == text && m_wanted.regularExpression == regularExpression)
        return;
    m_wanted.text = text;
    m_wanted.regularExpression = regularExpression;
    if (regularExpression) {
        m_wanted.regex.setPattern(text);
        m_wanted.regex.setPatternOptions(QRegularExpression::CaseInsensitiveOption);
        m_wanted.regex.optimize(); // compile once here, not on the first of a million matches
    } else {
        m_wanted.matcher.setPattern(text);
    }
    refilter();
}

void LogFilterProxy::refilter()
{
    const QAbstractItemModel *model = sourceModel();
    if (model == nullptr) {
        m_shown = m_wanted;
        return;
    }
    // A change while an earlier one is still matched replaces it: only the latest filter counts.
    m_sliceTimer.stop();
    m_filtering = true;
    m_accepted.assign(size_t(model->rowCount()), 0);
    m_matched = 0;
    // The first slice runs now: a source that fits in it is filtered before the setter returns.
    matchSlice();
}

void LogFilterProxy::matchSlice()
{
    if (!m_filtering)
        return;
    m_sliceClock.start();
    const int count = int(m_accepted.size());
    const QModelIndex root;
    while (m_matched < count) {
        const int end = qMin(count, m_matched + kCheckEvery);
        for (; m_matched < end; ++m_matched)
            m_accepted[size_t(m_matched)] = accepts(m_wanted, m_matched, root) ? 1 : 0;
        if (m_matched < count && m_sliceClock.elapsed() >= kSliceMs) {
            m_sliceTimer.start();
            return;
        }
    }
    applyResult();
}

void LogFilterProxy::applyResult()
{
    m_shown = m_wanted;
    // Not invalidateFilter(): it removes the rows that no longer pass range by range, updating the
    // whole mapping for each range, which is quadratic when the result interleaves (a severity
    // filter keeping every tenth of a million rows took 16 s). invalidate() drops the mapping and
    // rebuilds it in one pass over the source (layoutChanged for the views), here from the matched
    // flags, which costs what a severity filter does (about 12 ms for a million rows).
    m_applying = true;
    invalidate();
    rowCount(); // the mapping is built lazily: build it now, while the flags are the answer
    m_applying = false;
    m_filtering = false;
    m_accepted = {};
    m_matched = 0;
    Q_EMIT filteringFinished();
}

void LogFilterProxy::onSourceRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (!m_filtering || parent.isValid())
        return;
    const int count = last - first + 1;
    if (first > int(m_accepted.size())) {
        onSourceRowsMoved();
        return;
    }
    m_accepted.insert(m_accepted.begin() + first, size_t(count), 0);
    // LogModel appends, behind what is matched; rows inserted before it are matched here.
    if (first < m_matched) {
        for (int row = first; row <= last; ++row)
            m_accepted[size_t(row)] = accepts(m_wanted, row, parent) ? 1 : 0;
        m_matched += count;
    }
}

void LogFilterProxy::onSourceRowsRemoved(const QModelIndex &parent, int first, int last)
{
    if (!m_filtering || parent.isValid())
        return;
    const int end = qMin(last + 1, int(m_accepted.size()));
    if (first >= end)
        return;
    // LogModel removes its oldest rows when full: the flags move down with the rows.
    m_accepted.erase(m_accepted.begin() + first, m_accepted.begin() + end);
    m_matched -= qMax(0, qMin(m_matched, end) - first);
}

void LogFilterProxy::onSourceRowsMoved()
{
    if (m_filtering)
        refilter();
}

bool LogFilterProxy::textMatches(const Criteria &criteria, QStringView text)
{
    if (criteria.regularExpression)
        return criteria.regex.isValid() && criteria.regex.match(text).hasMatch();
    return criteria.matcher.indexIn(text) >= 0;
}

bool LogFilterProxy::accepts(const Criteria &criteria, int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_logModel != nullptr) {
        const LogModel::Row &row = m_logModel->rowAt(sourceRow);
        if (criteria.channel && row.channel != *criteria.channel)
            return false;
        if (row.severity < criteria.minimumSeverity)
            return false;
        if (criteria.text.isEmpty())
            return true;
        return textMatches(criteria, row.text) || textMatches(criteria, row.source);
    }

    const QAbstractItemModel *model = sourceModel();
    const QModelIndex text = model->index(sourceRow, LogModel::TextColumn, sourceParent);
    if (criteria.channel && text.data(LogModel::ChannelRole).toInt() != int(*criteria.channel))
        return false;
    if (text.data(LogModel::SeverityRole).toInt() < int(criteria.minimumSeverity))
        return false;
    if (criteria.text.isEmpty())
        return true;
    return textMatches(criteria, text.data(LogModel::FullTextRole).toString())
        || textMatches(criteria, model->index(sourceRow, LogModel::SourceColumn, sourceParent).data().toString());
}

bool LogFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_applying && !sourceParent.isValid() && sourceRow < int(m_accepted.size()))
        return m_accepted[size_t(sourceRow)] != 0;
    return accepts(m_shown, sourceRow, sourceParent);
}

} // namespace cimdiag
