// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimValueMapping.h"
#include "core/cimxml/CimRequestBuilder.h"
#include "core/cimxml/CimXmlReader.h"
#include "core/cimxml/CimXmlWriter.h"
#include "core/sim/SimDefaultModel.h"
#include "core/sim/SimOperationHandler.h"
#include "core/sim/SimRepository.h"
#include "core/sim/SimWqlQuery.h"
#include "tests/support/CimSamples.h"

#include <QTest>

#include <memory>

using namespace cimdiag;

// Every request goes the way a real client's does: CimRequestBuilder -> CimXmlWriter::request ->
// CimXmlReader::readRequest -> handler -> CimXmlWriter::response -> CimXmlReader::readResponse, and the
// decoded reply must equal the handler's own (so what the handler returns is what the wire carries).

namespace {

const QString kInterop = QStringLiteral("interop");
const QString kCimv2 = QStringLiteral("root/cimv2");

CimInstanceName fanPath(int number)
{
    CimInstanceName path(QStringLiteral("CIMDIAG_Fan"));
    path.setKeyBinding(
        QStringLiteral("SystemCreationClassName"), CimValue::string(SimDefaultModel::systemCreationClassName()));
    path.setKeyBinding(QStringLiteral("SystemName"), CimValue::string(SimDefaultModel::systemName()));
    path.setKeyBinding(QStringLiteral("CreationClassName"), CimValue::string(QStringLiteral("CIMDIAG_Fan")));
    path.setKeyBinding(QStringLiteral("DeviceID"), CimValue::string(QStringLiteral("FAN%1").arg(number)));
    return path;
}

CimInstanceName systemPath()
{
    CimInstanceName path(QStringLiteral("CIMDIAG_ComputerSystem"));
    path.setKeyBinding(QStringLiteral("CreationClassName"), CimValue::string(QStringLiteral("CIMDIAG_ComputerSystem")));
    path.setKeyBinding(QStringLiteral("Name"), CimValue::string(SimDefaultModel::systemName()));
    return path;
}

CimInstanceName logPath()
{
    CimInstanceName path(QStringLiteral("CIMDIAG_RecordLog"));
    path.setKeyBinding(QStringLiteral("InstanceID"), CimValue::string(QStringLiteral("CIMDIAG:SEL")));
    return path;
}

QStringList keyValues(const QList<CimInstanceName> &names, const QString &key)
{
    QStringList out;
    for (const CimInstanceName &name : names)
        out.append(name.keyBinding(key).toString());
    out.sort();
    return out;
}

QStringList classNamesOf(const QList<CimClassName> &names)
{
    QStringList out;
    for (const CimClassName &name : names)
        out.append(name.className());
    return out;
}

QStringList classNamesOf(const QList<CimInstance> &instances)
{
    QStringList out;
    for (const CimInstance &instance : instances)
        out.append(instance.className());
    return out;
}

CimInstance filterInstance(const QString &name)
{
    return CimSamples::indicationFilter(name, kCimv2);
}

CimInstance destinationInstance(const QString &name)
{
    CimInstance destination(QStringLiteral("CIM_ListenerDestinationCIMXML"));
    destination.setProperty(CimProperty(QStringLiteral("Name"), CimValue::string(name)));
    destination.setProperty(CimProperty(
        QStringLiteral("Destination"), CimValue::string(QStringLiteral("https://192.0.2.10:5001/cimlistener"))));
    destination.setProperty(CimProperty(QStringLiteral("PersistenceType"), CimValue::uint16(3)));
    return destination;
}

/// Where two responses differ, for the failure message: QCOMPARE cannot print them.
QString difference(const CimOperationResponse &a, const CimOperationResponse &b)
{
    if (!(a.status == b.status))
        return QStringLiteral("status %1 != %2").arg(a.status.toString(), b.status.toString());
    if (a.instances.size() != b.instances.size())
        return QStringLiteral("%1 != %2 instances").arg(a.instances.size()).arg(b.instances.size());
    for (qsizetype i = 0; i < a.instances.size(); ++i) {
        const CimInstance &x = a.instances.at(i);
        const CimInstance &y = b.instances.at(i);
        if (!(x.path() == y.path()))
            return QStringLiteral("instance %1 path %2 != %3").arg(i).arg(x.path().toWbemUri(), y.path().toWbemUri());
        for (const CimProperty &p : x.properties()) {
            const CimProperty *q = y.property(p.name());
            if (!q || !(p == *q))
                return QStringLiteral("instance %1 property %2: %3 != %4")
                    .arg(i)
                    .arg(p.name(), p.value().toMof(), q ? q->value().toMof() : QStringLiteral("(missing)"));
        }
        if (!(x == y))
            return QStringLiteral("instance %1 differs (%2)").arg(i).arg(x.toMof());
    }
    if (!(a.instanceNames == b.instanceNames)) {
        for (qsizetype i = 0; i < std::min(a.instanceNames.size(), b.instanceNames.size()); ++i) {
            if (!(a.instanceNames.at(i) == b.instanceNames.at(i)))
                return QStringLiteral("name %1: %2 != %3")
                    .arg(i)
                    .arg(a.instanceNames.at(i).toWbemUri(), b.instanceNames.at(i).toWbemUri());
        }
        return QStringLiteral("instance names differ");
    }
    if (a.classes.size() != b.classes.size())
        return QStringLiteral("%1 != %2 classes").arg(a.classes.size()).arg(b.classes.size());
    for (qsizetype i = 0; i < a.classes.size(); ++i) {
        const CimClass &x = a.classes.at(i);
        const CimClass &y = b.classes.at(i);
        if (!(x.path() == y.path()))
            return QStringLiteral("class %1 path %2 != %3").arg(i).arg(x.path().toWbemUri(), y.path().toWbemUri());
        if (!(x.qualifiers() == y.qualifiers()))
            return QStringLiteral("class %1 qualifiers differ").arg(x.className());
        for (const CimProperty &p : x.properties()) {
            const CimProperty *q = y.properties().find(p.name());
            if (!q || !(p == *q))
                return QStringLiteral("class %1 property %2 differs").arg(x.className(), p.name());
        }
        if (!(x == y))
            return QStringLiteral("class %1 differs").arg(x.className());
    }
    if (!(a.classNames == b.classNames))
        return QStringLiteral("class names differ");
    if (!(a.returnValue == b.returnValue))
        return QStringLiteral("return value %1 (%2) != %3 (%4)")
            .arg(a.returnValue.toMof(), cimTypeName(a.returnValue.type()), b.returnValue.toMof(),
                cimTypeName(b.returnValue.type()));
    if (!(a.outParameters == b.outParameters))
        return QStringLiteral("out parameters differ");
    if (!(a.qualifierDeclarations == b.qualifierDeclarations))
        return QStringLiteral("qualifier declarations differ");
    return QStringLiteral("other members differ (context %1/%2, end %3/%4, method %5/%6)")
        .arg(a.enumerationContext, b.enumerationContext)
        .arg(a.endOfSequence)
        .arg(b.endOfSequence)
        .arg(a.methodName, b.methodName);
}

} // namespace

class TestSimOperationHandler : public QObject
{
    Q_OBJECT

private:
    /// Sends request over the simulated wire and returns the decoded reply. Fails the test (and returns
    /// an empty response) when either message does not survive encoding.
    CimOperationResponse call(const CimOperationRequest &request, const QString &user = {})
    {
        CimXmlError error;
        const auto decoded = CimXmlReader::readRequest(CimXmlWriter::request(request), &error);
        if (!decoded) {
            QTest::qFail(qPrintable(QStringLiteral("request does not decode: ") + error.message), __FILE__, __LINE__);
            return {};
        }
        const CimOperationResponse response = m_handler->handle(*decoded, user);
        if (response.messageId != request.messageId || response.operation != request.operation) {
            QTest::qFail("the response does not echo the message ID and operation", __FILE__, __LINE__);
            return {};
        }
        const auto back = CimXmlReader::readResponse(response.operation, CimXmlWriter::response(response), &error);
        if (!back) {
            QTest::qFail(qPrintable(QStringLiteral("response does not decode: ") + error.message), __FILE__, __LINE__);
            return response;
        }
        CimOperationResponse expected = response;
        // GetProperty's IRETURNVALUE VALUE has no TYPE: the typed value reads back as its text.
        if (expected.operation == CimOperation::GetProperty && !expected.returnValue.isNull()
            && !expected.returnValue.isArray() && expected.returnValue.type() != CimType::Reference)
            expected.returnValue = CimValue::string(expected.returnValue.toCimXmlText());
        if (!(*back == expected)) {
            QTest::qFail(qPrintable(QStringLiteral("the response reads back different from what the handler "
                                                   "returned: %1")
                                        .arg(difference(response, *back))),
                __FILE__, __LINE__);
            return response;
        }
        return *back;
    }
    QString id() { return QString::number(++m_messageId); }
    void reset(const SimModelOptions &options = {})
    {
        m_handler.reset();
        m_repository = SimRepository::withDefaultModel(options);
        m_handler = std::make_unique<SimOperationHandler>(&m_repository);
        m_handler->setHostName(QStringLiteral("sim.example.com:5989"));
        m_handler->setClock([this] { return m_now; });
    }

