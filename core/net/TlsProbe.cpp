// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/net/TlsProbe.h"

#include "core/net/OpenSslPointers.h"
#include "core/net/SocketErrorNames.h"
#include "core/net/TcpCloseDetector.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpSocket>
#include <QTimer>

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <array>

namespace cimdiag {

namespace {

constexpr int kFirstBytesMax = 64;
/// A status line longer than this is not HTTP; stop reading.
constexpr int kMaxReplyBytes = 8192;
/// After a completed handshake the probe waits at most this long for the reply to its HEAD: a
/// TLS 1.3 server's late alert (116, C13) comes at once, and a stalled HTTP server is the HTTP
/// stage's finding (B6), not a reason for this stage to spend its whole timeout.
constexpr std::chrono::milliseconds kReplyWait {1500};

QString fromUtf8(const char *text)
{
    return text ? QString::fromUtf8(text) : QString();
}

/// Drains this thread's OpenSSL error queue (shared with QSslSocket on the same thread, so every
/// SSL call here is preceded by ERR_clear_error()). Queue order is oldest first, which is the most
/// specific reason ("wrong version number" before the generic ones).
QStringList drainOpenSslErrors()
{
    QStringList reasons;
    while (const unsigned long code = ERR_get_error()) {
        QString reason = fromUtf8(ERR_reason_error_string(code));
        if (reason.isEmpty()) {
            std::array<char, 256> buffer {};
            ERR_error_string_n(code, buffer.data(), buffer.size());
            reason = QString::fromUtf8(buffer.data());
        }
        if (!reasons.contains(reason))
            reasons.append(reason);
    }
    return reasons;
}

X509Ptr toX509(const QSslCertificate &certificate)
{
    const QByteArray der = certificate.toDer();
    const auto *data = reinterpret_cast<const unsigned char *>(der.constData());
    return X509Ptr(d2i_X509(nullptr, &data, der.size()));
}

QSslCertificate toQt(X509 *x509)
{
    unsigned char *der = nullptr;
    const int length = i2d_X509(x509, &der);
    if (length <= 0)
        return QSslCertificate();
    const QSslCertificate certificate(QByteArray(reinterpret_cast<const char *>(der), length), QSsl::Der);
    OPENSSL_free(der);
    return certificate;
}

QString nameToString(const X509_NAME *name)
{
    const BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253) < 0)
        return {};
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QString::fromUtf8(data, length);
}

QString keyTypeName(const EVP_PKEY *key)
{
    switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS:
        return QStringLiteral("RSA");
    case EVP_PKEY_EC:
        return QStringLiteral("EC");
    case EVP_PKEY_ED25519:
        return QStringLiteral("ED25519");
    case EVP_PKEY_ED448:
        return QStringLiteral("ED448");
    case EVP_PKEY_DSA:
        return QStringLiteral("DSA");
    case EVP_PKEY_DH:
        return QStringLiteral("DH");
    case EVP_PKEY_X25519:
        return QStringLiteral("X25519");
    case EVP_PKEY_X448:
        return QStringLiteral("X448");
    default:
        return fromUtf8(EVP_PKEY_get0_type_name(key));
    }
}

/// "ECDH P-256" for the ephemeral key of an ECDHE exchange, as `openssl s_client` prints it.
QString ephemeralKeyName(const EVP_PKEY *key)
{
    if (EVP_PKEY_get_base_id(key) != EVP_PKEY_EC)
        return keyTypeName(key);
    std::array<char, 80> group {};
    size_t length = 0;
    if (EVP_PKEY_get_group_name(key, group.data(), group.size(), &length) != 1)
        return QStringLiteral("ECDH");
    const int nid = OBJ_sn2nid(group.data());
    const char *nist = nid != NID_undef ? EC_curve_nid2nist(nid) : nullptr;
    return QStringLiteral("ECDH ") + fromUtf8(nist ? nist : group.data());
}

