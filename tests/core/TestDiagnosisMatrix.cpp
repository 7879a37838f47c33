// SPDX-License-Identifier: GPL-3.0-or-later
// The diagnosis-accuracy matrix: every simulator fault scenario through the whole runner, over real
// sockets and real TLS on loopback. For each, the first stage that is not clean must be the one
// the fault lives in, with the expected status and catalogue id first among its hints; a healthy
// simulator must pass every stage.
#include "core/diagnostics/DiagnosticRunner.h"
#include "core/log/DiagnosticLog.h"
#include "core/net/CertificateFactory.h"
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimScenarioHost.h"
#include "core/sim/SimSlpResponder.h"
#include "tests/support/SimProcess.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace cimdiag;
using namespace std::chrono_literals;

namespace {

/// How the target is pointed at the simulator.
enum class Aim : quint8 {
    Https, ///< https to the https port, the simulator's CA trusted
    Http, ///< http to the http port
    HttpsToHttp, ///< https:// to the plaintext port (C1)
    HttpToHttps, ///< http:// to the TLS port (C2)
};

struct Row
{
    QString scenario;
    Aim aim = Aim::Https;
    QString user = {}; ///< empty: cimuser
    QString password = {}; ///< empty: cimpass
    /// The first stage that warns or fails; nullopt: every stage passes (or does not apply).
    std::optional<DiagnosticStage> stage = std::nullopt;
    CheckStatus status = CheckStatus::Passed;
    QString hint = {};
    std::chrono::milliseconds timeout = 5000ms;
    /// Serve from a cimdiag-sim child: legacy TLS and weak certificates need the server's OpenSSL
    /// security level lowered before OpenSSL starts (see SimProcess), which the test process must
    /// not do to its own client side.
    bool childProcess = false;
    /// Run the SLP stage too, asking the simulator's SLP responder by unicast (no multicast).
    bool slp = false;
    /// Run the opt-in listener stage (issue #6) with this wait; 0: not run.
    std::chrono::milliseconds listenerWait = 0ms;
    /// The listener address given (a name makes F3 the first suspect); empty: detected.
    QString listenerAddress = {};
    QString listenerScheme = QStringLiteral("http");
};

} // namespace

Q_DECLARE_METATYPE(Row)

