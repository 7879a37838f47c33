// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimHttpServer.h"
#include "core/wbem/WbemHttpHeaders.h"

#include "core/net/HttpRequestParser.h"

#include "core/cimxml/CimXmlReader.h"
#include "core/cimxml/CimXmlWriter.h"
#include "core/net/CertificateFactory.h"
#include "core/sim/SimSslServer.h"
#include "core/wbem/WbemRedactor.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSslDiffieHellmanParameters>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QXmlStreamReader>

namespace cimdiag {

namespace {

// A certificate chain and key from PEM files: the leaf first, then what the server sends after it.
IssuedCertificate loadServerCertificate(const QString &certificateFile, const QString &keyFile, QString *error)
{
    IssuedCertificate loaded;
    const QList<QSslCertificate> certificates
        = QSslCertificate::fromPath(certificateFile, QSsl::Pem, QSslCertificate::PatternSyntax::FixedString);
    if (certificates.isEmpty()) {
        *error = QStringLiteral("%1 holds no PEM certificate").arg(certificateFile);
        return loaded;
    }
    QFile file(keyFile.isEmpty() ? certificateFile : keyFile);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the key file %1: %2").arg(file.fileName(), file.errorString());
        return loaded;
    }
    const QByteArray pem = file.readAll();
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec}) {
        const QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull()) {
            loaded.privateKey = key;
            break;
        }
    }
    if (loaded.privateKey.isNull()) {
        *error = QStringLiteral("%1 holds no unencrypted RSA or EC private key in PEM").arg(file.fileName());
        return loaded;
    }
    loaded.certificate = certificates.first();
    loaded.chain = certificates.mid(1);
    return loaded;
}

constexpr qsizetype kMaxHeadSize = HttpRequestParser::kMaxHeadSize;
const QByteArray kCrLf = QByteArrayLiteral("\r\n");

QString urlHost(const QHostAddress &address)
{
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return QLatin1Char('[') + address.toString() + QLatin1Char(']');
    return address.toString();
}

/// Where the simulator's own filler connection (FilterConnections) connects to reach a listener.
QHostAddress loopbackFor(const QHostAddress &listenAddress)
{
    if (listenAddress == QHostAddress(QHostAddress::AnyIPv6))
        return QHostAddress(QHostAddress::LocalHostIPv6);
    if (listenAddress == QHostAddress(QHostAddress::Any) || listenAddress == QHostAddress(QHostAddress::AnyIPv4))
        return QHostAddress(QHostAddress::LocalHost);
    return listenAddress;
}

QString stripSlashes(QString text)
{
    while (text.startsWith(QLatin1Char('/')))
        text.remove(0, 1);
    while (text.endsWith(QLatin1Char('/')))
        text.chop(1);
    return text;
}

/// D15: a body that is not even well-formed XML gets request-not-well-formed; a well-formed one
/// that is not a valid CIM-XML request gets request-not-valid.
bool isWellFormedXml(const QByteArray &body)
{
    QXmlStreamReader xml(body);
    while (!xml.atEnd())
        xml.readNext();
    return !xml.hasError();
}

} // namespace

struct SimHttpServer::Response
{
    int status = 200;
    QByteArray reason; ///< empty: reasonPhrase(status)
    WbemHttpHeaderList headers;
    QByteArray body;
    bool close = false;
    bool cimHeaders = false; ///< add CIMOperation: MethodResponse (NN- prefixed for M-POST)
    bool stall = false; ///< StallConnections: never answer
    bool truncateBody = false; ///< CloseMidBody
    bool dropConnection = false; ///< close without a reply (a replayed exchange that had none)
    QString user;
    QByteArray cimError;
    qint64 serverTimeUs = -1;
};

struct SimHttpServer::Connection
{
    bool tls = false;
    QByteArray buffer;
    bool headParsed = false;
    bool busy = false; ///< an answer is pending (slow, stalled), later requests wait
    bool closing = false; ///< no more requests are read
    QTimer *idleTimer = nullptr; ///< a child of the socket

    // The request being read.
    HttpRequestHead head;
    qint64 contentLength = 0;
    QByteArray body;
    QByteArray extensionPrefix; ///< "73-" for an M-POST with ns=73

    QByteArray header(QByteArrayView name) const { return head.header(name); }
    bool hasHeader(QByteArrayView name) const { return head.hasHeader(name); }
    /// A DSP0200 CIM header: NN-prefixed in an M-POST.
    QByteArray cimHeader(QByteArrayView name) const { return header(QByteArray(extensionPrefix + name.toByteArray())); }
    bool hasCimHeader(QByteArrayView name) const { return hasHeader(QByteArray(extensionPrefix + name.toByteArray())); }

    bool wantsKeepAlive() const { return head.wantsKeepAlive(); }

