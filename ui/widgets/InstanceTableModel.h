// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimClass.h"
#include "core/cim/CimInstance.h"
#include "core/cim/CimValueMapping.h"

#include <QAbstractTableModel>
#include <QList>

#include <optional>

namespace cimdiag {

/// The sample enumerate's instances as a table: one row per instance, one column per property name
/// of any instance (case-insensitive union; key properties first, then in first-seen order).
/// Integer properties with ValueMap/Values qualifiers in the class show "2 (OK)", arrays
/// "{2 (OK), 3 (Degraded)}"; the tooltip shows the raw value as a MOF literal and the CIM type.
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

    explicit InstanceTableModel(QObject *parent = nullptr);
    ~InstanceTableModel() override;

    /// Replaces the table. cls supplies the Key, ValueMap and Values qualifiers (it may be empty:
    /// then keys come from the instance paths and values show unmapped).
    void setInstances(const QList<CimInstance> &instances, const CimClass &cls);
    void clear();

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

private:
    struct Column
    {
        QString name;
        bool key = false;
        std::optional<CimValueMapping> mapping;
    };

    CimValue valueAt(int row, int column) const;
    QString typeText(int column, const CimValue &value) const;

    QList<CimInstance> m_instances;
    CimClass m_class;
    QList<Column> m_columns;
};

} // namespace cimdiag
