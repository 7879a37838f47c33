// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/DiagnosticRunner.h"
#include "core/diagnostics/HintCatalogue.h"
#include "core/log/DiagnosticLog.h"
#include "core/net/CertificateFactory.h"
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimScenario.h"
#include "core/sim/SimScenarioHost.h"
#include "core/sim/SimSlpRequest.h"
#include "core/sim/SimSlpResponder.h"
#include "core/slp/SlpFunction.h"
#include "tests/ui/AccessibilityCheck.h"
#include "ui/discovery/SlpDiscoveryDialog.h"
#include "ui/logs/LogChannelViews.h"
#include "ui/logs/LogModel.h"
#include "ui/widgets/CertificateChainView.h"
#include "ui/widgets/InstanceTableView.h"
#include "ui/widgets/StageTimelineWidget.h"
#include "ui/wizard/DiagnosisWizard.h"
#include "ui/wizard/ResultsPage.h"
#include "ui/wizard/RunPage.h"
#include "ui/wizard/TargetPage.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QUdpSocket>

#include <memory>

using namespace cimdiag;

namespace {

/// The row of stage in the run page's table of a default run (SLP and the listener are opt-in).
int stageRow(cimdiag::DiagnosticStage stage)
{
    return int(cimdiag::defaultDiagnosticStages().indexOf(stage));
}

constexpr int kRunTimeoutMs = 30000;
const QString kPassword = QStringLiteral("cimpass");
} // namespace

/// The wizard end to end against the in-process simulator, driven like a user would: typing into
/// the target page, pressing Next, waiting (bounded) for the run page to complete, reading the
/// results page.
class TestDiagnosisWizard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void invalidUrlShowsErrorInline();
    void healthyPasses();
    void runWithStartsTheDiagnosis();
    void wrongCredentialsShowD1();
    void selfSignedShowsC7AndPins();
    void cancelMidRun();
    void rerunStageAfterTheServerCameUp();
    void discoveredServerFillsTheUrl();
    void slpStageRunsWhenChecked();
    void interactiveWidgetsAreNamed();
    void keyboardOnly();

private:
    /// Starts scenario in-process and writes its CA to a file; false on failure.
    bool startScenario(const QString &name);
    QUrl httpsUrl() const;
    /// Types the target into the target page (keyboard input, as a user would).
    void fillTarget(const QString &url, const QString &user, const QString &password, const QString &caFile);
    /// Presses Next on the target page and waits for the run page to complete.
    bool runToResults(int timeoutMs = kRunTimeoutMs);
    template<typename T> T *child(const char *name) const { return m_wizard->findChild<T *>(QLatin1String(name)); }
    /// Every text the log views hold and the copied summary: the password must be in none.
    void verifyPasswordNowhere(const QString &password);

    std::unique_ptr<SimScenarioHost> m_host;
    std::unique_ptr<DiagnosisWizard> m_wizard;
    QTemporaryDir m_dir;
    QString m_caFile;
};

bool TestDiagnosisWizard::startScenario(const QString &name)
{
    QString error;
    const std::optional<SimScenario> scenario = SimScenario::load(name, &error);
    if (!scenario) {
        qWarning("scenario %s: %s", qPrintable(name), qPrintable(error));
        return false;
    }
    m_host = std::make_unique<SimScenarioHost>();
    if (!m_host->start(*scenario)) {
        qWarning("scenario %s: %s", qPrintable(name), qPrintable(m_host->errorString()));
        return false;
    }
    m_caFile = m_dir.filePath(name + QStringLiteral("-ca.pem"));
    return m_host->certificateFactory()->writeCaCertificatePem(m_caFile, &error);
}

QUrl TestDiagnosisWizard::httpsUrl() const
{
    return m_host->server()->httpsUrl();
}

void TestDiagnosisWizard::init()
{
    m_wizard = std::make_unique<DiagnosisWizard>();
    m_wizard->resize(900, 700);
    m_wizard->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_wizard.get()));
}

void TestDiagnosisWizard::cleanup()
{
    m_wizard.reset();
    m_host.reset();
}

