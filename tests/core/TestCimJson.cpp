// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimJson.h"

#include <QJsonDocument>
#include <QTest>

#include <cmath>
#include <limits>

using namespace cimdiag;

class TestCimJson final : public QObject
{
    Q_OBJECT

private slots:
    void value_data();
    void value();
    void real32KeepsItsShortestForm();
    void instanceName();
    void instance();
    void cimClass();
    void qualifierDeclaration();
    void scopes();
    void status();
    void paramValues();
};

namespace {

// Expected JSON is written with ' for " (normalised() swaps them back), which reads better than
// escaped quotes; raw string literals would too, but moc's lexer trips over them inside macros.

/// Compact JSON with sorted keys (QJsonObject keeps them sorted): equal documents compare equal as
/// bytes, and a failure shows both sides readably.
QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray normalised(QByteArray json)
{
    json.replace('\'', '"');
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad expected JSON in the test: %s: %s", json.constData(), qPrintable(error.errorString()));
    return document.toJson(QJsonDocument::Compact);
}

CimValue dateTime(const QString &text)
{
    return CimValue::dateTime(CimDateTime::fromString(text).value_or(CimDateTime()));
}

CimInstanceName sampleName()
{
    CimInstanceName name(QStringLiteral("OMC_PhysicalMemory"), {}, QStringLiteral("root/cimv2"));
    name.setKeyBinding(QStringLiteral("CreationClassName"), CimValue::string(QStringLiteral("OMC_PhysicalMemory")));
    name.setKeyBinding(QStringLiteral("Tag"), CimValue::string(QStringLiteral("32.0")));
    return name;
}

} // namespace

