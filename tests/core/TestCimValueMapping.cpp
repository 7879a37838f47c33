// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimValueMapping.h"

#include <QTest>

#include <limits>

using namespace cimdiag;
using Entry = CimValueMapping::Entry;

namespace {
// Stands for "no entry claims this value" in the expected columns.
const QString kNone = QStringLiteral("<none>");

CimValue strings(const QStringList &texts)
{
    QList<CimValue> elements;
    for (const QString &t : texts)
        elements.append(CimValue::string(t));
    return *CimValue::array(CimType::String, elements);
}

CimQualifierList qualifiers(const std::optional<QStringList> &valueMap, const std::optional<QStringList> &values)
{
    CimQualifierList list;
    if (valueMap)
        list.insert(CimQualifier(QStringLiteral("ValueMap"), strings(*valueMap)));
    if (values)
        list.insert(CimQualifier(QStringLiteral("Values"), strings(*values)));
    return list;
}

QStringList letters(int count)
{
    QStringList result;
    for (int i = 0; i < count; ++i)
        result.append(QString(QChar(u'a' + i)));
    return result;
}

// A class with a value-mapped property, method and parameter, and some that are not.
CimClass sampleClass()
{
    CimClass cls(QStringLiteral("ACME_Widget"));
    CimProperty status(QStringLiteral("Status"), CimValue::null(CimType::UInt16));
    status.qualifiers() = qualifiers(QStringList {QStringLiteral("0"), QStringLiteral("2"), QStringLiteral("..")},
        QStringList {QStringLiteral("Unknown"), QStringLiteral("OK"), QStringLiteral("Other")});
    cls.properties().insert(status);
    CimProperty states(QStringLiteral("States"), CimValue::null(CimType::UInt8, true));
    states.qualifiers() = qualifiers(std::nullopt, QStringList {QStringLiteral("Off"), QStringLiteral("On")});
    cls.properties().insert(states);
    CimProperty name(QStringLiteral("Name"), CimValue::null(CimType::String));
    name.qualifiers() = qualifiers(std::nullopt, QStringList {QStringLiteral("x")});
    cls.properties().insert(name);

    CimMethod start(QStringLiteral("Start"), CimType::UInt32);
    start.qualifiers() = qualifiers(
        QStringList {QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("4096..32767")},
        QStringList {QStringLiteral("Completed"), QStringLiteral("Not Supported"), QStringLiteral("Method Reserved")});
    CimParameter mode(QStringLiteral("Mode"), CimType::SInt8);
    mode.qualifiers() = qualifiers(QStringList {QStringLiteral("-1"), QStringLiteral("1..")},
        QStringList {QStringLiteral("Down"), QStringLiteral("Up")});
    start.parameters().insert(mode);
    start.parameters().insert(CimParameter(QStringLiteral("Plain"), CimType::UInt8));
    cls.methods().insert(start);
    return cls;
}
} // namespace

class TestCimValueMapping : public QObject
{
    Q_OBJECT

private slots:
    void toValues_data();
    void toValues();
    void toValueMap_data();
    void toValueMap();
    void errors_data();
    void errors();
    void entries();
    void forElements();
    void forElementErrors_data();
    void forElementErrors();
};

