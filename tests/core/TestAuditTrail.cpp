// SPDX-License-Identifier: GPL-3.0-or-later
// The audit trail's file format (issue #8): the hash chain, what the verifier catches (an edited, a
// deleted and a reordered line, a torn last line), two processes appending at once (this binary
// re-run as two children), and the audited settings (configuration changes, secrets refused, the
// trail's own switch).
#include "core/audit/AuditEvent.h"
#include "core/audit/AuditTrail.h"
#include "core/audit/AuditVerifier.h"
#include "core/audit/AuditedSettings.h"
#include "core/paths/AppPaths.h"

#include <QBuffer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace cimdiag;

namespace {

const char kChildVariable[] = "CIMDIAG_AUDIT_TEST_CHILD";
constexpr int kChildRecords = 150;

AuditEvent sampleEvent(int index)
{
    AuditEvent event;
    event.type = AuditEvent::Type::CimOperation;
    event.subType = AuditEvent::SubType::InstanceOperation;
    event.event = AuditEvent::Event::Delete;
    event.outcome = index % 2 ? AuditEvent::Outcome::Success : AuditEvent::Outcome::Failure;
    event.target = QStringLiteral("https://127.0.0.1:5989");
    event.details.insert(QStringLiteral("index"), index);
    event.details.insert(QStringLiteral("namespace"), QStringLiteral("root/cimv2 \u00e9"));
    return event;
}

QList<QByteArray> readLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines = file.readAll().split('\n');
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines;
}

bool writeLines(const QString &path, const QList<QByteArray> &lines, bool finalNewline = true)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    QByteArray bytes = lines.join('\n');
    if (finalNewline)
        bytes += '\n';
    return file.write(bytes) == bytes.size();
}

/// The child: waits for the go file, then appends kChildRecords events tagged with its run id.
int runChild(const QString &spec)
{
    const QStringList parts = spec.split(u'|');
    if (parts.size() != 3)
        return 3;
    const QString path = parts.at(0);
    const QString go = parts.at(1);
    AuditTrail trail(path);
    trail.setRunId(parts.at(2));
    for (int waited = 0; !QFile::exists(go); waited += 5) {
        if (waited > 20000)
            return 4;
        QThread::msleep(5);
    }
    for (int i = 0; i < kChildRecords; ++i) {
        if (!trail.append(sampleEvent(i)))
            return 5;
    }
    return 0;
}

} // namespace

class TestAuditTrail : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void defaultPathFollowsXdg();
    void namesRoundTrip();
    void appendsAChain();
    void disabledTrailWritesNothing();
    void verifierCatchesTampering_data();
    void verifierCatchesTampering();
    void appendAfterTornLineKeepsNewRecordsChained();
    void twoProcessesAppendAtOnce();
    void settingsChangesAreAudited();
    void secretSettingsAreRefused();
    void switchingTheTrailOffIsTheLastRecord();
    void startUpRecordsTheConfiguration();

private:
    QString trailPath() const { return m_dir.filePath(QStringLiteral("state/cimdiag/audit.jsonl")); }
    void fill(int count);

    QTemporaryDir m_dir;
    int m_case = 0;
};

void TestAuditTrail::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Nothing of the developer's own trail or settings is touched.
    qputenv("HOME", QFile::encodeName(m_dir.path()));
    qputenv("XDG_STATE_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("state"))));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("config"))));
}

void TestAuditTrail::init()
{
    QFile::remove(trailPath());
    QSettings settings(
        QSettings::IniFormat, QSettings::UserScope, QStringLiteral("cimdiag"), QStringLiteral("cimdiag"));
    settings.clear();
}

void TestAuditTrail::fill(int count)
{
    AuditTrail trail;
    for (int i = 0; i < count; ++i)
        QVERIFY2(trail.append(sampleEvent(i)), qPrintable(trail.errorString()));
}