void TestCimJson::value_data()
{
    QTest::addColumn<CimValue>("value");
    QTest::addColumn<QByteArray>("expected");

    constexpr qint64 maxSafe = (qint64(1) << 53) - 1;
    const auto uint64 = [](quint64 v) { return CimValue::uint64(v); };
    const auto sint64 = [](qint64 v) { return CimValue::sint64(v); };

    QTest::newRow("boolean") << CimValue::boolean(true) << QByteArray("{'type':'boolean','value':true}");
    QTest::newRow("string, escapes and non-ASCII")
        << CimValue::string(QStringLiteral("a \"b\" <c> & \u00fc \u65e5\u672c"))
        << QByteArray("{'type':'string','value':'a \\\"b\\\" <c> & ü 日本'}");
    QTest::newRow("empty string") << CimValue::string(QString()) << QByteArray("{'type':'string','value':''}");
    QTest::newRow("char16") << CimValue::char16(QChar(u'x')) << QByteArray("{'type':'char16','value':'x'}");
    QTest::newRow("uint8 max") << CimValue::uint8(255) << QByteArray("{'type':'uint8','value':255}");
    QTest::newRow("sint8 min") << CimValue::sint8(-128) << QByteArray("{'type':'sint8','value':-128}");
    QTest::newRow("uint16 max") << CimValue::uint16(65535) << QByteArray("{'type':'uint16','value':65535}");
    QTest::newRow("sint16 min") << CimValue::sint16(-32768) << QByteArray("{'type':'sint16','value':-32768}");
    QTest::newRow("uint32 max") << CimValue::uint32(4294967295U) << QByteArray("{'type':'uint32','value':4294967295}");
    QTest::newRow("sint32 min") << CimValue::sint32(std::numeric_limits<qint32>::min())
                                << QByteArray("{'type':'sint32','value':-2147483648}");
    QTest::newRow("uint64 2^53-1 is a number")
        << uint64(maxSafe) << QByteArray("{'type':'uint64','value':9007199254740991}");
    QTest::newRow("uint64 2^53 is a string")
        << uint64(quint64(maxSafe) + 1) << QByteArray("{'type':'uint64','value':'9007199254740992'}");
    QTest::newRow("uint64 max is a string") << uint64(std::numeric_limits<quint64>::max())
                                            << QByteArray("{'type':'uint64','value':'18446744073709551615'}");
    QTest::newRow("sint64 -(2^53-1) is a number")
        << sint64(-maxSafe) << QByteArray("{'type':'sint64','value':-9007199254740991}");
    QTest::newRow("sint64 -2^53 is a string")
        << sint64(-maxSafe - 1) << QByteArray("{'type':'sint64','value':'-9007199254740992'}");
    QTest::newRow("sint64 min is a string")
        << sint64(std::numeric_limits<qint64>::min()) << QByteArray("{'type':'sint64','value':'-9223372036854775808'}");
    QTest::newRow("sint64 max is a string")
        << sint64(std::numeric_limits<qint64>::max()) << QByteArray("{'type':'sint64','value':'9223372036854775807'}");
    QTest::newRow("real64") << CimValue::real64(-1.5e-7) << QByteArray("{'type':'real64','value':-1.5e-7}");
    QTest::newRow("real64 NaN") << CimValue::real64(std::numeric_limits<double>::quiet_NaN())
                                << QByteArray("{'type':'real64','value':'NaN'}");
    QTest::newRow("real64 INF") << CimValue::real64(std::numeric_limits<double>::infinity())
                                << QByteArray("{'type':'real64','value':'INF'}");
    QTest::newRow("real32 -INF") << CimValue::real32(-std::numeric_limits<float>::infinity())
                                 << QByteArray("{'type':'real32','value':'-INF'}");
    QTest::newRow("real32 0.1") << CimValue::real32(0.1F) << QByteArray("{'type':'real32','value':0.1}");
    QTest::newRow("datetime timestamp") << dateTime(QStringLiteral("20240618143007.412000+060"))
                                        << QByteArray("{'type':'datetime','value':'20240618143007.412000+060'}");
    QTest::newRow("datetime interval") << dateTime(QStringLiteral("00000001020304.000005:000"))
                                       << QByteArray("{'type':'datetime','value':'00000001020304.000005:000'}");
    QTest::newRow("NULL string") << CimValue::null(CimType::String) << QByteArray("{'type':'string','value':null}");
    QTest::newRow("NULL array") << CimValue::null(CimType::UInt16, true)
                                << QByteArray("{'type':'uint16','array':true,'value':null}");
    QTest::newRow("uint16 array")
        << CimValue::array(CimType::UInt16, {CimValue::uint16(2), CimValue::uint16(32768)}).value()
        << QByteArray("{'type':'uint16','array':true,'value':[2,32768]}");
    QTest::newRow("empty array") << CimValue::array(CimType::String, {}).value()
                                 << QByteArray("{'type':'string','array':true,'value':[]}");
    QTest::newRow("array with a NULL element")
        << CimValue::array(CimType::String, {CimValue::string(QStringLiteral("OK")), CimValue::null(CimType::String)})
               .value()
        << QByteArray("{'type':'string','array':true,'value':['OK',null]}");
    QTest::newRow("uint64 array mixes numbers and strings")
        << CimValue::array(
               CimType::UInt64, {CimValue::uint64(1), CimValue::uint64(std::numeric_limits<quint64>::max())})
               .value()
        << QByteArray("{'type':'uint64','array':true,'value':[1,'18446744073709551615']}");
    QTest::newRow("reference")
        << CimValue::reference(sampleName())
        << QByteArray("{'type':'reference','value':{'className':'OMC_PhysicalMemory','namespace':'root/cimv2',"
                      "'keyBindings':{'CreationClassName':{'type':'string','value':'OMC_PhysicalMemory'},"
                      "'Tag':{'type':'string','value':'32.0'}},"
                      "'uri':'/root/"
                      "cimv2:OMC_PhysicalMemory.CreationClassName=\\\"OMC_PhysicalMemory\\\",Tag=\\\"32.0\\\"'}}");
    CimInstance embedded(QStringLiteral("CIM_Error"));
    embedded.setProperty(CimProperty(QStringLiteral("CIMStatusCode"), CimValue::uint32(6)));
    QTest::newRow("embedded instance") << CimValue::embeddedInstance(embedded)
                                       << QByteArray(
                                              "{'type':'string','embedded':'instance','value':{'className':'CIM_Error',"
                                              "'properties':{'CIMStatusCode':{'type':'uint32','value':6}}}}");
    QTest::newRow("invalid") << CimValue() << QByteArray("{'type':null,'value':null}");
}

