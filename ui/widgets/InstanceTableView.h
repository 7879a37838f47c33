// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimClass.h"
#include "core/cim/CimInstance.h"

#include <QStringList>
#include <QTableView>
#include <QTimer>

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
    /// How many rows column sizing measures: those on screen first, then their neighbours (Qt's
    /// resizeContentsPrecision). About a screenful: each cell is a text layout, 100 rows of 11
    /// columns held the GUI thread 45 ms under load (bench_gui_stall, issue #5).
    static constexpr int kSizingRows = 40;

    /// A column sized within this much time ends a sizing slice (at least one column per slice).
    static constexpr int kSizingBudgetMs = 6;

    void updateRowHeight();
    /// Queues these columns for sizing and sizes the first slice of the queue now.
    void sizeColumns(int first, int last);
    /// Sizes queued columns to their contents (a bounded sample of rows), at most 40 characters,
    /// until kSizingBudgetMs passed; the rest in the next event-loop pass.
    void sizeQueuedColumns();

    InstanceTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    /// Columns still to be sized, by property name (a later slice of rows may insert or move
    /// columns in between).
    QStringList m_sizingQueue;
    QTimer m_sizer;
};

} // namespace cimdiag
