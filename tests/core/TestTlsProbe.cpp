// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/TlsDiagnosis.h"
#include "core/net/CertificateFactory.h"
#include "core/net/TlsProbe.h"
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimScenario.h"
#include "core/sim/SimScenarioHost.h"
#include "tests/support/LoopbackPort.h"
#include "tests/support/SimProcess.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace cimdiag;
using namespace std::chrono_literals;

namespace {

// X509_V_ERR_* codes the tests expect (numbers, as the catalogue names them).
constexpr int kExpired = 10;
constexpr int kNotYetValid = 9;
constexpr int kSelfSigned = 18;
constexpr int kSelfSignedInChain = 19;
constexpr int kUnableToGetIssuerLocally = 20;
constexpr int kHostnameMismatch = 62;
constexpr int kEeKeyTooSmall = 66;
constexpr int kCaMdTooWeak = 68;

QString describe(const TlsProbeResult &r)
{
    QStringList codes;
    for (int code : r.verifyErrorCodes())
        codes.append(QString::number(code));
    const QStringList parts {
        QStringLiteral("tcp=") + QString::number(r.tcpConnected),
        QStringLiteral("handshake=") + QString::number(r.handshakeCompleted),
        QStringLiteral("protocol=") + r.protocol,
        QStringLiteral("verify=") + QString::number(r.verifyResult) + QLatin1Char(' ') + r.verifyResultText,
        QStringLiteral("codes=") + codes.join(QLatin1Char(',')),
        QStringLiteral("openssl=") + r.openSslErrors.join(QStringLiteral("; ")),
        QStringLiteral("alert in/out=") + QString::number(r.alertReceived ? r.alertReceived->code : -1)
            + QLatin1Char('/') + QString::number(r.alertSent ? r.alertSent->code : -1),
        QStringLiteral("closed=") + QString::number(r.peerClosed) + QLatin1Char(' ') + r.peerCloseErrno,
        QStringLiteral("firstBytes=") + QString::fromLatin1(r.firstBytes.toPercentEncoding()),
        QStringLiteral("status=") + r.httpStatusLine,
        QStringLiteral("timedOut=") + QString::number(r.timedOut),
    };
    return parts.join(QLatin1Char(' '));
}

} // namespace

class TestTlsProbe final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void healthy();
    void healthyByAddressLiteral();
    void wrongHostname();
    void systemStore();
    void certificateFaults_data();
    void certificateFaults();
    void weakKeyInChildProcess();
    void sha1InChildProcess();
    void legacyProtocols();
    void clientCertificateRequired();
    void clientCertificateFromAnotherCa();
    void weakDhInChildProcess();
    void stalledHttpAfterHandshake();
    void plaintextPort();
    void resetAfterAccept();
    void closedPort();
    void stalledListenerTimesOut();
    void cancel();

private:
    /// Starts a built-in scenario in-process and writes its CA to a file; nullptr on failure.
    std::unique_ptr<SimScenarioHost> startScenario(const QString &name);
    TlsProbe::Options optionsFor(quint16 port, const QString &caFile = {}) const;
    /// Runs one probe to its end (bounded wait) and returns its result.
    static TlsProbeResult run(const TlsProbe::Options &options, bool *finishedInTime = nullptr);

    QTemporaryDir m_dir;
    QString m_caFile;
    /// One healthy simulator for the tests that only read from it (each start makes new RSA keys).
    std::unique_ptr<SimScenarioHost> m_healthy;
    QString m_healthyCaFile;
    int m_files = 0;
};

void TestTlsProbe::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QCOMPARE(tlsPolicyName(TlsPolicy::LegacyProtocols), QStringLiteral("legacy-protocols"));
    QCOMPARE(tlsRelaxations().size(), 3);
    m_healthy = startScenario(QStringLiteral("healthy"));
    QVERIFY(m_healthy);
    m_healthyCaFile = m_caFile;
}

