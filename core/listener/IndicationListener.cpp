// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/listener/IndicationListener.h"

#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace cimdiag {

namespace {

constexpr int kMaxRejectionsKept = 100;

/// Fatal alerts by which a TLS client says it does not accept the server's certificate (RFC 8446
/// 6.2): bad_certificate, unsupported_certificate, certificate_revoked, certificate_expired,
/// certificate_unknown, unknown_ca. OpenSSL sends unknown_ca for a self-signed or unknown issuer.
bool rejectsCertificate(int alert)
{
    return (alert >= 42 && alert <= 46) || alert == 48;
}

/// An IPv4 peer on a dual-stack socket shows as ::ffff:a.b.c.d; statistics key it as a.b.c.d.
QHostAddress plainAddress(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

QString urlHost(const QString &host)
{
    return host.contains(u':') && !host.startsWith(u'[') ? QLatin1Char('[') + host + QLatin1Char(']') : host;
}

} // namespace

struct IndicationListener::Connection
{
    explicit Connection(const IndicationListenerOptions &options)
        : requests(options.maxHeadSize, options.maxBodySize, options.acceptMPost)
    { }

    QHostAddress peer;
    quint16 peerPort = 0;
    bool tls = false;
    ExportRequestHandler requests; ///< the bytes read so far and what they ask for
    QTimer *timer = nullptr; ///< a child of the socket: request deadline while reading, idle timeout between
};

IndicationListener::IndicationListener(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<ReceivedIndication>();
    qRegisterMetaType<RejectedExportRequest>();
    qRegisterMetaType<FailedTlsHandshake>();
}

IndicationListener::~IndicationListener()
{
    close();
}

bool IndicationListener::listen(const IndicationListenerOptions &options)
{
    close();
    if (m_server) {
        // Until deleteLater() runs, the old server's signals would feed this listen()'s counters.
        m_server->disconnect(this);
        m_server->deleteLater();
        m_server = nullptr;
    }
    m_options = options;
    m_port = 0;
    m_errorString.clear();
    m_queue.clear();
    m_senders.clear();
    m_rejections.clear();
    m_lastArrival.clear();
    m_failedHandshakes.clear();
    m_handshakeAlerts.clear();
    m_received = m_dropped = m_rejected = m_connectionsAccepted = 0;
    m_handshakesFailed = m_certificatesRejected = 0;

    std::unique_ptr<QTcpServer> server;
    if (options.isHttps()) {
        if (options.privateKey.isNull()) {
            m_errorString = tr("HTTPS needs the private key of the listener certificate");
            return false;
        }
        auto ssl = std::make_unique<QSslServer>();
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setLocalCertificateChain(QList<QSslCertificate> {options.certificate} + options.chain);
        configuration.setPrivateKey(options.privateKey);
        configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // CIM servers send no client certificate
        configuration.setProtocol(QSsl::TlsV1_2OrLater);
        ssl->setSslConfiguration(configuration);
        ssl->setHandshakeTimeout(options.requestTimeoutMs);
        // A sender that verifies our certificate and does not trust it (F4) ends the handshake with a
        // fatal alert (OpenSSL clients such as sfcb's libcurl send it before they close): remember
        // it, the handshake's failure (errorOccurred) follows and records both.
        connect(ssl.get(), &QSslServer::alertReceived, this,
            [this](QSslSocket *socket, QSsl::AlertLevel level, QSsl::AlertType type, const QString &description) {
                if (level == QSsl::AlertLevel::Fatal)
                    m_handshakeAlerts.insert(socket, {int(type), description});
            });
        connect(ssl.get(), &QSslServer::errorOccurred, this,
            [this, timeoutMs = options.requestTimeoutMs](QSslSocket *socket, QAbstractSocket::SocketError error) {
                // QSslServer's handshake timer leaves the socket's error string at "Unknown error".
                recordFailedHandshake(socket,
                    error == QAbstractSocket::SocketTimeoutError ? tr("no TLS handshake within %1 ms").arg(timeoutMs)
                                                                 : socket->errorString());
            });
        server = std::move(ssl);
    } else {
        server = std::make_unique<QTcpServer>();
    }
    server->setMaxPendingConnections(qMax(1, options.maxConnections));
    if (!server->listen(options.address, options.port)) {
        m_errorString = tr("cannot listen on %1 port %2: %3")
                            .arg(options.address.toString())
                            .arg(options.port)
                            .arg(server->errorString());
        return false;
    }
    server->setParent(this);
    m_server = server.release(); // owned by this (QObject parent) from here on
    m_port = m_server->serverPort();
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &IndicationListener::acceptPending);
    return true;
}

