// SPDX-License-Identifier: GPL-3.0-or-later
// `cimdiag-cli audit show|verify|enable|disable` and the events `cimdiag-cli check` writes, with the
// real binary (QProcess) against the in-process simulator; HOME and the XDG directories point into a
// temporary directory.
#include "app/cli/CliAuditCommand.h"
#include "core/audit/AuditEvent.h"
#include "core/audit/AuditTrail.h"
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimScenario.h"
#include "core/sim/SimScenarioHost.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace cimdiag;

namespace {
const QString kPassword = QStringLiteral("cli-p@ss/w0rd+x");
}

class TestCliAudit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void parseSince();
    void checkWritesStartUpAndAuthentication();
    void verifyReportsTheBrokenLine();
    void showFilters();
    void disableIsAuditedAndStopsTheTrail();
    void usageErrors();

private:
    struct Run
    {
        int exitCode = -2;
        QString out;
        QString err;
    };
    Run cli(const QStringList &arguments, const QProcessEnvironment &extra = {}) const;
    QString trailPath() const { return m_dir.filePath(QStringLiteral("state/cimdiag/audit.jsonl")); }
    void runCheck(const SimScenarioHost &host, const QString &password);

    QTemporaryDir m_dir;
    QString m_cli;
    QProcessEnvironment m_environment;
};

void TestCliAudit::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_cli = qEnvironmentVariable("CIMDIAG_CLI");
    QVERIFY2(!m_cli.isEmpty(), "CIMDIAG_CLI must be set (tests/CMakeLists.txt does)");
    m_environment = QProcessEnvironment::systemEnvironment();
    m_environment.insert(QStringLiteral("HOME"), m_dir.path());
    m_environment.insert(QStringLiteral("XDG_STATE_HOME"), m_dir.filePath(QStringLiteral("state")));
    m_environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    qputenv("XDG_STATE_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("state"))));
}

void TestCliAudit::init()
{
    QFile::remove(trailPath());
    QFile::remove(m_dir.filePath(QStringLiteral("config/cimdiag/cimdiag.ini")));
}

