// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the real cimdiag-cli binary on the captures under tests/data/captures and the README's sample,
// and checks what it prints and how it exits.
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class TestCliDecode final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void textOutput_data();
    void textOutput();
    void jsonOutput_data();
    void jsonOutput();
    void badDocument_data();
    void badDocument();
    void usageError_data();
    void usageError();
    void sampleDecodes();
    void standardInput();
    void inputLargerThanOneChunk();
    void helpAndVersion();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    /// Runs cimdiag-cli with arguments, writes input to its standard input, waits at most 60 s.
    Run runCli(const QStringList &arguments, const QByteArray &input = {}) const;
    QString capture(const QString &name) const { return m_captures + u'/' + name; }
    static QByteArray readFile(const QString &path);
    /// The value at path ("instances/4/properties/Name/value"; a last segment "#" is the size of the
    /// array or object) in document, or "<absent>" when there is no such member.
    static QJsonValue lookup(const QJsonValue &document, const QString &path);

    QString m_cli;
    QString m_sample;
    QString m_captures;
};

namespace {
const QString kAbsent = QStringLiteral("<absent>");
} // namespace

void TestCliDecode::initTestCase()
{
    m_cli = qEnvironmentVariable("CIMDIAG_CLI");
    const QString sourceDir = qEnvironmentVariable("CIMDIAG_SOURCE_DIR");
    const QString testData = qEnvironmentVariable("CIMDIAG_TEST_DATA");
    QVERIFY2(!m_cli.isEmpty() && !sourceDir.isEmpty() && !testData.isEmpty(),
        "CIMDIAG_CLI, CIMDIAG_SOURCE_DIR and CIMDIAG_TEST_DATA must be set (tests/CMakeLists.txt does)");
    QVERIFY2(QFileInfo(m_cli).isExecutable(), qPrintable(m_cli));
    m_sample = sourceDir + QStringLiteral("/resources/samples/EnumerateInstances-response.xml");
    m_captures = testData + QStringLiteral("/captures");
    QVERIFY2(QFileInfo::exists(m_sample), qPrintable(m_sample));
    QVERIFY2(QFileInfo::exists(capture(QStringLiteral("GetInstance-error-response.xml"))), qPrintable(m_captures));
}

