// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/TlsDiagnosis.h"
#include "core/net/PrintableBytes.h"

#include <QTest>

#include <functional>

using namespace cimdiag;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);
const QString kLeafSha256
    = QStringLiteral("AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89");

TlsProbeResult healthy()
{
    TlsProbeResult r;
    r.trustStore = QStringLiteral("CA file /tmp/ca.pem (1 certificate)");
    r.tcpConnected = true;
    r.handshakeCompleted = true;
    r.protocol = QStringLiteral("TLSv1.3");
    r.cipher = QStringLiteral("TLS_AES_256_GCM_SHA384");
    r.cipherBits = 256;
    r.ephemeralKey = QStringLiteral("X25519");
    r.ephemeralKeyBits = 253;
    r.secureRenegotiation = true;
    r.verifiedName = QStringLiteral("localhost");
    r.hostnameMatches = true;
    r.httpStatusLine = QStringLiteral("HTTP/1.1 405 Method Not Allowed");
    TlsCertificateInfo leaf;
    leaf.subject = QStringLiteral("CN=localhost");
    leaf.issuer = QStringLiteral("CN=cimdiag CA");
    leaf.subjectAltNames = {QStringLiteral("DNS:localhost"), QStringLiteral("IP:127.0.0.1")};
    leaf.notBefore = kNow.addDays(-1);
    leaf.notAfter = kNow.addDays(365);
    leaf.keyType = QStringLiteral("RSA");
    leaf.keyBits = 2048;
    leaf.signatureAlgorithm = QStringLiteral("sha256WithRSAEncryption");
    leaf.sha256Fingerprint = kLeafSha256;
    r.peerChain = {leaf};
    return r;
}

/// A completed handshake whose leaf has verification error code.
TlsProbeResult verifyError(int code, const QString &text)
{
    TlsProbeResult r = healthy();
    r.verifyResult = code;
    r.verifyResultText = text;
    r.peerChain.first().verifyErrors = {{code, text}};
    return r;
}

TlsProbeResult failedHandshake(const QStringList &reasons)
{
    TlsProbeResult r;
    r.tcpConnected = true;
    r.openSslErrors = reasons;
    return r;
}

TlsProbeResult relaxedOk(TlsPolicy policy, const QString &protocol)
{
    TlsProbeResult r = healthy();
    r.policy = policy;
    r.protocol = protocol;
    return r;
}

/// A relaxed probe that got through to a server with a 1024-bit DH group (C4).
TlsProbeResult relaxedDh1024(TlsPolicy policy)
{
    TlsProbeResult r = relaxedOk(policy, QStringLiteral("TLSv1.2"));
    r.ephemeralKey = QStringLiteral("DH");
    r.ephemeralKeyBits = 1024;
    return r;
}

/// The TCP connect of the TLS probe failed with errnoName.
TlsProbeResult noTcp(const char *text, const char *errnoName)
{
    TlsProbeResult r;
    r.tcpError = QString::fromLatin1(text);
    r.tcpErrno = QString::fromLatin1(errnoName);
    return r;
}

TlsProbeResult relaxedFailed(TlsPolicy policy)
{
    TlsProbeResult r = failedHandshake({QStringLiteral("unsupported protocol")});
    r.policy = policy;
    return r;
}

TlsProbeResult::Alert alert(int code, const char *description)
{
    return {code, QString::fromLatin1(description), true};
}

struct Row
{
    const char *name;
    std::function<TlsProbeResult()> probe;
    CheckStatus status;
    const char *hint; ///< the first hint id, "" for none
    const char *summaryContains = "";
    QList<TlsProbeResult> relaxed = {};
    std::function<void(Target &)> target = {};
    const char *detailContains = "";
};

