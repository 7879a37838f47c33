// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cimxml/CimRequestBuilder.h"
#include "core/cimxml/CimXmlWriter.h"
#include "tests/support/CimSamples.h"
#include "tests/support/XmlLint.h"
#include "tests/support/XmlTree.h"

#include <QElapsedTimer>
#include <QTest>
#include <QXmlStreamWriter>

#include <functional>

using namespace cimdiag;

namespace {

using Check = std::function<void(const XmlTree &, const QByteArray &)>;

/// One encoded document and what it must hold. Every case is validated against DSP0203 2.4.0 in one
/// xmllint run (initTestCase), then checked on its own row.
struct Case
{
    QByteArray name;
    QByteArray document;
    QString messageId;
    /// Requests: the CIMMethod and CIMObject header values and the IPARAMVALUE names in order.
    std::optional<CimOperationRequest> request;
    QString expectedMethodHeader;
    QString expectedObjectHeader;
    std::optional<QStringList> expectedParameters;
    Check check;
};

QString ns()
{
    return CimSamples::nameSpace();
}

const QStringList kNamespaceNames {QStringLiteral("root"), QStringLiteral("cimv2")};

QStringList names(std::initializer_list<const char16_t *> list)
{
    QStringList result;
    for (const char16_t *name : list)
        result.append(QString::fromUtf16(name));
    return result;
}

// --- requests ---------------------------------------------------------------------------------------

Case requestCase(const char *name, const CimOperationRequest &request, const QString &objectHeader,
    std::optional<QStringList> parameters, Check check = {})
{
    Case c;
    c.name = name;
    c.request = request;
    c.document = CimXmlWriter::request(request);
    c.messageId = request.messageId;
    c.expectedMethodHeader
        = request.operation == CimOperation::InvokeMethod ? request.methodName : cimOperationName(request.operation);
    c.expectedObjectHeader = objectHeader;
    c.expectedParameters = std::move(parameters);
    c.check = std::move(check);
    return c;
}

void checkBool(const XmlTree &tree, const QString &parameter, const QString &expected)
{
    QCOMPARE(tree.text(QStringLiteral("IPARAMVALUE[NAME=%1]/VALUE").arg(parameter)), expected);
}

void checkPropertyList(const XmlTree &tree)
{
    QCOMPARE(
        tree.texts(QStringLiteral("IPARAMVALUE[NAME=PropertyList]/VALUE.ARRAY/VALUE")), names({u"Name", u"Caption"}));
}

/// systemPath() as INSTANCENAME (no namespace, no host) at path.
void checkSystemInstanceName(const XmlTree &tree, const QString &path)
{
    QCOMPARE(tree.count(path), 1);
    QCOMPARE(tree.attribute(path, u"CLASSNAME"), QStringLiteral("CIM_ComputerSystem"));
    QCOMPARE(tree.attributes(path + QStringLiteral("/KEYBINDING"), u"NAME"), names({u"CreationClassName", u"Name"}));
    QCOMPARE(tree.text(path + QStringLiteral("/KEYBINDING[NAME=Name]/KEYVALUE[VALUETYPE=string][TYPE=string]")),
        QStringLiteral("host \"one\" & <two>"));
}

void checkLocalInstanceName(const XmlTree &tree, const QString &parameter)
{
    checkSystemInstanceName(tree, QStringLiteral("IPARAMVALUE[NAME=%1]/INSTANCENAME").arg(parameter));
}

void checkPullOptions(const XmlTree &tree)
{
    QCOMPARE(tree.text(QStringLiteral("IPARAMVALUE[NAME=FilterQueryLanguage]/VALUE")), QStringLiteral("DMTF:FQL"));
    QCOMPARE(tree.text(QStringLiteral("IPARAMVALUE[NAME=FilterQuery]/VALUE")),
        QStringLiteral("Name <> \"x\" AND Count > 3"));
    QCOMPARE(tree.text(QStringLiteral("IPARAMVALUE[NAME=OperationTimeout]/VALUE")), QStringLiteral("90"));
    QCOMPARE(tree.text(QStringLiteral("IPARAMVALUE[NAME=ContinueOnError]/VALUE")), QStringLiteral("FALSE"));
    QCOMPARE(tree.text(QStringLiteral("IPARAMVALUE[NAME=MaxObjectCount]/VALUE")), QStringLiteral("100"));
}

void checkAssociationFilters(const XmlTree &tree, bool associators)
{
    if (associators) {
        QCOMPARE(tree.attribute(QStringLiteral("IPARAMVALUE[NAME=AssocClass]/CLASSNAME"), u"NAME"),
            QStringLiteral("CIM_SystemDevice"));
        QCOMPARE(tree.text(QStringLiteral("IPARAMVALUE[NAME=ResultRole]/VALUE")), QStringLiteral("PartComponent"));
    }
    QCOMPARE(tree.attribute(QStringLiteral("IPARAMVALUE[NAME=ResultClass]/CLASSNAME"), u"NAME"),
        QStringLiteral("CIM_LogicalDevice"));
    QCOMPARE(tree.text(QStringLiteral("IPARAMVALUE[NAME=Role]/VALUE")), QStringLiteral("GroupComponent"));
}

/// The properties of CimSamples::everyTypeInstance() as DSP0201 spells them.
void checkEveryTypeInstance(const XmlTree &tree, const QString &instancePath)
{
    const auto prop = [&](const QString &rest) -> QString { return instancePath + u'/' + rest; };
    QCOMPARE(tree.count(instancePath), 1);
    QCOMPARE(tree.attribute(instancePath, u"CLASSNAME"), QStringLiteral("CIMDIAG_Everything"));
    QCOMPARE(tree.text(prop(QStringLiteral("QUALIFIER[NAME=Indication][TYPE=boolean]/VALUE"))), QStringLiteral("TRUE"));
    QCOMPARE(tree.text(prop(QStringLiteral("PROPERTY[NAME=Flag][TYPE=boolean]/VALUE"))), QStringLiteral("TRUE"));
    QCOMPARE(tree.text(prop(QStringLiteral("PROPERTY[NAME=Text][TYPE=string]/VALUE"))), CimSamples::awkwardText());
    QCOMPARE(tree.count(prop(QStringLiteral("PROPERTY[NAME=EmptyText]/VALUE"))), 1);
    QCOMPARE(tree.text(prop(QStringLiteral("PROPERTY[NAME=Letter][TYPE=char16]/VALUE"))), QString(QChar(0x03A9)));
    QCOMPARE(tree.text(prop(QStringLiteral("PROPERTY[NAME=U8][TYPE=uint8]/VALUE"))), QStringLiteral("255"));
    QCOMPARE(tree.text(prop(QStringLiteral("PROPERTY[NAME=S8][TYPE=sint8]/VALUE"))), QStringLiteral("-128"));
    QCOMPARE(tree.text(prop(QStringLiteral("PROPERTY[NAME=U16][TYPE=uint16]/VALUE"))), QStringLiteral("65535"));
    QCOMPARE(tree.text(prop(QStringLiteral("PROPERTY[NAME=S16][TYPE=sint16]/VALUE"))), QStringLiteral("-32768"));
    QCOMPARE(tree.text(prop(QStringLiteral("PROPERTY[NAME=U32][TYPE=uint32]/VALUE"))), QStringLiteral("4294967295"));
    QCOMPARE(tree.text(prop(QStringLiteral("PROPERTY[NAME=S32][TYPE=sint32]/VALUE"))), QStringLiteral("-2147483648"));
    QCOMPARE(tree.text(prop(QStringLiteral("PROPERTY[NAME=U64][TYPE=uint64]/VALUE"))),
        QStringLiteral("18446744073709551615"));
    QCOMPARE(tree.text(prop(QStringLiteral("PROPERTY[NAME=S64][TYPE=sint64]/VALUE"))),
        QStringLiteral("-9223372036854775808"));
    QCOMPARE(tree.text(prop(QStringLiteral("PROPERTY[NAME=R32][TYPE=real32]/VALUE"))), QStringLiteral("1.5"));
    QCOMPARE(tree.text(prop(QStringLiteral("PROPERTY[NAME=R64][TYPE=real64]/VALUE"))), QStringLiteral("-2.5e-300"));
    QCOMPARE(tree.text(prop(QStringLiteral("PROPERTY[NAME=R64Inf][TYPE=real64]/VALUE"))), QStringLiteral("INF"));
    QCOMPARE(tree.text(prop(QStringLiteral("PROPERTY[NAME=When][TYPE=datetime]/VALUE"))),
        QStringLiteral("20261121123456.123456+060"));
    QCOMPARE(tree.text(prop(QStringLiteral("PROPERTY[NAME=Duration][TYPE=datetime]/VALUE"))),
        QStringLiteral("00000001020304.000005:000"));

    // References: INSTANCEPATH with host, LOCALINSTANCEPATH without, INSTANCENAME without namespace.
    const QString owner = prop(QStringLiteral("PROPERTY.REFERENCE[NAME=Owner]/VALUE.REFERENCE/INSTANCEPATH"));
    QCOMPARE(tree.text(owner + QStringLiteral("/NAMESPACEPATH/HOST")), CimSamples::host());
    QCOMPARE(tree.attributes(owner + QStringLiteral("/NAMESPACEPATH/LOCALNAMESPACEPATH/NAMESPACE"), u"NAME"),
        kNamespaceNames);
    QCOMPARE(
        tree.attribute(owner + QStringLiteral("/INSTANCENAME"), u"CLASSNAME"), QStringLiteral("CIM_ComputerSystem"));
    QCOMPARE(tree.count(prop(QStringLiteral("PROPERTY.REFERENCE[NAME=LocalOwner]/VALUE.REFERENCE/LOCALINSTANCEPATH/"
                                            "INSTANCENAME"))),
        1);
    QCOMPARE(tree.count(prop(QStringLiteral("PROPERTY.REFERENCE[NAME=BareOwner]/VALUE.REFERENCE/INSTANCENAME"))), 1);
    QVERIFY(!tree.hasAttribute(prop(QStringLiteral("PROPERTY.REFERENCE[NAME=Owner]")), u"TYPE"));
    QCOMPARE(tree.attribute(prop(QStringLiteral("PROPERTY.REFERENCE[NAME=TypedOwner]")), u"REFERENCECLASS"),
        QStringLiteral("CIM_System"));
    QCOMPARE(tree.attribute(prop(QStringLiteral("PROPERTY.REFERENCE[NAME=TypedOwner]")), u"CLASSORIGIN"),
        QStringLiteral("CIMDIAG_Everything"));
    // Reference keys: KEYBINDING holds VALUE.REFERENCE; numeric and boolean keys say so.
    const QString link = prop(QStringLiteral("PROPERTY.REFERENCE[NAME=Link]/VALUE.REFERENCE/INSTANCENAME"));
    QCOMPARE(tree.count(link + QStringLiteral("/KEYBINDING[NAME=GroupComponent]/VALUE.REFERENCE/INSTANCEPATH")), 1);
    const QString part = link
        + QStringLiteral("/KEYBINDING[NAME=PartComponent]/VALUE.REFERENCE/LOCALINSTANCEPATH/"
                         "INSTANCENAME");
    QCOMPARE(tree.text(part + QStringLiteral("/KEYBINDING[NAME=Index]/KEYVALUE[VALUETYPE=numeric][TYPE=uint16]")),
        QStringLiteral("3"));
    QCOMPARE(tree.text(part + QStringLiteral("/KEYBINDING[NAME=Removable]/KEYVALUE[VALUETYPE=boolean][TYPE=boolean]")),
        QStringLiteral("FALSE"));
    QCOMPARE(tree.text(part + QStringLiteral("/KEYBINDING[NAME=Offset]/KEYVALUE[VALUETYPE=numeric][TYPE=sint64]")),
        QStringLiteral("-42"));

    // Embedded objects: a string VALUE holding the escaped INSTANCE / CLASS element.
    const QString embedded
        = tree.text(prop(QStringLiteral("PROPERTY[NAME=Embedded][TYPE=string][EmbeddedObject=instance]/VALUE")));
    const std::optional<XmlTree> inner = XmlTree::parse(embedded.toUtf8());
    QVERIFY2(inner, qPrintable(embedded));
    QCOMPARE(inner->root().name, QStringLiteral("INSTANCE"));
    QCOMPARE(inner->root().attribute(u"CLASSNAME"), QStringLiteral("CIMDIAG_Small"));
    QCOMPARE(inner->text(QStringLiteral("PROPERTY[NAME=InstanceID]/VALUE")), QStringLiteral("small-1"));
    const QString embeddedClass
        = tree.text(prop(QStringLiteral("PROPERTY[NAME=EmbeddedClass][EmbeddedObject=object]/VALUE")));
    QVERIFY2(embeddedClass.startsWith(QStringLiteral("<CLASS NAME=\"CIMDIAG_Embedded\"")), qPrintable(embeddedClass));

    // Arrays: NULL elements as VALUE.NULL, in place.
    QCOMPARE(tree.childNames(prop(QStringLiteral("PROPERTY.ARRAY[NAME=Names][TYPE=string]/VALUE.ARRAY"))),
        names({u"VALUE", u"VALUE.NULL", u"VALUE", u"VALUE"}));
    QCOMPARE(tree.texts(prop(QStringLiteral("PROPERTY.ARRAY[NAME=Names]/VALUE.ARRAY/VALUE"))),
        QStringList({QStringLiteral("a"), CimSamples::awkwardText(), QString()}));
    QCOMPARE(tree.texts(prop(QStringLiteral("PROPERTY.ARRAY[NAME=Numbers][TYPE=uint32]/VALUE.ARRAY/VALUE"))),
        names({u"1", u"2", u"3"}));
    QCOMPARE(tree.count(prop(QStringLiteral("PROPERTY.ARRAY[NAME=Signed][TYPE=sint16]/VALUE.ARRAY/VALUE.NULL"))), 1);
    QCOMPARE(tree.texts(prop(QStringLiteral("PROPERTY.ARRAY[NAME=Flags][TYPE=boolean]/VALUE.ARRAY/VALUE"))),
        names({u"TRUE", u"FALSE"}));
    QCOMPARE(tree.texts(prop(QStringLiteral("PROPERTY.ARRAY[NAME=Letters][TYPE=char16]/VALUE.ARRAY/VALUE"))),
        names({u"a", u"<"}));
    QCOMPARE(
        tree.childNames(prop(QStringLiteral("PROPERTY.ARRAY[NAME=EmbeddedList][EmbeddedObject=instance]/VALUE.ARRAY"))),
        names({u"VALUE", u"VALUE.NULL", u"VALUE"}));
    QCOMPARE(tree.count(prop(QStringLiteral("PROPERTY.ARRAY[NAME=EmptyList]/VALUE.ARRAY"))), 1);
    QCOMPARE(tree.count(prop(QStringLiteral("PROPERTY.ARRAY[NAME=EmptyList]/VALUE.ARRAY/*"))), 0);
    QCOMPARE(tree.attribute(prop(QStringLiteral("PROPERTY.ARRAY[NAME=Sized]")), u"ARRAYSIZE"), QStringLiteral("4"));
    QVERIFY(!tree.hasAttribute(prop(QStringLiteral("PROPERTY.ARRAY[NAME=Names]")), u"ARRAYSIZE"));

    // NULL scalars and arrays: the property without a value element, still typed.
    QCOMPARE(tree.count(prop(QStringLiteral("PROPERTY.ARRAY[NAME=NullArray][TYPE=uint16]/*"))), 0);
    QCOMPARE(tree.count(prop(QStringLiteral("PROPERTY[NAME=NullText][TYPE=string]/*"))), 0);
    QCOMPARE(tree.count(prop(QStringLiteral("PROPERTY[NAME=NullCount][TYPE=uint64]/*"))), 0);
    QCOMPARE(tree.count(prop(QStringLiteral("PROPERTY[NAME=NullEmbedded][EmbeddedObject=instance]/*"))), 0);
    QCOMPARE(tree.count(prop(QStringLiteral("PROPERTY.REFERENCE[NAME=NullOwner]/*"))), 0);

    // Qualifiers: only non-default flavors; CLASSORIGIN and PROPAGATED on the property.
    const QString qualified
        = prop(QStringLiteral("PROPERTY[NAME=Qualified][CLASSORIGIN=CIM_ManagedElement][PROPAGATED=true]"));
    QCOMPARE(tree.count(qualified), 1);
    QCOMPARE(tree.attributeList(qualified + QStringLiteral("/QUALIFIER[NAME=Description]")),
        (QList<std::pair<QString, QString>> {{QStringLiteral("NAME"), QStringLiteral("Description")},
            {QStringLiteral("TYPE"), QStringLiteral("string")},
            {QStringLiteral("TRANSLATABLE"), QStringLiteral("true")}}));
    const QString valueMap = qualified + QStringLiteral("/QUALIFIER[NAME=ValueMap][TYPE=string]");
    QCOMPARE(tree.count(valueMap), 1);
    QCOMPARE(tree.attribute(valueMap, u"OVERRIDABLE"), QStringLiteral("false"));
    QCOMPARE(tree.attribute(valueMap, u"TOSUBCLASS"), QStringLiteral("false"));
    QCOMPARE(tree.attribute(valueMap, u"TOINSTANCE"), QStringLiteral("true"));
    QCOMPARE(tree.attribute(valueMap, u"PROPAGATED"), QStringLiteral("true"));
    QVERIFY(!tree.hasAttribute(valueMap, u"TRANSLATABLE"));
    QCOMPARE(
        tree.texts(qualified + QStringLiteral("/QUALIFIER[NAME=ValueMap]/VALUE.ARRAY/VALUE")), names({u"0", u".."}));
}

void checkEveryFeatureClass(const XmlTree &tree, const QString &classPath)
{
    const auto at = [&](const QString &rest) -> QString { return classPath + u'/' + rest; };
    QCOMPARE(tree.count(classPath), 1);
    QCOMPARE(tree.attribute(classPath, u"NAME"), QStringLiteral("CIMDIAG_Service"));
    QCOMPARE(tree.attribute(classPath, u"SUPERCLASS"), QStringLiteral("CIM_Service"));
    QCOMPARE(tree.childNames(classPath),
        names(
            {u"QUALIFIER", u"QUALIFIER", u"QUALIFIER", u"QUALIFIER", u"PROPERTY", u"PROPERTY", u"PROPERTY", u"PROPERTY",
                u"PROPERTY.ARRAY", u"PROPERTY", u"PROPERTY.ARRAY", u"PROPERTY.REFERENCE", u"METHOD", u"METHOD"}));
    QCOMPARE(tree.attribute(at(QStringLiteral("QUALIFIER[NAME=Abstract]")), u"TOSUBCLASS"), QStringLiteral("false"));
    QCOMPARE(tree.attribute(at(QStringLiteral("QUALIFIER[NAME=Version]")), u"PROPAGATED"), QStringLiteral("true"));
    QCOMPARE(tree.count(at(QStringLiteral("QUALIFIER[NAME=UMLPackagePath][TYPE=string]/*"))), 0);
    QCOMPARE(tree.attribute(at(QStringLiteral("PROPERTY[NAME=Name]/QUALIFIER[NAME=Key]")), u"OVERRIDABLE"),
        QStringLiteral("false"));
    QCOMPARE(tree.text(at(QStringLiteral("PROPERTY[NAME=Name]/QUALIFIER[NAME=MaxLen][TYPE=uint32]/VALUE"))),
        QStringLiteral("256"));
    QCOMPARE(tree.text(at(QStringLiteral("PROPERTY[NAME=Port][TYPE=uint16]/VALUE"))), QStringLiteral("5989"));
    QCOMPARE(tree.count(at(QStringLiteral("PROPERTY[NAME=Since][TYPE=datetime]/*"))), 0);
    QCOMPARE(tree.attribute(at(QStringLiteral("PROPERTY.ARRAY[NAME=States]")), u"ARRAYSIZE"), QStringLiteral("4"));
    QCOMPARE(tree.count(at(QStringLiteral("PROPERTY[NAME=Settings][TYPE=string][EmbeddedObject=instance]"))), 1);
    QCOMPARE(tree.count(at(QStringLiteral("PROPERTY.ARRAY[NAME=Blobs][TYPE=string][EmbeddedObject=object]"))), 1);
    QCOMPARE(tree.attribute(at(QStringLiteral("PROPERTY.REFERENCE[NAME=Owner]")), u"REFERENCECLASS"),
        QStringLiteral("CIM_System"));

    const QString method = at(QStringLiteral("METHOD[NAME=RequestStateChange][TYPE=uint32]"));
    QCOMPARE(tree.attribute(method, u"CLASSORIGIN"), QStringLiteral("CIM_EnabledLogicalElement"));
    QCOMPARE(tree.attribute(method, u"PROPAGATED"), QStringLiteral("true"));
    QCOMPARE(tree.childNames(method),
        names({u"QUALIFIER", u"PARAMETER", u"PARAMETER.REFERENCE", u"PARAMETER", u"PARAMETER.REFARRAY",
            u"PARAMETER.REFARRAY", u"PARAMETER.ARRAY", u"PARAMETER.ARRAY"}));
    QCOMPARE(
        tree.text(method + QStringLiteral("/PARAMETER[NAME=RequestedState][TYPE=uint16]/QUALIFIER[NAME=In]/VALUE")),
        QStringLiteral("TRUE"));
    QCOMPARE(tree.attribute(method + QStringLiteral("/PARAMETER.REFERENCE[NAME=Job]"), u"REFERENCECLASS"),
        QStringLiteral("CIM_ConcreteJob"));
    QCOMPARE(tree.count(method + QStringLiteral("/PARAMETER[NAME=TimeoutPeriod][TYPE=datetime]")), 1);
    QCOMPARE(tree.attribute(method + QStringLiteral("/PARAMETER.REFARRAY[NAME=Targets]"), u"REFERENCECLASS"),
        QStringLiteral("CIM_ManagedElement"));
    QCOMPARE(
        tree.attribute(method + QStringLiteral("/PARAMETER.REFARRAY[NAME=Pair]"), u"ARRAYSIZE"), QStringLiteral("2"));
    QCOMPARE(tree.attribute(method + QStringLiteral("/PARAMETER.ARRAY[NAME=Values][TYPE=string]"), u"ARRAYSIZE"),
        QStringLiteral("3"));
    QCOMPARE(tree.count(method + QStringLiteral("/PARAMETER.ARRAY[NAME=Weights][TYPE=real32]")), 1);
    // A void method has no TYPE.
    QVERIFY(!tree.hasAttribute(at(QStringLiteral("METHOD[NAME=Reset]")), u"TYPE"));
}

void checkQualifierDeclarations(const XmlTree &tree, const QString &container)
{
    const auto at = [&](const QString &rest) -> QString { return container + u'/' + rest; };
    const QString description
        = at(QStringLiteral("QUALIFIER.DECLARATION[NAME=Description][TYPE=string][ISARRAY=false]"));
    QCOMPARE(tree.attribute(description, u"TRANSLATABLE"), QStringLiteral("true"));
    QCOMPARE(tree.childNames(description), names({u"SCOPE"}));
    QCOMPARE(tree.attributeList(description + QStringLiteral("/SCOPE")).size(), 7); // "any": every scope
    QCOMPARE(tree.attributeList(at(QStringLiteral("QUALIFIER.DECLARATION[NAME=ValueMap][ISARRAY=true]/SCOPE"))),
        (QList<std::pair<QString, QString>> {{QStringLiteral("PROPERTY"), QStringLiteral("true")},
            {QStringLiteral("METHOD"), QStringLiteral("true")},
            {QStringLiteral("PARAMETER"), QStringLiteral("true")}}));
    QCOMPARE(tree.attribute(at(QStringLiteral("QUALIFIER.DECLARATION[NAME=Key][TYPE=boolean]")), u"OVERRIDABLE"),
        QStringLiteral("false"));
    QCOMPARE(tree.text(at(QStringLiteral("QUALIFIER.DECLARATION[NAME=Key]/VALUE"))), QStringLiteral("FALSE"));
    QCOMPARE(tree.count(at(QStringLiteral("QUALIFIER.DECLARATION[NAME=Association]/SCOPE[CLASS=true][ASSOCIATION=true]"
                                          "[INDICATION=true]"))),
        1);
    const QString triple
        = at(QStringLiteral("QUALIFIER.DECLARATION[NAME=Triple][TYPE=sint8][ISARRAY=true][ARRAYSIZE=3]"));
    QCOMPARE(tree.childNames(triple + QStringLiteral("/VALUE.ARRAY")), names({u"VALUE", u"VALUE.NULL", u"VALUE"}));
    QCOMPARE(
        tree.childNames(at(QStringLiteral("QUALIFIER.DECLARATION[NAME=Unscoped][TYPE=real64]"))), names({u"VALUE"}));
}

QList<Case> requestCases()
{
    const QString id = QStringLiteral("1001");
    // The namespace is given with slashes: the builders strip them (DSP0200, SFCB rejects them).
    const QString slashed = QStringLiteral("/root/cimv2/");
    const CimRequestOptions all = CimSamples::allOptions();
    const CimInstanceName system = CimSamples::systemPath();
    const CimClassName systemClass(QStringLiteral("CIM_ComputerSystem"), ns());
    QList<Case> cases;

    cases << requestCase("GetInstance", CimRequestBuilder::getInstance(id, slashed, system, all), ns(),
        names({u"InstanceName", u"LocalOnly", u"IncludeQualifiers", u"IncludeClassOrigin", u"PropertyList"}),
        [](const XmlTree &tree, const QByteArray &) {
            checkLocalInstanceName(tree, QStringLiteral("InstanceName"));
            checkBool(tree, QStringLiteral("LocalOnly"), QStringLiteral("FALSE"));
            checkBool(tree, QStringLiteral("IncludeQualifiers"), QStringLiteral("TRUE"));
            checkBool(tree, QStringLiteral("IncludeClassOrigin"), QStringLiteral("FALSE"));
            checkPropertyList(tree);
        });
    // The namespace comes from the path when the call names none.
    cases << requestCase("GetInstance namespace from path", CimRequestBuilder::getInstance(id, {}, system), ns(),
        names({u"InstanceName"}));
    cases << requestCase("EnumerateInstances",
        CimRequestBuilder::enumerateInstances(id, slashed, QStringLiteral("CIM_ComputerSystem"), all), ns(),
        names({u"ClassName", u"LocalOnly", u"DeepInheritance", u"IncludeQualifiers", u"IncludeClassOrigin",
            u"PropertyList"}),
        [](const XmlTree &tree, const QByteArray &) {
            QCOMPARE(tree.attribute(QStringLiteral("IPARAMVALUE[NAME=ClassName]/CLASSNAME"), u"NAME"),
                QStringLiteral("CIM_ComputerSystem"));
            checkBool(tree, QStringLiteral("DeepInheritance"), QStringLiteral("TRUE"));
            checkPropertyList(tree);
        });
    cases << requestCase("EnumerateInstances defaults",
        CimRequestBuilder::enumerateInstances(id, ns(), QStringLiteral("CIM_ComputerSystem")), ns(),
        names({u"ClassName"}));
    {
        CimRequestOptions noProperties;
        noProperties.propertyList = QStringList();
        cases << requestCase("EnumerateInstances empty PropertyList",
            CimRequestBuilder::enumerateInstances(id, ns(), QStringLiteral("CIM_ComputerSystem"), noProperties), ns(),
            names({u"ClassName", u"PropertyList"}), [](const XmlTree &tree, const QByteArray &) {
                // An empty list asks for no properties: VALUE.ARRAY present, empty.
                QCOMPARE(tree.count(QStringLiteral("IPARAMVALUE[NAME=PropertyList]/VALUE.ARRAY")), 1);
                QCOMPARE(tree.count(QStringLiteral("IPARAMVALUE[NAME=PropertyList]/VALUE.ARRAY/*")), 0);
            });
    }
    cases << requestCase("EnumerateInstanceNames",
        CimRequestBuilder::enumerateInstanceNames(id, ns(), QStringLiteral("CIM_ComputerSystem")), ns(),
        names({u"ClassName"}));
    cases << requestCase("CreateInstance", CimRequestBuilder::createInstance(id, ns(), CimSamples::everyTypeInstance()),
        ns(), names({u"NewInstance"}), [](const XmlTree &tree, const QByteArray &) {
            // NewInstance is a bare INSTANCE (DSP0200): no VALUE.NAMEDINSTANCE.
            QCOMPARE(tree.childNames(QStringLiteral("IPARAMVALUE[NAME=NewInstance]")), names({u"INSTANCE"}));
            checkEveryTypeInstance(tree, QStringLiteral("IPARAMVALUE[NAME=NewInstance]/INSTANCE"));
        });
    cases << requestCase("ModifyInstance",
        CimRequestBuilder::modifyInstance(id, ns(), CimSamples::everyTypeInstance(), all), ns(),
        names({u"ModifiedInstance", u"IncludeQualifiers", u"PropertyList"}),
        [](const XmlTree &tree, const QByteArray &) {
            const QString named = QStringLiteral("IPARAMVALUE[NAME=ModifiedInstance]/VALUE.NAMEDINSTANCE");
            QCOMPARE(tree.childNames(named), names({u"INSTANCENAME", u"INSTANCE"}));
            checkSystemInstanceName(tree, named + QStringLiteral("/INSTANCENAME"));
            checkEveryTypeInstance(tree, named + QStringLiteral("/INSTANCE"));
            checkPropertyList(tree);
        });
    cases << requestCase("DeleteInstance", CimRequestBuilder::deleteInstance(id, ns(), system), ns(),
        names({u"InstanceName"}),
        [](const XmlTree &tree, const QByteArray &) { checkLocalInstanceName(tree, QStringLiteral("InstanceName")); });

    const QStringList associatorsAll = names({u"ObjectName", u"AssocClass", u"ResultClass", u"Role", u"ResultRole",
        u"IncludeQualifiers", u"IncludeClassOrigin", u"PropertyList"});
    cases << requestCase("Associators instance", CimRequestBuilder::associators(id, ns(), system, all), ns(),
        associatorsAll, [](const XmlTree &tree, const QByteArray &) {
            checkLocalInstanceName(tree, QStringLiteral("ObjectName"));
            checkAssociationFilters(tree, true);
            checkPropertyList(tree);
        });
    cases << requestCase("Associators class", CimRequestBuilder::associators(id, {}, systemClass, all), ns(),
        associatorsAll, [](const XmlTree &tree, const QByteArray &) {
            QCOMPARE(tree.attribute(QStringLiteral("IPARAMVALUE[NAME=ObjectName]/CLASSNAME"), u"NAME"),
                QStringLiteral("CIM_ComputerSystem"));
        });
    const QStringList associatorNamesAll
        = names({u"ObjectName", u"AssocClass", u"ResultClass", u"Role", u"ResultRole"});
    cases << requestCase("AssociatorNames instance", CimRequestBuilder::associatorNames(id, ns(), system, all), ns(),
        associatorNamesAll, [](const XmlTree &tree, const QByteArray &) { checkAssociationFilters(tree, true); });
    cases << requestCase("AssociatorNames class", CimRequestBuilder::associatorNames(id, ns(), systemClass, all), ns(),
        associatorNamesAll);
    const QStringList referencesAll
        = names({u"ObjectName", u"ResultClass", u"Role", u"IncludeQualifiers", u"IncludeClassOrigin", u"PropertyList"});
    cases << requestCase("References instance", CimRequestBuilder::references(id, ns(), system, all), ns(),
        referencesAll, [](const XmlTree &tree, const QByteArray &) { checkAssociationFilters(tree, false); });
    cases << requestCase(
        "References class", CimRequestBuilder::references(id, ns(), systemClass, all), ns(), referencesAll);
    cases << requestCase("ReferenceNames instance", CimRequestBuilder::referenceNames(id, ns(), system, all), ns(),
        names({u"ObjectName", u"ResultClass", u"Role"}));
    cases << requestCase(
        "ReferenceNames class", CimRequestBuilder::referenceNames(id, ns(), systemClass), ns(), names({u"ObjectName"}));
    cases << requestCase("ExecQuery",
        CimRequestBuilder::execQuery(
            id, ns(), QStringLiteral("WQL"), QStringLiteral("SELECT * FROM CIM_Foo WHERE Name <> \"<&>\"")),
        ns(), names({u"QueryLanguage", u"Query"}), [](const XmlTree &tree, const QByteArray &document) {
            QCOMPARE(tree.text(QStringLiteral("IPARAMVALUE[NAME=Query]/VALUE")),
                QStringLiteral("SELECT * FROM CIM_Foo WHERE Name <> \"<&>\""));
            // QXmlStreamWriter escapes '"' in text too; harmless and valid.
            QVERIFY(document.contains("Name &lt;&gt; &quot;&lt;&amp;&gt;&quot;"));
        });

    cases << requestCase("GetClass", CimRequestBuilder::getClass(id, ns(), QStringLiteral("CIM_ComputerSystem"), all),
        ns(), names({u"ClassName", u"LocalOnly", u"IncludeQualifiers", u"IncludeClassOrigin", u"PropertyList"}));
    cases << requestCase("EnumerateClasses",
        CimRequestBuilder::enumerateClasses(id, ns(), QStringLiteral("CIM_ManagedElement"), all), ns(),
        names({u"ClassName", u"DeepInheritance", u"LocalOnly", u"IncludeQualifiers", u"IncludeClassOrigin"}));
    cases << requestCase("EnumerateClasses top", CimRequestBuilder::enumerateClasses(id, ns()), ns(), QStringList());
    cases << requestCase("EnumerateClassNames",
        CimRequestBuilder::enumerateClassNames(id, ns(), QStringLiteral("CIM_ManagedElement"), all), ns(),
        names({u"ClassName", u"DeepInheritance"}));
    cases << requestCase("CreateClass", CimRequestBuilder::createClass(id, ns(), CimSamples::everyFeatureClass()), ns(),
        names({u"NewClass"}), [](const XmlTree &tree, const QByteArray &) {
            checkEveryFeatureClass(tree, QStringLiteral("IPARAMVALUE[NAME=NewClass]/CLASS"));
        });
    cases << requestCase("ModifyClass", CimRequestBuilder::modifyClass(id, ns(), CimSamples::everyFeatureClass()), ns(),
        names({u"ModifiedClass"}), [](const XmlTree &tree, const QByteArray &) {
            checkEveryFeatureClass(tree, QStringLiteral("IPARAMVALUE[NAME=ModifiedClass]/CLASS"));
        });
    cases << requestCase("DeleteClass", CimRequestBuilder::deleteClass(id, ns(), QStringLiteral("CIMDIAG_Service")),
        ns(), names({u"ClassName"}));

    cases << requestCase("GetProperty", CimRequestBuilder::getProperty(id, ns(), system, QStringLiteral("Caption")),
        ns(), names({u"InstanceName", u"PropertyName"}), [](const XmlTree &tree, const QByteArray &) {
            QCOMPARE(tree.text(QStringLiteral("IPARAMVALUE[NAME=PropertyName]/VALUE")), QStringLiteral("Caption"));
        });
    cases << requestCase("SetProperty scalar",
        CimRequestBuilder::setProperty(
            id, ns(), system, QStringLiteral("Caption"), CimValue::string(CimSamples::awkwardText())),
        ns(), names({u"InstanceName", u"PropertyName", u"NewValue"}), [](const XmlTree &tree, const QByteArray &) {
            QCOMPARE(tree.text(QStringLiteral("IPARAMVALUE[NAME=NewValue]/VALUE")), CimSamples::awkwardText());
        });
    cases << requestCase("SetProperty array",
        CimRequestBuilder::setProperty(
            id, ns(), system, QStringLiteral("Roles"), CimSamples::everyTypeInstance().value(u"Names")),
        ns(), names({u"InstanceName", u"PropertyName", u"NewValue"}), [](const XmlTree &tree, const QByteArray &) {
            QCOMPARE(tree.childNames(QStringLiteral("IPARAMVALUE[NAME=NewValue]/VALUE.ARRAY")),
                names({u"VALUE", u"VALUE.NULL", u"VALUE", u"VALUE"}));
        });
    cases << requestCase("SetProperty reference",
        CimRequestBuilder::setProperty(
            id, ns(), system, QStringLiteral("Owner"), CimValue::reference(CimSamples::systemPath(true, true))),
        ns(), names({u"InstanceName", u"PropertyName", u"NewValue"}), [](const XmlTree &tree, const QByteArray &) {
            QCOMPARE(tree.count(QStringLiteral("IPARAMVALUE[NAME=NewValue]/VALUE.REFERENCE/INSTANCEPATH")), 1);
        });
    cases << requestCase("SetProperty embedded instance",
        CimRequestBuilder::setProperty(
            id, ns(), system, QStringLiteral("Settings"), CimSamples::everyTypeInstance().value(u"Embedded")),
        ns(), names({u"InstanceName", u"PropertyName", u"NewValue"}),
        [](const XmlTree &tree, const QByteArray &document) {
            QVERIFY(
                tree.text(QStringLiteral("IPARAMVALUE[NAME=NewValue]/VALUE")).startsWith(QStringLiteral("<INSTANCE ")));
            QVERIFY(document.contains("<VALUE>&lt;INSTANCE CLASSNAME=&quot;CIMDIAG_Small&quot;&gt;"));
        });
    cases << requestCase("SetProperty NULL",
        CimRequestBuilder::setProperty(id, ns(), system, QStringLiteral("Caption"), CimValue::null(CimType::String)),
        ns(), names({u"InstanceName", u"PropertyName"}));

    cases << requestCase("GetQualifier", CimRequestBuilder::getQualifier(id, ns(), QStringLiteral("Description")), ns(),
        names({u"QualifierName"}));
    cases << requestCase("SetQualifier",
        CimRequestBuilder::setQualifier(id, ns(), CimSamples::qualifierDeclarations().at(4)), ns(),
        names({u"QualifierDeclaration"}), [](const XmlTree &tree, const QByteArray &) {
            QCOMPARE(tree.count(QStringLiteral("IPARAMVALUE[NAME=QualifierDeclaration]/QUALIFIER.DECLARATION"
                                               "[NAME=Triple][ARRAYSIZE=3]/SCOPE[PROPERTY=true]")),
                1);
        });
    cases << requestCase("DeleteQualifier", CimRequestBuilder::deleteQualifier(id, ns(), QStringLiteral("Description")),
        ns(), names({u"QualifierName"}));
    cases << requestCase("EnumerateQualifiers", CimRequestBuilder::enumerateQualifiers(id, ns()), ns(), QStringList());

    cases << requestCase("OpenEnumerateInstances",
        CimRequestBuilder::openEnumerateInstances(id, ns(), QStringLiteral("CIM_ComputerSystem"), all), ns(),
        names({u"ClassName", u"DeepInheritance", u"IncludeClassOrigin", u"PropertyList", u"FilterQueryLanguage",
            u"FilterQuery", u"OperationTimeout", u"ContinueOnError", u"MaxObjectCount"}),
        [](const XmlTree &tree, const QByteArray &) {
            checkPullOptions(tree);
            checkPropertyList(tree);
        });
    cases << requestCase("OpenEnumerateInstancePaths",
        CimRequestBuilder::openEnumerateInstancePaths(id, ns(), QStringLiteral("CIM_ComputerSystem"), all), ns(),
        names({u"ClassName", u"FilterQueryLanguage", u"FilterQuery", u"OperationTimeout", u"ContinueOnError",
            u"MaxObjectCount"}),
        [](const XmlTree &tree, const QByteArray &) { checkPullOptions(tree); });
    cases << requestCase("OpenAssociatorInstances", CimRequestBuilder::openAssociatorInstances(id, ns(), system, all),
        ns(),
        names({u"InstanceName", u"AssocClass", u"ResultClass", u"Role", u"ResultRole", u"IncludeClassOrigin",
            u"PropertyList", u"FilterQueryLanguage", u"FilterQuery", u"OperationTimeout", u"ContinueOnError",
            u"MaxObjectCount"}),
        [](const XmlTree &tree, const QByteArray &) {
            checkLocalInstanceName(tree, QStringLiteral("InstanceName"));
            checkAssociationFilters(tree, true);
            checkPullOptions(tree);
        });
    cases << requestCase("OpenAssociatorInstancePaths",
        CimRequestBuilder::openAssociatorInstancePaths(id, ns(), system, all), ns(),
        names({u"InstanceName", u"AssocClass", u"ResultClass", u"Role", u"ResultRole", u"FilterQueryLanguage",
            u"FilterQuery", u"OperationTimeout", u"ContinueOnError", u"MaxObjectCount"}));
    cases << requestCase("OpenReferenceInstances", CimRequestBuilder::openReferenceInstances(id, ns(), system, all),
        ns(),
        names({u"InstanceName", u"ResultClass", u"Role", u"IncludeClassOrigin", u"PropertyList", u"FilterQueryLanguage",
            u"FilterQuery", u"OperationTimeout", u"ContinueOnError", u"MaxObjectCount"}),
        [](const XmlTree &tree, const QByteArray &) { checkAssociationFilters(tree, false); });
    cases << requestCase("OpenReferenceInstancePaths",
        CimRequestBuilder::openReferenceInstancePaths(id, ns(), system, all), ns(),
        names({u"InstanceName", u"ResultClass", u"Role", u"FilterQueryLanguage", u"FilterQuery", u"OperationTimeout",
            u"ContinueOnError", u"MaxObjectCount"}));
    cases << requestCase("OpenQueryInstances",
        CimRequestBuilder::openQueryInstances(
            id, ns(), QStringLiteral("DMTF:CQL"), QStringLiteral("SELECT * FROM CIM_Foo"), all),
        ns(),
        names({u"FilterQueryLanguage", u"FilterQuery", u"ReturnQueryResultClass", u"OperationTimeout",
            u"ContinueOnError", u"MaxObjectCount"}),
        [](const XmlTree &tree, const QByteArray &) {
            QCOMPARE(
                tree.text(QStringLiteral("IPARAMVALUE[NAME=FilterQueryLanguage]/VALUE")), QStringLiteral("DMTF:CQL"));
            checkBool(tree, QStringLiteral("ReturnQueryResultClass"), QStringLiteral("TRUE"));
        });
    const QString context = QStringLiteral("ctx:0042 <&>");
    const auto checkContext = [context](const XmlTree &tree, const QByteArray &) {
        QCOMPARE(tree.text(QStringLiteral("IPARAMVALUE[NAME=EnumerationContext]/VALUE")), context);
    };
    cases << requestCase("PullInstancesWithPath", CimRequestBuilder::pullInstancesWithPath(id, ns(), context, 500),
        ns(), names({u"EnumerationContext", u"MaxObjectCount"}),
        [checkContext](const XmlTree &tree, const QByteArray &d) {
            checkContext(tree, d);
            QCOMPARE(tree.text(QStringLiteral("IPARAMVALUE[NAME=MaxObjectCount]/VALUE")), QStringLiteral("500"));
        });
    cases << requestCase("PullInstancePaths", CimRequestBuilder::pullInstancePaths(id, ns(), context, 0), ns(),
        names({u"EnumerationContext", u"MaxObjectCount"}), checkContext);
    cases << requestCase("PullInstances", CimRequestBuilder::pullInstances(id, ns(), context, 4294967295U), ns(),
        names({u"EnumerationContext", u"MaxObjectCount"}), checkContext);
    cases << requestCase("CloseEnumeration", CimRequestBuilder::closeEnumeration(id, ns(), context), ns(),
        names({u"EnumerationContext"}), checkContext);
    cases << requestCase("EnumerationCount", CimRequestBuilder::enumerationCount(id, ns(), context), ns(),
        names({u"EnumerationContext"}), checkContext);

    // Extrinsic calls: METHODCALL on LOCALINSTANCEPATH or LOCALCLASSPATH with typed PARAMVALUEs.
    cases << requestCase("InvokeMethod instance",
        CimRequestBuilder::invokeMethod(
            id, {}, system, QStringLiteral("RequestStateChange"), CimSamples::methodParameters()),
        QStringLiteral(
            "root/cimv2:CIM_ComputerSystem.CreationClassName=\"CIM_ComputerSystem\",Name=\"host \\\"one\\\" & <two>\""),
        std::nullopt, [](const XmlTree &tree, const QByteArray &) {
            QCOMPARE(tree.attribute(QStringLiteral("METHODCALL"), u"NAME"), QStringLiteral("RequestStateChange"));
            QCOMPARE(
                tree.attributes(QStringLiteral("METHODCALL/LOCALINSTANCEPATH/LOCALNAMESPACEPATH/NAMESPACE"), u"NAME"),
                kNamespaceNames);
            QCOMPARE(tree.attribute(QStringLiteral("METHODCALL/LOCALINSTANCEPATH/INSTANCENAME"), u"CLASSNAME"),
                QStringLiteral("CIM_ComputerSystem"));
            QCOMPARE(tree.attributes(QStringLiteral("METHODCALL/PARAMVALUE"), u"NAME"),
                names({u"RequestedState", u"Name", u"Job", u"Targets", u"Settings", u"Template", u"Options", u"Missing",
                    u"MissingList", u"Timeout", u"Enabled"}));
            QCOMPARE(tree.attributes(QStringLiteral("METHODCALL/PARAMVALUE"), u"PARAMTYPE"),
                names({u"uint16", u"string", u"reference", u"reference", u"string", u"string", u"string", u"uint32",
                    u"reference", u"datetime", u"boolean"}));
            QCOMPARE(tree.text(QStringLiteral("PARAMVALUE[NAME=RequestedState]/VALUE")), QStringLiteral("3"));
            QCOMPARE(tree.text(QStringLiteral("PARAMVALUE[NAME=Name]/VALUE")), CimSamples::awkwardText());
            QCOMPARE(tree.count(QStringLiteral("PARAMVALUE[NAME=Job]/VALUE.REFERENCE/LOCALINSTANCEPATH")), 1);
            QCOMPARE(tree.childNames(QStringLiteral("PARAMVALUE[NAME=Targets]/VALUE.REFARRAY")),
                names({u"VALUE.REFERENCE", u"VALUE.NULL", u"VALUE.REFERENCE"}));
            QCOMPARE(
                tree.count(QStringLiteral("PARAMVALUE[NAME=Targets]/VALUE.REFARRAY/VALUE.REFERENCE/INSTANCEPATH")), 1);
            QCOMPARE(
                tree.count(QStringLiteral("PARAMVALUE[NAME=Targets]/VALUE.REFARRAY/VALUE.REFERENCE/INSTANCENAME")), 1);
            QVERIFY(tree.text(QStringLiteral("PARAMVALUE[NAME=Settings][EmbeddedObject=instance]/VALUE"))
                        .startsWith(QStringLiteral("<INSTANCE ")));
            QVERIFY(tree.text(QStringLiteral("PARAMVALUE[NAME=Template][EmbeddedObject=object]/VALUE"))
                        .startsWith(QStringLiteral("<CLASS ")));
            QCOMPARE(tree.childNames(QStringLiteral("PARAMVALUE[NAME=Options]/VALUE.ARRAY")),
                names({u"VALUE", u"VALUE.NULL"}));
            QCOMPARE(tree.count(QStringLiteral("PARAMVALUE[NAME=Missing]/*")), 0);
            QCOMPARE(tree.count(QStringLiteral("PARAMVALUE[NAME=MissingList]/*")), 0);
            QCOMPARE(tree.text(QStringLiteral("PARAMVALUE[NAME=Enabled]/VALUE")), QStringLiteral("FALSE"));
        });
    cases << requestCase("InvokeMethod class",
        CimRequestBuilder::invokeMethod(
            id, QStringLiteral("/root/cimv2"), CimClassName(QStringLiteral("CIM_Service")), QStringLiteral("StartAll")),
        QStringLiteral("root/cimv2:CIM_Service"), std::nullopt, [](const XmlTree &tree, const QByteArray &) {
            QCOMPARE(tree.attributes(QStringLiteral("METHODCALL/LOCALCLASSPATH/LOCALNAMESPACEPATH/NAMESPACE"), u"NAME"),
                kNamespaceNames);
            QCOMPARE(tree.attribute(QStringLiteral("METHODCALL/LOCALCLASSPATH/CLASSNAME"), u"NAME"),
                QStringLiteral("CIM_Service"));
            QCOMPARE(tree.count(QStringLiteral("PARAMVALUE")), 0);
        });

    // A hand-made request with every IPARAMVALUE alternative, including the NULL (empty) one.
    {
        CimOperationRequest raw;
        raw.operation = CimOperation::GetClass;
        raw.messageId = id;
        raw.nameSpace = QStringLiteral("interop");
        raw.arguments.insert(CimArgument(QStringLiteral("Nothing"), std::monostate()));
        raw.arguments.insert(CimArgument(QStringLiteral("NullValue"), CimValue::null(CimType::String)));
        raw.arguments.insert(CimArgument(QStringLiteral("Declaration"), CimSamples::qualifierDeclarations().at(0)));
        raw.arguments.insert(CimArgument(QStringLiteral("Class"), CimSamples::smallClass(QStringLiteral("CIMDIAG_A"))));
        raw.arguments.insert(CimArgument(QStringLiteral("Named"), CimSamples::smallInstance(1)));
        raw.arguments.insert(
            CimArgument(QStringLiteral("Reference"), CimValue::reference(CimSamples::systemPath(true, false))));
        cases << requestCase("IPARAMVALUE alternatives", raw, QStringLiteral("interop"),
            names({u"Nothing", u"NullValue", u"Declaration", u"Class", u"Named", u"Reference"}),
            [](const XmlTree &tree, const QByteArray &) {
                QCOMPARE(tree.attributes(QStringLiteral("IMETHODCALL/LOCALNAMESPACEPATH/NAMESPACE"), u"NAME"),
                    names({u"interop"}));
                QCOMPARE(tree.count(QStringLiteral("IPARAMVALUE[NAME=Nothing]/*")), 0);
                QCOMPARE(tree.count(QStringLiteral("IPARAMVALUE[NAME=NullValue]/*")), 0);
                QCOMPARE(tree.count(QStringLiteral("IPARAMVALUE[NAME=Declaration]/QUALIFIER.DECLARATION")), 1);
                QCOMPARE(tree.count(QStringLiteral("IPARAMVALUE[NAME=Class]/CLASS[NAME=CIMDIAG_A]")), 1);
                QCOMPARE(tree.count(QStringLiteral("IPARAMVALUE[NAME=Named]/VALUE.NAMEDINSTANCE/INSTANCENAME")), 1);
                QCOMPARE(
                    tree.count(QStringLiteral("IPARAMVALUE[NAME=Reference]/VALUE.REFERENCE/LOCALINSTANCEPATH")), 1);
            });
    }

    // Export: SIMPLEEXPREQ / EXPMETHODCALL ExportIndication / EXPPARAMVALUE NewIndication / INSTANCE.
    {
        CimInstance indication = CimSamples::indication();
        indication.setPath(CimSamples::systemPath()); // dropped: an indication travels without a path
        cases << requestCase("ExportIndication",
            CimRequestBuilder::exportIndication(QStringLiteral("e-77"), indication), QString(), std::nullopt,
            [](const XmlTree &tree, const QByteArray &) {
                QCOMPARE(tree.childNames(QStringLiteral("MESSAGE")), names({u"SIMPLEEXPREQ"}));
                QCOMPARE(tree.attribute(QStringLiteral("SIMPLEEXPREQ/EXPMETHODCALL"), u"NAME"),
                    QStringLiteral("ExportIndication"));
                QCOMPARE(tree.childNames(QStringLiteral("EXPMETHODCALL/EXPPARAMVALUE[NAME=NewIndication]")),
                    names({u"INSTANCE"}));
                QCOMPARE(tree.attribute(QStringLiteral("EXPPARAMVALUE/INSTANCE"), u"CLASSNAME"),
                    QStringLiteral("CIM_AlertIndication"));
                QCOMPARE(tree.text(QStringLiteral("EXPPARAMVALUE/INSTANCE/PROPERTY[NAME=Description]/VALUE")),
                    CimSamples::awkwardText());
            });
    }
    return cases;
}

// --- responses --------------------------------------------------------------------------------------

CimOperationResponse responseFor(CimOperation operation)
{
    CimOperationResponse response;
    response.operation = operation;
    response.messageId = QStringLiteral("2002");
    return response;
}

Case responseCase(const char *name, const CimOperationResponse &response, Check check)
{
    Case c;
    c.name = name;
    c.document = CimXmlWriter::response(response);
    c.messageId = response.messageId;
    c.check = std::move(check);
    return c;
}

/// IMETHODRESPONSE NAME=operation, and what its IRETURNVALUE holds (element names in order).
void checkReturn(const XmlTree &tree, CimOperation operation, const QStringList &returned)
{
    QCOMPARE(tree.childNames(QStringLiteral("MESSAGE")), names({u"SIMPLERSP"}));
    QCOMPARE(tree.attribute(QStringLiteral("SIMPLERSP/IMETHODRESPONSE"), u"NAME"), cimOperationName(operation));
    QCOMPARE(tree.count(QStringLiteral("IMETHODRESPONSE/IRETURNVALUE")), 1);
    QCOMPARE(tree.childNames(QStringLiteral("IMETHODRESPONSE/IRETURNVALUE")), returned);
}

void checkPullTail(const XmlTree &tree, const QString &context, bool endOfSequence)
{
    QCOMPARE(tree.attributes(QStringLiteral("IMETHODRESPONSE/PARAMVALUE"), u"NAME").mid(0, 2),
        names({u"EnumerationContext", u"EndOfSequence"}));
    QCOMPARE(tree.attribute(QStringLiteral("IMETHODRESPONSE/PARAMVALUE[NAME=EnumerationContext]"), u"PARAMTYPE"),
        QStringLiteral("string"));
    if (context.isEmpty())
        QCOMPARE(tree.count(QStringLiteral("IMETHODRESPONSE/PARAMVALUE[NAME=EnumerationContext]/*")), 0);
    else
        QCOMPARE(tree.text(QStringLiteral("IMETHODRESPONSE/PARAMVALUE[NAME=EnumerationContext]/VALUE")), context);
    QCOMPARE(tree.text(QStringLiteral("IMETHODRESPONSE/PARAMVALUE[NAME=EndOfSequence][PARAMTYPE=boolean]/VALUE")),
        endOfSequence ? QStringLiteral("TRUE") : QStringLiteral("FALSE"));
}

QList<Case> responseCases()
{
    QList<Case> cases;
    const QList<CimInstance> smalls {
        CimSamples::smallInstance(1), CimSamples::smallInstance(2), CimSamples::smallInstance(3)};

    {
        CimOperationResponse r = responseFor(CimOperation::GetClass);
        r.classes = {CimSamples::everyFeatureClass()};
        cases << responseCase("GetClass", r, [](const XmlTree &tree, const QByteArray &) {
            checkReturn(tree, CimOperation::GetClass, names({u"CLASS"}));
            checkEveryFeatureClass(tree, QStringLiteral("IRETURNVALUE/CLASS"));
        });
    }
    {
        CimOperationResponse r = responseFor(CimOperation::EnumerateClasses);
        r.classes = {CimSamples::smallClass(QStringLiteral("CIMDIAG_A")),
            CimSamples::smallClass(QStringLiteral("CIMDIAG_B"), QStringLiteral("CIMDIAG_A"))};
        cases << responseCase("EnumerateClasses", r, [](const XmlTree &tree, const QByteArray &) {
            checkReturn(tree, CimOperation::EnumerateClasses, names({u"CLASS", u"CLASS"}));
            QCOMPARE(
                tree.attribute(QStringLiteral("CLASS[NAME=CIMDIAG_B]"), u"SUPERCLASS"), QStringLiteral("CIMDIAG_A"));
            QVERIFY(!tree.hasAttribute(QStringLiteral("CLASS[NAME=CIMDIAG_A]"), u"SUPERCLASS"));
        });
    }
    {
        CimOperationResponse r = responseFor(CimOperation::EnumerateClasses);
        cases << responseCase("EnumerateClasses empty", r, [](const XmlTree &tree, const QByteArray &) {
            checkReturn(tree, CimOperation::EnumerateClasses, QStringList());
        });
    }
    {
        CimOperationResponse r = responseFor(CimOperation::EnumerateClassNames);
        r.classNames = {CimClassName(QStringLiteral("CIM_A")), CimClassName(QStringLiteral("CIM_B"))};
        cases << responseCase("EnumerateClassNames", r, [](const XmlTree &tree, const QByteArray &) {
            checkReturn(tree, CimOperation::EnumerateClassNames, names({u"CLASSNAME", u"CLASSNAME"}));
            QCOMPARE(tree.attributes(QStringLiteral("IRETURNVALUE/CLASSNAME"), u"NAME"), names({u"CIM_A", u"CIM_B"}));
        });
    }
    {
        CimOperationResponse r = responseFor(CimOperation::GetInstance);
        r.instances = {CimSamples::everyTypeInstance()};
        cases << responseCase("GetInstance", r, [](const XmlTree &tree, const QByteArray &document) {
            checkReturn(tree, CimOperation::GetInstance, names({u"INSTANCE"}));
            checkEveryTypeInstance(tree, QStringLiteral("IRETURNVALUE/INSTANCE"));
            // Escaping on the wire: markup characters as entities, CR as a character reference (a raw
            // CR would reach the reader as LF), non-ASCII as UTF-8 bytes.
            QVERIFY(document.contains("&lt;tag a=&quot;1&quot; &amp; 'b'&gt;&#13;\n\tGr\xC3\xBC\xC3\x9F"
                                      "e \xE2\x98\x83 \xF0\x9D\x84\x9E</VALUE>"));
            QVERIFY(document.contains(
                "<KEYVALUE VALUETYPE=\"string\" TYPE=\"string\">host &quot;one&quot; &amp; &lt;two&gt;</KEYVALUE>"));
        });
    }
    {
        CimOperationResponse r = responseFor(CimOperation::EnumerateInstances);
        r.instances = smalls;
        r.instances.append(CimSamples::everyTypeInstance());
        cases << responseCase("EnumerateInstances", r, [](const XmlTree &tree, const QByteArray &) {
            checkReturn(tree, CimOperation::EnumerateInstances,
                names(
                    {u"VALUE.NAMEDINSTANCE", u"VALUE.NAMEDINSTANCE", u"VALUE.NAMEDINSTANCE", u"VALUE.NAMEDINSTANCE"}));
            QCOMPARE(tree.count(QStringLiteral("VALUE.NAMEDINSTANCE/INSTANCENAME")), 4);
            // VALUE.NAMEDINSTANCE carries INSTANCENAME only: no namespace, no host.
            QCOMPARE(tree.count(QStringLiteral("VALUE.NAMEDINSTANCE/INSTANCEPATH")), 0);
            QCOMPARE(tree.texts(QStringLiteral(
                         "VALUE.NAMEDINSTANCE/INSTANCENAME[CLASSNAME=CIMDIAG_Small]/KEYBINDING[NAME=InstanceID]/"
                         "KEYVALUE")),
                names({u"small-1", u"small-2", u"small-3"}));
            checkEveryTypeInstance(tree, QStringLiteral("VALUE.NAMEDINSTANCE/INSTANCE[CLASSNAME=CIMDIAG_Everything]"));
        });
    }
    {
        CimOperationResponse r = responseFor(CimOperation::CreateInstance);
        r.instanceNames = {CimSamples::associationPath()};
        cases << responseCase("CreateInstance", r, [](const XmlTree &tree, const QByteArray &) {
            checkReturn(tree, CimOperation::CreateInstance, names({u"INSTANCENAME"}));
            QCOMPARE(tree.attributes(QStringLiteral("IRETURNVALUE/INSTANCENAME/KEYBINDING"), u"NAME"),
                names({u"GroupComponent", u"PartComponent"}));
        });
    }
    {
        CimOperationResponse r = responseFor(CimOperation::EnumerateInstanceNames);
        r.instanceNames = {
            CimSamples::systemPath(), CimSamples::associationPath(), CimInstanceName(QStringLiteral("CIM_Singleton"))};
        cases << responseCase("EnumerateInstanceNames", r, [](const XmlTree &tree, const QByteArray &) {
            checkReturn(
                tree, CimOperation::EnumerateInstanceNames, names({u"INSTANCENAME", u"INSTANCENAME", u"INSTANCENAME"}));
            QCOMPARE(tree.count(QStringLiteral("INSTANCENAME[CLASSNAME=CIM_Singleton]/*")), 0);
        });
    }
    {
        CimOperationResponse r = responseFor(CimOperation::Associators);
        r.instances = smalls;
        cases << responseCase("Associators instances", r, [](const XmlTree &tree, const QByteArray &) {
            checkReturn(tree, CimOperation::Associators,
                names({u"VALUE.OBJECTWITHPATH", u"VALUE.OBJECTWITHPATH", u"VALUE.OBJECTWITHPATH"}));
            QCOMPARE(tree.childNames(QStringLiteral("VALUE.OBJECTWITHPATH")), names({u"INSTANCEPATH", u"INSTANCE"}));
            QCOMPARE(tree.texts(QStringLiteral("VALUE.OBJECTWITHPATH/INSTANCEPATH/NAMESPACEPATH/HOST")),
                QStringList(3, CimSamples::host()));
        });
    }
    {
        CimOperationResponse r = responseFor(CimOperation::References);
        CimClass cls = CimSamples::smallClass(QStringLiteral("CIMDIAG_Assoc"));
        cls.setPath(CimClassName(QStringLiteral("CIMDIAG_Assoc"), ns(), CimSamples::host()));
        r.classes = {cls};
        cases << responseCase("References classes", r, [](const XmlTree &tree, const QByteArray &) {
            checkReturn(tree, CimOperation::References, names({u"VALUE.OBJECTWITHPATH"}));
            QCOMPARE(tree.childNames(QStringLiteral("VALUE.OBJECTWITHPATH")), names({u"CLASSPATH", u"CLASS"}));
            QCOMPARE(tree.attribute(QStringLiteral("VALUE.OBJECTWITHPATH/CLASSPATH/CLASSNAME"), u"NAME"),
                QStringLiteral("CIMDIAG_Assoc"));
            QCOMPARE(tree.attributes(QStringLiteral("CLASSPATH/NAMESPACEPATH/LOCALNAMESPACEPATH/NAMESPACE"), u"NAME"),
                kNamespaceNames);
        });
    }
    {
        CimOperationResponse r = responseFor(CimOperation::AssociatorNames);
        r.instanceNames = {CimSamples::systemPath(), CimSamples::smallInstance(4).path()};
        cases << responseCase("AssociatorNames instances", r, [](const XmlTree &tree, const QByteArray &) {
            checkReturn(tree, CimOperation::AssociatorNames, names({u"OBJECTPATH", u"OBJECTPATH"}));
            QCOMPARE(tree.count(QStringLiteral("OBJECTPATH/INSTANCEPATH/NAMESPACEPATH/HOST")), 2);
        });
    }
    {
        CimOperationResponse r = responseFor(CimOperation::ReferenceNames);
        r.classNames = {CimClassName(QStringLiteral("CIM_SystemDevice"), ns(), CimSamples::host())};
        cases << responseCase("ReferenceNames classes", r, [](const XmlTree &tree, const QByteArray &) {
            checkReturn(tree, CimOperation::ReferenceNames, names({u"OBJECTPATH"}));
            QCOMPARE(tree.attribute(QStringLiteral("OBJECTPATH/CLASSPATH/CLASSNAME"), u"NAME"),
                QStringLiteral("CIM_SystemDevice"));
        });
    }
    {
        CimOperationResponse r = responseFor(CimOperation::ExecQuery);
        CimInstance row = CimSamples::smallInstance(1);
        row.setPath({});
        r.instances = {row, CimSamples::smallInstance(2)};
        cases << responseCase("ExecQuery objects", r, [](const XmlTree &tree, const QByteArray &) {
            // One row without a path: every row goes as VALUE.OBJECT (the DTD forbids mixing).
            checkReturn(tree, CimOperation::ExecQuery, names({u"VALUE.OBJECT", u"VALUE.OBJECT"}));
        });
        r.instances = smalls;
        cases << responseCase("ExecQuery objects with path", r, [](const XmlTree &tree, const QByteArray &) {
            checkReturn(tree, CimOperation::ExecQuery,
                names({u"VALUE.OBJECTWITHPATH", u"VALUE.OBJECTWITHPATH", u"VALUE.OBJECTWITHPATH"}));
        });
    }
    {
        CimOperationResponse r = responseFor(CimOperation::GetProperty);
        r.returnValue = CimValue::string(CimSamples::awkwardText());
        cases << responseCase("GetProperty scalar", r, [](const XmlTree &tree, const QByteArray &) {
            checkReturn(tree, CimOperation::GetProperty, names({u"VALUE"}));
            QCOMPARE(tree.text(QStringLiteral("IRETURNVALUE/VALUE")), CimSamples::awkwardText());
        });
        r.returnValue = CimSamples::everyTypeInstance().value(u"Numbers");
        cases << responseCase("GetProperty array", r, [](const XmlTree &tree, const QByteArray &) {
            checkReturn(tree, CimOperation::GetProperty, names({u"VALUE.ARRAY"}));
        });
        r.returnValue = CimValue::reference(CimSamples::systemPath());
        cases << responseCase("GetProperty reference", r, [](const XmlTree &tree, const QByteArray &) {
            checkReturn(tree, CimOperation::GetProperty, names({u"VALUE.REFERENCE"}));
        });
        r.returnValue = CimValue::null(CimType::UInt8);
        cases << responseCase("GetProperty NULL", r, [](const XmlTree &tree, const QByteArray &) {
            checkReturn(tree, CimOperation::GetProperty, QStringList());
        });
    }
    {
        CimOperationResponse r = responseFor(CimOperation::GetQualifier);
        r.qualifierDeclarations = {CimSamples::qualifierDeclarations().at(2)};
        cases << responseCase("GetQualifier", r, [](const XmlTree &tree, const QByteArray &) {
            checkReturn(tree, CimOperation::GetQualifier, names({u"QUALIFIER.DECLARATION"}));
        });
        r.operation = CimOperation::EnumerateQualifiers;
        r.qualifierDeclarations = CimSamples::qualifierDeclarations();
        cases << responseCase("EnumerateQualifiers", r, [](const XmlTree &tree, const QByteArray &) {
            checkReturn(
                tree, CimOperation::EnumerateQualifiers, QStringList(6, QStringLiteral("QUALIFIER.DECLARATION")));
            checkQualifierDeclarations(tree, QStringLiteral("IRETURNVALUE"));
        });
    }
    {
        CimOperationResponse r = responseFor(CimOperation::OpenEnumerateInstances);
        r.instances = smalls;
        r.instances.append(CimSamples::everyTypeInstance());
        r.enumerationContext = QStringLiteral("ctx-1 <&>");
        cases << responseCase("OpenEnumerateInstances", r, [](const XmlTree &tree, const QByteArray &) {
            checkReturn(
                tree, CimOperation::OpenEnumerateInstances, QStringList(4, QStringLiteral("VALUE.INSTANCEWITHPATH")));
            QCOMPARE(tree.childNames(QStringLiteral("VALUE.INSTANCEWITHPATH")), names({u"INSTANCEPATH", u"INSTANCE"}));
            checkEveryTypeInstance(
                tree, QStringLiteral("VALUE.INSTANCEWITHPATH/INSTANCE[CLASSNAME=CIMDIAG_Everything]"));
            checkPullTail(tree, QStringLiteral("ctx-1 <&>"), false);
            QCOMPARE(tree.childNames(QStringLiteral("IMETHODRESPONSE")),
                names({u"IRETURNVALUE", u"PARAMVALUE", u"PARAMVALUE"}));
        });
        r.operation = CimOperation::PullInstancesWithPath;
        r.instances = {};
        r.enumerationContext.clear();
        r.endOfSequence = true;
        cases << responseCase("PullInstancesWithPath end", r, [](const XmlTree &tree, const QByteArray &) {
            checkReturn(tree, CimOperation::PullInstancesWithPath, QStringList());
            checkPullTail(tree, QString(), true);
        });
    }
    {
        CimOperationResponse r = responseFor(CimOperation::OpenEnumerateInstancePaths);
        r.instanceNames = {CimSamples::systemPath(), CimSamples::smallInstance(1).path()};
        r.enumerationContext = QStringLiteral("ctx-2");
        cases << responseCase("OpenEnumerateInstancePaths", r, [](const XmlTree &tree, const QByteArray &) {
            checkReturn(tree, CimOperation::OpenEnumerateInstancePaths, names({u"INSTANCEPATH", u"INSTANCEPATH"}));
            checkPullTail(tree, QStringLiteral("ctx-2"), false);
        });
        r.operation = CimOperation::PullInstancePaths;
        r.endOfSequence = true;
        r.enumerationContext.clear();
        cases << responseCase("PullInstancePaths", r, [](const XmlTree &tree, const QByteArray &) {
            checkReturn(tree, CimOperation::PullInstancePaths, names({u"INSTANCEPATH", u"INSTANCEPATH"}));
            checkPullTail(tree, QString(), true);
        });
    }
    {
        CimOperationResponse r = responseFor(CimOperation::OpenQueryInstances);
        CimInstance row = CimSamples::smallInstance(7);
        row.setPath({});
        r.instances = {row};
        r.outParameters.insert(CimParamValue(QStringLiteral("QueryResultClass"),
            CimValue::embeddedClass(CimSamples::smallClass(QStringLiteral("CIMDIAG_QueryResult")))));
        r.enumerationContext = QStringLiteral("ctx-3");
        cases << responseCase("OpenQueryInstances", r, [](const XmlTree &tree, const QByteArray &) {
            checkReturn(tree, CimOperation::OpenQueryInstances, names({u"INSTANCE"}));
            checkPullTail(tree, QStringLiteral("ctx-3"), false);
            QCOMPARE(tree.count(QStringLiteral(
                         "IMETHODRESPONSE/PARAMVALUE[NAME=QueryResultClass]/CLASS[NAME=CIMDIAG_QueryResult]")),
                1);
        });
        r.operation = CimOperation::PullInstances;
        r.outParameters.clear();
        cases << responseCase("PullInstances", r, [](const XmlTree &tree, const QByteArray &) {
            checkReturn(tree, CimOperation::PullInstances, names({u"INSTANCE"}));
            QCOMPARE(tree.attributes(QStringLiteral("IMETHODRESPONSE/PARAMVALUE"), u"NAME"),
                names({u"EnumerationContext", u"EndOfSequence"}));
        });
    }
    {
        CimOperationResponse r = responseFor(CimOperation::EnumerationCount);
        r.returnValue = CimValue::uint64(123456789012ULL);
        cases << responseCase("EnumerationCount", r, [](const XmlTree &tree, const QByteArray &) {
            checkReturn(tree, CimOperation::EnumerationCount, names({u"VALUE"}));
            QCOMPARE(tree.text(QStringLiteral("IRETURNVALUE/VALUE")), QStringLiteral("123456789012"));
        });
    }
    for (const CimOperation operation : {CimOperation::DeleteInstance, CimOperation::ModifyInstance,
             CimOperation::CloseEnumeration, CimOperation::SetQualifier}) {
        const CimOperationResponse r = responseFor(operation);
        cases << responseCase(
            qPrintable(cimOperationName(operation)), r, [operation](const XmlTree &tree, const QByteArray &) {
                QCOMPARE(tree.attribute(QStringLiteral("IMETHODRESPONSE"), u"NAME"), cimOperationName(operation));
                QCOMPARE(tree.count(QStringLiteral("IMETHODRESPONSE/*")), 0);
            });
    }
    {
        CimOperationResponse r = responseFor(CimOperation::EnumerateInstances);
        r.instances = smalls; // ignored: an error carries nothing else
        r.status = CimSamples::errorStatus();
        cases << responseCase("Error with CIM_Error", r, [](const XmlTree &tree, const QByteArray &document) {
            QCOMPARE(tree.childNames(QStringLiteral("IMETHODRESPONSE")), names({u"ERROR"}));
            QCOMPARE(tree.attribute(QStringLiteral("ERROR"), u"CODE"), QStringLiteral("6"));
            QCOMPARE(tree.attribute(QStringLiteral("ERROR"), u"DESCRIPTION"), CimSamples::errorStatus().description());
            // Attribute values keep CR, LF and tab as character references (else they become spaces).
            QVERIFY(document.contains("DESCRIPTION=\"No such instance: &quot;CIM_Foo&quot; &lt;in&gt; root/cimv2 &amp; "
                                      "more&#13;&#10;&#9;(\xC3\xBC)\""));
            QCOMPARE(tree.attributes(QStringLiteral("ERROR/INSTANCE"), u"CLASSNAME"),
                names({u"CIM_Error", u"CIMDIAG_Small"}));
            QCOMPARE(tree.text(QStringLiteral(
                         "ERROR/INSTANCE[CLASSNAME=CIM_Error]/PROPERTY[NAME=CIMStatusCode][TYPE=uint32]/VALUE")),
                QStringLiteral("6"));
        });
        r.status = CimStatus(1, QString());
        cases << responseCase("Error without description", r, [](const XmlTree &tree, const QByteArray &) {
            QCOMPARE(tree.attributeList(QStringLiteral("ERROR")),
                (QList<std::pair<QString, QString>> {{QStringLiteral("CODE"), QStringLiteral("1")}}));
        });
    }
    {
        CimOperationResponse r = responseFor(CimOperation::InvokeMethod);
        r.methodName = QStringLiteral("RequestStateChange");
        r.returnValue = CimValue::uint32(4096);
        r.outParameters = CimSamples::methodParameters();
        cases << responseCase("InvokeMethod", r, [](const XmlTree &tree, const QByteArray &) {
            QCOMPARE(tree.attribute(QStringLiteral("SIMPLERSP/METHODRESPONSE"), u"NAME"),
                QStringLiteral("RequestStateChange"));
            QCOMPARE(
                tree.childNames(QStringLiteral("METHODRESPONSE")).mid(0, 2), names({u"RETURNVALUE", u"PARAMVALUE"}));
            QCOMPARE(tree.text(QStringLiteral("METHODRESPONSE/RETURNVALUE[PARAMTYPE=uint32]/VALUE")),
                QStringLiteral("4096"));
            QCOMPARE(tree.count(QStringLiteral("METHODRESPONSE/PARAMVALUE")), 11);
            QCOMPARE(
                tree.count(QStringLiteral("METHODRESPONSE/PARAMVALUE[NAME=Job][PARAMTYPE=reference]/VALUE.REFERENCE")),
                1);
        });
        r.returnValue = CimValue::reference(CimSamples::systemPath());
        r.outParameters = {};
        cases << responseCase("InvokeMethod reference return", r, [](const XmlTree &tree, const QByteArray &) {
            QCOMPARE(tree.count(QStringLiteral(
                         "METHODRESPONSE/RETURNVALUE[PARAMTYPE=reference]/VALUE.REFERENCE/INSTANCEPATH")),
                1);
        });
        r.returnValue = CimValue();
        cases << responseCase("InvokeMethod void", r, [](const XmlTree &tree, const QByteArray &) {
            QCOMPARE(tree.count(QStringLiteral("METHODRESPONSE/*")), 0);
        });
        r.status = CimStatus(17, QStringLiteral("no such method"));
        cases << responseCase("InvokeMethod error", r, [](const XmlTree &tree, const QByteArray &) {
            QCOMPARE(tree.childNames(QStringLiteral("METHODRESPONSE")), names({u"ERROR"}));
            QCOMPARE(tree.attribute(QStringLiteral("ERROR"), u"CODE"), QStringLiteral("17"));
        });
    }
    {
        CimOperationResponse r = responseFor(CimOperation::ExportIndication);
        r.messageId = QStringLiteral("e-77");
        cases << responseCase("ExportIndication", r, [](const XmlTree &tree, const QByteArray &) {
            QCOMPARE(tree.childNames(QStringLiteral("MESSAGE")), names({u"SIMPLEEXPRSP"}));
            QCOMPARE(tree.attribute(QStringLiteral("SIMPLEEXPRSP/EXPMETHODRESPONSE"), u"NAME"),
                QStringLiteral("ExportIndication"));
            QCOMPARE(tree.count(QStringLiteral("EXPMETHODRESPONSE/*")), 0);
        });
        r.status = CimStatus(4, QStringLiteral("NewIndication is not an indication"));
        cases << responseCase("ExportIndication error", r, [](const XmlTree &tree, const QByteArray &) {
            QCOMPARE(tree.childNames(QStringLiteral("EXPMETHODRESPONSE")), names({u"ERROR"}));
            QCOMPARE(tree.attribute(QStringLiteral("EXPMETHODRESPONSE/ERROR"), u"CODE"), QStringLiteral("4"));
        });
    }
    return cases;
}

const QList<Case> &allCases()
{
    static const QList<Case> cases = requestCases() + responseCases();
    return cases;
}

/// An EnumerateInstances reply of count instances with 10 properties each, as a large server sends.
CimOperationResponse largeResponse(int count)
{
    CimOperationResponse response = responseFor(CimOperation::EnumerateInstances);
    response.instances.reserve(count);
    for (int i = 0; i < count; ++i) {
        const QString id = QStringLiteral("CIMDIAG:Disk:%1").arg(i);
        CimInstance instance(QStringLiteral("CIM_DiskDrive"));
        instance.setProperty(
            CimProperty(QStringLiteral("CreationClassName"), CimValue::string(QStringLiteral("CIM_DiskDrive"))));
        instance.setProperty(CimProperty(QStringLiteral("DeviceID"), CimValue::string(id)));
        instance.setProperty(
            CimProperty(QStringLiteral("SystemName"), CimValue::string(QStringLiteral("storage-array-01"))));
        instance.setProperty(
            CimProperty(QStringLiteral("ElementName"), CimValue::string(QStringLiteral("Disk %1 <bay>").arg(i))));
        instance.setProperty(CimProperty(QStringLiteral("EnabledState"), CimValue::uint16(2)));
        instance.setProperty(CimProperty(QStringLiteral("BlockSize"), CimValue::uint64(512)));
        instance.setProperty(
            CimProperty(QStringLiteral("NumberOfBlocks"), CimValue::uint64(7814037168ULL + static_cast<quint64>(i))));
        instance.setProperty(CimProperty(QStringLiteral("IsSpare"), CimValue::boolean(i % 10 == 0)));
        instance.setProperty(CimProperty(QStringLiteral("Temperature"), CimValue::real32(35.5F)));
        instance.setProperty(CimProperty(QStringLiteral("OperationalStatus"),
            CimValue::array(CimType::UInt16, {CimValue::uint16(2), CimValue::uint16(32768)}).value_or(CimValue())));
        instance.setPath(CimInstanceName(QStringLiteral("CIM_DiskDrive"),
            {{QStringLiteral("CreationClassName"), CimValue::string(QStringLiteral("CIM_DiskDrive"))},
                {QStringLiteral("DeviceID"), CimValue::string(id)},
                {QStringLiteral("SystemName"), CimValue::string(QStringLiteral("storage-array-01"))}}));
        response.instances.append(instance);
    }
    return response;
}

} // namespace

