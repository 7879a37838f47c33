// SPDX-License-Identifier: GPL-3.0-or-later
// `cimdiag-cli discover` and `cimdiag-cli check --slp`: option parsing directly, then the real
// binary against the simulator's SLP agent on 127.0.0.1 (unicast only).
#include "app/cli/CliCheckOptions.h"
#include "app/cli/CliDiscoverCommand.h"
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimScenarioHost.h"
#include "core/sim/SimSlpResponder.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

using namespace cimdiag;
using namespace std::chrono_literals;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runCli(const QStringList &arguments)
{
    Run run;
    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(qEnvironmentVariable("CIMDIAG_CLI"), arguments);
    if (!process.waitForStarted(10000))
        return run;
    process.closeWriteChannel();
    // The simulator answers from this process's event loop: wait with it running.
    if (!finished.wait(30000)) {
        process.kill();
        process.waitForFinished(5000);
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

quint16 closedPort()
{
    QUdpSocket socket;
    if (!socket.bind(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = socket.localPort();
    socket.close();
    return port;
}

CliDiscoverCommand::Parsed parse(const QStringList &arguments)
{
    return CliDiscoverCommand::parse(
        QStringList {QStringLiteral("cimdiag-cli"), QStringLiteral("discover")} + arguments);
}

} // namespace

class TestCliDiscover final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseOptions()
    {
        CliDiscoverCommand::Parsed parsed = parse({});
        QCOMPARE(parsed.action, CliDiscoverCommand::Parsed::Action::Run);
        QVERIFY(parsed.options->multicast);
        QVERIFY(parsed.options->unicast.isEmpty());
        QCOMPARE(parsed.options->timeout, 5000ms);

        parsed = parse({QStringLiteral("--unicast"), QStringLiteral("[::1]:4270"), QStringLiteral("--unicast"),
            QStringLiteral("esx1"), QStringLiteral("--scope"), QStringLiteral("LAB"), QStringLiteral("--timeout"),
            QStringLiteral("2.5"), QStringLiteral("--json")});
        QCOMPARE(parsed.action, CliDiscoverCommand::Parsed::Action::Run);
        QVERIFY(!parsed.options->multicast);
        QCOMPARE(parsed.options->unicast.size(), 2);
        QCOMPARE(parsed.options->unicast.at(0).host, QStringLiteral("::1"));
        QCOMPARE(parsed.options->unicast.at(0).port, quint16(4270));
        QCOMPARE(parsed.options->unicast.at(1).port, quint16(427));
        QCOMPARE(parsed.options->scopes, QStringList {QStringLiteral("LAB")});
        QCOMPARE(parsed.options->timeout, 2500ms);
        QVERIFY(parsed.options->unicastRetryMax <= 2500ms);
        QVERIFY(parsed.json);

        for (const QStringList &bad : {QStringList {QStringLiteral("--unicast"), QStringLiteral("host:0")},
                 QStringList {QStringLiteral("--unicast"), QStringLiteral(":427")},
                 QStringList {QStringLiteral("--timeout"), QStringLiteral("0")},
                 QStringList {QStringLiteral("--scope"), QStringLiteral("a,b")},
                 QStringList {QStringLiteral("--ttl"), QStringLiteral("300")}}) {
            QCOMPARE(parse(bad).action, CliDiscoverCommand::Parsed::Action::Usage);
            QVERIFY(!parse(bad).text.isEmpty());
        }
    }

    void checkSlpOptions()
    {
        QBuffer in;
        const CliCheckOptions::Parsed parsed
            = CliCheckOptions::parse({QStringLiteral("cimdiag-cli"), QStringLiteral("check"),
                                         QStringLiteral("10.0.0.5"), QStringLiteral("--slp")},
                &in, {});
        QVERIFY2(parsed.options, qPrintable(parsed.text));
        QVERIFY(parsed.options->target().slp);
        QCOMPARE(parsed.options->target().slpPort, quint16(427));
        QVERIFY(parsed.options->target().slpMulticastAllowed());
        const CliCheckOptions::Parsed port = CliCheckOptions::parse(
            {QStringLiteral("cimdiag-cli"), QStringLiteral("check"), QStringLiteral("10.0.0.5"),
                QStringLiteral("--slp-port"), QStringLiteral("4427")},
            &in, {});
        QVERIFY2(port.options, qPrintable(port.text));
        QVERIFY(port.options->target().slp);
        QCOMPARE(port.options->target().slpPort, quint16(4427));
        QVERIFY(!port.options->target().slpMulticastAllowed());
        const CliCheckOptions::Parsed off = CliCheckOptions::parse(
            {QStringLiteral("cimdiag-cli"), QStringLiteral("check"), QStringLiteral("10.0.0.5")}, &in, {});
        QVERIFY(off.options && !off.options->target().slp);
        const CliCheckOptions::Parsed bad
            = CliCheckOptions::parse({QStringLiteral("cimdiag-cli"), QStringLiteral("check"),
                                         QStringLiteral("10.0.0.5"), QStringLiteral("--slp-port"), QStringLiteral("0")},
                &in, {});
        QCOMPARE(bad.action, CliCheckOptions::Action::Usage);
    }

    void discoverJson()
    {
        SimScenarioHost host;
        QVERIFY(host.start(*SimScenario::load(QStringLiteral("slp-url-mismatch"))));
        const Run run = runCli({QStringLiteral("discover"), QStringLiteral("--unicast"),
            QStringLiteral("127.0.0.1:%1").arg(host.slpResponder()->port()), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(run.out).object();
        const QJsonArray services = json.value(QStringLiteral("services")).toArray();
        QCOMPARE(services.size(), 1);
        const QJsonObject service = services.at(0).toObject();
        QCOMPARE(service.value(QStringLiteral("url")).toString(), QStringLiteral("https://192.0.2.10:5989"));
        QCOMPARE(service.value(QStringLiteral("source")).toString(), QStringLiteral("127.0.0.1"));
        const QJsonObject attributes = service.value(QStringLiteral("attributes")).toObject();
        QCOMPARE(attributes.value(QStringLiteral("service-hi-name")).toString(), QStringLiteral("storage array"));
        QCOMPARE(attributes.value(QStringLiteral("InteropSchemaNamespace")).toArray().at(0).toString(),
            QStringLiteral("interop"));
        QVERIFY(!service.value(QStringLiteral("deviations")).toArray().isEmpty());
        QCOMPARE(json.value(QStringLiteral("unicast")).toArray().at(0).toObject().value(QStringLiteral("outcome")),
            QStringLiteral("answered"));
        QCOMPARE(json.value(QStringLiteral("multicast")).toObject().value(QStringLiteral("requests")).toInt(), 0);
        // What the agent received: unicast only.
        for (const SimSlpRequest &request : host.slpResponder()->requests())
            QVERIFY(!request.message.header.requestMulticast());
    }

    void discoverTextPortUnreachable()
    {
        const Run run = runCli({QStringLiteral("discover"), QStringLiteral("--unicast"),
            QStringLiteral("127.0.0.1:%1").arg(closedPort()), QStringLiteral("--timeout"), QStringLiteral("3")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains("no SLP agent (ICMP port unreachable)"), run.out.constData());
        QVERIFY2(run.out.contains("0 WBEM server URL(s) found."), run.out.constData());
    }

    void discoverUsage()
    {
        const Run run = runCli({QStringLiteral("discover"), QStringLiteral("--unicast"), QStringLiteral("h:99999")});
        QCOMPARE(run.exitCode, 64);
        QVERIFY2(run.err.startsWith("cimdiag-cli discover: "), run.err.constData());
    }

    void checkWithSlpStage()
    {
        SimScenarioHost host;
        QVERIFY(host.start(*SimScenario::load(QStringLiteral("slp-advert"))));
        const Run run
            = runCli({QStringLiteral("check"), QStringLiteral("https://127.0.0.1:%1").arg(host.server()->httpsPort()),
                QStringLiteral("--stage"), QStringLiteral("slp"), QStringLiteral("--slp-port"),
                QString::number(host.slpResponder()->port()), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 1);
        const QJsonObject json = QJsonDocument::fromJson(run.out).object();
        const QJsonArray stages = json.value(QStringLiteral("stages")).toArray();
        QCOMPARE(stages.size(), 1);
        const QJsonObject slp = stages.at(0).toObject();
        QCOMPARE(slp.value(QStringLiteral("stage")).toString(), QStringLiteral("slp"));
        QCOMPARE(slp.value(QStringLiteral("status")).toString(), QStringLiteral("warning"));
        QCOMPARE(slp.value(QStringLiteral("hints")).toArray().at(0).toString(), QStringLiteral("A10"));
    }
};

QTEST_GUILESS_MAIN(TestCliDiscover)
#include "TestCliDiscover.moc"
