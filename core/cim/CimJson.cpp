// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimJson.h"

#include <charconv>
#include <cmath>

namespace cimdiag {

namespace {

QJsonValue nonFiniteReal(double value)
{
    // xsd:double spellings, as DSP0201 VALUE text has them: JSON has no literal for these.
    if (std::isnan(value))
        return QStringLiteral("NaN");
    return value < 0 ? QStringLiteral("-INF") : QStringLiteral("INF");
}

QJsonValue real32Data(float value)
{
    if (!std::isfinite(value))
        return nonFiniteReal(value);
    // Widening 0.1f gives 0.10000000149011612; going through the shortest float text keeps what
    // the server sent.
    char buffer[32];
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
    double widened = value;
    std::from_chars(buffer, written.ptr, widened);
    return widened;
}

QJsonValue real64Data(double value)
{
    if (!std::isfinite(value))
        return nonFiniteReal(value);
    return value;
}

QJsonValue signedData(qint64 value)
{
    if (value > CimJson::kMaxSafeInteger || value < -CimJson::kMaxSafeInteger)
        return QString::number(value);
    return value;
}

QJsonValue unsignedData(quint64 value)
{
    if (value > static_cast<quint64>(CimJson::kMaxSafeInteger))
        return QString::number(value);
    return static_cast<qint64>(value);
}

/// One scalar (a NULL scalar gives null).
QJsonValue scalarData(const CimValue &value)
{
    if (value.isNull())
        return QJsonValue::Null;
    if (value.embeddedKind() != CimEmbeddedKind::None) {
        // EmbeddedObject may hold either an instance or a class: look at what was decoded.
        if (value.holdsInstance())
            return CimJson::instance(value.toEmbeddedInstance());
        if (value.holdsClass())
            return CimJson::cimClass(value.toEmbeddedClass());
        return value.variant().toString();
    }
    switch (value.type()) {
    case CimType::Boolean:
        return value.toBool();
    case CimType::String:
    case CimType::Char16:
        return value.toString();
    case CimType::UInt8:
    case CimType::UInt16:
    case CimType::UInt32:
    case CimType::UInt64:
        return unsignedData(value.toUnsigned());
    case CimType::SInt8:
    case CimType::SInt16:
    case CimType::SInt32:
    case CimType::SInt64:
        return signedData(value.toSigned());
    case CimType::Real32:
        return real32Data(value.variant().value<float>());
    case CimType::Real64:
        return real64Data(value.toReal());
    case CimType::DateTime:
        return value.toDateTime().toString();
    case CimType::Reference:
        return CimJson::instanceName(value.toReference());
    case CimType::Invalid:
        break;
    }
    return QJsonValue::Null;
}

QJsonObject keyBindings(const CimNamedList<CimKeyBinding> &bindings)
{
    QJsonObject result;
    for (const CimKeyBinding &binding : bindings)
        result.insert(binding.name(), CimJson::value(binding.value()));
    return result;
}

void insertIfNotEmpty(QJsonObject &object, const QString &key, const QString &text)
{
    if (!text.isEmpty())
        object.insert(key, text);
}

void insertQualifiers(QJsonObject &object, const CimQualifierList &qualifiers)
{
    if (!qualifiers.isEmpty())
        object.insert(QStringLiteral("qualifiers"), CimJson::qualifiers(qualifiers));
}

} // namespace

QJsonObject CimJson::value(const CimValue &value)
{
    QJsonObject result;
    const QString type = cimTypeName(value.type());
    result.insert(QStringLiteral("type"), type.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(type));
    if (value.isArray())
        result.insert(QStringLiteral("array"), true);
    if (value.embeddedKind() != CimEmbeddedKind::None)
        result.insert(QStringLiteral("embedded"), cimEmbeddedKindName(value.embeddedKind()));
    result.insert(QStringLiteral("value"), valueData(value));
    return result;
}

QJsonValue CimJson::valueData(const CimValue &value)
{
    if (!value.isArray())
        return scalarData(value);
    if (value.isNull())
        return QJsonValue::Null;
    QJsonArray elements;
    for (qsizetype i = 0; i < value.size(); ++i)
        elements.append(scalarData(value.at(i)));
    return elements;
}

QJsonObject CimJson::instanceName(const CimInstanceName &name)
{
    QJsonObject result;
    result.insert(QStringLiteral("className"), name.className());
    insertIfNotEmpty(result, QStringLiteral("namespace"), name.nameSpace());
    insertIfNotEmpty(result, QStringLiteral("host"), name.host());
    result.insert(QStringLiteral("keyBindings"), keyBindings(name.keyBindings()));
    result.insert(QStringLiteral("uri"), name.toWbemUri());
    return result;
}

QJsonObject CimJson::classPath(const CimClassName &name)
{
    QJsonObject result;
    result.insert(QStringLiteral("className"), name.className());
    insertIfNotEmpty(result, QStringLiteral("namespace"), name.nameSpace());
    insertIfNotEmpty(result, QStringLiteral("host"), name.host());
    result.insert(QStringLiteral("uri"), name.toWbemUri());
    return result;
}

QJsonObject CimJson::instance(const CimInstance &instance)
{
    QJsonObject result;
    result.insert(QStringLiteral("className"), instance.className());
    if (instance.path().isValid())
        result.insert(QStringLiteral("path"), instanceName(instance.path()));
    QJsonObject properties;
    for (const CimProperty &p : instance.properties())
        properties.insert(p.name(), property(p));
    result.insert(QStringLiteral("properties"), properties);
    insertQualifiers(result, instance.qualifiers());
    return result;
}

QJsonObject CimJson::property(const CimProperty &property)
{
    QJsonObject result = value(property.value());
    insertIfNotEmpty(result, QStringLiteral("referenceClass"), property.referenceClass());
    insertIfNotEmpty(result, QStringLiteral("classOrigin"), property.classOrigin());
    if (property.isPropagated())
        result.insert(QStringLiteral("propagated"), true);
    if (property.arraySize() >= 0)
        result.insert(QStringLiteral("arraySize"), property.arraySize());
    insertQualifiers(result, property.qualifiers());
    return result;
}

QJsonObject CimJson::qualifier(const CimQualifier &qualifier)
{
    QJsonObject result = value(qualifier.value());
    result.insert(QStringLiteral("flavors"), flavors(qualifier.flavors()));
    if (qualifier.isPropagated())
        result.insert(QStringLiteral("propagated"), true);
    return result;
}

QJsonObject CimJson::qualifiers(const CimQualifierList &qualifiers)
{
    QJsonObject result;
    for (const CimQualifier &q : qualifiers)
        result.insert(q.name(), qualifier(q));
    return result;
}

QJsonObject CimJson::parameter(const CimParameter &parameter)
{
    QJsonObject result;
    result.insert(QStringLiteral("type"), cimTypeName(parameter.type()));
    if (parameter.isArray())
        result.insert(QStringLiteral("array"), true);
    if (parameter.arraySize() >= 0)
        result.insert(QStringLiteral("arraySize"), parameter.arraySize());
    insertIfNotEmpty(result, QStringLiteral("referenceClass"), parameter.referenceClass());
    insertQualifiers(result, parameter.qualifiers());
    return result;
}

QJsonObject CimJson::method(const CimMethod &method)
{
    QJsonObject result;
    result.insert(QStringLiteral("returnType"), cimTypeName(method.returnType()));
    insertIfNotEmpty(result, QStringLiteral("classOrigin"), method.classOrigin());
    if (method.isPropagated())
        result.insert(QStringLiteral("propagated"), true);
    QJsonObject parameters;
    for (const CimParameter &p : method.parameters())
        parameters.insert(p.name(), parameter(p));
    result.insert(QStringLiteral("parameters"), parameters);
    insertQualifiers(result, method.qualifiers());
    return result;
}

QJsonObject CimJson::cimClass(const CimClass &cls)
{
    QJsonObject result;
    result.insert(QStringLiteral("className"), cls.className());
    insertIfNotEmpty(result, QStringLiteral("superClass"), cls.superClass());
    if (cls.path().isValid())
        result.insert(QStringLiteral("path"), classPath(cls.path()));
    insertQualifiers(result, cls.qualifiers());
    QJsonObject properties;
    for (const CimProperty &p : cls.properties())
        properties.insert(p.name(), property(p));
    result.insert(QStringLiteral("properties"), properties);
    QJsonObject methods;
    for (const CimMethod &m : cls.methods())
        methods.insert(m.name(), method(m));
    result.insert(QStringLiteral("methods"), methods);
    return result;
}

QJsonObject CimJson::qualifierDeclaration(const CimQualifierDeclaration &declaration)
{
    QJsonObject result = value(declaration.value());
    result.insert(QStringLiteral("name"), declaration.name());
    if (declaration.arraySize() >= 0)
        result.insert(QStringLiteral("arraySize"), declaration.arraySize());
    result.insert(QStringLiteral("scopes"), scopes(declaration.scopes()));
    result.insert(QStringLiteral("flavors"), flavors(declaration.flavors()));
    return result;
}

QJsonObject CimJson::paramValues(const CimParamValueList &parameters)
{
    QJsonObject result;
    for (const CimParamValue &p : parameters)
        result.insert(p.name(), value(p.value()));
    return result;
}

QJsonObject CimJson::flavors(const CimFlavors &flavors)
{
    return QJsonObject {
        {QStringLiteral("overridable"), flavors.overridable},
        {QStringLiteral("toSubclass"), flavors.toSubclass},
        {QStringLiteral("toInstance"), flavors.toInstance},
        {QStringLiteral("translatable"), flavors.translatable},
    };
}

QJsonArray CimJson::scopes(const CimScopes &scopes)
{
    QJsonArray result;
    const auto add = [&result](bool set, const QString &name) {
        if (set)
            result.append(name);
    };
    add(scopes.classScope, QStringLiteral("class"));
    add(scopes.association, QStringLiteral("association"));
    add(scopes.reference, QStringLiteral("reference"));
    add(scopes.property, QStringLiteral("property"));
    add(scopes.method, QStringLiteral("method"));
    add(scopes.parameter, QStringLiteral("parameter"));
    add(scopes.indication, QStringLiteral("indication"));
    return result;
}

QJsonObject CimJson::status(const CimStatus &status)
{
    QJsonObject result;
    result.insert(QStringLiteral("ok"), status.isOk());
    result.insert(QStringLiteral("code"), status.code());
    if (status.isOk())
        return result;
    result.insert(QStringLiteral("name"), status.codeName());
    result.insert(QStringLiteral("description"), status.description());
    result.insert(QStringLiteral("text"), status.toString());
    if (!status.errorInstances().isEmpty()) {
        QJsonArray instances;
        for (const CimInstance &i : status.errorInstances())
            instances.append(instance(i));
        result.insert(QStringLiteral("errorInstances"), instances);
    }
    return result;
}

} // namespace cimdiag
