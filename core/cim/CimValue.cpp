// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimValue.h"

#include "core/cim/CimClass.h"
#include "core/cim/CimInstance.h"
#include "core/cim/CimInstanceName.h"
#include "core/cim/CimMof.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>

namespace cimdiag {

namespace {

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

bool isXmlSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

QByteArrayView trimmed(QByteArrayView text)
{
    while (!text.isEmpty() && isXmlSpace(text.front()))
        text = text.sliced(1);
    while (!text.isEmpty() && isXmlSpace(text.back()))
        text.chop(1);
    return text;
}

QString quoted(QByteArrayView text)
{
    constexpr qsizetype kShown = 40;
    const QString shown = QString::fromUtf8(text.first(std::min(text.size(), kShown)));
    return u'"' + shown + (text.size() > kShown ? QStringLiteral("...\"") : QStringLiteral("\""));
}

bool equalsIgnoringCase(QByteArrayView text, QByteArrayView lower)
{
    if (text.size() != lower.size())
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        if (c != lower[i])
            return false;
    }
    return true;
}

std::optional<CimValue> notAnInteger(CimType type, QString *error)
{
    fail(error, QStringLiteral("%1 is not an integer type").arg(cimTypeName(type)));
    return std::nullopt;
}

std::optional<CimValue> outOfRange(const QString &shown, CimType type, QString *error)
{
    fail(error, QStringLiteral("%1 is out of range for %2 (%3..%4)")
                    .arg(shown, cimTypeName(type))
                    .arg(cimIntegerMinimum(type))
                    .arg(cimIntegerMaximum(type)));
    return std::nullopt;
}

std::optional<CimValue> parseInteger(CimType type, QByteArrayView text, QString *error)
{
    const QByteArrayView digits = trimmed(text);
    bool negative = false;
    qsizetype start = 0;
    if (!digits.isEmpty() && (digits.front() == '+' || digits.front() == '-')) {
        negative = digits.front() == '-';
        start = 1;
    }
    quint64 magnitude = 0;
    const char *first = digits.data() + start;
    const char *last = digits.data() + digits.size();
    const auto [end, ec] = std::from_chars(first, last, magnitude, 10);
    if (first == last || end != last || (ec != std::errc() && ec != std::errc::result_out_of_range)) {
        fail(error, QStringLiteral("%1 is not a valid %2 (decimal integer expected)").arg(quoted(text), cimTypeName(type)));
        return std::nullopt;
    }
    const bool overflow = ec == std::errc::result_out_of_range;
    const auto rangeError = [&] { return outOfRange(quoted(text), type, error); };
    if (overflow)
        return rangeError();
    if (negative) {
        if (!isSignedIntegerType(type)) {
            if (magnitude != 0)
                return rangeError();
            return CimValue::unsignedInteger(type, 0, error);
        }
        // |minimum| computed in unsigned arithmetic: -(min + 1) + 1 cannot overflow for qint64.
        const quint64 limit = static_cast<quint64>(-(cimIntegerMinimum(type) + 1)) + 1;
        if (magnitude > limit)
            return rangeError();
        const qint64 value = magnitude == limit ? cimIntegerMinimum(type) : -static_cast<qint64>(magnitude);
        return CimValue::signedInteger(type, value, error);
    }
    if (magnitude > cimIntegerMaximum(type))
        return rangeError();
    return CimValue::unsignedInteger(type, magnitude, error);
}

// For a decimal number that from_chars found out of range: true when its magnitude is below 1, so
// the range was left towards zero. digits points after any sign: "123.45e-6", "0.000e-999".
bool isUnderflow(const char *digits, const char *last)
{
    qint64 integerDigits = 0; // significant digits before the '.'
    qint64 leadingZeros = 0;  // zeros after the '.' before the first significant digit
    bool significant = false;
    const char *p = digits;
    for (; p != last && std::isdigit(static_cast<unsigned char>(*p)); ++p) {
        significant = significant || *p != '0';
        if (significant)
            ++integerDigits;
    }
    if (p != last && *p == '.') {
        for (++p; p != last && std::isdigit(static_cast<unsigned char>(*p)); ++p) {
            if (!significant && *p == '0')
                ++leadingZeros;
            significant = significant || *p != '0';
        }
    }
    qint64 exponent = 0;
    if (p != last && (*p == 'e' || *p == 'E')) {
        ++p;
        const bool negative = p != last && *p == '-';
        if (p != last && (*p == '+' || *p == '-'))
            ++p;
        for (; p != last && std::isdigit(static_cast<unsigned char>(*p)); ++p)
            exponent = std::min<qint64>(exponent * 10 + (*p - '0'), 1000000);
        exponent = negative ? -exponent : exponent;
    }
    const qint64 magnitude = integerDigits > 0 ? integerDigits - 1 + exponent : -(leadingZeros + 1) + exponent;
    return magnitude < 0;
}

std::optional<CimValue> parseReal(CimType type, QByteArrayView text, QString *error)
{
    const QByteArrayView t = trimmed(text);
    double value = 0;
    // xsd:double spells infinities and NaN as words; from_chars would also take "inf" and "nan".
    if (t == "INF" || t == "+INF") {
        value = std::numeric_limits<double>::infinity();
    } else if (t == "-INF") {
        value = -std::numeric_limits<double>::infinity();
    } else if (t == "NaN") {
        value = std::numeric_limits<double>::quiet_NaN();
    } else {
        const char *first = t.data();
        const char *last = t.data() + t.size();
        // One optional sign, then a digit or '.': from_chars alone would also take "-inf", "-nan", and
        // after we skip a '+' for it, "+-5".
        const char *body = first != last && (*first == '+' || *first == '-') ? first + 1 : first;
        const bool looksNumeric = body != last && (std::isdigit(static_cast<unsigned char>(*body)) || *body == '.');
        if (first != last && *first == '+')
            ++first; // from_chars does not accept a leading '+'
        std::from_chars_result result{};
        if (type == CimType::Real32) {
            float f = 0;
            result = std::from_chars(first, last, f);
            value = f;
        } else {
            result = std::from_chars(first, last, value);
        }
        if (!looksNumeric || result.ptr != last || result.ec == std::errc::invalid_argument) {
            fail(error, QStringLiteral("%1 is not a valid %2").arg(quoted(text), cimTypeName(type)));
            return std::nullopt;
        }
        if (result.ec == std::errc::result_out_of_range) {
            // xsd:double and xsd:float round values below the smallest magnitude to zero ("1e-400" is
            // 0, as in pywbem); only too large a magnitude is an error.
            if (!isUnderflow(body, last)) {
                fail(error, QStringLiteral("%1 is out of range for %2").arg(quoted(text), cimTypeName(type)));
                return std::nullopt;
            }
            value = *t.data() == '-' ? -0.0 : 0.0;
        }
    }
    return type == CimType::Real32 ? CimValue::real32(static_cast<float>(value)) : CimValue::real64(value);
}

template<typename Float>
QString realText(Float value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value < 0 ? QStringLiteral("-INF") : QStringLiteral("INF");
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return QString::fromLatin1(buffer, result.ptr - buffer);
}

} // namespace