TestCliAudit::Run TestCliAudit::cli(const QStringList &arguments, const QProcessEnvironment &extra) const
{
    Run run;
    QProcess process;
    QProcessEnvironment environment = m_environment;
    for (const QString &key : extra.keys())
        environment.insert(key, extra.value(key));
    process.setProcessEnvironment(environment);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(m_cli, arguments);
    if (!process.waitForStarted(10000))
        return run;
    process.closeWriteChannel();
    // The simulator answers from this process's event loop: wait with it running.
    if (!finished.wait(60000)) {
        process.kill();
        process.waitForFinished(5000);
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

void TestCliAudit::runCheck(const SimScenarioHost &host, const QString &password)
{
    QProcessEnvironment extra;
    extra.insert(QStringLiteral("CIMDIAG_TEST_PASSWORD"), password);
    const Run run = cli({QStringLiteral("check"), QStringLiteral("http://127.0.0.1:%1").arg(host.server()->httpPort()),
                            QStringLiteral("--user"), QStringLiteral("cimuser"), QStringLiteral("--password-env"),
                            QStringLiteral("CIMDIAG_TEST_PASSWORD"), QStringLiteral("--json")},
        extra);
    QVERIFY2(run.exitCode >= 0 && run.exitCode <= 2, qPrintable(run.err));
    QVERIFY(!run.err.contains(QStringLiteral("audit trail")));
}

void TestCliAudit::parseSince()
{
    const QDateTime now(QDate(2026, 11, 21), QTime(12, 0), Qt::UTC);
    QCOMPARE(CliAuditCommand::parseSince(QStringLiteral("2h"), now), now.addSecs(-7200));
    QCOMPARE(CliAuditCommand::parseSince(QStringLiteral("7d"), now), now.addDays(-7));
    QCOMPARE(CliAuditCommand::parseSince(QStringLiteral("2026-11-20"), now),
        QDateTime(QDate(2026, 11, 20), QTime(0, 0), Qt::UTC));
    QCOMPARE(CliAuditCommand::parseSince(QStringLiteral("2026-11-20T08:30:00Z"), now),
        QDateTime(QDate(2026, 11, 20), QTime(8, 30), Qt::UTC));
    QVERIFY(!CliAuditCommand::parseSince(QStringLiteral("yesterday"), now));
    QVERIFY(!CliAuditCommand::parseSince(QStringLiteral("5y"), now));
}

void TestCliAudit::checkWritesStartUpAndAuthentication()
{
    SimScenarioHost host;
    SimScenarioHost::Listen listen;
    listen.https = false;
    std::optional<SimScenario> scenario = SimScenario::load(QStringLiteral("healthy"));
    QVERIFY(scenario);
    scenario->accounts = {{QStringLiteral("cimuser"), kPassword}};
    QVERIFY2(host.start(*scenario, listen), qPrintable(host.errorString()));
    runCheck(host, kPassword);
    runCheck(host, QStringLiteral("wrong-") + kPassword);

    const QList<AuditEvent> events = AuditTrail::readAll(trailPath());
    QStringList kinds;
    for (const AuditEvent &event : events)
        kinds.append(AuditEvent::subTypeName(event.subType) + u'/' + AuditEvent::eventName(event.event));
    QCOMPARE(kinds,
        QStringList({QStringLiteral("CURRENT_CONFIGURATION/START_UP"),
            QStringLiteral("BASIC_AUTHENTICATION/AUTH_SUCCESS"), QStringLiteral("CURRENT_CONFIGURATION/START_UP"),
            QStringLiteral("BASIC_AUTHENTICATION/AUTH_FAILURE")}));
    QCOMPARE(events.at(0).details.value(QStringLiteral("application")).toString(), QStringLiteral("cimdiag-cli check"));
    QCOMPARE(events.at(0).runId, events.at(1).runId);
    QVERIFY(events.at(1).runId != events.at(2).runId);
    QCOMPARE(events.at(3).details.value(QStringLiteral("user")).toString(), QStringLiteral("cimuser"));

    QFile file(trailPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray trail = file.readAll();
    QVERIFY(!trail.contains(kPassword.toUtf8()));
    QVERIFY(!trail.contains(QUrl::toPercentEncoding(kPassword)));
    QVERIFY(!trail.contains(QByteArray("cimuser:" + kPassword.toUtf8()).toBase64()));

    const Run verify = cli({QStringLiteral("audit"), QStringLiteral("verify")});
    QCOMPARE(verify.exitCode, 0);
    QVERIFY2(verify.out.contains(QStringLiteral("valid, 4 records")), qPrintable(verify.out));
}

void TestCliAudit::verifyReportsTheBrokenLine()
{
    AuditTrail trail;
    for (int i = 0; i < 4; ++i) {
        AuditEvent event;
        event.details.insert(QStringLiteral("key"), QStringLiteral("k%1").arg(i));
        QVERIFY(trail.append(event));
    }
    QCOMPARE(cli({QStringLiteral("audit"), QStringLiteral("verify")}).exitCode, 0);

    QFile file(trailPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QList<QByteArray> lines = file.readAll().split('\n');
    file.close();
    lines[1].replace("\"k1\"", "\"kX\"");
    const QString edited = m_dir.filePath(QStringLiteral("edited.jsonl"));
    QFile out(edited);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(lines.join('\n'));
    out.close();
    Run run = cli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--file"), edited});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.contains(edited + QStringLiteral(":2: broken:")), qPrintable(run.out));
    QVERIFY(run.out.contains(QStringLiteral("before it in an intact chain: 1.")));

    // A cut file: the last line ends mid-record.
    QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QFile original(trailPath());
    QVERIFY(original.open(QIODevice::ReadOnly));
    const QByteArray bytes = original.readAll();
    out.write(bytes.left(bytes.size() - 20));
    out.close();
    run = cli({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--file"), edited});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.contains(edited + QStringLiteral(":4: broken:")), qPrintable(run.out));
    QVERIFY(run.out.contains(QStringLiteral("incomplete")));
}

void TestCliAudit::showFilters()
{
    AuditTrail trail;
    AuditEvent old;
    old.time = QDateTime(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC);
    old.details.insert(QStringLiteral("key"), QStringLiteral("old"));
    QVERIFY(trail.append(old));
    AuditEvent recent;
    recent.details.insert(QStringLiteral("key"), QStringLiteral("recent"));
    QVERIFY(trail.append(recent));

    Run run = cli({QStringLiteral("audit"), QStringLiteral("show"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    for (const QString &line : lines)
        QVERIFY(QJsonDocument::fromJson(line.toUtf8()).object().contains(QStringLiteral("hash")));

    run = cli({QStringLiteral("audit"), QStringLiteral("show"), QStringLiteral("--since"), QStringLiteral("1d")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(QStringLiteral("key=recent")));
    QVERIFY(!run.out.contains(QStringLiteral("key=old")));
    QVERIFY(run.out.contains(QStringLiteral("CONFIGURATION/CONFIGURATION_CHANGE/UPDATE")));
}

void TestCliAudit::disableIsAuditedAndStopsTheTrail()
{
    QCOMPARE(cli({QStringLiteral("audit"), QStringLiteral("disable")}).exitCode, 0);
    SimScenarioHost host;
    SimScenarioHost::Listen listen;
    listen.https = false;
    std::optional<SimScenario> scenario = SimScenario::load(QStringLiteral("healthy"));
    QVERIFY(scenario);
    scenario->accounts = {{QStringLiteral("cimuser"), kPassword}};
    QVERIFY2(host.start(*scenario, listen), qPrintable(host.errorString()));
    runCheck(host, kPassword);
    QList<AuditEvent> events = AuditTrail::readAll(trailPath());
    QCOMPARE(events.size(), 1); // "audit disabled" is the last record
    QCOMPARE(events.constLast().subType, AuditEvent::SubType::AuditTrailChange);
    QCOMPARE(events.constLast().details.value(QStringLiteral("newValue")).toBool(), false);

    QCOMPARE(cli({QStringLiteral("audit"), QStringLiteral("enable"), QStringLiteral("--syslog")}).exitCode, 0);
    events = AuditTrail::readAll(trailPath());
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.at(1).details.value(QStringLiteral("key")).toString(), QStringLiteral("audit/enabled"));
    QCOMPARE(events.at(2).details.value(QStringLiteral("key")).toString(), QStringLiteral("audit/syslog"));
    QCOMPARE(cli({QStringLiteral("audit"), QStringLiteral("enable"), QStringLiteral("--no-syslog")}).exitCode, 0);
    QCOMPARE(cli({QStringLiteral("audit"), QStringLiteral("verify")}).exitCode, 0);
}

void TestCliAudit::usageErrors()
{
    QCOMPARE(cli({QStringLiteral("audit")}).exitCode, int(CliAuditCommand::ExitUsage));
    QCOMPARE(cli({QStringLiteral("audit"), QStringLiteral("frobnicate")}).exitCode, int(CliAuditCommand::ExitUsage));
    const Run since
        = cli({QStringLiteral("audit"), QStringLiteral("show"), QStringLiteral("--since"), QStringLiteral("soon")});
    QCOMPARE(since.exitCode, int(CliAuditCommand::ExitUsage));
    QVERIFY(since.err.contains(QStringLiteral("soon")));
    const Run help = cli({QStringLiteral("audit"), QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains(QStringLiteral("verify")));
    // No trail yet is nothing to verify, not an error.
    QCOMPARE(cli({QStringLiteral("audit"), QStringLiteral("verify")}).exitCode, 0);
}

QTEST_GUILESS_MAIN(TestCliAudit)
#include "TestCliAudit.moc"
