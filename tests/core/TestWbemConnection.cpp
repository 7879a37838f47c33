// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cimxml/CimXmlReader.h"
#include "core/net/CertificateFactory.h"
#include "core/sim/SimCertificateOptions.h"
#include "core/wbem/WbemConnection.h"
#include "core/wbem/WbemEnumeration.h"
#include "core/wbem/WbemLogRecorder.h"
#include "core/wbem/WbemOperation.h"
#include "core/wbem/WbemRedactor.h"
#include "core/wbem/WbemSessionRecorder.h"
#include "tests/support/CimSamples.h"
#include "tests/support/TestCimHttpServer.h"

#include <QBuffer>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace cimdiag;
using namespace std::chrono_literals;

namespace {

using Server = TestCimHttpServer;

WbemConnectionOptions optionsFor(const Server &server)
{
    WbemConnectionOptions options;
    options.url = server.url();
    options.proxy = WbemProxy::none();
    options.connectTimeout = 3000ms;
    options.readTimeout = 3000ms;
    return options;
}

/// Waits (bounded) for finished() and checks it came exactly once.
bool waitFinished(QObject *operation)
{
    QSignalSpy spy(operation, SIGNAL(finished()));
    if (!spy.wait(5000))
        return false;
    QTest::qWait(20); // a second emission would land here
    return spy.count() == 1;
}

CimOperationResponse instancesResponse(int count)
{
    CimOperationResponse response;
    for (int i = 0; i < count; ++i)
        response.instances.append(CimSamples::smallInstance(i));
    return response;
}

Server::Response cimBody(int status, const QByteArray &contentType, const QByteArray &body,
                         const Server::HeaderList &extra = {})
{
    Server::Response response;
    response.status = status;
    response.reason = status == 200 ? QByteArrayLiteral("OK") : QByteArrayLiteral("Bad Request");
    response.headers = {{"Content-Type", contentType}};
    response.headers += extra;
    response.body = body;
    return response;
}

QByteArray basic(const QByteArray &userPass)
{
    return "Basic " + userPass.toBase64();
}

/// A recorder that shows only the first kept bytes of a body and keeps the exchanges it got.
class HeadRecorder final : public WbemOperationRecorder
{
public:
    explicit HeadRecorder(qsizetype kept)
        : m_kept(kept)
    { }
    qsizetype keptBodyBytes() const override { return m_kept; }
    void record(const WbemExchange &exchange) override { exchanges << exchange; }

    QList<WbemExchange> exchanges;

private:
    qsizetype m_kept;
};

} // namespace

class TestWbemConnection final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void defaultsFromUrl();
    void challengeParsing_data();
    void challengeParsing();
    void enumerateInstancesHeadersAndBody();
    void getInstanceAndInvokeMethod();
    void keepAlive();
    void basicPreemptive();
    void basicOnChallenge();
    void cimTicket();
    void authenticationError();
    void proxyAuthenticationError();
    void connectTimeout();
    void readTimeout();
    void totalTimeout();
    void maxReplySize();
    void connectionRefused();
    void proxyNoneBypassesEnvironment();
    void closedEarly_data();
    void closedEarly();
    void nonCimServer();
    void cimErrorHeader();
    void invalidXml();
    void cimError();
    void cancel();
    void cancelBeforeStart();
    void setOptionsFinishesRunning();
    void deleteInFinishedSlot_data();
    void deleteInFinishedSlot();
    void statistics();
    void logRecorderRedacts();
    void recordersRedactEchoedSecrets();
    void recordersGetRedactedHeadsAtTheCut();
    void sessionRecorderFormat();
    void pullIteration();
    void pullFallback_data();
    void pullFallback();
    void pullEmptyForever();
    void pullFailureClosesContext_data();
    void pullFailureClosesContext();
    void tlsUntrusted();
    void tlsCaFile();
    void tlsCaDirectory();
    void tlsPin();
    void tlsPinMismatch();
    void tlsErrorOptIn();
    void tlsHostnameVerification();

private:
    std::optional<CertificateFactory> m_factory; ///< the CA m_caFile holds
    IssuedCertificate m_leaf;      ///< localhost, 127.0.0.1
    IssuedCertificate m_otherHost; ///< other.example only (C10)
    QTemporaryDir m_dir;
    QString m_caFile;
};

void TestWbemConnection::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    m_factory = CertificateFactory::create(QStringLiteral("cimdiag test CA"), QStringLiteral("cimdiag"), &error);
    QVERIFY2(m_factory, qPrintable(error));
    m_leaf = m_factory->issueServerCertificate({}, &error);
    QVERIFY2(!m_leaf.isNull(), qPrintable(error));
    SimCertificateOptions otherHost;
    otherHost.fault = SimCertificateFault::WrongHost;
    m_otherHost = otherHost.issue(*m_factory, &error);
    QVERIFY2(!m_otherHost.isNull(), qPrintable(error));
    m_caFile = m_dir.filePath(QStringLiteral("ca.pem"));
    QVERIFY2(m_factory->writeCaCertificatePem(m_caFile, &error), qPrintable(error));
}

void TestWbemConnection::defaultsFromUrl()
{
    auto options = WbemConnectionOptions::fromUrl(QStringLiteral("cimom.example.com"));
    QVERIFY(options);
    QCOMPARE(options->effectiveUrl(), QUrl(QStringLiteral("https://cimom.example.com:5989/cimom")));
    QCOMPARE(options->defaultNamespace, QStringLiteral("root/cimv2"));
    options = WbemConnectionOptions::fromUrl(QStringLiteral("http://10.0.0.1"));
    QVERIFY(options);
    QCOMPARE(options->effectiveUrl(), QUrl(QStringLiteral("http://10.0.0.1:5988/cimom")));
    QString error;
    QVERIFY(!WbemConnectionOptions::fromUrl(QStringLiteral("ftp://x"), &error));
    QVERIFY(error.contains(QStringLiteral("ftp")));
}

void TestWbemConnection::challengeParsing_data()
{
    QTest::addColumn<QList<QByteArray>>("headers");
    QTest::addColumn<QStringList>("schemes");
    QTest::addColumn<QString>("realm");
    QTest::newRow("basic") << QList<QByteArray>{"Basic realm=\"cimom\""} << QStringList{QStringLiteral("Basic")}
                           << QStringLiteral("cimom");
    QTest::newRow("two challenges, one header")
        << QList<QByteArray>{"Negotiate, Basic realm=\"a, b\", charset=\"UTF-8\""}
        << QStringList{QStringLiteral("Negotiate"), QStringLiteral("Basic")} << QStringLiteral("a, b");
    QTest::newRow("two headers, token68")
        << QList<QByteArray>{"Negotiate YIIB==", "Digest realm=Pegasus, nonce=\"x\", qop=auth"}
        << QStringList{QStringLiteral("Negotiate"), QStringLiteral("Digest")} << QStringLiteral("Pegasus");
    QTest::newRow("empty") << QList<QByteArray>{} << QStringList{} << QString();
}

void TestWbemConnection::challengeParsing()
{
    QFETCH(QList<QByteArray>, headers);
    QFETCH(QStringList, schemes);
    QFETCH(QString, realm);
    QStringList parsedSchemes;
    QString parsedRealm;
    WbemError::parseChallenges(headers, &parsedSchemes, &parsedRealm);
    QCOMPARE(parsedSchemes, schemes);
    QCOMPARE(parsedRealm, realm);
}

