// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSslServer>

namespace cimdiag {

/// QSslServer that can reset a connection right after accept, before any TLS byte (B5). QSslServer
/// only hands out connections after the handshake, so the reset has to happen in incomingConnection.
class SimSslServer final : public QSslServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimSslServer)

public:
    explicit SimSslServer(QObject *parent = nullptr);

    void setResetAfterAccept(bool reset) { m_resetAfterAccept = reset; }
    /// How long an accepted connection lives before the reset, in milliseconds.
    static constexpr int kResetDelayMs = 50;

    /// Closes a socket descriptor with SO_LINGER 0, so the peer gets RST instead of FIN (B5:
    /// "Connection reset by peer").
    static void resetDescriptor(qintptr descriptor);
    /// Sets SO_LINGER 0 on a descriptor a QTcpSocket still owns, so its abort() sends RST.
    static void setResetOnClose(qintptr descriptor);

signals:
    /// A connection was accepted and reset (ResetAfterAccept).
    void connectionReset();

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    bool m_resetAfterAccept = false;
};

} // namespace cimdiag
