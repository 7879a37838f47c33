// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/wbem/WbemOperation.h"
#include "core/wbem/WbemHttpHeaders.h"

#include "core/cimxml/CimXmlReader.h"
#include "core/cimxml/CimXmlWriter.h"
#include "core/wbem/WbemConnection.h"
#include "core/wbem/WbemOperationRecorder.h"
#include "core/wbem/WbemRedactor.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>

namespace cimdiag {

namespace {

/// The reply's Content-Length, or -1 when it has none (or it is not a number).
qint64 declaredContentLength(const QNetworkReply *reply)
{
    bool ok = false;
    const qint64 length = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&ok);
    return ok ? length : -1;
}
// What is kept of a reply that is not CIM-XML (an HTML error page): enough to show, not to hoard.
constexpr qsizetype kNonCimBodyLimit = 64 * 1024;
// What is kept for recorders of a CIM-XML reply; beyond it the recording says "truncated".
constexpr qsizetype kRecordedBodyLimit = 64 * 1024 * 1024;
// The most of a reply decoded in one go on the connection's thread (about 3.5 ms at 160 MB/s, but
// 1 MiB took 30 ms of GUI-thread CPU on a 2-core machine at load 10, bench_gui_stall). Qt's
// HTTP thread coalesces what arrived while the GUI thread was busy into one readyRead, so a
// loaded machine handed a 25 MB enumerate over in a few chunks of many MB, each a GUI stall of
// hundreds of ms (bench_gui_stall, issue #5); the rest waits for the next event-loop pass.
constexpr qint64 kDecodeSlice = 512 * 1024;

bool isProxyError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::UnknownProxyError:
        return true;
    default:
        return false;
    }
}

} // namespace

WbemOperation::WbemOperation(WbemConnection *connection, quint64 id, CimOperationRequest request)
    : QObject(connection)
    , m_connection(connection)
    , m_id(id)
    , m_request(std::move(request))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &WbemOperation::onTimeout);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &WbemOperation::onDeadline);
    // Queued, so the caller can connect to finished() before anything can happen.
    QMetaObject::invokeMethod(this, &WbemOperation::doStart, Qt::QueuedConnection);
}

WbemOperation::~WbemOperation()
{
    abandon();
}

void WbemOperation::abandon()
{
    m_timer.stop();
    m_deadline.stop();
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
}

const CimOperationResponse &WbemOperation::response() const
{
    if (!m_finished && m_reader)
        return m_reader->response();
    return m_response;
}

CimOperationResponse WbemOperation::takeResponse()
{
    return std::move(m_response);
}

void WbemOperation::doStart()
{
    if (m_finished || m_started)
        return;
    m_started = true;
    if (!m_connection) {
        setError(WbemError::make(WbemError::Kind::Cancelled, QStringLiteral("the connection is gone")));
        finish();
        return;
    }
    const WbemConnectionOptions &options = m_connection->options();
    m_requestBody = CimXmlWriter::request(m_request);
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_elapsed.start();
    const WbemCredentials &credentials = options.credentials;
    if (options.totalTimeout.count() > 0)
        m_deadline.start(options.totalTimeout);
    m_sendAuthorization = credentials.kind == WbemCredentials::Kind::CimTicket
        || (credentials.kind == WbemCredentials::Kind::Basic
            && (credentials.preemptive || m_connection->m_basicChallengeSeen));
    sendAttempt();
}

