// SPDX-License-Identifier: GPL-3.0-or-later
// The name-resolution, TCP and HTTP stages against real loopback sockets and the in-process
// simulator: localhost and literals, a closed port (B2), a resetting server (B5), and the HTTP
// verdicts for healthy, no-auth, non-CIM (D18), CIMError 400/501 (D15/D16), Expect 417 (D10),
// stall (B6) and plain HTTP to the TLS port (C2). Both sides: the verdict, the findings, the log
// and what the simulator received.
#include "core/diagnostics/DiagnosticContext.h"
#include "core/diagnostics/HttpCheck.h"
#include "core/diagnostics/NameResolutionCheck.h"
#include "core/diagnostics/TcpCheck.h"
#include "core/diagnostics/TcpDiagnosis.h"
#include "core/log/DiagnosticLog.h"
#include "core/net/CertificateFactory.h"
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimScenario.h"
#include "core/sim/SimScenarioHost.h"
#include "tests/support/LoopbackPort.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace cimdiag;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(CheckStatus)

namespace {

/// Fails name resolution inside Qt (QUrl::toAce rejects the empty label): no DNS traffic.
const QString kUnresolvableName = QStringLiteral("cimdiag..invalid");

Target makeTarget(const QString &scheme, const QString &host, quint16 port, std::chrono::milliseconds timeout = 3000ms)
{
    Target target;
    target.scheme = scheme;
    target.host = host;
    target.port = port;
    target.timeout = timeout;
    return target;
}

/// Runs one check to its end (bounded) and returns its result.
CheckResult run(DiagnosticCheck &check, int timeoutMs = 8000)
{
    QSignalSpy finished(&check, &DiagnosticCheck::finished);
    check.start();
    if (!check.isFinished())
        finished.wait(timeoutMs);
    if (!check.isFinished())
        return CheckResult::failed(QStringLiteral("test: the check did not finish"));
    return check.result();
}

/// https: also open the TLS listener (making its certificates is most of a start's cost).
std::unique_ptr<SimScenarioHost> startScenario(const QString &name, bool withAccounts = true, bool https = false)
{
    std::optional<SimScenario> scenario = SimScenario::load(name);
    if (!scenario)
        return {};
    if (!withAccounts)
        scenario->accounts.clear();
    auto host = std::make_unique<SimScenarioHost>();
    SimScenarioHost::Listen listen;
    listen.https = https;
    if (!host->start(*scenario, listen))
        return {};
    return host;
}

QString logText(const DiagnosticLog &log, LogChannel channel)
{
    QStringList lines;
    for (const LogEntry &entry : log.entries(channel))
        lines.append(entry.text);
    return lines.join(u'\n');
}

/// DNS and TCP stages first, as the runner would, then the HTTP stage.
CheckResult runHttpStages(DiagnosticContext &context)
{
    NameResolutionCheck dns(context);
    if (run(dns).status != CheckStatus::Passed)
        return dns.result();
    TcpCheck tcp(context);
    const CheckResult tcpResult = run(tcp);
    if (!checkStatusAllowsDependants(tcpResult.status))
        return tcpResult;
    HttpCheck http(context);
    return run(http);
}

} // namespace

class TestNetChecks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nameResolutionLocalhost();
    void nameResolutionLiteral();
    void nameResolutionFailure();
    void tcpOpen();
    void tcpRefused();
    void tcpResetAfterAccept();
    void tcpOtherPortFilteredDoesNotHoldTheStage();
    void tcpWithoutNameResolutionStage();
    void http_data();
    void http();
    void httpPlainToTlsPort();
    void httpWithClientCertificate();
    void httpPrerequisites();
    void httpCancel();
};

void TestNetChecks::nameResolutionLocalhost()
{
    DiagnosticLog log;
    DiagnosticContext context(makeTarget(QStringLiteral("https"), QStringLiteral("localhost"), 5989), &log);
    NameResolutionCheck check(context);
    QCOMPARE(check.prerequisites(), QList<DiagnosticStage> {});
    const CheckResult result = run(check);
    QCOMPARE(result.status, CheckStatus::Passed);
    QCOMPARE(result.stage, DiagnosticStage::NameResolution);
    QVERIFY(context.findings().addresses.contains(QHostAddress(QHostAddress::LocalHost)));
    QVERIFY(result.evidenceValue(u"dns.A").contains(QLatin1String("127.0.0.1")));
    QVERIFY(context.result(DiagnosticStage::NameResolution));
    QVERIFY(logText(log, LogChannel::Check).contains(QLatin1String("Looking up localhost")));
}

