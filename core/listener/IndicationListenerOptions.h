// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>

namespace cimdiag {

/// How an IndicationListener listens and what it accepts.
struct IndicationListenerOptions final
{
    QHostAddress address = QHostAddress(QHostAddress::LocalHost); ///< Any / AnyIPv6 for every interface
    quint16 port = 0; ///< 0 picks a free (ephemeral) port; port() tells which
    /// HTTPS: the certificate (and the chain sent after it) and its private key. A null certificate
    /// means plain HTTP.
    QSslCertificate certificate;
    QList<QSslCertificate> chain;
    QSslKey privateKey;

    qsizetype maxHeadSize = 16 * 1024; ///< larger heads get 431
    qint64 maxBodySize = 4 * 1024 * 1024; ///< larger bodies get 413 (pywbem's listener: 4 MiB too)
    int maxQueuedIndications = 1000; ///< the queue drops its oldest beyond this (F10), counted in droppedCount()
    int maxConnections = 64; ///< further connections are closed at once
    /// A request must be complete this long after its first byte, and a TLS handshake must finish in
    /// it; a peer trickling bytes (slowloris) gets 408 and the connection closes.
    int requestTimeoutMs = 10000;
    /// An idle keep-alive connection is closed after this long.
    int idleTimeoutMs = 30000;
    /// false: M-POST gets 501 Not Implemented, as listeners without M-POST answer (DSP0200 7.2.2:
    /// the sender then retries with POST).
    bool acceptMPost = true;

    bool isHttps() const { return !certificate.isNull(); }
};

} // namespace cimdiag
