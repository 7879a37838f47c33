// SPDX-License-Identifier: GPL-3.0-or-later
// Every embedded scenario file loads and means what its name says; bad files are refused with the
// file and the field.
#include "core/cimxml/CimRequestBuilder.h"
#include "core/net/CertificateFactory.h"
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimOperationHandler.h"
#include "core/sim/SimScenario.h"
#include "core/sim/SimScenarioHost.h"

#include <QDir>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTest>

using namespace cimdiag;

class TestSimScenario final : public QObject
{
    Q_OBJECT

private slots:
    void everyScenarioLoads_data();
    void everyScenarioLoads();
    void requiredScenariosExist();
    void scenarioContents();
    void newFaultScenarios();
    void operationFailureScenariosServe_data();
    void operationFailureScenariosServe();
    void everyFaultHasAName();
    void sourceTreeMatchesEmbedded();
    void invalidFiles_data();
    void invalidFiles();
    void unknownScenarioName();
    void sharedCertificateAuthority();
};

void TestSimScenario::everyScenarioLoads_data()
{
    QTest::addColumn<QString>("name");
    const QStringList names = SimScenario::builtInNames();
    for (const QString &name : names)
        QTest::newRow(qPrintable(name)) << name;
}

void TestSimScenario::everyScenarioLoads()
{
    QFETCH(QString, name);
    QString error;
    const std::optional<SimScenario> scenario = SimScenario::load(name, &error);
    QVERIFY2(scenario.has_value(), qPrintable(error));
    QCOMPARE(scenario->name, name);
    QVERIFY(!scenario->description.isEmpty());
    QVERIFY(!scenario->description.contains(QLatin1Char('\n')));
}

void TestSimScenario::requiredScenariosExist()
{
    const QStringList names = SimScenario::builtInNames();
    for (const char *required : {"healthy", "healthy-noauth", "lockdown", "wrong-credentials", "tls-legacy",
             "cert-expired", "cert-wrong-host", "cert-self-signed", "weak-key", "client-cert-required", "refuse",
             "stall", "reset-after-accept", "close-mid-body", "slow", "non-cim-server", "cimerror-400", "expect-417",
             "invalid-xml", "cim-errors", "pegasus-interop", "sfcb-interop", "no-pull", "filtered",
             "pegasus-remote-root", "negotiate-only", "forbidden", "unavailable", "access-denied", "class-missing",
             "server-limits", "sfcb-old-pull", "empty-provider"}) {
        QVERIFY2(names.contains(QString::fromLatin1(required)), required);
    }
}

