// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/wbem/WbemOperationStatistic.h"

#include <QAbstractTableModel>
#include <QList>

namespace cimdiag {

class WbemStatistics;

/// The session's operation statistics as pywbem keeps them, one row per operation name: count,
/// error count, client time avg/min/max, server time avg/min/max (only for replies that carried
/// WBEMServerResponseTime), request and reply size avg/min/max. Times in ms, sizes in bytes.
/// The model reads a snapshot: call refresh() after operations finished.
class StatisticsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatisticsModel)

public:
    enum Column {
        OperationColumn,
        CountColumn,
        ErrorCountColumn,
        ClientTimeAvgColumn,
        ClientTimeMinColumn,
        ClientTimeMaxColumn,
        ServerTimeAvgColumn,
        ServerTimeMinColumn,
        ServerTimeMaxColumn,
        RequestSizeAvgColumn,
        RequestSizeMinColumn,
        RequestSizeMaxColumn,
        ReplySizeAvgColumn,
        ReplySizeMinColumn,
        ReplySizeMaxColumn,
        ColumnCount
    };
    enum Role {
        /// The number behind a cell (ms as double, counts and bytes as qint64); invalid when empty.
        ValueRole = Qt::UserRole,
    };

    /// statistics may be null (an empty table); it must outlive the model or be replaced first.
    explicit StatisticsModel(const WbemStatistics *statistics = nullptr, QObject *parent = nullptr);
    ~StatisticsModel() override;

    void setStatistics(const WbemStatistics *statistics);
    const WbemStatistics *statistics() const { return m_statistics; }
    /// Re-reads WbemStatistics::snapshot(). Rows whose operation names stay keep their selection.
    void refresh();
    const QList<WbemOperationStatistic> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant value(const WbemOperationStatistic &s, int column) const;

    const WbemStatistics *m_statistics = nullptr;
    QList<WbemOperationStatistic> m_rows;
};

} // namespace cimdiag