class TestDiagnosisMatrix : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static QList<std::pair<const char *, Row>> rows()
    {
        QList<std::pair<const char *, Row>> list;
        using S = DiagnosticStage;
        const auto failed = CheckStatus::Failed;
        const auto warning = CheckStatus::Warning;
        auto add = [&list](const char *tag, Row row) { list.append({tag, std::move(row)}); };
        add("healthy https", {QStringLiteral("healthy")});
        // Over http:// the credentials cross the network readable: a security warning (D20).
        add("D20 healthy over http",
            {QStringLiteral("healthy"), Aim::Http, {}, {}, S::Authentication, warning, QStringLiteral("D20")});
        add("pegasus interop", {QStringLiteral("pegasus-interop")});
        add("sfcb interop", {QStringLiteral("sfcb-interop")});
        // B: reachability.
        add("B2 refused", {QStringLiteral("refuse"), Aim::Https, {}, {}, S::Tcp, failed, QStringLiteral("B2")});
        add("B3 filtered",
            {QStringLiteral("filtered"), Aim::Https, {}, {}, S::Tcp, failed, QStringLiteral("B3"), 1000ms});
        add("B5 reset after accept",
            {QStringLiteral("reset-after-accept"), Aim::Https, {}, {}, S::Tcp, failed, QStringLiteral("B5")});
        add("B6 stall", {QStringLiteral("stall"), Aim::Https, {}, {}, S::Http, failed, QStringLiteral("B6"), 1000ms});
        // C: TLS.
        add("C1 https to http port",
            {QStringLiteral("healthy"), Aim::HttpsToHttp, {}, {}, S::Tls, failed, QStringLiteral("C1")});
        add("C2 http to https port",
            {QStringLiteral("healthy"), Aim::HttpToHttps, {}, {}, S::Http, failed, QStringLiteral("C2")});
        add("C3 legacy TLS",
            {QStringLiteral("tls-legacy"), Aim::Https, {}, {}, S::Tls, failed, QStringLiteral("C3"), 5000ms, true});
        // A weak DH group: the legacy-protocols relaxation works too (it lowers the security level
        // as well), but with TLS 1.2, so this is C4 and not C3.
        add("C4 weak DH",
            {QStringLiteral("weak-dh"), Aim::Https, {}, {}, S::Tls, failed, QStringLiteral("C4"), 5000ms, true});
        add("C5 weak key",
            {QStringLiteral("weak-key"), Aim::Https, {}, {}, S::Tls, failed, QStringLiteral("C5"), 5000ms, true});
        add("C6 sha1",
            {QStringLiteral("cert-sha1"), Aim::Https, {}, {}, S::Tls, failed, QStringLiteral("C6"), 5000ms, true});
        add("C7 self-signed",
            {QStringLiteral("cert-self-signed"), Aim::Https, {}, {}, S::Tls, failed, QStringLiteral("C7")});
        add("C9 expired", {QStringLiteral("cert-expired"), Aim::Https, {}, {}, S::Tls, failed, QStringLiteral("C9")});
        add("C9 not yet valid",
            {QStringLiteral("cert-not-yet-valid"), Aim::Https, {}, {}, S::Tls, failed, QStringLiteral("C9")});
        add("C10 wrong host",
            {QStringLiteral("cert-wrong-host"), Aim::Https, {}, {}, S::Tls, failed, QStringLiteral("C10")});
        add("C13 client cert",
            {QStringLiteral("client-cert-required"), Aim::Https, {}, {}, S::Tls, failed, QStringLiteral("C13")});
        // D: HTTP and authentication.
        add("D1 wrong credentials",
            {QStringLiteral("wrong-credentials"), Aim::Https, {}, {}, S::Authentication, failed, QStringLiteral("D1")});
        add("D3 lockdown",
            {QStringLiteral("lockdown"), Aim::Https, QStringLiteral("root"), {}, S::Authentication, failed,
                QStringLiteral("D3")});
        add("D4 pegasus remote root",
            {QStringLiteral("pegasus-remote-root"), Aim::Https, QStringLiteral("root"), QStringLiteral("rootpass"),
                S::Authentication, failed, QStringLiteral("D4")});
        add("D5 negotiate only",
            {QStringLiteral("negotiate-only"), Aim::Https, {}, {}, S::Authentication, failed, QStringLiteral("D5")});
        add("D6 no authentication",
            {QStringLiteral("healthy-noauth"), Aim::Https, {}, {}, S::Authentication, warning, QStringLiteral("D6")});
        add("D9 forbidden", {QStringLiteral("forbidden"), Aim::Https, {}, {}, S::Http, failed, QStringLiteral("D9")});
        add("D10 expect", {QStringLiteral("expect-417"), Aim::Https, {}, {}, S::Http, warning, QStringLiteral("D10")});
        // The simulator, like a real CIMOM, authenticates before it parses: the request without
        // credentials draws a 401, and the CIMError shows once the credentials are accepted.
        add("D15 cimerror 400",
            {QStringLiteral("cimerror-400"), Aim::Https, {}, {}, S::Authentication, failed, QStringLiteral("D15")});
        add("D16 cimerror 501",
            {QStringLiteral("cimerror-501"), Aim::Https, {}, {}, S::Authentication, failed, QStringLiteral("D16")});
        add("D18 not a CIMOM",
            {QStringLiteral("non-cim-server"), Aim::Https, {}, {}, S::Http, failed, QStringLiteral("D18")});
        add("D19 unavailable",
            {QStringLiteral("unavailable"), Aim::Https, {}, {}, S::Http, failed, QStringLiteral("D19")});
        // E: CIM operations.
        add("E3 class missing",
            {QStringLiteral("class-missing"), Aim::Https, {}, {}, S::SampleEnumerate, failed, QStringLiteral("E3")});
        add("E4 no pull",
            {QStringLiteral("no-pull"), Aim::Https, {}, {}, S::ServerIdentity, warning, QStringLiteral("E4")});
        add("E5 old sfcb pull",
            {QStringLiteral("sfcb-old-pull"), Aim::Https, {}, {}, S::ServerIdentity, warning, QStringLiteral("E5")});
        add("E6 access denied",
            {QStringLiteral("access-denied"), Aim::Https, {}, {}, S::SampleEnumerate, failed, QStringLiteral("E6")});
        add("E7 empty provider",
            {QStringLiteral("empty-provider"), Aim::Https, {}, {}, S::SampleEnumerate, warning, QStringLiteral("E7")});
        add("E8 slow", {QStringLiteral("slow"), Aim::Https, {}, {}, S::SampleEnumerate, warning, QStringLiteral("E8")});
        add("E9 server limits",
            {QStringLiteral("server-limits"), Aim::Https, {}, {}, S::SampleEnumerate, failed, QStringLiteral("E9")});
        add("E6 interop denied",
            {QStringLiteral("cim-errors"), Aim::Https, {}, {}, S::ServerIdentity, warning, QStringLiteral("E6")});
        add("E12 invalid CIM-XML",
            {QStringLiteral("invalid-xml"), Aim::Https, {}, {}, S::Authentication, failed, QStringLiteral("E12")});
        // A: SLP, asked by unicast on loopback only. An answering agent is an exposure (A10); an
        // advert naming another address is A7 (192.0.2.10 is never contacted).
        add("A10 slp advert",
            {QStringLiteral("slp-advert"), Aim::Https, {}, {}, S::Slp, warning, QStringLiteral("A10"), 5000ms, false,
                true});
        add("A7 slp url mismatch",
            {QStringLiteral("slp-url-mismatch"), Aim::Https, {}, {}, S::Slp, warning, QStringLiteral("A7"), 5000ms,
                false, true});
        add("E11 closes mid-body",
            {QStringLiteral("close-mid-body"), Aim::Https, {}, {}, S::Authentication, failed, QStringLiteral("E11")});
        // F: indication delivery faults live on the server-to-listener path; the client-to-server
        // stages see a healthy server and all pass (the listener stage, still to come, tells them apart).
        add("F2 egress blocked, client side healthy", {QStringLiteral("indication-egress-blocked")});
        add("F3 destination unresolvable, client side healthy", {QStringLiteral("indication-unresolvable")});
        add("F6 subscription disabled, client side healthy", {QStringLiteral("indication-disabled")});
        add("slow delivery, client side healthy", {QStringLiteral("indication-slow")});
        add("F4 listener certificate verified, client side healthy", {QStringLiteral("indication-cert-rejected")});
        // The listener stage tells the delivery faults apart (plain http, the listener on loopback).
        const auto listener = [](QString scenario, std::optional<DiagnosticStage> stage, CheckStatus status,
                                  QString hint, std::chrono::milliseconds wait, QString address = {}) {
            Row row {std::move(scenario), Aim::Https, {}, {}, stage, status, std::move(hint)};
            row.listenerWait = wait;
            row.listenerAddress = std::move(address);
            return row;
        };
        add("listener delivered", listener(QStringLiteral("healthy"), std::nullopt, CheckStatus::Passed, {}, 5000ms));
        add("F2 listener egress blocked",
            listener(QStringLiteral("indication-egress-blocked"), S::Listener, failed, QStringLiteral("F2"), 1500ms));
        add("F3 listener name unresolvable",
            listener(QStringLiteral("indication-unresolvable"), S::Listener, failed, QStringLiteral("F3"), 1500ms,
                QStringLiteral("localhost")));
        add("F6 listener subscription disabled",
            listener(QStringLiteral("indication-disabled"), S::Listener, failed, QStringLiteral("F6"), 10000ms));
        Row rejected
            = listener(QStringLiteral("indication-cert-rejected"), S::Listener, failed, QStringLiteral("F4"), 10000ms);
        rejected.listenerScheme = QStringLiteral("https");
        add("F4 https listener certificate rejected", rejected);
        add("listener slow delivery",
            listener(QStringLiteral("indication-slow"), S::Listener, failed, QStringLiteral("F2"), 1000ms));
        return list;
    }

