// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/StatisticsModel.h"

#include "core/wbem/WbemStatistics.h"

#include <QLocale>

#include <algorithm>

namespace cimdiag {

namespace {
double ms(double microseconds)
{
    return microseconds / 1000.0;
}

bool isTimeColumn(int column)
{
    return column >= StatisticsModel::ClientTimeAvgColumn && column <= StatisticsModel::ServerTimeMaxColumn;
}

bool isAverageColumn(int column)
{
    return column == StatisticsModel::RequestSizeAvgColumn || column == StatisticsModel::ReplySizeAvgColumn;
}
} // namespace

StatisticsModel::StatisticsModel(const WbemStatistics *statistics, QObject *parent)
    : QAbstractTableModel(parent)
    , m_statistics(statistics)
{
    refresh();
}

StatisticsModel::~StatisticsModel() = default;

void StatisticsModel::setStatistics(const WbemStatistics *statistics)
{
    m_statistics = statistics;
    refresh();
}

void StatisticsModel::refresh()
{
    QList<WbemOperationStatistic> rows = m_statistics ? m_statistics->snapshot() : QList<WbemOperationStatistic>();
    const bool sameNames = rows.size() == m_rows.size()
        && std::equal(rows.cbegin(), rows.cend(), m_rows.cbegin(),
            [](const WbemOperationStatistic &a, const WbemOperationStatistic &b) { return a.name == b.name; });
    if (sameNames) {
        m_rows = std::move(rows);
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, CountColumn), index(int(m_rows.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int StatisticsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int StatisticsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StatisticsModel::value(const WbemOperationStatistic &s, int column) const
{
    // pywbem leaves server times out when no reply carried WBEMServerResponseTime: so do we,
    // rather than show a misleading 0.
    const bool hasServerTime = s.serverTimeCount > 0;
    switch (column) {
    case OperationColumn:
        return s.name;
    case CountColumn:
        return s.count;
    case ErrorCountColumn:
        return s.errorCount;
    case ClientTimeAvgColumn:
        return ms(s.clientTimeAvgUs());
    case ClientTimeMinColumn:
        return ms(double(s.clientTimeMinUs));
    case ClientTimeMaxColumn:
        return ms(double(s.clientTimeMaxUs));
    case ServerTimeAvgColumn:
        return hasServerTime ? QVariant(ms(s.serverTimeAvgUs())) : QVariant();
    case ServerTimeMinColumn:
        return hasServerTime ? QVariant(ms(double(s.serverTimeMinUs))) : QVariant();
    case ServerTimeMaxColumn:
        return hasServerTime ? QVariant(ms(double(s.serverTimeMaxUs))) : QVariant();
    case RequestSizeAvgColumn:
        return s.requestSizeAvg();
    case RequestSizeMinColumn:
        return s.requestSizeMin;
    case RequestSizeMaxColumn:
        return s.requestSizeMax;
    case ReplySizeAvgColumn:
        return s.replySizeAvg();
    case ReplySizeMinColumn:
        return s.replySizeMin;
    case ReplySizeMaxColumn:
        return s.replySizeMax;
    default:
        return {};
    }
}

QVariant StatisticsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const WbemOperationStatistic &s = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole: {
        const QVariant v = value(s, column);
        if (!v.isValid() || column == OperationColumn)
            return v.toString();
        const QLocale locale;
        if (isTimeColumn(column))
            return locale.toString(v.toDouble(), 'f', 3);
        if (isAverageColumn(column))
            return locale.toString(v.toDouble(), 'f', 1);
        return locale.toString(v.toLongLong());
    }
    case ValueRole:
        return value(s, column);
    case Qt::TextAlignmentRole:
        if (column == OperationColumn)
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (column >= ServerTimeAvgColumn && column <= ServerTimeMaxColumn) {
            return s.serverTimeCount > 0
                ? tr("%n of %1 replies carried WBEMServerResponseTime", nullptr, int(s.serverTimeCount)).arg(s.count)
                : tr("The server sent no WBEMServerResponseTime header");
        }
        return {};
    default:
        return {};
    }
}

QVariant StatisticsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    struct Header
    {
        const char *title;
        const char *pywbemField; // pywbem OperationStatistic attribute, for users who compare
    };
    static constexpr Header headers[ColumnCount] = {
        {QT_TR_NOOP("Operation"), "name"},
        {QT_TR_NOOP("Count"), "count"},
        {QT_TR_NOOP("Errors"), "exception_count"},
        {QT_TR_NOOP("Client avg (ms)"), "avg_time"},
        {QT_TR_NOOP("Client min (ms)"), "min_time"},
        {QT_TR_NOOP("Client max (ms)"), "max_time"},
        {QT_TR_NOOP("Server avg (ms)"), "avg_server_time"},
        {QT_TR_NOOP("Server min (ms)"), "min_server_time"},
        {QT_TR_NOOP("Server max (ms)"), "max_server_time"},
        {QT_TR_NOOP("Request avg (bytes)"), "avg_request_len"},
        {QT_TR_NOOP("Request min (bytes)"), "min_request_len"},
        {QT_TR_NOOP("Request max (bytes)"), "max_request_len"},
        {QT_TR_NOOP("Reply avg (bytes)"), "avg_reply_len"},
        {QT_TR_NOOP("Reply min (bytes)"), "min_reply_len"},
        {QT_TR_NOOP("Reply max (bytes)"), "max_reply_len"},
    };
    switch (role) {
    case Qt::DisplayRole:
        return tr(headers[section].title);
    case Qt::ToolTipRole:
        return tr("pywbem: %1").arg(QLatin1String(headers[section].pywbemField));
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(
            section == OperationColumn ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

} // namespace cimdiag
