// SPDX-License-Identifier: GPL-3.0-or-later
// The indication listener on real sockets: valid POST and M-POST exports, every DSP0200 refusal,
// HTTPS, and round trips with the in-process simulator delivering to it (delivered, F2, F6).
#include "core/cimxml/CimRequestBuilder.h"
#include "core/cimxml/CimXmlReader.h"
#include "core/cimxml/CimXmlWriter.h"
#include "core/listener/IndicationListener.h"
#include "core/net/CertificateFactory.h"
#include "core/net/HttpReplyParser.h"
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimIndicationSender.h"
#include "core/sim/SimRepository.h"
#include "core/sim/SimScenario.h"
#include "core/sim/SimScenarioHost.h"
#include "core/sim/SimTlsPeerVerifier.h"
#include "core/wbem/WbemConnection.h"
#include "core/wbem/WbemOperation.h"

#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTest>

using namespace cimdiag;

namespace {

CimInstance alert(const QString &text)
{
    CimInstance indication(QStringLiteral("CIM_AlertIndication"));
    indication.setProperty(CimProperty(QStringLiteral("Description"), CimValue::string(text)));
    indication.setProperty(CimProperty(QStringLiteral("AlertType"), CimValue::uint16(2)));
    indication.setProperty(CimProperty(QStringLiteral("PerceivedSeverity"), CimValue::uint16(3)));
    return indication;
}

QByteArray exportBody(const QString &messageId, const QString &text = QStringLiteral("disk on fire"))
{
    return CimXmlWriter::request(CimRequestBuilder::exportIndication(messageId, alert(text)));
}

/// A request with the DSP0200 export headers; extra replaces or adds headers ("Name: value" lines).
QByteArray exportRequest(const QByteArray &body, const QByteArray &method = "POST", const QByteArray &prefix = {},
    const QByteArray &extra = {})
{
    QByteArray head
        = method + " /cimdiag HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "Content-Type: application/xml; charset=\"utf-8\"\r\n";
    if (method == "M-POST")
        head += "Man: http://www.dmtf.org/cim/mapping/http/v1.0;ns=" + prefix.chopped(1) + "\r\n";
    head += prefix + "CIMExport: MethodRequest\r\n" + prefix + "CIMExportMethod: ExportIndication\r\n" + prefix
        + "CIMProtocolVersion: 1.0\r\n" + extra + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    return head + body;
}

/// Sends bytes on a fresh connection and parses the reply (bounded wait).
struct Exchange
{
    HttpReplyParser parser {1 << 20};
    bool closed = false;
};

std::unique_ptr<Exchange> exchange(quint16 port, const QByteArray &bytes, int timeoutMs = 5000, bool closeWrite = false)
{
    auto result = std::make_unique<Exchange>();
    QTcpSocket socket;
    QObject::connect(&socket, &QTcpSocket::readyRead, [&] { result->parser.feed(socket.readAll()); });
    QObject::connect(&socket, &QTcpSocket::disconnected, [&] { result->closed = true; });
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000))
        return result;
    socket.write(bytes);
    if (closeWrite)
        socket.disconnectFromHost();
    (void)QTest::qWaitFor(
        [&] {
            return result->parser.state() == HttpReplyParser::State::Done
                || result->parser.state() == HttpReplyParser::State::Error || result->closed;
        },
        timeoutMs);
    return result;
}

/// Runs one WbemOperation to its end (bounded).
bool run(WbemOperation *operation, CimOperationResponse *response = nullptr)
{
    if (!QTest::qWaitFor([operation] { return operation->isFinished(); }, 10000))
        return false;
    if (response)
        *response = operation->response();
    const bool ok = operation->error().isNull();
    if (!ok)
        qWarning("%s", qPrintable(operation->error().message));
    operation->deleteLater();
    return ok;
}

} // namespace

class TestIndicationListener : public QObject
{
    Q_OBJECT

private:
    IndicationListener m_listener;

    void checkStillAccepts()
    {
        QSignalSpy received(&m_listener, &IndicationListener::indicationReceived);
        const auto reply = exchange(m_listener.port(), exportRequest(exportBody(QStringLiteral("after"))));
        QCOMPARE(reply->parser.status(), 200);
        QCOMPARE(received.count(), 1);
    }

