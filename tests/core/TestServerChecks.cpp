// SPDX-License-Identifier: GPL-3.0-or-later
// The CIM-level stages (authentication, identity, sample enumerate) against the simulator over
// plain http, run alone through the runner: what each concludes from the server's behaviour.
#include "core/diagnostics/DiagnosticRunner.h"
#include "core/diagnostics/SampleEnumerateCheck.h"
#include "core/log/DiagnosticLog.h"
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimReceivedRequest.h"
#include "core/sim/SimScenarioHost.h"

#include <QSignalSpy>
#include <QTest>

using namespace cimdiag;

class TestServerChecks : public QObject
{
    Q_OBJECT

private:
    struct Outcome
    {
        DiagnosticRun run;
        QList<LogEntry> log;
        DiagnosticFindings findings;
    };

    static Outcome diagnose(const QString &scenarioName, const QString &user, const QString &password,
        const std::function<void(SimScenario &, Target &)> &adjust = {})
    {
        SimScenario scenario = *SimScenario::load(scenarioName);
        Target target = *Target::fromUrl(QStringLiteral("http://127.0.0.1"));
        if (!user.isEmpty())
            target.credentials = WbemCredentials::basic(user, password);
        target.timeout = std::chrono::milliseconds(5000);
        if (adjust)
            adjust(scenario, target);
        SimScenarioHost host;
        SimScenarioHost::Listen listen;
        listen.https = false;
        if (!host.start(scenario, listen))
            qFatal("simulator: %s", qPrintable(host.errorString()));
        target.port = host.server()->httpPort();
        DiagnosticLog log;
        DiagnosticRunner runner(target, &log);
        runner.setStages(
            {DiagnosticStage::Authentication, DiagnosticStage::ServerIdentity, DiagnosticStage::SampleEnumerate});
        QSignalSpy finished(&runner, &DiagnosticRunner::finished);
        runner.start();
        if (!finished.wait(30000))
            qFatal("the run did not finish");
        return {runner.run(), log.entries(), runner.context().findings()};
    }

    static const CheckResult &result(const Outcome &outcome, DiagnosticStage stage)
    {
        for (const CheckResult &item : outcome.run.results) {
            if (item.stage == stage)
                return item;
        }
        qFatal("no result");
    }

private Q_SLOTS:
    void healthyPassesAndDescribesTheServer()
    {
        const Outcome outcome
            = diagnose(QStringLiteral("healthy"), QStringLiteral("cimuser"), QStringLiteral("cimpass"));
        for (const CheckResult &item : outcome.run.results) {
            // Plain http: accepted credentials are a security warning (D20); everything else passes.
            const bool auth = item.stage == DiagnosticStage::Authentication;
            QVERIFY2(item.status == (auth ? CheckStatus::Warning : CheckStatus::Passed),
                qPrintable(item.summary + item.details.join(u'\n')));
            if (auth)
                QCOMPARE(item.hintIds, QStringList {QStringLiteral("D20")});
        }
        QCOMPARE(outcome.findings.interopNamespace, QStringLiteral("interop"));
        QVERIFY(outcome.findings.pullSupported.value_or(false));
        QVERIFY(!outcome.findings.objectManagerName.isEmpty());
        QVERIFY(outcome.findings.authenticationRequired);
        QCOMPARE(outcome.findings.realm, QStringLiteral("cimdiag-sim"));
        const CheckResult &enumerate = result(outcome, DiagnosticStage::SampleEnumerate);
        QVERIFY2(enumerate.summary.contains(QStringLiteral("CIM_ComputerSystem in root/cimv2")),
            qPrintable(enumerate.summary));
        QVERIFY(enumerate.evidenceValue(u"cim.instances").toInt() >= 1);
        // The data views get the instances and the class.
        QCOMPARE(outcome.findings.sampleInstances.size(), enumerate.evidenceValue(u"cim.instances").toInt());
        QCOMPARE(outcome.findings.sampleClass.className(), QStringLiteral("CIM_ComputerSystem"));
        QCOMPARE(outcome.findings.sampleNamespace, QStringLiteral("root/cimv2"));
        // ValueMap values are mapped in the described instances.
        QVERIFY2(enumerate.details.join(u'\n').contains(QStringLiteral("OperationalStatus={3 (Degraded)}")),
            qPrintable(enumerate.details.join(u'\n')));
        // The wire is in the log, with the password redacted.
        bool sawHttp = false;
        for (const LogEntry &entry : outcome.log) {
            QVERIFY(!entry.text.contains(QStringLiteral("cimpass")));
            sawHttp = sawHttp || (entry.channel == LogChannel::Http && entry.text.contains(QStringLiteral("POST")));
        }
        QVERIFY(sawHttp);
    }

