// SPDX-License-Identifier: GPL-3.0-or-later
// HttpProbe against the in-process simulator over HTTP and HTTPS (healthy 401, no-auth 200
// MethodResponse, a web server's 200 text/html, 417 to Expect, stall, reset after accept, plain
// HTTP to the TLS port) and against a tiny raw server that answers garbage: a clear result, no
// crash. Both sides are asserted where the simulator records the request.
#include "core/cimxml/CimRequestBuilder.h"
#include "core/cimxml/CimXmlWriter.h"
#include "core/diagnostics/HttpDiagnosis.h"
#include "core/net/CertificateFactory.h"
#include "core/net/HttpProbe.h"
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimScenario.h"
#include "core/sim/SimScenarioHost.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include <memory>

using namespace cimdiag;
using namespace std::chrono_literals;

namespace {

/// https: also open the TLS listener (making its certificates is most of a start's cost).
std::unique_ptr<SimScenarioHost> startScenario(const QString &name, bool https = false)
{
    QString error;
    std::optional<SimScenario> scenario = SimScenario::load(name, &error);
    if (!scenario) {
        qWarning("%s", qPrintable(error));
        return {};
    }
    auto host = std::make_unique<SimScenarioHost>();
    SimScenarioHost::Listen listen;
    listen.https = https;
    if (!host->start(*scenario, listen)) {
        qWarning("%s", qPrintable(host->errorString()));
        return {};
    }
    return host;
}

QByteArray enumerateRequest(quint16 port, const QList<std::pair<QByteArray, QByteArray>> &extra = {})
{
    const CimOperationRequest request = CimRequestBuilder::enumerateInstanceNames(
        QStringLiteral("1001"), QStringLiteral("interop"), QStringLiteral("CIM_ObjectManager"));
    return HttpProbe::cimPost(QStringLiteral("localhost"), port, request.cimMethodHeader().toUtf8(),
        QUrl::toPercentEncoding(request.cimObjectHeader(), "/"), CimXmlWriter::request(request), extra);
}

HttpProbe::Options probeOptions(quint16 port, bool tls, const QByteArray &request)
{
    HttpProbe::Options options;
    options.host = QStringLiteral("localhost");
    options.address = QHostAddress(QHostAddress::LocalHost);
    options.port = port;
    options.tls = tls;
    options.request = request;
    options.timeout = 3000ms;
    return options;
}

HttpProbeResult runProbe(const HttpProbe::Options &options, int waitMs = 6000)
{
    HttpProbe probe(options);
    QSignalSpy finished(&probe, &HttpProbe::finished);
    probe.start();
    if (!probe.isFinished())
        finished.wait(waitMs);
    if (!probe.isFinished())
        qWarning("probe did not finish");
    return probe.result();
}

/// Answers every connection with fixed bytes, then closes: a server that is not (quite) HTTP.
class RawServer : public QTcpServer
{
public:
    explicit RawServer(QByteArray reply, bool waitForRequest = true)
        : m_reply(std::move(reply))
        , m_waitForRequest(waitForRequest)
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                auto answer = [this, socket] {
                    socket->readAll();
                    socket->write(m_reply);
                    socket->disconnectFromHost();
                };
                if (m_waitForRequest)
                    connect(socket, &QTcpSocket::readyRead, socket, answer);
                else
                    answer();
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

private:
    QByteArray m_reply;
    bool m_waitForRequest;
};

/// Answers a request with "100 Continue" after "100 Continue", without end (a broken server that
/// once drove the probe to gigabytes and past its timeout).
class InterimFloodServer : public QTcpServer
{
public:
    InterimFloodServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                auto *timer = new QTimer(socket);
                connect(timer, &QTimer::timeout, socket, [socket] {
                    if (socket->bytesToWrite() < 64 * 1024)
                        socket->write(QByteArray("HTTP/1.1 100 Continue\r\n\r\n").repeated(256));
                });
                connect(socket, &QTcpSocket::readyRead, socket, [socket, timer] {
                    socket->readAll();
                    timer->start(0);
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
};

/// Writes a client certificate and key as PEM files; empty strings on failure.
std::pair<QString, QString> writeClientCertificate(
    const CertificateFactory &factory, const QTemporaryDir &dir, const QString &name)
{
    QString error;
    const IssuedCertificate client = factory.issueClientCertificate(name, &error);
    if (client.isNull()) {
        qWarning("%s", qPrintable(error));
        return {};
    }
    const QString certFile = dir.filePath(name + QStringLiteral(".pem"));
    const QString keyFile = dir.filePath(name + QStringLiteral(".key"));
    for (const auto &[path, pem] :
        {std::pair {certFile, client.certificatePem()}, std::pair {keyFile, client.privateKeyPem()}}) {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(pem) != pem.size())
            return {};
    }
    return {certFile, keyFile};
}

} // namespace

class TestHttpProbe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cimPostHeaders();
    void healthy_data();
    void healthy();
    void noAuthentication();
    void nonCimServer();
    void expect417();
    void expectContinueHealthy();
    void stall();
    void resetAfterAccept();
    void plainToTlsPort();
    void refused();
    void garbage_data();
    void garbage();
    void cancel();
    void looksLikeTls();
    void interimFlood();
    void clientCertificate();
};