void TestNetChecks::nameResolutionLiteral()
{
    DiagnosticContext context(makeTarget(QStringLiteral("http"), QStringLiteral("::1"), 5988), nullptr);
    NameResolutionCheck check(context);
    const CheckResult result = run(check);
    QCOMPARE(result.status, CheckStatus::Passed);
    QVERIFY(result.summary.contains(QLatin1String("no lookup needed")));
    QCOMPARE(context.findings().addresses, QList<QHostAddress> {QHostAddress(QHostAddress::LocalHostIPv6)});
}

void TestNetChecks::nameResolutionFailure()
{
    // A name Qt refuses before any lookup (an empty label): HostNotFound with no DNS query leaving the
    // machine, as the tests' network rule wants (a real unresolvable name would ask the resolver).
    DiagnosticContext context(makeTarget(QStringLiteral("https"), kUnresolvableName, 5989), nullptr);
    NameResolutionCheck check(context);
    const CheckResult result = run(check);
    QCOMPARE(result.status, CheckStatus::Failed);
    QCOMPARE(result.hintIds, QStringList {QStringLiteral("B1")});
    QVERIFY(!result.evidenceValue(u"dns.error").isEmpty());
    QVERIFY(context.findings().addresses.isEmpty());
}

void TestNetChecks::tcpOpen()
{
    auto host = startScenario(QStringLiteral("healthy"));
    QVERIFY(host);
    DiagnosticLog log;
    DiagnosticContext context(
        makeTarget(QStringLiteral("http"), QStringLiteral("127.0.0.1"), host->server()->httpPort()), &log);
    context.findings().addresses = {QHostAddress(QHostAddress::LocalHost)};
    TcpCheck check(context);
    QCOMPARE(check.prerequisites(), QList<DiagnosticStage> {DiagnosticStage::NameResolution});
    const CheckResult result = run(check);
    QCOMPARE(result.status, CheckStatus::Passed);
    const DiagnosticFindings &findings = context.findings();
    QCOMPARE(findings.targetPort.size(), 1);
    QVERIFY(findings.targetPort.first().isOpen());
    QCOMPARE(findings.otherPort.size(), 1);
    QCOMPARE(findings.otherPort.first().port, quint16(5989)); // a random port's other port: https's default
    QCOMPARE(findings.reachableAddress, std::optional<QHostAddress>(QHostAddress(QHostAddress::LocalHost)));
    const QString key = QStringLiteral("tcp.%1.127.0.0.1").arg(host->server()->httpPort());
    QVERIFY2(result.evidenceValue(key).startsWith(QLatin1String("open ")), qPrintable(result.evidenceValue(key)));
    QVERIFY(result.details.join(u'\n').contains(QLatin1String("The other CIM port 5989")));
    QVERIFY(logText(log, LogChannel::Http).contains(QLatin1String("TCP 127.0.0.1 port")));
}

void TestNetChecks::tcpRefused()
{
    const quint16 port = closedLoopbackPort();
    QVERIFY(port != 0);
    DiagnosticContext context(makeTarget(QStringLiteral("https"), QStringLiteral("127.0.0.1"), port), nullptr);
    context.findings().addresses = {QHostAddress(QHostAddress::LocalHost)};
    TcpCheck check(context);
    const CheckResult result = run(check);
    QCOMPARE(result.status, CheckStatus::Failed);
    QCOMPARE(result.hintIds.value(0), QStringLiteral("B2"));
    QVERIFY(result.summary.contains(QLatin1String("refused")));
    QVERIFY(!context.findings().reachableAddress.has_value());
    QCOMPARE(result.evidenceValue(QStringLiteral("tcp.%1.127.0.0.1").arg(port)), QStringLiteral("ECONNREFUSED"));
}

void TestNetChecks::tcpResetAfterAccept()
{
    auto host = startScenario(QStringLiteral("reset-after-accept"));
    QVERIFY(host);
    DiagnosticContext context(
        makeTarget(QStringLiteral("http"), QStringLiteral("127.0.0.1"), host->server()->httpPort()), nullptr);
    context.findings().addresses = {QHostAddress(QHostAddress::LocalHost)};
    TcpCheck check(context);
    const CheckResult result = run(check);
    QCOMPARE(result.status, CheckStatus::Failed);
    QCOMPARE(result.hintIds.value(0), QStringLiteral("B5"));
    QVERIFY2(result.summary.contains(QLatin1String("ECONNRESET")), qPrintable(result.summary));
}

