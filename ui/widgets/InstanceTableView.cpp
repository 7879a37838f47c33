// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/InstanceTableView.h"

#include "ui/widgets/InstanceTableModel.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QKeyEvent>
#include <QSortFilterProxyModel>

#include <algorithm>

namespace cimdiag {

InstanceTableView::InstanceTableView(QWidget *parent)
    : QTableView(parent)
    , m_model(new InstanceTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("instanceTable"));
    setAccessibleName(tr("Instances of the sample enumeration"));
    m_proxy->setObjectName(QStringLiteral("instanceSortModel"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(InstanceTableModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    setModel(m_proxy);
    setSortingEnabled(true);
    sortByColumn(-1, Qt::AscendingOrder); // keep the server's order until the user sorts
    setAlternatingRowColors(true);
    setSelectionBehavior(QAbstractItemView::SelectItems);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setTabKeyNavigation(false); // Tab leaves the table; arrows move between cells
    setWordWrap(false);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    horizontalHeader()->setHighlightSections(true);
    // Row height from the font so 200% scaling does not clip text.
    verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
}

InstanceTableView::~InstanceTableView() = default;

void InstanceTableView::setInstances(const QList<CimInstance> &instances, const CimClass &cls)
{
    m_model->setInstances(instances, cls);
    resizeColumnsToContents();
    // A long string must not push everything else off screen; the tooltip has the whole value.
    const int limit = fontMetrics().averageCharWidth() * 40;
    for (int column = 0; column < horizontalHeader()->count(); ++column)
        setColumnWidth(column, std::min(columnWidth(column), limit));
}

void InstanceTableView::clear()
{
    m_model->clear();
}

QString InstanceTableView::selectedText() const
{
    QModelIndexList indexes = selectionModel() ? selectionModel()->selectedIndexes() : QModelIndexList();
    if (indexes.isEmpty())
        return {};
    std::sort(indexes.begin(), indexes.end(), [](const QModelIndex &a, const QModelIndex &b) {
        return a.row() != b.row() ? a.row() < b.row() : a.column() < b.column();
    });
    QString text;
    int row = indexes.constFirst().row();
    int column = -1;
    for (const QModelIndex &index : std::as_const(indexes)) {
        if (index.row() != row) {
            text += u'\n';
            row = index.row();
            column = -1;
        }
        if (column >= 0)
            text += u'\t';
        column = index.column();
        text += index.data(Qt::DisplayRole).toString();
    }
    return text;
}

void InstanceTableView::keyPressEvent(QKeyEvent *event)
{
    if (event == QKeySequence::Copy) {
        if (QClipboard *clipboard = QGuiApplication::clipboard())
            clipboard->setText(selectedText());
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

void InstanceTableView::currentChanged(const QModelIndex &current, const QModelIndex &previous)
{
    QTableView::currentChanged(current, previous);
    // Hover is mouse-only: the current cell's raw value and type also reach screen readers.
    setAccessibleDescription(current.isValid() ? current.data(Qt::ToolTipRole).toString() : QString());
}

} // namespace cimdiag