void TestHttpProbe::cimPostHeaders()
{
    const QByteArray request = HttpProbe::cimPost(QStringLiteral("fe80::1"), 5989, "EnumerateInstanceNames",
        "root/interop", "<CIM/>", {{"Expect", "100-continue"}});
    QVERIFY(request.startsWith("POST /cimom HTTP/1.1\r\n"));
    QVERIFY(request.contains("\r\nHost: [fe80::1]:5989\r\n"));
    QVERIFY(request.contains("\r\nContent-Type: application/xml; charset=\"utf-8\"\r\n"));
    QVERIFY(request.contains("\r\nContent-Length: 6\r\n"));
    QVERIFY(request.contains("\r\nCIMOperation: MethodCall\r\n"));
    QVERIFY(request.contains("\r\nCIMMethod: EnumerateInstanceNames\r\n"));
    QVERIFY(request.contains("\r\nCIMObject: root/interop\r\n"));
    QVERIFY(request.contains("\r\nExpect: 100-continue\r\n"));
    QVERIFY(!request.contains("Authorization"));
    QVERIFY(request.endsWith("\r\n\r\n<CIM/>"));
}

void TestHttpProbe::healthy_data()
{
    QTest::addColumn<bool>("tls");
    QTest::newRow("http") << false;
    QTest::newRow("https") << true;
}

void TestHttpProbe::healthy()
{
    QFETCH(bool, tls);
    auto host = startScenario(QStringLiteral("healthy"), tls);
    QVERIFY(host);
    const quint16 port = tls ? host->server()->httpsPort() : host->server()->httpPort();
    const HttpProbeResult result = runProbe(probeOptions(port, tls, enumerateRequest(port)));
    QVERIFY(result.connected);
    QVERIFY(!result.tlsFailed);
    QVERIFY(result.isHttp);
    QCOMPARE(result.status, 401);
    QCOMPARE(result.statusLine, QByteArray("HTTP/1.1 401 Unauthorized"));
    QVERIFY(result.header("WWW-Authenticate").startsWith("Basic realm="));
    QVERIFY(!result.hasHeader("CIMOperation"));
    QVERIFY(result.firstBytes.startsWith("HTTP/1.1 401"));
    QVERIFY(result.bodyComplete);
    QVERIFY(!result.timedOut && !result.closedBeforeReply);
    QVERIFY(result.protocolError.isEmpty());
    QVERIFY(result.timeToFirstByte > 0us && result.timeToFirstByte <= result.totalTime);

    // The server received exactly the DSP0200 request, without credentials.
    QCOMPARE(host->server()->receivedRequests().size(), 1);
    const SimReceivedRequest &received = host->server()->receivedRequests().first();
    QCOMPARE(received.tls, tls);
    QCOMPARE(received.method, QByteArray("POST"));
    QCOMPARE(httpHeaderValue(received.headers, "CIMMethod"), QByteArray("EnumerateInstanceNames"));
    QCOMPARE(httpHeaderValue(received.headers, "CIMObject"), QByteArray("interop"));
    QVERIFY(!hasHttpHeader(received.headers, "Authorization"));
    QCOMPARE(received.responseStatus, 401);
}