    SimRepository m_repository;
    std::unique_ptr<SimOperationHandler> m_handler;
    QDateTime m_now = QDateTime::fromString(QStringLiteral("2026-02-01T12:00:00Z"), Qt::ISODate);
    int m_messageId = 1000;

private slots:
    void init() { reset(); }

    void modelIsConsistent()
    {
        // Every qualifier the model uses is declared, every instance has a path: CreateClass and
        // CreateInstance would accept the model's own objects.
        for (const QString &ns : m_repository.namespaces()) {
            for (const QString &className : m_repository.classNames(ns)) {
                const CimClass *cls = m_repository.findClass(ns, className);
                for (const CimQualifier &q : cls->qualifiers())
                    QVERIFY2(
                        m_repository.findQualifierDeclaration(ns, q.name()), qPrintable(className + u' ' + q.name()));
                for (const CimProperty &p : cls->properties()) {
                    for (const CimQualifier &q : p.qualifiers())
                        QVERIFY2(m_repository.findQualifierDeclaration(ns, q.name()),
                            qPrintable(className + u'.' + p.name() + u' ' + q.name()));
                }
                for (const CimInstance &instance : m_repository.instances(ns, className, false))
                    QVERIFY2(instance.path().isValid(), qPrintable(className));
            }
        }
        QCOMPARE(m_repository.interopNamespace(), kInterop);
        QCOMPARE(m_repository.keyPropertyNames(kCimv2, u"CIMDIAG_Fan"),
            QStringList({QStringLiteral("SystemCreationClassName"), QStringLiteral("SystemName"),
                QStringLiteral("CreationClassName"), QStringLiteral("DeviceID")}));
        QVERIFY(m_repository.isAssociation(kCimv2, u"CIMDIAG_SystemDevice"));
        QVERIFY(m_repository.isA(kCimv2, u"cimdiag_fan", u"CIM_ManagedElement"));
    }

    void classReads()
    {
        auto response = call(CimRequestBuilder::enumerateClassNames(id(), kCimv2));
        QVERIFY(response.status.isOk());
        const QStringList roots = classNamesOf(response.classNames);
        QVERIFY(roots.contains(QStringLiteral("CIM_ManagedElement")));
        QVERIFY(roots.contains(QStringLiteral("CIM_Dependency")));
        QVERIFY(!roots.contains(QStringLiteral("CIMDIAG_Fan")));

        CimRequestOptions deep;
        deep.deepInheritance = true;
        response
            = call(CimRequestBuilder::enumerateClassNames(id(), kCimv2, QStringLiteral("CIM_LogicalDevice"), deep));
        QCOMPARE(classNamesOf(response.classNames),
            QStringList({QStringLiteral("CIM_CoolingDevice"), QStringLiteral("CIM_Sensor"), QStringLiteral("CIM_Fan"),
                QStringLiteral("CIM_NumericSensor"), QStringLiteral("CIMDIAG_Fan"),
                QStringLiteral("CIMDIAG_NumericSensor")}));
        response = call(CimRequestBuilder::enumerateClassNames(id(), kCimv2, QStringLiteral("CIM_LogicalDevice")));
        QCOMPARE(classNamesOf(response.classNames),
            QStringList({QStringLiteral("CIM_CoolingDevice"), QStringLiteral("CIM_Sensor")}));

        // LocalOnly (the default) keeps what the class itself declares.
        response = call(CimRequestBuilder::getClass(id(), kCimv2, QStringLiteral("CIMDIAG_Fan")));
        QVERIFY(response.status.isOk());
        QCOMPARE(response.classes.size(), 1);
        QCOMPARE(response.classes.first().superClass(), QStringLiteral("CIM_Fan"));
        QCOMPARE(response.classes.first().properties().size(), 1);
        QVERIFY(response.classes.first().properties().contains(u"CurrentSpeed"));

        CimRequestOptions full;
        full.localOnly = false;
        full.includeClassOrigin = true;
        response = call(CimRequestBuilder::getClass(id(), kCimv2, QStringLiteral("CIMDIAG_Fan"), full));
        const CimClass fan = response.classes.first();
        QVERIFY(fan.properties().size() > 20);
        QCOMPARE(fan.properties().find(u"DeviceID")->classOrigin(), QStringLiteral("CIM_LogicalDevice"));
        QVERIFY(fan.properties().find(u"DeviceID")->isPropagated());
        QCOMPARE(fan.properties().find(u"CurrentSpeed")->classOrigin(), QStringLiteral("CIMDIAG_Fan"));
        QVERIFY(fan.methods().contains(u"RequestStateChange"));
        // Inherited properties keep their qualifiers: the keys of CIM_LogicalDevice stay keys.
        QVERIFY(fan.properties().find(u"DeviceID")->qualifiers().contains(u"Key"));

        CimRequestOptions bare;
        bare.localOnly = false;
        bare.includeQualifiers = false;
        bare.propertyList = QStringList {QStringLiteral("DeviceID"), QStringLiteral("nosuchproperty")};
        response = call(CimRequestBuilder::getClass(id(), kCimv2, QStringLiteral("CIMDIAG_Fan"), bare));
        QCOMPARE(response.classes.first().properties().size(), 1);
        QVERIFY(response.classes.first().qualifiers().isEmpty());
        QVERIFY(response.classes.first().properties().at(0).qualifiers().isEmpty());

        CimRequestOptions enumerate;
        enumerate.deepInheritance = true;
        enumerate.localOnly = false;
        response = call(
            CimRequestBuilder::enumerateClasses(id(), kInterop, QStringLiteral("CIM_ManagedElement"), enumerate));
        QStringList names;
        for (const CimClass &cls : response.classes)
            names.append(cls.className());
        QVERIFY(names.contains(QStringLiteral("CIM_ObjectManager")));
        QVERIFY(names.contains(QStringLiteral("CIM_ListenerDestinationCIMXML")));

        QCOMPARE(call(CimRequestBuilder::getClass(id(), kCimv2, QStringLiteral("CIM_NoSuchClass"))).status.code(), 6);
        QCOMPARE(
            call(CimRequestBuilder::enumerateClassNames(id(), kCimv2, QStringLiteral("CIM_NoSuchClass"))).status.code(),
            5);
        QCOMPARE(call(CimRequestBuilder::getClass(id(), QStringLiteral("root/nowhere"), QStringLiteral("CIM_Fan")))
                     .status.code(),
            3);
    }

    void classWrites()
    {
        CimClass thing(QStringLiteral("CIMDIAG_Thing"), QStringLiteral("CIM_ManagedElement"));
        CimProperty key(QStringLiteral("InstanceID"), CimValue::null(CimType::String));
        key.qualifiers().insert(
            CimQualifier(QStringLiteral("Key"), CimValue::boolean(true), {false, true, false, false}));
        thing.properties().insert(key);
        thing.properties().insert(CimProperty(QStringLiteral("Size"), CimValue::null(CimType::UInt32)));
        QVERIFY(call(CimRequestBuilder::createClass(id(), kCimv2, thing)).status.isOk());
        QCOMPARE(call(CimRequestBuilder::createClass(id(), kCimv2, thing)).status.code(), 11);

        CimClass orphan(QStringLiteral("CIMDIAG_Orphan"), QStringLiteral("CIM_NoSuchClass"));
        QCOMPARE(call(CimRequestBuilder::createClass(id(), kCimv2, orphan)).status.code(), 10);
        CimClass undeclared(QStringLiteral("CIMDIAG_Odd"));
        undeclared.qualifiers().insert(CimQualifier(QStringLiteral("NoSuchQualifier"), CimValue::boolean(true)));
        QCOMPARE(call(CimRequestBuilder::createClass(id(), kCimv2, undeclared)).status.code(), 4);

        // The new class inherits and takes instances.
        CimRequestOptions full;
        full.localOnly = false;
        auto response = call(CimRequestBuilder::getClass(id(), kCimv2, QStringLiteral("CIMDIAG_Thing"), full));
        QVERIFY(response.classes.first().properties().contains(u"ElementName"));
        CimInstance instance(QStringLiteral("CIMDIAG_Thing"));
        instance.setProperty(CimProperty(QStringLiteral("InstanceID"), CimValue::string(QStringLiteral("t1"))));
        QVERIFY(call(CimRequestBuilder::createInstance(id(), kCimv2, instance)).status.isOk());

        thing.properties().insert(CimProperty(QStringLiteral("Colour"), CimValue::null(CimType::String)));
        QCOMPARE(call(CimRequestBuilder::modifyClass(id(), kCimv2, thing)).status.code(), 9);
        QCOMPARE(call(CimRequestBuilder::deleteClass(id(), kCimv2, QStringLiteral("CIMDIAG_Thing"))).status.code(), 9);
        QCOMPARE(call(CimRequestBuilder::deleteClass(id(), kCimv2, QStringLiteral("CIM_Fan"))).status.code(), 8);
        QCOMPARE(
            call(CimRequestBuilder::deleteClass(id(), kCimv2, QStringLiteral("CIMDIAG_Nothing"))).status.code(), 6);

        CimInstanceName path(QStringLiteral("CIMDIAG_Thing"));
        path.setKeyBinding(QStringLiteral("InstanceID"), CimValue::string(QStringLiteral("t1")));
        QVERIFY(call(CimRequestBuilder::deleteInstance(id(), kCimv2, path)).status.isOk());
        QVERIFY(call(CimRequestBuilder::modifyClass(id(), kCimv2, thing)).status.isOk());
        response = call(CimRequestBuilder::getClass(id(), kCimv2, QStringLiteral("CIMDIAG_Thing")));
        QVERIFY(response.classes.first().properties().contains(u"Colour"));
        QVERIFY(call(CimRequestBuilder::deleteClass(id(), kCimv2, QStringLiteral("CIMDIAG_Thing"))).status.isOk());
        QVERIFY(!m_repository.hasClass(kCimv2, u"CIMDIAG_Thing"));
    }

