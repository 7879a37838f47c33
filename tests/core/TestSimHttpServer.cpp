// SPDX-License-Identifier: GPL-3.0-or-later
// The simulator's HTTP layer on real loopback sockets: what a raw client sees on the wire (status
// lines, headers, keep-alive, challenges, DSP0200 error headers), what the server recorded, every
// fault of SimFaultPlan and every TLS certificate/protocol fault.
#include "core/cimxml/CimRequestBuilder.h"
#include "core/cimxml/CimXmlReader.h"
#include "core/cimxml/CimXmlWriter.h"
#include "core/net/CertificateFactory.h"
#include "core/sim/SimHttpServer.h"
#include "core/wbem/WbemHttpHeaders.h"
#include "tests/support/SimProcess.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace cimdiag;

namespace {

struct HttpReply
{
    QByteArray statusLine;
    int status = 0;
    WbemHttpHeaderList headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const { return httpHeaderValue(headers, name); }
    bool hasHeader(QByteArrayView name) const { return hasHttpHeader(headers, name); }
};

/// Takes one complete reply (head plus Content-Length body) off the front of buffer.
std::optional<HttpReply> takeReply(QByteArray &buffer)
{
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    HttpReply reply;
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    reply.statusLine = lines.value(0).trimmed();
    reply.status = reply.statusLine.split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        reply.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    const qsizetype length = reply.header("Content-Length").toLongLong();
    if (buffer.size() < end + 4 + length)
        return std::nullopt;
    reply.body = buffer.mid(end + 4, length);
    buffer.remove(0, end + 4 + length);
    return reply;
}

/// A raw client that collects whatever arrives.
class RawClient
{
public:
    explicit RawClient(QTcpSocket *socket)
        : m_socket(socket)
        , m_context(std::make_unique<QObject>())
    {
        // m_context disconnects the lambdas when this client goes out of scope before its socket.
        QObject::connect(m_socket, &QIODevice::readyRead, m_context.get(), [this] { m_buffer += m_socket->readAll(); });
        QObject::connect(m_socket, &QAbstractSocket::disconnected, m_context.get(), [this] { m_disconnected = true; });
        QObject::connect(m_socket, &QAbstractSocket::errorOccurred, m_context.get(),
            [this](QAbstractSocket::SocketError error) { m_errors.append(error); });
    }

    QTcpSocket *socket() const { return m_socket; }
    QByteArray &buffer() { return m_buffer; }
    bool disconnected() const { return m_disconnected; }
    const QList<QAbstractSocket::SocketError> &errors() const { return m_errors; }

    bool connectPlain(quint16 port)
    {
        m_socket->connectToHost(QHostAddress(QHostAddress::LocalHost), port);
        return waitUntil([this] { return m_socket->state() == QAbstractSocket::ConnectedState || !m_errors.isEmpty(); })
            && m_socket->state() == QAbstractSocket::ConnectedState;
    }

    std::optional<HttpReply> exchange(const QByteArray &request, int timeoutMs = 5000)
    {
        m_socket->write(request);
        return readReply(timeoutMs);
    }

    std::optional<HttpReply> readReply(int timeoutMs = 5000)
    {
        std::optional<HttpReply> reply;
        waitUntil([&] { return (reply = takeReply(m_buffer)).has_value() || m_disconnected; }, timeoutMs);
        if (!reply)
            reply = takeReply(m_buffer);
        return reply;
    }

    template<typename Predicate> static bool waitUntil(Predicate predicate, int timeoutMs = 5000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!predicate()) {
            if (deadline.hasExpired())
                return false;
            QTest::qWait(5);
        }
        return true;
    }

private:
    QTcpSocket *m_socket;
    std::unique_ptr<QObject> m_context;
    QByteArray m_buffer;
    bool m_disconnected = false;
    QList<QAbstractSocket::SocketError> m_errors;
};

QByteArray enumerateBody()
{
    return CimXmlWriter::request(CimRequestBuilder::enumerateInstanceNames(
        QStringLiteral("1001"), QStringLiteral("root/cimv2"), QStringLiteral("CIMDIAG_Fan")));
}

struct RequestParts
{
    QByteArray method = "POST";
    QByteArray cimOperation = "MethodCall";
    QByteArray cimMethod = "EnumerateInstanceNames";
    QByteArray cimObject = "root%2Fcimv2";
    QByteArray contentType = "application/xml; charset=\"utf-8\"";
    QByteArray extraHeaders;
    QByteArray body = enumerateBody();
    bool contentLength = true;
};

QByteArray httpRequest(const RequestParts &parts)
{
    QByteArray request = parts.method + " /cimom HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!parts.contentType.isEmpty())
        request += "Content-Type: " + parts.contentType + "\r\n";
    if (!parts.cimOperation.isEmpty())
        request += "CIMOperation: " + parts.cimOperation + "\r\n";
    if (!parts.cimMethod.isEmpty())
        request += "CIMMethod: " + parts.cimMethod + "\r\n";
    if (!parts.cimObject.isEmpty())
        request += "CIMObject: " + parts.cimObject + "\r\n";
    request += "CIMProtocolVersion: 1.0\r\n";
    if (parts.contentLength)
        request += "Content-Length: " + QByteArray::number(parts.body.size()) + "\r\n";
    request += parts.extraHeaders;
    request += "\r\n";
    return request + parts.body;
}

QByteArray basicAuthorization(const QString &user, const QString &password)
{
    return "Authorization: Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64() + "\r\n";
}

/// A valid CIM request carrying Basic credentials for user and password.
QByteArray authorizedRequest(const QString &user, const QString &password)
{
    RequestParts parts;
    parts.extraHeaders = basicAuthorization(user, password);
    return httpRequest(parts);
}

CimOperationResponse stubHandler(const CimOperationRequest &request, const QString &user)
{
    CimOperationResponse response;
    response.operation = request.operation;
    if (request.operation != CimOperation::EnumerateInstanceNames) {
        response.status = CimStatus(static_cast<int>(CimStatusCode::NotSupported), QString());
        return response;
    }
    CimInstanceName name(request.arguments.isEmpty() ? QStringLiteral("CIMDIAG_Fan") : QStringLiteral("CIMDIAG_Fan"));
    name.setKeyBinding(QStringLiteral("DeviceID"), CimValue::string(QStringLiteral("fan0")));
    name.setKeyBinding(QStringLiteral("User"), CimValue::string(user.isEmpty() ? QStringLiteral("-") : user));
    response.instanceNames.append(name);
    return response;
}

} // namespace