void TestCimJson::value()
{
    QFETCH(CimValue, value);
    QFETCH(QByteArray, expected);
    QCOMPARE(compact(CimJson::value(value)), normalised(expected));
}

void TestCimJson::real32KeepsItsShortestForm()
{
    // Widened naively, 0.1f is 0.10000000149011612: the server sent 0.1.
    const QByteArray json = compact(CimJson::value(CimValue::real32(0.1F)));
    QVERIFY2(json.contains("\"value\":0.1}"), json.constData());
    QCOMPARE(CimJson::valueData(CimValue::real32(3.4028235e38F)).toDouble(), 3.4028235e38);
}

void TestCimJson::instanceName()
{
    QCOMPARE(compact(CimJson::instanceName(sampleName())),
        normalised(
            "{'className':'OMC_PhysicalMemory','namespace':'root/cimv2',"
            "'keyBindings':{'CreationClassName':{'type':'string','value':'OMC_PhysicalMemory'},"
            "'Tag':{'type':'string','value':'32.0'}},"
            "'uri':'/root/cimv2:OMC_PhysicalMemory.CreationClassName=\\\"OMC_PhysicalMemory\\\",Tag=\\\"32.0\\\"'}"));

    CimInstanceName withHost(
        QStringLiteral("CIM_Fan"), {}, QStringLiteral("/root/cimv2/"), QStringLiteral("esx01:5989"));
    withHost.setKeyBinding(QStringLiteral("Number"), CimValue::uint16(3));
    const QJsonObject json = CimJson::instanceName(withHost);
    QCOMPARE(json.value(QStringLiteral("host")).toString(), QStringLiteral("esx01:5989"));
    QCOMPARE(json.value(QStringLiteral("namespace")).toString(), QStringLiteral("root/cimv2"));
    QCOMPARE(json.value(QStringLiteral("keyBindings")).toObject().value(QStringLiteral("Number")).toObject(),
        (QJsonObject {{QStringLiteral("type"), QStringLiteral("uint16")}, {QStringLiteral("value"), 3}}));
    QCOMPARE(json.value(QStringLiteral("uri")).toString(), withHost.toWbemUri());

    // No namespace, no host: the members are left out rather than empty.
    const QJsonObject bare = CimJson::instanceName(CimInstanceName(QStringLiteral("CIM_Fan")));
    QVERIFY(!bare.contains(QStringLiteral("namespace")));
    QVERIFY(!bare.contains(QStringLiteral("host")));
    QCOMPARE(bare.value(QStringLiteral("keyBindings")).toObject(), QJsonObject());
}

void TestCimJson::instance()
{
    CimInstance instance(QStringLiteral("OMC_PhysicalMemory"));
    instance.setPath(sampleName());
    instance.setProperty(CimProperty(QStringLiteral("Tag"), CimValue::string(QStringLiteral("32.0"))));
    instance.setProperty(CimProperty(QStringLiteral("Capacity"), CimValue::uint64(34359738368ULL)));
    CimProperty description(QStringLiteral("Description"), CimValue::null(CimType::String));
    description.setClassOrigin(QStringLiteral("CIM_ManagedElement"));
    description.setPropagated(true);
    instance.setProperty(description);
    CimProperty status(
        QStringLiteral("OperationalStatus"), CimValue::array(CimType::UInt16, {CimValue::uint16(2)}).value());
    status.setArraySize(4);
    instance.setProperty(status);

    const QJsonObject json = CimJson::instance(instance);
    QCOMPARE(json.value(QStringLiteral("className")).toString(), QStringLiteral("OMC_PhysicalMemory"));
    QCOMPARE(json.value(QStringLiteral("path")).toObject(), CimJson::instanceName(sampleName()));
    QVERIFY(!json.contains(QStringLiteral("qualifiers")));
    const QJsonObject properties = json.value(QStringLiteral("properties")).toObject();
    QCOMPARE(properties.size(), 4);
    QCOMPARE(compact(properties.value(QStringLiteral("Capacity")).toObject()),
        normalised("{'type':'uint64','value':34359738368}"));
    QCOMPARE(compact(properties.value(QStringLiteral("Description")).toObject()),
        normalised("{'type':'string','value':null,'classOrigin':'CIM_ManagedElement','propagated':true}"));
    QCOMPARE(compact(properties.value(QStringLiteral("OperationalStatus")).toObject()),
        normalised("{'type':'uint16','array':true,'value':[2],'arraySize':4}"));

    // An instance without a path (GetInstance, an indication) has no "path" member.
    QVERIFY(!CimJson::instance(CimInstance(QStringLiteral("CIM_AlertIndication"))).contains(QStringLiteral("path")));
}

