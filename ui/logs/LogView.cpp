// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/logs/LogView.h"

#include "ui/logs/LogFilterProxy.h"
#include "ui/logs/LogModel.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QElapsedTimer>
#include <QEvent>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QTableView>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>
#include <utility>

namespace cimdiag {

LogView::LogView(QWidget *parent)
    : QWidget(parent)
    , m_proxy(new LogFilterProxy(this))
{
    m_severityCombo = new QComboBox(this);
    m_severityCombo->setObjectName(QStringLiteral("severityCombo"));
    m_severityCombo->setAccessibleName(tr("Minimum severity"));
    m_severityCombo->addItem(tr("All severities"), int(LogSeverity::Debug));
    m_severityCombo->addItem(tr("Info and above"), int(LogSeverity::Info));
    m_severityCombo->addItem(tr("Warnings and errors"), int(LogSeverity::Warning));
    m_severityCombo->addItem(tr("Errors only"), int(LogSeverity::Error));

    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setObjectName(QStringLiteral("filterEdit"));
    m_filterEdit->setAccessibleName(tr("Filter text"));
    m_filterEdit->setPlaceholderText(tr("Filter (Ctrl+F)"));
    m_filterEdit->setClearButtonEnabled(true);

    m_regexCheck = new QCheckBox(tr("Regular e&xpression"), this);
    m_regexCheck->setObjectName(QStringLiteral("regexCheckBox"));
    m_regexCheck->setAccessibleName(tr("Filter is a regular expression"));

    m_copyButton = new QPushButton(tr("&Copy"), this);
    m_copyButton->setObjectName(QStringLiteral("copyButton"));
    m_copyButton->setAccessibleName(tr("Copy selected lines"));

    m_saveButton = new QPushButton(tr("&Save…"), this);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_saveButton->setAccessibleName(tr("Save shown lines to a file"));

    m_followCheck = new QCheckBox(tr("F&ollow"), this);
    m_followCheck->setObjectName(QStringLiteral("followCheckBox"));
    m_followCheck->setAccessibleName(tr("Follow the newest line"));
    m_followCheck->setChecked(true);

    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("logTable"));
    m_table->setAccessibleName(tr("Log lines"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Keyboard-only use: Tab moves to the next control, arrows move within the table.
    m_table->setTabKeyNavigation(false);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Uniform rows: the header never measures a row, so a million rows cost what a screenful does.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_severityCombo);
    controls->addWidget(m_filterEdit, 1);
    controls->addWidget(m_regexCheck);
    controls->addWidget(m_copyButton);
    controls->addWidget(m_saveButton);
    controls->addWidget(m_followCheck);
    controls->addWidget(m_countLabel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(m_table, 1);

    auto *findAction = new QAction(tr("Find"), this);
    findAction->setObjectName(QStringLiteral("findAction"));
    findAction->setShortcut(QKeySequence::Find);
    findAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(findAction);
    connect(findAction, &QAction::triggered, this, &LogView::focusFilter);

    // Enabled only while there is a filter, so Escape still closes a dialog the view sits in.
    m_clearFilterAction = new QAction(tr("Clear filter"), this);
    m_clearFilterAction->setObjectName(QStringLiteral("clearFilterAction"));
    m_clearFilterAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_clearFilterAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_clearFilterAction->setEnabled(false);
    addAction(m_clearFilterAction);
    connect(m_clearFilterAction, &QAction::triggered, this, &LogView::clearFilter);

    // On the table only: in the filter field Ctrl+C copies the field's selection, as everywhere.
    m_copyAction = new QAction(tr("Copy"), m_table);
    m_copyAction->setObjectName(QStringLiteral("copyAction"));
    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(m_copyAction);
    connect(m_copyAction, &QAction::triggered, this, &LogView::copySelection);

    m_filterTimer.setSingleShot(true);
    m_filterTimer.setInterval(kFilterDelayMs);
    connect(&m_filterTimer, &QTimer::timeout, this, &LogView::applyTextFilter);
    m_saveSlicer.setSingleShot(true);
    m_saveSlicer.setInterval(0);
    connect(&m_saveSlicer, &QTimer::timeout, this, &LogView::takeSaveSlice);
    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_clearFilterAction->setEnabled(!text.isEmpty());
        m_filterTimer.start();
    });
    connect(m_filterEdit, &QLineEdit::returnPressed, this, &LogView::applyTextFilter);
    connect(m_regexCheck, &QCheckBox::toggled, this, &LogView::applyTextFilter);
    connect(m_severityCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_programmaticScroll = true;
        m_proxy->setMinimumSeverity(LogSeverity(m_severityCombo->currentData().toInt()));
        m_programmaticScroll = false;
        if (followTail())
            scheduleScrollToBottom();
    });
    connect(m_copyButton, &QPushButton::clicked, this, &LogView::copySelection);
    connect(m_saveButton, &QPushButton::clicked, this, &LogView::save);
    connect(m_followCheck, &QCheckBox::toggled, this, [this](bool follow) {
        if (follow)
            scheduleScrollToBottom();
        Q_EMIT followTailChanged(follow);
    });

    // Scrolling away from the newest line stops following, scrolling back to it resumes; the view's
    // own scrolling (to the bottom, after a filter change) does not count.
    QScrollBar *bar = m_table->verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, [this, bar](int value) {
        if (!m_programmaticScroll)
            setFollowTail(value >= bar->maximum());
    });

    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] {
        if (followTail())
            scheduleScrollToBottom();
        updateCountLabel();
    });
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &LogView::updateCountLabel);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &LogView::updateCountLabel);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &LogView::updateCountLabel);
    // A filter over many rows is matched in slices (LogFilterProxy) and lands later, from the event
    // loop: the scroll bar moves then, and that is the view's doing, not the user's.
    connect(m_proxy, &QAbstractItemModel::layoutAboutToBeChanged, this, [this] { m_programmaticScroll = true; });
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, [this] { m_programmaticScroll = false; });
    connect(m_proxy, &LogFilterProxy::filteringFinished, this, [this] {
        updateCountLabel();
        if (followTail())
            scheduleScrollToBottom();
    });

    updateMetrics();
    updateCountLabel();
}