class TestSimHttpServer final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void enumerateInstanceNames();
    void keepAliveReusesConnection();
    void connectionCloseHonoured();
    void basicAuthentication();
    void proxyAuthorizationRedacted();
    void protocolErrors_data();
    void protocolErrors();
    void expectContinueIsAnswered();
    void mPost();

    void faultRefuseConnections();
    void faultStallConnections();
    void stalledConnectionFloodIsAborted();
    void connectionCap();
    void idleTimeout();
    void idleTimeoutPausedWhileStalled();
    void faultResetAfterAccept();
    void faultCloseMidBody();
    void faultSlowResponse();
    void faultAlwaysUnauthorized();
    void faultNoAuthentication();
    void faultNonCimServer();
    void faultCimErrorHeader();
    void faultExpectContinue417();
    void faultInvalidXml();
    void faultFilterConnections();
    void faultRemotePrivilegedUserDenied();
    void faultNegotiateOnly();
    void faultForbidden();
    void faultServiceUnavailable();

    void tlsHealthy();
    void tlsCertificateFromFiles();
    void tlsCertificateFaults_data();
    void tlsCertificateFaults();
    void tlsLegacyOnly();
    void tlsClientCertificateRequired();

private:
    std::unique_ptr<SimHttpServer> makeServer(const SimFaultPlan &plan = {}, const SimAccountList &accounts = {});
    std::unique_ptr<SimHttpServer> makeTlsServer(const SimTlsOptions &options, const SimFaultPlan &plan = {});
    QSslSocket *tlsClient(QObject *parent, bool trustCa = true);

    std::optional<CertificateFactory> m_factory;
    std::unique_ptr<QObject> m_scope;
};

void TestSimHttpServer::initTestCase()
{
    QString error;
    m_factory = CertificateFactory::create(QStringLiteral("cimdiag test CA"), QStringLiteral("cimdiag"), &error);
    QVERIFY2(m_factory.has_value(), qPrintable(error));
    QVERIFY(!m_factory->caCertificate().isNull());
    QVERIFY(m_factory->caCertificate().isSelfSigned());
}

void TestSimHttpServer::init()
{
    m_scope = std::make_unique<QObject>();
}

void TestSimHttpServer::cleanup()
{
    m_scope.reset();
}

std::unique_ptr<SimHttpServer> TestSimHttpServer::makeServer(const SimFaultPlan &plan, const SimAccountList &accounts)
{
    auto server = std::make_unique<SimHttpServer>();
    server->setHandler(stubHandler);
    server->setFaultPlan(plan);
    server->setAccounts(accounts);
    server->setRealm(QStringLiteral("cimdiag test realm"));
    if (!server->listenHttp())
        qWarning("listen: %s", qPrintable(server->errorString()));
    return server;
}

std::unique_ptr<SimHttpServer> TestSimHttpServer::makeTlsServer(const SimTlsOptions &options, const SimFaultPlan &plan)
{
    auto server = std::make_unique<SimHttpServer>();
    server->setHandler(stubHandler);
    server->setFaultPlan(plan);
    if (!server->setTls(options, *m_factory) || !server->listenHttps())
        qWarning("tls listen: %s", qPrintable(server->errorString()));
    return server;
}

QSslSocket *TestSimHttpServer::tlsClient(QObject *parent, bool trustCa)
{
    auto *socket = new QSslSocket(parent);
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    if (trustCa)
        configuration.setCaCertificates({m_factory->caCertificate()});
    socket->setSslConfiguration(configuration);
    socket->setPeerVerifyName(QStringLiteral("localhost"));
    return socket;
}

void TestSimHttpServer::enumerateInstanceNames()
{
    auto server = makeServer();
    QVERIFY(server->isListeningHttp());
    QVERIFY(server->httpPort() != 0);
    QCOMPARE(server->httpUrl().toString(), QStringLiteral("http://127.0.0.1:%1").arg(server->httpPort()));

    RawClient client(new QTcpSocket(m_scope.get()));
    QVERIFY(client.connectPlain(server->httpPort()));
    const auto reply = client.exchange(httpRequest({}));
    QVERIFY(reply.has_value());
    QCOMPARE(reply->statusLine, QByteArray("HTTP/1.1 200 OK"));
    QCOMPARE(reply->header("CIMOperation"), QByteArray("MethodResponse"));
    QCOMPARE(reply->header("Content-Type"), QByteArray("application/xml; charset=\"utf-8\""));
    QVERIFY(reply->header("Server").startsWith("cimdiag-sim/"));
    bool ok = false;
    reply->header("WBEMServerResponseTime").toLongLong(&ok);
    QVERIFY(ok);
    QVERIFY(!reply->hasHeader("CIMError"));

    CimXmlError error;
    const auto response = CimXmlReader::readResponse(CimOperation::EnumerateInstanceNames, reply->body, &error);
    QVERIFY2(response.has_value(), qPrintable(error.toString()));
    QCOMPARE(response->messageId, QStringLiteral("1001"));
    QCOMPARE(response->instanceNames.size(), 1);
    QCOMPARE(response->instanceNames.first().keyBinding(u"DeviceID").toString(), QStringLiteral("fan0"));

    // The server side: what arrived.
    QCOMPARE(server->receivedRequests().size(), 1);
    const SimReceivedRequest &received = server->receivedRequests().first();
    QCOMPARE(received.requestLine, QByteArray("POST /cimom HTTP/1.1"));
    QCOMPARE(received.header("CIMMethod"), QByteArray("EnumerateInstanceNames"));
    QCOMPARE(received.body, enumerateBody());
    QCOMPARE(received.responseStatus, 200);
    QVERIFY(!received.tls);
}

void TestSimHttpServer::keepAliveReusesConnection()
{
    auto server = makeServer();
    RawClient client(new QTcpSocket(m_scope.get()));
    QVERIFY(client.connectPlain(server->httpPort()));
    for (int i = 0; i < 3; ++i) {
        const auto reply = client.exchange(httpRequest({}));
        QVERIFY(reply.has_value());
        QCOMPARE(reply->status, 200);
        QVERIFY(!reply->hasHeader("Connection"));
    }
    // Two pipelined requests in one write are answered in order.
    client.socket()->write(httpRequest({}) + httpRequest({}));
    QVERIFY(client.readReply().has_value());
    QVERIFY(client.readReply().has_value());
    QCOMPARE(server->acceptedConnectionCount(), 1);
    QCOMPARE(server->receivedRequests().size(), 5);
    QVERIFY(!client.disconnected());
}

void TestSimHttpServer::connectionCloseHonoured()
{
    auto server = makeServer();
    RawClient client(new QTcpSocket(m_scope.get()));
    QVERIFY(client.connectPlain(server->httpPort()));
    RequestParts parts;
    parts.extraHeaders = "Connection: close\r\n";
    const auto reply = client.exchange(httpRequest(parts));
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 200);
    QCOMPARE(reply->header("Connection"), QByteArray("close"));
    QVERIFY(RawClient::waitUntil([&] { return client.disconnected(); }));
}