void WbemOperation::sendAttempt()
{
    ++m_attempt;
    m_headersChecked = false;
    m_decode = false;
    m_status = 0;
    m_reason.clear();
    m_replyBody.clear();
    m_replyBodyTruncated = false;
    m_replySize = 0;
    m_serverTime.reset();
    m_unacceptedSslErrors.clear();
    m_pinMismatch = false;
    m_tooLarge = false;
    m_phase = WbemError::TimeoutPhase::Connect;
    m_reader = std::make_unique<CimXmlReader>(m_request.operation);
    m_keepBody = m_connection->anyRecorderWantsBody();

    const WbemConnectionOptions &options = m_connection->options();
    QUrl url = options.effectiveUrl();
    // Credentials travel only in Authorization, which recorders redact; never in the URL.
    url.setUserInfo(QString());
    if (options.isHttps() && !m_connection->tlsSetupError().isEmpty()) {
        setError(WbemError::make(WbemError::Kind::Tls, m_connection->tlsSetupError()));
        recordExchange(true);
        finish();
        return;
    }

    QNetworkRequest request(url);
    WbemExchange::HeaderList headers {
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/xml; charset=\"utf-8\"")},
        // Identity: a compressed reply could not be fed to the streaming reader as it arrives, and
        // Qt would otherwise advertise gzip and deflate.
        {QByteArrayLiteral("Accept-Encoding"), QByteArrayLiteral("identity")},
        {QByteArrayLiteral("CIMOperation"), QByteArrayLiteral("MethodCall")},
        {QByteArrayLiteral("CIMMethod"), m_request.cimMethodHeader().toUtf8()},
        // DSP0200 7.3.3: the CIMObject value is URI-escaped; '/' stays readable (root/cimv2).
        {QByteArrayLiteral("CIMObject"), QUrl::toPercentEncoding(m_request.cimObjectHeader(), "/")},
        {QByteArrayLiteral("CIMProtocolVersion"), QByteArrayLiteral("1.0")},
    };
    if (m_sendAuthorization)
        headers.append({QByteArrayLiteral("Authorization"), options.credentials.authorizationHeader()});
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    request.setHeader(QNetworkRequest::ContentLengthHeader, m_requestBody.size());
    // CIMOMs speak HTTP/1.1 only; ALPN for h2 would only add a failure mode.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    // Credentials are our business: Qt must not replay cached ones or answer 401 itself.
    request.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    if (options.isHttps())
        request.setSslConfiguration(m_connection->sslConfiguration());

    m_sentHeaders.clear();
    m_sentHeaders.append({QByteArrayLiteral("Host"), url.authority(QUrl::FullyEncoded).toLatin1()});
    m_sentHeaders += headers;
    m_sentHeaders.append({QByteArrayLiteral("Content-Length"), QByteArray::number(m_requestBody.size())});

    QNetworkReply *reply = m_connection->m_network->post(request, m_requestBody);
    m_reply = reply;
    connect(reply, &QNetworkReply::requestSent, this, &WbemOperation::onRequestSent);
    connect(reply, &QNetworkReply::metaDataChanged, this, &WbemOperation::onMetaData);
    connect(reply, &QNetworkReply::readyRead, this, &WbemOperation::onReplyReadyRead);
    connect(reply, &QNetworkReply::finished, this, &WbemOperation::onReplyFinished);
    connect(reply, &QNetworkReply::sslErrors, this, &WbemOperation::onSslErrors);
    connect(reply, &QNetworkReply::encrypted, this, &WbemOperation::onEncrypted);
    m_timer.start(options.connectTimeout);
}

void WbemOperation::onRequestSent()
{
    // The connection (and TLS handshake) is up and the request is out: now waiting for the server.
    m_phase = WbemError::TimeoutPhase::Read;
    if (m_connection)
        m_timer.start(m_connection->options().readTimeout);
}

void WbemOperation::onMetaData()
{
    if (m_headersChecked || !m_reply)
        return;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    m_headersChecked = true;
    m_status = status.toInt();
    m_reason = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    const QByteArray cimOperation = m_reply->rawHeader(QByteArrayLiteral("CIMOperation")).trimmed();
    m_decode = m_status == 200 && cimOperation.compare("MethodResponse", Qt::CaseInsensitive) == 0;
    const QByteArray serverTime = m_reply->rawHeader(QByteArrayLiteral("WBEMServerResponseTime")).trimmed();
    bool ok = false;
    const qint64 microseconds = serverTime.toLongLong(&ok);
    if (ok)
        m_serverTime = std::chrono::microseconds(microseconds);
}

void WbemOperation::onReplyReadyRead()
{
    if (!m_reply)
        return;
    if (!m_headersChecked)
        onMetaData();
    m_phase = WbemError::TimeoutPhase::Read;
    if (m_connection && !m_finished)
        m_timer.start(m_connection->options().readTimeout);
    // Decoding here as well as in the drain decoded two slices in one event-loop pass whenever
    // the HTTP thread's readyRead and the drain were both queued (both are posted events; one
    // posted during a pass waits for the next): only the drain decodes, one slice per pass.
    scheduleDrain();
}

