// SPDX-License-Identifier: GPL-3.0-or-later
// The runner's scheduling with scripted checks (no network): order, skip on a failed prerequisite,
// not-applicable stages, parallel start, the safety timeout, cancel, and the run's verdict.
#include "core/diagnostics/DiagnosticCheck.h"
#include "core/diagnostics/DiagnosticContext.h"
#include "core/diagnostics/DiagnosticRunner.h"
#include "core/log/DiagnosticLog.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace cimdiag;
using namespace std::chrono_literals;

namespace {

/// What a scripted stage does: finish with result after delay (never, when delay is negative).
struct Script
{
    QList<DiagnosticStage> prerequisites = {};
    CheckStatus status = CheckStatus::Passed;
    int delayMs = 0;
    QString notApplicable = {};
};

class ScriptedCheck final : public DiagnosticCheck
{
public:
    ScriptedCheck(DiagnosticStage stage, DiagnosticContext &context, Script script, QList<DiagnosticStage> *started,
        bool *cancelled)
        : DiagnosticCheck(stage, context, nullptr)
        , m_script(std::move(script))
        , m_started(started)
        , m_cancelled(cancelled)
    {
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this,
            [this] { finish(CheckResult::make(m_script.status, QStringLiteral("scripted"), {QStringLiteral("B2")})); });
    }
    QList<DiagnosticStage> prerequisites() const override { return m_script.prerequisites; }
    QString notApplicableReason() const override { return m_script.notApplicable; }

protected:
    void doStart() override
    {
        m_started->append(stage());
        // A finding that is appended to, as ServerIdentityCheck does with the namespaces: a re-run
        // must not see the first run's entries.
        if (stage() == DiagnosticStage::ServerIdentity)
            context().findings().namespaces.append(QStringLiteral("root/scripted"));
        if (m_script.delayMs >= 0)
            m_timer.start(m_script.delayMs);
    }
    void doCancel() override
    {
        m_timer.stop();
        *m_cancelled = true;
        // A cancelled probe reports back at once, as real ones do; the base must not take that
        // as the stage's result.
        finish(CheckResult::failed(QStringLiteral("probe cancelled")));
    }

private:
    Script m_script;
    QList<DiagnosticStage> *m_started;
    bool *m_cancelled;
    QTimer m_timer;
};

using S = DiagnosticStage;

} // namespace

class TestDiagnosticRunner : public QObject
{
    Q_OBJECT

private:
    QHash<DiagnosticStage, Script> m_scripts;
    QList<DiagnosticStage> m_started;
    bool m_cancelled = false;

    std::unique_ptr<DiagnosticRunner> makeRunner(DiagnosticLog *log = nullptr)
    {
        auto runner = std::make_unique<DiagnosticRunner>(*Target::fromUrl(QStringLiteral("https://127.0.0.1")), log);
        QList<DiagnosticStage> stages = m_scripts.keys();
        runner->setStages(stages);
        runner->setCheckFactory([this](DiagnosticStage stage, DiagnosticContext &context) {
            return std::make_unique<ScriptedCheck>(stage, context, m_scripts.value(stage), &m_started, &m_cancelled);
        });
        return runner;
    }

    static QList<CheckStatus> statuses(const DiagnosticRun &run)
    {
        QList<CheckStatus> result;
        for (const CheckResult &item : run.results)
            result.append(item.status);
        return result;
    }

private Q_SLOTS:
    void init()
    {
        m_scripts.clear();
        m_started.clear();
        m_cancelled = false;
    }

    void chainRunsInOrderAndPasses()
    {
        m_scripts = {{S::NameResolution, {}}, {S::Tcp, {{S::NameResolution}}}, {S::Tls, {{S::Tcp}}}};
        auto runner = makeRunner();
        QSignalSpy finished(runner.get(), &DiagnosticRunner::finished);
        QSignalSpy stageFinished(runner.get(), &DiagnosticRunner::stageFinished);
        runner->start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(m_started, (QList<DiagnosticStage> {S::NameResolution, S::Tcp, S::Tls}));
        QCOMPARE(stageFinished.size(), 3);
        const DiagnosticRun run = runner->run();
        QCOMPARE(statuses(run), (QList<CheckStatus> {CheckStatus::Passed, CheckStatus::Passed, CheckStatus::Passed}));
        QCOMPARE(run.overallStatus(), CheckStatus::Passed);
        QCOMPARE(run.exitCode(), 0);
        QVERIFY(run.hintIds().isEmpty()); // hints of passed stages do not count
    }

