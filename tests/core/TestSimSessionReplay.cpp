// SPDX-License-Identifier: GPL-3.0-or-later
// SimSessionReplay: a session WbemSessionRecorder wrote against the in-process simulator is replayed
// by a SimHttpServer that has no model at all, and a fresh WbemConnection must get the same results
// (instances, CIM error, 401 with its realm, raw HTTP faults); plus the matching rules, the MESSAGE ID
// rewrite, the answer to an unrecorded operation and the line numbers of load errors (issue #3).
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimScenario.h"
#include "core/sim/SimScenarioHost.h"
#include "core/sim/SimSessionReplay.h"
#include "core/wbem/WbemConnection.h"
#include "core/wbem/WbemOperation.h"
#include "core/wbem/WbemSessionRecorder.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace cimdiag;
using namespace std::chrono_literals;

namespace {

const QString kCimv2 = QStringLiteral("root/cimv2");
const QString kUser = QStringLiteral("cimuser");
const QString kPassword = QStringLiteral("cimpass");

/// Waits (bounded) for finished(); requests start from a queued call, so it cannot have fired yet.
bool waitFinished(WbemOperation *operation)
{
    if (operation->isFinished())
        return true;
    QSignalSpy spy(operation, &WbemOperation::finished);
    return spy.wait(5000) || operation->isFinished();
}

WbemConnectionOptions optionsFor(const QUrl &url, const QString &password)
{
    WbemConnectionOptions options;
    options.url = url;
    options.proxy = WbemProxy::none();
    options.connectTimeout = 3000ms;
    options.readTimeout = 3000ms;
    options.credentials = WbemCredentials::basic(kUser, password);
    return options;
}

CimInstanceName fanPath(const QString &deviceId)
{
    CimInstanceName path(QStringLiteral("CIMDIAG_Fan"));
    path.setKeyBinding(
        QStringLiteral("SystemCreationClassName"), CimValue::string(QStringLiteral("CIMDIAG_ComputerSystem")));
    path.setKeyBinding(QStringLiteral("SystemName"), CimValue::string(QStringLiteral("sim01.cimdiag.test")));
    path.setKeyBinding(QStringLiteral("CreationClassName"), CimValue::string(QStringLiteral("CIMDIAG_Fan")));
    path.setKeyBinding(QStringLiteral("DeviceID"), CimValue::string(deviceId));
    return path;
}

/// What the three operations of the session gave, to compare recording and replay.
struct SessionResult
{
    QList<WbemError> probes; ///< the unrecorded EnumerateClassNames, when asked for
    QList<CimInstance> fans;
    WbemError notFound;
    WbemError unauthorized;
};

/// EnumerateInstances, a GetInstance of a fan that does not exist, and EnumerateInstances with the
/// wrong password, each on url; the operations stay alive (children of the connections). With
/// probeFirst each connection starts with an EnumerateClassNames the recording does not have, which
/// also shifts every later MESSAGE ID away from the recorded one.
std::optional<SessionResult> runSession(
    const QUrl &url, const std::shared_ptr<WbemSessionRecorder> &recorder, QObject *owner, bool probeFirst = false)
{
    auto *good = new WbemConnection(optionsFor(url, kPassword), owner);
    auto *wrong = new WbemConnection(optionsFor(url, QStringLiteral("not-the-password")), owner);
    if (recorder) {
        good->addRecorder(recorder);
        wrong->addRecorder(recorder);
    }
    SessionResult result;
    auto probe = [&](WbemConnection *connection) {
        WbemOperation *operation = connection->enumerateClassNames({}, {}, kCimv2);
        if (!waitFinished(operation))
            return false;
        result.probes.append(operation->error());
        return true;
    };
    if (probeFirst && !probe(good))
        return std::nullopt;
    WbemOperation *enumerate = good->enumerateInstances(QStringLiteral("CIMDIAG_Fan"), {}, kCimv2);
    if (!waitFinished(enumerate) || !enumerate->error().isNull()) {
        qWarning("EnumerateInstances: %s", qPrintable(enumerate->error().toString()));
        return std::nullopt;
    }
    result.fans = enumerate->response().instances;
    WbemOperation *get = good->getInstance(fanPath(QStringLiteral("FAN99")), {}, kCimv2);
    if (!waitFinished(get))
        return std::nullopt;
    result.notFound = get->error();
    if (probeFirst && !probe(wrong))
        return std::nullopt;
    WbemOperation *refused = wrong->enumerateInstances(QStringLiteral("CIMDIAG_Fan"), {}, kCimv2);
    if (!waitFinished(refused))
        return std::nullopt;
    result.unauthorized = refused->error();
    return result;
}

QByteArray exchangeLine(const QByteArray &cimMethod, const QByteArray &body, int status = 200)
{
    return R"({"type":"exchange","seq":1,"request":{"method":"POST","path":"/cimom","headers":[["CIMMethod",")"
        + cimMethod + R"("],["CIMObject","root%2Fcimv2"]],"body":")" + body + R"("},"reply":{"status":)"
        + QByteArray::number(status) + R"(,"reason":"OK","headers":[["Content-Length","3"]],"body":"abc"}})";
}