void TestSimScenario::scenarioContents()
{
    auto load = [](const char *name) { return *SimScenario::load(QString::fromLatin1(name)); };

    const SimScenario healthy = load("healthy");
    QVERIFY(healthy.faultPlan.faults == SimFaults());
    QCOMPARE(healthy.tls.certificate.fault, SimCertificateFault::None);
    QVERIFY(!healthy.accounts.isEmpty());
    QVERIFY(healthy.pullSupported);
    QCOMPARE(healthy.model.interopNamespace, QStringLiteral("interop"));

    QVERIFY(load("healthy-noauth").faultPlan.has(SimFault::NoAuthentication));
    QCOMPARE(load("healthy-noauth").failureModes, QStringList {QStringLiteral("D6")});
    QVERIFY(load("lockdown").faultPlan.has(SimFault::AlwaysUnauthorized));
    QCOMPARE(load("tls-legacy").tls.protocols, SimTlsProtocols::LegacyOnly);
    QCOMPARE(load("cert-expired").tls.certificate.fault, SimCertificateFault::Expired);
    QCOMPARE(load("cert-wrong-host").tls.certificate.fault, SimCertificateFault::WrongHost);
    QCOMPARE(load("cert-self-signed").tls.certificate.fault, SimCertificateFault::SelfSigned);
    QCOMPARE(load("weak-key").tls.certificate.fault, SimCertificateFault::WeakKey);
    QVERIFY(!healthy.indications.verifyListenerCertificate);
    QVERIFY(load("indication-cert-rejected").indications.verifyListenerCertificate);
    QCOMPARE(load("indication-cert-rejected").failureModes, QStringList {QStringLiteral("F4")});
    QCOMPARE(load("client-cert-required").tls.clientCertificates, SimClientCertificatePolicy::Required);
    QVERIFY(load("refuse").faultPlan.has(SimFault::RefuseConnections));
    QVERIFY(load("stall").faultPlan.has(SimFault::StallConnections));
    QCOMPARE(load("stall").failureModes, QStringList {QStringLiteral("B6")});
    QVERIFY(load("reset-after-accept").faultPlan.has(SimFault::ResetAfterAccept));
    QVERIFY(load("close-mid-body").faultPlan.has(SimFault::CloseMidBody));
    QVERIFY(load("slow").faultPlan.has(SimFault::SlowResponse));
    QCOMPARE(load("slow").faultPlan.slowResponseMs, 5000);
    QVERIFY(load("non-cim-server").faultPlan.has(SimFault::NonCimServer));
    const SimScenario cimError = load("cimerror-400");
    QVERIFY(cimError.faultPlan.has(SimFault::CimErrorHeader));
    QCOMPARE(cimError.faultPlan.cimErrorStatus, 400);
    QCOMPARE(cimError.faultPlan.cimErrorValue, QStringLiteral("request-not-valid"));
    QVERIFY(load("expect-417").faultPlan.has(SimFault::ExpectContinue417));
    QVERIFY(load("invalid-xml").faultPlan.has(SimFault::InvalidXml));

    const SimScenario cimErrors = load("cim-errors");
    QCOMPARE(cimErrors.operationFailures.size(), 3);
    QCOMPARE(cimErrors.operationFailures.first().operation, CimOperation::EnumerateInstances);
    QCOMPARE(cimErrors.operationFailures.first().status.statusCode(), CimStatusCode::AccessDenied);

    QCOMPARE(load("pegasus-interop").model.interopNamespace, QStringLiteral("root/PG_InterOp"));
    QCOMPARE(load("sfcb-interop").model.interopNamespace, QStringLiteral("root/interop"));
    QVERIFY(!load("no-pull").pullSupported);
    QCOMPARE(load("wrong-credentials").realm, QStringLiteral("cimdiag wrong-credentials realm"));
}

void TestSimScenario::newFaultScenarios()
{
    auto load = [](const char *name) { return *SimScenario::load(QString::fromLatin1(name)); };
    const QStringList b3 {QStringLiteral("B3")};

    const SimScenario filtered = load("filtered");
    QVERIFY(filtered.faultPlan.faults == SimFaults(SimFault::FilterConnections));
    QCOMPARE(filtered.failureModes, b3);

    const SimScenario remoteRoot = load("pegasus-remote-root");
    QVERIFY(remoteRoot.faultPlan.has(SimFault::RemotePrivilegedUserDenied));
    QCOMPARE(remoteRoot.failureModes, QStringList {QStringLiteral("D4")});
    QCOMPARE(remoteRoot.accounts,
        (SimAccountList {{QStringLiteral("root"), QStringLiteral("rootpass")},
            {QStringLiteral("cimuser"), QStringLiteral("cimpass")}}));
    QCOMPARE(remoteRoot.serverName, std::optional<QString>(QString()));
    QCOMPARE(remoteRoot.model.interopNamespace, QStringLiteral("root/PG_InterOp"));
    QVERIFY(!load("healthy").serverName.has_value());
    QCOMPARE(load("sfcb-old-pull").serverName, std::optional<QString>(QStringLiteral("sfcHttpd")));

    QVERIFY(load("negotiate-only").faultPlan.has(SimFault::NegotiateOnly));
    QVERIFY(load("forbidden").faultPlan.has(SimFault::Forbidden));
    QVERIFY(load("unavailable").faultPlan.has(SimFault::ServiceUnavailable));
    QVERIFY(!load("empty-provider").model.computerSystems);
    QVERIFY(load("healthy").model.computerSystems);

    const SimScenario denied = load("access-denied");
    QCOMPARE(denied.operationFailures.size(), 2);
    for (const SimOperationFailure &failure : denied.operationFailures) {
        QCOMPARE(failure.className, QStringLiteral("CIM_ComputerSystem"));
        QCOMPARE(failure.status.statusCode(), CimStatusCode::AccessDenied);
    }
    QCOMPARE(denied.operationFailures.at(1).operation, CimOperation::OpenEnumerateInstances);
    QVERIFY(load("cim-errors").operationFailures.first().className.isEmpty());

    const SimScenario oldPull = load("sfcb-old-pull");
    QVERIFY(oldPull.pullSupported);
    QVERIFY(!oldPull.operationFailures.isEmpty());
    for (const SimOperationFailure &failure : oldPull.operationFailures) {
        QVERIFY(cimOperationName(failure.operation).startsWith(QStringLiteral("Open")));
        QCOMPARE(failure.status.code(), 1);
        QVERIFY(failure.className.isEmpty());
    }
}

