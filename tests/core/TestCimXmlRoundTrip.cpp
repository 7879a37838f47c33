// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cimxml/CimRequestBuilder.h"
#include "core/cimxml/CimXmlReader.h"
#include "core/cimxml/CimXmlWriter.h"
#include "tests/support/CimSamples.h"

#include <QTest>

#include <variant>

using namespace cimdiag;

// Write -> read -> equal, for every request the builders make and every response shape. What a
// shape cannot carry is taken out of the expected value first (VALUE.NAMEDINSTANCE has no namespace
// or host, a bare INSTANCE no path at all), so a difference is always a codec bug.

namespace {

// --- difference reports: QCOMPARE cannot print these types, so say where they differ ---------------

QString describe(const CimValue &value)
{
    return QStringLiteral("%1%2 %3").arg(
        cimTypeName(value.type()), value.isArray() ? QStringLiteral("[]") : QString(), value.toMof());
}

QString differenceIn(const CimValue &a, const CimValue &b)
{
    return a == b ? QString() : QStringLiteral("value %1 != %2").arg(describe(a), describe(b));
}

QString differenceIn(const CimQualifierList &a, const CimQualifierList &b)
{
    if (a == b)
        return {};
    QStringList out;
    for (const CimQualifier &q : a) {
        const CimQualifier *other = b.find(q.name());
        if (!other)
            out << QStringLiteral("qualifier %1 missing").arg(q.name());
        else if (!(q == *other))
            out << QStringLiteral("qualifier %1: %2 != %3").arg(q.name(), q.toMof(), other->toMof());
    }
    for (const CimQualifier &q : b) {
        if (!a.contains(q.name()))
            out << QStringLiteral("qualifier %1 unexpected").arg(q.name());
    }
    return out.join(QStringLiteral("; "));
}

QString differenceIn(const CimProperty &a, const CimProperty &b)
{
    QStringList out;
    if (const QString d = differenceIn(a.value(), b.value()); !d.isEmpty())
        out << d;
    if (a.arraySize() != b.arraySize())
        out << QStringLiteral("ARRAYSIZE %1 != %2").arg(a.arraySize()).arg(b.arraySize());
    if (!cimNamesEqual(a.referenceClass(), b.referenceClass()))
        out << QStringLiteral("REFERENCECLASS %1 != %2").arg(a.referenceClass(), b.referenceClass());
    if (!cimNamesEqual(a.classOrigin(), b.classOrigin()))
        out << QStringLiteral("CLASSORIGIN %1 != %2").arg(a.classOrigin(), b.classOrigin());
    if (a.isPropagated() != b.isPropagated())
        out << QStringLiteral("PROPAGATED differs");
    if (const QString d = differenceIn(a.qualifiers(), b.qualifiers()); !d.isEmpty())
        out << d;
    if (out.isEmpty() && !(a == b))
        out << QStringLiteral("(differs)");
    return out.join(QStringLiteral(", "));
}

QString differenceIn(const CimInstanceName &a, const CimInstanceName &b)
{
    return a == b ? QString() : QStringLiteral("path %1 != %2").arg(a.toWbemUri(), b.toWbemUri());
}

QString differenceIn(const CimInstance &a, const CimInstance &b)
{
    if (a == b)
        return {};
    QStringList out;
    if (!cimNamesEqual(a.className(), b.className()))
        out << QStringLiteral("class %1 != %2").arg(a.className(), b.className());
    if (const QString d = differenceIn(a.path(), b.path()); !d.isEmpty())
        out << d;
    if (const QString d = differenceIn(a.qualifiers(), b.qualifiers()); !d.isEmpty())
        out << d;
    for (const CimProperty &p : a.properties()) {
        const CimProperty *other = b.property(p.name());
        if (!other)
            out << QStringLiteral("property %1 missing").arg(p.name());
        else if (const QString d = differenceIn(p, *other); !d.isEmpty())
            out << QStringLiteral("property %1: %2").arg(p.name(), d);
    }
    for (const CimProperty &p : b.properties()) {
        if (!a.property(p.name()))
            out << QStringLiteral("property %1 unexpected").arg(p.name());
    }
    if (out.isEmpty())
        out << QStringLiteral("instances differ");
    return out.join(QStringLiteral("\n  "));
}

QString differenceIn(const CimClass &a, const CimClass &b)
{
    if (a == b)
        return {};
    QStringList out;
    if (a.className() != b.className() || a.superClass() != b.superClass())
        out << QStringLiteral("class %1 : %2 != %3 : %4")
                   .arg(a.className(), a.superClass(), b.className(), b.superClass());
    if (!(a.path() == b.path()))
        out << QStringLiteral("path %1 != %2").arg(a.path().toWbemUri(), b.path().toWbemUri());
    if (const QString d = differenceIn(a.qualifiers(), b.qualifiers()); !d.isEmpty())
        out << d;
    for (const CimProperty &p : a.properties()) {
        const CimProperty *other = b.properties().find(p.name());
        if (!other)
            out << QStringLiteral("property %1 missing").arg(p.name());
        else if (const QString d = differenceIn(p, *other); !d.isEmpty())
            out << QStringLiteral("property %1: %2").arg(p.name(), d);
    }
    for (const CimMethod &m : a.methods()) {
        const CimMethod *other = b.methods().find(m.name());
        if (!other) {
            out << QStringLiteral("method %1 missing").arg(m.name());
            continue;
        }
        if (m == *other)
            continue;
        QStringList details;
        if (m.returnType() != other->returnType())
            details
                << QStringLiteral("return %1 != %2").arg(cimTypeName(m.returnType()), cimTypeName(other->returnType()));
        if (const QString d = differenceIn(m.qualifiers(), other->qualifiers()); !d.isEmpty())
            details << d;
        for (const CimParameter &p : m.parameters()) {
            const CimParameter *op = other->parameters().find(p.name());
            if (!op || !(p == *op))
                details << QStringLiteral("parameter %1").arg(p.name());
        }
        if (m.parameters().size() != other->parameters().size())
            details << QStringLiteral("parameter count");
        if (!cimNamesEqual(m.classOrigin(), other->classOrigin()) || m.isPropagated() != other->isPropagated())
            details << QStringLiteral("CLASSORIGIN/PROPAGATED");
        out << QStringLiteral("method %1: %2").arg(m.name(), details.join(QStringLiteral(", ")));
    }
    if (a.properties().size() != b.properties().size() || a.methods().size() != b.methods().size())
        out << QStringLiteral("member counts differ");
    if (out.isEmpty())
        out << QStringLiteral("classes differ");
    return out.join(QStringLiteral("\n  "));
}

QString differenceIn(const CimQualifierDeclaration &a, const CimQualifierDeclaration &b)
{
    return a == b ? QString() : QStringLiteral("%1 != %2").arg(a.toMof(), b.toMof());
}

QString differenceIn(const CimClassName &a, const CimClassName &b)
{
    return a == b ? QString() : QStringLiteral("%1 != %2").arg(a.toWbemUri(), b.toWbemUri());
}

QString differenceIn(const std::monostate &, const std::monostate &)
{
    return {};
}

QString differenceIn(const CimArgument &a, const CimArgument &b)
{
    if (a.value().index() != b.value().index())
        return QStringLiteral("alternative %1 != %2").arg(a.value().index()).arg(b.value().index());
    return std::visit(
        [&b](const auto &value) -> QString {
            using T = std::decay_t<decltype(value)>;
            return differenceIn(value, *b.get<T>());
        },
        a.value());
}

QString differenceIn(const CimParamValue &a, const CimParamValue &b)
{
    return differenceIn(a.value(), b.value());
}

template<typename List> QString differenceInList(const QString &what, const List &a, const List &b)
{
    QStringList out;
    if (a.size() != b.size())
        out << QStringLiteral("%1: %2 items != %3").arg(what).arg(a.size()).arg(b.size());
    for (qsizetype i = 0; i < std::min(a.size(), b.size()); ++i) {
        if (const QString d = differenceIn(a.at(i), b.at(i)); !d.isEmpty())
            out << QStringLiteral("%1[%2]: %3").arg(what).arg(i).arg(d);
    }
    return out.join(QStringLiteral("\n"));
}

template<typename T> QString differenceInNamed(const QString &what, const CimNamedList<T> &a, const CimNamedList<T> &b)
{
    QStringList out;
    for (const T &item : a) {
        const T *other = b.find(item.name());
        if (!other)
            out << QStringLiteral("%1 %2 missing").arg(what, item.name());
        else if (const QString d = differenceIn(item, *other); !d.isEmpty())
            out << QStringLiteral("%1 %2: %3").arg(what, item.name(), d);
    }
    for (const T &item : b) {
        if (!a.contains(item.name()))
            out << QStringLiteral("%1 %2 unexpected").arg(what, item.name());
    }
    return out.join(QStringLiteral("\n"));
}

QString differenceIn(const CimOperationRequest &a, const CimOperationRequest &b)
{
    QStringList out;
    if (a.operation != b.operation)
        out << QStringLiteral("operation %1 != %2").arg(cimOperationName(a.operation), cimOperationName(b.operation));
    if (a.messageId != b.messageId)
        out << QStringLiteral("messageId %1 != %2").arg(a.messageId, b.messageId);
    if (a.nameSpace != b.nameSpace)
        out << QStringLiteral("nameSpace %1 != %2").arg(a.nameSpace, b.nameSpace);
    if (a.methodName != b.methodName)
        out << QStringLiteral("methodName %1 != %2").arg(a.methodName, b.methodName);
    if (const QString d = differenceIn(a.targetInstance, b.targetInstance); !d.isEmpty())
        out << QStringLiteral("targetInstance ") + d;
    if (const QString d = differenceIn(a.targetClass, b.targetClass); !d.isEmpty())
        out << QStringLiteral("targetClass ") + d;
    if (const QString d = differenceInNamed(QStringLiteral("argument"), a.arguments, b.arguments); !d.isEmpty())
        out << d;
    if (const QString d = differenceInNamed(QStringLiteral("parameter"), a.parameters, b.parameters); !d.isEmpty())
        out << d;
    if (out.isEmpty() && !(a == b))
        out << QStringLiteral("requests differ");
    return out.join(QStringLiteral("\n"));
}

QString differenceIn(const CimStatus &a, const CimStatus &b)
{
    QStringList out;
    if (a.code() != b.code() || a.description() != b.description())
        out << QStringLiteral("%1 != %2").arg(a.toString(), b.toString());
    if (const QString d = differenceInList(QStringLiteral("errorInstance"), a.errorInstances(), b.errorInstances());
        !d.isEmpty())
        out << d;
    return out.join(QStringLiteral("\n"));
}

QString differenceIn(const CimOperationResponse &a, const CimOperationResponse &b)
{
    QStringList out;
    if (a.operation != b.operation)
        out << QStringLiteral("operation %1 != %2").arg(cimOperationName(a.operation), cimOperationName(b.operation));
    if (a.messageId != b.messageId)
        out << QStringLiteral("messageId %1 != %2").arg(a.messageId, b.messageId);
    if (a.methodName != b.methodName)
        out << QStringLiteral("methodName %1 != %2").arg(a.methodName, b.methodName);
    const auto add = [&out](const QString &d) {
        if (!d.isEmpty())
            out << d;
    };
    add(differenceIn(a.status, b.status));
    add(differenceInList(QStringLiteral("instance"), a.instances, b.instances));
    add(differenceInList(QStringLiteral("instanceName"), a.instanceNames, b.instanceNames));
    add(differenceInList(QStringLiteral("class"), a.classes, b.classes));
    add(differenceInList(QStringLiteral("className"), a.classNames, b.classNames));
    add(differenceInList(QStringLiteral("qualifierDeclaration"), a.qualifierDeclarations, b.qualifierDeclarations));
    if (const QString d = differenceIn(a.returnValue, b.returnValue); !d.isEmpty())
        out << QStringLiteral("returnValue ") + d;
    add(differenceInNamed(QStringLiteral("outParameter"), a.outParameters, b.outParameters));
    if (a.enumerationContext != b.enumerationContext || a.endOfSequence != b.endOfSequence)
        out << QStringLiteral("enumeration %1/%2 != %3/%4")
                   .arg(a.enumerationContext, a.endOfSequence ? QStringLiteral("end") : QStringLiteral("more"),
                       b.enumerationContext, b.endOfSequence ? QStringLiteral("end") : QStringLiteral("more"));
    if (out.isEmpty() && !(a == b))
        out << QStringLiteral("responses differ");
    return out.join(QStringLiteral("\n"));
}

// --- cases ------------------------------------------------------------------------------------------

struct RoundTrip
{
    QByteArray name;
    std::variant<CimOperationRequest, CimOperationResponse> original;
    /// What the reader must return; the original when the message carries everything.
    std::variant<CimOperationRequest, CimOperationResponse> expected;
};

QString ns()
{
    return CimSamples::nameSpace();
}

/// The path as INSTANCENAME carries it.
CimInstanceName local(const CimInstanceName &path)
{
    return CimInstanceName(path.className(), path.keyBindings());
}

CimInstance withLocalPath(CimInstance instance)
{
    instance.setPath(local(instance.path()));
    return instance;
}

CimInstance withoutPath(CimInstance instance)
{
    instance.setPath({});
    return instance;
}

/// PARAMTYPE cannot say "array", so a NULL array parameter reads back as a NULL scalar of its type.
CimParamValueList readableParameters(const CimParamValueList &parameters)
{
    CimParamValueList result;
    for (const CimParamValue &parameter : parameters) {
        const CimValue &value = parameter.value();
        result.insert(value.isArray() && value.isNull()
                ? CimParamValue(parameter.name(), CimValue::null(value.type(), false, value.embeddedKind()))
                : parameter);
    }
    return result;
}

QList<RoundTrip> requestCases()
{
    const QString id = QStringLiteral("42");
    const CimRequestOptions all = CimSamples::allOptions();
    const CimInstanceName system = CimSamples::systemPath();
    const CimClassName systemClass(QStringLiteral("CIM_ComputerSystem"));
    const QString context = QStringLiteral("ctx <&> 1");
    QList<std::pair<QByteArray, CimOperationRequest>> requests {
        {"GetInstance", CimRequestBuilder::getInstance(id, ns(), system, all)},
        {"EnumerateInstances", CimRequestBuilder::enumerateInstances(id, ns(), QStringLiteral("CIM_Foo"), all)},
        {"EnumerateInstanceNames", CimRequestBuilder::enumerateInstanceNames(id, ns(), QStringLiteral("CIM_Foo"))},
        {"CreateInstance", CimRequestBuilder::createInstance(id, ns(), CimSamples::everyTypeInstance())},
        {"ModifyInstance", CimRequestBuilder::modifyInstance(id, ns(), CimSamples::everyTypeInstance(), all)},
        {"DeleteInstance", CimRequestBuilder::deleteInstance(id, ns(), CimSamples::associationPath())},
        {"Associators instance", CimRequestBuilder::associators(id, ns(), system, all)},
        {"Associators class", CimRequestBuilder::associators(id, ns(), systemClass, all)},
        {"AssociatorNames", CimRequestBuilder::associatorNames(id, ns(), system, all)},
        {"References", CimRequestBuilder::references(id, ns(), system, all)},
        {"ReferenceNames class", CimRequestBuilder::referenceNames(id, ns(), systemClass, all)},
        {"ExecQuery",
            CimRequestBuilder::execQuery(
                id, ns(), QStringLiteral("WQL"), QStringLiteral("SELECT * FROM A WHERE B <> \"&\""))},
        {"GetClass", CimRequestBuilder::getClass(id, ns(), QStringLiteral("CIM_Foo"), all)},
        {"EnumerateClasses", CimRequestBuilder::enumerateClasses(id, ns(), QStringLiteral("CIM_Foo"), all)},
        {"EnumerateClassNames", CimRequestBuilder::enumerateClassNames(id, ns(), {}, all)},
        {"CreateClass", CimRequestBuilder::createClass(id, ns(), CimSamples::everyFeatureClass())},
        {"ModifyClass", CimRequestBuilder::modifyClass(id, ns(), CimSamples::everyFeatureClass())},
        {"DeleteClass", CimRequestBuilder::deleteClass(id, ns(), QStringLiteral("CIM_Foo"))},
        {"GetProperty", CimRequestBuilder::getProperty(id, ns(), system, QStringLiteral("Caption"))},
        {"SetProperty",
            CimRequestBuilder::setProperty(
                id, ns(), system, QStringLiteral("Caption"), CimValue::string(CimSamples::awkwardText()))},
        {"GetQualifier", CimRequestBuilder::getQualifier(id, ns(), QStringLiteral("Key"))},
        {"SetQualifier", CimRequestBuilder::setQualifier(id, ns(), CimSamples::qualifierDeclarations().at(4))},
        {"DeleteQualifier", CimRequestBuilder::deleteQualifier(id, ns(), QStringLiteral("Key"))},
        {"EnumerateQualifiers", CimRequestBuilder::enumerateQualifiers(id, ns())},
        {"OpenEnumerateInstances", CimRequestBuilder::openEnumerateInstances(id, ns(), QStringLiteral("CIM_Foo"), all)},
        {"OpenEnumerateInstancePaths",
            CimRequestBuilder::openEnumerateInstancePaths(id, ns(), QStringLiteral("CIM_Foo"), all)},
        {"OpenAssociatorInstances", CimRequestBuilder::openAssociatorInstances(id, ns(), system, all)},
        {"OpenAssociatorInstancePaths", CimRequestBuilder::openAssociatorInstancePaths(id, ns(), system, all)},
        {"OpenReferenceInstances", CimRequestBuilder::openReferenceInstances(id, ns(), system, all)},
        {"OpenReferenceInstancePaths", CimRequestBuilder::openReferenceInstancePaths(id, ns(), system, all)},
        {"OpenQueryInstances",
            CimRequestBuilder::openQueryInstances(
                id, ns(), QStringLiteral("DMTF:CQL"), QStringLiteral("SELECT * FROM A"), all)},
        {"PullInstancesWithPath", CimRequestBuilder::pullInstancesWithPath(id, ns(), context, 100)},
        {"PullInstancePaths", CimRequestBuilder::pullInstancePaths(id, ns(), context, 0)},
        {"PullInstances", CimRequestBuilder::pullInstances(id, ns(), context, 7)},
        {"CloseEnumeration", CimRequestBuilder::closeEnumeration(id, ns(), context)},
        {"EnumerationCount", CimRequestBuilder::enumerationCount(id, ns(), context)},
        {"InvokeMethod instance",
            CimRequestBuilder::invokeMethod(
                id, ns(), system, QStringLiteral("RequestStateChange"), CimSamples::methodParameters())},
        {"InvokeMethod class", CimRequestBuilder::invokeMethod(id, ns(), systemClass, QStringLiteral("StartAll"))},
        {"ExportIndication", CimRequestBuilder::exportIndication(id, CimSamples::indication())},
    };
    QList<RoundTrip> cases;
    for (const auto &[name, request] : requests) {
        CimOperationRequest expected = request;
        expected.parameters = readableParameters(request.parameters);
        cases.append({QByteArray("request ") + name, request, expected});
    }
    return cases;
}

CimOperationResponse responseFor(CimOperation operation)
{
    CimOperationResponse response;
    response.operation = operation;
    response.messageId = QStringLiteral("43");
    return response;
}

QList<RoundTrip> responseCases()
{
    QList<RoundTrip> cases;
    const auto add = [&cases](const char *name, const CimOperationResponse &original,
                         std::optional<CimOperationResponse> expected = std::nullopt) {
        cases.append({QByteArray("response ") + name, original, expected.value_or(original)});
    };
    const QList<CimInstance> instances {
        CimSamples::everyTypeInstance(), CimSamples::smallInstance(1), CimSamples::smallInstance(2)};

    {
        CimOperationResponse r = responseFor(CimOperation::GetClass);
        r.classes = {CimSamples::everyFeatureClass()};
        add("GetClass", r);
        r.operation = CimOperation::EnumerateClasses;
        r.classes.append(CimSamples::smallClass(QStringLiteral("CIMDIAG_B"), QStringLiteral("CIMDIAG_A")));
        add("EnumerateClasses", r);
    }
    {
        CimOperationResponse r = responseFor(CimOperation::EnumerateClassNames);
        r.classNames = {CimClassName(QStringLiteral("CIM_A")), CimClassName(QStringLiteral("CIM_B"))};
        add("EnumerateClassNames", r);
    }
    {
        CimOperationResponse r = responseFor(CimOperation::GetInstance);
        r.instances = {withoutPath(CimSamples::everyTypeInstance())};
        add("GetInstance", r);
    }
    {
        CimOperationResponse r = responseFor(CimOperation::EnumerateInstances);
        r.instances = instances;
        CimOperationResponse expected = r;
        for (CimInstance &instance : expected.instances)
            instance = withLocalPath(instance);
        add("EnumerateInstances", r, expected);
    }
    {
        CimOperationResponse r = responseFor(CimOperation::CreateInstance);
        r.instanceNames = {CimSamples::associationPath()};
        add("CreateInstance", r);
        r.operation = CimOperation::EnumerateInstanceNames;
        r.instanceNames.append(local(CimSamples::systemPath()));
        r.instanceNames.append(CimInstanceName(QStringLiteral("CIM_Singleton")));
        add("EnumerateInstanceNames", r);
    }
    {
        CimOperationResponse r = responseFor(CimOperation::Associators);
        r.instances = instances;
        add("Associators instances", r);
        r.operation = CimOperation::References;
        r.instances.clear();
        CimClass cls = CimSamples::everyFeatureClass();
        cls.setPath(CimClassName(cls.className(), ns(), CimSamples::host()));
        r.classes = {cls};
        add("References classes", r);
    }
    {
        CimOperationResponse r = responseFor(CimOperation::AssociatorNames);
        r.instanceNames = {CimSamples::systemPath(), CimSamples::smallInstance(3).path()};
        add("AssociatorNames instances", r);
        r.operation = CimOperation::ReferenceNames;
        r.instanceNames.clear();
        r.classNames = {CimClassName(QStringLiteral("CIM_SystemDevice"), ns(), CimSamples::host())};
        add("ReferenceNames classes", r);
    }
    {
        CimOperationResponse r = responseFor(CimOperation::ExecQuery);
        r.instances = {withoutPath(CimSamples::smallInstance(1)), withoutPath(CimSamples::everyTypeInstance())};
        add("ExecQuery", r);
    }
    {
        CimOperationResponse r = responseFor(CimOperation::GetProperty);
        // IRETURNVALUE/VALUE carries no type: only a string survives as itself.
        r.returnValue = CimValue::string(CimSamples::awkwardText());
        add("GetProperty", r);
    }
    {
        CimOperationResponse r = responseFor(CimOperation::GetQualifier);
        r.qualifierDeclarations = {CimSamples::qualifierDeclarations().at(0)};
        add("GetQualifier", r);
        r.operation = CimOperation::EnumerateQualifiers;
        r.qualifierDeclarations = CimSamples::qualifierDeclarations();
        add("EnumerateQualifiers", r);
    }
    {
        CimOperationResponse r = responseFor(CimOperation::OpenEnumerateInstances);
        r.instances = instances;
        r.enumerationContext = QStringLiteral("ctx <&> 2");
        add("OpenEnumerateInstances", r);
        r.operation = CimOperation::PullInstancesWithPath;
        r.enumerationContext.clear();
        r.endOfSequence = true;
        add("PullInstancesWithPath end", r);
    }
    {
        CimOperationResponse r = responseFor(CimOperation::OpenEnumerateInstancePaths);
        r.instanceNames = {CimSamples::systemPath(), CimSamples::smallInstance(4).path()};
        r.enumerationContext = QStringLiteral("ctx-3");
        add("OpenEnumerateInstancePaths", r);
        r.operation = CimOperation::PullInstancePaths;
        r.enumerationContext.clear();
        r.endOfSequence = true;
        add("PullInstancePaths end", r);
    }
    {
        CimOperationResponse r = responseFor(CimOperation::PullInstances);
        r.instances = {withoutPath(CimSamples::smallInstance(5))};
        r.enumerationContext = QStringLiteral("ctx-4");
        add("PullInstances", r);
        r.operation = CimOperation::OpenQueryInstances;
        r.outParameters.insert(CimParamValue(QStringLiteral("QueryResultClass"),
            CimValue::embeddedClass(CimSamples::smallClass(QStringLiteral("CIMDIAG_QueryResult")))));
        add("OpenQueryInstances with result class", r);
    }
    {
        CimOperationResponse r = responseFor(CimOperation::EnumerationCount);
        r.returnValue = CimValue::uint64(123456789012ULL);
        add("EnumerationCount", r);
    }
    for (const CimOperation operation : {CimOperation::DeleteInstance, CimOperation::ModifyClass,
             CimOperation::CloseEnumeration, CimOperation::SetProperty}) {
        cases.append({QByteArray("response ") + cimOperationName(operation).toUtf8(), responseFor(operation),
            responseFor(operation)});
    }
    {
        CimOperationResponse r = responseFor(CimOperation::EnumerateInstances);
        r.status = CimSamples::errorStatus();
        add("Error", r);
        r.operation = CimOperation::InvokeMethod;
        r.methodName = QStringLiteral("Reset");
        add("InvokeMethod error", r);
        r.operation = CimOperation::ExportIndication;
        r.methodName.clear();
        add("ExportIndication error", r);
    }
    {
        CimOperationResponse r = responseFor(CimOperation::InvokeMethod);
        r.methodName = QStringLiteral("RequestStateChange");
        r.returnValue = CimValue::uint32(4096);
        r.outParameters = CimSamples::methodParameters();
        CimOperationResponse expected = r;
        expected.outParameters = readableParameters(r.outParameters);
        add("InvokeMethod", r, expected);
        r.returnValue = CimValue::reference(CimSamples::systemPath());
        r.outParameters.clear();
        add("InvokeMethod reference return", r);
        r.returnValue = CimValue::embeddedInstance(withoutPath(CimSamples::smallInstance(6)));
        add("InvokeMethod embedded return", r);
    }
    add("ExportIndication", responseFor(CimOperation::ExportIndication));
    return cases;
}

const QList<RoundTrip> &allCases()
{
    static const QList<RoundTrip> cases = requestCases() + responseCases();
    return cases;
}

} // namespace

