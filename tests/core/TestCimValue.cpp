// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimClass.h"
#include "core/cim/CimInstance.h"
#include "core/cim/CimInstanceName.h"
#include "core/cim/CimValue.h"

#include <QTest>

#include <cmath>
#include <limits>

namespace cimdiag {
// QTest prints CimValues in failure messages through this (found by ADL).
char *toString(const CimValue &value)
{
    return QTest::toString(QStringLiteral("%1%2 %3").arg(
        cimTypeName(value.type()), value.isArray() ? QStringLiteral("[]") : QString(), value.toMof()));
}
} // namespace cimdiag

using namespace cimdiag;

class TestCimValue : public QObject
{
    Q_OBJECT

private slots:
    void integerRange_data();
    void integerRange();
    void checkedConstructors_data();
    void checkedConstructors();
    void fromCimXmlText_data();
    void fromCimXmlText();
    void nonFiniteReals();
    void realTextRoundTrip_data();
    void realTextRoundTrip();
    void scalars();
    void arrays();
    void arrayErrors_data();
    void arrayErrors();
    void nullArrayVersusEmptyArray();
    void embeddedObjects();
    void equality_data();
    void equality();
    void conversions();
};

// Every integer type at both bounds and one past each, as DSP0201 text (the decoder's path).
void TestCimValue::integerRange_data()
{
    QTest::addColumn<CimType>("type");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");

    struct Bounds
    {
        CimType type;
        const char *min;
        const char *max;
        const char *belowMin;
        const char *aboveMax;
    };
    const Bounds bounds[] = {
        {CimType::UInt8, "0", "255", "-1", "256"},
        {CimType::SInt8, "-128", "127", "-129", "128"},
        {CimType::UInt16, "0", "65535", "-1", "65536"},
        {CimType::SInt16, "-32768", "32767", "-32769", "32768"},
        {CimType::UInt32, "0", "4294967295", "-1", "4294967296"},
        {CimType::SInt32, "-2147483648", "2147483647", "-2147483649", "2147483648"},
        {CimType::UInt64, "0", "18446744073709551615", "-1", "18446744073709551616"},
        {CimType::SInt64, "-9223372036854775808", "9223372036854775807", "-9223372036854775809", "9223372036854775808"},
    };
    for (const Bounds &b : bounds) {
        const QByteArray name = cimTypeName(b.type).toLatin1();
        QTest::newRow(QByteArray(name + " min").constData()) << b.type << QString::fromLatin1(b.min) << true;
        QTest::newRow(QByteArray(name + " max").constData()) << b.type << QString::fromLatin1(b.max) << true;
        QTest::newRow(QByteArray(name + " min-1").constData()) << b.type << QString::fromLatin1(b.belowMin) << false;
        QTest::newRow(QByteArray(name + " max+1").constData()) << b.type << QString::fromLatin1(b.aboveMax) << false;
    }
}

void TestCimValue::integerRange()
{
    QFETCH(CimType, type);
    QFETCH(QString, text);
    QFETCH(bool, ok);

    QString error;
    const auto fromString = CimValue::fromCimXmlText(type, QStringView(text), &error);
    QCOMPARE(fromString.has_value(), ok);
    if (ok) {
        QCOMPARE(fromString->type(), type);
        QCOMPARE(fromString->toCimXmlText(), text);
    } else {
        QVERIFY2(error.contains(QStringLiteral("out of range for %1").arg(cimTypeName(type))), qPrintable(error));
    }
    // The UTF-8 fast path agrees.
    const QByteArray utf8 = text.toUtf8();
    const auto fromBytes = CimValue::fromCimXmlText(type, QByteArrayView(utf8));
    QCOMPARE(fromBytes.has_value(), ok);
    if (ok)
        QCOMPARE(*fromBytes, *fromString);
}