void TestSimHttpServer::basicAuthentication()
{
    auto server = makeServer({}, {{QStringLiteral("alice"), QStringLiteral("s3cret!")}});
    RawClient client(new QTcpSocket(m_scope.get()));
    QVERIFY(client.connectPlain(server->httpPort()));

    auto reply = client.exchange(httpRequest({}));
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 401);
    QCOMPARE(reply->header("WWW-Authenticate"), QByteArray("Basic realm=\"cimdiag test realm\""));

    RequestParts wrong;
    wrong.extraHeaders = basicAuthorization(QStringLiteral("alice"), QStringLiteral("wrong"));
    reply = client.exchange(httpRequest(wrong));
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 401);

    RequestParts right;
    right.extraHeaders = basicAuthorization(QStringLiteral("alice"), QStringLiteral("s3cret!"));
    reply = client.exchange(httpRequest(right));
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 200);
    const auto response = CimXmlReader::readResponse(CimOperation::EnumerateInstanceNames, reply->body);
    QVERIFY(response.has_value());
    QCOMPARE(response->instanceNames.first().keyBinding(u"User").toString(), QStringLiteral("alice"));

    // Malformed Basic credentials (D8).
    RequestParts malformed;
    malformed.extraHeaders = "Authorization: Basic !!!notbase64\r\n";
    reply = client.exchange(httpRequest(malformed));
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 400);

    // All on one kept-alive connection; the recorded Authorization is redacted.
    QCOMPARE(server->acceptedConnectionCount(), 1);
    QCOMPARE(server->receivedRequests().size(), 4);
    QCOMPARE(server->receivedRequests().at(2).header("Authorization"), QByteArray("Basic <redacted>"));
    QCOMPARE(server->receivedRequests().at(2).user, QStringLiteral("alice"));
    const QByteArray credentials = QByteArray("alice:s3cret!").toBase64();
    for (const SimReceivedRequest &request : server->receivedRequests()) {
        if (request.hasHeader("Authorization"))
            QCOMPARE(request.header("Authorization"), QByteArray("Basic <redacted>"));
        for (const auto &[name, value] : request.headers)
            QVERIFY2(!value.contains(credentials), name.constData());
        QVERIFY(!request.requestLine.contains(credentials));
        QVERIFY(!request.body.contains(credentials));
    }
}

void TestSimHttpServer::proxyAuthorizationRedacted()
{
    auto server = makeServer();
    RawClient client(new QTcpSocket(m_scope.get()));
    QVERIFY(client.connectPlain(server->httpPort()));
    const QByteArray credentials = QByteArray("proxyuser:pr0xy-secret").toBase64();
    RequestParts parts;
    parts.extraHeaders = "Proxy-Authorization: Basic " + credentials + "\r\n";
    QSignalSpy received(server.get(), &SimHttpServer::requestReceived);
    const auto reply = client.exchange(httpRequest(parts));
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 200);
    QCOMPARE(server->receivedRequests().size(), 1);
    const SimReceivedRequest &request = server->receivedRequests().first();
    QCOMPARE(request.header("Proxy-Authorization"), QByteArray("Basic <redacted>"));
    for (const auto &[name, value] : request.headers)
        QVERIFY2(!value.contains(credentials), name.constData());
    // The signal carries the same redacted copy.
    QCOMPARE(received.size(), 1);
    const auto emitted = received.first().first().value<SimReceivedRequest>();
    QCOMPARE(emitted.header("Proxy-Authorization"), QByteArray("Basic <redacted>"));
}

void TestSimHttpServer::protocolErrors_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("cimError");
    QTest::addColumn<QByteArray>("extraReplyHeader");

    RequestParts get;
    get.method = "GET";
    get.body.clear();
    QTest::newRow("405 GET") << httpRequest(get) << 405 << QByteArray() << QByteArray("Allow");

    RequestParts chunked;
    chunked.contentLength = false;
    chunked.extraHeaders = "Transfer-Encoding: chunked\r\n";
    chunked.body = QByteArray::number(enumerateBody().size(), 16) + "\r\n" + enumerateBody() + "\r\n0\r\n\r\n";
    QTest::newRow("411 chunked (D11)") << httpRequest(chunked) << 411 << QByteArray() << QByteArray();

    RequestParts noLength;
    noLength.contentLength = false;
    noLength.body.clear();
    QTest::newRow("411 no Content-Length") << httpRequest(noLength) << 411 << QByteArray() << QByteArray();

    // 431: a head over 64 KiB even when its CRLFCRLF has arrived, and more than 100 header lines.
    RequestParts largeHead;
    largeHead.extraHeaders = "X-Filler: " + QByteArray(100 * 1024, 'a') + "\r\n";
    QTest::newRow("431 100 KB head") << httpRequest(largeHead) << 431 << QByteArray() << QByteArray();
    auto fillerHeaders = [](int count) {
        QByteArray headers;
        for (int i = 0; i < count; ++i)
            headers += "X-Filler-" + QByteArray::number(i) + ": x\r\n";
        return headers;
    };
    RequestParts manyLines;
    manyLines.extraHeaders = fillerHeaders(150);
    QTest::newRow("431 150 header lines") << httpRequest(manyLines) << 431 << QByteArray() << QByteArray();
    // httpRequest() writes 7 header lines of its own: 93 more make exactly the 100 allowed.
    RequestParts hundredLines;
    hundredLines.extraHeaders = fillerHeaders(93);
    QTest::newRow("200 100 header lines") << httpRequest(hundredLines) << 200 << QByteArray() << QByteArray();

    RequestParts noOperation;
    noOperation.cimOperation.clear();
    QTest::newRow("400 no CIMOperation (D12)") << httpRequest(noOperation) << 400 << QByteArray() << QByteArray();

    RequestParts textPlain;
    textPlain.contentType = "text/plain";
    QTest::newRow("400 Content-Type (D12)") << httpRequest(textPlain) << 400 << QByteArray() << QByteArray();

    RequestParts latin1;
    latin1.contentType = "application/xml; charset=iso-8859-1";
    QTest::newRow("400 charset (D12)") << httpRequest(latin1) << 400 << QByteArray() << QByteArray();

    RequestParts badOperation;
    badOperation.cimOperation = "MethodResponse";
    QTest::newRow("400 unsupported-operation (D13)")
        << httpRequest(badOperation) << 400 << QByteArray("unsupported-operation") << QByteArray("CIMOperation");

    RequestParts methodMismatch;
    methodMismatch.cimMethod = "GetInstance";
    QTest::newRow("400 header-mismatch CIMMethod (D14)")
        << httpRequest(methodMismatch) << 400 << QByteArray("header-mismatch") << QByteArray();

    RequestParts objectMismatch;
    objectMismatch.cimObject = "root%2Finterop";
    QTest::newRow("400 header-mismatch CIMObject (D14)")
        << httpRequest(objectMismatch) << 400 << QByteArray("header-mismatch") << QByteArray();

    RequestParts noMethod;
    noMethod.cimMethod.clear();
    QTest::newRow("400 header-mismatch missing CIMMethod (D14)")
        << httpRequest(noMethod) << 400 << QByteArray("header-mismatch") << QByteArray();

    RequestParts garbage;
    garbage.body = "<CIM><MESSAGE ID=\"1\"><unclosed";
    QTest::newRow("400 request-not-well-formed (D15)")
        << httpRequest(garbage) << 400 << QByteArray("request-not-well-formed") << QByteArray();

    RequestParts notCim;
    notCim.body = "<?xml version=\"1.0\"?><FOO/>";
    QTest::newRow("400 request-not-valid (D15)")
        << httpRequest(notCim) << 400 << QByteArray("request-not-valid") << QByteArray();

    RequestParts version;
    version.extraHeaders = "CIMProtocolVersion: 2.0\r\n";
    QByteArray versionRequest = httpRequest(version);
    versionRequest.replace("CIMProtocolVersion: 1.0\r\n", "");
    QTest::newRow("501 unsupported-protocol-version (D16)")
        << versionRequest << 501 << QByteArray("unsupported-protocol-version") << QByteArray();
}