QList<Row> rows()
{
    using S = CheckStatus;
    return {
        {"healthy", healthy, S::Passed, "", "TLSv1.3 handshake OK; certificate verified for localhost"},
        {"expires in 10 days",
            [] {
                TlsProbeResult r = healthy();
                r.peerChain.first().notAfter = kNow.addDays(10);
                return r;
            },
            S::Warning, "C9", "certificate expires in 10 days"},
        {"ephemeral DH 1024",
            [] {
                TlsProbeResult r = healthy();
                r.protocol = QStringLiteral("TLSv1.2");
                r.ephemeralKey = QStringLiteral("DH");
                r.ephemeralKeyBits = 1024;
                return r;
            },
            S::Warning, "C4", "1024"},
        {"no secure renegotiation",
            [] {
                TlsProbeResult r = healthy();
                r.protocol = QStringLiteral("TLSv1.2");
                r.secureRenegotiation = false;
                return r;
            },
            S::Warning, "C11"},
        {"TLS 1.0 negotiated",
            [] {
                TlsProbeResult r = healthy();
                r.protocol = QStringLiteral("TLSv1");
                return r;
            },
            S::Warning, "C3", "TLSv1"},
        {"C1 plain HTTP first bytes",
            [] {
                TlsProbeResult r = failedHandshake({QStringLiteral("wrong version number")});
                r.firstBytes = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n";
                return r;
            },
            S::Failed, "C1", "plain HTTP"},
        {"C1 packet length too long, text bytes",
            [] {
                TlsProbeResult r = failedHandshake({QStringLiteral("packet length too long")});
                r.firstBytes = "<html><body>";
                return r;
            },
            S::Failed, "C1"},
        {"C3 unsupported protocol", [] { return failedHandshake({QStringLiteral("unsupported protocol")}); }, S::Failed,
            "C3"},
        {"C3 alert 70",
            [] {
                TlsProbeResult r = failedHandshake({QStringLiteral("tlsv1 alert protocol version")});
                r.alertReceived = alert(70, "protocol version");
                return r;
            },
            S::Failed, "C3"},
        {"C3 by the legacy-protocols relaxation",
            [] { return failedHandshake({QStringLiteral("legacy sigalg disallowed or unsupported")}); }, S::Failed,
            "C3", "TLSv1.1",
            {relaxedOk(TlsPolicy::LegacyProtocols, QStringLiteral("TLSv1.1")), relaxedFailed(TlsPolicy::SecurityLevel0),
                relaxedFailed(TlsPolicy::LegacyRenegotiation)}},
        {"C4 dh key too small", [] { return failedHandshake({QStringLiteral("dh key too small")}); }, S::Failed, "C4"},
        {"C5 verify 66", [] { return verifyError(66, QStringLiteral("EE certificate key too weak")); }, S::Failed,
            "C5"},
        {"C5 by seclevel-0 with a 1024-bit leaf", [] { return failedHandshake({}); }, S::Failed, "C5", "1024", {[] {
             TlsProbeResult r = relaxedOk(TlsPolicy::SecurityLevel0, QStringLiteral("TLSv1.3"));
             r.peerChain.first().keyBits = 1024;
             return r;
         }()}},
        {"C6 verify 68", [] { return verifyError(68, QStringLiteral("CA signature digest algorithm too weak")); },
            S::Failed, "C6"},
        {"C7 verify 18", [] { return verifyError(18, QStringLiteral("self-signed certificate")); }, S::Failed, "C7",
            "Certificate is self-signed (verify code 18)"},
        {"C7 verify 19", [] { return verifyError(19, QStringLiteral("self-signed certificate in certificate chain")); },
            S::Failed, "C7"},
        {"C8 verify 20", [] { return verifyError(20, QStringLiteral("unable to get local issuer certificate")); },
            S::Failed, "C8"},
        {"C9 verify 10",
            [] {
                TlsProbeResult r = verifyError(10, QStringLiteral("certificate has expired"));
                r.peerChain.first().notAfter = kNow.addDays(-3);
                return r;
            },
            S::Failed, "C9", "expired", {}, {}, "expired 3 days ago"},
        {"C9 verify 9, clock skew",
            [] {
                TlsProbeResult r = verifyError(9, QStringLiteral("certificate is not yet valid"));
                r.peerChain.first().notBefore = kNow.addSecs(2 * 3600);
                return r;
            },
            S::Failed, "C9", "not valid before", {}, {}, "NTP"},
        {"C10 verify 62",
            [] {
                TlsProbeResult r = verifyError(62, QStringLiteral("hostname mismatch"));
                r.peerChain.first().subjectAltNames = {QStringLiteral("DNS:other.example")};
                r.hostnameMatches = false;
                return r;
            },
            S::Failed, "C10", "localhost", {}, {}, "DNS:other.example; the name checked: localhost"},
        {"C11 unsafe legacy renegotiation",
            [] { return failedHandshake({QStringLiteral("unsafe legacy renegotiation disabled")}); }, S::Failed, "C11"},
        {"C12 alert 40",
            [] {
                TlsProbeResult r = failedHandshake({QStringLiteral("sslv3 alert handshake failure")});
                r.alertReceived = alert(40, "handshake failure");
                return r;
            },
            S::Failed, "C12"},
        {"C13 alert 116 after the handshake",
            [] {
                TlsProbeResult r = healthy();
                r.clientCertificateRequested = true;
                r.httpStatusLine.clear();
                r.alertReceived = alert(116, "certificate required");
                return r;
            },
            S::Failed, "C13"},
        {"C13 TLS 1.2 alert 40 with a request",
            [] {
                TlsProbeResult r = failedHandshake({QStringLiteral("sslv3 alert handshake failure")});
                r.clientCertificateRequested = true;
                r.alertReceived = alert(40, "handshake failure");
                return r;
            },
            S::Failed, "C13"},
        {"C14 other library error", [] { return failedHandshake({QStringLiteral("EC lib")}); }, S::Failed, "C14",
            "EC lib"},
        {"B5 reset before any byte",
            [] {
                TlsProbeResult r = failedHandshake({QStringLiteral("unexpected eof while reading")});
                r.peerClosed = true;
                r.peerCloseErrno = QStringLiteral("ECONNRESET");
                return r;
            },
            S::Failed, "B5", "reset"},
        {"B6 handshake timeout",
            [] {
                TlsProbeResult r = failedHandshake({});
                r.timedOut = true;
                return r;
            },
            S::Failed, "B6"},
        {"B2 no TCP", [] { return noTcp("Connection refused", "ECONNREFUSED"); }, S::Failed, "B2"},
        {"B5 TCP reset while connecting", [] { return noTcp("Connection reset by peer", "ECONNRESET"); }, S::Failed,
            "B5"},
        {"B4 host unreachable", [] { return noTcp("Host unreachable", "EHOSTUNREACH"); }, S::Failed, "B4"},
        {"B3 connect timeout",
            [] {
                TlsProbeResult r;
                r.tcpError = QStringLiteral("Connection timed out");
                r.tcpErrno = QStringLiteral("ETIMEDOUT");
                r.timedOut = true;
                return r;
            },
            S::Failed, "B3"},
        // A weak DH group: LegacyProtocols (security level 0 as well) works too, but with TLS 1.2.
        {"C4 not C3 when legacy-protocols works with TLS 1.2",
            [] { return failedHandshake({QStringLiteral("dh key too small")}); }, S::Failed, "C4", "1024",
            {relaxedDh1024(TlsPolicy::LegacyProtocols), relaxedDh1024(TlsPolicy::SecurityLevel0),
                [] {
                    TlsProbeResult r = failedHandshake({QStringLiteral("dh key too small")});
                    r.policy = TlsPolicy::LegacyRenegotiation;
                    return r;
                }()}},
        {"C4 from the DH size of seclevel-0 when the default reason is generic",
            [] { return failedHandshake({QStringLiteral("sslv3 alert handshake failure")}); }, S::Failed, "C4", "1024",
            {relaxedDh1024(TlsPolicy::LegacyProtocols), relaxedDh1024(TlsPolicy::SecurityLevel0)}, {},
            "Only the relaxation seclevel-0"},
        {"legacy-protocols with TLS 1.2 is no C3", [] { return failedHandshake({}); }, S::Failed, "C5",
            "security level",
            {relaxedOk(TlsPolicy::LegacyProtocols, QStringLiteral("TLSv1.2")),
                relaxedFailed(TlsPolicy::SecurityLevel0)}},
        {"a relaxed probe that timed out says so", [] { return failedHandshake({QStringLiteral("dh key too small")}); },
            S::Failed, "C4", "", {[] {
                TlsProbeResult r = failedHandshake({});
                r.policy = TlsPolicy::SecurityLevel0;
                r.timedOut = true;
                return r;
            }()},
            {}, "Relaxed probe seclevel-0: timed out"},
        {"C13 client certificate rejected after the handshake (TLS 1.3, alert 48)",
            [] {
                TlsProbeResult r = healthy();
                r.clientCertificateRequested = true;
                r.clientCertificateSent = true;
                r.httpStatusLine.clear();
                r.alertReceived = alert(48, "unknown CA");
                return r;
            },
            S::Failed, "C13", "rejected the client certificate"},
        {"C13 client certificate rejected in the handshake (TLS 1.2, alert 48)",
            [] {
                TlsProbeResult r = failedHandshake({QStringLiteral("tlsv1 alert unknown ca")});
                r.clientCertificateRequested = true;
                r.clientCertificateSent = true;
                r.alertReceived = alert(48, "unknown CA");
                return r;
            },
            S::Failed, "C13", "rejected the client certificate"},
        {"fatal alert after the handshake without HTTP fails, no hint",
            [] {
                TlsProbeResult r = healthy();
                r.httpStatusLine.clear();
                r.alertReceived = alert(80, "internal error");
                return r;
            },
            S::Failed, "", "not recognise"},
        {"an unknown handshake failure is no C14", [] { return failedHandshake({QStringLiteral("some new reason")}); },
            S::Failed, "", "does not recognise"},
        {"a verify code without a catalogue row is no C14",
            [] { return verifyError(24, QStringLiteral("invalid CA certificate")); }, S::Failed, ""},
        {"C7 ignored by explicit choice", [] { return verifyError(18, QStringLiteral("self-signed certificate")); },
            S::Warning, "C7", "explicit choice", {},
            [](Target &t) { t.tls.ignoredErrors = {QSslError::SelfSignedCertificate}; }},
        {"C7 ignoring another error does not help",
            [] { return verifyError(18, QStringLiteral("self-signed certificate")); }, S::Failed, "C7", "", {},
            [](Target &t) { t.tls.ignoredErrors = {QSslError::CertificateExpired}; }},
        {"C7 accepted by a matching pin", [] { return verifyError(18, QStringLiteral("self-signed certificate")); },
            S::Warning, "C7", "pinned", {}, [](Target &t) { t.tls.pinnedSha256 = kLeafSha256.toLatin1(); }},
        {"a pin that does not match fails a verified certificate", healthy, S::Failed, "C7", "pinned", {},
            [](Target &t) { t.tls.pinnedSha256 = QByteArray(64, '0'); }},
    };
}

} // namespace

