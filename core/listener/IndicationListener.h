// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/listener/ExportRequestDecoder.h"
#include "core/listener/ExportRequestHandler.h"
#include "core/listener/FailedTlsHandshake.h"
#include "core/listener/IndicationListenerOptions.h"
#include "core/listener/IndicationSenderStatistics.h"
#include "core/listener/ReceivedIndication.h"
#include "core/listener/RejectedExportRequest.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <deque>
#include <memory>
#include <optional>

class QSslSocket;
class QTcpServer;
class QTcpSocket;

namespace cimdiag {

/// A CIM-XML indication listener (DSP0200 export, the server-to-client direction of F1-F8): an
/// HTTP or HTTPS server that accepts ExportIndication by POST and M-POST, answers per DSP0200 (see
/// ExportRequestDecoder for every status and CIMError), queues what it received and counts it per
/// sender.
///
/// It reads requests itself on a QTcpServer / QSslServer instead of using QHttpServer, because it
/// must see the wire: QHttpServer (Qt 6.4) answers M-POST, malformed request lines and oversized
/// heads on its own terms, without the DSP0200 CIMError headers, and does not let a diagnosis see
/// what a sender got wrong (F5). What it does with a connection's bytes, free of I/O, is
/// ExportRequestHandler (a fuzz target, issue #10); this class adds the sockets, timers and queue.
///
/// Robust against what a broken or hostile sender does: heads and bodies are bounded, a request
/// must be complete within requestTimeoutMs (408 otherwise: slowloris), at most maxConnections are
/// open, and after any malformed request it keeps listening. The queue is bounded; when full the
/// oldest indication is dropped and counted (F10).
///
/// Everything runs on the owning thread's event loop. Typical use (the listener stage):
/// ```
/// IndicationListener listener;
/// listener.listen({.address = QHostAddress::AnyIPv4, .port = 0});
/// QUrl destination = listener.destinationUrl(localAddressOfTheServerConnection);
/// // create a CIM_ListenerDestinationCIMXML with Destination = destination.toString() ...
/// connect(&listener, &IndicationListener::indicationReceived, ...);
/// ```
class IndicationListener final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IndicationListener)

public:
    explicit IndicationListener(QObject *parent = nullptr);
    ~IndicationListener() override;

    /// Starts listening (closing a previous listener first). False, with errorString(), when the
    /// address/port cannot be bound or the HTTPS certificate and key do not match. Counters, queue
    /// and statistics start afresh.
    bool listen(const IndicationListenerOptions &options);
    /// Stops listening and closes every open connection (answers already written are flushed
    /// first); what was received stays readable.
    void close();

    bool isListening() const;
    bool isHttps() const { return m_options.isHttps(); }
    const IndicationListenerOptions &options() const { return m_options; }
    QHostAddress address() const { return m_options.address; }
    quint16 port() const { return m_port; } ///< the bound port (the ephemeral one for port 0); 0 before listen()
    QString errorString() const { return m_errorString; }

    /// The destination URL a server should deliver to when it reaches this listener at host
    /// (http(s)://host:port/path; IPv6 literals bracketed). host empty: the bound address, or
    /// 127.0.0.1 / ::1 when bound to Any.
    QUrl destinationUrl(const QString &host = {}, const QString &path = QStringLiteral("/cimdiag")) const;

    // Received indications.
    /// Indications waiting in the queue, oldest first.
    QList<ReceivedIndication> queuedIndications() const;
    qsizetype queuedCount() const { return static_cast<qsizetype>(m_queue.size()); }
    /// Removes and returns the oldest queued indication.
    std::optional<ReceivedIndication> takeIndication();
    void clearQueue();
    qint64 receivedCount() const { return m_received; } ///< indications accepted since listen()
    qint64 droppedCount() const { return m_dropped; } ///< oldest ones dropped from a full queue (F10)
    qint64 rejectedCount() const { return m_rejected; } ///< requests refused (error status or CIM ERROR)
    qint64 connectionCount() const { return m_connectionsAccepted; } ///< connections accepted since listen()
    /// Per sender address, in order of first contact (indications and rejected requests).
    QList<IndicationSenderStatistics> senders() const { return m_senders; }
    /// The last rejected requests (at most 100), oldest first.
    QList<RejectedExportRequest> rejectedRequests() const { return m_rejections; }
    /// HTTPS: the last TLS handshakes that failed (at most 100), oldest first; counted per sender in
    /// senders(). Those with certificateRejected are F4 seen from the listener.
    QList<FailedTlsHandshake> failedHandshakes() const { return m_failedHandshakes; }
    qint64 failedHandshakeCount() const { return m_handshakesFailed; } ///< since listen()
    qint64 rejectedCertificateCount() const { return m_certificatesRejected; } ///< since listen()

signals:
    /// An ExportIndication was accepted and answered 200; emitted after it was queued.
    void indicationReceived(const cimdiag::ReceivedIndication &indication);
    /// A request was refused (F5 on the sender's side); the listener goes on.
    void requestRejected(const cimdiag::RejectedExportRequest &rejection);
    /// A connection was accepted (after the TLS handshake for HTTPS).
    void connectionAccepted(const QHostAddress &peer, quint16 peerPort);
    /// A TLS handshake failed (F4 seen from the listener when the peer's alert rejects our certificate;
    /// otherwise a timeout or a protocol mismatch). reason: the alert's description or the socket's
    /// error. Qt 6.4's QSslServer drops a peer whose first bytes are not a ClientHello (plain HTTP to
    /// the HTTPS port) without an error, so that case is not seen here.
    /// Emitted after failedHandshakes() has it.
    void tlsHandshakeFailed(const QHostAddress &peer, const QString &reason);

private:
    struct Connection;

    void acceptPending();
    void onReadyRead(QTcpSocket *socket);
    void process(QTcpSocket *socket);
    void respond(QTcpSocket *socket, Connection &connection, const ExportRequestHandler::Step &step);
    void startTimer(Connection &connection, int milliseconds);
    void onTimeout(QTcpSocket *socket);
    void dropConnection(QTcpSocket *socket);
    void accept(const Connection &connection, const ExportRequestHandler::Step &step);
    void reject(const Connection &connection, const ExportRequestHandler::Step &step);
    IndicationSenderStatistics &statisticsFor(const QHostAddress &address);
    void recordFailedHandshake(QSslSocket *socket, const QString &error);

    IndicationListenerOptions m_options;
    QPointer<QTcpServer> m_server;
    quint16 m_port = 0;
    QString m_errorString;
    QHash<QTcpSocket *, std::shared_ptr<Connection>> m_connections;
    std::deque<ReceivedIndication> m_queue;
    QList<IndicationSenderStatistics> m_senders;
    QList<RejectedExportRequest> m_rejections;
    QHash<QString, QElapsedTimer> m_lastArrival; ///< per sender address: monotonic inter-arrival timing
    QList<FailedTlsHandshake> m_failedHandshakes;
    /// The fatal alert each socket in its handshake received (type, description), until it fails.
    QHash<QSslSocket *, std::pair<int, QString>> m_handshakeAlerts;
    qint64 m_handshakesFailed = 0;
    qint64 m_certificatesRejected = 0;
    qint64 m_received = 0;
    qint64 m_dropped = 0;
    qint64 m_rejected = 0;
    qint64 m_connectionsAccepted = 0;
};

} // namespace cimdiag