void TestAuditTrail::defaultPathFollowsXdg()
{
    QCOMPARE(AppPaths::auditTrailFile(), trailPath());
    qputenv("XDG_STATE_HOME", "relative/is/ignored");
    QCOMPARE(AppPaths::auditTrailFile(), m_dir.filePath(QStringLiteral(".local/state/cimdiag/audit.jsonl")));
    qunsetenv("XDG_STATE_HOME");
    QCOMPARE(AppPaths::auditTrailFile(), m_dir.filePath(QStringLiteral(".local/state/cimdiag/audit.jsonl")));
    qputenv("XDG_STATE_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("state"))));
}

void TestAuditTrail::namesRoundTrip()
{
    // PEP 258's names, without their prefixes.
    QCOMPARE(AuditEvent::typeName(AuditEvent::Type::CimOperation), QStringLiteral("CIMOPERATION"));
    QCOMPARE(AuditEvent::subTypeName(AuditEvent::SubType::CertificateAuthentication),
        QStringLiteral("CERTIFICATE_BASED_AUTHENTICATION"));
    QCOMPARE(AuditEvent::eventName(AuditEvent::Event::AuthFailure), QStringLiteral("AUTH_FAILURE"));
    for (int i = 0; i <= int(AuditEvent::SubType::MethodOperation); ++i) {
        const auto subType = AuditEvent::SubType(i);
        QCOMPARE(AuditEvent::subTypeFromName(AuditEvent::subTypeName(subType)), subType);
    }
    for (int i = 0; i <= int(AuditEvent::Event::Invoke); ++i)
        QCOMPARE(AuditEvent::eventFromName(AuditEvent::eventName(AuditEvent::Event(i))), AuditEvent::Event(i));
    QVERIFY(!AuditEvent::typeFromName(QStringLiteral("authentication")));
}

void TestAuditTrail::appendsAChain()
{
    fill(5);
    const QList<QByteArray> lines = readLines(trailPath());
    QCOMPARE(lines.size(), 5);
    QString previous = AuditTrail::genesisHash();
    for (int i = 0; i < lines.size(); ++i) {
        const QJsonObject record = QJsonDocument::fromJson(lines.at(i)).object();
        QCOMPARE(record.value(QStringLiteral("seq")).toInteger(), i + 1);
        QCOMPARE(record.value(QStringLiteral("prev")).toString(), previous);
        QCOMPARE(record.value(QStringLiteral("hash")).toString(), AuditTrail::computeHash(record));
        QCOMPARE(record.value(QStringLiteral("localUser")).toString(), AuditTrail::localUserName());
        QVERIFY(record.value(QStringLiteral("time")).toString().endsWith(u'Z'));
        previous = record.value(QStringLiteral("hash")).toString();
    }
    const AuditVerifier::Result result = AuditVerifier::verifyFile(trailPath());
    QVERIFY2(result.valid, qPrintable(result.reason));
    QCOMPARE(result.records, 5);
    const QList<AuditEvent> events = AuditTrail::readAll(trailPath());
    QCOMPARE(events.size(), 5);
    QCOMPARE(events.at(3).details.value(QStringLiteral("namespace")).toString(), QStringLiteral("root/cimv2 \u00e9"));
    QCOMPARE(events.at(0).runId, events.at(4).runId);
    QVERIFY(!events.at(0).runId.isEmpty());
#ifndef Q_OS_WIN
    QCOMPARE(QFile::permissions(trailPath()) & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());
#endif
}

void TestAuditTrail::disabledTrailWritesNothing()
{
    AuditTrail trail;
    trail.setEnabled(false);
    QVERIFY(trail.append(sampleEvent(1)));
    QVERIFY(!QFile::exists(trailPath()));
}

void TestAuditTrail::verifierCatchesTampering_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<qint64>("line");
    QTest::addColumn<QString>("reason");
    QTest::newRow("edited") << QStringLiteral("edit") << qint64(3) << QStringLiteral("changed");
    QTest::newRow("deleted") << QStringLiteral("delete") << qint64(3) << QStringLiteral("chain is broken");
    QTest::newRow("first deleted") << QStringLiteral("deleteFirst") << qint64(1) << QStringLiteral("first record");
    QTest::newRow("reordered") << QStringLiteral("swap") << qint64(2) << QStringLiteral("chain is broken");
    QTest::newRow("inserted copy") << QStringLiteral("duplicate") << qint64(4) << QStringLiteral("chain is broken");
    QTest::newRow("truncated last line") << QStringLiteral("truncate") << qint64(5) << QStringLiteral("incomplete");
    QTest::newRow("garbage") << QStringLiteral("garbage") << qint64(2) << QStringLiteral("not a JSON record");
    QTest::newRow("hash recomputed after edit")
        << QStringLiteral("rehash") << qint64(4) << QStringLiteral("chain is broken");
}

