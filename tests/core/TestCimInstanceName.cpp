// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimClassName.h"
#include "core/cim/CimInstanceName.h"

#include <QSet>
#include <QTest>

#include <limits>

namespace cimdiag {
char *toString(const CimValue &value)
{
    return QTest::toString(QStringLiteral("%1%2 %3").arg(
        cimTypeName(value.type()), value.isArray() ? QStringLiteral("[]") : QString(), value.toMof()));
}
char *toString(const CimInstanceName &name)
{
    return QTest::toString(name.toWbemUri());
}
} // namespace cimdiag

using namespace cimdiag;
using Format = CimInstanceName::UriFormat;

namespace {
CimInstanceName path(const QString &className, const CimNamedList<CimKeyBinding> &keys, const QString &nameSpace = {},
    const QString &host = {})
{
    return CimInstanceName(className, keys, nameSpace, host);
}
CimValue str(const char *text)
{
    return CimValue::string(QString::fromUtf8(text));
}
CimKeyBinding key(const char *name, const CimValue &value)
{
    return CimKeyBinding(QString::fromLatin1(name), value);
}
} // namespace

class TestCimInstanceName : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void keyTypes_data();
    void keyTypes();
    void parseErrors_data();
    void parseErrors();
    void formats_data();
    void formats();
    void roundTrip_data();
    void roundTrip();
    void keyBindingAccess();
    void setNameSpaceStripsSlashes_data();
    void setNameSpaceStripsSlashes();
    void equality_data();
    void equality();
    void hashInSet();
    void classPaths_data();
    void classPaths();
    void classPathErrors_data();
    void classPathErrors();
    void classPathEquality();
};

// Every accepted form: the parts it yields and how it is written back in the standard format.
void TestCimInstanceName::parse_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("nameSpace");
    QTest::addColumn<QString>("className");
    QTest::addColumn<int>("keyCount");
    QTest::addColumn<QString>("standard");

    const auto row = [](const char *name, const char *uri, const char *host, const char *ns, const char *cls, int keys,
                         const char *standard) {
        QTest::newRow(name) << QString::fromUtf8(uri) << QString::fromUtf8(host) << QString::fromUtf8(ns)
                            << QString::fromUtf8(cls) << keys << QString::fromUtf8(standard);
    };
    row("local standard", R"(/root/cimv2:CIM_Foo.InstanceID="acme.1")", "", "root/cimv2", "CIM_Foo", 1,
        R"(/root/cimv2:CIM_Foo.InstanceID="acme.1")");
    row("host and port", R"(//acme.com:5989/root/cimv2:CIM_Foo.k="v",k2=42)", "acme.com:5989", "root/cimv2", "CIM_Foo",
        2, R"(//acme.com:5989/root/cimv2:CIM_Foo.k="v",k2=42)");
    row("https with credentials",
        R"(https://jdd:test@acme.com:5989/cimv2/test:CIM_RegisteredProfile.InstanceID="acme.1")",
        "jdd:test@acme.com:5989", "cimv2/test", "CIM_RegisteredProfile", 1,
        R"(//jdd:test@acme.com:5989/cimv2/test:CIM_RegisteredProfile.InstanceID="acme.1")");
    row("http, two keys", R"(http://acme.com/root/cimv2:CIM_CS.CreationClassName="ACME_CS",Name="sys1")", "acme.com",
        "root/cimv2", "CIM_CS", 2, R"(//acme.com/root/cimv2:CIM_CS.CreationClassName="ACME_CS",Name="sys1")");
    row("cimxml.wbems, IPv6", "cimxml.wbems://[::1]:5989/interop:CIM_Foo.k=1", "[::1]:5989", "interop", "CIM_Foo", 1,
        "//[::1]:5989/interop:CIM_Foo.k=1");
    row("cimxml-wbem (pywbem spelling)", "cimxml-wbem://h/interop:CIM_Foo.k=1", "h", "interop", "CIM_Foo", 1,
        "//h/interop:CIM_Foo.k=1");
    row("scheme without authority", "https:/interop:CIM_Foo.k=1", "", "interop", "CIM_Foo", 1, "/interop:CIM_Foo.k=1");
    row("hyphen in host", "//my-host.example.com/root:C.k=1", "my-host.example.com", "root", "C", 1,
        "//my-host.example.com/root:C.k=1");
    row("cimobject form", R"(root/cimv2:CIM_Foo.k="v")", "", "root/cimv2", "CIM_Foo", 1,
        R"(/root/cimv2:CIM_Foo.k="v")");
    row("no namespace", R"(/:CIM_Foo.k="v")", "", "", "CIM_Foo", 1, R"(/:CIM_Foo.k="v")");
    row("colon only", R"(:CIM_Foo.k="v")", "", "", "CIM_Foo", 1, R"(/:CIM_Foo.k="v")");
    row("historical, class only", R"(CIM_Foo.k="v")", "", "", "CIM_Foo", 1, R"(/:CIM_Foo.k="v")");
    row("keyless singleton", "CIM_Foo.", "", "", "CIM_Foo", 0, "/:CIM_Foo.");
    row("keyless with namespace and host", "//h/root:CIM_Foo.", "h", "root", "CIM_Foo", 0, "//h/root:CIM_Foo.");
    row("WMI singleton", "/root:CIM_Foo=@", "", "root", "CIM_Foo", 0, "/root:CIM_Foo.");
    row("escaped quote and backslash", R"(/:C.k="a\"b\\c")", "", "", "C", 1, R"(/:C.k="a\"b\\c")");
    row("other escapes are literal", R"(/:C.k="a\nb")", "", "", "C", 1, R"(/:C.k="anb")");
    row("comma and dot inside quotes", R"(/:C.k="a,b.c=d",j=1)", "", "", "C", 2, R"(/:C.k="a,b.c=d",j=1)");
    row("reference keys",
        R"(/:CIM_SubProfile.Main="/:CIM_RegisteredProfile.InstanceID=\"acme.1\"",Sub="/:CIM_RegisteredProfile.InstanceID=\"acme.2\"")",
        "", "", "CIM_SubProfile", 2,
        R"(/:CIM_SubProfile.Main="/:CIM_RegisteredProfile.InstanceID=\"acme.1\"",Sub="/:CIM_RegisteredProfile.InstanceID=\"acme.2\"")");
    row("reference two levels deep", R"(/:A.r="/:B.s=\"/:C.t=\\\"x\\\"\"")", "", "", "A", 1,
        R"(/:A.r="/:B.s=\"/:C.t=\\\"x\\\"\"")");
    row("typed keys", R"(/:C.b=TRUE,f=false,i=-5,u=42,r=1.5,c='x',d=20261121123456.000000+000)", "", "", "C", 7,
        R"(/:C.b=TRUE,f=FALSE,i=-5,u=42,r=1.5,c='x',d="20261121123456.000000+000")");
    row("integer notations", "/:C.h=0x1F,b=101b,o=017,z=0", "", "", "C", 4, "/:C.h=31,b=5,o=15,z=0");
    row("real notations", "/:C.r=.5,s=-1.5E3,n=NaN,p=INF,m=-inf", "", "", "C", 5,
        "/:C.r=0.5,s=-1500.0,n=NaN,p=INF,m=-INF");
    row("unicode names", "/root:Klasse_Ä.Schlüssel=1", "", "root", "Klasse_Ä", 1, "/root:Klasse_Ä.Schlüssel=1");
    row("case kept", R"(/Root/CIMV2:cim_FOO.InstanceId="X")", "", "Root/CIMV2", "cim_FOO", 1,
        R"(/Root/CIMV2:cim_FOO.InstanceId="X")");
}

