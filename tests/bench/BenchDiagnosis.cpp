// SPDX-License-Identifier: GPL-3.0-or-later
// bench_diagnosis: how long a diagnosis takes, and how cimdiag-cli check --hosts scales. Prints
//  (a) the wall time of a full diagnosis (all seven stages, https with Basic) against a healthy
//      cimdiag-sim child, next to a bare WbemConnection doing one enumerate on a fresh connection;
//  (b) the wall time of a diagnosis of a dead target: a refused port, and a filtered port (the
//      simulator's FilterConnections fault: SYNs dropped) against its timeout;
//  (c) cimdiag-cli check --hosts over 1,000 https endpoints (250 loopback addresses x 4 ports,
//      served by a child of this program: bench_diagnosis --fleet) with --parallel 64: wall time,
//      targets per second, the CLI's peak RSS, and the speed-up over one target run alone.
// Exits 1 when a diagnosis does not reach the expected verdict; a missed goal does not fail the run.
// See README.md.
#include "core/diagnostics/DiagnosticRunner.h"
#include "core/net/CertificateFactory.h"
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimOperationHandler.h"
#include "core/sim/SimRepository.h"
#include "core/sim/SimScenario.h"
#include "core/sim/SimScenarioHost.h"
#include "core/wbem/WbemConnection.h"
#include "core/wbem/WbemOperation.h"
#include "tests/bench/BenchSummary.h"
#include "tests/bench/BenchTools.h"
#include "tests/support/LoopbackPort.h"
#include "tests/support/SimProcess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <vector>

using namespace cimdiag;
using namespace std::chrono_literals;

