// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimClass.h"
#include "core/cim/CimClassName.h"
#include "core/cim/CimInstance.h"
#include "core/cim/CimInstanceName.h"
#include "core/cim/CimParamValue.h"
#include "core/cim/CimQualifierDeclaration.h"
#include "core/cimxml/CimOperationRequest.h"
#include "core/cimxml/CimRequestOptions.h"

#include <variant>

namespace cimdiag {

/// DSP0200's knowledge of each operation's parameters, pywbem-style: one function per operation that
/// returns the CimOperationRequest CimXmlWriter::request() encodes.
///
/// Every function takes the MESSAGE ID first (the caller numbers its messages) and the target
/// namespace second; leading and trailing '/' are stripped, and an empty namespace is taken from the
/// object path argument when it has one. Object paths passed as arguments lose host and namespace,
/// because INSTANCENAME and CLASSNAME carry neither. Parameters are written in DSP0200's order and
/// only when set (see CimRequestOptions).
class CimRequestBuilder final
{
public:
    CimRequestBuilder() = delete;

    // Instances (DSP0200 intrinsic methods).
    static CimOperationRequest getInstance(const QString &messageId, const QString &nameSpace,
        const CimInstanceName &instanceName, const CimRequestOptions &options = {});
    static CimOperationRequest enumerateInstances(const QString &messageId, const QString &nameSpace,
        const QString &className, const CimRequestOptions &options = {});
    static CimOperationRequest enumerateInstanceNames(
        const QString &messageId, const QString &nameSpace, const QString &className);
    /// NewInstance is sent as INSTANCE: its path, if any, is not sent.
    static CimOperationRequest createInstance(
        const QString &messageId, const QString &nameSpace, const CimInstance &newInstance);
    /// ModifiedInstance is sent as VALUE.NAMEDINSTANCE: the instance must carry its path.
    static CimOperationRequest modifyInstance(const QString &messageId, const QString &nameSpace,
        const CimInstance &modifiedInstance, const CimRequestOptions &options = {});
    static CimOperationRequest deleteInstance(
        const QString &messageId, const QString &nameSpace, const CimInstanceName &instanceName);

    // Associations: ObjectName is an instance (INSTANCENAME) or a class (CLASSNAME).
    using ObjectName = std::variant<CimInstanceName, CimClassName>;
    static CimOperationRequest associators(const QString &messageId, const QString &nameSpace,
        const ObjectName &objectName, const CimRequestOptions &options = {});
    static CimOperationRequest associatorNames(const QString &messageId, const QString &nameSpace,
        const ObjectName &objectName, const CimRequestOptions &options = {});
    static CimOperationRequest references(const QString &messageId, const QString &nameSpace,
        const ObjectName &objectName, const CimRequestOptions &options = {});
    static CimOperationRequest referenceNames(const QString &messageId, const QString &nameSpace,
        const ObjectName &objectName, const CimRequestOptions &options = {});

    static CimOperationRequest execQuery(
        const QString &messageId, const QString &nameSpace, const QString &queryLanguage, const QString &query);

    // Classes.
    static CimOperationRequest getClass(const QString &messageId, const QString &nameSpace, const QString &className,
        const CimRequestOptions &options = {});
    /// An empty className enumerates from the top of the hierarchy.
    static CimOperationRequest enumerateClasses(const QString &messageId, const QString &nameSpace,
        const QString &className = {}, const CimRequestOptions &options = {});
    static CimOperationRequest enumerateClassNames(const QString &messageId, const QString &nameSpace,
        const QString &className = {}, const CimRequestOptions &options = {});
    static CimOperationRequest createClass(
        const QString &messageId, const QString &nameSpace, const CimClass &newClass);
    static CimOperationRequest modifyClass(
        const QString &messageId, const QString &nameSpace, const CimClass &modifiedClass);
    static CimOperationRequest deleteClass(
        const QString &messageId, const QString &nameSpace, const QString &className);