const QByteArray kSessionLine = R"({"type":"session","format":"cimdiag-wbem-session","version":1})";

} // namespace

class TestSimSessionReplay final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void recordAndReplay();
    void replaysHttpFaults_data();
    void replaysHttpFaults();
    void matchingRules();
    void messageIdRewrite();
    void malformedFile_data();
    void malformedFile();

private:
    /// Records one EnumerateInstanceNames against scenario into a new file; returns its path.
    QString recordOne(const QString &scenarioName, WbemError *recordedError);

    QTemporaryDir m_dir;
    int m_files = 0;
};

void TestSimSessionReplay::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestSimSessionReplay::recordAndReplay()
{
    const QString path = m_dir.filePath(QStringLiteral("healthy.jsonl"));
    QObject recordingOwner;
    std::optional<SessionResult> recorded;
    QString realm;
    {
        const std::optional<SimScenario> scenario = SimScenario::load(QStringLiteral("healthy"));
        QVERIFY(scenario);
        SimScenarioHost host;
        SimScenarioHost::Listen listen;
        listen.https = false;
        QVERIFY2(host.start(*scenario, listen), qPrintable(host.errorString()));
        auto recorder = std::make_shared<WbemSessionRecorder>(path);
        QVERIFY2(recorder->isOpen(), qPrintable(recorder->errorString()));
        recorded = runSession(host.server()->httpUrl(), recorder, &recordingOwner);
        QVERIFY(recorded);
        host.stop();
    }
    // The recording is what the simulator really answered.
    QVERIFY(recorded->fans.size() >= 2);
    QCOMPARE(recorded->notFound.kind, WbemError::Kind::Cim);
    QCOMPARE(recorded->notFound.cimStatus.statusCode(), CimStatusCode::NotFound);
    QCOMPARE(recorded->unauthorized.kind, WbemError::Kind::Authentication);
    QCOMPARE(recorded->unauthorized.httpStatus, 401);
    QVERIFY(!recorded->unauthorized.realm.isEmpty());

    QString error;
    const std::unique_ptr<SimSessionReplay> replay = SimSessionReplay::fromFile(path, &error);
    QVERIFY2(replay, qPrintable(error));
    QCOMPARE(replay->exchanges().size(), 3);

    // A server with no handler and no accounts: everything it says comes from the file.
    SimHttpServer server;
    server.setRawResponder(replay->responder());
    QVERIFY2(server.listenHttp(), qPrintable(server.errorString()));

    // The replay connections record too, to check the replies on the wire.
    QObject replayOwner;
    const QString replayedPath = m_dir.filePath(QStringLiteral("replayed.jsonl"));
    auto replayRecorder = std::make_shared<WbemSessionRecorder>(replayedPath);
    const std::optional<SessionResult> replayed
        = runSession(server.httpUrl(), replayRecorder, &replayOwner, /*probeFirst=*/true);
    QVERIFY(replayed);
    QCOMPARE(replayed->fans, recorded->fans);
    QCOMPARE(replayed->notFound.kind, WbemError::Kind::Cim);
    QCOMPARE(replayed->notFound.cimStatus, recorded->notFound.cimStatus);
    QCOMPARE(replayed->unauthorized.kind, WbemError::Kind::Authentication);
    QCOMPARE(replayed->unauthorized.httpStatus, 401);
    QCOMPARE(replayed->unauthorized.realm, recorded->unauthorized.realm);
    QCOMPARE(replayed->unauthorized.challengeSchemes, recorded->unauthorized.challengeSchemes);
    // An unrecorded operation: the documented CIM error, whichever credentials came with it.
    QCOMPARE(replayed->probes.size(), 2);
    for (const WbemError &probe : replayed->probes) {
        QCOMPARE(probe.kind, WbemError::Kind::Cim);
        QCOMPARE(probe.cimStatus.statusCode(), CimStatusCode::Failed);
        QVERIFY2(probe.cimStatus.description().startsWith(
                     QStringLiteral("no recorded exchange matches EnumerateClassNames on root/cimv2")),
            qPrintable(probe.toString()));
    }

    // Server side: each recorded exchange answered once, in order, with its recorded status.
    QCOMPARE(replay->answeredSequence(), (QList<qint64> {0, 1, 2, 0, 3}));
    QCOMPARE(replay->unansweredCount(), 0);
    const QList<SimReceivedRequest> &received = server.receivedRequests();
    QCOMPARE(received.size(), 5);
    QCOMPARE(received.at(1).responseStatus, 200);
    QCOMPARE(received.at(2).responseStatus, 200);
    QCOMPARE(received.at(4).responseStatus, 401);

    // On the wire, every reply echoes its own request's MESSAGE ID, which is not the recorded one.
    auto exchangeLines = [](const QString &file) {
        QFile in(file);
        QList<QJsonObject> lines;
        if (!in.open(QIODevice::ReadOnly))
            return lines;
        for (const QByteArray &line : in.readAll().trimmed().split('\n'))
            lines.append(QJsonDocument::fromJson(line).object());
        lines.removeFirst(); // the session line
        return lines;
    };
    auto bodyOf = [](const QJsonObject &line, const char *part) {
        return line.value(QLatin1String(part)).toObject().value(QStringLiteral("body")).toString().toUtf8();
    };
    const QList<QJsonObject> original = exchangeLines(path);
    const QList<QJsonObject> wire = exchangeLines(replayedPath);
    QCOMPARE(original.size(), 3);
    QCOMPARE(wire.size(), 5);
    for (const QJsonObject &line : wire) {
        const QByteArray requestId = SimSessionReplay::messageId(bodyOf(line, "request"));
        QVERIFY(!requestId.isEmpty());
        if (line.value(QStringLiteral("reply")).toObject().value(QStringLiteral("status")).toInt() == 200)
            QCOMPARE(SimSessionReplay::messageId(bodyOf(line, "reply")), requestId);
    }
    for (const auto &[wireIndex, originalIndex] : {std::pair(1, 0), std::pair(2, 1), std::pair(4, 2)})
        QVERIFY(SimSessionReplay::messageId(bodyOf(wire.at(wireIndex), "request"))
            != SimSessionReplay::messageId(bodyOf(original.at(originalIndex), "request")));

    // Everything used up: the same session run again replays in the recorded order again (rule 3).
    const std::optional<SessionResult> again = runSession(server.httpUrl(), nullptr, &replayOwner);
    QVERIFY(again);
    QCOMPARE(again->fans, recorded->fans);
    QCOMPARE(again->notFound.cimStatus, recorded->notFound.cimStatus);
    QCOMPARE(again->unauthorized.realm, recorded->unauthorized.realm);
    QCOMPARE(replay->answeredSequence(), (QList<qint64> {0, 1, 2, 0, 3, 1, 2, 3}));
}

