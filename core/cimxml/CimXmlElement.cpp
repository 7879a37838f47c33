// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cimxml/CimXmlElement.h"

#include <array>

namespace cimdiag {

namespace {
struct ElementName
{
    CimXmlElement element;
    const char *name;
};

constexpr std::array<ElementName, 61> kElements{{
    {CimXmlElement::Cim, "CIM"},
    {CimXmlElement::Message, "MESSAGE"},
    {CimXmlElement::SimpleReq, "SIMPLEREQ"},
    {CimXmlElement::MultiReq, "MULTIREQ"},
    {CimXmlElement::SimpleRsp, "SIMPLERSP"},
    {CimXmlElement::MultiRsp, "MULTIRSP"},
    {CimXmlElement::SimpleExpReq, "SIMPLEEXPREQ"},
    {CimXmlElement::MultiExpReq, "MULTIEXPREQ"},
    {CimXmlElement::SimpleExpRsp, "SIMPLEEXPRSP"},
    {CimXmlElement::MultiExpRsp, "MULTIEXPRSP"},
    {CimXmlElement::MethodCall, "METHODCALL"},
    {CimXmlElement::IMethodCall, "IMETHODCALL"},
    {CimXmlElement::ExpMethodCall, "EXPMETHODCALL"},
    {CimXmlElement::MethodResponse, "METHODRESPONSE"},
    {CimXmlElement::IMethodResponse, "IMETHODRESPONSE"},
    {CimXmlElement::ExpMethodResponse, "EXPMETHODRESPONSE"},
    {CimXmlElement::ParamValue, "PARAMVALUE"},
    {CimXmlElement::IParamValue, "IPARAMVALUE"},
    {CimXmlElement::ExpParamValue, "EXPPARAMVALUE"},
    {CimXmlElement::ReturnValue, "RETURNVALUE"},
    {CimXmlElement::IReturnValue, "IRETURNVALUE"},
    {CimXmlElement::Error, "ERROR"},
    {CimXmlElement::Correlator, "CORRELATOR"},
    {CimXmlElement::Declaration, "DECLARATION"},
    {CimXmlElement::Value, "VALUE"},
    {CimXmlElement::ValueArray, "VALUE.ARRAY"},
    {CimXmlElement::ValueReference, "VALUE.REFERENCE"},
    {CimXmlElement::ValueRefArray, "VALUE.REFARRAY"},
    {CimXmlElement::ValueObject, "VALUE.OBJECT"},
    {CimXmlElement::ValueNamedInstance, "VALUE.NAMEDINSTANCE"},
    {CimXmlElement::ValueNamedObject, "VALUE.NAMEDOBJECT"},
    {CimXmlElement::ValueObjectWithPath, "VALUE.OBJECTWITHPATH"},
    {CimXmlElement::ValueObjectWithLocalPath, "VALUE.OBJECTWITHLOCALPATH"},
    {CimXmlElement::ValueInstanceWithPath, "VALUE.INSTANCEWITHPATH"},
    {CimXmlElement::ValueNull, "VALUE.NULL"},
    {CimXmlElement::NamespacePath, "NAMESPACEPATH"},
    {CimXmlElement::LocalNamespacePath, "LOCALNAMESPACEPATH"},
    {CimXmlElement::Host, "HOST"},
    {CimXmlElement::Namespace, "NAMESPACE"},
    {CimXmlElement::ClassPath, "CLASSPATH"},
    {CimXmlElement::LocalClassPath, "LOCALCLASSPATH"},
    {CimXmlElement::ClassName, "CLASSNAME"},
    {CimXmlElement::InstancePath, "INSTANCEPATH"},
    {CimXmlElement::LocalInstancePath, "LOCALINSTANCEPATH"},
    {CimXmlElement::InstanceName, "INSTANCENAME"},
    {CimXmlElement::ObjectPath, "OBJECTPATH"},
    {CimXmlElement::KeyBinding, "KEYBINDING"},
    {CimXmlElement::KeyValue, "KEYVALUE"},
    {CimXmlElement::Class, "CLASS"},
    {CimXmlElement::Instance, "INSTANCE"},
    {CimXmlElement::Qualifier, "QUALIFIER"},
    {CimXmlElement::QualifierDeclaration, "QUALIFIER.DECLARATION"},
    {CimXmlElement::Scope, "SCOPE"},
    {CimXmlElement::Property, "PROPERTY"},
    {CimXmlElement::PropertyArray, "PROPERTY.ARRAY"},
    {CimXmlElement::PropertyReference, "PROPERTY.REFERENCE"},
    {CimXmlElement::Method, "METHOD"},
    {CimXmlElement::Parameter, "PARAMETER"},
    {CimXmlElement::ParameterReference, "PARAMETER.REFERENCE"},
    {CimXmlElement::ParameterArray, "PARAMETER.ARRAY"},
    {CimXmlElement::ParameterRefArray, "PARAMETER.REFARRAY"},
}};

struct AttributeName
{
    CimXmlAttribute attribute;
    const char *name;
};

// DSP0201 spells EmbeddedObject in mixed case; some servers send EMBEDDEDOBJECT (pywbem accepts both).
constexpr std::array<AttributeName, 30> kAttributes{{
    {CimXmlAttribute::Name, "NAME"},
    {CimXmlAttribute::Type, "TYPE"},
    {CimXmlAttribute::ClassName, "CLASSNAME"},
    {CimXmlAttribute::ClassOrigin, "CLASSORIGIN"},
    {CimXmlAttribute::Propagated, "PROPAGATED"},
    {CimXmlAttribute::ReferenceClass, "REFERENCECLASS"},
    {CimXmlAttribute::SuperClass, "SUPERCLASS"},
    {CimXmlAttribute::ArraySize, "ARRAYSIZE"},
    {CimXmlAttribute::IsArray, "ISARRAY"},
    {CimXmlAttribute::EmbeddedObject, "EmbeddedObject"},
    {CimXmlAttribute::EmbeddedObject, "EMBEDDEDOBJECT"},
    {CimXmlAttribute::ParamType, "PARAMTYPE"},
    {CimXmlAttribute::ValueType, "VALUETYPE"},
    {CimXmlAttribute::Code, "CODE"},
    {CimXmlAttribute::Description, "DESCRIPTION"},
    {CimXmlAttribute::Id, "ID"},
    {CimXmlAttribute::ProtocolVersion, "PROTOCOLVERSION"},
    {CimXmlAttribute::CimVersion, "CIMVERSION"},
    {CimXmlAttribute::DtdVersion, "DTDVERSION"},
    {CimXmlAttribute::Overridable, "OVERRIDABLE"},
    {CimXmlAttribute::ToSubclass, "TOSUBCLASS"},
    {CimXmlAttribute::ToInstance, "TOINSTANCE"},
    {CimXmlAttribute::Translatable, "TRANSLATABLE"},
    {CimXmlAttribute::ScopeClass, "CLASS"},
    {CimXmlAttribute::ScopeAssociation, "ASSOCIATION"},
    {CimXmlAttribute::ScopeReference, "REFERENCE"},
    {CimXmlAttribute::ScopeProperty, "PROPERTY"},
    {CimXmlAttribute::ScopeMethod, "METHOD"},
    {CimXmlAttribute::ScopeParameter, "PARAMETER"},
    {CimXmlAttribute::ScopeIndication, "INDICATION"},
}};
} // namespace

CimXmlElement cimXmlElementFromName(QByteArrayView name)
{
    for (const ElementName &entry : kElements) {
        if (name == entry.name)
            return entry.element;
    }
    return CimXmlElement::Unknown;
}

QString cimXmlElementName(CimXmlElement element)
{
    for (const ElementName &entry : kElements) {
        if (entry.element == element)
            return QString::fromLatin1(entry.name);
    }
    return QStringLiteral("?");
}

CimXmlAttribute cimXmlAttributeFromName(QByteArrayView name)
{
    for (const AttributeName &entry : kAttributes) {
        if (name == entry.name)
            return entry.attribute;
    }
    return CimXmlAttribute::Unknown;
}

QString cimXmlAttributeName(CimXmlAttribute attribute)
{
    for (const AttributeName &entry : kAttributes) {
        if (entry.attribute == attribute)
            return QString::fromLatin1(entry.name);
    }
    return QStringLiteral("?");
}

} // namespace cimdiag