std::unique_ptr<SimScenarioHost> TestTlsProbe::startScenario(const QString &name)
{
    QString error;
    const std::optional<SimScenario> scenario = SimScenario::load(name, &error);
    if (!scenario) {
        qWarning("scenario %s: %s", qPrintable(name), qPrintable(error));
        return nullptr;
    }
    auto host = std::make_unique<SimScenarioHost>();
    if (!host->start(*scenario)) {
        qWarning("scenario %s did not start: %s", qPrintable(name), qPrintable(host->errorString()));
        return nullptr;
    }
    m_caFile = m_dir.filePath(QStringLiteral("ca-%1.pem").arg(++m_files));
    if (!host->certificateFactory()->writeCaCertificatePem(m_caFile, &error)) {
        qWarning("CA file: %s", qPrintable(error));
        return nullptr;
    }
    return host;
}

TlsProbe::Options TestTlsProbe::optionsFor(quint16 port, const QString &caFile) const
{
    TlsProbe::Options options;
    options.host = QStringLiteral("localhost");
    options.address = QHostAddress(QHostAddress::LocalHost);
    options.port = port;
    options.caFile = caFile;
    options.timeout = 5s;
    return options;
}

TlsProbeResult TestTlsProbe::run(const TlsProbe::Options &options, bool *finishedInTime)
{
    TlsProbe probe(options);
    QSignalSpy finished(&probe, &TlsProbe::finished);
    probe.start();
    const bool ok = finished.wait(int(options.timeout.count()) + 3000);
    if (finishedInTime)
        *finishedInTime = ok;
    if (!ok)
        qWarning("the probe did not finish in time");
    // Exactly once: nothing more arrives after the first.
    QTest::qWait(20);
    if (finished.size() != 1)
        qWarning("finished() emitted %d times", int(finished.size()));
    return probe.result();
}

void TestTlsProbe::healthy()
{
    SimScenarioHost *host = m_healthy.get();
    bool inTime = false;
    const TlsProbeResult r = run(optionsFor(host->server()->httpsPort(), m_healthyCaFile), &inTime);
    QVERIFY(inTime);
    QVERIFY2(r.handshakeCompleted, qPrintable(describe(r)));
    QVERIFY(r.tcpConnected);
    QVERIFY2(r.protocol == QLatin1String("TLSv1.3") || r.protocol == QLatin1String("TLSv1.2"), qPrintable(r.protocol));
    QVERIFY(!r.cipher.isEmpty());
    QVERIFY(r.cipherBits >= 128);
    QVERIFY2(!r.ephemeralKey.isEmpty(), qPrintable(describe(r)));
    QVERIFY(r.secureRenegotiation);
    QCOMPARE(r.verifyResult, 0);
    QVERIFY(r.verificationPassed());
    QVERIFY2(r.verifyErrorCodes().isEmpty(), qPrintable(describe(r)));
    QCOMPARE(r.verifiedName, QStringLiteral("localhost"));
    QVERIFY(r.hostnameMatches);
    QVERIFY(!r.clientCertificateRequested);
    QVERIFY(r.trustStore.contains(m_healthyCaFile));
    QVERIFY(!r.alertReceived);
    QVERIFY(r.openSslErrors.isEmpty());
    // The HEAD request over TLS drew an HTTP answer.
    QVERIFY2(r.httpStatusLine.startsWith(QLatin1String("HTTP/1.1 ")), qPrintable(r.httpStatusLine));

    // The chain as sent: the leaf first, then the factory CA.
    QVERIFY(r.peerChain.size() >= 1);
    const TlsCertificateInfo &leaf = r.peerChain.constFirst();
    const QSslCertificate &served = host->server()->serverCertificate().certificate;
    QCOMPARE(leaf.depth, 0);
    QCOMPARE(leaf.certificate, served);
    const QByteArray digest = served.digest(QCryptographicHash::Sha256).toHex(':').toUpper();
    QCOMPARE(leaf.sha256Fingerprint, QString::fromLatin1(digest));
    QVERIFY(leaf.subject.contains(QLatin1String("CN=localhost")));
    QVERIFY(leaf.subjectAltNames.contains(QStringLiteral("DNS:localhost")));
    QVERIFY(leaf.subjectAltNames.contains(QStringLiteral("IP:127.0.0.1")));
    QCOMPARE(leaf.keyType, QStringLiteral("RSA"));
    QCOMPARE(leaf.keyBits, 2048);
    QCOMPARE(leaf.signatureAlgorithm, QStringLiteral("sha256WithRSAEncryption"));
    QCOMPARE(leaf.notBefore.timeSpec(), Qt::UTC);
    QVERIFY(leaf.notBefore < QDateTime::currentDateTimeUtc());
    QVERIFY(leaf.notAfter > QDateTime::currentDateTimeUtc());
    QVERIFY(!leaf.selfIssued);
    QCOMPARE(leaf.issuer, r.peerChain.size() > 1 ? r.peerChain.at(1).subject : leaf.issuer);
    QVERIFY(r.handshakeTime > 0us);
}