void TestWbemConnection::enumerateInstancesHeadersAndBody()
{
    Server server;
    QVERIFY(server.listen());
    server.setHandler(Server::cimHandler(instancesResponse(3)));
    WbemConnection connection(optionsFor(server));
    CimRequestOptions options;
    options.deepInheritance = false;
    options.propertyList = QStringList{QStringLiteral("InstanceID")};
    WbemOperation *operation = connection.enumerateInstances(QStringLiteral("CIMDIAG_Small"), options);
    QVERIFY(waitFinished(operation));
    QVERIFY2(operation->error().isNull(), qPrintable(operation->error().toString()));

    // Server side: DSP0200 headers and a body that decodes to the request.
    QCOMPARE(server.requests().size(), 1);
    const Server::Request &received = server.requests().constFirst();
    QCOMPARE(received.method, QByteArray("POST"));
    QCOMPARE(received.target, QByteArray("/cimom"));
    QCOMPARE(received.version, QByteArray("HTTP/1.1"));
    QCOMPARE(received.header("Content-Type"), QByteArray("application/xml; charset=\"utf-8\""));
    QCOMPARE(received.header("CIMOperation"), QByteArray("MethodCall"));
    QCOMPARE(received.header("CIMMethod"), QByteArray("EnumerateInstances"));
    QCOMPARE(received.header("CIMObject"), QByteArray("root/cimv2"));
    QCOMPARE(received.header("CIMProtocolVersion"), QByteArray("1.0"));
    QCOMPARE(received.header("Accept-Encoding"), QByteArray("identity"));
    QCOMPARE(received.header("Content-Length").toLongLong(), received.body.size());
    QVERIFY(!received.hasHeader("Expect"));
    QVERIFY(!received.hasHeader("Authorization"));
    const auto request = CimXmlReader::readRequest(received.body);
    QVERIFY(request);
    QCOMPARE(request->operation, CimOperation::EnumerateInstances);
    QCOMPARE(request->nameSpace, QStringLiteral("root/cimv2"));
    QCOMPARE(*request, operation->request());

    // Client side.
    QCOMPARE(operation->httpStatus(), 200);
    QCOMPARE(operation->response().operation, CimOperation::EnumerateInstances);
    QCOMPARE(operation->response().messageId, operation->request().messageId);
    QCOMPARE(operation->response().instances.size(), 3);
    QCOMPARE(operation->response().instances.at(2).value(u"InstanceID").toString(), QStringLiteral("small-2"));
    QCOMPARE(operation->requestSize(), received.body.size());
}

void TestWbemConnection::getInstanceAndInvokeMethod()
{
    Server server;
    QVERIFY(server.listen());
    WbemConnection connection(optionsFor(server));
    const CimInstanceName path = CimSamples::systemPath(true, false);

    CimOperationResponse one;
    one.instances.append(CimSamples::smallInstance(7));
    server.setHandler(Server::cimHandler(one));
    WbemOperation *get = connection.getInstance(path);
    QVERIFY(waitFinished(get));
    QVERIFY2(get->error().isNull(), qPrintable(get->error().toString()));
    QCOMPARE(server.requests().constLast().header("CIMMethod"), QByteArray("GetInstance"));
    QCOMPARE(get->response().instances.size(), 1);
    QCOMPARE(get->response().instances.constFirst().value(u"Count"), CimValue::uint32(7));

    CimOperationResponse result;
    result.returnValue = CimValue::uint32(0);
    result.outParameters = CimSamples::methodParameters();
    server.setHandler(Server::cimHandler(result));
    WbemOperation *invoke = connection.invokeMethod(path, QStringLiteral("RequestStateChange"),
                                                    CimSamples::methodParameters());
    QVERIFY(waitFinished(invoke));
    QVERIFY2(invoke->error().isNull(), qPrintable(invoke->error().toString()));
    const Server::Request &received = server.requests().constLast();
    QCOMPARE(received.header("CIMMethod"), QByteArray("RequestStateChange"));
    // The extrinsic CIMObject is the URL-encoded local instance path.
    QCOMPARE(QUrl::fromPercentEncoding(received.header("CIMObject")), invoke->request().cimObjectHeader());
    QVERIFY(received.header("CIMObject").startsWith("root/cimv2%3A"));
    const auto request = CimXmlReader::readRequest(received.body);
    QVERIFY(request);
    QCOMPARE(request->methodName, QStringLiteral("RequestStateChange"));
    QCOMPARE(request->parameters.size(), CimSamples::methodParameters().size());
    for (const CimParamValue &parameter : CimSamples::methodParameters())
        QVERIFY(request->parameters.find(parameter.name()));
    QCOMPARE(invoke->response().returnValue, CimValue::uint32(0));
    QCOMPARE(invoke->response().outParameters.size(), CimSamples::methodParameters().size());
}

void TestWbemConnection::keepAlive()
{
    Server server;
    QVERIFY(server.listen());
    server.setHandler(Server::cimHandler(instancesResponse(1)));
    WbemConnection connection(optionsFor(server));
    for (int i = 0; i < 3; ++i) {
        WbemOperation *operation = connection.enumerateInstances(QStringLiteral("CIMDIAG_Small"));
        QVERIFY(waitFinished(operation));
        QVERIFY2(operation->error().isNull(), qPrintable(operation->error().toString()));
    }
    QCOMPARE(server.requests().size(), 3);
    QCOMPARE(server.connectionCount(), 1);
}

void TestWbemConnection::basicPreemptive()
{
    Server server;
    QVERIFY(server.listen());
    server.setHandler(Server::cimHandler(instancesResponse(1)));
    WbemConnectionOptions options = optionsFor(server);
    options.credentials = WbemCredentials::basic(QStringLiteral("alice"), QStringLiteral("s3cret!"));
    WbemConnection connection(options);
    WbemOperation *operation = connection.enumerateInstances(QStringLiteral("CIMDIAG_Small"));
    QVERIFY(waitFinished(operation));
    QVERIFY(operation->error().isNull());
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(server.requests().constFirst().header("Authorization"), basic("alice:s3cret!"));
}

void TestWbemConnection::basicOnChallenge()
{
    Server server;
    QVERIFY(server.listen());
    const QByteArray expected = basic("bob:pa:ss");
    const auto cim = Server::cimHandler(instancesResponse(2));
    server.setHandler([&](const Server::Request &request) {
        if (request.header("Authorization") == expected)
            return cim(request);
        Server::Response challenge;
        challenge.status = 401;
        challenge.reason = "Unauthorized";
        challenge.headers = {{"WWW-Authenticate", "Basic realm=\"cimom\""}};
        return challenge;
    });
    WbemConnectionOptions options = optionsFor(server);
    options.credentials = WbemCredentials::basic(QStringLiteral("bob"), QStringLiteral("pa:ss"), false);
    WbemConnection connection(options);
    WbemOperation *operation = connection.enumerateInstances(QStringLiteral("CIMDIAG_Small"));
    QVERIFY(waitFinished(operation));
    QVERIFY2(operation->error().isNull(), qPrintable(operation->error().toString()));
    QCOMPARE(operation->response().instances.size(), 2);
    QCOMPARE(server.requests().size(), 2);
    QVERIFY(!server.requests().at(0).hasHeader("Authorization"));
    QCOMPARE(server.requests().at(1).header("Authorization"), expected);
    QCOMPARE(server.requests().at(1).body, server.requests().at(0).body);

    // Once challenged, the connection sends Basic up front.
    WbemOperation *second = connection.enumerateInstances(QStringLiteral("CIMDIAG_Small"));
    QVERIFY(waitFinished(second));
    QVERIFY(second->error().isNull());
    QCOMPARE(server.requests().size(), 3);
    QCOMPARE(server.requests().at(2).header("Authorization"), expected);
}

void TestWbemConnection::cimTicket()
{
    Server server;
    QVERIFY(server.listen());
    server.setHandler(Server::cimHandler(instancesResponse(1)));
    WbemConnectionOptions options = optionsFor(server);
    options.credentials = WbemCredentials::cimTicket(QStringLiteral("52a3-ticket"));
    WbemConnection connection(options);
    WbemOperation *operation = connection.enumerateInstances(QStringLiteral("CIMDIAG_Small"));
    QVERIFY(waitFinished(operation));
    QVERIFY(operation->error().isNull());
    QCOMPARE(server.requests().constFirst().header("Authorization"), basic("52a3-ticket:52a3-ticket"));
}

void TestWbemConnection::authenticationError()
{
    Server server;
    QVERIFY(server.listen());
    Server::Response challenge;
    challenge.status = 401;
    challenge.reason = "Unauthorized";
    challenge.headers = {{"WWW-Authenticate", "Basic realm=\"Lockdown Mode\", Negotiate"}};
    server.setDefaultResponse(challenge);

    WbemConnection anonymous(optionsFor(server));
    WbemOperation *operation = anonymous.enumerateClassNames();
    QVERIFY(waitFinished(operation));
    QCOMPARE(operation->error().kind, WbemError::Kind::Authentication);
    QCOMPARE(operation->error().httpStatus, 401);
    QCOMPARE(operation->error().realm, QStringLiteral("Lockdown Mode"));
    QCOMPARE(operation->error().challengeSchemes, (QStringList{QStringLiteral("Basic"), QStringLiteral("Negotiate")}));
    QCOMPARE(server.requests().size(), 1);

    // Wrong credentials sent preemptively: one request, the same typed error.
    WbemConnectionOptions options = optionsFor(server);
    options.credentials = WbemCredentials::basic(QStringLiteral("alice"), QStringLiteral("wrong"));
    WbemConnection wrong(options);
    operation = wrong.enumerateClassNames();
    QVERIFY(waitFinished(operation));
    QCOMPARE(operation->error().kind, WbemError::Kind::Authentication);
    QVERIFY(operation->error().toString().contains(QStringLiteral("Lockdown Mode")));
    QCOMPARE(server.requests().size(), 2);
}

