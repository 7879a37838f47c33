// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimClass.h"
#include "core/cim/CimInstance.h"
#include "core/cim/CimValueMapping.h"

#include <QAbstractTableModel>
#include <QList>
#include <QSet>
#include <QTimer>

#include <optional>

namespace cimdiag {

/// The sample enumerate's instances as a table: one row per instance, one column per property name
/// of any instance (case-insensitive union; key properties first, then in first-seen order).
/// Integer properties with ValueMap/Values qualifiers in the class show "2 (OK)", arrays
/// "{2 (OK), 3 (Degraded)}"; the tooltip shows the raw value as a MOF literal and the CIM type.
///
/// Rows arrive in slices: setInstances() shows the first slice at once and appends the rest from
/// the event loop, at most kSliceRows rows (and about kSliceBudgetMs of work) per pass, so 20,000
/// instances never hold the GUI thread in one piece (issue #5, bench_gui_stall). Columns met in a
/// later slice are inserted then (keys among the keys, others at the end).
class InstanceTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InstanceTableModel)

public:
    enum Role {
        /// The raw value as a MOF literal ("2", "{2, 3}", "\"text\"", "NULL").
        RawValueRole = Qt::UserRole,
        /// A value to sort by: numbers as numbers, everything else as the displayed text.
        SortRole,
    };
    /// At most this many rows join the table per event-loop pass.
    static constexpr int kSliceRows = 2000;
    /// A slice also ends once its own work took this long (a loaded machine).
    static constexpr int kSliceBudgetMs = 8;

    explicit InstanceTableModel(QObject *parent = nullptr);
    ~InstanceTableModel() override;

    /// Replaces the table. cls supplies the Key, ValueMap and Values qualifiers (it may be empty:
    /// then keys come from the instance paths and values show unmapped). Shows the first slice of
    /// rows before it returns; a load still in progress from an earlier call ends here.
    void setInstances(const QList<CimInstance> &instances, const CimClass &cls);
    void clear();
    /// True while rows of the last setInstances() are still to be appended.
    bool isLoading() const { return m_rows < m_instances.size(); }

    /// Every instance of the last setInstances(), also those not yet appended as rows.
    const QList<CimInstance> &instances() const { return m_instances; }
    const CimClass &cimClass() const { return m_class; }
    QString propertyName(int column) const;
    bool isKeyColumn(int column) const;
    /// The text shown for value in a column (ValueMap mapped when the class has one).
    QString displayText(int column, const CimValue &value) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /// Once per setInstances() when its last row is in the table (from setInstances() itself when
    /// every row fits in the first slice); not for a load that a later setInstances() cancelled.
    void loadingFinished();

private:
    struct Column
    {
        QString name;
        bool key = false;
        bool declared = false;
        std::optional<CimValueMapping> mapping;
    };

    /// The end of the next slice starting at m_rows, after noting its columns. With notify false
    /// (inside a model reset) columns are only appended and ordered keys first afterwards.
    qsizetype absorbSlice(bool notify);
    void noteName(const QString &name, bool inPath, bool notify);
    int findColumn(const QString &name) const;
    void loadNextSlice();

    CimValue valueAt(int row, int column) const;
    QString typeText(int column, const CimValue &value) const;

    QList<CimInstance> m_instances;
    CimClass m_class;
    QList<Column> m_columns;
    int m_keyColumns = 0;
    qsizetype m_rows = 0;
    /// Exact spellings already matched to a column, and those already seen in a path's keys: a
    /// hash lookup per property instead of a case-insensitive scan of every column.
    QSet<QString> m_spellings;
    QSet<QString> m_pathKeySpellings;
    QTimer m_loader;
};

} // namespace cimdiag
