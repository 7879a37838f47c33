// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/net/HttpProbe.h"

#include "core/net/HttpReplyParser.h"
#include "core/net/SocketErrorNames.h"
#include "core/net/TcpCloseDetector.h"
#include "core/wbem/WbemTlsOptions.h"

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkProxy>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

namespace cimdiag {

namespace {

constexpr qsizetype kFirstBytes = 64;

std::chrono::microseconds elapsedMicroseconds(const QElapsedTimer &timer)
{
    return std::chrono::microseconds(timer.nsecsElapsed() / 1000);
}

/// Loads the client certificate and key as WbemConnection does; returns an error text, empty on
/// success.
QString loadClientCertificate(const HttpProbe::Options &options, QSslConfiguration *configuration)
{
    QSslCertificate certificate;
    QSslKey key;
    const QString error = WbemTlsOptions::loadClientIdentity(
        options.clientCertificateFile, options.clientKeyFile, options.clientKeyPassphrase, &certificate, &key);
    if (!error.isEmpty())
        return error;
    configuration->setLocalCertificate(certificate);
    configuration->setPrivateKey(key);
    return {};
}

} // namespace

class HttpProbe::Private final
{
public:
    Private(HttpProbe *q, const Options &options)
        : q(q)
        , options(options)
        , parser(options.maxBody)
    {
        timer.setSingleShot(true);
        // A coarse timer may fire 5 % early; a timeout is a promise to wait at least that long.
        timer.setTimerType(Qt::PreciseTimer);
    }

    void doStart();
    void onConnected();
    void onReady(); ///< TCP connected (plain) or handshake done (TLS): send the request
    void onReadyRead();
    void onError();
    void onTimeout();
    void consume(const QByteArray &data);
    void finish();

