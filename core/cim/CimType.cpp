// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimType.h"

#include <array>
#include <limits>

namespace cimdiag {

namespace {
struct TypeName
{
    CimType type;
    const char16_t *name;
};
constexpr std::array<TypeName, 15> kTypeNames{{
    {CimType::Boolean, u"boolean"},
    {CimType::String, u"string"},
    {CimType::Char16, u"char16"},
    {CimType::UInt8, u"uint8"},
    {CimType::SInt8, u"sint8"},
    {CimType::UInt16, u"uint16"},
    {CimType::SInt16, u"sint16"},
    {CimType::UInt32, u"uint32"},
    {CimType::SInt32, u"sint32"},
    {CimType::UInt64, u"uint64"},
    {CimType::SInt64, u"sint64"},
    {CimType::Real32, u"real32"},
    {CimType::Real64, u"real64"},
    {CimType::DateTime, u"datetime"},
    {CimType::Reference, u"reference"},
}};
} // namespace

QString cimTypeName(CimType type)
{
    for (const TypeName &entry : kTypeNames) {
        if (entry.type == type)
            return QString::fromUtf16(entry.name);
    }
    return {};
}

std::optional<CimType> cimTypeFromName(QStringView name)
{
    for (const TypeName &entry : kTypeNames) {
        if (name.compare(QStringView(entry.name), Qt::CaseInsensitive) == 0)
            return entry.type;
    }
    return std::nullopt;
}

bool isIntegerType(CimType type)
{
    return type >= CimType::UInt8 && type <= CimType::SInt64;
}

bool isSignedIntegerType(CimType type)
{
    return type == CimType::SInt8 || type == CimType::SInt16 || type == CimType::SInt32 || type == CimType::SInt64;
}

bool isRealType(CimType type)
{
    return type == CimType::Real32 || type == CimType::Real64;
}

qint64 cimIntegerMinimum(CimType type)
{
    switch (type) {
    case CimType::SInt8:
        return std::numeric_limits<qint8>::min();
    case CimType::SInt16:
        return std::numeric_limits<qint16>::min();
    case CimType::SInt32:
        return std::numeric_limits<qint32>::min();
    case CimType::SInt64:
        return std::numeric_limits<qint64>::min();
    default:
        return 0;
    }
}

quint64 cimIntegerMaximum(CimType type)
{
    switch (type) {
    case CimType::UInt8:
        return std::numeric_limits<quint8>::max();
    case CimType::SInt8:
        return std::numeric_limits<qint8>::max();
    case CimType::UInt16:
        return std::numeric_limits<quint16>::max();
    case CimType::SInt16:
        return std::numeric_limits<qint16>::max();
    case CimType::UInt32:
        return std::numeric_limits<quint32>::max();
    case CimType::SInt32:
        return std::numeric_limits<qint32>::max();
    case CimType::UInt64:
        return std::numeric_limits<quint64>::max();
    case CimType::SInt64:
        return std::numeric_limits<qint64>::max();
    default:
        return 0;
    }
}

QString cimEmbeddedKindName(CimEmbeddedKind kind)
{
    switch (kind) {
    case CimEmbeddedKind::Object:
        return QStringLiteral("object");
    case CimEmbeddedKind::Instance:
        return QStringLiteral("instance");
    case CimEmbeddedKind::None:
        break;
    }
    return {};
}

} // namespace cimdiag
