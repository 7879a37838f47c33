// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/TestCimHttpServer.h"

#include "core/wbem/WbemHttpHeaders.h"

#include "core/cimxml/CimXmlReader.h"
#include "core/cimxml/CimXmlWriter.h"

#include <QSslConfiguration>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace cimdiag {

QByteArray TestCimHttpServer::Request::header(const QByteArray &name) const
{
    return httpHeaderValue(headers, name);
}

bool TestCimHttpServer::Request::hasHeader(const QByteArray &name) const
{
    return hasHttpHeader(headers, name);
}

TestCimHttpServer::TestCimHttpServer(QObject *parent)
    : QObject(parent)
{
}

TestCimHttpServer::~TestCimHttpServer() = default;

bool TestCimHttpServer::listen()
{
    m_server = std::make_unique<QTcpServer>();
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, &TestCimHttpServer::onNewConnection);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

bool TestCimHttpServer::listenTls(const IssuedCertificate &certificate)
{
    auto server = std::make_unique<QSslServer>();
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(QList<QSslCertificate>{certificate.certificate} + certificate.chain);
    configuration.setPrivateKey(certificate.privateKey);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    server->setSslConfiguration(configuration);
    m_server = std::move(server);
    m_tls = true;
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, &TestCimHttpServer::onNewConnection);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 TestCimHttpServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

QUrl TestCimHttpServer::url() const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2").arg(m_tls ? QStringLiteral("https") : QStringLiteral("http")).arg(port()));
}

void TestCimHttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        const int index = ++m_connectionCount;
        socket->setProperty("connectionIndex", index);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        if (m_silent)
            continue;
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void TestCimHttpServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    for (;;) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            break;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        Request request;
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.target = requestLine.value(1);
        request.version = requestLine.value(2);
        qsizetype contentLength = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed();
            const QByteArray value = line.mid(colon + 1).trimmed();
            request.headers.append({name, value});
            if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
                contentLength = value.toLongLong();
        }
        if (buffer.size() < headerEnd + 4 + contentLength)
            break;
        request.body = buffer.mid(headerEnd + 4, contentLength);
        request.connectionIndex = socket->property("connectionIndex").toInt();
        buffer.remove(0, headerEnd + 4 + contentLength);
        m_requests.append(request);
        Response response = m_handler ? m_handler(request) : (!m_queue.isEmpty() ? m_queue.takeFirst() : m_default);
        Q_EMIT requestReceived();
        if (response.delayMs > 0) {
            QPointer<QTcpSocket> guarded(socket);
            QTimer::singleShot(response.delayMs, this, [this, guarded, response] {
                if (guarded)
                    respond(guarded, response);
            });
        } else {
            respond(socket, response);
        }
    }
    socket->setProperty("buffer", buffer);
}

void TestCimHttpServer::respond(QTcpSocket *socket, const Response &response)
{
    switch (response.action) {
    case Response::Action::Stall:
        return;
    case Response::Action::Reset:
        socket->abort();
        return;
    case Response::Action::Reply:
    case Response::Action::CloseEarly:
    case Response::Action::Trickle:
        break;
    }
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + response.reason + "\r\n";
    bool hasLength = false;
    for (const auto &[name, value] : response.headers) {
        head += name + ": " + value + "\r\n";
        hasLength = hasLength || name.compare("Content-Length", Qt::CaseInsensitive) == 0;
    }
    if (!hasLength)
        head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    head += "\r\n";
    if (response.action == Response::Action::Trickle) {
        socket->write(head);
        // The timer is a child of the socket: it dies with the connection.
        auto *timer = new QTimer(socket);
        auto sent = std::make_shared<qsizetype>(0);
        connect(timer, &QTimer::timeout, socket, [socket, timer, sent, body = response.body] {
            if (*sent >= body.size()) {
                timer->stop();
                return;
            }
            socket->write(body.mid((*sent)++, 1));
        });
        timer->start(std::max(1, response.trickleIntervalMs));
        return;
    }
    if (response.action == Response::Action::CloseEarly) {
        socket->write(head + response.body.left(response.body.size() / 2));
        socket->flush();
        socket->disconnectFromHost();
        return;
    }
    socket->write(head + response.body);
}

TestCimHttpServer::Response TestCimHttpServer::cimReply(const Request &request, CimOperationResponse response,
                                                        const HeaderList &extraHeaders)
{
    if (const auto decoded = CimXmlReader::readRequest(request.body)) {
        response.operation = decoded->operation;
        response.messageId = decoded->messageId;
        if (decoded->operation == CimOperation::InvokeMethod && response.methodName.isEmpty())
            response.methodName = decoded->methodName;
    }
    Response reply;
    reply.headers = {{"Content-Type", "application/xml; charset=\"utf-8\""}, {"CIMOperation", "MethodResponse"}};
    reply.headers += extraHeaders;
    reply.body = CimXmlWriter::response(response);
    return reply;
}

TestCimHttpServer::Handler TestCimHttpServer::cimHandler(const CimOperationResponse &response)
{
    return [response](const Request &request) { return cimReply(request, response); };
}

} // namespace cimdiag