void TestTlsProbe::healthyByAddressLiteral()
{
    SimScenarioHost *host = m_healthy.get();
    TlsProbe::Options options = optionsFor(host->server()->httpsPort(), m_healthyCaFile);
    options.host = QStringLiteral("127.0.0.1"); // verified as IP:127.0.0.1 (no SNI)
    const TlsProbeResult r = run(options);
    QVERIFY2(r.verificationPassed(), qPrintable(describe(r)));
    QVERIFY(r.hostnameMatches);
}

void TestTlsProbe::wrongHostname()
{
    SimScenarioHost *host = m_healthy.get();
    TlsProbe::Options options = optionsFor(host->server()->httpsPort(), m_healthyCaFile);
    options.host = QStringLiteral("wrong.example");
    TlsProbeResult r = run(options);
    QVERIFY2(r.handshakeCompleted, qPrintable(describe(r)));
    QCOMPARE(r.verifyResult, kHostnameMismatch);
    QCOMPARE(r.verifyErrorCodes(), QList<int> {kHostnameMismatch});
    QVERIFY(!r.hostnameMatches);
    QCOMPARE(r.verifiedName, QStringLiteral("wrong.example"));

    // Off: the same certificate verifies.
    options.verifyHostname = false;
    r = run(options);
    QVERIFY2(r.verificationPassed(), qPrintable(describe(r)));
    QVERIFY(r.verifiedName.isEmpty());
}

void TestTlsProbe::systemStore()
{
    SimScenarioHost *host = m_healthy.get();
    const TlsProbeResult r = run(optionsFor(host->server()->httpsPort()));
    QVERIFY2(r.handshakeCompleted, qPrintable(describe(r)));
    QVERIFY2(
        r.verifyResult == kSelfSignedInChain || r.verifyResult == kUnableToGetIssuerLocally, qPrintable(describe(r)));
    QVERIFY2(r.trustStore.startsWith(QLatin1String("system")), qPrintable(r.trustStore));
}

void TestTlsProbe::certificateFaults_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<int>("code");
    QTest::newRow("C7 self-signed") << QStringLiteral("cert-self-signed") << kSelfSigned;
    QTest::newRow("C9 expired") << QStringLiteral("cert-expired") << kExpired;
    QTest::newRow("C9 not yet valid") << QStringLiteral("cert-not-yet-valid") << kNotYetValid;
    QTest::newRow("C10 wrong host") << QStringLiteral("cert-wrong-host") << kHostnameMismatch;
}

void TestTlsProbe::certificateFaults()
{
    QFETCH(QString, scenario);
    QFETCH(int, code);
    auto host = startScenario(scenario);
    QVERIFY(host);
    const TlsProbeResult r = run(optionsFor(host->server()->httpsPort(), m_caFile));
    // The probe never aborts on a verification error: the handshake completes and reports it.
    QVERIFY2(r.handshakeCompleted, qPrintable(describe(r)));
    QVERIFY2(r.verifyErrorCodes().contains(code), qPrintable(describe(r)));
    QVERIFY(!r.verificationPassed());
    QVERIFY(r.peerChain.constFirst().verifyErrors.size() >= 1);
    const TlsCertificateInfo &leaf = r.peerChain.constFirst();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (code == kExpired)
        QVERIFY(leaf.notAfter < now);
    if (code == kNotYetValid)
        QVERIFY(leaf.notBefore > now);
    if (code == kSelfSigned)
        QVERIFY(leaf.selfIssued);
    if (code == kHostnameMismatch) {
        QVERIFY(!r.hostnameMatches);
        QVERIFY2(!leaf.subjectAltNames.contains(QStringLiteral("DNS:localhost")),
            qPrintable(leaf.subjectAltNames.join(QLatin1Char(','))));
    }
}