    void resetRequest()
    {
        headParsed = false;
        head.clear();
        contentLength = 0;
        body.clear();
        extensionPrefix.clear();
    }
};

SimHttpServer::SimHttpServer(QObject *parent)
    : QObject(parent)
    , m_serverName(QByteArrayLiteral("cimdiag-sim/") + QByteArrayLiteral(CIMDIAG_VERSION))
{ }

SimHttpServer::~SimHttpServer()
{
    close();
}

void SimHttpServer::setHandler(Handler handler)
{
    m_handler = std::move(handler);
}

void SimHttpServer::setRawResponder(RawResponder responder)
{
    m_rawResponder = std::move(responder);
}

void SimHttpServer::setFaultPlan(const SimFaultPlan &plan)
{
    m_faultPlan = plan;
    if (m_httpsServer)
        m_httpsServer->setResetAfterAccept(plan.has(SimFault::ResetAfterAccept));
}

void SimHttpServer::setAccounts(const SimAccountList &accounts)
{
    m_accounts = accounts;
}

void SimHttpServer::setRealm(const QString &realm)
{
    m_realm = realm;
}

void SimHttpServer::setServerName(const QByteArray &serverName)
{
    m_serverName = serverName;
}

void SimHttpServer::setMaxBodySize(qint64 bytes)
{
    m_maxBodySize = bytes;
}

void SimHttpServer::setMaxRecordedRequests(int count)
{
    m_maxRecordedRequests = qMax(1, count);
    while (m_receivedRequests.size() > m_maxRecordedRequests)
        m_receivedRequests.removeFirst();
}

void SimHttpServer::setMaxConnections(int count)
{
    m_maxConnections = qMax(1, count);
}

void SimHttpServer::setIdleTimeout(int milliseconds)
{
    m_idleTimeoutMs = milliseconds;
}

