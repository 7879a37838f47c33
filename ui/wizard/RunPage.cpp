// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/wizard/RunPage.h"

#include "core/diagnostics/DiagnosticRunner.h"
#include "core/log/DiagnosticLog.h"
#include "core/wbem/WbemConnection.h"
#include "core/wbem/WbemStatistics.h"
#include "ui/listener/ListenerIndicationModel.h"
#include "ui/listener/ListenerPanel.h"
#include "ui/widgets/StatusColors.h"
#include "ui/wizard/DiagnosisWizard.h"
#include "ui/wizard/TargetPage.h"
#include "ui_RunPage.h"

#include <QAction>
#include <QDateTime>
#include <QHeaderView>
#include <QStyle>
#include <QTableView>

namespace cimdiag {

namespace {

enum Column { StageColumn, StatusColumn, DurationColumn, SummaryColumn };
constexpr int kStageRole = Qt::UserRole;

QStyle::StandardPixmap statusIcon(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Pending:
        return QStyle::SP_MediaPause;
    case CheckStatus::Running:
        return QStyle::SP_BrowserReload;
    case CheckStatus::Passed:
        return QStyle::SP_DialogApplyButton;
    case CheckStatus::Warning:
        return QStyle::SP_MessageBoxWarning;
    case CheckStatus::Failed:
        return QStyle::SP_MessageBoxCritical;
    case CheckStatus::Skipped:
        return QStyle::SP_MediaSkipForward;
    }
    return QStyle::SP_MediaPause;
}

} // namespace

RunPage::RunPage(QWidget *parent)
    : QWizardPage(parent)
    , m_ui(std::make_unique<Ui::RunPage>())
{
    m_ui->setupUi(this);
    m_listenerView = new QTableView(this);
    m_listenerView->setObjectName(QStringLiteral("runListenerIndicationsView"));
    m_listenerView->setAccessibleName(tr("Indications received by the listener stage"));
    m_listenerView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_listenerView->horizontalHeader()->setStretchLastSection(true);
    m_listenerView->verticalHeader()->hide();
    m_listenerView->setVisible(false);
    m_ui->verticalLayout->addWidget(m_listenerView);
    m_ui->stageTable->header()->setSectionResizeMode(StageColumn, QHeaderView::ResizeToContents);
    m_ui->stageTable->header()->setSectionResizeMode(StatusColumn, QHeaderView::ResizeToContents);
    m_ui->stageTable->header()->setSectionResizeMode(DurationColumn, QHeaderView::ResizeToContents);
    m_ui->stageTable->header()->setStretchLastSection(true);
    m_ui->cancelRunButton->setEnabled(false);
    connect(m_ui->cancelRunButton, &QPushButton::clicked, this, &RunPage::cancelRun);

    m_rerunAction = new QAction(tr("&Re-run this stage"), m_ui->stageTable);
    m_rerunAction->setObjectName(QStringLiteral("rerunStageAction"));
    m_rerunAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_rerunAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_ui->stageTable->addAction(m_rerunAction);
    const auto rerunCurrent = [this] {
        if (const std::optional<DiagnosticStage> stage = currentStage())
            rerunStage(*stage);
    };
    connect(m_rerunAction, &QAction::triggered, this, rerunCurrent);
    connect(m_ui->rerunStageButton, &QPushButton::clicked, this, rerunCurrent);
    connect(m_ui->stageTable, &QTreeWidget::currentItemChanged, this, &RunPage::updateRerunAction);
    resetTable();
    updateRerunAction();
}

RunPage::~RunPage()
{
    // The views hold the log by pointer: detach before it goes.
    m_ui->logViews->setLog(nullptr);
    m_runner.reset();
}

QTreeWidgetItem *RunPage::item(DiagnosticStage stage) const
{
    for (int row = 0; row < m_ui->stageTable->topLevelItemCount(); ++row) {
        QTreeWidgetItem *candidate = m_ui->stageTable->topLevelItem(row);
        if (candidate->data(StageColumn, kStageRole).toInt() == int(stage))
            return candidate;
    }
    return nullptr;
}

std::optional<DiagnosticStage> RunPage::currentStage() const
{
    const QTreeWidgetItem *row = m_ui->stageTable->currentItem();
    if (!row)
        return std::nullopt;
    return DiagnosticStage(row->data(StageColumn, kStageRole).toInt());
}

bool RunPage::canRerunStage(DiagnosticStage stage) const
{
    return m_runner && m_runner->canRerunStage(stage);
}

void RunPage::updateRerunAction()
{
    const std::optional<DiagnosticStage> stage = currentStage();
    const bool enabled = stage && canRerunStage(*stage);
    m_rerunAction->setEnabled(enabled);
    m_ui->rerunStageButton->setEnabled(enabled);
    m_ui->rerunStageButton->setText(stage ? tr("&Re-run %1").arg(diagnosticStageTitle(*stage)) : tr("&Re-run stage"));
}

bool RunPage::rerunStage(DiagnosticStage stage)
{
    if (!m_runner || !m_runner->rerunStage(stage))
        return false;
    if (QTreeWidgetItem *row = item(stage)) {
        showStatus(row, CheckStatus::Pending);
        row->setText(DurationColumn, QString());
        row->setText(SummaryColumn, QString());
    }
    m_ui->runStatusLabel->setText(tr("Re-running %1…").arg(diagnosticStageTitle(stage)));
    m_ui->cancelRunButton->setEnabled(true);
    updateRerunAction();
    Q_EMIT completeChanged();
    return true;
}

