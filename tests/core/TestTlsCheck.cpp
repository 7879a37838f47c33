// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/DiagnosticContext.h"
#include "core/diagnostics/TlsCheck.h"
#include "core/log/DiagnosticLog.h"
#include "core/net/CertificateFactory.h"
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimScenario.h"
#include "core/sim/SimScenarioHost.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace cimdiag;
using namespace std::chrono_literals;

class TestTlsCheck final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void notApplicableToHttp();
    void healthy();
    void selfSigned();
    void legacyOnlyFindsTheRelaxation();
    void cancel();

private:
    struct Run
    {
        std::unique_ptr<SimScenarioHost> host;
        std::unique_ptr<DiagnosticLog> log;
        std::unique_ptr<DiagnosticContext> context;
        std::unique_ptr<TlsCheck> check;
    };
    /// The scenario in-process and a TlsCheck against its https port with the factory CA.
    std::optional<Run> prepare(const QString &scenario);
    static QString httpLog(const DiagnosticLog &log);

    QTemporaryDir m_dir;
    int m_files = 0;
};

std::optional<TestTlsCheck::Run> TestTlsCheck::prepare(const QString &scenario)
{
    Run run;
    run.host = std::make_unique<SimScenarioHost>();
    const std::optional<SimScenario> loaded = SimScenario::load(scenario);
    if (!loaded || !run.host->start(*loaded))
        return std::nullopt;
    const QString caFile = m_dir.filePath(QStringLiteral("ca-%1.pem").arg(++m_files));
    if (!run.host->certificateFactory()->writeCaCertificatePem(caFile))
        return std::nullopt;
    Target target;
    target.host = QStringLiteral("localhost");
    target.port = run.host->server()->httpsPort();
    target.tls.caFile = caFile;
    target.timeout = 5s;
    run.log = std::make_unique<DiagnosticLog>();
    run.context = std::make_unique<DiagnosticContext>(target, run.log.get());
    run.context->findings().reachableAddress = QHostAddress(QHostAddress::LocalHost);
    run.check = std::make_unique<TlsCheck>(*run.context);
    return run;
}

QString TestTlsCheck::httpLog(const DiagnosticLog &log)
{
    QStringList lines;
    for (const LogEntry &entry : log.entries(LogChannel::Http))
        lines.append(entry.text);
    return lines.join(QLatin1Char('\n'));
}

void TestTlsCheck::notApplicableToHttp()
{
    std::optional<Target> target = Target::fromUrl(QStringLiteral("http://localhost"));
    QVERIFY(target);
    DiagnosticContext context(*target, nullptr);
    TlsCheck check(context);
    QCOMPARE(check.notApplicableReason(), QStringLiteral("plain http: no TLS to check"));
    QCOMPARE(check.prerequisites(), QList<DiagnosticStage> {DiagnosticStage::Tcp});
    Target https = *target;
    https.scheme = QStringLiteral("https");
    DiagnosticContext httpsContext(https, nullptr);
    QVERIFY(TlsCheck(httpsContext).notApplicableReason().isEmpty());
}

void TestTlsCheck::healthy()
{
    std::optional<Run> run = prepare(QStringLiteral("healthy"));
    QVERIFY(run);
    QSignalSpy finished(run->check.get(), &DiagnosticCheck::finished);
    QSignalSpy progress(run->check.get(), &DiagnosticCheck::progress);
    run->check->start();
    QVERIFY(finished.wait(10000));
    const CheckResult &result = run->check->result();
    // The simulator's certificate is valid for 30 days, so the expiry warning (C9) may apply.
    QVERIFY2(checkStatusAllowsDependants(result.status), qPrintable(result.summary));
    QVERIFY2(result.summary.contains(QLatin1String("handshake OK; certificate verified for localhost")),
        qPrintable(result.summary));
    QCOMPARE(result.stage, DiagnosticStage::Tls);
    QVERIFY(result.evidenceValue(u"tls.protocol").startsWith(QLatin1String("TLSv1.")));
    QCOMPARE(result.evidenceValue(u"tls.verify"), QStringLiteral("0 ok"));
    QCOMPARE(result.evidenceValue(u"tls.relaxation"), QString()); // no relaxed probes after a good handshake
    QVERIFY(run->context->findings().tls.has_value());
    QVERIFY(run->context->findings().tls->verificationPassed());
    QVERIFY(!progress.isEmpty());
    const QString log = httpLog(*run->log);
    QVERIFY2(log.contains(QLatin1String("TLS connect localhost (127.0.0.1):")), qPrintable(log));
    QVERIFY2(log.contains(QLatin1String("TLS [default]: handshake OK")), qPrintable(log));
}

void TestTlsCheck::selfSigned()
{
    std::optional<Run> run = prepare(QStringLiteral("cert-self-signed"));
    QVERIFY(run);
    QSignalSpy finished(run->check.get(), &DiagnosticCheck::finished);
    run->check->start();
    QVERIFY(finished.wait(10000));
    const CheckResult &result = run->check->result();
    QCOMPARE(result.status, CheckStatus::Failed);
    QCOMPARE(result.hintIds.value(0), QStringLiteral("C7"));
    QCOMPARE(result.summary, QStringLiteral("Certificate is self-signed (verify code 18)"));
    QCOMPARE(result.evidenceValue(u"tls.verify"), QStringLiteral("18 self-signed certificate"));
}

void TestTlsCheck::legacyOnlyFindsTheRelaxation()
{
    std::optional<Run> run = prepare(QStringLiteral("tls-legacy"));
    QVERIFY(run);
    QSignalSpy finished(run->check.get(), &DiagnosticCheck::finished);
    run->check->start();
    QVERIFY(finished.wait(15000));
    const CheckResult &result = run->check->result();
    QCOMPARE(result.status, CheckStatus::Failed);
    QCOMPARE(result.hintIds.value(0), QStringLiteral("C3"));
    QVERIFY2(result.evidenceValue(u"tls.relaxation").startsWith(QLatin1String("legacy-protocols: handshake OK, TLSv1")),
        qPrintable(result.evidenceValue(u"tls.relaxation")));
    QVERIFY(run->context->findings().tls.has_value());
    QVERIFY(!run->context->findings().tls->handshakeCompleted);
    const QString log = httpLog(*run->log);
    for (TlsPolicy policy : tlsRelaxations())
        QVERIFY2(log.contains(QStringLiteral("TLS [%1]").arg(tlsPolicyName(policy))), qPrintable(log));
}

void TestTlsCheck::cancel()
{
    std::optional<Run> run = prepare(QStringLiteral("healthy"));
    QVERIFY(run);
    QSignalSpy finished(run->check.get(), &DiagnosticCheck::finished);
    run->check->start();
    QTest::qWait(0);
    run->check->cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(run->check->result().status, CheckStatus::Skipped);
    QTest::qWait(100);
    QCOMPARE(finished.size(), 1);
}

QTEST_GUILESS_MAIN(TestTlsCheck)
#include "TestTlsCheck.moc"