    /// Creates a filter, a destination (to url) and a subscription in the simulator's interop
    /// namespace over the wire; returns their paths (subscription last).
    QList<CimInstanceName> subscribe(WbemConnection &connection, const QString &url)
    {
        const QString ns = QStringLiteral("interop");
        QList<CimInstanceName> created;
        CimInstance filter(QStringLiteral("CIM_IndicationFilter"));
        filter.setProperty(CimProperty(QStringLiteral("Name"), CimValue::string(QStringLiteral("cimdiag:test-1"))));
        filter.setProperty(CimProperty(
            QStringLiteral("Query"), CimValue::string(QStringLiteral("SELECT * FROM CIM_AlertIndication"))));
        filter.setProperty(CimProperty(QStringLiteral("QueryLanguage"), CimValue::string(QStringLiteral("WQL"))));
        filter.setProperty(
            CimProperty(QStringLiteral("SourceNamespace"), CimValue::string(QStringLiteral("root/cimv2"))));
        CimInstance destination(QStringLiteral("CIM_ListenerDestinationCIMXML"));
        destination.setProperty(
            CimProperty(QStringLiteral("Name"), CimValue::string(QStringLiteral("cimdiag:test-1"))));
        destination.setProperty(CimProperty(QStringLiteral("Destination"), CimValue::string(url)));
        destination.setProperty(CimProperty(QStringLiteral("PersistenceType"), CimValue::uint16(3))); // Transient
        for (const CimInstance &instance : {filter, destination}) {
            CimOperationResponse response;
            if (!run(connection.createInstance(instance, ns), &response) || response.instanceNames.isEmpty())
                return {};
            created.append(response.instanceNames.constFirst());
        }
        CimInstance subscription(QStringLiteral("CIM_IndicationSubscription"));
        subscription.setProperty(CimProperty(QStringLiteral("Filter"), CimValue::reference(created.at(0))));
        subscription.setProperty(CimProperty(QStringLiteral("Handler"), CimValue::reference(created.at(1))));
        subscription.setProperty(CimProperty(QStringLiteral("OnFatalErrorPolicy"), CimValue::uint16(2)));
        CimOperationResponse response;
        if (!run(connection.createInstance(subscription, ns), &response) || response.instanceNames.isEmpty())
            return {};
        created.append(response.instanceNames.constFirst());
        return created;
    }

    /// Deletes what subscribe() made (subscription first) and checks the interop classes are empty.
    void unsubscribeAndCheckClean(WbemConnection &connection, const QList<CimInstanceName> &created)
    {
        for (auto it = created.crbegin(); it != created.crend(); ++it)
            QVERIFY(run(connection.deleteInstance(*it, QStringLiteral("interop"))));
        for (const char *className :
            {"CIM_IndicationSubscription", "CIM_ListenerDestination", "CIM_IndicationFilter"}) {
            CimOperationResponse response;
            QVERIFY(run(connection.enumerateInstanceNames(QString::fromLatin1(className), QStringLiteral("interop")),
                &response));
            QVERIFY2(response.instanceNames.isEmpty(), className);
        }
    }

    static WbemConnectionOptions connectionTo(const SimScenarioHost &host)
    {
        WbemConnectionOptions options;
        options.url = host.server()->httpUrl();
        options.credentials.kind = WbemCredentials::Kind::Basic;
        options.credentials.user = QStringLiteral("cimuser");
        options.credentials.password = QStringLiteral("cimpass");
        options.readTimeout = std::chrono::milliseconds(5000);
        return options;
    }

private Q_SLOTS:
    void initTestCase()
    {
        IndicationListenerOptions options;
        options.requestTimeoutMs = 1000;
        options.maxBodySize = 64 * 1024;
        options.maxQueuedIndications = 3;
        QVERIFY2(m_listener.listen(options), qPrintable(m_listener.errorString()));
        QVERIFY(m_listener.port() != 0);
        QCOMPARE(m_listener.destinationUrl().toString(),
            QStringLiteral("http://127.0.0.1:%1/cimdiag").arg(m_listener.port()));
    }

