// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/net/TlsPolicy.h"
#include "core/net/TlsProbeResult.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include <chrono>
#include <memory>

namespace cimdiag {

/// One TLS handshake probe, directly on OpenSSL (async handle). Qt's QSslSocket hides what a
/// diagnosis needs: the alert codes, OpenSSL's reason strings, every verification error of every
/// certificate, the DH group size, secure renegotiation support and whether a client certificate
/// was requested; and it cannot relax one policy at a time. The probe drives an SSL object over
/// memory BIOs on a QTcpSocket, so it stays asynchronous on the event loop.
///
/// start() queues the attempt; finished() is emitted exactly once (also on timeout and cancel());
/// result() is valid after it. No credentials are ever sent.
class TlsProbe final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString host; ///< SNI and the name verified (an IP literal is verified as IP)
        QHostAddress address; ///< where to connect; null: resolve host
        quint16 port = 5989;
        TlsPolicy policy = TlsPolicy::Default;
        QString caFile; ///< empty with caDirectory empty: Qt's system store
        QString caDirectory;
        QString clientCertificateFile;
        QString clientKeyFile;
        QByteArray clientKeyPassphrase;
        bool verifyHostname = true;
        /// TCP connect plus handshake. The HTTP status line after a completed handshake is waited
        /// for min(timeout, 1500 ms) more; no reply then is no failure.
        std::chrono::milliseconds timeout {10000};
    };

    explicit TlsProbe(Options options, QObject *parent = nullptr);
    ~TlsProbe() override;
    Q_DISABLE_COPY_MOVE(TlsProbe)

    const Options &options() const { return m_options; }
    void start();
    /// Finishes with result().cancelled set (before returning); nothing once finished.
    void cancel();
    bool isFinished() const;
    const TlsProbeResult &result() const;

Q_SIGNALS:
    void finished();

private:
    class Private;
    Options m_options;
    std::unique_ptr<Private> d;
};

} // namespace cimdiag