void TestCimValue::checkedConstructors_data()
{
    QTest::addColumn<CimType>("type");
    QTest::addColumn<bool>("isSigned"); // signedInteger() or unsignedInteger()
    QTest::addColumn<qint64>("signedValue");
    QTest::addColumn<quint64>("unsignedValue");
    QTest::addColumn<bool>("ok");

    QTest::newRow("sint8 -128") << CimType::SInt8 << true << qint64(-128) << quint64(0) << true;
    QTest::newRow("sint8 -129") << CimType::SInt8 << true << qint64(-129) << quint64(0) << false;
    QTest::newRow("sint8 128 unsigned") << CimType::SInt8 << false << qint64(0) << quint64(128) << false;
    QTest::newRow("uint8 -1 signed") << CimType::UInt8 << true << qint64(-1) << quint64(0) << false;
    QTest::newRow("uint8 255 signed") << CimType::UInt8 << true << qint64(255) << quint64(0) << true;
    QTest::newRow("uint16 65536") << CimType::UInt16 << false << qint64(0) << quint64(65536) << false;
    QTest::newRow("sint32 max") << CimType::SInt32 << true << qint64(2147483647) << quint64(0) << true;
    QTest::newRow("uint32 max+1 signed") << CimType::UInt32 << true << qint64(4294967296) << quint64(0) << false;
    QTest::newRow("uint64 max") << CimType::UInt64 << false << qint64(0) << std::numeric_limits<quint64>::max() << true;
    QTest::newRow("sint64 max+1 unsigned")
        << CimType::SInt64 << false << qint64(0) << quint64(9223372036854775808ULL) << false;
    QTest::newRow("sint64 min") << CimType::SInt64 << true << std::numeric_limits<qint64>::min() << quint64(0) << true;
    QTest::newRow("string is no integer") << CimType::String << true << qint64(1) << quint64(0) << false;
    QTest::newRow("real64 is no integer") << CimType::Real64 << false << qint64(0) << quint64(1) << false;
}

void TestCimValue::checkedConstructors()
{
    QFETCH(CimType, type);
    QFETCH(bool, isSigned);
    QFETCH(qint64, signedValue);
    QFETCH(quint64, unsignedValue);
    QFETCH(bool, ok);

    QString error;
    const auto value = isSigned ? CimValue::signedInteger(type, signedValue, &error)
                                : CimValue::unsignedInteger(type, unsignedValue, &error);
    QCOMPARE(value.has_value(), ok);
    QCOMPARE(error.isEmpty(), ok);
    if (ok) {
        QCOMPARE(value->type(), type);
        QVERIFY(!value->isNull());
        if (isSigned)
            QCOMPARE(value->toSigned(), signedValue);
        else
            QCOMPARE(value->toUnsigned(), unsignedValue);
    }
}