    void postIsAnsweredAndQueued()
    {
        QSignalSpy received(&m_listener, &IndicationListener::indicationReceived);
        const qint64 before = m_listener.receivedCount();
        const auto reply = exchange(m_listener.port(), exportRequest(exportBody(QStringLiteral("4711"))));
        QCOMPARE(reply->parser.status(), 200);
        QCOMPARE(httpHeaderValue(reply->parser.headers(), "CIMExport"), QByteArray("MethodResponse"));
        const auto response = CimXmlReader::readResponse(CimOperation::ExportIndication, reply->parser.body());
        QVERIFY(response);
        QCOMPARE(response->messageId, QStringLiteral("4711")); // MESSAGE ID echoed
        QVERIFY(response->status.isOk());
        QCOMPARE(received.count(), 1);
        const auto indication = received.first().first().value<ReceivedIndication>();
        QCOMPARE(indication.indication.className(), QStringLiteral("CIM_AlertIndication"));
        QCOMPARE(indication.indication.value(u"Description").toString(), QStringLiteral("disk on fire"));
        QCOMPARE(indication.sender, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(indication.method, QByteArray("POST"));
        QCOMPARE(indication.target, QByteArray("/cimdiag"));
        QCOMPARE(m_listener.receivedCount(), before + 1);
        QCOMPARE(m_listener.senders().constFirst().address, QHostAddress(QHostAddress::LocalHost));
    }

    void mpostIsAnsweredWithPrefixedHeaders()
    {
        const auto reply = exchange(
            m_listener.port(), exportRequest(exportBody(QStringLiteral("m-1")), "M-POST", QByteArrayLiteral("42-")));
        QCOMPARE(reply->parser.status(), 200);
        QCOMPARE(httpHeaderValue(reply->parser.headers(), "42-CIMExport"), QByteArray("MethodResponse"));
        QVERIFY(hasHttpHeader(reply->parser.headers(), "Ext"));
        const auto response = CimXmlReader::readResponse(CimOperation::ExportIndication, reply->parser.body());
        QVERIFY(response);
        QCOMPARE(response->messageId, QStringLiteral("m-1"));
    }

    void keepAliveServesSeveralRequests()
    {
        const QByteArray two
            = exportRequest(exportBody(QStringLiteral("k1"))) + exportRequest(exportBody(QStringLiteral("k2")));
        QSignalSpy received(&m_listener, &IndicationListener::indicationReceived);
        exchange(m_listener.port(), two);
        QTRY_COMPARE_WITH_TIMEOUT(received.count(), 2, 5000);
        // Inter-arrival timing exists after two indications from one sender.
        QVERIFY(m_listener.senders().constFirst().minIntervalMs >= 0);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("cimError");
        QTest::addColumn<int>("cimCode");
        const QByteArray body = exportBody(QStringLiteral("9"));
        QTest::newRow("bad XML") << exportRequest("<CIM><MESSAGE ID=\"1\"><oops></CIM>") << 400
                                 << QByteArray("request-not-well-formed") << 0;
        QByteArray notValid = body;
        notValid.replace("EXPPARAMVALUE", "PARAMVALUE");
        QTest::newRow("not valid CIM-XML") << exportRequest(notValid) << 400 << QByteArray("request-not-valid") << 0;
        QTest::newRow("wrong verb") << QByteArray("GET /cimdiag HTTP/1.1\r\nHost: x\r\n\r\n") << 405 << QByteArray()
                                    << 0;
        QTest::newRow("no CIMExport") << exportRequest(body).replace("CIMExport: MethodRequest\r\n", "") << 400
                                      << QByteArray("unsupported-operation") << 0;
        QTest::newRow("wrong CIMExport") << exportRequest(body).replace(
            "CIMExport: MethodRequest", "CIMExport: MethodCall")
                                         << 400 << QByteArray("unsupported-operation") << 0;
        QTest::newRow("header mismatch") << exportRequest(body).replace(
            "CIMExportMethod: ExportIndication", "CIMExportMethod: ExportOther")
                                         << 400 << QByteArray("header-mismatch") << 0;
        QTest::newRow("protocol version")
            << exportRequest(body).replace("CIMProtocolVersion: 1.0", "CIMProtocolVersion: 2.0") << 501
            << QByteArray("unsupported-protocol-version") << 0;
        QTest::newRow("batch") << exportRequest(body, "POST", {}, "CIMExportBatch: \r\n") << 501
                               << QByteArray("multiple-requests-unsupported") << 0;
        QByteArray multi = body;
        multi.replace("SIMPLEEXPREQ", "MULTIEXPREQ");
        QTest::newRow("multiple requests")
            << exportRequest(multi) << 501 << QByteArray("multiple-requests-unsupported") << 0;
        QByteArray cimVersion = body;
        cimVersion.replace("CIMVERSION=\"2.0\"", "CIMVERSION=\"3.0\"");
        QTest::newRow("cim version") << exportRequest(cimVersion) << 501 << QByteArray("unsupported-cim-version") << 0;
        QByteArray dtdVersion = body;
        dtdVersion.replace("DTDVERSION=\"2.0\"", "DTDVERSION=\"9.1\"");
        QTest::newRow("dtd version") << exportRequest(dtdVersion) << 501 << QByteArray("unsupported-dtd-version") << 0;
        QByteArray unknown = body;
        unknown.replace("NAME=\"ExportIndication\"", "NAME=\"ExportSomething\"");
        QTest::newRow("unknown export method")
            << exportRequest(unknown).replace("CIMExportMethod: ExportIndication", "CIMExportMethod: ExportSomething")
            << 200 << QByteArray() << 7;
        QTest::newRow("content type") << exportRequest(body).replace("application/xml", "text/html") << 400
                                      << QByteArray() << 0;
        QTest::newRow("chunked") << QByteArray("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << 411
                                 << QByteArray() << 0;
        QTest::newRow("oversized body") << QByteArray("POST /x HTTP/1.1\r\nContent-Length: 999999999\r\n\r\n") << 413
                                        << QByteArray() << 0;
        QTest::newRow("oversized head") << QByteArray("POST /x HTTP/1.1\r\nX: " + QByteArray(20000, 'a') + "\r\n\r\n")
                                        << 431 << QByteArray() << 0;
        QTest::newRow("garbage") << QByteArray("\x01\x02 hello\r\n\r\n") << 400 << QByteArray() << 0;
        QTest::newRow("M-POST without Man")
            << exportRequest(body, "M-POST", QByteArrayLiteral("42-")).replace("Man: ", "Opt: ") << 510 << QByteArray()
            << 0;
    }

    void malformed()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(QByteArray, cimError);
        QFETCH(int, cimCode);
        QSignalSpy rejected(&m_listener, &IndicationListener::requestRejected);
        QSignalSpy received(&m_listener, &IndicationListener::indicationReceived);
        const auto reply = exchange(m_listener.port(), request);
        QCOMPARE(reply->parser.status(), status);
        const QByteArray error = httpHeaderValue(reply->parser.headers(), "CIMError");
        QCOMPARE(error, cimError);
        if (status == 405)
            QCOMPARE(httpHeaderValue(reply->parser.headers(), "Allow"), QByteArray("POST, M-POST"));
        if (cimCode != 0) {
            const auto response = CimXmlReader::readResponse(CimOperation::ExportIndication, reply->parser.body());
            QVERIFY(!response); // the method name is echoed, so the ExportIndication reader refuses it
            QVERIFY(reply->parser.body().contains(QByteArray("CODE=\"" + QByteArray::number(cimCode) + '"')));
        }
        QCOMPARE(received.count(), 0);
        QCOMPARE(rejected.count(), 1);
        QCOMPARE(rejected.first().first().value<RejectedExportRequest>().status, status);
        checkStillAccepts();
    }

    void missingNewIndicationIsInvalidParameter()
    {
        QByteArray body = exportBody(QStringLiteral("p"));
        body.replace("NAME=\"NewIndication\"", "NAME=\"Other\"");
        const auto reply = exchange(m_listener.port(), exportRequest(body));
        QCOMPARE(reply->parser.status(), 200);
        const auto response = CimXmlReader::readResponse(CimOperation::ExportIndication, reply->parser.body());
        QVERIFY(response);
        QCOMPARE(response->status.code(), 4);
        checkStillAccepts();
    }

    void truncatedBodyAndStallTimeOut()
    {
        QSignalSpy rejected(&m_listener, &IndicationListener::requestRejected);
        const QByteArray full = exportRequest(exportBody(QStringLiteral("t")));
        // Truncated: the announced length never arrives; slowloris: the head never ends.
        for (const QByteArray &partial : {full.left(full.size() - 20), QByteArray("POST /x HTTP/1.1\r\nHost: a\r\n")}) {
            const auto reply = exchange(m_listener.port(), partial, 5000);
            QCOMPARE(reply->parser.status(), 408);
            QVERIFY(reply->closed || reply->parser.state() == HttpReplyParser::State::Done);
        }
        QCOMPARE(rejected.count(), 2);
        checkStillAccepts();
    }

    void queueDropsOldest()
    {
        m_listener.clearQueue();
        const qint64 dropped = m_listener.droppedCount();
        for (int i = 0; i < 5; ++i)
            QCOMPARE(exchange(m_listener.port(), exportRequest(exportBody(QString::number(i), QString::number(i))))
                         ->parser.status(),
                200);
        QCOMPARE(m_listener.queuedCount(), 3);
        QCOMPARE(m_listener.droppedCount(), dropped + 2);
        QCOMPARE(m_listener.takeIndication()->messageId, QStringLiteral("2"));
    }

    void https()
    {
        QString error;
        const auto factory
            = CertificateFactory::create(QStringLiteral("cimdiag test CA"), QStringLiteral("cimdiag"), &error);
        QVERIFY2(factory, qPrintable(error));
        const IssuedCertificate issued = factory->issueServerCertificate({}, &error);
        QVERIFY2(!issued.isNull(), qPrintable(error));
        IndicationListener listener;
        IndicationListenerOptions options;
        options.certificate = issued.certificate;
        options.privateKey = issued.privateKey;
        QVERIFY2(listener.listen(options), qPrintable(listener.errorString()));
        QVERIFY(listener.destinationUrl().toString().startsWith(u"https://127.0.0.1:"));

        QSignalSpy received(&listener, &IndicationListener::indicationReceived);
        QSslSocket socket;
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setCaCertificates({factory->caCertificate()});
        socket.setSslConfiguration(configuration);
        HttpReplyParser parser(1 << 20);
        connect(&socket, &QSslSocket::readyRead, this, [&] { parser.feed(socket.readAll()); });
        connect(&socket, &QSslSocket::encrypted, this,
            [&] { socket.write(exportRequest(exportBody(QStringLiteral("tls-1")))); });
        socket.connectToHostEncrypted(QStringLiteral("localhost"), listener.port());
        QTRY_COMPARE_WITH_TIMEOUT(parser.state(), HttpReplyParser::State::Done, 10000);
        QCOMPARE(parser.status(), 200);
        QCOMPARE(received.count(), 1);
        QVERIFY(received.first().first().value<ReceivedIndication>().tls);
    }

    void rejectedHandshakeRecordedPerSender()
    {
        // F4 seen from the listener: a sender that verifies (an OpenSSL client, as sfcb's libcurl)
        // rejects a self-signed certificate with alert 48 unknown_ca; the listener records it for that
        // sender and keeps listening.
        QString error;
        const IssuedCertificate issued = CertificateFactory::selfSignedServerCertificate({}, &error);
        QVERIFY2(!issued.isNull(), qPrintable(error));
        IndicationListener listener;
        IndicationListenerOptions options;
        options.certificate = issued.certificate;
        options.privateKey = issued.privateKey;
        QVERIFY2(listener.listen(options), qPrintable(listener.errorString()));
        QSignalSpy failed(&listener, &IndicationListener::tlsHandshakeFailed);

        SimTlsPeerVerifier rejecting;
        QSignalSpy rejectingDone(&rejecting, &SimTlsPeerVerifier::finished);
        rejecting.start(QStringLiteral("127.0.0.1"), listener.port(), {}, 5000);
        QVERIFY(rejectingDone.wait(5000));
        QVERIFY(!rejecting.ok());
        QVERIFY2(rejecting.errorString().contains(QStringLiteral("self-signed")), qPrintable(rejecting.errorString()));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 5000);
        QCOMPARE(failed.first().at(1).toString(), QStringLiteral("unknown CA"));
        QCOMPARE(listener.failedHandshakeCount(), 1);
        QCOMPARE(listener.rejectedCertificateCount(), 1);
        const FailedTlsHandshake handshake = listener.failedHandshakes().constFirst();
        QCOMPARE(handshake.sender, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(handshake.alert, 48);
        QVERIFY(handshake.certificateRejected);
        QVERIFY(handshake.at.isValid());
        QCOMPARE(listener.senders().size(), 1);
        QCOMPARE(listener.senders().constFirst().rejectedCertificates, 1);
        QCOMPARE(listener.senders().constFirst().failedHandshakes, 1);
        QCOMPARE(listener.senders().constFirst().indications, 0);

        // A Qt client that does not trust the certificate closes without an alert: a failed
        // handshake, but no evidence that a certificate was rejected.
        QSslSocket silent;
        silent.connectToHostEncrypted(QStringLiteral("127.0.0.1"), listener.port());
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, 5000);
        QCOMPARE(listener.failedHandshakeCount(), 2);
        QCOMPARE(listener.rejectedCertificateCount(), 1);
        QVERIFY(!listener.failedHandshakes().constLast().certificateRejected);
        QCOMPARE(listener.senders().constFirst().failedHandshakes, 2);

        // A sender that trusts exactly this certificate completes the handshake: nothing new recorded.
        SimTlsPeerVerifier trusting;
        QSignalSpy trustingDone(&trusting, &SimTlsPeerVerifier::finished);
        trusting.start(QStringLiteral("127.0.0.1"), listener.port(), {issued.certificate}, 5000);
        QVERIFY(trustingDone.wait(5000));
        QVERIFY2(trusting.ok(), qPrintable(trusting.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(listener.connectionCount() >= 1, 5000);
        QCOMPARE(listener.failedHandshakeCount(), 2);
        QVERIFY(listener.isListening());
    }

    void roundTripDelivered()
    {
        SimScenarioHost host;
        SimScenario scenario = *SimScenario::load(QStringLiteral("healthy"));
        scenario.indications.intervalMs = 0;
        QVERIFY2(host.start(scenario, {.https = false}), qPrintable(host.errorString()));
        WbemConnection connection(connectionTo(host));
        QSignalSpy received(&m_listener, &IndicationListener::indicationReceived);
        const QList<CimInstanceName> created = subscribe(connection, m_listener.destinationUrl().toString());
        QCOMPARE(created.size(), 3);
        // Creating the subscription delivers one indication at once (it may already have arrived
        // while subscribe() waited for its replies).
        QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, 5000);
        const auto first = received.first().first().value<ReceivedIndication>();
        QCOMPARE(first.indication.className(), QStringLiteral("CIM_AlertIndication"));
        QCOMPARE(first.indication.value(u"IndicationFilterName").toString(), QStringLiteral("cimdiag:test-1"));
        // And on demand.
        QCOMPARE(host.indicationSender()->deliverNow(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(received.count(), 2, 5000);
        CimOperationResponse subscription;
        QVERIFY(run(connection.getInstance(created.at(2), {}, QStringLiteral("interop")), &subscription));
        QCOMPARE(subscription.instances.constFirst().value(u"SubscriptionState").toUnsigned(), 2U);
        unsubscribeAndCheckClean(connection, created);
    }

    void roundTripBlocked()
    {
        SimScenarioHost host;
        SimScenario scenario = *SimScenario::load(QStringLiteral("indication-egress-blocked"));
        scenario.indications.deliveryTimeoutMs = 200;
        scenario.indications.deliveryRetryAttempts = 0;
        QVERIFY2(host.start(scenario, {.https = false}), qPrintable(host.errorString()));
        WbemConnection connection(connectionTo(host));
        QSignalSpy received(&m_listener, &IndicationListener::indicationReceived);
        QSignalSpy attempts(host.indicationSender(), &SimIndicationSender::deliveryFinished);
        const qint64 connections = m_listener.connectionCount();
        const QList<CimInstanceName> created = subscribe(connection, m_listener.destinationUrl().toString());
        QCOMPARE(created.size(), 3);
        QTRY_VERIFY_WITH_TIMEOUT(!attempts.isEmpty(), 5000);
        const auto delivery = attempts.first().first().value<SimIndicationDelivery>();
        QVERIFY(!delivery.delivered);
        QCOMPARE(received.count(), 0);
        QCOMPARE(m_listener.connectionCount(), connections); // F2: nothing ever connected
        unsubscribeAndCheckClean(connection, created);
    }

    void roundTripDisabled()
    {
        SimScenarioHost host;
        QVERIFY2(host.start(*SimScenario::load(QStringLiteral("indication-disabled")), {.https = false}),
            qPrintable(host.errorString()));
        WbemConnection connection(connectionTo(host));
        QSignalSpy received(&m_listener, &IndicationListener::indicationReceived);
        QSignalSpy attempts(host.indicationSender(), &SimIndicationSender::deliveryFinished);
        const QList<CimInstanceName> created = subscribe(connection, m_listener.destinationUrl().toString());
        QCOMPARE(created.size(), 3);
        // The first attempt and both retries fail; then the server disables the subscription (F6).
        QTRY_COMPARE_WITH_TIMEOUT(attempts.count(), 3, 10000);
        QCOMPARE(attempts.last().first().value<SimIndicationDelivery>().subscriptionState, 4);
        CimOperationResponse subscription;
        QVERIFY(run(connection.getInstance(created.at(2), {}, QStringLiteral("interop")), &subscription));
        QCOMPARE(subscription.instances.constFirst().value(u"SubscriptionState").toUnsigned(), 4U);
        QCOMPARE(received.count(), 0);
        unsubscribeAndCheckClean(connection, created);
    }

    void queuedDeliveryDroppedWhenUnsubscribed()
    {
        // Slow delivery queues the indication; the listener stage deletes its subscription when it
        // stops waiting, and the server must not then connect to a listener that is gone (the fault
        // soak saw each such late attempt keep a socket open in the simulator).
        SimScenarioHost host;
        SimScenario scenario = *SimScenario::load(QStringLiteral("indication-slow"));
        scenario.indications.intervalMs = 0;
        scenario.indications.deliveryDelayMs = 3000;
        QVERIFY2(host.start(scenario, {.https = false}), qPrintable(host.errorString()));
        WbemConnection connection(connectionTo(host));
        QSignalSpy received(&m_listener, &IndicationListener::indicationReceived);
        QSignalSpy attempts(host.indicationSender(), &SimIndicationSender::deliveryFinished);
        const QList<CimInstanceName> created = subscribe(connection, m_listener.destinationUrl().toString());
        QCOMPARE(created.size(), 3);
        QCOMPARE(host.indicationSender()->pendingCount(), 1);
        unsubscribeAndCheckClean(connection, created);
        QTRY_COMPARE_WITH_TIMEOUT(host.indicationSender()->pendingCount(), 0, 10000);
        QCOMPARE(attempts.count(), 0);
        QCOMPARE(received.count(), 0);
    }

    void mpostRefusedWhenDisabled()
    {
        // DSP0200 7.2.2: a listener without M-POST answers 501, and the sender retries with POST.
        IndicationListener listener;
        IndicationListenerOptions options;
        options.acceptMPost = false;
        QVERIFY(listener.listen(options));
        const QByteArray body = exportBody(QStringLiteral("f"));
        QCOMPARE(
            exchange(listener.port(), exportRequest(body, "M-POST", QByteArrayLiteral("11-")))->parser.status(), 501);
        QCOMPARE(exchange(listener.port(), exportRequest(body))->parser.status(), 200);
    }

    void keepsRunning() { QVERIFY(m_listener.isListening()); }
};

QTEST_GUILESS_MAIN(TestIndicationListener)
#include "TestIndicationListener.moc"