void TestCimInstanceName::parse()
{
    QFETCH(QString, uri);
    QFETCH(QString, host);
    QFETCH(QString, nameSpace);
    QFETCH(QString, className);
    QFETCH(int, keyCount);
    QFETCH(QString, standard);

    QString error;
    const auto name = CimInstanceName::fromWbemUri(uri, &error);
    QVERIFY2(name, qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(name->host(), host);
    QCOMPARE(name->nameSpace(), nameSpace);
    QCOMPARE(name->className(), className);
    QCOMPARE(name->keyBindings().size(), keyCount);
    QVERIFY(name->isValid());
    QCOMPARE(name->toWbemUri(), standard);
    QCOMPARE(name->toWbemUri(Format::Standard), standard);
}

// Untyped WBEM URIs: the type each key value gets.
void TestCimInstanceName::keyTypes_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<QString>("key");
    QTest::addColumn<CimValue>("value");

    const auto row = [](const char *name, const char *uri, const char *key, const CimValue &value) {
        QTest::newRow(name) << QString::fromUtf8(uri) << QString::fromLatin1(key) << value;
    };
    row("string", R"(/:C.k="v")", "k", str("v"));
    row("empty string", R"(/:C.k="")", "k", str(""));
    row("escapes", R"(/:C.k="a\"b\\c")", "k", str("a\"b\\c"));
    row("spaces", R"(/:C.k=" a b ")", "k", str(" a b "));
    row("char16", "/:C.k='x'", "k", CimValue::char16(u'x'));
    row("char16 quote", R"(/:C.k='\'')", "k", CimValue::char16(u'\''));
    row("TRUE", "/:C.k=TRUE", "k", CimValue::boolean(true));
    row("false", "/:C.k=false", "k", CimValue::boolean(false));
    row("True mixed case", "/:C.k=True", "k", CimValue::boolean(true));
    row("positive integer is uint64", "/:C.k=42", "k", CimValue::uint64(42));
    row("plus sign", "/:C.k=+42", "k", CimValue::uint64(42));
    row("negative integer is sint64", "/:C.k=-42", "k", CimValue::sint64(-42));
    row("minus zero", "/:C.k=-0", "k", CimValue::uint64(0));
    row("uint64 max", "/:C.k=18446744073709551615", "k", CimValue::uint64(std::numeric_limits<quint64>::max()));
    row("sint64 min", "/:C.k=-9223372036854775808", "k", CimValue::sint64(std::numeric_limits<qint64>::min()));
    row("hex", "/:C.k=0xff", "k", CimValue::uint64(255));
    row("hex ending in b is not binary", "/:C.k=0x1b", "k", CimValue::uint64(27));
    row("binary", "/:C.k=-110B", "k", CimValue::sint64(-6));
    row("octal", "/:C.k=0777", "k", CimValue::uint64(511));
    row("real", "/:C.k=1.25", "k", CimValue::real64(1.25));
    row("real exponent", "/:C.k=2.5e-3", "k", CimValue::real64(0.0025));
    row("real INF", "/:C.k=INF", "k", CimValue::real64(std::numeric_limits<double>::infinity()));
    row("unquoted datetime is tolerated", "/:C.k=20261121123456.000000+060", "k",
        CimValue::dateTime(*CimDateTime::fromString(u"20261121123456.000000+060")));
    row("unquoted interval", "/:C.k=00000001000000.000000:000", "k",
        CimValue::dateTime(*CimDateTime::fromString(u"00000001000000.000000:000")));
    row("quoted datetime stays a string", R"(/:C.k="20261121123456.000000+060")", "k",
        str("20261121123456.000000+060"));
    row("quoted path without keys stays a string", R"(/:C.k="Linux.")", "k", str("Linux."));
    row("quoted text with a dot stays a string", R"(/:C.k="acme.1")", "k", str("acme.1"));
    row("quoted path is a reference", R"(/:C.r="/root:D.id=\"x\"")", "r",
        CimValue::reference(path(QStringLiteral("D"), {key("id", str("x"))}, QStringLiteral("root"))));
    // DSP0207's untyped form cannot tell this string from a path; like pywbem we take the path.
    row("path-shaped string is a reference", R"(/:C.r="a.b=1")", "r",
        CimValue::reference(path(QStringLiteral("a"), {key("b", CimValue::uint64(1))})));
    row("key names are case-insensitive", R"(/:C.InstanceID="x")", "instanceid", str("x"));
}