void TestCimValueMapping::toValues_data()
{
    QTest::addColumn<CimType>("type");
    QTest::addColumn<std::optional<QStringList>>("valueMap");
    QTest::addColumn<QStringList>("values");
    QTest::addColumn<QList<qint64>>("probes");
    QTest::addColumn<QStringList>("expected");

    // The example from pywbem's ValueMapping documentation.
    QTest::newRow("pywbem example")
        << CimType::UInt16
        << std::optional<QStringList>(QStringList {QStringLiteral("0"), QStringLiteral("2..4"), QStringLiteral("..6"),
               QStringLiteral("7.."), QStringLiteral("9"), QStringLiteral("..")})
        << QStringList {QStringLiteral("zero"), QStringLiteral("two-four"), QStringLiteral("five-six"),
               QStringLiteral("seven-eight"), QStringLiteral("nine"), QStringLiteral("unclaimed")}
        << QList<qint64> {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 65535, 70000}
        << QStringList {QStringLiteral("zero"), QStringLiteral("unclaimed"), QStringLiteral("two-four"),
               QStringLiteral("two-four"), QStringLiteral("two-four"), QStringLiteral("five-six"),
               QStringLiteral("five-six"), QStringLiteral("seven-eight"), QStringLiteral("seven-eight"),
               QStringLiteral("nine"), QStringLiteral("unclaimed"), QStringLiteral("unclaimed"),
               QStringLiteral("unclaimed")};
    QTest::newRow("no ValueMap numbers from 0")
        << CimType::UInt8 << std::optional<QStringList>() << letters(3) << QList<qint64> {0, 1, 2, 3, -1}
        << QStringList {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), kNone, kNone};
    QTest::newRow("single values only") << CimType::UInt32
                                        << std::optional<QStringList>(
                                               QStringList {QStringLiteral("1"), QStringLiteral("3")})
                                        << letters(2) << QList<qint64> {1, 2, 3, 0}
                                        << QStringList {QStringLiteral("a"), kNone, QStringLiteral("b"), kNone};
    QTest::newRow("hex, binary, octal entries")
        << CimType::UInt16
        << std::optional<QStringList>(
               QStringList {QStringLiteral("0x10"), QStringLiteral("11b"), QStringLiteral("010")})
        << letters(3) << QList<qint64> {16, 3, 8, 10, 11}
        << QStringList {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), kNone, kNone};
    QTest::newRow("first entry open below starts at the type minimum")
        << CimType::UInt8 << std::optional<QStringList>(QStringList {QStringLiteral("..9"), QStringLiteral("10")})
        << letters(2) << QList<qint64> {0, 9, 10, 11}
        << QStringList {QStringLiteral("a"), QStringLiteral("a"), QStringLiteral("b"), kNone};
    QTest::newRow("last entry open above ends at the type maximum")
        << CimType::SInt8
        << std::optional<QStringList>(QStringList {QStringLiteral("-5"), QStringLiteral(".."), QStringLiteral("100..")})
        << letters(3) << QList<qint64> {-5, 0, 100, 127, 128}
        << QStringList {
               QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("c"), QStringLiteral("b")};
    QTest::newRow("signed open both ways")
        << CimType::SInt32
        << std::optional<QStringList>(QStringList {QStringLiteral("..-1"), QStringLiteral("0"), QStringLiteral("1..")})
        << letters(3) << QList<qint64> {-2147483648LL, -1, 0, 1, 2147483647LL, 2147483648LL}
        << QStringList {QStringLiteral("a"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
               QStringLiteral("c"), kNone};
    QTest::newRow("open end skips the unclaimed entry")
        << CimType::UInt8
        << std::optional<QStringList>(QStringList {QStringLiteral("1"), QStringLiteral(".."), QStringLiteral("..5")})
        << letters(3) << QList<qint64> {1, 2, 5, 6, 0}
        << QStringList {
               QStringLiteral("a"), QStringLiteral("c"), QStringLiteral("c"), QStringLiteral("b"), QStringLiteral("b")};
    QTest::newRow("single value wins over a range")
        << CimType::UInt8 << std::optional<QStringList>(QStringList {QStringLiteral("0..10"), QStringLiteral("5")})
        << letters(2) << QList<qint64> {4, 5, 6}
        << QStringList {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("a")};
    QTest::newRow("uint64 open range ends at 2^63-1")
        << CimType::UInt64 << std::optional<QStringList>(QStringList {QStringLiteral("10..")}) << letters(1)
        << QList<qint64> {9, 10, std::numeric_limits<qint64>::max()}
        << QStringList {kNone, QStringLiteral("a"), QStringLiteral("a")};
    QTest::newRow("spaces around entries")
        << CimType::UInt8 << std::optional<QStringList>(QStringList {QStringLiteral(" 1 "), QStringLiteral(" 2..3 ")})
        << letters(2) << QList<qint64> {1, 3} << QStringList {QStringLiteral("a"), QStringLiteral("b")};
    QTest::newRow("empty qualifiers") << CimType::UInt8 << std::optional<QStringList>(QStringList {}) << QStringList {}
                                      << QList<qint64> {0} << QStringList {kNone};
}

