// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/wbem/WbemHttpHeaders.h"

#include "core/cimxml/CimOperationResponse.h"
#include "core/net/IssuedCertificate.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>

class QTcpServer;
class QTcpSocket;

namespace cimdiag {

/// A small HTTP/1.1 server on 127.0.0.1 (port 0) for WbemConnection tests, until the simulator
/// exists: it records every request (line, headers, body) and answers from a handler, a queue or a
/// default response, with faults on request (Stall, CloseEarly, Reset, Trickle, delays). Keep-alive is
/// honoured. listenTls() uses QSslServer with a certificate CertificateFactory made at test time.
class TestCimHttpServer final : public QObject
{
    Q_OBJECT

public:
    using HeaderList = WbemHttpHeaderList;

    struct Request
    {
        QByteArray method;
        QByteArray target;
        QByteArray version;
        HeaderList headers;
        QByteArray body;
        int connectionIndex = 0; ///< which accepted connection carried it (keep-alive checks)

        /// The value of a header (case-insensitive), empty when absent.
        QByteArray header(const QByteArray &name) const;
        bool hasHeader(const QByteArray &name) const;
    };

    struct Response
    {
        enum class Action : quint8 {
            Reply,      ///< send status, headers and body
            Stall,      ///< read the request, never answer
            CloseEarly, ///< headers with the full Content-Length, half the body, then close
            Reset,      ///< abort the connection without answering
            Trickle     ///< headers with the full Content-Length, then one body byte per trickleIntervalMs
        };
        int status = 200;
        QByteArray reason = QByteArrayLiteral("OK");
        HeaderList headers;
        QByteArray body;
        int delayMs = 0;
        int trickleIntervalMs = 50;
        Action action = Action::Reply;
    };

    using Handler = std::function<Response(const Request &)>;

    explicit TestCimHttpServer(QObject *parent = nullptr);
    ~TestCimHttpServer() override;

    bool listen();
    /// TLS with certificate (made by CertificateFactory): its key, and its chain sent after it.
    bool listenTls(const IssuedCertificate &certificate);
    /// Accept connections but never read or write: a TLS client then stalls in the handshake.
    void setSilent(bool silent) { m_silent = silent; }
    quint16 port() const;
    /// http(s)://127.0.0.1:port
    QUrl url() const;

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    void enqueue(Response response) { m_queue.append(std::move(response)); }
    void setDefaultResponse(Response response) { m_default = std::move(response); }

    const QList<Request> &requests() const { return m_requests; }
    int connectionCount() const { return m_connectionCount; }

    /// A 200 reply carrying response as CIM-XML (CIMOperation: MethodResponse); its operation and
    /// MESSAGE ID are taken from request when it decodes.
    static Response cimReply(const Request &request, CimOperationResponse response,
                             const HeaderList &extraHeaders = {});
    /// A handler that answers every request with cimReply(request, response).
    static Handler cimHandler(const CimOperationResponse &response);

Q_SIGNALS:
    void requestReceived();

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const Response &response);

    std::unique_ptr<QTcpServer> m_server;
    bool m_tls = false;
    bool m_silent = false;
    Handler m_handler;
    QList<Response> m_queue;
    Response m_default;
    QList<Request> m_requests;
    int m_connectionCount = 0;
};

} // namespace cimdiag