class TestCimXmlWriter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void lintRejectsInvalidDocuments();
    void documents_data();
    void documents();
    void dropsCharactersXmlCannotCarry();
    void elementWritersAreUsableAlone();
    void largeResponse();

private:
    XmlLint m_lint;
    QList<QString> m_lintErrors;
};

void TestCimXmlWriter::initTestCase()
{
    if (const QString error = m_lint.setupError(); !error.isEmpty())
        QFAIL(qPrintable(error));
    // One xmllint run for every document: ~80 process starts would dominate the test's time.
    QList<QByteArray> documents;
    for (const Case &c : allCases())
        documents.append(c.document);
    m_lintErrors = m_lint.validateAll(documents);
    QCOMPARE(m_lintErrors.size(), documents.size());
}

void TestCimXmlWriter::lintRejectsInvalidDocuments()
{
    // The validator must not be vacuous: KEYVALUE without TYPE is valid under 2.3.1 only.
    const QByteArray invalid
        = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
          "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\">"
          "<SIMPLERSP><IMETHODRESPONSE NAME=\"EnumerateInstanceNames\"><IRETURNVALUE>"
          "<INSTANCENAME CLASSNAME=\"A\"><KEYBINDING NAME=\"k\"><KEYVALUE>1</KEYVALUE></KEYBINDING>"
          "</INSTANCENAME></IRETURNVALUE></IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>";
    QVERIFY(!m_lint.validate(invalid).isEmpty());
    const QByteArray valid = CimXmlWriter::response(responseFor(CimOperation::DeleteInstance));
    QCOMPARE(m_lint.validate(valid), QString());
    const QList<QString> errors = m_lint.validateAll({valid, invalid, valid});
    QCOMPARE(errors.size(), 3);
    QVERIFY(errors.at(0).isEmpty());
    QVERIFY2(errors.at(1).contains(QStringLiteral("KEYVALUE")), qPrintable(errors.at(1)));
    QVERIFY(errors.at(2).isEmpty());
}