void TestDiagnosisWizard::fillTarget(
    const QString &url, const QString &user, const QString &password, const QString &caFile)
{
    auto *urlEdit = child<QLineEdit>("urlEdit");
    QVERIFY(urlEdit);
    urlEdit->setFocus();
    QTest::keyClicks(urlEdit, url);
    auto *mode = child<QComboBox>("credentialModeCombo");
    QVERIFY(mode);
    QCOMPARE(mode->currentIndex(), int(TargetPage::CredentialMode::Basic));
    QTest::keyClicks(child<QLineEdit>("userEdit"), user);
    QTest::keyClicks(child<QLineEdit>("passwordEdit"), password);
    QTest::keyClicks(child<QLineEdit>("caFileEdit"), caFile);
    auto *timeout = child<QDoubleSpinBox>("timeoutSpin");
    timeout->setValue(5.0);
}

bool TestDiagnosisWizard::runToResults(int timeoutMs)
{
    QAbstractButton *next = m_wizard->button(QWizard::NextButton);
    if (!next->isEnabled()) {
        qWarning("Next is disabled on the target page: %s", qPrintable(child<QLabel>("errorLabel")->text()));
        return false;
    }
    QTest::mouseClick(next, Qt::LeftButton);
    if (m_wizard->currentId() != DiagnosisWizard::RunPageId)
        return false;
    if (!QTest::qWaitFor([this] { return m_wizard->runPage()->isComplete(); }, timeoutMs))
        return false;
    if (!next->isEnabled())
        return false;
    QTest::mouseClick(next, Qt::LeftButton);
    return m_wizard->currentId() == DiagnosisWizard::ResultsPageId;
}

void TestDiagnosisWizard::verifyPasswordNowhere(const QString &password)
{
    LogModel *model = child<LogChannelViews>("logViews")->model();
    model->flush();
    QVERIFY(model->rowCount() > 0);
    for (int row = 0; row < model->rowCount(); ++row) {
        for (int column = 0; column < model->columnCount(); ++column) {
            const QModelIndex index = model->index(row, column);
            QVERIFY2(!index.data(Qt::DisplayRole).toString().contains(password), qPrintable(QString::number(row)));
            QVERIFY(!index.data(LogModel::FullTextRole).toString().contains(password));
        }
    }
    for (const LogEntry &entry : m_wizard->runPage()->log()->entries())
        QVERIFY(!entry.text.contains(password));
    QTest::mouseClick(child<QPushButton>("copySummaryButton"), Qt::LeftButton);
    const QString copied = QGuiApplication::clipboard()->text();
    QVERIFY(!copied.isEmpty());
    QVERIFY(!copied.contains(password));
    QVERIFY(!child<QTextBrowser>("findingsView")->toPlainText().contains(password));
}

void TestDiagnosisWizard::invalidUrlShowsErrorInline()
{
    auto *urlEdit = child<QLineEdit>("urlEdit");
    QTest::keyClicks(urlEdit, QStringLiteral("ftp://server"));
    auto *error = child<QLabel>("errorLabel");
    QVERIFY(error->isVisible());
    QVERIFY(!error->text().isEmpty());
    QVERIFY(!m_wizard->button(QWizard::NextButton)->isEnabled());
    urlEdit->clear();
    QTest::keyClicks(urlEdit, QStringLiteral("https://server:99999"));
    QVERIFY(error->isVisible());
    QVERIFY(!m_wizard->button(QWizard::NextButton)->isEnabled());

    urlEdit->clear();
    QTest::keyClicks(urlEdit, QStringLiteral("server.example.com"));
    QTest::keyClicks(child<QLineEdit>("userEdit"), QStringLiteral("u"));
    QVERIFY(!error->isVisible());
    QVERIFY(m_wizard->button(QWizard::NextButton)->isEnabled());
    const std::optional<Target> target = m_wizard->targetPage()->target();
    QVERIFY(target);
    QCOMPARE(target->port, quint16(5989));

    // A malformed pin is an inline error too.
    QTest::keyClicks(child<QLineEdit>("pinEdit"), QStringLiteral("AB:CD"));
    QVERIFY(error->isVisible());
    QVERIFY(!m_wizard->button(QWizard::NextButton)->isEnabled());
}