void TestWbemConnection::proxyAuthenticationError()
{
    Server proxy;
    QVERIFY(proxy.listen());
    Server::Response refusal;
    refusal.status = 407;
    refusal.reason = "Proxy Authentication Required";
    refusal.headers = {{"Proxy-Authenticate", "Basic realm=\"corp-proxy\""}};
    proxy.setDefaultResponse(refusal);
    WbemConnectionOptions options;
    options.url = QUrl(QStringLiteral("http://127.0.0.1:1"));
    options.proxy = WbemProxy::explicitProxy(QStringLiteral("127.0.0.1"), proxy.port());
    options.connectTimeout = 3000ms;
    options.readTimeout = 3000ms;
    WbemConnection connection(options);
    WbemOperation *operation = connection.enumerateClassNames();
    QVERIFY(waitFinished(operation));
    QCOMPARE(operation->error().kind, WbemError::Kind::Proxy);
    QCOMPARE(operation->error().httpStatus, 407);
    QVERIFY(!proxy.requests().isEmpty());
    // The proxy saw the request for the target, with the CIM headers.
    QVERIFY(proxy.requests().constFirst().target.startsWith("http://127.0.0.1:1/cimom"));
}

void TestWbemConnection::connectTimeout()
{
    // A server that accepts and then says nothing: the TLS handshake never completes.
    Server server;
    QVERIFY(server.listen());
    server.setSilent(true);
    WbemConnectionOptions options = optionsFor(server);
    options.url.setScheme(QStringLiteral("https"));
    options.connectTimeout = 300ms;
    options.readTimeout = 10000ms;
    WbemConnection connection(options);
    WbemOperation *operation = connection.enumerateClassNames();
    QVERIFY(waitFinished(operation));
    QCOMPARE(operation->error().kind, WbemError::Kind::Timeout);
    QCOMPARE(operation->error().timeoutPhase, WbemError::TimeoutPhase::Connect);
    QVERIFY(operation->clientTime() < 5s);
}

void TestWbemConnection::readTimeout()
{
    Server server;
    QVERIFY(server.listen());
    Server::Response stall;
    stall.action = Server::Response::Action::Stall;
    server.setDefaultResponse(stall);
    WbemConnectionOptions options = optionsFor(server);
    options.connectTimeout = 10000ms;
    options.readTimeout = 300ms;
    WbemConnection connection(options);
    WbemOperation *operation = connection.enumerateClassNames();
    QVERIFY(waitFinished(operation));
    QCOMPARE(operation->error().kind, WbemError::Kind::Timeout);
    QCOMPARE(operation->error().timeoutPhase, WbemError::TimeoutPhase::Read);
    QCOMPARE(server.requests().size(), 1);
}

void TestWbemConnection::totalTimeout()
{
    // One byte every 50 ms keeps the read timeout from ever firing; the total deadline stops it.
    Server server;
    QVERIFY(server.listen());
    const auto cim = Server::cimHandler(instancesResponse(5));
    server.setHandler([&](const Server::Request &request) {
        Server::Response response = cim(request);
        response.action = Server::Response::Action::Trickle;
        response.trickleIntervalMs = 50;
        return response;
    });
    WbemConnectionOptions options = optionsFor(server);
    options.readTimeout = 3000ms;
    options.totalTimeout = 400ms;
    WbemConnection connection(options);
    WbemOperation *operation = connection.enumerateInstances(QStringLiteral("CIMDIAG_Small"));
    QVERIFY(waitFinished(operation));
    QCOMPARE(operation->error().kind, WbemError::Kind::Timeout);
    QCOMPARE(operation->error().timeoutPhase, WbemError::TimeoutPhase::Total);
    QVERIFY(operation->error().message.contains(QStringLiteral("total timeout of 400 ms")));
    QVERIFY(operation->replySize() > 0); // it was receiving
    QVERIFY(operation->clientTime() < 2s);
}

void TestWbemConnection::maxReplySize()
{
    Server server;
    QVERIFY(server.listen());
    server.setHandler(Server::cimHandler(instancesResponse(50)));
    WbemConnectionOptions options = optionsFor(server);
    options.maxReplySize = 2000;
    WbemConnection connection(options);
    WbemOperation *operation = connection.enumerateInstances(QStringLiteral("CIMDIAG_Small"));
    QVERIFY(waitFinished(operation));
    QCOMPARE(operation->error().kind, WbemError::Kind::Http);
    QVERIFY2(operation->error().message.contains(QStringLiteral("maximum reply size of 2000 bytes")),
             qPrintable(operation->error().toString()));
    QVERIFY(operation->response().instances.isEmpty());

    // Under the limit it works.
    options.maxReplySize = 10 * 1024 * 1024;
    connection.setOptions(options);
    operation = connection.enumerateInstances(QStringLiteral("CIMDIAG_Small"));
    QVERIFY(waitFinished(operation));
    QVERIFY2(operation->error().isNull(), qPrintable(operation->error().toString()));
    QCOMPARE(operation->response().instances.size(), 50);
}

void TestWbemConnection::connectionRefused()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    WbemConnectionOptions options;
    options.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    options.proxy = WbemProxy::none();
    WbemConnection connection(options);
    WbemOperation *operation = connection.enumerateClassNames();
    QVERIFY(waitFinished(operation));
    QCOMPARE(operation->error().kind, WbemError::Kind::Connection);
    QCOMPARE(operation->error().networkError, QNetworkReply::ConnectionRefusedError);
    QCOMPARE(operation->httpStatus(), 0);
}

void TestWbemConnection::proxyNoneBypassesEnvironment()
{
    Server server;
    QVERIFY(server.listen());
    server.setHandler(Server::cimHandler(instancesResponse(1)));
    // A loopback port nobody listens on: a request sent through this "proxy" is refused.
    quint16 deadPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        deadPort = probe.serverPort();
    }
    const QList<QByteArray> names{"http_proxy", "HTTP_PROXY", "no_proxy", "NO_PROXY"};
    QList<std::optional<QByteArray>> saved;
    for (const QByteArray &name : names) {
        const char *variable = name.constData();
        saved.append(qEnvironmentVariableIsSet(variable) ? std::optional(qgetenv(variable)) : std::nullopt);
    }
    const auto restore = qScopeGuard([&] {
        for (qsizetype i = 0; i < names.size(); ++i) {
            if (saved.at(i))
                qputenv(names.at(i).constData(), *saved.at(i));
            else
                qunsetenv(names.at(i).constData());
        }
    });
    const QByteArray deadProxy = "http://127.0.0.1:" + QByteArray::number(deadPort);
    qputenv("http_proxy", deadProxy);
    qputenv("HTTP_PROXY", deadProxy);
    qunsetenv("no_proxy");
    qunsetenv("NO_PROXY");

    // The system setting does pick the environment proxy up, or this test would prove nothing.
    WbemConnectionOptions options = optionsFor(server);
    options.proxy = WbemProxy{};
    WbemConnection system(options);
    WbemOperation *viaProxy = system.enumerateInstances(QStringLiteral("CIMDIAG_Small"));
    QVERIFY(waitFinished(viaProxy));
    const WbemError::Kind proxyKind = viaProxy->error().kind;
    QVERIFY2(proxyKind == WbemError::Kind::Proxy || proxyKind == WbemError::Kind::Connection,
             qPrintable(viaProxy->error().toString()));
    QVERIFY(server.requests().isEmpty());

    options.proxy = WbemProxy::none();
    WbemConnection direct(options);
    WbemOperation *operation = direct.enumerateInstances(QStringLiteral("CIMDIAG_Small"));
    QVERIFY(waitFinished(operation));
    QVERIFY2(operation->error().isNull(), qPrintable(operation->error().toString()));
    QCOMPARE(operation->response().instances.size(), 1);
    QCOMPARE(server.requests().size(), 1);
    // Direct: origin-form target, not the absolute URI a proxy gets.
    QCOMPARE(server.requests().constFirst().target, QByteArray("/cimom"));
}

