// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/ListenerCheckAddress.h"

#include <QTcpSocket>

namespace cimdiag {

ListenerCheckAddress::ListenerCheckAddress(
    QString host, quint16 port, std::chrono::milliseconds timeout, QObject *parent)
    : QObject(parent)
    , m_host(std::move(host))
    , m_port(port)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(timeout);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        finish(tr("No connection to %1 port %2 within %3 ms").arg(m_host).arg(m_port).arg(m_timer.interval()));
    });
}

ListenerCheckAddress::~ListenerCheckAddress()
{
    if (m_socket)
        m_socket->abort();
}

void ListenerCheckAddress::start()
{
    if (m_started)
        return;
    m_started = true;
    QTimer::singleShot(0, this, [this] {
        if (m_finished)
            return;
        m_socket = new QTcpSocket(this);
        connect(m_socket, &QTcpSocket::connected, this, [this] {
            m_local = m_socket->localAddress();
            m_peer = m_socket->peerAddress();
            finish({});
        });
        connect(m_socket, &QTcpSocket::errorOccurred, this, [this] {
            finish(tr("Cannot connect to %1 port %2: %3").arg(m_host).arg(m_port).arg(m_socket->errorString()));
        });
        m_timer.start();
        m_socket->connectToHost(m_host, m_port);
    });
}

void ListenerCheckAddress::cancel()
{
    finish(tr("Cancelled"));
}

void ListenerCheckAddress::finish(const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    m_error = error;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    Q_EMIT finished();
}

bool ListenerCheckAddress::isPrivate(const QHostAddress &address)
{
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped);
    if (mapped) {
        return QHostAddress(v4).isInSubnet(QHostAddress::parseSubnet(QStringLiteral("10.0.0.0/8")))
            || QHostAddress(v4).isInSubnet(QHostAddress::parseSubnet(QStringLiteral("172.16.0.0/12")))
            || QHostAddress(v4).isInSubnet(QHostAddress::parseSubnet(QStringLiteral("192.168.0.0/16")))
            || QHostAddress(v4).isInSubnet(QHostAddress::parseSubnet(QStringLiteral("100.64.0.0/10")))
            || QHostAddress(v4).isLinkLocal();
    }
    return address.isUniqueLocalUnicast() || address.isLinkLocal() || address.isSiteLocal();
}

QStringList ListenerCheckAddress::warnings(const QString &chosen, const QHostAddress &peer)
{
    QStringList warnings;
    const QHostAddress address(chosen);
    if (address.isNull()) {
        warnings.append(tr("The server must resolve the name %1 itself; a name only this network or this "
                           "machine knows makes every delivery fail [F3].")
                            .arg(chosen));
        return warnings;
    }
    const bool peerKnown = !peer.isNull();
    if (address.isLoopback()) {
        if (!peerKnown || !peer.isLoopback())
            warnings.append(
                tr("%1 is a loopback address: only a server on this machine can deliver to it [F3].").arg(chosen));
        return warnings;
    }
    if (isPrivate(address) && peerKnown && !peer.isLoopback() && !isPrivate(peer)) {
        warnings.append(tr("%1 is a private address but the server %2 is not: with NAT or a VPN between, the "
                           "server cannot reach %1 [F3].")
                            .arg(chosen, peer.toString()));
    }
    return warnings;
}

} // namespace cimdiag
