// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimClass.h"
#include "core/cim/CimInstance.h"

#include <QTableView>

class QSortFilterProxyModel;

namespace cimdiag {

class InstanceTableModel;

/// A sortable table of instances over its own InstanceTableModel. The raw value of a cell shows as
/// its tooltip on hover; for keyboard users Ctrl+C copies the selected cells (display text, tab
/// separated) and the current cell's raw value is its accessible description.
class InstanceTableView final : public QTableView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InstanceTableView)

public:
    explicit InstanceTableView(QWidget *parent = nullptr);
    ~InstanceTableView() override;

    void setInstances(const QList<CimInstance> &instances, const CimClass &cls);
    void clear();
    InstanceTableModel *instanceModel() const { return m_model; }
    /// The selected cells as text: rows by line, columns by tab (what Ctrl+C copies).
    QString selectedText() const;

protected:
    void changeEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void currentChanged(const QModelIndex &current, const QModelIndex &previous) override;

private:
    /// How many rows beyond those on screen resizeColumnsToContents() measures.
    static constexpr int kSizingRows = 100;

    void updateRowHeight();

    InstanceTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
};

} // namespace cimdiag