void WbemOperation::onReadyRead()
{
    if (!m_reply)
        return;
    if (!m_headersChecked)
        onMetaData();
    m_phase = WbemError::TimeoutPhase::Read;
    if (m_connection && !m_finished)
        m_timer.start(m_connection->options().readTimeout);
    if (m_tooLarge)
        return;
    const QByteArray data = m_reply->read(kDecodeSlice);
    if (data.isEmpty())
        return;
    if (m_reply->bytesAvailable() > 0)
        scheduleDrain();
    m_replySize += data.size();
    if (m_connection && m_replySize > m_connection->options().maxReplySize) {
        // Stop before decoding or keeping any more of it: a hostile or broken server must not
        // exhaust memory.
        m_tooLarge = true;
        if (!m_reply->isFinished())
            m_reply->abort(); // finishes through onReplyFinished
        return;
    }
    if (m_decode)
        m_reader->feed(data);
    const qsizetype limit = m_decode ? (m_keepBody ? kRecordedBodyLimit : 0) : kNonCimBodyLimit;
    const qsizetype room = limit - m_replyBody.size();
    if (room >= data.size())
        m_replyBody += data;
    else {
        if (room > 0)
            m_replyBody += data.left(room);
        if (m_keepBody || !m_decode)
            m_replyBodyTruncated = true;
    }
    Q_EMIT bytesReceived(m_replySize);
}

void WbemOperation::scheduleDrain()
{
    if (m_drainPending)
        return;
    m_drainPending = true;
    // Queued with this as the context: dropped if the operation goes first.
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_drainPending = false;
            if (!m_reply)
                return;
            const QPointer<WbemOperation> self(this);
            const qint64 before = m_replySize;
            onReadyRead(); // emits bytesReceived(), whose slots may delete this
            if (!self || !m_reply)
                return;
            // The reply finished while its bytes were still being decoded: finish it now, or
            // when this pass decoded the last slice, in the next pass.
            if (m_replyFinishedPending && (m_reply->bytesAvailable() == 0 || m_tooLarge)) {
                if (m_replySize != before && !m_tooLarge) {
                    scheduleDrain();
                    return;
                }
                m_replyFinishedPending = false;
                onReplyFinished();
            }
        },
        Qt::QueuedConnection);
}

void WbemOperation::onTimeout()
{
    if (m_finished)
        return;
    m_timedOut = true;
    if (m_reply) {
        m_reply->abort(); // finishes through onReplyFinished
        return;
    }
    // The reply went away without finished() (its network manager was replaced): finish anyway.
    finishWith(timeoutError());
}

void WbemOperation::onDeadline()
{
    if (m_finished)
        return;
    m_deadlinePassed = true;
    if (m_reply) {
        m_reply->abort(); // finishes through onReplyFinished
        return;
    }
    finishWith(timeoutError());
}

WbemError WbemOperation::timeoutError() const
{
    if (m_deadlinePassed) {
        const auto total = m_connection ? m_connection->options().totalTimeout : std::chrono::milliseconds(0);
        WbemError error = WbemError::make(WbemError::Kind::Timeout,
            QStringLiteral("the operation did not finish within the total timeout of %1 ms").arg(total.count()));
        error.timeoutPhase = WbemError::TimeoutPhase::Total;
        return error;
    }
    const bool connect = m_phase == WbemError::TimeoutPhase::Connect;
    std::chrono::milliseconds timeout {0};
    if (m_connection)
        timeout = connect ? m_connection->options().connectTimeout : m_connection->options().readTimeout;
    WbemError error = WbemError::make(WbemError::Kind::Timeout,
        QStringLiteral("%1 timeout after %2 ms")
            .arg(connect ? QStringLiteral("connect") : QStringLiteral("read"))
            .arg(timeout.count()));
    error.timeoutPhase = m_phase;
    return error;
}

void WbemOperation::finishWith(WbemError error)
{
    if (m_finished)
        return;
    abandon();
    setError(std::move(error));
    if (m_started)
        recordExchange(true);
    finish();
}

