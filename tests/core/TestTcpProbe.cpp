// SPDX-License-Identifier: GPL-3.0-or-later
// TcpProbe on real loopback sockets: open, refused (B2), reset after accept (B5, RST and EOF told
// apart), filtered (B3, a listener whose accept queue is full so SYNs are dropped), cancel.
#include "core/net/SocketErrorNames.h"
#include "core/net/TcpProbe.h"
#include "core/sim/SimSslServer.h"
#include "tests/support/LoopbackPort.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace cimdiag;
using namespace std::chrono_literals;

namespace {

bool waitFinished(TcpProbe &probe, int timeoutMs = 5000)
{
    if (probe.isFinished())
        return true;
    QSignalSpy spy(&probe, &TcpProbe::finished);
    return spy.wait(timeoutMs) || probe.isFinished();
}

TcpProbe::Options options(quint16 port, std::chrono::milliseconds observe = 100ms)
{
    TcpProbe::Options o;
    o.address = QHostAddress(QHostAddress::LocalHost);
    o.port = port;
    o.connectTimeout = 2000ms;
    o.observeWindow = observe;
    return o;
}

} // namespace

class TestTcpProbe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void open();
    void openIPv6();
    void refused();
    void resetAfterAccept();
    void closeAfterAccept();
    void greetThenClose();
    void filtered();
    void cancel();
    void cancelBeforeStart();
    void outcomeNames();
    void errnoNames_data();
    void errnoNames();
};

void TestTcpProbe::open()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TcpProbe probe(options(server.serverPort()));
    QSignalSpy finished(&probe, &TcpProbe::finished);
    probe.start();
    QVERIFY(!probe.isFinished()); // started from a queued call
    QVERIFY(waitFinished(probe));
    const TcpProbeResult &result = probe.result();
    QCOMPARE(result.outcome, TcpProbeResult::Outcome::Open);
    QVERIFY(result.isOpen());
    QVERIFY(result.errnoName.isEmpty());
    QCOMPARE(result.port, server.serverPort());
    QCOMPARE(result.address, QHostAddress(QHostAddress::LocalHost));
    QVERIFY(result.connectTime > 0us);
    QVERIFY(result.connectTime < 1s);
    QCOMPARE(finished.count(), 1);
    // The server saw the connection.
    QTRY_VERIFY_WITH_TIMEOUT(server.hasPendingConnections(), 2000);
}

void TestTcpProbe::openIPv6()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHostIPv6, 0))
        QSKIP("no IPv6 loopback on this machine");
    TcpProbe::Options o = options(server.serverPort());
    o.address = QHostAddress(QHostAddress::LocalHostIPv6);
    TcpProbe probe(o);
    probe.start();
    QVERIFY(waitFinished(probe));
    QCOMPARE(probe.result().outcome, TcpProbeResult::Outcome::Open);
}

void TestTcpProbe::refused()
{
    const quint16 port = closedLoopbackPort();
    QVERIFY(port != 0);
    TcpProbe probe(options(port));
    probe.start();
    QVERIFY(waitFinished(probe));
    const TcpProbeResult &result = probe.result();
    QCOMPARE(result.outcome, TcpProbeResult::Outcome::Refused);
    QCOMPARE(result.errnoName, QStringLiteral("ECONNREFUSED"));
    QCOMPARE(result.socketError, QAbstractSocket::ConnectionRefusedError);
    QVERIFY(!result.errorText.isEmpty());
    QVERIFY(result.connectTime < 1s);
}

void TestTcpProbe::resetAfterAccept()
{
    // The server accepts, waits a little (the client has seen the connection established), then
    // resets (SO_LINGER 0): ESXi's crashing sfcbd, B5.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    connect(&server, &QTcpServer::newConnection, this, [&server] {
        QTcpSocket *socket = server.nextPendingConnection();
        QTimer::singleShot(50, socket, [socket] {
            SimSslServer::setResetOnClose(socket->socketDescriptor());
            socket->abort();
            socket->deleteLater();
        });
    });
    TcpProbe probe(options(server.serverPort(), 1000ms));
    probe.start();
    QElapsedTimer timer;
    timer.start();
    QVERIFY(waitFinished(probe));
    const TcpProbeResult &result = probe.result();
    QCOMPARE(result.outcome, TcpProbeResult::Outcome::ResetAfterAccept);
#ifdef Q_OS_LINUX
    QCOMPARE(result.errnoName, QStringLiteral("ECONNRESET"));
#endif
    QVERIFY(result.connectTime > 0us);
    // It finished at the reset, not at the end of the observation window.
    QVERIFY2(timer.elapsed() < 900, qPrintable(QString::number(timer.elapsed())));
}

void TestTcpProbe::closeAfterAccept()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    connect(&server, &QTcpServer::newConnection, this, [&server] {
        QTcpSocket *socket = server.nextPendingConnection();
        QTimer::singleShot(50, socket, [socket] {
            socket->disconnectFromHost(); // FIN
            socket->deleteLater();
        });
    });
    TcpProbe probe(options(server.serverPort(), 1000ms));
    probe.start();
    QVERIFY(waitFinished(probe));
    QCOMPARE(probe.result().outcome, TcpProbeResult::Outcome::ResetAfterAccept);
    QCOMPARE(probe.result().errnoName, QStringLiteral("EOF"));
    QCOMPARE(probe.result().socketError, QAbstractSocket::RemoteHostClosedError);
}

