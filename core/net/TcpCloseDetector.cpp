// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/net/TcpCloseDetector.h"

#ifdef Q_OS_LINUX
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace cimdiag {

TcpCloseDetector::~TcpCloseDetector()
{
    release();
}

void TcpCloseDetector::attach(qintptr descriptor)
{
    release();
#ifdef Q_OS_LINUX
    if (descriptor >= 0)
        m_descriptor = ::dup(static_cast<int>(descriptor));
#else
    Q_UNUSED(descriptor)
#endif
}

void TcpCloseDetector::release()
{
#ifdef Q_OS_LINUX
    if (m_descriptor >= 0)
        ::close(m_descriptor);
#endif
    m_descriptor = -1;
}

QString TcpCloseDetector::peerCloseErrno() const
{
#ifdef Q_OS_LINUX
    if (m_descriptor >= 0) {
        tcp_info info {};
        socklen_t length = sizeof(info);
        if (::getsockopt(m_descriptor, IPPROTO_TCP, TCP_INFO, &info, &length) == 0) {
            // tcp_reset() moves the socket straight to CLOSE; a FIN leaves it in CLOSE_WAIT until
            // the last descriptor (this one) is closed.
            if (info.tcpi_state == TCP_CLOSE)
                return QStringLiteral("ECONNRESET");
        }
    }
#endif
    return QStringLiteral("EOF");
}

} // namespace cimdiag