void TestTlsProbe::weakKeyInChildProcess()
{
    // The in-process simulator (SECLEVEL 2) would refuse to load an RSA-1024 key; cimdiag-sim lowers
    // its own level. This process keeps its default level, which is what the Default probe must judge.
    SimProcess sim;
    const QString caFile = m_dir.filePath(QStringLiteral("weak-ca.pem"));
    QVERIFY2(sim.start(QStringLiteral("weak-key"), caFile), qPrintable(sim.errorString()));
    const quint16 port = quint16(sim.httpsUrl().port());

    TlsProbeResult r = run(optionsFor(port, caFile));
    QVERIFY2(r.verifyErrorCodes().contains(kEeKeyTooSmall) || !r.handshakeCompleted, qPrintable(describe(r)));
    QVERIFY(!r.verificationPassed());
    QVERIFY(!r.peerChain.isEmpty());
    QCOMPARE(r.peerChain.constFirst().keyBits, 1024);

    TlsProbe::Options relaxed = optionsFor(port, caFile);
    relaxed.policy = TlsPolicy::SecurityLevel0;
    r = run(relaxed);
    QCOMPARE(r.policy, TlsPolicy::SecurityLevel0);
    QVERIFY2(r.verificationPassed(), qPrintable(describe(r)));
}

void TestTlsProbe::sha1InChildProcess()
{
    SimProcess sim;
    const QString caFile = m_dir.filePath(QStringLiteral("sha1-ca.pem"));
    QVERIFY2(sim.start(QStringLiteral("cert-sha1"), caFile), qPrintable(sim.errorString()));
    const TlsProbeResult r = run(optionsFor(quint16(sim.httpsUrl().port()), caFile));
    QVERIFY(!r.peerChain.isEmpty());
    QCOMPARE(r.peerChain.constFirst().signatureAlgorithm, QStringLiteral("sha1WithRSAEncryption"));
    QVERIFY2(r.verifyErrorCodes().contains(kCaMdTooWeak) || !r.handshakeCompleted, qPrintable(describe(r)));
    QVERIFY(!r.verificationPassed());
}

void TestTlsProbe::legacyProtocols()
{
    auto host = startScenario(QStringLiteral("tls-legacy"));
    QVERIFY(host);
    TlsProbe::Options options = optionsFor(host->server()->httpsPort(), m_caFile);
    TlsProbeResult r = run(options);
    QVERIFY(r.tcpConnected);
    QVERIFY2(!r.handshakeCompleted, qPrintable(describe(r)));
    // Debian's OpenSSL 3 still offers TLS 1.0/1.1 but refuses their SHA-1/MD5 ServerKeyExchange
    // signature at SECLEVEL 2 ("legacy sigalg disallowed or unsupported"); a library built with
    // MinProtocol TLSv1.2 says "unsupported protocol" or gets alert 70.
    const bool protocolSignal = r.openSslErrors.contains(QStringLiteral("unsupported protocol"))
        || r.openSslErrors.contains(QStringLiteral("no protocols available"))
        || r.openSslErrors.contains(QStringLiteral("legacy sigalg disallowed or unsupported"))
        || (r.alertReceived && r.alertReceived->code == 70) || (r.alertSent && r.alertSent->code == 70);
    QVERIFY2(protocolSignal, qPrintable(describe(r)));

    options.policy = TlsPolicy::LegacyProtocols;
    r = run(options);
    QVERIFY2(r.handshakeCompleted, qPrintable(describe(r)));
    QVERIFY2(r.protocol == QLatin1String("TLSv1") || r.protocol == QLatin1String("TLSv1.1"), qPrintable(r.protocol));
    QCOMPARE(r.verifyResult, 0);
}