void TestCimXmlWriter::documents_data()
{
    QTest::addColumn<int>("index");
    const QList<Case> &cases = allCases();
    for (int i = 0; i < cases.size(); ++i)
        QTest::newRow(cases.at(i).name.constData()) << i;
}

void TestCimXmlWriter::documents()
{
    QFETCH(int, index);
    const Case &c = allCases().at(index);

    QVERIFY2(m_lintErrors.value(index).isEmpty(),
        qPrintable(m_lintErrors.value(index) + QStringLiteral("\n") + QString::fromUtf8(c.document)));
    QVERIFY(c.document.startsWith(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">"));
    // No empty-element tags: sblim-wbemcli 1.6.3 rejects `<PROPERTY .../>`. '>' in text and attribute
    // values is escaped, so "/>" could only be the end of such a tag.
    QVERIFY2(!c.document.contains("/>"), c.document.constData());

    QString parseError;
    const std::optional<XmlTree> tree = XmlTree::parse(c.document, &parseError);
    QVERIFY2(tree, qPrintable(parseError));
    QCOMPARE(tree->root().name, QStringLiteral("CIM"));
    QCOMPARE(tree->attribute(QStringLiteral("CIM/MESSAGE"), u"ID"), c.messageId);
    QCOMPARE(tree->attribute(QStringLiteral("CIM/MESSAGE"), u"PROTOCOLVERSION"), QStringLiteral("1.0"));

    if (c.request) {
        QCOMPARE(c.request->cimMethodHeader(), c.expectedMethodHeader);
        QCOMPARE(c.request->cimObjectHeader(), c.expectedObjectHeader);
        if (isIntrinsicOperation(c.request->operation)) {
            QCOMPARE(tree->attribute(QStringLiteral("SIMPLEREQ/IMETHODCALL"), u"NAME"), c.expectedMethodHeader);
            if (c.expectedObjectHeader == ns())
                QCOMPARE(tree->attributes(QStringLiteral("IMETHODCALL/LOCALNAMESPACEPATH/NAMESPACE"), u"NAME"),
                    kNamespaceNames);
        }
        if (c.expectedParameters)
            QCOMPARE(tree->attributes(QStringLiteral("IMETHODCALL/IPARAMVALUE"), u"NAME"), *c.expectedParameters);
    }
    if (c.check)
        c.check(*tree, c.document);
}

