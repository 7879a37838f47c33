// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QString>

#include <memory>

class QTcpSocket;

namespace cimdiag {

/// One TLS handshake as an OpenSSL client that verifies the peer's certificate the way sfcb's
/// libcurl does with sslIndicationReceiverCert=verify (F4): against the system's CAs plus extra
/// ones, with the URL's host checked against the names (SAN IP or DNS). When verification fails,
/// OpenSSL's fatal alert (unknown_ca for a self-signed certificate, bad_certificate, ...) goes to
/// the peer before the connection closes, as from a real server.
///
/// Qt's own client cannot do this: QSslSocket verifies after its side of the handshake and closes
/// without an alert, so a listener would not see why. Hence OpenSSL directly, over memory BIOs
/// driven by a QTcpSocket on the event loop.
///
/// Emits finished() exactly once; then ok() and errorString() are valid.
class SimTlsPeerVerifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimTlsPeerVerifier)

public:
    explicit SimTlsPeerVerifier(QObject *parent = nullptr);
    ~SimTlsPeerVerifier() override;

    /// Connects to host:port and verifies; extraCaCertificates are trusted besides the system's.
    void start(const QString &host, quint16 port, const QList<QSslCertificate> &extraCaCertificates, int timeoutMs);

    bool ok() const { return m_ok; }
    QString errorString() const { return m_errorString; }

signals:
    void finished();

private:
    struct State;

    void onReadyRead();
    void step();
    void flushOutput();
    void done(bool ok, const QString &error);

    std::unique_ptr<State> m_state;
    QTcpSocket *m_socket;
    bool m_ok = false;
    bool m_finished = false;
    QString m_errorString;
};

} // namespace cimdiag
