// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimClass.h"
#include "core/cim/CimInstance.h"
#include "core/cim/CimMof.h"
#include "core/cim/CimParamValue.h"
#include "core/cim/CimQualifierDeclaration.h"

#include <QTest>

#include <limits>

using namespace cimdiag;

namespace {
QString s(const char *text)
{
    return QString::fromUtf8(text);
}
CimValue str(const char *text)
{
    return CimValue::string(s(text));
}
CimValue strings(std::initializer_list<const char *> texts)
{
    QList<CimValue> elements;
    for (const char *t : texts)
        elements.append(str(t));
    return *CimValue::array(CimType::String, elements);
}
CimQualifier qualifier(const char *name, const CimValue &value, CimFlavors flavors = {})
{
    return CimQualifier(s(name), value, flavors);
}

// The class used for the MOF and equality tests: a key, an array with a fixed size and a default, a
// reference, and two methods (one with qualified parameters, one without any).
CimClass sampleClass()
{
    CimClass cls(s("ACME_Widget"), s("CIM_LogicalElement"));
    cls.qualifiers().insert(qualifier("Description", str("A \"widget\"\nfor tests")));
    cls.qualifiers().insert(qualifier("Version", str("2.1.0"), CimFlavors {true, true, false, true}));

    CimProperty id(s("InstanceID"), CimValue::null(CimType::String));
    id.qualifiers().insert(qualifier("Key", CimValue::boolean(true), CimFlavors {false, true, false, false}));
    cls.properties().insert(id);

    CimProperty levels(s("Levels"), *CimValue::array(CimType::UInt8, {CimValue::uint8(1), CimValue::uint8(2)}));
    levels.setArraySize(4);
    cls.properties().insert(levels);

    CimProperty peer(s("Peer"), CimValue::null(CimType::Reference));
    peer.setReferenceClass(s("ACME_Widget"));
    peer.qualifiers().insert(qualifier("Description", str("It's the peer")));
    cls.properties().insert(peer);

    CimProperty ratio(s("Ratio"), CimValue::real32(0.5f));
    cls.properties().insert(ratio);

    CimMethod start(s("Start"), CimType::UInt32);
    start.qualifiers().insert(qualifier("ValueMap", strings({"0", "1", ".."})));
    start.qualifiers().insert(qualifier("Values", strings({"OK", "Failed", "Reserved"})));
    CimParameter timeout(s("Timeout"), CimType::DateTime);
    timeout.qualifiers().insert(qualifier("IN", CimValue::boolean(true)));
    timeout.qualifiers().insert(qualifier("OUT", CimValue::boolean(false)));
    start.parameters().insert(timeout);
    CimParameter targets(s("Targets"), CimType::Reference, true);
    targets.setReferenceClass(s("CIM_ManagedElement"));
    start.parameters().insert(targets);
    CimParameter names(s("Names"), CimType::String, true);
    names.setArraySize(2);
    start.parameters().insert(names);
    cls.methods().insert(start);

    cls.methods().insert(CimMethod(s("Reset"), CimType::Boolean));
    return cls;
}
} // namespace

class TestCimObjects : public QObject
{
    Q_OBJECT

private slots:
    void namedListOrderAndReplace();
    void namedListFind();
    void namedListEquality_data();
    void namedListEquality();
    void valueSemantics();
    void instanceAccess();
    void propertyEquality_data();
    void propertyEquality();
    void qualifierEquality_data();
    void qualifierEquality();
    void parameterAndMethodEquality();
    void qualifierDeclarationEquality();
    void instanceEquality();
    void classEquality();
    void paramValue();
    void mofValue_data();
    void mofValue();
    void mofQualifier_data();
    void mofQualifier();
    void mofQualifierList();
    void mofInstance();
    void mofEmbeddedInstance();
    void mofClass();
    void mofEmptyClass();
    void mofQualifierDeclaration_data();
    void mofQualifierDeclaration();
};