void TestTlsProbe::clientCertificateRequired()
{
    // The server closes after the handshake; nothing may be written to the closed socket then.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QSocketNotifier")));
    auto host = startScenario(QStringLiteral("client-cert-required"));
    QVERIFY(host);
    TlsProbe::Options options = optionsFor(host->server()->httpsPort(), m_caFile);
    TlsProbeResult r = run(options);
    QVERIFY2(r.clientCertificateRequested, qPrintable(describe(r)));
    QVERIFY(!r.clientCertificateSent);
    // TLS 1.3: the server says no after the client's Finished (alert 116) or just closes.
    QVERIFY2(r.httpStatusLine.isEmpty(), qPrintable(r.httpStatusLine));
    const bool refused = !r.handshakeCompleted || r.peerClosed || (r.alertReceived && r.alertReceived->code == 116);
    QVERIFY2(refused, qPrintable(describe(r)));

    QString error;
    const IssuedCertificate client
        = host->certificateFactory()->issueClientCertificate(QStringLiteral("cimdiag-test"), &error);
    QVERIFY2(!client.isNull(), qPrintable(error));
    const QString certFile = m_dir.filePath(QStringLiteral("client.pem"));
    const QString keyFile = m_dir.filePath(QStringLiteral("client.key"));
    for (const auto &[path, pem] :
        {std::pair {certFile, client.certificatePem()}, std::pair {keyFile, client.privateKeyPem()}}) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(pem), pem.size());
    }
    options.clientCertificateFile = certFile;
    options.clientKeyFile = keyFile;
    r = run(options);
    QVERIFY2(r.handshakeCompleted, qPrintable(describe(r)));
    QVERIFY(r.clientCertificateRequested);
    QVERIFY(r.clientCertificateSent);
    QVERIFY2(r.httpStatusLine.startsWith(QLatin1String("HTTP/1.1 ")), qPrintable(describe(r)));
}

void TestTlsProbe::clientCertificateFromAnotherCa()
{
    // The server closes after the handshake; nothing may be written to the closed socket then.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QSocketNotifier")));
    // C13: a client certificate the server does not trust (issued by another CA). TLS 1.3 servers
    // say so only after the handshake (an alert, or just a close): that is no "handshake OK".
    auto host = startScenario(QStringLiteral("client-cert-required"));
    QVERIFY(host);
    QString error;
    const std::optional<CertificateFactory> other
        = CertificateFactory::create(QStringLiteral("cimdiag test CA"), QStringLiteral("cimdiag"), &error);
    QVERIFY2(other, qPrintable(error));
    const IssuedCertificate client = other->issueClientCertificate(QStringLiteral("cimdiag-stranger"), &error);
    QVERIFY2(!client.isNull(), qPrintable(error));
    const QString certFile = m_dir.filePath(QStringLiteral("stranger.pem"));
    const QString keyFile = m_dir.filePath(QStringLiteral("stranger.key"));
    for (const auto &[path, pem] :
        {std::pair {certFile, client.certificatePem()}, std::pair {keyFile, client.privateKeyPem()}}) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(pem), pem.size());
    }
    TlsProbe::Options options = optionsFor(host->server()->httpsPort(), m_caFile);
    options.clientCertificateFile = certFile;
    options.clientKeyFile = keyFile;
    const TlsProbeResult r = run(options);
    QVERIFY2(r.clientCertificateSent, qPrintable(describe(r)));
    QVERIFY2(r.httpStatusLine.isEmpty(), qPrintable(describe(r)));
    Target target;
    target.scheme = QStringLiteral("https");
    target.host = QStringLiteral("localhost");
    target.port = options.port;
    target.tls.caFile = m_caFile;
    const CheckResult result = TlsDiagnosis(target, r).classify();
    QVERIFY2(result.status == CheckStatus::Failed, qPrintable(result.summary + QLatin1Char(' ') + describe(r)));
    QVERIFY2(
        result.hintIds.value(0) == QLatin1String("C13"), qPrintable(result.summary + QLatin1Char(' ') + describe(r)));
    // Qt's server (the simulator) closes without an alert; OpenSSL's s_server sends 48 unknown CA.
    QVERIFY2(result.summary.contains(QLatin1String("rejected the client")), qPrintable(result.summary));
}

