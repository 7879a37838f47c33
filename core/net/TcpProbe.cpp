// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/net/TcpProbe.h"

#include "core/net/SocketErrorNames.h"

#include <QNetworkProxy>
#include <QTcpSocket>

namespace cimdiag {

namespace {

std::chrono::microseconds elapsedMicroseconds(const QElapsedTimer &timer)
{
    return std::chrono::microseconds(timer.nsecsElapsed() / 1000);
}

} // namespace

TcpProbe::TcpProbe(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_timer.setSingleShot(true);
    // A coarse timer may fire 5 % early; "no SYN-ACK within the timeout" must mean at least that long.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &TcpProbe::onTimeout);
    m_result.address = m_options.address;
    m_result.port = m_options.port;
}

TcpProbe::~TcpProbe()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void TcpProbe::start()
{
    QMetaObject::invokeMethod(this, &TcpProbe::doStart, Qt::QueuedConnection);
}

void TcpProbe::cancel()
{
    if (m_finished)
        return;
    finish(TcpProbeResult::Outcome::Cancelled, QString());
}

void TcpProbe::doStart()
{
    if (m_finished || m_socket)
        return;
    auto *socket = new QTcpSocket(this);
    m_socket = socket;
    // A diagnosis of the direct path: an application-wide proxy must not stand in for the server.
    socket->setProxy(QNetworkProxy::NoProxy);
    connect(socket, &QTcpSocket::connected, this, &TcpProbe::onConnected);
    connect(socket, &QTcpSocket::errorOccurred, this, &TcpProbe::onErrorOccurred);
    connect(socket, &QTcpSocket::readyRead, this, [this] {
        // Counted, not kept: bytes before a close make the port Open rather than B5.
        if (m_socket)
            m_bytesReceived += m_socket->skip(m_socket->bytesAvailable());
    });
    m_elapsed.start();
    m_timer.start(m_options.connectTimeout);
    socket->connectToHost(m_options.address, m_options.port);
}

void TcpProbe::onConnected()
{
    if (m_finished || !m_socket)
        return;
    m_connected = true;
    m_result.connectTime = elapsedMicroseconds(m_elapsed);
    if (m_options.observeWindow.count() <= 0) {
        finish(TcpProbeResult::Outcome::Open, QString());
        return;
    }
    m_closeDetector.attach(m_socket->socketDescriptor());
    m_timer.start(m_options.observeWindow);
}

void TcpProbe::onErrorOccurred()
{
    if (m_finished || !m_socket)
        return;
    const QAbstractSocket::SocketError error = m_socket->error();
    const QString text = m_socket->errorString();
    m_result.socketError = error;
    m_result.errorText = text;

    if (m_connected) {
        // A server that greets (SSH, FTP, a banner) and closes within the window said something:
        // the port is open, whatever follows is for the next stages to judge; not B5.
        if (m_bytesReceived > 0 || m_socket->bytesAvailable() > 0) {
            finish(TcpProbeResult::Outcome::Open, QString());
            return;
        }
        // Accepted, then closed or reset before we said anything (B5). Qt reports a reset as a
        // remote close too; the close detector tells them apart.
        if (error == QAbstractSocket::RemoteHostClosedError) {
            finish(TcpProbeResult::Outcome::ResetAfterAccept, m_closeDetector.peerCloseErrno());
            return;
        }
        const QString name = SocketErrorNames::errnoName(error, text);
        if (name == QLatin1String("ECONNRESET") || error == QAbstractSocket::NetworkError) {
            finish(TcpProbeResult::Outcome::ResetAfterAccept, name.isEmpty() ? QStringLiteral("ECONNRESET") : name);
            return;
        }
        finish(TcpProbeResult::Outcome::Error, name);
        return;
    }

    m_result.connectTime = elapsedMicroseconds(m_elapsed);
    const QString name = SocketErrorNames::errnoName(error, text);
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        // B2. Note: Linux also maps an ICMP port-unreachable answer (iptables REJECT with the
        // default icmp-port-unreachable) to ECONNREFUSED, so "refused" may come from a firewall
        // rather than the host; only IP_RECVERR/MSG_ERRQUEUE would tell them apart (B4).
        finish(TcpProbeResult::Outcome::Refused, name);
        return;
    case QAbstractSocket::SocketTimeoutError:
        finish(TcpProbeResult::Outcome::Filtered, QStringLiteral("ETIMEDOUT"));
        return;
    case QAbstractSocket::NetworkError:
        if (SocketErrorNames::isConnectTimeout(error, text)) {
            finish(TcpProbeResult::Outcome::Filtered, QStringLiteral("ETIMEDOUT"));
            return;
        }
        // B4: an ICMP host/network unreachable (or a local route failure).
        finish(TcpProbeResult::Outcome::Unreachable, name.isEmpty() ? QStringLiteral("EHOSTUNREACH") : name);
        return;
    case QAbstractSocket::HostNotFoundError:
        finish(TcpProbeResult::Outcome::Unreachable, name);
        return;
    default:
        finish(TcpProbeResult::Outcome::Error, name);
        return;
    }
}

void TcpProbe::onTimeout()
{
    if (m_finished)
        return;
    if (m_connected) {
        // The observation window passed quietly.
        finish(TcpProbeResult::Outcome::Open, QString());
        return;
    }
    // B3: no SYN-ACK (and no RST or ICMP) within the connect timeout.
    m_result.connectTime = elapsedMicroseconds(m_elapsed);
    m_result.socketError = QAbstractSocket::SocketTimeoutError;
    m_result.errorText = tr("No answer to the connection attempt within %1 ms").arg(m_options.connectTimeout.count());
    finish(TcpProbeResult::Outcome::Filtered, QStringLiteral("ETIMEDOUT"));
}

void TcpProbe::finish(TcpProbeResult::Outcome outcome, const QString &errnoName)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    m_result.outcome = outcome;
    m_result.errnoName = errnoName;
    if (outcome == TcpProbeResult::Outcome::Open) {
        m_result.socketError = QAbstractSocket::UnknownSocketError;
        m_result.errorText.clear();
    }
    if (m_socket) {
        QTcpSocket *socket = m_socket;
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
        m_socket.clear();
    }
    m_closeDetector.release();
    Q_EMIT finished();
}

} // namespace cimdiag
