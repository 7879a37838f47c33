// SPDX-License-Identifier: GPL-3.0-or-later
// The listener stage (issue #6) through the whole runner against the in-process simulator: delivered,
// egress blocked (F2), disabled (F6), dead foreign destinations (F11), creation errors (F7), cancel
// and the runner's timeout; after each, nothing named cimdiag: is left in the interop namespace.
// Every probe and every listener stays on 127.0.0.1.
#include "core/audit/AuditEvent.h"
#include "core/audit/AuditSession.h"
#include "core/audit/AuditTrail.h"
#include "core/diagnostics/DiagnosticRunner.h"
#include "core/diagnostics/ListenerCheck.h"
#include "core/diagnostics/ListenerCheckAddress.h"
#include "core/diagnostics/ListenerCheckCleanup.h"
#include "core/log/DiagnosticLog.h"
#include "core/net/CertificateFactory.h"
#include "core/report/DiagnosticReport.h"
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimIndicationSender.h"
#include "core/sim/SimScenarioHost.h"
#include "core/wbem/WbemConnection.h"
#include "core/wbem/WbemOperation.h"
#include "tests/support/LoopbackPort.h"

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace cimdiag;
using namespace std::chrono_literals;

namespace {

const QString kInterop = QStringLiteral("interop");

bool runOperation(WbemOperation *operation, CimOperationResponse *response = nullptr)
{
    if (!QTest::qWaitFor([operation] { return operation->isFinished(); }, 10000))
        return false;
    if (response)
        *response = operation->response();
    const bool ok = operation->error().isNull();
    operation->deleteLater();
    return ok;
}

WbemConnectionOptions connectionTo(const SimScenarioHost &host)
{
    WbemConnectionOptions options;
    options.url = host.server()->httpUrl();
    options.credentials = WbemCredentials::basic(QStringLiteral("cimuser"), QStringLiteral("cimpass"));
    options.readTimeout = 5000ms;
    return options;
}

/// Names (Name keys, or "subscription:<filter name>") of the interop objects whose name starts with prefix.
QStringList objectsNamed(WbemConnection &connection, const QString &prefix)
{
    QStringList names;
    for (const char *className : {"CIM_IndicationSubscription", "CIM_ListenerDestination", "CIM_IndicationFilter"}) {
        CimOperationResponse response;
        if (!runOperation(connection.enumerateInstanceNames(QString::fromLatin1(className), kInterop), &response))
            return {QStringLiteral("enumerate failed")};
        for (const CimInstanceName &path : response.instanceNames) {
            CimValue name = path.keyBinding(u"Name");
            if (name.isNull() || name.type() == CimType::Invalid)
                name = path.keyBinding(u"Filter").toReference().keyBinding(u"Name");
            if (name.toString().startsWith(prefix))
                names.append(QString::fromLatin1(className) + u':' + name.toString());
        }
    }
    return names;
}

/// Plants a filter, a destination (to url) and a subscription named name, as an earlier run or
/// another tool would have left them.
bool plant(WbemConnection &connection, const QString &name, const QString &url)
{
    QList<CimInstanceName> created;
    CimInstance filter(QStringLiteral("CIM_IndicationFilter"));
    filter.setProperty(CimProperty(QStringLiteral("Name"), CimValue::string(name)));
    filter.setProperty(
        CimProperty(QStringLiteral("Query"), CimValue::string(QStringLiteral("SELECT * FROM CIM_AlertIndication"))));
    filter.setProperty(CimProperty(QStringLiteral("QueryLanguage"), CimValue::string(QStringLiteral("WQL"))));
    CimInstance destination(QStringLiteral("CIM_ListenerDestinationCIMXML"));
    destination.setProperty(CimProperty(QStringLiteral("Name"), CimValue::string(name)));
    destination.setProperty(CimProperty(QStringLiteral("Destination"), CimValue::string(url)));
    for (const CimInstance &instance : {filter, destination}) {
        CimOperationResponse response;
        if (!runOperation(connection.createInstance(instance, kInterop), &response) || response.instanceNames.isEmpty())
            return false;
        created.append(response.instanceNames.constFirst());
    }
    CimInstance subscription(QStringLiteral("CIM_IndicationSubscription"));
    subscription.setProperty(CimProperty(QStringLiteral("Filter"), CimValue::reference(created.at(0))));
    subscription.setProperty(CimProperty(QStringLiteral("Handler"), CimValue::reference(created.at(1))));
    return runOperation(connection.createInstance(subscription, kInterop));
}

} // namespace

