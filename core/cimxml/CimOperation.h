// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace cimdiag {

/// The CIM-XML operations of DSP0200: intrinsic methods, the pull operations, the extrinsic
/// InvokeMethod, and ExportIndication of the export protocol.
enum class CimOperation : quint8 {
    GetClass,
    EnumerateClasses,
    EnumerateClassNames,
    CreateClass,
    ModifyClass,
    DeleteClass,
    GetInstance,
    EnumerateInstances,
    EnumerateInstanceNames,
    CreateInstance,
    ModifyInstance,
    DeleteInstance,
    Associators,
    AssociatorNames,
    References,
    ReferenceNames,
    ExecQuery,
    GetProperty,
    SetProperty,
    GetQualifier,
    SetQualifier,
    DeleteQualifier,
    EnumerateQualifiers,
    OpenEnumerateInstances,
    OpenEnumerateInstancePaths,
    OpenAssociatorInstances,
    OpenAssociatorInstancePaths,
    OpenReferenceInstances,
    OpenReferenceInstancePaths,
    OpenQueryInstances,
    PullInstancesWithPath,
    PullInstancePaths,
    PullInstances,
    CloseEnumeration,
    EnumerationCount,
    InvokeMethod, ///< extrinsic: METHODCALL / METHODRESPONSE
    ExportIndication, ///< export: EXPMETHODCALL / EXPMETHODRESPONSE
};

/// What an operation's reply carries in IRETURNVALUE (or RETURNVALUE), so a reader can check the reply
/// against the request: an EnumerateInstanceNames reply that holds INSTANCE elements is an error.
enum class CimReturnShape : quint8 {
    Nothing,             ///< no IRETURNVALUE (or an empty one): Delete*, Modify*, Set*, CloseEnumeration
    Class,               ///< one CLASS: GetClass
    Classes,             ///< CLASS*: EnumerateClasses
    ClassNames,          ///< CLASSNAME*: EnumerateClassNames
    Instance,            ///< one INSTANCE: GetInstance
    NamedInstances,      ///< VALUE.NAMEDINSTANCE*: EnumerateInstances
    InstanceName,        ///< one INSTANCENAME: CreateInstance
    InstanceNames,       ///< INSTANCENAME*: EnumerateInstanceNames
    Objects,             ///< VALUE.OBJECTWITHPATH*: Associators, References (classes or instances)
    ObjectPaths,         ///< OBJECTPATH*: AssociatorNames, ReferenceNames
    QueryObjects,        ///< VALUE.OBJECT* (or VALUE.OBJECTWITHPATH*): ExecQuery
    Value,               ///< VALUE, VALUE.ARRAY or VALUE.REFERENCE: GetProperty
    QualifierDeclaration,  ///< one QUALIFIER.DECLARATION: GetQualifier
    QualifierDeclarations, ///< QUALIFIER.DECLARATION*: EnumerateQualifiers
    PulledInstancesWithPath, ///< VALUE.INSTANCEWITHPATH* + EnumerationContext + EndOfSequence
    PulledInstancePaths,     ///< INSTANCEPATH* + EnumerationContext + EndOfSequence
    PulledInstances,         ///< INSTANCE* + EnumerationContext + EndOfSequence (OpenQueryInstances, PullInstances)
    Count,                   ///< VALUE (uint64) or nothing: EnumerationCount
    MethodResult,            ///< RETURNVALUE + PARAMVALUE*: InvokeMethod
    ExportResult,            ///< EXPMETHODRESPONSE with nothing or ERROR: ExportIndication
};

/// The DSP0200 method name: "EnumerateInstances"; "InvokeMethod" and "ExportIndication" for those.
QString cimOperationName(CimOperation operation);
/// Looks a method name up, case-insensitively. Extrinsic method names are not operations: nullopt.
std::optional<CimOperation> cimOperationFromName(QStringView name);
CimReturnShape cimReturnShape(CimOperation operation);
bool isPullOperation(CimOperation operation); ///< Open*, Pull*, CloseEnumeration, EnumerationCount
bool isIntrinsicOperation(CimOperation operation); ///< everything but InvokeMethod and ExportIndication

} // namespace cimdiag