void RunPage::resetTable()
{
    m_ui->stageTable->clear();
    // The run's stages: the opt-in listener stage shows only when the target enables it.
    for (const DiagnosticStage stage : m_runner ? m_runner->stages() : defaultDiagnosticStages()) {
        auto *row = new QTreeWidgetItem(m_ui->stageTable);
        row->setText(StageColumn, diagnosticStageTitle(stage));
        row->setData(StageColumn, kStageRole, int(stage));
        showStatus(row, CheckStatus::Pending);
    }
    m_ui->stageTable->setCurrentItem(m_ui->stageTable->topLevelItem(0));
    m_ui->timeline->clear();
}

void RunPage::showStatus(QTreeWidgetItem *row, CheckStatus status)
{
    // Text first, icon and colour as extras (colour is never the only signal: StatusColors).
    row->setText(StatusColumn, checkStatusTitle(status));
    row->setIcon(StatusColumn, style()->standardIcon(statusIcon(status)));
    row->setData(StatusColumn, Qt::UserRole, int(status));
}

bool RunPage::isRunning() const
{
    return m_runner && m_runner->isRunning();
}

void RunPage::initializePage()
{
    auto *diagnosisWizard = qobject_cast<DiagnosisWizard *>(wizard());
    if (!diagnosisWizard)
        return;
    if (const std::optional<Target> target = diagnosisWizard->targetPage()->target())
        startRun(*target);
}

void RunPage::cleanupPage()
{
    // Back to the target page: a run of input the user is about to change is no use.
    cancelRun();
}

bool RunPage::isComplete() const
{
    return m_runner && m_runner->isFinished();
}

void RunPage::startRun(const Target &target)
{
    if (m_runner) {
        m_runner->disconnect(this);
        m_runner->cancel();
    }
    m_ui->logViews->setLog(nullptr);
    m_runner.reset();

    m_log = std::make_unique<DiagnosticLog>();
    m_log->addSecrets(target.secrets());
    m_ui->logViews->setLog(m_log.get());
    m_runner = std::make_unique<DiagnosticRunner>(target, m_log.get());
    resetTable();
    setSubTitle(tr("Checking %1, stage by stage.").arg(target.displayUrl()));
    m_ui->runStatusLabel->setText(tr("Running…"));

    // The listener stage's live indications, in the target page's model, shown here while it runs.
    const bool listener = m_runner->stages().contains(DiagnosticStage::Listener);
    m_listenerView->setVisible(listener);
    if (auto *diagnosisWizard = qobject_cast<DiagnosisWizard *>(wizard())) {
        ListenerPanel *panel = diagnosisWizard->targetPage()->listenerPanel();
        panel->setRunner(listener ? m_runner.get() : nullptr);
        m_listenerView->setModel(panel->model());
    }
    connect(m_runner.get(), &DiagnosticRunner::stageStarted, this, &RunPage::onStageStarted);
    connect(m_runner.get(), &DiagnosticRunner::stageProgress, this, [this](DiagnosticStage stage, const QString &text) {
        if (QTreeWidgetItem *row = item(stage))
            row->setText(SummaryColumn, text);
    });
    connect(m_runner.get(), &DiagnosticRunner::stageFinished, this, &RunPage::onStageFinished);
    connect(m_runner.get(), &DiagnosticRunner::finished, this, &RunPage::onFinished);
    m_ui->cancelRunButton->setEnabled(true);
    m_ui->cancelRunButton->setDefault(true);
    m_runner->start();
    updateRerunAction();
    Q_EMIT completeChanged();
}

void RunPage::cancelRun()
{
    if (isRunning())
        m_runner->cancel();
}

void RunPage::onStageStarted(DiagnosticStage stage)
{
    if (QTreeWidgetItem *row = item(stage))
        showStatus(row, CheckStatus::Running);
    CheckResult running;
    running.stage = stage;
    running.status = CheckStatus::Running;
    running.startedAt = QDateTime::currentDateTimeUtc();
    m_ui->timeline->updateResult(running);
}

void RunPage::onStageFinished(const CheckResult &result)
{
    if (QTreeWidgetItem *row = item(result.stage)) {
        showStatus(row, result.status);
        row->setText(DurationColumn, tr("%1 ms").arg(result.duration.count()));
        row->setText(SummaryColumn, result.summary);
        row->setToolTip(SummaryColumn, result.summary);
    }
    m_ui->timeline->updateResult(result);
}

void RunPage::onFinished()
{
    const DiagnosticRun run = m_runner->run();
    m_ui->timeline->setRun(run);
    m_ui->cancelRunButton->setEnabled(false);
    m_ui->cancelRunButton->setDefault(false);
    updateRerunAction();
    m_ui->runStatusLabel->setText(run.cancelled ? tr("Cancelled after %1 ms.").arg(run.duration.count())
                                                : tr("Finished in %1 ms: %2. Press Next for the findings.")
                                                      .arg(run.duration.count())
                                                      .arg(checkStatusTitle(run.overallStatus())));
    Q_EMIT completeChanged();
    Q_EMIT runFinished();
    // Keyboard users continue with Enter: Next becomes the default button again.
    if (QWizard *w = wizard()) {
        if (QAbstractButton *next = w->button(QWizard::NextButton))
            next->setFocus();
    }
}

} // namespace cimdiag