bool SimHttpServer::setTls(const SimTlsOptions &options, const CertificateFactory &factory)
{
    QString error;
    IssuedCertificate issued = options.certificateFile.isEmpty()
        ? options.certificate.issue(factory, &error)
        : loadServerCertificate(options.certificateFile, options.keyFile, &error);
    if (issued.isNull()) {
        m_errorString = QStringLiteral("cannot set up the server certificate: ") + error;
        return false;
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(QList<QSslCertificate> {issued.certificate} + issued.chain);
    configuration.setPrivateKey(issued.privateKey);

    // Qt's protocol enum can say "exactly 1.1" but not "1.0 to 1.1", and its 1.0/1.1 values are
    // deprecated; OpenSSL's own MinProtocol/MaxProtocol (SSL_CONF) say exactly what C3 needs.
    bool needsSecurityLevel0 = false;
    switch (options.protocols) {
    case SimTlsProtocols::Default:
        configuration.setProtocol(QSsl::TlsV1_2OrLater);
        break;
    case SimTlsProtocols::LegacyOnly:
        configuration.setProtocol(QSsl::AnyProtocol);
        configuration.setBackendConfigurationOption(QByteArrayLiteral("MinProtocol"), QByteArrayLiteral("TLSv1"));
        configuration.setBackendConfigurationOption(QByteArrayLiteral("MaxProtocol"), QByteArrayLiteral("TLSv1.1"));
        // C3: Debian's OpenSSL 3 refuses TLS 1.0/1.1 below SECLEVEL 0 ("no protocols available").
        needsSecurityLevel0 = true;
        break;
    case SimTlsProtocols::Tls12Only:
        configuration.setProtocol(QSsl::TlsV1_2);
        break;
    case SimTlsProtocols::Tls13Only:
        configuration.setProtocol(QSsl::TlsV1_3);
        break;
    }
    // C5/C6: at SECLEVEL >= 1 OpenSSL would not even load an RSA-1024 or SHA-1 certificate on the
    // server side ("ee key too small", "ca md too weak"); the client must be the one to complain.
    if (options.certificate.fault == SimCertificateFault::WeakKey
        || options.certificate.fault == SimCertificateFault::Sha1Signature)
        needsSecurityLevel0 = true;
    if (!options.cipherString.isEmpty()) {
        configuration.setBackendConfigurationOption(QByteArrayLiteral("CipherString"), options.cipherString.toLatin1());
    } else if (needsSecurityLevel0) {
        configuration.setBackendConfigurationOption(
            QByteArrayLiteral("CipherString"), QByteArrayLiteral("DEFAULT:@SECLEVEL=0"));
    }

    if (options.dhParameterBits == 1024) {
        // C4: RFC 2409 Oakley group 2 (1024-bit MODP, generator 2), what old servers (OpenSSL
        // before 1.0.2's 2048-bit default, sfcb and Pegasus builds of that time) offer for DHE.
        static constexpr char kOakleyGroup2[] = "-----BEGIN DH PARAMETERS-----\n"
                                                "MIGHAoGBAP//////////yQ/aoiFowjTExmKLgNwc0SkCTgiKZ8x0Agu+pjsTmyJR\n"
                                                "Sgh5jjQE3e+VGbPNOkMbMCsKbfJfFDdP4TVtbVHCReSFtXZiXn7G9ExC6aY37WsL\n"
                                                "/1y29Aa37e44a/taiZ+lrp8kEXxLH+ZJKGZR7OZTgf//////////AgEC\n"
                                                "-----END DH PARAMETERS-----\n";
        const QSslDiffieHellmanParameters dh
            = QSslDiffieHellmanParameters::fromEncoded(QByteArray(kOakleyGroup2), QSsl::Pem);
        if (!dh.isValid()) {
            m_errorString = QStringLiteral("cannot set up 1024-bit DH parameters: ") + dh.errorString();
            return false;
        }
        configuration.setDiffieHellmanParameters(dh);
    }

    switch (options.clientCertificates) {
    case SimClientCertificatePolicy::None:
        configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
        break;
    case SimClientCertificatePolicy::Optional:
        configuration.setPeerVerifyMode(QSslSocket::QueryPeer);
        configuration.setCaCertificates({factory.caCertificate()});
        break;
    case SimClientCertificatePolicy::Required:
        configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
        configuration.setCaCertificates({factory.caCertificate()});
        break;
    }
    m_serverCertificate = issued;
    setSslConfiguration(configuration);
    return true;
}

void SimHttpServer::setSslConfiguration(const QSslConfiguration &configuration)
{
    m_sslConfiguration = configuration;
    m_sslConfigured = true;
    if (m_httpsServer)
        m_httpsServer->setSslConfiguration(configuration);
}

bool SimHttpServer::listenHttp(const QHostAddress &address, quint16 port)
{
    if (m_httpServer) {
        m_httpServer->close();
        m_httpServer->deleteLater();
    }
    auto listener = std::make_unique<QTcpServer>();
    if (m_faultPlan.has(SimFault::FilterConnections))
        listener->setListenBacklogSize(0);
    if (!listener->listen(address, port)) {
        m_errorString = QStringLiteral("http listener on %1:%2: %3")
                            .arg(address.toString())
                            .arg(port)
                            .arg(listener->errorString());
        return false;
    }
    listener->setParent(this);
    QTcpServer *server = listener.release(); // owned by this (QObject parent) from here on
    m_httpServer = server;
    m_httpAddress = address;
    m_httpPort = server->serverPort();
    connect(server, &QTcpServer::pendingConnectionAvailable, this, [this, server] { acceptPending(server, false); });
    if (m_faultPlan.has(SimFault::RefuseConnections)) {
        // B2: the port was free a moment ago and nobody listens now, so connects get RST.
        server->close();
    } else if (m_faultPlan.has(SimFault::FilterConnections)) {
        filterConnections(server, address);
    }
    return true;
}

bool SimHttpServer::listenHttps(const QHostAddress &address, quint16 port)
{
    if (!m_sslConfigured) {
        m_errorString = QStringLiteral("https listener: no TLS configuration (call setTls first)");
        return false;
    }
    if (m_httpsServer) {
        m_httpsServer->close();
        m_httpsServer->deleteLater();
    }
    auto listener = std::make_unique<SimSslServer>();
    listener->setSslConfiguration(m_sslConfiguration);
    listener->setResetAfterAccept(m_faultPlan.has(SimFault::ResetAfterAccept));
    if (m_faultPlan.has(SimFault::FilterConnections))
        listener->setListenBacklogSize(0);
    if (!listener->listen(address, port)) {
        m_errorString = QStringLiteral("https listener on %1:%2: %3")
                            .arg(address.toString())
                            .arg(port)
                            .arg(listener->errorString());
        return false;
    }
    listener->setParent(this);
    SimSslServer *server = listener.release(); // owned by this (QObject parent) from here on
    m_httpsServer = server;
    m_httpsAddress = address;
    m_httpsPort = server->serverPort();
    connect(server, &QTcpServer::pendingConnectionAvailable, this, [this, server] { acceptPending(server, true); });
    connect(server, &SimSslServer::connectionReset, this, [this] {
        ++m_acceptedConnections;
        emit connectionAccepted(true);
    });
    connect(server, &QSslServer::sslErrors, this, [this](QSslSocket *, const QList<QSslError> &errors) {
        QStringList texts;
        for (const QSslError &error : errors)
            texts.append(error.errorString());
        emit tlsHandshakeFailed(texts.join(QStringLiteral("; ")));
    });
    connect(server, &QSslServer::errorOccurred, this,
        [this](QSslSocket *socket, QAbstractSocket::SocketError) { emit tlsHandshakeFailed(socket->errorString()); });
    if (m_faultPlan.has(SimFault::RefuseConnections))
        server->close();
    else if (m_faultPlan.has(SimFault::FilterConnections))
        filterConnections(server, address);
    return true;
}

void SimHttpServer::filterConnections(QTcpServer *server, const QHostAddress &address)
{
    // B3 needs SYNs that get no answer at all, as behind a firewall that drops them; a closed port
    // would answer RST (B2) instead. Linux drops a SYN when the listener's accept queue is full
    // (tcp_conn_request: sk_acceptq_is_full), and with a backlog of 0 one connection fills it.
    // So: listen with backlog 0 (the caller did), never accept, and queue one connection of our
    // own. The client's connect then times out; the kernel retransmits its SYNs in vain. Other
    // kernels may size the queue differently, see TestSimHttpServer::faultFilterConnections.
    server->pauseAccepting();
    auto *filler = new QTcpSocket(this);
    filler->connectToHost(loopbackFor(address), server->serverPort());
    m_fillers.append(filler);
}

void SimHttpServer::close()
{
    if (m_httpServer)
        m_httpServer->close();
    if (m_httpsServer)
        m_httpsServer->close();
    for (const QPointer<QTcpSocket> &filler : std::as_const(m_fillers)) {
        if (filler) {
            filler->abort();
            filler->deleteLater();
        }
    }
    m_fillers.clear();
    const auto sockets = m_connections.keys();
    m_connections.clear();
    for (QTcpSocket *socket : sockets) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
}

bool SimHttpServer::isListeningHttp() const
{
    return m_httpServer && m_httpServer->isListening();
}

bool SimHttpServer::isListeningHttps() const
{
    return m_httpsServer && m_httpsServer->isListening();
}

QUrl SimHttpServer::httpUrl() const
{
    return QUrl(QStringLiteral("http://%1:%2").arg(urlHost(m_httpAddress)).arg(m_httpPort));
}

QUrl SimHttpServer::httpsUrl() const
{
    return QUrl(QStringLiteral("https://%1:%2").arg(urlHost(m_httpsAddress)).arg(m_httpsPort));
}

void SimHttpServer::clearReceivedRequests()
{
    m_receivedRequests.clear();
}

void SimHttpServer::acceptPending(QTcpServer *server, bool tls)
{
    while (server->hasPendingConnections()) {
        QTcpSocket *socket = server->nextPendingConnection();
        if (!socket)
            break;
        if (m_connections.size() >= m_maxConnections) {
            // Over the cap: reset at once rather than hold a socket and a buffer for it.
            socket->abort();
            socket->deleteLater();
            continue;
        }
        ++m_acceptedConnections;
        if (!tls && m_faultPlan.has(SimFault::ResetAfterAccept)) {
            // B5: accepted, then reset before a single byte. A short pause first, so the client
            // has seen the connection established (as with ESXi's crashing sfcbd) rather than a
            // failed connect.
            socket->setParent(this);
            QTimer::singleShot(SimSslServer::kResetDelayMs, socket, [socket] {
                SimSslServer::setResetOnClose(socket->socketDescriptor());
                socket->abort();
                socket->deleteLater();
            });
            emit connectionAccepted(false);
            continue;
        }
        setUpConnection(socket, tls);
        emit connectionAccepted(tls);
    }
}

void SimHttpServer::setUpConnection(QTcpSocket *socket, bool tls)
{
    socket->setParent(this);
    auto connection = std::make_shared<Connection>();
    connection->tls = tls;
    m_connections.insert(socket, connection);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
        m_connections.remove(socket);
        socket->deleteLater();
    });
    connection->idleTimer = new QTimer(socket);
    connection->idleTimer->setSingleShot(true);
    connect(connection->idleTimer, &QTimer::timeout, this, [this, socket] {
        const auto it = m_connections.find(socket);
        if (it == m_connections.end() || (*it)->busy)
            return;
        // An idle keep-alive connection (or a request trickling in): close it as servers do.
        (*it)->closing = true;
        (*it)->buffer.clear();
        socket->disconnectFromHost();
    });
    restartIdleTimer(*connection);
    if (socket->bytesAvailable() > 0)
        QTimer::singleShot(0, socket, [this, socket] { onReadyRead(socket); });
}