void TestWbemConnection::closedEarly_data()
{
    QTest::addColumn<int>("action");
    QTest::newRow("reset") << int(Server::Response::Action::Reset);
    QTest::newRow("close mid-body") << int(Server::Response::Action::CloseEarly);
}

void TestWbemConnection::closedEarly()
{
    QFETCH(int, action);
    Server server;
    QVERIFY(server.listen());
    const auto cim = Server::cimHandler(instancesResponse(20));
    server.setHandler([&](const Server::Request &request) {
        Server::Response response = cim(request);
        response.action = Server::Response::Action(action);
        return response;
    });
    WbemConnection connection(optionsFor(server));
    WbemOperation *operation = connection.enumerateInstances(QStringLiteral("CIMDIAG_Small"));
    QVERIFY(waitFinished(operation));
    QCOMPARE(operation->error().kind, WbemError::Kind::Connection);
    QVERIFY(operation->error().networkError != QNetworkReply::NoError);
}

void TestWbemConnection::nonCimServer()
{
    Server server;
    QVERIFY(server.listen());
    server.setDefaultResponse(cimBody(200, "text/html", "<html><body>It works!</body></html>"));
    WbemConnection connection(optionsFor(server));
    WbemOperation *operation = connection.enumerateClassNames();
    QVERIFY(waitFinished(operation));
    QCOMPARE(operation->error().kind, WbemError::Kind::Http);
    QCOMPARE(operation->error().httpStatus, 200);
    QCOMPARE(operation->error().contentType, QStringLiteral("text/html"));
    QVERIFY(operation->error().message.contains(QStringLiteral("not a CIM server")));
}

void TestWbemConnection::cimErrorHeader()
{
    Server server;
    QVERIFY(server.listen());
    server.setDefaultResponse(cimBody(400, "text/plain", {},
                                      {{"CIMError", "request-not-valid"},
                                       {"PGErrorDetail", "Missing%20CIMMethod%20header%3A%20see%20DSP0200"}}));
    WbemConnection connection(optionsFor(server));
    WbemOperation *operation = connection.enumerateClassNames();
    QVERIFY(waitFinished(operation));
    const WbemError &error = operation->error();
    QCOMPARE(error.kind, WbemError::Kind::Http);
    QCOMPARE(error.httpStatus, 400);
    QCOMPARE(error.cimErrorHeader, QStringLiteral("request-not-valid"));
    QCOMPARE(error.pgErrorDetail, QStringLiteral("Missing CIMMethod header: see DSP0200"));
    QVERIFY(error.toString().contains(QStringLiteral("CIMError: request-not-valid")));
}

void TestWbemConnection::invalidXml()
{
    Server server;
    QVERIFY(server.listen());
    server.setDefaultResponse(cimBody(200, "application/xml", "<?xml version=\"1.0\"?>\n<CIM CIMVERSION=\"2.0\">\n<oops>",
                                      {{"CIMOperation", "MethodResponse"}}));
    WbemConnection connection(optionsFor(server));
    WbemOperation *operation = connection.enumerateClassNames();
    QVERIFY(waitFinished(operation));
    QCOMPARE(operation->error().kind, WbemError::Kind::CimXml);
    QVERIFY(!operation->error().xmlError.isNull());
    QVERIFY(operation->error().xmlError.line > 0);
}

void TestWbemConnection::cimError()
{
    Server server;
    QVERIFY(server.listen());
    CimOperationResponse failure;
    failure.status = CimStatus(6, QStringLiteral("no such instance"), {CimSamples::errorInstance()});
    server.setHandler(Server::cimHandler(failure));
    WbemConnection connection(optionsFor(server));
    WbemOperation *operation = connection.getInstance(CimSamples::systemPath(true, false));
    QVERIFY(waitFinished(operation));
    QCOMPARE(operation->error().kind, WbemError::Kind::Cim);
    QCOMPARE(operation->error().cimStatus.code(), 6);
    QCOMPARE(operation->error().cimStatus.description(), QStringLiteral("no such instance"));
    QCOMPARE(operation->error().cimStatus.errorInstances().size(), 1);
    QCOMPARE(operation->response().status.code(), 6);
}

void TestWbemConnection::cancel()
{
    Server server;
    QVERIFY(server.listen());
    Server::Response stall;
    stall.action = Server::Response::Action::Stall;
    server.setDefaultResponse(stall);
    WbemConnection connection(optionsFor(server));
    WbemOperation *operation = connection.enumerateClassNames();
    QSignalSpy spy(operation, &WbemOperation::finished);
    QTRY_COMPARE_WITH_TIMEOUT(server.requests().size(), 1, 5000);
    QVERIFY(!operation->isFinished());
    operation->cancel();
    QCOMPARE(spy.count(), 1);
    QVERIFY(operation->isFinished());
    QCOMPARE(operation->error().kind, WbemError::Kind::Cancelled);
    operation->cancel();
    QTest::qWait(50);
    QCOMPARE(spy.count(), 1);
}

void TestWbemConnection::cancelBeforeStart()
{
    Server server;
    QVERIFY(server.listen());
    WbemConnection connection(optionsFor(server));
    WbemOperation *operation = connection.enumerateClassNames();
    QSignalSpy spy(operation, &WbemOperation::finished);
    operation->cancel();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(operation->error().kind, WbemError::Kind::Cancelled);
    QTest::qWait(100);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(server.requests().size(), 0);
}

void TestWbemConnection::setOptionsFinishesRunning()
{
    Server server;
    QVERIFY(server.listen());
    Server::Response stall;
    stall.action = Server::Response::Action::Stall;
    server.setDefaultResponse(stall);
    WbemConnectionOptions options = optionsFor(server);
    options.readTimeout = 300ms; // a lost operation would time out (or hang) instead
    WbemConnection connection(options);
    connection.setServerSupportsPull(true);
    WbemOperation *operation = connection.enumerateClassNames();
    QSignalSpy spy(operation, &WbemOperation::finished);
    QTRY_COMPARE_WITH_TIMEOUT(server.requests().size(), 1, 5000);
    QVERIFY(!operation->isFinished());
    options.readTimeout = 3000ms;
    connection.setOptions(options);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(operation->error().kind, WbemError::Kind::Cancelled);
    QVERIFY(operation->error().message.contains(QStringLiteral("options changed")));
    QCOMPARE(connection.serverSupportsPull(), std::nullopt);
    QTest::qWait(600); // past the old read timeout: no second finished()
    QCOMPARE(spy.count(), 1);

    // The new transport works.
    server.setDefaultResponse({});
    server.setHandler(Server::cimHandler(instancesResponse(1)));
    WbemOperation *next = connection.enumerateInstances(QStringLiteral("CIMDIAG_Small"));
    QVERIFY(waitFinished(next));
    QVERIFY2(next->error().isNull(), qPrintable(next->error().toString()));
}

void TestWbemConnection::deleteInFinishedSlot_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("success") << QStringLiteral("success");
    QTest::newRow("cancel") << QStringLiteral("cancel");
    QTest::newRow("bytesReceived") << QStringLiteral("bytesReceived");
    QTest::newRow("enumeration batch") << QStringLiteral("batch");
}

void TestWbemConnection::deleteInFinishedSlot()
{
    // Deleting the handle from its own signal must not make the rest of the emission touch freed
    // memory (run this under the asan preset to see it, though a crash shows it too).
    QFETCH(QString, how);
    Server server;
    QVERIFY(server.listen());
    if (how == QLatin1String("cancel")) {
        Server::Response stall;
        stall.action = Server::Response::Action::Stall;
        server.setDefaultResponse(stall);
    } else {
        server.setHandler(Server::cimHandler(instancesResponse(3)));
    }
    WbemConnection connection(optionsFor(server));
    int announced = 0;
    connect(&connection, &WbemConnection::operationFinished, &connection, [&] { ++announced; });
    if (how == QLatin1String("batch")) {
        QPointer<WbemEnumeration> enumeration = connection.iterEnumerateInstances(QStringLiteral("CIMDIAG_Small"));
        connect(enumeration, &WbemEnumeration::batchReceived, enumeration, [&] { delete enumeration.data(); });
        QTRY_VERIFY_WITH_TIMEOUT(!enumeration, 5000);
        QTest::qWait(50);
        return;
    }
    QPointer<WbemOperation> operation = connection.enumerateInstances(QStringLiteral("CIMDIAG_Small"));
    int calls = 0;
    const auto kill = [&] {
        ++calls;
        delete operation.data();
    };
    if (how == QLatin1String("bytesReceived"))
        connect(operation, &WbemOperation::bytesReceived, operation, kill);
    else
        connect(operation, &WbemOperation::finished, operation, kill);
    if (how == QLatin1String("cancel")) {
        QTRY_COMPARE_WITH_TIMEOUT(server.requests().size(), 1, 5000);
        operation->cancel();
    }
    QTRY_VERIFY_WITH_TIMEOUT(!operation, 5000);
    QTest::qWait(50);
    QCOMPARE(calls, 1);
    if (how != QLatin1String("bytesReceived"))
        QCOMPARE(announced, 0); // the operation was gone before it could be announced
}

