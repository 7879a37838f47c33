// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/logs/LogFilterProxy.h"

#include "ui/logs/LogModel.h"

namespace cimdiag {

LogFilterProxy::LogFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // Rows arrive in time order and stay there; sorting a million rows per batch would stall the view.
    setDynamicSortFilter(false);
    m_matcher.setCaseSensitivity(Qt::CaseInsensitive);
}

void LogFilterProxy::setSourceModel(QAbstractItemModel *sourceModel)
{
    m_logModel = qobject_cast<LogModel *>(sourceModel);
    QSortFilterProxyModel::setSourceModel(sourceModel);
}

void LogFilterProxy::refilter()
{
    // Not invalidateFilter(): it removes the rows that no longer pass range by range, updating the
    // whole mapping for each range, which is quadratic when the result interleaves (a severity
    // filter keeping every tenth of a million rows took 16 s). invalidate() drops the mapping and
    // rebuilds it in one pass over the source (layoutChanged for the views).
    invalidate();
}

void LogFilterProxy::setChannel(std::optional<LogChannel> channel)
{
    if (m_channel == channel)
        return;
    m_channel = channel;
    refilter();
}

void LogFilterProxy::setMinimumSeverity(LogSeverity severity)
{
    if (m_minimumSeverity == severity)
        return;
    m_minimumSeverity = severity;
    refilter();
}

void LogFilterProxy::setTextFilter(const QString &text, bool regularExpression)
{
    if (m_text == text && m_regularExpression == regularExpression)
        return;
    m_text = text;
    m_regularExpression = regularExpression;
    if (regularExpression) {
        m_regex.setPattern(text);
        m_regex.setPatternOptions(QRegularExpression::CaseInsensitiveOption);
        m_regex.optimize(); // compile once here, not on the first of a million matches
    } else {
        m_matcher.setPattern(text);
    }
    refilter();
}

bool LogFilterProxy::textMatches(QStringView text) const
{
    if (m_regularExpression)
        return m_regex.isValid() && m_regex.match(text).hasMatch();
    return m_matcher.indexIn(text) >= 0;
}

bool LogFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_logModel != nullptr) {
        if (m_channel && m_logModel->channelAt(sourceRow) != *m_channel)
            return false;
        if (m_logModel->severityAt(sourceRow) < m_minimumSeverity)
            return false;
        if (m_text.isEmpty())
            return true;
        return textMatches(m_logModel->textAt(sourceRow)) || textMatches(m_logModel->sourceAt(sourceRow));
    }

    const QAbstractItemModel *model = sourceModel();
    const QModelIndex text = model->index(sourceRow, LogModel::TextColumn, sourceParent);
    if (m_channel && text.data(LogModel::ChannelRole).toInt() != int(*m_channel))
        return false;
    if (text.data(LogModel::SeverityRole).toInt() < int(m_minimumSeverity))
        return false;
    if (m_text.isEmpty())
        return true;
    return textMatches(text.data(LogModel::FullTextRole).toString())
        || textMatches(model->index(sourceRow, LogModel::SourceColumn, sourceParent).data().toString());
}

} // namespace cimdiag
