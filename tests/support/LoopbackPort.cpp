// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/LoopbackPort.h"

#include <QTcpServer>

namespace cimdiag {

quint16 closedLoopbackPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

} // namespace cimdiag