void TestWbemConnection::statistics()
{
    Server server;
    QVERIFY(server.listen());
    QByteArray replyBody;
    server.setHandler([&](const Server::Request &request) {
        const auto decoded = CimXmlReader::readRequest(request.body);
        CimOperationResponse response = instancesResponse(2);
        if (decoded && decoded->operation == CimOperation::GetInstance) {
            response = CimOperationResponse();
            response.status = CimStatus(6, QStringLiteral("gone"));
        }
        Server::Response reply = Server::cimReply(request, response, {{"WBEMServerResponseTime", "1500"}});
        if (decoded && decoded->operation == CimOperation::EnumerateInstances)
            replyBody = reply.body;
        return reply;
    });
    WbemConnection connection(optionsFor(server));
    QVERIFY(!connection.statistics().isEnabled());
    connection.statistics().setEnabled(true);
    for (int i = 0; i < 2; ++i)
        QVERIFY(waitFinished(connection.enumerateInstances(QStringLiteral("CIMDIAG_Small"))));
    WbemOperation *failed = connection.getInstance(CimSamples::systemPath(true, false));
    QVERIFY(waitFinished(failed));
    QCOMPARE(failed->serverTime(), std::optional(std::chrono::microseconds(1500)));

    const auto snapshot = connection.statistics().snapshot();
    QCOMPARE(snapshot.size(), 2);
    const WbemOperationStatistic enumerate = connection.statistics().statistic(QStringLiteral("EnumerateInstances"));
    QCOMPARE(enumerate.count, 2);
    QCOMPARE(enumerate.errorCount, 0);
    QCOMPARE(enumerate.serverTimeCount, 2);
    QCOMPARE(enumerate.serverTimeMinUs, 1500);
    QCOMPARE(enumerate.serverTimeMaxUs, 1500);
    QCOMPARE(enumerate.serverTimeAvgUs(), 1500.0);
    QCOMPARE(enumerate.replySizeMin, replyBody.size());
    QCOMPARE(enumerate.replySizeMax, replyBody.size());
    QCOMPARE(enumerate.requestSizeMin, server.requests().constFirst().body.size());
    QVERIFY(enumerate.clientTimeMinUs > 0);
    QVERIFY(enumerate.clientTimeMinUs <= enumerate.clientTimeMaxUs);
    QVERIFY(enumerate.clientTimeAvgUs() >= double(enumerate.clientTimeMinUs));
    const WbemOperationStatistic get = connection.statistics().statistic(QStringLiteral("GetInstance"));
    QCOMPARE(get.count, 1);
    QCOMPARE(get.errorCount, 1);

    connection.statistics().reset();
    QVERIFY(connection.statistics().snapshot().isEmpty());
    connection.statistics().setEnabled(false);
    QVERIFY(waitFinished(connection.enumerateInstances(QStringLiteral("CIMDIAG_Small"))));
    QVERIFY(connection.statistics().snapshot().isEmpty());
}

void TestWbemConnection::logRecorderRedacts()
{
    Server server;
    QVERIFY(server.listen());
    server.setHandler(Server::cimHandler(instancesResponse(2)));
    WbemConnectionOptions options = optionsFor(server);
    options.credentials = WbemCredentials::basic(QStringLiteral("alice"), QStringLiteral("s3cret!"));
    WbemConnection connection(options);
    QStringList operationLines;
    QStringList httpLines;
    auto recorder = std::make_shared<WbemLogRecorder>([&](WbemLogRecorder::Channel channel, const QString &text) {
        (channel == WbemLogRecorder::Channel::Operation ? operationLines : httpLines) << text;
    });
    QByteArray deviceText;
    QBuffer device(&deviceText);
    QVERIFY(device.open(QIODevice::WriteOnly));
    auto deviceRecorder = std::make_shared<WbemLogRecorder>(&device);
    deviceRecorder->setHttpChannelEnabled(false);
    connection.addRecorder(recorder);
    connection.addRecorder(deviceRecorder);
    QVERIFY(waitFinished(connection.enumerateInstances(QStringLiteral("CIMDIAG_Small"))));

    // Both sides: the server got the real credentials, the log never shows them.
    QCOMPARE(server.requests().constFirst().header("Authorization"), basic("alice:s3cret!"));
    const QString all = operationLines.join(QLatin1Char('\n')) + httpLines.join(QLatin1Char('\n'))
        + QString::fromUtf8(deviceText);
    QVERIFY(!all.contains(QStringLiteral("s3cret")));
    QVERIFY(!all.contains(QString::fromLatin1(QByteArray("alice:s3cret!").toBase64())));
    QVERIFY(all.contains(QStringLiteral("Authorization: Basic ***")));
    QCOMPARE(operationLines.size(), 2);
    QVERIFY(operationLines.at(0).startsWith(QStringLiteral("Request: EnumerateInstances(")));
    QVERIFY(operationLines.at(1).startsWith(QStringLiteral("Return: EnumerateInstances(2 instances")));
    QCOMPARE(httpLines.size(), 2);
    QVERIFY(httpLines.at(0).contains(QStringLiteral("POST /cimom HTTP/1.1")));
    QVERIFY(httpLines.at(0).contains(QStringLiteral("CIMMethod: EnumerateInstances")));
    QVERIFY(httpLines.at(1).contains(QStringLiteral("HTTP/1.1 200 OK")));
    QVERIFY(httpLines.at(1).contains(QStringLiteral("CIMOperation: MethodResponse")));
    QVERIFY(deviceText.startsWith("[operation] Request: EnumerateInstances("));
    QVERIFY(!deviceText.contains("[http]"));

    // Max length cuts; a disabled recorder records nothing.
    operationLines.clear();
    recorder->setMaxOperationLength(20);
    recorder->setHttpChannelEnabled(false);
    deviceRecorder->setEnabled(false);
    const qsizetype deviceSize = deviceText.size();
    QVERIFY(waitFinished(connection.enumerateInstances(QStringLiteral("CIMDIAG_Small"))));
    QCOMPARE(operationLines.size(), 2);
    QVERIFY(operationLines.at(0).contains(QStringLiteral("more characters")));
    QCOMPARE(deviceText.size(), deviceSize);

    // Tickets are redacted too.
    options.credentials = WbemCredentials::cimTicket(QStringLiteral("ticket-xyz"));
    connection.setOptions(options);
    httpLines.clear();
    recorder->setHttpChannelEnabled(true);
    QVERIFY(waitFinished(connection.enumerateInstances(QStringLiteral("CIMDIAG_Small"))));
    QVERIFY(!httpLines.join(QLatin1Char('\n')).contains(QStringLiteral("ticket-xyz")));
    QVERIFY(!httpLines.join(QLatin1Char('\n')).contains(QString::fromLatin1(QByteArray("ticket-xyz:ticket-xyz").toBase64())));
}