void TestCimObjects::namedListOrderAndReplace()
{
    CimPropertyList list;
    QVERIFY(list.isEmpty());
    QCOMPARE(list.insert(CimProperty(s("B"), CimValue::uint8(1))), false);
    QCOMPARE(list.insert(CimProperty(s("A"), CimValue::uint8(2))), false);
    QCOMPARE(list.insert(CimProperty(s("C"), CimValue::uint8(3))), false);
    QCOMPARE(list.size(), 3);
    // Insertion order, not name order.
    QCOMPARE(list.at(0).name(), s("B"));
    QCOMPARE(list.at(1).name(), s("A"));
    QCOMPARE(list.at(2).name(), s("C"));
    // Replacing keeps the position and takes the new element whole (its spelling too).
    QCOMPARE(list.insert(CimProperty(s("a"), CimValue::uint8(20))), true);
    QCOMPARE(list.size(), 3);
    QCOMPARE(list.at(1).name(), s("a"));
    QCOMPARE(list.at(1).value(), CimValue::uint8(20));
    QVERIFY(list.remove(u"B"));
    QVERIFY(!list.remove(u"B"));
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).name(), s("a"));
    QStringList names;
    for (const CimProperty &p : list)
        names.append(p.name());
    QCOMPARE(names, QStringList({s("a"), s("C")}));
    list.clear();
    QVERIFY(list.isEmpty());

    // An initializer list with a repeated name keeps the first position and the last value.
    const CimNamedList<CimKeyBinding> keys {
        {s("k"), CimValue::uint8(1)}, {s("j"), CimValue::uint8(2)}, {s("K"), CimValue::uint8(3)}};
    QCOMPARE(keys.size(), 2);
    QCOMPARE(keys.at(0).name(), s("K"));
    QCOMPARE(keys.at(0).value(), CimValue::uint8(3));
}

void TestCimObjects::namedListFind()
{
    CimQualifierList list {qualifier("Description", str("d")), qualifier("Key", CimValue::boolean(true))};
    QCOMPARE(list.indexOf(u"KEY"), 1);
    QCOMPARE(list.indexOf(u"description"), 0);
    QCOMPARE(list.indexOf(u"Keys"), -1);
    QCOMPARE(list.indexOf(u"Ke"), -1);
    QVERIFY(list.contains(u"kEy"));
    QVERIFY(!list.contains(u"Abstract"));
    QVERIFY(list.find(u"DESCRIPTION"));
    QCOMPARE(list.find(u"DESCRIPTION")->value(), str("d"));
    QCOMPARE(list.find(u"Abstract"), nullptr);
    // The mutable find() edits in place.
    list.find(u"description")->setValue(str("changed"));
    QCOMPARE(list.at(0).value(), str("changed"));
}

void TestCimObjects::namedListEquality_data()
{
    QTest::addColumn<CimPropertyList>("a");
    QTest::addColumn<CimPropertyList>("b");
    QTest::addColumn<bool>("equal");

    const CimProperty p1(s("P1"), CimValue::uint8(1));
    const CimProperty p2(s("P2"), CimValue::uint8(2));
    QTest::newRow("same order") << CimPropertyList {p1, p2} << CimPropertyList {p1, p2} << true;
    QTest::newRow("other order") << CimPropertyList {p1, p2} << CimPropertyList {p2, p1} << true;
    QTest::newRow("name case") << CimPropertyList {p1} << CimPropertyList {CimProperty(s("p1"), CimValue::uint8(1))}
                               << true;
    QTest::newRow("value differs") << CimPropertyList {p1} << CimPropertyList {CimProperty(s("P1"), CimValue::uint8(9))}
                                   << false;
    QTest::newRow("subset") << CimPropertyList {p1, p2} << CimPropertyList {p1} << false;
    QTest::newRow("other name") << CimPropertyList {p1} << CimPropertyList {CimProperty(s("P3"), CimValue::uint8(1))}
                                << false;
    QTest::newRow("both empty") << CimPropertyList {} << CimPropertyList {} << true;
}

void TestCimObjects::namedListEquality()
{
    QFETCH(CimPropertyList, a);
    QFETCH(CimPropertyList, b);
    QFETCH(bool, equal);

    QCOMPARE(a == b, equal);
    QCOMPARE(b == a, equal);
}

