// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cimxml/CimOperationRequest.h"
#include "core/cimxml/CimOperationResponse.h"
#include "core/net/IssuedCertificate.h"
#include "core/sim/SimAccount.h"
#include "core/sim/SimFaultPlan.h"
#include "core/sim/SimRawReply.h"
#include "core/sim/SimReceivedRequest.h"
#include "core/sim/SimTlsOptions.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QTcpServer;
class QTcpSocket;

namespace cimdiag {

class CertificateFactory;
class SimSslServer;

/// The simulator's HTTP layer: CIM-XML over HTTP/1.1 (DSP0200) on a plain and a TLS listener.
///
/// It parses requests itself on the raw socket, because the faults it imitates live on the wire:
/// request line and headers, a Content-Length body of bounded size, keep-alive (HTTP/1.1 default,
/// `Connection: close` honoured), POST and M-POST (`Man:` with `ns=NN`, NN- prefixed headers, `Ext:`
/// in the answer). It answers like SFCB and OpenPegasus do: 405 for other methods, 411 for chunked
/// or length-less bodies, 400 without CIMError for a missing CIMOperation or a wrong Content-Type
/// (D12), 400 with CIMError unsupported-operation (D13), header-mismatch (D14), request-not-valid
/// or request-not-well-formed (D15), 501 unsupported-protocol-version (D16), 401 with
/// `WWW-Authenticate: Basic realm="..."` (D1). A decoded request goes to the handler; its
/// CimOperationResponse is encoded with CimXmlWriter and sent as `CIMOperation: MethodResponse`.
///
/// The fault plan (SimFaultPlan) and the TLS options (SimTlsOptions) make it misbehave on purpose.
/// Every request is recorded, Authorization and Proxy-Authorization redacted, in a bounded list
/// (receivedRequests()).
///
/// Everything is asynchronous on the owning thread's event loop.
class SimHttpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimHttpServer)

public:
    /// Answers one decoded request for an authenticated user (empty when authentication is off).
    using Handler = std::function<CimOperationResponse(const CimOperationRequest &request, const QString &user)>;
    /// Answers a complete HTTP request (Authorization and Proxy-Authorization redacted) before authentication and
    /// decoding; std::nullopt lets the normal path (authentication, CIM header checks, handler) answer it.
    using RawResponder = std::function<std::optional<SimRawReply>(const SimReceivedRequest &request)>;

    explicit SimHttpServer(QObject *parent = nullptr);
    ~SimHttpServer() override;

    // Configuration; may change between requests.
    void setHandler(Handler handler);
    /// Consulted for every request whose head passed the HTTP checks (405, 411, 413, 417) and whose
    /// body was read; the fault plan's connection-level faults (stall, slow, close mid-body) still
    /// apply to its answer. An empty function (the default) turns it off.
    void setRawResponder(RawResponder responder);
    void setFaultPlan(const SimFaultPlan &plan);
    const SimFaultPlan &faultPlan() const { return m_faultPlan; }
    /// Accounts for Basic authentication; an empty list (or the NoAuthentication fault) turns
    /// authentication off.
    void setAccounts(const SimAccountList &accounts);
    void setRealm(const QString &realm); ///< the realm in the 401 challenge, "cimdiag-sim" by default
    void setServerName(const QByteArray &serverName); ///< the Server header; empty: none
    void setMaxBodySize(qint64 bytes); ///< larger bodies get 413; 16 MiB by default
    void setMaxRecordedRequests(int count); ///< 256 by default; the oldest go first
    /// Connections accepted beyond this many open ones are reset at once (not counted, no
    /// connectionAccepted). 64 by default; at least 1.
    void setMaxConnections(int count);
    /// An open connection with no request activity for this long is closed; restarted by every
    /// read, paused while an answer is held back on purpose (StallConnections, SlowResponse).
    /// 30 s by default; 0 or less turns it off. Applies from the next read on.
    void setIdleTimeout(int milliseconds);

    /// Issues the server certificate from factory with options.certificate and builds the TLS
    /// configuration: protocol range, client-certificate policy (verified against the factory CA),
    /// and "DEFAULT:@SECLEVEL=0" ciphers when TLS 1.0/1.1 or a weak certificate (C5, C6) must work
    /// on Debian's OpenSSL 3. Returns false (with errorString()) when the certificate cannot be made.
    bool setTls(const SimTlsOptions &options, const CertificateFactory &factory);
    /// Full control instead of setTls().
    void setSslConfiguration(const QSslConfiguration &configuration);
    QSslConfiguration sslConfiguration() const { return m_sslConfiguration; }
    /// The server certificate setTls() issued (null after setSslConfiguration()).
    const IssuedCertificate &serverCertificate() const { return m_serverCertificate; }

    /// Opens the plain listener; port 0 picks a free one. With RefuseConnections the port is bound
    /// and closed again, so connecting to httpPort() is refused (B2). With FilterConnections it
    /// listens but accepts nothing and the kernel drops further SYNs, so connects time out (B3; on
    /// Linux, see filterConnections()).
    bool listenHttp(const QHostAddress &address = QHostAddress(QHostAddress::LocalHost), quint16 port = 0);
    /// Opens the TLS listener (setTls() or setSslConfiguration() first).
    bool listenHttps(const QHostAddress &address = QHostAddress(QHostAddress::LocalHost), quint16 port = 0);
    /// Closes both listeners and aborts every open connection.
    void close();

    bool isListeningHttp() const;
    bool isListeningHttps() const;
    quint16 httpPort() const { return m_httpPort; } ///< 0 before listenHttp()
    quint16 httpsPort() const { return m_httpsPort; } ///< 0 before listenHttps()
    QUrl httpUrl() const; ///< http://127.0.0.1:PORT
    QUrl httpsUrl() const; ///< https://127.0.0.1:PORT
    QString errorString() const { return m_errorString; }

    /// The requests received so far (bounded), oldest first.
    const QList<SimReceivedRequest> &receivedRequests() const { return m_receivedRequests; }
    void clearReceivedRequests();
    int openConnectionCount() const { return static_cast<int>(m_connections.size()); }
    int acceptedConnectionCount() const { return m_acceptedConnections; }

