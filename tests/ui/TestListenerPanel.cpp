// SPDX-License-Identifier: GPL-3.0-or-later
// The wizard's indication listener panel against the in-process simulator: options into the target,
// address detection, a run with the listener stage and its live indications, clean-up of leftovers.
#include "core/diagnostics/DiagnosticRunner.h"
#include "core/diagnostics/ListenerCheckCleanup.h"
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimRepository.h"
#include "core/sim/SimScenarioHost.h"
#include "tests/ui/AccessibilityCheck.h"
#include "ui/listener/ListenerIndicationModel.h"
#include "ui/listener/ListenerPanel.h"
#include "ui/wizard/DiagnosisWizard.h"
#include "ui/wizard/RunPage.h"
#include "ui/wizard/TargetPage.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace cimdiag;
using namespace std::chrono_literals;

class TestListenerPanel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SimScenarioHost m_host;

    Target target() const
    {
        Target target;
        target.scheme = QStringLiteral("http");
        target.host = QStringLiteral("127.0.0.1");
        target.port = m_host.server()->httpPort();
        target.credentials = WbemCredentials::basic(QStringLiteral("cimuser"), QStringLiteral("cimpass"));
        target.timeout = 5000ms;
        target.listener.enabled = true;
        target.listener.wait = 5000ms;
        return target;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_STATE_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("state"))));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("config"))));
        qputenv("XDG_CACHE_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("cache"))));
        SimScenario scenario = *SimScenario::load(QStringLiteral("healthy"));
        scenario.indications.intervalMs = 0;
        QVERIFY2(m_host.start(scenario, {.https = false}), qPrintable(m_host.errorString()));
    }

    void optionsGoIntoTheTarget()
    {
        DiagnosisWizard wizard;
        ListenerPanel *panel = wizard.targetPage()->listenerPanel();
        QVERIFY(panel);
        QVERIFY(!wizard.targetPage()->target() || !wizard.targetPage()->target()->listener.enabled);
        wizard.targetPage()->setTarget(target());
        QVERIFY(panel->isChecked());
        panel->findChild<QSpinBox *>(QStringLiteral("listenerPortSpin"))->setValue(5000);
        panel->findChild<QComboBox *>(QStringLiteral("listenerAddressCombo"))
            ->setEditText(QStringLiteral("cimdiag-host"));
        const std::optional<Target> made = wizard.targetPage()->target();
        QVERIFY(made);
        QVERIFY(made->listener.enabled);
        QCOMPARE(made->listener.port, quint16(5000));
        QCOMPARE(made->listener.address, QStringLiteral("cimdiag-host"));
        // A name the server has to resolve: F3.
        QVERIFY(panel->warningsText().contains(QStringLiteral("[F3]")));
        const QStringList unnamed = AccessibilityCheck::unnamedInteractiveWidgets(panel);
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u'\n')));
    }

    void detectsTheLocalAddress()
    {
        DiagnosisWizard wizard;
        wizard.targetPage()->setTarget(target());
        ListenerPanel *panel = wizard.targetPage()->listenerPanel();
        QSignalSpy detected(panel, &ListenerPanel::detectionFinished);
        QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("listenerDetectButton")), Qt::LeftButton);
        QVERIFY(detected.wait(5000));
        QCOMPARE(wizard.targetPage()->target()->listener.address, QStringLiteral("127.0.0.1"));
        QVERIFY(panel->warningsText().isEmpty()); // loopback to a server on this machine is fine
    }

    void runShowsTheStageAndItsIndications()
    {
        DiagnosisWizard wizard;
        wizard.show();
        QSignalSpy finished(wizard.runPage(), &RunPage::runFinished);
        wizard.runWith(target());
        QCOMPARE(wizard.currentId(), int(DiagnosisWizard::RunPageId));
        QVERIFY(finished.wait(30000));
        auto *stages = wizard.runPage()->findChild<QTreeWidget *>(QStringLiteral("stageTable"));
        QCOMPARE(stages->topLevelItemCount(), 8);
        const QTreeWidgetItem *last = stages->topLevelItem(7);
        QCOMPARE(last->text(0), diagnosticStageTitle(DiagnosticStage::Listener));
        const CheckResult *result = wizard.runPage()->runner()->context().result(DiagnosticStage::Listener);
        QVERIFY(result);
        QCOMPARE(result->status, CheckStatus::Passed);
        auto *view = wizard.runPage()->findChild<QTableView *>(QStringLiteral("runListenerIndicationsView"));
        QVERIFY(view->isVisible());
        QVERIFY(view->model()->rowCount() >= 1);
        QCOMPARE(view->model()->index(0, ListenerIndicationModel::ClassColumn).data().toString(),
            QStringLiteral("CIM_AlertIndication"));
        QVERIFY(view->model()
                    ->index(0, ListenerIndicationModel::PropertiesColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("IndicationFilterName=\"cimdiag:")));
        QCOMPARE(AccessibilityCheck::unnamedInteractiveWidgets(wizard.runPage()), QStringList());
    }

    void httpsShowsTheRunTimeCertificate()
    {
        DiagnosisWizard wizard;
        wizard.show();
        ListenerPanel *panel = wizard.targetPage()->listenerPanel();
        Target https = target();
        https.listener.scheme = QStringLiteral("https");
        wizard.targetPage()->setTarget(https);
        auto *scheme = panel->findChild<QComboBox *>(QStringLiteral("listenerSchemeCombo"));
        QCOMPARE(scheme->currentText(), QStringLiteral("https"));
        QVERIFY(wizard.targetPage()->target()->listener.isHttps());
        QVERIFY2(
            panel->certificateText().contains(QStringLiteral("self-signed")), qPrintable(panel->certificateText()));
        QVERIFY(!panel->certificateText().contains(QStringLiteral("SHA-256")));
        QCOMPARE(AccessibilityCheck::unnamedInteractiveWidgets(panel), QStringList());

        QSignalSpy finished(wizard.runPage(), &RunPage::runFinished);
        wizard.runWith(https);
        QVERIFY(finished.wait(30000));
        const CheckResult *result = wizard.runPage()->runner()->context().result(DiagnosticStage::Listener);
        QVERIFY(result);
        QCOMPARE(result->status, CheckStatus::Passed);
        QCOMPARE(result->evidenceValue(u"listener.scheme"), QStringLiteral("https"));
        const QString fingerprint = result->evidenceValue(u"listener.certificateSha256");
        QCOMPARE(fingerprint.size(), 32 * 3 - 1);
        QVERIFY2(panel->certificateText().contains(fingerprint), qPrintable(panel->certificateText()));
        scheme->setCurrentIndex(0);
        QVERIFY(panel->certificateText().isEmpty());
    }

    void httpsCertificateFiles()
    {
        // The certificate and key choosers show only with https, and what they hold reaches the
        // target's listener options (and back).
        DiagnosisWizard wizard;
        wizard.show();
        ListenerPanel *panel = wizard.targetPage()->listenerPanel();
        wizard.targetPage()->setTarget(target());
        auto *scheme = panel->findChild<QComboBox *>(QStringLiteral("listenerSchemeCombo"));
        auto *certificateEdit = panel->findChild<QLineEdit *>(QStringLiteral("listenerCertificateFileEdit"));
        auto *keyEdit = panel->findChild<QLineEdit *>(QStringLiteral("listenerKeyFileEdit"));
        auto *certificateButton = panel->findChild<QPushButton *>(QStringLiteral("listenerCertificateFileButton"));
        auto *keyButton = panel->findChild<QPushButton *>(QStringLiteral("listenerKeyFileButton"));
        QVERIFY(certificateEdit && keyEdit && certificateButton && keyButton);
        QCOMPARE(scheme->currentText(), QStringLiteral("http"));
        QVERIFY(!certificateEdit->isVisible());
        QVERIFY(!keyButton->isVisible());

        scheme->setCurrentIndex(1);
        QVERIFY(certificateEdit->isVisible());
        QVERIFY(keyEdit->isVisible());
        QVERIFY(certificateButton->isVisible());
        QCOMPARE(wizard.targetPage()->target()->listener.certificateFile, QString());
        QTest::keyClicks(certificateEdit, QStringLiteral("/etc/cimdiag/listener.crt"));
        QTest::keyClicks(keyEdit, QStringLiteral("/etc/cimdiag/listener.key"));
        const ListenerCheckOptions options = wizard.targetPage()->target()->listener;
        QVERIFY(options.usesCertificateFile());
        QCOMPARE(options.certificateFile, QStringLiteral("/etc/cimdiag/listener.crt"));
        QCOMPARE(options.keyFile, QStringLiteral("/etc/cimdiag/listener.key"));
        QVERIFY2(panel->certificateText().contains(QStringLiteral("/etc/cimdiag/listener.crt")),
            qPrintable(panel->certificateText()));
        QCOMPARE(AccessibilityCheck::unnamedInteractiveWidgets(panel), QStringList());

        // http: hidden and not in the options; back to https: still there.
        scheme->setCurrentIndex(0);
        QVERIFY(!certificateEdit->isVisible());
        QCOMPARE(wizard.targetPage()->target()->listener.certificateFile, QString());
        QCOMPARE(wizard.targetPage()->target()->listener.keyFile, QString());
        scheme->setCurrentIndex(1);
        QCOMPARE(wizard.targetPage()->target()->listener.keyFile, QStringLiteral("/etc/cimdiag/listener.key"));

        // A target with files fills the fields.
        Target kept = target();
        kept.listener.scheme = QStringLiteral("https");
        kept.listener.certificateFile = QStringLiteral("/srv/other.pem");
        kept.listener.keyFile = QStringLiteral("/srv/other.key");
        wizard.targetPage()->setTarget(kept);
        QCOMPARE(certificateEdit->text(), QStringLiteral("/srv/other.pem"));
        QCOMPARE(keyEdit->text(), QStringLiteral("/srv/other.key"));
        QCOMPARE(wizard.targetPage()->target()->listener.certificateFile, kept.listener.certificateFile);
        QCOMPARE(wizard.targetPage()->target()->listener.keyFile, kept.listener.keyFile);
    }

    void cleanUpLeftovers()
    {
        SimRepository *repository = m_host.repository();
        CimInstance filter(QStringLiteral("CIM_IndicationFilter"));
        for (const auto &[name, value] :
            {std::pair {"Name", "cimdiag:crashed"}, std::pair {"CreationClassName", "CIM_IndicationFilter"},
                std::pair {"SystemCreationClassName", "CIM_ComputerSystem"}, std::pair {"SystemName", "sim"}})
            filter.setProperty(CimProperty(QString::fromLatin1(name), CimValue::string(QString::fromLatin1(value))));
        repository->setInstance(repository->interopNamespace(), filter);

        DiagnosisWizard wizard;
        wizard.targetPage()->setTarget(target());
        ListenerPanel *panel = wizard.targetPage()->listenerPanel();
        QSignalSpy done(panel, &ListenerPanel::cleanupFinished);
        QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("listenerCleanupButton")), Qt::LeftButton);
        QVERIFY(done.wait(10000));
        QVERIFY(done.constFirst().constFirst().toBool());
        QVERIFY2(panel->cleanupStatus().contains(QStringLiteral("Removed 1")), qPrintable(panel->cleanupStatus()));
        QVERIFY(repository->instances(repository->interopNamespace(), u"CIM_IndicationFilter").isEmpty());
    }
};

QTEST_MAIN(TestListenerPanel)
#include "TestListenerPanel.moc"