void TestSimHttpServer::protocolErrors()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QByteArray, cimError);
    QFETCH(QByteArray, extraReplyHeader);

    auto server = makeServer();
    RawClient client(new QTcpSocket(m_scope.get()));
    QVERIFY(client.connectPlain(server->httpPort()));
    const auto reply = client.exchange(request);
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, status);
    QCOMPARE(reply->header("CIMError"), cimError);
    QCOMPARE(reply->hasHeader("CIMError"), !cimError.isEmpty());
    if (!extraReplyHeader.isEmpty())
        QVERIFY(reply->hasHeader(extraReplyHeader));
    QCOMPARE(server->receivedRequests().size(), 1);
    QCOMPARE(server->receivedRequests().first().responseStatus, status);
    QCOMPARE(server->receivedRequests().first().cimError, cimError);
}

void TestSimHttpServer::expectContinueIsAnswered()
{
    auto server = makeServer();
    RawClient client(new QTcpSocket(m_scope.get()));
    QVERIFY(client.connectPlain(server->httpPort()));
    RequestParts parts;
    parts.extraHeaders = "Expect: 100-continue\r\n";
    const QByteArray body = parts.body;
    parts.body.clear();
    QByteArray head = httpRequest(parts);
    head.replace("Content-Length: 0", QByteArray("Content-Length: " + QByteArray::number(body.size())));
    client.socket()->write(head);
    QVERIFY(RawClient::waitUntil([&] { return client.buffer().startsWith("HTTP/1.1 100 Continue\r\n\r\n"); }));
    client.buffer().remove(0, 25);
    const auto reply = client.exchange(body);
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 200);
}

void TestSimHttpServer::mPost()
{
    auto server = makeServer();
    RawClient client(new QTcpSocket(m_scope.get()));
    QVERIFY(client.connectPlain(server->httpPort()));
    const QByteArray body = enumerateBody();
    const QByteArray request = "M-POST /cimom HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                               "Content-Type: application/xml; charset=utf-8\r\n"
                               "Man: http://www.dmtf.org/cim/mapping/http/v1.0 ; ns=73\r\n"
                               "73-CIMOperation: MethodCall\r\n73-CIMMethod: EnumerateInstanceNames\r\n"
                               "73-CIMObject: root/cimv2\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    auto reply = client.exchange(request);
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 200);
    QVERIFY(reply->hasHeader("Ext"));
    QCOMPARE(reply->header("73-CIMOperation"), QByteArray("MethodResponse"));
    QVERIFY(CimXmlReader::readResponse(CimOperation::EnumerateInstanceNames, reply->body).has_value());

    // Without the Man: declaration the extension is not understood (RFC 2774 510, D17).
    QByteArray noMan = request;
    noMan.replace("Man: http://www.dmtf.org/cim/mapping/http/v1.0 ; ns=73\r\n", "");
    reply = client.exchange(noMan);
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 510);
}

void TestSimHttpServer::faultRefuseConnections()
{
    SimFaultPlan plan;
    plan.faults = SimFault::RefuseConnections;
    auto server = makeServer(plan);
    QVERIFY(server->httpPort() != 0);
    QVERIFY(!server->isListeningHttp());
    RawClient client(new QTcpSocket(m_scope.get()));
    QVERIFY(!client.connectPlain(server->httpPort()));
    QCOMPARE(client.errors().value(0), QAbstractSocket::ConnectionRefusedError);
}

void TestSimHttpServer::faultStallConnections()
{
    SimFaultPlan plan;
    plan.faults = SimFault::StallConnections;
    auto server = makeServer(plan);
    RawClient client(new QTcpSocket(m_scope.get()));
    QVERIFY(client.connectPlain(server->httpPort()));
    QSignalSpy received(server.get(), &SimHttpServer::requestReceived);
    client.socket()->write(httpRequest({}));
    QVERIFY(received.wait(5000));
    QVERIFY(!client.readReply(500).has_value());
    QVERIFY(client.buffer().isEmpty());
    QVERIFY(!client.disconnected());
    QCOMPARE(server->receivedRequests().first().responseStatus, 0);
}

void TestSimHttpServer::stalledConnectionFloodIsAborted()
{
    // A stalled connection reads no more requests; data pipelined behind the stalled one must not
    // pile up without bound (maximum head + maximum body), the server resets the connection.
    SimFaultPlan plan;
    plan.faults = SimFault::StallConnections;
    auto server = makeServer(plan);
    RawClient client(new QTcpSocket(m_scope.get()));
    QVERIFY(client.connectPlain(server->httpPort()));
    QSignalSpy received(server.get(), &SimHttpServer::requestReceived);
    client.socket()->write(httpRequest({}));
    QVERIFY(received.wait(5000));
    QCOMPARE(server->openConnectionCount(), 1);

    client.socket()->write(QByteArray(20 * 1024 * 1024, 'x'));
    QVERIFY(RawClient::waitUntil(
        [&] { return client.disconnected() || client.socket()->state() == QAbstractSocket::UnconnectedState; }, 10000));
    QCOMPARE(server->openConnectionCount(), 0);
    QCOMPARE(received.size(), 1);
    QVERIFY(client.buffer().isEmpty());
}

