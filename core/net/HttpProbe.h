// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/net/HttpProbeResult.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>

#include <chrono>
#include <memory>

namespace cimdiag {

/// One raw HTTP exchange over TCP or TLS (async handle): writes the given request bytes as they are
/// and reads the reply head and the start of the body. QNetworkAccessManager is the library for
/// HTTP and the WBEM client uses it; this probe exists because a diagnosis must see what QNAM
/// hides or refuses to send: the raw bytes of a non-HTTP answer (a TLS alert on a plaintext
/// request, C2), a reset before any byte (B5), and requests a correct client never makes
/// (Expect: 100-continue for D10).
///
/// Over TLS the certificate is not verified (the TLS stage does that; this probe never carries
/// credentials; a configured client certificate is presented, as the WBEM client would). start() queues; finished() is
/// emitted exactly once; result() is valid after it.
class HttpProbe final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString host; ///< for SNI
        QHostAddress address; ///< null: resolve host
        quint16 port = 5988;
        bool tls = false;
        QByteArray request; ///< the whole request: line, headers, blank line, body
        std::chrono::milliseconds timeout {10000};
        qsizetype maxBody = 64 * 1024;
        /// TLS only: the target's client certificate (PEM), presented when the server asks for
        /// one, as the WBEM client would (2-way TLS, C13); empty: none. The key file defaults to
        /// the certificate file.
        QString clientCertificateFile;
        QString clientKeyFile;
        QByteArray clientKeyPassphrase;
    };

    explicit HttpProbe(Options options, QObject *parent = nullptr);
    ~HttpProbe() override;
    Q_DISABLE_COPY_MOVE(HttpProbe)

    const Options &options() const { return m_options; }
    void start();
    void cancel();
    bool isFinished() const;
    const HttpProbeResult &result() const;

    /// A CIM-XML POST to /cimom as DSP0200 wants it (Host, Content-Type application/xml;
    /// charset="utf-8", Content-Length, CIMOperation, CIMMethod, CIMObject, CIMProtocolVersion 1.0)
    /// plus extraHeaders, for body (a MESSAGE with a SIMPLEREQ). cimObject is sent as given: the
    /// caller URI-escapes it (DSP0200 7.3.3). No Authorization: probes never carry credentials.
    static QByteArray cimPost(const QString &host, quint16 port, const QByteArray &cimMethod,
        const QByteArray &cimObject, const QByteArray &body,
        const QList<std::pair<QByteArray, QByteArray>> &extraHeaders = {});

Q_SIGNALS:
    void finished();

private:
    class Private;
    Options m_options;
    std::unique_ptr<Private> d;
};

} // namespace cimdiag