void TestCimInstanceName::keyTypes()
{
    QFETCH(QString, uri);
    QFETCH(QString, key);
    QFETCH(CimValue, value);

    QString error;
    const auto name = CimInstanceName::fromWbemUri(uri, &error);
    QVERIFY2(name, qPrintable(error));
    const CimValue actual = name->keyBinding(key);
    QCOMPARE(actual.type(), value.type());
    QCOMPARE(actual, value);
}

// Errors say what was expected and at which 0-based position.
void TestCimInstanceName::parseErrors_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<QString>("error");

    const auto row = [](const char *name, const char *uri, const char *error) {
        QTest::newRow(name) << QString::fromUtf8(uri) << QString::fromUtf8(error);
    };
    row("empty", "", "expected a class name at position 0");
    row("no class", "/root/cimv2:", "expected a class name at position 12");
    row("no keys", "/root/cimv2:CIM_Foo", "expected '.' and key bindings after the class name at position 19");
    row("no equals", "/root/cimv2:CIM_Foo.k", "expected '=' after key name at position 21");
    row("no key name", "/root/cimv2:CIM_Foo.=1", "expected a key name at position 20");
    row("trailing comma", "/root/cimv2:CIM_Foo.k=1,", "expected a key name at position 24");
    row("no value", "/root/cimv2:CIM_Foo.k=", "expected a value for key \"k\" at position 22");
    row("unterminated string", "/root/cimv2:CIM_Foo.k=\"abc", "unterminated quoted value at position 22");
    row("escaped final quote", R"(/:C.k="abc\")", "unterminated quoted value at position 6");
    row("unquoted string", "/root/cimv2:CIM_Foo.k=abc",
        "invalid key value \"abc\" (strings must be in double quotes) at position 22");
    row("junk after string", "/root/cimv2:CIM_Foo.k=\"a\"x",
        "expected ',' or the end after the value of key \"k\" at position 25");
    row("duplicate key", "/root/cimv2:CIM_Foo.k=1,K=2", "duplicate key \"K\" at position 24");
    row("char16 too long", "/:C.k='ab'", "char16 value of key \"k\" must be one character, not 2 at position 6");
    row("char16 empty", "/:C.k=''", "must be one character, not 0 at position 6");
    row("integer below sint64", "/:C.k=-9223372036854775809", "is out of range");
    row("integer above uint64", "/:C.k=18446744073709551616", "is out of range");
    row("real without digits after dot", "/:C.k=1.", "invalid key value \"1.\"");
    row("empty host", "///root:C.k=1", "expected a host after '//' at position 2");
    row("host only", "//host", "expected '/' after the host at position 6");
    row("space in host", "//ho st/root:C.k=1", "invalid character ' ' in the host at position 4");
    row("empty namespace segment", "/root//cimv2:C.k=1", "expected a namespace name after '/' at position 6");
    row("namespace without colon", "/root/cimv2/C.k=1", "expected ':' after the namespace at position 13");
    row("hyphen in class", "/root:Foo-Bar.k=1", "expected '.' after the class name, not '-' at position 9");
    row("scheme without slash", "http:root:C.k=1", "expected '.' after the class name, not ':' at position 9");
    row("class path given", "//h/root:C", "expected '.' and key bindings after the class name at position 10");
}

