// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimMof.h"

#include "core/cim/CimClass.h"
#include "core/cim/CimInstance.h"
#include "core/cim/CimInstanceName.h"
#include "core/cim/CimQualifierDeclaration.h"
#include "core/cim/CimValue.h"

#include <QStringList>

#include <charconv>
#include <cmath>

namespace cimdiag {

namespace {

constexpr int kIndent = 4;

QString spaces(int count)
{
    return QString(count, u' ');
}

// pywbem's _mof_escaped(): every escape DSP0004 defines, \xHHHH for the other control characters.
QString escaped(QStringView text)
{
    QString out;
    out.reserve(text.size() + 8);
    for (QChar c : text) {
        switch (c.unicode()) {
        case u'\\':
            out += QStringLiteral("\\\\");
            break;
        case u'"':
            out += QStringLiteral("\\\"");
            break;
        case u'\'':
            out += QStringLiteral("\\'");
            break;
        case u'\b':
            out += QStringLiteral("\\b");
            break;
        case u'\t':
            out += QStringLiteral("\\t");
            break;
        case u'\n':
            out += QStringLiteral("\\n");
            break;
        case u'\f':
            out += QStringLiteral("\\f");
            break;
        case u'\r':
            out += QStringLiteral("\\r");
            break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\x") + QString::number(c.unicode(), 16).toUpper().rightJustified(4, u'0');
            else
                out += c;
        }
    }
    return out;
}

QString quoted(QStringView text)
{
    return u'"' + escaped(text) + u'"';
}

// Shortest round-trip digits, with a '.' in the mantissa because DSP0004's realValue requires one
// (and an untyped WBEM URI would otherwise read "1" back as an integer).
template<typename Float> QString realLiteral(Float value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value < 0 ? QStringLiteral("-INF") : QStringLiteral("INF");
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    QString text = QString::fromLatin1(buffer, result.ptr - buffer);
    qsizetype exponent = text.indexOf(u'e');
    if (exponent < 0)
        exponent = text.size();
    if (!QStringView(text).first(exponent).contains(u'.'))
        text.insert(exponent, QStringLiteral(".0"));
    return text;
}

QString scalar(const CimValue &v)
{
    if (v.isNull())
        return QStringLiteral("NULL");
    if (v.embeddedKind() != CimEmbeddedKind::None) {
        // DSP0004: embedded objects are strings in MOF; pywbem writes their MOF text as one.
        if (v.holdsInstance())
            return quoted(CimMof::instance(v.toEmbeddedInstance()));
        if (v.holdsClass())
            return quoted(CimMof::cls(v.toEmbeddedClass()));
        return quoted(v.variant().toString());
    }
    switch (v.type()) {
    case CimType::Boolean:
        return v.toBool() ? QStringLiteral("TRUE") : QStringLiteral("FALSE");
    case CimType::String:
        return quoted(v.toString());
    case CimType::Char16:
        return u'\'' + escaped(v.toString()) + u'\'';
    case CimType::Real32:
        return realLiteral(v.variant().value<float>());
    case CimType::Real64:
        return realLiteral(v.toReal());
    case CimType::DateTime:
        return quoted(v.toDateTime().toString());
    case CimType::Reference:
        return quoted(v.toReference().toWbemUri());
    case CimType::Invalid:
        return QStringLiteral("NULL");
    default:
        return isSignedIntegerType(v.type()) ? QString::number(v.toSigned()) : QString::number(v.toUnsigned());
    }
}

QString arraySuffix(bool isArray, int arraySize)
{
    if (!isArray)
        return {};
    return arraySize >= 0 ? QStringLiteral("[%1]").arg(arraySize) : QStringLiteral("[]");
}

QString typeName(CimType type, const QString &referenceClass)
{
    if (type == CimType::Reference)
        return referenceClass.isEmpty() ? QStringLiteral("REF") : referenceClass + QStringLiteral(" REF");
    return cimTypeName(type);
}

// pywbem puts an element's qualifier list one indent deeper than the element itself.
QString qualifierLine(const CimQualifierList &qualifiers, int indent)
{
    if (qualifiers.isEmpty())
        return {};
    return spaces(indent) + CimMof::qualifierList(qualifiers) + u'\n';
}

QString propertyDeclaration(const CimProperty &p, int indent)
{
    QString mof = qualifierLine(p.qualifiers(), indent + kIndent) + spaces(indent)
        + typeName(p.type(), p.referenceClass()) + u' ' + p.name() + arraySuffix(p.isArray(), p.arraySize());
    if (!p.value().isNull())
        mof += QStringLiteral(" = ") + CimMof::value(p.value());
    return mof + QStringLiteral(";\n");
}

QString parameterDeclaration(const CimParameter &p, int indent)
{
    return qualifierLine(p.qualifiers(), indent + kIndent) + spaces(indent) + typeName(p.type(), p.referenceClass())
        + u' ' + p.name() + arraySuffix(p.isArray(), p.arraySize());
}

QString methodDeclaration(const CimMethod &m, int indent)
{
    QString mof = qualifierLine(m.qualifiers(), indent + kIndent) + spaces(indent) + cimTypeName(m.returnType()) + u' '
        + m.name() + u'(';
    if (m.parameters().isEmpty())
        return mof + QStringLiteral(");\n");
    QStringList parameters;
    for (const CimParameter &p : m.parameters())
        parameters.append(parameterDeclaration(p, indent + kIndent));
    return mof + u'\n' + parameters.join(QStringLiteral(",\n")) + QStringLiteral(");\n");
}

} // namespace

QString CimMof::value(const CimValue &value)
{
    if (!value.isArray())
        return scalar(value);
    if (value.isNull())
        return QStringLiteral("NULL");
    QStringList elements;
    elements.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i)
        elements.append(scalar(value.at(i)));
    return u'{' + elements.join(QStringLiteral(", ")) + u'}';
}