CimValue::CimValue(CimType type, QVariant data, CimEmbeddedKind embedded, bool isArray)
    : m_data(std::move(data))
    , m_type(type)
    , m_embedded(embedded)
    , m_isArray(isArray)
{
}

CimValue CimValue::make(CimType type, QVariant data, CimEmbeddedKind embedded)
{
    return CimValue(type, std::move(data), embedded, false);
}

CimValue CimValue::null(CimType type, bool isArray, CimEmbeddedKind embedded)
{
    CimValue v;
    v.m_type = type;
    v.m_isArray = isArray;
    v.m_embedded = embedded;
    return v;
}

CimValue CimValue::boolean(bool value)
{
    return make(CimType::Boolean, value);
}

CimValue CimValue::string(const QString &value)
{
    return make(CimType::String, value);
}

CimValue CimValue::char16(QChar value)
{
    return make(CimType::Char16, QVariant::fromValue(value));
}

CimValue CimValue::makeSigned(CimType type, qint64 value)
{
    Q_ASSERT(isIntegerType(type) && value >= cimIntegerMinimum(type)
             && (value < 0 || static_cast<quint64>(value) <= cimIntegerMaximum(type)));
    return isSignedIntegerType(type) ? make(type, value) : make(type, static_cast<quint64>(value));
}