TlsCertificateInfo describeCertificate(X509 *x509, int depth)
{
    TlsCertificateInfo info;
    info.depth = depth;
    info.certificate = toQt(x509);
    info.subject = nameToString(X509_get_subject_name(x509));
    info.issuer = nameToString(X509_get_issuer_name(x509));
    info.selfIssued = X509_NAME_cmp(X509_get_subject_name(x509), X509_get_issuer_name(x509)) == 0;
    // Qt parses the SANs and the validity already; OpenSSL is needed only for what Qt does not give.
    const auto alternativeNames = info.certificate.subjectAlternativeNames();
    for (auto it = alternativeNames.cbegin(); it != alternativeNames.cend(); ++it) {
        if (it.key() == QSsl::DnsEntry)
            info.subjectAltNames.append(QStringLiteral("DNS:") + it.value());
        else if (it.key() == QSsl::IpAddressEntry)
            info.subjectAltNames.append(QStringLiteral("IP:") + it.value());
        else if (it.key() == QSsl::EmailEntry)
            info.subjectAltNames.append(QStringLiteral("email:") + it.value());
    }
    info.notBefore = info.certificate.effectiveDate().toUTC();
    info.notAfter = info.certificate.expiryDate().toUTC();
    if (const EVP_PKEY *key = X509_get0_pubkey(x509)) {
        info.keyType = keyTypeName(key);
        info.keyBits = EVP_PKEY_get_bits(key);
    }
    info.signatureAlgorithm = fromUtf8(OBJ_nid2ln(X509_get_signature_nid(x509)));
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest {};
    unsigned int digestLength = 0;
    if (X509_digest(x509, EVP_sha256(), digest.data(), &digestLength) == 1) {
        info.sha256Fingerprint = QString::fromLatin1(
            QByteArray(reinterpret_cast<const char *>(digest.data()), int(digestLength)).toHex(':').toUpper());
    }
    return info;
}

bool isIpLiteral(const QString &host)
{
    return !QHostAddress(host).isNull();
}

} // namespace

class TlsProbe::Private final
{
public:
    enum class State : quint8 { Idle, Connecting, Handshaking, AwaitingReply, Finished };

    explicit Private(TlsProbe *probe)
        : q(probe)
        , options(probe->m_options)
    {
        timer.setSingleShot(true);
    }
    ~Private()
    {
        // The SSL object refers to the context: free it first.
        ssl.reset();
        context.reset();
    }
    Q_DISABLE_COPY_MOVE(Private)

    void begin();
    void finish();
    void onTimeout();

    TlsProbe *q;
    const Options &options;
    TlsProbeResult result;
    State state = State::Idle;
    QTimer timer;

private:
    bool setUpContext();
    void loadTrustStore();
    void loadClientCertificate();
    bool setUpSsl();
    void onConnected();
    void onReadyRead();
    void onSocketError(QAbstractSocket::SocketError error);
    void onPeerClosed();
    void feedSocketBytes();
    void flushOutput();
    void drive();
    void continueHandshake();
    void onHandshakeCompleted();
    void readReply();
    void captureNegotiated();
    void capturePeerChain();

    static int verifyCallback(int preverifyOk, X509_STORE_CTX *store);
    static int clientCertificateCallback(SSL *ssl, X509 **certificate, EVP_PKEY **key);
    static void infoCallback(const SSL *ssl, int where, int value);
    static Private *fromSsl(const SSL *ssl) { return static_cast<Private *>(SSL_get_ex_data(ssl, 0)); }

    QTcpSocket *socket = nullptr;
    TcpCloseDetector closeDetector; ///< RST or FIN when the peer closes (B5)
    QElapsedTimer handshakeClock;
    SslCtxPtr context;
    SslPtr ssl;
    BIO *readBio = nullptr; ///< owned by ssl
    BIO *writeBio = nullptr; ///< owned by ssl
    X509Ptr clientCertificate;
    EvpPkeyPtr clientKey;
    /// Every verification error per certificate depth, as the callback saw them.
    QMap<int, QList<TlsCertificateInfo::VerifyError>> verifyErrors;
    QByteArray reply;
    bool peerEof = false;
};

