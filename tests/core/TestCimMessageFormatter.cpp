// SPDX-License-Identifier: GPL-3.0-or-later
// The formatter on hand-built messages: the shapes and corner cases the captures in TestCliDecode do
// not reach.
#include "core/cimxml/CimMessageFormatter.h"

#include <QJsonArray>
#include <QTest>

using namespace cimdiag;

class TestCimMessageFormatter final : public QObject
{
    Q_OBJECT

private slots:
    void summary_data();
    void summary();
    void nothingReturned();
    void endOfSequenceWithoutContext();
    void errorShowsOnlyTheError();
    void valueText();
    void requestArguments();
};

namespace {

CimInstanceName fanName(const QString &id)
{
    CimInstanceName name(QStringLiteral("CIM_Fan"), {}, QStringLiteral("root/cimv2"));
    name.setKeyBinding(QStringLiteral("DeviceID"), CimValue::string(id));
    return name;
}

CimOperationResponse responseTo(CimOperation operation)
{
    CimOperationResponse response;
    response.operation = operation;
    response.messageId = QStringLiteral("42");
    return response;
}

} // namespace

void TestCimMessageFormatter::summary_data()
{
    QTest::addColumn<CimOperationResponse>("response");
    QTest::addColumn<QString>("expected");

    CimOperationResponse instances = responseTo(CimOperation::EnumerateInstances);
    instances.instances = {CimInstance(QStringLiteral("CIM_Fan"))};
    QTest::newRow("one instance") << instances << QStringLiteral("1 instance");
    QTest::newRow("no instances") << responseTo(CimOperation::EnumerateInstances) << QStringLiteral("0 instances");

    CimOperationResponse associators = responseTo(CimOperation::Associators);
    associators.classes = {CimClass(QStringLiteral("CIM_Fan")), CimClass(QStringLiteral("CIM_Sensor"))};
    QTest::newRow("associated classes") << associators << QStringLiteral("2 classes");
    QTest::newRow("no associated objects") << responseTo(CimOperation::Associators) << QStringLiteral("0 instances");

    CimOperationResponse paths = responseTo(CimOperation::ReferenceNames);
    paths.instanceNames = {fanName(QStringLiteral("1"))};
    paths.classNames = {CimClassName(QStringLiteral("CIM_Fan"))};
    QTest::newRow("instance and class paths") << paths << QStringLiteral("1 instance name, 1 class name");

    CimOperationResponse count = responseTo(CimOperation::EnumerationCount);
    count.returnValue = CimValue::uint64(12);
    QTest::newRow("count") << count << QStringLiteral("a count");

    CimOperationResponse pulled = responseTo(CimOperation::PullInstancePaths);
    pulled.instanceNames = {fanName(QStringLiteral("1")), fanName(QStringLiteral("2"))};
    pulled.endOfSequence = true;
    QTest::newRow("last pull") << pulled << QStringLiteral("2 instance names, end of sequence");

    CimOperationResponse method = responseTo(CimOperation::InvokeMethod);
    method.returnValue = CimValue::uint32(0);
    QTest::newRow("method without out parameters") << method << QStringLiteral("return value and 0 output parameters");

    QTest::newRow("delete") << responseTo(CimOperation::DeleteInstance) << QStringLiteral("success, nothing returned");

    CimOperationResponse failed = responseTo(CimOperation::GetClass);
    failed.status = CimStatus(5, QStringLiteral("no such class"));
    QTest::newRow("error") << failed << QStringLiteral("CIM error CIM_ERR_INVALID_CLASS (5)");
}

void TestCimMessageFormatter::summary()
{
    QFETCH(CimOperationResponse, response);
    QFETCH(QString, expected);
    QCOMPARE(CimMessageFormatter::summary(response), expected);
    QVERIFY(
        CimMessageFormatter::toText(response).startsWith(QStringLiteral("// ") + cimOperationName(response.operation)));
    QCOMPARE(CimMessageFormatter::toJson(response).value(QStringLiteral("summary")).toString(), expected);
}

void TestCimMessageFormatter::nothingReturned()
{
    const CimOperationResponse response = responseTo(CimOperation::ModifyInstance);
    QCOMPARE(CimMessageFormatter::toText(response),
        QStringLiteral("// ModifyInstance response, message 42: success, nothing returned\n"));
    const QJsonObject json = CimMessageFormatter::toJson(response);
    QCOMPARE(json.keys(),
        (QStringList {QStringLiteral("kind"), QStringLiteral("messageId"), QStringLiteral("operation"),
            QStringLiteral("status"), QStringLiteral("summary")}));
}

void TestCimMessageFormatter::endOfSequenceWithoutContext()
{
    CimOperationResponse response = responseTo(CimOperation::PullInstancesWithPath);
    response.endOfSequence = true;
    const QJsonObject json = CimMessageFormatter::toJson(response);
    QVERIFY(json.value(QStringLiteral("enumerationContext")).isNull());
    QCOMPARE(json.value(QStringLiteral("endOfSequence")).toBool(), true);
    QCOMPARE(json.value(QStringLiteral("instances")).toArray(), QJsonArray());
    const QStringList lines = CimMessageFormatter::toText(response).split(u'\n');
    QVERIFY(lines.contains(QStringLiteral("EnumerationContext = NULL;")));
    QVERIFY(lines.contains(QStringLiteral("EndOfSequence = TRUE;")));
}