void TestDiagnosisWizard::healthyPasses()
{
    QVERIFY(startScenario(QStringLiteral("healthy")));
    fillTarget(httpsUrl().toString(), QStringLiteral("cimuser"), kPassword, m_caFile);
    QVERIFY(m_wizard->button(QWizard::NextButton)->isEnabled());
    QVERIFY(runToResults());

    // The run page's table showed every stage's final state.
    auto *stages = child<QTreeWidget>("stageTable");
    // SLP discovery and the listener stage run only when asked for: not listed.
    QCOMPARE(stages->topLevelItemCount(), int(defaultDiagnosticStages().size()));
    for (int row = 0; row < stages->topLevelItemCount(); ++row)
        QCOMPARE(stages->topLevelItem(row)->text(1), checkStatusTitle(CheckStatus::Passed));

    const DiagnosticRun &run = m_wizard->resultsPage()->run();
    QCOMPARE(run.overallStatus(), CheckStatus::Passed);
    QVERIFY(child<QLabel>("verdictLabel")->text().contains(checkStatusTitle(CheckStatus::Passed)));
    QVERIFY(child<InstanceTableView>("instanceTable")->model()->rowCount() > 0);
    QVERIFY(child<QAbstractItemView>("statisticsTable")->model()->rowCount() > 0);
    QVERIFY(!child<CertificateChainView>("certificateView")->result().peerChain.isEmpty());
    verifyPasswordNowhere(kPassword);
}