// DSP0201 VALUE text for every type; "expected" is the toCimXmlText() of the result, or on failure a
// fragment of the error.
void TestCimValue::fromCimXmlText_data()
{
    QTest::addColumn<CimType>("type");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("expected");

    const auto row = [](const char *name, CimType type, const QString &text, bool ok, const QString &expected) {
        QTest::newRow(name) << type << text << ok << expected;
    };
    const auto s = [](const char *text) { return QString::fromUtf8(text); };

    row("boolean TRUE", CimType::Boolean, s("TRUE"), true, s("TRUE"));
    row("boolean false", CimType::Boolean, s("false"), true, s("FALSE"));
    row("boolean mixed case, spaces", CimType::Boolean, s(" \tTrue\n"), true, s("TRUE"));
    row("boolean yes", CimType::Boolean, s("yes"), false, s("not a valid boolean"));
    row("boolean 1", CimType::Boolean, s("1"), false, s("TRUE or FALSE expected"));
    row("boolean empty", CimType::Boolean, s(""), false, s("not a valid boolean"));

    row("string keeps spaces", CimType::String, s("  a b  "), true, s("  a b  "));
    row("string empty", CimType::String, s(""), true, s(""));
    row("string unicode", CimType::String, s("Grüße €"), true, s("Grüße €"));

    row("char16", CimType::Char16, s("x"), true, s("x"));
    row("char16 space is a character", CimType::Char16, s(" "), true, s(" "));
    row("char16 two", CimType::Char16, s("ab"), false, s("exactly one UTF-16 character, not 2"));
    row("char16 empty", CimType::Char16, s(""), false, s("exactly one UTF-16 character, not 0"));

    row("uint32 spaces", CimType::UInt32, s(" 42 \r\n"), true, s("42"));
    row("uint32 plus", CimType::UInt32, s("+42"), true, s("42"));
    row("uint8 minus zero", CimType::UInt8, s("-0"), true, s("0"));
    row("sint16 leading zeros", CimType::SInt16, s("-007"), true, s("-7"));
    row("uint16 letters", CimType::UInt16, s("abc"), false, s("\"abc\" is not a valid uint16"));
    row("sint32 fraction", CimType::SInt32, s("1.5"), false, s("decimal integer expected"));
    row("uint32 hex", CimType::UInt32, s("0x10"), false, s("not a valid uint32"));
    row("sint8 empty", CimType::SInt8, s(""), false, s("not a valid sint8"));
    row("sint8 sign only", CimType::SInt8, s("-"), false, s("not a valid sint8"));
    row("sint64 double sign", CimType::SInt64, s("--1"), false, s("not a valid sint64"));
    row("uint32 inner space", CimType::UInt32, s("4 2"), false, s("not a valid uint32"));
    row("uint64 far too big", CimType::UInt64, s("99999999999999999999999"), false, s("out of range for uint64"));

    row("real32 0.1", CimType::Real32, s("0.1"), true, s("0.1"));
    row("real32 max", CimType::Real32, s("3.4028235e38"), true, s("3.4028235e+38"));
    row("real32 beyond max", CimType::Real32, s("3.5e38"), false, s("out of range for real32"));
    row("real32 spaces and plus", CimType::Real32, s(" +2.5 "), true, s("2.5"));
    row("real32 integer form", CimType::Real32, s("7"), true, s("7"));
    row("real64 0.1", CimType::Real64, s("0.1"), true, s("0.1"));
    row("real64 exponent", CimType::Real64, s("-1.5E-3"), true, s("-0.0015"));
    row("real64 leading dot", CimType::Real64, s(".5"), true, s("0.5"));
    row("real64 trailing dot", CimType::Real64, s("5."), true, s("5"));
    row("real64 max", CimType::Real64, s("1.7976931348623157e308"), true, s("1.7976931348623157e+308"));
    row("real64 beyond max", CimType::Real64, s("1e309"), false, s("out of range for real64"));
    row("real64 smallest subnormal", CimType::Real64, s("5e-324"), true, s("5e-324"));
    row("real64 underflows to zero", CimType::Real64, s("1e-400"), true, s("0"));
    row("real64 underflows to minus zero", CimType::Real64, s("-1e-400"), true, s("-0"));
    row("real32 underflows to zero", CimType::Real32, s("1e-50"), true, s("0"));
    row("real32 underflow without exponent", CimType::Real32, QStringLiteral("0.") + QString(60, u'0') + u'1', true,
        s("0"));
    row("real32 overflow without exponent", CimType::Real32, u'1' + QString(40, u'0'), false,
        s("out of range for real32"));
    row("real64 letters", CimType::Real64, s("abc"), false, s("\"abc\" is not a valid real64"));
    row("real64 empty", CimType::Real64, s(""), false, s("not a valid real64"));
    row("real64 sign then sign", CimType::Real64, s("+-5"), false, s("not a valid real64"));
    row("real64 lower-case inf", CimType::Real64, s("inf"), false, s("not a valid real64"));
    row("real64 minus lower-case inf", CimType::Real64, s("-inf"), false, s("not a valid real64"));
    row("real64 lower-case nan", CimType::Real64, s("nan"), false, s("not a valid real64"));
    row("real64 hex float", CimType::Real64, s("0x1p3"), false, s("not a valid real64"));
    row("real64 INF", CimType::Real64, s("INF"), true, s("INF"));
    row("real64 +INF", CimType::Real64, s("+INF"), true, s("INF"));
    row("real32 -INF", CimType::Real32, s("-INF"), true, s("-INF"));
    row("real32 NaN", CimType::Real32, s(" NaN "), true, s("NaN"));

    row("datetime timestamp", CimType::DateTime, s("20261121123456.789012+060"), true, s("20261121123456.789012+060"));
    row("datetime interval", CimType::DateTime, s("00000001120032.000000:000"), true, s("00000001120032.000000:000"));
    row("datetime with spaces", CimType::DateTime, s("  20261121******.******+000\n"), true,
        s("20261121******.******+000"));
    row("datetime short", CimType::DateTime, s("2026112112"), false, s("must have 25 characters, not 10"));
    row("datetime Feb 30", CimType::DateTime, s("20260230000000.000000+000"), false, s("not a calendar date"));

    row("reference as text", CimType::Reference, s("/:C.k=1"), false, s("a reference value cannot be given as text"));
    row("invalid type", CimType::Invalid, s("1"), false, s("cannot be given as text"));
}