QString TestSimSessionReplay::recordOne(const QString &scenarioName, WbemError *recordedError)
{
    const QString path = m_dir.filePath(QStringLiteral("fault-%1.jsonl").arg(++m_files));
    const std::optional<SimScenario> scenario = SimScenario::load(scenarioName);
    if (!scenario)
        return {};
    SimScenarioHost host;
    SimScenarioHost::Listen listen;
    listen.https = false;
    if (!host.start(*scenario, listen))
        return {};
    auto recorder = std::make_shared<WbemSessionRecorder>(path);
    WbemConnection connection(optionsFor(host.server()->httpUrl(), kPassword));
    connection.addRecorder(recorder);
    WbemOperation *operation = connection.enumerateInstanceNames(QStringLiteral("CIMDIAG_Fan"), kCimv2);
    if (!waitFinished(operation))
        return {};
    *recordedError = operation->error();
    return path;
}

void TestSimSessionReplay::replaysHttpFaults_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<WbemError::Kind>("kind");
    QTest::newRow("cimerror-400 (D15)") << QStringLiteral("cimerror-400") << WbemError::Kind::Http;
    QTest::newRow("invalid-xml") << QStringLiteral("invalid-xml") << WbemError::Kind::CimXml;
    QTest::newRow("non-cim-server (D18)") << QStringLiteral("non-cim-server") << WbemError::Kind::Http;
    QTest::newRow("lockdown (D6)") << QStringLiteral("lockdown") << WbemError::Kind::Authentication;
}