private Q_SLOTS:
    void everyScenarioIsInTheMatrix()
    {
        QStringList covered;
        for (const auto &[tag, row] : rows())
            covered.append(row.scenario);
        for (const QString &name : SimScenario::builtInNames())
            QVERIFY2(
                covered.contains(name), qPrintable(QStringLiteral("scenario %1 has no row in the matrix").arg(name)));
    }

    void matrix_data()
    {
        QTest::addColumn<Row>("row");
        for (const auto &[tag, row] : rows())
            QTest::newRow(tag) << row;
    }

    void matrix()
    {
        QFETCH(Row, row);
        QString error;
        std::optional<SimScenario> scenario = SimScenario::load(row.scenario, &error);
        QVERIFY2(scenario, qPrintable(error));
        // Keep the slow scenario quick: 300 ms per answer against a 200 ms slowness limit.
        scenario->faultPlan.slowResponseMs = 300;
        // Only the delivery on creation: the listener rows' verdicts do not hang on a timer.
        if (row.listenerWait > 0ms)
            scenario->indications.intervalMs = 0;
        const QString caFile = m_dir.filePath(row.scenario + QStringLiteral("-ca.pem"));
        SimScenarioHost host;
        SimProcess child;
        quint16 httpPort = 0;
        quint16 httpsPort = 0;
        if (row.childProcess) {
            QVERIFY2(child.start(row.scenario, caFile), qPrintable(child.errorString()));
            httpPort = quint16(child.httpUrl().port());
            httpsPort = quint16(child.httpsUrl().port());
        } else {
            QVERIFY2(host.start(*scenario), qPrintable(host.errorString()));
            QVERIFY(host.certificateFactory()->writeCaCertificatePem(caFile));
            httpPort = host.server()->httpPort();
            httpsPort = host.server()->httpsPort();
        }

        const bool https = row.aim == Aim::Https || row.aim == Aim::HttpsToHttp;
        const bool toHttpsPort = row.aim == Aim::Https || row.aim == Aim::HttpToHttps;
        Target target;
        target.scheme = https ? QStringLiteral("https") : QStringLiteral("http");
        target.host = QStringLiteral("127.0.0.1");
        target.port = toHttpsPort ? httpsPort : httpPort;
        QVERIFY(target.port != 0);
        target.tls.caFile = caFile;
        // An empty user or password in a row means the scenario's usual account.
        const QString user = row.user.isEmpty() ? QStringLiteral("cimuser") : row.user;
        const QString password = row.password.isEmpty() ? QStringLiteral("cimpass") : row.password;
        target.credentials = WbemCredentials::basic(user, password);
        target.timeout = row.timeout;
        target.slowResponse = 200ms;
        if (row.slp) {
            QVERIFY(host.slpResponder());
            target.slp = true;
            target.slpPort = host.slpResponder()->port();
            QVERIFY(!target.slpMulticastAllowed());
        }
        if (row.listenerWait > 0ms) {
            target.listener.enabled = true;
            target.listener.wait = row.listenerWait;
            target.listener.pollInterval = 200ms;
            target.listener.address = row.listenerAddress;
            target.listener.scheme = row.listenerScheme;
        }

        DiagnosticLog log;
        DiagnosticRunner runner(target, &log);
        QSignalSpy finished(&runner, &DiagnosticRunner::finished);
        runner.start();
        QVERIFY(finished.wait(60000));
        const DiagnosticRun run = runner.run();
        QCOMPARE(run.results.size(), runner.stages().size());

        QString trace;
        for (const CheckResult &result : run.results) {
            trace += QStringLiteral("\n  %1 %2 [%3] %4")
                         .arg(diagnosticStageId(result.stage), checkStatusName(result.status),
                             result.hintIds.join(u','), result.summary);
        }
        const CheckResult *first = nullptr;
        for (const CheckResult &result : run.results) {
            if (result.status == CheckStatus::Failed || result.status == CheckStatus::Warning) {
                first = &result;
                break;
            }
        }
        if (!row.stage) {
            QVERIFY2(!first, qPrintable(trace));
            QCOMPARE(run.exitCode(), 0);
            // The SLP stage does not apply unless asked for.
            for (const CheckResult &result : run.results)
                QVERIFY2(result.status == CheckStatus::Passed
                        || (result.stage == DiagnosticStage::Slp && result.status == CheckStatus::Skipped),
                    qPrintable(trace));
            return;
        }
        QVERIFY2(first, qPrintable(QStringLiteral("nothing failed:") + trace));
        QVERIFY2(first->stage == *row.stage, qPrintable(trace));
        QVERIFY2(first->status == row.status, qPrintable(trace));
        QVERIFY2(first->hintIds.value(0) == row.hint, qPrintable(trace));
        QCOMPARE(run.exitCode(), row.status == CheckStatus::Failed ? 2 : 1);
        // SLP findings never stop the CIM stages: after a SLP warning every other stage passes.
        if (*row.stage == DiagnosticStage::Slp) {
            for (const CheckResult &result : run.results) {
                if (result.stage != DiagnosticStage::Slp)
                    QVERIFY2(result.status == CheckStatus::Passed, qPrintable(trace));
            }
            QVERIFY(!runner.context().findings().slpServices.isEmpty());
        }
        // A failed stage skips every stage after it that needs it (no stage needs SLP).
        if (row.status == CheckStatus::Failed && *row.stage != DiagnosticStage::Slp) {
            for (const CheckResult &result : run.results) {
                if (result.stage > *row.stage)
                    QVERIFY2(result.status == CheckStatus::Skipped, qPrintable(trace));
            }
        }
        // The password never reaches the log.
        for (const LogEntry &entry : log.entries())
            QVERIFY(!entry.text.contains(password));
    }
};

QTEST_GUILESS_MAIN(TestDiagnosisMatrix)
#include "TestDiagnosisMatrix.moc"