void TestTcpProbe::greetThenClose()
{
    // A server that says something (a banner, an HTTP error) and closes within the window answered:
    // the port is Open, not B5 "closed without a byte".
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    connect(&server, &QTcpServer::newConnection, this, [&server] {
        QTcpSocket *socket = server.nextPendingConnection();
        socket->write("SSH-2.0-OpenSSH_9.2\r\n");
        QTimer::singleShot(50, socket, [socket] {
            socket->disconnectFromHost(); // FIN after the bytes
            socket->deleteLater();
        });
    });
    TcpProbe probe(options(server.serverPort(), 1000ms));
    QElapsedTimer elapsed;
    elapsed.start();
    probe.start();
    QVERIFY(waitFinished(probe));
    QCOMPARE(probe.result().outcome, TcpProbeResult::Outcome::Open);
    QVERIFY(probe.result().errnoName.isEmpty());
    // Decided at the close, not at the end of the window.
    QVERIFY2(elapsed.elapsed() < 900, qPrintable(QString::number(elapsed.elapsed())));
}

void TestTcpProbe::filtered()
{
    // A listener that never accepts, with an accept queue of one that one filler connection fills:
    // Linux then drops further SYNs (no SYN-ACK, no RST), which is what a filtering firewall looks
    // like from the client (B3).
    QTcpServer server;
    server.setListenBacklogSize(0);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    server.pauseAccepting();
    QTcpSocket filler;
    filler.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QSignalSpy fillerConnected(&filler, &QTcpSocket::connected);
    QVERIFY(fillerConnected.wait(2000));

    TcpProbe::Options o = options(server.serverPort());
    o.connectTimeout = 500ms;
    TcpProbe probe(o);
    QElapsedTimer timer;
    timer.start();
    probe.start();
    QVERIFY(waitFinished(probe, 3000));
    const qint64 elapsed = timer.elapsed();
    const TcpProbeResult &result = probe.result();
    if (result.outcome == TcpProbeResult::Outcome::Open)
        QSKIP("this kernel completed the handshake despite the full accept queue");
    QCOMPARE(result.outcome, TcpProbeResult::Outcome::Filtered);
    QCOMPARE(result.errnoName, QStringLiteral("ETIMEDOUT"));
    QVERIFY2(elapsed >= 480 && elapsed <= 800, qPrintable(QString::number(elapsed)));
    QVERIFY(result.connectTime >= 480ms);
}

void TestTcpProbe::cancel()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    // A long observation window keeps the probe busy until the cancel.
    TcpProbe probe(options(server.serverPort(), 5000ms));
    QSignalSpy finished(&probe, &TcpProbe::finished);
    probe.start();
    QTest::qWait(100);
    QVERIFY(!probe.isFinished());
    probe.cancel();
    QVERIFY(probe.isFinished()); // before cancel() returned
    QCOMPARE(finished.count(), 1);
    QCOMPARE(probe.result().outcome, TcpProbeResult::Outcome::Cancelled);
    probe.cancel(); // nothing once finished
    QTest::qWait(50);
    QCOMPARE(finished.count(), 1);
}

void TestTcpProbe::cancelBeforeStart()
{
    TcpProbe probe(options(closedLoopbackPort()));
    QSignalSpy finished(&probe, &TcpProbe::finished);
    probe.start();
    probe.cancel(); // the queued doStart() must not start anything afterwards
    QCOMPARE(finished.count(), 1);
    QTest::qWait(100);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(probe.result().outcome, TcpProbeResult::Outcome::Cancelled);
}

void TestTcpProbe::outcomeNames()
{
    QCOMPARE(TcpProbeResult::outcomeName(TcpProbeResult::Outcome::Open), QStringLiteral("open"));
    QCOMPARE(
        TcpProbeResult::outcomeName(TcpProbeResult::Outcome::ResetAfterAccept), QStringLiteral("reset-after-accept"));
    QCOMPARE(TcpProbeResult::outcomeName(TcpProbeResult::Outcome::Filtered), QStringLiteral("filtered"));
}

void TestTcpProbe::errnoNames_data()
{
    // Qt folds EHOSTUNREACH, ENETUNREACH and ETIMEDOUT into NetworkError; only its text (Qt's own
    // QNativeSocketEngine strings) tells them apart. B4 cannot be produced on loopback, so the
    // mapping is tested here.
    QTest::addColumn<QAbstractSocket::SocketError>("error");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("name");
    QTest::newRow("refused") << QAbstractSocket::ConnectionRefusedError << QStringLiteral("Connection refused")
                             << QStringLiteral("ECONNREFUSED");
    QTest::newRow("host unreachable") << QAbstractSocket::NetworkError << QStringLiteral("Host unreachable")
                                      << QStringLiteral("EHOSTUNREACH");
    QTest::newRow("network unreachable") << QAbstractSocket::NetworkError << QStringLiteral("Network unreachable")
                                         << QStringLiteral("ENETUNREACH");
    QTest::newRow("kernel timeout") << QAbstractSocket::NetworkError << QStringLiteral("Connection timed out")
                                    << QStringLiteral("ETIMEDOUT");
    QTest::newRow("qt timeout") << QAbstractSocket::SocketTimeoutError << QStringLiteral("Socket operation timed out")
                                << QStringLiteral("ETIMEDOUT");
    QTest::newRow("closed") << QAbstractSocket::RemoteHostClosedError
                            << QStringLiteral("The remote host closed the connection") << QStringLiteral("EOF");
    QTest::newRow("not found") << QAbstractSocket::HostNotFoundError << QStringLiteral("Host not found")
                               << QStringLiteral("EAI_NONAME");
    QTest::newRow("other") << QAbstractSocket::NetworkError << QStringLiteral("Something else") << QString();
}

void TestTcpProbe::errnoNames()
{
    QFETCH(QAbstractSocket::SocketError, error);
    QFETCH(QString, text);
    QFETCH(QString, name);
    QCOMPARE(SocketErrorNames::errnoName(error, text), name);
}

QTEST_GUILESS_MAIN(TestTcpProbe)
#include "TestTcpProbe.moc"
