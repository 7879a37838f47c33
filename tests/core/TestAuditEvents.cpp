// SPDX-License-Identifier: GPL-3.0-or-later
// Every audit event kind (issue #8) produced by real runs against the in-process simulator:
// authentication (Basic, CIM ticket, client certificate; success and failure) from WbemConnections
// and from a diagnosis (the DiagnosticContext hook AuditSession installs), start-up, and the CIM
// operations that change the server (create, modify, delete instance; a failing delete). After
// every test the trail must verify and hold no secret in any encoding.
#include "core/audit/AuditEvent.h"
#include "core/audit/AuditOperationRecorder.h"
#include "core/audit/AuditSession.h"
#include "core/audit/AuditTrail.h"
#include "core/audit/AuditVerifier.h"
#include "core/diagnostics/DiagnosticRunner.h"
#include "core/log/DiagnosticLog.h"
#include "core/net/CertificateFactory.h"
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimScenario.h"
#include "core/sim/SimScenarioHost.h"
#include "core/wbem/WbemConnection.h"
#include "core/wbem/WbemOperation.h"
#include "tests/support/CimSamples.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace cimdiag;
using namespace std::chrono_literals;

namespace {

const QString kUser = QStringLiteral("auditor");
// Characters that base64 and URL-encoding change, so every encoding differs from the plain text.
const QString kPassword = QStringLiteral("p@ss w/rd:S\u00e9cret+1");
const QString kWrongPassword = QStringLiteral("Wr0ng?pass&word");
const QString kTicket = QStringLiteral("52f1c9e0-ticket/+=Zq9");
const QString kWrongTicket = QStringLiteral("00000000-stale/+=ticket");
const QString kInterop = QStringLiteral("interop");

bool waitFinished(WbemOperation *operation)
{
    if (operation->isFinished())
        return true;
    QSignalSpy spy(operation, &WbemOperation::finished);
    return spy.wait(10000) || operation->isFinished();
}

QList<AuditEvent> eventsOf(const QList<AuditEvent> &events, AuditEvent::Type type)
{
    QList<AuditEvent> out;
    for (const AuditEvent &event : events) {
        if (event.type == type)
            out.append(event);
    }
    return out;
}

QString detail(const AuditEvent &event, const char *key)
{
    const QJsonValue value = event.details.value(QLatin1String(key));
    return value.isDouble() ? QString::number(value.toInteger()) : value.toString();
}

} // namespace

class TestAuditEvents : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void basicAuthentication();
    void basicAuthenticationAfterChallenge();
    void ticketAuthentication();
    void certificateAuthentication();
    void instanceOperations();
    void diagnosisAuditsStartUpAndAuthentication();

private:
    QString trailPath() const { return m_dir.filePath(QStringLiteral("state/cimdiag/audit.jsonl")); }
    /// The simulator with one account, listening on http (or https only).
    std::unique_ptr<SimScenarioHost> startSimulator(
        const QString &scenarioName, const SimAccount &account, bool https = false);
    WbemConnectionOptions optionsFor(
        const SimScenarioHost &host, const WbemCredentials &credentials, bool https = false);
    QString writeFile(const QByteArray &bytes);

    QTemporaryDir m_dir;
    std::shared_ptr<AuditTrail> m_trail;
    int m_files = 0;
};

void TestAuditEvents::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("HOME", QFile::encodeName(m_dir.path()));
    qputenv("XDG_STATE_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("state"))));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("config"))));
}

void TestAuditEvents::init()
{
    QFile::remove(trailPath());
    m_trail = std::make_shared<AuditTrail>();
}