void SimHttpServer::onReadyRead(QTcpSocket *socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    const std::shared_ptr<Connection> keep = *it;
    Connection &connection = *keep;
    if (connection.closing) {
        // After a 400/411/413/431 or Connection: close nothing more is read; drain and drop.
        socket->skip(socket->bytesAvailable());
        return;
    }
    connection.buffer += socket->readAll();
    processBuffer(socket);
    if (!m_connections.contains(socket))
        return;
    restartIdleTimer(connection);
    // What is left is one incomplete request, or requests queued behind a pending answer (stall,
    // slow). A request larger than the limits was answered above, so more than that is a client
    // pushing data nobody reads: drop the connection rather than hold it.
    if (!connection.closing && connection.buffer.size() > kMaxHeadSize + m_maxBodySize)
        abortConnection(socket);
}

void SimHttpServer::restartIdleTimer(Connection &connection) const
{
    if (!connection.idleTimer)
        return;
    if (m_idleTimeoutMs > 0 && !connection.busy && !connection.closing)
        connection.idleTimer->start(m_idleTimeoutMs);
    else
        connection.idleTimer->stop();
}

void SimHttpServer::abortConnection(QTcpSocket *socket)
{
    m_connections.remove(socket);
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

void SimHttpServer::processBuffer(QTcpSocket *socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    const std::shared_ptr<Connection> keep = *it;
    Connection &connection = *keep;
    while (!connection.busy && !connection.closing) {
        if (!connection.headParsed) {
            // C1: a TLS ClientHello (record type 0x16) on the plaintext port cannot become an HTTP
            // request; answer 400 at once, as servers that reject a non-token request line do, so
            // the TLS client sees "HTTP/1.1 400" ("wrong version number") instead of a stall.
            if (connection.buffer.startsWith('\x16')) {
                Response response;
                response.status = 400;
                response.close = true;
                send(socket, response);
                return;
            }
            switch (HttpRequestParser::takeHead(connection.buffer, &connection.head)) {
            case HttpRequestParser::HeadStatus::Incomplete:
                return;
            case HttpRequestParser::HeadStatus::TooLarge: {
                // 431 for a head over the limit, whether or not its end has arrived yet, and for one
                // with too many header lines.
                Response response;
                response.status = 431;
                response.close = true;
                send(socket, response);
                return;
            }
            case HttpRequestParser::HeadStatus::Malformed: {
                Response response;
                response.status = 400;
                response.close = true;
                send(socket, response);
                return;
            }
            case HttpRequestParser::HeadStatus::Complete:
                break;
            }
            connection.headParsed = true;
            if (answerFromHead(socket, connection))
                return;
        }
        if (connection.buffer.size() < connection.contentLength)
            return;
        connection.body = connection.buffer.left(connection.contentLength);
        connection.buffer.remove(0, connection.contentLength);
        Response response = handleRequest(connection);
        send(socket, std::move(response));
    }
}

bool SimHttpServer::answerFromHead(QTcpSocket *socket, Connection &connection)
{
    const bool chunked = connection.header("Transfer-Encoding").toLower().contains("chunked");
    const bool isPost = connection.head.method == "POST" || connection.head.method == "M-POST";
    Response response;
    response.close = true;

    bool lengthOk = false;
    const QByteArray lengthText = connection.header("Content-Length");
    const qint64 length = lengthText.toLongLong(&lengthOk);

    if (answersEveryRequest()) {
        // D18, D9, D19: a web server or front end answers anything; read a body if one is announced.
        if (chunked) {
            response = finishResponse(handleRequest(connection), connection);
            response.close = true;
            send(socket, response);
            return true;
        }
        connection.contentLength = lengthOk && length > 0 ? qMin(length, m_maxBodySize) : 0;
        return false;
    }
    if (!isPost) {
        response.status = 405;
        response.headers.append({QByteArrayLiteral("Allow"), QByteArrayLiteral("POST, M-POST")});
    } else if (chunked || !connection.hasHeader("Content-Length")) {
        // D11: SFCB answers 411 to a chunked request body, and so to any body without a length.
        response.status = 411;
    } else if (!lengthOk || length < 0) {
        response.status = 400;
    } else if (length > m_maxBodySize) {
        response.status = 413;
    } else if (connection.header("Expect").toLower().contains("100-continue")) {
        if (m_faultPlan.has(SimFault::ExpectContinue417)) {
            // D10: SFCB refuses Expect with 417 and closes.
            response.status = 417;
        } else {
            connection.contentLength = length;
            socket->write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
            return false;
        }
    } else {
        connection.contentLength = length;
        return false;
    }
    send(socket, response);
    return true;
}

SimHttpServer::Response SimHttpServer::handleRequest(Connection &connection)
{
    Response response;
    response.close = !connection.wantsKeepAlive();

    if (m_rawResponder) {
        if (std::optional<SimRawReply> raw = m_rawResponder(receivedRequest(connection))) {
            response.status = raw->status;
            response.reason = raw->reason;
            response.headers = raw->headers;
            response.body = raw->body;
            response.close = response.close || raw->close;
            response.dropConnection = raw->dropConnection;
            // Only for receivedRequests(): the header itself is already in raw->headers.
            for (const auto &[name, value] : std::as_const(raw->headers)) {
                if (name.compare("CIMError", Qt::CaseInsensitive) == 0 || name.endsWith("-CIMError"))
                    response.cimError = value;
            }
            return response;
        }
    }

    if (m_faultPlan.has(SimFault::ServiceUnavailable)) {
        // D19: a server shutting down or overloaded; the client may retry after Retry-After seconds.
        response.status = 503;
        response.close = true;
        response.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("30")});
        response.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain; charset=utf-8")});
        response.body = QByteArrayLiteral("The CIM server is shutting down; try again later.\n");
        return response;
    }
    if (m_faultPlan.has(SimFault::Forbidden)) {
        // D9: neither OpenPegasus nor SFCB sends 403 for CIM requests; a reverse proxy, web UI or
        // vendor front end in front of the port does.
        response.status = 403;
        response.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/html; charset=utf-8")});
        response.body = QByteArrayLiteral("<!DOCTYPE html>\n<html><head><title>403 Forbidden</title></head>"
                                          "<body><h1>Forbidden</h1><p>You don't have permission to access this "
                                          "resource.</p></body></html>\n");
        return response;
    }
    if (m_faultPlan.has(SimFault::NonCimServer)) {
        // D18: 200 with a web page and no CIMOperation header; the Server header says Apache.
        response.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/html; charset=utf-8")});
        response.headers.append({QByteArrayLiteral("Server"), QByteArrayLiteral("Apache/2.4.57 (Debian)")});
        response.body = QByteArrayLiteral("<!DOCTYPE html>\n<html><head><title>Welcome</title></head>"
                                          "<body><h1>It works!</h1></body></html>\n");
        return response;
    }

    if (m_faultPlan.has(SimFault::NegotiateOnly)) {
        // D5: a server or front end that offers only Kerberos/SPNEGO (Negotiate): no Basic
        // challenge, and no credentials a CIM-XML client sends are accepted.
        response.status = 401;
        response.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Negotiate")});
        return response;
    }

    // Basic authentication (D1, D3, D4, D6) before the CIM headers are looked at, as OpenPegasus does.
    const bool authenticate = m_faultPlan.has(SimFault::AlwaysUnauthorized)
        || m_faultPlan.has(SimFault::RemotePrivilegedUserDenied)
        || (!m_faultPlan.has(SimFault::NoAuthentication) && !m_accounts.isEmpty());
    if (authenticate) {
        QString user;
        const QByteArray authorization = connection.header("Authorization");
        bool authorized = false;
        if (authorization.size() > 6 && authorization.left(6).compare("Basic ", Qt::CaseInsensitive) == 0) {
            const auto decoded = QByteArray::fromBase64Encoding(
                authorization.mid(6).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
            const qsizetype colon = decoded.decoded.indexOf(':');
            if (!decoded || colon < 0) {
                // D8: OpenPegasus answers a malformed Basic header with 400.
                response.status = 400;
                response.body = QByteArrayLiteral("Authorization header error");
                response.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain")});
                return response;
            }
            user = QString::fromUtf8(decoded.decoded.left(colon));
            const QString password = QString::fromUtf8(decoded.decoded.mid(colon + 1));
            for (const SimAccount &account : std::as_const(m_accounts)) {
                if (account.user == user && account.password == password)
                    authorized = true;
            }
        }
        // D4: OpenPegasus with enableRemotePrivilegedUserAccess=false refuses root over the
        // network whatever the password, and says why in PGErrorDetail, URL-encoded as Pegasus
        // encodes it (XmlGenerator::encodeURICharacters).
        const bool privilegedDenied = m_faultPlan.has(SimFault::RemotePrivilegedUserDenied) && user == u"root";
        if (!authorized || privilegedDenied || m_faultPlan.has(SimFault::AlwaysUnauthorized)) {
            response.status = 401;
            QString realm = m_realm;
            realm.replace(QLatin1Char('"'), QLatin1Char('\''));
            response.headers.append(
                {QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Basic realm=\"") + realm.toUtf8() + '"'});
            if (privilegedDenied) {
                response.headers.append({QByteArrayLiteral("PGErrorDetail"),
                    QByteArrayLiteral("Remote%20privileged%20user%20access%20is%20not%20enabled.")});
            }
            return response;
        }
        response.user = user;
    }
    return handleCimRequest(connection, response.user);
}