void TestWbemConnection::recordersRedactEchoedSecrets()
{
    // A server that echoes the secret back in every text an error carries: the reason phrase,
    // CIMError, PGErrorDetail and a CIM error description. And the secret as a method parameter,
    // which the Full operation log prints from the decoded request.
    const QByteArray user = "dave";
    const QByteArray password = "Pa55wordXyz";
    const QByteArray pair = user + ':' + password;
    const QByteArray echo = password + " " + password.toBase64() + " " + pair.toBase64();
    Server server;
    QVERIFY(server.listen());
    server.setHandler([&](const Server::Request &request) {
        if (request.header("CIMMethod") == "EnumerateClassNames") {
            Server::Response response = cimBody(400, "text/plain", "bad",
                                                {{"CIMError", "request-not-valid " + echo},
                                                 {"PGErrorDetail", QUrl::toPercentEncoding(QString::fromLatin1(echo))}});
            response.reason = "Bad " + echo;
            return response;
        }
        CimOperationResponse failure;
        failure.status = CimStatus(1, QStringLiteral("login failed for ") + QString::fromLatin1(echo));
        return Server::cimReply(request, failure);
    });
    WbemConnectionOptions options = optionsFor(server);
    options.credentials = WbemCredentials::basic(QString::fromLatin1(user), QString::fromLatin1(password));
    WbemConnection connection(options);
    QStringList lines;
    auto log = std::make_shared<WbemLogRecorder>(
        [&](WbemLogRecorder::Channel, const QString &text) { lines << text; });
    log->setDetail(WbemLogRecorder::Detail::Full);
    connection.addRecorder(log);
    const QString path = m_dir.filePath(QStringLiteral("echo-session.jsonl"));
    auto session = std::make_shared<WbemSessionRecorder>(path);
    QVERIFY(session->isOpen());
    connection.addRecorder(session);

    WbemOperation *http = connection.enumerateClassNames();
    QVERIFY(waitFinished(http));
    QCOMPARE(http->error().kind, WbemError::Kind::Http);
    QVERIFY(http->error().pgErrorDetail.contains(QString::fromLatin1(password))); // the server did echo it
    CimParamValueList parameters;
    parameters.insert(CimParamValue(QStringLiteral("Password"), CimValue::string(QString::fromLatin1(password))));
    WbemOperation *cim = connection.invokeMethod(CimSamples::systemPath(true, false), QStringLiteral("Login"),
                                                 parameters);
    QVERIFY(waitFinished(cim));
    QCOMPARE(cim->error().kind, WbemError::Kind::Cim);

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray recorded = lines.join(QLatin1Char('\n')).toUtf8() + '\n' + file.readAll();
    QVERIFY(recorded.contains("PGErrorDetail"));
    QVERIFY(recorded.contains("login failed for"));
    for (const QByteArray &secret : {password, password.toBase64(), pair.toBase64()})
        QVERIFY2(!recorded.contains(secret), secret.constData());
}

void TestWbemConnection::recordersGetRedactedHeadsAtTheCut()
{
    // Recorders that show the head of a body get only that head, redacted: a secret right at the
    // cut is redacted whole or left out, never handed over in part. The server echoes the password
    // at every offset around the cut (kept bytes) and the end of the margin (+ longest secret).
    const QByteArray user = "dave";
    const QByteArray password = "Pa55wordXyz";
    const QByteArray pairBase64 = QByteArray(user + ':' + password).toBase64(); // the longest secret
    constexpr qsizetype kKept = 64;
    QByteArray body;
    Server server;
    QVERIFY(server.listen());
    server.setHandler([&](const Server::Request &) { return cimBody(500, "text/plain", body); });
    WbemConnectionOptions options = optionsFor(server);
    options.credentials = WbemCredentials::basic(QString::fromLatin1(user), QString::fromLatin1(password));
    WbemConnection connection(options);
    auto head = std::make_shared<HeadRecorder>(kKept);
    connection.addRecorder(head);
    QStringList logLines;
    auto log
        = std::make_shared<WbemLogRecorder>([&](WbemLogRecorder::Channel, const QString &text) { logLines << text; });
    log->setMaxHttpBodyLength(10); // keeps 41 bytes: the head recorder's 64 are what is handed over
    connection.addRecorder(log);
    const WbemRedactor redactor(options.credentials.secrets());
    for (const QByteArray &secret : {password, pairBase64}) {
        for (qsizetype offset = kKept - secret.size() - 1; offset <= kKept + pairBase64.size() + 1; ++offset) {
            const QString row = QStringLiteral("%1 at %2").arg(QString::fromLatin1(secret)).arg(offset);
            body = QByteArray(offset, 'x') + secret + QByteArray(200, 'y');
            head->exchanges.clear();
            QVERIFY(waitFinished(connection.enumerateClassNames()));
            QCOMPARE(head->exchanges.size(), 1);
            const WbemExchange &exchange = head->exchanges.constFirst();
            QCOMPARE(exchange.status, 500);
            const QByteArray &got = exchange.replyBody;
            QVERIFY2(!got.contains(password) && !got.contains(pairBase64), qPrintable(row));
            for (qsizetype length = 1; length < secret.size(); ++length)
                QVERIFY2(!got.endsWith(secret.first(length)), qPrintable(row));
            // Exactly the start of the body redacted whole, covering at least the kept bytes.
            QVERIFY2(redactor.redact(body).startsWith(got), qPrintable(row));
            QVERIFY2(exchange.replyBodyOmitted > 0, qPrintable(row));
            QVERIFY2(body.size() - exchange.replyBodyOmitted >= kKept, qPrintable(row));
        }
    }
    QVERIFY(logLines.join(QLatin1Char('\n')).contains(QStringLiteral("xxxxxxxxxx... (")));
    QVERIFY(!logLines.join(QLatin1Char('\n')).contains(QString::fromLatin1(password)));

    // A recorder that keeps whole bodies (a session replay) gets them whole, all of them redacted.
    const QString path = m_dir.filePath(QStringLiteral("head-session.jsonl"));
    auto session = std::make_shared<WbemSessionRecorder>(path);
    QVERIFY(session->isOpen());
    connection.addRecorder(session);
    body = QByteArray(kKept, 'x') + password + QByteArray(5000, 'y') + password;
    head->exchanges.clear();
    QVERIFY(waitFinished(connection.enumerateClassNames()));
    QCOMPARE(head->exchanges.size(), 1);
    QCOMPARE(head->exchanges.constFirst().replyBodyOmitted, 0);
    QCOMPARE(head->exchanges.constFirst().replyBody, redactor.redact(body));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray recorded = file.readAll();
    QVERIFY(recorded.contains(QByteArray(QByteArray(5000, 'y') + "***")));
    QVERIFY(!recorded.contains(password));
}