TestCliDecode::Run TestCliDecode::runCli(const QStringList &arguments, const QByteArray &input) const
{
    Run run;
    QProcess process;
    process.start(m_cli, arguments);
    if (!process.waitForStarted(10000))
        return run;
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished(5000);
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QByteArray TestCliDecode::readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QJsonValue TestCliDecode::lookup(const QJsonValue &document, const QString &path)
{
    QJsonValue current = document;
    for (const QString &segment : path.split(u'/')) {
        if (segment == QStringLiteral("#")) {
            if (current.isArray())
                return current.toArray().size();
            if (current.isObject())
                return current.toObject().size();
            return kAbsent;
        }
        if (current.isArray()) {
            bool isIndex = false;
            const int index = segment.toInt(&isIndex);
            if (!isIndex || index < 0 || index >= current.toArray().size())
                return kAbsent;
            current = current.toArray().at(index);
        } else if (current.isObject() && current.toObject().contains(segment)) {
            current = current.toObject().value(segment);
        } else {
            return kAbsent;
        }
    }
    return current;
}

// ---------------------------------------------------------------------------------------------------

void TestCliDecode::textOutput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("expectedLines");

    QTest::newRow("EnumerateInstances sample")
        << QStringList {QStringLiteral("decode"), QStringLiteral("--operation"), QStringLiteral("EnumerateInstances"),
               m_sample}
        << QStringList {
               QStringLiteral("// EnumerateInstances response, message 4711: 8 instances"),
               QStringLiteral("instance of OMC_NumericSensor {"),
               QStringLiteral("    ElementName = \"System Board 1 Fan2A\";"),
               QStringLiteral("    OperationalStatus = {3};"),
               QStringLiteral("    CurrentState = \"Lower Non-Critical\";"),
               QStringLiteral("    CurrentReading = 720;"),
               QStringLiteral("    UnitModifier = -2;"),
               QStringLiteral("    LowerThresholdCritical = -700;"),
               QStringLiteral("    PollingInterval = 10000000000;"),
               QStringLiteral("    TimeOfLastStateChange = \"20240618143007.412000+000\";"),
               QStringLiteral("    InstallDate = NULL;"),
               QStringLiteral("    SettableThresholds = {};"),
               QStringLiteral("    IsLinear = TRUE;"),
               QStringLiteral("};"),
           };
    QTest::newRow("operation name in any case")
        << QStringList {QStringLiteral("decode"), QStringLiteral("-o"), QStringLiteral("enumerateINSTANCEnames"),
               capture(QStringLiteral("EnumerateInstanceNames-response.xml"))}
        << QStringList {
               QStringLiteral("// EnumerateInstanceNames response, message 1003: 4 instance names"),
               QStringLiteral("/:OMC_PhysicalMemory.CreationClassName=\"OMC_PhysicalMemory\",Tag=\"32.0\""),
               QStringLiteral("/:OMC_PhysicalMemory.CreationClassName=\"OMC_PhysicalMemory\",Tag=\"32.2\""),
               QStringLiteral(
                   "/:OMC_PhysicalMemory.CreationClassName=\"OMC_PhysicalMemory\",Tag=\"DIMM \\\"B1\\\" <slot 8>\""),
           };
    QTest::newRow("CIM error with CIM_Error instance")
        << QStringList {QStringLiteral("decode"), QStringLiteral("--operation=GetInstance"),
               capture(QStringLiteral("GetInstance-error-response.xml"))}
        << QStringList {
               QStringLiteral("// GetInstance response, message 1002: CIM error CIM_ERR_NOT_FOUND (6)"),
               QStringLiteral("CIM error: CIM_ERR_NOT_FOUND (6): No such instance: "
                              "OMC_NumericSensor.DeviceID=\"99.1.1.1\" on esx01.lab.example.com"),
               QStringLiteral("instance of CIM_Error {"),
               QStringLiteral("    CIMStatusCode = 6;"),
               QStringLiteral("    MessageArguments = {\"OMC_NumericSensor\", \"99.1.1.1\"};"),
               QStringLiteral("    OtherErrorType = NULL;"),
           };
    QTest::newRow("InvokeMethod return value and out parameters")
        << QStringList {QStringLiteral("decode"), QStringLiteral("--operation"), QStringLiteral("InvokeMethod"),
               capture(QStringLiteral("InvokeMethod-response.xml"))}
        << QStringList {
               QStringLiteral("// InvokeMethod RequestStateChange response, message 1004: return value and 2 "
                              "output parameters"),
               QStringLiteral("uint32 ReturnValue = 4096;"),
               QStringLiteral("reference Job = //esx01.lab.example.com/root/cimv2:OMC_ConcreteJob.InstanceID="
                              "\"OMC:job:20240618-0042\";"),
               QStringLiteral("uint64 ElapsedMicroseconds = 18446744073709551615;"),
           };
    QTest::newRow("pull: EnumerationContext and EndOfSequence")
        << QStringList {QStringLiteral("decode"), QStringLiteral("--operation"),
               QStringLiteral("OpenEnumerateInstances"), capture(QStringLiteral("OpenEnumerateInstances-response.xml"))}
        << QStringList {
               QStringLiteral("// OpenEnumerateInstances response, message 1006: 2 instances, more to pull"),
               QStringLiteral("// Path: //esx01.lab.example.com/root/cimv2:OMC_PhysicalMemory.CreationClassName="
                              "\"OMC_PhysicalMemory\",Tag=\"32.1\""),
               QStringLiteral("instance of OMC_PhysicalMemory {"),
               QStringLiteral("    ElementName = \"DIMM A2\";"),
               QStringLiteral("EnumerationContext = \"sfcb-enum-7f3a9c01\";"),
               QStringLiteral("EndOfSequence = FALSE;"),
           };
    QTest::newRow("class as MOF") << QStringList {QStringLiteral("decode"), QStringLiteral("--operation"),
        QStringLiteral("GetClass"), capture(QStringLiteral("GetClass-response.xml"))}
                                  << QStringList {
                                         QStringLiteral("// GetClass response, message 1007: 1 class"),
                                         QStringLiteral("class OMC_Fan : CIM_Fan {"),
                                         QStringLiteral("    uint64 DesiredSpeed = 0;"),
                                     };
    QTest::newRow("qualifier declarations as MOF")
        << QStringList {QStringLiteral("decode"), QStringLiteral("--operation"), QStringLiteral("EnumerateQualifiers"),
               capture(QStringLiteral("EnumerateQualifiers-response.xml"))}
        << QStringList {
               QStringLiteral("// EnumerateQualifiers response, message 1008: 3 qualifier declarations"),
               QStringLiteral("Qualifier Key : boolean = FALSE,"),
               QStringLiteral("Qualifier ValueMap : string[],"),
           };
    QTest::newRow("request: intrinsic")
        << QStringList {QStringLiteral("decode"), QStringLiteral("--request"),
               capture(QStringLiteral("EnumerateInstances-request.xml"))}
        << QStringList {
               QStringLiteral("// EnumerateInstances request, message 4711"),
               QStringLiteral("// Namespace: root/cimv2"),
               QStringLiteral("ClassName = OMC_NumericSensor;"),
               QStringLiteral("boolean DeepInheritance = TRUE;"),
               QStringLiteral("boolean LocalOnly = FALSE;"),
               QStringLiteral("string[] PropertyList = {\"ElementName\", \"CurrentReading\", \"HealthState\"};"),
           };
    QTest::newRow("request: extrinsic")
        << QStringList {QStringLiteral("decode"), QStringLiteral("-r"),
               capture(QStringLiteral("InvokeMethod-request.xml"))}
        << QStringList {
               QStringLiteral("// InvokeMethod RequestStateChange request, message 1004"),
               QStringLiteral("// Target: /root/cimv2:OMC_UnitaryComputerSystem.CreationClassName="
                              "\"OMC_UnitaryComputerSystem\",Name=\"esx01.lab.example.com\""),
               QStringLiteral("// Method: RequestStateChange"),
               QStringLiteral("uint16 RequestedState = 11;"),
               QStringLiteral("datetime TimeoutPeriod = \"00000000000500.000000:000\";"),
           };
    QTest::newRow("request: export (indication)")
        << QStringList {QStringLiteral("decode"), QStringLiteral("--request"),
               capture(QStringLiteral("ExportIndication-request.xml"))}
        << QStringList {
               QStringLiteral("// ExportIndication request, message 2001"),
               QStringLiteral("NewIndication = instance of CIM_AlertIndication {"),
               QStringLiteral("    PerceivedSeverity = 3;"),
               QStringLiteral("    IndicationTime = \"20240618143007.412000+000\";"),
               QStringLiteral("    OtherSeverity = NULL;"),
               QStringLiteral("};"),
           };
}