void TestNetChecks::tcpOtherPortFilteredDoesNotHoldTheStage()
{
    // ESXi usually drops 5988 silently. The target port answers at once, so the stage must not
    // wait the whole timeout for the other port: at most kOtherPortGrace. The other port of an
    // http target on a random port is 5989, so the filtered simulator takes 5989 on an address in
    // 127.0.0.0/8 where it is free, and the healthy one a random port on the same address.
    std::optional<SimScenario> filtered = SimScenario::load(QStringLiteral("filtered"));
    QVERIFY(filtered);
    SimScenarioHost blackHole;
    QHostAddress address;
    for (int last = 77; last < 100 && address.isNull(); ++last) {
        SimScenarioHost::Listen listen;
        listen.address = QHostAddress(QStringLiteral("127.0.0.%1").arg(last));
        listen.httpPort = 5989;
        listen.https = false;
        if (blackHole.start(*filtered, listen))
            address = listen.address;
    }
    if (address.isNull())
        QSKIP("port 5989 is taken on 127.0.0.77-99");
    std::optional<SimScenario> healthy = SimScenario::load(QStringLiteral("healthy"));
    QVERIFY(healthy);
    SimScenarioHost host;
    SimScenarioHost::Listen listen;
    listen.address = address;
    listen.https = false;
    QVERIFY2(host.start(*healthy, listen), qPrintable(host.errorString()));

    DiagnosticLog log;
    DiagnosticContext context(
        makeTarget(QStringLiteral("http"), address.toString(), host.server()->httpPort(), 4000ms), &log);
    context.findings().addresses = {address};
    TcpCheck check(context);
    QElapsedTimer clock;
    clock.start();
    const CheckResult result = run(check);
    const qint64 elapsed = clock.elapsed();
    QCOMPARE(result.status, CheckStatus::Passed);
    QVERIFY2(elapsed < 2500, qPrintable(QString::number(elapsed))); // not the 4 s timeout
    QVERIFY2(elapsed >= 900, qPrintable(QString::number(elapsed))); // the other port had its grace
    QVERIFY2(result.hintIds.isEmpty(), qPrintable(result.hintIds.join(u',')));
    const QString details = result.details.join(u'\n');
    QVERIFY2(details.contains(QStringLiteral("The other CIM port 5989 (https): %1 no answer within 1 s (filtered?)")
                                  .arg(address.toString())),
        qPrintable(details));
    const DiagnosticFindings &findings = context.findings();
    QCOMPARE(findings.otherPort.size(), 1);
    QVERIFY(TcpDiagnosis::isUnanswered(findings.otherPort.first()));
    QVERIFY(findings.targetPort.first().isOpen());
    QVERIFY2(logText(log, LogChannel::Http).contains(QLatin1String("not waited for longer")),
        qPrintable(logText(log, LogChannel::Http)));
    QCOMPARE(blackHole.server()->acceptedConnectionCount(), 0);
}

void TestNetChecks::tcpWithoutNameResolutionStage()
{
    // `--stage tcp` leaves the dns stage out: the check does without its addresses.
    auto host = startScenario(QStringLiteral("healthy"));
    QVERIFY(host);
    const quint16 port = host->server()->httpPort();
    {
        DiagnosticContext context(makeTarget(QStringLiteral("http"), QStringLiteral("127.0.0.1"), port), nullptr);
        QVERIFY(context.findings().addresses.isEmpty());
        TcpCheck check(context);
        const CheckResult result = run(check);
        QVERIFY2(result.status == CheckStatus::Passed, qPrintable(result.summary));
        QCOMPARE(
            context.findings().reachableAddress, std::optional<QHostAddress>(QHostAddress(QHostAddress::LocalHost)));
    }
    {
        DiagnosticContext context(makeTarget(QStringLiteral("http"), QStringLiteral("localhost"), port), nullptr);
        TcpCheck check(context);
        const CheckResult result = run(check);
        // localhost may also give ::1, where the simulator does not listen: open on 127.0.0.1 either way.
        QVERIFY2(checkStatusAllowsDependants(result.status), qPrintable(result.summary));
        QVERIFY(context.findings().addresses.contains(QHostAddress(QHostAddress::LocalHost)));
        QCOMPARE(
            context.findings().reachableAddress, std::optional<QHostAddress>(QHostAddress(QHostAddress::LocalHost)));
    }
    {
        DiagnosticContext context(makeTarget(QStringLiteral("http"), kUnresolvableName, port), nullptr);
        TcpCheck check(context);
        const CheckResult result = run(check);
        QCOMPARE(result.status, CheckStatus::Failed);
        QCOMPARE(result.hintIds, QStringList {QStringLiteral("B1")});
        QVERIFY2(result.summary.startsWith(QLatin1String("No address to connect to")), qPrintable(result.summary));
    }
}