void TestWbemConnection::sessionRecorderFormat()
{
    Server server;
    QVERIFY(server.listen());
    const auto cim = Server::cimHandler(instancesResponse(1));
    QList<QByteArray> replies;
    server.setHandler([&](const Server::Request &request) {
        Server::Response response = cim(request);
        replies << response.body;
        return response;
    });
    WbemConnectionOptions options = optionsFor(server);
    options.credentials = WbemCredentials::basic(QStringLiteral("carol"), QStringLiteral("hunter2"));
    WbemConnection connection(options);
    const QString path = m_dir.filePath(QStringLiteral("session.jsonl"));
    auto recorder = std::make_shared<WbemSessionRecorder>(path);
    QVERIFY(recorder->isOpen());
    connection.addRecorder(recorder);
    QVERIFY(waitFinished(connection.enumerateInstances(QStringLiteral("CIMDIAG_Small"))));
    QVERIFY(waitFinished(connection.enumerateClassNames()));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(!text.contains("hunter2"));
    const QList<QByteArray> lines = text.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    const QJsonObject header = QJsonDocument::fromJson(lines.at(0)).object();
    QCOMPARE(header.value(QStringLiteral("type")).toString(), QStringLiteral("session"));
    QCOMPARE(header.value(QStringLiteral("format")).toString(), QStringLiteral("cimdiag-wbem-session"));
    QCOMPARE(header.value(QStringLiteral("version")).toInt(), 1);
    for (int i = 1; i < 3; ++i) {
        const QJsonObject exchange = QJsonDocument::fromJson(lines.at(i)).object();
        QCOMPARE(exchange.value(QStringLiteral("type")).toString(), QStringLiteral("exchange"));
        QCOMPARE(exchange.value(QStringLiteral("seq")).toInt(), i);
        QVERIFY(exchange.value(QStringLiteral("final")).toBool());
        const QJsonObject request = exchange.value(QStringLiteral("request")).toObject();
        QCOMPARE(request.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
        QCOMPARE(request.value(QStringLiteral("path")).toString(), QStringLiteral("/cimom"));
        QCOMPARE(request.value(QStringLiteral("body")).toString().toUtf8(), server.requests().at(i - 1).body);
        bool sawAuthorization = false;
        for (const QJsonValue &pair : request.value(QStringLiteral("headers")).toArray()) {
            if (pair.toArray().at(0).toString() == QLatin1String("Authorization")) {
                sawAuthorization = true;
                QCOMPARE(pair.toArray().at(1).toString(), QStringLiteral("Basic ***"));
            }
        }
        QVERIFY(sawAuthorization);
        const QJsonObject reply = exchange.value(QStringLiteral("reply")).toObject();
        QCOMPARE(reply.value(QStringLiteral("status")).toInt(), 200);
        QCOMPARE(reply.value(QStringLiteral("body")).toString().toUtf8(), replies.at(i - 1));
        QVERIFY(exchange.value(QStringLiteral("error")).isNull());
    }
    QCOMPARE(QJsonDocument::fromJson(lines.at(1)).object().value(QStringLiteral("operation")).toString(),
             QStringLiteral("EnumerateInstances"));
    QCOMPARE(QJsonDocument::fromJson(lines.at(2)).object().value(QStringLiteral("operation")).toString(),
             QStringLiteral("EnumerateClassNames"));
}

void TestWbemConnection::pullIteration()
{
    Server server;
    QVERIFY(server.listen());
    int served = 0;
    server.setHandler([&](const Server::Request &request) {
        CimOperationResponse response;
        for (int i = 0; i < 2 && served < 5; ++i)
            response.instances.append(CimSamples::smallInstance(served++));
        response.endOfSequence = served >= 5;
        response.enumerationContext = response.endOfSequence ? QString() : QStringLiteral("ctx-%1").arg(served);
        return Server::cimReply(request, response);
    });
    WbemConnectionOptions options = optionsFor(server);
    options.pullMaxObjectCount = 2;
    WbemConnection connection(options);
    CimRequestOptions requestOptions;
    requestOptions.maxObjectCount = 2;
    WbemEnumeration *enumeration = connection.iterEnumerateInstances(QStringLiteral("CIMDIAG_Small"), requestOptions);
    QSignalSpy batches(enumeration, &WbemEnumeration::batchReceived);
    QVERIFY(waitFinished(enumeration));
    QVERIFY2(enumeration->error().isNull(), qPrintable(enumeration->error().toString()));
    QVERIFY(enumeration->usedPull());
    QCOMPARE(enumeration->response().instances.size(), 5);
    QCOMPARE(batches.count(), 3);
    QCOMPARE(enumeration->requestCount(), 3);
    QCOMPARE(connection.serverSupportsPull(), std::optional<bool>(true));
    QCOMPARE(server.requests().size(), 3);
    QCOMPARE(server.requests().at(0).header("CIMMethod"), QByteArray("OpenEnumerateInstances"));
    QCOMPARE(server.requests().at(1).header("CIMMethod"), QByteArray("PullInstancesWithPath"));
    QCOMPARE(server.requests().at(2).header("CIMMethod"), QByteArray("PullInstancesWithPath"));
    const auto pull = CimXmlReader::readRequest(server.requests().at(2).body);
    QVERIFY(pull);
    const CimArgument *context = pull->arguments.find(u"EnumerationContext");
    QVERIFY(context);
    QCOMPARE(context->get<CimValue>()->toString(), QStringLiteral("ctx-4"));
}

void TestWbemConnection::pullEmptyForever()
{
    // Open and every Pull: no objects, EndOfSequence false, the same context.
    Server server;
    QVERIFY(server.listen());
    server.setHandler([](const Server::Request &request) {
        CimOperationResponse response;
        response.endOfSequence = false;
        response.enumerationContext = QStringLiteral("ctx-forever");
        return Server::cimReply(request, response);
    });
    WbemConnection connection(optionsFor(server));
    WbemEnumeration *enumeration = connection.iterEnumerateInstances(QStringLiteral("CIMDIAG_Small"));
    QVERIFY(waitFinished(enumeration));
    QCOMPARE(enumeration->error().kind, WbemError::Kind::Cim);
    QCOMPARE(enumeration->error().cimStatus.statusCode(), CimStatusCode::Failed);
    QVERIFY2(enumeration->error().message.contains(QStringLiteral("3 empty pulls without ending the enumeration")),
             qPrintable(enumeration->error().toString()));
    QCOMPARE(enumeration->requestCount(), 4); // Open + 3 Pulls
    // The context is closed on the server (fire and forget), and nothing more is sent.
    QTRY_COMPARE_WITH_TIMEOUT(server.requests().size(), 5, 5000);
    QCOMPARE(server.requests().at(4).header("CIMMethod"), QByteArray("CloseEnumeration"));
    QTest::qWait(100);
    QCOMPARE(server.requests().size(), 5);
}

void TestWbemConnection::pullFailureClosesContext_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<bool>("closes");
    QTest::newRow("CIM_ERR_ACCESS_DENIED") << 2 << true;
    QTest::newRow("CIM_ERR_INVALID_ENUMERATION_CONTEXT") << 21 << false;
}

void TestWbemConnection::pullFailureClosesContext()
{
    QFETCH(int, code);
    QFETCH(bool, closes);
    Server server;
    QVERIFY(server.listen());
    server.setHandler([code](const Server::Request &request) {
        CimOperationResponse response;
        if (request.header("CIMMethod") == "OpenEnumerateInstances") {
            response.instances.append(CimSamples::smallInstance(0));
            response.enumerationContext = QStringLiteral("ctx-1");
        } else if (request.header("CIMMethod") == "PullInstancesWithPath") {
            response.status = CimStatus(code, QStringLiteral("pull failed"));
        }
        return Server::cimReply(request, response);
    });
    WbemConnection connection(optionsFor(server));
    WbemEnumeration *enumeration = connection.iterEnumerateInstances(QStringLiteral("CIMDIAG_Small"));
    QVERIFY(waitFinished(enumeration));
    QCOMPARE(enumeration->error().kind, WbemError::Kind::Cim);
    QCOMPARE(enumeration->error().cimStatus.code(), code);
    if (closes) {
        QTRY_COMPARE_WITH_TIMEOUT(server.requests().size(), 3, 5000);
        QCOMPARE(server.requests().at(2).header("CIMMethod"), QByteArray("CloseEnumeration"));
        const auto close = CimXmlReader::readRequest(server.requests().at(2).body);
        QVERIFY(close);
        const CimArgument *context = close->arguments.find(u"EnumerationContext");
        QVERIFY(context);
        QCOMPARE(context->get<CimValue>()->toString(), QStringLiteral("ctx-1"));
    } else {
        QTest::qWait(100);
        QCOMPARE(server.requests().size(), 2);
    }
}

void TestWbemConnection::pullFallback_data()
{
    QTest::addColumn<int>("code");
    QTest::newRow("CIM_ERR_NOT_SUPPORTED") << 7;
    QTest::newRow("CIM_ERR_FAILED (old SFCB)") << 1;
}

void TestWbemConnection::pullFallback()
{
    QFETCH(int, code);
    Server server;
    QVERIFY(server.listen());
    server.setHandler([&](const Server::Request &request) {
        const auto decoded = CimXmlReader::readRequest(request.body);
        CimOperationResponse response;
        if (decoded && isPullOperation(decoded->operation)) {
            response.status = CimStatus(code, QStringLiteral("no pull here"));
        } else {
            for (int i = 0; i < 3; ++i) {
                CimInstanceName name = CimSamples::smallInstance(i).path();
                name.setNameSpace({});
                name.setHost({});
                response.instanceNames.append(name);
            }
        }
        return Server::cimReply(request, response);
    });
    WbemConnection connection(optionsFor(server));
    WbemEnumeration *enumeration = connection.iterEnumerateInstancePaths(QStringLiteral("CIMDIAG_Small"));
    QVERIFY(waitFinished(enumeration));
    QVERIFY2(enumeration->error().isNull(), qPrintable(enumeration->error().toString()));
    QVERIFY(!enumeration->usedPull());
    QCOMPARE(enumeration->response().instanceNames.size(), 3);
    QCOMPARE(enumeration->response().instanceNames.constFirst().nameSpace(), QStringLiteral("root/cimv2"));
    QCOMPARE(connection.serverSupportsPull(), std::optional<bool>(false));
    QCOMPARE(server.requests().size(), 2);
    QCOMPARE(server.requests().at(0).header("CIMMethod"), QByteArray("OpenEnumerateInstancePaths"));
    QCOMPARE(server.requests().at(1).header("CIMMethod"), QByteArray("EnumerateInstanceNames"));

    // The connection remembers: the next helper goes straight to the traditional operation.
    WbemEnumeration *again = connection.iterEnumerateInstancePaths(QStringLiteral("CIMDIAG_Small"));
    QVERIFY(waitFinished(again));
    QVERIFY(again->error().isNull());
    QCOMPARE(server.requests().size(), 3);
    QCOMPARE(server.requests().at(2).header("CIMMethod"), QByteArray("EnumerateInstanceNames"));
}