void TlsProbe::Private::begin()
{
    if (state != State::Idle)
        return;
    state = State::Connecting;
    result.policy = options.policy;
    timer.start(options.timeout);
    if (!setUpContext()) {
        finish();
        return;
    }
    socket = new QTcpSocket(q);
    QObject::connect(socket, &QTcpSocket::connected, q, [this] { onConnected(); });
    QObject::connect(socket, &QTcpSocket::readyRead, q, [this] { onReadyRead(); });
    QObject::connect(
        socket, &QTcpSocket::errorOccurred, q, [this](QAbstractSocket::SocketError error) { onSocketError(error); });
    if (options.address.isNull())
        socket->connectToHost(options.host, options.port);
    else
        socket->connectToHost(options.address, options.port);
}

bool TlsProbe::Private::setUpContext()
{
    ERR_clear_error();
    // TLS_client_method() with the library's configuration (Debian: /etc/ssl/openssl.cnf sets
    // MinProtocol TLSv1.2 and SECLEVEL 2): the Default policy changes nothing of it.
    context.reset(SSL_CTX_new(TLS_client_method()));
    if (!context) {
        result.openSslErrors = drainOpenSslErrors();
        return false;
    }
    switch (options.policy) {
    case TlsPolicy::Default:
        break;
    case TlsPolicy::LegacyProtocols:
        // C3: OpenSSL 3 refuses TLS 1.0/1.1 at SECLEVEL >= 1 (SHA-1 handshake MAC), so both go.
        SSL_CTX_set_min_proto_version(context.get(), TLS1_VERSION);
        SSL_CTX_set_security_level(context.get(), 0);
        SSL_CTX_set_cipher_list(context.get(), "DEFAULT:@SECLEVEL=0");
        break;
    case TlsPolicy::SecurityLevel0:
        SSL_CTX_set_security_level(context.get(), 0);
        break;
    case TlsPolicy::LegacyRenegotiation:
        // C11: OpenSSL 3 no longer connects to servers without RFC 5746 by default.
        SSL_CTX_set_options(context.get(), SSL_OP_LEGACY_SERVER_CONNECT);
        break;
    }
    // Verify, but never abort: the callback records every error and the handshake goes on, so one
    // run shows everything wrong with the chain.
    SSL_CTX_set_verify(context.get(), SSL_VERIFY_NONE, &Private::verifyCallback);
    SSL_CTX_set_client_cert_cb(context.get(), &Private::clientCertificateCallback);
    SSL_CTX_set_info_callback(context.get(), &Private::infoCallback);
    loadTrustStore();
    loadClientCertificate();
    ERR_clear_error();
    return true;
}

void TlsProbe::Private::loadTrustStore()
{
    X509_STORE *store = SSL_CTX_get_cert_store(context.get());
    QList<QSslCertificate> authorities;
    QStringList sources;
    // The same files and the same Qt reader as WbemConnection, so both verify against one store.
    if (!options.caFile.isEmpty()) {
        const QList<QSslCertificate> fromFile = QSslCertificate::fromPath(options.caFile, QSsl::Pem);
        sources.append(
            TlsProbe::tr("CA file %1 (%n certificate(s))", nullptr, int(fromFile.size())).arg(options.caFile));
        authorities += fromFile;
    }
    if (!options.caDirectory.isEmpty()) {
        const QList<QSslCertificate> fromDirectory
            = QSslCertificate::fromPath(QDir(options.caDirectory).filePath(QStringLiteral("*")), QSsl::Pem,
                QSslCertificate::PatternSyntax::Wildcard);
        sources.append(TlsProbe::tr("CA directory %1 (%n certificate(s))", nullptr, int(fromDirectory.size()))
                           .arg(options.caDirectory));
        authorities += fromDirectory;
    }
    if (sources.isEmpty()) {
        // Not SSL_CTX_set_default_verify_paths(): the WBEM client verifies with Qt's system store,
        // and the probe must judge the same store.
        authorities = QSslConfiguration::systemCaCertificates();
        sources.append(TlsProbe::tr("system (Qt system store, %n certificate(s))", nullptr, int(authorities.size())));
    }
    for (const QSslCertificate &authority : std::as_const(authorities)) {
        if (const X509Ptr x509 = toX509(authority))
            X509_STORE_add_cert(store, x509.get()); // takes its own reference
    }
    ERR_clear_error(); // duplicates in the system store are not an error worth reporting
    // These would change what OpenSSL's default paths mean, not what this probe (or the WBEM
    // client) verifies against; say that they are set so nobody is misled.
    for (const char *variable : {"SSL_CERT_FILE", "SSL_CERT_DIR"}) {
        if (qEnvironmentVariableIsSet(variable)) {
            sources.append(TlsProbe::tr("%1=%2 is set in the environment (not used for this verification)")
                               .arg(QLatin1String(variable), qEnvironmentVariable(variable)));
        }
    }
    result.trustStore = sources.join(QStringLiteral("; "));
}