void TestCimValue::fromCimXmlText()
{
    QFETCH(CimType, type);
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QString, expected);

    QString error;
    const auto value = CimValue::fromCimXmlText(type, QStringView(text), &error);
    QCOMPARE(value.has_value(), ok);
    if (ok) {
        QCOMPARE(value->type(), type);
        QVERIFY(!value->isArray());
        QVERIFY(!value->isNull());
        QCOMPARE(value->toCimXmlText(), expected);
        // The text we write reads back to the same value (NaN never equals itself).
        const auto again = CimValue::fromCimXmlText(type, QStringView(value->toCimXmlText()));
        QVERIFY(again.has_value());
        if (expected != u"NaN")
            QCOMPARE(*again, *value);
    } else {
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    QString utf8Error;
    const QByteArray utf8 = text.toUtf8();
    const auto fromBytes = CimValue::fromCimXmlText(type, QByteArrayView(utf8), &utf8Error);
    QCOMPARE(fromBytes.has_value(), ok);
    if (ok)
        QCOMPARE(fromBytes->toCimXmlText(), expected);
    else
        QVERIFY2(utf8Error.contains(expected), qPrintable(utf8Error));
}

void TestCimValue::nonFiniteReals()
{
    const auto inf = CimValue::fromCimXmlText(CimType::Real64, QStringView(u"INF"));
    QVERIFY(inf);
    QVERIFY(std::isinf(inf->toReal()) && inf->toReal() > 0);
    const auto negInf = CimValue::fromCimXmlText(CimType::Real32, QStringView(u"-INF"));
    QVERIFY(negInf);
    QVERIFY(std::isinf(negInf->toReal()) && negInf->toReal() < 0);
    const auto nan = CimValue::fromCimXmlText(CimType::Real64, QStringView(u"NaN"));
    QVERIFY(nan);
    QVERIFY(std::isnan(nan->toReal()));
    // IEEE: NaN is unequal to everything, itself included; pywbem behaves the same.
    QVERIFY(!(*nan == *nan));
    QCOMPARE(CimValue::real32(std::numeric_limits<float>::infinity()).toCimXmlText(), QStringLiteral("INF"));
    QCOMPARE(CimValue::real64(-std::numeric_limits<double>::infinity()).toCimXmlText(), QStringLiteral("-INF"));
    QCOMPARE(CimValue::real64(std::numeric_limits<double>::quiet_NaN()).toCimXmlText(), QStringLiteral("NaN"));
}

