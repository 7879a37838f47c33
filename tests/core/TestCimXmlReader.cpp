// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimClass.h"
#include "core/cim/CimInstance.h"
#include "core/cimxml/CimXmlReader.h"

#include <QtTest>

#include <cstdio>
#include <unistd.h>

using namespace cimdiag;

namespace {

QByteArray envelope(const QByteArray &simple)
{
    return QByteArrayLiteral("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                             "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">\n"
                             "<MESSAGE ID=\"1001\" PROTOCOLVERSION=\"1.0\">\n")
        + simple + QByteArrayLiteral("\n</MESSAGE>\n</CIM>\n");
}

QByteArray imethodResponse(const QByteArray &name, const QByteArray &content)
{
    return envelope("<SIMPLERSP><IMETHODRESPONSE NAME=\"" + name + "\">\n" + content
                    + "\n</IMETHODRESPONSE></SIMPLERSP>");
}

QByteArray ireturn(const QByteArray &name, const QByteArray &items)
{
    return imethodResponse(name, "<IRETURNVALUE>\n" + items + "\n</IRETURNVALUE>");
}

QByteArray namedInstance(const QByteArray &properties, const QByteArray &keyId = "k1")
{
    return "<VALUE.NAMEDINSTANCE><INSTANCENAME CLASSNAME=\"CIM_Test\"><KEYBINDING NAME=\"Id\">"
           "<KEYVALUE VALUETYPE=\"string\">"
        + keyId + "</KEYVALUE></KEYBINDING></INSTANCENAME><INSTANCE CLASSNAME=\"CIM_Test\">" + properties
        + "</INSTANCE></VALUE.NAMEDINSTANCE>";
}

CimOperationResponse decodeOk(CimOperation operation, const QByteArray &document)
{
    CimXmlError error;
    const auto response = CimXmlReader::readResponse(operation, document, &error);
    if (!response)
        qWarning().noquote() << "unexpected decode error:" << error.toString();
    return response.value_or(CimOperationResponse{});
}

const QByteArray kInstanceProperty = "<PROPERTY NAME=\"Id\" TYPE=\"string\"><VALUE>k1</VALUE></PROPERTY>";

} // namespace

class TestCimXmlReader : public QObject
{
    Q_OBJECT

private slots:
    void acceptsWhatRealServersSend()
    {
        // KEYVALUE without TYPE, VALUE.NULL in arrays, a property without VALUE, whitespace, unknown
        // attributes, xml:lang, comments, CDATA, escapes in text and attributes, non-ASCII.
        const QByteArray document = ireturn(
            "EnumerateInstances",
            "<!-- SFCB adds comments -->\n"
            "<VALUE.NAMEDINSTANCE>\n  <INSTANCENAME CLASSNAME=\"OMC_Fan\">\n"
            "    <KEYBINDING NAME=\"DeviceID\"><KEYVALUE VALUETYPE=\"string\">fan &lt;1&gt;</KEYVALUE></KEYBINDING>\n"
            "    <KEYBINDING NAME=\"Slot\"><KEYVALUE VALUETYPE=\"numeric\">-3</KEYVALUE></KEYBINDING>\n"
            "    <KEYBINDING NAME=\"Present\"><KEYVALUE VALUETYPE=\"boolean\">true</KEYVALUE></KEYBINDING>\n"
            "    <KEYBINDING NAME=\"Speed\"><KEYVALUE VALUETYPE=\"numeric\" TYPE=\"uint16\">4200</KEYVALUE></KEYBINDING>\n"
            "  </INSTANCENAME>\n"
            "  <INSTANCE CLASSNAME=\"OMC_Fan\" xml:lang=\"en\" VENDOR-EXTRA=\"1\">\n"
            "    <PROPERTY NAME=\"Caption\" TYPE=\"string\" PROPAGATED=\"false\" CLASSORIGIN=\"CIM_ManagedElement\">"
            "<VALUE>Gr\xc3\xbc\xc3\x9f" "e &amp; &quot;fans&quot;</VALUE></PROPERTY>\n"
            "    <PROPERTY NAME=\"Note\" TYPE=\"string\"><VALUE><![CDATA[<raw> & text]]></VALUE></PROPERTY>\n"
            "    <PROPERTY NAME=\"Missing\" TYPE=\"uint32\"></PROPERTY>\n"
            "    <PROPERTY NAME=\"Padded\" TYPE=\"uint32\"><VALUE>  42\n</VALUE></PROPERTY>\n"
            "    <PROPERTY.ARRAY NAME=\"OperationalStatus\" TYPE=\"uint16\"><VALUE.ARRAY><VALUE>2</VALUE>"
            "<VALUE.NULL/><VALUE>5</VALUE></VALUE.ARRAY></PROPERTY.ARRAY>\n"
            "    <PROPERTY.ARRAY NAME=\"Empty\" TYPE=\"string\"><VALUE.ARRAY></VALUE.ARRAY></PROPERTY.ARRAY>\n"
            "    <PROPERTY.ARRAY NAME=\"NullArray\" TYPE=\"string\"></PROPERTY.ARRAY>\n"
            "  </INSTANCE>\n"
            "</VALUE.NAMEDINSTANCE>");
        const CimOperationResponse r = decodeOk(CimOperation::EnumerateInstances, document);
        QCOMPARE(r.messageId, QStringLiteral("1001"));
        QVERIFY(r.status.isOk());
        QCOMPARE(r.instances.size(), 1);
        const CimInstance &fan = r.instances.first();
        QCOMPARE(fan.className(), QStringLiteral("OMC_Fan"));
        QCOMPARE(fan.path().className(), QStringLiteral("OMC_Fan"));
        QCOMPARE(fan.path().keyBinding(u"deviceid").toString(), QStringLiteral("fan <1>"));
        QCOMPARE(fan.path().keyBinding(u"Slot").type(), CimType::SInt64);
        QCOMPARE(fan.path().keyBinding(u"Slot").toSigned(), -3);
        QCOMPARE(fan.path().keyBinding(u"Present").type(), CimType::Boolean);
        QCOMPARE(fan.path().keyBinding(u"Present").toBool(), true);
        QCOMPARE(fan.path().keyBinding(u"Speed").type(), CimType::UInt16);
        QCOMPARE(fan.value(u"caption").toString(), QStringLiteral("Grüße & \"fans\""));
        QCOMPARE(fan.property(u"Caption")->classOrigin(), QStringLiteral("CIM_ManagedElement"));
        QCOMPARE(fan.value(u"Note").toString(), QStringLiteral("<raw> & text"));
        QVERIFY(fan.value(u"Missing").isNull());
        QCOMPARE(fan.value(u"Missing").type(), CimType::UInt32);
        QCOMPARE(fan.value(u"Padded").toUnsigned(), 42U);
        const CimValue status = fan.value(u"OperationalStatus");
        QVERIFY(status.isArray());
        QCOMPARE(status.size(), 3);
        QCOMPARE(status.at(0).toUnsigned(), 2U);
        QVERIFY(status.at(1).isNull());
        QCOMPARE(status.at(2).toUnsigned(), 5U);
        QVERIFY(fan.value(u"Empty").isArray());
        QVERIFY(!fan.value(u"Empty").isNull());
        QCOMPARE(fan.value(u"Empty").size(), 0);
        QVERIFY(fan.value(u"NullArray").isNull());
    }

