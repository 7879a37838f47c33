// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimTlsPeerVerifier.h"

#include "core/net/OpenSslPointers.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QTimer>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

namespace cimdiag {

struct SimTlsPeerVerifier::State
{
    SslCtxPtr context;
    SslPtr ssl;
    BIO *input = nullptr; ///< owned by ssl: bytes from the peer
    BIO *output = nullptr; ///< owned by ssl: bytes for the peer
};

SimTlsPeerVerifier::SimTlsPeerVerifier(QObject *parent)
    : QObject(parent)
    , m_state(std::make_unique<State>())
    , m_socket(new QTcpSocket(this))
{
    connect(m_socket, &QTcpSocket::connected, this, &SimTlsPeerVerifier::step);
    connect(m_socket, &QTcpSocket::readyRead, this, &SimTlsPeerVerifier::onReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this] { done(false, m_socket->errorString()); });
}

SimTlsPeerVerifier::~SimTlsPeerVerifier() = default;

void SimTlsPeerVerifier::start(
    const QString &host, quint16 port, const QList<QSslCertificate> &extraCaCertificates, int timeoutMs)
{
    State &state = *m_state;
    state.context.reset(SSL_CTX_new(TLS_client_method()));
    if (!state.context) {
        QTimer::singleShot(0, this, [this] { done(false, QStringLiteral("SSL_CTX_new failed")); });
        return;
    }
    SSL_CTX_set_verify(state.context.get(), SSL_VERIFY_PEER, nullptr);
    SSL_CTX_set_default_verify_paths(state.context.get());
    X509_STORE *store = SSL_CTX_get_cert_store(state.context.get());
    for (const QSslCertificate &certificate : extraCaCertificates) {
        const QByteArray pem = certificate.toPem();
        BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
        X509Ptr x509(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
        if (x509)
            X509_STORE_add_cert(store, x509.get());
    }
    state.ssl.reset(SSL_new(state.context.get()));
    if (!state.ssl) {
        QTimer::singleShot(0, this, [this] { done(false, QStringLiteral("SSL_new failed")); });
        return;
    }
    state.input = BIO_new(BIO_s_mem());
    state.output = BIO_new(BIO_s_mem());
    SSL_set_bio(state.ssl.get(), state.input, state.output); // the SSL owns both from here
    SSL_set_connect_state(state.ssl.get());
    // The URL's host against the certificate's names, as libcurl's CURLOPT_SSL_VERIFYHOST does.
    const QHostAddress address(host);
    X509_VERIFY_PARAM *parameters = SSL_get0_param(state.ssl.get());
    if (!address.isNull()) {
        QHostAddress plain = address;
        plain.setScopeId({});
        if (X509_VERIFY_PARAM_set1_ip_asc(parameters, plain.toString().toLatin1().constData()) != 1) {
            QTimer::singleShot(
                0, this, [this] { done(false, QStringLiteral("cannot check the certificate for the address")); });
            return;
        }
    } else {
        QByteArray name = host.toUtf8();
        // SSL_set_tlsext_host_name spelled out: the macro's (void *) cast trips -Wold-style-cast.
        SSL_ctrl(state.ssl.get(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, name.data());
        X509_VERIFY_PARAM_set1_host(parameters, name.constData(), 0);
    }
    QTimer::singleShot(timeoutMs, this, [this] { done(false, QStringLiteral("TLS handshake timed out")); });
    m_socket->connectToHost(host, port);
}

void SimTlsPeerVerifier::onReadyRead()
{
    const QByteArray bytes = m_socket->readAll();
    BIO_write(m_state->input, bytes.constData(), int(bytes.size()));
    step();
}

void SimTlsPeerVerifier::flushOutput()
{
    char buffer[4096];
    int read = 0;
    while ((read = BIO_read(m_state->output, buffer, int(sizeof buffer))) > 0)
        m_socket->write(buffer, read);
}

void SimTlsPeerVerifier::step()
{
    if (m_finished)
        return;
    SSL *ssl = m_state->ssl.get();
    const int result = SSL_do_handshake(ssl);
    if (result == 1) {
        SSL_shutdown(ssl);
        flushOutput();
        done(true, {});
        return;
    }
    const int error = SSL_get_error(ssl, result);
    // Whatever OpenSSL wants to send goes out now: the next flight, or the alert after a failure.
    flushOutput();
    if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE)
        return;
    const long verify = SSL_get_verify_result(ssl);
    QString reason;
    if (verify != X509_V_OK) {
        // libcurl's wording: "SSL certificate problem: self-signed certificate".
        reason
            = QStringLiteral("SSL certificate problem: ") + QString::fromLatin1(X509_verify_cert_error_string(verify));
    } else {
        char text[256] = {};
        ERR_error_string_n(ERR_get_error(), text, sizeof text);
        reason = QStringLiteral("TLS handshake failed: ") + QString::fromLatin1(text);
    }
    ERR_clear_error();
    done(false, reason);
}

void SimTlsPeerVerifier::done(bool ok, const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_ok = ok;
    m_errorString = error;
    m_socket->disconnect(this);
    // The alert must reach the peer even when the owner deletes this at once: hand it to the kernel
    // now (non-blocking; a few bytes), then close.
    m_socket->flush();
    m_socket->disconnectFromHost();
    emit finished();
}

} // namespace cimdiag