// Reals are written in the shortest form that reads back to the same bits: real32 by float rules.
void TestCimValue::realTextRoundTrip_data()
{
    QTest::addColumn<bool>("isReal32");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");

    QTest::newRow("real32 0.1") << true << double(0.1f) << QStringLiteral("0.1");
    QTest::newRow("real32 1/3") << true << double(1.0f / 3.0f) << QStringLiteral("0.33333334");
    QTest::newRow("real32 16777217 rounds") << true << double(16777216.0f) << QStringLiteral("16777216");
    QTest::newRow("real32 smallest normal")
        << true << double(std::numeric_limits<float>::min()) << QStringLiteral("1.1754944e-38");
    QTest::newRow("real32 negative zero") << true << double(-0.0f) << QStringLiteral("-0");
    QTest::newRow("real64 0.1") << false << 0.1 << QStringLiteral("0.1");
    QTest::newRow("real64 1/3") << false << 1.0 / 3.0 << QStringLiteral("0.3333333333333333");
    QTest::newRow("real64 1e21") << false << 1e21 << QStringLiteral("1e+21");
    QTest::newRow("real64 integer") << false << 123456789.0 << QStringLiteral("123456789");
    QTest::newRow("real64 0.1+0.2") << false << 0.1 + 0.2 << QStringLiteral("0.30000000000000004");
}

void TestCimValue::realTextRoundTrip()
{
    QFETCH(bool, isReal32);
    QFETCH(double, value);
    QFETCH(QString, text);

    const CimValue v = isReal32 ? CimValue::real32(static_cast<float>(value)) : CimValue::real64(value);
    QCOMPARE(v.toCimXmlText(), text);
    const auto back = CimValue::fromCimXmlText(isReal32 ? CimType::Real32 : CimType::Real64, QStringView(text));
    QVERIFY(back);
    QCOMPARE(*back, v);
    QCOMPARE(std::signbit(back->toReal()), std::signbit(value));
}

void TestCimValue::scalars()
{
    const CimValue b = CimValue::boolean(true);
    QCOMPARE(b.type(), CimType::Boolean);
    QVERIFY(b.toBool());
    QCOMPARE(b.toCimXmlText(), QStringLiteral("TRUE"));
    QCOMPARE(CimValue::boolean(false).toCimXmlText(), QStringLiteral("FALSE"));

    const CimValue s = CimValue::string(QStringLiteral("text"));
    QCOMPARE(s.type(), CimType::String);
    QCOMPARE(s.toString(), QStringLiteral("text"));
    QCOMPARE(s.embeddedKind(), CimEmbeddedKind::None);
    QVERIFY(!CimValue::string(QString()).isNull()); // an empty string is a value, not NULL

    const CimValue c = CimValue::char16(QChar(u'é'));
    QCOMPARE(c.type(), CimType::Char16);
    QCOMPARE(c.toChar16(), QChar(u'é'));
    QCOMPARE(c.toString(), QStringLiteral("é"));

    QCOMPARE(CimValue::uint8(200).toUnsigned(), quint64(200));
    QCOMPARE(CimValue::sint8(-100).toSigned(), qint64(-100));
    QCOMPARE(CimValue::uint16(60000).type(), CimType::UInt16);
    QCOMPARE(CimValue::sint16(-30000).toCimXmlText(), QStringLiteral("-30000"));
    QCOMPARE(CimValue::uint32(4000000000U).toCimXmlText(), QStringLiteral("4000000000"));
    QCOMPARE(CimValue::sint32(-2000000000).toSigned(), qint64(-2000000000));
    QCOMPARE(
        CimValue::uint64(std::numeric_limits<quint64>::max()).toCimXmlText(), QStringLiteral("18446744073709551615"));
    QCOMPARE(
        CimValue::sint64(std::numeric_limits<qint64>::min()).toCimXmlText(), QStringLiteral("-9223372036854775808"));

    const auto dt = CimDateTime::fromString(u"20261121123456.789012+060");
    QVERIFY(dt);
    const CimValue d = CimValue::dateTime(*dt);
    QCOMPARE(d.type(), CimType::DateTime);
    QCOMPARE(d.toDateTime(), *dt);
    QVERIFY(CimValue::dateTime(CimDateTime()).isNull()); // an invalid datetime is NULL

    const CimInstanceName path(
        QStringLiteral("CIM_Foo"), {{QStringLiteral("k"), CimValue::uint8(1)}}, QStringLiteral("root"));
    const CimValue r = CimValue::reference(path);
    QCOMPARE(r.type(), CimType::Reference);
    QCOMPARE(r.toReference(), path);
    QCOMPARE(r.toCimXmlText(), QString()); // the XML writer renders references

    const CimValue invalid;
    QCOMPARE(invalid.type(), CimType::Invalid);
    QVERIFY(invalid.isNull());
    QVERIFY(!invalid.isArray());

    const CimValue nullString = CimValue::null(CimType::String);
    QVERIFY(nullString.isNull());
    QCOMPARE(nullString.type(), CimType::String);
    QCOMPARE(nullString.toCimXmlText(), QString());
    QVERIFY(!nullString.variant().isValid());
}