void TestCimXmlWriter::dropsCharactersXmlCannotCarry()
{
    // XML 1.0 has no way to carry most C0 controls, not even as character references: they are left
    // out and the document stays well-formed and valid.
    CimOperationResponse r = responseFor(CimOperation::GetProperty);
    r.returnValue
        = CimValue::string(QStringLiteral("a") + QChar(0x01) + QStringLiteral("b") + QChar(0x1B) + QStringLiteral("c"));
    const QByteArray document = CimXmlWriter::response(r);
    QCOMPARE(m_lint.validate(document), QString());
    const std::optional<XmlTree> tree = XmlTree::parse(document);
    QVERIFY(tree);
    QCOMPARE(tree->text(QStringLiteral("IRETURNVALUE/VALUE")), QStringLiteral("abc"));
}

void TestCimXmlWriter::elementWritersAreUsableAlone()
{
    QString text;
    QXmlStreamWriter xml(&text);
    CimXmlWriter::writeValueReference(xml, CimSamples::systemPath(false, true));
    // A host without a namespace cannot form NAMESPACEPATH: the reference is an INSTANCENAME.
    QVERIFY2(text.startsWith(QStringLiteral("<VALUE.REFERENCE><INSTANCENAME CLASSNAME=\"CIM_ComputerSystem\">")),
        qPrintable(text));
    QCOMPARE(CimXmlWriter::embeddedObjectText(CimValue::string(QStringLiteral("plain"))), QString());
    QCOMPARE(CimXmlWriter::embeddedObjectText(CimValue::embeddedClass(CimClass(QStringLiteral("A")))),
        QStringLiteral("<CLASS NAME=\"A\"></CLASS>"));
}

void TestCimXmlWriter::largeResponse()
{
    // The size class a storage array answers with; the benchmark in tests/bench times it properly.
    constexpr int kInstances = 20000;
    const CimOperationResponse response = ::largeResponse(kInstances);
    QElapsedTimer timer;
    timer.start();
    const QByteArray document = CimXmlWriter::response(response);
    const qint64 elapsed = timer.elapsed();
    qInfo("encoded %d instances, %lld bytes, in %lld ms", kInstances, static_cast<long long>(document.size()),
        static_cast<long long>(elapsed));
    QCOMPARE(document.count("<VALUE.NAMEDINSTANCE>"), kInstances);
    QCOMPARE(document.count("<PROPERTY"), 10 * kInstances);
    QVERIFY(document.trimmed().endsWith("</IRETURNVALUE></IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>"));
    QCOMPARE(m_lint.validate(document), QString());
}

QTEST_GUILESS_MAIN(TestCimXmlWriter)

#include "TestCimXmlWriter.moc"