void TestCliDecode::textOutput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, expectedLines);

    const Run run = runCli(arguments);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.err.isEmpty(), run.err.constData());
    const QStringList lines = QString::fromUtf8(run.out).split(u'\n');
    for (const QString &expected : expectedLines)
        QVERIFY2(lines.contains(expected),
            qPrintable(QStringLiteral("missing line: ") + expected + u'\n' + QString::fromUtf8(run.out.left(4000))));
}

// ---------------------------------------------------------------------------------------------------

void TestCliDecode::jsonOutput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QJsonObject>("expected"); // path -> value

    const auto response = [](const QString &operation, const QString &file) {
        return QStringList {
            QStringLiteral("decode"), QStringLiteral("--json"), QStringLiteral("--operation"), operation, file};
    };
    const auto request = [](const QString &file) {
        return QStringList {QStringLiteral("decode"), QStringLiteral("--request"), QStringLiteral("--json"), file};
    };

    QTest::newRow("EnumerateInstances sample")
        << response(QStringLiteral("EnumerateInstances"), m_sample)
        << QJsonObject {
               {QStringLiteral("kind"), QStringLiteral("response")},
               {QStringLiteral("operation"), QStringLiteral("EnumerateInstances")},
               {QStringLiteral("messageId"), QStringLiteral("4711")},
               {QStringLiteral("status/ok"), true},
               {QStringLiteral("summary"), QStringLiteral("8 instances")},
               {QStringLiteral("instances/#"), 8},
               {QStringLiteral("instances/4/className"), QStringLiteral("OMC_NumericSensor")},
               {QStringLiteral("instances/4/path/keyBindings/DeviceID/value"), QStringLiteral("29.2.1.49")},
               {QStringLiteral("instances/4/path/keyBindings/#"), 4},
               {QStringLiteral("instances/4/path/namespace"), kAbsent},
               {QStringLiteral("instances/4/properties/CurrentReading/type"), QStringLiteral("sint32")},
               {QStringLiteral("instances/4/properties/CurrentReading/value"), 720},
               {QStringLiteral("instances/0/properties/LowerThresholdCritical/value"), -700},
               {QStringLiteral("instances/4/properties/OperationalStatus/array"), true},
               {QStringLiteral("instances/4/properties/OperationalStatus/value/0"), 3},
               {QStringLiteral("instances/4/properties/SettableThresholds/value/#"), 0},
               {QStringLiteral("instances/0/properties/InstallDate/type"), QStringLiteral("datetime")},
               {QStringLiteral("instances/0/properties/InstallDate/value"), QJsonValue::Null},
               {QStringLiteral("instances/0/properties/PollingInterval/value"), qint64(10000000000)},
               {QStringLiteral("instances/7/properties/TimeOfLastStateChange/value"),
                   QStringLiteral("20240312081524.000000+000")},
               {QStringLiteral("instances/7/properties/IsLinear/value"), true},
               {QStringLiteral("instanceNames"), kAbsent},
           };
    QTest::newRow("CIM error")
        << response(QStringLiteral("GetInstance"), capture(QStringLiteral("GetInstance-error-response.xml")))
        << QJsonObject {
               {QStringLiteral("status/ok"), false},
               {QStringLiteral("status/code"), 6},
               {QStringLiteral("status/name"), QStringLiteral("CIM_ERR_NOT_FOUND")},
               {QStringLiteral("status/description"),
                   QStringLiteral(
                       "No such instance: OMC_NumericSensor.DeviceID=\"99.1.1.1\" on esx01.lab.example.com")},
               {QStringLiteral("status/errorInstances/#"), 1},
               {QStringLiteral("status/errorInstances/0/className"), QStringLiteral("CIM_Error")},
               {QStringLiteral("status/errorInstances/0/properties/CIMStatusCode/value"), 6},
               {QStringLiteral("status/errorInstances/0/properties/MessageArguments/value/1"),
                   QStringLiteral("99.1.1.1")},
               {QStringLiteral("instances"), kAbsent},
           };
    QTest::newRow("instance names")
        << response(
               QStringLiteral("EnumerateInstanceNames"), capture(QStringLiteral("EnumerateInstanceNames-response.xml")))
        << QJsonObject {
               {QStringLiteral("instanceNames/#"), 4},
               {QStringLiteral("instanceNames/0/className"), QStringLiteral("OMC_PhysicalMemory")},
               {QStringLiteral("instanceNames/3/keyBindings/Tag/value"), QStringLiteral("DIMM \"B1\" <slot 8>")},
               // KEYVALUE without VALUETYPE is a string (DSP0201 default).
               {QStringLiteral("instanceNames/2/keyBindings/Tag/type"), QStringLiteral("string")},
               {QStringLiteral("instanceNames/2/keyBindings/Tag/value"), QStringLiteral("32.2")},
           };
    QTest::newRow("InvokeMethod")
        << response(QStringLiteral("InvokeMethod"), capture(QStringLiteral("InvokeMethod-response.xml")))
        << QJsonObject {
               {QStringLiteral("method"), QStringLiteral("RequestStateChange")},
               {QStringLiteral("returnValue/type"), QStringLiteral("uint32")},
               {QStringLiteral("returnValue/value"), 4096},
               {QStringLiteral("outParameters/Job/type"), QStringLiteral("reference")},
               {QStringLiteral("outParameters/Job/value/host"), QStringLiteral("esx01.lab.example.com")},
               {QStringLiteral("outParameters/Job/value/namespace"), QStringLiteral("root/cimv2")},
               {QStringLiteral("outParameters/Job/value/uri"),
                   QStringLiteral(
                       "//esx01.lab.example.com/root/cimv2:OMC_ConcreteJob.InstanceID=\"OMC:job:20240618-0042\"")},
               // Beyond 2^53: a string, so no digit is lost to a double.
               {QStringLiteral("outParameters/ElapsedMicroseconds/value"), QStringLiteral("18446744073709551615")},
           };
    QTest::newRow("pull") << response(
        QStringLiteral("OpenEnumerateInstances"), capture(QStringLiteral("OpenEnumerateInstances-response.xml")))
                          << QJsonObject {
                                 {QStringLiteral("enumerationContext"), QStringLiteral("sfcb-enum-7f3a9c01")},
                                 {QStringLiteral("endOfSequence"), false},
                                 {QStringLiteral("instances/#"), 2},
                                 {QStringLiteral("instances/1/path/host"), QStringLiteral("esx01.lab.example.com")},
                                 {QStringLiteral("instances/1/path/namespace"), QStringLiteral("root/cimv2")},
                                 {QStringLiteral("instances/1/properties/Capacity/value"), qint64(34359738368)},
                             };
    QTest::newRow("class")
        << response(QStringLiteral("GetClass"), capture(QStringLiteral("GetClass-response.xml")))
        << QJsonObject {
               {QStringLiteral("classes/#"), 1},
               {QStringLiteral("classes/0/className"), QStringLiteral("OMC_Fan")},
               {QStringLiteral("classes/0/superClass"), QStringLiteral("CIM_Fan")},
               {QStringLiteral("classes/0/methods/SetSpeed/returnType"), QStringLiteral("uint32")},
               {QStringLiteral("classes/0/methods/SetSpeed/parameters/DesiredSpeed/type"), QStringLiteral("uint64")},
               {QStringLiteral("classes/0/properties/DeviceID/qualifiers/Key/flavors/overridable"), false},
               {QStringLiteral("classes/0/properties/DeviceID/classOrigin"), QStringLiteral("CIM_LogicalDevice")},
               {QStringLiteral("classes/0/properties/DesiredSpeed/value"), 0},
           };
    QTest::newRow("qualifier declarations")
        << response(QStringLiteral("EnumerateQualifiers"), capture(QStringLiteral("EnumerateQualifiers-response.xml")))
        << QJsonObject {
               {QStringLiteral("qualifierDeclarations/#"), 3},
               {QStringLiteral("qualifierDeclarations/0/name"), QStringLiteral("Key")},
               {QStringLiteral("qualifierDeclarations/0/value"), false},
               {QStringLiteral("qualifierDeclarations/0/scopes/#"), 2},
               {QStringLiteral("qualifierDeclarations/1/scopes/#"), 7},
               {QStringLiteral("qualifierDeclarations/2/array"), true},
               {QStringLiteral("qualifierDeclarations/2/value"), QJsonValue::Null},
           };
    QTest::newRow("request: intrinsic")
        << request(capture(QStringLiteral("EnumerateInstances-request.xml")))
        << QJsonObject {
               {QStringLiteral("kind"), QStringLiteral("request")},
               {QStringLiteral("operation"), QStringLiteral("EnumerateInstances")},
               {QStringLiteral("namespace"), QStringLiteral("root/cimv2")},
               {QStringLiteral("arguments/ClassName/kind"), QStringLiteral("className")},
               {QStringLiteral("arguments/ClassName/value/className"), QStringLiteral("OMC_NumericSensor")},
               {QStringLiteral("arguments/DeepInheritance/kind"), QStringLiteral("value")},
               {QStringLiteral("arguments/DeepInheritance/value"), true},
               {QStringLiteral("arguments/PropertyList/value/#"), 3},
           };
    QTest::newRow("request: extrinsic")
        << request(capture(QStringLiteral("InvokeMethod-request.xml")))
        << QJsonObject {
               {QStringLiteral("operation"), QStringLiteral("InvokeMethod")},
               {QStringLiteral("method"), QStringLiteral("RequestStateChange")},
               {QStringLiteral("target/className"), QStringLiteral("OMC_UnitaryComputerSystem")},
               {QStringLiteral("target/keyBindings/Name/value"), QStringLiteral("esx01.lab.example.com")},
               {QStringLiteral("parameters/RequestedState/value"), 11},
               {QStringLiteral("parameters/TimeoutPeriod/type"), QStringLiteral("datetime")},
           };
    QTest::newRow("request: export")
        << request(capture(QStringLiteral("ExportIndication-request.xml")))
        << QJsonObject {
               {QStringLiteral("operation"), QStringLiteral("ExportIndication")},
               {QStringLiteral("messageId"), QStringLiteral("2001")},
               {QStringLiteral("namespace"), kAbsent},
               {QStringLiteral("arguments/NewIndication/kind"), QStringLiteral("instance")},
               {QStringLiteral("arguments/NewIndication/value/className"), QStringLiteral("CIM_AlertIndication")},
               {QStringLiteral("arguments/NewIndication/value/properties/PerceivedSeverity/value"), 3},
           };
}