void TestHttpProbe::noAuthentication()
{
    auto host = startScenario(QStringLiteral("healthy-noauth"));
    QVERIFY(host);
    const quint16 port = host->server()->httpPort();
    const HttpProbeResult result = runProbe(probeOptions(port, false, enumerateRequest(port)));
    QCOMPARE(result.status, 200);
    QCOMPARE(result.header("CIMOperation"), QByteArray("MethodResponse"));
    QVERIFY(result.header("Content-Type").startsWith("application/xml"));
    QVERIFY(result.bodyComplete);
    QVERIFY(result.body.contains("<IMETHODRESPONSE NAME=\"EnumerateInstanceNames\""));
    QCOMPARE(result.body.size(), result.header("Content-Length").toInt());
}

void TestHttpProbe::nonCimServer()
{
    auto host = startScenario(QStringLiteral("non-cim-server"));
    QVERIFY(host);
    const quint16 port = host->server()->httpPort();
    const HttpProbeResult result = runProbe(probeOptions(port, false, enumerateRequest(port)));
    QCOMPARE(result.status, 200);
    QVERIFY(!result.hasHeader("CIMOperation"));
    QVERIFY(result.header("Content-Type").startsWith("text/html"));
    QVERIFY(result.header("Server").startsWith("Apache"));
    QVERIFY(result.body.contains("<html>"));
}

void TestHttpProbe::expect417()
{
    auto host = startScenario(QStringLiteral("expect-417"));
    QVERIFY(host);
    const quint16 port = host->server()->httpPort();
    const HttpProbeResult plain = runProbe(probeOptions(port, false, enumerateRequest(port)));
    QCOMPARE(plain.status, 401);
    const HttpProbeResult expect
        = runProbe(probeOptions(port, false, enumerateRequest(port, {{"Expect", "100-continue"}})));
    QCOMPARE(expect.status, 417);
    QVERIFY(expect.isHttp);
}

void TestHttpProbe::expectContinueHealthy()
{
    // A server that accepts Expect answers 100 Continue first; the probe reports the final reply.
    auto host = startScenario(QStringLiteral("healthy"));
    QVERIFY(host);
    const quint16 port = host->server()->httpPort();
    const HttpProbeResult result
        = runProbe(probeOptions(port, false, enumerateRequest(port, {{"Expect", "100-continue"}})));
    QCOMPARE(result.status, 401);
    QVERIFY(result.firstBytes.startsWith("HTTP/1.1 100 Continue"));
}

void TestHttpProbe::stall()
{
    auto host = startScenario(QStringLiteral("stall"));
    QVERIFY(host);
    const quint16 port = host->server()->httpPort();
    HttpProbe::Options options = probeOptions(port, false, enumerateRequest(port));
    options.timeout = 500ms;
    QElapsedTimer timer;
    timer.start();
    const HttpProbeResult result = runProbe(options);
    const qint64 elapsed = timer.elapsed();
    QVERIFY(result.connected);
    QVERIFY(result.timedOut);
    QVERIFY(!result.isHttp);
    QVERIFY(result.firstBytes.isEmpty());
    QVERIFY2(elapsed >= 480 && elapsed < 900, qPrintable(QString::number(elapsed)));
    // The request did arrive: a hung CIMOM, not a lost request (B6).
    QCOMPARE(host->server()->receivedRequests().size(), 1);
}

void TestHttpProbe::resetAfterAccept()
{
    auto host = startScenario(QStringLiteral("reset-after-accept"));
    QVERIFY(host);
    const quint16 port = host->server()->httpPort();
    const HttpProbeResult result = runProbe(probeOptions(port, false, enumerateRequest(port)));
    QVERIFY(result.connected);
    QVERIFY(result.closedBeforeReply);
#ifdef Q_OS_LINUX
    QCOMPARE(result.closeErrno, QStringLiteral("ECONNRESET"));
#endif
    QVERIFY(result.firstBytes.isEmpty());
    QVERIFY(!result.isHttp);
    QVERIFY(!result.timedOut);
}

