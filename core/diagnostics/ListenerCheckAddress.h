// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <chrono>

class QTcpSocket;

namespace cimdiag {

/// Finds the local address a server can reach this machine at (F3): the local address of a real
/// TCP connection to the server (getsockname of the client-to-server socket), so the route, the
/// interface and the source address are the ones the kernel picks for the server. An async handle:
/// start() queues the connect; finished() is emitted exactly once (also on timeout and cancel()).
/// Sends nothing; the connection is closed at once.
class ListenerCheckAddress final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListenerCheckAddress)

public:
    /// host: the server's name or address literal.
    ListenerCheckAddress(QString host, quint16 port, std::chrono::milliseconds timeout, QObject *parent = nullptr);
    ~ListenerCheckAddress() override;

    void start();
    void cancel();
    bool isFinished() const { return m_finished; }
    /// After finished(): the local address of the connection (null when it failed) and the
    /// server's address as this side sees it.
    QHostAddress localAddress() const { return m_local; }
    QHostAddress peerAddress() const { return m_peer; }
    QString errorString() const { return m_error; }

    /// The F3 warnings (translated) about telling a server at peer to deliver to chosen (an
    /// address or a host name): a name the server may not resolve, a loopback address a remote
    /// server cannot reach, a private (RFC 1918, ULA, link-local) address facing a public server
    /// (NAT or VPN between). A loopback address for a server on this machine is fine (no warning).
    static QStringList warnings(const QString &chosen, const QHostAddress &peer);
    /// RFC 1918, RFC 6598 (carrier-grade NAT), fc00::/7, link-local, and IPv4-mapped forms of them.
    static bool isPrivate(const QHostAddress &address);

Q_SIGNALS:
    void finished();

private:
    void finish(const QString &error);

    QString m_host;
    quint16 m_port;
    QPointer<QTcpSocket> m_socket;
    QTimer m_timer;
    QHostAddress m_local;
    QHostAddress m_peer;
    QString m_error;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace cimdiag