SimHttpServer::Response SimHttpServer::handleCimRequest(Connection &connection, const QString &user)
{
    Response response;
    response.close = !connection.wantsKeepAlive();
    response.user = user;

    auto cimError = [&response](int status, const char *value) {
        response.status = status;
        response.cimError = QByteArray(value);
        response.cimHeaders = true;
        return response;
    };

    if (connection.head.method == "M-POST") {
        // DSP0200 7.2.2: Man: "http://www.dmtf.org/cim/mapping/http/v1.0" ; ns=NN, then NN-CIMOperation...
        const std::optional<QByteArray> prefix = HttpRequestParser::mandatoryExtensionPrefix(connection.head);
        if (!prefix) {
            response.status = 510; // RFC 2774: the mandatory extension is missing
            return response;
        }
        connection.extensionPrefix = *prefix;
    }

    // D12: plain 400 without CIMError for a missing CIMOperation or a wrong Content-Type.
    if (!connection.hasCimHeader("CIMOperation")
        || !HttpRequestParser::isCimXmlContentType(connection.header("Content-Type"))) {
        response.status = 400;
        return response;
    }
    // D13: CIMOperation must be MethodCall.
    if (connection.cimHeader("CIMOperation").compare("MethodCall", Qt::CaseInsensitive) != 0)
        return cimError(400, "unsupported-operation");
    // D16: only protocol version 1.x exists.
    const QByteArray protocolVersion = connection.cimHeader("CIMProtocolVersion");
    if (!protocolVersion.isEmpty() && !protocolVersion.startsWith("1."))
        return cimError(501, "unsupported-protocol-version");

    if (m_faultPlan.has(SimFault::CimErrorHeader)) {
        response.status = m_faultPlan.cimErrorStatus;
        response.cimError = m_faultPlan.cimErrorValue.toLatin1();
        response.cimHeaders = true;
        return response;
    }

    // D15: decode the body.
    CimXmlError xmlError;
    std::optional<CimOperationRequest> request = CimXmlReader::readRequest(connection.body, &xmlError);
    if (!request) {
        response.body = xmlError.toString().toUtf8();
        response.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain; charset=utf-8")});
        return cimError(400, isWellFormedXml(connection.body) ? "request-not-valid" : "request-not-well-formed");
    }
    if (request->operation == CimOperation::ExportIndication)
        return cimError(400, "unsupported-operation");

    // D14: CIMMethod and CIMObject must be present and agree with the body.
    if (!connection.hasCimHeader("CIMMethod") || !connection.hasCimHeader("CIMObject"))
        return cimError(400, "header-mismatch");
    const QString headerMethod = QString::fromUtf8(connection.cimHeader("CIMMethod"));
    if (headerMethod.compare(request->cimMethodHeader(), Qt::CaseInsensitive) != 0)
        return cimError(400, "header-mismatch");
    const QString headerObject = QUrl::fromPercentEncoding(connection.cimHeader("CIMObject"));
    if (request->operation != CimOperation::InvokeMethod) {
        if (stripSlashes(headerObject).compare(stripSlashes(request->nameSpace), Qt::CaseInsensitive) != 0)
            return cimError(400, "header-mismatch");
    } else if (headerObject.trimmed().isEmpty()) {
        return cimError(400, "header-mismatch");
    }

    QElapsedTimer timer;
    timer.start();
    CimOperationResponse reply;
    if (m_handler) {
        reply = m_handler(*request, response.user);
    } else {
        reply.status = CimStatus(static_cast<int>(CimStatusCode::NotSupported), QStringLiteral("no handler"));
    }
    // The reply must echo the request's MESSAGE ID and operation (DSP0201 MESSAGE).
    reply.operation = request->operation;
    reply.messageId = request->messageId;
    if (request->operation == CimOperation::InvokeMethod && reply.methodName.isEmpty())
        reply.methodName = request->methodName;
    response.body = CimXmlWriter::response(reply); // no empty-element tags, for sblim-wbemcli
    response.serverTimeUs = timer.nsecsElapsed() / 1000;
    response.cimHeaders = true;
    response.headers.append(
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/xml; charset=\"utf-8\"")});

    if (m_faultPlan.has(SimFault::InvalidXml)) {
        response.body = QByteArrayLiteral("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                                          "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"")
            + request->messageId.toUtf8()
            + QByteArrayLiteral("\" PROTOCOLVERSION=\"1.0\"><SIMPLERSP><IMETHODRESPONSE NAME=\"")
            + request->cimMethodHeader().toUtf8()
            + QByteArrayLiteral("\"><IRETURNVALUE><INSTANCENAME CLASSNAME=\"CIMDIAG_Fan\">"
                                "<KEYBINDING NAME=\"DeviceID\"><KEYVALUE>fan &bogus; </WRONG>\x01</CIM>");
    }
    response.truncateBody = m_faultPlan.has(SimFault::CloseMidBody);
    return response;
}