CimValue CimValue::makeUnsigned(CimType type, quint64 value)
{
    Q_ASSERT(isIntegerType(type) && value <= cimIntegerMaximum(type));
    return isSignedIntegerType(type) ? make(type, static_cast<qint64>(value)) : make(type, value);
}

std::optional<CimValue> CimValue::signedInteger(CimType type, qint64 value, QString *error)
{
    if (!isIntegerType(type))
        return notAnInteger(type, error);
    if (value < cimIntegerMinimum(type) || (value > 0 && static_cast<quint64>(value) > cimIntegerMaximum(type)))
        return outOfRange(QString::number(value), type, error);
    return makeSigned(type, value);
}

std::optional<CimValue> CimValue::unsignedInteger(CimType type, quint64 value, QString *error)
{
    if (!isIntegerType(type))
        return notAnInteger(type, error);
    if (value > cimIntegerMaximum(type))
        return outOfRange(QString::number(value), type, error);
    return makeUnsigned(type, value);
}

CimValue CimValue::real32(float value)
{
    return make(CimType::Real32, value);
}

CimValue CimValue::real64(double value)
{
    return make(CimType::Real64, value);
}

CimValue CimValue::dateTime(const CimDateTime &value)
{
    CimValue v;
    v.m_type = CimType::DateTime;
    if (value.isValid())
        v.m_data = QVariant::fromValue(value);
    return v;
}

CimValue CimValue::reference(const CimInstanceName &value)
{
    return make(CimType::Reference, QVariant::fromValue(value));
}

CimValue CimValue::embeddedInstance(const CimInstance &value, CimEmbeddedKind kind)
{
    Q_ASSERT(kind != CimEmbeddedKind::None);
    return make(CimType::String, QVariant::fromValue(value), kind);
}

CimValue CimValue::embeddedClass(const CimClass &value)
{
    return make(CimType::String, QVariant::fromValue(value), CimEmbeddedKind::Object);
}

std::optional<CimValue> CimValue::array(CimType type, const QList<CimValue> &elements, CimEmbeddedKind embedded,
                                        QString *error)
{
    CimValue v;
    v.m_type = type;
    v.m_isArray = true;
    v.m_embedded = embedded;
    QVariantList values;
    values.reserve(elements.size());
    for (qsizetype i = 0; i < elements.size(); ++i) {
        const CimValue &element = elements.at(i);
        if (element.m_isArray || (!element.isNull() && element.m_type != type)) {
            fail(error, QStringLiteral("array element %1 is %2%3, not %4")
                            .arg(i)
                            .arg(cimTypeName(element.m_type), element.m_isArray ? QStringLiteral("[]") : QString(),
                                 cimTypeName(type)));
            return std::nullopt;
        }
        values.append(element.m_data);
    }
    v.m_data = QVariant(std::move(values));
    return v;
}

std::optional<CimValue> CimValue::fromCimXmlText(CimType type, QByteArrayView utf8, QString *error)
{
    switch (type) {
    case CimType::String:
        return string(QString::fromUtf8(utf8));
    case CimType::Char16:
    case CimType::DateTime: {
        // Every datetime of an enumeration passes here: widen the 25 ASCII bytes on the stack instead
        // of allocating a QString (anything else takes the general path and its error message).
        constexpr qsizetype kLength = 25;
        const QByteArrayView t = trimmed(utf8);
        if (t.size() == kLength) {
            std::array<char16_t, kLength> wide{};
            for (qsizetype i = 0; i < kLength; ++i)
                wide[static_cast<size_t>(i)] = static_cast<unsigned char>(t[i]);
            return fromCimXmlText(type, QStringView(wide.data(), kLength), error);
        }
        return fromCimXmlText(type, QStringView(QString::fromUtf8(utf8)), error);
    }
    case CimType::Boolean: {
        const QByteArrayView t = trimmed(utf8);
        if (equalsIgnoringCase(t, "true"))
            return boolean(true);
        if (equalsIgnoringCase(t, "false"))
            return boolean(false);
        fail(error, QStringLiteral("%1 is not a valid boolean (TRUE or FALSE expected)").arg(quoted(utf8)));
        return std::nullopt;
    }
    case CimType::Real32:
    case CimType::Real64:
        return parseReal(type, utf8, error);
    case CimType::Reference:
    case CimType::Invalid:
        fail(error, QStringLiteral("a %1 value cannot be given as text").arg(cimTypeName(type)));
        return std::nullopt;
    default:
        return parseInteger(type, utf8, error);
    }
}