void TestCimObjects::valueSemantics()
{
    CimInstance original(s("CIM_Foo"));
    original.setProperty(CimProperty(s("Name"), str("a")));
    CimInstance copy = original;
    copy.setProperty(CimProperty(s("Name"), str("b")));
    copy.qualifiers().insert(qualifier("Q", CimValue::boolean(true)));
    QCOMPARE(original.value(u"Name"), str("a"));
    QVERIFY(original.qualifiers().isEmpty());
    QCOMPARE(copy.value(u"Name"), str("b"));
    QVERIFY(!(copy == original));

    CimClass cls = sampleClass();
    CimClass clsCopy = cls;
    clsCopy.methods().find(u"Start")->parameters().find(u"Timeout")->setName(s("Deadline"));
    QVERIFY(cls.methods().find(u"Start")->parameters().contains(u"Timeout"));
    QVERIFY(!(cls == clsCopy));
}

void TestCimObjects::instanceAccess()
{
    CimInstance instance(s("CIM_Foo"), {CimProperty(s("Name"), str("a")), CimProperty(s("Size"), CimValue::uint64(7))});
    QCOMPARE(instance.className(), s("CIM_Foo"));
    QCOMPARE(instance.value(u"NAME"), str("a"));
    QCOMPARE(instance.value(u"size").toUnsigned(), quint64(7));
    QVERIFY(instance.property(u"Size"));
    QCOMPARE(instance.property(u"Size")->type(), CimType::UInt64);
    QCOMPARE(instance.property(u"Missing"), nullptr);
    const CimValue missing = instance.value(u"Missing");
    QCOMPARE(missing.type(), CimType::Invalid);
    QVERIFY(missing.isNull());
    // A NULL property is there, with its type.
    instance.setProperty(CimProperty(s("Gone"), CimValue::null(CimType::DateTime)));
    QVERIFY(instance.property(u"gone"));
    QCOMPARE(instance.value(u"gone").type(), CimType::DateTime);
    QVERIFY(instance.value(u"gone").isNull());
    QVERIFY(!instance.path().isValid());
    const CimInstanceName path(s("CIM_Foo"), {{s("Name"), str("a")}}, s("root"));
    instance.setPath(path);
    QCOMPARE(instance.path(), path);
}

void TestCimObjects::propertyEquality_data()
{
    QTest::addColumn<CimProperty>("b");
    QTest::addColumn<bool>("equal");

    // Each row changes one thing from the base property built in propertyEquality().
    CimProperty p(s("prop"), CimValue::null(CimType::Reference));
    p.setReferenceClass(s("CIM_Foo"));
    p.setClassOrigin(s("CIM_Base"));
    p.qualifiers().insert(qualifier("Key", CimValue::boolean(true)));
    QTest::newRow("name case only") << p << true;

    CimProperty v = p;
    v.setValue(CimValue::reference(CimInstanceName(s("CIM_Foo"), {{s("k"), CimValue::uint8(1)}})));
    QTest::newRow("value") << v << false;
    CimProperty r = p;
    r.setReferenceClass(s("cim_foo"));
    QTest::newRow("reference class case") << r << true;
    r.setReferenceClass(s("CIM_Bar"));
    QTest::newRow("reference class") << r << false;
    CimProperty o = p;
    o.setClassOrigin(s("CIM_BASE"));
    QTest::newRow("class origin case") << o << true;
    o.setClassOrigin(s("CIM_Other"));
    QTest::newRow("class origin") << o << false;
    CimProperty g = p;
    g.setPropagated(true);
    QTest::newRow("propagated") << g << false;
    CimProperty a = p;
    a.setArraySize(3);
    QTest::newRow("array size") << a << false;
    CimProperty q = p;
    q.qualifiers().insert(qualifier("Description", str("d")));
    QTest::newRow("extra qualifier") << q << false;
    CimProperty q2 = p;
    q2.qualifiers().insert(qualifier("key", CimValue::boolean(true)));
    QTest::newRow("qualifier name case") << q2 << true;
    CimProperty t(s("Prop"), CimValue::null(CimType::String));
    t.setReferenceClass(s("CIM_Foo"));
    t.setClassOrigin(s("CIM_Base"));
    t.qualifiers().insert(qualifier("Key", CimValue::boolean(true)));
    QTest::newRow("type") << t << false;
}