LogView::~LogView()
{
    // Destroying the children makes the scroll bar and the proxy emit; the lambdas above would then
    // run on a LogView that is already only a QWidget.
    m_table->verticalScrollBar()->disconnect(this);
    m_proxy->disconnect(this);
    m_pendingSave.reset(); // a save still copying rows is dropped
    // The worker holds only its snapshot, but it must not outlive its QThread object.
    if (m_saveThread != nullptr) {
        m_saveThread->wait();
        delete m_saveThread;
    }
}

void LogView::setModel(LogModel *model)
{
    m_model = model;
    m_proxy->setSourceModel(model);
    if (model != nullptr)
        model->setPalette(palette());
    updateMetrics();
    updateCountLabel();
    if (followTail())
        scheduleScrollToBottom();
}

void LogView::setChannel(std::optional<LogChannel> channel)
{
    m_programmaticScroll = true;
    m_proxy->setChannel(channel);
    m_programmaticScroll = false;
    updateCountLabel();
}

bool LogView::followTail() const
{
    return m_followCheck->isChecked();
}

void LogView::setFollowTail(bool follow)
{
    m_followCheck->setChecked(follow);
}

void LogView::applyTextFilter()
{
    m_filterTimer.stop();
    m_programmaticScroll = true;
    m_proxy->setTextFilter(m_filterEdit->text(), m_regexCheck->isChecked());
    m_programmaticScroll = false;
    updateCountLabel();
    if (followTail())
        scheduleScrollToBottom();
}

void LogView::focusFilter()
{
    m_filterEdit->setFocus(Qt::ShortcutFocusReason);
    m_filterEdit->selectAll();
}

void LogView::clearFilter()
{
    m_filterEdit->clear();
    applyTextFilter();
}

void LogView::scheduleScrollToBottom()
{
    // Once per event-loop pass, after the view has taken in the new rows (its layout is delayed).
    if (m_scrollPending)
        return;
    m_scrollPending = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_scrollPending = false;
            if (!followTail())
                return;
            m_programmaticScroll = true;
            m_table->scrollToBottom();
            m_programmaticScroll = false;
        },
        Qt::QueuedConnection);
}