void IndicationListener::close()
{
    if (m_server) {
        m_server->close();
        // QTcpServer::close() drops only the pending connections: sockets still in their TLS
        // handshake belong to the QSslServer and would be handed over (and accepted) later.
        for (QSslSocket *handshaking : m_server->findChildren<QSslSocket *>(Qt::FindDirectChildrenOnly)) {
            handshaking->disconnect();
            handshaking->abort();
            handshaking->deleteLater();
        }
    }
    m_handshakeAlerts.clear();
    const auto sockets = m_connections.keys();
    m_connections.clear();
    for (QTcpSocket *socket : sockets) {
        socket->disconnect(this);
        // An answer just written (the 200 to the indication that made the caller stop) is still in
        // the socket's buffer; hand it to the kernel (non-blocking) before the connection goes.
        socket->flush();
        socket->abort();
        socket->deleteLater();
    }
}

bool IndicationListener::isListening() const
{
    return m_server && m_server->isListening();
}

QUrl IndicationListener::destinationUrl(const QString &host, const QString &path) const
{
    QString name = host;
    if (name.isEmpty()) {
        if (m_options.address == QHostAddress(QHostAddress::AnyIPv6))
            name = QStringLiteral("::1");
        else if (m_options.address == QHostAddress(QHostAddress::Any)
            || m_options.address == QHostAddress(QHostAddress::AnyIPv4))
            name = QStringLiteral("127.0.0.1");
        else
            name = m_options.address.toString();
    }
    const QString scheme = isHttps() ? QStringLiteral("https") : QStringLiteral("http");
    return QUrl(scheme + QStringLiteral("://") + urlHost(name) + u':' + QString::number(m_port)
        + (path.startsWith(u'/') ? path : u'/' + path));
}

QList<ReceivedIndication> IndicationListener::queuedIndications() const
{
    return QList<ReceivedIndication>(m_queue.cbegin(), m_queue.cend());
}

std::optional<ReceivedIndication> IndicationListener::takeIndication()
{
    if (m_queue.empty())
        return std::nullopt;
    ReceivedIndication first = std::move(m_queue.front());
    m_queue.pop_front();
    return first;
}

void IndicationListener::clearQueue()
{
    m_queue.clear();
}

void IndicationListener::acceptPending()
{
    while (m_server && m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        if (!socket)
            break;
        if (!m_server->isListening() || m_connections.size() >= m_options.maxConnections) {
            // Closed (a handshake that finished after close()), or over the cap: closed at once
            // rather than hold a socket and a buffer for it.
            socket->abort();
            socket->deleteLater();
            continue;
        }
        socket->setParent(this);
        auto connection = std::make_shared<Connection>(m_options);
        connection->peer = plainAddress(socket->peerAddress());
        connection->peerPort = socket->peerPort();
        connection->tls = m_options.isHttps();
        connection->timer = new QTimer(socket);
        connection->timer->setSingleShot(true);
        m_connections.insert(socket, connection);
        ++m_connectionsAccepted;
        connect(connection->timer, &QTimer::timeout, this, [this, socket] { onTimeout(socket); });
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_connections.remove(socket);
            socket->deleteLater();
        });
        startTimer(*connection, m_options.idleTimeoutMs);
        emit connectionAccepted(connection->peer, connection->peerPort);
        if (socket->bytesAvailable() > 0)
            QTimer::singleShot(0, socket, [this, socket] { onReadyRead(socket); });
    }
}

void IndicationListener::startTimer(Connection &connection, int milliseconds)
{
    if (milliseconds > 0)
        connection.timer->start(milliseconds);
    else
        connection.timer->stop();
}

void IndicationListener::onTimeout(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    const std::shared_ptr<Connection> keep = *it;
    if (keep->requests.isClosing())
        return;
    // A request in progress gets 408 (ExportRequestHandler::timeout); an idle keep-alive connection
    // is closed as servers do.
    if (const auto step = keep->requests.timeout(m_options.requestTimeoutMs))
        respond(socket, *keep, *step);
    else
        socket->disconnectFromHost();
}

void IndicationListener::onReadyRead(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    const std::shared_ptr<Connection> keep = *it;
    Connection &connection = *keep;
    if (connection.requests.isClosing()) {
        socket->skip(socket->bytesAvailable());
        return;
    }
    const bool wasIdle = !connection.requests.inRequest();
    connection.requests.append(socket->readAll());
    if (wasIdle && connection.requests.inRequest())
        startTimer(connection, m_options.requestTimeoutMs); // the deadline runs from the first byte
    process(socket);
    if (!m_connections.contains(socket))
        return;
    // Pipelined data beyond one full request that nobody will read: drop the connection.
    if (!connection.requests.isClosing()
        && connection.requests.bufferedSize() > m_options.maxHeadSize + m_options.maxBodySize)
        dropConnection(socket);
}

void IndicationListener::process(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    const std::shared_ptr<Connection> keep = *it;
    Connection &connection = *keep;
    while (const auto step = connection.requests.next()) {
        if (step->interim) {
            socket->write(step->bytes);
            continue;
        }
        respond(socket, connection, *step);
        if (!m_connections.contains(socket))
            return;
    }
}