void TestAuditTrail::verifierCatchesTampering()
{
    QFETCH(QString, change);
    QFETCH(qint64, line);
    QFETCH(QString, reason);
    fill(5);
    QList<QByteArray> lines = readLines(trailPath());
    QCOMPARE(lines.size(), 5);
    bool finalNewline = true;
    if (change == QLatin1String("edit")) {
        lines[2].replace("\"index\":2", "\"index\":7");
        QVERIFY(lines[2].contains("\"index\":7"));
    } else if (change == QLatin1String("delete")) {
        lines.removeAt(2);
    } else if (change == QLatin1String("deleteFirst")) {
        lines.removeFirst();
    } else if (change == QLatin1String("swap")) {
        lines.swapItemsAt(1, 2);
    } else if (change == QLatin1String("duplicate")) {
        lines.insert(3, lines.at(2));
    } else if (change == QLatin1String("truncate")) {
        lines[4].chop(lines[4].size() / 2);
        finalNewline = false;
    } else if (change == QLatin1String("garbage")) {
        lines[1] = "{\"seq\": 2, \"oops\"";
    } else if (change == QLatin1String("rehash")) {
        // An editor who knows the format recomputes the record's own hash: the next line's prev
        // still gives it away.
        QJsonObject record = QJsonDocument::fromJson(lines[2]).object();
        record.insert(QStringLiteral("outcome"), QStringLiteral("success"));
        record.insert(QStringLiteral("hash"), AuditTrail::computeHash(record));
        lines[2] = QJsonDocument(record).toJson(QJsonDocument::Compact);
        QVERIFY(AuditVerifier::verifyFile(trailPath()).valid);
    }
    QVERIFY(writeLines(trailPath(), lines, finalNewline));
    const AuditVerifier::Result result = AuditVerifier::verifyFile(trailPath());
    QVERIFY(!result.valid);
    QCOMPARE(result.line, line);
    QCOMPARE(result.records, line - 1);
    QVERIFY2(result.reason.contains(reason), qPrintable(result.reason));
}

void TestAuditTrail::appendAfterTornLineKeepsNewRecordsChained()
{
    fill(3);
    QList<QByteArray> lines = readLines(trailPath());
    lines[2].chop(10);
    QVERIFY(writeLines(trailPath(), lines, false));
    fill(2);
    // The torn fragment stays a broken line of its own (reported, not hidden); the new records
    // start on a line of their own.
    const QList<QByteArray> after = readLines(trailPath());
    QCOMPARE(after.size(), 5);
    const AuditVerifier::Result result = AuditVerifier::verifyFile(trailPath());
    QVERIFY(!result.valid);
    QCOMPARE(result.line, 3);
    QCOMPARE(QJsonDocument::fromJson(after.at(3)).object().value(QStringLiteral("seq")).toInteger(), 3);
}