void TestAuditEvents::cleanup()
{
    m_trail.reset();
    const AuditVerifier::Result result = AuditVerifier::verifyFile(trailPath());
    QVERIFY2(result.valid, qPrintable(QStringLiteral("line %1: %2").arg(result.line).arg(result.reason)));
    QFile file(trailPath());
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QByteArray trail = file.readAll();
    // PEP 258's rule: no password or ticket, in any encoding a header or URL would carry it.
    for (const QString &secret : {kPassword, kWrongPassword, kTicket, kWrongTicket}) {
        const QByteArray utf8 = secret.toUtf8();
        const QByteArray userPass = kUser.toUtf8() + ':' + utf8;
        const QByteArray ticketPair = utf8 + ':' + utf8;
        // The JSON-escaped form too (the trail is JSON: "/" may be written as "\/").
        const QByteArray jsonEscaped
            = QJsonDocument(QJsonArray {secret}).toJson(QJsonDocument::Compact).mid(2).chopped(2);
        for (const QByteArray &form : {utf8, utf8.toBase64(), userPass.toBase64(), ticketPair.toBase64(),
                 QUrl::toPercentEncoding(secret), jsonEscaped}) {
            QVERIFY2(!trail.contains(form), qPrintable(QStringLiteral("a secret reached the trail: ") + secret));
        }
    }
}

std::unique_ptr<SimScenarioHost> TestAuditEvents::startSimulator(
    const QString &scenarioName, const SimAccount &account, bool https)
{
    std::optional<SimScenario> scenario = SimScenario::load(scenarioName);
    if (!scenario)
        return nullptr;
    scenario->accounts = {account};
    auto host = std::make_unique<SimScenarioHost>();
    SimScenarioHost::Listen listen;
    listen.http = !https;
    listen.https = https;
    if (!host->start(*scenario, listen)) {
        qWarning("simulator: %s", qPrintable(host->errorString()));
        return nullptr;
    }
    return host;
}

QString TestAuditEvents::writeFile(const QByteArray &bytes)
{
    const QString path = m_dir.filePath(QStringLiteral("file-%1.pem").arg(++m_files));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

WbemConnectionOptions TestAuditEvents::optionsFor(
    const SimScenarioHost &host, const WbemCredentials &credentials, bool https)
{
    WbemConnectionOptions options;
    options.url = https ? host.server()->httpsUrl() : host.server()->httpUrl();
    options.proxy = WbemProxy::none();
    options.credentials = credentials;
    options.connectTimeout = 5000ms;
    options.readTimeout = 5000ms;
    if (https)
        options.tls.caFile = writeFile(host.certificateFactory()->caCertificatePem());
    return options;
}

void TestAuditEvents::basicAuthentication()
{
    const auto host = startSimulator(QStringLiteral("healthy"), {kUser, kPassword});
    QVERIFY(host);
    {
        WbemConnection connection(optionsFor(*host, WbemCredentials::basic(kUser, kPassword)));
        AuditOperationRecorder::attach(connection, m_trail);
        for (int i = 0; i < 3; ++i) {
            WbemOperation *operation = connection.enumerateInstanceNames(QStringLiteral("CIMDIAG_Fan"));
            QVERIFY(waitFinished(operation));
            QVERIFY2(operation->error().isNull(), qPrintable(operation->error().toString()));
        }
    }
    {
        WbemConnection connection(optionsFor(*host, WbemCredentials::basic(kUser, kWrongPassword)));
        AuditOperationRecorder::attach(connection, m_trail);
        for (int i = 0; i < 2; ++i) {
            WbemOperation *operation = connection.enumerateInstanceNames(QStringLiteral("CIMDIAG_Fan"));
            QVERIFY(waitFinished(operation));
            QCOMPARE(operation->error().kind, WbemError::Kind::Authentication);
        }
    }
    const QList<AuditEvent> events = AuditTrail::readAll(trailPath());
    // One success for three operations on the session; every failure.
    QCOMPARE(events.size(), 3);
    const QString server = host->server()->httpUrl().adjusted(QUrl::RemovePath).toString();
    for (const AuditEvent &event : events) {
        QCOMPARE(event.type, AuditEvent::Type::Authentication);
        QCOMPARE(event.subType, AuditEvent::SubType::BasicAuthentication);
        QCOMPARE(event.target, server);
        QCOMPARE(detail(event, "user"), kUser);
        QCOMPARE(detail(event, "kind"), QStringLiteral("basic"));
        QCOMPARE(event.localUser, AuditTrail::localUserName());
    }
    QCOMPARE(events.at(0).event, AuditEvent::Event::AuthSuccess);
    QCOMPARE(events.at(0).outcome, AuditEvent::Outcome::Success);
    QCOMPARE(detail(events.at(0), "httpStatus"), QStringLiteral("200"));
    QCOMPARE(events.at(1).event, AuditEvent::Event::AuthFailure);
    QCOMPARE(events.at(1).outcome, AuditEvent::Outcome::Failure);
    QCOMPARE(detail(events.at(1), "httpStatus"), QStringLiteral("401"));
    QCOMPARE(events.at(2).event, AuditEvent::Event::AuthFailure);
}

void TestAuditEvents::basicAuthenticationAfterChallenge()
{
    // Not preemptive: the first request goes without Authorization and is challenged. That 401 is
    // no failed authentication (nothing was offered); the retry with credentials is the success.
    const auto host = startSimulator(QStringLiteral("healthy"), {kUser, kPassword});
    QVERIFY(host);
    WbemConnection connection(optionsFor(*host, WbemCredentials::basic(kUser, kPassword, false)));
    AuditOperationRecorder::attach(connection, m_trail);
    WbemOperation *operation = connection.enumerateInstanceNames(QStringLiteral("CIMDIAG_Fan"));
    QVERIFY(waitFinished(operation));
    QVERIFY2(operation->error().isNull(), qPrintable(operation->error().toString()));
    const QList<AuditEvent> events = AuditTrail::readAll(trailPath());
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.constFirst().event, AuditEvent::Event::AuthSuccess);
}

