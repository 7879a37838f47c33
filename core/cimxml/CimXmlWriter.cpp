// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cimxml/CimXmlWriter.h"

#include <QMetaType>
#include <QXmlStreamWriter>

#include <algorithm>
#include <array>
#include <type_traits>
#include <variant>

namespace cimdiag {

namespace {

// cimTypeName() builds a new QString on every call; a 25 MB reply asks for a type name a few hundred
// thousand times, so the names are made once.
const QString &typeName(CimType type)
{
    static const std::array<QString, static_cast<size_t>(CimType::Reference) + 1> names = [] {
        std::array<QString, static_cast<size_t>(CimType::Reference) + 1> result;
        for (size_t i = 0; i < result.size(); ++i)
            result[i] = cimTypeName(static_cast<CimType>(i));
        return result;
    }();
    return names.at(static_cast<size_t>(type));
}

// TYPE is required on PROPERTY, PROPERTY.ARRAY, QUALIFIER, KEYVALUE and PARAMETER; a value of unknown
// type (a NULL the caller never typed) is declared string, the one type any text is valid for.
const QString &typeAttribute(CimType type)
{
    return typeName(type == CimType::Invalid ? CimType::String : type);
}

QString boolText(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

// DSP0201 KEYVALUE: VALUETYPE is string, boolean or numeric.
QString keyValueType(CimType type)
{
    if (type == CimType::Boolean)
        return QStringLiteral("boolean");
    if (isIntegerType(type) || isRealType(type))
        return QStringLiteral("numeric");
    return QStringLiteral("string");
}

/// Ends the open element. One with no content still goes out as `<X ...></X>`, never `<X .../>`:
/// sblim-wbemcli 1.6.3's hand-written parser rejects the empty-element form ("Expecting /PROPERTY,
/// QUALIFIER or VALUE element" for `<PROPERTY NAME="x" TYPE="string"/>`), and SFCB and OpenPegasus
/// never write it. Empty character data makes QXmlStreamWriter close the start tag with '>'; for an
/// element that has content it writes nothing. Hence no writeEmptyElement() anywhere in this file.
void endElement(QXmlStreamWriter &xml)
{
    xml.writeCharacters(QString());
    xml.writeEndElement();
}

void writeFlavors(QXmlStreamWriter &xml, const CimFlavors &flavors)
{
    // Only what differs from the DTD defaults, so a reader that fills defaults gets the same flavors
    // and documents stay small.
    static const CimFlavors defaults;
    if (flavors.overridable != defaults.overridable)
        xml.writeAttribute(QStringLiteral("OVERRIDABLE"), boolText(flavors.overridable));
    if (flavors.toSubclass != defaults.toSubclass)
        xml.writeAttribute(QStringLiteral("TOSUBCLASS"), boolText(flavors.toSubclass));
    if (flavors.toInstance != defaults.toInstance)
        xml.writeAttribute(QStringLiteral("TOINSTANCE"), boolText(flavors.toInstance));
    if (flavors.translatable != defaults.translatable)
        xml.writeAttribute(QStringLiteral("TRANSLATABLE"), boolText(flavors.translatable));
}

void writeClassOriginAndPropagated(QXmlStreamWriter &xml, const QString &classOrigin, bool propagated)
{
    if (!classOrigin.isEmpty())
        xml.writeAttribute(QStringLiteral("CLASSORIGIN"), classOrigin);
    if (propagated)
        xml.writeAttribute(QStringLiteral("PROPAGATED"), QStringLiteral("true"));
}

void writeArraySize(QXmlStreamWriter &xml, int arraySize)
{
    if (arraySize >= 0)
        xml.writeAttribute(QStringLiteral("ARRAYSIZE"), QString::number(arraySize));
}

void writeEmbeddedObjectAttribute(QXmlStreamWriter &xml, CimEmbeddedKind kind)
{
    if (kind != CimEmbeddedKind::None)
        xml.writeAttribute(QStringLiteral("EmbeddedObject"), cimEmbeddedKindName(kind));
}

void writeQualifiers(QXmlStreamWriter &xml, const CimQualifierList &qualifiers)
{
    for (const CimQualifier &qualifier : qualifiers)
        CimXmlWriter::writeQualifier(xml, qualifier);
}

/// Character data. QXmlStreamWriter escapes CR only in attribute values; a raw CR in text reaches the
/// reader as LF (XML 1.0 2.11 end-of-line handling), so a string value would not survive. CR goes
/// out as the character reference &#13; instead (the only way QXmlStreamWriter lets one be written).
void writeText(QXmlStreamWriter &xml, const QString &text)
{
    qsizetype start = 0;
    for (qsizetype cr = text.indexOf(u'\r'); cr >= 0; cr = text.indexOf(u'\r', start)) {
        xml.writeCharacters(text.sliced(start, cr - start));
        xml.writeEntityReference(QStringLiteral("#13"));
        start = cr + 1;
    }
    xml.writeCharacters(start == 0 ? text : text.sliced(start));
}

void writeTextElement(QXmlStreamWriter &xml, const QString &name, const QString &text)
{
    xml.writeStartElement(name);
    writeText(xml, text);
    endElement(xml);
}

/// A non-NULL scalar: VALUE, VALUE.REFERENCE, or VALUE with an embedded object's escaped XML.
void writeScalar(QXmlStreamWriter &xml, const CimValue &scalar)
{
    if (scalar.type() == CimType::Reference) {
        CimXmlWriter::writeValueReference(xml, scalar.toReference());
        return;
    }
    if (scalar.embeddedKind() != CimEmbeddedKind::None) {
        QString text = CimXmlWriter::embeddedObjectText(scalar);
        // An embedded object kept as text (e.g. a reader that could not decode it) goes out as it came.
        if (text.isEmpty())
            text = scalar.variant().toString();
        writeTextElement(xml, QStringLiteral("VALUE"), text);
        return;
    }
    writeTextElement(xml, QStringLiteral("VALUE"), scalar.toCimXmlText());
}

void writeInstanceNameElement(
    QXmlStreamWriter &xml, const QString &className, const CimNamedList<CimKeyBinding> &keyBindings)
{
    xml.writeStartElement(QStringLiteral("INSTANCENAME"));
    xml.writeAttribute(QStringLiteral("CLASSNAME"), className);
    for (const CimKeyBinding &keyBinding : keyBindings)
        CimXmlWriter::writeKeyBinding(xml, keyBinding);
    endElement(xml);
}

/// The class path of a class: its path, or its name when it has none.
CimClassName classPathOf(const CimClass &cls)
{
    CimClassName path = cls.path();
    if (path.className().isEmpty())
        path.setClassName(cls.className());
    return path;
}

void writeObjectWithPath(QXmlStreamWriter &xml, const CimInstance &instance)
{
    xml.writeStartElement(QStringLiteral("VALUE.OBJECTWITHPATH"));
    CimXmlWriter::writeInstancePath(xml, instance.path());
    CimXmlWriter::writeInstance(xml, instance);
    endElement(xml);
}

void writeObjectWithPath(QXmlStreamWriter &xml, const CimClass &cls)
{
    xml.writeStartElement(QStringLiteral("VALUE.OBJECTWITHPATH"));
    CimXmlWriter::writeClassPath(xml, classPathOf(cls));
    CimXmlWriter::writeClass(xml, cls);
    endElement(xml);
}

/// The content of an IPARAMVALUE: the CimArgument alternative decides the element (CimArgument.h).
void writeArgumentValue(QXmlStreamWriter &xml, const CimArgument &argument)
{
    std::visit(
        [&xml](const auto &value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, CimValue>) {
                CimXmlWriter::writeValue(xml, value);
            } else if constexpr (std::is_same_v<T, CimClassName>) {
                CimXmlWriter::writeClassName(xml, value.className());
            } else if constexpr (std::is_same_v<T, CimInstanceName>) {
                CimXmlWriter::writeInstanceName(xml, value);
            } else if constexpr (std::is_same_v<T, CimInstance>) {
                if (value.path().isValid())
                    CimXmlWriter::writeNamedInstance(xml, value);
                else
                    CimXmlWriter::writeInstance(xml, value);
            } else if constexpr (std::is_same_v<T, CimClass>) {
                CimXmlWriter::writeClass(xml, value);
            } else if constexpr (std::is_same_v<T, CimQualifierDeclaration>) {
                CimXmlWriter::writeQualifierDeclaration(xml, value);
            }
            // std::monostate: the empty IPARAMVALUE, DSP0200's NULL.
        },
        argument.value());
}

void writeSimpleParamValue(QXmlStreamWriter &xml, const QString &name, const CimValue &value)
{
    CimXmlWriter::writeParamValue(xml, CimParamValue(name, value));
}

// The envelope shared by every message: the DSP0201 CIM and MESSAGE elements. The text goes to a QString
// and is converted once at the end: QXmlStreamWriter on a QIODevice runs an encoder for every small
// write, which measured several times slower.
template<typename Body> QByteArray document(const QString &messageId, Body &&body)
{
    QString text;
    text += QStringLiteral("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    {
        QXmlStreamWriter xml(&text);
        xml.writeStartElement(QStringLiteral("CIM"));
        xml.writeAttribute(QStringLiteral("CIMVERSION"), QStringLiteral("2.0"));
        xml.writeAttribute(QStringLiteral("DTDVERSION"), QStringLiteral("2.0"));
        xml.writeStartElement(QStringLiteral("MESSAGE"));
        xml.writeAttribute(QStringLiteral("ID"), messageId);
        xml.writeAttribute(QStringLiteral("PROTOCOLVERSION"), QStringLiteral("1.0"));
        body(xml);
        xml.writeEndDocument();
    }
    return text.toUtf8();
}

void writeIntrinsicCall(QXmlStreamWriter &xml, const CimOperationRequest &request)
{
    xml.writeStartElement(QStringLiteral("SIMPLEREQ"));
    xml.writeStartElement(QStringLiteral("IMETHODCALL"));
    xml.writeAttribute(QStringLiteral("NAME"), cimOperationName(request.operation));
    CimXmlWriter::writeLocalNamespacePath(xml, request.nameSpace);
    for (const CimArgument &argument : request.arguments) {
        xml.writeStartElement(QStringLiteral("IPARAMVALUE"));
        xml.writeAttribute(QStringLiteral("NAME"), argument.name());
        writeArgumentValue(xml, argument);
        endElement(xml);
    }
    endElement(xml);
    endElement(xml);
}

void writeExtrinsicCall(QXmlStreamWriter &xml, const CimOperationRequest &request)
{
    xml.writeStartElement(QStringLiteral("SIMPLEREQ"));
    xml.writeStartElement(QStringLiteral("METHODCALL"));
    xml.writeAttribute(QStringLiteral("NAME"), request.methodName);
    // DSP0201 METHODCALL: the target is local (no host); its namespace is the request's when the path
    // itself has none.
    if (request.targetInstance.isValid()) {
        CimInstanceName target = request.targetInstance;
        if (target.nameSpace().isEmpty())
            target.setNameSpace(request.nameSpace);
        CimXmlWriter::writeLocalInstancePath(xml, target);
    } else {
        CimClassName target = request.targetClass;
        if (target.nameSpace().isEmpty())
            target.setNameSpace(request.nameSpace);
        CimXmlWriter::writeLocalClassPath(xml, target);
    }
    for (const CimParamValue &parameter : request.parameters)
        CimXmlWriter::writeParamValue(xml, parameter);
    endElement(xml);
    endElement(xml);
}

void writeExportCall(QXmlStreamWriter &xml, const CimOperationRequest &request)
{
    xml.writeStartElement(QStringLiteral("SIMPLEEXPREQ"));
    xml.writeStartElement(QStringLiteral("EXPMETHODCALL"));
    xml.writeAttribute(QStringLiteral("NAME"), cimOperationName(CimOperation::ExportIndication));
    for (const CimArgument &argument : request.arguments) {
        xml.writeStartElement(QStringLiteral("EXPPARAMVALUE"));
        xml.writeAttribute(QStringLiteral("NAME"), argument.name());
        // DSP0203 2.4.0 lets EXPPARAMVALUE hold only an INSTANCE (NewIndication).
        if (const CimInstance *instance = argument.get<CimInstance>())
            CimXmlWriter::writeInstance(xml, *instance);
        endElement(xml);
    }
    endElement(xml);
    endElement(xml);
}

// DSP0200 pull operations: the objects in IRETURNVALUE, then EnumerationContext and
// EndOfSequence as output PARAMVALUEs. A finished sequence has no context: the parameter is NULL.
void writePullOutputs(QXmlStreamWriter &xml, const CimOperationResponse &response)
{
    writeSimpleParamValue(xml, QStringLiteral("EnumerationContext"),
        response.enumerationContext.isEmpty() ? CimValue::null(CimType::String)
                                              : CimValue::string(response.enumerationContext));
    writeSimpleParamValue(xml, QStringLiteral("EndOfSequence"), CimValue::boolean(response.endOfSequence));
}

// Other output parameters of an intrinsic method (OpenQueryInstances' QueryResultClass). DSP0200 types
// those as <class> or <instance>, so an embedded object goes out as the CLASS or INSTANCE element
// itself, not as the escaped string VALUE of extrinsic parameters.
void writeIntrinsicOutParameter(QXmlStreamWriter &xml, const CimParamValue &parameter)
{
    const CimValue &value = parameter.value();
    const bool isClass = value.holdsClass();
    if (value.isArray() || value.embeddedKind() == CimEmbeddedKind::None || (!isClass && !value.holdsInstance())) {
        CimXmlWriter::writeParamValue(xml, parameter);
        return;
    }
    xml.writeStartElement(QStringLiteral("PARAMVALUE"));
    xml.writeAttribute(QStringLiteral("NAME"), parameter.name());
    if (isClass)
        CimXmlWriter::writeClass(xml, value.toEmbeddedClass());
    else
        CimXmlWriter::writeInstance(xml, value.toEmbeddedInstance());
    endElement(xml);
}

bool hasNamespacedPath(const CimInstance &instance)
{
    return instance.path().isValid() && !instance.path().nameSpace().isEmpty();
}

void writeReturnValue(QXmlStreamWriter &xml, const CimOperationResponse &response)
{
    const auto begin = [&xml] { xml.writeStartElement(QStringLiteral("IRETURNVALUE")); };
    const auto end = [&xml] { endElement(xml); };

    switch (cimReturnShape(response.operation)) {
    case CimReturnShape::Nothing:
    case CimReturnShape::MethodResult:
    case CimReturnShape::ExportResult:
        return;
    case CimReturnShape::Class:
        begin();
        if (!response.classes.isEmpty())
            CimXmlWriter::writeClass(xml, response.classes.constFirst());
        end();
        return;
    case CimReturnShape::Classes:
        begin();
        for (const CimClass &cls : response.classes)
            CimXmlWriter::writeClass(xml, cls);
        end();
        return;
    case CimReturnShape::ClassNames:
        begin();
        for (const CimClassName &name : response.classNames)
            CimXmlWriter::writeClassName(xml, name.className());
        end();
        return;
    case CimReturnShape::Instance:
        begin();
        if (!response.instances.isEmpty())
            CimXmlWriter::writeInstance(xml, response.instances.constFirst());
        end();
        return;
    case CimReturnShape::NamedInstances:
        begin();
        for (const CimInstance &instance : response.instances)
            CimXmlWriter::writeNamedInstance(xml, instance);
        end();
        return;
    case CimReturnShape::InstanceName:
        begin();
        if (!response.instanceNames.isEmpty())
            CimXmlWriter::writeInstanceName(xml, response.instanceNames.constFirst());
        end();
        return;
    case CimReturnShape::InstanceNames:
        begin();
        for (const CimInstanceName &name : response.instanceNames)
            CimXmlWriter::writeInstanceName(xml, name);
        end();
        return;
    case CimReturnShape::Objects:
        begin();
        for (const CimInstance &instance : response.instances)
            writeObjectWithPath(xml, instance);
        for (const CimClass &cls : response.classes)
            writeObjectWithPath(xml, cls);
        end();
        return;
    case CimReturnShape::ObjectPaths:
        begin();
        for (const CimInstanceName &name : response.instanceNames) {
            xml.writeStartElement(QStringLiteral("OBJECTPATH"));
            CimXmlWriter::writeInstancePath(xml, name);
            endElement(xml);
        }
        for (const CimClassName &name : response.classNames) {
            xml.writeStartElement(QStringLiteral("OBJECTPATH"));
            CimXmlWriter::writeClassPath(xml, name);
            endElement(xml);
        }
        end();
        return;
    case CimReturnShape::QueryObjects: {
        // IRETURNVALUE holds either VALUE.OBJECTWITHPATH* or VALUE.OBJECT*, never both: paths are sent
        // only when every object has a complete one (query results often are not addressable).
        const bool withPaths = std::all_of(response.instances.cbegin(), response.instances.cend(), hasNamespacedPath)
            && std::all_of(response.classes.cbegin(), response.classes.cend(),
                [](const CimClass &cls) { return !cls.path().nameSpace().isEmpty(); })
            && (!response.instances.isEmpty() || !response.classes.isEmpty());
        begin();
        for (const CimInstance &instance : response.instances) {
            if (withPaths) {
                writeObjectWithPath(xml, instance);
            } else {
                xml.writeStartElement(QStringLiteral("VALUE.OBJECT"));
                CimXmlWriter::writeInstance(xml, instance);
                endElement(xml);
            }
        }
        for (const CimClass &cls : response.classes) {
            if (withPaths) {
                writeObjectWithPath(xml, cls);
            } else {
                xml.writeStartElement(QStringLiteral("VALUE.OBJECT"));
                CimXmlWriter::writeClass(xml, cls);
                endElement(xml);
            }
        }
        end();
        return;
    }
    case CimReturnShape::Value:
    case CimReturnShape::Count:
        // A NULL property value (or an unknown count) is the empty IRETURNVALUE.
        begin();
        CimXmlWriter::writeValue(xml, response.returnValue);
        end();
        return;
    case CimReturnShape::QualifierDeclaration:
        begin();
        if (!response.qualifierDeclarations.isEmpty())
            CimXmlWriter::writeQualifierDeclaration(xml, response.qualifierDeclarations.constFirst());
        end();
        return;
    case CimReturnShape::QualifierDeclarations:
        begin();
        for (const CimQualifierDeclaration &declaration : response.qualifierDeclarations)
            CimXmlWriter::writeQualifierDeclaration(xml, declaration);
        end();
        return;
    case CimReturnShape::PulledInstancesWithPath:
        begin();
        for (const CimInstance &instance : response.instances)
            CimXmlWriter::writeInstanceWithPath(xml, instance);
        end();
        writePullOutputs(xml, response);
        return;
    case CimReturnShape::PulledInstancePaths:
        begin();
        for (const CimInstanceName &name : response.instanceNames)
            CimXmlWriter::writeInstancePath(xml, name);
        end();
        writePullOutputs(xml, response);
        return;
    case CimReturnShape::PulledInstances:
        begin();
        for (const CimInstance &instance : response.instances)
            CimXmlWriter::writeInstance(xml, instance);
        end();
        writePullOutputs(xml, response);
        return;
    }
}

void writeIntrinsicResponse(QXmlStreamWriter &xml, const CimOperationResponse &response)
{
    xml.writeStartElement(QStringLiteral("SIMPLERSP"));
    xml.writeStartElement(QStringLiteral("IMETHODRESPONSE"));
    xml.writeAttribute(QStringLiteral("NAME"), cimOperationName(response.operation));
    if (!response.status.isOk()) {
        CimXmlWriter::writeError(xml, response.status);
    } else {
        writeReturnValue(xml, response);
        for (const CimParamValue &parameter : response.outParameters)
            writeIntrinsicOutParameter(xml, parameter);
    }
    endElement(xml);
    endElement(xml);
}

void writeExtrinsicResponse(QXmlStreamWriter &xml, const CimOperationResponse &response)
{
    xml.writeStartElement(QStringLiteral("SIMPLERSP"));
    xml.writeStartElement(QStringLiteral("METHODRESPONSE"));
    xml.writeAttribute(QStringLiteral("NAME"), response.methodName);
    if (!response.status.isOk()) {
        CimXmlWriter::writeError(xml, response.status);
    } else {
        const CimValue &value = response.returnValue;
        // No RETURNVALUE when the return type is unknown: DSP0201 makes it optional.
        if (value.type() != CimType::Invalid) {
            xml.writeStartElement(QStringLiteral("RETURNVALUE"));
            writeEmbeddedObjectAttribute(xml, value.embeddedKind());
            xml.writeAttribute(QStringLiteral("PARAMTYPE"), typeName(value.type()));
            CimXmlWriter::writeValue(xml, value);
            endElement(xml);
        }
        for (const CimParamValue &parameter : response.outParameters)
            CimXmlWriter::writeParamValue(xml, parameter);
    }
    endElement(xml);
    endElement(xml);
}

void writeExportResponse(QXmlStreamWriter &xml, const CimOperationResponse &response)
{
    xml.writeStartElement(QStringLiteral("SIMPLEEXPRSP"));
    xml.writeStartElement(QStringLiteral("EXPMETHODRESPONSE"));
    xml.writeAttribute(QStringLiteral("NAME"), cimOperationName(CimOperation::ExportIndication));
    if (!response.status.isOk())
        CimXmlWriter::writeError(xml, response.status);
    endElement(xml);
    endElement(xml);
}

} // namespace

QByteArray CimXmlWriter::request(const CimOperationRequest &request)
{
    return document(request.messageId, [&request](QXmlStreamWriter &xml) {
        switch (request.operation) {
        case CimOperation::ExportIndication:
            writeExportCall(xml, request);
            break;
        case CimOperation::InvokeMethod:
            writeExtrinsicCall(xml, request);
            break;
        default:
            writeIntrinsicCall(xml, request);
            break;
        }
    });
}

QByteArray CimXmlWriter::response(const CimOperationResponse &response)
{
    return document(response.messageId, [&response](QXmlStreamWriter &xml) {
        switch (response.operation) {
        case CimOperation::ExportIndication:
            writeExportResponse(xml, response);
            break;
        case CimOperation::InvokeMethod:
            writeExtrinsicResponse(xml, response);
            break;
        default:
            writeIntrinsicResponse(xml, response);
            break;
        }
    });
}

void CimXmlWriter::writeValue(QXmlStreamWriter &xml, const CimValue &value)
{
    if (value.isNull())
        return;
    if (!value.isArray()) {
        writeScalar(xml, value);
        return;
    }
    xml.writeStartElement(
        value.type() == CimType::Reference ? QStringLiteral("VALUE.REFARRAY") : QStringLiteral("VALUE.ARRAY"));
    const qsizetype size = value.size();
    for (qsizetype i = 0; i < size; ++i) {
        const CimValue element = value.at(i);
        if (element.isNull()) {
            xml.writeStartElement(QStringLiteral("VALUE.NULL"));
            endElement(xml);
        } else {
            writeScalar(xml, element);
        }
    }
    endElement(xml);
}

void CimXmlWriter::writeValueReference(QXmlStreamWriter &xml, const CimInstanceName &path)
{
    xml.writeStartElement(QStringLiteral("VALUE.REFERENCE"));
    // NAMESPACEPATH needs a namespace, so a path with a host but no namespace is sent as INSTANCENAME.
    if (path.nameSpace().isEmpty())
        writeInstanceName(xml, path);
    else if (path.host().isEmpty())
        writeLocalInstancePath(xml, path);
    else
        writeInstancePath(xml, path);
    endElement(xml);
}

void CimXmlWriter::writeKeyBinding(QXmlStreamWriter &xml, const CimKeyBinding &keyBinding)
{
    xml.writeStartElement(QStringLiteral("KEYBINDING"));
    xml.writeAttribute(QStringLiteral("NAME"), keyBinding.name());
    const CimValue &value = keyBinding.value();
    if (value.type() == CimType::Reference && !value.isNull() && !value.isArray()) {
        writeValueReference(xml, value.toReference());
    } else {
        xml.writeStartElement(QStringLiteral("KEYVALUE"));
        xml.writeAttribute(QStringLiteral("VALUETYPE"), keyValueType(value.type()));
        // Required since DSP0203 2.4.0 (a reference that is NULL cannot be a key: string, as above).
        xml.writeAttribute(QStringLiteral("TYPE"),
            typeAttribute(value.type() == CimType::Reference ? CimType::Invalid : value.type()));
        writeText(xml, value.toCimXmlText());
        endElement(xml);
    }
    endElement(xml);
}

void CimXmlWriter::writeInstanceName(QXmlStreamWriter &xml, const CimInstanceName &name)
{
    writeInstanceNameElement(xml, name.className(), name.keyBindings());
}

void CimXmlWriter::writeInstancePath(QXmlStreamWriter &xml, const CimInstanceName &path)
{
    xml.writeStartElement(QStringLiteral("INSTANCEPATH"));
    writeNamespacePath(xml, path.host(), path.nameSpace());
    writeInstanceName(xml, path);
    endElement(xml);
}

void CimXmlWriter::writeLocalInstancePath(QXmlStreamWriter &xml, const CimInstanceName &path)
{
    xml.writeStartElement(QStringLiteral("LOCALINSTANCEPATH"));
    writeLocalNamespacePath(xml, path.nameSpace());
    writeInstanceName(xml, path);
    endElement(xml);
}

void CimXmlWriter::writeNamespacePath(QXmlStreamWriter &xml, const QString &host, const QString &nameSpace)
{
    xml.writeStartElement(QStringLiteral("NAMESPACEPATH"));
    writeTextElement(xml, QStringLiteral("HOST"), host);
    writeLocalNamespacePath(xml, nameSpace);
    endElement(xml);
}

void CimXmlWriter::writeLocalNamespacePath(QXmlStreamWriter &xml, const QString &nameSpace)
{
    xml.writeStartElement(QStringLiteral("LOCALNAMESPACEPATH"));
    // Empty segments (a leading, trailing or doubled '/') are not namespace names.
    for (const QStringView segment : QStringView(nameSpace).tokenize(u'/', Qt::SkipEmptyParts)) {
        xml.writeStartElement(QStringLiteral("NAMESPACE"));
        xml.writeAttribute(QStringLiteral("NAME"), segment.toString());
        endElement(xml);
    }
    endElement(xml);
}

void CimXmlWriter::writeClassName(QXmlStreamWriter &xml, const QString &className)
{
    xml.writeStartElement(QStringLiteral("CLASSNAME"));
    xml.writeAttribute(QStringLiteral("NAME"), className);
    endElement(xml);
}

void CimXmlWriter::writeClassPath(QXmlStreamWriter &xml, const CimClassName &path)
{
    xml.writeStartElement(QStringLiteral("CLASSPATH"));
    writeNamespacePath(xml, path.host(), path.nameSpace());
    writeClassName(xml, path.className());
    endElement(xml);
}

void CimXmlWriter::writeLocalClassPath(QXmlStreamWriter &xml, const CimClassName &path)
{
    xml.writeStartElement(QStringLiteral("LOCALCLASSPATH"));
    writeLocalNamespacePath(xml, path.nameSpace());
    writeClassName(xml, path.className());
    endElement(xml);
}

void CimXmlWriter::writeInstance(QXmlStreamWriter &xml, const CimInstance &instance)
{
    xml.writeStartElement(QStringLiteral("INSTANCE"));
    xml.writeAttribute(QStringLiteral("CLASSNAME"), instance.className());
    writeQualifiers(xml, instance.qualifiers());
    for (const CimProperty &property : instance.properties())
        writeProperty(xml, property);
    endElement(xml);
}

void CimXmlWriter::writeNamedInstance(QXmlStreamWriter &xml, const CimInstance &instance)
{
    xml.writeStartElement(QStringLiteral("VALUE.NAMEDINSTANCE"));
    const CimInstanceName &path = instance.path();
    writeInstanceNameElement(
        xml, path.className().isEmpty() ? instance.className() : path.className(), path.keyBindings());
    writeInstance(xml, instance);
    endElement(xml);
}

void CimXmlWriter::writeInstanceWithPath(QXmlStreamWriter &xml, const CimInstance &instance)
{
    xml.writeStartElement(QStringLiteral("VALUE.INSTANCEWITHPATH"));
    writeInstancePath(xml, instance.path());
    writeInstance(xml, instance);
    endElement(xml);
}

void CimXmlWriter::writeClass(QXmlStreamWriter &xml, const CimClass &cls)
{
    xml.writeStartElement(QStringLiteral("CLASS"));
    xml.writeAttribute(QStringLiteral("NAME"), cls.className());
    if (!cls.superClass().isEmpty())
        xml.writeAttribute(QStringLiteral("SUPERCLASS"), cls.superClass());
    writeQualifiers(xml, cls.qualifiers());
    for (const CimProperty &property : cls.properties())
        writeProperty(xml, property);
    for (const CimMethod &method : cls.methods())
        writeMethod(xml, method);
    endElement(xml);
}

void CimXmlWriter::writeProperty(QXmlStreamWriter &xml, const CimProperty &property)
{
    const CimValue &value = property.value();
    if (value.type() == CimType::Reference && !value.isArray()) {
        xml.writeStartElement(QStringLiteral("PROPERTY.REFERENCE"));
        xml.writeAttribute(QStringLiteral("NAME"), property.name());
        if (!property.referenceClass().isEmpty())
            xml.writeAttribute(QStringLiteral("REFERENCECLASS"), property.referenceClass());
        writeClassOriginAndPropagated(xml, property.classOrigin(), property.isPropagated());
        writeQualifiers(xml, property.qualifiers());
        writeValue(xml, value);
        endElement(xml);
        return;
    }
    // DSP0004 has no reference-array properties and the DTD no element for them; one that reaches us
    // anyway goes out as PROPERTY.ARRAY TYPE="reference" with VALUE.REFARRAY rather than be lost.
    xml.writeStartElement(value.isArray() ? QStringLiteral("PROPERTY.ARRAY") : QStringLiteral("PROPERTY"));
    xml.writeAttribute(QStringLiteral("NAME"), property.name());
    xml.writeAttribute(QStringLiteral("TYPE"), typeAttribute(value.type()));
    if (value.isArray())
        writeArraySize(xml, property.arraySize());
    writeClassOriginAndPropagated(xml, property.classOrigin(), property.isPropagated());
    writeEmbeddedObjectAttribute(xml, value.embeddedKind());
    writeQualifiers(xml, property.qualifiers());
    writeValue(xml, value);
    endElement(xml);
}

void CimXmlWriter::writeMethod(QXmlStreamWriter &xml, const CimMethod &method)
{
    xml.writeStartElement(QStringLiteral("METHOD"));
    xml.writeAttribute(QStringLiteral("NAME"), method.name());
    // TYPE is optional and cannot say "reference" in DSP0203: left out for those and for void methods.
    if (method.returnType() != CimType::Invalid && method.returnType() != CimType::Reference)
        xml.writeAttribute(QStringLiteral("TYPE"), typeName(method.returnType()));
    writeClassOriginAndPropagated(xml, method.classOrigin(), method.isPropagated());
    writeQualifiers(xml, method.qualifiers());
    for (const CimParameter &parameter : method.parameters())
        writeParameter(xml, parameter);
    endElement(xml);
}

void CimXmlWriter::writeParameter(QXmlStreamWriter &xml, const CimParameter &parameter)
{
    if (parameter.type() == CimType::Reference) {
        xml.writeStartElement(
            parameter.isArray() ? QStringLiteral("PARAMETER.REFARRAY") : QStringLiteral("PARAMETER.REFERENCE"));
        xml.writeAttribute(QStringLiteral("NAME"), parameter.name());
        if (!parameter.referenceClass().isEmpty())
            xml.writeAttribute(QStringLiteral("REFERENCECLASS"), parameter.referenceClass());
    } else {
        xml.writeStartElement(parameter.isArray() ? QStringLiteral("PARAMETER.ARRAY") : QStringLiteral("PARAMETER"));
        xml.writeAttribute(QStringLiteral("NAME"), parameter.name());
        xml.writeAttribute(QStringLiteral("TYPE"), typeAttribute(parameter.type()));
    }
    if (parameter.isArray())
        writeArraySize(xml, parameter.arraySize());
    writeQualifiers(xml, parameter.qualifiers());
    endElement(xml);
}

void CimXmlWriter::writeQualifier(QXmlStreamWriter &xml, const CimQualifier &qualifier)
{
    xml.writeStartElement(QStringLiteral("QUALIFIER"));
    xml.writeAttribute(QStringLiteral("NAME"), qualifier.name());
    xml.writeAttribute(QStringLiteral("TYPE"), typeAttribute(qualifier.type()));
    if (qualifier.isPropagated())
        xml.writeAttribute(QStringLiteral("PROPAGATED"), QStringLiteral("true"));
    writeFlavors(xml, qualifier.flavors());
    writeValue(xml, qualifier.value());
    endElement(xml);
}

void CimXmlWriter::writeQualifierDeclaration(QXmlStreamWriter &xml, const CimQualifierDeclaration &declaration)
{
    xml.writeStartElement(QStringLiteral("QUALIFIER.DECLARATION"));
    xml.writeAttribute(QStringLiteral("NAME"), declaration.name());
    xml.writeAttribute(QStringLiteral("TYPE"), typeAttribute(declaration.type()));
    // ISARRAY has no default in the DTD, so it is always said.
    xml.writeAttribute(QStringLiteral("ISARRAY"), boolText(declaration.isArray()));
    if (declaration.isArray())
        writeArraySize(xml, declaration.arraySize());
    writeFlavors(xml, declaration.flavors());
    const CimScopes &scopes = declaration.scopes();
    if (!scopes.isNone()) {
        // Every SCOPE attribute defaults to false: only the scopes that apply are written.
        xml.writeStartElement(QStringLiteral("SCOPE"));
        const std::array<std::pair<bool, QString>, 7> attributes {{
            {scopes.classScope, QStringLiteral("CLASS")},
            {scopes.association, QStringLiteral("ASSOCIATION")},
            {scopes.reference, QStringLiteral("REFERENCE")},
            {scopes.property, QStringLiteral("PROPERTY")},
            {scopes.method, QStringLiteral("METHOD")},
            {scopes.parameter, QStringLiteral("PARAMETER")},
            {scopes.indication, QStringLiteral("INDICATION")},
        }};
        for (const auto &[applies, name] : attributes) {
            if (applies)
                xml.writeAttribute(name, QStringLiteral("true"));
        }
        endElement(xml);
    }
    writeValue(xml, declaration.value());
    endElement(xml);
}

void CimXmlWriter::writeParamValue(QXmlStreamWriter &xml, const CimParamValue &paramValue)
{
    const CimValue &value = paramValue.value();
    xml.writeStartElement(QStringLiteral("PARAMVALUE"));
    xml.writeAttribute(QStringLiteral("NAME"), paramValue.name());
    // PARAMTYPE keeps the type of a NULL argument (but cannot say "array": a NULL array reads back as
    // a NULL scalar); embedded objects are strings tagged with EmbeddedObject (DSP0201), as
    // pywbem and OpenPegasus send them.
    if (value.type() != CimType::Invalid)
        xml.writeAttribute(QStringLiteral("PARAMTYPE"), typeName(value.type()));
    writeEmbeddedObjectAttribute(xml, value.embeddedKind());
    writeValue(xml, value);
    endElement(xml);
}

void CimXmlWriter::writeError(QXmlStreamWriter &xml, const CimStatus &status)
{
    xml.writeStartElement(QStringLiteral("ERROR"));
    xml.writeAttribute(QStringLiteral("CODE"), QString::number(status.code()));
    if (!status.description().isEmpty())
        xml.writeAttribute(QStringLiteral("DESCRIPTION"), status.description());
    for (const CimInstance &instance : status.errorInstances())
        writeInstance(xml, instance);
    endElement(xml);
}

QString CimXmlWriter::embeddedObjectText(const CimValue &value)
{
    if (value.isArray() || value.isNull() || value.embeddedKind() == CimEmbeddedKind::None)
        return {};
    QString text;
    QXmlStreamWriter xml(&text);
    if (value.holdsInstance())
        writeInstance(xml, value.toEmbeddedInstance());
    else if (value.holdsClass())
        writeClass(xml, value.toEmbeddedClass());
    return text;
}

} // namespace cimdiag