void TlsProbe::Private::loadClientCertificate()
{
    if (options.clientCertificateFile.isEmpty())
        return;
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(options.clientCertificateFile, QSsl::Pem);
    const QString keyPath = options.clientKeyFile.isEmpty() ? options.clientCertificateFile : options.clientKeyFile;
    QFile keyFile(keyPath);
    QByteArray keyPem;
    if (keyFile.open(QIODevice::ReadOnly))
        keyPem = keyFile.readAll();
    const BioPtr keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())));
    // A null-terminated passphrase as the default password callback's user data.
    QByteArray passphrase = options.clientKeyPassphrase;
    EvpPkeyPtr key(keyBio ? PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, passphrase.data()) : nullptr);
    if (certificates.isEmpty() || !key) {
        QStringList reasons = drainOpenSslErrors();
        const QString what = certificates.isEmpty()
            ? TlsProbe::tr("no client certificate in %1").arg(options.clientCertificateFile)
            : TlsProbe::tr("no usable private key in %1").arg(keyPath);
        result.openSslErrors.append(reasons.isEmpty() ? what : what + QStringLiteral(": ") + reasons.constFirst());
        return;
    }
    clientCertificate = toX509(certificates.constFirst());
    clientKey = std::move(key);
}

bool TlsProbe::Private::setUpSsl()
{
    ssl.reset(SSL_new(context.get()));
    readBio = BIO_new(BIO_s_mem());
    writeBio = BIO_new(BIO_s_mem());
    if (!ssl || !readBio || !writeBio) {
        BIO_free(readBio);
        BIO_free(writeBio);
        readBio = writeBio = nullptr;
        result.openSslErrors += drainOpenSslErrors();
        return false;
    }
    // An empty read BIO means "no data yet" (retry), not EOF, until the peer really closes.
    BIO_set_mem_eof_return(readBio, -1);
    SSL_set_bio(ssl.get(), readBio, writeBio);
    SSL_set_ex_data(ssl.get(), 0, this);
    SSL_set_connect_state(ssl.get());

    const QByteArray host = options.host.toUtf8();
    if (!options.host.isEmpty() && !isIpLiteral(options.host)) {
        // SNI (RFC 6066 forbids IP literals). SSL_set_tlsext_host_name() is a macro with a C cast.
        SSL_ctrl(
            ssl.get(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char *>(host.constData()));
    }
    if (options.verifyHostname && !options.host.isEmpty()) {
        X509_VERIFY_PARAM *param = SSL_get0_param(ssl.get());
        if (isIpLiteral(options.host)) {
            X509_VERIFY_PARAM_set1_ip_asc(param, QHostAddress(options.host).toString().toLatin1().constData());
        } else {
            X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
            X509_VERIFY_PARAM_set1_host(param, host.constData(), size_t(host.size()));
        }
        result.verifiedName = options.host;
    }
    return true;
}

void TlsProbe::Private::onConnected()
{
    if (state != State::Connecting)
        return;
    result.tcpConnected = true;
    closeDetector.attach(socket->socketDescriptor());
    if (!setUpSsl()) {
        finish();
        return;
    }
    state = State::Handshaking;
    handshakeClock.start();
    drive();
}

void TlsProbe::Private::onReadyRead()
{
    feedSocketBytes();
    drive();
}

void TlsProbe::Private::feedSocketBytes()
{
    if (!socket)
        return;
    const QByteArray bytes = socket->readAll();
    if (bytes.isEmpty())
        return;
    // Raw, before TLS sees them: "HTTP/1.1 400" here means a plaintext port (C1).
    if (result.firstBytes.size() < kFirstBytesMax)
        result.firstBytes += bytes.left(kFirstBytesMax - result.firstBytes.size());
    if (readBio)
        BIO_write(readBio, bytes.constData(), int(bytes.size()));
}

void TlsProbe::Private::flushOutput()
{
    if (!writeBio || !socket)
        return;
    // After the peer closed (C13: the server drops the client after its Finished), Qt has closed
    // the socket: what OpenSSL still answers cannot reach the peer, and writing it to the closed
    // socket makes Qt warn "QSocketNotifier: Invalid socket specified". Drain it unsent.
    const bool writable = socket->isValid();
    std::array<char, 16384> buffer {};
    int length = 0;
    while ((length = BIO_read(writeBio, buffer.data(), int(buffer.size()))) > 0) {
        if (writable)
            socket->write(buffer.data(), length);
    }
}

void TlsProbe::Private::onSocketError(QAbstractSocket::SocketError error)
{
    if (state == State::Finished)
        return;
    if (state == State::Connecting) {
        result.tcpError = socket->errorString();
        result.tcpErrno = SocketErrorNames::errnoName(error, result.tcpError);
        if (SocketErrorNames::isConnectTimeout(error, result.tcpError))
            result.timedOut = true;
        finish();
        return;
    }
    onPeerClosed();
}

void TlsProbe::Private::onPeerClosed()
{
    feedSocketBytes();
    result.peerClosed = true;
    result.peerCloseErrno = closeDetector.peerCloseErrno();
    closeDetector.release();
    // Let OpenSSL see the end of the stream: it reports "unexpected eof while reading", or reads a
    // final alert that was still in the buffer.
    peerEof = true;
    if (readBio)
        BIO_set_mem_eof_return(readBio, 0);
    drive();
    finish();
}

void TlsProbe::Private::drive()
{
    if (state == State::Handshaking)
        continueHandshake();
    if (state == State::AwaitingReply)
        readReply();
}

void TlsProbe::Private::continueHandshake()
{
    ERR_clear_error();
    const int ret = SSL_do_handshake(ssl.get());
    flushOutput();
    if (ret == 1) {
        onHandshakeCompleted();
        return;
    }
    const int error = SSL_get_error(ssl.get(), ret);
    if (error == SSL_ERROR_WANT_READ && !peerEof)
        return;
    result.openSslErrors += drainOpenSslErrors();
    result.openSslErrors.removeDuplicates();
    result.handshakeTime = std::chrono::microseconds(handshakeClock.nsecsElapsed() / 1000);
    capturePeerChain();
    finish();
}

void TlsProbe::Private::onHandshakeCompleted()
{
    result.handshakeCompleted = true;
    result.handshakeTime = std::chrono::microseconds(handshakeClock.nsecsElapsed() / 1000);
    captureNegotiated();
    capturePeerChain();
    drainOpenSslErrors(); // verification errors were recorded by the callback
    state = State::AwaitingReply;
    // No credentials, ever: a plain HEAD proves HTTP over TLS and draws TLS 1.3's late alert 116
    // (the server checks the client certificate only after the client's Finished, C13).
    QString hostHeader = options.host;
    if (hostHeader.contains(QLatin1Char(':')))
        hostHeader = QLatin1Char('[') + hostHeader + QLatin1Char(']');
    const QByteArray request = "HEAD / HTTP/1.1\r\nHost: " + hostHeader.toUtf8() + "\r\nConnection: close\r\n\r\n";
    ERR_clear_error();
    SSL_write(ssl.get(), request.constData(), int(request.size()));
    flushOutput();
    // The reply gets its own short bound (a missing one is not an error of this stage).
    timer.start(std::min(options.timeout, kReplyWait));
}

void TlsProbe::Private::readReply()
{
    std::array<char, 4096> buffer {};
    for (;;) {
        ERR_clear_error();
        const int read = SSL_read(ssl.get(), buffer.data(), int(buffer.size()));
        flushOutput();
        if (read > 0) {
            reply.append(buffer.data(), read);
            const qsizetype end = reply.indexOf("\r\n");
            if (end >= 0 || reply.size() >= kMaxReplyBytes) {
                result.httpStatusLine = QString::fromLatin1(reply.left(end >= 0 ? end : kMaxReplyBytes));
                finish();
                return;
            }
            continue;
        }
        const int error = SSL_get_error(ssl.get(), read);
        if (error == SSL_ERROR_WANT_READ && !peerEof)
            return;
        if (error == SSL_ERROR_ZERO_RETURN)
            result.peerClosed = true; // close_notify
        result.openSslErrors += drainOpenSslErrors();
        result.openSslErrors.removeDuplicates();
        if (!reply.isEmpty() && result.httpStatusLine.isEmpty())
            result.httpStatusLine = QString::fromLatin1(reply);
        finish();
        return;
    }
}

void TlsProbe::Private::captureNegotiated()
{
    result.protocol = fromUtf8(SSL_get_version(ssl.get()));
    if (const SSL_CIPHER *cipher = SSL_get_current_cipher(ssl.get())) {
        result.cipher = fromUtf8(SSL_CIPHER_get_name(cipher));
        result.cipherBits = SSL_CIPHER_get_bits(cipher, nullptr);
    }
    EVP_PKEY *rawKey = nullptr;
    if (SSL_get_peer_tmp_key(ssl.get(), &rawKey) == 1 && rawKey) {
        const EvpPkeyPtr key(rawKey);
        result.ephemeralKey = ephemeralKeyName(key.get());
        result.ephemeralKeyBits = EVP_PKEY_get_bits(key.get());
    }
    // RFC 5746 is about renegotiation, which TLS 1.3 does not have: nothing to be unsafe about.
    result.secureRenegotiation
        = SSL_version(ssl.get()) >= TLS1_3_VERSION || SSL_get_secure_renegotiation_support(ssl.get()) == 1;
}

void TlsProbe::Private::capturePeerChain()
{
    result.peerChain.clear();
    // The client side's peer chain includes the leaf (unlike a server's view of its client).
    if (STACK_OF(X509) *chain = SSL_get_peer_cert_chain(ssl.get())) {
        for (int i = 0; i < sk_X509_num(chain); ++i) {
            TlsCertificateInfo info = describeCertificate(sk_X509_value(chain, i), i);
            info.verifyErrors = verifyErrors.value(i);
            result.peerChain.append(info);
        }
    }
    // Errors at a depth beyond the chain sent (a missing issuer is reported at the last depth)
    // belong to the last certificate the server sent.
    for (auto it = verifyErrors.cbegin(); it != verifyErrors.cend(); ++it) {
        if (it.key() >= result.peerChain.size() && !result.peerChain.isEmpty()) {
            for (const TlsCertificateInfo::VerifyError &error : it.value())
                result.peerChain.last().verifyErrors.append(error);
        }
    }
    if (!result.peerChain.isEmpty()) {
        result.verifyResult = int(SSL_get_verify_result(ssl.get()));
        result.verifyResultText = fromUtf8(X509_verify_cert_error_string(result.verifyResult));
        if (!result.verifiedName.isEmpty()) {
            X509 *leaf = SSL_get0_peer_certificate(ssl.get());
            const QByteArray name = result.verifiedName.toUtf8();
            result.hostnameMatches = isIpLiteral(result.verifiedName)
                ? X509_check_ip_asc(leaf, QHostAddress(result.verifiedName).toString().toLatin1().constData(), 0) == 1
                : X509_check_host(
                      leaf, name.constData(), size_t(name.size()), X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, nullptr)
                    == 1;
        }
    }
}

int TlsProbe::Private::verifyCallback(int preverifyOk, X509_STORE_CTX *store)
{
    const auto *sslObject
        = static_cast<const SSL *>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
    Private *self = sslObject ? fromSsl(sslObject) : nullptr;
    if (!preverifyOk && self) {
        const int code = X509_STORE_CTX_get_error(store);
        QList<TlsCertificateInfo::VerifyError> &errors = self->verifyErrors[X509_STORE_CTX_get_error_depth(store)];
        const bool seen
            = std::any_of(errors.cbegin(), errors.cend(), [code](const auto &error) { return error.code == code; });
        if (!seen)
            errors.append({code, fromUtf8(X509_verify_cert_error_string(code))});
    }
    return 1; // go on: the probe reports, it does not decide
}

int TlsProbe::Private::clientCertificateCallback(SSL *sslObject, X509 **certificate, EVP_PKEY **key)
{
    Private *self = fromSsl(sslObject);
    if (!self)
        return 0;
    self->result.clientCertificateRequested = true;
    if (!self->clientCertificate || !self->clientKey)
        return 0;
    // OpenSSL takes ownership of what it is given: hand over new references.
    X509_up_ref(self->clientCertificate.get());
    EVP_PKEY_up_ref(self->clientKey.get());
    *certificate = self->clientCertificate.get();
    *key = self->clientKey.get();
    self->result.clientCertificateSent = true;
    return 1;
}

void TlsProbe::Private::infoCallback(const SSL *sslObject, int where, int value)
{
    if (!(where & SSL_CB_ALERT))
        return;
    Private *self = fromSsl(sslObject);
    if (!self)
        return;
    TlsProbeResult::Alert alert;
    alert.code = value & 0xff;
    alert.description = fromUtf8(SSL_alert_desc_string_long(value));
    alert.fatal = (value >> 8) == SSL3_AL_FATAL;
    std::optional<TlsProbeResult::Alert> &slot
        = (where & SSL_CB_READ) ? self->result.alertReceived : self->result.alertSent;
    // The first alert says why; a close_notify (0) gives way to a real reason that follows.
    if (!slot || (slot->code == 0 && alert.code != 0))
        slot = alert;
}

void TlsProbe::Private::onTimeout()
{
    if (state == State::Finished)
        return;
    // A missing HTTP reply after a good handshake is not a failure of the probe.
    if (state != State::AwaitingReply) {
        result.timedOut = true;
        if (state == State::Connecting) {
            result.tcpError = TlsProbe::tr("Connection timed out");
            result.tcpErrno = QStringLiteral("ETIMEDOUT");
        }
        if (state == State::Handshaking && ssl) {
            feedSocketBytes();
            result.handshakeTime = std::chrono::microseconds(handshakeClock.nsecsElapsed() / 1000);
            capturePeerChain();
        }
    }
    finish();
}

void TlsProbe::Private::finish()
{
    if (state == State::Finished)
        return;
    state = State::Finished;
    timer.stop();
    if (socket) {
        QObject::disconnect(socket, nullptr, q, nullptr);
        socket->abort();
        socket->deleteLater();
        socket = nullptr;
    }
    closeDetector.release();
    ssl.reset();
    readBio = writeBio = nullptr;
    context.reset();
    clientKey.reset();
    clientCertificate.reset();
    ERR_clear_error();
    Q_EMIT q->finished();
}

TlsProbe::TlsProbe(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , d(std::make_unique<Private>(this))
{
    connect(&d->timer, &QTimer::timeout, this, [this] { d->onTimeout(); });
}

TlsProbe::~TlsProbe() = default;

void TlsProbe::start()
{
    QMetaObject::invokeMethod(
        this, [this] { d->begin(); }, Qt::QueuedConnection);
}

void TlsProbe::cancel()
{
    if (d->state == Private::State::Finished)
        return;
    d->result.cancelled = true;
    d->finish();
}

bool TlsProbe::isFinished() const
{
    return d->state == Private::State::Finished;
}

const TlsProbeResult &TlsProbe::result() const
{
    return d->result;
}

} // namespace cimdiag
