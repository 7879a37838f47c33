// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/DemoSimulator.h"
#include "core/diagnostics/DiagnosticRunner.h"
#include "core/sim/SimScenario.h"
#include "ui/wizard/DiagnosisWizard.h"
#include "ui/wizard/ResultsPage.h"
#include "ui/wizard/RunPage.h"
#include "ui/wizard/TargetPage.h"

#include <QAbstractButton>
#include <QFileInfo>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace cimdiag;

/// The desktop app's demo launcher (app/gui/DemoSimulator.cpp, compiled into this test): the target
/// it hands over, prefilled into the wizard, diagnoses the scenario it started, in-process and as a
/// cimdiag-sim child process.
class TestDemoSimulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void legacyScenariosNeedTheirOwnProcess();
    void healthyInProcessPrefillsAPassingTarget();
    void weakKeyRunsAsProcess();
    void unknownScenarioFails();

private:
    /// Starts name and runs the wizard with the target it reports; the finished run.
    DiagnosticRun runDemo(DemoSimulator &demo, const QString &name);
};

DiagnosticRun TestDemoSimulator::runDemo(DemoSimulator &demo, const QString &name)
{
    QSignalSpy ready(&demo, &DemoSimulator::ready);
    QSignalSpy failed(&demo, &DemoSimulator::failed);
    demo.start(name);
    if (!ready.wait(20000)) {
        qWarning("demo %s not ready: %s", qPrintable(name),
            failed.isEmpty() ? "timeout" : qPrintable(failed.constFirst().constFirst().toString()));
        return {};
    }
    const auto target = ready.constFirst().constFirst().value<Target>();
    if (target.scheme != QLatin1String("https") || target.host != QLatin1String("127.0.0.1")
        || target.credentials.user != QLatin1String("cimuser") || !QFileInfo::exists(target.tls.caFile)) {
        qWarning("unexpected demo target %s", qPrintable(target.displayUrl()));
        return {};
    }

    DiagnosisWizard wizard;
    wizard.show();
    // The prefilled page must enable Next (Qt 6.4 pitfall with defaults given to required fields).
    wizard.startWith(target);
    QAbstractButton *next = wizard.button(QWizard::NextButton);
    if (!next->isEnabled())
        return {};
    QTest::mouseClick(next, Qt::LeftButton);
    if (!QTest::qWaitFor([&wizard] { return wizard.runPage()->isComplete(); }, 30000))
        return {};
    return wizard.runPage()->runner()->run();
}

void TestDemoSimulator::legacyScenariosNeedTheirOwnProcess()
{
    for (const QString &name : SimScenario::builtInNames()) {
        const std::optional<SimScenario> scenario = SimScenario::load(name);
        QVERIFY(scenario);
        const bool legacy = name == QLatin1String("tls-legacy") || name == QLatin1String("weak-key")
            || name == QLatin1String("cert-sha1") || name == QLatin1String("weak-dh");
        QVERIFY2(DemoSimulator::needsOwnProcess(*scenario) == legacy, qPrintable(name));
    }
}

void TestDemoSimulator::healthyInProcessPrefillsAPassingTarget()
{
    DemoSimulator demo;
    const DiagnosticRun run = runDemo(demo, QStringLiteral("healthy"));
    QCOMPARE(run.results.size(), defaultDiagnosticStages().size());
    QCOMPARE(run.overallStatus(), CheckStatus::Passed);
}

void TestDemoSimulator::weakKeyRunsAsProcess()
{
    QVERIFY2(!DemoSimulator::simulatorExecutable().isEmpty(), "cimdiag-sim not found ($CIMDIAG_SIM)");
    DemoSimulator demo;
    const DiagnosticRun run = runDemo(demo, QStringLiteral("weak-key"));
    QVERIFY(!run.results.isEmpty());
    // RSA-1024 (C5): the client's default security level refuses it.
    QVERIFY2(run.hintIds().contains(QStringLiteral("C5")), qPrintable(run.hintIds().join(u',')));
    QVERIFY(demo.isRunning());
    demo.stop();
    QVERIFY(!demo.isRunning());
}

void TestDemoSimulator::unknownScenarioFails()
{
    DemoSimulator demo;
    QSignalSpy failed(&demo, &DemoSimulator::failed);
    demo.start(QStringLiteral("no-such-scenario"));
    QVERIFY(failed.wait(5000));
    QVERIFY(!failed.constFirst().constFirst().toString().isEmpty());
    QVERIFY(!demo.isRunning());
}

QTEST_MAIN(TestDemoSimulator)
#include "TestDemoSimulator.moc"
