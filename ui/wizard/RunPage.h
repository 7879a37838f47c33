// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/CheckResult.h"
#include "core/diagnostics/DiagnosticStage.h"
#include "core/diagnostics/Target.h"

#include <QWizardPage>

#include <memory>
#include <optional>

class QAction;
class QTableView;
class QTreeWidgetItem;

namespace Ui {
class RunPage;
}

namespace cimdiag {

class DiagnosticLog;
class DiagnosticRunner;

/// The wizard's second page: runs the diagnosis of the target page's Target and shows it live, one
/// row per stage (status in text and icon, duration, one-line summary), the stage timeline and the
/// log channels. The run is asynchronous (DiagnosticRunner on the GUI event loop): the page is not
/// complete until the runner finished, then it emits completeChanged(). Going Back cancels the run.
///
/// The page owns the runner and the log of the latest run; they stay valid until the next
/// startRun() (the results page reads them).
class RunPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunPage)

public:
    explicit RunPage(QWidget *parent = nullptr);
    ~RunPage() override;

    /// Starts a new run of target (cancelling and replacing the previous one).
    void startRun(const Target &target);
    /// Cancels the running diagnosis: unfinished stages end Skipped and the page completes.
    void cancelRun();
    /// Once the run finished: runs stage again, then the stages that were skipped because it had
    /// failed (DiagnosticRunner::rerunStage()). The rows and the timeline update live; the page is
    /// incomplete until it finished and runFinished() is emitted again. False when the stage cannot
    /// run again (the run is under way or was cancelled, or a prerequisite failed).
    bool rerunStage(DiagnosticStage stage);
    bool canRerunStage(DiagnosticStage stage) const;

    /// The latest run's runner and log; null before the first run.
    DiagnosticRunner *runner() const { return m_runner.get(); }
    DiagnosticLog *log() const { return m_log.get(); }
    bool isRunning() const;

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;

Q_SIGNALS:
    /// The run (or a stage's re-run) finished, also when cancelled; runner()->run() is complete.
    void runFinished();

private:
    QTreeWidgetItem *item(DiagnosticStage stage) const;
    void resetTable();
    void showStatus(QTreeWidgetItem *item, CheckStatus status);
    void onStageStarted(DiagnosticStage stage);
    void onStageFinished(const CheckResult &result);
    void onFinished();
    /// The stage of the table's current row, if any.
    std::optional<DiagnosticStage> currentStage() const;
    void updateRerunAction();

    const std::unique_ptr<Ui::RunPage> m_ui;
    // The log outlives the runner that writes to it (declared first, destroyed last).
    std::unique_ptr<DiagnosticLog> m_log;
    std::unique_ptr<DiagnosticRunner> m_runner;
    /// "Re-run stage" in the stage list's context menu, Ctrl+R while the list has focus.
    QAction *m_rerunAction = nullptr;
    /// The listener stage's received indications (the target page's ListenerIndicationModel).
    QTableView *m_listenerView = nullptr;
};

} // namespace cimdiag