void TestNetChecks::http_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<bool>("accounts");
    QTest::addColumn<bool>("https");
    QTest::addColumn<CheckStatus>("status");
    QTest::addColumn<QString>("hint");
    QTest::addColumn<bool>("authenticationRequired");
    QTest::addColumn<bool>("speaksCimXml");

    const auto passed = CheckStatus::Passed;
    const auto failed = CheckStatus::Failed;
    QTest::newRow("healthy http") << "healthy" << true << false << passed << QString() << true << false;
    QTest::newRow("healthy https") << "healthy" << true << true << passed << QString() << true << false;
    QTest::newRow("no auth") << "healthy-noauth" << true << false << passed << QString() << false << true;
    QTest::newRow("non-cim-server") << "non-cim-server" << true << false << failed << "D18" << false << false;
    // With accounts the unauthenticated probe meets the 401 before the CIMError fault: fine here,
    // the Authentication stage sees the rest.
    QTest::newRow("cimerror-400 behind auth")
        << "cimerror-400" << true << false << passed << QString() << true << false;
    QTest::newRow("cimerror-400") << "cimerror-400" << false << false << failed << "D15" << false << true;
    QTest::newRow("cimerror-501") << "cimerror-501" << false << true << failed << "D16" << false << true;
    QTest::newRow("expect-417") << "expect-417" << true << false << CheckStatus::Warning << "D10" << true << false;
    QTest::newRow("stall") << "stall" << true << false << failed << "B6" << false << false;
}

void TestNetChecks::http()
{
    QFETCH(QString, scenario);
    QFETCH(bool, accounts);
    QFETCH(bool, https);
    QFETCH(CheckStatus, status);
    QFETCH(QString, hint);
    QFETCH(bool, authenticationRequired);
    QFETCH(bool, speaksCimXml);

    auto host = startScenario(scenario, accounts, https);
    QVERIFY(host);
    const quint16 port = https ? host->server()->httpsPort() : host->server()->httpPort();
    DiagnosticLog log;
    // The stall row waits for the whole timeout, so keep it short.
    DiagnosticContext context(
        makeTarget(https ? QStringLiteral("https") : QStringLiteral("http"), QStringLiteral("127.0.0.1"), port, 1500ms),
        &log);
    const CheckResult result = runHttpStages(context);
    QCOMPARE(result.stage, DiagnosticStage::Http);
    QVERIFY2(result.status == status, qPrintable(result.summary));
    if (hint.isEmpty())
        QVERIFY2(result.hintIds.isEmpty(), qPrintable(result.hintIds.join(u',')));
    else
        QCOMPARE(result.hintIds.value(0), hint);
    QCOMPARE(context.findings().authenticationRequired, authenticationRequired);
    QCOMPARE(context.findings().speaksCimXml, speaksCimXml);

    // Both requests reached the server (the stall row: the simulator records before it stalls),
    // unauthenticated, and the HTTP channel has the request and the reply heads.
    const QList<SimReceivedRequest> received = host->server()->receivedRequests();
    QCOMPARE(received.size(), 2);
    for (const SimReceivedRequest &request : received) {
        QCOMPARE(httpHeaderValue(request.headers, "CIMMethod"), QByteArray("EnumerateInstanceNames"));
        QCOMPARE(httpHeaderValue(request.headers, "CIMObject"), QByteArray("interop"));
        QVERIFY(!hasHttpHeader(request.headers, "Authorization"));
        QCOMPARE(request.tls, https);
    }
    QCOMPARE(std::count_if(received.cbegin(), received.cend(),
                 [](const SimReceivedRequest &r) { return hasHttpHeader(r.headers, "Expect"); }),
        1);
    const QString httpLog = logText(log, LogChannel::Http);
    QVERIFY(httpLog.contains(QLatin1String("POST /cimom HTTP/1.1")));
    QVERIFY(httpLog.contains(QLatin1String("<IMETHODCALL NAME=\"EnumerateInstanceNames\">")));
    if (status != CheckStatus::Failed || hint != QLatin1String("B6"))
        QVERIFY(httpLog.contains(QLatin1String("HTTP/1.1 ")));
    QVERIFY(!result.evidenceValue(u"http.status").isEmpty());
    if (hint == QLatin1String("D15"))
        QCOMPARE(result.evidenceValue(u"http.CIMError"), QStringLiteral("request-not-valid"));
    if (scenario == QLatin1String("healthy"))
        QVERIFY(context.findings().serverHeader.startsWith(QLatin1String("cimdiag-sim/")));
}