    void decodesEveryType()
    {
        const QByteArray document = ireturn(
            "GetInstance",
            "<INSTANCE CLASSNAME=\"CIM_AllTypes\">"
            "<PROPERTY NAME=\"b\" TYPE=\"boolean\"><VALUE>FALSE</VALUE></PROPERTY>"
            "<PROPERTY NAME=\"c\" TYPE=\"char16\"><VALUE>\xe6\x97\xa5</VALUE></PROPERTY>"
            "<PROPERTY NAME=\"u8\" TYPE=\"uint8\"><VALUE>255</VALUE></PROPERTY>"
            "<PROPERTY NAME=\"s8\" TYPE=\"sint8\"><VALUE>-128</VALUE></PROPERTY>"
            "<PROPERTY NAME=\"u16\" TYPE=\"uint16\"><VALUE>65535</VALUE></PROPERTY>"
            "<PROPERTY NAME=\"s16\" TYPE=\"sint16\"><VALUE>-32768</VALUE></PROPERTY>"
            "<PROPERTY NAME=\"u32\" TYPE=\"uint32\"><VALUE>4294967295</VALUE></PROPERTY>"
            "<PROPERTY NAME=\"s32\" TYPE=\"sint32\"><VALUE>-2147483648</VALUE></PROPERTY>"
            "<PROPERTY NAME=\"u64\" TYPE=\"uint64\"><VALUE>18446744073709551615</VALUE></PROPERTY>"
            "<PROPERTY NAME=\"s64\" TYPE=\"sint64\"><VALUE>-9223372036854775808</VALUE></PROPERTY>"
            "<PROPERTY NAME=\"r32\" TYPE=\"real32\"><VALUE>1.5</VALUE></PROPERTY>"
            "<PROPERTY NAME=\"r64\" TYPE=\"real64\"><VALUE>-2.5E-3</VALUE></PROPERTY>"
            "<PROPERTY NAME=\"inf\" TYPE=\"real64\"><VALUE>INF</VALUE></PROPERTY>"
            "<PROPERTY NAME=\"dt\" TYPE=\"datetime\"><VALUE>20261121050223.123456+060</VALUE></PROPERTY>"
            "<PROPERTY NAME=\"iv\" TYPE=\"datetime\"><VALUE>00000001020304.000005:000</VALUE></PROPERTY>"
            "<PROPERTY.REFERENCE NAME=\"ref\" REFERENCECLASS=\"CIM_System\"><VALUE.REFERENCE><INSTANCEPATH>"
            "<NAMESPACEPATH><HOST>esx01.example.com</HOST><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/>"
            "<NAMESPACE NAME=\"cimv2\"/></LOCALNAMESPACEPATH></NAMESPACEPATH><INSTANCENAME CLASSNAME=\"CIM_System\">"
            "<KEYBINDING NAME=\"Name\"><KEYVALUE VALUETYPE=\"string\" TYPE=\"string\">esx01</KEYVALUE></KEYBINDING>"
            "</INSTANCENAME></INSTANCEPATH></VALUE.REFERENCE></PROPERTY.REFERENCE>"
            "</INSTANCE>");
        const CimOperationResponse r = decodeOk(CimOperation::GetInstance, document);
        QCOMPARE(r.instances.size(), 1);
        const CimInstance &i = r.instances.first();
        QCOMPARE(i.value(u"b"), CimValue::boolean(false));
        QCOMPARE(i.value(u"c").toChar16(), QChar(0x65E5));
        QCOMPARE(i.value(u"u8"), CimValue::uint8(255));
        QCOMPARE(i.value(u"s8"), CimValue::sint8(-128));
        QCOMPARE(i.value(u"u16"), CimValue::uint16(65535));
        QCOMPARE(i.value(u"s16"), CimValue::sint16(-32768));
        QCOMPARE(i.value(u"u32"), CimValue::uint32(4294967295U));
        QCOMPARE(i.value(u"s32"), CimValue::sint32(-2147483647 - 1));
        QCOMPARE(i.value(u"u64"), CimValue::uint64(18446744073709551615ULL));
        QCOMPARE(i.value(u"s64"), CimValue::sint64(std::numeric_limits<qint64>::min()));
        QCOMPARE(i.value(u"r32"), CimValue::real32(1.5F));
        QCOMPARE(i.value(u"r64"), CimValue::real64(-2.5e-3));
        QVERIFY(std::isinf(i.value(u"inf").toReal()));
        const CimDateTime dt = i.value(u"dt").toDateTime();
        QVERIFY(dt.isTimestamp());
        QCOMPARE(dt.utcOffsetMinutes(), 60);
        QCOMPARE(dt.microseconds(), 123456);
        QCOMPARE(i.value(u"iv").toDateTime().totalMicroseconds(), ((((1LL * 24 + 2) * 60 + 3) * 60 + 4) * 1000000LL) + 5);
        const CimInstanceName ref = i.value(u"ref").toReference();
        QCOMPARE(i.property(u"ref")->referenceClass(), QStringLiteral("CIM_System"));
        QCOMPARE(ref.host(), QStringLiteral("esx01.example.com"));
        QCOMPARE(ref.nameSpace(), QStringLiteral("root/cimv2"));
        QCOMPARE(ref.keyBinding(u"Name").toString(), QStringLiteral("esx01"));
    }

    void decodesEmbeddedInstances()
    {
        // DSP0201: the embedded INSTANCE travels as escaped text; the older form marks the property
        // with the EmbeddedInstance qualifier instead of the EmbeddedObject attribute.
        const QByteArray embedded = "&lt;INSTANCE CLASSNAME=&quot;CIM_Error&quot;&gt;&lt;PROPERTY NAME=&quot;"
                                    "Message&quot; TYPE=&quot;string&quot;&gt;&lt;VALUE&gt;disk &amp;amp; fan"
                                    "&lt;/VALUE&gt;&lt;/PROPERTY&gt;&lt;/INSTANCE&gt;";
        const QByteArray document = ireturn(
            "GetInstance", "<INSTANCE CLASSNAME=\"CIM_Alert\">"
                           "<PROPERTY NAME=\"A\" TYPE=\"string\" EmbeddedObject=\"instance\"><VALUE>"
                + embedded
                + "</VALUE></PROPERTY>"
                  "<PROPERTY NAME=\"B\" TYPE=\"string\"><QUALIFIER NAME=\"EmbeddedInstance\" TYPE=\"string\">"
                  "<VALUE>CIM_Error</VALUE></QUALIFIER><VALUE>"
                + embedded
                + "</VALUE></PROPERTY>"
                  "<PROPERTY.ARRAY NAME=\"C\" TYPE=\"string\" EMBEDDEDOBJECT=\"object\"><VALUE.ARRAY><VALUE>"
                + embedded + "</VALUE><VALUE.NULL/></VALUE.ARRAY></PROPERTY.ARRAY></INSTANCE>");
        const CimOperationResponse r = decodeOk(CimOperation::GetInstance, document);
        QCOMPARE(r.instances.size(), 1);
        const CimInstance &alert = r.instances.first();
        const CimValue a = alert.value(u"A");
        QCOMPARE(a.embeddedKind(), CimEmbeddedKind::Instance);
        QCOMPARE(a.toEmbeddedInstance().className(), QStringLiteral("CIM_Error"));
        QCOMPARE(a.toEmbeddedInstance().value(u"Message").toString(), QStringLiteral("disk & fan"));
        QCOMPARE(alert.value(u"B").toEmbeddedInstance().className(), QStringLiteral("CIM_Error"));
        const CimValue c = alert.value(u"C");
        QVERIFY(c.isArray());
        QCOMPARE(c.size(), 2);
        QCOMPARE(c.at(0).toEmbeddedInstance().value(u"Message").toString(), QStringLiteral("disk & fan"));
        QVERIFY(c.at(1).isNull());
    }