namespace {

constexpr int kWarmUpRuns = 3;
constexpr int kRuns = 20;
constexpr int kFleetAddresses = 250;
constexpr int kFleetPortsPerAddress = 4;
constexpr int kParallel = 64;
constexpr double kGoalHealthySeconds = 0.5;
constexpr double kGoalDeadOvershootSeconds = 0.2;
constexpr double kGoalHostsSeconds = 30;
constexpr double kGoalHostsPeakMb = 200;
const QString kUser = QStringLiteral("cimuser");
const QString kPassword = QStringLiteral("cimpass");

void print(const QByteArray &line)
{
    std::fputs(line.constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

QByteArray ms(double seconds)
{
    return QByteArray::number(seconds * 1000.0, 'f', 1) + " ms";
}

QByteArray goal(bool met)
{
    return met ? "met" : "MISSED";
}

/// Runs until signal fires on sender, at most timeoutMs; false on timeout.
template<typename Sender, typename Signal> bool waitFor(Sender *sender, Signal signal, int timeoutMs)
{
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(sender, signal, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    loop.exec();
    return timer.isActive();
}

/// One full diagnosis: its wall time in seconds and its verdict.
struct Timed
{
    double seconds = -1;
    DiagnosticRun run;
};

Timed diagnose(const Target &target)
{
    DiagnosticRunner runner(target);
    QElapsedTimer clock;
    clock.start();
    runner.start();
    if (!waitFor(&runner, &DiagnosticRunner::finished, 60000))
        return {};
    return {double(clock.nsecsElapsed()) / 1e9, runner.run()};
}

/// A bare client doing what the healthy diagnosis does at least once: a fresh connection (TCP, TLS
/// handshake, Basic) and one EnumerateInstances.
double bareEnumerate(const Target &target)
{
    WbemConnection connection(target.connectionOptions());
    QElapsedTimer clock;
    clock.start();
    WbemOperation *operation = connection.enumerateInstances(QStringLiteral("CIM_ComputerSystem"));
    if (!waitFor(operation, &WbemOperation::finished, 10000) || !operation->error().isNull())
        return -1;
    return double(clock.nsecsElapsed()) / 1e9;
}

QByteArray verdictLine(const DiagnosticRun &run)
{
    QByteArray line;
    for (const CheckResult &result : run.results)
        line += diagnosticStageId(result.stage).toLatin1() + '=' + checkStatusName(result.status).toLatin1() + ' ';
    return line;
}

int benchHealthy(const QString &caFile, SimProcess &sim, BenchSummary &summary)
{
    Target target;
    target.host = QStringLiteral("127.0.0.1");
    target.port = quint16(sim.httpsUrl().port());
    target.tls.caFile = caFile;
    target.credentials = WbemCredentials::basic(kUser, kPassword);
    BenchTools::Series diagnosis;
    BenchTools::Series bare;
    for (int i = 0; i < kWarmUpRuns + kRuns; ++i) {
        const Timed timed = diagnose(target);
        if (timed.seconds < 0 || timed.run.overallStatus() != CheckStatus::Passed) {
            print("healthy diagnosis did not pass: " + verdictLine(timed.run));
            return 1;
        }
        const double bareSeconds = bareEnumerate(target);
        if (bareSeconds < 0) {
            print("bare enumerate failed");
            return 1;
        }
        if (i >= kWarmUpRuns) {
            diagnosis.seconds.push_back(timed.seconds);
            bare.seconds.push_back(bareSeconds);
        }
    }
    print("(a) healthy diagnosis, 7 stages over https (cimdiag-sim child, " + QByteArray::number(kRuns) + " runs)");
    print("    diagnosis       best " + ms(diagnosis.best()) + ", median " + ms(diagnosis.median()));
    print("    bare enumerate  best " + ms(bare.best()) + ", median " + ms(bare.median())
        + "  (fresh connection: TCP, TLS, Basic, one EnumerateInstances)");
    print("    ratio diagnosis/bare (median): " + QByteArray::number(diagnosis.median() / bare.median(), 'f', 2) + "x");
    print("    goal: median < " + ms(kGoalHealthySeconds) + ": " + goal(diagnosis.median() < kGoalHealthySeconds));
    summary
        .add(QStringLiteral("healthy diagnosis, 7 stages over https (median of %1)").arg(kRuns),
            diagnosis.median() * 1000, QStringLiteral("ms"))
        .against(QStringLiteral("bare fresh connection + 1 EnumerateInstances"), bare.median() * 1000)
        .goal(QStringLiteral("< 500 ms"), diagnosis.median() < kGoalHealthySeconds);
    return 0;
}

int benchDead(BenchSummary &summary)
{
    Target refused;
    refused.host = QStringLiteral("127.0.0.1");
    refused.port = closedLoopbackPort();
    refused.timeout = 2000ms;
    const Timed refusedRun = diagnose(refused);

    SimScenarioHost filteredHost;
    const std::optional<SimScenario> filteredScenario = SimScenario::load(QStringLiteral("filtered"));
    if (!filteredScenario || !filteredHost.start(*filteredScenario)) {
        print("cannot start the filtered scenario");
        return 1;
    }
    Target filtered;
    filtered.host = QStringLiteral("127.0.0.1");
    filtered.port = filteredHost.server()->httpsPort();
    filtered.timeout = 1000ms;
    BenchTools::Series filteredSeries;
    for (int i = 0; i < 5; ++i) {
        const Timed run = diagnose(filtered);
        const CheckResult &tcp = run.run.results.value(1);
        if (run.seconds < 0 || tcp.status != CheckStatus::Failed || tcp.hintIds.value(0) != QLatin1String("B3")) {
            print("filtered diagnosis did not report B3: " + verdictLine(run.run));
            return 1;
        }
        filteredSeries.seconds.push_back(run.seconds);
    }
    if (refusedRun.seconds < 0 || refusedRun.run.results.value(1).hintIds.value(0) != QLatin1String("B2")) {
        print("refused diagnosis did not report B2: " + verdictLine(refusedRun.run));
        return 1;
    }
    const double overshoot = filteredSeries.median() - 1.0;
    print("(b) dead targets");
    print("    refused port (timeout 2 s): " + ms(refusedRun.seconds) + " to the verdict (B2)");
    print("    filtered port (timeout 1 s, 5 runs): best " + ms(filteredSeries.best()) + ", median "
        + ms(filteredSeries.median()) + "; over the timeout: " + ms(overshoot) + " (B3)");
    print("    goal: reported within timeout + " + ms(kGoalDeadOvershootSeconds) + ": "
        + goal(overshoot < kGoalDeadOvershootSeconds && refusedRun.seconds < 2.0 + kGoalDeadOvershootSeconds));
    summary.add(QStringLiteral("refused port to the B2 verdict"), refusedRun.seconds * 1000, QStringLiteral("ms"))
        .against(QStringLiteral("its timeout"), 2000)
        .goal(QStringLiteral("< timeout + 200 ms"), refusedRun.seconds < 2.0 + kGoalDeadOvershootSeconds);
    summary
        .add(QStringLiteral("filtered port to the B3 verdict (median of 5)"), filteredSeries.median() * 1000,
            QStringLiteral("ms"))
        .against(QStringLiteral("its timeout"), 1000)
        .goal(QStringLiteral("< timeout + 200 ms"), overshoot < kGoalDeadOvershootSeconds);
    return 0;
}

/// Runs cimdiag-cli check --hosts file; returns seconds (negative on failure), the CLI's peak RSS in
/// KiB (sampled from /proc every 20 ms; VmHWM is the peak so far) and the output lines.
double runHosts(
    const QString &hostsFile, const QString &caFile, int parallel, qint64 *peakKib, QList<QByteArray> *lines)
{
    QProcess cli;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("CIMDIAG_BENCH_PASSWORD"), kPassword);
    cli.setProcessEnvironment(environment);
    cli.setProgram(QStringLiteral(CIMDIAG_BENCH_CLI));
    cli.setArguments({QStringLiteral("check"), QStringLiteral("--hosts"), hostsFile, QStringLiteral("--parallel"),
        QString::number(parallel), QStringLiteral("--user"), kUser, QStringLiteral("--password-env"),
        QStringLiteral("CIMDIAG_BENCH_PASSWORD"), QStringLiteral("--ca"), caFile, QStringLiteral("--timeout"),
        QStringLiteral("10")});
    QElapsedTimer clock;
    clock.start();
    cli.start();
    if (!cli.waitForStarted(10000))
        return -1;
    *peakKib = 0;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout,
        [&] { *peakKib = qMax(*peakKib, BenchTools::procStatusKib("VmHWM", cli.processId())); });
    sampler.start(20);
    if (!waitFor(&cli, &QProcess::finished, 300000)) {
        cli.kill();
        return -1;
    }
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    *lines = cli.readAllStandardOutput().split('\n');
    lines->removeAll(QByteArray());
    return seconds;
}

int benchHosts(BenchSummary &summary)
{
    QTemporaryDir dir;
    const QString hostsFile = dir.filePath(QStringLiteral("hosts.txt"));
    const QString caFile = dir.filePath(QStringLiteral("fleet-ca.pem"));
    QProcess fleet;
    fleet.setProgram(QCoreApplication::applicationFilePath());
    fleet.setArguments({QStringLiteral("--fleet"), hostsFile, caFile});
    fleet.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    fleet.start();
    if (!fleet.waitForStarted(10000) || !fleet.waitForReadyRead(60000) || !fleet.readAll().contains("ready")) {
        print("the fleet did not start");
        return 1;
    }
    const int targets = kFleetAddresses * kFleetPortsPerAddress;

    // One target alone, for the speed-up figure.
    const QString oneFile = dir.filePath(QStringLiteral("one.txt"));
    QFile all(hostsFile);
    all.open(QIODevice::ReadOnly);
    const QByteArray firstLine = all.readLine();
    QFile one(oneFile);
    one.open(QIODevice::WriteOnly);
    one.write(firstLine);
    one.close();
    qint64 onePeak = 0;
    QList<QByteArray> oneLines;
    const double oneSeconds = runHosts(oneFile, caFile, 1, &onePeak, &oneLines);

    qint64 peakKib = 0;
    QList<QByteArray> lines;
    const double seconds = runHosts(hostsFile, caFile, kParallel, &peakKib, &lines);
    fleet.terminate();
    fleet.waitForFinished(5000);
    if (seconds < 0 || oneSeconds < 0) {
        print("cimdiag-cli check --hosts did not finish");
        return 1;
    }
    int passed = 0;
    for (const QByteArray &line : std::as_const(lines)) {
        if (line.contains("\"overall\":\"passed\""))
            ++passed;
    }
    const double peakMb = double(peakKib) * 1024.0 / 1e6;
    print("(c) cimdiag-cli check --hosts: " + QByteArray::number(targets) + " https endpoints ("
        + QByteArray::number(kFleetAddresses) + " loopback addresses x " + QByteArray::number(kFleetPortsPerAddress)
        + " ports), --parallel " + QByteArray::number(kParallel));
    print("    wall time " + QByteArray::number(seconds, 'f', 2) + " s, "
        + QByteArray::number(double(targets) / seconds, 'f', 1) + " targets/s; " + QByteArray::number(lines.size())
        + " JSON lines, " + QByteArray::number(passed) + " passed");
    print("    one target alone: " + ms(oneSeconds) + " (process start included); speed-up over "
        + QByteArray::number(targets)
        + " sequential runs: " + QByteArray::number(oneSeconds * targets / seconds, 'f', 1) + "x");
    print("    CLI peak RSS " + QByteArray::number(peakMb, 'f', 1)
        + " MB (one target alone: " + QByteArray::number(double(onePeak) * 1024.0 / 1e6, 'f', 1) + " MB)");
    print("    goals: < " + QByteArray::number(kGoalHostsSeconds, 'f', 0) + " s: " + goal(seconds < kGoalHostsSeconds)
        + "; peak < " + QByteArray::number(kGoalHostsPeakMb, 'f', 0) + " MB: " + goal(peakMb < kGoalHostsPeakMb));
    summary
        .add(QStringLiteral("cimdiag-cli check --hosts, %1 https targets, --parallel %2, %3 passed")
                 .arg(targets)
                 .arg(kParallel)
                 .arg(passed),
            seconds, QStringLiteral("s"), 2)
        .against(QStringLiteral("one target alone x %1").arg(targets), oneSeconds * targets)
        .goal(QStringLiteral("< 30 s"), seconds < kGoalHostsSeconds);
    summary.add(QStringLiteral("--hosts: targets per second"), double(targets) / seconds, QStringLiteral("targets/s"));
    summary.add(QStringLiteral("--hosts: CLI peak RSS"), peakMb, QStringLiteral("MB"))
        .against(QStringLiteral("one target alone"), double(onePeak) * 1024.0 / 1e6)
        .goal(QStringLiteral("< 200 MB"), peakMb < kGoalHostsPeakMb);
    if (lines.size() != targets || passed != targets) {
        print("not every target passed");
        return 1;
    }
    return 0;
}

/// --fleet HOSTSFILE CAFILE: serves kFleetAddresses x kFleetPortsPerAddress healthy https endpoints
/// from one repository and one certificate (its SANs name every fleet address), writes their URLs to
/// HOSTSFILE and the CA to CAFILE, prints "ready"; runs until terminated.
int serveFleet(const QString &hostsFile, const QString &caFile)
{
    const SimScenario scenario = *SimScenario::load(QStringLiteral("healthy"));
    SimRepository repository = SimRepository::withDefaultModel(scenario.model);
    SimOperationHandler handler(&repository);
    const std::optional<CertificateFactory> factory = CertificateFactory::create();
    if (!factory || !factory->writeCaCertificatePem(caFile))
        return 1;
    SimTlsOptions tls = scenario.tls;
    QList<QHostAddress> addresses;
    for (int a = 0; a < kFleetAddresses; ++a)
        addresses.append(QHostAddress(QStringLiteral("127.0.1.%1").arg(a + 1)));
    tls.certificate.ipAddresses = addresses;
    std::optional<QSslConfiguration> sslConfiguration;
    std::vector<std::unique_ptr<SimHttpServer>> servers;
    QFile file(hostsFile);
    if (!file.open(QIODevice::WriteOnly))
        return 1;
    for (const QHostAddress &address : std::as_const(addresses)) {
        for (int p = 0; p < kFleetPortsPerAddress; ++p) {
            auto server = std::make_unique<SimHttpServer>();
            server->setHandler([&handler](const CimOperationRequest &request, const QString &user) {
                return handler.handle(request, user);
            });
            server->setAccounts(scenario.accounts);
            // One certificate for all: issuing 1,000 RSA keys would take longer than the run.
            if (sslConfiguration)
                server->setSslConfiguration(*sslConfiguration);
            else if (server->setTls(tls, *factory))
                sslConfiguration = server->sslConfiguration();
            if (!sslConfiguration || !server->listenHttps(address, 0)) {
                std::fprintf(stderr, "fleet: %s\n", qPrintable(server->errorString()));
                return 1;
            }
            file.write(
                "https://" + address.toString().toLatin1() + ':' + QByteArray::number(server->httpsPort()) + '\n');
            servers.push_back(std::move(server));
        }
    }
    file.close();
    print("ready");
    return QCoreApplication::exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() == 4 && arguments.at(1) == QLatin1String("--fleet"))
        return serveFleet(arguments.at(2), arguments.at(3));
    BenchSummary summary(QStringLiteral("bench_diagnosis"), arguments);
    if (qEnvironmentVariableIsEmpty("CIMDIAG_SIM"))
        qputenv("CIMDIAG_SIM", CIMDIAG_BENCH_SIM);

    QTemporaryDir dir;
    const QString caFile = dir.filePath(QStringLiteral("ca.pem"));
    SimProcess sim;
    if (!sim.start(QStringLiteral("healthy"), caFile)) {
        print("cannot start cimdiag-sim: " + sim.errorString().toUtf8());
        return 1;
    }
    int status = benchHealthy(caFile, sim, summary);
    sim.stop();
    status |= benchDead(summary);
    status |= benchHosts(summary);
    // What was measured is written even when a part failed; the exit status says it failed.
    return summary.write() ? status : 1;
}