void TestSimSessionReplay::replaysHttpFaults()
{
    QFETCH(QString, scenario);
    QFETCH(WbemError::Kind, kind);
    WbemError recorded;
    const QString path = recordOne(scenario, &recorded);
    QVERIFY(!path.isEmpty());
    QCOMPARE(recorded.kind, kind);

    QString error;
    const std::unique_ptr<SimSessionReplay> replay = SimSessionReplay::fromFile(path, &error);
    QVERIFY2(replay, qPrintable(error));
    SimHttpServer server;
    server.setRawResponder(replay->responder());
    QVERIFY(server.listenHttp());
    WbemConnection connection(optionsFor(server.httpUrl(), kPassword));
    WbemOperation *operation = connection.enumerateInstanceNames(QStringLiteral("CIMDIAG_Fan"), kCimv2);
    QVERIFY(waitFinished(operation));
    const WbemError &replayed = operation->error();
    QCOMPARE(replayed.kind, recorded.kind);
    QCOMPARE(replayed.httpStatus, recorded.httpStatus);
    QCOMPARE(replayed.cimErrorHeader, recorded.cimErrorHeader);
    QCOMPARE(replayed.contentType, recorded.contentType);
    QCOMPARE(replayed.realm, recorded.realm);
    QVERIFY(replay->answeredSequence().constFirst() > 0);
}

void TestSimSessionReplay::matchingRules()
{
    auto request = [](const QByteArray &cimMethod, const QByteArray &object, const QByteArray &body,
                       const QByteArray &authorization = {}) {
        SimReceivedRequest received;
        received.method = "POST";
        received.headers = {{"CIMMethod", cimMethod}, {"CIMObject", object}};
        if (!authorization.isEmpty())
            received.headers.append({"Authorization", authorization});
        received.body = body;
        return received;
    };
    auto body = [](const char *id, const char *argument) -> QByteArray {
        return QByteArray(R"(<CIM><MESSAGE ID=")") + id + R"(" PROTOCOLVERSION="1.0">)" + argument + "</MESSAGE></CIM>";
    };
    auto line = [](int seq, const char *auth, const QByteArray &requestBody, int status) -> QByteArray {
        const QByteArray authHeader = *auth ? QByteArray(R"(,["Authorization",")") + auth + R"("])" : QByteArray();
        return R"({"type":"exchange","seq":)" + QByteArray::number(seq)
            + R"(,"request":{"method":"POST","path":"/cimom","headers":[["CIMMethod","GetInstance"],)"
              R"(["CIMObject","root%2Fcimv2"])"
            + authHeader + R"(],"body":")" + QByteArray(requestBody).replace('"', "\\\"") + R"("},)"
            + R"("reply":{"status":)" + QByteArray::number(status) + R"(,"reason":"R","headers":[],"body":"s)"
            + QByteArray::number(seq) + R"("}})";
    };
    const QByteArray data = kSessionLine + '\n' + line(1, "", body("1", "A"), 401) + '\n'
        + line(2, "Basic ***", body("2", "A"), 200) + '\n' + line(3, "Basic ***", body("3", "B"), 200) + '\n';
    QString error;
    const std::unique_ptr<SimSessionReplay> replay = SimSessionReplay::fromData(data, QStringLiteral("t"), &error);
    QVERIFY2(replay, qPrintable(error));

    // Rule 1 with the Authorization preference: the authenticated "A" gets seq 2, not the 401.
    QCOMPARE(replay->answer(request("GetInstance", "root/cimv2", body("77", "A"), "Basic <redacted>")).body,
        QByteArray("s2"));
    // Rule 1 again: unauthenticated "A" gets the 401 (its body has no MESSAGE to rewrite).
    const SimRawReply challenge = replay->answer(request("getinstance", "ROOT%2Fcimv2", body("78", "A")));
    QCOMPARE(challenge.status, 401);
    QCOMPARE(challenge.reason, QByteArray("R"));
    // Rule 2: another argument "C" takes the next unanswered GetInstance on root/cimv2 (seq 3).
    QCOMPARE(replay->answer(request("GetInstance", "root/cimv2", body("79", "C"), "Basic x")).body, QByteArray("s3"));
    // Rule 3: "B" again, everything used up: the answer "B" got before.
    QCOMPARE(replay->answer(request("GetInstance", "root/cimv2", body("80", "B"), "Basic x")).body, QByteArray("s3"));
    // Rule 4: "C" has no identical recording and nothing is left; not CIM-XML, so 400 request-not-valid.
    const SimRawReply none = replay->answer(request("GetInstance", "root/cimv2", body("81", "C"), "Basic x"));
    QCOMPARE(none.status, 400);
    QVERIFY(none.body.startsWith("no recorded exchange matches GetInstance on root/cimv2"));
    QCOMPARE(replay->answeredSequence(), (QList<qint64> {2, 1, 3, 3, 0}));

    replay->rewind();
    QCOMPARE(replay->unansweredCount(), 3);
    QVERIFY(replay->answeredSequence().isEmpty());
}

