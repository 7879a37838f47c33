// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/wizard/ResultsPage.h"

#include "core/diagnostics/DiagnosticRunner.h"
#include "core/diagnostics/HintCatalogue.h"
#include "core/log/DiagnosticLog.h"
#include "core/log/LogRedactor.h"
#include "core/report/DiagnosticReport.h"
#include "ui/export/ReportExporter.h"
#include "ui/widgets/CertificateChainView.h"
#include "ui/widgets/InstanceTableView.h"
#include "ui/widgets/StatisticsModel.h"
#include "ui/widgets/StatusColors.h"
#include "ui/wizard/DiagnosisWizard.h"
#include "ui/wizard/RunPage.h"
#include "ui/wizard/TargetPage.h"
#include "ui_ResultsPage.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QStandardPaths>

namespace cimdiag {

namespace {

bool needsAttention(const CheckResult &result)
{
    return result.status == CheckStatus::Failed || result.status == CheckStatus::Warning;
}

} // namespace

ResultsPage::ResultsPage(QWidget *parent)
    : QWizardPage(parent)
    , m_ui(std::make_unique<Ui::ResultsPage>())
    , m_statistics(new StatisticsModel(nullptr, this))
    , m_exporter(new ReportExporter(this))
{
    m_ui->setupUi(this);
    m_ui->statisticsTable->setModel(m_statistics);
    m_ui->pinBar->setVisible(false);
    m_ui->verdictLabel->setAccessibleName(tr("Verdict"));
    connect(m_ui->copySummaryButton, &QPushButton::clicked, this,
        [this] { QGuiApplication::clipboard()->setText(summaryText()); });
    connect(m_ui->certificateView, &CertificateChainView::pinRequested, this, &ResultsPage::onPinRequested);
    connect(m_ui->rerunButton, &QPushButton::clicked, this, &ResultsPage::rerunRequested);
    connect(m_ui->exportButton, &QPushButton::clicked, this, &ResultsPage::chooseExportFile);
    connect(m_exporter, &ReportExporter::finished, this, &ResultsPage::onExportFinished);
    m_ui->exportButton->setEnabled(false);
    m_ui->exportStatusLabel->setVisible(false);
    setFinalPage(true);
}

ResultsPage::~ResultsPage() = default;

CertificateChainView *ResultsPage::certificateView() const
{
    return m_ui->certificateView;
}

void ResultsPage::initializePage()
{
    auto *diagnosisWizard = qobject_cast<DiagnosisWizard *>(wizard());
    if (!diagnosisWizard)
        return;
    RunPage *runPage = diagnosisWizard->runPage();
    if (runPage->runner() && runPage->log())
        showRun(runPage->runner(), runPage->log()->redactor(), runPage->log());
}

void ResultsPage::cleanupPage()
{
    clear();
}

void ResultsPage::clear()
{
    m_run = {};
    m_report = {};
    m_hasReport = false;
    m_ui->exportButton->setEnabled(false);
    m_ui->exportStatusLabel->clear();
    m_ui->exportStatusLabel->setVisible(false);
    m_statistics->setStatistics(nullptr);
    m_ui->certificateView->clear();
    m_ui->instanceTable->clear();
    m_ui->findingsView->clear();
    m_ui->verdictLabel->clear();
    m_ui->pinBar->setVisible(false);
}

void ResultsPage::showRun(DiagnosticRunner *runner, const LogRedactor &redactor, const DiagnosticLog *log)
{
    clear();
    m_run = runner->run();
    // Built now, while the runner's findings and the log are at hand; the export only renders it.
    m_report = DiagnosticReport::fromRunner(*runner, log);
    m_hasReport = true;
    m_ui->exportButton->setEnabled(!m_exporter->isRunning());
    // The checks redact their results already; doing it again here keeps the page safe whatever
    // a future check forgets (the summary goes to the clipboard, and from there anywhere).
    for (CheckResult &result : m_run.results)
        result = result.redacted(redactor);

    const CheckStatus overall = m_run.overallStatus();
    QPalette verdictPalette = palette();
    if (overall == CheckStatus::Failed)
        verdictPalette.setColor(QPalette::WindowText, StatusColors::errorText(verdictPalette));
    else if (overall == CheckStatus::Warning)
        verdictPalette.setColor(QPalette::WindowText, StatusColors::warningText(verdictPalette));
    else if (overall == CheckStatus::Passed)
        verdictPalette.setColor(QPalette::WindowText, StatusColors::successText(verdictPalette));
    m_ui->verdictLabel->setPalette(verdictPalette);
    m_ui->verdictLabel->setText(tr("%1: %2").arg(m_run.target.displayUrl(), checkStatusTitle(overall)));
    m_ui->findingsView->setHtml(findingsHtml());

    const DiagnosticFindings &findings = runner->context().findings();
    const bool hasChain = findings.tls && !findings.tls->peerChain.isEmpty();
    if (hasChain)
        m_ui->certificateView->setResult(*findings.tls);
    m_ui->certificateView->setVisible(hasChain);
    m_ui->noCertificateLabel->setVisible(!hasChain);

    m_ui->instanceTable->setInstances(findings.sampleInstances, findings.sampleClass);
    m_ui->instancesLabel->setText(findings.sampleClassName.isEmpty()
            ? tr("No sample enumerate ran.")
            : tr("%n instance(s) of %1 in %2 (the first ones the server returned).", nullptr,
                int(findings.sampleInstances.size()))
                  .arg(findings.sampleClassName, findings.sampleNamespace));

    m_statistics->setStatistics(runner->context().statistics());
    m_statistics->refresh();
}

QString ResultsPage::findingsHtml() const
{
    const HintCatalogue &catalogue = HintCatalogue::instance();
    QString html;
    for (const CheckResult &result : m_run.results) {
        if (!needsAttention(result))
            continue;
        html += QStringLiteral("<h3>%1: %2</h3><p>%3</p>")
                    .arg(diagnosticStageTitle(result.stage).toHtmlEscaped(),
                        checkStatusTitle(result.status).toHtmlEscaped(), result.summary.toHtmlEscaped());
        for (const QString &line : result.details)
            html += QStringLiteral("<p>%1</p>").arg(line.toHtmlEscaped());
        if (!result.evidence.isEmpty()) {
            html += QStringLiteral("<p><b>%1</b></p><ul>").arg(tr("Evidence").toHtmlEscaped());
            for (const CheckEvidence &item : result.evidence)
                html += QStringLiteral("<li><code>%1</code>: <code>%2</code></li>")
                            .arg(item.name.toHtmlEscaped(), item.value.toHtmlEscaped());
            html += QStringLiteral("</ul>");
        }
        for (const QString &id : result.hintIds) {
            const std::optional<Hint> hint = catalogue.hint(id);
            if (!hint) {
                html += QStringLiteral("<p><b>%1</b></p>").arg(id.toHtmlEscaped());
                continue;
            }
            html += QStringLiteral("<p><b>%1 %2</b><br/>%3: %4<br/>%5: %6</p>")
                        .arg(hint->id.toHtmlEscaped(), hint->title.toHtmlEscaped(), tr("Cause").toHtmlEscaped(),
                            hint->cause.toHtmlEscaped(), tr("Remedy").toHtmlEscaped(), hint->remedy.toHtmlEscaped());
        }
    }
    if (html.isEmpty() && !m_run.results.isEmpty()) {
        html = QStringLiteral("<p>%1</p>")
                   .arg((m_run.cancelled ? tr("The run was cancelled before any stage failed.")
                                         : tr("Every stage that ran passed."))
                            .toHtmlEscaped());
    }
    return html;
}

QString ResultsPage::summaryText() const
{
    if (m_run.results.isEmpty())
        return {};
    const HintCatalogue &catalogue = HintCatalogue::instance();
    QStringList lines;
    lines << tr("cimdiag diagnosis of %1: %2").arg(m_run.target.displayUrl(), checkStatusTitle(m_run.overallStatus()));
    lines << tr("Started %1, took %2 ms%3")
                 .arg(m_run.startedAt.toString(Qt::ISODate))
                 .arg(m_run.duration.count())
                 .arg(m_run.cancelled ? tr(" (cancelled)") : QString());
    lines << QString();
    for (const CheckResult &result : m_run.results)
        lines << QStringLiteral("%1: %2 - %3")
                     .arg(diagnosticStageTitle(result.stage), checkStatusTitle(result.status), result.summary);
    for (const CheckResult &result : m_run.results) {
        if (!needsAttention(result))
            continue;
        lines << QString() << QStringLiteral("%1: %2").arg(diagnosticStageTitle(result.stage), result.summary);
        for (const CheckEvidence &item : result.evidence)
            lines << QStringLiteral("  %1: %2").arg(item.name, item.value);
        for (const QString &id : result.hintIds) {
            if (const std::optional<Hint> hint = catalogue.hint(id)) {
                lines << QStringLiteral("  [%1] %2").arg(hint->id, hint->title);
                lines << QStringLiteral("    %1: %2").arg(tr("Cause"), hint->cause);
                lines << QStringLiteral("    %1: %2").arg(tr("Remedy"), hint->remedy);
            } else {
                lines << QStringLiteral("  [%1]").arg(id);
            }
        }
    }
    return lines.join(u'\n') + u'\n';
}

bool ResultsPage::exportReport(const QString &path)
{
    if (!m_hasReport)
        return false;
    if (!m_exporter->exportTo(m_report, path)) {
        m_ui->exportStatusLabel->setText(m_exporter->errorString());
        m_ui->exportStatusLabel->setVisible(true);
        return false;
    }
    m_ui->exportButton->setEnabled(false);
    m_ui->exportStatusLabel->setText(tr("Writing the report to %1…").arg(QDir::toNativeSeparators(path)));
    m_ui->exportStatusLabel->setVisible(true);
    return true;
}

void ResultsPage::chooseExportFile()
{
    if (!m_hasReport)
        return;
    const QString directory = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested
        = QDir(directory).filePath(QStringLiteral("cimdiag-%1-%2.html")
                                       .arg(m_run.target.host.isEmpty() ? QStringLiteral("report") : m_run.target.host,
                                           m_run.startedAt.toLocalTime().toString(QStringLiteral("yyyyMMdd-HHmmss")))
                                       .replace(u':', u'-'));
    const QStringList filters = ReportExporter::nameFilters();
    QString selectedFilter = filters.constFirst();
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export report"), suggested, filters.join(QStringLiteral(";;")), &selectedFilter);
    if (path.isEmpty())
        return;
    // A name typed without a known extension gets the chosen filter's (GTK dialogs do not add it).
    const QString suffix = u'.' + QFileInfo(path).suffix().toLower();
    if (!ReportExporter::fileExtensions().contains(suffix))
        path += ReportExporter::extensionForFilter(selectedFilter);
    exportReport(path);
}

void ResultsPage::onExportFinished(const QString &path, const QString &error)
{
    m_ui->exportButton->setEnabled(m_hasReport);
    m_ui->exportStatusLabel->setText(
        error.isEmpty() ? tr("Report written to %1.").arg(QDir::toNativeSeparators(path)) : error);
    m_ui->exportStatusLabel->setVisible(true);
    Q_EMIT reportExported(path, error);
}

void ResultsPage::onPinRequested(const QString &sha256Fingerprint)
{
    auto *diagnosisWizard = qobject_cast<DiagnosisWizard *>(wizard());
    if (!diagnosisWizard)
        return;
    diagnosisWizard->targetPage()->setPin(sha256Fingerprint);
    m_ui->pinBarLabel->setText(
        tr("The target now trusts exactly this certificate (SHA-256 %1). Run the diagnosis again to check "
           "the connection with the pin.")
            .arg(sha256Fingerprint));
    m_ui->pinBar->setVisible(true);
    m_ui->rerunButton->setDefault(true);
    m_ui->rerunButton->setFocus();
}

} // namespace cimdiag