void TestNetChecks::httpPlainToTlsPort()
{
    // http:// to the TLS port: C2, "use https://".
    auto host = startScenario(QStringLiteral("healthy"), true, true);
    QVERIFY(host);
    DiagnosticContext context(
        makeTarget(QStringLiteral("http"), QStringLiteral("127.0.0.1"), host->server()->httpsPort()), nullptr);
    const CheckResult result = runHttpStages(context);
    QCOMPARE(result.status, CheckStatus::Failed);
    QCOMPARE(result.hintIds.value(0), QStringLiteral("C2"));
    QVERIFY2(result.summary.contains(QLatin1String("https://127.0.0.1:")), qPrintable(result.summary));
}

void TestNetChecks::httpWithClientCertificate()
{
    // 2-way TLS: the HTTP stage presents the target's client certificate, so a correctly
    // configured one passes here as it does for the WBEM client (not B5 from alert 116).
    auto host = startScenario(QStringLiteral("client-cert-required"), true, true);
    QVERIFY(host);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString error;
    const IssuedCertificate client
        = host->certificateFactory()->issueClientCertificate(QStringLiteral("cimdiag-client"), &error);
    QVERIFY2(!client.isNull(), qPrintable(error));
    Target target = makeTarget(QStringLiteral("https"), QStringLiteral("127.0.0.1"), host->server()->httpsPort());
    target.tls.clientCertificateFile = dir.filePath(QStringLiteral("client.pem"));
    target.tls.clientKeyFile = dir.filePath(QStringLiteral("client.key"));
    for (const auto &[path, pem] : {std::pair {target.tls.clientCertificateFile, client.certificatePem()},
             std::pair {target.tls.clientKeyFile, client.privateKeyPem()}}) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(pem), pem.size());
    }
    DiagnosticContext context(target, nullptr);
    const CheckResult result = runHttpStages(context);
    QVERIFY2(result.status == CheckStatus::Passed, qPrintable(result.summary));
    QVERIFY(context.findings().authenticationRequired);
}

void TestNetChecks::httpPrerequisites()
{
    DiagnosticContext https(makeTarget(QStringLiteral("https"), QStringLiteral("127.0.0.1"), 5989), nullptr);
    DiagnosticContext http(makeTarget(QStringLiteral("http"), QStringLiteral("127.0.0.1"), 5988), nullptr);
    QCOMPARE(HttpCheck(https).prerequisites(), (QList<DiagnosticStage> {DiagnosticStage::Tcp, DiagnosticStage::Tls}));
    QCOMPARE(HttpCheck(http).prerequisites(), QList<DiagnosticStage> {DiagnosticStage::Tcp});
}

void TestNetChecks::httpCancel()
{
    auto host = startScenario(QStringLiteral("stall"));
    QVERIFY(host);
    DiagnosticContext context(
        makeTarget(QStringLiteral("http"), QStringLiteral("127.0.0.1"), host->server()->httpPort()), nullptr);
    context.findings().addresses = {QHostAddress(QHostAddress::LocalHost)};
    context.findings().reachableAddress = QHostAddress(QHostAddress::LocalHost);
    HttpCheck check(context);
    QSignalSpy finished(&check, &DiagnosticCheck::finished);
    check.start();
    QTRY_COMPARE_WITH_TIMEOUT(host->server()->receivedRequests().size(), 2, 3000);
    QVERIFY(!check.isFinished());
    check.cancel();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(check.result().status, CheckStatus::Skipped);
    QTest::qWait(100);
    QCOMPARE(finished.count(), 1);
}

QTEST_GUILESS_MAIN(TestNetChecks)
#include "TestNetChecks.moc"