void TestAuditEvents::ticketAuthentication()
{
    // ESXi takes the ticket as Basic ticket:ticket; the simulator's account stands for it.
    const auto host = startSimulator(QStringLiteral("healthy"), {kTicket, kTicket});
    QVERIFY(host);
    for (const QString &ticket : {kTicket, kWrongTicket}) {
        WbemConnection connection(optionsFor(*host, WbemCredentials::cimTicket(ticket)));
        AuditOperationRecorder::attach(connection, m_trail);
        WbemOperation *operation = connection.enumerateInstanceNames(QStringLiteral("CIMDIAG_Fan"));
        QVERIFY(waitFinished(operation));
        QCOMPARE(operation->error().isNull(), ticket == kTicket);
    }
    const QList<AuditEvent> events = AuditTrail::readAll(trailPath());
    QCOMPARE(events.size(), 2);
    for (const AuditEvent &event : events) {
        QCOMPARE(event.type, AuditEvent::Type::Authentication);
        QCOMPARE(event.subType, AuditEvent::SubType::TicketAuthentication);
        QCOMPARE(detail(event, "kind"), QStringLiteral("ticket"));
        QVERIFY(!event.details.contains(QStringLiteral("user"))); // the ticket is its own user name
    }
    QCOMPARE(events.at(0).event, AuditEvent::Event::AuthSuccess);
    QCOMPARE(events.at(1).event, AuditEvent::Event::AuthFailure);
}