void LogView::updateCountLabel()
{
    if (!m_proxy->isTextFilterValid()) {
        m_countLabel->setText(tr("Invalid regular expression"));
        return;
    }
    if (m_proxy->isFiltering()) {
        m_countLabel->setText(tr("Filtering…"));
        return;
    }
    const QLocale locale;
    const int shown = m_proxy->rowCount();
    const int total = m_model != nullptr ? m_model->rowCount() : 0;
    m_countLabel->setText(tr("%1 of %2 lines").arg(locale.toString(shown), locale.toString(total)));
}

void LogView::updateMetrics()
{
    // Everything from the font, nothing in pixels: holds at 200 % scaling and with large fonts.
    const QFontMetrics metrics = m_table->fontMetrics();
    m_table->verticalHeader()->setMinimumSectionSize(metrics.height());
    m_table->verticalHeader()->setDefaultSectionSize(metrics.height() + metrics.height() / 4);
    const int padding = metrics.horizontalAdvance(QLatin1Char('M'));
    m_table->setColumnWidth(LogModel::TimeColumn, metrics.horizontalAdvance(QStringLiteral("00:00:00.000")) + padding);
    int severityWidth = 0;
    for (const LogSeverity severity : {LogSeverity::Debug, LogSeverity::Info, LogSeverity::Warning, LogSeverity::Error})
        severityWidth = qMax(severityWidth, metrics.horizontalAdvance(LogModel::severityText(severity)));
    m_table->setColumnWidth(LogModel::SeverityColumn, severityWidth + padding);
    m_table->setColumnWidth(LogModel::SourceColumn, metrics.horizontalAdvance(QStringLiteral("listener")) + padding);
}

void LogView::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::PaletteChange:
        if (m_model != nullptr)
            m_model->setPalette(palette());
        break;
    case QEvent::FontChange:
    case QEvent::StyleChange:
        updateMetrics();
        break;
    default:
        break;
    }
    QWidget::changeEvent(event);
}

QString LogView::selectedText() const
{
    if (m_model == nullptr)
        return {};
    QList<int> rows;
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    rows.reserve(selected.size());
    for (const QModelIndex &index : selected)
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    QString text;
    for (const int row : rows)
        text += m_model->exportLine(m_proxy->sourceRow(row)) % u'\n';
    return text;
}

void LogView::copySelection()
{
    const QString text = selectedText();
    if (!text.isEmpty())
        QGuiApplication::clipboard()->setText(text);
}

std::vector<LogModel::Row> LogView::snapshot() const
{
    std::vector<LogModel::Row> rows;
    if (m_model == nullptr)
        return rows;
    const int count = m_proxy->rowCount();
    rows.reserve(size_t(count));
    for (int row = 0; row < count; ++row)
        rows.push_back(m_model->rowAt(m_proxy->sourceRow(row)));
    return rows;
}

bool LogView::writeRows(const std::vector<LogModel::Row> &rows, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error != nullptr)
            *error = file.errorString();
        return false;
    }
    // Written in chunks of about 1 MB: a million lines never sit in memory twice.
    constexpr qsizetype kChunk = 1 << 20;
    QByteArray chunk;
    chunk.reserve(kChunk + 4096);
    for (const LogModel::Row &row : rows) {
        chunk += LogModel::exportLine(row).toUtf8();
        chunk += '\n';
        if (chunk.size() >= kChunk) {
            file.write(chunk);
            chunk.clear();
        }
    }
    file.write(chunk);
    if (!file.commit()) {
        if (error != nullptr)
            *error = file.errorString();
        return false;
    }
    return true;
}

bool LogView::saveTo(const QString &path, QString *error) const
{
    return writeRows(snapshot(), path, error);
}

/// The rows of a save taken so far, and where the copy stands in the proxy's rows. The proxy may
/// change between slices (the model drops its oldest rows when full, new rows arrive, a filter
/// is applied); the connections keep next and end on the same rows.
struct LogView::PendingSave
{
    QString path;
    std::vector<LogModel::Row> rows;
    int next = 0; ///< the first proxy row not yet copied
    int end = 0; ///< the proxy row after the last one to save
    std::vector<QMetaObject::Connection> connections;
};