void TestCimInstanceName::parseErrors()
{
    QFETCH(QString, uri);
    QFETCH(QString, error);

    QString message;
    QVERIFY(!CimInstanceName::fromWbemUri(uri, &message));
    QVERIFY2(message.startsWith(QStringLiteral("WBEM URI \"%1\": ").arg(uri)), qPrintable(message));
    QVERIFY2(message.contains(error), qPrintable(message));
}

void TestCimInstanceName::formats_data()
{
    QTest::addColumn<CimInstanceName>("name");
    QTest::addColumn<QString>("standard");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<QString>("cimObject");
    QTest::addColumn<QString>("historical");

    const CimNamedList<CimKeyBinding> keys {key("Name", str("x")), key("CreationClassName", str("CIM_Foo"))};
    QTest::newRow("host and namespace")
        << path(QStringLiteral("CIM_Foo"), keys, QStringLiteral("root/CIMv2"), QStringLiteral("Acme.com:5989"))
        << QStringLiteral(R"(//Acme.com:5989/root/CIMv2:CIM_Foo.Name="x",CreationClassName="CIM_Foo")")
        << QStringLiteral(R"(//acme.com:5989/root/cimv2:cim_foo.creationclassname="CIM_Foo",name="x")")
        << QStringLiteral(R"(root/CIMv2:CIM_Foo.Name="x",CreationClassName="CIM_Foo")")
        << QStringLiteral(R"(//Acme.com:5989/root/CIMv2:CIM_Foo.Name="x",CreationClassName="CIM_Foo")");
    QTest::newRow("namespace only") << path(QStringLiteral("CIM_Foo"), keys, QStringLiteral("root/cimv2"))
                                    << QStringLiteral(R"(/root/cimv2:CIM_Foo.Name="x",CreationClassName="CIM_Foo")")
                                    << QStringLiteral(R"(/root/cimv2:cim_foo.creationclassname="CIM_Foo",name="x")")
                                    << QStringLiteral(R"(root/cimv2:CIM_Foo.Name="x",CreationClassName="CIM_Foo")")
                                    << QStringLiteral(R"(root/cimv2:CIM_Foo.Name="x",CreationClassName="CIM_Foo")");
    QTest::newRow("class only") << path(QStringLiteral("CIM_Foo"), {key("Name", str("x"))})
                                << QStringLiteral(R"(/:CIM_Foo.Name="x")") << QStringLiteral(R"(/:cim_foo.name="x")")
                                << QStringLiteral(R"(:CIM_Foo.Name="x")") << QStringLiteral(R"(CIM_Foo.Name="x")");
    QTest::newRow("keyless") << path(QStringLiteral("CIM_Foo"), {}, QStringLiteral("root"))
                             << QStringLiteral("/root:CIM_Foo.") << QStringLiteral("/root:cim_foo.")
                             << QStringLiteral("root:CIM_Foo.") << QStringLiteral("root:CIM_Foo.");
    const CimInstanceName inner
        = path(QStringLiteral("CIM_RP"), {key("InstanceID", str("a\"1"))}, QStringLiteral("Interop"));
    QTest::newRow("nested reference follows the format")
        << path(QStringLiteral("CIM_Sub"), {key("Main", CimValue::reference(inner))}, QStringLiteral("Interop"))
        << QStringLiteral(R"(/Interop:CIM_Sub.Main="/Interop:CIM_RP.InstanceID=\"a\\\"1\"")")
        << QStringLiteral(R"(/interop:cim_sub.main="/interop:cim_rp.instanceid=\"a\\\"1\"")")
        << QStringLiteral(R"(Interop:CIM_Sub.Main="Interop:CIM_RP.InstanceID=\"a\\\"1\"")")
        << QStringLiteral(R"(Interop:CIM_Sub.Main="Interop:CIM_RP.InstanceID=\"a\\\"1\"")");
    const CimNamedList<CimKeyBinding> typed {
        key("b", CimValue::boolean(false)),
        key("c", CimValue::char16(u'\'')),
        key("d", CimValue::dateTime(*CimDateTime::fromString(u"20261121123456.000000+060"))),
        key("i", CimValue::sint8(-8)),
        key("r", CimValue::real64(1.0)),
        key("f", CimValue::real32(0.1f)),
        key("e", CimValue::real64(1e20)),
        key("n", CimValue::null(CimType::String)),
    };
    QTest::newRow("typed values")
        << path(QStringLiteral("C"), typed)
        << QStringLiteral(R"(/:C.b=FALSE,c='\'',d="20261121123456.000000+060",i=-8,r=1.0,f=0.1,e=1.0e+20,n="")")
        << QStringLiteral(R"(/:c.b=FALSE,c='\'',d="20261121123456.000000+060",e=1.0e+20,f=0.1,i=-8,n="",r=1.0)")
        << QStringLiteral(R"(:C.b=FALSE,c='\'',d="20261121123456.000000+060",i=-8,r=1.0,f=0.1,e=1.0e+20,n="")")
        << QStringLiteral(R"(C.b=FALSE,c='\'',d="20261121123456.000000+060",i=-8,r=1.0,f=0.1,e=1.0e+20,n="")");
}