void TestAuditEvents::certificateAuthentication()
{
    const auto host = startSimulator(QStringLiteral("client-cert-required"), {kUser, kPassword}, true);
    QVERIFY(host);
    QString error;
    const IssuedCertificate good
        = host->certificateFactory()->issueClientCertificate(QStringLiteral("cimdiag audit client"), &error);
    QVERIFY2(!good.isNull(), qPrintable(error));
    // A certificate from a CA the server does not trust.
    const std::optional<CertificateFactory> otherCa
        = CertificateFactory::create(QStringLiteral("cimdiag test CA"), QStringLiteral("cimdiag"), &error);
    QVERIFY2(otherCa, qPrintable(error));
    const IssuedCertificate stranger = otherCa->issueClientCertificate(QStringLiteral("stranger"), &error);
    QVERIFY2(!stranger.isNull(), qPrintable(error));

    for (const IssuedCertificate *certificate : {&good, &stranger}) {
        WbemConnectionOptions options = optionsFor(*host, WbemCredentials::basic(kUser, kPassword), true);
        options.tls.clientCertificateFile = writeFile(certificate->certificatePem());
        options.tls.clientKeyFile = writeFile(certificate->privateKeyPem());
        WbemConnection connection(options);
        QVERIFY2(connection.tlsSetupError().isEmpty(), qPrintable(connection.tlsSetupError()));
        AuditOperationRecorder::attach(connection, m_trail);
        WbemOperation *operation = connection.enumerateInstanceNames(QStringLiteral("CIMDIAG_Fan"));
        QVERIFY(waitFinished(operation));
        QVERIFY2(operation->error().isNull() == (certificate == &good), qPrintable(operation->error().toString()));
    }
    const QList<AuditEvent> events = AuditTrail::readAll(trailPath());
    QList<AuditEvent> certificateEvents;
    for (const AuditEvent &event : events) {
        if (event.subType == AuditEvent::SubType::CertificateAuthentication)
            certificateEvents.append(event);
    }
    QCOMPARE(certificateEvents.size(), 2);
    QCOMPARE(certificateEvents.at(0).event, AuditEvent::Event::AuthSuccess);
    QVERIFY(detail(certificateEvents.at(0), "certificateSubject").contains(QStringLiteral("cimdiag audit client")));
    QVERIFY(!detail(certificateEvents.at(0), "certificateSerial").isEmpty());
    QCOMPARE(certificateEvents.at(1).event, AuditEvent::Event::AuthFailure);
    QVERIFY(detail(certificateEvents.at(1), "certificateSubject").contains(QStringLiteral("stranger")));
    // The Basic login over the good certificate's session is there too; none over the refused one.
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.at(1).subType, AuditEvent::SubType::BasicAuthentication);
}