void TestCimObjects::propertyEquality()
{
    QFETCH(CimProperty, b);
    QFETCH(bool, equal);

    CimProperty a(s("Prop"), CimValue::null(CimType::Reference));
    a.setReferenceClass(s("CIM_Foo"));
    a.setClassOrigin(s("CIM_Base"));
    a.qualifiers().insert(qualifier("Key", CimValue::boolean(true)));
    QCOMPARE(a == b, equal);
    QCOMPARE(b == a, equal);
}

void TestCimObjects::qualifierEquality_data()
{
    QTest::addColumn<CimQualifier>("a");
    QTest::addColumn<CimQualifier>("b");
    QTest::addColumn<bool>("equal");

    const CimQualifier base = qualifier("Description", str("x"));
    QTest::newRow("same") << base << qualifier("Description", str("x")) << true;
    QTest::newRow("name case") << base << qualifier("DESCRIPTION", str("x")) << true;
    QTest::newRow("value") << base << qualifier("Description", str("y")) << false;
    QTest::newRow("type") << qualifier("Q", CimValue::uint8(1)) << qualifier("Q", CimValue::uint16(1)) << false;
    QTest::newRow("flavor") << base << qualifier("Description", str("x"), CimFlavors {true, true, false, true})
                            << false;
    QTest::newRow("propagated") << base << CimQualifier(s("Description"), str("x"), {}, true) << false;
}

void TestCimObjects::qualifierEquality()
{
    QFETCH(CimQualifier, a);
    QFETCH(CimQualifier, b);
    QFETCH(bool, equal);

    QCOMPARE(a == b, equal);
}

void TestCimObjects::parameterAndMethodEquality()
{
    CimParameter p(s("Data"), CimType::String, true);
    CimParameter same(s("DATA"), CimType::String, true);
    QVERIFY(p == same);
    CimParameter size = p;
    size.setArraySize(2);
    QVERIFY(!(p == size));
    CimParameter scalar = p;
    scalar.setArray(false);
    QVERIFY(!(p == scalar));
    CimParameter ref(s("R"), CimType::Reference);
    ref.setReferenceClass(s("CIM_A"));
    CimParameter refCase = ref;
    refCase.setReferenceClass(s("cim_a"));
    QVERIFY(ref == refCase);
    refCase.setReferenceClass(s("CIM_B"));
    QVERIFY(!(ref == refCase));
    CimParameter qualified = p;
    qualified.qualifiers().insert(qualifier("IN", CimValue::boolean(true)));
    QVERIFY(!(p == qualified));

    CimMethod m(s("Start"), CimType::UInt32);
    m.parameters().insert(p);
    CimMethod m2(s("start"), CimType::UInt32);
    m2.parameters().insert(same);
    QVERIFY(m == m2);
    m2.setReturnType(CimType::UInt16);
    QVERIFY(!(m == m2));
    CimMethod m3 = m;
    m3.parameters().insert(ref);
    QVERIFY(!(m == m3));
    CimMethod m4 = m;
    m4.setClassOrigin(s("CIM_X"));
    QVERIFY(!(m == m4));
    CimMethod m5 = m;
    m5.setPropagated(true);
    QVERIFY(!(m == m5));
}