void TestTlsProbe::weakDhInChildProcess()
{
    // C4: the server offers only DHE over a 1024-bit group (its own SECLEVEL lowered by cimdiag-sim).
    SimProcess sim;
    const QString caFile = m_dir.filePath(QStringLiteral("weak-dh-ca.pem"));
    QVERIFY2(sim.start(QStringLiteral("weak-dh"), caFile), qPrintable(sim.errorString()));
    const quint16 port = quint16(sim.httpsUrl().port());

    const TlsProbeResult d = run(optionsFor(port, caFile));
    QVERIFY2(!d.handshakeCompleted, qPrintable(describe(d)));
    QVERIFY2(
        d.openSslErrors.join(QLatin1Char(' ')).contains(QLatin1String("dh key too small")), qPrintable(describe(d)));
    QList<TlsProbeResult> relaxed;
    for (const TlsPolicy policy : tlsRelaxations()) {
        TlsProbe::Options options = optionsFor(port, caFile);
        options.policy = policy;
        relaxed.append(run(options));
    }
    // Both relaxations with security level 0 work, with TLS 1.2 and the 1024-bit group.
    for (const TlsProbeResult &r : std::as_const(relaxed)) {
        if (r.policy == TlsPolicy::LegacyRenegotiation)
            continue;
        QVERIFY2(r.handshakeCompleted, qPrintable(describe(r)));
        QCOMPARE(r.protocol, QStringLiteral("TLSv1.2"));
        QCOMPARE(r.ephemeralKey, QStringLiteral("DH"));
        QCOMPARE(r.ephemeralKeyBits, 1024);
    }
    Target target;
    target.scheme = QStringLiteral("https");
    target.host = QStringLiteral("localhost");
    target.port = port;
    target.tls.caFile = caFile;
    const TlsDiagnosis diagnosis(target, d, relaxed);
    QCOMPARE(diagnosis.workingRelaxation()->policy, TlsPolicy::SecurityLevel0);
    const CheckResult result = diagnosis.classify();
    QCOMPARE(result.hintIds.value(0), QStringLiteral("C4"));
    QVERIFY2(result.summary.contains(QLatin1String("1024")), qPrintable(result.summary));
}

void TestTlsProbe::stalledHttpAfterHandshake()
{
    // The handshake completes, the HTTP reply never comes (a hung CIMOM, B6): the TLS stage waits
    // at most 1.5 s for it, not its whole timeout, and that is no failure of the handshake.
    auto host = startScenario(QStringLiteral("stall"));
    QVERIFY(host);
    TlsProbe::Options options = optionsFor(host->server()->httpsPort(), m_caFile);
    options.timeout = 5s;
    QElapsedTimer elapsed;
    elapsed.start();
    bool inTime = false;
    const TlsProbeResult r = run(options, &inTime);
    const qint64 ms = elapsed.elapsed() - 20;
    QVERIFY(inTime);
    QVERIFY2(r.handshakeCompleted, qPrintable(describe(r)));
    QVERIFY(!r.timedOut);
    QVERIFY(r.httpStatusLine.isEmpty());
    QVERIFY2(ms >= 1400 && ms < 3000, qPrintable(QString::number(ms)));
    Target target;
    target.scheme = QStringLiteral("https");
    target.host = QStringLiteral("localhost");
    target.port = options.port;
    target.tls.caFile = m_caFile;
    QCOMPARE(checkStatusName(TlsDiagnosis(target, r).classify().status), checkStatusName(CheckStatus::Passed));
}

