// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimSslServer.h"

#include <QTimer>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace cimdiag {

SimSslServer::SimSslServer(QObject *parent)
    : QSslServer(parent)
{
}

void SimSslServer::setResetOnClose(qintptr descriptor)
{
#ifdef Q_OS_UNIX
    // SO_LINGER with a zero timeout makes close() send RST (B5) instead of an orderly FIN.
    const linger option{1, 0};
    ::setsockopt(static_cast<int>(descriptor), SOL_SOCKET, SO_LINGER, &option, sizeof option);
#else
    Q_UNUSED(descriptor);
#endif
}

void SimSslServer::resetDescriptor(qintptr descriptor)
{
    setResetOnClose(descriptor);
#ifdef Q_OS_UNIX
    ::close(static_cast<int>(descriptor));
#endif
}

void SimSslServer::incomingConnection(qintptr descriptor)
{
    if (m_resetAfterAccept) {
        // After a pause, so the client sees an established connection die, not a failed connect.
        QTimer::singleShot(kResetDelayMs, this, [this, descriptor] {
            resetDescriptor(descriptor);
            emit connectionReset();
        });
        return;
    }
    QSslServer::incomingConnection(descriptor);
}

} // namespace cimdiag