void TestCimObjects::qualifierDeclarationEquality()
{
    CimQualifierDeclaration d(s("ValueMap"), CimType::String, true);
    QVERIFY(d.isArray());
    QCOMPARE(d.type(), CimType::String);
    QVERIFY(d.value().isNull());
    QCOMPARE(d.arraySize(), -1);
    CimQualifierDeclaration same(s("VALUEMAP"), CimType::String, true);
    QVERIFY(d == same);
    CimQualifierDeclaration scoped = d;
    CimScopes scopes;
    scopes.property = true;
    scoped.setScopes(scopes);
    QVERIFY(!(d == scoped));
    CimQualifierDeclaration flavored = d;
    flavored.setFlavors(CimFlavors {false, true, false, false});
    QVERIFY(!(d == flavored));
    CimQualifierDeclaration sized = d;
    sized.setArraySize(3);
    QVERIFY(!(d == sized));
    CimQualifierDeclaration defaulted = d;
    defaulted.setValue(strings({"a"}));
    QVERIFY(!(d == defaulted));
    QVERIFY(!(d == CimQualifierDeclaration(s("ValueMap"), CimType::String, false)));
    QVERIFY(CimScopes::any().isAny());
    QVERIFY(CimScopes().isNone());
    QVERIFY(!scopes.isAny() && !scopes.isNone());
}

void TestCimObjects::instanceEquality()
{
    const CimInstanceName path(s("CIM_Foo"), {{s("Id"), CimValue::uint8(1)}});
    CimInstance a(s("CIM_Foo"), {CimProperty(s("Id"), CimValue::uint8(1)), CimProperty(s("Name"), str("n"))});
    a.setPath(path);
    CimInstance b(s("cim_foo"), {CimProperty(s("name"), str("n")), CimProperty(s("ID"), CimValue::uint8(1))});
    b.setPath(path);
    QVERIFY(a == b); // class name case and property order do not matter
    CimInstance other = b;
    other.setProperty(CimProperty(s("Name"), str("N")));
    QVERIFY(!(a == other));
    CimInstance noPath = b;
    noPath.setPath(CimInstanceName());
    QVERIFY(!(a == noPath));
    CimInstance qualified = b;
    qualified.qualifiers().insert(qualifier("Q", CimValue::boolean(true)));
    QVERIFY(!(a == qualified));
    CimInstance otherClass = b;
    otherClass.setClassName(s("CIM_Bar"));
    QVERIFY(!(a == otherClass));
}

void TestCimObjects::classEquality()
{
    const CimClass a = sampleClass();
    CimClass b = sampleClass();
    QVERIFY(a == b);
    b.setClassName(s("acme_widget"));
    b.setSuperClass(s("cim_logicalelement"));
    QVERIFY(a == b);
    CimClass super = b;
    super.setSuperClass(s("CIM_Other"));
    QVERIFY(!(a == super));
    CimClass method = b;
    method.methods().remove(u"Reset");
    QVERIFY(!(a == method));
    CimClass property = b;
    property.properties().find(u"Ratio")->setValue(CimValue::real32(0.25f));
    QVERIFY(!(a == property));
    CimClass qualifiers = b;
    qualifiers.qualifiers().remove(u"Version");
    QVERIFY(!(a == qualifiers));
    CimClass path = b;
    path.setPath(CimClassName(s("ACME_Widget"), s("root")));
    QVERIFY(!(a == path));
}

void TestCimObjects::paramValue()
{
    const CimParamValue a(s("Timeout"), CimValue::uint32(5));
    QVERIFY(a == CimParamValue(s("TIMEOUT"), CimValue::uint32(5)));
    QVERIFY(!(a == CimParamValue(s("Timeout"), CimValue::uint32(6))));
    CimParamValueList list {a, CimParamValue(s("Force"), CimValue::boolean(true))};
    QCOMPARE(list.find(u"force")->value(), CimValue::boolean(true));
}