void TestCimValue::arrays()
{
    QString error;
    const auto a = CimValue::array(CimType::UInt8,
        {CimValue::uint8(1), CimValue::null(CimType::UInt8), CimValue::uint8(3)}, CimEmbeddedKind::None, &error);
    QVERIFY2(a, qPrintable(error));
    QVERIFY(a->isArray());
    QVERIFY(!a->isNull());
    QCOMPARE(a->type(), CimType::UInt8);
    QCOMPARE(a->size(), 3);
    QCOMPARE(a->at(0), CimValue::uint8(1));
    QVERIFY(a->at(1).isNull());
    QCOMPARE(a->at(1).type(), CimType::UInt8);
    QCOMPARE(a->at(2).toUnsigned(), quint64(3));
    QCOMPARE(a->elements().size(), 3);
    QCOMPARE(a->elements().at(2), CimValue::uint8(3));
    QCOMPARE(a->toCimXmlText(), QString()); // arrays are VALUE.ARRAY, written by the XML writer

    // An untyped NULL (CimValue()) is accepted as a NULL element of any array.
    const auto withInvalid = CimValue::array(CimType::String, {CimValue::string(QStringLiteral("x")), CimValue()});
    QVERIFY(withInvalid);
    QVERIFY(withInvalid->at(1).isNull());

    const auto strings = CimValue::array(CimType::String, {CimValue::string(QStringLiteral("a"))});
    QVERIFY(strings);
    QVERIFY(!(*strings == *a));
}

void TestCimValue::arrayErrors_data()
{
    QTest::addColumn<CimType>("type");
    QTest::addColumn<QList<CimValue>>("elements");
    QTest::addColumn<QString>("error");

    QTest::newRow("string in uint8") << CimType::UInt8
                                     << QList<CimValue> {CimValue::uint8(1), CimValue::string(QStringLiteral("x"))}
                                     << QStringLiteral("array element 1 is string, not uint8");
    QTest::newRow("uint16 in uint8") << CimType::UInt8 << QList<CimValue> {CimValue::uint16(1)}
                                     << QStringLiteral("array element 0 is uint16, not uint8");
    QTest::newRow("nested array") << CimType::UInt8 << QList<CimValue> {CimValue::null(CimType::UInt8, true)}
                                  << QStringLiteral("array element 0 is uint8[], not uint8");
    QTest::newRow("real32 in real64") << CimType::Real64 << QList<CimValue> {CimValue::real32(1.0f)}
                                      << QStringLiteral("is real32, not real64");
}

void TestCimValue::arrayErrors()
{
    QFETCH(CimType, type);
    QFETCH(QList<CimValue>, elements);
    QFETCH(QString, error);

    QString message;
    QVERIFY(!CimValue::array(type, elements, CimEmbeddedKind::None, &message));
    QVERIFY2(message.contains(error), qPrintable(message));
}