void TestSimScenario::operationFailureScenariosServe_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<int>("computerSystemStatus"); // for both EnumerateInstances and OpenEnumerateInstances
    QTest::addColumn<int>("computerSystems"); // instances when it succeeds

    QTest::newRow("healthy") << QStringLiteral("healthy") << 0 << 1;
    QTest::newRow("access-denied E6") << QStringLiteral("access-denied") << 2 << 0;
    QTest::newRow("class-missing E3") << QStringLiteral("class-missing") << 5 << 0;
    QTest::newRow("server-limits E9") << QStringLiteral("server-limits") << 27 << 0;
    QTest::newRow("empty-provider E7") << QStringLiteral("empty-provider") << 0 << 0;
}

void TestSimScenario::operationFailureScenariosServe()
{
    // What the scenario host builds answers as the file says: the class filter reaches the
    // handler, other classes still work, and the model option empties CIM_ComputerSystem.
    QFETCH(QString, scenario);
    QFETCH(int, computerSystemStatus);
    QFETCH(int, computerSystems);
    SimScenarioHost host;
    SimScenarioHost::Listen listen;
    listen.https = false;
    QVERIFY2(host.start(*SimScenario::load(scenario), listen), qPrintable(host.errorString()));
    SimOperationHandler *handler = host.handler();
    const QString ns = QStringLiteral("root/cimv2");
    const QString system = QStringLiteral("cim_computersystem"); // the filter ignores case
    for (const CimOperationRequest &request : {CimRequestBuilder::enumerateInstances(QStringLiteral("1"), ns, system),
             CimRequestBuilder::openEnumerateInstances(QStringLiteral("2"), ns, system)}) {
        const CimOperationResponse response = handler->handle(request);
        QCOMPARE(response.status.code(), computerSystemStatus);
        // Open* with the default MaxObjectCount 0 returns no instances yet, only a context.
        if (computerSystemStatus == 0 && request.operation == CimOperation::EnumerateInstances)
            QCOMPARE(response.instances.size(), computerSystems);
    }
    const CimOperationResponse fans
        = handler->handle(CimRequestBuilder::enumerateInstances(QStringLiteral("3"), ns, QStringLiteral("CIM_Fan")));
    QVERIFY(fans.status.isOk());
    QCOMPARE(fans.instances.size(), 4);
}

void TestSimScenario::everyFaultHasAName()
{
    // Every fault round-trips through its scenario-file name and names its catalogue row.
    for (const SimFault fault : allSimFaults()) {
        QCOMPARE(simFaultFromName(simFaultName(fault)), std::optional<SimFault>(fault));
        if (fault != SimFault::InvalidXml)
            QVERIFY2(!simFaultFailureModeId(fault).isEmpty(), qPrintable(simFaultName(fault)));
    }
    QCOMPARE(simFaultFailureModeId(SimFault::FilterConnections), QStringLiteral("B3"));
    QCOMPARE(simFaultFailureModeId(SimFault::StallConnections), QStringLiteral("B6"));
    QCOMPARE(simFaultFailureModeId(SimFault::RemotePrivilegedUserDenied), QStringLiteral("D4"));
    QCOMPARE(simFaultFailureModeId(SimFault::NegotiateOnly), QStringLiteral("D5"));
    QCOMPARE(simFaultFailureModeId(SimFault::Forbidden), QStringLiteral("D9"));
    QCOMPARE(simFaultFailureModeId(SimFault::ServiceUnavailable), QStringLiteral("D19"));
}