void IndicationListener::respond(QTcpSocket *socket, Connection &connection, const ExportRequestHandler::Step &step)
{
    const std::shared_ptr<Connection> keep = m_connections.value(socket);
    const ExportRequestDecoder::Reply &reply = step.reply;
    if (reply.isAccepted())
        accept(connection, step);
    else if (reply.status != 200 || reply.cimStatusCode != 0)
        reject(connection, step);
    if (!m_connections.contains(socket))
        return; // a slot closed the listener

    socket->write(step.bytes);
    if (connection.requests.isClosing()) {
        connection.timer->stop();
        socket->disconnectFromHost();
        return;
    }
    startTimer(
        connection, connection.requests.bufferedSize() == 0 ? m_options.idleTimeoutMs : m_options.requestTimeoutMs);
}

void IndicationListener::dropConnection(QTcpSocket *socket)
{
    m_connections.remove(socket);
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

IndicationSenderStatistics &IndicationListener::statisticsFor(const QHostAddress &address)
{
    for (IndicationSenderStatistics &statistics : m_senders) {
        if (statistics.address == address)
            return statistics;
    }
    IndicationSenderStatistics statistics;
    statistics.address = address;
    m_senders.append(statistics);
    return m_senders.last();
}

void IndicationListener::recordFailedHandshake(QSslSocket *socket, const QString &error)
{
    FailedTlsHandshake failed;
    failed.sender = plainAddress(socket->peerAddress());
    failed.senderPort = socket->peerPort();
    failed.error = error;
    failed.at = QDateTime::currentDateTimeUtc();
    if (const auto alert = m_handshakeAlerts.constFind(socket); alert != m_handshakeAlerts.cend()) {
        failed.alert = alert->first;
        failed.alertDescription = alert->second;
        m_handshakeAlerts.erase(alert);
    }
    failed.certificateRejected = rejectsCertificate(failed.alert);
    ++m_handshakesFailed;
    IndicationSenderStatistics &statistics = statisticsFor(failed.sender);
    ++statistics.failedHandshakes;
    if (failed.certificateRejected) {
        ++m_certificatesRejected;
        ++statistics.rejectedCertificates;
    }
    m_failedHandshakes.append(failed);
    while (m_failedHandshakes.size() > kMaxRejectionsKept)
        m_failedHandshakes.removeFirst();
    emit tlsHandshakeFailed(failed.sender, failed.alertDescription.isEmpty() ? error : failed.alertDescription);
}

void IndicationListener::accept(const Connection &connection, const ExportRequestHandler::Step &step)
{
    const ExportRequestDecoder::Reply &reply = step.reply;
    ReceivedIndication received;
    received.indication = *reply.indication;
    received.messageId = reply.messageId;
    received.sender = connection.peer;
    received.senderPort = connection.peerPort;
    received.tls = connection.tls;
    received.method = step.head.method;
    received.target = step.head.target;
    received.receivedAt = QDateTime::currentDateTimeUtc();
    received.sequence = ++m_received;

    IndicationSenderStatistics &statistics = statisticsFor(connection.peer);
    ++statistics.indications;
    if (!statistics.firstReceived.isValid())
        statistics.firstReceived = received.receivedAt;
    statistics.lastReceived = received.receivedAt;
    // Inter-arrival times from a monotonic clock, so a wall-clock step does not show as a gap.
    QElapsedTimer &last = m_lastArrival[connection.peer.toString()];
    if (last.isValid()) {
        const qint64 gap = last.restart();
        statistics.lastIntervalMs = gap;
        statistics.minIntervalMs = statistics.minIntervalMs < 0 ? gap : qMin(statistics.minIntervalMs, gap);
        statistics.maxIntervalMs = qMax(statistics.maxIntervalMs, gap);
    } else {
        last.start();
    }

    m_queue.push_back(received);
    while (static_cast<qsizetype>(m_queue.size()) > qMax(1, m_options.maxQueuedIndications)) {
        m_queue.pop_front(); // F10: a full queue drops its oldest, and says so in droppedCount()
        ++m_dropped;
    }
    emit indicationReceived(received);
}

void IndicationListener::reject(const Connection &connection, const ExportRequestHandler::Step &step)
{
    const ExportRequestDecoder::Reply &reply = step.reply;
    RejectedExportRequest rejection;
    rejection.sender = connection.peer;
    rejection.senderPort = connection.peerPort;
    rejection.requestLine = step.head.requestLine;
    rejection.status = reply.status;
    rejection.cimError = reply.cimError;
    rejection.cimStatusCode = reply.cimStatusCode;
    rejection.reason = reply.reason;
    rejection.at = QDateTime::currentDateTimeUtc();
    ++m_rejected;
    ++statisticsFor(connection.peer).rejectedRequests;
    m_rejections.append(rejection);
    while (m_rejections.size() > kMaxRejectionsKept)
        m_rejections.removeFirst();
    emit requestRejected(rejection);
}

} // namespace cimdiag