void TestCimJson::cimClass()
{
    CimClass cls(QStringLiteral("OMC_Fan"), QStringLiteral("CIM_Fan"));
    cls.qualifiers().insert(CimQualifier(QStringLiteral("Description"), CimValue::string(QStringLiteral("A fan.")),
        CimFlavors {true, true, false, true}));
    CimProperty key(QStringLiteral("DeviceID"), CimValue::null(CimType::String));
    key.qualifiers().insert(
        CimQualifier(QStringLiteral("Key"), CimValue::boolean(true), CimFlavors {false, true, false, false}, true));
    cls.properties().insert(key);
    CimProperty parent(QStringLiteral("Parent"), CimValue::null(CimType::Reference));
    parent.setReferenceClass(QStringLiteral("CIM_ComputerSystem"));
    cls.properties().insert(parent);
    CimMethod setSpeed(QStringLiteral("SetSpeed"), CimType::UInt32);
    setSpeed.setClassOrigin(QStringLiteral("CIM_Fan"));
    CimParameter speed(QStringLiteral("DesiredSpeed"), CimType::UInt64);
    speed.qualifiers().insert(CimQualifier(QStringLiteral("In"), CimValue::boolean(true)));
    setSpeed.parameters().insert(speed);
    CimParameter levels(QStringLiteral("Levels"), CimType::UInt16, true);
    levels.setArraySize(3);
    setSpeed.parameters().insert(levels);
    cls.methods().insert(setSpeed);

    const QJsonObject json = CimJson::cimClass(cls);
    QCOMPARE(json.value(QStringLiteral("className")).toString(), QStringLiteral("OMC_Fan"));
    QCOMPARE(json.value(QStringLiteral("superClass")).toString(), QStringLiteral("CIM_Fan"));
    QVERIFY(!json.contains(QStringLiteral("path")));
    QCOMPARE(compact(json.value(QStringLiteral("qualifiers")).toObject()),
        normalised("{'Description':{'type':'string','value':'A fan.','flavors':{'overridable':true,"
                   "'toSubclass':true,'toInstance':false,'translatable':true}}}"));
    const QJsonObject properties = json.value(QStringLiteral("properties")).toObject();
    QCOMPARE(compact(properties.value(QStringLiteral("DeviceID")).toObject()),
        normalised("{'type':'string','value':null,'qualifiers':{'Key':{'type':'boolean','value':true,"
                   "'propagated':true,'flavors':{'overridable':false,'toSubclass':true,'toInstance':false,"
                   "'translatable':false}}}}"));
    QCOMPARE(compact(properties.value(QStringLiteral("Parent")).toObject()),
        normalised("{'type':'reference','value':null,'referenceClass':'CIM_ComputerSystem'}"));
    QCOMPARE(compact(json.value(QStringLiteral("methods")).toObject()),
        normalised("{'SetSpeed':{'returnType':'uint32','classOrigin':'CIM_Fan','parameters':{"
                   "'DesiredSpeed':{'type':'uint64','qualifiers':{'In':{'type':'boolean','value':true,"
                   "'flavors':{'overridable':true,'toSubclass':true,'toInstance':false,'translatable':false}}}},"
                   "'Levels':{'type':'uint16','array':true,'arraySize':3}}}}"));

    CimClass withPath(QStringLiteral("CIM_Fan"));
    withPath.setPath(CimClassName(QStringLiteral("CIM_Fan"), QStringLiteral("root/cimv2"), QStringLiteral("esx01")));
    QCOMPARE(compact(CimJson::cimClass(withPath).value(QStringLiteral("path")).toObject()),
        normalised("{'className':'CIM_Fan','namespace':'root/cimv2','host':'esx01',"
                   "'uri':'//esx01/root/cimv2:CIM_Fan'}"));
}