void TestCimValue::nullArrayVersusEmptyArray()
{
    const CimValue nullArray = CimValue::null(CimType::UInt32, true);
    const auto empty = CimValue::array(CimType::UInt32, {});
    QVERIFY(empty);
    QVERIFY(nullArray.isArray());
    QVERIFY(nullArray.isNull());
    QCOMPARE(nullArray.size(), 0);
    QVERIFY(empty->isArray());
    QVERIFY(!empty->isNull());
    QCOMPARE(empty->size(), 0);
    QVERIFY(!(nullArray == *empty));
    QCOMPARE(nullArray.toMof(), QStringLiteral("NULL"));
    QCOMPARE(empty->toMof(), QStringLiteral("{}"));
    // A NULL scalar is not a NULL array.
    QVERIFY(!(nullArray == CimValue::null(CimType::UInt32)));
}

void TestCimValue::embeddedObjects()
{
    CimInstance instance(QStringLiteral("CIM_Error"));
    instance.setProperty(CimProperty(QStringLiteral("Message"), CimValue::string(QStringLiteral("boom"))));
    const CimValue embedded = CimValue::embeddedInstance(instance);
    QCOMPARE(embedded.type(), CimType::String);
    QCOMPARE(embedded.embeddedKind(), CimEmbeddedKind::Instance);
    QVERIFY(!embedded.isNull());
    QCOMPARE(embedded.toEmbeddedInstance(), instance);
    QCOMPARE(embedded.toCimXmlText(), QString()); // the XML writer serialises embedded objects

    CimInstance other = instance;
    other.setProperty(CimProperty(QStringLiteral("Message"), CimValue::string(QStringLiteral("other"))));
    QVERIFY(!(CimValue::embeddedInstance(other) == embedded));
    QCOMPARE(CimValue::embeddedInstance(instance), embedded);
    QVERIFY(!(embedded == CimValue::string(QStringLiteral("boom"))));

    const CimClass cls(QStringLiteral("CIM_Foo"), QStringLiteral("CIM_Bar"));
    const CimValue embeddedClass = CimValue::embeddedClass(cls);
    QCOMPARE(embeddedClass.embeddedKind(), CimEmbeddedKind::Object);
    QCOMPARE(embeddedClass.type(), CimType::String);
    QCOMPARE(embeddedClass.toEmbeddedClass(), cls);
    QCOMPARE(embeddedClass.toEmbeddedClass().superClass(), QStringLiteral("CIM_Bar"));

    const auto array
        = CimValue::array(CimType::String, {embedded, CimValue::embeddedInstance(other)}, CimEmbeddedKind::Instance);
    QVERIFY(array);
    QCOMPARE(array->embeddedKind(), CimEmbeddedKind::Instance);
    QCOMPARE(array->at(1).embeddedKind(), CimEmbeddedKind::Instance);
    QCOMPARE(array->at(1).toEmbeddedInstance(), other);

    const CimValue nullEmbedded = CimValue::null(CimType::String, false, CimEmbeddedKind::Instance);
    QVERIFY(nullEmbedded.isNull());
    QCOMPARE(nullEmbedded.embeddedKind(), CimEmbeddedKind::Instance);
    QVERIFY(!(nullEmbedded == CimValue::null(CimType::String)));
}