void TestAuditEvents::instanceOperations()
{
    const auto host = startSimulator(QStringLiteral("healthy"), {kUser, kPassword});
    QVERIFY(host);
    WbemConnection connection(optionsFor(*host, WbemCredentials::basic(kUser, kPassword)));
    AuditOperationRecorder::attach(connection, m_trail);

    const QString query = QStringLiteral("SELECT * FROM CIM_AlertIndication WHERE PerceivedSeverity = 6");
    WbemOperation *create = connection.createInstance(
        CimSamples::indicationFilter(QStringLiteral("cimdiag-audit-filter"), QStringLiteral("root/cimv2")), kInterop);
    QVERIFY(waitFinished(create));
    QVERIFY2(create->error().isNull(), qPrintable(create->error().toString()));
    const CimInstanceName path = create->response().instanceNames.constFirst();

    CimInstance changed(QStringLiteral("CIM_IndicationFilter"));
    changed.setPath(path);
    changed.setProperty(CimProperty(QStringLiteral("Query"), CimValue::string(query)));
    WbemOperation *modify = connection.modifyInstance(changed, {}, kInterop);
    QVERIFY(waitFinished(modify));
    QVERIFY2(modify->error().isNull(), qPrintable(modify->error().toString()));

    // Reads are not audited.
    WbemOperation *get = connection.getInstance(path, {}, kInterop);
    QVERIFY(waitFinished(get));
    QCOMPARE(get->response().instances.constFirst().value(u"Query").toString(), query);

    for (int i = 0; i < 2; ++i) { // the second delete fails: CIM_ERR_NOT_FOUND
        WbemOperation *remove = connection.deleteInstance(path, kInterop);
        QVERIFY(waitFinished(remove));
        QCOMPARE(remove->error().isNull(), i == 0);
    }

    const QList<AuditEvent> operations = eventsOf(AuditTrail::readAll(trailPath()), AuditEvent::Type::CimOperation);
    QCOMPARE(operations.size(), 4);
    const QList<AuditEvent::Event> kinds {
        AuditEvent::Event::Create, AuditEvent::Event::Update, AuditEvent::Event::Delete, AuditEvent::Event::Delete};
    const QStringList methods {QStringLiteral("CreateInstance"), QStringLiteral("ModifyInstance"),
        QStringLiteral("DeleteInstance"), QStringLiteral("DeleteInstance")};
    for (int i = 0; i < operations.size(); ++i) {
        const AuditEvent &event = operations.at(i);
        QCOMPARE(event.subType, AuditEvent::SubType::InstanceOperation);
        QCOMPARE(event.event, kinds.at(i));
        QCOMPARE(detail(event, "operation"), methods.at(i));
        QCOMPARE(detail(event, "namespace"), kInterop);
        QCOMPARE(detail(event, "className"), QStringLiteral("CIM_IndicationFilter"));
        QCOMPARE(detail(event, "user"), kUser);
        QVERIFY2(detail(event, "instancePath").contains(QStringLiteral("cimdiag-audit-filter")),
            qPrintable(detail(event, "instancePath")));
    }
    QCOMPARE(operations.at(0).outcome, AuditEvent::Outcome::Success);
    QCOMPARE(detail(operations.at(2), "cimStatusCode"), QStringLiteral("0"));
    QCOMPARE(operations.at(3).outcome, AuditEvent::Outcome::Failure);
    QCOMPARE(detail(operations.at(3), "cimStatusCode"), QString::number(int(CimStatusCode::NotFound)));
    QCOMPARE(detail(operations.at(3), "cimStatus"), QStringLiteral("CIM_ERR_NOT_FOUND"));

    // Property values never: neither the new Query nor the created filter's own one.
    QFile file(trailPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray trail = file.readAll();
    QVERIFY(!trail.contains("PerceivedSeverity"));
    QVERIFY(!trail.contains("SELECT"));
}

void TestAuditEvents::diagnosisAuditsStartUpAndAuthentication()
{
    const auto host = startSimulator(QStringLiteral("healthy"), {kUser, kPassword});
    QVERIFY(host);
    Target target = *Target::fromUrl(QStringLiteral("http://127.0.0.1"));
    target.port = host->server()->httpPort();
    target.timeout = 5000ms;
    {
        // What cimdiag-cli check and the desktop app do at start-up.
        const AuditSession session(QStringLiteral("cimdiag-test"), {{QStringLiteral("target"), target.toJson()}});
        QVERIFY2(session.errorString().isEmpty(), qPrintable(session.errorString()));
        for (const QString &password : {kPassword, kWrongPassword}) {
            target.credentials = WbemCredentials::basic(kUser, password);
            DiagnosticLog log;
            DiagnosticRunner runner(target, &log);
            QSignalSpy finished(&runner, &DiagnosticRunner::finished);
            runner.start();
            QVERIFY(finished.wait(60000));
        }
    }
    // The factory went with the session: a later diagnosis is not audited.
    {
        target.credentials = WbemCredentials::basic(kUser, kPassword);
        DiagnosticRunner runner(target);
        QSignalSpy finished(&runner, &DiagnosticRunner::finished);
        runner.start();
        QVERIFY(finished.wait(60000));
    }
    const QList<AuditEvent> events = AuditTrail::readAll(trailPath());
    QVERIFY(events.size() >= 3);
    QCOMPARE(events.constFirst().event, AuditEvent::Event::StartUp);
    QCOMPARE(events.constFirst().subType, AuditEvent::SubType::CurrentConfiguration);
    QCOMPARE(
        events.constFirst().details.value(QStringLiteral("target")).toObject().value(QStringLiteral("port")).toInt(),
        int(target.port));
    const QList<AuditEvent> authentication = eventsOf(events, AuditEvent::Type::Authentication);
    // The good run: one success however many stages shared the session; the bad one: its failure.
    QCOMPARE(authentication.size(), 2);
    QCOMPARE(authentication.at(0).event, AuditEvent::Event::AuthSuccess);
    QCOMPARE(authentication.at(1).event, AuditEvent::Event::AuthFailure);
    QCOMPARE(detail(authentication.at(1), "user"), kUser);
    for (const AuditEvent &event : events)
        QCOMPARE(event.runId, events.constFirst().runId);
    QCOMPARE(events.size(), 3);
}

QTEST_GUILESS_MAIN(TestAuditEvents)
#include "TestAuditEvents.moc"