SimHttpServer::Response SimHttpServer::finishResponse(Response response, const Connection &connection) const
{
    WbemHttpHeaderList headers;
    const bool hasServer = std::any_of(response.headers.cbegin(), response.headers.cend(),
        [](const auto &header) { return header.first == "Server"; });
    if (!hasServer && !m_serverName.isEmpty())
        headers.append({QByteArrayLiteral("Server"), m_serverName});
    if (response.cimHeaders) {
        const QByteArray prefix = connection.extensionPrefix;
        if (!prefix.isEmpty()) {
            // DSP0200 7.2.2 / RFC 2774: the answer to an M-POST acknowledges the extension.
            headers.append({QByteArrayLiteral("Ext"), QByteArray()});
            headers.append({QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache=\"Ext\"")});
        }
        headers.append({prefix + "CIMOperation", QByteArrayLiteral("MethodResponse")});
        if (!response.cimError.isEmpty())
            headers.append({prefix + "CIMError", response.cimError});
        if (response.serverTimeUs >= 0)
            headers.append({prefix + "WBEMServerResponseTime", QByteArray::number(response.serverTimeUs)});
    }
    response.headers = headers + response.headers;
    return response;
}

SimReceivedRequest SimHttpServer::receivedRequest(const Connection &connection)
{
    SimReceivedRequest request;
    request.tls = connection.tls;
    request.requestLine = connection.head.requestLine;
    request.method = connection.head.method;
    request.target = connection.head.target;
    request.httpVersion = connection.head.httpVersion;
    request.headers = connection.head.headers;
    for (auto &[name, value] : request.headers) {
        // Authorization and Proxy-Authorization: the client core's list, so both sides agree.
        if (WbemRedactor::isSecretHeader(name)) {
            const qsizetype space = value.indexOf(' ');
            value = (space > 0 ? value.left(space + 1) : QByteArray()) + QByteArrayLiteral("<redacted>");
        }
    }
    request.body = connection.body;
    return request;
}