    void decodesNamesAndPaths()
    {
        const CimOperationResponse names = decodeOk(
            CimOperation::EnumerateInstanceNames,
            ireturn("EnumerateInstanceNames",
                    "<INSTANCENAME CLASSNAME=\"CIM_Namespace\"><KEYBINDING NAME=\"Name\"><KEYVALUE>interop</KEYVALUE>"
                    "</KEYBINDING></INSTANCENAME><INSTANCENAME CLASSNAME=\"CIM_Namespace\"><KEYBINDING NAME=\"Name\">"
                    "<KEYVALUE>root/cimv2</KEYVALUE></KEYBINDING></INSTANCENAME>"));
        QCOMPARE(names.instanceNames.size(), 2);
        QCOMPARE(names.instanceNames.at(1).keyBinding(u"Name").toString(), QStringLiteral("root/cimv2"));

        const CimOperationResponse created = decodeOk(
            CimOperation::CreateInstance,
            ireturn("CreateInstance", "<INSTANCENAME CLASSNAME=\"CIM_IndicationFilter\"><KEYBINDING NAME=\"Name\">"
                                      "<KEYVALUE>cimdiag:1</KEYVALUE></KEYBINDING></INSTANCENAME>"));
        QCOMPARE(created.instanceNames.size(), 1);

        const CimOperationResponse classNames = decodeOk(
            CimOperation::EnumerateClassNames,
            ireturn("EnumerateClassNames", "<CLASSNAME NAME=\"CIM_ManagedElement\"/><CLASSNAME NAME=\"CIM_Foo\"/>"));
        QCOMPARE(classNames.classNames.size(), 2);
        QCOMPARE(classNames.classNames.at(1).className(), QStringLiteral("CIM_Foo"));

        const QByteArray nsPath = "<NAMESPACEPATH><HOST>srv</HOST><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/>"
                                  "<NAMESPACE NAME=\"cimv2\"/></LOCALNAMESPACEPATH></NAMESPACEPATH>";
        const CimOperationResponse assocNames = decodeOk(
            CimOperation::AssociatorNames,
            ireturn("AssociatorNames", "<OBJECTPATH><INSTANCEPATH>" + nsPath
                                           + "<INSTANCENAME CLASSNAME=\"CIM_Fan\"><KEYBINDING NAME=\"ID\"><KEYVALUE "
                                             "VALUETYPE=\"numeric\">7</KEYVALUE></KEYBINDING></INSTANCENAME>"
                                             "</INSTANCEPATH></OBJECTPATH><OBJECTPATH><CLASSPATH>"
                                           + nsPath + "<CLASSNAME NAME=\"CIM_Fan\"/></CLASSPATH></OBJECTPATH>"));
        QCOMPARE(assocNames.instanceNames.size(), 1);
        QCOMPARE(assocNames.instanceNames.first().keyBinding(u"ID").toUnsigned(), 7U);
        QCOMPARE(assocNames.instanceNames.first().host(), QStringLiteral("srv"));
        QCOMPARE(assocNames.classNames.size(), 1);
        QCOMPARE(assocNames.classNames.first().nameSpace(), QStringLiteral("root/cimv2"));

        const CimOperationResponse associators = decodeOk(
            CimOperation::Associators,
            ireturn("Associators", "<VALUE.OBJECTWITHPATH><INSTANCEPATH>" + nsPath
                                       + "<INSTANCENAME CLASSNAME=\"CIM_Fan\"/></INSTANCEPATH><INSTANCE "
                                         "CLASSNAME=\"CIM_Fan\">"
                                       + kInstanceProperty + "</INSTANCE></VALUE.OBJECTWITHPATH>"));
        QCOMPARE(associators.instances.size(), 1);
        QCOMPARE(associators.instances.first().path().nameSpace(), QStringLiteral("root/cimv2"));

        const CimOperationResponse query = decodeOk(
            CimOperation::ExecQuery,
            ireturn("ExecQuery", "<VALUE.OBJECT><INSTANCE CLASSNAME=\"CIM_Fan\">" + kInstanceProperty
                                     + "</INSTANCE></VALUE.OBJECT>"));
        QCOMPARE(query.instances.size(), 1);
    }

    void decodesClassesAndQualifiers()
    {
        const QByteArray cls =
            "<CLASS NAME=\"CIM_Fan\" SUPERCLASS=\"CIM_CoolingDevice\">"
            "<QUALIFIER NAME=\"Description\" TYPE=\"string\" TRANSLATABLE=\"true\"><VALUE>A fan</VALUE></QUALIFIER>"
            "<PROPERTY NAME=\"DeviceID\" TYPE=\"string\" CLASSORIGIN=\"CIM_LogicalDevice\" PROPAGATED=\"true\">"
            "<QUALIFIER NAME=\"Key\" TYPE=\"boolean\" OVERRIDABLE=\"false\"><VALUE>true</VALUE></QUALIFIER></PROPERTY>"
            "<PROPERTY.ARRAY NAME=\"States\" TYPE=\"uint16\" ARRAYSIZE=\"4\"><QUALIFIER NAME=\"ValueMap\" "
            "TYPE=\"string\"><VALUE.ARRAY><VALUE>0</VALUE><VALUE>2..4</VALUE></VALUE.ARRAY></QUALIFIER>"
            "</PROPERTY.ARRAY>"
            "<PROPERTY.REFERENCE NAME=\"Owner\" REFERENCECLASS=\"CIM_System\"/>"
            "<METHOD NAME=\"SetSpeed\" TYPE=\"uint32\"><PARAMETER NAME=\"DesiredSpeed\" TYPE=\"uint64\">"
            "<QUALIFIER NAME=\"In\" TYPE=\"boolean\"><VALUE>true</VALUE></QUALIFIER></PARAMETER>"
            "<PARAMETER.REFERENCE NAME=\"Job\" REFERENCECLASS=\"CIM_Job\"/>"
            "<PARAMETER.ARRAY NAME=\"Speeds\" TYPE=\"uint16\"/><PARAMETER.REFARRAY NAME=\"Jobs\" REFERENCECLASS=\"CIM_Job\"/>"
            "</METHOD><METHOD NAME=\"Reset\"/></CLASS>";
        const CimOperationResponse r = decodeOk(CimOperation::GetClass, ireturn("GetClass", cls));
        QCOMPARE(r.classes.size(), 1);
        const CimClass &c = r.classes.first();
        QCOMPARE(c.superClass(), QStringLiteral("CIM_CoolingDevice"));
        QVERIFY(c.qualifiers().find(u"description")->flavors().translatable);
        const CimProperty *id = c.properties().find(u"DeviceID");
        QVERIFY(id);
        QVERIFY(id->isPropagated());
        QVERIFY(!id->qualifiers().find(u"Key")->flavors().overridable);
        QCOMPARE(c.properties().find(u"States")->arraySize(), 4);
        QCOMPARE(c.properties().find(u"Owner")->type(), CimType::Reference);
        const CimMethod *setSpeed = c.methods().find(u"SetSpeed");
        QVERIFY(setSpeed);
        QCOMPARE(setSpeed->returnType(), CimType::UInt32);
        QCOMPARE(setSpeed->parameters().size(), 4);
        QCOMPARE(setSpeed->parameters().find(u"Job")->referenceClass(), QStringLiteral("CIM_Job"));
        QVERIFY(setSpeed->parameters().find(u"Jobs")->isArray());
        QCOMPARE(c.methods().find(u"Reset")->returnType(), CimType::Invalid);

        const CimOperationResponse q = decodeOk(
            CimOperation::EnumerateQualifiers,
            ireturn("EnumerateQualifiers",
                    "<QUALIFIER.DECLARATION NAME=\"Key\" TYPE=\"boolean\" OVERRIDABLE=\"false\"><SCOPE PROPERTY=\"true\" "
                    "REFERENCE=\"true\"/><VALUE>false</VALUE></QUALIFIER.DECLARATION>"
                    "<QUALIFIER.DECLARATION NAME=\"ValueMap\" TYPE=\"string\" ISARRAY=\"true\"><SCOPE PROPERTY=\"true\"/>"
                    "</QUALIFIER.DECLARATION>"));
        QCOMPARE(q.qualifierDeclarations.size(), 2);
        QVERIFY(q.qualifierDeclarations.at(0).scopes().reference);
        QVERIFY(!q.qualifierDeclarations.at(0).scopes().method);
        QVERIFY(q.qualifierDeclarations.at(1).isArray());
    }