void TestDiagnosisWizard::runWithStartsTheDiagnosis()
{
    QVERIFY(startScenario(QStringLiteral("healthy")));
    std::optional<Target> target = Target::fromUrl(httpsUrl().toString());
    QVERIFY(target);
    target->tls.caFile = m_caFile;
    target->credentials = WbemCredentials::basic(QStringLiteral("cimuser"), kPassword);
    m_wizard->runWith(*target);
    QCOMPARE(m_wizard->currentId(), int(DiagnosisWizard::RunPageId));
    QVERIFY(QTest::qWaitFor([this] { return m_wizard->runPage()->isComplete(); }, kRunTimeoutMs));
    QTest::mouseClick(m_wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(m_wizard->resultsPage()->run().overallStatus(), CheckStatus::Passed);
}

void TestDiagnosisWizard::wrongCredentialsShowD1()
{
    QVERIFY(startScenario(QStringLiteral("wrong-credentials")));
    const QString password = QStringLiteral("not-the-password-42");
    fillTarget(httpsUrl().toString(), QStringLiteral("admin"), password, m_caFile);
    QVERIFY(runToResults());

    const DiagnosticRun &run = m_wizard->resultsPage()->run();
    QCOMPARE(run.overallStatus(), CheckStatus::Failed);
    QVERIFY(run.hintIds().contains(QStringLiteral("D1")));
    const QString findings = child<QTextBrowser>("findingsView")->toPlainText();
    const std::optional<Hint> d1 = HintCatalogue::instance().hint(QStringLiteral("D1"));
    QVERIFY(d1);
    QVERIFY(findings.contains(d1->title));
    QVERIFY(findings.contains(d1->remedy.simplified().left(40)));
    QVERIFY(m_wizard->resultsPage()->summaryText().contains(QStringLiteral("[D1]")));
    verifyPasswordNowhere(password);
}

void TestDiagnosisWizard::selfSignedShowsC7AndPins()
{
    QVERIFY(startScenario(QStringLiteral("cert-self-signed")));
    // No CA file: the system store does not know a self-signed certificate.
    fillTarget(httpsUrl().toString(), QStringLiteral("cimuser"), kPassword, QString());
    QVERIFY(runToResults());

    const DiagnosticRun &run = m_wizard->resultsPage()->run();
    QCOMPARE(run.overallStatus(), CheckStatus::Failed);
    QVERIFY(run.hintIds().contains(QStringLiteral("C7")));
    QVERIFY(child<QTextBrowser>("findingsView")->toPlainText().contains(QStringLiteral("C7")));

    auto *view = child<CertificateChainView>("certificateView");
    QVERIFY(!view->result().peerChain.isEmpty());
    auto *tabs = child<QTabWidget>("resultTabs");
    tabs->setCurrentWidget(child<QWidget>("certificateTab"));
    QVERIFY(view->isVisible());

    // The view's test hook stands in for the confirmation dialog.
    int asked = 0;
    view->setPinConfirmation([&asked](const TlsCertificateInfo &) {
        ++asked;
        return true;
    });
    view->setCurrentCertificate(0);
    QSignalSpy pinned(view, &CertificateChainView::pinRequested);
    view->requestPin();
    QCOMPARE(asked, 1);
    QCOMPARE(pinned.size(), 1);
    const QString fingerprint = pinned.constFirst().constFirst().toString();
    QCOMPARE(m_wizard->targetPage()->pin(), fingerprint);
    const std::optional<Target> target = m_wizard->targetPage()->target();
    QVERIFY(target);
    QCOMPARE(target->tls.pinnedDigest().toHex(':').toUpper(), fingerprint.toLatin1());
    auto *rerun = child<QPushButton>("rerunButton");
    QVERIFY(rerun->isVisible());

    // Re-run with the pin: the pinned certificate is accepted and the TLS stage no longer fails.
    QTest::mouseClick(rerun, Qt::LeftButton);
    QCOMPARE(m_wizard->currentId(), int(DiagnosisWizard::RunPageId));
    QVERIFY(QTest::qWaitFor([this] { return m_wizard->runPage()->isComplete(); }, kRunTimeoutMs));
    const DiagnosticRun second = m_wizard->runPage()->runner()->run();
    QVERIFY(!second.results.isEmpty());
    // The pin accepts the certificate: TLS warns (C7 stays, as a warning) and the CIM stages run.
    bool sawTls = false;
    bool sawAuthentication = false;
    for (const CheckResult &result : second.results) {
        if (result.stage == DiagnosticStage::Tls) {
            sawTls = true;
            QCOMPARE(result.status, CheckStatus::Warning);
        }
        if (result.stage == DiagnosticStage::Authentication) {
            sawAuthentication = true;
            QCOMPARE(result.status, CheckStatus::Passed);
        }
    }
    QVERIFY(sawTls && sawAuthentication);
    QCOMPARE(second.overallStatus(), CheckStatus::Warning);
}

void TestDiagnosisWizard::cancelMidRun()
{
    QVERIFY(startScenario(QStringLiteral("stall")));
    fillTarget(httpsUrl().toString(), QStringLiteral("cimuser"), kPassword, m_caFile);
    child<QDoubleSpinBox>("timeoutSpin")->setValue(120.0);
    QTest::mouseClick(m_wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(m_wizard->currentId(), int(DiagnosisWizard::RunPageId));
    QVERIFY(!m_wizard->runPage()->isComplete());
    QVERIFY(!m_wizard->button(QWizard::NextButton)->isEnabled());

    // Wait until the stalling server holds a stage (TCP connects, the next exchange hangs).
    DiagnosticRunner *runner = m_wizard->runPage()->runner();
    QVERIFY(QTest::qWaitFor(
        [runner] {
            for (const CheckResult &result : runner->run().results)
                if (result.stage == DiagnosticStage::Tcp && result.status == CheckStatus::Passed)
                    return true;
            return false;
        },
        10000));
    QTest::qWait(200);
    QVERIFY(m_wizard->runPage()->isRunning());

    QSignalSpy completed(m_wizard->runPage(), &QWizardPage::completeChanged);
    auto *cancel = child<QPushButton>("cancelRunButton");
    QVERIFY(cancel->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    // DiagnosticRunner::cancel() finishes before it returns: no wait needed.
    QVERIFY(m_wizard->runPage()->isComplete());
    QVERIFY(completed.size() >= 1);
    QVERIFY(m_wizard->button(QWizard::NextButton)->isEnabled());
    QVERIFY(!cancel->isEnabled());

    auto *stages = child<QTreeWidget>("stageTable");
    int skipped = 0;
    for (int row = 0; row < stages->topLevelItemCount(); ++row) {
        const QString status = stages->topLevelItem(row)->text(1);
        QVERIFY2(status != checkStatusTitle(CheckStatus::Running) && status != checkStatusTitle(CheckStatus::Pending),
            qPrintable(status));
        if (status == checkStatusTitle(CheckStatus::Skipped))
            ++skipped;
    }
    QVERIFY(skipped >= 1);
    const DiagnosticRun run = runner->run();
    QVERIFY(run.cancelled);
    QCOMPARE(run.results.last().status, CheckStatus::Skipped);

    QTest::mouseClick(m_wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(m_wizard->currentId(), int(DiagnosisWizard::ResultsPageId));
    QCOMPARE(m_wizard->resultsPage()->run().overallStatus(), CheckStatus::Skipped);
    verifyPasswordNowhere(kPassword);
}

void TestDiagnosisWizard::rerunStageAfterTheServerCameUp()
{
    // A port nothing listens on (yet): TCP fails and every stage after it is skipped.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    fillTarget(QStringLiteral("http://127.0.0.1:%1").arg(port), QStringLiteral("cimuser"), kPassword, QString());
    QTest::mouseClick(m_wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(m_wizard->currentId(), int(DiagnosisWizard::RunPageId));
    auto *rerunButton = child<QPushButton>("rerunStageButton");
    QVERIFY(!rerunButton->isEnabled()); // not while the run is under way
    QVERIFY(QTest::qWaitFor([this] { return m_wizard->runPage()->isComplete(); }, kRunTimeoutMs));

    auto *stages = child<QTreeWidget>("stageTable");
    const auto statusOf = [stages](DiagnosticStage stage) { return stages->topLevelItem(stageRow(stage))->text(1); };
    QCOMPARE(statusOf(DiagnosticStage::Tcp), checkStatusTitle(CheckStatus::Failed));
    for (const DiagnosticStage stage : {DiagnosticStage::Http, DiagnosticStage::Authentication,
             DiagnosticStage::ServerIdentity, DiagnosticStage::SampleEnumerate})
        QCOMPARE(statusOf(stage), checkStatusTitle(CheckStatus::Skipped));
    const QString skippedSummary = stages->topLevelItem(stageRow(DiagnosticStage::Http))->text(3);
    // Stages whose prerequisite failed, and TLS on http://, cannot be re-run on their own.
    stages->setCurrentItem(stages->topLevelItem(stageRow(DiagnosticStage::Http)));
    QVERIFY(!rerunButton->isEnabled());
    stages->setCurrentItem(stages->topLevelItem(stageRow(DiagnosticStage::Tls)));
    QVERIFY(!rerunButton->isEnabled());

    // The server comes up on that port; re-run TCP from the keyboard (Ctrl+R in the stage list).
    const std::optional<SimScenario> scenario = SimScenario::load(QStringLiteral("healthy"));
    QVERIFY(scenario);
    m_host = std::make_unique<SimScenarioHost>();
    SimScenarioHost::Listen listen;
    listen.httpPort = port;
    listen.https = false;
    QVERIFY2(m_host->start(*scenario, listen), qPrintable(m_host->errorString()));
    stages->setCurrentItem(stages->topLevelItem(stageRow(DiagnosticStage::Tcp)));
    QVERIFY(rerunButton->isEnabled());
    stages->setFocus();
    QTRY_VERIFY(stages->hasFocus());
    auto *timeline = child<StageTimelineWidget>("timeline");
    const int timelineRowsBefore = timeline->rowCount();
    QTest::keyClick(stages, Qt::Key_R, Qt::ControlModifier);
    QVERIFY(m_wizard->runPage()->isRunning());
    QVERIFY(!m_wizard->runPage()->isComplete());
    QVERIFY(!m_wizard->button(QWizard::NextButton)->isEnabled());
    QVERIFY(!rerunButton->isEnabled());
    QVERIFY(QTest::qWaitFor([this] { return m_wizard->runPage()->isComplete(); }, kRunTimeoutMs));

    // TCP's row is replaced, and the stages it held up ran.
    QCOMPARE(statusOf(DiagnosticStage::Tcp), checkStatusTitle(CheckStatus::Passed));
    QCOMPARE(statusOf(DiagnosticStage::Http), checkStatusTitle(CheckStatus::Passed));
    QVERIFY(stages->topLevelItem(stageRow(DiagnosticStage::Http))->text(3) != skippedSummary);
    // D20: Basic over http:// is a warning.
    QCOMPARE(statusOf(DiagnosticStage::Authentication), checkStatusTitle(CheckStatus::Warning));
    QCOMPARE(statusOf(DiagnosticStage::ServerIdentity), checkStatusTitle(CheckStatus::Passed));
    QCOMPARE(statusOf(DiagnosticStage::SampleEnumerate), checkStatusTitle(CheckStatus::Passed));
    QCOMPARE(statusOf(DiagnosticStage::Tls), checkStatusTitle(CheckStatus::Skipped)); // still not applicable
    QCOMPARE(timeline->rowCount(), timelineRowsBefore);
    for (int row = 0; row < timeline->rowCount(); ++row) {
        const CheckResult &result = timeline->resultAt(row);
        if (result.stage == DiagnosticStage::Tcp || result.stage == DiagnosticStage::SampleEnumerate) {
            QCOMPARE(result.status, CheckStatus::Passed);
            QVERIFY(!timeline->barRect(row).isEmpty());
        }
    }
    const DiagnosticRun run = m_wizard->runPage()->runner()->run();
    // Every stage has a result, SLP's a skip (it runs only when asked for).
    QCOMPARE(run.results.size(), qsizetype(defaultDiagnosticStages().size()));
    QCOMPARE(run.overallStatus(), CheckStatus::Warning);

    // The button re-runs the selected stage alone when it had not held anything up.
    stages->setCurrentItem(stages->topLevelItem(stageRow(DiagnosticStage::ServerIdentity)));
    QVERIFY(rerunButton->isEnabled());
    QSignalSpy finished(m_wizard->runPage(), &RunPage::runFinished);
    QSignalSpy stageStarted(m_wizard->runPage()->runner(), &DiagnosticRunner::stageStarted);
    QTest::mouseClick(rerunButton, Qt::LeftButton);
    QVERIFY(finished.wait(kRunTimeoutMs));
    QCOMPARE(stageStarted.size(), 1);
    QCOMPARE(stageStarted.constFirst().constFirst().value<DiagnosticStage>(), DiagnosticStage::ServerIdentity);
    QCOMPARE(statusOf(DiagnosticStage::ServerIdentity), checkStatusTitle(CheckStatus::Passed));

    // The findings page shows the re-run's results.
    QTest::mouseClick(m_wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(m_wizard->currentId(), int(DiagnosisWizard::ResultsPageId));
    QCOMPARE(m_wizard->resultsPage()->run().overallStatus(), CheckStatus::Warning);
    verifyPasswordNowhere(kPassword);
}

void TestDiagnosisWizard::discoveredServerFillsTheUrl()
{
    QVERIFY(startScenario(QStringLiteral("slp-advert")));
    // Nothing may leave the machine: the dialog's multicast goes to a closed loopback port (and its
    // box is turned off below); the simulator's agent is asked by unicast on 127.0.0.1.
    quint16 closedPort = 0;
    {
        QUdpSocket probe;
        QVERIFY(probe.bind(QHostAddress::LocalHost, 0));
        closedPort = probe.localPort();
    }
    SlpDiscovery::Options options;
    options.multicastGroup = QHostAddress(QHostAddress::LocalHost);
    options.multicastPort = closedPort;
    options.timeout = std::chrono::milliseconds(10000);
    TargetPage *page = m_wizard->targetPage();
    page->setDiscoveryOptions(options);
    QVERIFY(!page->discoveryDialog());
    QVERIFY(child<QLineEdit>("urlEdit")->text().isEmpty());

    // From the keyboard: the button follows the URL field in the tab order.
    auto *urlEdit = child<QLineEdit>("urlEdit");
    urlEdit->setFocus();
    QTRY_VERIFY(urlEdit->hasFocus());
    QTest::keyClick(urlEdit, Qt::Key_Tab);
    auto *discover = child<QPushButton>("discoverButton");
    QCOMPARE(QApplication::focusWidget(), discover);
    QTest::keyClick(discover, Qt::Key_Space);
    SlpDiscoveryDialog *dialog = page->discoveryDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->isModal());
    QVERIFY(!dialog->isSearching()); // nothing is sent before the user says where to look

    dialog->findChild<QLineEdit *>(QStringLiteral("slpHostEdit"))
        ->setText(QStringLiteral("127.0.0.1:%1").arg(m_host->slpResponder()->port()));
    dialog->findChild<QCheckBox *>(QStringLiteral("slpMulticastCheck"))->setChecked(false);
    QSignalSpy finished(dialog, &SlpDiscoveryDialog::searchFinished);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("slpSearchButton")), Qt::LeftButton);
    QVERIFY(finished.wait(kRunTimeoutMs));

    // The wizard is not blocked while the dialog is open: its fields still take input.
    QTest::keyClicks(child<QLineEdit>("userEdit"), QStringLiteral("cimuser"));
    QCOMPARE(child<QLineEdit>("userEdit")->text(), QStringLiteral("cimuser"));

    auto *list = dialog->findChild<QTreeWidget *>(QStringLiteral("slpServiceList"));
    QCOMPARE(list->topLevelItemCount(), 2); // the https and the http URL
    const QString wanted = httpsUrl().toString();
    QTreeWidgetItem *https = nullptr;
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        if (list->topLevelItem(i)->text(1) == wanted)
            https = list->topLevelItem(i);
    QVERIFY2(https, qPrintable(wanted));
    list->setCurrentItem(https);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("slpUseButton")), Qt::LeftButton);

    QVERIFY(!dialog->isVisible());
    QCOMPARE(urlEdit->text(), wanted);
    const std::optional<Target> target = page->target();
    QVERIFY(target);
    QCOMPARE(target->displayUrl(), wanted);
    QVERIFY(m_wizard->button(QWizard::NextButton)->isEnabled());

    // Opening it again shows the same dialog with the last search's list.
    QTest::mouseClick(discover, Qt::LeftButton);
    QCOMPARE(page->discoveryDialog(), dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(list->topLevelItemCount(), 2);
    const QStringList problems = AccessibilityCheck::unnamedInteractiveWidgets(dialog);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestDiagnosisWizard::slpStageRunsWhenChecked()
{
    QVERIFY(startScenario(QStringLiteral("slp-advert")));
    fillTarget(httpsUrl().toString(), QStringLiteral("cimuser"), kPassword, m_caFile);
    // Off by default, and so is the port beside it.
    auto *slpCheck = child<QCheckBox>("slpCheck");
    auto *slpPort = child<QSpinBox>("slpPortSpin");
    QVERIFY(!slpCheck->isChecked());
    QVERIFY(!slpPort->isEnabled());
    QVERIFY(!m_wizard->targetPage()->target()->slp);

    // Tab from the last text field to the box, Space ticks it, Tab to the port.
    child<QLineEdit>("classEdit")->setFocus();
    QTRY_VERIFY(child<QLineEdit>("classEdit")->hasFocus());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), slpCheck);
    QTest::keyClick(slpCheck, Qt::Key_Space);
    QVERIFY(slpCheck->isChecked());
    QVERIFY(slpPort->isEnabled());
    QTest::keyClick(slpCheck, Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), slpPort);
    // The simulator's agent listens on a free UDP port of 127.0.0.1: unicast only (a loopback target
    // and a port other than 427 turn the multicast query off).
    slpPort->setValue(m_host->slpResponder()->port());
    const std::optional<Target> target = m_wizard->targetPage()->target();
    QVERIFY(target);
    QVERIFY(target->slp);
    QCOMPARE(target->slpPort, m_host->slpResponder()->port());
    QVERIFY(!target->slpMulticastAllowed());

    QVERIFY(runToResults());
    auto *stages = child<QTreeWidget>("stageTable");
    const int slpRow = int(allDiagnosticStages().indexOf(DiagnosticStage::Slp));
    QVERIFY(slpRow >= 0);
    // The advert names the target: usable, and an answering SLP agent is an exposure [A10].
    QCOMPARE(stages->topLevelItem(slpRow)->text(1), checkStatusTitle(CheckStatus::Warning));
    const DiagnosticRun &run = m_wizard->resultsPage()->run();
    const auto slp = std::find_if(run.results.cbegin(), run.results.cend(),
        [](const CheckResult &result) { return result.stage == DiagnosticStage::Slp; });
    QVERIFY(slp != run.results.cend());
    QCOMPARE(slp->status, CheckStatus::Warning);
    QVERIFY(run.hintIds().contains(QStringLiteral("A10")));
    QVERIFY(!run.hintIds().contains(QStringLiteral("A7")));
    QVERIFY(child<QTextBrowser>("findingsView")->toPlainText().contains(QStringLiteral("A10")));
    // The CIM side of the scenario is healthy: SLP's warning is the worst.
    QCOMPARE(run.overallStatus(), CheckStatus::Warning);
    // What the simulator's agent received: the stage's service:wbem request, from loopback.
    const QList<SimSlpRequest> &requests = m_host->slpResponder()->requests();
    const auto srvRqst = std::find_if(requests.cbegin(), requests.cend(),
        [](const SimSlpRequest &request) { return request.message.header.function == SlpFunction::SrvRqst; });
    QVERIFY(srvRqst != requests.cend());
    QCOMPARE(srvRqst->message.serviceType, QStringLiteral("service:wbem"));
    QVERIFY(srvRqst->from.isLoopback());
}

