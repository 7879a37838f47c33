// SPDX-License-Identifier: GPL-3.0-or-later
// bench_operations: WbemConnection against the simulator over HTTP on 127.0.0.1, both in this process
// (the simulator on a thread of its own, as it would be a separate server). Prints
//  (a) operations per second and p50/p99 latency of a small EnumerateInstanceNames on one kept-alive
//      connection, and
//  (b) the end-to-end time of an EnumerateInstances of issue #2's 20,000-instance class, next to the
//      bare decode of the very bytes the simulator sent (captured in an untimed run), and peak RSS.
// Exits 1 when an operation fails or returns something else than the simulator holds; a missed goal
// does not fail the run. See README.md.
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimScenario.h"
#include "core/sim/SimScenarioHost.h"
#include "core/wbem/WbemConnection.h"
#include "core/wbem/WbemOperation.h"
#include "tests/bench/BenchElements.h"
#include "tests/bench/BenchReplyCapture.h"
#include "tests/bench/BenchSummary.h"
#include "tests/bench/BenchTools.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <vector>

using namespace cimdiag;

namespace {

constexpr int kWarmUpOperations = 200;
constexpr int kOperations = 2000;
constexpr int kInstances = 20000;
constexpr int kRuns = 3;
constexpr int kSmallTimeoutMs = 10000;
constexpr int kLargeTimeoutMs = 300000;
constexpr double kGoalOperationsPerSecond = 500;
constexpr double kGoalClientRatioToBareDecode = 1.5;

QString smallClass()
{
    return QStringLiteral("CIMDIAG_Fan");
}

/// Waits (bounded) for operation to finish; false on timeout.
bool waitFinished(WbemOperation *operation, int timeoutMs)
{
    if (operation->isFinished())
        return true;
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(operation, &WbemOperation::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(timeoutMs);
    loop.exec();
    return operation->isFinished();
}

/// Empty when operation finished without error; else why not.
QString problemOf(WbemOperation *operation, int timeoutMs)
{
    if (!waitFinished(operation, timeoutMs)) {
        operation->cancel();
        return QStringLiteral("%1 did not finish within %2 ms")
            .arg(cimOperationName(operation->request().operation))
            .arg(timeoutMs);
    }
    if (!operation->error().isNull())
        return operation->error().toString();
    return {};
}

using Series = BenchTools::Series;

/// The value at quantile q (0..1) of sorted values, nearest rank.
double quantile(const std::vector<double> &sorted, double q)
{
    const auto rank = static_cast<size_t>(q * static_cast<double>(sorted.size()) + 0.999999);
    return sorted.at(std::clamp<size_t>(rank, 1, sorted.size()) - 1);
}

/// The largest VmHWM growth over VmRSS of the runs measured, in KiB.
struct PeakTracker
{
    qint64 growthKib = -1;
    qint64 hwmKib = -1;
    qint64 rssBeforeKib = 0;
    bool resetWorked = true;

    void begin()
    {
        resetWorked = BenchTools::resetPeakRss() && resetWorked;
        rssBeforeKib = BenchTools::procStatusKib("VmRSS");
    }
    void end()
    {
        const qint64 hwm = BenchTools::procStatusKib("VmHWM");
        hwmKib = std::max(hwmKib, hwm);
        growthKib = std::max(growthKib, hwm - rssBeforeKib);
    }
};

double megabytes(qint64 kib)
{
    return static_cast<double>(kib) * 1024 / BenchTools::kMegabyte;
}

void printGoal(const char *goal, const QByteArray &measured, bool met)
{
    std::printf("  %-44s %-16s %s\n", goal, measured.constData(), met ? "met" : "MISSED");
}

int fail(const QString &what)
{
    std::fprintf(stderr, "bench_operations: %s\n", qPrintable(what));
    return 1;
}

/// The simulator on a thread of its own: its objects are made, used and destroyed there.
class SimulatorThread
{
public:
    SimulatorThread()
    {
        m_thread.setObjectName(QStringLiteral("simulator"));
        m_thread.start();
        m_context.moveToThread(&m_thread);
    }
    ~SimulatorThread()
    {
        QMetaObject::invokeMethod(
            &m_context, [this] { m_host.reset(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    Q_DISABLE_COPY_MOVE(SimulatorThread)

    /// Runs function on the simulator's thread with the host and waits for it.
    template<typename Function> void run(Function function)
    {
        QMetaObject::invokeMethod(
            &m_context, [this, &function] { function(m_host); }, Qt::BlockingQueuedConnection);
    }

private:
    QThread m_thread;
    QObject m_context;
    std::unique_ptr<SimScenarioHost> m_host;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    BenchSummary summary(QStringLiteral("bench_operations"), QCoreApplication::arguments());

    QString error;
    const std::optional<SimScenario> scenario = SimScenario::load(QStringLiteral("healthy"), &error);
    if (!scenario)
        return fail(error);

    std::printf("cimdiag bench_operations: WbemConnection -> cimdiag simulator, HTTP on 127.0.0.1, one process\n");
    std::printf("simulator   scenario \"%s\" (Basic authentication, sent preemptively) on its own thread,\n"
                "            plus %d CIMDIAG_BenchElement instances (issue #2's 10 properties) in %s\n",
        qPrintable(scenario->name), kInstances, qPrintable(BenchElements::nameSpace()));
    std::fflush(stdout);

    SimulatorThread simulator;
    QUrl url;
    QElapsedTimer setup;
    setup.start();
    simulator.run([&](std::unique_ptr<SimScenarioHost> &host) {
        host = std::make_unique<SimScenarioHost>();
        SimScenarioHost::Listen listen;
        listen.https = false;
        if (!host->start(*scenario, listen)) {
            error = host->errorString();
            return;
        }
        BenchElements::addTo(*host->repository(), BenchElements::nameSpace(), kInstances);
        url = host->server()->httpUrl();
    });
    if (url.isEmpty())
        return fail(QStringLiteral("the simulator did not start: ") + error);
    std::printf("            %s, model built in %lld ms\n\n", qPrintable(url.toString()),
        static_cast<long long>(setup.elapsed()));

    WbemConnectionOptions options;
    options.url = url;
    options.credentials = WbemCredentials::basic(QStringLiteral("cimuser"), QStringLiteral("cimpass"));
    WbemConnection connection(options);

    // (a) Small operations, sequential, on one kept-alive connection.
    qsizetype expectedNames = -1;
    std::vector<double> latencies; // microseconds
    latencies.reserve(kOperations);
    qint64 replyBytes = 0;
    QElapsedTimer total;
    for (int i = 0; i < kWarmUpOperations + kOperations; ++i) {
        if (i == kWarmUpOperations)
            total.start();
        QElapsedTimer one;
        one.start();
        std::unique_ptr<WbemOperation> operation(connection.enumerateInstanceNames(smallClass()));
        if (const QString problem = problemOf(operation.get(), kSmallTimeoutMs); !problem.isEmpty())
            return fail(QStringLiteral("EnumerateInstanceNames %1: %2").arg(i).arg(problem));
        const double micros = static_cast<double>(one.nsecsElapsed()) / 1e3;
        const qsizetype names = operation->response().instanceNames.size();
        if (expectedNames < 0)
            expectedNames = names;
        if (names == 0 || names != expectedNames)
            return fail(QStringLiteral("EnumerateInstanceNames %1 returned %2 names").arg(i).arg(names));
        if (i >= kWarmUpOperations) {
            latencies.push_back(micros);
            replyBytes += operation->replySize();
        }
    }
    const double smallSeconds = static_cast<double>(total.nsecsElapsed()) / 1e9;
    int acceptedConnections = 0;
    simulator.run([&](std::unique_ptr<SimScenarioHost> &host) {
        acceptedConnections = host->server()->acceptedConnectionCount();
    });
    std::sort(latencies.begin(), latencies.end());
    const double operationsPerSecond = kOperations / smallSeconds;
    std::printf("(a) EnumerateInstanceNames %s (%lld names, %lld-byte reply), %d sequential operations after %d\n"
                "    of warm-up, one WbemConnection; the simulator accepted %d TCP connection(s) in all\n",
        qPrintable(smallClass()), static_cast<long long>(expectedNames),
        static_cast<long long>(replyBytes / kOperations), kOperations, kWarmUpOperations, acceptedConnections);
    std::printf("    %-22s %10.0f\n", "operations/s", operationsPerSecond);
    std::printf("    %-22s %10.1f us\n", "latency p50", quantile(latencies, 0.50));
    std::printf("    %-22s %10.1f us\n", "latency p99", quantile(latencies, 0.99));
    std::printf("    %-22s %10.1f us / %.1f us\n\n", "latency min / max", latencies.front(), latencies.back());
    std::fflush(stdout);

    // (b) One large EnumerateInstances. First an untimed run that captures the reply bytes (a recorder
    // that wants bodies makes the connection keep them, which the timed runs must not pay for).
    QByteArray reply;
    {
        auto capture = std::make_shared<BenchReplyCapture>();
        connection.addRecorder(capture);
        std::unique_ptr<WbemOperation> operation(
            connection.enumerateInstances(BenchElements::className(), {}, BenchElements::nameSpace()));
        if (const QString problem = problemOf(operation.get(), kLargeTimeoutMs); !problem.isEmpty())
            return fail(QStringLiteral("EnumerateInstances (capture): ") + problem);
        connection.removeRecorder(capture);
        if (capture->isTruncated() || capture->body().size() != operation->replySize())
            return fail(QStringLiteral("the captured reply is incomplete"));
        reply = capture->body();
    }
    const qint64 bytes = reply.size();
    const qint64 hwmAfterCaptureKib = BenchTools::procStatusKib("VmHWM");

    Series endToEnd;
    Series serverSide;
    Series bareDecode;
    PeakTracker endToEndPeak;
    PeakTracker decodePeak;
    for (int run = 0; run < kRuns; ++run) {
        {
            endToEndPeak.begin();
            QElapsedTimer timer;
            timer.start();
            std::unique_ptr<WbemOperation> operation(
                connection.enumerateInstances(BenchElements::className(), {}, BenchElements::nameSpace()));
            if (const QString problem = problemOf(operation.get(), kLargeTimeoutMs); !problem.isEmpty())
                return fail(QStringLiteral("EnumerateInstances: ") + problem);
            endToEnd.seconds.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e9);
            endToEndPeak.end();
            if (operation->replySize() != bytes)
                return fail(QStringLiteral("the reply changed size: %1 bytes, captured %2")
                                .arg(operation->replySize())
                                .arg(bytes));
            if (operation->serverTime())
                serverSide.seconds.push_back(static_cast<double>(operation->serverTime()->count()) / 1e6);
            // Every run is checked, so no run can be fast by receiving nothing.
            const QString problem = BenchElements::checkEnumeration(operation->response(), kInstances);
            if (!problem.isEmpty())
                return fail(QStringLiteral("EnumerateInstances returned the wrong thing: ") + problem);
        }
        {
            decodePeak.begin();
            CimOperationResponse response;
            const double seconds
                = BenchTools::decodeInChunks(reply, CimOperation::EnumerateInstances, &response, &error);
            decodePeak.end();
            if (seconds < 0)
                return fail(QStringLiteral("decoding the captured reply failed: ") + error);
            if (const QString problem = BenchElements::checkEnumeration(response, kInstances); !problem.isEmpty())
                return fail(QStringLiteral("the captured reply decoded to the wrong thing: ") + problem);
            bareDecode.seconds.push_back(seconds);
        }
    }

    std::printf("(b) EnumerateInstances %s in %s: %d instances x 10 properties, %s bytes = %.1f MB;\n"
                "    %d runs each, interleaved; every run checked (count, spot values of 6 instances); MB = 10^6 B\n",
        qPrintable(BenchElements::className()), qPrintable(BenchElements::nameSpace()), kInstances,
        BenchTools::grouped(bytes).constData(), static_cast<double>(bytes) / BenchTools::kMegabyte, kRuns);
    std::printf("    %-44s %10s %12s %10s %12s\n", "pass", "best MB/s", "median MB/s", "best ms", "median ms");
    const auto row = [bytes](const char *name, const Series &series) {
        std::printf("    %-44s %10.1f %12.1f %10.1f %12.1f\n", name,
            BenchTools::megabytesPerSecond(bytes, series.best()),
            BenchTools::megabytesPerSecond(bytes, series.median()), series.best() * 1000, series.median() * 1000);
    };
    row("end to end over HTTP (WbemConnection)", endToEnd);
    row("bare decode, same bytes, 64 KiB chunks", bareDecode);
    if (!serverSide.seconds.empty()) {
        std::printf("    %-44s %10s %12s %10.1f %12.1f\n", "  simulator share (WBEMServerResponseTime)", "", "",
            serverSide.best() * 1000, serverSide.median() * 1000);
    }
    const double ratio = endToEnd.best() / bareDecode.best();
    const double medianRatio = endToEnd.median() / bareDecode.median();
    std::printf("    ratio end-to-end / bare decode: %.2fx (best), %.2fx (median)\n", ratio, medianRatio);
    // The simulator answers only once it has encoded the whole reply, so its time adds to the client's;
    // what is left is the client: transfer, HTTP and the streaming decode.
    std::optional<double> clientRatio;
    if (!serverSide.seconds.empty()) {
        const double clientSeconds = endToEnd.median() - serverSide.median();
        clientRatio = clientSeconds / bareDecode.median();
        std::printf("    client share (end-to-end - simulator, medians): %.1f ms = %.2fx bare decode\n",
            clientSeconds * 1000, *clientRatio);
    }
    std::printf("\n");

    std::printf("memory (VmHWM of the whole process: simulator and client; reset to VmRSS before each run%s)\n",
        endToEndPeak.resetWorked && decodePeak.resetWorked ? "" : " - RESET FAILED, figures are process peaks");
    std::printf("    %-44s %10.1f MB\n", "peak RSS after start-up and the capture run", megabytes(hwmAfterCaptureKib));
    std::printf("    %-44s %10.1f MB  (+%.1f MB over VmRSS before)\n", "peak RSS during an end-to-end run",
        megabytes(endToEndPeak.hwmKib), megabytes(endToEndPeak.growthKib));
    std::printf("    %-44s %10.1f MB  (+%.1f MB over VmRSS before)\n", "peak RSS during a bare decode",
        megabytes(decodePeak.hwmKib), megabytes(decodePeak.growthKib));
    std::printf("    (growth reuses heap the earlier runs freed; bench_decode measures a decode in a fresh process)"
                "\n\n");

    std::printf("  %-44s %-16s %s\n", "goal", "measured", "result");
    printGoal("small operations >= 500/s, one connection", QByteArray::number(operationsPerSecond, 'f', 0) + "/s",
        operationsPerSecond >= kGoalOperationsPerSecond);
    printGoal("client share <= 1.5x bare decode (medians)",
        clientRatio ? QByteArray(QByteArray::number(*clientRatio, 'f', 2) + 'x') : QByteArray("no server time"),
        clientRatio && *clientRatio <= kGoalClientRatioToBareDecode);
    printGoal(
        "kept alive: 1 TCP connection for part (a)", QByteArray::number(acceptedConnections), acceptedConnections == 1);

    summary
        .add(QStringLiteral("small EnumerateInstanceNames, one connection"), operationsPerSecond,
            QStringLiteral("ops/s"), 0)
        .goal(QStringLiteral(">= 500/s"), operationsPerSecond >= kGoalOperationsPerSecond);
    summary
        .add(QStringLiteral("small EnumerateInstanceNames: TCP connections the simulator accepted"),
            acceptedConnections, QString(), 0)
        .goal(QStringLiteral("1 (kept alive)"), acceptedConnections == 1);
    summary.add(QStringLiteral("small EnumerateInstanceNames: latency p50"), quantile(latencies, 0.50),
        QStringLiteral("us"), 0);
    summary.add(QStringLiteral("small EnumerateInstanceNames: latency p99"), quantile(latencies, 0.99),
        QStringLiteral("us"), 0);
    summary
        .add(QStringLiteral("25 MB EnumerateInstances end to end over HTTP (best)"), endToEnd.best() * 1000,
            QStringLiteral("ms"))
        .against(QStringLiteral("bare decode of the same bytes"), bareDecode.best() * 1000);
    summary
        .add(QStringLiteral("25 MB EnumerateInstances: client share (end to end - simulator, medians)"),
            clientRatio ? (endToEnd.median() - serverSide.median()) * 1000 : BenchSummary::kNotMeasured,
            QStringLiteral("ms"))
        .against(QStringLiteral("bare decode, median"), bareDecode.median() * 1000)
        .goal(QStringLiteral("<= 1.5x baseline"),
            clientRatio ? std::optional<bool>(*clientRatio <= kGoalClientRatioToBareDecode) : std::nullopt);
    return summary.write() ? 0 : 1;
}