void TestSimHttpServer::connectionCap()
{
    auto server = makeServer();
    server->setMaxConnections(2);
    RawClient first(new QTcpSocket(m_scope.get()));
    RawClient second(new QTcpSocket(m_scope.get()));
    QVERIFY(first.connectPlain(server->httpPort()));
    QVERIFY(second.connectPlain(server->httpPort()));
    QTRY_COMPARE_WITH_TIMEOUT(server->openConnectionCount(), 2, 5000);

    // The third is accepted by the kernel, then reset by the server.
    RawClient third(new QTcpSocket(m_scope.get()));
    third.socket()->connectToHost(QHostAddress(QHostAddress::LocalHost), server->httpPort());
    QVERIFY(RawClient::waitUntil([&] { return third.disconnected() || !third.errors().isEmpty(); }));
    QCOMPARE(server->openConnectionCount(), 2);
    QCOMPARE(server->acceptedConnectionCount(), 2);

    // The two within the cap still work; once one is gone there is room again.
    QCOMPARE(first.exchange(httpRequest({})).value_or(HttpReply {}).status, 200);
    QCOMPARE(second.exchange(httpRequest({})).value_or(HttpReply {}).status, 200);
    first.socket()->disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(server->openConnectionCount(), 1, 5000);
    RawClient fourth(new QTcpSocket(m_scope.get()));
    QVERIFY(fourth.connectPlain(server->httpPort()));
    QCOMPARE(fourth.exchange(httpRequest({})).value_or(HttpReply {}).status, 200);
    QCOMPARE(server->openConnectionCount(), 2);
}

void TestSimHttpServer::idleTimeout()
{
    auto server = makeServer();
    // Generous margins (a request every 100 ms against a 1.5 s timeout) so a loaded CI machine
    // cannot make an active connection look idle.
    server->setIdleTimeout(1500);
    RawClient client(new QTcpSocket(m_scope.get()));
    QVERIFY(client.connectPlain(server->httpPort()));
    // Activity restarts the timer: requests spread over 2 s (past the timeout) keep the connection.
    for (int i = 0; i < 20; ++i) {
        if (i > 0)
            QTest::qWait(100);
        QCOMPARE(client.exchange(httpRequest({})).value_or(HttpReply {}).status, 200);
    }
    QVERIFY(!client.disconnected());
    QElapsedTimer timer;
    timer.start();
    QVERIFY(RawClient::waitUntil([&] { return client.disconnected(); }, 10000));
    QVERIFY(timer.elapsed() >= 1400);
    QTRY_COMPARE_WITH_TIMEOUT(server->openConnectionCount(), 0, 5000);

    // A request that never completes is closed as well.
    RawClient slow(new QTcpSocket(m_scope.get()));
    QVERIFY(slow.connectPlain(server->httpPort()));
    slow.socket()->write("POST /cimom HTTP/1.1\r\n");
    QVERIFY(RawClient::waitUntil([&] { return slow.disconnected(); }, 5000));
    QTRY_COMPARE_WITH_TIMEOUT(server->openConnectionCount(), 0, 5000);
}

void TestSimHttpServer::idleTimeoutPausedWhileStalled()
{
    SimFaultPlan plan;
    plan.faults = SimFault::StallConnections;
    auto server = makeServer(plan);
    server->setIdleTimeout(200);
    RawClient client(new QTcpSocket(m_scope.get()));
    QVERIFY(client.connectPlain(server->httpPort()));
    QSignalSpy received(server.get(), &SimHttpServer::requestReceived);
    client.socket()->write(httpRequest({}));
    QVERIFY(received.wait(5000));
    // The stall holds the connection on purpose, well past the idle timeout.
    QTest::qWait(800);
    QVERIFY(!client.disconnected());
    QCOMPARE(server->openConnectionCount(), 1);
}

void TestSimHttpServer::faultResetAfterAccept()
{
    SimFaultPlan plan;
    plan.faults = SimFault::ResetAfterAccept;
    auto server = makeServer(plan);
    RawClient client(new QTcpSocket(m_scope.get()));
    // The kernel completes the handshake before the server accepts, so the client connects, then
    // sees the reset.
    connect(client.socket(), &QAbstractSocket::connected, client.socket(),
        [&client] { client.socket()->write(httpRequest({})); });
    client.socket()->connectToHost(QHostAddress(QHostAddress::LocalHost), server->httpPort());
    const bool gotError = RawClient::waitUntil([&] { return !client.errors().isEmpty(); });
    QVERIFY(gotError);
    QCOMPARE(client.errors().first(), QAbstractSocket::RemoteHostClosedError);
    QVERIFY(client.buffer().isEmpty());
    QVERIFY(server->receivedRequests().isEmpty());
    QCOMPARE(server->acceptedConnectionCount(), 1);
}

void TestSimHttpServer::faultCloseMidBody()
{
    SimFaultPlan plan;
    plan.faults = SimFault::CloseMidBody;
    auto server = makeServer(plan);
    RawClient client(new QTcpSocket(m_scope.get()));
    QVERIFY(client.connectPlain(server->httpPort()));
    client.socket()->write(httpRequest({}));
    QVERIFY(RawClient::waitUntil([&] { return client.disconnected(); }));
    QVERIFY(client.buffer().startsWith("HTTP/1.1 200 OK"));
    QVERIFY(!takeReply(client.buffer()).has_value()); // fewer bytes than Content-Length
}

void TestSimHttpServer::faultSlowResponse()
{
    SimFaultPlan plan;
    plan.faults = SimFault::SlowResponse;
    plan.slowResponseMs = 300;
    auto server = makeServer(plan);
    RawClient client(new QTcpSocket(m_scope.get()));
    QVERIFY(client.connectPlain(server->httpPort()));
    QElapsedTimer timer;
    timer.start();
    const auto reply = client.exchange(httpRequest({}));
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 200);
    QVERIFY(timer.elapsed() >= 290);
}

void TestSimHttpServer::faultAlwaysUnauthorized()
{
    SimFaultPlan plan;
    plan.faults = SimFault::AlwaysUnauthorized;
    auto server = makeServer(plan, {{QStringLiteral("root"), QStringLiteral("pw")}});
    RawClient client(new QTcpSocket(m_scope.get()));
    QVERIFY(client.connectPlain(server->httpPort()));
    const auto reply = client.exchange(authorizedRequest(QStringLiteral("root"), QStringLiteral("pw")));
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 401);
    QVERIFY(reply->header("WWW-Authenticate").startsWith("Basic realm="));
}

void TestSimHttpServer::faultNoAuthentication()
{
    SimFaultPlan plan;
    plan.faults = SimFault::NoAuthentication;
    auto server = makeServer(plan, {{QStringLiteral("root"), QStringLiteral("pw")}});
    RawClient client(new QTcpSocket(m_scope.get()));
    QVERIFY(client.connectPlain(server->httpPort()));
    const auto reply = client.exchange(httpRequest({}));
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 200);
    QVERIFY(!reply->hasHeader("WWW-Authenticate"));
}

void TestSimHttpServer::faultNonCimServer()
{
    SimFaultPlan plan;
    plan.faults = SimFault::NonCimServer;
    auto server = makeServer(plan);
    RawClient client(new QTcpSocket(m_scope.get()));
    QVERIFY(client.connectPlain(server->httpPort()));
    auto reply = client.exchange(httpRequest({}));
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 200);
    QVERIFY(reply->header("Content-Type").startsWith("text/html"));
    QVERIFY(!reply->hasHeader("CIMOperation"));
    QVERIFY(reply->body.contains("<html>"));
    reply = client.exchange("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 200);
}