    void instanceReads()
    {
        auto response = call(CimRequestBuilder::enumerateInstanceNames(id(), kCimv2, QStringLiteral("CIM_Fan")));
        QVERIFY(response.status.isOk());
        QCOMPARE(keyValues(response.instanceNames, QStringLiteral("DeviceID")),
            QStringList(
                {QStringLiteral("FAN1"), QStringLiteral("FAN2"), QStringLiteral("FAN3"), QStringLiteral("FAN4")}));
        QCOMPARE(response.instanceNames.first(), fanPath(1));

        response = call(CimRequestBuilder::enumerateInstances(id(), kCimv2, QStringLiteral("CIMDIAG_LogRecord")));
        QCOMPARE(response.instances.size(), 50);
        const CimInstance record = response.instances.first();
        QCOMPARE(record.value(u"RecordID").toString(), QStringLiteral("1"));
        QVERIFY(record.value(u"CreationTimeStamp").toDateTime().isTimestamp());
        QVERIFY(record.value(u"CreationTimeStamp").toDateTime().toDateTime()
            < response.instances.last().value(u"CreationTimeStamp").toDateTime().toDateTime());

        // DeepInheritance false trims subclass instances to the properties of the class asked for.
        CimRequestOptions shallow;
        shallow.deepInheritance = false;
        response = call(CimRequestBuilder::enumerateInstances(id(), kCimv2, QStringLiteral("CIM_Fan"), shallow));
        QCOMPARE(response.instances.size(), 4);
        QVERIFY(response.instances.first().property(u"DesiredSpeed"));
        QVERIFY(!response.instances.first().property(u"CurrentSpeed"));

        CimRequestOptions some;
        some.propertyList = QStringList {QStringLiteral("CurrentSpeed"), QStringLiteral("healthstate")};
        response = call(CimRequestBuilder::getInstance(id(), kCimv2, fanPath(4), some));
        QVERIFY(response.status.isOk());
        const CimInstance fan = response.instances.first();
        QCOMPARE(fan.properties().size(), 2);
        QCOMPARE(fan.value(u"CurrentSpeed").toUnsigned(), 1850u);
        QCOMPARE(fan.value(u"HealthState").toUnsigned(), 10u);

        // An empty PropertyList asks for no properties at all.
        some.propertyList = QStringList();
        response = call(CimRequestBuilder::getInstance(id(), kCimv2, fanPath(1), some));
        QVERIFY(response.instances.first().properties().isEmpty());

        QCOMPARE(call(CimRequestBuilder::getInstance(id(), kCimv2, fanPath(9))).status.code(), 6);
        CimInstanceName bogus = fanPath(1);
        bogus.setClassName(QStringLiteral("CIMDIAG_Toaster"));
        QCOMPARE(call(CimRequestBuilder::getInstance(id(), kCimv2, bogus)).status.code(), 5);
        QCOMPARE(
            call(CimRequestBuilder::enumerateInstances(id(), kCimv2, QStringLiteral("CIMDIAG_Toaster"))).status.code(),
            5);
        QCOMPARE(
            call(CimRequestBuilder::enumerateInstances(id(), QStringLiteral("root/nowhere"), QStringLiteral("CIM_Fan")))
                .status.code(),
            3);
        // A parameter the operation does not define is refused, as OpenPegasus does.
        CimOperationRequest odd = CimRequestBuilder::enumerateInstanceNames(id(), kCimv2, QStringLiteral("CIM_Fan"));
        odd.arguments.insert(CimArgument(QStringLiteral("LocalOnly"), CimValue::boolean(true)));
        QCOMPARE(call(odd).status.code(), 4);
        // A required parameter missing is refused too.
        CimOperationRequest missing = CimRequestBuilder::getInstance(id(), kCimv2, fanPath(1));
        missing.arguments.remove(u"InstanceName");
        QCOMPARE(call(missing).status.code(), 4);
    }

    void indicationSetupInInterop()
    {
        // The interop indication classes are writable: create, enumerate, delete.
        auto response = call(CimRequestBuilder::createInstance(id(), kInterop, filterInstance(QStringLiteral("f1"))));
        QVERIFY2(response.status.isOk(), qPrintable(response.status.toString()));
        const CimInstanceName filter = response.instanceNames.first();
        // The server fills the scoping keys it owns, as OpenPegasus does.
        QCOMPARE(filter.keyBinding(u"CreationClassName").toString(), QStringLiteral("CIM_IndicationFilter"));
        QCOMPARE(filter.keyBinding(u"SystemName").toString(), SimDefaultModel::systemName());
        QCOMPARE(
            call(CimRequestBuilder::createInstance(id(), kInterop, filterInstance(QStringLiteral("f1")))).status.code(),
            11);

        response = call(CimRequestBuilder::createInstance(id(), kInterop, destinationInstance(QStringLiteral("d1"))));
        QVERIFY2(response.status.isOk(), qPrintable(response.status.toString()));
        const CimInstanceName destination = response.instanceNames.first();

        CimInstance subscription(QStringLiteral("CIM_IndicationSubscription"));
        CimInstanceName filterRef = filter;
        filterRef.setNameSpace(kInterop);
        filterRef.setHost(QStringLiteral("sim.example.com"));
        subscription.setProperty(CimProperty(QStringLiteral("Filter"), CimValue::reference(filterRef)));
        subscription.setProperty(CimProperty(QStringLiteral("Handler"), CimValue::reference(destination)));
        response = call(CimRequestBuilder::createInstance(id(), kInterop, subscription));
        QVERIFY2(response.status.isOk(), qPrintable(response.status.toString()));
        const CimInstanceName subscriptionPath = response.instanceNames.first();

        response
            = call(CimRequestBuilder::enumerateInstances(id(), kInterop, QStringLiteral("CIM_IndicationSubscription")));
        QCOMPARE(response.instances.size(), 1);
        QCOMPARE(response.instances.first().value(u"SubscriptionState").toUnsigned(), 2u);
        QVERIFY(!response.instances.first().value(u"SubscriptionStartTime").isNull());
        QCOMPARE(
            call(CimRequestBuilder::enumerateInstanceNames(id(), kInterop, QStringLiteral("CIM_ListenerDestination")))
                .instanceNames.size(),
            1);

        // A subscription to a filter that does not exist, and a filter in use, are refused.
        CimInstance dangling = subscription;
        CimInstanceName otherFilter = filter;
        otherFilter.setKeyBinding(QStringLiteral("Name"), CimValue::string(QStringLiteral("nope")));
        dangling.setProperty(CimProperty(QStringLiteral("Filter"), CimValue::reference(otherFilter)));
        QCOMPARE(call(CimRequestBuilder::createInstance(id(), kInterop, dangling)).status.code(), 4);
        QCOMPARE(call(CimRequestBuilder::deleteInstance(id(), kInterop, filter)).status.code(), 1);

        // Bad filters: an unknown query language, a query that does not parse, a missing query.
        CimInstance cql = filterInstance(QStringLiteral("f2"));
        cql.setProperty(CimProperty(QStringLiteral("QueryLanguage"), CimValue::string(QStringLiteral("XPath"))));
        QCOMPARE(call(CimRequestBuilder::createInstance(id(), kInterop, cql)).status.code(), 14);
        CimInstance broken = filterInstance(QStringLiteral("f3"));
        broken.setProperty(CimProperty(QStringLiteral("Query"), CimValue::string(QStringLiteral("SELECT FROM"))));
        QCOMPARE(call(CimRequestBuilder::createInstance(id(), kInterop, broken)).status.code(), 15);
        CimInstance noQuery = filterInstance(QStringLiteral("f4"));
        noQuery.setProperty(CimProperty(QStringLiteral("Query"), CimValue::null(CimType::String)));
        QCOMPARE(call(CimRequestBuilder::createInstance(id(), kInterop, noQuery)).status.code(), 4);
        CimInstance unknownProperty = filterInstance(QStringLiteral("f5"));
        unknownProperty.setProperty(CimProperty(QStringLiteral("Colour"), CimValue::string(QStringLiteral("red"))));
        QCOMPARE(call(CimRequestBuilder::createInstance(id(), kInterop, unknownProperty)).status.code(), 4);
        CimInstance keyless(QStringLiteral("CIM_RegisteredProfile"));
        keyless.setProperty(CimProperty(QStringLiteral("RegisteredName"), CimValue::string(QStringLiteral("x"))));
        QCOMPARE(call(CimRequestBuilder::createInstance(id(), kInterop, keyless)).status.code(), 4);

        QVERIFY(call(CimRequestBuilder::deleteInstance(id(), kInterop, subscriptionPath)).status.isOk());
        QVERIFY(call(CimRequestBuilder::deleteInstance(id(), kInterop, filter)).status.isOk());
        QVERIFY(call(CimRequestBuilder::deleteInstance(id(), kInterop, destination)).status.isOk());
        QCOMPARE(call(CimRequestBuilder::deleteInstance(id(), kInterop, destination)).status.code(), 6);
        QVERIFY(m_repository.instances(kInterop, u"CIM_IndicationSubscription").isEmpty());
    }