void SimHttpServer::record(const Connection &connection, const Response &response)
{
    SimReceivedRequest request = receivedRequest(connection);
    request.user = response.user;
    request.responseStatus = response.stall || response.dropConnection ? 0 : response.status;
    request.cimError = response.cimError;
    m_receivedRequests.append(request);
    while (m_receivedRequests.size() > m_maxRecordedRequests)
        m_receivedRequests.removeFirst();
    emit requestReceived(request);
}

void SimHttpServer::send(QTcpSocket *socket, Response response)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    const std::shared_ptr<Connection> connection = *it;
    if (m_faultPlan.has(SimFault::StallConnections))
        response.stall = true;
    response = finishResponse(std::move(response), *connection);
    record(*connection, response);
    connection->resetRequest();
    if (response.close) {
        connection->closing = true;
        connection->buffer.clear(); // nothing after this request is read
    }
    if (response.stall) {
        // B3/B6: the request was read; the answer never comes. The connection stays open, so
        // the idle timer does not run either.
        connection->busy = true;
        restartIdleTimer(*connection);
        return;
    }
    if (m_faultPlan.has(SimFault::SlowResponse)) {
        // E8: a slow provider; the client's read timeout should fire first.
        connection->busy = true;
        restartIdleTimer(*connection);
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(m_faultPlan.slowResponseMs, this, [this, guard, response] {
            if (!guard || !m_connections.contains(guard.data()))
                return;
            writeResponse(guard.data(), response);
        });
        return;
    }
    writeResponse(socket, response);
}