    void verdicts_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("user");
        QTest::addColumn<int>("stage");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("hint");
        const int auth = int(DiagnosticStage::Authentication);
        const int identity = int(DiagnosticStage::ServerIdentity);
        const int enumerate = int(DiagnosticStage::SampleEnumerate);
        QTest::newRow("no auth D6") << "healthy-noauth"
                                    << "cimuser" << auth << int(CheckStatus::Warning) << "D6";
        QTest::newRow("wrong password D1") << "wrong-credentials"
                                           << "cimuser" << auth << int(CheckStatus::Failed) << "D1";
        QTest::newRow("no credentials D1") << "healthy"
                                           << "" << auth << int(CheckStatus::Failed) << "D1";
        QTest::newRow("lockdown root D3") << "lockdown"
                                          << "root" << auth << int(CheckStatus::Failed) << "D3";
        QTest::newRow("lockdown user D2") << "lockdown"
                                          << "cimuser" << auth << int(CheckStatus::Failed) << "D2";
        QTest::newRow("no pull E4") << "no-pull"
                                    << "cimuser" << identity << int(CheckStatus::Warning) << "E4";
        QTest::newRow("class missing E3") << "healthy"
                                          << "cimuser" << enumerate << int(CheckStatus::Failed) << "E3";
    }
    void verdicts()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, user);
        QFETCH(int, stage);
        QFETCH(int, status);
        QFETCH(QString, hint);
        const Outcome outcome = diagnose(scenario, user, QStringLiteral("cimpass"), [&](SimScenario &, Target &target) {
            if (QByteArray(QTest::currentDataTag()).contains("E3"))
                target.className = QStringLiteral("ACME_NoSuchClass");
        });
        const CheckResult &item = result(outcome, DiagnosticStage(stage));
        QVERIFY2(item.status == CheckStatus(status), qPrintable(checkStatusName(item.status) + u' ' + item.summary));
        QVERIFY2(item.hintIds.value(0) == hint, qPrintable(item.hintIds.join(u',') + u' ' + item.summary));
    }

    void interopNamespacesAreFoundInDsp1033Order_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("expected");
        QTest::newRow("pegasus") << "pegasus-interop"
                                 << "root/PG_InterOp";
        QTest::newRow("sfcb") << "sfcb-interop"
                              << "root/interop";
    }
    void interopNamespacesAreFoundInDsp1033Order()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, expected);
        const Outcome outcome = diagnose(scenario, QStringLiteral("cimuser"), QStringLiteral("cimpass"));
        QCOMPARE(outcome.findings.interopNamespace, expected);
        QCOMPARE(result(outcome, DiagnosticStage::ServerIdentity).status, CheckStatus::Passed);
    }

    void cancelDuringIdentityStartsNothingMore()
    {
        SimScenario scenario = *SimScenario::load(QStringLiteral("slow"));
        scenario.faultPlan.slowResponseMs = 400;
        SimScenarioHost host;
        SimScenarioHost::Listen listen;
        listen.https = false;
        QVERIFY(host.start(scenario, listen));
        Target target = *Target::fromUrl(QStringLiteral("http://127.0.0.1"));
        target.port = host.server()->httpPort();
        target.credentials = WbemCredentials::basic(QStringLiteral("cimuser"), QStringLiteral("cimpass"));
        DiagnosticRunner runner(target);
        runner.setStages(
            {DiagnosticStage::Authentication, DiagnosticStage::ServerIdentity, DiagnosticStage::SampleEnumerate});
        QSignalSpy started(&runner, &DiagnosticRunner::stageStarted);
        QSignalSpy finished(&runner, &DiagnosticRunner::finished);
        runner.start();
        QTRY_VERIFY_WITH_TIMEOUT(started.size() == 2, 10000); // identity is running
        QTest::qWait(100); // its interop probes are in flight
        runner.cancel();
        QCOMPARE(finished.size(), 1);
        const int requestsAtCancel = int(host.server()->receivedRequests().size());
        QTest::qWait(1000); // long enough for answers to the cancelled probes and any follow-up
        const DiagnosticRun run = runner.run();
        QCOMPARE(run.results.at(1).stage, DiagnosticStage::ServerIdentity);
        QCOMPARE(run.results.at(1).status, CheckStatus::Skipped);
        QCOMPARE(run.results.at(2).status, CheckStatus::Skipped);
        // Nothing new started after the cancel: the identity stage's second phase (CIM_ObjectManager,
        // profiles, the pull probe) never went out.
        for (const SimReceivedRequest &request : host.server()->receivedRequests().mid(requestsAtCancel)) {
            const QByteArray method = request.header("CIMMethod");
            QVERIFY2(method == "EnumerateInstanceNames", method.constData());
        }
    }

    void slowEnumerateIsE8()
    {
        const Outcome outcome = diagnose(QStringLiteral("slow"), QStringLiteral("cimuser"), QStringLiteral("cimpass"),
            [](SimScenario &scenario, Target &target) {
                scenario.faultPlan.slowResponseMs = 300;
                target.slowResponse = std::chrono::milliseconds(200);
            });
        const CheckResult &item = result(outcome, DiagnosticStage::SampleEnumerate);
        QCOMPARE(item.status, CheckStatus::Warning);
        QCOMPARE(item.hintIds, QStringList {QStringLiteral("E8")});
    }
};

QTEST_GUILESS_MAIN(TestServerChecks)
#include "TestServerChecks.moc"