void TestAuditTrail::twoProcessesAppendAtOnce()
{
    const QString go = m_dir.filePath(QStringLiteral("go-%1").arg(++m_case));
    QList<std::shared_ptr<QProcess>> children;
    for (const QString &runId : {QStringLiteral("child-a"), QStringLiteral("child-b")}) {
        auto child = std::make_shared<QProcess>();
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QString::fromLatin1(kChildVariable), trailPath() + u'|' + go + u'|' + runId);
        child->setProcessEnvironment(environment);
        child->setProcessChannelMode(QProcess::ForwardedChannels);
        child->start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child->waitForStarted(10000));
        children.append(child);
    }
    // Both are waiting for the go file: they start appending together.
    QFile goFile(go);
    QVERIFY(goFile.open(QIODevice::WriteOnly));
    goFile.close();
    for (const auto &child : std::as_const(children)) {
        QVERIFY(child->waitForFinished(60000));
        QCOMPARE(child->exitStatus(), QProcess::NormalExit);
        QCOMPARE(child->exitCode(), 0);
    }
    const AuditVerifier::Result result = AuditVerifier::verifyFile(trailPath());
    QVERIFY2(result.valid, qPrintable(QStringLiteral("line %1: %2").arg(result.line).arg(result.reason)));
    QCOMPARE(result.records, 2 * kChildRecords);
    int a = 0;
    int b = 0;
    bool interleaved = false;
    QString last;
    for (const AuditEvent &event : AuditTrail::readAll(trailPath())) {
        (event.runId == QLatin1String("child-a") ? a : b)++;
        interleaved = interleaved || (!last.isEmpty() && last != event.runId && a < kChildRecords && b < kChildRecords);
        last = event.runId;
    }
    QCOMPARE(a, kChildRecords);
    QCOMPARE(b, kChildRecords);
    if (!interleaved)
        qInfo("the two children did not interleave this time; the chain was checked all the same");
}

void TestAuditTrail::settingsChangesAreAudited()
{
    const auto settings = AppPaths::settings();
    const auto trail = std::make_shared<AuditTrail>();
    AuditedSettings audited(*settings, trail);
    QVERIFY(audited.setValue(QStringLiteral("check/timeoutMs"), 10000));
    QVERIFY(audited.setValue(QStringLiteral("check/timeoutMs"), 10000)); // unchanged: no event
    QVERIFY(audited.setValue(QStringLiteral("check/timeoutMs"), 3000));
    QVERIFY(audited.remove(QStringLiteral("check/timeoutMs")));
    const QList<AuditEvent> events = AuditTrail::readAll(trailPath());
    QCOMPARE(events.size(), 3);
    for (const AuditEvent &event : events) {
        QCOMPARE(event.type, AuditEvent::Type::Configuration);
        QCOMPARE(event.subType, AuditEvent::SubType::ConfigurationChange);
        QCOMPARE(event.event, AuditEvent::Event::Update);
        QCOMPARE(event.details.value(QStringLiteral("key")).toString(), QStringLiteral("check/timeoutMs"));
    }
    QVERIFY(events.at(0).details.value(QStringLiteral("oldValue")).isNull());
    QCOMPARE(events.at(0).details.value(QStringLiteral("newValue")).toInt(), 10000);
    QCOMPARE(events.at(1).details.value(QStringLiteral("oldValue")).toVariant().toInt(), 10000);
    QCOMPARE(events.at(1).details.value(QStringLiteral("newValue")).toInt(), 3000);
    QVERIFY(events.at(2).details.value(QStringLiteral("newValue")).isNull());
    QVERIFY(!settings->contains(QStringLiteral("check/timeoutMs")));
}

void TestAuditTrail::secretSettingsAreRefused()
{
    const auto settings = AppPaths::settings();
    AuditedSettings audited(*settings, std::make_shared<AuditTrail>());
    audited.addSecretKey(QStringLiteral("target/pin"));
    for (const QString &key : {QStringLiteral("target/password"), QStringLiteral("esx/CimTicket"),
             QStringLiteral("tls/keyPassphrase"), QStringLiteral("target/pin")}) {
        QString error;
        QVERIFY(!audited.setValue(key, QStringLiteral("Hunter2-secret"), &error));
        QVERIFY(error.contains(key));
        QVERIFY(!settings->contains(key));
    }
    QVERIFY(!QFile::exists(trailPath()));
    // Also when the settings file holds one already (written by hand): start-up leaves it out.
    settings->setValue(QStringLiteral("target/password"), QStringLiteral("Hunter2-secret"));
    QVERIFY(audited.recordStartUp(QStringLiteral("test")));
    QFile file(trailPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("Hunter2"));
}