void SimHttpServer::writeResponse(QTcpSocket *socket, const Response &response)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    const std::shared_ptr<Connection> connection = *it;

    if (response.dropConnection) {
        connection->closing = true;
        socket->disconnectFromHost();
        return;
    }
    const QByteArray reason
        = response.reason.isEmpty() ? HttpRequestParser::reasonPhrase(response.status) : response.reason;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reason + kCrLf;
    for (const auto &[name, value] : response.headers)
        head += name + ": " + value + kCrLf;
    head += "Content-Length: " + QByteArray::number(response.body.size()) + kCrLf;
    if (response.close)
        head += "Connection: close" + kCrLf;
    head += kCrLf;
    socket->write(head);
    if (response.truncateBody) {
        // The full Content-Length was announced; half the body arrives, then FIN.
        socket->write(response.body.left(response.body.size() / 2));
        connection->closing = true;
        socket->disconnectFromHost();
        return;
    }
    socket->write(response.body);
    connection->busy = false;
    restartIdleTimer(*connection);
    if (response.close) {
        connection->closing = true;
        socket->disconnectFromHost();
        return;
    }
    if (!connection->buffer.isEmpty())
        QTimer::singleShot(0, socket, [this, socket] { processBuffer(socket); });
}

} // namespace cimdiag