class TestListenerCheck : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static SimScenario scenario(const QString &name)
    {
        SimScenario loaded = *SimScenario::load(name);
        loaded.indications.intervalMs = 0; // only the delivery on creation: no timing in the verdict
        return loaded;
    }

    static Target targetFor(const SimScenarioHost &host, std::chrono::milliseconds wait = 5000ms)
    {
        Target target;
        target.scheme = QStringLiteral("http");
        target.host = QStringLiteral("127.0.0.1");
        target.port = host.server()->httpPort();
        target.credentials = WbemCredentials::basic(QStringLiteral("cimuser"), QStringLiteral("cimpass"));
        target.timeout = 5000ms;
        target.listener.enabled = true;
        target.listener.wait = wait;
        target.listener.pollInterval = 200ms;
        target.listener.probeTimeout = 500ms;
        return target;
    }

    /// Runs the whole diagnosis; returns the listener stage's result.
    static CheckResult runListener(DiagnosticRunner &runner)
    {
        QSignalSpy finished(&runner, &DiagnosticRunner::finished);
        runner.start();
        if (!finished.wait(30000))
            return {};
        for (const CheckResult &result : runner.run().results) {
            if (result.stage == DiagnosticStage::Listener)
                return result;
        }
        return {};
    }

    /// Writes certificate (and chain after it) and key as PEM files named name.crt and name.key in
    /// the test's directory; returns the two paths (empty on a write error).
    std::pair<QString, QString> writePem(
        const QString &name, const IssuedCertificate &certificate, const QByteArray &keyPem = QByteArray()) const
    {
        const QString certificatePath = m_dir.filePath(name + QStringLiteral(".crt"));
        const QString keyPath = m_dir.filePath(name + QStringLiteral(".key"));
        QByteArray chainPem = certificate.certificatePem();
        for (const QSslCertificate &issuer : certificate.chain)
            chainPem += issuer.toPem();
        QFile certificateOut(certificatePath);
        QFile keyOut(keyPath);
        if (!certificateOut.open(QIODevice::WriteOnly) || certificateOut.write(chainPem) != chainPem.size()
            || !keyOut.open(QIODevice::WriteOnly))
            return {};
        const QByteArray key = keyPem.isNull() ? certificate.privateKeyPem() : keyPem;
        if (keyOut.write(key) != key.size())
            return {};
        return {certificatePath, keyPath};
    }

    /// A self-signed listener certificate for 127.0.0.1 (or the request given).
    static IssuedCertificate listenerCertificate(CertificateRequest request = {})
    {
        return CertificateFactory::selfSignedServerCertificate(request);
    }

    /// Until the stage reports that it waits for an indication (the subscription exists).
    static bool waitForTheWait(const QSignalSpy &progress)
    {
        return QTest::qWaitFor(
            [&progress] {
                for (const QList<QVariant> &args : progress) {
                    if (args.at(1).toString().startsWith(QStringLiteral("Waiting")))
                        return true;
                }
                return false;
            },
            20000);
    }

    static QString trace(const DiagnosticRunner &runner)
    {
        QString text;
        for (const CheckResult &result : runner.run().results)
            text += QStringLiteral("\n  %1 %2 [%3] %4 | %5")
                        .arg(diagnosticStageId(result.stage), checkStatusName(result.status), result.hintIds.join(u','),
                            result.summary, result.details.join(QStringLiteral(" | ")));
        return text;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("XDG_STATE_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("state"))));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("config"))));
        qputenv("XDG_CACHE_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("cache"))));
    }

    void notRunUnlessEnabled()
    {
        Target target;
        target.host = QStringLiteral("127.0.0.1");
        DiagnosticRunner runner(target);
        QVERIFY(!runner.stages().contains(DiagnosticStage::Listener));
        target.listener.enabled = true;
        DiagnosticRunner enabled(target);
        QVERIFY(enabled.stages().contains(DiagnosticStage::Listener));
        QCOMPARE(diagnosticStageFromId(u"listener"), std::optional(DiagnosticStage::Listener));
    }

    void addressWarnings_data()
    {
        QTest::addColumn<QString>("chosen");
        QTest::addColumn<QString>("peer");
        QTest::addColumn<bool>("warns");
        QTest::newRow("loopback, server local") << "127.0.0.1"
                                                << "127.0.0.1" << false;
        QTest::newRow("loopback, server remote") << "127.0.0.1"
                                                 << "198.51.100.7" << true;
        QTest::newRow("private, server public: NAT") << "192.168.1.20"
                                                     << "198.51.100.7" << true;
        QTest::newRow("private, server private") << "10.1.2.3"
                                                 << "10.9.9.9" << false;
        QTest::newRow("CGNAT, server public") << "100.64.3.4"
                                              << "198.51.100.7" << true;
        QTest::newRow("ULA, server public") << "fd00::5"
                                            << "2001:db8::1" << true;
        QTest::newRow("public") << "203.0.113.5"
                                << "198.51.100.7" << false;
        QTest::newRow("a name") << "workstation.local"
                                << "198.51.100.7" << true;
    }

    void addressWarnings()
    {
        QFETCH(QString, chosen);
        QFETCH(QString, peer);
        QFETCH(bool, warns);
        const QStringList warnings = ListenerCheckAddress::warnings(chosen, QHostAddress(peer));
        QCOMPARE(!warnings.isEmpty(), warns);
        for (const QString &warning : warnings)
            QVERIFY(warning.contains(QStringLiteral("[F3]")));
    }

    void delivered()
    {
        SimScenarioHost host;
        QVERIFY2(host.start(scenario(QStringLiteral("healthy")), {.https = false}), qPrintable(host.errorString()));
        const QString trailPath = m_dir.filePath(QStringLiteral("delivered-audit.jsonl"));
        DiagnosticLog log;
        CheckResult result;
        {
            AuditSession audit(QStringLiteral("TestListenerCheck"), {}, trailPath);
            DiagnosticRunner runner(targetFor(host), &log);
            result = runListener(runner);
            QVERIFY2(result.status == CheckStatus::Passed, qPrintable(trace(runner)));
            QCOMPARE(result.evidenceValue(u"listener.address"), QStringLiteral("127.0.0.1"));
            QCOMPARE(result.evidenceValue(u"listener.selfTest"), QStringLiteral("ok"));
            QCOMPARE(result.evidenceValue(u"listener.delivered"), QStringLiteral("true"));
            QCOMPARE(result.evidenceValue(u"listener.subscriptionState"), QStringLiteral("2 (Enabled)"));
            QCOMPARE(result.evidenceValue(u"listener.removed"), QStringLiteral("3"));
            QVERIFY(result.evidenceValue(u"listener.port").toInt() > 0);
            const ListenerCheckFindings &findings = runner.context().findings().listener;
            QVERIFY(!findings.indications.isEmpty());
            QCOMPARE(findings.indications.constFirst().indication.className(), QStringLiteral("CIM_AlertIndication"));
            QVERIFY(findings.destination.startsWith(QStringLiteral("http://127.0.0.1:")));

            // The report carries the result as its "listener" section, with the indication.
            const DiagnosticReport report = DiagnosticReport::fromRunner(runner, &log);
            QCOMPARE(report.sections.size(), 1);
            QCOMPARE(report.sections.constFirst().id, QStringLiteral("listener"));
            QCOMPARE(report.sections.constFirst().status, std::optional(CheckStatus::Passed));
            QVERIFY(report.sections.constFirst().lines.join(u'\n').contains(QStringLiteral("CIM_AlertIndication")));
        }
        WbemConnection connection(connectionTo(host));
        QCOMPARE(objectsNamed(connection, ListenerCheckCleanup::ownedPrefix()), QStringList());

        // Every create and delete went to the audit trail through the context's connection.
        int creates = 0;
        int deletes = 0;
        for (const AuditEvent &event : AuditTrail::readAll(trailPath)) {
            const QString operation = event.details.value(QStringLiteral("operation")).toString();
            creates += operation == QLatin1String("CreateInstance") ? 1 : 0;
            deletes += operation == QLatin1String("DeleteInstance") ? 1 : 0;
        }
        QCOMPARE(creates, 3);
        QCOMPARE(deletes, 3);
    }

    void httpsDelivered()
    {
        SimScenarioHost host;
        QVERIFY2(host.start(scenario(QStringLiteral("healthy")), {.https = false}), qPrintable(host.errorString()));
        Target target = targetFor(host);
        target.listener.scheme = QStringLiteral("https");
        DiagnosticLog log;
        DiagnosticRunner runner(target, &log);
        const CheckResult result = runListener(runner);
        QVERIFY2(result.status == CheckStatus::Passed, qPrintable(trace(runner)));
        QCOMPARE(result.evidenceValue(u"listener.scheme"), QStringLiteral("https"));
        QCOMPARE(result.evidenceValue(u"listener.selfTest"), QStringLiteral("ok"));
        QCOMPARE(result.evidenceValue(u"listener.delivered"), QStringLiteral("true"));
        QCOMPARE(result.evidenceValue(u"listener.rejectedHandshakes"), QStringLiteral("0"));
        const ListenerCheckFindings &findings = runner.context().findings().listener;
        QVERIFY(findings.destination.startsWith(QStringLiteral("https://127.0.0.1:")));
        QCOMPARE(findings.scheme, QStringLiteral("https"));
        QVERIFY(findings.latencyMs >= 0);
        QCOMPARE(result.evidenceValue(u"listener.latencyMs"), QString::number(findings.latencyMs));
        // The fingerprint shown is the one of the certificate the server was served.
        const QString fingerprint = result.evidenceValue(u"listener.certificateSha256");
        QCOMPARE(fingerprint.size(), 32 * 3 - 1);
        QCOMPARE(findings.certificateSha256, fingerprint);
        QVERIFY(findings.indications.constFirst().tls);
        bool delivered = false;
        for (const SimIndicationDelivery &delivery : host.indicationSender()->deliveries())
            delivered = delivered || (delivery.delivered && delivery.destination.startsWith(u"https://"));
        QVERIFY(delivered);
        // The report's listener section carries scheme, fingerprint and latency.
        const DiagnosticReport report = DiagnosticReport::fromRunner(runner, &log);
        const ReportSection &section = report.sections.constFirst();
        QCOMPARE(section.id, QStringLiteral("listener"));
        QString fields;
        for (const CheckEvidence &field : section.fields)
            fields += field.name + u'=' + field.value + u'\n';
        QVERIFY2(fields.contains(QStringLiteral("listener.scheme=https")), qPrintable(fields));
        QVERIFY2(fields.contains(QStringLiteral("listener.certificateSha256=") + fingerprint), qPrintable(fields));
        QVERIFY2(fields.contains(QStringLiteral("listener.latencyMs=")), qPrintable(fields));
        WbemConnection connection(connectionTo(host));
        QCOMPARE(objectsNamed(connection, ListenerCheckCleanup::ownedPrefix()), QStringList());
    }

    void httpsCertificateRejected()
    {
        // F4: the server verifies listener certificates against its own trust (sfcb
        // sslIndicationReceiverCert=verify): OpenSSL's alert reaches the listener, the deliveries
        // fail and after the retries the server disables the subscription.
        SimScenarioHost host;
        QVERIFY2(host.start(scenario(QStringLiteral("indication-cert-rejected")), {.https = false}),
            qPrintable(host.errorString()));
        Target target = targetFor(host, 10000ms);
        target.listener.scheme = QStringLiteral("https");
        DiagnosticLog log;
        DiagnosticRunner runner(target, &log);
        const CheckResult result = runListener(runner);
        QVERIFY2(result.status == CheckStatus::Failed, qPrintable(trace(runner)));
        QCOMPARE(result.hintIds.value(0), QStringLiteral("F4"));
        QVERIFY(result.hintIds.contains(QStringLiteral("F6")));
        QVERIFY2(result.summary.contains(QStringLiteral("rejected the listener's certificate: unknown CA")),
            qPrintable(result.summary + u'\n' + result.details.join(u'\n')));
        QCOMPARE(result.evidenceValue(u"listener.selfTest"), QStringLiteral("ok"));
        QCOMPARE(result.evidenceValue(u"listener.delivered"), QStringLiteral("false"));
        QVERIFY(result.evidenceValue(u"listener.rejectedHandshakes").toInt() >= 1);
        QVERIFY2(result.evidenceValue(u"listener.rejectedHandshake").startsWith(u"127.0.0.1: alert 48"),
            qPrintable(result.evidenceValue(u"listener.rejectedHandshake")));
        // The remedy names the certificate to trust.
        const QString fingerprint = result.evidenceValue(u"listener.certificateSha256");
        QVERIFY(!fingerprint.isEmpty());
        QVERIFY(result.details.join(u'\n').contains(fingerprint));
        // ... made for this run only: the remedy says how to keep one.
        QVERIFY2(result.details.join(u'\n').contains(QStringLiteral("--listener-cert FILE --listener-key FILE")),
            qPrintable(result.details.join(u'\n')));
        QCOMPARE(result.evidenceValue(u"listener.certificateSource"), QStringLiteral("generated"));
        QVERIFY(result.duration < 10000ms);
        // The server's side: failed deliveries with the verification error, like libcurl's.
        const QList<SimIndicationDelivery> deliveries = host.indicationSender()->deliveries();
        QVERIFY(!deliveries.isEmpty());
        for (const SimIndicationDelivery &delivery : deliveries) {
            QVERIFY(!delivery.delivered);
            QVERIFY2(delivery.error.startsWith(u"SSL certificate problem"), qPrintable(delivery.error));
        }
        const DiagnosticReport report = DiagnosticReport::fromRunner(runner, &log);
        QVERIFY(report.sections.constFirst().lines.join(u'\n').contains(
            QStringLiteral("rejected the listener's certificate (alert 48")));
        WbemConnection connection(connectionTo(host));
        QCOMPARE(objectsNamed(connection, ListenerCheckCleanup::ownedPrefix()), QStringList());

        // The same server delivers to an http listener: the remedy works.
        DiagnosticRunner overHttp(targetFor(host));
        QVERIFY2(runListener(overHttp).status == CheckStatus::Passed, qPrintable(trace(overHttp)));
        QCOMPARE(objectsNamed(connection, ListenerCheckCleanup::ownedPrefix()), QStringList());
    }

    void httpsCertificateFile()
    {
        // A certificate the user keeps (--listener-cert/--listener-key): served instead of a new one,
        // its fingerprint is the file's, the self-test trusts exactly it.
        const IssuedCertificate issued = listenerCertificate();
        QVERIFY(!issued.isNull());
        const auto [certificatePath, keyPath] = writePem(QStringLiteral("kept"), issued);
        QVERIFY(!certificatePath.isEmpty());
        SimScenarioHost host;
        QVERIFY2(host.start(scenario(QStringLiteral("healthy")), {.https = false}), qPrintable(host.errorString()));
        Target target = targetFor(host);
        target.listener.scheme = QStringLiteral("https");
        target.listener.certificateFile = certificatePath;
        target.listener.keyFile = keyPath;
        DiagnosticLog log;
        DiagnosticRunner runner(target, &log);
        const CheckResult result = runListener(runner);
        QVERIFY2(result.status == CheckStatus::Passed, qPrintable(trace(runner)));
        QCOMPARE(result.evidenceValue(u"listener.certificateSource"), QStringLiteral("file"));
        QCOMPARE(result.evidenceValue(u"listener.certificateSha256"), issued.sha256Fingerprint());
        QCOMPARE(result.evidenceValue(u"listener.certificateFile"), certificatePath);
        QCOMPARE(result.evidenceValue(u"listener.certificateCoversAddress"), QStringLiteral("true"));
        QCOMPARE(result.evidenceValue(u"listener.selfTest"), QStringLiteral("ok"));
        QCOMPARE(result.evidenceValue(u"listener.delivered"), QStringLiteral("true"));
        QVERIFY(runner.context().findings().listener.indications.constFirst().tls);
        // Neither the key nor anything of its file reaches the result, the log or the report.
        const QByteArray keyBody = issued.privateKeyPem().split('\n').value(1);
        QVERIFY(!keyBody.isEmpty());
        const DiagnosticReport report = DiagnosticReport::fromRunner(runner, &log);
        QString everything
            = result.summary + result.details.join(u'\n') + report.sections.constFirst().lines.join(u'\n');
        for (const CheckEvidence &field : result.evidence)
            everything += field.value;
        for (const LogEntry &entry : log.entries())
            everything += entry.text;
        QVERIFY(!everything.contains(QString::fromLatin1(keyBody)));
        QVERIFY(!everything.contains(QStringLiteral("PRIVATE KEY")));

        // A certificate made here for this run instead says so.
        Target generated = targetFor(host);
        generated.listener.scheme = QStringLiteral("https");
        DiagnosticRunner again(generated);
        const CheckResult madeHere = runListener(again);
        QVERIFY2(madeHere.status == CheckStatus::Passed, qPrintable(trace(again)));
        QCOMPARE(madeHere.evidenceValue(u"listener.certificateSource"), QStringLiteral("generated"));
        QVERIFY(madeHere.evidenceValue(u"listener.certificateSha256") != issued.sha256Fingerprint());
        WbemConnection connection(connectionTo(host));
        QCOMPARE(objectsNamed(connection, ListenerCheckCleanup::ownedPrefix()), QStringList());
    }

    void httpsCertificateFileWithChain()
    {
        // A leaf issued by a CA, the file holding leaf then CA, as a real deployment has it.
        const std::optional<CertificateFactory> ca = CertificateFactory::create();
        QVERIFY(ca);
        const IssuedCertificate issued = ca->issueServerCertificate();
        QVERIFY(!issued.isNull());
        QCOMPARE(issued.chain.size(), 1);
        const auto [certificatePath, keyPath] = writePem(QStringLiteral("chain"), issued);
        SimScenarioHost host;
        QVERIFY2(host.start(scenario(QStringLiteral("healthy")), {.https = false}), qPrintable(host.errorString()));
        Target target = targetFor(host);
        target.listener.scheme = QStringLiteral("https");
        target.listener.certificateFile = certificatePath;
        target.listener.keyFile = keyPath;
        DiagnosticLog log;
        DiagnosticRunner runner(target, &log);
        const CheckResult result = runListener(runner);
        QVERIFY2(result.status == CheckStatus::Passed, qPrintable(trace(runner)));
        QCOMPARE(result.evidenceValue(u"listener.certificateSha256"), issued.sha256Fingerprint());

        // The leaf alone, its CA nowhere in the file: served as it is, the self-test still passes.
        IssuedCertificate leafOnly = issued;
        leafOnly.chain.clear();
        const auto [leafPath, leafKeyPath] = writePem(QStringLiteral("leaf-only"), leafOnly);
        target.listener.certificateFile = leafPath;
        target.listener.keyFile = leafKeyPath;
        DiagnosticRunner again(target);
        const CheckResult leafResult = runListener(again);
        QVERIFY2(leafResult.status == CheckStatus::Passed, qPrintable(trace(again).right(800)));
        QCOMPARE(leafResult.evidenceValue(u"listener.selfTest"), QStringLiteral("ok"));
    }

    void httpsCertificateFileProblems_data()
    {
        QTest::addColumn<QString>("problem");
        QTest::addColumn<QString>("namedFile"); // "crt" or "key"
        QTest::addColumn<QString>("reason");
        QTest::newRow("missing certificate") << "missing"
                                             << "crt"
                                             << "cannot read the certificate file";
        QTest::newRow("not PEM") << "not-pem"
                                 << "crt"
                                 << "holds no PEM certificate";
        QTest::newRow("key not PEM") << "key-not-pem"
                                     << "key"
                                     << "holds no PEM private key";
        QTest::newRow("mismatched key") << "mismatch"
                                        << "key"
                                        << "does not belong to the certificate";
        QTest::newRow("expired") << "expired"
                                 << "crt"
                                 << "the certificate expired on";
        QTest::newRow("not yet valid") << "future"
                                       << "crt"
                                       << "the certificate is not valid before";
    }

    void httpsCertificateFileProblems()
    {
        QFETCH(QString, problem);
        QFETCH(QString, namedFile);
        QFETCH(QString, reason);
        CertificateRequest request;
        if (problem == QLatin1String("expired")) {
            request.notBeforeDays = -10;
            request.notAfterDays = -1;
        } else if (problem == QLatin1String("future")) {
            request.notBeforeDays = 2;
        }
        const IssuedCertificate issued = listenerCertificate(request);
        QVERIFY(!issued.isNull());
        QByteArray keyPem;
        if (problem == QLatin1String("mismatch"))
            keyPem = listenerCertificate().privateKeyPem();
        else if (problem == QLatin1String("key-not-pem"))
            keyPem = QByteArrayLiteral("not a key\n");
        auto [certificatePath, keyPath] = writePem(problem, issued, keyPem);
        QVERIFY(!certificatePath.isEmpty());
        if (problem == QLatin1String("missing"))
            QVERIFY(QFile::remove(certificatePath));
        if (problem == QLatin1String("not-pem")) {
            QFile file(certificatePath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(issued.certificate.toDer());
        }
        SimScenarioHost host;
        QVERIFY2(host.start(scenario(QStringLiteral("healthy")), {.https = false}), qPrintable(host.errorString()));
        Target target = targetFor(host);
        target.listener.scheme = QStringLiteral("https");
        target.listener.certificateFile = certificatePath;
        target.listener.keyFile = keyPath;
        DiagnosticRunner runner(target);
        const CheckResult result = runListener(runner);
        QVERIFY2(result.status == CheckStatus::Failed, qPrintable(trace(runner)));
        QVERIFY2(result.summary.contains(reason), qPrintable(result.summary));
        QVERIFY2(result.summary.contains(namedFile == QLatin1String("key") ? keyPath : certificatePath),
            qPrintable(result.summary));
        // Stopped before listening: nothing served, nothing created on the server.
        QVERIFY(result.evidenceValue(u"listener.selfTest").isEmpty());
        QVERIFY(result.evidenceValue(u"listener.certificateSha256").isEmpty());
        QCOMPARE(host.indicationSender()->deliveries().size(), 0);
        WbemConnection connection(connectionTo(host));
        QCOMPARE(objectsNamed(connection, ListenerCheckCleanup::ownedPrefix()), QStringList());
    }

    void httpsCertificateFileForAnotherName()
    {
        // The file's certificate names another host: delivered here (the simulator checks no names),
        // but a server that checks names would reject it: a warning, F4.
        CertificateRequest request;
        request.commonName = QStringLiteral("listener.example.com");
        request.dnsNames = {QStringLiteral("listener.example.com")};
        request.ipAddresses.clear();
        const IssuedCertificate issued = listenerCertificate(request);
        const auto [certificatePath, keyPath] = writePem(QStringLiteral("other-name"), issued);
        SimScenarioHost host;
        QVERIFY2(host.start(scenario(QStringLiteral("healthy")), {.https = false}), qPrintable(host.errorString()));
        Target target = targetFor(host);
        target.listener.scheme = QStringLiteral("https");
        target.listener.certificateFile = certificatePath;
        target.listener.keyFile = keyPath;
        DiagnosticRunner runner(target);
        const CheckResult result = runListener(runner);
        QVERIFY2(result.status == CheckStatus::Warning, qPrintable(trace(runner)));
        QVERIFY(result.hintIds.contains(QStringLiteral("F4")));
        QCOMPARE(result.evidenceValue(u"listener.delivered"), QStringLiteral("true"));
        QCOMPARE(result.evidenceValue(u"listener.selfTest"), QStringLiteral("ok"));
        QCOMPARE(result.evidenceValue(u"listener.certificateCoversAddress"), QStringLiteral("false"));
        const QString details = result.details.join(u'\n');
        QVERIFY2(details.contains(QStringLiteral("does not name 127.0.0.1")), qPrintable(details));
        QVERIFY2(details.contains(QStringLiteral("listener.example.com")), qPrintable(details));
    }

    void httpsCertificateFileRejected()
    {
        // F4 with a kept certificate: the remedy names the file to have the server trust.
        const IssuedCertificate issued = listenerCertificate();
        const auto [certificatePath, keyPath] = writePem(QStringLiteral("rejected"), issued);
        SimScenarioHost host;
        QVERIFY2(host.start(scenario(QStringLiteral("indication-cert-rejected")), {.https = false}),
            qPrintable(host.errorString()));
        Target target = targetFor(host, 10000ms);
        target.listener.scheme = QStringLiteral("https");
        target.listener.certificateFile = certificatePath;
        target.listener.keyFile = keyPath;
        DiagnosticRunner runner(target);
        const CheckResult result = runListener(runner);
        QVERIFY2(result.status == CheckStatus::Failed, qPrintable(trace(runner)));
        QCOMPARE(result.hintIds.value(0), QStringLiteral("F4"));
        const QString details = result.details.join(u'\n');
        QVERIFY2(details.contains(QStringLiteral("Make the server trust the listener's certificate in ")
                     + certificatePath + QStringLiteral(", SHA-256 ") + issued.sha256Fingerprint()),
            qPrintable(details));
        QVERIFY2(!details.contains(QStringLiteral("--listener-cert")), qPrintable(details));
        WbemConnection connection(connectionTo(host));
        QCOMPARE(objectsNamed(connection, ListenerCheckCleanup::ownedPrefix()), QStringList());
    }

    void slowDelivery()
    {
        // indication-slow delivers 5 s late. A short wait: nothing arrived, the subscription is still
        // Enabled and nothing connected, so the stage says to wait longer.
        SimScenarioHost host;
        QVERIFY2(
            host.start(scenario(QStringLiteral("indication-slow")), {.https = false}), qPrintable(host.errorString()));
        DiagnosticRunner shortWait(targetFor(host, 1000ms));
        const CheckResult impatient = runListener(shortWait);
        QVERIFY2(impatient.status == CheckStatus::Failed, qPrintable(trace(shortWait)));
        QVERIFY2(impatient.summary.contains(QStringLiteral("still reports the subscription Enabled")),
            qPrintable(impatient.summary));
        QVERIFY(impatient.details.join(u'\n').contains(QStringLiteral("--listener-wait")));
        QCOMPARE(impatient.evidenceValue(u"listener.subscriptionState"), QStringLiteral("2 (Enabled)"));
        QCOMPARE(impatient.evidenceValue(u"listener.connections"), QStringLiteral("0"));
        QVERIFY(impatient.evidenceValue(u"listener.latencyMs").isEmpty());

        // Patient enough: delivered, with the latency as evidence and a warning about it.
        DiagnosticRunner longWait(targetFor(host, 15000ms));
        const CheckResult patient = runListener(longWait);
        QVERIFY2(patient.status == CheckStatus::Warning, qPrintable(trace(longWait)));
        QCOMPARE(patient.evidenceValue(u"listener.delivered"), QStringLiteral("true"));
        QVERIFY(patient.evidenceValue(u"listener.latencyMs").toLongLong() >= 5000);
        QVERIFY2(patient.summary.contains(QStringLiteral("only after")), qPrintable(patient.summary));
        QVERIFY(patient.hintIds.isEmpty()); // the catalogue has no id for slow delivery
        QVERIFY(patient.duration < 15000ms);
        WbemConnection connection(connectionTo(host));
        QCOMPARE(objectsNamed(connection, ListenerCheckCleanup::ownedPrefix()), QStringList());
    }

    void egressBlocked()
    {
        SimScenarioHost host;
        SimScenario blocked = scenario(QStringLiteral("indication-egress-blocked"));
        blocked.indications.deliveryTimeoutMs = 200;
        QVERIFY2(host.start(blocked, {.https = false}), qPrintable(host.errorString()));
        DiagnosticRunner runner(targetFor(host, 1500ms));
        const CheckResult result = runListener(runner);
        QVERIFY2(result.status == CheckStatus::Failed, qPrintable(trace(runner)));
        QCOMPARE(result.hintIds.value(0), QStringLiteral("F2"));
        QCOMPARE(result.evidenceValue(u"listener.selfTest"), QStringLiteral("ok"));
        QCOMPARE(result.evidenceValue(u"listener.delivered"), QStringLiteral("false"));
        // The earlier stages saw a healthy server (TLS does not apply to http://).
        for (const CheckResult &other : runner.run().results) {
            if (other.stage != DiagnosticStage::Listener)
                QVERIFY2(other.status != CheckStatus::Failed, qPrintable(trace(runner)));
        }
        WbemConnection connection(connectionTo(host));
        QCOMPARE(objectsNamed(connection, ListenerCheckCleanup::ownedPrefix()), QStringList());
    }

    void refusedExportRequestIsF5()
    {
        // A sender that reaches the listener and posts an export request it must refuse (here: not
        // CIM-XML at all). The server of this scenario never delivers, so the refusal is the only
        // thing that arrives: the path is proven and the verdict names the listener's refusal
        // (F5), not a firewall.
        SimScenarioHost host;
        QVERIFY2(host.start(scenario(QStringLiteral("indication-egress-blocked")), {.https = false}),
            qPrintable(host.errorString()));
        DiagnosticRunner runner(targetFor(host, 3000ms));
        QSignalSpy progress(&runner, &DiagnosticRunner::stageProgress);
        QSignalSpy finished(&runner, &DiagnosticRunner::finished);
        runner.start();
        QVERIFY(waitForTheWait(progress));
        const quint16 port = runner.context().findings().listener.port;
        QVERIFY(port != 0);
        QTcpSocket sender; // this thread runs the listener too: wait with the event loop running
        QSignalSpy connected(&sender, &QTcpSocket::connected);
        QSignalSpy answered(&sender, &QTcpSocket::readyRead);
        sender.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(connected.wait(5000));
        const QByteArray body = QByteArrayLiteral("this is not CIM-XML");
        sender.write(QByteArrayLiteral("POST /cimdiag HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                       "Content-Type: application/xml; charset=\"utf-8\"\r\n"
                                       "CIMExport: MethodRequest\r\nCIMExportMethod: ExportIndication\r\n"
                                       "CIMProtocolVersion: 1.0\r\nContent-Length: ")
            + QByteArray::number(body.size()) + QByteArrayLiteral("\r\n\r\n") + body);
        QVERIFY(answered.wait(5000));
        QVERIFY(sender.readAll().startsWith("HTTP/1.1 400"));
        QVERIFY(finished.wait(30000));
        const CheckResult result = *runner.context().result(DiagnosticStage::Listener);
        QVERIFY2(result.status == CheckStatus::Failed, qPrintable(trace(runner)));
        QCOMPARE(result.hintIds.value(0), QStringLiteral("F5"));
        QVERIFY2(!result.hintIds.contains(QStringLiteral("F2")), qPrintable(trace(runner)));
        QVERIFY2(result.summary.contains(QStringLiteral("refused")), qPrintable(result.summary));
        QVERIFY2(result.details.join(u' ').contains(QStringLiteral("POST /cimdiag")), qPrintable(trace(runner)));
        WbemConnection connection(connectionTo(host));
        QCOMPARE(objectsNamed(connection, ListenerCheckCleanup::ownedPrefix()), QStringList());
    }

    void disabled()
    {
        SimScenarioHost host;
        QVERIFY2(host.start(scenario(QStringLiteral("indication-disabled")), {.https = false}),
            qPrintable(host.errorString()));
        // The server disables the subscription after about 1.3 s; the wait ends when it reads Disabled.
        DiagnosticRunner runner(targetFor(host, 15000ms));
        const CheckResult result = runListener(runner);
        QVERIFY2(result.status == CheckStatus::Failed, qPrintable(trace(runner)));
        QCOMPARE(result.hintIds.value(0), QStringLiteral("F6"));
        QCOMPARE(result.evidenceValue(u"listener.subscriptionState"), QStringLiteral("4 (Disabled)"));
        QVERIFY(result.duration < 15000ms);
        WbemConnection connection(connectionTo(host));
        QCOMPARE(objectsNamed(connection, ListenerCheckCleanup::ownedPrefix()), QStringList());
    }

    void deadForeignDestinationFlagged()
    {
        SimScenarioHost host;
        QVERIFY2(host.start(scenario(QStringLiteral("healthy")), {.https = false}), qPrintable(host.errorString()));
        WbemConnection connection(connectionTo(host));
        const QString dead = QStringLiteral("http://127.0.0.1:%1/listener").arg(closedLoopbackPort());
        QVERIFY(plant(connection, QStringLiteral("other-tool"), dead));
        DiagnosticRunner runner(targetFor(host));
        const CheckResult result = runListener(runner);
        QVERIFY2(result.status == CheckStatus::Warning, qPrintable(trace(runner)));
        QVERIFY(result.hintIds.contains(QStringLiteral("F11")));
        QCOMPARE(result.evidenceValue(u"listener.deadDestinations"), QStringLiteral("1"));
        QCOMPARE(result.evidenceValue(u"listener.delivered"), QStringLiteral("true"));
        QVERIFY(result.details.join(u'\n').contains(dead));
        // Someone else's objects stay; ours are gone.
        QCOMPARE(objectsNamed(connection, QStringLiteral("other-tool")).size(), 3);
        QCOMPARE(objectsNamed(connection, ListenerCheckCleanup::ownedPrefix()), QStringList());
    }

    void creationErrorCleansUp()
    {
        SimScenarioHost host;
        QVERIFY2(host.start(scenario(QStringLiteral("healthy")), {.https = false}), qPrintable(host.errorString()));
        WbemConnection connection(connectionTo(host));
        // A destination of the same name exists: the filter is created, the destination is refused.
        CimInstance destination(QStringLiteral("CIM_ListenerDestinationCIMXML"));
        destination.setProperty(CimProperty(QStringLiteral("Name"), CimValue::string(QStringLiteral("cimdiag:fixed"))));
        destination.setProperty(
            CimProperty(QStringLiteral("Destination"), CimValue::string(QStringLiteral("http://127.0.0.1:1/x"))));
        QVERIFY(runOperation(connection.createInstance(destination, kInterop)));
        Target target = targetFor(host);
        target.listener.runId = QStringLiteral("fixed");
        DiagnosticRunner runner(target);
        const CheckResult result = runListener(runner);
        QVERIFY2(result.status == CheckStatus::Failed, qPrintable(trace(runner)));
        QCOMPARE(result.hintIds.value(0), QStringLiteral("F7"));
        QCOMPARE(objectsNamed(connection, ListenerCheckCleanup::ownedPrefix()), QStringList());
    }

    void cancelMidWaitCleansUp()
    {
        SimScenarioHost host;
        QVERIFY2(host.start(scenario(QStringLiteral("indication-egress-blocked")), {.https = false}),
            qPrintable(host.errorString()));
        DiagnosticRunner runner(targetFor(host, 60000ms));
        QSignalSpy progress(&runner, &DiagnosticRunner::stageProgress);
        QSignalSpy finished(&runner, &DiagnosticRunner::finished);
        runner.start();
        QVERIFY(waitForTheWait(progress));
        WbemConnection connection(connectionTo(host));
        QCOMPARE(objectsNamed(connection, ListenerCheckCleanup::ownedPrefix()).size(), 3);
        runner.cancel();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(runner.context().result(DiagnosticStage::Listener)->status, CheckStatus::Skipped);
        // The sweep goes on after the stage finished; the runner (and so the sweep) stays alive.
        QTRY_COMPARE_WITH_TIMEOUT(ListenerCheckCleanup::runningCount(), 0, 10000);
        QCOMPARE(objectsNamed(connection, ListenerCheckCleanup::ownedPrefix()), QStringList());
    }

    void timeoutCleansUp()
    {
        SimScenarioHost host;
        QVERIFY2(host.start(scenario(QStringLiteral("indication-egress-blocked")), {.https = false}),
            qPrintable(host.errorString()));
        DiagnosticRunner runner(targetFor(host, 60000ms));
        runner.setStageTimeout(4000ms);
        const CheckResult result = runListener(runner);
        QVERIFY2(result.status == CheckStatus::Failed, qPrintable(trace(runner)));
        QVERIFY(result.summary.contains(QStringLiteral("did not finish")));
        QTRY_COMPARE_WITH_TIMEOUT(ListenerCheckCleanup::runningCount(), 0, 10000);
        WbemConnection connection(connectionTo(host));
        QCOMPARE(objectsNamed(connection, ListenerCheckCleanup::ownedPrefix()), QStringList());
    }

    void leftoversOfACrashedRunAreRemoved()
    {
        SimScenarioHost host;
        QVERIFY2(host.start(scenario(QStringLiteral("healthy")), {.https = false}), qPrintable(host.errorString()));
        WbemConnection planter(connectionTo(host));
        QVERIFY(
            plant(planter, QStringLiteral("cimdiag:crashed1"), QStringLiteral("http://127.0.0.1:1/cimdiag/crashed1")));
        QVERIFY(plant(planter, QStringLiteral("other-tool"), QStringLiteral("http://127.0.0.1:1/other")));
        QCOMPARE(objectsNamed(planter, ListenerCheckCleanup::ownedPrefix()).size(), 3);

        const QString trailPath = m_dir.filePath(QStringLiteral("cleanup-audit.jsonl"));
        {
            AuditSession audit(QStringLiteral("TestListenerCheck"), {}, trailPath);
            DiagnosticContext context(targetFor(host), nullptr);
            WbemConnection *connection = context.createConnection(DiagnosticStage::Listener, this);
            // Not an interop namespace first: the sweep moves on to the next.
            ListenerCheckCleanup sweep(
                connection, {QStringLiteral("root/nothing"), kInterop}, ListenerCheckCleanup::ownedPrefix());
            QSignalSpy finished(&sweep, &ListenerCheckCleanup::finished);
            sweep.start();
            QVERIFY(finished.wait(10000));
            QVERIFY2(sweep.succeeded(), qPrintable(sweep.errors().join(u'\n')));
            QCOMPARE(sweep.nameSpace(), kInterop);
            QCOMPARE(sweep.removed().size(), 3);
            // The subscription went first (servers refuse to delete a filter in use).
            QVERIFY(sweep.removed().constFirst().contains(QStringLiteral("CIM_IndicationSubscription")));
            delete connection;
        }
        QCOMPARE(objectsNamed(planter, ListenerCheckCleanup::ownedPrefix()), QStringList());
        QCOMPARE(objectsNamed(planter, QStringLiteral("other-tool")).size(), 3);
        int deletes = 0;
        for (const AuditEvent &event : AuditTrail::readAll(trailPath))
            deletes += event.details.value(QStringLiteral("operation")).toString() == QLatin1String("DeleteInstance");
        QCOMPARE(deletes, 3);
    }
};

QTEST_GUILESS_MAIN(TestListenerCheck)
#include "TestListenerCheck.moc"