void WbemOperation::onSslErrors(const QList<QSslError> &errors)
{
    if (!m_reply || !m_connection)
        return;
    const WbemTlsOptions &tls = m_connection->options().tls;
    QList<QSslCertificate> chain = m_reply->sslConfiguration().peerCertificateChain();
    if (chain.isEmpty()) {
        for (const QSslError &error : errors)
            if (!error.certificate().isNull() && !chain.contains(error.certificate()))
                chain.append(error.certificate());
    }
    m_tlsInfo.peerChain = chain;
    m_tlsInfo.verificationErrors = errors;

    const QByteArray pin = tls.pinnedDigest();
    const QSslCertificate leaf = chain.value(0);
    const bool pinMatched = !pin.isEmpty() && !leaf.isNull() && leaf.digest(QCryptographicHash::Sha256) == pin;
    m_tlsInfo.pinMatched = pinMatched;
    if (!pin.isEmpty() && !pinMatched)
        m_pinMismatch = true;

    QList<QSslError> remaining;
    for (const QSslError &error : errors) {
        // A matching pin is the user's statement that this very certificate is the server's.
        if (pinMatched)
            continue;
        if (!tls.verifyHostname && error.error() == QSslError::HostNameMismatch)
            continue;
        if (tls.ignoredErrors.contains(error.error()))
            continue;
        remaining.append(error);
    }
    if (remaining.isEmpty() && !m_pinMismatch)
        m_reply->ignoreSslErrors();
    else
        m_unacceptedSslErrors = remaining;
}

void WbemOperation::onEncrypted()
{
    if (!m_reply || !m_connection)
        return;
    captureTls();
    const QByteArray pin = m_connection->options().tls.pinnedDigest();
    if (pin.isEmpty())
        return;
    const QSslCertificate leaf = m_reply->sslConfiguration().peerCertificate();
    if (leaf.digest(QCryptographicHash::Sha256) != pin) {
        // Qt documents aborting from encrypted() as the way to stop before any request byte (and
        // so the Authorization header) is sent.
        m_pinMismatch = true;
        m_reply->abort();
        return;
    }
    m_tlsInfo.pinMatched = true;
}

void WbemOperation::captureTls()
{
    if (!m_reply || !m_connection || !m_connection->options().isHttps())
        return;
    const QSslConfiguration configuration = m_reply->sslConfiguration();
    const QList<QSslCertificate> chain = configuration.peerCertificateChain();
    if (!chain.isEmpty())
        m_tlsInfo.peerChain = chain;
    if (!configuration.sessionCipher().isNull()) {
        m_tlsInfo.encrypted = true;
        m_tlsInfo.protocol = configuration.sessionProtocol();
        m_tlsInfo.cipher = configuration.sessionCipher();
    }
    if (!m_tlsInfo.isNull())
        m_connection->m_lastTlsInfo = m_tlsInfo;
}

bool WbemOperation::shouldRetryWithCredentials() const
{
    if (m_attempt != 1 || m_sendAuthorization || !m_connection || m_cancelled)
        return false;
    if (m_connection->options().credentials.kind == WbemCredentials::Kind::None)
        return false;
    QStringList schemes;
    WbemError::parseChallenges(httpHeaderValues(m_reply->rawHeaderPairs(), "WWW-Authenticate"), &schemes, nullptr);
    return schemes.contains(QStringLiteral("Basic"), Qt::CaseInsensitive);
}