    void decodesPullReplies()
    {
        const QByteArray path = "<INSTANCEPATH><NAMESPACEPATH><HOST>h</HOST><LOCALNAMESPACEPATH><NAMESPACE NAME=\"interop\"/>"
                                "</LOCALNAMESPACEPATH></NAMESPACEPATH><INSTANCENAME CLASSNAME=\"CIM_Fan\"/></INSTANCEPATH>";
        const CimOperationResponse open = decodeOk(
            CimOperation::OpenEnumerateInstances,
            imethodResponse("OpenEnumerateInstances",
                            "<IRETURNVALUE><VALUE.INSTANCEWITHPATH>" + path + "<INSTANCE CLASSNAME=\"CIM_Fan\"/>"
                                "</VALUE.INSTANCEWITHPATH></IRETURNVALUE>"
                                "<PARAMVALUE NAME=\"EnumerationContext\"><VALUE>ctx-17</VALUE></PARAMVALUE>"
                                "<PARAMVALUE NAME=\"EndOfSequence\"><VALUE>FALSE</VALUE></PARAMVALUE>"));
        QCOMPARE(open.instances.size(), 1);
        QCOMPARE(open.instances.first().path().nameSpace(), QStringLiteral("interop"));
        QCOMPARE(open.enumerationContext, QStringLiteral("ctx-17"));
        QVERIFY(!open.endOfSequence);

        const CimOperationResponse paths = decodeOk(
            CimOperation::PullInstancePaths,
            imethodResponse("PullInstancePaths", "<IRETURNVALUE>" + path + path + "</IRETURNVALUE>"
                                                 "<PARAMVALUE NAME=\"EnumerationContext\"/>"
                                                 "<PARAMVALUE NAME=\"EndOfSequence\"><VALUE>TRUE</VALUE></PARAMVALUE>"));
        QCOMPARE(paths.instanceNames.size(), 2);
        QVERIFY(paths.endOfSequence);

        const CimOperationResponse count = decodeOk(
            CimOperation::EnumerationCount, ireturn("EnumerationCount", "<VALUE>12</VALUE>"));
        QCOMPARE(count.returnValue.toUnsigned(), 12U);

        const CimOperationResponse closed = decodeOk(CimOperation::CloseEnumeration,
                                                     imethodResponse("CloseEnumeration", QByteArray()));
        QVERIFY(closed.status.isOk());
    }

    void decodesMethodAndExportReplies()
    {
        const CimOperationResponse invoke = decodeOk(
            CimOperation::InvokeMethod,
            envelope("<SIMPLERSP><METHODRESPONSE NAME=\"RequestStateChange\"><RETURNVALUE PARAMTYPE=\"uint32\">"
                     "<VALUE>4096</VALUE></RETURNVALUE><PARAMVALUE NAME=\"Job\" PARAMTYPE=\"reference\">"
                     "<VALUE.REFERENCE><INSTANCENAME CLASSNAME=\"CIM_ConcreteJob\"><KEYBINDING NAME=\"InstanceID\">"
                     "<KEYVALUE>job1</KEYVALUE></KEYBINDING></INSTANCENAME></VALUE.REFERENCE></PARAMVALUE>"
                     "<PARAMVALUE NAME=\"Codes\" PARAMTYPE=\"uint16\"><VALUE.ARRAY><VALUE>1</VALUE><VALUE>2</VALUE>"
                     "</VALUE.ARRAY></PARAMVALUE></METHODRESPONSE></SIMPLERSP>"));
        QCOMPARE(invoke.methodName, QStringLiteral("RequestStateChange"));
        QCOMPARE(invoke.returnValue, CimValue::uint32(4096));
        QCOMPARE(invoke.outParameters.find(u"job")->value().toReference().keyBinding(u"InstanceID").toString(),
                 QStringLiteral("job1"));
        QCOMPARE(invoke.outParameters.find(u"Codes")->value().size(), 2);

        const CimOperationResponse exported = decodeOk(
            CimOperation::ExportIndication,
            envelope("<SIMPLEEXPRSP><EXPMETHODRESPONSE NAME=\"ExportIndication\"/></SIMPLEEXPRSP>"));
        QVERIFY(exported.status.isOk());
    }

    void decodesErrors()
    {
        const CimOperationResponse r = decodeOk(
            CimOperation::EnumerateInstances,
            imethodResponse("EnumerateInstances",
                            "<ERROR CODE=\"5\" DESCRIPTION=\"Class &quot;Foo&quot; &amp; friends not found\">"
                            "<INSTANCE CLASSNAME=\"CIM_Error\"><PROPERTY NAME=\"CIMStatusCode\" TYPE=\"uint32\">"
                            "<VALUE>5</VALUE></PROPERTY></INSTANCE></ERROR>"));
        QCOMPARE(r.status.code(), 5);
        QCOMPARE(r.status.statusCode(), CimStatusCode::InvalidClass);
        QCOMPARE(r.status.description(), QStringLiteral("Class \"Foo\" & friends not found"));
        QCOMPARE(r.status.errorInstances().size(), 1);
        QCOMPARE(r.status.errorInstances().first().value(u"CIMStatusCode").toUnsigned(), 5U);
        QVERIFY(r.instances.isEmpty());
    }

    void decodesRequests()
    {
        const QByteArray intrinsic = envelope(
            "<SIMPLEREQ><IMETHODCALL NAME=\"EnumerateInstances\"><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/>"
            "<NAMESPACE NAME=\"cimv2\"/></LOCALNAMESPACEPATH><IPARAMVALUE NAME=\"ClassName\"><CLASSNAME "
            "NAME=\"CIM_Fan\"/></IPARAMVALUE><IPARAMVALUE NAME=\"LocalOnly\"><VALUE>FALSE</VALUE></IPARAMVALUE>"
            "<IPARAMVALUE NAME=\"MaxObjectCount\"><VALUE>100</VALUE></IPARAMVALUE>"
            "<IPARAMVALUE NAME=\"PropertyList\"><VALUE.ARRAY><VALUE>Name</VALUE><VALUE>Speed</VALUE></VALUE.ARRAY>"
            "</IPARAMVALUE></IMETHODCALL></SIMPLEREQ>");
        CimXmlError error;
        const auto request = CimXmlReader::readRequest(intrinsic, &error);
        QVERIFY2(request, qPrintable(error.toString()));
        QCOMPARE(request->operation, CimOperation::EnumerateInstances);
        QCOMPARE(request->nameSpace, QStringLiteral("root/cimv2"));
        QCOMPARE(request->arguments.find(u"ClassName")->get<CimClassName>()->className(), QStringLiteral("CIM_Fan"));
        QCOMPARE(*request->arguments.find(u"LocalOnly")->get<CimValue>(), CimValue::boolean(false));
        QCOMPARE(*request->arguments.find(u"MaxObjectCount")->get<CimValue>(), CimValue::uint32(100));
        QCOMPARE(request->arguments.find(u"PropertyList")->get<CimValue>()->size(), 2);
        QCOMPARE(request->cimObjectHeader(), QStringLiteral("root/cimv2"));

        const QByteArray extrinsic = envelope(
            "<SIMPLEREQ><METHODCALL NAME=\"Reset\"><LOCALINSTANCEPATH><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/>"
            "<NAMESPACE NAME=\"cimv2\"/></LOCALNAMESPACEPATH><INSTANCENAME CLASSNAME=\"CIM_Fan\"><KEYBINDING "
            "NAME=\"DeviceID\"><KEYVALUE>f1</KEYVALUE></KEYBINDING></INSTANCENAME></LOCALINSTANCEPATH>"
            "<PARAMVALUE NAME=\"Force\" PARAMTYPE=\"boolean\"><VALUE>true</VALUE></PARAMVALUE></METHODCALL></SIMPLEREQ>");
        const auto method = CimXmlReader::readRequest(extrinsic, &error);
        QVERIFY2(method, qPrintable(error.toString()));
        QCOMPARE(method->operation, CimOperation::InvokeMethod);
        QCOMPARE(method->methodName, QStringLiteral("Reset"));
        QCOMPARE(method->targetInstance.nameSpace(), QStringLiteral("root/cimv2"));
        QCOMPARE(method->parameters.find(u"force")->value(), CimValue::boolean(true));

        const QByteArray indication = envelope(
            "<SIMPLEEXPREQ><EXPMETHODCALL NAME=\"ExportIndication\"><EXPPARAMVALUE NAME=\"NewIndication\">"
            "<INSTANCE CLASSNAME=\"CIM_AlertIndication\"><PROPERTY NAME=\"Message\" TYPE=\"string\"><VALUE>hot</VALUE>"
            "</PROPERTY></INSTANCE></EXPPARAMVALUE></EXPMETHODCALL></SIMPLEEXPREQ>");
        const auto exported = CimXmlReader::readRequest(indication, &error);
        QVERIFY2(exported, qPrintable(error.toString()));
        QCOMPARE(exported->operation, CimOperation::ExportIndication);
        QCOMPARE(exported->arguments.find(u"NewIndication")->get<CimInstance>()->value(u"Message").toString(),
                 QStringLiteral("hot"));
    }