    void modifyInstance()
    {
        CimInstance fan(QStringLiteral("CIMDIAG_Fan"));
        fan.setPath(fanPath(2));
        fan.setProperty(CimProperty(QStringLiteral("ElementName"), CimValue::string(QStringLiteral("Rear fan"))));
        fan.setProperty(CimProperty(QStringLiteral("DesiredSpeed"), CimValue::uint64(6000)));
        CimRequestOptions only;
        only.propertyList = QStringList {QStringLiteral("ElementName"), QStringLiteral("Caption")};
        QVERIFY(call(CimRequestBuilder::modifyInstance(id(), kCimv2, fan, only)).status.isOk());
        CimInstance stored = *m_repository.findInstance(kCimv2, fanPath(2));
        QCOMPARE(stored.value(u"ElementName").toString(), QStringLiteral("Rear fan"));
        QCOMPARE(stored.value(u"DesiredSpeed").toUnsigned(), 5400u); // not in PropertyList
        QVERIFY(stored.value(u"Caption").isNull()); // listed but not sent: back to the class default

        QVERIFY(call(CimRequestBuilder::modifyInstance(id(), kCimv2, fan)).status.isOk());
        QCOMPARE(m_repository.findInstance(kCimv2, fanPath(2))->value(u"DesiredSpeed").toUnsigned(), 6000u);

        CimInstance rekey = fan;
        rekey.setProperty(CimProperty(QStringLiteral("DeviceID"), CimValue::string(QStringLiteral("FAN7"))));
        QCOMPARE(call(CimRequestBuilder::modifyInstance(id(), kCimv2, rekey)).status.code(), 4);
        CimInstance gone = fan;
        gone.setPath(fanPath(8));
        QCOMPARE(call(CimRequestBuilder::modifyInstance(id(), kCimv2, gone)).status.code(), 6);
    }

    void properties()
    {
        auto response = call(CimRequestBuilder::getProperty(id(), kCimv2, fanPath(3), QStringLiteral("CurrentSpeed")));
        QVERIFY(response.status.isOk());
        // GetProperty's VALUE is untyped on the wire: the reply reads back as text.
        QCOMPARE(response.returnValue.toCimXmlText(), QStringLiteral("5520"));
        QCOMPARE(
            call(CimRequestBuilder::getProperty(id(), kCimv2, fanPath(3), QStringLiteral("Colour"))).status.code(), 12);

        // SetProperty's NewValue arrives untyped too; the server converts it to the property's type.
        QVERIFY(call(CimRequestBuilder::setProperty(
                         id(), kCimv2, fanPath(3), QStringLiteral("DesiredSpeed"), CimValue::uint64(4800)))
                    .status.isOk());
        const CimValue speed = m_repository.findInstance(kCimv2, fanPath(3))->value(u"DesiredSpeed");
        QCOMPARE(speed.type(), CimType::UInt64);
        QCOMPARE(speed.toUnsigned(), 4800u);
        QCOMPARE(call(CimRequestBuilder::setProperty(id(), kCimv2, fanPath(3), QStringLiteral("DesiredSpeed"),
                          CimValue::string(QStringLiteral("fast"))))
                     .status.code(),
            13);
        // No NewValue sets NULL.
        QVERIFY(call(CimRequestBuilder::setProperty(id(), kCimv2, fanPath(3), QStringLiteral("ElementName"), {}))
                    .status.isOk());
        QVERIFY(m_repository.findInstance(kCimv2, fanPath(3))->value(u"ElementName").isNull());
        QCOMPARE(call(CimRequestBuilder::setProperty(
                          id(), kCimv2, fanPath(3), QStringLiteral("DeviceID"), CimValue::string(QStringLiteral("X"))))
                     .status.code(),
            4);
    }

    void qualifierDeclarations()
    {
        auto response = call(CimRequestBuilder::enumerateQualifiers(id(), kCimv2));
        QVERIFY(response.qualifierDeclarations.size() >= 30);
        response = call(CimRequestBuilder::getQualifier(id(), kCimv2, QStringLiteral("Key")));
        QCOMPARE(response.qualifierDeclarations.first().type(), CimType::Boolean);
        QVERIFY(!response.qualifierDeclarations.first().flavors().overridable);
        QVERIFY(response.qualifierDeclarations.first().scopes().property);

        CimQualifierDeclaration colour(QStringLiteral("Colour"), CimType::String);
        colour.setScopes(CimScopes::any());
        QVERIFY(call(CimRequestBuilder::setQualifier(id(), kCimv2, colour)).status.isOk());
        response = call(CimRequestBuilder::getQualifier(id(), kCimv2, QStringLiteral("colour")));
        QCOMPARE(response.qualifierDeclarations.first(), colour);
        QVERIFY(call(CimRequestBuilder::deleteQualifier(id(), kCimv2, QStringLiteral("Colour"))).status.isOk());
        QCOMPARE(call(CimRequestBuilder::getQualifier(id(), kCimv2, QStringLiteral("Colour"))).status.code(), 6);
        QCOMPARE(call(CimRequestBuilder::deleteQualifier(id(), kCimv2, QStringLiteral("Colour"))).status.code(), 6);
    }

    void associations()
    {
        CimRequestOptions devices;
        devices.assocClass = QStringLiteral("CIM_SystemDevice");
        auto response = call(CimRequestBuilder::associatorNames(id(), kCimv2, systemPath(), devices));
        QVERIFY(response.status.isOk());
        QCOMPARE(response.instanceNames.size(), 13); // 4 fans, 9 sensors
        QCOMPARE(response.instanceNames.first().nameSpace(), kCimv2);
        QCOMPARE(response.instanceNames.first().host(), QStringLiteral("sim.example.com:5989"));

        devices.resultClass = QStringLiteral("CIM_Fan");
        response = call(CimRequestBuilder::associators(id(), kCimv2, systemPath(), devices));
        QCOMPARE(response.instances.size(), 4);
        const QStringList fanClasses = classNamesOf(response.instances);
        QCOMPARE(QSet<QString>(fanClasses.begin(), fanClasses.end()).size(), 1);

        CimRequestOptions sensors;
        sensors.resultClass = QStringLiteral("CIM_Sensor");
        sensors.propertyList = QStringList {QStringLiteral("DeviceID"), QStringLiteral("CurrentReading")};
        response = call(CimRequestBuilder::associators(id(), kCimv2, fanPath(4), sensors));
        QCOMPARE(response.instances.size(), 1);
        QCOMPARE(response.instances.first().value(u"DeviceID").toString(), QStringLiteral("TACH-FAN4"));
        QCOMPARE(response.instances.first().properties().size(), 2);

        CimRequestOptions records;
        records.resultClass = QStringLiteral("CIM_LogManagesRecord");
        response = call(CimRequestBuilder::referenceNames(id(), kCimv2, logPath(), records));
        QCOMPARE(response.instanceNames.size(), 50);
        records.role = QStringLiteral("Record"); // the log is the Log end, never the Record end
        QCOMPARE(call(CimRequestBuilder::referenceNames(id(), kCimv2, logPath(), records)).instanceNames.size(), 0);
        records.role = QStringLiteral("Log");
        response = call(CimRequestBuilder::references(id(), kCimv2, logPath(), records));
        QCOMPARE(response.instances.size(), 50);
        QCOMPARE(response.instances.first().className(), QStringLiteral("CIMDIAG_LogManagesRecord"));

        CimRequestOptions roles;
        roles.role = QStringLiteral("PartComponent");
        roles.resultRole = QStringLiteral("GroupComponent");
        response = call(CimRequestBuilder::associatorNames(id(), kCimv2, fanPath(1), roles));
        QCOMPARE(response.instanceNames.size(), 1);
        QCOMPARE(response.instanceNames.first().className(), QStringLiteral("CIMDIAG_ComputerSystem"));

        // Class targets answer with classes.
        response = call(CimRequestBuilder::referenceNames(id(), kCimv2, CimClassName(QStringLiteral("CIMDIAG_Fan"))));
        const QStringList referencing = classNamesOf(response.classNames);
        QVERIFY(referencing.contains(QStringLiteral("CIMDIAG_SystemDevice")));
        QVERIFY(referencing.contains(QStringLiteral("CIMDIAG_AssociatedSensor")));
        QVERIFY(!referencing.contains(QStringLiteral("CIMDIAG_LogManagesRecord")));
        CimRequestOptions logs;
        logs.assocClass = QStringLiteral("CIM_LogManagesRecord");
        response = call(
            CimRequestBuilder::associators(id(), kCimv2, CimClassName(QStringLiteral("CIMDIAG_RecordLog")), logs));
        QCOMPARE(response.classes.size(), 1);
        QCOMPARE(response.classes.first().className(), QStringLiteral("CIM_RecordForLog"));
        QCOMPARE(response.classes.first().path().nameSpace(), kCimv2);

        CimRequestOptions bad;
        bad.resultClass = QStringLiteral("CIM_NoSuchClass");
        QCOMPARE(call(CimRequestBuilder::associatorNames(id(), kCimv2, systemPath(), bad)).status.code(), 4);
        QCOMPARE(call(CimRequestBuilder::associatorNames(id(), kCimv2, fanPath(9))).status.code(), 6);

        // Cross-namespace references: the profile points at the system in root/cimv2.
        CimInstanceName profile(QStringLiteral("CIM_RegisteredProfile"));
        profile.setKeyBinding(
            QStringLiteral("InstanceID"), CimValue::string(QStringLiteral("CIMDIAG:DMTF+Computer System+1.0.0")));
        response = call(CimRequestBuilder::associatorNames(id(), kInterop, profile));
        QCOMPARE(response.instanceNames.size(), 1);
        QCOMPARE(response.instanceNames.first().nameSpace(), kCimv2);
        QCOMPARE(response.instanceNames.first().className(), QStringLiteral("CIMDIAG_ComputerSystem"));
    }