void TestCliDecode::jsonOutput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QJsonObject, expected);

    const Run run = runCli(arguments);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(run.out, &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    QVERIFY(document.isObject());
    for (auto it = expected.constBegin(); it != expected.constEnd(); ++it) {
        const QJsonValue actual = lookup(document.object(), it.key());
        QVERIFY2(actual == it.value(),
            qPrintable(
                QStringLiteral("%1: got %2, expected %3")
                    .arg(it.key(), QString::fromUtf8(QJsonDocument(QJsonArray {actual}).toJson(QJsonDocument::Compact)),
                        QString::fromUtf8(QJsonDocument(QJsonArray {it.value()}).toJson(QJsonDocument::Compact)))));
    }
}

// ---------------------------------------------------------------------------------------------------

void TestCliDecode::badDocument_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expectedInError");

    const QString location = QStringLiteral("line \\d+, column \\d+, at CIM/MESSAGE/");
    QTest::newRow("truncated") << QStringList {QStringLiteral("decode"), QStringLiteral("-o"),
        QStringLiteral("EnumerateInstances"), capture(QStringLiteral("EnumerateInstances-truncated-response.xml"))}
                               << QByteArray()
                               << QStringList {location, QStringLiteral("IRETURNVALUE/VALUE\\.NAMEDINSTANCE\\[2\\]")};
    QTest::newRow("reply does not fit the operation")
        << QStringList {QStringLiteral("decode"), QStringLiteral("-o"), QStringLiteral("EnumerateInstanceNames"),
               capture(QStringLiteral("EnumerateInstanceNames-mismatch-response.xml"))}
        << QByteArray()
        << QStringList {QStringLiteral("line 8, column \\d+, at CIM/MESSAGE/SIMPLERSP/IMETHODRESPONSE"),
               QStringLiteral("IRETURNVALUE/VALUE\\.NAMEDINSTANCE\\[1\\]: "), QStringLiteral("INSTANCENAME")};
    QTest::newRow("value out of range") << QStringList {QStringLiteral("decode"), QStringLiteral("-o"),
        QStringLiteral("EnumerateInstances"), capture(QStringLiteral("EnumerateInstances-bad-value-response.xml"))}
                                        << QByteArray()
                                        << QStringList {QStringLiteral("line 174, column \\d+, at CIM/MESSAGE/"),
                                               QStringLiteral("PROPERTY\\[HealthState\\]/VALUE: "),
                                               QStringLiteral("70000"), QStringLiteral("uint16")};
    QTest::newRow("reply to another operation")
        << QStringList {QStringLiteral("decode"), QStringLiteral("-o"), QStringLiteral("GetInstance"), m_sample}
        << QByteArray() << QStringList {location, QStringLiteral("GetInstance")};
    QTest::newRow("response given as request") << QStringList {QStringLiteral("decode"), QStringLiteral("--request"),
        m_sample} << QByteArray() << QStringList {location, QStringLiteral("SIMPLERSP")};
    QTest::newRow("not XML on standard input")
        << QStringList {QStringLiteral("decode"), QStringLiteral("-o"), QStringLiteral("GetClass"), QStringLiteral("-")}
        << QByteArray("HTTP/1.1 401 Unauthorized\r\n\r\n")
        << QStringList {QStringLiteral("standard input"), QStringLiteral("line 1, column \\d+")};
    QTest::newRow("empty standard input")
        << QStringList {QStringLiteral("decode"), QStringLiteral("-o"), QStringLiteral("GetClass"), QStringLiteral("-")}
        << QByteArray() << QStringList {QStringLiteral("standard input is empty")};
}