class TestCimXmlRoundTrip : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void byteByByte();
};

void TestCimXmlRoundTrip::roundTrip_data()
{
    QTest::addColumn<int>("index");
    const QList<RoundTrip> &cases = allCases();
    for (int i = 0; i < cases.size(); ++i)
        QTest::newRow(cases.at(i).name.constData()) << i;
}

void TestCimXmlRoundTrip::roundTrip()
{
    QFETCH(int, index);
    const RoundTrip &c = allCases().at(index);
    CimXmlError error;
    if (const auto *request = std::get_if<CimOperationRequest>(&c.original)) {
        const QByteArray document = CimXmlWriter::request(*request);
        const std::optional<CimOperationRequest> decoded = CimXmlReader::readRequest(document, &error);
        QVERIFY2(decoded, qPrintable(error.toString() + u'\n' + QString::fromUtf8(document)));
        const auto &expected = std::get<CimOperationRequest>(c.expected);
        QVERIFY2(*decoded == expected, qPrintable(differenceIn(expected, *decoded)));
    } else {
        const auto &response = std::get<CimOperationResponse>(c.original);
        const QByteArray document = CimXmlWriter::response(response);
        const std::optional<CimOperationResponse> decoded
            = CimXmlReader::readResponse(response.operation, document, &error);
        QVERIFY2(decoded, qPrintable(error.toString() + u'\n' + QString::fromUtf8(document)));
        const auto &expected = std::get<CimOperationResponse>(c.expected);
        QVERIFY2(*decoded == expected, qPrintable(differenceIn(expected, *decoded)));
    }
}

void TestCimXmlRoundTrip::byteByByte()
{
    // The reader is fed as bytes arrive; a split inside a UTF-8 sequence, an entity or a tag must not
    // change the result.
    CimOperationResponse response = responseFor(CimOperation::OpenEnumerateInstances);
    response.instances = {CimSamples::everyTypeInstance()};
    response.enumerationContext = QStringLiteral("ctx");
    const QByteArray document = CimXmlWriter::response(response);
    CimXmlReader reader(response.operation);
    for (qsizetype i = 0; i < document.size(); ++i)
        QVERIFY2(reader.feed(document.sliced(i, 1)), qPrintable(reader.error().toString()));
    QVERIFY2(reader.finish(), qPrintable(reader.error().toString()));
    QVERIFY2(reader.response() == response, qPrintable(differenceIn(response, reader.response())));
}

QTEST_GUILESS_MAIN(TestCimXmlRoundTrip)

#include "TestCimXmlRoundTrip.moc"