void TestWbemConnection::tlsUntrusted()
{
    Server server;
    QVERIFY(server.listenTls(m_leaf));
    server.setHandler(Server::cimHandler(instancesResponse(1)));
    WbemConnection connection(optionsFor(server));
    WbemOperation *operation = connection.enumerateClassNames();
    QVERIFY(waitFinished(operation));
    QCOMPARE(operation->error().kind, WbemError::Kind::Tls);
    QVERIFY(!operation->error().sslErrors.isEmpty());
    QVERIFY(!operation->error().peerChain.isEmpty());
    QCOMPARE(operation->error().peerChain.constFirst(), m_leaf.certificate);
    QVERIFY(server.requests().isEmpty());
    QCOMPARE(connection.lastTlsInfo().peerChain.constFirst(), m_leaf.certificate);
}

void TestWbemConnection::tlsCaFile()
{
    Server server;
    QVERIFY(server.listenTls(m_leaf));
    server.setHandler(Server::cimHandler(instancesResponse(1)));
    WbemConnectionOptions options = optionsFor(server);
    options.tls.caFile = m_caFile;
    WbemConnection connection(options);
    WbemOperation *operation = connection.enumerateInstances(QStringLiteral("CIMDIAG_Small"));
    QVERIFY(waitFinished(operation));
    QVERIFY2(operation->error().isNull(), qPrintable(operation->error().toString()));
    QCOMPARE(operation->response().instances.size(), 1);
    const WbemTlsInfo &info = connection.lastTlsInfo();
    QVERIFY(info.encrypted);
    QVERIFY(info.protocol == QSsl::TlsV1_3 || info.protocol == QSsl::TlsV1_2);
    QVERIFY(!info.cipher.isNull());
    QCOMPARE(info.peerChain.constFirst(), m_leaf.certificate);
    QVERIFY(info.verificationErrors.isEmpty());
    QCOMPARE(operation->tlsInfo().peerChain.constFirst(), m_leaf.certificate);
    QCOMPARE(server.requests().size(), 1);
}

void TestWbemConnection::tlsCaDirectory()
{
    Server server;
    QVERIFY(server.listenTls(m_leaf));
    server.setHandler(Server::cimHandler(instancesResponse(1)));
    // Named like a c_rehash entry, though no hash lookup happens: WbemConnection reads every file in
    // the directory (QSslCertificate::fromPath with a wildcard), and Qt skips what is not PEM.
    QDir caDir(m_dir.filePath(QStringLiteral("ca.d")));
    QVERIFY(caDir.mkpath(QStringLiteral("subdirectory")));
    QString error;
    QVERIFY2(m_factory->writeCaCertificatePem(caDir.filePath(QStringLiteral("0a1b2c3d.0")), &error), qPrintable(error));
    QFile readme(caDir.filePath(QStringLiteral("README")));
    QVERIFY(readme.open(QIODevice::WriteOnly));
    QVERIFY(readme.write("not a certificate\n") > 0);
    readme.close();

    WbemConnectionOptions options = optionsFor(server);
    options.tls.caDirectory = caDir.path();
    WbemConnection connection(options);
    WbemOperation *operation = connection.enumerateInstances(QStringLiteral("CIMDIAG_Small"));
    QVERIFY(waitFinished(operation));
    QVERIFY2(operation->error().isNull(), qPrintable(operation->error().toString()));
    QCOMPARE(operation->response().instances.size(), 1);
    QVERIFY(operation->tlsInfo().verificationErrors.isEmpty());
    QCOMPARE(server.requests().size(), 1);

    // The directory replaces the system store: one without our CA does not verify the server.
    QDir emptyDir(m_dir.filePath(QStringLiteral("other-ca.d")));
    QVERIFY(emptyDir.mkpath(QStringLiteral(".")));
    QVERIFY(QFile::copy(readme.fileName(), emptyDir.filePath(QStringLiteral("README"))));
    options.tls.caDirectory = emptyDir.path();
    WbemConnection untrusted(options);
    WbemOperation *refused = untrusted.enumerateInstances(QStringLiteral("CIMDIAG_Small"));
    QVERIFY(waitFinished(refused));
    QCOMPARE(refused->error().kind, WbemError::Kind::Tls);
    QCOMPARE(server.requests().size(), 1);
}

void TestWbemConnection::tlsPin()
{
    Server server;
    QVERIFY(server.listenTls(m_leaf));
    server.setHandler(Server::cimHandler(instancesResponse(1)));
    WbemConnectionOptions options = optionsFor(server);
    // Untrusted by the system store, but pinned (as hex with colons, as tools print it).
    options.tls.pinnedSha256 = m_leaf.certificate.digest(QCryptographicHash::Sha256).toHex(':');
    WbemConnection connection(options);
    WbemOperation *operation = connection.enumerateClassNames();
    QVERIFY(waitFinished(operation));
    QVERIFY2(operation->error().isNull(), qPrintable(operation->error().toString()));
    QVERIFY(operation->tlsInfo().pinMatched);
    QVERIFY(!operation->tlsInfo().verificationErrors.isEmpty());
}

void TestWbemConnection::tlsPinMismatch()
{
    Server server;
    QVERIFY(server.listenTls(m_leaf));
    server.setHandler(Server::cimHandler(instancesResponse(1)));
    const QByteArray otherPin = m_otherHost.certificate.digest(QCryptographicHash::Sha256);
    for (bool trusted : {true, false}) {
        WbemConnectionOptions options = optionsFor(server);
        options.credentials = WbemCredentials::basic(QStringLiteral("alice"), QStringLiteral("s3cret!"));
        if (trusted)
            options.tls.caFile = m_caFile;
        options.tls.pinnedSha256 = otherPin;
        WbemConnection connection(options);
        WbemOperation *operation = connection.enumerateClassNames();
        QVERIFY(waitFinished(operation));
        QCOMPARE(operation->error().kind, WbemError::Kind::Tls);
        QVERIFY(operation->error().message.contains(QStringLiteral("pinned")));
        QCOMPARE(operation->error().peerChain.value(0), m_leaf.certificate);
        // Nothing, and in particular no credentials, reached the impostor.
        QVERIFY(server.requests().isEmpty());
    }
}

void TestWbemConnection::tlsErrorOptIn()
{
    Server server;
    QVERIFY(server.listenTls(m_leaf));
    server.setHandler(Server::cimHandler(instancesResponse(1)));

    WbemConnection probe(optionsFor(server));
    WbemOperation *failed = probe.enumerateClassNames();
    QVERIFY(waitFinished(failed));
    QCOMPARE(failed->error().kind, WbemError::Kind::Tls);
    QSet<QSslError::SslError> seen;
    for (const QSslError &error : failed->error().sslErrors)
        seen.insert(error.error());

    // Opting in to some other error is not enough.
    WbemConnectionOptions options = optionsFor(server);
    options.tls.ignoredErrors = {QSslError::CertificateExpired};
    WbemConnection partial(options);
    WbemOperation *still = partial.enumerateClassNames();
    QVERIFY(waitFinished(still));
    QCOMPARE(still->error().kind, WbemError::Kind::Tls);

    options.tls.ignoredErrors = seen;
    WbemConnection chosen(options);
    WbemOperation *operation = chosen.enumerateClassNames();
    QVERIFY(waitFinished(operation));
    QVERIFY2(operation->error().isNull(), qPrintable(operation->error().toString()));
    QCOMPARE(operation->tlsInfo().verificationErrors.size(), failed->error().sslErrors.size());
    QCOMPARE(server.requests().size(), 1);
}

void TestWbemConnection::tlsHostnameVerification()
{
    Server server;
    QVERIFY(server.listenTls(m_otherHost));
    server.setHandler(Server::cimHandler(instancesResponse(1)));
    WbemConnectionOptions options = optionsFor(server);
    options.tls.caFile = m_caFile;
    WbemConnection strict(options);
    WbemOperation *operation = strict.enumerateClassNames();
    QVERIFY(waitFinished(operation));
    QCOMPARE(operation->error().kind, WbemError::Kind::Tls);
    QCOMPARE(operation->error().sslErrors.size(), 1);
    QCOMPARE(operation->error().sslErrors.constFirst().error(), QSslError::HostNameMismatch);

    options.tls.verifyHostname = false;
    WbemConnection relaxed(options);
    operation = relaxed.enumerateClassNames();
    QVERIFY(waitFinished(operation));
    QVERIFY2(operation->error().isNull(), qPrintable(operation->error().toString()));
}

QTEST_GUILESS_MAIN(TestWbemConnection)

#include "TestWbemConnection.moc"
