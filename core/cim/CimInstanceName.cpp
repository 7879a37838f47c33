// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimInstanceName.h"

#include "core/cim/CimMof.h"
#include "core/cim/CimWbemUriParser.h"

#include <QHashFunctions>

#include <algorithm>

namespace cimdiag {

namespace {


// DSP0201 KEYVALUE has only three VALUETYPEs (string, boolean, numeric) plus references, and key
// values arrive untyped from WBEM URIs, so keys compare by that category and value: uint64 5 from a
// URI equals uint32 5 from CIM-XML, as they do in pywbem (whose integers compare by value).
enum class KeyCategory : quint8 { Null, Text, Boolean, Numeric, Reference, Other };

KeyCategory keyCategory(const CimValue &v)
{
    if (v.isNull())
        return KeyCategory::Null;
    if (v.isArray() || v.embeddedKind() != CimEmbeddedKind::None)
        return KeyCategory::Other;
    switch (v.type()) {
    case CimType::String:
    case CimType::Char16:
    case CimType::DateTime:
        return KeyCategory::Text;
    case CimType::Boolean:
        return KeyCategory::Boolean;
    case CimType::Reference:
        return KeyCategory::Reference;
    case CimType::Invalid:
        return KeyCategory::Other;
    default:
        return KeyCategory::Numeric;
    }
}

QString keyText(const CimValue &v)
{
    return v.type() == CimType::DateTime ? v.toDateTime().toString() : v.toString();
}

bool integersEqual(const CimValue &a, const CimValue &b)
{
    const bool aNegative = isSignedIntegerType(a.type()) && a.toSigned() < 0;
    const bool bNegative = isSignedIntegerType(b.type()) && b.toSigned() < 0;
    if (aNegative != bNegative)
        return false;
    return aNegative ? a.toSigned() == b.toSigned() : a.toUnsigned() == b.toUnsigned();
}

bool keyValuesEqual(const CimValue &a, const CimValue &b)
{
    const KeyCategory category = keyCategory(a);
    if (category != keyCategory(b))
        return false;
    switch (category) {
    case KeyCategory::Null:
        return true;
    case KeyCategory::Text:
        return keyText(a) == keyText(b);
    case KeyCategory::Boolean:
        return a.toBool() == b.toBool();
    case KeyCategory::Numeric:
        if (isIntegerType(a.type()) && isIntegerType(b.type()))
            return integersEqual(a, b);
        // A real32 key written as "0.1" reads back as real64 0.1: compare at the narrower precision.
        if (a.type() == CimType::Real32 || b.type() == CimType::Real32)
            return static_cast<float>(a.toReal()) == static_cast<float>(b.toReal());
        return a.toReal() == b.toReal();
    case KeyCategory::Reference:
        return a.toReference() == b.toReference();
    case KeyCategory::Other:
        break;
    }
    return a == b;
}

// Consistent with keyValuesEqual: numbers hash by their value rounded to float, which every equal pair
// shares (equal doubles, a real32 and the real64 it equals, an integer and its real); unequal values
// may collide, which is allowed.
size_t keyValueHash(const CimValue &v)
{
    switch (keyCategory(v)) {
    case KeyCategory::Null:
        return 0;
    case KeyCategory::Text:
        return qHash(keyText(v));
    case KeyCategory::Boolean:
        return ::qHash(v.toBool());
    case KeyCategory::Numeric:
        return ::qHash(static_cast<float>(v.toReal()));
    case KeyCategory::Reference:
        return qHash(v.toReference());
    case KeyCategory::Other:
        break;
    }
    return qHash(CimMof::value(v));
}

QString keyValueUri(const CimValue &v, CimInstanceName::UriFormat format)
{
    if (v.isNull() || v.isArray())
        return QStringLiteral("\"\""); // KEYVALUE has no NULL: an empty key is what the wire carries
    switch (v.type()) {
    case CimType::Char16:
        return u'\'' + CimWbemUriParser::escaped(v.toString(), u'\'') + u'\'';
    case CimType::DateTime:
        return u'"' + v.toDateTime().toString() + u'"';
    case CimType::Reference:
        return u'"' + CimWbemUriParser::escaped(v.toReference().toWbemUri(format), u'"') + u'"';
    case CimType::Boolean:
        return v.toBool() ? QStringLiteral("TRUE") : QStringLiteral("FALSE");
    case CimType::String:
    case CimType::Invalid:
        return u'"' + CimWbemUriParser::escaped(v.toString(), u'"') + u'"';
    default:
        // Integers in decimal; reals in shortest round-trip form with a '.', so they read back as reals.
        return CimMof::value(v);
    }
}

} // namespace

CimInstanceName::CimInstanceName(
    QString className, CimNamedList<CimKeyBinding> keyBindings, QString nameSpace, QString host)
    : m_className(std::move(className))
    , m_nameSpace(cimNamespaceWithoutSlashes(nameSpace))
    , m_host(std::move(host))
    , m_keyBindings(std::move(keyBindings))
{ }

void CimInstanceName::setNameSpace(const QString &nameSpace)
{
    m_nameSpace = cimNamespaceWithoutSlashes(nameSpace);
}

CimValue CimInstanceName::keyBinding(QStringView name) const
{
    const CimKeyBinding *binding = m_keyBindings.find(name);
    return binding ? binding->value() : CimValue();
}

void CimInstanceName::setKeyBinding(const QString &name, const CimValue &value)
{
    m_keyBindings.insert(CimKeyBinding(name, value));
}

QString CimInstanceName::toWbemUri(UriFormat format) const
{
    const bool canonical = format == UriFormat::Canonical;
    const auto cased = [canonical](const QString &s) { return canonical ? s.toLower() : s; };

    // pywbem's to_wbem_uri(): the cimobject form never has a host nor a leading '/'; the historical
    // form drops the '/' when there is no host and the ':' when there is no namespace.
    QString uri;
    if (!m_host.isEmpty() && format != UriFormat::CimObject)
        uri += QStringLiteral("//") + cased(m_host);
    if ((!m_host.isEmpty() && format != UriFormat::CimObject)
        || (format != UriFormat::CimObject && format != UriFormat::Historical))
        uri += u'/';
    uri += cased(m_nameSpace);
    if (!m_nameSpace.isEmpty() || format != UriFormat::Historical)
        uri += u':';
    uri += cased(m_className);
    uri += u'.';

    QList<const CimKeyBinding *> keys;
    keys.reserve(m_keyBindings.size());
    for (const CimKeyBinding &binding : m_keyBindings)
        keys.append(&binding);
    if (canonical) {
        std::stable_sort(keys.begin(), keys.end(),
            [](const CimKeyBinding *a, const CimKeyBinding *b) { return a->name().toLower() < b->name().toLower(); });
    }
    for (qsizetype i = 0; i < keys.size(); ++i) {
        if (i > 0)
            uri += u',';
        uri += cased(keys[i]->name()) + u'=' + keyValueUri(keys[i]->value(), format);
    }
    return uri;
}

std::optional<CimInstanceName> CimInstanceName::fromWbemUri(QStringView uri, QString *error)
{
    CimWbemUriParser parser(uri);
    CimWbemUriParser::Path path;
    CimNamedList<CimKeyBinding> keys;
    if (!parser.parsePath(&path) || !parser.parseKeyBindings(&keys)) {
        if (error)
            *error = parser.error();
        return std::nullopt;
    }
    return CimInstanceName(path.className, std::move(keys), path.nameSpace, path.host);
}

bool operator==(const CimInstanceName &a, const CimInstanceName &b)
{
    if (!cimNamesEqual(a.m_className, b.m_className) || !cimNamesEqual(a.m_nameSpace, b.m_nameSpace)
        || !cimNamesEqual(a.m_host, b.m_host) || a.m_keyBindings.size() != b.m_keyBindings.size())
        return false;
    for (const CimKeyBinding &key : a.m_keyBindings) {
        const CimKeyBinding *other = b.m_keyBindings.find(key.name());
        if (!other || !keyValuesEqual(key.value(), other->value()))
            return false;
    }
    return true;
}

size_t qHash(const CimInstanceName &name, size_t seed)
{
    // Summed so that key order does not matter, as it does not for ==.
    size_t keys = 0;
    for (const CimKeyBinding &key : name.keyBindings())
        keys += qHashMulti(0, key.name().toLower(), keyValueHash(key.value()));
    return qHashMulti(seed, name.className().toLower(), name.nameSpace().toLower(), name.host().toLower(), keys);
}

} // namespace cimdiag