    void streamsByteByByte()
    {
        QByteArray items;
        for (int i = 0; i < 50; ++i)
            items += namedInstance("<PROPERTY NAME=\"N\" TYPE=\"uint32\"><VALUE>" + QByteArray::number(i)
                                       + "</VALUE></PROPERTY>",
                                   "k" + QByteArray::number(i));
        const QByteArray document = ireturn("EnumerateInstances", items);
        CimXmlReader reader(CimOperation::EnumerateInstances);
        int seenMidway = -1;
        for (qsizetype i = 0; i < document.size(); ++i) {
            QVERIFY(reader.feed(QByteArrayView(document).sliced(i, 1)));
            if (i == document.size() / 2)
                seenMidway = static_cast<int>(reader.response().instances.size());
        }
        QVERIFY(reader.finish());
        // Objects become available while the document is still arriving.
        QVERIFY(seenMidway > 10 && seenMidway < 50);
        const CimOperationResponse streamed = reader.takeResponse();
        QCOMPARE(streamed, decodeOk(CimOperation::EnumerateInstances, document));
        QCOMPARE(streamed.instances.size(), 50);
        QCOMPARE(streamed.instances.at(49).value(u"N").toUnsigned(), 49U);
        QCOMPARE(reader.bytesFed(), document.size());
    }

