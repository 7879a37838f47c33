// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cimxml/CimXmlObjectDecoder.h"

#include "core/cimxml/CimXmlSaxParser.h"

#include <array>

namespace cimdiag {

namespace {

constexpr int kMaxEmbeddingDepth = 8;
constexpr qsizetype kMaxInternedNames = 8192;
using E = CimXmlElement;
using A = CimXmlAttribute;

std::optional<CimType> typeFromBytes(QByteArrayView name)
{
    // Every PROPERTY carries a TYPE: dispatch on length and a distinguishing letter before comparing.
    const auto is = [&](const char *candidate, CimType type) -> std::optional<CimType> {
        if (name == candidate)
            return type;
        return std::nullopt;
    };
    std::optional<CimType> type;
    switch (name.size()) {
    case 5:
        type = name[0] == 'u' ? is("uint8", CimType::UInt8) : is("sint8", CimType::SInt8);
        break;
    case 6:
        switch (name[0]) {
        case 's':
            type = name[1] == 't' ? is("string", CimType::String)
                 : name[4] == '1' ? is("sint16", CimType::SInt16)
                 : name[4] == '3' ? is("sint32", CimType::SInt32)
                                  : is("sint64", CimType::SInt64);
            break;
        case 'u':
            type = name[4] == '1' ? is("uint16", CimType::UInt16)
                 : name[4] == '3' ? is("uint32", CimType::UInt32)
                                  : is("uint64", CimType::UInt64);
            break;
        case 'r':
            type = name[4] == '3' ? is("real32", CimType::Real32) : is("real64", CimType::Real64);
            break;
        case 'c':
            type = is("char16", CimType::Char16);
            break;
        default:
            break;
        }
        break;
    case 7:
        type = is("boolean", CimType::Boolean);
        break;
    case 8:
        type = is("datetime", CimType::DateTime);
        break;
    case 9:
        type = is("reference", CimType::Reference);
        break;
    default:
        break;
    }
    if (type)
        return type;
    // Some servers capitalise type names ("Uint32"); fall back to the case-insensitive look-up.
    return cimTypeFromName(QString::fromLatin1(name));
}

// DSP0200 declares the type of every intrinsic parameter; IPARAMVALUE does not carry it.
CimType intrinsicParameterType(QStringView name)
{
    static const std::array<const char16_t *, 6> kBooleans{u"LocalOnly",          u"DeepInheritance",
                                                           u"IncludeQualifiers",  u"IncludeClassOrigin",
                                                           u"ContinueOnError",    u"ReturnQueryResultClass"};
    for (const char16_t *candidate : kBooleans) {
        if (cimNamesEqual(name, QStringView(candidate)))
            return CimType::Boolean;
    }
    if (cimNamesEqual(name, u"MaxObjectCount") || cimNamesEqual(name, u"OperationTimeout"))
        return CimType::UInt32;
    return CimType::String;
}

} // namespace

CimXmlObjectDecoder::CimXmlObjectDecoder(const CimXmlNodeTree *tree, CimXmlLimits limits, int embeddingDepth)
    : m_tree(tree)
    , m_limits(limits)
    , m_embeddingDepth(embeddingDepth)
{
}

void CimXmlObjectDecoder::fail(int node, const QString &message) const
{
    throw Failure{message, node};
}

void CimXmlObjectDecoder::unexpected(int parent, int child) const
{
    fail(child, QStringLiteral("<%1> is not allowed here in <%2>")
                    .arg(cimXmlElementName(m_tree->node(child).element),
                         cimXmlElementName(m_tree->node(parent).element)));
}

QString CimXmlObjectDecoder::interned(QByteArrayView name)
{
    // Property, class and qualifier names repeat in every instance of an enumeration: share one QString.
    const QByteArray key = QByteArray::fromRawData(name.data(), name.size());
    const auto it = m_names.constFind(key);
    if (it != m_names.cend())
        return *it;
    QString value = QString::fromUtf8(name);
    if (m_names.size() < kMaxInternedNames)
        m_names.insert(QByteArray(name.data(), name.size()), value);
    return value;
}

QString CimXmlObjectDecoder::requiredAttribute(int node, CimXmlAttribute attribute)
{
    const auto value = m_tree->attribute(node, attribute);
    if (!value)
        fail(node, QStringLiteral("<%1> lacks the required attribute %2")
                       .arg(cimXmlElementName(m_tree->node(node).element), cimXmlAttributeName(attribute)));
    return interned(*value);
}

QString CimXmlObjectDecoder::optionalAttribute(int node, CimXmlAttribute attribute)
{
    const auto value = m_tree->attribute(node, attribute);
    return value ? interned(*value) : QString();
}

std::optional<CimType> CimXmlObjectDecoder::optionalType(int node, CimXmlAttribute attribute)
{
    const auto value = m_tree->attribute(node, attribute);
    // An empty TYPE counts as absent: the WBEM Solutions server sends TYPE="" (pywbem tolerates it).
    if (!value || value->trimmed().isEmpty())
        return std::nullopt;
    const auto type = typeFromBytes(*value);
    if (!type)
        fail(node, QStringLiteral("%1=\"%2\" is not a CIM type").arg(cimXmlAttributeName(attribute),
                                                                    QString::fromUtf8(*value)));
    return type;
}

CimType CimXmlObjectDecoder::requiredType(int node, CimXmlAttribute attribute)
{
    const auto type = optionalType(node, attribute);
    if (!type)
        fail(node, QStringLiteral("<%1> lacks the required attribute %2")
                       .arg(cimXmlElementName(m_tree->node(node).element), cimXmlAttributeName(attribute)));
    return *type;
}

bool CimXmlObjectDecoder::booleanAttribute(int node, CimXmlAttribute attribute, bool defaultValue)
{
    const auto value = m_tree->attribute(node, attribute);
    if (!value)
        return defaultValue;
    const QByteArrayView v = value->trimmed();
    if (qstrnicmp(v.data(), v.size(), "true") == 0)
        return true;
    if (qstrnicmp(v.data(), v.size(), "false") == 0)
        return false;
    fail(node, QStringLiteral("%1=\"%2\" must be true or false").arg(cimXmlAttributeName(attribute),
                                                                    QString::fromUtf8(*value)));
}

int CimXmlObjectDecoder::arraySize(int node)
{
    const auto value = m_tree->attribute(node, A::ArraySize);
    if (!value)
        return -1;
    bool ok = false;
    const int size = value->toByteArray().trimmed().toInt(&ok);
    if (!ok || size < 0)
        fail(node, QStringLiteral("ARRAYSIZE=\"%1\" is not a non-negative integer").arg(QString::fromUtf8(*value)));
    return size;
}

CimEmbeddedKind CimXmlObjectDecoder::embeddedKind(int node)
{
    const auto value = m_tree->attribute(node, A::EmbeddedObject);
    if (!value)
        return CimEmbeddedKind::None;
    const QByteArray lower = value->toByteArray().toLower();
    if (lower == "instance")
        return CimEmbeddedKind::Instance;
    if (lower == "object")
        return CimEmbeddedKind::Object;
    fail(node, QStringLiteral("EmbeddedObject=\"%1\" must be \"object\" or \"instance\"").arg(QString::fromUtf8(*value)));
}

CimFlavors CimXmlObjectDecoder::flavors(int node)
{
    CimFlavors f;
    f.overridable = booleanAttribute(node, A::Overridable, true);
    f.toSubclass = booleanAttribute(node, A::ToSubclass, true);
    f.toInstance = booleanAttribute(node, A::ToInstance, false);
    f.translatable = booleanAttribute(node, A::Translatable, false);
    return f;
}


// ---- values ------------------------------------------------------------------------------------

CimValue CimXmlObjectDecoder::scalar(int node, CimType type, CimEmbeddedKind embedded)
{
    const QByteArrayView text = m_tree->text(node);
    if (embedded != CimEmbeddedKind::None)
        return embeddedObject(node, text, embedded);
    if (type == CimType::Reference)
        fail(node, QStringLiteral("a reference must be given as VALUE.REFERENCE, not VALUE"));
    QString reason;
    auto value = CimValue::fromCimXmlText(type, text, &reason);
    if (!value)
        fail(node, reason);
    return std::move(*value);
}

CimValue CimXmlObjectDecoder::embeddedObject(int node, QByteArrayView xml, CimEmbeddedKind embedded)
{
    if (xml.trimmed().isEmpty())
        return CimValue::null(CimType::String, false, embedded);
    if (m_embeddingDepth >= kMaxEmbeddingDepth)
        fail(node, QStringLiteral("embedded objects nest deeper than the limit of %1").arg(kMaxEmbeddingDepth));
    // DSP0201 5.1.1: the VALUE text is the escaped XML of an INSTANCE or CLASS element.
    CimXmlNodeTree tree;
    CimXmlSaxParser parser(&tree, m_limits);
    if (!parser.feed(xml) || !parser.finish())
        fail(node, QStringLiteral("embedded object: ") + parser.error().toString());
    const int root = parser.root();
    const CimXmlElement rootElement = tree.node(root).element;
    if (rootElement != E::Instance && rootElement != E::Class)
        fail(node, QStringLiteral("an embedded object must be an INSTANCE or CLASS, not <%1>")
                       .arg(cimXmlElementName(rootElement)));
    if (rootElement == E::Class && embedded == CimEmbeddedKind::Instance)
        fail(node, QStringLiteral("EmbeddedObject=\"instance\" holds a CLASS"));
    CimXmlObjectDecoder nested(&tree, m_limits, m_embeddingDepth + 1);
    try {
        if (rootElement == E::Instance)
            return CimValue::embeddedInstance(nested.instance(root), embedded);
        return CimValue::embeddedClass(nested.cimClass(root));
    } catch (const Failure &inner) {
        // inner.node indexes the nested tree: report it inside the outer element's location.
        fail(node, QStringLiteral("embedded object, at %1: %2").arg(tree.path(inner.node), inner.message));
    }
}

CimValue CimXmlObjectDecoder::value(int node, CimType type, CimEmbeddedKind embedded)
{
    const CimXmlNodeTree::Node &n = m_tree->node(node);
    switch (n.element) {
    case E::Value:
        return scalar(node, type, embedded);
    case E::ValueNull:
        return CimValue::null(type, false, embedded);
    case E::ValueReference:
        if (type != CimType::Reference && type != CimType::String)
            fail(node, QStringLiteral("a VALUE.REFERENCE where a %1 value is required").arg(cimTypeName(type)));
        return referenceValue(node);
    case E::ValueArray:
    case E::ValueRefArray: {
        const bool refs = n.element == E::ValueRefArray;
        QList<CimValue> elements;
        elements.reserve(n.childCount);
        for (int c = n.firstChild; c != CimXmlNodeTree::kNone; c = m_tree->node(c).nextSibling) {
            const CimXmlElement e = m_tree->node(c).element;
            if (e == E::ValueNull)
                elements.append(CimValue::null(refs ? CimType::Reference : type, false, embedded));
            else if (!refs && e == E::Value)
                elements.append(scalar(c, type, embedded));
            else if (refs && e == E::ValueReference)
                elements.append(referenceValue(c));
            else
                unexpected(node, c);
        }
        QString reason;
        auto array = CimValue::array(refs ? CimType::Reference : type, elements, embedded, &reason);
        if (!array)
            fail(node, reason);
        return std::move(*array);
    }
    default:
        fail(node, QStringLiteral("a value element (VALUE, VALUE.ARRAY, VALUE.REFERENCE) is required here, not <%1>")
                       .arg(cimXmlElementName(n.element)));
    }
}

CimValue CimXmlObjectDecoder::referenceValue(int node)
{
    const CimXmlNodeTree::Node &n = m_tree->node(node);
    if (n.childCount != 1 || n.firstChild == CimXmlNodeTree::kNone)
        fail(node, QStringLiteral("<VALUE.REFERENCE> must hold exactly one path element"));
    const int c = n.firstChild;
    switch (m_tree->node(c).element) {
    case E::InstancePath:
    case E::LocalInstancePath:
        return CimValue::reference(instancePath(c));
    case E::InstanceName:
        return CimValue::reference(instanceName(c));
    case E::ClassPath:
    case E::LocalClassPath:
    case E::ClassName: {
        // A reference to a class: kept as an instance path without keys (CimValue references are
        // instance paths).
        const CimClassName cls = m_tree->node(c).element == E::ClassName ? className(c) : classPath(c);
        return CimValue::reference(CimInstanceName(cls.className(), {}, cls.nameSpace(), cls.host()));
    }
    default:
        unexpected(node, c);
    }
}

// ---- paths -------------------------------------------------------------------------------------

QString CimXmlObjectDecoder::localNamespacePath(int node)
{
    const CimXmlNodeTree::Node &n = m_tree->node(node);
    if (n.element != E::LocalNamespacePath)
        fail(node, QStringLiteral("<LOCALNAMESPACEPATH> is required here, not <%1>").arg(cimXmlElementName(n.element)));
    QString nameSpace;
    for (int c = n.firstChild; c != CimXmlNodeTree::kNone; c = m_tree->node(c).nextSibling) {
        if (m_tree->node(c).element != E::Namespace)
            unexpected(node, c);
        const QString part = requiredAttribute(c, A::Name);
        if (!nameSpace.isEmpty())
            nameSpace += u'/';
        nameSpace += part;
    }
    if (nameSpace.isEmpty())
        fail(node, QStringLiteral("<LOCALNAMESPACEPATH> holds no NAMESPACE"));
    return cimNamespaceWithoutSlashes(nameSpace);
}

void CimXmlObjectDecoder::namespacePath(int node, QString *host, QString *nameSpace)
{
    const CimXmlNodeTree::Node &n = m_tree->node(node);
    if (n.element == E::LocalNamespacePath) {
        *nameSpace = localNamespacePath(node);
        return;
    }
    if (n.element != E::NamespacePath)
        fail(node, QStringLiteral("<NAMESPACEPATH> is required here, not <%1>").arg(cimXmlElementName(n.element)));
    const int hostNode = n.firstChild;
    if (hostNode == CimXmlNodeTree::kNone || m_tree->node(hostNode).element != E::Host)
        fail(node, QStringLiteral("<NAMESPACEPATH> must start with <HOST>"));
    const int local = m_tree->node(hostNode).nextSibling;
    if (local == CimXmlNodeTree::kNone)
        fail(node, QStringLiteral("<NAMESPACEPATH> lacks <LOCALNAMESPACEPATH>"));
    if (m_tree->node(local).nextSibling != CimXmlNodeTree::kNone)
        unexpected(node, m_tree->node(local).nextSibling);
    *host = QString::fromUtf8(m_tree->text(hostNode)).trimmed();
    *nameSpace = localNamespacePath(local);
}

CimClassName CimXmlObjectDecoder::className(int node)
{
    if (m_tree->node(node).element != E::ClassName)
        fail(node, QStringLiteral("<CLASSNAME> is required here, not <%1>")
                       .arg(cimXmlElementName(m_tree->node(node).element)));
    if (m_tree->node(node).firstChild != CimXmlNodeTree::kNone)
        unexpected(node, m_tree->node(node).firstChild);
    return CimClassName(requiredAttribute(node, A::Name));
}

CimClassName CimXmlObjectDecoder::classPath(int node)
{
    const CimXmlNodeTree::Node &n = m_tree->node(node);
    const int first = n.firstChild;
    const int second = first == CimXmlNodeTree::kNone ? CimXmlNodeTree::kNone : m_tree->node(first).nextSibling;
    if (first == CimXmlNodeTree::kNone || second == CimXmlNodeTree::kNone)
        fail(node, QStringLiteral("<%1> needs a namespace path and a CLASSNAME").arg(cimXmlElementName(n.element)));
    if (m_tree->node(second).nextSibling != CimXmlNodeTree::kNone)
        unexpected(node, m_tree->node(second).nextSibling);
    QString host;
    QString nameSpace;
    const CimXmlElement expected = n.element == E::ClassPath ? E::NamespacePath : E::LocalNamespacePath;
    if (m_tree->node(first).element != expected)
        unexpected(node, first);
    namespacePath(first, &host, &nameSpace);
    CimClassName result = className(second);
    result.setHost(host);
    result.setNameSpace(nameSpace);
    return result;
}

CimValue CimXmlObjectDecoder::keyValue(int node)
{
    const QByteArrayView text = m_tree->text(node);
    if (const auto type = optionalType(node, A::Type))
        return scalar(node, *type, CimEmbeddedKind::None);
    // DSP0203 2.3.1 made TYPE optional and many servers omit it: infer from VALUETYPE as pywbem does.
    const auto valueType = m_tree->attribute(node, A::ValueType);
    const QByteArray kind = valueType ? valueType->toByteArray().toLower() : QByteArray("string");
    if (kind == "string")
        return CimValue::string(QString::fromUtf8(text));
    if (kind == "boolean")
        return scalar(node, CimType::Boolean, CimEmbeddedKind::None);
    if (kind == "numeric") {
        const QByteArrayView t = text.trimmed();
        if (t.contains('.') || t.contains('e') || t.contains('E'))
            return scalar(node, CimType::Real64, CimEmbeddedKind::None);
        return scalar(node, t.startsWith('-') ? CimType::SInt64 : CimType::UInt64, CimEmbeddedKind::None);
    }
    fail(node, QStringLiteral("VALUETYPE=\"%1\" must be string, boolean or numeric").arg(QString::fromUtf8(*valueType)));
}

CimKeyBinding CimXmlObjectDecoder::keyBinding(int node)
{
    const QString name = requiredAttribute(node, A::Name);
    const CimXmlNodeTree::Node &n = m_tree->node(node);
    if (n.childCount != 1 || n.firstChild == CimXmlNodeTree::kNone)
        fail(node, QStringLiteral("<KEYBINDING> must hold one KEYVALUE or VALUE.REFERENCE"));
    const int c = n.firstChild;
    switch (m_tree->node(c).element) {
    case E::KeyValue:
        return {name, keyValue(c)};
    case E::ValueReference:
        return {name, referenceValue(c)};
    default:
        unexpected(node, c);
    }
}

CimInstanceName CimXmlObjectDecoder::instanceName(int node)
{
    const CimXmlNodeTree::Node &n = m_tree->node(node);
    if (n.element != E::InstanceName)
        fail(node, QStringLiteral("<INSTANCENAME> is required here, not <%1>").arg(cimXmlElementName(n.element)));
    CimInstanceName result(requiredAttribute(node, A::ClassName));
    UniqueNames keyNames;
    for (int c = n.firstChild; c != CimXmlNodeTree::kNone; c = m_tree->node(c).nextSibling) {
        switch (m_tree->node(c).element) {
        case E::KeyBinding:
            insertUnique(result.keyBindings(), keyNames, keyBinding(c), c, "key binding");
            break;
        case E::KeyValue:
        case E::ValueReference:
            // DSP0201: a single unnamed key (KEYVALUE? | VALUE.REFERENCE?).
            if (n.childCount != 1)
                unexpected(node, c);
            result.keyBindings().insert(CimKeyBinding(QString(), m_tree->node(c).element == E::KeyValue
                                                                     ? keyValue(c)
                                                                     : referenceValue(c)));
            break;
        default:
            unexpected(node, c);
        }
    }
    return result;
}

CimInstanceName CimXmlObjectDecoder::instancePath(int node)
{
    const CimXmlNodeTree::Node &n = m_tree->node(node);
    if (n.element != E::InstancePath && n.element != E::LocalInstancePath)
        fail(node, QStringLiteral("<INSTANCEPATH> is required here, not <%1>").arg(cimXmlElementName(n.element)));
    const int first = n.firstChild;
    const int second = first == CimXmlNodeTree::kNone ? CimXmlNodeTree::kNone : m_tree->node(first).nextSibling;
    if (first == CimXmlNodeTree::kNone || second == CimXmlNodeTree::kNone)
        fail(node, QStringLiteral("<%1> needs a namespace path and an INSTANCENAME").arg(cimXmlElementName(n.element)));
    if (m_tree->node(second).nextSibling != CimXmlNodeTree::kNone)
        unexpected(node, m_tree->node(second).nextSibling);
    const CimXmlElement expected = n.element == E::InstancePath ? E::NamespacePath : E::LocalNamespacePath;
    if (m_tree->node(first).element != expected)
        unexpected(node, first);
    QString host;
    QString nameSpace;
    namespacePath(first, &host, &nameSpace);
    CimInstanceName result = instanceName(second);
    result.setHost(host);
    result.setNameSpace(nameSpace);
    return result;
}

std::variant<CimInstanceName, CimClassName> CimXmlObjectDecoder::objectPath(int node)
{
    const CimXmlNodeTree::Node &n = m_tree->node(node);
    if (n.childCount != 1 || n.firstChild == CimXmlNodeTree::kNone)
        fail(node, QStringLiteral("<OBJECTPATH> must hold one INSTANCEPATH or CLASSPATH"));
    const int c = n.firstChild;
    if (m_tree->node(c).element == E::InstancePath)
        return instancePath(c);
    if (m_tree->node(c).element == E::ClassPath)
        return classPath(c);
    unexpected(node, c);
}

// ---- objects -----------------------------------------------------------------------------------

CimQualifier CimXmlObjectDecoder::qualifier(int node)
{
    const QString name = requiredAttribute(node, A::Name);
    const CimType type = requiredType(node, A::Type);
    const CimXmlNodeTree::Node &n = m_tree->node(node);
    CimValue v = CimValue::null(type);
    if (n.firstChild != CimXmlNodeTree::kNone) {
        const CimXmlElement e = m_tree->node(n.firstChild).element;
        if (n.childCount != 1 || (e != E::Value && e != E::ValueArray))
            unexpected(node, n.firstChild);
        v = value(n.firstChild, type);
    }
    return {name, v, flavors(node), booleanAttribute(node, A::Propagated, false)};
}

CimProperty CimXmlObjectDecoder::property(int node)
{
    const CimXmlNodeTree::Node &n = m_tree->node(node);
    const QString name = requiredAttribute(node, A::Name);
    CimProperty result;
    UniqueNames qualifierNames;
    CimType type = CimType::Reference;
    CimEmbeddedKind embedded = CimEmbeddedKind::None;
    CimXmlElement valueElement = E::ValueReference;
    const bool isArray = n.element == E::PropertyArray;
    if (n.element == E::PropertyReference) {
        result.setReferenceClass(optionalAttribute(node, A::ReferenceClass));
    } else {
        type = requiredType(node, A::Type);
        embedded = embeddedKind(node);
        valueElement = isArray ? E::ValueArray : E::Value;
        if (isArray)
            result.setArraySize(arraySize(node));
    }
    CimValue v = CimValue::null(type, isArray, embedded);
    bool seenValue = false;
    for (int c = n.firstChild; c != CimXmlNodeTree::kNone; c = m_tree->node(c).nextSibling) {
        const CimXmlElement e = m_tree->node(c).element;
        if (e == E::Qualifier && !seenValue) {
            insertUnique(result.qualifiers(), qualifierNames, qualifier(c), c, "qualifier");
        } else if ((e == valueElement || e == E::ValueNull) && !seenValue) {
            seenValue = true;
            if (e == valueElement)
                v = value(c, type, embedded);
        } else {
            unexpected(node, c);
        }
    }
    // The older form of embedded objects: a string property qualified EmbeddedObject/EmbeddedInstance.
    if (embedded == CimEmbeddedKind::None && type == CimType::String && !v.isNull()
        && (std::as_const(result).qualifiers().contains(u"EmbeddedObject")
            || std::as_const(result).qualifiers().contains(u"EmbeddedInstance"))) {
        const CimEmbeddedKind kind = std::as_const(result).qualifiers().contains(u"EmbeddedInstance")
            ? CimEmbeddedKind::Instance
                                                                                       : CimEmbeddedKind::Object;
        for (int c = n.firstChild; c != CimXmlNodeTree::kNone; c = m_tree->node(c).nextSibling) {
            if (m_tree->node(c).element == valueElement)
                v = value(c, type, kind);
        }
    }
    result.setName(name);
    result.setValue(std::move(v));
    if (const auto origin = m_tree->attribute(node, A::ClassOrigin))
        result.setClassOrigin(interned(*origin));
    result.setPropagated(booleanAttribute(node, A::Propagated, false));
    return result;
}

CimInstance CimXmlObjectDecoder::instance(int node)
{
    const CimXmlNodeTree::Node &n = m_tree->node(node);
    if (n.element != E::Instance)
        fail(node, QStringLiteral("<INSTANCE> is required here, not <%1>").arg(cimXmlElementName(n.element)));
    CimInstance result(requiredAttribute(node, A::ClassName));
    UniqueNames qualifierNames;
    UniqueNames propertyNames;
    result.properties().reserve(n.childCount);
    bool seenProperty = false;
    for (int c = n.firstChild; c != CimXmlNodeTree::kNone; c = m_tree->node(c).nextSibling) {
        switch (m_tree->node(c).element) {
        case E::Qualifier:
            if (seenProperty)
                unexpected(node, c);
            insertUnique(result.qualifiers(), qualifierNames, qualifier(c), c, "qualifier");
            break;
        case E::Property:
        case E::PropertyArray:
        case E::PropertyReference:
            seenProperty = true;
            insertUnique(result.properties(), propertyNames, property(c), c, "property");
            break;
        default:
            unexpected(node, c);
        }
    }
    return result;
}

CimParameter CimXmlObjectDecoder::parameter(int node)
{
    const CimXmlNodeTree::Node &n = m_tree->node(node);
    CimParameter result;
    UniqueNames qualifierNames;
    result.setName(requiredAttribute(node, A::Name));
    switch (n.element) {
    case E::Parameter:
        result.setType(requiredType(node));
        break;
    case E::ParameterArray:
        result.setType(requiredType(node));
        result.setArray(true);
        result.setArraySize(arraySize(node));
        break;
    case E::ParameterReference:
        result.setType(CimType::Reference);
        result.setReferenceClass(optionalAttribute(node, A::ReferenceClass));
        break;
    default: // ParameterRefArray
        result.setType(CimType::Reference);
        result.setArray(true);
        result.setArraySize(arraySize(node));
        result.setReferenceClass(optionalAttribute(node, A::ReferenceClass));
        break;
    }
    for (int c = n.firstChild; c != CimXmlNodeTree::kNone; c = m_tree->node(c).nextSibling) {
        if (m_tree->node(c).element != E::Qualifier)
            unexpected(node, c);
        insertUnique(result.qualifiers(), qualifierNames, qualifier(c), c, "qualifier");
    }
    return result;
}

CimMethod CimXmlObjectDecoder::method(int node)
{
    const CimXmlNodeTree::Node &n = m_tree->node(node);
    CimMethod result(requiredAttribute(node, A::Name), optionalType(node, A::Type).value_or(CimType::Invalid));
    UniqueNames qualifierNames;
    UniqueNames parameterNames;
    result.setClassOrigin(optionalAttribute(node, A::ClassOrigin));
    result.setPropagated(booleanAttribute(node, A::Propagated, false));
    bool seenParameter = false;
    for (int c = n.firstChild; c != CimXmlNodeTree::kNone; c = m_tree->node(c).nextSibling) {
        switch (m_tree->node(c).element) {
        case E::Qualifier:
            if (seenParameter)
                unexpected(node, c);
            insertUnique(result.qualifiers(), qualifierNames, qualifier(c), c, "qualifier");
            break;
        case E::Parameter:
        case E::ParameterArray:
        case E::ParameterReference:
        case E::ParameterRefArray:
            seenParameter = true;
            insertUnique(result.parameters(), parameterNames, parameter(c), c, "parameter");
            break;
        default:
            unexpected(node, c);
        }
    }
    return result;
}

CimClass CimXmlObjectDecoder::cimClass(int node)
{
    const CimXmlNodeTree::Node &n = m_tree->node(node);
    if (n.element != E::Class)
        fail(node, QStringLiteral("<CLASS> is required here, not <%1>").arg(cimXmlElementName(n.element)));
    CimClass result(requiredAttribute(node, A::Name), optionalAttribute(node, A::SuperClass));
    UniqueNames qualifierNames;
    UniqueNames propertyNames;
    UniqueNames methodNames;
    int stage = 0; // 0 qualifiers, 1 properties, 2 methods: DSP0201 fixes this order
    for (int c = n.firstChild; c != CimXmlNodeTree::kNone; c = m_tree->node(c).nextSibling) {
        switch (m_tree->node(c).element) {
        case E::Qualifier:
            if (stage > 0)
                unexpected(node, c);
            insertUnique(result.qualifiers(), qualifierNames, qualifier(c), c, "qualifier");
            break;
        case E::Property:
        case E::PropertyArray:
        case E::PropertyReference:
            if (stage > 1)
                unexpected(node, c);
            stage = 1;
            insertUnique(result.properties(), propertyNames, property(c), c, "property");
            break;
        case E::Method:
            stage = 2;
            insertUnique(result.methods(), methodNames, method(c), c, "method");
            break;
        default:
            unexpected(node, c);
        }
    }
    return result;
}

std::variant<CimInstance, CimClass> CimXmlObjectDecoder::object(int node)
{
    const CimXmlNodeTree::Node &n = m_tree->node(node);
    const int first = n.firstChild;
    if (first == CimXmlNodeTree::kNone)
        fail(node, QStringLiteral("<%1> is empty").arg(cimXmlElementName(n.element)));
    const int second = m_tree->node(first).nextSibling;
    const auto expectEnd = [&](int last) {
        if (m_tree->node(last).nextSibling != CimXmlNodeTree::kNone)
            unexpected(node, m_tree->node(last).nextSibling);
    };
    const auto requireSecond = [&](const char *what) {
        if (second == CimXmlNodeTree::kNone)
            fail(node, QStringLiteral("<%1> lacks its %2").arg(cimXmlElementName(n.element), QLatin1String(what)));
    };
    const CimXmlElement firstElement = m_tree->node(first).element;
    switch (n.element) {
    case E::ValueObject:
        expectEnd(first);
        if (firstElement == E::Instance)
            return instance(first);
        if (firstElement == E::Class)
            return cimClass(first);
        unexpected(node, first);
    case E::ValueNamedObject:
        if (firstElement == E::Class) {
            expectEnd(first);
            return cimClass(first);
        }
        [[fallthrough]];
    case E::ValueNamedInstance: {
        if (firstElement != E::InstanceName)
            unexpected(node, first);
        requireSecond("INSTANCE");
        expectEnd(second);
        CimInstanceName path = instanceName(first);
        CimInstance result = instance(second);
        result.setPath(path);
        return result;
    }
    case E::ValueInstanceWithPath:
    case E::ValueObjectWithPath:
    case E::ValueObjectWithLocalPath: {
        requireSecond("object");
        expectEnd(second);
        const bool local = n.element == E::ValueObjectWithLocalPath;
        const CimXmlElement instancePathElement = local ? E::LocalInstancePath : E::InstancePath;
        const CimXmlElement classPathElement = local ? E::LocalClassPath : E::ClassPath;
        if (firstElement == instancePathElement) {
            CimInstanceName path = instancePath(first);
            CimInstance result = instance(second);
            result.setPath(path);
            return result;
        }
        if (firstElement == classPathElement && n.element != E::ValueInstanceWithPath) {
            CimClassName path = classPath(first);
            CimClass result = cimClass(second);
            result.setPath(path);
            return result;
        }
        unexpected(node, first);
    }
    default:
        fail(node, QStringLiteral("<%1> is not an object element").arg(cimXmlElementName(n.element)));
    }
}

CimQualifierDeclaration CimXmlObjectDecoder::qualifierDeclaration(int node)
{
    const CimXmlNodeTree::Node &n = m_tree->node(node);
    if (n.element != E::QualifierDeclaration)
        fail(node, QStringLiteral("<QUALIFIER.DECLARATION> is required here, not <%1>").arg(cimXmlElementName(n.element)));
    const CimType type = requiredType(node);
    const bool isArray = booleanAttribute(node, A::IsArray, false);
    CimQualifierDeclaration result(requiredAttribute(node, A::Name), type, isArray);
    result.setArraySize(arraySize(node));
    result.setFlavors(flavors(node));
    bool seenValue = false;
    for (int c = n.firstChild; c != CimXmlNodeTree::kNone; c = m_tree->node(c).nextSibling) {
        const CimXmlElement e = m_tree->node(c).element;
        if (e == E::Scope && !seenValue && result.scopes().isNone()) {
            CimScopes scopes;
            scopes.classScope = booleanAttribute(c, A::ScopeClass, false);
            scopes.association = booleanAttribute(c, A::ScopeAssociation, false);
            scopes.reference = booleanAttribute(c, A::ScopeReference, false);
            scopes.property = booleanAttribute(c, A::ScopeProperty, false);
            scopes.method = booleanAttribute(c, A::ScopeMethod, false);
            scopes.parameter = booleanAttribute(c, A::ScopeParameter, false);
            scopes.indication = booleanAttribute(c, A::ScopeIndication, false);
            result.setScopes(scopes);
        } else if (!seenValue && (e == (isArray ? E::ValueArray : E::Value))) {
            seenValue = true;
            result.setValue(value(c, type));
        } else {
            unexpected(node, c);
        }
    }
    return result;
}

// ---- messages ----------------------------------------------------------------------------------

CimStatus CimXmlObjectDecoder::error(int node)
{
    const QString codeText = requiredAttribute(node, A::Code);
    bool ok = false;
    const int code = codeText.trimmed().toInt(&ok);
    if (!ok || code < 0)
        fail(node, QStringLiteral("CODE=\"%1\" is not a CIM status code").arg(codeText));
    QList<CimInstance> instances;
    const CimXmlNodeTree::Node &n = m_tree->node(node);
    for (int c = n.firstChild; c != CimXmlNodeTree::kNone; c = m_tree->node(c).nextSibling) {
        if (m_tree->node(c).element != E::Instance)
            unexpected(node, c);
        instances.append(instance(c));
    }
    if (code == 0)
        fail(node, QStringLiteral("an ERROR with CODE 0 (success) is contradictory"));
    return {code, optionalAttribute(node, A::Description), instances};
}

void CimXmlObjectDecoder::paramType(int node, CimType *type, CimEmbeddedKind *embedded)
{
    // PARAMTYPE is a CIM type, "reference", or (DSP0201 2.4) "object"/"instance" for embedded objects;
    // without it the value is a string, as pywbem reads it.
    *embedded = embeddedKind(node);
    *type = CimType::String;
    const auto value = m_tree->attribute(node, A::ParamType);
    if (!value)
        return;
    const QByteArray lower = value->toByteArray().toLower();
    if (lower == "object" || lower == "instance") {
        if (*embedded == CimEmbeddedKind::None)
            *embedded = lower == "object" ? CimEmbeddedKind::Object : CimEmbeddedKind::Instance;
        return;
    }
    *type = requiredType(node, A::ParamType);
}

CimParamValue CimXmlObjectDecoder::paramValue(int node)
{
    const QString name = requiredAttribute(node, A::Name);
    CimType type = CimType::String;
    CimEmbeddedKind embedded = CimEmbeddedKind::None;
    paramType(node, &type, &embedded);
    const CimXmlNodeTree::Node &n = m_tree->node(node);
    if (n.firstChild == CimXmlNodeTree::kNone)
        return {name, CimValue::null(type, false, embedded)};
    if (n.childCount != 1)
        unexpected(node, m_tree->node(n.firstChild).nextSibling);
    const int c = n.firstChild;
    switch (m_tree->node(c).element) {
    case E::Value:
    case E::ValueArray:
    case E::ValueNull:
        return {name, value(c, type, embedded)};
    case E::ValueReference:
    case E::ValueRefArray:
        return {name, value(c, CimType::Reference)};
    case E::ClassName:
        return {name, CimValue::reference(CimInstanceName(className(c).className()))};
    case E::InstanceName:
        return {name, CimValue::reference(instanceName(c))};
    case E::Instance:
        return {name, CimValue::embeddedInstance(instance(c))};
    case E::Class:
        return {name, CimValue::embeddedClass(cimClass(c))};
    case E::ValueNamedInstance:
        return {name, CimValue::embeddedInstance(std::get<CimInstance>(object(c)))};
    default:
        unexpected(node, c);
    }
}

CimValue CimXmlObjectDecoder::returnValue(int node)
{
    CimType type = CimType::String;
    CimEmbeddedKind embedded = CimEmbeddedKind::None;
    paramType(node, &type, &embedded);
    const CimXmlNodeTree::Node &n = m_tree->node(node);
    if (n.firstChild == CimXmlNodeTree::kNone)
        return CimValue::null(type, false, embedded);
    if (n.childCount != 1)
        unexpected(node, m_tree->node(n.firstChild).nextSibling);
    const CimXmlElement e = m_tree->node(n.firstChild).element;
    if (e != E::Value && e != E::ValueReference)
        unexpected(node, n.firstChild);
    return value(n.firstChild, e == E::ValueReference ? CimType::Reference : type, embedded);
}

CimArgument CimXmlObjectDecoder::iparamValue(int node)
{
    const QString name = requiredAttribute(node, A::Name);
    const CimXmlNodeTree::Node &n = m_tree->node(node);
    if (n.firstChild == CimXmlNodeTree::kNone)
        return {name, {}};
    if (n.childCount != 1)
        unexpected(node, m_tree->node(n.firstChild).nextSibling);
    const int c = n.firstChild;
    switch (m_tree->node(c).element) {
    case E::Value:
        return {name, value(c, intrinsicParameterType(name))};
    case E::ValueArray:
        return {name, value(c, CimType::String)};
    case E::ValueReference:
        return {name, referenceValue(c)};
    case E::ClassName:
        return {name, className(c)};
    case E::InstanceName:
        return {name, instanceName(c)};
    case E::QualifierDeclaration:
        return {name, qualifierDeclaration(c)};
    case E::Class:
        return {name, cimClass(c)};
    case E::Instance:
        return {name, instance(c)};
    case E::ValueNamedInstance:
        return {name, std::get<CimInstance>(object(c))};
    default:
        unexpected(node, c);
    }
}

CimArgument CimXmlObjectDecoder::expParamValue(int node)
{
    const QString name = requiredAttribute(node, A::Name);
    const CimXmlNodeTree::Node &n = m_tree->node(node);
    if (n.firstChild == CimXmlNodeTree::kNone)
        return {name, {}};
    if (n.childCount != 1 || m_tree->node(n.firstChild).element != E::Instance)
        unexpected(node, n.childCount != 1 ? m_tree->node(n.firstChild).nextSibling : n.firstChild);
    return {name, instance(n.firstChild)};
}

} // namespace cimdiag