void TestCimValue::equality_data()
{
    QTest::addColumn<CimValue>("a");
    QTest::addColumn<CimValue>("b");
    QTest::addColumn<bool>("equal");

    const auto dt1 = *CimDateTime::fromString(u"20261121123456.000000+000");
    const auto dt2 = *CimDateTime::fromString(u"20261121123456.000000+060");
    QTest::newRow("same uint8") << CimValue::uint8(5) << CimValue::uint8(5) << true;
    QTest::newRow("uint8 vs uint16") << CimValue::uint8(5) << CimValue::uint16(5) << false;
    QTest::newRow("uint32 vs sint32") << CimValue::uint32(5) << CimValue::sint32(5) << false;
    QTest::newRow("different uint8") << CimValue::uint8(5) << CimValue::uint8(6) << false;
    QTest::newRow("string vs char16") << CimValue::string(QStringLiteral("a")) << CimValue::char16(u'a') << false;
    QTest::newRow("strings are case-sensitive")
        << CimValue::string(QStringLiteral("a")) << CimValue::string(QStringLiteral("A")) << false;
    QTest::newRow("null string twice") << CimValue::null(CimType::String) << CimValue::null(CimType::String) << true;
    QTest::newRow("null string vs null uint8")
        << CimValue::null(CimType::String) << CimValue::null(CimType::UInt8) << false;
    QTest::newRow("null string vs empty string")
        << CimValue::null(CimType::String) << CimValue::string(QString()) << false;
    QTest::newRow("real32 vs real64") << CimValue::real32(1.5f) << CimValue::real64(1.5) << false;
    QTest::newRow("real64 exact") << CimValue::real64(0.1 + 0.2) << CimValue::real64(0.3) << false;
    QTest::newRow("booleans") << CimValue::boolean(true) << CimValue::boolean(true) << true;
    QTest::newRow("boolean differs") << CimValue::boolean(true) << CimValue::boolean(false) << false;
    QTest::newRow("same datetime") << CimValue::dateTime(dt1) << CimValue::dateTime(dt1) << true;
    // Same instant, different offsets: DSP0004 datetimes keep their offset, so they differ as values.
    QTest::newRow("datetime offset") << CimValue::dateTime(dt1) << CimValue::dateTime(dt2) << false;
    QTest::newRow("array order matters") << *CimValue::array(CimType::UInt8, {CimValue::uint8(1), CimValue::uint8(2)})
                                         << *CimValue::array(CimType::UInt8, {CimValue::uint8(2), CimValue::uint8(1)})
                                         << false;
    QTest::newRow("same arrays with NULL")
        << *CimValue::array(CimType::UInt8, {CimValue::uint8(1), CimValue::null(CimType::UInt8)})
        << *CimValue::array(CimType::UInt8, {CimValue::uint8(1), CimValue::null(CimType::UInt8)}) << true;
    QTest::newRow("references compare as paths")
        << CimValue::reference(CimInstanceName(QStringLiteral("CIM_Foo"), {{QStringLiteral("K"), CimValue::uint8(1)}}))
        << CimValue::reference(CimInstanceName(QStringLiteral("cim_foo"), {{QStringLiteral("k"), CimValue::uint8(1)}}))
        << true;
}

void TestCimValue::equality()
{
    QFETCH(CimValue, a);
    QFETCH(CimValue, b);
    QFETCH(bool, equal);

    QCOMPARE(a == b, equal);
    QCOMPARE(b == a, equal);
    QCOMPARE(a != b, !equal);
}

void TestCimValue::conversions()
{
    // toSigned() of a uint64 beyond qint64 wraps, as documented.
    QCOMPARE(CimValue::uint64(std::numeric_limits<quint64>::max()).toSigned(), qint64(-1));
    QCOMPARE(CimValue::sint16(-5).toSigned(), qint64(-5));
    QCOMPARE(CimValue::uint32(7).toReal(), 7.0);
    QCOMPARE(CimValue::sint8(-3).toReal(), -3.0);
    QCOMPARE(CimValue::real32(0.5f).toReal(), 0.5);
    QCOMPARE(CimValue::uint16(9).variant().metaType(), QMetaType::fromType<quint64>());
    QCOMPARE(CimValue::sint16(9).variant().metaType(), QMetaType::fromType<qint64>());
    QCOMPARE(CimValue::real32(1.0f).variant().metaType(), QMetaType::fromType<float>());
}

QTEST_GUILESS_MAIN(TestCimValue)
#include "TestCimValue.moc"
