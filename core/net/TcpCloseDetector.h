// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

namespace cimdiag {

/// Tells a reset (RST, "Connection reset by peer") from an orderly close (FIN) of a QTcpSocket's
/// connection, which Qt reports alike as RemoteHostClosedError: its engine maps a read's ECONNRESET
/// to end-of-file and closes the descriptor at once, so neither errno nor SO_ERROR survive.
///
/// attach() keeps a duplicate of the descriptor, which keeps the kernel socket (and its TCP state)
/// alive after Qt closed its own; peerCloseErrno() then reads the state with TCP_INFO: CLOSE after
/// a reset, CLOSE_WAIT after a FIN. B5 wants the difference (ESXi's crashing sfcbd resets). Linux
/// only; elsewhere every close reads as "EOF".
class TcpCloseDetector final
{
public:
    TcpCloseDetector() = default;
    ~TcpCloseDetector();
    Q_DISABLE_COPY_MOVE(TcpCloseDetector)

    /// Duplicates descriptor (a connected TCP socket); a previous one is released first.
    void attach(qintptr descriptor);
    /// Closes the duplicate (the kernel then finishes the connection as the last holder).
    void release();
    bool isAttached() const { return m_descriptor >= 0; }

    /// After the peer closed: "ECONNRESET" when the connection was reset, "EOF" otherwise (also
    /// when nothing is attached or the state cannot be read).
    QString peerCloseErrno() const;

private:
    int m_descriptor = -1;
};

} // namespace cimdiag