    void execQuery()
    {
        auto response = call(CimRequestBuilder::execQuery(
            id(), kCimv2, QStringLiteral("WQL"), QStringLiteral("SELECT * FROM CIM_Fan WHERE HealthState = 10")));
        QVERIFY2(response.status.isOk(), qPrintable(response.status.toString()));
        QCOMPARE(response.instances.size(), 1);
        QCOMPARE(response.instances.first().value(u"DeviceID").toString(), QStringLiteral("FAN4"));
        QCOMPARE(response.instances.first().path().nameSpace(), kCimv2);

        response = call(CimRequestBuilder::execQuery(id(), kCimv2, QStringLiteral("wql"),
            QStringLiteral("select DeviceID, CurrentReading from CIM_NumericSensor where SensorType = 2 and "
                           "CurrentReading > 40")));
        QCOMPARE(response.instances.size(), 2);
        QCOMPARE(response.instances.first().properties().size(), 2);
        response = call(CimRequestBuilder::execQuery(id(), kCimv2, QStringLiteral("WQL"),
            QStringLiteral("SELECT * FROM CIMDIAG_LogRecord WHERE MessageID = 'FAN0001'")));
        QCOMPARE(response.instances.size(), 5);

        QCOMPARE(call(CimRequestBuilder::execQuery(
                          id(), kCimv2, QStringLiteral("DMTF:CQL"), QStringLiteral("SELECT * FROM CIM_Fan")))
                     .status.code(),
            14);
        QCOMPARE(call(CimRequestBuilder::execQuery(
                          id(), kCimv2, QStringLiteral("WQL"), QStringLiteral("SELECT * FORM CIM_Fan")))
                     .status.code(),
            15);
        QCOMPARE(call(CimRequestBuilder::execQuery(
                          id(), kCimv2, QStringLiteral("WQL"), QStringLiteral("SELECT * FROM CIM_Toaster")))
                     .status.code(),
            5);
    }

