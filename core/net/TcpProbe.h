// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/net/TcpCloseDetector.h"
#include "core/net/TcpProbeResult.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

class QTcpSocket;

namespace cimdiag {

/// One TCP reachability probe of address:port (an async handle, KDSoapJob style): connects, and
/// once connected keeps the connection open for a short observation window, silent, to catch a
/// server that accepts and then resets or closes at once (B5). Sends nothing.
///
/// start() queues the attempt; finished() is emitted exactly once (also on timeout and cancel());
/// result() is valid after it.
class TcpProbe final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QHostAddress address;
        quint16 port = 0;
        /// No SYN-ACK within this time: Filtered (B3).
        std::chrono::milliseconds connectTimeout {5000};
        /// How long to watch a fresh connection for a reset or close; 0 finishes at connect.
        std::chrono::milliseconds observeWindow {50};
    };

    explicit TcpProbe(Options options, QObject *parent = nullptr);
    ~TcpProbe() override;
    Q_DISABLE_COPY_MOVE(TcpProbe)

    const Options &options() const { return m_options; }
    void start();
    /// Finishes with outcome Cancelled (before returning); nothing once finished.
    void cancel();
    bool isFinished() const { return m_finished; }
    const TcpProbeResult &result() const { return m_result; }

Q_SIGNALS:
    void finished();

private:
    void doStart();
    void onConnected();
    void onErrorOccurred();
    void onTimeout();
    void finish(TcpProbeResult::Outcome outcome, const QString &errnoName);

    Options m_options;
    QPointer<QTcpSocket> m_socket;
    QTimer m_timer;
    QElapsedTimer m_elapsed;
    bool m_connected = false;
    bool m_finished = false;
    qint64 m_bytesReceived = 0; ///< in the observation window
    TcpProbeResult m_result;
    TcpCloseDetector m_closeDetector; ///< tells RST from FIN in the observation window (B5)
};

} // namespace cimdiag