void TestSimHttpServer::faultCimErrorHeader()
{
    SimFaultPlan plan;
    plan.faults = SimFault::CimErrorHeader;
    plan.cimErrorStatus = 501;
    plan.cimErrorValue = QStringLiteral("unsupported-cim-version");
    auto server = makeServer(plan);
    RawClient client(new QTcpSocket(m_scope.get()));
    QVERIFY(client.connectPlain(server->httpPort()));
    const auto reply = client.exchange(httpRequest({}));
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 501);
    QCOMPARE(reply->header("CIMError"), QByteArray("unsupported-cim-version"));
    QCOMPARE(reply->header("CIMOperation"), QByteArray("MethodResponse"));
}

void TestSimHttpServer::faultExpectContinue417()
{
    SimFaultPlan plan;
    plan.faults = SimFault::ExpectContinue417;
    auto server = makeServer(plan);
    RawClient client(new QTcpSocket(m_scope.get()));
    QVERIFY(client.connectPlain(server->httpPort()));
    RequestParts parts;
    parts.extraHeaders = "Expect: 100-continue\r\n";
    const auto reply = client.exchange(httpRequest(parts));
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 417);
    QVERIFY(RawClient::waitUntil([&] { return client.disconnected(); }));
}

void TestSimHttpServer::faultInvalidXml()
{
    SimFaultPlan plan;
    plan.faults = SimFault::InvalidXml;
    auto server = makeServer(plan);
    RawClient client(new QTcpSocket(m_scope.get()));
    QVERIFY(client.connectPlain(server->httpPort()));
    const auto reply = client.exchange(httpRequest({}));
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 200);
    QCOMPARE(reply->header("CIMOperation"), QByteArray("MethodResponse"));
    CimXmlError error;
    QVERIFY(!CimXmlReader::readResponse(CimOperation::EnumerateInstanceNames, reply->body, &error).has_value());
    QVERIFY(!error.isNull());
}

void TestSimHttpServer::faultFilterConnections()
{
    // B3: a connect gets no SYN-ACK and times out (here after 1 s), on the plain and the TLS port,
    // while the ports are bound and listening, unlike RefuseConnections.
    SimFaultPlan plan;
    plan.faults = SimFault::FilterConnections;
    auto server = makeServer(plan);
    QVERIFY(server->isListeningHttp());
    SimTlsOptions tls;
    QVERIFY2(server->setTls(tls, *m_factory), qPrintable(server->errorString()));
    QVERIFY2(server->listenHttps(), qPrintable(server->errorString()));
    QVERIFY(server->isListeningHttps());
    // The simulator's own filler connection must have taken the only accept-queue slot first.
    QTest::qWait(100);

    for (const quint16 port : {server->httpPort(), server->httpsPort()}) {
        RawClient client(new QTcpSocket(m_scope.get()));
        client.socket()->connectToHost(QHostAddress(QHostAddress::LocalHost), port);
        const bool settled = RawClient::waitUntil(
            [&] { return client.socket()->state() == QAbstractSocket::ConnectedState || !client.errors().isEmpty(); },
            1000);
        if (client.socket()->state() == QAbstractSocket::ConnectedState)
            QFAIL(qPrintable(QStringLiteral("port %1: the connect succeeded; this kernel does not drop SYNs on a "
                                            "full accept queue")
                                 .arg(port)));
        QVERIFY2(!settled,
            qPrintable(QStringLiteral("port %1: the connect failed at once (%2) instead of timing out")
                           .arg(port)
                           .arg(client.socket()->errorString())));
        QCOMPARE(client.socket()->state(), QAbstractSocket::ConnectingState);
        client.socket()->abort();
    }
    QCOMPARE(server->acceptedConnectionCount(), 0);
    QCOMPARE(server->openConnectionCount(), 0);
    QVERIFY(server->receivedRequests().isEmpty());

    // The same server without the fault accepts at once: the timeout above is the fault's doing.
    auto healthy = makeServer();
    RawClient control(new QTcpSocket(m_scope.get()));
    QVERIFY(control.connectPlain(healthy->httpPort()));
}

void TestSimHttpServer::faultRemotePrivilegedUserDenied()
{
    SimFaultPlan plan;
    plan.faults = SimFault::RemotePrivilegedUserDenied;
    auto server = makeServer(plan,
        {{QStringLiteral("root"), QStringLiteral("rootpass")}, {QStringLiteral("cimuser"), QStringLiteral("cimpass")}});
    server->setServerName(QByteArray()); // OpenPegasus sends no Server header
    RawClient client(new QTcpSocket(m_scope.get()));
    QVERIFY(client.connectPlain(server->httpPort()));

    // D4: root with the right password: 401, the Pegasus detail URL-encoded, and a Basic challenge.
    auto reply = client.exchange(authorizedRequest(QStringLiteral("root"), QStringLiteral("rootpass")));
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 401);
    QCOMPARE(reply->header("PGErrorDetail"), QByteArray("Remote%20privileged%20user%20access%20is%20not%20enabled."));
    QCOMPARE(QUrl::fromPercentEncoding(reply->header("PGErrorDetail")),
        QStringLiteral("Remote privileged user access is not enabled."));
    QCOMPARE(reply->header("WWW-Authenticate"), QByteArray("Basic realm=\"cimdiag test realm\""));
    QVERIFY(!reply->hasHeader("Server"));

    // Another account works on the same connection.
    reply = client.exchange(authorizedRequest(QStringLiteral("cimuser"), QStringLiteral("cimpass")));
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 200);
    QVERIFY(!reply->hasHeader("PGErrorDetail"));
    QCOMPARE(server->receivedRequests().last().user, QStringLiteral("cimuser"));

    // A wrong password for cimuser is a plain D1 401 without the detail.
    reply = client.exchange(authorizedRequest(QStringLiteral("cimuser"), QStringLiteral("nope")));
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 401);
    QVERIFY(!reply->hasHeader("PGErrorDetail"));
}

void TestSimHttpServer::faultNegotiateOnly()
{
    SimFaultPlan plan;
    plan.faults = SimFault::NegotiateOnly;
    auto server = makeServer(plan, {{QStringLiteral("cimuser"), QStringLiteral("cimpass")}});
    RawClient client(new QTcpSocket(m_scope.get()));
    QVERIFY(client.connectPlain(server->httpPort()));
    for (const QByteArray &authorization :
        {QByteArray(), basicAuthorization(QStringLiteral("cimuser"), QStringLiteral("cimpass")),
            QByteArray("Authorization: Negotiate YIIBhwYGKwYBBQUCoIIBezCCAXeg\r\n")}) {
        RequestParts parts;
        parts.extraHeaders = authorization;
        const auto reply = client.exchange(httpRequest(parts));
        QVERIFY(reply.has_value());
        QCOMPARE(reply->status, 401);
        // D5: exactly one challenge, and it is not Basic.
        QList<QByteArray> challenges;
        for (const auto &[name, value] : reply->headers) {
            if (name.compare("WWW-Authenticate", Qt::CaseInsensitive) == 0)
                challenges.append(value);
        }
        QCOMPARE(challenges, QList<QByteArray> {QByteArray("Negotiate")});
    }
    QCOMPARE(server->receivedRequests().size(), 3);
}