void TestCliDecode::badDocument()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expectedInError);

    const Run run = runCli(arguments, input);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.out.isEmpty(), run.out.constData());
    const QString error = QString::fromUtf8(run.err);
    QVERIFY2(error.startsWith(QStringLiteral("cimdiag-cli decode: ")), qPrintable(error));
    QCOMPARE(error.count(u'\n'), 1); // one line, the precise error
    for (const QString &pattern : expectedInError) {
        QVERIFY2(QRegularExpression(pattern).match(error).hasMatch(),
            qPrintable(QStringLiteral("/%1/ not in: %2").arg(pattern, error)));
    }
}

// ---------------------------------------------------------------------------------------------------

void TestCliDecode::usageError_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("expectedInError");

    QTest::newRow("no command") << QStringList() << 64 << QStringList {QStringLiteral("no command given")};
    QTest::newRow("unknown command") << QStringList {QStringLiteral("frobnicate")} << 64
                                     << QStringList {QStringLiteral("unknown command \"frobnicate\"")};
    QTest::newRow("unknown operation") << QStringList {QStringLiteral("decode"), QStringLiteral("--operation"),
        QStringLiteral("EnumerateInstance"), m_sample}
                                       << 64
                                       << QStringList {QStringLiteral("unknown operation \"EnumerateInstance\""),
                                              QStringLiteral("EnumerateInstances,"),
                                              QStringLiteral("EnumerateInstanceNames,"),
                                              QStringLiteral("ExportIndication")};
    QTest::newRow("extrinsic method name as operation") << QStringList {QStringLiteral("decode"), QStringLiteral("-o"),
        QStringLiteral("RequestStateChange"), capture(QStringLiteral("InvokeMethod-response.xml"))}
                                                        << 64 << QStringList {QStringLiteral("InvokeMethod")};
    QTest::newRow("no operation") << QStringList {QStringLiteral("decode"), m_sample} << 64
                                  << QStringList {QStringLiteral("--operation NAME is required")};
    QTest::newRow("operation and request") << QStringList {QStringLiteral("decode"), QStringLiteral("-o"),
        QStringLiteral("GetClass"), QStringLiteral("-r"), m_sample}
                                           << 64 << QStringList {QStringLiteral("--request")};
    QTest::newRow("no file") << QStringList {QStringLiteral("decode"), QStringLiteral("-o"), QStringLiteral("GetClass")}
                             << 64 << QStringList {QStringLiteral("FILE is missing")};
    QTest::newRow("two files") << QStringList {QStringLiteral("decode"), QStringLiteral("-o"),
        QStringLiteral("GetClass"), m_sample, m_sample}
                               << 64 << QStringList {QStringLiteral("one FILE at a time")};
    QTest::newRow("unknown option") << QStringList {QStringLiteral("decode"), QStringLiteral("--xml"), m_sample} << 64
                                    << QStringList {QStringLiteral("xml")};
    QTest::newRow("missing file") << QStringList {QStringLiteral("decode"), QStringLiteral("-o"),
        QStringLiteral("GetClass"), m_captures + QStringLiteral("/no-such-capture.xml")}
                                  << 66
                                  << QStringList {QStringLiteral("cannot open"), QStringLiteral("no-such-capture.xml")};
}