void WbemOperation::onReplyFinished()
{
    m_timer.stop();
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    if (!m_headersChecked)
        onMetaData();
    if (reply->bytesAvailable() > 0 && !m_tooLarge) {
        // What is left is decoded slice by slice first (kDecodeSlice, from the drain). And after
        // the last slice, finish (recorders, finished() and its slots) in a pass of its own:
        // decoding and finishing in one go were one GUI stall (bench_gui_stall, issue #5).
        m_replyFinishedPending = true;
        scheduleDrain();
        return;
    }
    captureTls();

    const QNetworkReply::NetworkError networkError = reply->error();
    const auto replyHeaders = reply->rawHeaderPairs();
    WbemError error;
    bool retry = false;
    if (m_cancelled) {
        error = WbemError::make(WbemError::Kind::Cancelled, QStringLiteral("cancelled"));
    } else if (m_timedOut || m_deadlinePassed) {
        error = timeoutError();
    } else if (m_tooLarge) {
        const qint64 limit = m_connection ? m_connection->options().maxReplySize : 0;
        error = WbemError::make(WbemError::Kind::Http,
            QStringLiteral("the reply exceeds the maximum reply size of %1 bytes; aborted").arg(limit));
        error.httpStatus = m_status;
        error.httpReason = QString::fromLatin1(m_reason);
        error.contentType = QString::fromLatin1(reply->rawHeader(QByteArrayLiteral("Content-Type")));
    } else if (m_pinMismatch) {
        error = WbemError::make(WbemError::Kind::Tls,
            QStringLiteral("the server certificate does not match the pinned SHA-256 fingerprint"));
        error.sslErrors = m_unacceptedSslErrors;
        error.peerChain = m_tlsInfo.peerChain;
        error.networkError = networkError;
    } else if (!m_unacceptedSslErrors.isEmpty() || networkError == QNetworkReply::SslHandshakeFailedError) {
        error = WbemError::make(WbemError::Kind::Tls,
            m_unacceptedSslErrors.isEmpty() ? reply->errorString()
                                            : QStringLiteral("the server certificate did not verify"));
        error.sslErrors = m_unacceptedSslErrors;
        error.peerChain = m_tlsInfo.peerChain;
        error.networkError = networkError;
    } else if (networkError == QNetworkReply::ProxyAuthenticationRequiredError || m_status == 407) {
        error = WbemError::make(WbemError::Kind::Proxy, QStringLiteral("the proxy requires authentication"));
        error.httpStatus = 407;
        error.networkError = networkError;
        WbemError::parseChallenges(
            httpHeaderValues(replyHeaders, "Proxy-Authenticate"), &error.challengeSchemes, &error.realm);
    } else if (m_status == 0 && networkError != QNetworkReply::NoError) {
        error = WbemError::make(
            isProxyError(networkError) ? WbemError::Kind::Proxy : WbemError::Kind::Connection, reply->errorString());
        error.networkError = networkError;
    } else if (m_status == 401) {
        if (shouldRetryWithCredentials()) {
            retry = true;
        } else {
            error = WbemError::make(WbemError::Kind::Authentication,
                m_sendAuthorization ? QStringLiteral("the server rejected the credentials")
                                    : QStringLiteral("the server requires authentication"));
            error.httpStatus = 401;
            error.httpReason = QString::fromLatin1(m_reason);
            error.networkError = networkError;
            WbemError::parseChallenges(
                httpHeaderValues(replyHeaders, "WWW-Authenticate"), &error.challengeSchemes, &error.realm);
            // D4: OpenPegasus says why it refused a privileged user in PGErrorDetail.
            error.pgErrorDetail = QUrl::fromPercentEncoding(reply->rawHeader(QByteArrayLiteral("PGErrorDetail")));
        }
    } else if (const QByteArray cimError = reply->rawHeader(QByteArrayLiteral("CIMError")).trimmed();
               !cimError.isEmpty() || m_status != 200 || !m_decode) {
        QString message;
        if (!cimError.isEmpty())
            message
                = QStringLiteral("the server rejected the request (CIMError: %1)").arg(QString::fromLatin1(cimError));
        else if (m_status != 200)
            message = QStringLiteral("HTTP %1 %2").arg(m_status).arg(QString::fromLatin1(m_reason));
        else
            message = QStringLiteral("not a CIM server: the reply has no \"CIMOperation: MethodResponse\" header");
        error = WbemError::make(WbemError::Kind::Http, message);
        error.httpStatus = m_status;
        error.httpReason = QString::fromLatin1(m_reason);
        error.networkError = networkError;
        error.cimErrorHeader = QString::fromLatin1(cimError);
        error.contentType = QString::fromLatin1(reply->rawHeader(QByteArrayLiteral("Content-Type")));
        // OpenPegasus URL-encodes PGErrorDetail.
        error.pgErrorDetail = QUrl::fromPercentEncoding(reply->rawHeader(QByteArrayLiteral("PGErrorDetail")));
    } else if (networkError != QNetworkReply::NoError) {
        // Headers arrived, then the connection dropped mid-body.
        error = WbemError::make(WbemError::Kind::Connection, reply->errorString());
        error.networkError = networkError;
        error.httpStatus = m_status;
    } else if (const qint64 declared = declaredContentLength(reply); declared >= 0 && m_replySize < declared) {
        // A close mid-body that Qt 6.4 sometimes reports as a finished reply (a race between the
        // peer's FIN and the last read): fewer bytes than Content-Length is a dropped connection
        // (E11, B5), not a decoding problem.
        error = WbemError::make(WbemError::Kind::Connection,
            QStringLiteral("the server closed the connection after %1 of %2 reply bytes")
                .arg(m_replySize)
                .arg(declared));
        error.networkError = QNetworkReply::RemoteHostClosedError;
        error.httpStatus = m_status;
    } else if (!m_reader->finish()) {
        error = WbemError::make(WbemError::Kind::CimXml, QStringLiteral("the reply is not valid CIM-XML"));
        error.xmlError = m_reader->error();
        error.httpStatus = m_status;
    } else {
        m_response = m_reader->takeResponse();
        if (!m_response.status.isOk()) {
            error = WbemError::make(WbemError::Kind::Cim, m_response.status.toString());
            error.cimStatus = m_response.status;
            error.httpStatus = m_status;
        }
    }

    m_lastReplyHeaders = replyHeaders;
    m_reply = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    reply->deleteLater();

    if (retry) {
        // A Basic challenge answered once per connection: later requests send it preemptively.
        m_connection->m_basicChallengeSeen = true;
        recordExchange(false);
        m_sendAuthorization = true;
        sendAttempt();
        return;
    }
    setError(std::move(error));
    recordExchange(true);
    finish();
}