void TestSimHttpServer::faultForbidden()
{
    SimFaultPlan plan;
    plan.faults = SimFault::Forbidden;
    auto server = makeServer(plan, {{QStringLiteral("cimuser"), QStringLiteral("cimpass")}});
    RawClient client(new QTcpSocket(m_scope.get()));
    QVERIFY(client.connectPlain(server->httpPort()));
    auto reply = client.exchange(authorizedRequest(QStringLiteral("cimuser"), QStringLiteral("cimpass")));
    QVERIFY(reply.has_value());
    QCOMPARE(reply->statusLine, QByteArray("HTTP/1.1 403 Forbidden"));
    QVERIFY(reply->header("Content-Type").startsWith("text/html"));
    QVERIFY(reply->body.contains("Forbidden"));
    QVERIFY(!reply->hasHeader("CIMOperation"));
    QVERIFY(!reply->hasHeader("WWW-Authenticate"));
    // Whatever the method: a GET gets the same.
    reply = client.exchange("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 403);
}

void TestSimHttpServer::faultServiceUnavailable()
{
    SimFaultPlan plan;
    plan.faults = SimFault::ServiceUnavailable;
    auto server = makeServer(plan, {{QStringLiteral("cimuser"), QStringLiteral("cimpass")}});
    RawClient client(new QTcpSocket(m_scope.get()));
    QVERIFY(client.connectPlain(server->httpPort()));
    const auto reply = client.exchange(authorizedRequest(QStringLiteral("cimuser"), QStringLiteral("cimpass")));
    QVERIFY(reply.has_value());
    QCOMPARE(reply->statusLine, QByteArray("HTTP/1.1 503 Service Unavailable"));
    bool numeric = false;
    QVERIFY(reply->header("Retry-After").toInt(&numeric) > 0);
    QVERIFY(numeric);
    QVERIFY(!reply->hasHeader("CIMOperation"));
    QCOMPARE(reply->header("Connection"), QByteArray("close"));
    QVERIFY(RawClient::waitUntil([&] { return client.disconnected(); }));
    QCOMPARE(server->receivedRequests().last().responseStatus, 503);
}

void TestSimHttpServer::tlsHealthy()
{
    auto server = makeTlsServer({});
    QVERIFY(server->isListeningHttps());
    QVERIFY(!server->serverCertificate().isNull());
    QSslSocket *socket = tlsClient(m_scope.get());
    RawClient client(socket);
    QSignalSpy encrypted(socket, &QSslSocket::encrypted);
    QSignalSpy sslErrors(socket, &QSslSocket::sslErrors);
    socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), server->httpsPort());
    QVERIFY(encrypted.wait(10000));
    QCOMPARE(sslErrors.size(), 0);
    QVERIFY(socket->sessionProtocol() >= QSsl::TlsV1_2);
    QCOMPARE(socket->peerCertificateChain().value(0), server->serverCertificate().certificate);
    const auto reply = client.exchange(httpRequest({}));
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 200);
    QVERIFY(server->receivedRequests().first().tls);

    // The IP SAN covers connecting by address without a peer verify name (C10's counterpart).
    QSslSocket *byIp = tlsClient(m_scope.get());
    byIp->setPeerVerifyName(QString());
    QSignalSpy byIpEncrypted(byIp, &QSslSocket::encrypted);
    QSignalSpy byIpErrors(byIp, &QSslSocket::sslErrors);
    byIp->connectToHostEncrypted(QStringLiteral("127.0.0.1"), server->httpsPort());
    QVERIFY(byIpEncrypted.wait(10000));
    QCOMPARE(byIpErrors.size(), 0);
}

void TestSimHttpServer::tlsCertificateFromFiles()
{
    // An admin's own certificate (here one the factory issued, written out as PEM) is served as is.
    QString error;
    const IssuedCertificate own = m_factory->issueServerCertificate({}, &error);
    QVERIFY2(!own.isNull(), qPrintable(error));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString certificateFile = dir.filePath(QStringLiteral("server.pem"));
    const QString keyFile = dir.filePath(QStringLiteral("server.key"));
    QFile certificates(certificateFile);
    QVERIFY(certificates.open(QIODevice::WriteOnly));
    certificates.write(own.certificatePem() + m_factory->caCertificate().toPem());
    certificates.close();
    QFile key(keyFile);
    QVERIFY(key.open(QIODevice::WriteOnly));
    key.write(own.privateKeyPem());
    key.close();

    SimTlsOptions options;
    options.certificateFile = certificateFile;
    options.keyFile = keyFile;
    auto server = makeTlsServer(options);
    QVERIFY(server->isListeningHttps());
    QSslSocket *socket = tlsClient(m_scope.get());
    QSignalSpy encrypted(socket, &QSslSocket::encrypted);
    socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), server->httpsPort());
    QVERIFY(encrypted.wait(10000));
    QCOMPARE(socket->peerCertificate(), own.certificate);
    QCOMPARE(socket->peerCertificateChain().size(), 2);

    // A missing or keyless file is refused with the file named.
    SimHttpServer refused;
    options.keyFile = dir.filePath(QStringLiteral("missing.key"));
    QVERIFY(!refused.setTls(options, *m_factory));
    QVERIFY2(refused.errorString().contains(QStringLiteral("missing.key")), qPrintable(refused.errorString()));
    options.keyFile = certificateFile; // a certificate file holds no key
    QVERIFY(!refused.setTls(options, *m_factory));
    QVERIFY2(refused.errorString().contains(QStringLiteral("no unencrypted RSA or EC private key")),
        qPrintable(refused.errorString()));
}

void TestSimHttpServer::tlsCertificateFaults_data()
{
    QTest::addColumn<SimCertificateFault>("fault");
    QTest::addColumn<QList<QSslError::SslError>>("expected");
    QTest::addColumn<QString>("childScenario"); // non-empty: served by a cimdiag-sim child process
    QTest::newRow("C9 expired") << SimCertificateFault::Expired
                                << QList<QSslError::SslError> {QSslError::CertificateExpired} << QString();
    QTest::newRow("C9 not yet valid") << SimCertificateFault::NotYetValid
                                      << QList<QSslError::SslError> {QSslError::CertificateNotYetValid} << QString();
    QTest::newRow("C10 wrong host") << SimCertificateFault::WrongHost
                                    << QList<QSslError::SslError> {QSslError::HostNameMismatch} << QString();
    QTest::newRow("C7 self-signed") << SimCertificateFault::SelfSigned
                                    << QList<QSslError::SslError> {QSslError::SelfSignedCertificate} << QString();
    // Qt has no name for X509_V_ERR_EE_KEY_TOO_SMALL (66) or _CA_MD_TOO_WEAK (68). In-process, Qt 6.4
    // loads the server certificate before it applies the SSL_CONF CipherString, so this process's
    // SECLEVEL 2 would refuse to serve them; cimdiag-sim lowers its own level before OpenSSL starts.
    QTest::newRow("C5 weak key") << SimCertificateFault::WeakKey
                                 << QList<QSslError::SslError> {QSslError::UnspecifiedError}
                                 << QStringLiteral("weak-key");
    QTest::newRow("C6 sha1") << SimCertificateFault::Sha1Signature
                             << QList<QSslError::SslError> {QSslError::UnspecifiedError} << QStringLiteral("cert-sha1");
}