void TestCimObjects::mofValue_data()
{
    QTest::addColumn<CimValue>("value");
    QTest::addColumn<QString>("mof");

    const CimInstanceName path(s("CIM_Foo"), {{s("Id"), str("a\"b")}}, s("root"));
    QTest::newRow("string") << str("plain") << s(R"("plain")");
    QTest::newRow("string escapes") << str("q\" s' b\\ t\t n\n r\r f\f bs\b")
                                    << s(R"("q\" s\' b\\ t\t n\n r\r f\f bs\b")");
    QTest::newRow("control character") << CimValue::string(QString(QChar(0x01)) + QChar(0x1f))
                                       << s(R"("\x0001\x001F")");
    QTest::newRow("unicode stays") << str("Grüße €") << s("\"Grüße €\"");
    QTest::newRow("empty string") << str("") << s(R"("")");
    QTest::newRow("char16") << CimValue::char16(u'c') << s("'c'");
    QTest::newRow("char16 quote") << CimValue::char16(u'\'') << s(R"('\'')");
    QTest::newRow("TRUE") << CimValue::boolean(true) << s("TRUE");
    QTest::newRow("FALSE") << CimValue::boolean(false) << s("FALSE");
    QTest::newRow("uint64 max") << CimValue::uint64(std::numeric_limits<quint64>::max()) << s("18446744073709551615");
    QTest::newRow("sint64 min") << CimValue::sint64(std::numeric_limits<qint64>::min()) << s("-9223372036854775808");
    QTest::newRow("sint8") << CimValue::sint8(-5) << s("-5");
    QTest::newRow("real64 integral") << CimValue::real64(2.0) << s("2.0");
    QTest::newRow("real64 fraction") << CimValue::real64(0.1) << s("0.1");
    QTest::newRow("real64 exponent") << CimValue::real64(1e300) << s("1.0e+300");
    QTest::newRow("real64 small") << CimValue::real64(-2.5e-10) << s("-2.5e-10");
    QTest::newRow("real32 shortest") << CimValue::real32(0.1f) << s("0.1");
    QTest::newRow("real32 INF") << CimValue::real32(std::numeric_limits<float>::infinity()) << s("INF");
    QTest::newRow("datetime") << CimValue::dateTime(*CimDateTime::fromString(u"20261121******.******+000"))
                              << s(R"("20261121******.******+000")");
    QTest::newRow("reference") << CimValue::reference(path) << s(R"("/root:CIM_Foo.Id=\"a\\\"b\"")");
    QTest::newRow("NULL") << CimValue::null(CimType::UInt8) << s("NULL");
    QTest::newRow("invalid") << CimValue() << s("NULL");
    QTest::newRow("array") << *CimValue::array(CimType::SInt16, {CimValue::sint16(-1), CimValue::sint16(2)})
                           << s("{-1, 2}");
    QTest::newRow("string array") << strings({"a"}) << s(R"({"a"})");
    QTest::newRow("array of strings with NULL")
        << *CimValue::array(CimType::String, {str("a"), CimValue::null(CimType::String), str("b")})
        << s(R"({"a", NULL, "b"})");
    QTest::newRow("empty array") << *CimValue::array(CimType::Boolean, {}) << s("{}");
    QTest::newRow("NULL array") << CimValue::null(CimType::Boolean, true) << s("NULL");
    QTest::newRow("embedded class") << CimValue::embeddedClass(CimClass(s("CIM_E"))) << s(R"("class CIM_E {\n\n};\n")");
}

void TestCimObjects::mofValue()
{
    QFETCH(CimValue, value);
    QFETCH(QString, mof);

    QCOMPARE(CimMof::value(value), mof);
    QCOMPARE(value.toMof(), mof);
}

void TestCimObjects::mofQualifier_data()
{
    QTest::addColumn<CimQualifier>("qualifier");
    QTest::addColumn<QString>("mof");

    QTest::newRow("boolean TRUE is the bare name") << qualifier("Key", CimValue::boolean(true)) << s("Key");
    QTest::newRow("boolean FALSE") << qualifier("Abstract", CimValue::boolean(false)) << s("Abstract (FALSE)");
    QTest::newRow("string") << qualifier("Description", str("x \"y\"")) << s(R"(Description ("x \"y\""))");
    QTest::newRow("integer") << qualifier("MaxLen", CimValue::uint32(256)) << s("MaxLen (256)");
    QTest::newRow("array") << qualifier("ValueMap", strings({"0", "1"})) << s(R"(ValueMap {"0", "1"})");
    QTest::newRow("NULL") << qualifier("Units", CimValue::null(CimType::String)) << s("Units (NULL)");
    QTest::newRow("NULL array") << qualifier("Values", CimValue::null(CimType::String, true)) << s("Values (NULL)");
    QTest::newRow("DisableOverride") << qualifier(
        "Key", CimValue::boolean(true), CimFlavors {false, true, false, false})
                                     << s("Key : DisableOverride");
    QTest::newRow("Restricted and Translatable") << qualifier("Description", str("d"),
        CimFlavors {true, false, false, true}) << s(R"(Description ("d") : Restricted Translatable)");
    QTest::newRow("ToInstance is not a MOF flavor")
        << qualifier("Description", str("d"), CimFlavors {true, true, true, false}) << s(R"(Description ("d"))");
}