void TestCimJson::qualifierDeclaration()
{
    CimQualifierDeclaration valueMap(QStringLiteral("ValueMap"), CimType::String, true);
    CimScopes scopes;
    scopes.property = true;
    scopes.method = true;
    scopes.parameter = true;
    valueMap.setScopes(scopes);
    QCOMPARE(compact(CimJson::qualifierDeclaration(valueMap)),
        normalised("{'name':'ValueMap','type':'string','array':true,'value':null,"
                   "'scopes':['property','method','parameter'],"
                   "'flavors':{'overridable':true,'toSubclass':true,'toInstance':false,'translatable':false}}"));

    CimQualifierDeclaration maxLen(QStringLiteral("MaxLen"), CimType::UInt32);
    maxLen.setValue(CimValue::null(CimType::UInt32));
    maxLen.setArraySize(1);
    maxLen.setFlavors(CimFlavors {false, false, true, false});
    const QJsonObject json = CimJson::qualifierDeclaration(maxLen);
    QCOMPARE(json.value(QStringLiteral("arraySize")).toInt(), 1);
    QCOMPARE(json.value(QStringLiteral("scopes")).toArray(), QJsonArray());
    QCOMPARE(json.value(QStringLiteral("flavors")).toObject().value(QStringLiteral("toInstance")).toBool(), true);
}

void TestCimJson::scopes()
{
    QCOMPARE(CimJson::scopes(CimScopes::any()),
        (QJsonArray {QStringLiteral("class"), QStringLiteral("association"), QStringLiteral("reference"),
            QStringLiteral("property"), QStringLiteral("method"), QStringLiteral("parameter"),
            QStringLiteral("indication")}));
    QCOMPARE(CimJson::scopes(CimScopes {}), QJsonArray());
}

void TestCimJson::status()
{
    QCOMPARE(compact(CimJson::status(CimStatus())), normalised("{'ok':true,'code':0}"));

    CimInstance error(QStringLiteral("CIM_Error"));
    error.setProperty(CimProperty(QStringLiteral("CIMStatusCode"), CimValue::uint32(6)));
    const CimStatus notFound(6, QStringLiteral("No such instance"), {error});
    const QJsonObject json = CimJson::status(notFound);
    QCOMPARE(json.value(QStringLiteral("ok")).toBool(), false);
    QCOMPARE(json.value(QStringLiteral("code")).toInt(), 6);
    QCOMPARE(json.value(QStringLiteral("name")).toString(), QStringLiteral("CIM_ERR_NOT_FOUND"));
    QCOMPARE(json.value(QStringLiteral("description")).toString(), QStringLiteral("No such instance"));
    QCOMPARE(json.value(QStringLiteral("text")).toString(), notFound.toString());
    QVERIFY(json.value(QStringLiteral("text")).toString().startsWith(QStringLiteral("CIM_ERR_NOT_FOUND (6): ")));
    QCOMPARE(json.value(QStringLiteral("errorInstances")).toArray(), QJsonArray {CimJson::instance(error)});

    // Without instances the member is left out; an empty server description stays empty here (the
    // DSP0200 text is in "text").
    const QJsonObject bare = CimJson::status(CimStatus(2, QString()));
    QVERIFY(!bare.contains(QStringLiteral("errorInstances")));
    QCOMPARE(bare.value(QStringLiteral("description")).toString(), QString());
    QCOMPARE(bare.value(QStringLiteral("name")).toString(), QStringLiteral("CIM_ERR_ACCESS_DENIED"));
}

void TestCimJson::paramValues()
{
    CimParamValueList parameters;
    parameters.insert(CimParamValue(QStringLiteral("Job"), CimValue::reference(sampleName())));
    parameters.insert(CimParamValue(QStringLiteral("Count"), CimValue::uint32(3)));
    const QJsonObject json = CimJson::paramValues(parameters);
    QCOMPARE(json.size(), 2);
    QCOMPARE(json.value(QStringLiteral("Count")).toObject(), CimJson::value(CimValue::uint32(3)));
    QCOMPARE(json.value(QStringLiteral("Job")).toObject().value(QStringLiteral("value")).toObject(),
        CimJson::instanceName(sampleName()));
}

QTEST_GUILESS_MAIN(TestCimJson)
#include "TestCimJson.moc"