    void rejects_data()
    {
        QTest::addColumn<int>("operation");
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("path");

        const auto ei = static_cast<int>(CimOperation::EnumerateInstances);
        const auto gi = static_cast<int>(CimOperation::GetInstance);
        const auto ein = static_cast<int>(CimOperation::EnumerateInstanceNames);
        const auto req = -1; // decode as a request
        const auto property = [](const QByteArray &p) { return ireturn("GetInstance", "<INSTANCE CLASSNAME=\"C\">" + p + "</INSTANCE>"); };

        QTest::newRow("empty") << ei << QByteArray() << "empty" << "";
        QTest::newRow("not xml") << ei << QByteArray("HTTP/1.1 200 OK\r\n\r\n") << "not well-formed" << "";
        QTest::newRow("html page") << ei << QByteArray("<html><body>Login</body></html>") << "unknown element <html>" << "";
        QTest::newRow("truncated") << ei << ireturn("EnumerateInstances", namedInstance(kInstanceProperty)).left(260)
                                   << "truncated" << "";
        QTest::newRow("mismatched end tag") << ei << ireturn("EnumerateInstances", "<VALUE.NAMEDINSTANCE></INSTANCE>")
                                            << "not well-formed" << "VALUE.NAMEDINSTANCE";
        QTest::newRow("doctype with entities") << ei
            << QByteArray("<?xml version=\"1.0\"?><!DOCTYPE CIM [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
                          "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">&b;</CIM>")
            << "DOCTYPE" << "";
        QTest::newRow("external entity without doctype") << ei
            << imethodResponse("EnumerateInstances", "<IRETURNVALUE>&xxe;</IRETURNVALUE>") << "not well-formed" << "";
        QTest::newRow("invalid utf-8") << gi << property("<PROPERTY NAME=\"P\" TYPE=\"string\"><VALUE>\xff\xfe</VALUE></PROPERTY>")
                                      << "not well-formed" << "";
        QTest::newRow("root not CIM") << ei << QByteArray("<MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"/>")
                                      << "root element must be <CIM>" << "MESSAGE";
        QTest::newRow("CIMVERSION 3") << ei << QByteArray(ireturn("EnumerateInstances", "")).replace("CIMVERSION=\"2.0\"", "CIMVERSION=\"3.0\"")
                                      << "CIMVERSION=\"3.0\"" << "CIM";
        QTest::newRow("no CIMVERSION") << ei << QByteArray(ireturn("EnumerateInstances", "")).replace("CIMVERSION=\"2.0\"", "")
                                       << "lacks the required attribute CIMVERSION" << "CIM";
        QTest::newRow("PROTOCOLVERSION 2") << ei << QByteArray(ireturn("EnumerateInstances", "")).replace("PROTOCOLVERSION=\"1.0\"", "PROTOCOLVERSION=\"2.0\"")
                                           << "PROTOCOLVERSION=\"2.0\"" << "CIM/MESSAGE";
        QTest::newRow("no message ID") << ei << QByteArray(ireturn("EnumerateInstances", "")).replace("ID=\"1001\" ", "")
                                       << "lacks the required attribute ID" << "CIM/MESSAGE";
        QTest::newRow("multiple responses") << ei << envelope("<MULTIRSP><SIMPLERSP/><SIMPLERSP/></MULTIRSP>")
                                            << "multiple responses" << "MULTIRSP";
        QTest::newRow("request given to a response reader") << ei << envelope("<SIMPLEREQ/>") << "must be a <SIMPLERSP>" << "SIMPLEREQ";
        QTest::newRow("reply for another operation") << ei << ireturn("GetInstance", "<INSTANCE CLASSNAME=\"C\"/>")
                                                     << "the reply is for GetInstance, but the request was EnumerateInstances"
                                                     << "IMETHODRESPONSE[GetInstance]";
        QTest::newRow("names reply holding instances") << ein << ireturn("EnumerateInstanceNames", "<INSTANCE CLASSNAME=\"C\"/>")
                                                       << "must hold INSTANCENAME elements in IRETURNVALUE, not <INSTANCE>"
                                                       << "IRETURNVALUE/INSTANCE";
        QTest::newRow("instances reply holding names") << ei << ireturn("EnumerateInstances", "<INSTANCENAME CLASSNAME=\"C\"/>")
                                                       << "not <INSTANCENAME>" << "IRETURNVALUE/INSTANCENAME";
        QTest::newRow("GetInstance without instance") << gi << ireturn("GetInstance", "") << "holds none" << "IMETHODRESPONSE";
        QTest::newRow("GetInstance with two instances") << gi << ireturn("GetInstance", "<INSTANCE CLASSNAME=\"C\"/><INSTANCE CLASSNAME=\"C\"/>")
                                                        << "but holds more" << "INSTANCE[2]";
        QTest::newRow("uint8 out of range") << gi << property("<PROPERTY NAME=\"Small\" TYPE=\"uint8\"><VALUE>300</VALUE></PROPERTY>")
                                            << "out of range for uint8" << "INSTANCE[1]/PROPERTY[Small]/VALUE";
        QTest::newRow("sint32 not a number") << gi << property("<PROPERTY NAME=\"N\" TYPE=\"sint32\"><VALUE>abc</VALUE></PROPERTY>")
                                             << "not a valid sint32" << "PROPERTY[N]/VALUE";
        QTest::newRow("negative uint16") << gi << property("<PROPERTY NAME=\"N\" TYPE=\"uint16\"><VALUE>-1</VALUE></PROPERTY>")
                                         << "out of range for uint16" << "PROPERTY[N]/VALUE";
        QTest::newRow("boolean yes") << gi << property("<PROPERTY NAME=\"B\" TYPE=\"boolean\"><VALUE>yes</VALUE></PROPERTY>")
                                     << "not a valid boolean" << "PROPERTY[B]/VALUE";
        QTest::newRow("bad datetime") << gi << property("<PROPERTY NAME=\"D\" TYPE=\"datetime\"><VALUE>2026-11-21</VALUE></PROPERTY>")
                                      << "25 characters" << "PROPERTY[D]/VALUE";
        QTest::newRow("real64 garbage") << gi << property("<PROPERTY NAME=\"R\" TYPE=\"real64\"><VALUE>1.2.3</VALUE></PROPERTY>")
                                        << "not a valid real64" << "PROPERTY[R]/VALUE";
        QTest::newRow("char16 two characters") << gi << property("<PROPERTY NAME=\"C\" TYPE=\"char16\"><VALUE>ab</VALUE></PROPERTY>")
                                               << "char16" << "PROPERTY[C]/VALUE";
        QTest::newRow("property without NAME") << gi << property("<PROPERTY TYPE=\"string\"/>")
                                               << "<PROPERTY> lacks the required attribute NAME" << "INSTANCE[1]/PROPERTY";
        QTest::newRow("property without TYPE") << gi << property("<PROPERTY NAME=\"P\"/>")
                                               << "lacks the required attribute TYPE" << "PROPERTY[P]";
        QTest::newRow("unknown type") << gi << property("<PROPERTY NAME=\"P\" TYPE=\"uint128\"/>")
                                      << "TYPE=\"uint128\" is not a CIM type" << "PROPERTY[P]";
        QTest::newRow("element inside VALUE") << gi << property("<PROPERTY NAME=\"P\" TYPE=\"string\"><VALUE><VALUE>x</VALUE></VALUE></PROPERTY>")
                                              << "<VALUE> holds text only" << "PROPERTY[P]/VALUE";
        QTest::newRow("text inside INSTANCE") << gi << property("stray text")
                                              << "unexpected text \"stray text\" in <INSTANCE>" << "IRETURNVALUE/INSTANCE";
        QTest::newRow("unknown element") << gi << property("<FOO/>") << "unknown element <FOO>" << "INSTANCE";
        QTest::newRow("scalar VALUE in PROPERTY.ARRAY") << gi << property("<PROPERTY.ARRAY NAME=\"A\" TYPE=\"uint8\"><VALUE>1</VALUE></PROPERTY.ARRAY>")
                                                        << "<VALUE> is not allowed here in <PROPERTY.ARRAY>" << "PROPERTY.ARRAY[A]/VALUE";
        QTest::newRow("qualifier after property") << gi << property(kInstanceProperty + "<QUALIFIER NAME=\"Q\" TYPE=\"boolean\"/>")
                                                  << "<QUALIFIER> is not allowed here in <INSTANCE>" << "INSTANCE[1]/QUALIFIER[Q]";
        QTest::newRow("duplicate property") << gi << property(kInstanceProperty + "<PROPERTY NAME=\"ID\" TYPE=\"string\"/>")
                                            << "duplicate property ID" << "PROPERTY[ID]";
        QTest::newRow("keybinding without NAME") << ein << ireturn("EnumerateInstanceNames", "<INSTANCENAME CLASSNAME=\"C\"><KEYBINDING><KEYVALUE>x</KEYVALUE></KEYBINDING></INSTANCENAME>")
                                                 << "<KEYBINDING> lacks the required attribute NAME" << "INSTANCENAME[1]/KEYBINDING";
        QTest::newRow("numeric key not a number") << ein << ireturn("EnumerateInstanceNames", "<INSTANCENAME CLASSNAME=\"C\"><KEYBINDING NAME=\"K\"><KEYVALUE VALUETYPE=\"numeric\">12x</KEYVALUE></KEYBINDING></INSTANCENAME>")
                                                  << "not a valid uint64" << "KEYBINDING[K]/KEYVALUE";
        QTest::newRow("empty VALUE.REFERENCE") << gi << property("<PROPERTY.REFERENCE NAME=\"R\"><VALUE.REFERENCE/></PROPERTY.REFERENCE>")
                                               << "exactly one path element" << "PROPERTY.REFERENCE[R]/VALUE.REFERENCE";
        QTest::newRow("negative ARRAYSIZE") << gi << property("<PROPERTY.ARRAY NAME=\"A\" TYPE=\"uint8\" ARRAYSIZE=\"-1\"/>")
                                            << "ARRAYSIZE=\"-1\"" << "PROPERTY.ARRAY[A]";
        QTest::newRow("bad embedded object") << gi << property("<PROPERTY NAME=\"E\" TYPE=\"string\" EmbeddedObject=\"instance\"><VALUE>&lt;INSTANCE</VALUE></PROPERTY>")
                                             << "embedded object" << "PROPERTY[E]/VALUE";
        QTest::newRow("ERROR without CODE") << ei << imethodResponse("EnumerateInstances", "<ERROR DESCRIPTION=\"x\"/>")
                                            << "<ERROR> lacks the required attribute CODE" << "IMETHODRESPONSE[EnumerateInstances]/ERROR";
        QTest::newRow("ERROR CODE not a number") << ei << imethodResponse("EnumerateInstances", "<ERROR CODE=\"abc\"/>")
                                                 << "CODE=\"abc\" is not a CIM status code" << "ERROR";
        QTest::newRow("ERROR beside a return value") << ei << imethodResponse("EnumerateInstances", "<IRETURNVALUE/><ERROR CODE=\"1\"/>")
                                                     << "<ERROR> must be the only content" << "ERROR";
        QTest::newRow("pull reply without EndOfSequence")
            << static_cast<int>(CimOperation::PullInstancesWithPath)
            << imethodResponse("PullInstancesWithPath", "<IRETURNVALUE/><PARAMVALUE NAME=\"EnumerationContext\"><VALUE>c</VALUE></PARAMVALUE>")
            << "lacks the EndOfSequence parameter" << "IMETHODRESPONSE";
        QTest::newRow("METHODRESPONSE for an intrinsic operation") << ei << envelope("<SIMPLERSP><METHODRESPONSE NAME=\"EnumerateInstances\"/></SIMPLERSP>")
                                                                   << "must hold <IMETHODRESPONSE>, not <METHODRESPONSE>" << "METHODRESPONSE";
        QTest::newRow("request: unknown intrinsic method") << req << envelope("<SIMPLEREQ><IMETHODCALL NAME=\"FormatDisk\"><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/></LOCALNAMESPACEPATH></IMETHODCALL></SIMPLEREQ>")
                                                           << "\"FormatDisk\" is not an intrinsic CIM operation" << "IMETHODCALL[FormatDisk]";
        QTest::newRow("request: no namespace") << req << envelope("<SIMPLEREQ><IMETHODCALL NAME=\"GetClass\"/></SIMPLEREQ>")
                                               << "lacks <LOCALNAMESPACEPATH>" << "IMETHODCALL[GetClass]";
        QTest::newRow("request: empty namespace path") << req << envelope("<SIMPLEREQ><IMETHODCALL NAME=\"GetClass\"><LOCALNAMESPACEPATH/></IMETHODCALL></SIMPLEREQ>")
                                                       << "holds no NAMESPACE" << "LOCALNAMESPACEPATH";
        QTest::newRow("request: unknown export method") << req << envelope("<SIMPLEEXPREQ><EXPMETHODCALL NAME=\"ExportAlarm\"/></SIMPLEEXPREQ>")
                                                        << "\"ExportAlarm\" is not an export method" << "EXPMETHODCALL[ExportAlarm]";
        QTest::newRow("request: two calls") << req << envelope("<SIMPLEREQ><IMETHODCALL NAME=\"GetClass\"/><IMETHODCALL NAME=\"GetClass\"/></SIMPLEREQ>")
                                            << "is not allowed here in <SIMPLEREQ>" << "IMETHODCALL";
    }

    void rejects()
    {
        QFETCH(int, operation);
        QFETCH(QByteArray, document);
        QFETCH(QString, message);
        QFETCH(QString, path);
        CimXmlError error;
        if (operation < 0)
            QVERIFY(!CimXmlReader::readRequest(document, &error));
        else
            QVERIFY(!CimXmlReader::readResponse(static_cast<CimOperation>(operation), document, &error));
        QVERIFY2(error.message.contains(message), qPrintable(error.toString()));
        QVERIFY2(error.elementPath.contains(path), qPrintable(error.toString()));
        if (!document.isEmpty())
            QVERIFY2(error.line >= 1 && error.column >= 1, qPrintable(error.toString()));
        QVERIFY(error.toString().startsWith(QStringLiteral("line ")));
    }

    void enforcesLimits()
    {
        const QByteArray document = ireturn("GetInstance", "<INSTANCE CLASSNAME=\"C\"><PROPERTY NAME=\"P\" TYPE=\"string\">"
                                                           "<VALUE>0123456789abcdef</VALUE></PROPERTY></INSTANCE>");
        CimXmlReader shallow(CimOperation::GetInstance, CimXmlLimits{6, 1024});
        QVERIFY(!(shallow.feed(document) && shallow.finish()));
        QVERIFY2(shallow.error().message.contains(QStringLiteral("nest deeper than the limit of 6")),
                 qPrintable(shallow.error().toString()));
        CimXmlReader small(CimOperation::GetInstance, CimXmlLimits{64, 12});
        QVERIFY(!(small.feed(document) && small.finish()));
        QVERIFY2(small.error().message.contains(QStringLiteral("longer than the limit of 12 bytes")),
                 qPrintable(small.error().toString()));
        QCOMPARE(small.error().elementPath, QStringLiteral("CIM/MESSAGE/SIMPLERSP/IMETHODRESPONSE[GetInstance]/"
                                                           "IRETURNVALUE/INSTANCE[1]/PROPERTY[P]/VALUE"));
        CimXmlReader roomy(CimOperation::GetInstance, CimXmlLimits{8, 16});
        QVERIFY2(roomy.feed(document) && roomy.finish(), qPrintable(roomy.error().toString()));
    }

    void survivesMutatedDocuments()
    {
        // Deterministic mutations of a rich reply: every outcome is either a decoded response or an
        // error with a message and a position; nothing crashes or hangs (run under ASan in CI's asan preset).
        QByteArray items;
        for (int i = 0; i < 3; ++i)
            items += namedInstance("<PROPERTY NAME=\"N\" TYPE=\"uint32\"><VALUE>7</VALUE></PROPERTY>"
                                   "<PROPERTY.ARRAY NAME=\"A\" TYPE=\"datetime\"><VALUE.ARRAY><VALUE>"
                                   "20261121050223.123456+060</VALUE><VALUE.NULL/></VALUE.ARRAY></PROPERTY.ARRAY>"
                                   "<PROPERTY NAME=\"E\" TYPE=\"string\" EmbeddedObject=\"instance\"><VALUE>"
                                   "&lt;INSTANCE CLASSNAME=&quot;X&quot;/&gt;</VALUE></PROPERTY>",
                                   "k" + QByteArray::number(i));
        const QByteArray original = ireturn("EnumerateInstances", items);
        QVERIFY(CimXmlReader::readResponse(CimOperation::EnumerateInstances, original));
        QRandomGenerator random(20261121);
        const QByteArray alphabet = "<>/=\"&;#x0123456789.-+ \nABCDEFGHIKLMNOPQRSTUVWXYZ[]!?\xc3\xff";
        int accepted = 0;
        int rejected = 0;
        for (int round = 0; round < 3000; ++round) {
            QByteArray doc = original;
            const int edits = 1 + static_cast<int>(random.bounded(4));
            for (int e = 0; e < edits && !doc.isEmpty(); ++e) {
                const qsizetype at = random.bounded(doc.size());
                switch (random.bounded(4)) {
                case 0:
                    doc[at] = alphabet.at(random.bounded(alphabet.size()));
                    break;
                case 1:
                    doc.remove(at, 1 + random.bounded(20));
                    break;
                case 2:
                    doc.insert(at, doc.mid(random.bounded(doc.size()), 1 + random.bounded(40)));
                    break;
                default:
                    doc.truncate(at);
                    break;
                }
            }
            CimXmlReader reader(CimOperation::EnumerateInstances);
            const qsizetype chunk = 1 + random.bounded(200);
            bool ok = true;
            for (qsizetype i = 0; ok && i < doc.size(); i += chunk)
                ok = reader.feed(QByteArrayView(doc).sliced(i, std::min(chunk, doc.size() - i)));
            ok = ok && reader.finish();
            if (ok) {
                ++accepted;
            } else {
                ++rejected;
                QVERIFY2(!reader.error().message.isEmpty(), doc.constData());
                if (!doc.isEmpty())
                    QVERIFY2(reader.error().line >= 1 && reader.error().column >= 1, qPrintable(reader.error().toString()));
            }
        }
        QVERIFY(rejected > 2000);
        QVERIFY(accepted > 0);
    }

    void decodesRareForms()
    {
        // VALUE.OBJECTWITHLOCALPATH (some servers answer Associators with local paths).
        const CimOperationResponse local = decodeOk(
            CimOperation::Associators,
            ireturn("Associators", "<VALUE.OBJECTWITHLOCALPATH><LOCALINSTANCEPATH><LOCALNAMESPACEPATH><NAMESPACE "
                                   "NAME=\"root\"/><NAMESPACE NAME=\"cimv2\"/></LOCALNAMESPACEPATH><INSTANCENAME "
                                   "CLASSNAME=\"CIM_Fan\"/></LOCALINSTANCEPATH><INSTANCE CLASSNAME=\"CIM_Fan\"/>"
                                   "</VALUE.OBJECTWITHLOCALPATH>"));
        QCOMPARE(local.instances.size(), 1);
        QCOMPARE(local.instances.first().path().nameSpace(), QStringLiteral("root/cimv2"));
        QVERIFY(local.instances.first().path().host().isEmpty());

        // EmbeddedObject="object" holding an INSTANCE keeps its kind (pywbem keeps 'object').
        const CimOperationResponse object = decodeOk(
            CimOperation::GetInstance,
            ireturn("GetInstance", "<INSTANCE CLASSNAME=\"C\"><PROPERTY NAME=\"E\" TYPE=\"string\" "
                                   "EmbeddedObject=\"object\"><VALUE>&lt;INSTANCE CLASSNAME=&quot;X&quot;/&gt;</VALUE>"
                                   "</PROPERTY></INSTANCE>"));
        const CimValue e = object.instances.first().value(u"E");
        QCOMPARE(e.embeddedKind(), CimEmbeddedKind::Object);
        QVERIFY(e.holdsInstance());
        QCOMPARE(e.toEmbeddedInstance().className(), QStringLiteral("X"));

        // TYPE="" counts as absent (WBEM Solutions sends it): the key is typed from VALUETYPE.
        const CimOperationResponse emptyType = decodeOk(
            CimOperation::EnumerateInstanceNames,
            ireturn("EnumerateInstanceNames", "<INSTANCENAME CLASSNAME=\"C\"><KEYBINDING NAME=\"K\"><KEYVALUE "
                                              "VALUETYPE=\"numeric\" TYPE=\"\">42</KEYVALUE></KEYBINDING></INSTANCENAME>"));
        QCOMPARE(emptyType.instanceNames.first().keyBinding(u"K"), CimValue::uint64(42));

        // CORRELATOR elements before the call are skipped; takeRequest hands the request over.
        const auto reader = CimXmlReader::forRequest();
        QVERIFY(reader->feed(envelope("<SIMPLEREQ><CORRELATOR NAME=\"c\" TYPE=\"string\"><VALUE>x</VALUE></CORRELATOR>"
                                      "<IMETHODCALL NAME=\"GetClass\"><LOCALNAMESPACEPATH><NAMESPACE NAME=\"interop\"/>"
                                      "</LOCALNAMESPACEPATH></IMETHODCALL></SIMPLEREQ>")));
        QVERIFY2(reader->finish(), qPrintable(reader->error().toString()));
        const CimOperationRequest request = reader->takeRequest();
        QCOMPARE(request.operation, CimOperation::GetClass);
        QCOMPARE(request.nameSpace, QStringLiteral("interop"));
    }

    void finishIsIdempotent()
    {
        CimXmlReader good(CimOperation::CloseEnumeration);
        QVERIFY(good.feed(imethodResponse("CloseEnumeration", QByteArray())));
        QVERIFY(good.finish());
        QVERIFY(good.finish());
        QVERIFY(!good.hasError());
        CimXmlReader bad(CimOperation::CloseEnumeration);
        QVERIFY(bad.feed("<CIM"));
        QVERIFY(!bad.finish());
        QVERIFY(!bad.finish());
        QVERIFY(bad.hasError());
    }

    void manyPropertiesCostLinearTime()
    {
        // Duplicate detection must not be quadratic: a hostile reply with 100,000 properties in one
        // INSTANCE decodes in well under a second (a quadratic check took minutes). The bound is
        // 100x the expected time, so this does not flake on a busy machine.
        constexpr int kCount = 100000;
        QByteArray properties;
        properties.reserve(kCount * 60);
        for (int i = 0; i < kCount; ++i)
            properties += "<PROPERTY NAME=\"P" + QByteArray::number(i) + "\" TYPE=\"uint32\"><VALUE>1</VALUE></PROPERTY>";
        QElapsedTimer timer;
        timer.start();
        const CimOperationResponse r = decodeOk(
            CimOperation::GetInstance, ireturn("GetInstance", "<INSTANCE CLASSNAME=\"C\">" + properties + "</INSTANCE>"));
        QCOMPARE(r.instances.first().properties().size(), kCount);
        QVERIFY2(timer.elapsed() < 30000, qPrintable(QString::number(timer.elapsed())));

        CimXmlError error;
        const QByteArray duplicate = "<PROPERTY NAME=\"p77\" TYPE=\"uint32\"/>";
        QVERIFY(!CimXmlReader::readResponse(
            CimOperation::GetInstance,
            ireturn("GetInstance", "<INSTANCE CLASSNAME=\"C\">" + properties + duplicate + "</INSTANCE>"), &error));
        QVERIFY2(error.message.contains(QStringLiteral("duplicate property p77")), qPrintable(error.toString()));
    }

    void embeddedObjectErrorsKeepTheirLocation()
    {
        CimXmlError error;
        const QByteArray document = ireturn(
            "GetInstance", "<INSTANCE CLASSNAME=\"C\"><PROPERTY NAME=\"A\" TYPE=\"string\"><VALUE>a</VALUE></PROPERTY>"
                           "<PROPERTY NAME=\"E\" TYPE=\"string\" EmbeddedObject=\"instance\"><VALUE>&lt;INSTANCE "
                           "CLASSNAME=&quot;X&quot;&gt;&lt;PROPERTY NAME=&quot;Y&quot; TYPE=&quot;string&quot;/&gt;"
                           "&lt;PROPERTY NAME=&quot;Z&quot; TYPE=&quot;uint8&quot;&gt;&lt;VALUE&gt;999&lt;/VALUE&gt;"
                           "&lt;/PROPERTY&gt;&lt;/INSTANCE&gt;</VALUE></PROPERTY></INSTANCE>");
        QVERIFY(!CimXmlReader::readResponse(CimOperation::GetInstance, document, &error));
        QVERIFY2(error.message.contains(QStringLiteral("embedded object, at INSTANCE/PROPERTY[Z]/VALUE")),
                 qPrintable(error.toString()));
        QVERIFY2(error.message.contains(QStringLiteral("out of range for uint8")), qPrintable(error.toString()));
        QVERIFY2(error.elementPath.endsWith(QStringLiteral("PROPERTY[E]/VALUE")), qPrintable(error.toString()));
    }

    void embeddedObjectsAreBounded()
    {
        const auto escape = [](QByteArray xml) {
            return xml.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
        };
        const auto nest = [&](int levels) {
            QByteArray xml = "<INSTANCE CLASSNAME=\"L0\"/>";
            for (int i = 1; i <= levels; ++i)
                xml = "<INSTANCE CLASSNAME=\"L" + QByteArray::number(i) + "\"><PROPERTY NAME=\"E\" TYPE=\"string\" "
                      "EmbeddedObject=\"instance\"><VALUE>" + escape(xml) + "</VALUE></PROPERTY></INSTANCE>";
            return ireturn("GetInstance", xml);
        };
        CimXmlError error;
        QVERIFY2(CimXmlReader::readResponse(CimOperation::GetInstance, nest(8), &error), qPrintable(error.toString()));
        QVERIFY(!CimXmlReader::readResponse(CimOperation::GetInstance, nest(9), &error));
        QVERIFY2(error.message.contains(QStringLiteral("embedded objects nest deeper than the limit of 8")),
                 qPrintable(error.toString()));

        // (The reader's own limits are passed to embedded documents; an embedded text can never exceed
        // the outer VALUE holding it, so what matters there is that a caller's raised limits carry over.)
    }

    void stopsAfterAnError()
    {
        CimXmlReader reader(CimOperation::EnumerateInstanceNames);
        const QByteArray document = ireturn("EnumerateInstanceNames", "<INSTANCE CLASSNAME=\"C\"/>");
        QVERIFY(!reader.feed(document));
        const CimXmlError first = reader.error();
        QVERIFY(!reader.feed("<more/>"));
        QVERIFY(!reader.finish());
        QCOMPARE(reader.error(), first);
        QCOMPARE(first.line, 6);
    }

    void acceptsOneFeedLargerThanLibxml2Lookahead()
    {
        // QNetworkReply::readAll() can hand over 10+ MB at once; libxml2 fails a push of more than
        // XML_MAX_LOOKUP_LIMIT (10,000,000) bytes with "Huge input lookup" unless the reader splits it.
        QByteArray names;
        constexpr int kNames = 110000;
        for (int i = 0; i < kNames; ++i) {
            names += "<INSTANCENAME CLASSNAME=\"CIMDIAG_Element\"><KEYBINDING NAME=\"InstanceID\">"
                     "<KEYVALUE VALUETYPE=\"string\" TYPE=\"string\">element ";
            names += QByteArray::number(i);
            names += "</KEYVALUE></KEYBINDING></INSTANCENAME>";
        }
        const QByteArray document = ireturn("EnumerateInstanceNames", names);
        QVERIFY(document.size() > 10000000);
        CimXmlReader reader(CimOperation::EnumerateInstanceNames);
        QVERIFY2(reader.feed(document), qPrintable(reader.error().toString()));
        QVERIFY2(reader.finish(), qPrintable(reader.error().toString()));
        const CimOperationResponse response = reader.takeResponse();
        QCOMPARE(response.instanceNames.size(), kNames);
        QCOMPARE(response.instanceNames.last().keyBinding(u"InstanceID").toString(), QStringLiteral("element 109999"));
    }

    void reportsEncodingErrors()
    {
        // Found by tests/fuzz/FuzzCimXmlRequest: bytes that do not fit the declared encoding made
        // libxml2 print "encoding error : input conversion failed ..." to our stderr (where
        // cimdiag-cli writes its diagnosis), and the reader then called the document truncated. It
        // must be rejected as not well-formed, saying why, with nothing printed.
        const QByteArray document = "<?xml version=\"1.0\" encoding=\"EUC-JP\"?>\n"
                                    "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">\xad"
                                    "100</CIM>";
        QTemporaryFile capture;
        QVERIFY(capture.open());
        std::fflush(stderr);
        const int savedStderr = ::dup(STDERR_FILENO);
        QVERIFY(savedStderr >= 0);
        QVERIFY(::dup2(capture.handle(), STDERR_FILENO) >= 0);
        CimXmlError requestError;
        const bool requestDecoded = CimXmlReader::readRequest(document, &requestError).has_value();
        CimXmlReader reader(CimOperation::GetInstance);
        for (const char byte : document) // in pieces too: the conversion runs per chunk
            reader.feed(QByteArrayView(&byte, 1));
        const bool responseDecoded = reader.finish();
        std::fflush(stderr);
        ::dup2(savedStderr, STDERR_FILENO);
        ::close(savedStderr);

        QVERIFY(!requestDecoded);
        QVERIFY2(requestError.message.contains(u"not well-formed XML: input conversion failed"),
            qPrintable(requestError.toString()));
        QVERIFY(!responseDecoded);
        QVERIFY2(reader.error().message.contains(u"input conversion failed"), qPrintable(reader.error().toString()));
        QVERIFY(capture.seek(0));
        QCOMPARE(capture.readAll(), QByteArray());
    }
};

QTEST_GUILESS_MAIN(TestCimXmlReader)
#include "TestCimXmlReader.moc"