void TestSimScenario::sourceTreeMatchesEmbedded()
{
    // The resource glob runs at configure time: a file added since must not go missing silently.
    const QString sourceDir = qEnvironmentVariable("CIMDIAG_SOURCE_DIR");
    if (sourceDir.isEmpty())
        QSKIP("CIMDIAG_SOURCE_DIR not set");
    const QDir dir(sourceDir + QStringLiteral("/resources/scenarios"));
    QStringList names;
    for (const QString &file : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        names.append(file.chopped(5));
        QString error;
        QVERIFY2(SimScenario::fromFile(dir.filePath(file), &error).has_value(), qPrintable(error));
    }
    QCOMPARE(names, SimScenario::builtInNames());
}

void TestSimScenario::invalidFiles_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expectedError");

    QTest::newRow("not json") << QByteArray("{") << QStringLiteral("x.json: not valid JSON");
    QTest::newRow("array") << QByteArray("[]") << QStringLiteral("x.json: the top level must be an object");
    QTest::newRow("no name") << QByteArray(R"({"description": "d"})")
                             << QStringLiteral("x.json: field 'name': missing");
    QTest::newRow("typo key") << QByteArray(R"({"name": "x", "description": "d", "fualts": []})")
                              << QStringLiteral("x.json: field 'fualts': unknown key");
    QTest::newRow("unknown fault") << QByteArray(R"({"name": "x", "description": "d", "faults": ["Explode"]})")
                                   << QStringLiteral("x.json: field 'faults[0]': unknown fault 'Explode'");
    QTest::newRow("tls protocol") << QByteArray(R"({"name": "x", "description": "d", "tls": {"protocols": "SSLv2"}})")
                                  << QStringLiteral("x.json: field 'tls.protocols': unknown value 'SSLv2'");
    QTest::newRow("tls key") << QByteArray(R"({"name": "x", "description": "d", "tls": {"cert": "Expired"}})")
                             << QStringLiteral("x.json: field 'tls.cert': unknown key");
    QTest::newRow("account colon") << QByteArray(
        R"({"name": "x", "description": "d", "accounts": [{"user": "a:b", "password": "p"}]})")
                                   << QStringLiteral("x.json: field 'accounts[0].user': must not contain ':'");
    QTest::newRow("operation") << QByteArray(
        R"({"name": "x", "description": "d", "operationFailures": [{"operation": "Explode", "code": 1}]})")
                               << QStringLiteral("x.json: field 'operationFailures[0].operation': 'Explode'");
    QTest::newRow("code range") << QByteArray(
        R"({"name": "x", "description": "d", "operationFailures": [{"operation": "GetInstance", "code": 99}]})")
                                << QStringLiteral(
                                       "x.json: field 'operationFailures[0].code': must be between 1 and 29");
    QTest::newRow("cimerror value") << QByteArray(R"({"name": "x", "description": "d", "cimErrorValue": "oops"})")
                                    << QStringLiteral("x.json: field 'cimErrorValue': 'oops' is not a DSP0200");
    QTest::newRow("model type") << QByteArray(R"({"name": "x", "description": "d", "model": {"logRecordCount": "9"}})")
                                << QStringLiteral("x.json: field 'model.logRecordCount': must be an integer");
    QTest::newRow("failure mode") << QByteArray(R"({"name": "x", "description": "d", "failureModes": ["Z99"]})")
                                  << QStringLiteral("x.json: field 'failureModes[0]'");
    QTest::newRow("name chars") << QByteArray(R"({"name": "Bad Name", "description": "d"})")
                                << QStringLiteral("x.json: field 'name'");
    QTest::newRow("class name type") << QByteArray(
        R"({"name": "x", "description": "d", "operationFailures": [{"operation": "GetInstance", "code": 6, "className": 5}]})")
                                     << QStringLiteral(
                                            "x.json: field 'operationFailures[0].className': must be a string");
    QTest::newRow("class name empty") << QByteArray(
        R"({"name": "x", "description": "d", "operationFailures": [{"operation": "GetInstance", "code": 6, "className": " "}]})")
                                      << QStringLiteral(
                                             "x.json: field 'operationFailures[0].className': must not be empty");
    QTest::newRow("computer systems type")
        << QByteArray(R"({"name": "x", "description": "d", "model": {"computerSystems": "no"}})")
        << QStringLiteral("x.json: field 'model.computerSystems': must be true or false");
    QTest::newRow("server name type") << QByteArray(R"({"name": "x", "description": "d", "serverName": 1})")
                                      << QStringLiteral("x.json: field 'serverName': must be a string");
    QTest::newRow("server name line break")
        << QByteArray(R"({"name": "x", "description": "d", "serverName": "a\r\nX-Evil: 1"})")
        << QStringLiteral("x.json: field 'serverName': must be printable ASCII");
}

