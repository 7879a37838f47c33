// SPDX-License-Identifier: GPL-3.0-or-later
// The SLP client against the simulator's service agent over real UDP on 127.0.0.1 (unicast only:
// the "multicast" tests aim the multicast group at 127.0.0.1, nothing leaves the machine), the
// A1 distinction, XID matching, PRList convergence, and the slp stage.
#include "core/diagnostics/DiagnosticRunner.h"
#include "core/log/DiagnosticLog.h"
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimScenarioHost.h"
#include "core/sim/SimSlpResponder.h"
#include "core/slp/SlpCodec.h"
#include "core/slp/SlpDiscovery.h"

#include <QNetworkDatagram>
#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

using namespace cimdiag;
using namespace std::chrono_literals;

namespace {

const QString kLoopback = QStringLiteral("127.0.0.1");

SlpDiscovery::Options unicastTo(quint16 port)
{
    SlpDiscovery::Options options;
    options.multicast = false;
    options.unicast = {{kLoopback, port}};
    options.timeout = 10s;
    return options;
}

/// A UDP port with nothing bound to it: bound once to learn a free port, then closed.
quint16 closedPort()
{
    QUdpSocket socket;
    if (!socket.bind(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = socket.localPort();
    socket.close();
    return port;
}

int count(const SimSlpResponder &responder, SlpFunction function)
{
    int n = 0;
    for (const SimSlpRequest &request : responder.requests())
        n += request.error.isEmpty() && request.message.header.function == function ? 1 : 0;
    return n;
}

} // namespace

class TestSlpDiscovery final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unicastRoundTrip()
    {
        SimScenarioHost host;
        QVERIFY2(host.start(*SimScenario::load(QStringLiteral("slp-advert"))), qPrintable(host.errorString()));
        SimSlpResponder *responder = host.slpResponder();
        QVERIFY(responder);
        SlpDiscovery discovery(unicastTo(responder->port()));
        QSignalSpy found(&discovery, &SlpDiscovery::serviceFound);
        QSignalSpy finished(&discovery, &SlpDiscovery::finished);
        discovery.start();
        QCOMPARE(finished.size(), 0); // never from inside start()
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(found.size(), 2);

        const SlpDiscovery::UnicastResult &result = discovery.unicastResults().constFirst();
        QCOMPARE(result.outcome, SlpDiscovery::Outcome::Answered);
        QCOMPARE(result.urlCount, 2);
        QCOMPARE(discovery.services().size(), 2);
        const QString httpsUrl = QStringLiteral("https://127.0.0.1:%1").arg(host.server()->httpsPort());
        const WbemServiceAdvert *https = nullptr;
        for (const WbemServiceAdvert &advert : discovery.services()) {
            if (advert.url.toString() == httpsUrl)
                https = &advert;
        }
        QVERIFY(https);
        QVERIFY(https->attributesFetched);
        QCOMPARE(https->serviceHiName, QStringLiteral("cimdiag-sim (slp-advert)"));
        QCOMPARE(https->templateUrlSyntax, httpsUrl);
        QCOMPARE(https->authenticationMechanismDescriptions, QStringList {QStringLiteral("HTTP Basic (RFC 7617)")});
        QCOMPARE(https->registeredProfilesSupported.size(), 2);
        QCOMPARE(https->source, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(https->sourcePort, responder->port());
        QVERIFY(!https->viaMulticast);
        QVERIFY(https->deviations.isEmpty());

        // What the agent received: one unicast SrvRqst in scope DEFAULT, one AttrRqst per URL.
        QCOMPARE(count(*responder, SlpFunction::SrvRqst), 1);
        QCOMPARE(count(*responder, SlpFunction::AttrRqst), 2);
        const SlpMessage &request = responder->requests().constFirst().message;
        QCOMPARE(request.serviceType, QStringLiteral("service:wbem"));
        QCOMPARE(request.scopeList, QStringLiteral("DEFAULT"));
        QVERIFY(!request.header.requestMulticast());
        QVERIFY(request.previousResponders.isEmpty());
    }

    void scopeNotSupportedByName()
    {
        SimScenarioHost host;
        QVERIFY(host.start(*SimScenario::load(QStringLiteral("slp-advert"))));
        SlpDiscovery::Options options = unicastTo(host.slpResponder()->port());
        options.scopes = {QStringLiteral("LAB")};
        SlpDiscovery discovery(options);
        QSignalSpy finished(&discovery, &SlpDiscovery::finished);
        discovery.start();
        QVERIFY(finished.wait(10000));
        const SlpDiscovery::UnicastResult &result = discovery.unicastResults().constFirst();
        QCOMPARE(result.outcome, SlpDiscovery::Outcome::ErrorReply);
        QCOMPARE(result.errorCode, quint16(4));
        QVERIFY(discovery.services().isEmpty());
    }

    void portUnreachableIsNotSilence()
    {
        // A1: nothing listens on the port, so loopback answers with ICMP port unreachable.
        const quint16 port = closedPort();
        QVERIFY(port != 0);
        SlpDiscovery discovery(unicastTo(port));
        QSignalSpy finished(&discovery, &SlpDiscovery::finished);
        discovery.start();
        QVERIFY(finished.wait(10000));
        const SlpDiscovery::UnicastResult &result = discovery.unicastResults().constFirst();
        QCOMPARE(result.outcome, SlpDiscovery::Outcome::PortUnreachable);
        QCOMPARE(result.detail, QStringLiteral("ECONNREFUSED"));
        QCOMPARE(result.requestsSent, 1);
    }

    void silenceIsNoAnswerAfterRetransmissions()
    {
        // A socket that receives and never answers: a firewall dropping the reply, as seen from
        // the client. Short timers stand in for CONFIG_RETRY / CONFIG_RETRY_MAX.
        QUdpSocket blackHole;
        QVERIFY(blackHole.bind(QHostAddress::LocalHost, 0));
        SlpDiscovery::Options options = unicastTo(blackHole.localPort());
        options.unicastRetry = 100ms;
        options.unicastRetryMax = 700ms;
        // Ends when the retransmissions are spent (CONFIG_RETRY_MAX), not at the overall timeout.
        options.timeout = 60s;
        SlpDiscovery discovery(options);
        QSignalSpy finished(&discovery, &SlpDiscovery::finished);
        discovery.start();
        QVERIFY(finished.wait(20000));
        const SlpDiscovery::UnicastResult &result = discovery.unicastResults().constFirst();
        QCOMPARE(result.outcome, SlpDiscovery::Outcome::NoAnswer);
        QVERIFY2(result.requestsSent >= 2, qPrintable(QString::number(result.requestsSent)));
        // Every retransmission kept the XID.
        QSet<quint16> xids;
        while (blackHole.hasPendingDatagrams()) {
            const std::optional<SlpMessage> message = SlpCodec::decode(blackHole.receiveDatagram().data());
            QVERIFY(message);
            xids.insert(message->header.xid);
        }
        QCOMPARE(xids.size(), 1);
    }

    void xidMismatchIgnored()
    {
        // A scripted agent: first a SrvRply with another XID (ignored), then the right one.
        QUdpSocket agent;
        QVERIFY(agent.bind(QHostAddress::LocalHost, 0));
        connect(&agent, &QUdpSocket::readyRead, &agent, [&agent] {
            while (agent.hasPendingDatagrams()) {
                const QNetworkDatagram datagram = agent.receiveDatagram();
                const std::optional<SlpMessage> request = SlpCodec::decode(datagram.data());
                if (!request || request->header.function != SlpFunction::SrvRqst)
                    continue;
                SlpMessage reply;
                reply.header.function = SlpFunction::SrvRply;
                reply.header.xid = quint16(request->header.xid + 1);
                reply.urlEntries = {{60, QStringLiteral("service:wbem:https://10.9.9.9:5989"), {}}};
                agent.writeDatagram(SlpCodec::encode(reply), datagram.senderAddress(), quint16(datagram.senderPort()));
                agent.writeDatagram("\x02\x02garbage", datagram.senderAddress(), quint16(datagram.senderPort()));
                reply.header.xid = request->header.xid;
                reply.urlEntries = {{60, QStringLiteral("service:wbem:https://127.0.0.1:5989"), {}}};
                agent.writeDatagram(SlpCodec::encode(reply), datagram.senderAddress(), quint16(datagram.senderPort()));
            }
        });
        SlpDiscovery::Options options = unicastTo(agent.localPort());
        options.fetchAttributes = false;
        SlpDiscovery discovery(options);
        QSignalSpy finished(&discovery, &SlpDiscovery::finished);
        discovery.start();
        QVERIFY(finished.wait(10000));
        QCOMPARE(discovery.services().size(), 1);
        QCOMPARE(discovery.services().constFirst().serviceUrl, QStringLiteral("service:wbem:https://127.0.0.1:5989"));
        const QString notes = discovery.notes().join(u'\n');
        QVERIFY2(notes.contains(QStringLiteral("matches no request")), qPrintable(notes));
        QVERIFY2(notes.contains(QStringLiteral("malformed datagram")), qPrintable(notes));
    }

    void multicastConvergesWithPreviousResponders()
    {
        // The "multicast" group is 127.0.0.1: the request carries the R flag and the PRList as a
        // real multicast query would, and never leaves the machine.
        SimScenarioHost host;
        QVERIFY(host.start(*SimScenario::load(QStringLiteral("slp-advert"))));
        SimSlpResponder *responder = host.slpResponder();
        SlpDiscovery::Options options;
        options.multicast = true;
        options.multicastGroup = QHostAddress(QHostAddress::LocalHost);
        options.multicastPort = responder->port();
        options.multicastWait = 200ms;
        options.multicastMax = 10s;
        // Converged after two requests: it ends then, not at CONFIG_MC_MAX or the overall timeout.
        options.timeout = 60s;
        SlpDiscovery discovery(options);
        QSignalSpy finished(&discovery, &SlpDiscovery::finished);
        discovery.start();
        QVERIFY(finished.wait(8000));
        QCOMPARE(discovery.multicastResponders(), QList<QHostAddress> {QHostAddress(QHostAddress::LocalHost)});
        // Sent, answered; re-sent with the PRList, not answered again: converged after two.
        QCOMPARE(discovery.multicastRequestsSent(), 2);
        QList<SimSlpRequest> queries;
        for (const SimSlpRequest &request : responder->requests()) {
            if (request.message.header.function == SlpFunction::SrvRqst)
                queries.append(request);
        }
        QCOMPARE(queries.size(), 2);
        QVERIFY(queries.at(0).message.header.requestMulticast());
        QVERIFY(queries.at(0).message.previousResponders.isEmpty());
        QVERIFY(queries.at(0).answered);
        QCOMPARE(queries.at(1).message.previousResponders, kLoopback);
        QVERIFY(!queries.at(1).answered);
        QCOMPARE(queries.at(0).message.header.xid, queries.at(1).message.header.xid);
        QCOMPARE(discovery.services().size(), 2);
        for (const WbemServiceAdvert &advert : discovery.services()) {
            QVERIFY(advert.viaMulticast);
            QVERIFY(advert.attributesFetched);
        }
    }

    void cancelFinishesAtOnce()
    {
        QUdpSocket blackHole;
        QVERIFY(blackHole.bind(QHostAddress::LocalHost, 0));
        SlpDiscovery discovery(unicastTo(blackHole.localPort()));
        QSignalSpy finished(&discovery, &SlpDiscovery::finished);
        discovery.start();
        QTRY_VERIFY_WITH_TIMEOUT(blackHole.hasPendingDatagrams(), 5000);
        discovery.cancel();
        QCOMPARE(finished.size(), 1);
        QVERIFY(discovery.wasCancelled());
        discovery.cancel();
        QCOMPARE(finished.size(), 1);
    }

    void stage_data()
    {
        QTest::addColumn<QString>("scenario"); // empty: no responder
        QTest::addColumn<bool>("silent");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("hint");
        QTest::addColumn<QString>("evidence");
        QTest::newRow("advert") << QStringLiteral("slp-advert") << false << QStringLiteral("warning")
                                << QStringLiteral("A10") << QStringLiteral("answered");
        QTest::newRow("url mismatch") << QStringLiteral("slp-url-mismatch") << false << QStringLiteral("warning")
                                      << QStringLiteral("A7") << QStringLiteral("answered");
        QTest::newRow("port unreachable") << QString() << false << QStringLiteral("failed") << QStringLiteral("A1")
                                          << QStringLiteral("port-unreachable (ECONNREFUSED)");
        QTest::newRow("silence") << QString() << true << QStringLiteral("failed") << QStringLiteral("A1")
                                 << QStringLiteral("no-answer");
    }
    void stage()
    {
        QFETCH(QString, scenario);
        QFETCH(bool, silent);
        QFETCH(QString, status);
        QFETCH(QString, hint);
        QFETCH(QString, evidence);
        SimScenarioHost host;
        QUdpSocket blackHole;
        Target target;
        target.host = kLoopback;
        target.slp = true;
        target.timeout = 1500ms;
        if (!scenario.isEmpty()) {
            QVERIFY(host.start(*SimScenario::load(scenario)));
            target.port = host.server()->httpsPort();
            target.slpPort = host.slpResponder()->port();
        } else if (silent) {
            QVERIFY(blackHole.bind(QHostAddress::LocalHost, 0));
            target.slpPort = blackHole.localPort();
        } else {
            target.slpPort = closedPort();
        }
        QVERIFY(!target.slpMulticastAllowed());
        DiagnosticLog log;
        DiagnosticRunner runner(target, &log);
        runner.setStages({DiagnosticStage::Slp});
        QSignalSpy finished(&runner, &DiagnosticRunner::finished);
        runner.start();
        QVERIFY(finished.wait(20000));
        const CheckResult result = runner.run().results.value(0);
        QCOMPARE(result.stage, DiagnosticStage::Slp);
        QCOMPARE(checkStatusName(result.status), status);
        QCOMPARE(result.hintIds.value(0), hint);
        QVERIFY2(
            result.evidenceValue(u"slp.unicast").endsWith(evidence), qPrintable(result.evidenceValue(u"slp.unicast")));
        if (scenario == QStringLiteral("slp-url-mismatch")) {
            QVERIFY(result.hintIds.contains(QStringLiteral("A10")));
            QVERIFY(result.hintIds.contains(QStringLiteral("A6")));
            QVERIFY(result.details.join(u'\n').contains(QStringLiteral("192.0.2.10")));
            QCOMPARE(runner.context().findings().slpServices.size(), 1);
        }
        if (silent)
            QVERIFY(result.hintIds.contains(QStringLiteral("A9")));
    }

    void stageNotApplicableUnlessAsked()
    {
        Target target;
        target.host = kLoopback;
        DiagnosticRunner runner(target);
        runner.setStages({DiagnosticStage::Slp});
        QSignalSpy finished(&runner, &DiagnosticRunner::finished);
        runner.start();
        QVERIFY(finished.wait(5000));
        const CheckResult result = runner.run().results.value(0);
        QCOMPARE(result.status, CheckStatus::Skipped);
        QVERIFY(!result.summary.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSlpDiscovery)
#include "TestSlpDiscovery.moc"