    void failedPrerequisiteSkipsDependantsAtOnce()
    {
        m_scripts = {{S::NameResolution, {}}, {S::Tcp, {{S::NameResolution}, CheckStatus::Failed}},
            {S::Tls, {{S::Tcp}}}, {S::Http, {{S::Tls}}}};
        auto runner = makeRunner();
        QSignalSpy finished(runner.get(), &DiagnosticRunner::finished);
        runner->start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(m_started, (QList<DiagnosticStage> {S::NameResolution, S::Tcp}));
        const DiagnosticRun run = runner->run();
        QCOMPARE(statuses(run),
            (QList<CheckStatus> {
                CheckStatus::Passed, CheckStatus::Failed, CheckStatus::Skipped, CheckStatus::Skipped}));
        QVERIFY(run.results.at(2).summary.contains(QStringLiteral("TCP reachability")));
        QVERIFY(run.results.at(3).summary.contains(QStringLiteral("TLS")));
        QCOMPARE(run.overallStatus(), CheckStatus::Failed);
        QCOMPARE(run.exitCode(), 2);
        QCOMPARE(run.hintIds(), QStringList {QStringLiteral("B2")});
    }

    void notApplicableStageLetsDependantsRun()
    {
        m_scripts = {{S::Tcp, {}}, {S::Tls, {{S::Tcp}, CheckStatus::Passed, 0, QStringLiteral("plain http")}},
            {S::Http, {{S::Tcp, S::Tls}, CheckStatus::Warning}}};
        auto runner = makeRunner();
        QSignalSpy finished(runner.get(), &DiagnosticRunner::finished);
        runner->start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(m_started, (QList<DiagnosticStage> {S::Tcp, S::Http}));
        const DiagnosticRun run = runner->run();
        QCOMPARE(statuses(run), (QList<CheckStatus> {CheckStatus::Passed, CheckStatus::Skipped, CheckStatus::Warning}));
        QCOMPARE(run.results.at(1).summary, QStringLiteral("plain http"));
        QCOMPARE(run.overallStatus(), CheckStatus::Warning);
        QCOMPARE(run.exitCode(), 1);
    }