void TestSimScenario::invalidFiles()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expectedError);
    QString error;
    QVERIFY(!SimScenario::fromJson(json, QStringLiteral("x.json"), &error).has_value());
    QVERIFY2(error.startsWith(expectedError), qPrintable(error));
}

void TestSimScenario::unknownScenarioName()
{
    QString error;
    QVERIFY(!SimScenario::load(QStringLiteral("no-such-scenario"), &error).has_value());
    QVERIFY(error.contains(QStringLiteral("healthy")));
    QVERIFY(!SimScenario::load(QStringLiteral("/nonexistent/x.json"), &error).has_value());
    QVERIFY(error.startsWith(QStringLiteral("/nonexistent/x.json: ")));
}

QTEST_GUILESS_MAIN(TestSimScenario)
#include "TestSimScenario.moc"

void TestSimScenario::sharedCertificateAuthority()
{
    // Two hosts given one CA issue under it (and a third, without, makes its own): a client that
    // trusts that CA completes the handshake with both.
    QString error;
    const std::optional<CertificateFactory> ca
        = CertificateFactory::create(QStringLiteral("cimdiag test CA"), QStringLiteral("cimdiag"), &error);
    QVERIFY2(ca, qPrintable(error));
    SimScenarioHost::Listen listen;
    listen.http = false;
    listen.certificateAuthority = std::make_shared<const CertificateFactory>(*ca);
    SimScenarioHost first;
    SimScenarioHost second;
    SimScenarioHost own;
    QVERIFY2(first.start(*SimScenario::load(QStringLiteral("healthy")), listen), qPrintable(first.errorString()));
    QVERIFY2(second.start(*SimScenario::load(QStringLiteral("no-pull")), listen), qPrintable(second.errorString()));
    QVERIFY2(own.start(*SimScenario::load(QStringLiteral("healthy"))), qPrintable(own.errorString()));
    QCOMPARE(first.certificateFactory()->caCertificate(), ca->caCertificate());
    QCOMPARE(second.certificateFactory()->caCertificate(), ca->caCertificate());
    QVERIFY(own.certificateFactory()->caCertificate() != ca->caCertificate());
    for (const SimScenarioHost *host : {&first, &second}) {
        QSslSocket socket;
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setCaCertificates({ca->caCertificate()});
        socket.setSslConfiguration(configuration);
        QSignalSpy encrypted(&socket, &QSslSocket::encrypted);
        socket.connectToHostEncrypted(QStringLiteral("localhost"), host->server()->httpsPort());
        QVERIFY2(encrypted.wait(10000), qPrintable(socket.errorString()));
    }
}
