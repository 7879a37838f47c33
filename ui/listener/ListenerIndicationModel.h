// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/listener/ReceivedIndication.h"

#include <QAbstractTableModel>
#include <QList>

namespace cimdiag {

/// The indications a listener stage received, one row each: time, sender, class and the
/// non-null properties (MOF values). Rows are appended live (setIndications() with a longer list
/// appends only the new ones).
class ListenerIndicationModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListenerIndicationModel)

public:
    enum Column { TimeColumn, SenderColumn, ClassColumn, PropertiesColumn, ColumnCount };

    explicit ListenerIndicationModel(QObject *parent = nullptr);

    /// Replaces the rows; when indications extends the current list, only the new rows are inserted.
    void setIndications(const QList<ReceivedIndication> &indications);
    void clear();
    const QList<ReceivedIndication> &indications() const { return m_indications; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "Name=value, ..." of the indication's non-null properties.
    static QString propertiesText(const ReceivedIndication &indication);

private:
    QList<ReceivedIndication> m_indications;
};

} // namespace cimdiag