    void independentStagesStartTogether()
    {
        // Tcp and Tls both need only NameResolution here: both start before either finishes.
        m_scripts = {{S::NameResolution, {}}, {S::Tcp, {{S::NameResolution}, CheckStatus::Passed, 200}},
            {S::Tls, {{S::NameResolution}, CheckStatus::Passed, 200}}};
        auto runner = makeRunner();
        QSignalSpy finished(runner.get(), &DiagnosticRunner::finished);
        QSignalSpy started(runner.get(), &DiagnosticRunner::stageStarted);
        QSignalSpy stageFinished(runner.get(), &DiagnosticRunner::stageFinished);
        runner->start();
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 3, 5000);
        QCOMPARE(stageFinished.size(), 1); // only NameResolution finished when both others run
        QVERIFY(finished.wait(5000));
    }

    void stageTimeoutAbortsTheCheck()
    {
        m_scripts = {{S::NameResolution, {{}, CheckStatus::Passed, -1}}, {S::Tcp, {{S::NameResolution}}}};
        auto runner = makeRunner();
        runner->setStageTimeout(300ms);
        QSignalSpy finished(runner.get(), &DiagnosticRunner::finished);
        runner->start();
        QVERIFY(finished.wait(5000));
        QVERIFY(m_cancelled);
        const DiagnosticRun run = runner->run();
        QCOMPARE(statuses(run), (QList<CheckStatus> {CheckStatus::Failed, CheckStatus::Skipped}));
        QVERIFY2(run.results.constFirst().summary.contains(QStringLiteral("did not finish within 0.3 s")),
            qPrintable(run.results.constFirst().summary));
    }

    void cancelStopsEverythingAndFinishesAtOnce()
    {
        m_scripts = {{S::NameResolution, {{}, CheckStatus::Passed, -1}}, {S::Tcp, {{S::NameResolution}}}};
        DiagnosticLog log;
        auto runner = makeRunner(&log);
        QSignalSpy finished(runner.get(), &DiagnosticRunner::finished);
        runner->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_started.size(), 1, 5000);
        runner->cancel();
        QCOMPARE(finished.size(), 1); // before cancel() returned
        QVERIFY(m_cancelled);
        const DiagnosticRun run = runner->run();
        QVERIFY(run.cancelled);
        QCOMPARE(statuses(run), (QList<CheckStatus> {CheckStatus::Skipped, CheckStatus::Skipped}));
        QCOMPARE(run.overallStatus(), CheckStatus::Skipped);
        QCOMPARE(run.exitCode(), 2);
        QVERIFY(!log.entries(LogChannel::Check).isEmpty());
        QTest::qWait(50);
        QCOMPARE(finished.size(), 1);
    }

    void rerunFixedStageRunsTheStagesItHeldUp()
    {
        m_scripts = {{S::NameResolution, {}}, {S::Tcp, {{S::NameResolution}, CheckStatus::Failed}},
            {S::Tls, {{S::Tcp}}}, {S::Http, {{S::Tls}}}};
        DiagnosticLog log;
        auto runner = makeRunner(&log);
        QVERIFY(!runner->canRerunStage(S::Tcp)); // not before the run finished
        QVERIFY(!runner->rerunStage(S::Tcp));
        QSignalSpy finished(runner.get(), &DiagnosticRunner::finished);
        runner->start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(statuses(runner->run()),
            (QList<CheckStatus> {
                CheckStatus::Passed, CheckStatus::Failed, CheckStatus::Skipped, CheckStatus::Skipped}));
        QVERIFY(runner->canRerunStage(S::NameResolution));
        QVERIFY(runner->canRerunStage(S::Tcp));
        QVERIFY(!runner->canRerunStage(S::Tls)); // its prerequisite failed: it would only be skipped
        QVERIFY(!runner->canRerunStage(S::ServerIdentity)); // not one of the run's stages
        QVERIFY(!runner->rerunStage(S::Tls));
        const QDateTime firstTcpStart = runner->run().results.at(1).startedAt;

        // The server was fixed: TCP passes now.
        m_scripts[S::Tcp].status = CheckStatus::Passed;
        m_started.clear();
        QSignalSpy started(runner.get(), &DiagnosticRunner::stageStarted);
        QSignalSpy stageFinished(runner.get(), &DiagnosticRunner::stageFinished);
        QVERIFY(runner->rerunStage(S::Tcp));
        QVERIFY(runner->isRunning());
        QVERIFY(!runner->isFinished());
        QVERIFY(!runner->rerunStage(S::Tcp)); // one at a time
        QCOMPARE(started.size(), 0); // queued, like start()
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.size(), 2);
        QVERIFY(runner->isFinished());
        QCOMPARE(m_started, (QList<DiagnosticStage> {S::Tcp, S::Tls, S::Http}));
        QCOMPARE(started.size(), 3);
        QCOMPARE(stageFinished.size(), 3);
        const DiagnosticRun run = runner->run();
        QCOMPARE(statuses(run),
            (QList<CheckStatus> {CheckStatus::Passed, CheckStatus::Passed, CheckStatus::Passed, CheckStatus::Passed}));
        QCOMPARE(run.results.size(), 4); // replaced, not added
        QVERIFY(run.results.at(1).startedAt >= firstTcpStart);
        QCOMPARE(run.overallStatus(), CheckStatus::Passed);
        bool logged = false;
        for (const LogEntry &entry : log.entries(LogChannel::Check))
            logged = logged || entry.text.contains(QStringLiteral("Re-running TCP"));
        QVERIFY(logged);
    }

    void rerunStillFailingSkipsAgain()
    {
        m_scripts = {{S::Tcp, {{}, CheckStatus::Failed}}, {S::Tls, {{S::Tcp}}}, {S::Http, {{S::Tls}}}};
        auto runner = makeRunner();
        QSignalSpy finished(runner.get(), &DiagnosticRunner::finished);
        runner->start();
        QVERIFY(finished.wait(5000));
        m_started.clear();
        QSignalSpy stageFinished(runner.get(), &DiagnosticRunner::stageFinished);
        QVERIFY(runner->rerunStage(S::Tcp));
        QVERIFY(finished.wait(5000));
        QCOMPARE(m_started, QList<DiagnosticStage> {S::Tcp});
        QCOMPARE(stageFinished.size(), 3); // the dependants are reported skipped again
        QCOMPARE(statuses(runner->run()),
            (QList<CheckStatus> {CheckStatus::Failed, CheckStatus::Skipped, CheckStatus::Skipped}));
    }

    void rerunPassedStageLeavesTheOthers()
    {
        m_scripts = {{S::Tcp, {}}, {S::ServerIdentity, {{S::Tcp}}}, {S::SampleEnumerate, {{S::ServerIdentity}}}};
        DiagnosticLog log;
        auto runner = makeRunner(&log);
        QSignalSpy finished(runner.get(), &DiagnosticRunner::finished);
        runner->start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(runner->context().findings().namespaces, QStringList {QStringLiteral("root/scripted")});
        m_started.clear();
        m_scripts[S::ServerIdentity].status = CheckStatus::Warning;
        // From a slot connected to finished(), as a UI might: the old check must survive the call.
        bool rerunAccepted = false;
        QObject context;
        connect(runner.get(), &DiagnosticRunner::finished, &context, [&] {
            disconnect(runner.get(), nullptr, &context, nullptr);
            rerunAccepted = runner->rerunStage(S::ServerIdentity);
        });
        QVERIFY(runner->rerunStage(S::Tcp));
        QTRY_VERIFY_WITH_TIMEOUT(rerunAccepted, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 5000); // the run, the Tcp re-run, this re-run
        QVERIFY(runner->isFinished());
        // Tcp passed both times, so nothing after it ran again; then only ServerIdentity re-ran.
        QCOMPARE(m_started, (QList<DiagnosticStage> {S::Tcp, S::ServerIdentity}));
        QCOMPARE(statuses(runner->run()),
            (QList<CheckStatus> {CheckStatus::Passed, CheckStatus::Warning, CheckStatus::Passed}));
        QCOMPARE(runner->context().findings().namespaces, QStringList {QStringLiteral("root/scripted")});
        QCOMPARE(runner->run().overallStatus(), CheckStatus::Warning);
    }

    void noRerunOfCancelledRunsOrNotApplicableStages()
    {
        m_scripts = {{S::Tcp, {{}, CheckStatus::Passed, -1}},
            {S::Tls, {{S::Tcp}, CheckStatus::Passed, 0, QStringLiteral("plain http")}}};
        auto runner = makeRunner();
        runner->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_started.size(), 1, 5000);
        runner->cancel();
        QVERIFY(runner->isFinished());
        QVERIFY(!runner->canRerunStage(S::Tcp));
        QVERIFY(!runner->rerunStage(S::Tcp));

        m_scripts = {{S::Tcp, {}}, {S::Tls, {{S::Tcp}, CheckStatus::Passed, 0, QStringLiteral("plain http")}}};
        auto second = makeRunner();
        QSignalSpy finished(second.get(), &DiagnosticRunner::finished);
        second->start();
        QVERIFY(finished.wait(5000));
        QVERIFY(second->canRerunStage(S::Tcp));
        QVERIFY(!second->canRerunStage(S::Tls));
    }

    void durationStaysPutAfterTheRun()
    {
        m_scripts = {{S::Tcp, {{}, CheckStatus::Passed, 20}}};
        auto runner = makeRunner();
        QSignalSpy finished(runner.get(), &DiagnosticRunner::finished);
        runner->start();
        QVERIFY(finished.wait(5000));
        const auto duration = runner->run().duration;
        QTest::qWait(30);
        QCOMPARE(runner->run().duration, duration);
    }

    void jsonHasTheDocumentedShape()
    {
        m_scripts = {{S::NameResolution, {}}, {S::Tcp, {{S::NameResolution}, CheckStatus::Failed}}};
        auto runner = makeRunner();
        QSignalSpy finished(runner.get(), &DiagnosticRunner::finished);
        runner->start();
        QVERIFY(finished.wait(5000));
        const QJsonObject json = runner->run().toJson();
        QCOMPARE(json.value(QStringLiteral("schema")).toString(), QStringLiteral("cimdiag-check/1"));
        QCOMPARE(json.value(QStringLiteral("overall")).toString(), QStringLiteral("failed"));
        QCOMPARE(json.value(QStringLiteral("exitCode")).toInt(), 2);
        QCOMPARE(json.value(QStringLiteral("target")).toObject().value(QStringLiteral("url")).toString(),
            QStringLiteral("https://127.0.0.1:5989"));
        const QJsonArray stages = json.value(QStringLiteral("stages")).toArray();
        QCOMPARE(stages.size(), 2);
        const QJsonObject tcp = stages.at(1).toObject();
        QCOMPARE(tcp.value(QStringLiteral("stage")).toString(), QStringLiteral("tcp"));
        QCOMPARE(tcp.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
        QCOMPARE(tcp.value(QStringLiteral("hints")).toArray().first().toString(), QStringLiteral("B2"));
        QVERIFY(tcp.contains(QStringLiteral("durationMs")));
    }
};

QTEST_GUILESS_MAIN(TestDiagnosticRunner)
#include "TestDiagnosticRunner.moc"
