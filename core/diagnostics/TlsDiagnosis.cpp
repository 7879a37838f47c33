// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/TlsDiagnosis.h"

#include "core/net/PrintableBytes.h"

#include <QHostAddress>

namespace cimdiag {

namespace {

// X509_V_ERR_* (openssl/x509_vfy.h), by number as the catalogue names them; this header is free
// of OpenSSL so the classification stays a plain value computation.
constexpr int kUnableToGetIssuerCert = 2;
constexpr int kCertSignatureFailure = 7;
constexpr int kNotYetValid = 9;
constexpr int kExpired = 10;
constexpr int kSelfSigned = 18;
constexpr int kSelfSignedInChain = 19;
constexpr int kUnableToGetIssuerLocally = 20;
constexpr int kUnableToVerifyLeaf = 21;
constexpr int kInvalidCa = 24;
constexpr int kInvalidPurpose = 26;
constexpr int kHostnameMismatch = 62;
constexpr int kIpAddressMismatch = 64;
constexpr int kEeKeyTooSmall = 66;
constexpr int kCaKeyTooSmall = 67;
constexpr int kCaMdTooWeak = 68;

constexpr int kAlertHandshakeFailure = 40;
constexpr int kAlertProtocolVersion = 70;
constexpr int kAlertInternalError = 80;
constexpr int kAlertCertificateRequired = 116;

constexpr int kMinimumKeyBits = 2048;
constexpr qint64 kExpiryWarningSeconds = 30 * 24 * 3600;
/// A notBefore less than a day ahead is more likely a clock off than a certificate from tomorrow.
constexpr qint64 kClockSkewSeconds = 24 * 3600;

bool isWeakSignature(const QString &algorithm)
{
    return algorithm.startsWith(QLatin1String("sha1"), Qt::CaseInsensitive)
        || algorithm.startsWith(QLatin1String("md5"), Qt::CaseInsensitive)
        || algorithm.contains(QLatin1String("SHA1"), Qt::CaseInsensitive);
}

QString utc(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

QString alertText(const TlsProbeResult::Alert &alert)
{
    return QString::number(alert.code) + QLatin1Char(' ') + alert.description;
}

/// RFC 8446 6.2: the alerts a server sends about the client certificate it got: 42 bad, 43
/// unsupported, 44 revoked, 45 expired, 46 unknown certificate, 48 unknown CA, 49 access denied.
bool isClientCertificateAlert(int code)
{
    return (code >= 42 && code <= 46) || code == 48 || code == 49;
}

bool isLegacyProtocol(const QString &protocol)
{
    return protocol == QLatin1String("TLSv1") || protocol == QLatin1String("TLSv1.1")
        || protocol == QLatin1String("SSLv3");
}

} // namespace

TlsDiagnosis::TlsDiagnosis(Target target, TlsProbeResult defaultProbe, QList<TlsProbeResult> relaxed)
    : m_target(std::move(target))
    , m_default(std::move(defaultProbe))
    , m_relaxed(std::move(relaxed))
{ }

std::optional<TlsProbeResult> TlsDiagnosis::workingRelaxation() const
{
    // The smallest relaxation that works says most: LegacyProtocols also lowers the security
    // level, so it works for every C4/C5/C6 server too, and must not make them look like C3.
    for (const TlsPolicy policy :
        {TlsPolicy::SecurityLevel0, TlsPolicy::LegacyRenegotiation, TlsPolicy::LegacyProtocols}) {
        for (const TlsProbeResult &probe : m_relaxed) {
            if (probe.handshakeCompleted && probe.policy == policy)
                return probe;
        }
    }
    for (const TlsProbeResult &probe : m_relaxed) {
        if (probe.handshakeCompleted)
            return probe;
    }
    return std::nullopt;
}

QString TlsDiagnosis::hintForVerifyCode(int code)
{
    switch (code) {
    case kSelfSigned:
    case kSelfSignedInChain:
        return QStringLiteral("C7");
    case kUnableToGetIssuerCert:
    case kUnableToGetIssuerLocally:
    case kUnableToVerifyLeaf:
        return QStringLiteral("C8");
    case kNotYetValid:
    case kExpired:
        return QStringLiteral("C9");
    case kHostnameMismatch:
    case kIpAddressMismatch:
        return QStringLiteral("C10");
    case kEeKeyTooSmall:
    case kCaKeyTooSmall:
        return QStringLiteral("C5");
    case kCaMdTooWeak:
        return QStringLiteral("C6");
    default:
        return {};
    }
}

std::optional<QSslError::SslError> TlsDiagnosis::sslErrorForVerifyCode(int code)
{
    // The same mapping Qt's OpenSSL backend applies, for the codes a user can choose to ignore.
    switch (code) {
    case kUnableToGetIssuerCert:
        return QSslError::UnableToGetIssuerCertificate;
    case kCertSignatureFailure:
        return QSslError::CertificateSignatureFailed;
    case kNotYetValid:
        return QSslError::CertificateNotYetValid;
    case kExpired:
        return QSslError::CertificateExpired;
    case kSelfSigned:
        return QSslError::SelfSignedCertificate;
    case kSelfSignedInChain:
        return QSslError::SelfSignedCertificateInChain;
    case kUnableToGetIssuerLocally:
        return QSslError::UnableToGetLocalIssuerCertificate;
    case kUnableToVerifyLeaf:
        return QSslError::UnableToVerifyFirstCertificate;
    case kInvalidCa:
        return QSslError::InvalidCaCertificate;
    case kInvalidPurpose:
        return QSslError::InvalidPurpose;
    case kHostnameMismatch:
    case kIpAddressMismatch:
        return QSslError::HostNameMismatch;
    default:
        return std::nullopt; // 66, 68: Qt reports them as UnspecifiedError
    }
}

QString TlsDiagnosis::describeDuration(qint64 seconds)
{
    seconds = qAbs(seconds);
    if (seconds < 60)
        return tr("%n s", nullptr, int(seconds));
    if (seconds < 3600)
        return tr("%n min", nullptr, int(seconds / 60));
    if (seconds < 48 * 3600) {
        const int minutes = int((seconds % 3600) / 60);
        return minutes ? tr("%1 h %2 min").arg(seconds / 3600).arg(minutes) : tr("%n h", nullptr, int(seconds / 3600));
    }
    return tr("%n days", nullptr, int(seconds / 86400));
}

bool TlsDiagnosis::hasReason(QLatin1String reason) const
{
    return std::any_of(m_default.openSslErrors.cbegin(), m_default.openSslErrors.cend(),
        [reason](const QString &error) { return error.contains(reason, Qt::CaseInsensitive); });
}

bool TlsDiagnosis::alertIs(int code) const
{
    return (m_default.alertReceived && m_default.alertReceived->code == code)
        || (m_default.alertSent && m_default.alertSent->code == code);
}

bool TlsDiagnosis::plainHttpReply() const
{
    const QByteArray &bytes = m_default.firstBytes;
    if (bytes.startsWith("HTTP/"))
        return true;
    // OpenSSL read an HTTP answer as a TLS record header: "HT" is no record type it knows.
    const bool recordError = hasReason(QLatin1String("wrong version number"))
        || hasReason(QLatin1String("packet length too long")) || hasReason(QLatin1String("record layer failure"));
    const bool looksLikeText = bytes.size() >= 4
        && std::all_of(bytes.cbegin(), bytes.cbegin() + 4, [](char c) { return c >= 0x20 && c < 0x7f; });
    return recordError && looksLikeText;
}

CheckResult TlsDiagnosis::classify(const QDateTime &now) const
{
    CheckResult result;
    if (m_default.cancelled) {
        result = CheckResult::skipped(tr("Cancelled"));
    } else if (!m_default.tcpConnected) {
        // The TCP stage connected a moment ago; name what changed by its errno as that stage would.
        const QString &name = m_default.tcpErrno;
        QStringList hints;
        if (m_default.timedOut || name == QLatin1String("ETIMEDOUT"))
            hints.append(QStringLiteral("B3"));
        else if (name == QLatin1String("ECONNREFUSED"))
            hints.append(QStringLiteral("B2"));
        else if (name == QLatin1String("ECONNRESET") || name == QLatin1String("EOF"))
            hints.append(QStringLiteral("B5"));
        else if (name == QLatin1String("EHOSTUNREACH") || name == QLatin1String("ENETUNREACH"))
            hints.append(QStringLiteral("B4"));
        else if (name == QLatin1String("EAI_NONAME"))
            hints.append(QStringLiteral("B1"));
        result = CheckResult::failed(m_default.timedOut
                ? tr("The TLS probe could not connect to port %1 in time").arg(m_target.port)
                : tr("The TLS probe could not connect to port %1: %2").arg(m_target.port).arg(m_default.tcpError),
            hints);
        if (!name.isEmpty())
            result.addEvidence(QStringLiteral("tls.connect"), name);
    } else if (!m_default.handshakeCompleted) {
        result = classifyHandshakeFailure(now);
    } else {
        result = classifyCompleted(now);
    }
    addCommonDetails(result);
    addEvidence(result);
    return result;
}

CheckResult TlsDiagnosis::classifyHandshakeFailure(const QDateTime &now) const
{
    const TlsProbeResult &d = m_default;
    const std::optional<TlsProbeResult> relaxation = workingRelaxation();
    const TlsPolicy relaxedPolicy = relaxation ? relaxation->policy : TlsPolicy::Default;
    const TlsCertificateInfo *leaf = d.peerChain.isEmpty() ? nullptr : &d.peerChain.constFirst();
    const TlsCertificateInfo *relaxedLeaf
        = relaxation && !relaxation->peerChain.isEmpty() ? &relaxation->peerChain.constFirst() : nullptr;
    const QString port = QString::number(m_target.port);

    if (plainHttpReply()) {
        return CheckResult::failed(
            tr("Port %1 speaks plain HTTP, not TLS: use http:// for it, or port 5989 for https").arg(port),
            {QStringLiteral("C1")});
    }
    if (d.timedOut) {
        return CheckResult::failed(
            tr("The server accepted the connection but did not complete a TLS handshake within "
               "%1")
                .arg(describeDuration(std::chrono::duration_cast<std::chrono::seconds>(m_target.timeout).count())),
            {QStringLiteral("B6")});
    }
    // A client certificate the server rejected (TLS 1.2 says so in the handshake).
    if (d.clientCertificateSent && d.alertReceived && isClientCertificateAlert(d.alertReceived->code)) {
        return CheckResult::failed(
            tr("The server rejected the client certificate (alert %1)").arg(alertText(*d.alertReceived)),
            {QStringLiteral("C13")});
    }
    // C4 before C3: the LegacyProtocols relaxation lowers the security level too, so it works for
    // a weak DH group as well; only the negotiated version tells C3 apart.
    const auto dhTooSmall = [](const TlsProbeResult &probe) {
        return probe.ephemeralKey == QLatin1String("DH") && probe.ephemeralKeyBits > 0
            && probe.ephemeralKeyBits < kMinimumKeyBits;
    };
    if (hasReason(QLatin1String("dh key too small")) || (relaxation && dhTooSmall(*relaxation))) {
        return CheckResult::failed(
            tr("The server's Diffie-Hellman group is too small (%1 bits; at least 2048 needed)")
                .arg(relaxation && relaxation->ephemeralKeyBits ? QString::number(relaxation->ephemeralKeyBits)
                                                                : QStringLiteral("?")),
            {QStringLiteral("C4")});
    }
    const bool legacyVersionWorks
        = relaxedPolicy == TlsPolicy::LegacyProtocols && isLegacyProtocol(relaxation->protocol);
    if (legacyVersionWorks || hasReason(QLatin1String("unsupported protocol"))
        || hasReason(QLatin1String("no protocols available"))
        || alertIs(kAlertProtocolVersion)
        // TLS 1.0/1.1 sign with MD5+SHA-1, which OpenSSL 3 refuses at SECLEVEL >= 1.
        || hasReason(QLatin1String("legacy sigalg disallowed"))) {
        return CheckResult::failed(legacyVersionWorks
                ? tr("The server only speaks %1, which this machine's OpenSSL refuses").arg(relaxation->protocol)
                : tr("No TLS protocol version in common: the server only speaks old versions"),
            {QStringLiteral("C3")});
    }
    const TlsCertificateInfo *anyLeaf = leaf ? leaf : relaxedLeaf;
    if (hasReason(QLatin1String("ee key too small")) || hasReason(QLatin1String("key too small"))
        || (anyLeaf && anyLeaf->keyType == QLatin1String("RSA") && anyLeaf->keyBits < kMinimumKeyBits)) {
        return CheckResult::failed(tr("The server certificate's key is too small (%1 %2 bits)")
                                       .arg(anyLeaf ? anyLeaf->keyType : QStringLiteral("RSA"))
                                       .arg(anyLeaf ? anyLeaf->keyBits : 0),
            {QStringLiteral("C5")});
    }
    if (hasReason(QLatin1String("ca md too weak")) || (anyLeaf && isWeakSignature(anyLeaf->signatureAlgorithm))) {
        return CheckResult::failed(tr("The server certificate is signed with a weak digest (%1)")
                                       .arg(anyLeaf ? anyLeaf->signatureAlgorithm : QStringLiteral("SHA-1/MD5")),
            {QStringLiteral("C6")});
    }
    if (relaxedPolicy == TlsPolicy::LegacyRenegotiation || hasReason(QLatin1String("unsafe legacy renegotiation"))) {
        return CheckResult::failed(
            tr("The server does not support secure renegotiation (RFC 5746)"), {QStringLiteral("C11")});
    }
    if (alertIs(kAlertCertificateRequired) || hasReason(QLatin1String("certificate required"))
        || (d.clientCertificateRequested && !d.clientCertificateSent
            && (alertIs(kAlertHandshakeFailure) || d.peerClosed))) {
        return CheckResult::failed(
            tr("The server requires a client certificate and none was given"), {QStringLiteral("C13")});
    }
    if (relaxedPolicy == TlsPolicy::SecurityLevel0 || relaxedPolicy == TlsPolicy::LegacyProtocols) {
        // LegacyProtocols with TLS 1.2 or later: what helped was its security level 0.
        return CheckResult::failed(tr("The server's TLS settings are below this machine's OpenSSL security level"),
            {QStringLiteral("C5"), QStringLiteral("C6"), QStringLiteral("C4")});
    }
    if (alertIs(kAlertHandshakeFailure)) {
        return CheckResult::failed(tr("The server refused the handshake (alert 40 handshake failure): no cipher or "
                                      "group in common"),
            {QStringLiteral("C12")});
    }
    if (d.peerClosed && d.firstBytes.isEmpty()) {
        return CheckResult::failed(d.peerCloseErrno == QLatin1String("ECONNRESET")
                ? tr("The server reset the connection before sending a byte")
                : tr("The server closed the connection before sending a byte"),
            {QStringLiteral("B5")});
    }
    Q_UNUSED(now)
    // C14 only where this machine's TLS library itself failed (an old OpenSSL's "EC lib", an
    // internal error it reports); anything else is a failure the catalogue does not know yet.
    if (hasReason(QLatin1String("EC lib")) || (d.alertSent && d.alertSent->code == kAlertInternalError)) {
        return CheckResult::failed(d.openSslErrors.isEmpty()
                ? tr("The TLS library on this machine failed during the handshake")
                : tr("The TLS library on this machine failed during the handshake: %1")
                      .arg(d.openSslErrors.constFirst()),
            {QStringLiteral("C14")});
    }
    CheckResult result = CheckResult::failed(d.openSslErrors.isEmpty()
            ? tr("The TLS handshake failed for a reason cimdiag does not recognise")
            : tr("The TLS handshake failed for a reason cimdiag does not recognise: %1")
                  .arg(d.openSslErrors.constFirst()));
    result.addDetail(tr("The evidence below (OpenSSL reason, alerts, first bytes) is what there is to go on."));
    return result;
}

CheckResult TlsDiagnosis::classifyCompleted(const QDateTime &now) const
{
    const TlsProbeResult &d = m_default;
    // TLS 1.3 servers check the client certificate after the client's Finished (C13).
    if (d.clientCertificateRequested && !d.clientCertificateSent && d.httpStatusLine.isEmpty()
        && (alertIs(kAlertCertificateRequired) || alertIs(kAlertHandshakeFailure) || d.peerClosed)) {
        return CheckResult::failed(
            tr("The server requires a client certificate and none was given"), {QStringLiteral("C13")});
    }
    // A client certificate was sent, and the server closed right after the handshake without an
    // HTTP reply: servers that check the certificate themselves (Qt's, some CIMOMs) reject it so,
    // with no alert (C13: "or close right after handshake").
    if (d.clientCertificateSent && d.peerClosed && d.httpStatusLine.isEmpty() && !d.alertReceived) {
        CheckResult result = CheckResult::failed(
            tr("The server closed the connection right after the handshake: it most likely rejected the client "
               "certificate"),
            {QStringLiteral("C13")});
        result.addDetail(tr("Check that the server trusts the CA that issued the client certificate."));
        return result;
    }
    // A fatal alert after the handshake, and no HTTP reply: the connection is unusable however
    // good the handshake looked.
    if (d.alertReceived && d.alertReceived->fatal && d.alertReceived->code != 0 && d.httpStatusLine.isEmpty()) {
        if (d.clientCertificateSent && isClientCertificateAlert(d.alertReceived->code)) {
            return CheckResult::failed(tr("The server rejected the client certificate after the handshake (alert %1)")
                                           .arg(alertText(*d.alertReceived)),
                {QStringLiteral("C13")});
        }
        return CheckResult::failed(
            tr("The handshake completed, then the server ended the connection with alert %1, a reason cimdiag does "
               "not recognise")
                .arg(alertText(*d.alertReceived)));
    }
    if (std::optional<CheckResult> failed = classifyVerification(now))
        return *failed;

    CheckResult result = CheckResult::passed(d.verifiedName.isEmpty()
            ? tr("%1 handshake OK; certificate verified (host name not checked)").arg(d.protocol)
            : tr("%1 handshake OK; certificate verified for %2").arg(d.protocol, d.verifiedName));
    addWarnings(result, now);
    return result;
}

std::optional<CheckResult> TlsDiagnosis::classifyVerification(const QDateTime &now) const
{
    const TlsProbeResult &d = m_default;
    const QList<int> codes = d.verifyErrorCodes();
    const QByteArray pin = m_target.tls.pinnedDigest();
    const QByteArray leafDigest = d.peerChain.isEmpty()
        ? QByteArray()
        : QByteArray::fromHex(d.peerChain.constFirst().sha256Fingerprint.toLatin1().replace(':', QByteArray()));
    if (!pin.isEmpty() && pin != leafDigest) {
        // A pin that does not match fails even a certificate that verifies (WbemTlsOptions).
        CheckResult result = CheckResult::failed(tr("The server certificate does not match the pinned SHA-256 "
                                                    "fingerprint"),
            {QStringLiteral("C7")});
        result.addDetail(tr("Pinned: %1").arg(QString::fromLatin1(pin.toHex(':').toUpper())));
        return result;
    }
    if (codes.isEmpty())
        return std::nullopt;

    QStringList details;
    const QString summary = describeVerifyErrors(codes, now, &details);
    QStringList hints;
    for (int code : codes) {
        const QString hint = hintForVerifyCode(code);
        if (!hint.isEmpty() && !hints.contains(hint))
            hints.append(hint);
    }

    // The user's explicit choices: a matching pin, or every error in the ignore list.
    const bool pinned = !pin.isEmpty();
    const bool allIgnored = std::all_of(codes.cbegin(), codes.cend(), [this](int code) {
        const std::optional<QSslError::SslError> error = sslErrorForVerifyCode(code);
        return error && m_target.tls.ignoredErrors.contains(*error);
    });
    CheckResult result;
    if (pinned || allIgnored) {
        result = CheckResult::warning(pinned
                ? tr("%1; accepted because it matches the pinned SHA-256 fingerprint").arg(summary)
                : tr("%1; accepted because the target ignores this error by explicit choice").arg(summary),
            hints);
        result.addDetail(tr("Verification was bypassed by explicit choice; the WBEM connection will go on."));
        addWarnings(result, now);
    } else {
        result = CheckResult::failed(summary, hints);
    }
    for (const QString &line : std::as_const(details))
        result.addDetail(line);
    return result;
}

QString TlsDiagnosis::describeVerifyErrors(const QList<int> &codes, const QDateTime &now, QStringList *details) const
{
    const TlsProbeResult &d = m_default;
    const TlsCertificateInfo *leaf = d.peerChain.isEmpty() ? nullptr : &d.peerChain.constFirst();
    const int first = codes.constFirst();
    QString summary;
    switch (first) {
    case kSelfSigned:
        summary = tr("Certificate is self-signed (verify code %1)").arg(first);
        break;
    case kSelfSignedInChain:
        summary = tr("The chain ends in a CA that the trust store does not know (verify code %1)").arg(first);
        break;
    case kUnableToGetIssuerLocally:
    case kUnableToVerifyLeaf:
    case kUnableToGetIssuerCert:
        summary = tr("The certificate's issuer is not in the trust store and the server did not send it (verify "
                     "code %1)")
                      .arg(first);
        break;
    case kExpired:
        summary
            = tr("Certificate expired on %1 (verify code %2)").arg(leaf ? utc(leaf->notAfter) : QString()).arg(first);
        break;
    case kNotYetValid:
        summary = tr("Certificate is not valid before %1 (verify code %2)")
                      .arg(leaf ? utc(leaf->notBefore) : QString())
                      .arg(first);
        break;
    case kHostnameMismatch:
    case kIpAddressMismatch:
        summary = tr("Certificate is not valid for %1 (verify code %2)").arg(d.verifiedName).arg(first);
        break;
    case kEeKeyTooSmall:
    case kCaKeyTooSmall:
        summary = tr("Certificate key is too small (%1 bits, verify code %2)").arg(leaf ? leaf->keyBits : 0).arg(first);
        break;
    case kCaMdTooWeak:
        summary = tr("Certificate is signed with a weak digest (%1, verify code %2)")
                      .arg(leaf ? leaf->signatureAlgorithm : QString())
                      .arg(first);
        break;
    default:
        summary = tr("Certificate verification failed: %1 (verify code %2)").arg(d.verifyResultText).arg(first);
        break;
    }

    if (leaf && (codes.contains(kExpired) || codes.contains(kNotYetValid))) {
        // C9: BMC clocks drift; say by how much, and which side is likely wrong.
        if (leaf->notBefore > now) {
            const qint64 ahead = now.secsTo(leaf->notBefore);
            details->append(ahead < kClockSkewSeconds
                    ? tr("The certificate becomes valid in %1 (at %2, local clock %3): a server clock "
                         "ahead of this one (or this clock behind) would explain it; check NTP on both")
                          .arg(describeDuration(ahead), utc(leaf->notBefore), utc(now))
                    : tr("The certificate becomes valid in %1 (at %2, local clock %3)")
                          .arg(describeDuration(ahead), utc(leaf->notBefore), utc(now)));
        }
        if (leaf->notAfter < now) {
            details->append(tr("The certificate expired %1 ago (at %2, local clock %3)")
                                .arg(describeDuration(leaf->notAfter.secsTo(now)), utc(leaf->notAfter), utc(now)));
        }
    }
    if (leaf && (codes.contains(kHostnameMismatch) || codes.contains(kIpAddressMismatch))) {
        // C10: the names the certificate has against the one checked.
        const QString names = leaf->subjectAltNames.isEmpty()
            ? tr("no subject alternative names; subject %1").arg(leaf->subject)
            : leaf->subjectAltNames.join(QStringLiteral(", "));
        details->append(tr("The certificate names: %1; the name checked: %2").arg(names, d.verifiedName));
        if (!QHostAddress(d.verifiedName).isNull())
            details->append(tr("Connected by IP address: the certificate must list it as IP:%1, or connect by a name "
                               "it lists")
                                .arg(d.verifiedName));
    }
    if (codes.size() > 1) {
        QStringList others;
        for (int code : codes.mid(1))
            others.append(QString::number(code));
        details->append(tr("Further verification errors: %1").arg(others.join(QStringLiteral(", "))));
    }
    return summary;
}

void TlsDiagnosis::addWarnings(CheckResult &result, const QDateTime &now) const
{
    const TlsProbeResult &d = m_default;
    const auto warn = [&result](const QString &line, const QString &hint) {
        if (result.status == CheckStatus::Passed) {
            result.status = CheckStatus::Warning;
            result.summary += QStringLiteral("; ") + line;
        } else {
            result.addDetail(line);
        }
        if (!hint.isEmpty())
            result.addHint(hint);
    };
    if (!d.peerChain.isEmpty()) {
        const TlsCertificateInfo &leaf = d.peerChain.constFirst();
        const qint64 left = now.secsTo(leaf.notAfter);
        if (left >= 0 && left < kExpiryWarningSeconds)
            warn(tr("certificate expires in %1 (%2)").arg(describeDuration(left), utc(leaf.notAfter)),
                QStringLiteral("C9"));
    }
    if (d.ephemeralKey == QLatin1String("DH") && d.ephemeralKeyBits > 0 && d.ephemeralKeyBits < kMinimumKeyBits)
        warn(tr("ephemeral DH group of only %1 bits").arg(d.ephemeralKeyBits), QStringLiteral("C4"));
    if (!d.secureRenegotiation)
        warn(tr("no secure renegotiation (RFC 5746)"), QStringLiteral("C11"));
    if (d.protocol == QLatin1String("TLSv1") || d.protocol == QLatin1String("TLSv1.1"))
        warn(tr("outdated protocol %1").arg(d.protocol), QStringLiteral("C3"));
}

void TlsDiagnosis::addCommonDetails(CheckResult &result) const
{
    const TlsProbeResult &d = m_default;
    if (d.handshakeCompleted) {
        QString line = tr("Negotiated %1, cipher %2 (%3 bits)").arg(d.protocol, d.cipher).arg(d.cipherBits);
        if (!d.ephemeralKey.isEmpty())
            line += tr(", key exchange %1 (%2 bits)").arg(d.ephemeralKey).arg(d.ephemeralKeyBits);
        result.addDetail(line);
    }
    for (const TlsCertificateInfo &certificate : d.peerChain) {
        result.addDetail(tr("[%1] %2; issuer %3; valid %4 to %5; %6 %7 bits; %8; SHA-256 %9")
                             .arg(certificate.depth)
                             .arg(certificate.subject, certificate.issuer, utc(certificate.notBefore),
                                 utc(certificate.notAfter), certificate.keyType)
                             .arg(certificate.keyBits)
                             .arg(certificate.signatureAlgorithm, certificate.sha256Fingerprint));
        for (const TlsCertificateInfo::VerifyError &error : certificate.verifyErrors)
            result.addDetail(tr("    [%1] verify error %2: %3").arg(certificate.depth).arg(error.code).arg(error.text));
    }
    if (!d.trustStore.isEmpty())
        result.addDetail(tr("Trust store: %1").arg(d.trustStore));
    if (d.clientCertificateRequested)
        result.addDetail(d.clientCertificateSent ? tr("The server asked for a client certificate; one was sent")
                                                 : tr("The server asked for a client certificate; none was sent"));
    if (!d.httpStatusLine.isEmpty())
        result.addDetail(tr("HTTP over TLS answered: %1").arg(d.httpStatusLine));
    for (const TlsProbeResult &probe : m_relaxed) {
        if (probe.handshakeCompleted)
            result.addDetail(
                tr("Relaxed probe %1: handshake OK with %2").arg(tlsPolicyName(probe.policy), probe.protocol));
        else if (probe.timedOut)
            result.addDetail(tr("Relaxed probe %1: timed out").arg(tlsPolicyName(probe.policy)));
        else
            result.addDetail(
                tr("Relaxed probe %1: still fails (%2)")
                    .arg(tlsPolicyName(probe.policy),
                        probe.openSslErrors.isEmpty() ? tr("no OpenSSL reason") : probe.openSslErrors.constFirst()));
    }
    if (const std::optional<TlsProbeResult> relaxation = workingRelaxation()) {
        result.addDetail(tr("Only the relaxation %1 makes the handshake work; it was used for this diagnosis only, "
                            "never for credentials")
                             .arg(tlsPolicyName(relaxation->policy)));
    }
}

void TlsDiagnosis::addEvidence(CheckResult &result) const
{
    const TlsProbeResult &d = m_default;
    if (!d.protocol.isEmpty())
        result.addEvidence(QStringLiteral("tls.protocol"), d.protocol);
    if (!d.cipher.isEmpty())
        result.addEvidence(QStringLiteral("tls.cipher"), d.cipher);
    if (!d.peerChain.isEmpty()) {
        const QList<int> codes = d.verifyErrorCodes();
        const int code = codes.isEmpty() ? d.verifyResult : codes.constFirst();
        QString text = d.verifyResultText;
        for (const TlsCertificateInfo &certificate : d.peerChain) {
            for (const TlsCertificateInfo::VerifyError &error : certificate.verifyErrors) {
                if (error.code == code)
                    text = error.text;
            }
        }
        result.addEvidence(QStringLiteral("tls.verify"), QString::number(code) + QLatin1Char(' ') + text);
    }
    if (d.alertReceived)
        result.addEvidence(QStringLiteral("tls.alert"), alertText(*d.alertReceived));
    if (d.alertSent)
        result.addEvidence(QStringLiteral("tls.alertSent"), alertText(*d.alertSent));
    if (!d.openSslErrors.isEmpty())
        result.addEvidence(QStringLiteral("tls.openssl"), d.openSslErrors.constFirst());
    if (!d.handshakeCompleted && !d.firstBytes.isEmpty())
        result.addEvidence(QStringLiteral("tls.firstBytes"), printableBytes(d.firstBytes));
    if (d.peerClosed && !d.peerCloseErrno.isEmpty())
        result.addEvidence(QStringLiteral("tls.peerClose"), d.peerCloseErrno);
    if (!d.peerChain.isEmpty())
        result.addEvidence(QStringLiteral("tls.sha256"), d.peerChain.constFirst().sha256Fingerprint);
    for (const TlsProbeResult &probe : m_relaxed) {
        QString outcome;
        if (probe.handshakeCompleted)
            outcome = QStringLiteral(": handshake OK, ") + probe.protocol;
        else if (probe.timedOut)
            outcome = QStringLiteral(": timed out");
        else
            outcome = QStringLiteral(": failed")
                + (probe.openSslErrors.isEmpty() ? QString() : QStringLiteral(", ") + probe.openSslErrors.constFirst());
        result.addEvidence(QStringLiteral("tls.relaxation"), tlsPolicyName(probe.policy) + outcome);
    }
}

} // namespace cimdiag