bool LogView::saveInBackground(const QString &path)
{
    if (isSaving())
        return false;
    m_pendingSave = std::make_unique<PendingSave>();
    PendingSave &save = *m_pendingSave;
    save.path = path;
    save.end = m_model == nullptr ? 0 : m_proxy->rowCount();
    save.rows.reserve(size_t(save.end));
    // Copying a million rows took 584 ms on the GUI thread in one go (bench_log_view, load 11,
    // issue #5): they are copied in slices; whatever would move or drop rows not yet copied first
    // has them copied at once, so the file holds exactly the rows shown when Save was pressed.
    save.connections.push_back(connect(m_proxy, &QAbstractItemModel::rowsAboutToBeRemoved, this,
        [this](const QModelIndex &parent, int first, int last) {
            if (parent.isValid() || !m_pendingSave)
                return;
            PendingSave &pending = *m_pendingSave;
            takeSaveRowsBefore(std::min(last + 1, pending.end));
            // Every removed row before next or end shifts them.
            pending.next -= std::max(0, std::min(pending.next, last + 1) - first);
            pending.end -= std::max(0, std::min(pending.end, last + 1) - first);
        }));
    // Rows that arrive after Save are appended after end and not saved. Rows put between (a filter
    // being applied) would shift the rest: everything not yet copied is copied first.
    save.connections.push_back(connect(
        m_proxy, &QAbstractItemModel::rowsAboutToBeInserted, this, [this](const QModelIndex &parent, int first, int) {
            if (!parent.isValid() && m_pendingSave && first < m_pendingSave->end)
                takeSaveRowsBefore(m_pendingSave->end);
        }));
    const auto takeAll = [this] {
        if (m_pendingSave)
            takeSaveRowsBefore(m_pendingSave->end);
    };
    // Once all are copied (next == end) nothing the proxy does matters to the save any more.
    save.connections.push_back(connect(m_proxy, &QAbstractItemModel::layoutAboutToBeChanged, this, takeAll));
    save.connections.push_back(connect(m_proxy, &QAbstractItemModel::modelAboutToBeReset, this, takeAll));
    save.connections.push_back(connect(m_proxy, &QAbstractItemModel::rowsAboutToBeMoved, this, takeAll));
    m_saveButton->setEnabled(false);
    takeSaveSlice();
    return true;
}

void LogView::takeSaveRowsBefore(int stop)
{
    PendingSave &save = *m_pendingSave;
    const auto *model = qobject_cast<const LogModel *>(m_proxy->sourceModel());
    if (model == nullptr) {
        save.next = save.end = 0;
        return;
    }
    // Each row shares its texts with the model (reference counts are atomic); the worker only reads.
    for (; save.next < stop; ++save.next)
        save.rows.push_back(model->rowAt(m_proxy->sourceRow(save.next)));
}

void LogView::takeSaveSlice()
{
    if (!m_pendingSave)
        return;
    PendingSave &save = *m_pendingSave;
    QElapsedTimer budget;
    budget.start();
    constexpr int kCheckRows = 1024; // the clock is read once per this many rows
    const int stop = std::min(save.end, save.next + kSaveSliceRows);
    while (save.next < stop && budget.elapsed() < kSaveSliceMs)
        takeSaveRowsBefore(std::min(stop, save.next + kCheckRows));
    if (save.next < save.end) {
        m_saveSlicer.start();
        return;
    }
    startSaveWorker();
}

void LogView::startSaveWorker()
{
    std::unique_ptr<PendingSave> save = std::move(m_pendingSave);
    for (const QMetaObject::Connection &connection : save->connections)
        disconnect(connection);
    struct Result
    {
        bool ok = false;
        QString error;
    };
    auto result = std::make_shared<Result>();
    const QString path = save->path;
    m_saveThread = QThread::create(
        [rows = std::move(save->rows), path, result] { result->ok = writeRows(rows, path, &result->error); });
    connect(m_saveThread, &QThread::finished, this, [this, path, result] {
        m_saveThread->deleteLater();
        m_saveThread = nullptr;
        m_saveButton->setEnabled(true);
        if (!result->ok && std::exchange(m_reportSaveError, false))
            QMessageBox::warning(this, tr("Save log"), tr("Could not save the log to %1: %2").arg(path, result->error));
        m_reportSaveError = false;
        Q_EMIT saveFinished(path, result->ok, result->error);
    });
    m_saveThread->start();
}

void LogView::save()
{
    if (isSaving())
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save log"), QStringLiteral("cimdiag.log"), tr("Log files (*.log *.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    m_reportSaveError = saveInBackground(path);
}

} // namespace cimdiag