    // Properties (deprecated in DSP0200 but still served).
    static CimOperationRequest getProperty(const QString &messageId, const QString &nameSpace,
        const CimInstanceName &instanceName, const QString &propertyName);
    /// A NULL (or invalid) newValue omits NewValue, which DSP0200 defines as setting NULL.
    static CimOperationRequest setProperty(const QString &messageId, const QString &nameSpace,
        const CimInstanceName &instanceName, const QString &propertyName, const CimValue &newValue);

    // Qualifier declarations.
    static CimOperationRequest getQualifier(
        const QString &messageId, const QString &nameSpace, const QString &qualifierName);
    static CimOperationRequest setQualifier(
        const QString &messageId, const QString &nameSpace, const CimQualifierDeclaration &qualifierDeclaration);
    static CimOperationRequest deleteQualifier(
        const QString &messageId, const QString &nameSpace, const QString &qualifierName);
    static CimOperationRequest enumerateQualifiers(const QString &messageId, const QString &nameSpace);

    // Pull operations (DSP0200 1.3 "pulled enumeration").
    static CimOperationRequest openEnumerateInstances(const QString &messageId, const QString &nameSpace,
        const QString &className, const CimRequestOptions &options = {});
    static CimOperationRequest openEnumerateInstancePaths(const QString &messageId, const QString &nameSpace,
        const QString &className, const CimRequestOptions &options = {});
    static CimOperationRequest openAssociatorInstances(const QString &messageId, const QString &nameSpace,
        const CimInstanceName &instanceName, const CimRequestOptions &options = {});
    static CimOperationRequest openAssociatorInstancePaths(const QString &messageId, const QString &nameSpace,
        const CimInstanceName &instanceName, const CimRequestOptions &options = {});
    static CimOperationRequest openReferenceInstances(const QString &messageId, const QString &nameSpace,
        const CimInstanceName &instanceName, const CimRequestOptions &options = {});
    static CimOperationRequest openReferenceInstancePaths(const QString &messageId, const QString &nameSpace,
        const CimInstanceName &instanceName, const CimRequestOptions &options = {});
    /// The query is required here (not a filter), so it is an argument; options supplies
    /// returnQueryResultClass, operationTimeout, continueOnError and maxObjectCount.
    static CimOperationRequest openQueryInstances(const QString &messageId, const QString &nameSpace,
        const QString &filterQueryLanguage, const QString &filterQuery, const CimRequestOptions &options = {});
    /// MaxObjectCount is required on every pull.
    static CimOperationRequest pullInstancesWithPath(
        const QString &messageId, const QString &nameSpace, const QString &enumerationContext, quint32 maxObjectCount);
    static CimOperationRequest pullInstancePaths(
        const QString &messageId, const QString &nameSpace, const QString &enumerationContext, quint32 maxObjectCount);
    static CimOperationRequest pullInstances(
        const QString &messageId, const QString &nameSpace, const QString &enumerationContext, quint32 maxObjectCount);
    static CimOperationRequest closeEnumeration(
        const QString &messageId, const QString &nameSpace, const QString &enumerationContext);
    static CimOperationRequest enumerationCount(
        const QString &messageId, const QString &nameSpace, const QString &enumerationContext);

    // Extrinsic methods: METHODCALL on a local instance or class path. The target's host is dropped;
    // its namespace is nameSpace when given, else its own. The request's nameSpace member stays empty
    // (it belongs to intrinsic calls); the namespace travels in targetInstance / targetClass.
    static CimOperationRequest invokeMethod(const QString &messageId, const QString &nameSpace,
        const CimInstanceName &target, const QString &methodName, const CimParamValueList &parameters = {});
    static CimOperationRequest invokeMethod(const QString &messageId, const QString &nameSpace,
        const CimClassName &target, const QString &methodName, const CimParamValueList &parameters = {});

    /// Export: EXPMETHODCALL ExportIndication with NewIndication.
    static CimOperationRequest exportIndication(const QString &messageId, const CimInstance &indication);
};

} // namespace cimdiag