void TestAuditTrail::switchingTheTrailOffIsTheLastRecord()
{
    const auto settings = AppPaths::settings();
    const auto trail = std::make_shared<AuditTrail>();
    AuditedSettings audited(*settings, trail);
    audited.applyToTrail();
    QVERIFY(trail->isEnabled()); // on by default
    QVERIFY(!trail->isSyslogEnabled()); // off by default
    QVERIFY(audited.setValue(QStringLiteral("ui/theme"), QStringLiteral("dark")));
    QVERIFY(audited.setValue(AuditedSettings::auditEnabledKey(), false));
    QVERIFY(!trail->isEnabled());
    QVERIFY(audited.setValue(QStringLiteral("ui/theme"), QStringLiteral("light"))); // not recorded
    QVERIFY(trail->append(sampleEvent(1))); // not recorded
    QList<AuditEvent> events = AuditTrail::readAll(trailPath());
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.constLast().subType, AuditEvent::SubType::AuditTrailChange);
    QCOMPARE(events.constLast().details.value(QStringLiteral("key")).toString(), AuditedSettings::auditEnabledKey());
    QCOMPARE(events.constLast().details.value(QStringLiteral("newValue")).toBool(), false);

    // A new process reads the setting: still off.
    AuditedSettings later(*settings, std::make_shared<AuditTrail>());
    later.applyToTrail();
    QVERIFY(!later.trail()->isEnabled());
    QVERIFY(later.setValue(AuditedSettings::auditEnabledKey(), true));
    QVERIFY(later.trail()->isEnabled());
    events = AuditTrail::readAll(trailPath());
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.constLast().subType, AuditEvent::SubType::AuditTrailChange);
    QCOMPARE(events.constLast().details.value(QStringLiteral("newValue")).toBool(), true);
    QVERIFY(AuditVerifier::verifyFile(trailPath()).valid);
}

void TestAuditTrail::startUpRecordsTheConfiguration()
{
    const auto settings = AppPaths::settings();
    settings->setValue(QStringLiteral("ui/theme"), QStringLiteral("dark"));
    AuditedSettings audited(*settings, std::make_shared<AuditTrail>());
    audited.applyToTrail();
    QVERIFY(audited.recordStartUp(QStringLiteral("cimdiag-test"), {{QStringLiteral("mode"), QStringLiteral("x")}}));
    const QList<AuditEvent> events = AuditTrail::readAll(trailPath());
    QCOMPARE(events.size(), 1);
    const AuditEvent &event = events.constFirst();
    QCOMPARE(event.type, AuditEvent::Type::Configuration);
    QCOMPARE(event.subType, AuditEvent::SubType::CurrentConfiguration);
    QCOMPARE(event.event, AuditEvent::Event::StartUp);
    QCOMPARE(event.details.value(QStringLiteral("application")).toString(), QStringLiteral("cimdiag-test"));
    QCOMPARE(event.details.value(QStringLiteral("mode")).toString(), QStringLiteral("x"));
    const QJsonObject current = event.details.value(QStringLiteral("settings")).toObject();
    QCOMPARE(current.value(QStringLiteral("ui/theme")).toString(), QStringLiteral("dark"));
    QCOMPARE(current.value(AuditedSettings::auditEnabledKey()).toBool(), true);
}

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsSet(kChildVariable)) {
        QCoreApplication app(argc, argv);
        return runChild(qEnvironmentVariable(kChildVariable));
    }
    QCoreApplication app(argc, argv);
    TestAuditTrail test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "TestAuditTrail.moc"