    void wqlSubset_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("matches"); // -1: does not parse
        QTest::newRow("all") << QStringLiteral("SELECT * FROM CIMDIAG_NumericSensor") << 9;
        QTest::newRow("string") << QStringLiteral("SELECT * FROM CIMDIAG_NumericSensor WHERE DeviceID = \"VOLT-12V\"")
                                << 1;
        QTest::newRow("not equal") << QStringLiteral("SELECT * FROM CIMDIAG_NumericSensor WHERE SensorType <> 5") << 5;
        QTest::newRow("negative") << QStringLiteral("SELECT * FROM CIMDIAG_NumericSensor WHERE UnitModifier = -3") << 1;
        QTest::newRow("or") << QStringLiteral(
            "SELECT * FROM CIMDIAG_NumericSensor WHERE SensorType = 3 OR SensorType = 13")
                            << 2;
        QTest::newRow("and before or") << QStringLiteral(
            "SELECT * FROM CIMDIAG_NumericSensor WHERE SensorType = 5 AND CurrentReading < 2000 OR "
            "DeviceID = 'PWR-PSU1'") << 2;
        QTest::newRow("is null") << QStringLiteral(
            "SELECT * FROM CIMDIAG_NumericSensor WHERE LowerThresholdFatal IS NULL")
                                 << 9;
        QTest::newRow("is not null") << QStringLiteral(
            "SELECT * FROM CIMDIAG_NumericSensor WHERE CurrentReading IS NOT NULL")
                                     << 9;
        QTest::newRow("array element") << QStringLiteral(
            "SELECT * FROM CIMDIAG_NumericSensor WHERE OperationalStatus = 3")
                                       << 1;
        QTest::newRow("boolean") << QStringLiteral("SELECT * FROM CIMDIAG_Fan WHERE VariableSpeed = TRUE") << 4;
        QTest::newRow("escaped quote") << QStringLiteral("SELECT * FROM CIMDIAG_Fan WHERE ElementName = 'it''s'") << 0;
        QTest::newRow("no from") << QStringLiteral("SELECT *") << -1;
        QTest::newRow("trailing") << QStringLiteral("SELECT * FROM CIM_Fan WHERE") << -1;
        QTest::newRow("unterminated") << QStringLiteral("SELECT * FROM CIM_Fan WHERE Name = 'x") << -1;
    }

    void wqlSubset()
    {
        QFETCH(QString, query);
        QFETCH(int, matches);
        QString error;
        const auto parsed = SimWqlQuery::parse(query, &error);
        if (matches < 0) {
            QVERIFY(!parsed);
            QVERIFY(!error.isEmpty());
            return;
        }
        QVERIFY2(parsed, qPrintable(error));
        int count = 0;
        for (const CimInstance &instance : m_repository.instances(kCimv2, parsed->className()))
            count += parsed->matches(instance) ? 1 : 0;
        QCOMPARE(count, matches);
    }

    void invokeMethod()
    {
        CimParamValueList disable;
        disable.insert(CimParamValue(QStringLiteral("RequestedState"), CimValue::uint16(3)));
        auto response = call(
            CimRequestBuilder::invokeMethod(id(), kCimv2, fanPath(2), QStringLiteral("RequestStateChange"), disable));
        QVERIFY2(response.status.isOk(), qPrintable(response.status.toString()));
        QCOMPARE(response.methodName, QStringLiteral("RequestStateChange"));
        QCOMPARE(response.returnValue.toUnsigned(), 0u);
        const CimParamValue *job = response.outParameters.find(u"Job");
        QVERIFY(job);
        QCOMPARE(job->value().type(), CimType::Reference);
        const CimInstanceName jobPath = job->value().toReference();
        QCOMPARE(jobPath.className(), QStringLiteral("CIMDIAG_ConcreteJob"));
        QCOMPARE(jobPath.nameSpace(), kCimv2);
        response = call(CimRequestBuilder::getInstance(id(), kCimv2, jobPath));
        QVERIFY(response.status.isOk());
        QCOMPARE(response.instances.first().value(u"JobState").toUnsigned(), 7u);
        QCOMPARE(m_repository.findInstance(kCimv2, fanPath(2))->value(u"EnabledState").toUnsigned(), 3u);

        CimParamValueList bogus;
        bogus.insert(CimParamValue(QStringLiteral("RequestedState"), CimValue::uint16(1))); // not in the ValueMap
        QCOMPARE(
            call(CimRequestBuilder::invokeMethod(id(), kCimv2, fanPath(2), QStringLiteral("RequestStateChange"), bogus))
                .status.code(),
            4);
        CimParamValueList shutDown;
        shutDown.insert(CimParamValue(QStringLiteral("RequestedState"), CimValue::uint16(4))); // valid, not offered
        response = call(
            CimRequestBuilder::invokeMethod(id(), kCimv2, fanPath(2), QStringLiteral("RequestStateChange"), shutDown));
        QCOMPARE(response.returnValue.toUnsigned(), 4097u);
        QCOMPARE(call(CimRequestBuilder::invokeMethod(id(), kCimv2, fanPath(2), QStringLiteral("RequestStateChange")))
                     .status.code(),
            4);
        CimParamValueList extra = disable;
        extra.insert(CimParamValue(QStringLiteral("Force"), CimValue::boolean(true)));
        QCOMPARE(
            call(CimRequestBuilder::invokeMethod(id(), kCimv2, fanPath(2), QStringLiteral("RequestStateChange"), extra))
                .status.code(),
            4);
        QCOMPARE(call(CimRequestBuilder::invokeMethod(id(), kCimv2, fanPath(2), QStringLiteral("SelfDestruct")))
                     .status.code(),
            17);
        QCOMPARE(call(CimRequestBuilder::invokeMethod(
                          id(), kCimv2, fanPath(9), QStringLiteral("RequestStateChange"), disable))
                     .status.code(),
            6);
        QCOMPARE(call(CimRequestBuilder::invokeMethod(id(), QStringLiteral("root/nowhere"), fanPath(1),
                          QStringLiteral("RequestStateChange"), disable))
                     .status.code(),
            3);

        // A static method on the class.
        CimParamValueList text;
        text.insert(CimParamValue(QStringLiteral("Text"), CimValue::string(QStringLiteral("ping <&>"))));
        response = call(CimRequestBuilder::invokeMethod(
            id(), kCimv2, CimClassName(QStringLiteral("CIMDIAG_ComputerSystem")), QStringLiteral("Echo"), text));
        QVERIFY2(response.status.isOk(), qPrintable(response.status.toString()));
        QCOMPARE(response.outParameters.find(u"Echoed")->value().toString(), QStringLiteral("ping <&>"));
        QCOMPARE(response.outParameters.find(u"ServerTime")->value().toDateTime().toDateTime(), m_now);
        // A non-static method is not invoked on a class.
        QCOMPARE(call(CimRequestBuilder::invokeMethod(id(), kCimv2, CimClassName(QStringLiteral("CIMDIAG_Fan")),
                          QStringLiteral("RequestStateChange"), disable))
                     .status.code(),
            4);

        // ClearLog empties the log and its association.
        response = call(CimRequestBuilder::invokeMethod(id(), kCimv2, logPath(), QStringLiteral("ClearLog")));
        QVERIFY2(response.status.isOk(), qPrintable(response.status.toString()));
        QCOMPARE(m_repository.instanceCount(kCimv2, u"CIMDIAG_LogRecord"), 0);
        QCOMPARE(m_repository.instanceCount(kCimv2, u"CIMDIAG_LogManagesRecord"), 0);
        QCOMPARE(m_repository.findInstance(kCimv2, logPath())->value(u"CurrentNumberOfRecords").toUnsigned(), 0u);

        // Declared but unimplemented.
        QCOMPARE(call(CimRequestBuilder::invokeMethod(
                          id(), kCimv2, systemPath(), QStringLiteral("RequestStateChange"), disable))
                     .status.code(),
            16);
        // The server is no indication listener.
        CimOperationResponse exported = m_handler->handle(
            CimRequestBuilder::exportIndication(id(), CimInstance(QStringLiteral("CIM_AlertIndication"))));
        QCOMPARE(exported.status.code(), 7);
    }

    void pullSequence()
    {
        CimRequestOptions open;
        open.maxObjectCount = 0;
        auto response
            = call(CimRequestBuilder::openEnumerateInstances(id(), kCimv2, QStringLiteral("CIMDIAG_LogRecord"), open));
        QVERIFY2(response.status.isOk(), qPrintable(response.status.toString()));
        QVERIFY(response.instances.isEmpty());
        QVERIFY(!response.endOfSequence);
        const QString context = response.enumerationContext;
        QVERIFY(!context.isEmpty());
        QCOMPARE(m_handler->enumerationContextCount(), 1);

        response = call(CimRequestBuilder::pullInstancesWithPath(id(), kCimv2, context, 20));
        QCOMPARE(response.instances.size(), 20);
        QCOMPARE(response.instances.first().path().nameSpace(), kCimv2);
        QCOMPARE(response.instances.first().value(u"RecordID").toString(), QStringLiteral("1"));
        QVERIFY(!response.endOfSequence);
        QCOMPARE(response.enumerationContext, context);

        response = call(CimRequestBuilder::enumerationCount(id(), kCimv2, context));
        QCOMPARE(response.returnValue.toUnsigned(), 30u);

        response = call(CimRequestBuilder::pullInstancesWithPath(id(), kCimv2, context, 0));
        QVERIFY(response.instances.isEmpty());
        QVERIFY(!response.endOfSequence);

        // A Pull of the wrong kind does not continue it.
        QCOMPARE(call(CimRequestBuilder::pullInstancePaths(id(), kCimv2, context, 5)).status.code(), 4);

        response = call(CimRequestBuilder::pullInstancesWithPath(id(), kCimv2, context, 100));
        QCOMPARE(response.instances.size(), 30);
        QCOMPARE(response.instances.last().value(u"RecordID").toString(), QStringLiteral("50"));
        QVERIFY(response.endOfSequence);
        QVERIFY(response.enumerationContext.isEmpty());
        QCOMPARE(m_handler->enumerationContextCount(), 0);
        QCOMPARE(call(CimRequestBuilder::pullInstancesWithPath(id(), kCimv2, context, 1)).status.code(), 21);

        // Everything at once ends the sequence in the Open reply.
        open.maxObjectCount = 1000;
        response = call(CimRequestBuilder::openEnumerateInstancePaths(id(), kCimv2, QStringLiteral("CIM_Fan"), open));
        QCOMPARE(response.instanceNames.size(), 4);
        QVERIFY(response.endOfSequence);

        // CloseEnumeration ends a sequence early.
        open.maxObjectCount = 1;
        response = call(CimRequestBuilder::openEnumerateInstancePaths(id(), kCimv2, QStringLiteral("CIM_Fan"), open));
        QCOMPARE(response.instanceNames.size(), 1);
        QVERIFY(call(CimRequestBuilder::closeEnumeration(id(), kCimv2, response.enumerationContext)).status.isOk());
        QCOMPARE(
            call(CimRequestBuilder::closeEnumeration(id(), kCimv2, response.enumerationContext)).status.code(), 21);
        QCOMPARE(
            call(CimRequestBuilder::pullInstancePaths(id(), kCimv2, response.enumerationContext, 1)).status.code(), 21);
        QCOMPARE(call(CimRequestBuilder::enumerationCount(id(), kCimv2, QStringLiteral("made-up"))).status.code(), 21);
    }

    void pullAssociationsAndQueries()
    {
        CimRequestOptions open;
        open.maxObjectCount = 5;
        open.resultClass = QStringLiteral("CIM_Sensor");
        auto response = call(CimRequestBuilder::openAssociatorInstancePaths(id(), kCimv2, systemPath(), open));
        QVERIFY2(response.status.isOk(), qPrintable(response.status.toString()));
        QCOMPARE(response.instanceNames.size(), 5);
        response = call(CimRequestBuilder::pullInstancePaths(id(), kCimv2, response.enumerationContext, 5));
        QCOMPARE(response.instanceNames.size(), 4);
        QVERIFY(response.endOfSequence);

        CimRequestOptions refs;
        refs.maxObjectCount = 100;
        response = call(CimRequestBuilder::openReferenceInstances(id(), kCimv2, fanPath(1), refs));
        const QStringList referenced = classNamesOf(response.instances);
        QCOMPARE(QSet<QString>(referenced.begin(), referenced.end()),
            QSet<QString>({QStringLiteral("CIMDIAG_SystemDevice"), QStringLiteral("CIMDIAG_AssociatedSensor")}));
        QVERIFY(response.endOfSequence);
        response = call(CimRequestBuilder::openReferenceInstancePaths(id(), kCimv2, fanPath(1), refs));
        QCOMPARE(response.instanceNames.size(), 2);
        response = call(CimRequestBuilder::openAssociatorInstances(id(), kCimv2, fanPath(1), refs));
        QCOMPARE(response.instances.size(), 2);

        CimRequestOptions query;
        query.maxObjectCount = 1;
        response = call(CimRequestBuilder::openQueryInstances(id(), kCimv2, QStringLiteral("WQL"),
            QStringLiteral("SELECT * FROM CIM_Fan WHERE CurrentSpeed > 5000"), query));
        QVERIFY2(response.status.isOk(), qPrintable(response.status.toString()));
        QCOMPARE(response.instances.size(), 1);
        response = call(CimRequestBuilder::pullInstances(id(), kCimv2, response.enumerationContext, 10));
        QCOMPARE(response.instances.size(), 2);
        QVERIFY(response.endOfSequence);
        QCOMPARE(call(CimRequestBuilder::openQueryInstances(
                          id(), kCimv2, QStringLiteral("DMTF:CQL"), QStringLiteral("SELECT * FROM CIM_Fan")))
                     .status.code(),
            14);
    }

    void pullRefusals()
    {
        CimRequestOptions filtered;
        filtered.filterQueryLanguage = QStringLiteral("DMTF:FQL");
        filtered.filterQuery = QStringLiteral("HealthState = 5");
        QCOMPARE(call(CimRequestBuilder::openEnumerateInstances(id(), kCimv2, QStringLiteral("CIM_Fan"), filtered))
                     .status.code(),
            25);
        CimRequestOptions continuing;
        continuing.continueOnError = true;
        QCOMPARE(call(CimRequestBuilder::openEnumerateInstances(id(), kCimv2, QStringLiteral("CIM_Fan"), continuing))
                     .status.code(),
            26);
        CimRequestOptions tooLong;
        tooLong.operationTimeout = 86400;
        QCOMPARE(call(CimRequestBuilder::openEnumerateInstances(id(), kCimv2, QStringLiteral("CIM_Fan"), tooLong))
                     .status.code(),
            22);
        QCOMPARE(
            call(CimRequestBuilder::openEnumerateInstances(id(), kCimv2, QStringLiteral("CIM_Toaster"))).status.code(),
            5);
        QCOMPARE(call(CimRequestBuilder::openEnumerateInstances(
                          id(), QStringLiteral("root/nowhere"), QStringLiteral("CIM_Fan")))
                     .status.code(),
            3);

        // An old server without pull operations.
        m_handler->setPullSupported(false);
        QCOMPARE(
            call(CimRequestBuilder::openEnumerateInstances(id(), kCimv2, QStringLiteral("CIM_Fan"))).status.code(), 7);
        QCOMPARE(call(CimRequestBuilder::pullInstancesWithPath(id(), kCimv2, QStringLiteral("x"), 1)).status.code(), 7);
        QCOMPARE(call(CimRequestBuilder::closeEnumeration(id(), kCimv2, QStringLiteral("x"))).status.code(), 7);
        QVERIFY(call(CimRequestBuilder::enumerateInstanceNames(id(), kCimv2, QStringLiteral("CIM_Fan"))).status.isOk());

        m_handler->setPullSupported(true);
        m_handler->setMaximumEnumerationContexts(2);
        CimRequestOptions one;
        one.maxObjectCount = 1;
        QVERIFY(call(CimRequestBuilder::openEnumerateInstancePaths(id(), kCimv2, QStringLiteral("CIM_Fan"), one))
                    .status.isOk());
        QVERIFY(call(CimRequestBuilder::openEnumerateInstancePaths(id(), kCimv2, QStringLiteral("CIM_Fan"), one))
                    .status.isOk());
        QCOMPARE(call(CimRequestBuilder::openEnumerateInstancePaths(id(), kCimv2, QStringLiteral("CIM_Fan"), one))
                     .status.code(),
            27);
    }

    void pullContextsExpire()
    {
        CimRequestOptions open;
        open.maxObjectCount = 1;
        open.operationTimeout = 10;
        auto response
            = call(CimRequestBuilder::openEnumerateInstancePaths(id(), kCimv2, QStringLiteral("CIM_Fan"), open));
        const QString explicitTimeout = response.enumerationContext;

        m_handler->setDefaultOperationTimeout(5);
        open.operationTimeout.reset();
        response = call(CimRequestBuilder::openEnumerateInstancePaths(id(), kCimv2, QStringLiteral("CIM_Fan"), open));
        const QString defaultTimeout = response.enumerationContext;

        open.operationTimeout = 0; // never
        response = call(CimRequestBuilder::openEnumerateInstancePaths(id(), kCimv2, QStringLiteral("CIM_Fan"), open));
        const QString never = response.enumerationContext;
        QCOMPARE(m_handler->enumerationContextCount(), 3);

        // Each Pull restarts the timer.
        m_now = m_now.addSecs(4);
        QVERIFY(call(CimRequestBuilder::pullInstancePaths(id(), kCimv2, defaultTimeout, 1)).status.isOk());
        m_now = m_now.addSecs(4);
        QVERIFY(call(CimRequestBuilder::pullInstancePaths(id(), kCimv2, defaultTimeout, 1)).status.isOk());
        m_now = m_now.addSecs(5);
        QCOMPARE(call(CimRequestBuilder::pullInstancePaths(id(), kCimv2, defaultTimeout, 1)).status.code(), 21);
        QCOMPARE(call(CimRequestBuilder::pullInstancePaths(id(), kCimv2, explicitTimeout, 1)).status.code(), 21);
        m_now = m_now.addDays(30);
        QVERIFY(call(CimRequestBuilder::pullInstancePaths(id(), kCimv2, never, 1)).status.isOk());
        QCOMPARE(m_handler->enumerationContextCount(), 1);
    }

    void interopProbe_data()
    {
        QTest::addColumn<QString>("interop");
        QTest::newRow("interop") << QStringLiteral("interop");
        QTest::newRow("root/interop") << QStringLiteral("root/interop");
        QTest::newRow("root/PG_InterOp") << QStringLiteral("root/PG_InterOp");
    }

    void interopProbe()
    {
        QFETCH(QString, interop);
        SimModelOptions options;
        options.interopNamespace = interop;
        reset(options);
        // DSP1033 probe order; a client sends the "/..." candidates without the slash.
        const QStringList candidates {QStringLiteral("interop"), QStringLiteral("root/interop"),
            QStringLiteral("root/PG_InterOp"), QStringLiteral("/interop"), QStringLiteral("/root/interop")};
        QString found;
        for (const QString &candidate : candidates) {
            const auto response
                = call(CimRequestBuilder::enumerateInstanceNames(id(), candidate, QStringLiteral("CIM_Namespace")));
            if (cimNamesEqual(cimNamespaceWithoutSlashes(candidate), interop)) {
                QVERIFY2(response.status.isOk(), qPrintable(response.status.toString()));
                QStringList names = keyValues(response.instanceNames, QStringLiteral("Name"));
                QStringList expectedNames {interop, kCimv2};
                expectedNames.sort();
                QCOMPARE(names, expectedNames);
                if (found.isEmpty())
                    found = names.contains(interop) ? interop : QString();
            } else {
                QCOMPARE(response.status.code(), 3);
            }
        }
        QCOMPARE(found, interop);
        auto response = call(CimRequestBuilder::enumerateInstances(id(), interop, QStringLiteral("CIM_ObjectManager")));
        QCOMPARE(response.instances.size(), 1);
        QCOMPARE(response.instances.first().value(u"Name").toString(), QStringLiteral("cimdiag-sim"));
        QVERIFY(!response.instances.first().value(u"ElementName").isNull());
        response = call(CimRequestBuilder::enumerateInstances(id(), interop, QStringLiteral("CIM_RegisteredProfile")));
        QVERIFY(response.instances.size() >= 5);
        // The managed namespace has no CIM_Namespace class: code 5 tells the probe it exists.
        QCOMPARE(call(CimRequestBuilder::enumerateInstanceNames(id(), kCimv2, QStringLiteral("CIM_Namespace")))
                     .status.code(),
            5);
    }

    void valueMapsRoundTrip_data()
    {
        QTest::addColumn<QString>("className");
        QTest::addColumn<QString>("property"); // "Method.Parameter" or "Method()" for methods
        QTest::addColumn<qint64>("value");
        QTest::addColumn<QString>("values");
        QTest::newRow("OperationalStatus") << QStringLiteral("CIMDIAG_Fan") << QStringLiteral("OperationalStatus")
                                           << qint64(3) << QStringLiteral("Degraded");
        QTest::newRow("vendor range") << QStringLiteral("CIMDIAG_Fan") << QStringLiteral("OperationalStatus")
                                      << qint64(0x8001) << QStringLiteral("Vendor Reserved");
        QTest::newRow("HealthState") << QStringLiteral("CIMDIAG_Fan") << QStringLiteral("HealthState") << qint64(10)
                                     << QStringLiteral("Degraded/Warning");
        QTest::newRow("EnabledState") << QStringLiteral("CIMDIAG_Fan") << QStringLiteral("EnabledState") << qint64(2)
                                      << QStringLiteral("Enabled");
        QTest::newRow("SensorType") << QStringLiteral("CIMDIAG_NumericSensor") << QStringLiteral("SensorType")
                                    << qint64(5) << QStringLiteral("Tachometer");
        QTest::newRow("BaseUnits") << QStringLiteral("CIMDIAG_NumericSensor") << QStringLiteral("BaseUnits")
                                   << qint64(19) << QStringLiteral("RPM");
        QTest::newRow("PerceivedSeverity") << QStringLiteral("CIMDIAG_LogRecord") << QStringLiteral("PerceivedSeverity")
                                           << qint64(3) << QStringLiteral("Degraded/Warning");
        QTest::newRow("LogState") << QStringLiteral("CIMDIAG_RecordLog") << QStringLiteral("LogState") << qint64(2)
                                  << QStringLiteral("Normal");
        QTest::newRow("parameter") << QStringLiteral("CIMDIAG_Fan")
                                   << QStringLiteral("RequestStateChange.RequestedState") << qint64(11)
                                   << QStringLiteral("Reset");
        QTest::newRow("method") << QStringLiteral("CIMDIAG_Fan") << QStringLiteral("RequestStateChange()")
                                << qint64(4097) << QStringLiteral("Invalid State Transition");
    }

    void valueMapsRoundTrip()
    {
        QFETCH(QString, className);
        QFETCH(QString, property);
        QFETCH(qint64, value);
        QFETCH(QString, values);
        CimRequestOptions full;
        full.localOnly = false;
        const auto response = call(CimRequestBuilder::getClass(id(), kCimv2, className, full));
        QVERIFY(response.status.isOk());
        const CimClass &cls = response.classes.first();
        QString error;
        std::optional<CimValueMapping> mapping;
        if (property.endsWith(u"()"))
            mapping = CimValueMapping::forMethod(cls, property.chopped(2), &error);
        else if (property.contains(u'.'))
            mapping
                = CimValueMapping::forParameter(cls, property.section(u'.', 0, 0), property.section(u'.', 1), &error);
        else
            mapping = CimValueMapping::forProperty(cls, property, &error);
        QVERIFY2(mapping, qPrintable(error));
        QCOMPARE(mapping->toValues(value), std::optional<QString>(values));
    }

    void faultsAndObservation()
    {
        m_handler->setOperationFailure(
            CimOperation::EnumerateInstances, CimStatus(2, QStringLiteral("denied by scenario")));
        auto response = call(CimRequestBuilder::enumerateInstances(id(), kCimv2, QStringLiteral("CIM_Fan")));
        QCOMPARE(response.status.code(), 2);
        QCOMPARE(response.status.description(), QStringLiteral("denied by scenario"));
        QVERIFY(response.instances.isEmpty());
        QVERIFY(call(CimRequestBuilder::enumerateInstanceNames(id(), kCimv2, QStringLiteral("CIM_Fan"))).status.isOk());
        m_handler->clearOperationFailure(CimOperation::EnumerateInstances);
        QVERIFY(call(CimRequestBuilder::enumerateInstances(id(), kCimv2, QStringLiteral("CIM_Fan"))).status.isOk());

        m_handler->setOperationFailure(CimOperation::InvokeMethod, CimStatus(1, QStringLiteral("provider crashed")));
        response = call(CimRequestBuilder::invokeMethod(id(), kCimv2, logPath(), QStringLiteral("ClearLog")));
        QCOMPARE(response.status.code(), 1);
        QCOMPARE(response.methodName, QStringLiteral("ClearLog"));
        m_handler->clearOperationFailures();

        m_handler->clearReceivedRequests();
        m_handler->setReceivedRequestLimit(3);
        for (int i = 0; i < 5; ++i)
            call(CimRequestBuilder::getInstance(QStringLiteral("m%1").arg(i), kCimv2, fanPath(1)),
                QStringLiteral("user%1").arg(i));
        const QList<CimOperationRequest> received = m_handler->receivedRequests();
        QCOMPARE(received.size(), 3);
        QCOMPARE(received.first().messageId, QStringLiteral("m2"));
        QCOMPARE(received.last().operation, CimOperation::GetInstance);
        QCOMPARE(
            received.last().arguments.find(u"InstanceName")->get<CimInstanceName>()->keyBinding(u"DeviceID").toString(),
            QStringLiteral("FAN1"));
        QCOMPARE(m_handler->receivedUsers(),
            QStringList({QStringLiteral("user2"), QStringLiteral("user3"), QStringLiteral("user4")}));
    }

    void classScopedFailures()
    {
        // E3/E6/E9: one provider fails, the rest of the server works. The class matches
        // case-insensitively, from ClassName, InstanceName or ObjectName.
        m_handler->setOperationFailure(CimOperation::EnumerateInstances,
            CimStatus(2, QStringLiteral("denied for fans")), QStringLiteral("cim_fan"));
        m_handler->setOperationFailure(
            CimOperation::GetInstance, CimStatus(5, QStringLiteral("no fans")), QStringLiteral("CIMDIAG_Fan"));
        m_handler->setOperationFailure(
            CimOperation::AssociatorNames, CimStatus(27, QStringLiteral("too big")), QStringLiteral("CIMDIAG_Fan"));

        auto response = call(CimRequestBuilder::enumerateInstances(id(), kCimv2, QStringLiteral("CIM_Fan")));
        QCOMPARE(response.status.code(), 2);
        QCOMPARE(response.status.description(), QStringLiteral("denied for fans"));
        response = call(CimRequestBuilder::enumerateInstances(id(), kCimv2, QStringLiteral("CIMDIAG_NumericSensor")));
        QVERIFY(response.status.isOk());
        QVERIFY(!response.instances.isEmpty());
        // Another operation on the same class is not affected.
        QVERIFY(call(CimRequestBuilder::enumerateInstanceNames(id(), kCimv2, QStringLiteral("CIM_Fan"))).status.isOk());

        QCOMPARE(call(CimRequestBuilder::getInstance(id(), kCimv2, fanPath(1))).status.code(), 5);
        QVERIFY(call(CimRequestBuilder::getInstance(id(), kCimv2, logPath())).status.isOk());
        QCOMPARE(call(CimRequestBuilder::associatorNames(id(), kCimv2, fanPath(2))).status.code(), 27);
        QVERIFY(call(CimRequestBuilder::associatorNames(id(), kCimv2, logPath())).status.isOk());

        // Setting the same operation and class again replaces the status; a class-less failure
        // set later applies to the other classes.
        m_handler->setOperationFailure(
            CimOperation::EnumerateInstances, CimStatus(5, QStringLiteral("gone")), QStringLiteral("CIM_FAN"));
        m_handler->setOperationFailure(CimOperation::EnumerateInstances, CimStatus(7, QStringLiteral("none")));
        QCOMPARE(call(CimRequestBuilder::enumerateInstances(id(), kCimv2, QStringLiteral("CIM_Fan"))).status.code(), 5);
        QCOMPARE(call(CimRequestBuilder::enumerateInstances(id(), kCimv2, QStringLiteral("CIMDIAG_LogRecord")))
                     .status.code(),
            7);
        m_handler->clearOperationFailure(CimOperation::EnumerateInstances);
        QVERIFY(call(CimRequestBuilder::enumerateInstances(id(), kCimv2, QStringLiteral("CIM_Fan"))).status.isOk());
        QCOMPARE(call(CimRequestBuilder::getInstance(id(), kCimv2, fanPath(1))).status.code(), 5);
        m_handler->clearOperationFailures();
        QVERIFY(call(CimRequestBuilder::getInstance(id(), kCimv2, fanPath(1))).status.isOk());
    }

    void withoutComputerSystems()
    {
        // E7: the class is there, its provider is not: success with zero instances.
        auto response = call(CimRequestBuilder::enumerateInstances(id(), kCimv2, QStringLiteral("CIM_ComputerSystem")));
        QCOMPARE(response.instances.size(), 1);
        SimModelOptions options;
        options.computerSystems = false;
        reset(options);
        response = call(CimRequestBuilder::enumerateInstances(id(), kCimv2, QStringLiteral("CIM_ComputerSystem")));
        QVERIFY(response.status.isOk());
        QVERIFY(response.instances.isEmpty());
        QVERIFY(call(CimRequestBuilder::getClass(id(), kCimv2, QStringLiteral("CIM_ComputerSystem"))).status.isOk());
        QVERIFY(call(CimRequestBuilder::enumerateInstanceNames(id(), kCimv2, QStringLiteral("CIMDIAG_SystemDevice")))
                    .instanceNames.isEmpty());
        // The devices are still there.
        QCOMPARE(call(CimRequestBuilder::enumerateInstanceNames(id(), kCimv2, QStringLiteral("CIM_Fan")))
                     .instanceNames.size(),
            4);
    }

    void modelOptions()
    {
        SimModelOptions options;
        options.managedNamespace = QStringLiteral("/root/ontap/");
        options.logRecordCount = 3;
        options.bulkInstanceCount = 1500;
        reset(options);
        const QString ns = QStringLiteral("root/ontap");
        QCOMPARE(m_repository.namespaces(), QStringList({kInterop, ns}));
        QCOMPARE(call(CimRequestBuilder::enumerateInstanceNames(id(), ns, QStringLiteral("CIMDIAG_LogRecord")))
                     .instanceNames.size(),
            3);
        auto response = call(CimRequestBuilder::enumerateInstances(id(), ns, QStringLiteral("CIMDIAG_BenchElement")));
        QCOMPARE(response.instances.size(), 1500);
        QCOMPARE(response.instances.last().value(u"SequenceNumber").toUnsigned(), 1499u);
        CimInstanceName element(QStringLiteral("CIMDIAG_BenchElement"));
        element.setKeyBinding(QStringLiteral("InstanceID"), CimValue::string(QStringLiteral("CIMDIAG:Bench:000042")));
        QVERIFY(call(CimRequestBuilder::getInstance(id(), ns, element)).status.isOk());
        // CIM_ElementConformsToProfile points into the managed namespace by its configured name.
        CimInstanceName profile(QStringLiteral("CIM_RegisteredProfile"));
        profile.setKeyBinding(
            QStringLiteral("InstanceID"), CimValue::string(QStringLiteral("CIMDIAG:DMTF+Record Log+2.0.0")));
        response = call(CimRequestBuilder::associators(id(), kInterop, profile));
        QCOMPARE(response.instances.size(), 1);
        QCOMPARE(response.instances.first().path().nameSpace(), ns);
    }
};

QTEST_GUILESS_MAIN(TestSimOperationHandler)
#include "TestSimOperationHandler.moc"
