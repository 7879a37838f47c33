// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/InstanceTableView.h"

#include "ui/widgets/InstanceTableModel.h"

#include <QClipboard>
#include <QElapsedTimer>
#include <QEvent>
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
    // Row height from the font so 200% scaling does not clip text, but fixed (updateRowHeight()),
    // not ResizeToContents: that measures every cell of every row on each layout, which held the
    // GUI thread for over 2 s per layout with 20,000 instances (bench_gui_stall, issue #5). Cells
    // are one line (no word wrap), so the font's line height is all a row needs.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    // Column sizing measures this many rows, those on screen first (Qt's default is 1,000 rows x
    // every column, about 100 ms of text layout on the GUI thread).
    verticalHeader()->setResizeContentsPrecision(kSizingRows);
    updateRowHeight();
    m_sizer.setSingleShot(true);
    m_sizer.setInterval(0);
    connect(&m_sizer, &QTimer::timeout, this, &InstanceTableView::sizeQueuedColumns);
    // Rows arrive in slices (InstanceTableModel); a column first met in a later slice is sized
    // then, from the same bounded sample of rows.
    connect(
        m_proxy, &QAbstractItemModel::columnsInserted, this, [this](const QModelIndex &parent, int first, int last) {
            if (!parent.isValid())
                sizeColumns(first, last);
        });
}

InstanceTableView::~InstanceTableView() = default;

void InstanceTableView::setInstances(const QList<CimInstance> &instances, const CimClass &cls)
{
    // The model shows the first slice of rows now and the rest from the event loop: the columns
    // are sized from at most kSizingRows of them (those on screen first), all there already, the
    // first ones now and the rest in slices (sizeQueuedColumns()).
    m_sizingQueue.clear();
    m_sizer.stop();
    m_model->setInstances(instances, cls);
    sizeColumns(0, horizontalHeader()->count() - 1);
}

void InstanceTableView::sizeColumns(int first, int last)
{
    for (int column = first; column <= last; ++column)
        m_sizingQueue.append(m_model->propertyName(column));
    sizeQueuedColumns();
}

void InstanceTableView::sizeQueuedColumns()
{
    // Each cell measured is a text layout (with font fallback for CJK, tens of us each on a loaded
    // machine): 40 rows x 10 columns held the GUI thread about 50 ms in one piece with 20,000
    // instances (bench_gui_stall, issue #5), so columns are sized a few per event-loop pass.
    QElapsedTimer budget;
    budget.start();
    // A long string must not push everything else off screen; the tooltip has the whole value.
    const int limit = fontMetrics().averageCharWidth() * 40;
    while (!m_sizingQueue.isEmpty()) {
        const QString name = m_sizingQueue.takeFirst();
        for (int column = 0; column < m_model->columnCount(); ++column) {
            if (m_model->propertyName(column) == name) {
                resizeColumnToContents(column);
                setColumnWidth(column, std::min(columnWidth(column), limit));
                break;
            }
        }
        if (budget.elapsed() >= kSizingBudgetMs)
            break;
    }
    if (!m_sizingQueue.isEmpty())
        m_sizer.start();
}

void InstanceTableView::clear()
{
    m_sizingQueue.clear();
    m_sizer.stop();
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

void InstanceTableView::updateRowHeight()
{
    const QFontMetrics metrics = fontMetrics();
    verticalHeader()->setMinimumSectionSize(metrics.height());
    verticalHeader()->setDefaultSectionSize(metrics.height() + metrics.height() / 2);
}

void InstanceTableView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateRowHeight();
    QTableView::changeEvent(event);
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