void TestHttpProbe::plainToTlsPort()
{
    // C2: plaintext HTTP to the TLS port. OpenSSL notices an HTTP request and drops the connection
    // without an alert; other stacks send an alert record. Either way it is not an HTTP reply.
    auto host = startScenario(QStringLiteral("healthy"), true);
    QVERIFY(host);
    const quint16 port = host->server()->httpsPort();
    const HttpProbeResult result = runProbe(probeOptions(port, false, enumerateRequest(port)));
    QVERIFY(result.connected);
    QVERIFY(!result.isHttp);
    QVERIFY2(result.looksLikeTls() || (result.closedBeforeReply && result.firstBytes.isEmpty()),
        result.firstBytes.toHex().constData());
    QVERIFY(!result.timedOut);
}

void TestHttpProbe::refused()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 port = server.serverPort();
    server.close();
    const HttpProbeResult result = runProbe(probeOptions(port, false, enumerateRequest(port)));
    QVERIFY(!result.connected);
    QCOMPARE(result.connectErrno, QStringLiteral("ECONNREFUSED"));
    QVERIFY(!result.connectError.isEmpty());
    QVERIFY(!result.isHttp);
}

void TestHttpProbe::garbage_data()
{
    QTest::addColumn<QByteArray>("reply");
    QTest::addColumn<bool>("isHttp");
    QTest::addColumn<QString>("errorContains");

    QTest::newRow("ssh banner") << QByteArray("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n") << false
                                << QStringLiteral("not HTTP");
    QTest::newRow("binary") << QByteArray("\x00\x01\x02\xff\xfe garbage", 13) << false << QStringLiteral("not HTTP");
    QTest::newRow("status garbage") << QByteArray("HTTP/1.1 OK fine\r\n\r\n") << false << QStringLiteral("status");
    QTest::newRow("huge head") << QByteArray("HTTP/1.1 200 OK\r\nX: ") + QByteArray(70 * 1024, 'x') << true
                               << QStringLiteral("64 KiB");
    QByteArray many = "HTTP/1.1 200 OK\r\n";
    for (int i = 0; i < 250; ++i)
        many += "X-" + QByteArray::number(i) + ": y\r\n";
    QTest::newRow("too many headers") << many + "\r\n" << true << QStringLiteral("header lines");
    QTest::newRow("http/0.9 style") << QByteArray("<html>hello</html>") << false << QStringLiteral("not HTTP");
}

void TestHttpProbe::garbage()
{
    QFETCH(QByteArray, reply);
    QFETCH(bool, isHttp);
    QFETCH(QString, errorContains);
    RawServer server(reply);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 port = server.serverPort();
    const HttpProbeResult result = runProbe(probeOptions(port, false, enumerateRequest(port)));
    QVERIFY(result.connected);
    QCOMPARE(result.isHttp, isHttp);
    QVERIFY2(result.protocolError.contains(errorContains), qPrintable(result.protocolError));
    QCOMPARE(result.firstBytes, reply.left(64));
    QVERIFY(!result.timedOut);
}

void TestHttpProbe::cancel()
{
    auto host = startScenario(QStringLiteral("stall"));
    QVERIFY(host);
    const quint16 port = host->server()->httpPort();
    HttpProbe probe(probeOptions(port, false, enumerateRequest(port)));
    QSignalSpy finished(&probe, &HttpProbe::finished);
    probe.start();
    QTest::qWait(100);
    QVERIFY(!probe.isFinished());
    probe.cancel();
    QVERIFY(probe.isFinished());
    QCOMPARE(finished.count(), 1);
    QVERIFY(probe.result().cancelled);
    QTest::qWait(50);
    QCOMPARE(finished.count(), 1);
}