void TestSimSessionReplay::messageIdRewrite()
{
    const QByteArray body = R"(<?xml version="1.0"?><CIM CIMVERSION="2.0"><MESSAGE PROTOCOLVERSION="1.0" )"
                            R"(XID="no" ID = '1001'><SIMPLERSP/></MESSAGE></CIM>)";
    QCOMPARE(SimSessionReplay::messageId(body), QByteArray("1001"));
    const QByteArray rewritten = SimSessionReplay::withMessageId(body, "42");
    QCOMPARE(rewritten, QByteArray(body).replace("'1001'", "'42'"));
    QCOMPARE(SimSessionReplay::messageId(rewritten), QByteArray("42"));
    // Invalid XML after the MESSAGE tag is kept byte for byte.
    const QByteArray broken = QByteArray(R"(<CIM><MESSAGE ID="7">)") + "\x01&bogus;\xff</WRONG>";
    QCOMPARE(SimSessionReplay::withMessageId(broken, "8"), QByteArray(broken).replace("\"7\"", "\"8\""));
    // No MESSAGE: unchanged.
    QCOMPARE(SimSessionReplay::withMessageId("<html/>", "8"), QByteArray("<html/>"));
    QVERIFY(SimSessionReplay::messageId("<html/>").isEmpty());
}

void TestSimSessionReplay::malformedFile_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("expected");
    const QByteArray good = exchangeLine("GetInstance", "x");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("bad.jsonl: empty file");
    QTest::newRow("not a session") << QByteArray("{\"type\":\"exchange\"}\n")
                                   << QStringLiteral("bad.jsonl:1: not a cimdiag-wbem-session file");
    QTest::newRow("future version") << QByteArray(R"({"type":"session","format":"cimdiag-wbem-session","version":2})")
                                    << QStringLiteral("bad.jsonl:1: unsupported format version 2");
    QTest::newRow("broken JSON on line 3") << QByteArray(kSessionLine + '\n' + good + "\n{\"type\": \"exchange\",\n")
                                           << QStringLiteral("bad.jsonl:3: not valid JSON");
    QTest::newRow("blank lines still count") << QByteArray(kSessionLine + "\n\n" + good + "\n\n[1]\n")
                                             << QStringLiteral("bad.jsonl:5: each line must be a JSON object");
    QTest::newRow("unknown type") << QByteArray(kSessionLine + "\n{\"type\":\"note\"}\n")
                                  << QStringLiteral("bad.jsonl:2: unknown line type \"note\"");
    QTest::newRow("no request") << QByteArray(kSessionLine + "\n{\"type\":\"exchange\",\"reply\":null}\n")
                                << QStringLiteral("bad.jsonl:2: \"request\" must be an object, not missing");
    QTest::newRow("bad header pair") << QByteArray(
        kSessionLine + '\n' + QByteArray(good).replace(R"(["CIMMethod",)", R"(["CIMMethod",1,)"))
                                     << QStringLiteral(
                                            "bad.jsonl:2: request \"headers\"[0] must be a [name, value] pair");
    QTest::newRow("bad status") << QByteArray(kSessionLine + '\n' + exchangeLine("GetInstance", "x", 42))
                                << QStringLiteral("bad.jsonl:2: reply \"status\" must be an HTTP status");
    QTest::newRow("bad base64") << QByteArray(
        kSessionLine + '\n' + QByteArray(good).replace(R"("body":"x")", R"("body":"%%%","bodyEncoding":"base64")"))
                                << QStringLiteral("bad.jsonl:2: request \"body\" is not valid base64");
}

void TestSimSessionReplay::malformedFile()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, expected);
    const QString path = m_dir.filePath(QStringLiteral("bad.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(data), data.size());
    file.close();
    QString error;
    QVERIFY(!SimSessionReplay::fromFile(path, &error));
    QVERIFY2(error.startsWith(path.chopped(9) + expected), qPrintable(error));

    QVERIFY(!SimSessionReplay::fromFile(m_dir.filePath(QStringLiteral("missing.jsonl")), &error));
    QVERIFY2(error.startsWith(QStringLiteral("cannot open ")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestSimSessionReplay)

#include "TestSimSessionReplay.moc"
