// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimDateTime.h"
#include "core/cim/CimType.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QVariant>

#include <optional>

namespace cimdiag {

class CimClass;
class CimInstance;
class CimInstanceName;

/// A typed CIM value: a scalar, an array, or NULL, with value semantics (implicitly shared storage).
/// Integers are range-checked for their CIM type on construction. Embedded objects (DSP0004
/// EmbeddedObject/EmbeddedInstance) are values of type String whose embeddedKind() is not None and
/// whose elements hold a CimInstance or CimClass.
class CimValue final
{
public:
    CimValue() = default; ///< type Invalid, NULL
    /// A NULL value of the given type (a NULL array when isArray).
    static CimValue null(CimType type, bool isArray = false, CimEmbeddedKind embedded = CimEmbeddedKind::None);

    static CimValue boolean(bool value);
    static CimValue string(const QString &value);
    static CimValue char16(QChar value);
    /// Range-checked: nullopt (and *error says why) when value does not fit type.
    static std::optional<CimValue> signedInteger(CimType type, qint64 value, QString *error = nullptr);
    static std::optional<CimValue> unsignedInteger(CimType type, quint64 value, QString *error = nullptr);
    // Unchecked conveniences for values known to fit (asserts in debug builds).
    static CimValue uint8(quint8 v) { return makeUnsigned(CimType::UInt8, v); }
    static CimValue uint16(quint16 v) { return makeUnsigned(CimType::UInt16, v); }
    static CimValue uint32(quint32 v) { return makeUnsigned(CimType::UInt32, v); }
    static CimValue uint64(quint64 v) { return makeUnsigned(CimType::UInt64, v); }
    static CimValue sint8(qint8 v) { return makeSigned(CimType::SInt8, v); }
    static CimValue sint16(qint16 v) { return makeSigned(CimType::SInt16, v); }
    static CimValue sint32(qint32 v) { return makeSigned(CimType::SInt32, v); }
    static CimValue sint64(qint64 v) { return makeSigned(CimType::SInt64, v); }
    static CimValue real32(float value);
    static CimValue real64(double value);
    static CimValue dateTime(const CimDateTime &value);
    static CimValue reference(const CimInstanceName &value);
    /// An embedded instance; kind Object when it came from EmbeddedObject="object".
    static CimValue embeddedInstance(const CimInstance &value, CimEmbeddedKind kind = CimEmbeddedKind::Instance);
    static CimValue embeddedClass(const CimClass &value);
    /// An array of the given element type. Each element must be a scalar of that type or a NULL scalar;
    /// nullopt (with *error) when one is not.
    static std::optional<CimValue> array(CimType type, const QList<CimValue> &elements,
                                         CimEmbeddedKind embedded = CimEmbeddedKind::None,
                                         QString *error = nullptr);

    /// Parses the text of a DSP0201 VALUE element as a scalar of type (not Reference). Booleans are
    /// TRUE/FALSE in any case, integers decimal with optional sign, reals as xsd:double (INF, -INF,
    /// NaN included), char16 exactly one UTF-16 unit, datetime the DSP0004 form. Leading and trailing
    /// whitespace is insignificant except for string and char16.
    static std::optional<CimValue> fromCimXmlText(CimType type, QStringView text, QString *error = nullptr);
    /// The same from UTF-8 bytes: the decoder's fast path, it skips the UTF-16 conversion for numbers.
    static std::optional<CimValue> fromCimXmlText(CimType type, QByteArrayView utf8, QString *error = nullptr);
    /// The DSP0201 VALUE text of a scalar (boolean TRUE/FALSE; reals in shortest round-trip form).
    /// Empty for NULL, arrays, references and embedded objects: the XML writer renders those.
    QString toCimXmlText() const;

    CimType type() const { return m_type; }
    bool isArray() const { return m_isArray; }
    bool isNull() const { return !m_data.isValid(); }
    CimEmbeddedKind embeddedKind() const { return m_embedded; }

    /// Number of elements of an array (0 for a NULL array and for scalars).
    qsizetype size() const;
    /// Element i of an array as a scalar CimValue (NULL scalar for a NULL element).
    CimValue at(qsizetype i) const;
    QList<CimValue> elements() const;

    bool toBool() const;
    qint64 toSigned() const;     ///< any integer type, as qint64 (uint64 beyond qint64 wraps)
    quint64 toUnsigned() const;  ///< any integer type, as quint64
    double toReal() const;       ///< real32, real64 and integers
    QString toString() const;    ///< string and char16
    QChar toChar16() const;
    CimDateTime toDateTime() const;
    CimInstanceName toReference() const;
    CimInstance toEmbeddedInstance() const;
    CimClass toEmbeddedClass() const;
    /// For embedded objects: whether this scalar holds a decoded CimInstance or CimClass.
    bool holdsInstance() const;
    bool holdsClass() const;
    /// The underlying QVariant of a scalar (bool, qint64, quint64, float, double, QString, QChar,
    /// CimDateTime, CimInstanceName, CimInstance or CimClass); a QVariantList for arrays; invalid for NULL.
    const QVariant &variant() const { return m_data; }

    QString toMof() const; ///< a MOF literal: "text" with escapes, 42, TRUE, {1, 2}, NULL

    friend bool operator==(const CimValue &a, const CimValue &b);

private:
    CimValue(CimType type, QVariant data, CimEmbeddedKind embedded, bool isArray);
    static CimValue make(CimType type, QVariant data, CimEmbeddedKind embedded = CimEmbeddedKind::None);
    static CimValue makeSigned(CimType type, qint64 value);
    static CimValue makeUnsigned(CimType type, quint64 value);
    const QVariantList &arrayData() const;

    // One QVariant keeps the value small (an instance holds many): the scalar, or for an array a
    // QVariantList of element values (invalid elements are NULL). Invalid means NULL.
    QVariant m_data;
    CimType m_type = CimType::Invalid;
    CimEmbeddedKind m_embedded = CimEmbeddedKind::None;
    bool m_isArray = false;
};

} // namespace cimdiag
