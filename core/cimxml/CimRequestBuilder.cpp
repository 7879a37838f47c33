// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cimxml/CimRequestBuilder.h"

namespace cimdiag {

namespace {

// Namespaces travel without leading or trailing '/' (DSP0200; SFCB rejects "/root/cimv2").
QString stripSlashes(const QString &nameSpace)
{
    QStringView view(nameSpace);
    while (view.startsWith(u'/'))
        view = view.sliced(1);
    while (view.endsWith(u'/'))
        view.chop(1);
    return view.size() == nameSpace.size() ? nameSpace : view.toString();
}

/// One request under construction; the add* helpers append an IPARAMVALUE only when it is set, so
/// the server's DSP0200 default applies to the others.
class Call final
{
public:
    Call(CimOperation operation, const QString &messageId, const QString &nameSpace,
        const QString &fallbackNamespace = {})
    {
        m_request.operation = operation;
        m_request.messageId = messageId;
        m_request.nameSpace = stripSlashes(nameSpace.isEmpty() ? fallbackNamespace : nameSpace);
    }

    Call &add(const QString &name, CimArgument::Value value)
    {
        m_request.arguments.insert(CimArgument(name, std::move(value)));
        return *this;
    }
    Call &addBool(const QString &name, std::optional<bool> value)
    {
        if (value)
            add(name, CimValue::boolean(*value));
        return *this;
    }
    Call &addUInt32(const QString &name, std::optional<quint32> value)
    {
        if (value)
            add(name, CimValue::uint32(*value));
        return *this;
    }
    Call &addString(const QString &name, const QString &value)
    {
        if (!value.isEmpty())
            add(name, CimValue::string(value));
        return *this;
    }
    /// A <className> parameter (ClassName, AssocClass, ResultClass): CLASSNAME, not a string VALUE.
    Call &addClassName(const QString &name, const QString &className)
    {
        if (!className.isEmpty())
            add(name, CimClassName(className));
        return *this;
    }
    Call &addPropertyList(const std::optional<QStringList> &propertyList)
    {
        if (!propertyList)
            return *this;
        QList<CimValue> elements;
        elements.reserve(propertyList->size());
        for (const QString &property : *propertyList)
            elements.append(CimValue::string(property));
        // An array of strings built from strings cannot fail.
        return add(QStringLiteral("PropertyList"), *CimValue::array(CimType::String, elements));
    }
    /// FilterQueryLanguage, FilterQuery, OperationTimeout, ContinueOnError, MaxObjectCount: the tail
    /// every Open* operation shares.
    Call &addOpenTail(const CimRequestOptions &options)
    {
        addString(QStringLiteral("FilterQueryLanguage"), options.filterQueryLanguage);
        addString(QStringLiteral("FilterQuery"), options.filterQuery);
        return addPullControls(options);
    }
    Call &addPullControls(const CimRequestOptions &options)
    {
        addUInt32(QStringLiteral("OperationTimeout"), options.operationTimeout);
        addBool(QStringLiteral("ContinueOnError"), options.continueOnError);
        return addUInt32(QStringLiteral("MaxObjectCount"), options.maxObjectCount);
    }