void TestCimValueMapping::toValues()
{
    QFETCH(CimType, type);
    QFETCH(std::optional<QStringList>, valueMap);
    QFETCH(QStringList, values);
    QFETCH(QList<qint64>, probes);
    QFETCH(QStringList, expected);

    QString error;
    const auto mapping = CimValueMapping::fromQualifiers(type, qualifiers(valueMap, values), &error);
    QVERIFY2(mapping, qPrintable(error));
    QCOMPARE(mapping->type(), type);
    QCOMPARE(mapping->entries().size(), values.size());
    QCOMPARE(probes.size(), expected.size());
    for (qsizetype i = 0; i < probes.size(); ++i) {
        const std::optional<QString> actual = mapping->toValues(probes.at(i));
        QVERIFY2(actual.has_value() == (expected.at(i) != kNone), qPrintable(QString::number(probes.at(i))));
        if (actual)
            QCOMPARE(*actual, expected.at(i));
    }
}

void TestCimValueMapping::toValueMap_data()
{
    QTest::addColumn<std::optional<QStringList>>("valueMap");
    QTest::addColumn<QStringList>("values");
    QTest::addColumn<QString>("lookup");
    QTest::addColumn<std::optional<Entry>>("entry");

    const std::optional<QStringList> example(QStringList {QStringLiteral("0"), QStringLiteral("2..4"),
        QStringLiteral("..6"), QStringLiteral("7.."), QStringLiteral("9"), QStringLiteral("..")});
    const QStringList exampleValues {QStringLiteral("zero"), QStringLiteral("two-four"), QStringLiteral("five-six"),
        QStringLiteral("seven-eight"), QStringLiteral("nine"), QStringLiteral("unclaimed")};
    QTest::newRow("single") << example << exampleValues << QStringLiteral("nine")
                            << std::optional<Entry>(Entry {9, 9, false, QStringLiteral("nine")});
    QTest::newRow("range") << example << exampleValues << QStringLiteral("two-four")
                           << std::optional<Entry>(Entry {2, 4, false, QStringLiteral("two-four")});
    QTest::newRow("open below") << example << exampleValues << QStringLiteral("five-six")
                                << std::optional<Entry>(Entry {5, 6, false, QStringLiteral("five-six")});
    QTest::newRow("open above") << example << exampleValues << QStringLiteral("seven-eight")
                                << std::optional<Entry>(Entry {7, 8, false, QStringLiteral("seven-eight")});
    QTest::newRow("unclaimed") << example << exampleValues << QStringLiteral("unclaimed")
                               << std::optional<Entry>(Entry {0, 0, true, QStringLiteral("unclaimed")});
    QTest::newRow("unknown string") << example << exampleValues << QStringLiteral("ten") << std::optional<Entry>();
    QTest::newRow("exact match only") << example << exampleValues << QStringLiteral("Zero") << std::optional<Entry>();
    QTest::newRow("no ValueMap") << std::optional<QStringList>() << letters(3) << QStringLiteral("c")
                                 << std::optional<Entry>(Entry {2, 2, false, QStringLiteral("c")});
    QTest::newRow("duplicate strings: the last wins, as in pywbem")
        << std::optional<QStringList>(QStringList {QStringLiteral("0"), QStringLiteral("1")})
        << QStringList {QStringLiteral("x"), QStringLiteral("x")} << QStringLiteral("x")
        << std::optional<Entry>(Entry {1, 1, false, QStringLiteral("x")});
}