QString CimMof::qualifier(const CimQualifier &qualifier)
{
    const CimValue &v = qualifier.value();
    QString mof = qualifier.name();
    if (v.isArray() && !v.isNull())
        mof += u' ' + value(v);
    else if (!(v.type() == CimType::Boolean && !v.isArray() && !v.isNull() && v.toBool()))
        mof += QStringLiteral(" (") + value(v) + u')'; // a boolean TRUE is the bare name in MOF
    // DSP0004 MOF flavors, only those that differ from the DSP0201 defaults. ToInstance is not a MOF
    // flavor (pywbem leaves it out too).
    QStringList flavors;
    if (!qualifier.flavors().overridable)
        flavors.append(QStringLiteral("DisableOverride"));
    if (!qualifier.flavors().toSubclass)
        flavors.append(QStringLiteral("Restricted"));
    if (qualifier.flavors().translatable)
        flavors.append(QStringLiteral("Translatable"));
    if (!flavors.isEmpty())
        mof += QStringLiteral(" : ") + flavors.join(u' ');
    return mof;
}

QString CimMof::qualifierList(const CimQualifierList &qualifiers)
{
    if (qualifiers.isEmpty())
        return {};
    QStringList parts;
    parts.reserve(qualifiers.size());
    for (const CimQualifier &q : qualifiers)
        parts.append(qualifier(q));
    return u'[' + parts.join(QStringLiteral(", ")) + u']';
}

QString CimMof::qualifierDeclaration(const CimQualifierDeclaration &declaration)
{
    QString mof = QStringLiteral("Qualifier ") + declaration.name() + QStringLiteral(" : ")
        + cimTypeName(declaration.type()) + arraySuffix(declaration.isArray(), declaration.arraySize());
    if (!declaration.value().isNull())
        mof += QStringLiteral(" = ") + value(declaration.value());

    const CimScopes &s = declaration.scopes();
    QStringList scopes;
    if (s.isAny()) {
        scopes.append(QStringLiteral("any"));
    } else {
        // DSP0004 ANNEX A metaElement order.
        const std::pair<bool, const char16_t *> all[] = {
            {s.classScope, u"class"},
            {s.association, u"association"},
            {s.indication, u"indication"},
            {s.property, u"property"},
            {s.reference, u"reference"},
            {s.method, u"method"},
            {s.parameter, u"parameter"},
        };
        for (const auto &[set, name] : all) {
            if (set)
                scopes.append(QString::fromUtf16(name));
        }
    }
    // pywbem always states both override and propagation flavors, so the declaration does not depend
    // on a MOF compiler's defaults.
    const CimFlavors &f = declaration.flavors();
    QStringList flavors {f.overridable ? QStringLiteral("EnableOverride") : QStringLiteral("DisableOverride"),
        f.toSubclass ? QStringLiteral("ToSubclass") : QStringLiteral("Restricted")};
    if (f.translatable)
        flavors.append(QStringLiteral("Translatable"));
    return mof + QStringLiteral(",\n") + spaces(kIndent) + QStringLiteral("Scope(") + scopes.join(QStringLiteral(", "))
        + QStringLiteral("),\n") + spaces(kIndent) + QStringLiteral("Flavor(") + flavors.join(QStringLiteral(", "))
        + QStringLiteral(");\n");
}

QString CimMof::instance(const CimInstance &instance)
{
    QString mof = qualifierLine(instance.qualifiers(), kIndent) + QStringLiteral("instance of ") + instance.className()
        + QStringLiteral(" {\n");
    for (const CimProperty &p : instance.properties())
        mof += spaces(kIndent) + p.name() + QStringLiteral(" = ") + value(p.value()) + QStringLiteral(";\n");
    return mof + QStringLiteral("};\n");
}

QString CimMof::cls(const CimClass &cls)
{
    QString mof = qualifierLine(cls.qualifiers(), kIndent) + QStringLiteral("class ") + cls.className();
    if (!cls.superClass().isEmpty())
        mof += QStringLiteral(" : ") + cls.superClass();
    mof += QStringLiteral(" {\n");
    for (const CimProperty &p : cls.properties())
        mof += u'\n' + propertyDeclaration(p, kIndent);
    for (const CimMethod &m : cls.methods())
        mof += u'\n' + methodDeclaration(m, kIndent);
    return mof + QStringLiteral("\n};\n");
}

} // namespace cimdiag
