// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/log/LogEntry.h"
#include "ui/logs/LogModel.h"

#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QThread;

namespace cimdiag {

class LogFilterProxy;

/// One live log: a row of controls (minimum severity, text filter, regular expression, Copy, Save…,
/// Follow) over a table of a LogModel's rows through its own LogFilterProxy, so several views (one
/// per channel) can share one model.
///
/// Built for a million rows: fixed row heights, no word wrap, no resize-to-contents, the filter
/// applied once typing pauses. Keyboard: Ctrl+F goes to the filter, Escape clears it, Ctrl+C in the
/// table copies the selected rows; Tab leaves the table instead of walking its cells.
class LogView final : public QWidget
{
    Q_OBJECT

public:
    explicit LogView(QWidget *parent = nullptr);
    ~LogView() override;
    Q_DISABLE_COPY_MOVE(LogView)

    /// model is not owned; it may be shared with other views.
    void setModel(LogModel *model);
    LogModel *model() const { return m_model; }
    LogFilterProxy *proxy() const { return m_proxy; }
    QTableView *tableView() const { return m_table; }

    /// std::nullopt: every channel.
    void setChannel(std::optional<LogChannel> channel);

    bool followTail() const;
    void setFollowTail(bool follow);

    /// The selected rows (full text), one tab-separated line each, in view order.
    QString selectedText() const;
    /// Writes the rows the view shows (every one of them, not only the visible part), one
    /// tab-separated line each as LogModel::exportLine() makes them, UTF-8. False with *error set
    /// when the file cannot be written; an existing file is replaced only on success (QSaveFile).
    bool saveTo(const QString &path, QString *error = nullptr) const;
    /// As saveTo(), without stalling the GUI thread: the rows shown now are taken from the event
    /// loop in slices of at most kSaveSliceMs and kSaveSliceRows (rows removed or filtered away meanwhile are taken
    /// before they go; rows arriving meanwhile are not saved), formatting and writing happen on a
    /// worker thread (a million lines take about a second), then saveFinished() is emitted.
    /// False, and nothing happens, while an earlier save is still running.
    bool saveInBackground(const QString &path);
    bool isSaving() const { return m_saveThread != nullptr || m_pendingSave != nullptr; }

    /// The longest the GUI thread copies rows for a save in one event-loop pass, and the most rows.
    static constexpr int kSaveSliceMs = 8;
    static constexpr int kSaveSliceRows = 20000;

    /// How long the text field waits after the last key before it filters (Return filters at once).
    static constexpr int kFilterDelayMs = 200;

public Q_SLOTS:
    void copySelection();
    /// Asks for a file and calls saveInBackground(); says so when writing fails.
    void save();
    void focusFilter();
    void clearFilter();

Q_SIGNALS:
    void followTailChanged(bool follow);
    void saveFinished(const QString &path, bool ok, const QString &error);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyTextFilter();
    void updateMetrics();
    void updateCountLabel();
    void scheduleScrollToBottom();
    /// The rows the view shows, in order (shares the texts with the model).
    std::vector<LogModel::Row> snapshot() const;
    static bool writeRows(const std::vector<LogModel::Row> &rows, const QString &path, QString *error);
    /// saveInBackground(): copies the next slice of the shown rows; when all are copied, hands them
    /// to the worker.
    void takeSaveSlice();
    /// Copies the pending save's rows before proxy row stop (exclusive) now, in order.
    void takeSaveRowsBefore(int stop);
    void startSaveWorker();
    struct PendingSave;

    LogModel *m_model = nullptr;
    LogFilterProxy *m_proxy = nullptr;
    QComboBox *m_severityCombo = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QCheckBox *m_regexCheck = nullptr;
    QPushButton *m_copyButton = nullptr;
    QPushButton *m_saveButton = nullptr;
    QCheckBox *m_followCheck = nullptr;
    QLabel *m_countLabel = nullptr;
    QTableView *m_table = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_clearFilterAction = nullptr;
    QTimer m_filterTimer;
    QThread *m_saveThread = nullptr;
    /// A save whose rows are still being copied (saveInBackground()).
    std::unique_ptr<PendingSave> m_pendingSave;
    QTimer m_saveSlicer;
    bool m_reportSaveError = false;
    bool m_scrollPending = false;
    bool m_programmaticScroll = false;
};

} // namespace cimdiag