void TestCliDecode::usageError()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QStringList, expectedInError);

    const Run run = runCli(arguments);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.out.isEmpty(), run.out.constData());
    const QString error = QString::fromUtf8(run.err);
    for (const QString &expected : expectedInError)
        QVERIFY2(error.contains(expected), qPrintable(QStringLiteral("\"%1\" not in: %2").arg(expected, error)));
    if (exitCode == 64)
        QVERIFY2(error.contains(QStringLiteral("--help")), qPrintable(error));
}

// ---------------------------------------------------------------------------------------------------

void TestCliDecode::sampleDecodes()
{
    // The README's and bootstrap.sh's main command.
    const Run run = runCli(
        {QStringLiteral("decode"), QStringLiteral("--operation"), QStringLiteral("EnumerateInstances"), m_sample});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QStringList lines = QString::fromUtf8(run.out).split(u'\n');
    QCOMPARE(lines.count(QStringLiteral("instance of OMC_NumericSensor {")), 8);
    QCOMPARE(lines.filter(QRegularExpression(QStringLiteral("^// Path: .*OMC_NumericSensor\\..*DeviceID="))).size(), 8);
}

void TestCliDecode::standardInput()
{
    const QByteArray sample = readFile(m_sample);
    QVERIFY(!sample.isEmpty());
    for (const bool json : {false, true}) {
        QStringList fromFile {QStringLiteral("decode"), QStringLiteral("-o"), QStringLiteral("EnumerateInstances")};
        if (json)
            fromFile.append(QStringLiteral("--json"));
        QStringList fromStdin = fromFile;
        fromFile.append(m_sample);
        fromStdin.append(QStringLiteral("-"));
        const Run viaFile = runCli(fromFile);
        const Run viaStdin = runCli(fromStdin, sample);
        QVERIFY2(viaStdin.exitCode == 0, viaStdin.err.constData());
        QVERIFY(!viaStdin.out.isEmpty());
        QCOMPARE(viaStdin.out, viaFile.out);
    }
}