void TestCimObjects::mofQualifier()
{
    QFETCH(CimQualifier, qualifier);
    QFETCH(QString, mof);

    QCOMPARE(qualifier.toMof(), mof);
    QCOMPARE(CimMof::qualifier(qualifier), mof);
}

void TestCimObjects::mofQualifierList()
{
    const CimQualifierList list {qualifier("Key", CimValue::boolean(true)), qualifier("Description", str("x"))};
    QCOMPARE(CimMof::qualifierList(list), s(R"([Key, Description ("x")])"));
    QCOMPARE(CimMof::qualifierList({}), QString());
}

void TestCimObjects::mofInstance()
{
    CimInstance instance(s("ACME_Widget"));
    instance.setProperty(CimProperty(s("InstanceID"), str("acme:1")));
    instance.setProperty(CimProperty(
        s("Levels"), *CimValue::array(CimType::UInt8, {CimValue::uint8(1), CimValue::null(CimType::UInt8)})));
    instance.setProperty(CimProperty(s("Enabled"), CimValue::boolean(true)));
    instance.setProperty(CimProperty(s("Note"), CimValue::null(CimType::String)));
    instance.setProperty(CimProperty(s("Peer"),
        CimValue::reference(CimInstanceName(s("ACME_Widget"), {{s("InstanceID"), str("acme:2")}}, s("root/acme")))));
    const QString expected = s("instance of ACME_Widget {\n"
                               "    InstanceID = \"acme:1\";\n"
                               "    Levels = {1, NULL};\n"
                               "    Enabled = TRUE;\n"
                               "    Note = NULL;\n"
                               "    Peer = \"/root/acme:ACME_Widget.InstanceID=\\\"acme:2\\\"\";\n"
                               "};\n");
    QCOMPARE(instance.toMof(), expected);
    QCOMPARE(CimMof::instance(instance), expected);

    // DSP0200 deprecates qualifiers on instances; pywbem still writes them above, one indent in.
    instance.qualifiers().insert(qualifier("Description", str("d")));
    QVERIFY(instance.toMof().startsWith(s("    [Description (\"d\")]\ninstance of ACME_Widget {\n")));
    QCOMPARE(CimInstance(s("Empty")).toMof(), s("instance of Empty {\n};\n"));
}

void TestCimObjects::mofEmbeddedInstance()
{
    CimInstance error(s("CIM_Error"));
    error.setProperty(CimProperty(s("Message"), str("disk \"0\" failed")));
    CimInstance alert(s("CIM_AlertIndication"));
    alert.setProperty(CimProperty(s("Error"), CimValue::embeddedInstance(error)));
    // The embedded instance is its own MOF as one escaped string, as pywbem writes it.
    QCOMPARE(alert.toMof(),
        s("instance of CIM_AlertIndication {\n"
          "    Error = \"instance of CIM_Error {\\n"
          "    Message = \\\"disk \\\\\\\"0\\\\\\\" failed\\\";\\n"
          "};\\n\";\n"
          "};\n"));
}

