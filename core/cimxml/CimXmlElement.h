// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>

namespace cimdiag {

/// The DSP0201 element names the reader understands, as small integers so the decoder can switch on
/// them instead of comparing strings.
enum class CimXmlElement : quint8 {
    Unknown,
    Cim,
    Message,
    SimpleReq,
    MultiReq,
    SimpleRsp,
    MultiRsp,
    SimpleExpReq,
    MultiExpReq,
    SimpleExpRsp,
    MultiExpRsp,
    MethodCall,
    IMethodCall,
    ExpMethodCall,
    MethodResponse,
    IMethodResponse,
    ExpMethodResponse,
    ParamValue,
    IParamValue,
    ExpParamValue,
    ReturnValue,
    IReturnValue,
    Error,
    Correlator,
    Declaration,
    Value,
    ValueArray,
    ValueReference,
    ValueRefArray,
    ValueObject,
    ValueNamedInstance,
    ValueNamedObject,
    ValueObjectWithPath,
    ValueObjectWithLocalPath,
    ValueInstanceWithPath,
    ValueNull,
    NamespacePath,
    LocalNamespacePath,
    Host,
    Namespace,
    ClassPath,
    LocalClassPath,
    ClassName,
    InstancePath,
    LocalInstancePath,
    InstanceName,
    ObjectPath,
    KeyBinding,
    KeyValue,
    Class,
    Instance,
    Qualifier,
    QualifierDeclaration,
    Scope,
    Property,
    PropertyArray,
    PropertyReference,
    Method,
    Parameter,
    ParameterReference,
    ParameterArray,
    ParameterRefArray,
};

/// The attributes the reader uses; any other attribute is ignored (servers add their own).
enum class CimXmlAttribute : quint8 {
    Unknown,
    Name,
    Type,
    ClassName,
    ClassOrigin,
    Propagated,
    ReferenceClass,
    SuperClass,
    ArraySize,
    IsArray,
    EmbeddedObject,
    ParamType,
    ValueType,
    Code,
    Description,
    Id,
    ProtocolVersion,
    CimVersion,
    DtdVersion,
    Overridable,
    ToSubclass,
    ToInstance,
    Translatable,
    ScopeClass,
    ScopeAssociation,
    ScopeReference,
    ScopeProperty,
    ScopeMethod,
    ScopeParameter,
    ScopeIndication,
};

CimXmlElement cimXmlElementFromName(QByteArrayView name);
QString cimXmlElementName(CimXmlElement element);
CimXmlAttribute cimXmlAttributeFromName(QByteArrayView name);
/// The attribute name in the spelling of DSP0201 (used in error messages).
QString cimXmlAttributeName(CimXmlAttribute attribute);

} // namespace cimdiag