void TestCliDecode::inputLargerThanOneChunk()
{
    // 25 copies of the sample's 8 instances (about 700 KB): the CLI feeds 64 KiB at a time, so
    // elements, texts and UTF-8 sequences straddle chunk boundaries.
    const QByteArray sample = readFile(m_sample);
    const qsizetype begin = sample.indexOf("<VALUE.NAMEDINSTANCE>");
    const qsizetype end = sample.lastIndexOf("</IRETURNVALUE>");
    QVERIFY(begin > 0 && end > begin);
    QByteArray items = sample.mid(begin, end - begin);
    // Non-ASCII text in every instance, so some multi-byte sequence is cut by a chunk boundary.
    items.replace("System Board 1", "Syst\xc3\xa8me \xe6\x97\xa5\xe6\x9c\xac 1");
    QByteArray big = sample.left(begin);
    for (int i = 0; i < 25; ++i)
        big += items;
    big += sample.mid(end);
    QVERIFY(big.size() > 10 * 64 * 1024);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("big.xml"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(big), big.size());
    file.close();

    for (const QString &input : {path, QStringLiteral("-")}) {
        const Run run = runCli({QStringLiteral("decode"), QStringLiteral("--json"), QStringLiteral("-o"),
                                   QStringLiteral("EnumerateInstances"), input},
            input == QStringLiteral("-") ? big : QByteArray());
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject json = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(lookup(json, QStringLiteral("instances/#")), QJsonValue(200));
        QCOMPARE(lookup(json, QStringLiteral("instances/199/properties/ElementName/value")),
            QJsonValue(QStringLiteral("Syst\u00e8me \u65e5\u672c 1 Pwr Consumption")));
    }
}

void TestCliDecode::helpAndVersion()
{
    const Run version = runCli({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(QString::fromUtf8(version.out).trimmed(), QStringLiteral("cimdiag-cli " CIMDIAG_VERSION));

    const Run help = runCli({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY2(help.out.startsWith("Usage: cimdiag-cli "), help.out.constData());
    QVERIFY(help.out.contains("decode"));

    const Run decodeHelp = runCli({QStringLiteral("decode"), QStringLiteral("--help")});
    QCOMPARE(decodeHelp.exitCode, 0);
    const QString text = QString::fromUtf8(decodeHelp.out);
    for (const QString &expected : {QStringLiteral("Usage: cimdiag-cli [options] decode FILE"),
             QStringLiteral("--operation <NAME>"), QStringLiteral("--request"), QStringLiteral("--json"),
             QStringLiteral("Exit status:"), QStringLiteral("CIM error"), QStringLiteral("exits 0")})
        QVERIFY2(text.contains(expected), qPrintable(QStringLiteral("\"%1\" not in:\n%2").arg(expected, text)));
}

QTEST_GUILESS_MAIN(TestCliDecode)
#include "TestCliDecode.moc"