void TestCimObjects::mofClass()
{
    const QString expected
        = s("    [Description (\"A \\\"widget\\\"\\nfor tests\"), Version (\"2.1.0\") : Translatable]\n"
            "class ACME_Widget : CIM_LogicalElement {\n"
            "\n"
            "        [Key : DisableOverride]\n"
            "    string InstanceID;\n"
            "\n"
            "    uint8 Levels[4] = {1, 2};\n"
            "\n"
            "        [Description (\"It\\'s the peer\")]\n"
            "    ACME_Widget REF Peer;\n"
            "\n"
            "    real32 Ratio = 0.5;\n"
            "\n"
            "        [ValueMap {\"0\", \"1\", \"..\"}, Values {\"OK\", \"Failed\", \"Reserved\"}]\n"
            "    uint32 Start(\n"
            "            [IN, OUT (FALSE)]\n"
            "        datetime Timeout,\n"
            "        CIM_ManagedElement REF Targets[],\n"
            "        string Names[2]);\n"
            "\n"
            "    boolean Reset();\n"
            "\n"
            "};\n");
    QCOMPARE(sampleClass().toMof(), expected);
    QCOMPARE(CimMof::cls(sampleClass()), expected);
}

void TestCimObjects::mofEmptyClass()
{
    QCOMPARE(CimClass(s("CIM_Empty")).toMof(), s("class CIM_Empty {\n\n};\n"));
    CimClass withSuper(s("CIM_Sub"), s("CIM_Empty"));
    withSuper.properties().insert(CimProperty(s("Flag"), CimValue::null(CimType::Boolean, true)));
    QCOMPARE(withSuper.toMof(), s("class CIM_Sub : CIM_Empty {\n\n    boolean Flag[];\n\n};\n"));
}

void TestCimObjects::mofQualifierDeclaration_data()
{
    QTest::addColumn<CimQualifierDeclaration>("declaration");
    QTest::addColumn<QString>("mof");

    CimQualifierDeclaration valueMap(s("ValueMap"), CimType::String, true);
    CimScopes scopes;
    scopes.property = true;
    scopes.method = true;
    scopes.parameter = true;
    valueMap.setScopes(scopes);
    valueMap.setFlavors(CimFlavors {true, true, false, true});
    QTest::newRow("string array, no default")
        << valueMap
        << s("Qualifier ValueMap : string[],\n    Scope(property, method, parameter),\n"
             "    Flavor(EnableOverride, ToSubclass, Translatable);\n");

    CimQualifierDeclaration key(s("Key"), CimType::Boolean);
    key.setValue(CimValue::boolean(false));
    CimScopes keyScopes;
    keyScopes.property = true;
    keyScopes.reference = true;
    key.setScopes(keyScopes);
    key.setFlavors(CimFlavors {false, true, false, false});
    QTest::newRow("boolean with default") << key
                                          << s("Qualifier Key : boolean = FALSE,\n    Scope(property, reference),\n"
                                               "    Flavor(DisableOverride, ToSubclass);\n");

    CimQualifierDeclaration description(s("Description"), CimType::String);
    description.setScopes(CimScopes::any());
    description.setFlavors(CimFlavors {true, false, false, true});
    QTest::newRow("any scope, restricted") << description
                                           << s("Qualifier Description : string,\n    Scope(any),\n"
                                                "    Flavor(EnableOverride, Restricted, Translatable);\n");

    CimQualifierDeclaration sized(s("Sized"), CimType::UInt8, true);
    sized.setArraySize(3);
    sized.setValue(*CimValue::array(CimType::UInt8, {CimValue::uint8(1), CimValue::uint8(2), CimValue::uint8(3)}));
    CimScopes all;
    all.classScope = true;
    all.association = true;
    all.indication = true;
    sized.setScopes(all);
    QTest::newRow("fixed size array with default, class scopes in DSP0004 order")
        << sized
        << s("Qualifier Sized : uint8[3] = {1, 2, 3},\n    Scope(class, association, indication),\n"
             "    Flavor(EnableOverride, ToSubclass);\n");
}

void TestCimObjects::mofQualifierDeclaration()
{
    QFETCH(CimQualifierDeclaration, declaration);
    QFETCH(QString, mof);

    QCOMPARE(declaration.toMof(), mof);
    QCOMPARE(CimMof::qualifierDeclaration(declaration), mof);
}

QTEST_GUILESS_MAIN(TestCimObjects)
#include "TestCimObjects.moc"