void TestTlsProbe::plaintextPort()
{
    SimScenarioHost *host = m_healthy.get();
    const TlsProbeResult r = run(optionsFor(host->server()->httpPort(), m_healthyCaFile));
    QVERIFY(r.tcpConnected);
    QVERIFY(!r.handshakeCompleted);
    QVERIFY2(r.firstBytes.startsWith("HTTP/"), qPrintable(describe(r)));
    QVERIFY(r.firstBytes.size() <= 64);
    QVERIFY2(!r.openSslErrors.isEmpty(), qPrintable(describe(r)));
}

void TestTlsProbe::resetAfterAccept()
{
    auto host = startScenario(QStringLiteral("reset-after-accept"));
    QVERIFY(host);
    const TlsProbeResult r = run(optionsFor(host->server()->httpsPort(), m_caFile));
    QVERIFY(r.tcpConnected);
    QVERIFY(!r.handshakeCompleted);
    QVERIFY(r.firstBytes.isEmpty());
    QVERIFY2(r.peerClosed, qPrintable(describe(r)));
    QCOMPARE(r.peerCloseErrno, QStringLiteral("ECONNRESET"));
}

void TestTlsProbe::closedPort()
{
    const quint16 port = closedLoopbackPort();
    QVERIFY(port != 0);
    const TlsProbeResult r = run(optionsFor(port));
    QVERIFY(!r.tcpConnected);
    QVERIFY(!r.tcpError.isEmpty());
    QCOMPARE(r.tcpErrno, QStringLiteral("ECONNREFUSED"));
    QVERIFY(!r.handshakeCompleted);
    QVERIFY(!r.timedOut);
    QVERIFY(!r.trustStore.isEmpty());
    Target target;
    target.host = QStringLiteral("localhost");
    target.port = port;
    QCOMPARE(TlsDiagnosis(target, r).classify().hintIds, QStringList {QStringLiteral("B2")});
}

void TestTlsProbe::stalledListenerTimesOut()
{
    // Accepts and reads, never answers (an sfcbd whose provider hangs before TLS).
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    TlsProbe::Options options = optionsFor(server.serverPort(), QStringLiteral("/nonexistent/ca.pem"));
    options.timeout = 1s;
    QElapsedTimer elapsed;
    elapsed.start();
    bool inTime = false;
    const TlsProbeResult r = run(options, &inTime);
    const qint64 ms = elapsed.elapsed() - 20; // run() idles 20 ms after finished()
    QVERIFY(inTime);
    QVERIFY2(ms >= 950 && ms <= 1500, qPrintable(QString::number(ms)));
    QVERIFY(r.timedOut);
    QVERIFY(r.tcpConnected);
    QVERIFY(!r.handshakeCompleted);
    QVERIFY(r.firstBytes.isEmpty());
    QVERIFY(server.hasPendingConnections() || server.isListening());
}

void TestTlsProbe::cancel()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    // A CA file, not the system store: loading ~140 system certificates before connecting takes
    // seconds under ASan on a loaded machine, and this test is about cancelling, not the store.
    TlsProbe probe(optionsFor(server.serverPort(), m_caFile));
    QSignalSpy finished(&probe, &TlsProbe::finished);
    probe.start();
    QVERIFY(QTest::qWaitFor([&server] { return server.hasPendingConnections(); }, 3000));
    QVERIFY(!probe.isFinished());
    probe.cancel();
    // Finished before cancel() returned, exactly once.
    QCOMPARE(finished.size(), 1);
    QVERIFY(probe.isFinished());
    QVERIFY(probe.result().cancelled);
    QVERIFY(!probe.result().handshakeCompleted);
    probe.cancel();
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);

    // Cancelled before the queued start ran: finishes at once and never connects.
    TlsProbe early(optionsFor(server.serverPort()));
    QSignalSpy earlyFinished(&early, &TlsProbe::finished);
    early.start();
    early.cancel();
    QCOMPARE(earlyFinished.size(), 1);
    QTest::qWait(50);
    QCOMPARE(earlyFinished.size(), 1);
    QVERIFY(!early.result().tcpConnected);
}

QTEST_GUILESS_MAIN(TestTlsProbe)
#include "TestTlsProbe.moc"