void TestSimHttpServer::tlsCertificateFaults()
{
    QFETCH(SimCertificateFault, fault);
    QFETCH(QList<QSslError::SslError>, expected);
    QFETCH(QString, childScenario);
    QSslSocket *socket = tlsClient(m_scope.get());
    std::unique_ptr<SimHttpServer> server;
    QTemporaryDir dir;
    SimProcess process;
    quint16 port = 0;
    if (childScenario.isEmpty()) {
        SimTlsOptions options;
        options.certificate.fault = fault;
        server = makeTlsServer(options);
        QVERIFY(server->isListeningHttps());
        port = server->httpsPort();
    } else {
        QVERIFY(dir.isValid());
        const QString caFile = dir.filePath(QStringLiteral("ca.pem"));
        QVERIFY2(process.start(childScenario, caFile), qPrintable(process.errorString()));
        QSslConfiguration configuration = socket->sslConfiguration();
        configuration.setCaCertificates(QSslCertificate::fromPath(caFile));
        QCOMPARE(configuration.caCertificates().size(), 1);
        socket->setSslConfiguration(configuration);
        port = quint16(process.httpsUrl().port());
        QVERIFY(port != 0);
    }

    QList<QSslError> errors;
    QSslCertificate peer;
    connect(socket, &QSslSocket::sslErrors, socket, [&errors, &peer, socket](const QList<QSslError> &list) {
        errors = list;
        peer = socket->peerCertificate();
    });
    QSignalSpy disconnected(socket, &QAbstractSocket::disconnected);
    socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty() || disconnected.size() > 0, 10000);
    QList<QSslError::SslError> codes;
    for (const QSslError &error : errors)
        codes.append(error.error());
    for (QSslError::SslError code : expected)
        QVERIFY2(codes.contains(code), qPrintable(QDebug::toString(errors)));
    QVERIFY(!socket->isEncrypted());
    // The server really sent the weak certificate; the client is the one that refused it.
    if (fault == SimCertificateFault::WeakKey)
        QCOMPARE(peer.publicKey().length(), 1024);
    if (fault == SimCertificateFault::Sha1Signature)
        QVERIFY2(peer.toText().contains(QLatin1String("sha1WithRSAEncryption")), qPrintable(peer.toText()));
}

void TestSimHttpServer::tlsLegacyOnly()
{
    SimTlsOptions options;
    options.protocols = SimTlsProtocols::LegacyOnly;
    auto server = makeTlsServer(options);

    // A default client (TLS 1.2+) cannot agree on a protocol (C3).
    QSslSocket *modern = tlsClient(m_scope.get());
    QSignalSpy modernErrors(modern, &QAbstractSocket::errorOccurred);
    modern->connectToHostEncrypted(QStringLiteral("127.0.0.1"), server->httpsPort());
    QVERIFY(modernErrors.wait(10000));
    QCOMPARE(
        modernErrors.first().first().value<QAbstractSocket::SocketError>(), QAbstractSocket::SslHandshakeFailedError);
    QVERIFY(!modern->isEncrypted());

    // The diagnostic re-probe: MinProtocol TLSv1 and @SECLEVEL=0 get through.
    QSslSocket *legacy = tlsClient(m_scope.get());
    QSslConfiguration configuration = legacy->sslConfiguration();
    configuration.setProtocol(QSsl::AnyProtocol);
    configuration.setBackendConfigurationOption(QByteArrayLiteral("MinProtocol"), QByteArrayLiteral("TLSv1"));
    configuration.setBackendConfigurationOption(
        QByteArrayLiteral("CipherString"), QByteArrayLiteral("DEFAULT:@SECLEVEL=0"));
    legacy->setSslConfiguration(configuration);
    QSignalSpy encrypted(legacy, &QSslSocket::encrypted);
    legacy->connectToHostEncrypted(QStringLiteral("127.0.0.1"), server->httpsPort());
    QVERIFY(encrypted.wait(10000));
    QT_WARNING_PUSH
    QT_WARNING_DISABLE_DEPRECATED
    QCOMPARE(legacy->sessionProtocol(), QSsl::TlsV1_1);
    QT_WARNING_POP
    RawClient client(legacy);
    const auto reply = client.exchange(httpRequest({}));
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 200);
}

void TestSimHttpServer::tlsClientCertificateRequired()
{
    SimTlsOptions options;
    options.clientCertificates = SimClientCertificatePolicy::Required;
    auto server = makeTlsServer(options);

    // Without a client certificate nothing gets through (C13).
    QSslSocket *anonymous = tlsClient(m_scope.get());
    RawClient anonymousClient(anonymous);
    QSignalSpy handshakeFailed(server.get(), &SimHttpServer::tlsHandshakeFailed);
    anonymous->connectToHostEncrypted(QStringLiteral("127.0.0.1"), server->httpsPort());
    anonymous->write(httpRequest({}));
    QVERIFY(RawClient::waitUntil(
        [&] { return anonymousClient.disconnected() || !anonymousClient.errors().isEmpty(); }, 10000));
    QVERIFY(anonymousClient.buffer().isEmpty());
    QVERIFY(server->receivedRequests().isEmpty());

    // With a client certificate from the same CA it works.
    QString error;
    const IssuedCertificate clientCertificate
        = m_factory->issueClientCertificate(QStringLiteral("cimdiag test client"), &error);
    QVERIFY2(!clientCertificate.isNull(), qPrintable(error));
    QSslSocket *authenticated = tlsClient(m_scope.get());
    authenticated->setLocalCertificate(clientCertificate.certificate);
    authenticated->setPrivateKey(clientCertificate.privateKey);
    RawClient client(authenticated);
    QSignalSpy encrypted(authenticated, &QSslSocket::encrypted);
    authenticated->connectToHostEncrypted(QStringLiteral("127.0.0.1"), server->httpsPort());
    QVERIFY(encrypted.wait(10000));
    const auto reply = client.exchange(httpRequest({}));
    QVERIFY(reply.has_value());
    QCOMPARE(reply->status, 200);
}

QTEST_GUILESS_MAIN(TestSimHttpServer)
#include "TestSimHttpServer.moc"