void TestCimValueMapping::toValueMap()
{
    QFETCH(std::optional<QStringList>, valueMap);
    QFETCH(QStringList, values);
    QFETCH(QString, lookup);
    QFETCH(std::optional<Entry>, entry);

    const auto mapping = CimValueMapping::fromQualifiers(CimType::UInt16, qualifiers(valueMap, values));
    QVERIFY(mapping);
    const std::optional<Entry> actual = mapping->toValueMap(lookup);
    QCOMPARE(actual.has_value(), entry.has_value());
    if (entry) {
        QCOMPARE(actual->low, entry->low);
        QCOMPARE(actual->high, entry->high);
        QCOMPARE(actual->isUnclaimed, entry->isUnclaimed);
        QCOMPARE(actual->values, entry->values);
    }
}

void TestCimValueMapping::errors_data()
{
    QTest::addColumn<CimType>("type");
    QTest::addColumn<CimQualifierList>("qualifierList");
    QTest::addColumn<QString>("error");

    const auto vm = [](const QStringList &valueMap, const QStringList &values) { return qualifiers(valueMap, values); };
    const QStringList two {QStringLiteral("a"), QStringLiteral("b")};
    QTest::newRow("string element") << CimType::String << vm({QStringLiteral("0")}, {QStringLiteral("a")})
                                    << QStringLiteral("a value mapping needs an integer type, not string");
    QTest::newRow("real element") << CimType::Real32 << vm({QStringLiteral("0")}, {QStringLiteral("a")})
                                  << QStringLiteral("needs an integer type, not real32");
    QTest::newRow("no type") << CimType::Invalid << vm({QStringLiteral("0")}, {QStringLiteral("a")})
                             << QStringLiteral("needs an integer type, not none");
    QTest::newRow("no Values") << CimType::UInt8 << qualifiers(QStringList {QStringLiteral("0")}, std::nullopt)
                               << QStringLiteral("there is no Values qualifier");
    QTest::newRow("no qualifiers") << CimType::UInt8 << CimQualifierList {}
                                   << QStringLiteral("there is no Values qualifier");
    QTest::newRow("ValueMap longer") << CimType::UInt8
                                     << vm({QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2")}, two)
                                     << QStringLiteral("ValueMap has 3 entries but Values has 2");
    QTest::newRow("Values longer") << CimType::UInt8 << vm({QStringLiteral("0")}, two)
                                   << QStringLiteral("ValueMap has 1 entries but Values has 2");
    QTest::newRow("uint8 256") << CimType::UInt8 << vm({QStringLiteral("0"), QStringLiteral("256")}, two)
                               << QStringLiteral("ValueMap entry 1 \"256\" is out of range for uint8 (0..255)");
    QTest::newRow("uint8 255 is fine, -1 is not")
        << CimType::UInt8 << vm({QStringLiteral("255"), QStringLiteral("-1")}, two)
        << QStringLiteral("ValueMap entry 1 \"-1\" is out of range for uint8");
    QTest::newRow("sint8 -129 in a range")
        << CimType::SInt8 << vm({QStringLiteral("-129..0"), QStringLiteral("1")}, two)
        << QStringLiteral("ValueMap entry 0 \"-129..0\" is out of range for sint8 (-128..127)");
    QTest::newRow("range end out of range")
        << CimType::UInt16 << vm({QStringLiteral("0..65536"), QStringLiteral("1")}, two)
        << QStringLiteral("is out of range for uint16 (0..65535)");
    QTest::newRow("uint64 beyond 2^63-1")
        << CimType::UInt64 << vm({QStringLiteral("9223372036854775808")}, {QStringLiteral("a")})
        << QStringLiteral("is out of range for uint64");
    QTest::newRow("not a number") << CimType::UInt8 << vm({QStringLiteral("abc")}, {QStringLiteral("a")})
                                  << QStringLiteral("ValueMap entry 0 \"abc\" is not an integer or range");
    QTest::newRow("two ranges in one") << CimType::UInt8 << vm({QStringLiteral("1..2..3")}, {QStringLiteral("a")})
                                       << QStringLiteral("is not an integer or range");
    QTest::newRow("empty entry") << CimType::UInt8 << vm({QStringLiteral("0"), QString()}, two)
                                 << QStringLiteral("ValueMap entry 1 is empty");
    QTest::newRow("open ends facing each other")
        << CimType::UInt8 << vm({QStringLiteral("5.."), QStringLiteral("..9")}, two)
        << QStringLiteral("ValueMap entries 0 \"5..\" and 1 \"..9\" are open towards each other");
    QTest::newRow("reversed range") << CimType::UInt8 << vm({QStringLiteral("5..3")}, {QStringLiteral("a")})
                                    << QStringLiteral("ValueMap entry 0 \"5..3\" is the empty range 5..3");
    QTest::newRow("open range left empty by its neighbour")
        << CimType::UInt8 << vm({QStringLiteral("7"), QStringLiteral("..6")}, two)
        << QStringLiteral("ValueMap entry 1 \"..6\" is the empty range 8..6");
    QTest::newRow("too many Values for uint8")
        << CimType::UInt8 << qualifiers(std::nullopt, QStringList(257, QStringLiteral("a")))
        << QStringLiteral("Values has 257 entries, more than uint8 (0..255) can number");

    CimQualifierList scalarValues;
    scalarValues.insert(CimQualifier(QStringLiteral("Values"), CimValue::string(QStringLiteral("a"))));
    QTest::newRow("Values is a scalar") << CimType::UInt8 << scalarValues
                                        << QStringLiteral("the Values qualifier is not a string array");
    CimQualifierList numericValueMap = qualifiers(std::nullopt, QStringList {QStringLiteral("a")});
    numericValueMap.insert(
        CimQualifier(QStringLiteral("ValueMap"), *CimValue::array(CimType::UInt8, {CimValue::uint8(0)})));
    QTest::newRow("ValueMap of integers")
        << CimType::UInt8 << numericValueMap << QStringLiteral("the ValueMap qualifier is not a string array");
    CimQualifierList nullElement;
    nullElement.insert(CimQualifier(QStringLiteral("Values"),
        *CimValue::array(CimType::String, {CimValue::string(QStringLiteral("a")), CimValue::null(CimType::String)})));
    QTest::newRow("NULL in Values") << CimType::UInt8 << nullElement << QStringLiteral("Values entry 1 is NULL");
    CimQualifierList nullArray;
    nullArray.insert(CimQualifier(QStringLiteral("Values"), CimValue::null(CimType::String, true)));
    QTest::newRow("NULL Values") << CimType::UInt8 << nullArray
                                 << QStringLiteral("the Values qualifier is not a string array");
}

void TestCimValueMapping::errors()
{
    QFETCH(CimType, type);
    QFETCH(CimQualifierList, qualifierList);
    QFETCH(QString, error);

    QString message;
    QVERIFY(!CimValueMapping::fromQualifiers(type, qualifierList, &message));
    QVERIFY2(message.contains(error), qPrintable(message));
    QVERIFY(!CimValueMapping::fromQualifiers(type, qualifierList)); // no error pointer: no crash
}

void TestCimValueMapping::entries()
{
    const auto mapping = CimValueMapping::fromQualifiers(CimType::SInt16,
        qualifiers(
            QStringList {QStringLiteral("..-1"), QStringLiteral("0"), QStringLiteral(".."), QStringLiteral("0x100..")},
            QStringList {
                QStringLiteral("neg"), QStringLiteral("zero"), QStringLiteral("other"), QStringLiteral("big")}));
    QVERIFY(mapping);
    const QList<Entry> expected {Entry {-32768, -1, false, QStringLiteral("neg")},
        Entry {0, 0, false, QStringLiteral("zero")}, Entry {0, 0, true, QStringLiteral("other")},
        Entry {256, 32767, false, QStringLiteral("big")}};
    QCOMPARE(mapping->entries().size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i)
        QVERIFY2(mapping->entries().at(i) == expected.at(i), qPrintable(QString::number(i)));
    QCOMPARE(mapping->toValues(300), QStringLiteral("big"));
    QCOMPARE(mapping->toValues(5), QStringLiteral("other"));
}

void TestCimValueMapping::forElements()
{
    const CimClass cls = sampleClass();
    QString error;

    const auto status = CimValueMapping::forProperty(cls, u"status", &error);
    QVERIFY2(status, qPrintable(error));
    QCOMPARE(status->type(), CimType::UInt16);
    QCOMPARE(status->toValues(2), QStringLiteral("OK"));
    QCOMPARE(status->toValues(1), QStringLiteral("Other"));

    const auto states = CimValueMapping::forProperty(cls, u"States", &error); // an array property maps its elements
    QVERIFY2(states, qPrintable(error));
    QCOMPARE(states->toValues(1), QStringLiteral("On"));

    const auto start = CimValueMapping::forMethod(cls, u"START", &error);
    QVERIFY2(start, qPrintable(error));
    QCOMPARE(start->type(), CimType::UInt32);
    QCOMPARE(start->toValues(5000), QStringLiteral("Method Reserved"));
    QCOMPARE(start->toValues(2), std::optional<QString>());
    QCOMPARE(start->toValueMap(u"Not Supported")->low, 1);

    const auto mode = CimValueMapping::forParameter(cls, u"Start", u"mode", &error);
    QVERIFY2(mode, qPrintable(error));
    QCOMPARE(mode->type(), CimType::SInt8);
    QCOMPARE(mode->toValues(-1), QStringLiteral("Down"));
    QCOMPARE(mode->toValues(127), QStringLiteral("Up"));
    QCOMPARE(mode->toValues(0), std::optional<QString>());
}

void TestCimValueMapping::forElementErrors_data()
{
    QTest::addColumn<int>("kind"); // 0 property, 1 method, 2 parameter
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("element");
    QTest::addColumn<QString>("error");

    QTest::newRow("no such property") << 0 << QString() << QStringLiteral("Missing")
                                      << QStringLiteral("class ACME_Widget has no property Missing");
    QTest::newRow("string property") << 0 << QString() << QStringLiteral("name")
                                     << QStringLiteral("property Name of class ACME_Widget: a value mapping needs an "
                                                       "integer type, not string");
    QTest::newRow("no such method") << 1 << QString() << QStringLiteral("Stop")
                                    << QStringLiteral("class ACME_Widget has no method Stop");
    QTest::newRow("no such method for parameter") << 2 << QStringLiteral("Stop") << QStringLiteral("Mode")
                                                  << QStringLiteral("class ACME_Widget has no method Stop");
    QTest::newRow("no such parameter") << 2 << QStringLiteral("Start") << QStringLiteral("Speed")
                                       << QStringLiteral("method Start of class ACME_Widget has no parameter Speed");
    QTest::newRow("parameter without Values") << 2 << QStringLiteral("Start") << QStringLiteral("Plain")
                                              << QStringLiteral("parameter Plain of method Start of class ACME_Widget: "
                                                                "there is no Values qualifier");
}

void TestCimValueMapping::forElementErrors()
{
    QFETCH(int, kind);
    QFETCH(QString, method);
    QFETCH(QString, element);
    QFETCH(QString, error);

    const CimClass cls = sampleClass();
    QString message;
    std::optional<CimValueMapping> mapping;
    if (kind == 0)
        mapping = CimValueMapping::forProperty(cls, element, &message);
    else if (kind == 1)
        mapping = CimValueMapping::forMethod(cls, element, &message);
    else
        mapping = CimValueMapping::forParameter(cls, method, element, &message);
    QVERIFY(!mapping);
    QCOMPARE(message, error);
}

QTEST_GUILESS_MAIN(TestCimValueMapping)
#include "TestCimValueMapping.moc"