class TestTlsDiagnosis final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classify_data();
    void classify();
    void evidence();
    void helpers();
};

void TestTlsDiagnosis::classify_data()
{
    QTest::addColumn<int>("row");
    const QList<Row> table = rows();
    for (int i = 0; i < table.size(); ++i)
        QTest::newRow(table.at(i).name) << i;
}

void TestTlsDiagnosis::classify()
{
    QFETCH(int, row);
    const Row r = rows().at(row);
    Target target;
    target.host = QStringLiteral("localhost");
    if (r.target)
        r.target(target);
    const CheckResult result = TlsDiagnosis(target, r.probe(), r.relaxed).classify(kNow);
    const QString all = result.summary + QLatin1Char('\n') + result.details.join(QLatin1Char('\n'));
    QCOMPARE(checkStatusName(result.status), checkStatusName(r.status));
    QCOMPARE(result.hintIds.value(0), QString::fromLatin1(r.hint));
    QVERIFY2(result.summary.contains(QString::fromLatin1(r.summaryContains)), qPrintable(result.summary));
    QVERIFY2(all.contains(QString::fromLatin1(r.detailContains)), qPrintable(all));
    QVERIFY(!result.summary.contains(QLatin1Char('\n')));
}

void TestTlsDiagnosis::evidence()
{
    Target target;
    target.host = QStringLiteral("localhost");
    TlsProbeResult failed = failedHandshake({QStringLiteral("sslv3 alert handshake failure")});
    failed.alertReceived = alert(40, "handshake failure");
    failed.firstBytes = QByteArray::fromHex("15030300020228");
    const CheckResult refused = TlsDiagnosis(target, failed,
        {relaxedOk(TlsPolicy::LegacyProtocols, QStringLiteral("TLSv1")), relaxedFailed(TlsPolicy::SecurityLevel0)})
                                    .classify(kNow);
    QCOMPARE(refused.evidenceValue(u"tls.alert"), QStringLiteral("40 handshake failure"));
    QCOMPARE(refused.evidenceValue(u"tls.openssl"), QStringLiteral("sslv3 alert handshake failure"));
    QCOMPARE(refused.evidenceValue(u"tls.firstBytes"), QStringLiteral("\\x15\\x03\\x03\\x00\\x02\\x02("));
    QCOMPARE(refused.evidenceValue(u"tls.relaxation"), QStringLiteral("legacy-protocols: handshake OK, TLSv1"));
    QCOMPARE(refused.hintIds.value(0), QStringLiteral("C3"));

    const CheckResult selfSigned
        = TlsDiagnosis(target, verifyError(18, QStringLiteral("self-signed certificate"))).classify(kNow);
    QCOMPARE(selfSigned.evidenceValue(u"tls.verify"), QStringLiteral("18 self-signed certificate"));
    QCOMPARE(selfSigned.evidenceValue(u"tls.protocol"), QStringLiteral("TLSv1.3"));
    QCOMPARE(selfSigned.evidenceValue(u"tls.cipher"), QStringLiteral("TLS_AES_256_GCM_SHA384"));
    QCOMPARE(selfSigned.evidenceValue(u"tls.sha256"), kLeafSha256);
    QVERIFY(selfSigned.details.join(QLatin1Char('\n')).contains(QLatin1String("Trust store: CA file /tmp/ca.pem")));
}

void TestTlsDiagnosis::helpers()
{
    QCOMPARE(printableBytes("HTTP/1.1 400\r\n"), QStringLiteral("HTTP/1.1 400\\r\\n"));
    QCOMPARE(TlsDiagnosis::describeDuration(45), QStringLiteral("45 s"));
    QCOMPARE(TlsDiagnosis::describeDuration(2 * 3600 + 5 * 60), QStringLiteral("2 h 5 min"));
    QCOMPARE(TlsDiagnosis::describeDuration(3 * 86400), QStringLiteral("3 days"));
    QCOMPARE(TlsDiagnosis::hintForVerifyCode(19), QStringLiteral("C7"));
    QCOMPARE(TlsDiagnosis::hintForVerifyCode(21), QStringLiteral("C8"));
    QCOMPARE(TlsDiagnosis::sslErrorForVerifyCode(62), QSslError::HostNameMismatch);
    QVERIFY(!TlsDiagnosis::sslErrorForVerifyCode(66));
}

QTEST_GUILESS_MAIN(TestTlsDiagnosis)
#include "TestTlsDiagnosis.moc"