void WbemOperation::setError(WbemError error)
{
    m_error = std::move(error);
}

void WbemOperation::recordExchange(bool isFinal)
{
    if (!m_connection || m_connection->recorders().empty())
        return;
    WbemExchange exchange;
    exchange.operationId = m_id;
    exchange.attempt = m_attempt;
    exchange.isFinal = isFinal;
    exchange.startedAt = m_startedAt;
    exchange.url = m_connection->options().effectiveUrl();
    exchange.url.setUserInfo(QString());
    exchange.request = m_request;
    exchange.requestHeaders = m_sentHeaders;
    exchange.requestBody = m_requestBody;
    exchange.status = m_status;
    exchange.reason = m_reason;
    exchange.replyHeaders = m_lastReplyHeaders;
    exchange.replyBody = m_replyBody;
    exchange.replyBodyTruncated = m_replyBodyTruncated;
    if (isFinal) {
        exchange.response = m_response;
        exchange.error = m_error;
    }
    exchange.clientTime = std::chrono::microseconds(m_elapsed.isValid() ? m_elapsed.nsecsElapsed() / 1000 : 0);
    exchange.serverTime = m_serverTime;
    QStringList secrets = m_connection->options().credentials.secrets();
    secrets << m_connection->options().proxy.password;
    exchange.redactor = std::make_shared<const WbemRedactor>(secrets);
    // Only the head of a body that some recorder shows is copied and redacted.
    qsizetype keptBodyBytes = 0;
    for (const auto &recorder : m_connection->recorders()) {
        if (!recorder->isEnabled())
            continue;
        const qsizetype kept = recorder->keptBodyBytes();
        if (kept < 0) {
            keptBodyBytes = -1;
            break;
        }
        keptBodyBytes = std::max(keptBodyBytes, kept);
    }
    exchange.redactor->redact(exchange, keptBodyBytes);
    for (const auto &recorder : m_connection->recorders()) {
        if (recorder->isEnabled())
            recorder->record(exchange);
    }
}

void WbemOperation::cancel()
{
    if (m_finished)
        return;
    m_cancelled = true;
    if (m_reply) {
        const QPointer<WbemOperation> self(this);
        m_reply->abort(); // finishes through onReplyFinished, whose slots may delete this
        if (!self)
            return;
    }
    if (!m_finished) {
        abandon();
        setError(WbemError::make(WbemError::Kind::Cancelled, QStringLiteral("cancelled")));
        finish();
    }
}

void WbemOperation::finish()
{
    if (m_finished)
        return;
    m_timer.stop();
    m_deadline.stop();
    m_finished = true;
    m_clientTime = std::chrono::microseconds(m_elapsed.isValid() ? m_elapsed.nsecsElapsed() / 1000 : 0);
    m_reader.reset();
    if (m_connection && m_started)
        m_connection->statistics().record(cimOperationName(m_request.operation), !m_error.isNull(), m_clientTime,
            m_serverTime, m_requestBody.size(), m_replySize);
    // A finished() slot may delete this operation (or the connection): touch no member after it.
    const QPointer<WbemOperation> self(this);
    const QPointer<WbemConnection> connection = m_connection;
    Q_EMIT finished();
    if (self && connection)
        Q_EMIT connection->operationFinished(this);
}

} // namespace cimdiag