    CimOperationRequest take() { return std::move(m_request); }

private:
    CimOperationRequest m_request;
};

/// INSTANCENAME carries class and keys only: host and namespace go (they would not survive the wire).
CimInstanceName localName(const CimInstanceName &name)
{
    return CimInstanceName(name.className(), name.keyBindings());
}

CimInstance withoutPath(CimInstance instance)
{
    instance.setPath({});
    return instance;
}

CimClass withoutPath(CimClass cls)
{
    cls.setPath({});
    return cls;
}

CimOperationRequest pull(CimOperation operation, const QString &messageId, const QString &nameSpace,
    const QString &enumerationContext, std::optional<quint32> maxObjectCount)
{
    return Call(operation, messageId, nameSpace)
        .add(QStringLiteral("EnumerationContext"), CimValue::string(enumerationContext))
        .addUInt32(QStringLiteral("MaxObjectCount"), maxObjectCount)
        .take();
}

// The association operations share their parameter lists between the instance and class forms.
CimOperationRequest associatorsRequest(CimOperation operation, const QString &messageId, const QString &nameSpace,
    const CimRequestBuilder::ObjectName &objectName, const CimRequestOptions &options)
{
    // The path travels without host and namespace; its namespace, if any, is the call's default.
    const auto *instance = std::get_if<CimInstanceName>(&objectName);
    const auto *cls = std::get_if<CimClassName>(&objectName);
    Call call(operation, messageId, nameSpace, instance ? instance->nameSpace() : cls->nameSpace());
    call.add(QStringLiteral("ObjectName"),
        instance ? CimArgument::Value(localName(*instance)) : CimArgument::Value(CimClassName(cls->className())));
    const bool associators = operation == CimOperation::Associators || operation == CimOperation::AssociatorNames;
    const bool objects = operation == CimOperation::Associators || operation == CimOperation::References;
    if (associators)
        call.addClassName(QStringLiteral("AssocClass"), options.assocClass);
    call.addClassName(QStringLiteral("ResultClass"), options.resultClass);
    call.addString(QStringLiteral("Role"), options.role);
    if (associators)
        call.addString(QStringLiteral("ResultRole"), options.resultRole);
    if (objects) {
        call.addBool(QStringLiteral("IncludeQualifiers"), options.includeQualifiers);
        call.addBool(QStringLiteral("IncludeClassOrigin"), options.includeClassOrigin);
        call.addPropertyList(options.propertyList);
    }
    return call.take();
}

CimOperationRequest openAssociationRequest(CimOperation operation, const QString &messageId, const QString &nameSpace,
    const CimInstanceName &instanceName, const CimRequestOptions &options)
{
    Call call(operation, messageId, nameSpace, instanceName.nameSpace());
    call.add(QStringLiteral("InstanceName"), localName(instanceName));
    const bool associators
        = operation == CimOperation::OpenAssociatorInstances || operation == CimOperation::OpenAssociatorInstancePaths;
    const bool instances
        = operation == CimOperation::OpenAssociatorInstances || operation == CimOperation::OpenReferenceInstances;
    if (associators)
        call.addClassName(QStringLiteral("AssocClass"), options.assocClass);
    call.addClassName(QStringLiteral("ResultClass"), options.resultClass);
    call.addString(QStringLiteral("Role"), options.role);
    if (associators)
        call.addString(QStringLiteral("ResultRole"), options.resultRole);
    if (instances) {
        call.addBool(QStringLiteral("IncludeClassOrigin"), options.includeClassOrigin);
        call.addPropertyList(options.propertyList);
    }
    return call.addOpenTail(options).take();
}

} // namespace

CimOperationRequest CimRequestBuilder::getInstance(const QString &messageId, const QString &nameSpace,
    const CimInstanceName &instanceName, const CimRequestOptions &options)
{
    return Call(CimOperation::GetInstance, messageId, nameSpace, instanceName.nameSpace())
        .add(QStringLiteral("InstanceName"), localName(instanceName))
        .addBool(QStringLiteral("LocalOnly"), options.localOnly)
        .addBool(QStringLiteral("IncludeQualifiers"), options.includeQualifiers)
        .addBool(QStringLiteral("IncludeClassOrigin"), options.includeClassOrigin)
        .addPropertyList(options.propertyList)
        .take();
}

CimOperationRequest CimRequestBuilder::enumerateInstances(
    const QString &messageId, const QString &nameSpace, const QString &className, const CimRequestOptions &options)
{
    return Call(CimOperation::EnumerateInstances, messageId, nameSpace)
        .add(QStringLiteral("ClassName"), CimClassName(className))
        .addBool(QStringLiteral("LocalOnly"), options.localOnly)
        .addBool(QStringLiteral("DeepInheritance"), options.deepInheritance)
        .addBool(QStringLiteral("IncludeQualifiers"), options.includeQualifiers)
        .addBool(QStringLiteral("IncludeClassOrigin"), options.includeClassOrigin)
        .addPropertyList(options.propertyList)
        .take();
}

CimOperationRequest CimRequestBuilder::enumerateInstanceNames(
    const QString &messageId, const QString &nameSpace, const QString &className)
{
    return Call(CimOperation::EnumerateInstanceNames, messageId, nameSpace)
        .add(QStringLiteral("ClassName"), CimClassName(className))
        .take();
}

CimOperationRequest CimRequestBuilder::createInstance(
    const QString &messageId, const QString &nameSpace, const CimInstance &newInstance)
{
    return Call(CimOperation::CreateInstance, messageId, nameSpace, newInstance.path().nameSpace())
        .add(QStringLiteral("NewInstance"), withoutPath(newInstance))
        .take();
}

CimOperationRequest CimRequestBuilder::modifyInstance(const QString &messageId, const QString &nameSpace,
    const CimInstance &modifiedInstance, const CimRequestOptions &options)
{
    CimInstance instance = modifiedInstance;
    instance.setPath(localName(modifiedInstance.path()));
    return Call(CimOperation::ModifyInstance, messageId, nameSpace, modifiedInstance.path().nameSpace())
        .add(QStringLiteral("ModifiedInstance"), std::move(instance))
        .addBool(QStringLiteral("IncludeQualifiers"), options.includeQualifiers)
        .addPropertyList(options.propertyList)
        .take();
}

CimOperationRequest CimRequestBuilder::deleteInstance(
    const QString &messageId, const QString &nameSpace, const CimInstanceName &instanceName)
{
    return Call(CimOperation::DeleteInstance, messageId, nameSpace, instanceName.nameSpace())
        .add(QStringLiteral("InstanceName"), localName(instanceName))
        .take();
}

CimOperationRequest CimRequestBuilder::associators(const QString &messageId, const QString &nameSpace,
    const ObjectName &objectName, const CimRequestOptions &options)
{
    return associatorsRequest(CimOperation::Associators, messageId, nameSpace, objectName, options);
}

CimOperationRequest CimRequestBuilder::associatorNames(const QString &messageId, const QString &nameSpace,
    const ObjectName &objectName, const CimRequestOptions &options)
{
    return associatorsRequest(CimOperation::AssociatorNames, messageId, nameSpace, objectName, options);
}

CimOperationRequest CimRequestBuilder::references(const QString &messageId, const QString &nameSpace,
    const ObjectName &objectName, const CimRequestOptions &options)
{
    return associatorsRequest(CimOperation::References, messageId, nameSpace, objectName, options);
}

CimOperationRequest CimRequestBuilder::referenceNames(const QString &messageId, const QString &nameSpace,
    const ObjectName &objectName, const CimRequestOptions &options)
{
    return associatorsRequest(CimOperation::ReferenceNames, messageId, nameSpace, objectName, options);
}

CimOperationRequest CimRequestBuilder::execQuery(
    const QString &messageId, const QString &nameSpace, const QString &queryLanguage, const QString &query)
{
    // Both are required: sent even when empty, so the server reports the problem.
    return Call(CimOperation::ExecQuery, messageId, nameSpace)
        .add(QStringLiteral("QueryLanguage"), CimValue::string(queryLanguage))
        .add(QStringLiteral("Query"), CimValue::string(query))
        .take();
}

CimOperationRequest CimRequestBuilder::getClass(
    const QString &messageId, const QString &nameSpace, const QString &className, const CimRequestOptions &options)
{
    return Call(CimOperation::GetClass, messageId, nameSpace)
        .add(QStringLiteral("ClassName"), CimClassName(className))
        .addBool(QStringLiteral("LocalOnly"), options.localOnly)
        .addBool(QStringLiteral("IncludeQualifiers"), options.includeQualifiers)
        .addBool(QStringLiteral("IncludeClassOrigin"), options.includeClassOrigin)
        .addPropertyList(options.propertyList)
        .take();
}

CimOperationRequest CimRequestBuilder::enumerateClasses(
    const QString &messageId, const QString &nameSpace, const QString &className, const CimRequestOptions &options)
{
    return Call(CimOperation::EnumerateClasses, messageId, nameSpace)
        .addClassName(QStringLiteral("ClassName"), className)
        .addBool(QStringLiteral("DeepInheritance"), options.deepInheritance)
        .addBool(QStringLiteral("LocalOnly"), options.localOnly)
        .addBool(QStringLiteral("IncludeQualifiers"), options.includeQualifiers)
        .addBool(QStringLiteral("IncludeClassOrigin"), options.includeClassOrigin)
        .take();
}

CimOperationRequest CimRequestBuilder::enumerateClassNames(
    const QString &messageId, const QString &nameSpace, const QString &className, const CimRequestOptions &options)
{
    return Call(CimOperation::EnumerateClassNames, messageId, nameSpace)
        .addClassName(QStringLiteral("ClassName"), className)
        .addBool(QStringLiteral("DeepInheritance"), options.deepInheritance)
        .take();
}

CimOperationRequest CimRequestBuilder::createClass(
    const QString &messageId, const QString &nameSpace, const CimClass &newClass)
{
    return Call(CimOperation::CreateClass, messageId, nameSpace, newClass.path().nameSpace())
        .add(QStringLiteral("NewClass"), withoutPath(newClass))
        .take();
}

CimOperationRequest CimRequestBuilder::modifyClass(
    const QString &messageId, const QString &nameSpace, const CimClass &modifiedClass)
{
    return Call(CimOperation::ModifyClass, messageId, nameSpace, modifiedClass.path().nameSpace())
        .add(QStringLiteral("ModifiedClass"), withoutPath(modifiedClass))
        .take();
}

CimOperationRequest CimRequestBuilder::deleteClass(
    const QString &messageId, const QString &nameSpace, const QString &className)
{
    return Call(CimOperation::DeleteClass, messageId, nameSpace)
        .add(QStringLiteral("ClassName"), CimClassName(className))
        .take();
}

CimOperationRequest CimRequestBuilder::getProperty(const QString &messageId, const QString &nameSpace,
    const CimInstanceName &instanceName, const QString &propertyName)
{
    return Call(CimOperation::GetProperty, messageId, nameSpace, instanceName.nameSpace())
        .add(QStringLiteral("InstanceName"), localName(instanceName))
        .add(QStringLiteral("PropertyName"), CimValue::string(propertyName))
        .take();
}

CimOperationRequest CimRequestBuilder::setProperty(const QString &messageId, const QString &nameSpace,
    const CimInstanceName &instanceName, const QString &propertyName, const CimValue &newValue)
{
    Call call(CimOperation::SetProperty, messageId, nameSpace, instanceName.nameSpace());
    call.add(QStringLiteral("InstanceName"), localName(instanceName))
        .add(QStringLiteral("PropertyName"), CimValue::string(propertyName));
    if (!newValue.isNull())
        call.add(QStringLiteral("NewValue"), newValue);
    return call.take();
}

CimOperationRequest CimRequestBuilder::getQualifier(
    const QString &messageId, const QString &nameSpace, const QString &qualifierName)
{
    return Call(CimOperation::GetQualifier, messageId, nameSpace)
        .add(QStringLiteral("QualifierName"), CimValue::string(qualifierName))
        .take();
}

CimOperationRequest CimRequestBuilder::setQualifier(
    const QString &messageId, const QString &nameSpace, const CimQualifierDeclaration &qualifierDeclaration)
{
    return Call(CimOperation::SetQualifier, messageId, nameSpace)
        .add(QStringLiteral("QualifierDeclaration"), qualifierDeclaration)
        .take();
}

CimOperationRequest CimRequestBuilder::deleteQualifier(
    const QString &messageId, const QString &nameSpace, const QString &qualifierName)
{
    return Call(CimOperation::DeleteQualifier, messageId, nameSpace)
        .add(QStringLiteral("QualifierName"), CimValue::string(qualifierName))
        .take();
}

CimOperationRequest CimRequestBuilder::enumerateQualifiers(const QString &messageId, const QString &nameSpace)
{
    return Call(CimOperation::EnumerateQualifiers, messageId, nameSpace).take();
}

CimOperationRequest CimRequestBuilder::openEnumerateInstances(
    const QString &messageId, const QString &nameSpace, const QString &className, const CimRequestOptions &options)
{
    // No LocalOnly or IncludeQualifiers: DSP0200 left them out of the pull operations.
    return Call(CimOperation::OpenEnumerateInstances, messageId, nameSpace)
        .add(QStringLiteral("ClassName"), CimClassName(className))
        .addBool(QStringLiteral("DeepInheritance"), options.deepInheritance)
        .addBool(QStringLiteral("IncludeClassOrigin"), options.includeClassOrigin)
        .addPropertyList(options.propertyList)
        .addOpenTail(options)
        .take();
}

CimOperationRequest CimRequestBuilder::openEnumerateInstancePaths(
    const QString &messageId, const QString &nameSpace, const QString &className, const CimRequestOptions &options)
{
    return Call(CimOperation::OpenEnumerateInstancePaths, messageId, nameSpace)
        .add(QStringLiteral("ClassName"), CimClassName(className))
        .addOpenTail(options)
        .take();
}

CimOperationRequest CimRequestBuilder::openAssociatorInstances(const QString &messageId, const QString &nameSpace,
    const CimInstanceName &instanceName, const CimRequestOptions &options)
{
    return openAssociationRequest(CimOperation::OpenAssociatorInstances, messageId, nameSpace, instanceName, options);
}

CimOperationRequest CimRequestBuilder::openAssociatorInstancePaths(const QString &messageId, const QString &nameSpace,
    const CimInstanceName &instanceName, const CimRequestOptions &options)
{
    return openAssociationRequest(
        CimOperation::OpenAssociatorInstancePaths, messageId, nameSpace, instanceName, options);
}

CimOperationRequest CimRequestBuilder::openReferenceInstances(const QString &messageId, const QString &nameSpace,
    const CimInstanceName &instanceName, const CimRequestOptions &options)
{
    return openAssociationRequest(CimOperation::OpenReferenceInstances, messageId, nameSpace, instanceName, options);
}

CimOperationRequest CimRequestBuilder::openReferenceInstancePaths(const QString &messageId, const QString &nameSpace,
    const CimInstanceName &instanceName, const CimRequestOptions &options)
{
    return openAssociationRequest(
        CimOperation::OpenReferenceInstancePaths, messageId, nameSpace, instanceName, options);
}

CimOperationRequest CimRequestBuilder::openQueryInstances(const QString &messageId, const QString &nameSpace,
    const QString &filterQueryLanguage, const QString &filterQuery, const CimRequestOptions &options)
{
    return Call(CimOperation::OpenQueryInstances, messageId, nameSpace)
        .add(QStringLiteral("FilterQueryLanguage"), CimValue::string(filterQueryLanguage))
        .add(QStringLiteral("FilterQuery"), CimValue::string(filterQuery))
        .addBool(QStringLiteral("ReturnQueryResultClass"), options.returnQueryResultClass)
        .addPullControls(options)
        .take();
}

CimOperationRequest CimRequestBuilder::pullInstancesWithPath(
    const QString &messageId, const QString &nameSpace, const QString &enumerationContext, quint32 maxObjectCount)
{
    return pull(CimOperation::PullInstancesWithPath, messageId, nameSpace, enumerationContext, maxObjectCount);
}

CimOperationRequest CimRequestBuilder::pullInstancePaths(
    const QString &messageId, const QString &nameSpace, const QString &enumerationContext, quint32 maxObjectCount)
{
    return pull(CimOperation::PullInstancePaths, messageId, nameSpace, enumerationContext, maxObjectCount);
}

CimOperationRequest CimRequestBuilder::pullInstances(
    const QString &messageId, const QString &nameSpace, const QString &enumerationContext, quint32 maxObjectCount)
{
    return pull(CimOperation::PullInstances, messageId, nameSpace, enumerationContext, maxObjectCount);
}

CimOperationRequest CimRequestBuilder::closeEnumeration(
    const QString &messageId, const QString &nameSpace, const QString &enumerationContext)
{
    return pull(CimOperation::CloseEnumeration, messageId, nameSpace, enumerationContext, std::nullopt);
}

CimOperationRequest CimRequestBuilder::enumerationCount(
    const QString &messageId, const QString &nameSpace, const QString &enumerationContext)
{
    return pull(CimOperation::EnumerationCount, messageId, nameSpace, enumerationContext, std::nullopt);
}

CimOperationRequest CimRequestBuilder::invokeMethod(const QString &messageId, const QString &nameSpace,
    const CimInstanceName &target, const QString &methodName, const CimParamValueList &parameters)
{
    // CimOperationRequest::nameSpace is for intrinsic calls: an extrinsic call's namespace is its
    // target's.
    CimOperationRequest request = Call(CimOperation::InvokeMethod, messageId, {}).take();
    request.methodName = methodName;
    request.targetInstance = CimInstanceName(
        target.className(), target.keyBindings(), stripSlashes(nameSpace.isEmpty() ? target.nameSpace() : nameSpace));
    request.parameters = parameters;
    return request;
}

CimOperationRequest CimRequestBuilder::invokeMethod(const QString &messageId, const QString &nameSpace,
    const CimClassName &target, const QString &methodName, const CimParamValueList &parameters)
{
    CimOperationRequest request = Call(CimOperation::InvokeMethod, messageId, {}).take();
    request.methodName = methodName;
    request.targetClass
        = CimClassName(target.className(), stripSlashes(nameSpace.isEmpty() ? target.nameSpace() : nameSpace));
    request.parameters = parameters;
    return request;
}

CimOperationRequest CimRequestBuilder::exportIndication(const QString &messageId, const CimInstance &indication)
{
    // EXPPARAMVALUE holds a bare INSTANCE: an indication has no path on the wire.
    return Call(CimOperation::ExportIndication, messageId, {})
        .add(QStringLiteral("NewIndication"), withoutPath(indication))
        .take();
}

} // namespace cimdiag