signals:
    /// A connection was accepted (after the TLS handshake for HTTPS) or reset (ResetAfterAccept).
    void connectionAccepted(bool tls);
    /// A request was read completely and recorded; emitted before the (maybe delayed) answer.
    void requestReceived(const cimdiag::SimReceivedRequest &request);
    /// A TLS handshake failed or was aborted (e.g. C13 without a client certificate).
    void tlsHandshakeFailed(const QString &reason);

private:
    struct Connection;
    struct Response;

    void acceptPending(QTcpServer *server, bool tls);
    /// FilterConnections: stops accepting on server and fills its (backlog 0) accept queue.
    void filterConnections(QTcpServer *server, const QHostAddress &address);
    /// A fault under which every request gets the same non-CIM answer, whatever its method.
    bool answersEveryRequest() const
    {
        return m_faultPlan.has(SimFault::NonCimServer) || m_faultPlan.has(SimFault::Forbidden)
            || m_faultPlan.has(SimFault::ServiceUnavailable);
    }
    void setUpConnection(QTcpSocket *socket, bool tls);
    void onReadyRead(QTcpSocket *socket);
    void processBuffer(QTcpSocket *socket);
    /// Forgets the connection and resets it (RST), dropping whatever it had buffered.
    void abortConnection(QTcpSocket *socket);
    /// Starts the connection's idle timer, or stops it while an answer is pending (busy).
    void restartIdleTimer(Connection &connection) const;
    /// Checks that need only the head (405, 411, 413, 417); true when it answered.
    bool answerFromHead(QTcpSocket *socket, Connection &connection);
    Response handleRequest(Connection &connection);
    Response handleCimRequest(Connection &connection, const QString &user);
    void record(const Connection &connection, const Response &response);
    void send(QTcpSocket *socket, Response response);
    void writeResponse(QTcpSocket *socket, const Response &response);
    Response finishResponse(Response response, const Connection &connection) const;
    /// What record() keeps and the raw responder sees: the request, secret headers redacted.
    static SimReceivedRequest receivedRequest(const Connection &connection);

    Handler m_handler;
    RawResponder m_rawResponder;
    SimFaultPlan m_faultPlan;
    SimAccountList m_accounts;
    QString m_realm = QStringLiteral("cimdiag-sim");
    QByteArray m_serverName;
    qint64 m_maxBodySize = 16 * 1024 * 1024;
    int m_maxRecordedRequests = 256;
    int m_maxConnections = 64;
    int m_idleTimeoutMs = 30 * 1000;

    QSslConfiguration m_sslConfiguration;
    IssuedCertificate m_serverCertificate;
    bool m_sslConfigured = false;

    QPointer<QTcpServer> m_httpServer;
    QPointer<SimSslServer> m_httpsServer;
    QHostAddress m_httpAddress;
    QHostAddress m_httpsAddress;
    quint16 m_httpPort = 0;
    quint16 m_httpsPort = 0;
    QString m_errorString;

    QHash<QTcpSocket *, std::shared_ptr<Connection>> m_connections;
    QList<QPointer<QTcpSocket>> m_fillers; ///< FilterConnections: our own connections in the accept queues
    QList<SimReceivedRequest> m_receivedRequests;
    int m_acceptedConnections = 0;
};

} // namespace cimdiag