void TestCimMessageFormatter::errorShowsOnlyTheError()
{
    // A failed operation carries nothing else (CimOperationResponse's contract); even if a caller left
    // data in it, the output must not suggest the operation returned something.
    CimOperationResponse response = responseTo(CimOperation::EnumerateInstances);
    response.instances = {CimInstance(QStringLiteral("CIM_Fan"))};
    CimInstance error(QStringLiteral("CIM_Error"));
    error.setProperty(CimProperty(QStringLiteral("CIMStatusCode"), CimValue::uint32(2)));
    response.status = CimStatus(2, QString(), {error});

    const QString text = CimMessageFormatter::toText(response);
    const QStringList lines = text.split(u'\n');
    QVERIFY2(lines.contains(QStringLiteral("CIM error: ") + response.status.toString()), qPrintable(text));
    QVERIFY2(lines.contains(QStringLiteral("instance of CIM_Error {")), qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("CIM_Fan")), qPrintable(text));
    const QJsonObject json = CimMessageFormatter::toJson(response);
    QVERIFY(!json.contains(QStringLiteral("instances")));
    QCOMPARE(
        json.value(QStringLiteral("status")).toObject().value(QStringLiteral("errorInstances")).toArray().size(), 1);
}

void TestCimMessageFormatter::valueText()
{
    QCOMPARE(CimMessageFormatter::valueText(CimValue::null(CimType::UInt8, true)), QStringLiteral("NULL"));
    QCOMPARE(CimMessageFormatter::valueText(CimValue::reference(fanName(QStringLiteral("1")))),
        QStringLiteral("/root/cimv2:CIM_Fan.DeviceID=\"1\""));
    const CimValue references = CimValue::array(
        CimType::Reference, {CimValue::reference(fanName(QStringLiteral("1"))), CimValue::null(CimType::Reference)})
                                    .value();
    QCOMPARE(CimMessageFormatter::valueText(references), QStringLiteral("{/root/cimv2:CIM_Fan.DeviceID=\"1\", NULL}"));

    CimInstance embedded(QStringLiteral("CIM_Error"));
    embedded.setProperty(CimProperty(QStringLiteral("CIMStatusCode"), CimValue::uint32(6)));
    const QString text = CimMessageFormatter::valueText(CimValue::embeddedInstance(embedded));
    QVERIFY2(text.startsWith(QStringLiteral("instance of CIM_Error {")), qPrintable(text));
    QVERIFY2(text.endsWith(u'}'), qPrintable(text)); // the caller ends the statement

    // Plain values are MOF literals.
    QCOMPARE(CimMessageFormatter::valueText(CimValue::string(QStringLiteral("a \"b\""))),
        CimValue::string(QStringLiteral("a \"b\"")).toMof());
}

void TestCimMessageFormatter::requestArguments()
{
    CimOperationRequest request;
    request.operation = CimOperation::Associators;
    request.messageId = QStringLiteral("7");
    request.nameSpace = QStringLiteral("root/cimv2");
    request.arguments.insert(CimArgument(QStringLiteral("ObjectName"), fanName(QStringLiteral("1"))));
    request.arguments.insert(CimArgument(QStringLiteral("AssocClass"), CimClassName(QStringLiteral("CIM_Component"))));
    request.arguments.insert(CimArgument(QStringLiteral("ResultRole"), CimArgument::Value()));
    request.arguments.insert(CimArgument(QStringLiteral("IncludeQualifiers"), CimValue::boolean(false)));

    QCOMPARE(CimMessageFormatter::toText(request),
        QStringLiteral("// Associators request, message 7\n"
                       "// Namespace: root/cimv2\n"
                       "\n"
                       "ObjectName = /root/cimv2:CIM_Fan.DeviceID=\"1\";\n"
                       "AssocClass = CIM_Component;\n"
                       "ResultRole = NULL;\n"
                       "boolean IncludeQualifiers = FALSE;\n"));
    const QJsonObject arguments = CimMessageFormatter::toJson(request).value(QStringLiteral("arguments")).toObject();
    QCOMPARE(arguments.value(QStringLiteral("ObjectName")).toObject().value(QStringLiteral("kind")).toString(),
        QStringLiteral("instanceName"));
    QCOMPARE(arguments.value(QStringLiteral("ResultRole")).toObject(),
        (QJsonObject {{QStringLiteral("kind"), QStringLiteral("null")}, {QStringLiteral("value"), QJsonValue()}}));
    QCOMPARE(
        arguments.value(QStringLiteral("IncludeQualifiers")).toObject().value(QStringLiteral("value")).toBool(), false);
}

QTEST_GUILESS_MAIN(TestCimMessageFormatter)
#include "TestCimMessageFormatter.moc"