std::optional<CimValue> CimValue::fromCimXmlText(CimType type, QStringView text, QString *error)
{
    switch (type) {
    case CimType::String:
        return string(text.toString());
    case CimType::Char16:
        if (text.size() != 1) {
            fail(error, QStringLiteral("char16 value \"%1\" must be exactly one UTF-16 character, not %2")
                            .arg(text)
                            .arg(text.size()));
            return std::nullopt;
        }
        return char16(text.front());
    case CimType::DateTime: {
        QString reason;
        const auto parsed = CimDateTime::fromString(text.trimmed(), &reason);
        if (!parsed) {
            fail(error, reason);
            return std::nullopt;
        }
        return dateTime(*parsed);
    }
    default:
        return fromCimXmlText(type, QByteArrayView(text.toUtf8()), error);
    }
}

QString CimValue::toCimXmlText() const
{
    if (m_isArray || isNull() || m_embedded != CimEmbeddedKind::None)
        return {};
    switch (m_type) {
    case CimType::Boolean:
        return m_data.toBool() ? QStringLiteral("TRUE") : QStringLiteral("FALSE");
    case CimType::String:
        return m_data.toString();
    case CimType::Char16:
        return QString(m_data.value<QChar>());
    case CimType::Real32:
        return realText(m_data.value<float>());
    case CimType::Real64:
        return realText(m_data.toDouble());
    case CimType::DateTime:
        return m_data.value<CimDateTime>().toString();
    case CimType::Reference:
    case CimType::Invalid:
        return {};
    default:
        return isSignedIntegerType(m_type) ? QString::number(m_data.toLongLong())
                                           : QString::number(m_data.toULongLong());
    }
}

CimValue CimValue::at(qsizetype i) const
{
    CimValue v;
    v.m_type = m_type;
    v.m_embedded = m_embedded;
    v.m_data = arrayData().at(i);
    return v;
}

QList<CimValue> CimValue::elements() const
{
    const QVariantList &values = arrayData();
    QList<CimValue> result;
    result.reserve(values.size());
    for (qsizetype i = 0; i < values.size(); ++i)
        result.append(at(i));
    return result;
}

qsizetype CimValue::size() const
{
    return arrayData().size();
}

const QVariantList &CimValue::arrayData() const
{
    static const QVariantList kEmpty;
    if (!m_isArray || !m_data.isValid())
        return kEmpty;
    return *static_cast<const QVariantList *>(m_data.constData());
}

bool CimValue::holdsInstance() const
{
    return !m_isArray && m_data.metaType() == QMetaType::fromType<CimInstance>();
}

bool CimValue::holdsClass() const
{
    return !m_isArray && m_data.metaType() == QMetaType::fromType<CimClass>();
}

bool CimValue::toBool() const
{
    return m_data.toBool();
}

qint64 CimValue::toSigned() const
{
    return m_data.toLongLong();
}

quint64 CimValue::toUnsigned() const
{
    return m_data.toULongLong();
}

double CimValue::toReal() const
{
    return m_data.toDouble();
}

QString CimValue::toString() const
{
    if (m_type == CimType::Char16)
        return QString(m_data.value<QChar>());
    return m_data.toString();
}

QChar CimValue::toChar16() const
{
    return m_data.value<QChar>();
}

CimDateTime CimValue::toDateTime() const
{
    return m_data.value<CimDateTime>();
}

CimInstanceName CimValue::toReference() const
{
    return m_data.value<CimInstanceName>();
}

CimInstance CimValue::toEmbeddedInstance() const
{
    return m_data.value<CimInstance>();
}

CimClass CimValue::toEmbeddedClass() const
{
    return m_data.value<CimClass>();
}

QString CimValue::toMof() const
{
    return CimMof::value(*this);
}

bool operator==(const CimValue &a, const CimValue &b)
{
    return a.m_type == b.m_type && a.m_isArray == b.m_isArray && a.m_embedded == b.m_embedded
        && a.m_data == b.m_data;
}

} // namespace cimdiag