void TestDiagnosisWizard::interactiveWidgetsAreNamed()
{
    const QStringList problems = AccessibilityCheck::unnamedInteractiveWidgets(m_wizard.get());
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestDiagnosisWizard::keyboardOnly()
{
    QVERIFY(startScenario(QStringLiteral("healthy")));
    // Type, Tab from field to field in the .ui's tab order, Enter for the default button.
    auto *urlEdit = child<QLineEdit>("urlEdit");
    urlEdit->setFocus();
    QTRY_VERIFY(urlEdit->hasFocus());
    QTest::keyClicks(urlEdit, httpsUrl().toString());
    const char *order[] = {"discoverButton", "credentialModeCombo", "userEdit", "passwordEdit", "caFileEdit"};
    for (const char *name : order) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QVERIFY2(QApplication::focusWidget() == child<QWidget>(name),
            qPrintable(
                QApplication::focusWidget()->objectName() + QStringLiteral(" instead of ") + QLatin1String(name)));
        if (qobject_cast<QLineEdit *>(QApplication::focusWidget())) {
            const QString text = QLatin1String(name) == QLatin1String("userEdit") ? QStringLiteral("cimuser")
                : QLatin1String(name) == QLatin1String("passwordEdit")            ? kPassword
                                                                                  : m_caFile;
            QTest::keyClicks(QApplication::focusWidget(), text);
        }
    }
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QCOMPARE(m_wizard->currentId(), int(DiagnosisWizard::RunPageId));
    QVERIFY(QTest::qWaitFor([this] { return m_wizard->runPage()->isComplete(); }, kRunTimeoutMs));
    // When the run finished, Next has the focus: Enter goes on to the findings.
    QTRY_VERIFY(QApplication::focusWidget() == m_wizard->button(QWizard::NextButton));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QCOMPARE(m_wizard->currentId(), int(DiagnosisWizard::ResultsPageId));
    QCOMPARE(m_wizard->resultsPage()->run().overallStatus(), CheckStatus::Passed);
}

QTEST_MAIN(TestDiagnosisWizard)
#include "TestDiagnosisWizard.moc"