    HttpProbe *q;
    const Options &options;
    QPointer<QTcpSocket> socket;
    QTimer timer;
    QElapsedTimer elapsed;
    HttpReplyParser parser;
    TcpCloseDetector closeDetector;
    HttpProbeResult result;
    bool started = false;
    bool finished = false;
    bool requestSent = false;
};

void HttpProbe::Private::doStart()
{
    if (finished || started)
        return;
    started = true;
    elapsed.start();
    QObject::connect(&timer, &QTimer::timeout, q, [this] { onTimeout(); });
    timer.start(options.timeout);

    if (options.tls) {
        auto *sslSocket = new QSslSocket(q);
        // The TLS stage verifies the certificate; this probe only wants to see what HTTP says.
        sslSocket->setPeerVerifyMode(QSslSocket::VerifyNone);
        if (!options.clientCertificateFile.isEmpty()) {
            // 2-way TLS: without the target's client certificate the server would refuse this
            // exchange (alert 116) although the WBEM client, which sends it, gets through.
            QSslConfiguration configuration = sslSocket->sslConfiguration();
            const QString error = loadClientCertificate(options, &configuration);
            if (!error.isEmpty())
                result.clientCertificateError = error;
            else
                sslSocket->setSslConfiguration(configuration);
        }
        QObject::connect(sslSocket, &QSslSocket::encrypted, q, [this] { onReady(); });
        QObject::connect(sslSocket, &QSslSocket::sslErrors, q, [sslSocket](const QList<QSslError> &errors) {
            // Not reached with VerifyNone; belt and braces, as the TLS stage reports these.
            sslSocket->ignoreSslErrors(errors);
        });
        socket = sslSocket;
    } else {
        socket = new QTcpSocket(q);
    }
    // A diagnosis of the direct path: an application-wide proxy must not answer for the server.
    socket->setProxy(QNetworkProxy::NoProxy);
    QObject::connect(socket, &QTcpSocket::connected, q, [this] { onConnected(); });
    QObject::connect(socket, &QTcpSocket::readyRead, q, [this] { onReadyRead(); });
    QObject::connect(socket, &QTcpSocket::errorOccurred, q, [this] { onError(); });

    const QString hostName = options.address.isNull() ? options.host : options.address.toString();
    if (auto *sslSocket = qobject_cast<QSslSocket *>(socket.data())) {
        // The host name goes into SNI even when we connect to a resolved address.
        const QString peerName = options.host.isEmpty() ? hostName : options.host;
        sslSocket->connectToHostEncrypted(hostName, options.port, peerName);
    } else {
        socket->connectToHost(hostName, options.port);
    }
}

void HttpProbe::Private::onConnected()
{
    if (finished || !socket)
        return;
    result.connected = true;
    closeDetector.attach(socket->socketDescriptor());
    if (!options.tls)
        onReady();
}

void HttpProbe::Private::onReady()
{
    if (finished || !socket || requestSent)
        return;
    requestSent = true;
    socket->write(options.request);
}

void HttpProbe::Private::consume(const QByteArray &data)
{
    if (data.isEmpty())
        return;
    if (result.firstBytes.isEmpty())
        result.timeToFirstByte = elapsedMicroseconds(elapsed);
    if (result.firstBytes.size() < kFirstBytes)
        result.firstBytes.append(data.left(kFirstBytes - result.firstBytes.size()));
    parser.feed(data);
}

void HttpProbe::Private::onReadyRead()
{
    if (finished || !socket)
        return;
    consume(socket->readAll());
    const HttpReplyParser::State state = parser.state();
    if (state == HttpReplyParser::State::Done || state == HttpReplyParser::State::Error)
        finish();
}

void HttpProbe::Private::onError()
{
    if (finished || !socket)
        return;
    const QAbstractSocket::SocketError error = socket->error();
    const QString text = socket->errorString();
    // Whatever arrived before the close is still in the socket's buffer.
    consume(socket->readAll());
    if (parser.state() == HttpReplyParser::State::Done || parser.state() == HttpReplyParser::State::Error) {
        finish();
        return;
    }

    if (!result.connected) {
        result.connectError = text;
        result.connectErrno = SocketErrorNames::errnoName(error, text);
        finish();
        return;
    }
    auto *sslSocket = qobject_cast<QSslSocket *>(socket.data());
    const bool handshakeDone = !sslSocket || sslSocket->isEncrypted();
    const bool closed = error == QAbstractSocket::RemoteHostClosedError
        || SocketErrorNames::errnoName(error, text) == QLatin1String("ECONNRESET");
    if (!handshakeDone) {
        result.tlsFailed = true;
        result.tlsError = text;
    }
    if (handshakeDone && sslSocket && !parser.headComplete()
        && (error == QAbstractSocket::SslInternalError || error == QAbstractSocket::SslHandshakeFailedError)) {
        // A fatal alert after the handshake (TLS 1.3 servers send 116 certificate_required, or 48
        // unknown_ca for a client certificate they do not trust, only after the client's Finished):
        // a TLS refusal, not a server that dropped the connection (B5).
        result.tlsFailed = true;
        result.tlsError = text;
    } else if (closed) {
        parser.finishOnClose();
        if (!parser.headComplete()) {
            result.closedBeforeReply = true;
            result.closeErrno = error == QAbstractSocket::RemoteHostClosedError ? closeDetector.peerCloseErrno()
                                                                                : QStringLiteral("ECONNRESET");
        }
    } else if (handshakeDone && !parser.headComplete()) {
        // Another socket error mid-exchange: report it like a close, with its own name.
        result.closedBeforeReply = true;
        const QString name = SocketErrorNames::errnoName(error, text);
        result.closeErrno = name.isEmpty() ? text : name;
    }
    finish();
}

void HttpProbe::Private::onTimeout()
{
    if (finished)
        return;
    if (socket)
        consume(socket->readAll());
    if (!result.connected) {
        result.connectError = HttpProbe::tr("No connection within %1 ms").arg(options.timeout.count());
        result.connectErrno = QStringLiteral("ETIMEDOUT");
    } else if (options.tls && !requestSent) {
        result.tlsFailed = true;
        result.tlsError = HttpProbe::tr("The TLS handshake did not finish within %1 ms").arg(options.timeout.count());
    } else if (!parser.headComplete()) {
        // B6: connected (and the request sent), but no complete reply head in time.
        result.timedOut = true;
    }
    finish();
}

void HttpProbe::Private::finish()
{
    if (finished)
        return;
    finished = true;
    timer.stop();
    result.totalTime = elapsedMicroseconds(elapsed);
    result.isHttp = parser.isHttp();
    result.statusLine = parser.statusLine();
    result.status = parser.status();
    result.reason = parser.reason();
    result.headers = parser.headers();
    result.body = parser.body();
    result.bodyTruncated = parser.bodyTruncated();
    result.bodyComplete = parser.bodyComplete();
    if (parser.state() == HttpReplyParser::State::Error)
        result.protocolError = parser.errorText();
    if (socket) {
        QTcpSocket *s = socket;
        s->disconnect(q);
        s->abort();
        s->deleteLater();
        socket.clear();
    }
    closeDetector.release();
    Q_EMIT q->finished();
}

HttpProbe::HttpProbe(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , d(std::make_unique<Private>(this, m_options))
{ }

HttpProbe::~HttpProbe()
{
    if (d->socket) {
        d->socket->disconnect(this);
        d->socket->abort();
    }
}

void HttpProbe::start()
{
    QMetaObject::invokeMethod(
        this, [this] { d->doStart(); }, Qt::QueuedConnection);
}

void HttpProbe::cancel()
{
    if (d->finished)
        return;
    d->result.cancelled = true;
    d->finish();
}

bool HttpProbe::isFinished() const
{
    return d->finished;
}

const HttpProbeResult &HttpProbe::result() const
{
    return d->result;
}

QByteArray HttpProbe::cimPost(const QString &host, quint16 port, const QByteArray &cimMethod,
    const QByteArray &cimObject, const QByteArray &body, const QList<std::pair<QByteArray, QByteArray>> &extraHeaders)
{
    // RFC 9110 7.2: an IPv6 literal goes in brackets in Host.
    QByteArray hostPart = QUrl::toAce(host);
    if (hostPart.isEmpty())
        hostPart = host.toUtf8();
    if (hostPart.contains(':') && !hostPart.startsWith('['))
        hostPart = '[' + hostPart + ']';
    QByteArray request = QByteArrayLiteral("POST /cimom HTTP/1.1\r\n");
    request += "Host: " + hostPart + ':' + QByteArray::number(port) + "\r\n";
    // DSP0200 7.3: the headers a CIM client sends with every operation request, spelt as the
    // project's WbemConnection spells them.
    request += "Content-Type: application/xml; charset=\"utf-8\"\r\n";
    request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    request += "CIMOperation: MethodCall\r\n";
    request += "CIMMethod: " + cimMethod + "\r\n";
    request += "CIMObject: " + cimObject + "\r\n";
    request += "CIMProtocolVersion: 1.0\r\n";
    for (const auto &[name, value] : extraHeaders)
        request += name + ": " + value + "\r\n";
    request += "\r\n";
    request += body;
    return request;
}

} // namespace cimdiag