void TestHttpProbe::looksLikeTls()
{
    HttpProbeResult result;
    QVERIFY(!result.looksLikeTls());
    result.firstBytes = QByteArray("\x15\x03\x03\x00\x02\x02\x46", 7); // alert protocol_version
    QVERIFY(result.looksLikeTls());
    result.firstBytes = QByteArray("\x16\x03\x01\x00\x5c", 5); // handshake
    QVERIFY(result.looksLikeTls());
    result.firstBytes = QByteArray("HTTP/1.1 400 Bad Request");
    QVERIFY(!result.looksLikeTls());
}

void TestHttpProbe::interimFlood()
{
    InterimFloodServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 port = server.serverPort();
    QElapsedTimer timer;
    timer.start();
    const HttpProbeResult result = runProbe(probeOptions(port, false, enumerateRequest(port)));
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(result.connected);
    QVERIFY(!result.timedOut);
    QVERIFY(!result.isHttp);
    QVERIFY2(
        result.protocolError.contains(QLatin1String("too many interim 1xx replies")), qPrintable(result.protocolError));

    // The HTTP stage calls it a protocol error of the server: not a hang (B6), not another service.
    Target target;
    target.host = QStringLiteral("localhost");
    target.port = port;
    const CheckResult verdict = HttpDiagnosis::classify(target, result, nullptr, nullptr);
    QCOMPARE(checkStatusName(verdict.status), checkStatusName(CheckStatus::Failed));
    QVERIFY2(verdict.hintIds.isEmpty(), qPrintable(verdict.hintIds.join(QLatin1Char(','))));
    QVERIFY2(verdict.summary.contains(QLatin1String("interim")), qPrintable(verdict.summary));
}

void TestHttpProbe::clientCertificate()
{
    // 2-way TLS: the probe presents the target's client certificate, as the WBEM client does.
    auto host = startScenario(QStringLiteral("client-cert-required"), true);
    QVERIFY(host);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const quint16 port = host->server()->httpsPort();
    Target target;
    target.scheme = QStringLiteral("https");
    target.host = QStringLiteral("localhost");
    target.port = port;

    const auto [certFile, keyFile] = writeClientCertificate(*host->certificateFactory(), dir, QStringLiteral("client"));
    QVERIFY(!certFile.isEmpty());
    HttpProbe::Options options = probeOptions(port, true, enumerateRequest(port));
    options.clientCertificateFile = certFile;
    options.clientKeyFile = keyFile;
    HttpProbeResult result = runProbe(options);
    QVERIFY2(result.isHttp, qPrintable(result.tlsError + result.closeErrno));
    QCOMPARE(result.status, 401);
    QVERIFY(result.clientCertificateError.isEmpty());
    QCOMPARE(checkStatusName(HttpDiagnosis::classify(target, result, nullptr, nullptr).status),
        checkStatusName(CheckStatus::Passed));

    // A certificate from another CA: refused (Qt's server closes without an alert after the TLS 1.3
    // handshake), no HTTP reply and no pass.
    const std::optional<CertificateFactory> other = CertificateFactory::create();
    QVERIFY(other);
    const auto [strangerCert, strangerKey] = writeClientCertificate(*other, dir, QStringLiteral("stranger"));
    QVERIFY(!strangerCert.isEmpty());
    options.clientCertificateFile = strangerCert;
    options.clientKeyFile = strangerKey;
    result = runProbe(options);
    QVERIFY(!result.isHttp);
    QVERIFY(result.tlsFailed || result.closedBeforeReply);
    QCOMPARE(checkStatusName(HttpDiagnosis::classify(target, result, nullptr, nullptr).status),
        checkStatusName(CheckStatus::Failed));

    // A client certificate file that cannot be read: said so, and the exchange goes on without one.
    options.clientCertificateFile = dir.filePath(QStringLiteral("missing.pem"));
    options.clientKeyFile.clear();
    result = runProbe(options);
    QVERIFY(!result.isHttp);
    QVERIFY2(result.clientCertificateError.contains(QLatin1String("missing.pem")),
        qPrintable(result.clientCertificateError));
}

QTEST_GUILESS_MAIN(TestHttpProbe)
#include "TestHttpProbe.moc"