void TestCimInstanceName::formats()
{
    QFETCH(CimInstanceName, name);
    QFETCH(QString, standard);
    QFETCH(QString, canonical);
    QFETCH(QString, cimObject);
    QFETCH(QString, historical);

    QCOMPARE(name.toWbemUri(Format::Standard), standard);
    QCOMPARE(name.toWbemUri(Format::Canonical), canonical);
    QCOMPARE(name.toWbemUri(Format::CimObject), cimObject);
    QCOMPARE(name.toWbemUri(Format::Historical), historical);
}

// What we write we read back as an equal path, in every format (the cimobject form drops the host).
void TestCimInstanceName::roundTrip_data()
{
    QTest::addColumn<CimInstanceName>("name");

    QTest::newRow("strings") << path(QStringLiteral("CIM_Foo"), {key("A", str("x,y")), key("B", str(R"(q"\)"))},
        QStringLiteral("root/cimv2"), QStringLiteral("h:5989"));
    QTest::newRow("numbers") << path(QStringLiteral("C"),
        {key("u", CimValue::uint32(7)), key("s", CimValue::sint16(-7)), key("r", CimValue::real32(0.1f)),
            key("x", CimValue::real64(1e-7))},
        QStringLiteral("ns"));
    QTest::newRow("boolean and char16") << path(
        QStringLiteral("C"), {key("b", CimValue::boolean(true)), key("c", CimValue::char16(u'\\'))});
    QTest::newRow("keyless") << path(QStringLiteral("C"), {}, QStringLiteral("ns"), QStringLiteral("h"));
    const CimInstanceName inner = path(QStringLiteral("D"), {key("id", str("a\"b"))}, QStringLiteral("ns"));
    const CimInstanceName middle = path(QStringLiteral("E"), {key("ref", CimValue::reference(inner))});
    QTest::newRow("nested references") << path(QStringLiteral("F"),
        {key("outer", CimValue::reference(middle)), key("n", CimValue::uint8(1))}, QStringLiteral("ns"));
}

void TestCimInstanceName::roundTrip()
{
    QFETCH(CimInstanceName, name);

    for (Format format : {Format::Standard, Format::Canonical, Format::CimObject, Format::Historical}) {
        const QString uri = name.toWbemUri(format);
        QString error;
        const auto back = CimInstanceName::fromWbemUri(uri, &error);
        QVERIFY2(back, qPrintable(error));
        CimInstanceName expected = name;
        if (format == Format::CimObject)
            expected.setHost(QString());
        QCOMPARE(*back, expected);
        QCOMPARE(back->toWbemUri(format), format == Format::CimObject ? uri : expected.toWbemUri(format));
    }
}

void TestCimInstanceName::keyBindingAccess()
{
    CimInstanceName name(QStringLiteral("CIM_Foo"));
    QVERIFY(name.isValid());
    QVERIFY(!CimInstanceName().isValid());
    name.setKeyBinding(QStringLiteral("Name"), str("a"));
    name.setKeyBinding(QStringLiteral("Other"), CimValue::uint8(1));
    QCOMPARE(name.keyBinding(u"NAME"), str("a"));
    // Replacing keeps the position and the first spelling of the name goes with the new binding.
    name.setKeyBinding(QStringLiteral("name"), str("b"));
    QCOMPARE(name.keyBindings().size(), 2);
    QCOMPARE(name.keyBindings().at(0).name(), QStringLiteral("name"));
    QCOMPARE(name.keyBinding(u"Name"), str("b"));
    const CimValue missing = name.keyBinding(u"Missing");
    QCOMPARE(missing.type(), CimType::Invalid);
    QVERIFY(missing.isNull());
    name.keyBindings().remove(u"OTHER");
    QCOMPARE(name.keyBindings().size(), 1);
    QCOMPARE(name.toWbemUri(), QStringLiteral(R"(/:CIM_Foo.name="b")"));
}

void TestCimInstanceName::setNameSpaceStripsSlashes_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("stored");

    QTest::newRow("plain") << QStringLiteral("root/cimv2") << QStringLiteral("root/cimv2");
    QTest::newRow("leading") << QStringLiteral("/root/cimv2") << QStringLiteral("root/cimv2");
    QTest::newRow("trailing") << QStringLiteral("root/cimv2/") << QStringLiteral("root/cimv2");
    QTest::newRow("several") << QStringLiteral("//interop//") << QStringLiteral("interop");
    QTest::newRow("only slashes") << QStringLiteral("///") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestCimInstanceName::setNameSpaceStripsSlashes()
{
    QFETCH(QString, given);
    QFETCH(QString, stored);

    CimInstanceName name(QStringLiteral("C"));
    name.setNameSpace(given);
    QCOMPARE(name.nameSpace(), stored);
    QCOMPARE(CimInstanceName(QStringLiteral("C"), {}, given).nameSpace(), stored);
    CimClassName cls(QStringLiteral("C"));
    cls.setNameSpace(given);
    QCOMPARE(cls.nameSpace(), stored);
    QCOMPARE(CimClassName(QStringLiteral("C"), given).nameSpace(), stored);
}

void TestCimInstanceName::equality_data()
{
    QTest::addColumn<CimInstanceName>("a");
    QTest::addColumn<CimInstanceName>("b");
    QTest::addColumn<bool>("equal");

    const QString ns = QStringLiteral("root/cimv2");
    const CimInstanceName base = path(
        QStringLiteral("CIM_Foo"), {key("Name", str("x")), key("Id", CimValue::uint32(5))}, ns, QStringLiteral("host"));
    QTest::newRow("identical") << base << base << true;
    QTest::newRow("class name case") << base
                                     << path(QStringLiteral("cim_foo"),
                                            {key("Name", str("x")), key("Id", CimValue::uint32(5))}, ns,
                                            QStringLiteral("host"))
                                     << true;
    QTest::newRow("namespace case") << base
                                    << path(QStringLiteral("CIM_Foo"),
                                           {key("Name", str("x")), key("Id", CimValue::uint32(5))},
                                           QStringLiteral("ROOT/CIMV2"), QStringLiteral("host"))
                                    << true;
    QTest::newRow("host case") << base
                               << path(QStringLiteral("CIM_Foo"),
                                      {key("Name", str("x")), key("Id", CimValue::uint32(5))}, ns,
                                      QStringLiteral("HOST"))
                               << true;
    QTest::newRow("key name case and order")
        << base
        << path(QStringLiteral("CIM_Foo"), {key("ID", CimValue::uint32(5)), key("name", str("x"))}, ns,
               QStringLiteral("host"))
        << true;
    QTest::newRow("key value case matters")
        << base
        << path(QStringLiteral("CIM_Foo"), {key("Name", str("X")), key("Id", CimValue::uint32(5))}, ns,
               QStringLiteral("host"))
        << false;
    QTest::newRow("integer width does not matter")
        << base
        << path(QStringLiteral("CIM_Foo"), {key("Name", str("x")), key("Id", CimValue::uint64(5))}, ns,
               QStringLiteral("host"))
        << true;
    QTest::newRow("signed and unsigned five")
        << base
        << path(QStringLiteral("CIM_Foo"), {key("Name", str("x")), key("Id", CimValue::sint8(5))}, ns,
               QStringLiteral("host"))
        << true;
    QTest::newRow("integer value differs")
        << base
        << path(QStringLiteral("CIM_Foo"), {key("Name", str("x")), key("Id", CimValue::uint32(6))}, ns,
               QStringLiteral("host"))
        << false;
    QTest::newRow("real equals integer") << base
                                         << path(QStringLiteral("CIM_Foo"),
                                                {key("Name", str("x")), key("Id", CimValue::real64(5.0))}, ns,
                                                QStringLiteral("host"))
                                         << true;
    QTest::newRow("real32 equals the real64 its URI reads back as")
        << path(QStringLiteral("C"), {key("k", CimValue::real32(0.1f))})
        << path(QStringLiteral("C"), {key("k", CimValue::real64(0.1))}) << true;
    QTest::newRow("real64 values differ")
        << path(QStringLiteral("C"), {key("k", CimValue::real64(0.1))})
        << path(QStringLiteral("C"), {key("k", CimValue::real64(0.1 + 1e-12))}) << false;
    QTest::newRow("zero and minus zero") << path(QStringLiteral("C"), {key("k", CimValue::real64(0.0))})
                                         << path(QStringLiteral("C"), {key("k", CimValue::real64(-0.0))}) << true;
    QTest::newRow("string five is not integer five")
        << base
        << path(QStringLiteral("CIM_Foo"), {key("Name", str("x")), key("Id", str("5"))}, ns, QStringLiteral("host"))
        << false;
    QTest::newRow("char16 equals one-character string") << path(QStringLiteral("C"), {key("k", CimValue::char16(u'a'))})
                                                        << path(QStringLiteral("C"), {key("k", str("a"))}) << true;
    QTest::newRow("datetime equals its string")
        << path(QStringLiteral("C"),
               {key("k", CimValue::dateTime(*CimDateTime::fromString(u"20261121123456.000000+060")))})
        << path(QStringLiteral("C"), {key("k", str("20261121123456.000000+060"))}) << true;
    QTest::newRow("uint64 max is not sint64 -1")
        << path(QStringLiteral("C"), {key("k", CimValue::uint64(std::numeric_limits<quint64>::max()))})
        << path(QStringLiteral("C"), {key("k", CimValue::sint64(-1))}) << false;
    // 2^53 + 1 and 2^53 are the same double: integers must compare as integers.
    QTest::newRow("large integers differ by one")
        << path(QStringLiteral("C"), {key("k", CimValue::uint64(9007199254740993ULL))})
        << path(QStringLiteral("C"), {key("k", CimValue::sint64(9007199254740992LL))}) << false;
    QTest::newRow("negative integers") << path(QStringLiteral("C"), {key("k", CimValue::sint8(-1))})
                                       << path(QStringLiteral("C"), {key("k", CimValue::sint64(-1))}) << true;
    QTest::newRow("boolean is not integer one") << path(QStringLiteral("C"), {key("k", CimValue::boolean(true))})
                                                << path(QStringLiteral("C"), {key("k", CimValue::uint8(1))}) << false;
    QTest::newRow("missing key") << base
                                 << path(QStringLiteral("CIM_Foo"), {key("Name", str("x"))}, ns, QStringLiteral("host"))
                                 << false;
    QTest::newRow("other host") << base
                                << path(QStringLiteral("CIM_Foo"),
                                       {key("Name", str("x")), key("Id", CimValue::uint32(5))}, ns,
                                       QStringLiteral("other"))
                                << false;
    QTest::newRow("no host") << base
                             << path(QStringLiteral("CIM_Foo"), {key("Name", str("x")), key("Id", CimValue::uint32(5))},
                                    ns)
                             << false;
    QTest::newRow("other class") << base
                                 << path(QStringLiteral("CIM_Bar"),
                                        {key("Name", str("x")), key("Id", CimValue::uint32(5))}, ns,
                                        QStringLiteral("host"))
                                 << false;
    const CimInstanceName inner = path(QStringLiteral("D"), {key("Id", CimValue::uint16(1))}, QStringLiteral("ns"));
    const CimInstanceName innerOtherCase
        = path(QStringLiteral("d"), {key("ID", CimValue::uint64(1))}, QStringLiteral("NS"));
    QTest::newRow("references compare as paths")
        << path(QStringLiteral("C"), {key("r", CimValue::reference(inner))})
        << path(QStringLiteral("C"), {key("r", CimValue::reference(innerOtherCase))}) << true;
    QTest::newRow("reference is not its URI string")
        << path(QStringLiteral("C"), {key("r", CimValue::reference(inner))})
        << path(QStringLiteral("C"), {key("r", CimValue::string(inner.toWbemUri()))}) << false;
    QTest::newRow("parsed equals built") << *CimInstanceName::fromWbemUri(uR"(//HOST/Root/CimV2:cim_foo.id=5,NAME="x")")
                                         << base << true;
}

void TestCimInstanceName::equality()
{
    QFETCH(CimInstanceName, a);
    QFETCH(CimInstanceName, b);
    QFETCH(bool, equal);

    QCOMPARE(a == b, equal);
    QCOMPARE(b == a, equal);
    if (equal) {
        // qHash is consistent with ==, whatever the seed.
        QCOMPARE(qHash(a), qHash(b));
        QCOMPARE(qHash(a, 42), qHash(b, 42));
        QCOMPARE(a.toWbemUri(Format::Canonical).size() > 0, true);
    }
}

void TestCimInstanceName::hashInSet()
{
    QSet<CimInstanceName> set;
    set.insert(
        path(QStringLiteral("CIM_Foo"), {key("A", str("1")), key("B", CimValue::uint8(2))}, QStringLiteral("ns")));
    set.insert(
        path(QStringLiteral("cim_foo"), {key("b", CimValue::uint64(2)), key("a", str("1"))}, QStringLiteral("NS")));
    QCOMPARE(set.size(), 1);
    set.insert(
        path(QStringLiteral("CIM_Foo"), {key("A", str("1")), key("B", CimValue::uint8(3))}, QStringLiteral("ns")));
    QCOMPARE(set.size(), 2);
    QVERIFY(set.contains(*CimInstanceName::fromWbemUri(uR"(/ns:CIM_FOO.a="1",b=3)")));
    QVERIFY(!set.contains(*CimInstanceName::fromWbemUri(uR"(/ns:CIM_FOO.a="1",b=4)")));
}

void TestCimInstanceName::classPaths_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("nameSpace");
    QTest::addColumn<QString>("className");
    QTest::addColumn<QString>("standard");
    QTest::addColumn<QString>("cimObject");

    const auto row = [](const char *name, const char *uri, const char *host, const char *ns, const char *cls,
                         const char *standard, const char *cimObject) {
        QTest::newRow(name) << QString::fromUtf8(uri) << QString::fromUtf8(host) << QString::fromUtf8(ns)
                            << QString::fromUtf8(cls) << QString::fromUtf8(standard) << QString::fromUtf8(cimObject);
    };
    row("local", "/root/cimv2:CIM_Foo", "", "root/cimv2", "CIM_Foo", "/root/cimv2:CIM_Foo", "root/cimv2:CIM_Foo");
    row("host", "//h:5988/root:CIM_Foo", "h:5988", "root", "CIM_Foo", "//h:5988/root:CIM_Foo", "root:CIM_Foo");
    row("scheme", "http://h/root:CIM_Foo", "h", "root", "CIM_Foo", "//h/root:CIM_Foo", "root:CIM_Foo");
    row("cimobject form", "root:CIM_Foo", "", "root", "CIM_Foo", "/root:CIM_Foo", "root:CIM_Foo");
    row("class only", "CIM_Foo", "", "", "CIM_Foo", "/:CIM_Foo", ":CIM_Foo");
    row("no namespace", "/:CIM_Foo", "", "", "CIM_Foo", "/:CIM_Foo", ":CIM_Foo");
}

void TestCimInstanceName::classPaths()
{
    QFETCH(QString, uri);
    QFETCH(QString, host);
    QFETCH(QString, nameSpace);
    QFETCH(QString, className);
    QFETCH(QString, standard);
    QFETCH(QString, cimObject);

    QString error;
    const auto cls = CimClassName::fromWbemUri(uri, &error);
    QVERIFY2(cls, qPrintable(error));
    QCOMPARE(cls->host(), host);
    QCOMPARE(cls->nameSpace(), nameSpace);
    QCOMPARE(cls->className(), className);
    QVERIFY(cls->isValid());
    QCOMPARE(cls->toWbemUri(), standard);
    QCOMPARE(cls->toWbemUri(true), cimObject);
    QCOMPARE(CimClassName::fromWbemUri(standard), cls);
}

void TestCimInstanceName::classPathErrors_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<QString>("error");

    QTest::newRow("empty") << QString() << QStringLiteral("expected a class name at position 0");
    QTest::newRow("instance path") << QStringLiteral("/root:CIM_Foo.k=1")
                                   << QStringLiteral("unexpected '.' (key bindings make an instance path, not a class "
                                                     "path) at position 13");
    QTest::newRow("trailing space") << QStringLiteral("/root:CIM_Foo bar")
                                    << QStringLiteral("unexpected ' ' after the class name at position 13");
    QTest::newRow("namespace only") << QStringLiteral("/root:")
                                    << QStringLiteral("expected a class name at position 6");
    QTest::newRow("bad host") << QStringLiteral("//a\"b/root:C")
                              << QStringLiteral("invalid character '\"' in the host at position 3");
}

void TestCimInstanceName::classPathErrors()
{
    QFETCH(QString, uri);
    QFETCH(QString, error);

    QString message;
    QVERIFY(!CimClassName::fromWbemUri(uri, &message));
    QVERIFY2(message.contains(error), qPrintable(message));
}

void TestCimInstanceName::classPathEquality()
{
    const CimClassName a(QStringLiteral("CIM_Foo"), QStringLiteral("root/cimv2"), QStringLiteral("Host"));
    QCOMPARE(a, CimClassName(QStringLiteral("cim_foo"), QStringLiteral("/ROOT/CIMV2/"), QStringLiteral("host")));
    QVERIFY(!(a == CimClassName(QStringLiteral("CIM_Foo"), QStringLiteral("root/cimv2"))));
    QVERIFY(!(a == CimClassName(QStringLiteral("CIM_Bar"), QStringLiteral("root/cimv2"), QStringLiteral("Host"))));
    QVERIFY(!(a == CimClassName(QStringLiteral("CIM_Foo"), QStringLiteral("interop"), QStringLiteral("Host"))));
    QVERIFY(!CimClassName().isValid());
}

QTEST_GUILESS_MAIN(TestCimInstanceName)
#include "TestCimInstanceName.moc"
