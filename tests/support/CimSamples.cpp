// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/CimSamples.h"

#include <limits>

namespace cimdiag {

namespace {

CimValue array(CimType type, const QList<CimValue> &elements, CimEmbeddedKind embedded = CimEmbeddedKind::None)
{
    QString error;
    const std::optional<CimValue> value = CimValue::array(type, elements, embedded, &error);
    Q_ASSERT_X(value, "CimSamples", qPrintable(error));
    return value.value_or(CimValue());
}

CimValue dateTime(const QString &text)
{
    const std::optional<CimDateTime> parsed = CimDateTime::fromString(text);
    Q_ASSERT(parsed);
    return CimValue::dateTime(parsed.value_or(CimDateTime()));
}

// ERROR, EXPPARAMVALUE and embedded objects hold bare INSTANCEs: no path to carry.
CimInstance withoutPath(CimInstance instance)
{
    instance.setPath({});
    return instance;
}

CimProperty property(const QString &name, const CimValue &value)
{
    return CimProperty(name, value);
}

CimQualifier booleanQualifier(const QString &name, bool value, CimFlavors flavors = {})
{
    return CimQualifier(name, CimValue::boolean(value), flavors);
}

} // namespace

QString CimSamples::nameSpace()
{
    return QStringLiteral("root/cimv2");
}

QString CimSamples::host()
{
    return QStringLiteral("cimom.example.com:5989");
}

QString CimSamples::awkwardText()
{
    return QStringLiteral("<tag a=\"1\" & 'b'>\r\n\tGr\u00fc\u00dfe \u2603 ") + QString::fromUtf8("\xF0\x9D\x84\x9E");
}

CimInstanceName CimSamples::systemPath(bool withNamespace, bool withHost)
{
    return CimInstanceName(QStringLiteral("CIM_ComputerSystem"),
        {
            {QStringLiteral("CreationClassName"), CimValue::string(QStringLiteral("CIM_ComputerSystem"))},
            {QStringLiteral("Name"), CimValue::string(QStringLiteral("host \"one\" & <two>"))},
        },
        withNamespace ? nameSpace() : QString(), withHost ? host() : QString());
}

CimInstanceName CimSamples::associationPath()
{
    const CimInstanceName device(QStringLiteral("CIM_LogicalDevice"),
        {
            {QStringLiteral("DeviceID"), CimValue::string(QStringLiteral("disk0"))},
            {QStringLiteral("Index"), CimValue::uint16(3)},
            {QStringLiteral("Removable"), CimValue::boolean(false)},
            {QStringLiteral("Offset"), CimValue::sint64(-42)},
        },
        nameSpace());
    return CimInstanceName(QStringLiteral("CIM_SystemDevice"),
        {
            {QStringLiteral("GroupComponent"), CimValue::reference(systemPath(true, true))},
            {QStringLiteral("PartComponent"), CimValue::reference(device)},
        });
}

CimInstance CimSamples::smallInstance(int index)
{
    CimInstance instance(QStringLiteral("CIMDIAG_Small"));
    instance.setProperty(
        property(QStringLiteral("InstanceID"), CimValue::string(QStringLiteral("small-%1").arg(index))));
    instance.setProperty(property(QStringLiteral("Count"), CimValue::uint32(static_cast<quint32>(index))));
    instance.setProperty(property(QStringLiteral("Enabled"), CimValue::boolean(index % 2 == 0)));
    instance.setPath(CimInstanceName(QStringLiteral("CIMDIAG_Small"),
        {{QStringLiteral("InstanceID"), CimValue::string(QStringLiteral("small-%1").arg(index))}}, nameSpace(),
        host()));
    return instance;
}

CimClass CimSamples::smallClass(const QString &name, const QString &superClass)
{
    CimClass cls(name, superClass);
    CimProperty id(QStringLiteral("InstanceID"), CimValue::null(CimType::String));
    id.qualifiers().insert(booleanQualifier(QStringLiteral("Key"), true, {false, true, false, false}));
    cls.properties().insert(id);
    cls.properties().insert(property(QStringLiteral("Count"), CimValue::uint32(7)));
    return cls;
}

CimInstance CimSamples::everyTypeInstance()
{
    CimInstance embedded = smallInstance(1);
    embedded.setPath({}); // an embedded instance has no path
    CimInstance embeddedSecond = smallInstance(2);
    embeddedSecond.setPath({});

    CimInstance instance(QStringLiteral("CIMDIAG_Everything"));
    instance.qualifiers().insert(booleanQualifier(QStringLiteral("Indication"), true));
    const auto add
        = [&instance](const QString &name, const CimValue &value) { instance.setProperty(CimProperty(name, value)); };
    add(QStringLiteral("Flag"), CimValue::boolean(true));
    add(QStringLiteral("Text"), CimValue::string(awkwardText()));
    add(QStringLiteral("EmptyText"), CimValue::string(QString()));
    add(QStringLiteral("Letter"), CimValue::char16(QChar(0x03A9)));
    add(QStringLiteral("U8"), CimValue::uint8(255));
    add(QStringLiteral("S8"), CimValue::sint8(-128));
    add(QStringLiteral("U16"), CimValue::uint16(65535));
    add(QStringLiteral("S16"), CimValue::sint16(-32768));
    add(QStringLiteral("U32"), CimValue::uint32(4294967295U));
    add(QStringLiteral("S32"), CimValue::sint32(std::numeric_limits<qint32>::min()));
    add(QStringLiteral("U64"), CimValue::uint64(std::numeric_limits<quint64>::max()));
    add(QStringLiteral("S64"), CimValue::sint64(std::numeric_limits<qint64>::min()));
    add(QStringLiteral("R32"), CimValue::real32(1.5F));
    add(QStringLiteral("R64"), CimValue::real64(-2.5e-300));
    add(QStringLiteral("R64Inf"), CimValue::real64(std::numeric_limits<double>::infinity()));
    add(QStringLiteral("When"), dateTime(QStringLiteral("20261121123456.123456+060")));
    add(QStringLiteral("Duration"), dateTime(QStringLiteral("00000001020304.000005:000")));
    add(QStringLiteral("Owner"), CimValue::reference(systemPath(true, true)));
    add(QStringLiteral("LocalOwner"), CimValue::reference(systemPath(true, false)));
    add(QStringLiteral("BareOwner"), CimValue::reference(systemPath(false, false)));
    add(QStringLiteral("Link"), CimValue::reference(associationPath()));
    add(QStringLiteral("Embedded"), CimValue::embeddedInstance(embedded));
    add(QStringLiteral("EmbeddedClass"), CimValue::embeddedClass(smallClass(QStringLiteral("CIMDIAG_Embedded"))));
    add(QStringLiteral("Names"),
        array(CimType::String,
            {CimValue::string(QStringLiteral("a")), CimValue::null(CimType::String), CimValue::string(awkwardText()),
                CimValue::string(QString())}));
    add(QStringLiteral("Numbers"),
        array(CimType::UInt32, {CimValue::uint32(1), CimValue::uint32(2), CimValue::uint32(3)}));
    add(QStringLiteral("Signed"), array(CimType::SInt16, {CimValue::sint16(-1), CimValue::null(CimType::SInt16)}));
    add(QStringLiteral("Flags"), array(CimType::Boolean, {CimValue::boolean(true), CimValue::boolean(false)}));
    add(QStringLiteral("Reals"), array(CimType::Real64, {CimValue::real64(0.1), CimValue::real64(-1e300)}));
    add(QStringLiteral("Letters"), array(CimType::Char16, {CimValue::char16(u'a'), CimValue::char16(u'<')}));
    add(QStringLiteral("Times"),
        array(CimType::DateTime,
            {dateTime(QStringLiteral("20000101000000.000000+000")), CimValue::null(CimType::DateTime)}));
    add(QStringLiteral("EmbeddedList"),
        array(CimType::String,
            {CimValue::embeddedInstance(embedded), CimValue::null(CimType::String),
                CimValue::embeddedInstance(embeddedSecond)},
            CimEmbeddedKind::Instance));
    add(QStringLiteral("EmptyList"), array(CimType::String, {}));
    add(QStringLiteral("NullArray"), CimValue::null(CimType::UInt16, true));
    add(QStringLiteral("NullText"), CimValue::null(CimType::String));
    add(QStringLiteral("NullCount"), CimValue::null(CimType::UInt64));
    add(QStringLiteral("NullEmbedded"), CimValue::null(CimType::String, false, CimEmbeddedKind::Instance));
    add(QStringLiteral("NullOwner"), CimValue::null(CimType::Reference));

    CimProperty sized(QStringLiteral("Sized"), array(CimType::UInt8, {CimValue::uint8(1), CimValue::uint8(2)}));
    sized.setArraySize(4);
    instance.setProperty(sized);

    CimProperty qualified(QStringLiteral("Qualified"), CimValue::string(QStringLiteral("described")));
    qualified.setClassOrigin(QStringLiteral("CIM_ManagedElement"));
    qualified.setPropagated(true);
    qualified.qualifiers().insert(
        CimQualifier(QStringLiteral("Description"), CimValue::string(awkwardText()), {true, true, false, true}));
    qualified.qualifiers().insert(CimQualifier(QStringLiteral("ValueMap"),
        array(CimType::String, {CimValue::string(QStringLiteral("0")), CimValue::string(QStringLiteral(".."))}),
        {false, false, true, false}, true));
    instance.setProperty(qualified);

    CimProperty reference(QStringLiteral("TypedOwner"), CimValue::reference(systemPath(true, true)));
    reference.setReferenceClass(QStringLiteral("CIM_System"));
    reference.setClassOrigin(QStringLiteral("CIMDIAG_Everything"));
    instance.setProperty(reference);

    instance.setPath(systemPath(true, true));
    return instance;
}

CimClass CimSamples::everyFeatureClass()
{
    CimClass cls(QStringLiteral("CIMDIAG_Service"), QStringLiteral("CIM_Service"));
    cls.qualifiers().insert(
        CimQualifier(QStringLiteral("Description"), CimValue::string(awkwardText()), {true, true, false, true}));
    cls.qualifiers().insert(CimQualifier(
        QStringLiteral("Version"), CimValue::string(QStringLiteral("2.55.0")), {true, true, false, false}, true));
    cls.qualifiers().insert(booleanQualifier(QStringLiteral("Abstract"), true, {true, false, false, false}));
    cls.qualifiers().insert(CimQualifier(QStringLiteral("UMLPackagePath"), CimValue::null(CimType::String)));

    CimProperty name(QStringLiteral("Name"), CimValue::null(CimType::String));
    name.qualifiers().insert(booleanQualifier(QStringLiteral("Key"), true, {false, true, false, false}));
    name.qualifiers().insert(CimQualifier(QStringLiteral("MaxLen"), CimValue::uint32(256)));
    name.setClassOrigin(QStringLiteral("CIM_ManagedElement"));
    name.setPropagated(true);
    cls.properties().insert(name);
    cls.properties().insert(CimProperty(QStringLiteral("Port"), CimValue::uint16(5989)));
    cls.properties().insert(CimProperty(QStringLiteral("Ratio"), CimValue::real64(0.5)));
    cls.properties().insert(CimProperty(QStringLiteral("Since"), CimValue::null(CimType::DateTime)));
    CimProperty states(QStringLiteral("States"), array(CimType::UInt16, {CimValue::uint16(2), CimValue::uint16(3)}));
    states.setArraySize(4);
    states.qualifiers().insert(CimQualifier(QStringLiteral("Values"),
        array(CimType::String,
            {CimValue::string(QStringLiteral("Enabled")), CimValue::string(QStringLiteral("Disabled"))}),
        {true, true, false, true}));
    cls.properties().insert(states);
    CimProperty settings(QStringLiteral("Settings"), CimValue::null(CimType::String, false, CimEmbeddedKind::Instance));
    settings.qualifiers().insert(
        CimQualifier(QStringLiteral("EmbeddedInstance"), CimValue::string(QStringLiteral("CIM_SettingData"))));
    cls.properties().insert(settings);
    cls.properties().insert(
        CimProperty(QStringLiteral("Blobs"), CimValue::null(CimType::String, true, CimEmbeddedKind::Object)));
    CimProperty owner(QStringLiteral("Owner"), CimValue::null(CimType::Reference));
    owner.setReferenceClass(QStringLiteral("CIM_System"));
    owner.setClassOrigin(QStringLiteral("CIMDIAG_Service"));
    cls.properties().insert(owner);

    CimMethod change(QStringLiteral("RequestStateChange"), CimType::UInt32);
    change.qualifiers().insert(CimQualifier(QStringLiteral("ValueMap"),
        array(CimType::String,
            {CimValue::string(QStringLiteral("0")), CimValue::string(QStringLiteral("4096")),
                CimValue::string(QStringLiteral(".."))})));
    change.setClassOrigin(QStringLiteral("CIM_EnabledLogicalElement"));
    change.setPropagated(true);
    CimParameter requested(QStringLiteral("RequestedState"), CimType::UInt16);
    requested.qualifiers().insert(booleanQualifier(QStringLiteral("In"), true));
    change.parameters().insert(requested);
    CimParameter job(QStringLiteral("Job"), CimType::Reference);
    job.setReferenceClass(QStringLiteral("CIM_ConcreteJob"));
    job.qualifiers().insert(booleanQualifier(QStringLiteral("Out"), true));
    job.qualifiers().insert(booleanQualifier(QStringLiteral("In"), false));
    change.parameters().insert(job);
    change.parameters().insert(CimParameter(QStringLiteral("TimeoutPeriod"), CimType::DateTime));
    CimParameter targets(QStringLiteral("Targets"), CimType::Reference, true);
    targets.setReferenceClass(QStringLiteral("CIM_ManagedElement"));
    change.parameters().insert(targets);
    CimParameter fixedTargets(QStringLiteral("Pair"), CimType::Reference, true);
    fixedTargets.setArraySize(2);
    change.parameters().insert(fixedTargets);
    CimParameter values(QStringLiteral("Values"), CimType::String, true);
    values.setArraySize(3);
    change.parameters().insert(values);
    change.parameters().insert(CimParameter(QStringLiteral("Weights"), CimType::Real32, true));
    cls.methods().insert(change);
    cls.methods().insert(CimMethod(QStringLiteral("Reset"), CimType::Invalid));
    return cls;
}

QList<CimQualifierDeclaration> CimSamples::qualifierDeclarations()
{
    QList<CimQualifierDeclaration> result;

    CimQualifierDeclaration description(QStringLiteral("Description"), CimType::String);
    description.setScopes(CimScopes::any());
    description.setFlavors({true, true, false, true});
    result.append(description);

    CimQualifierDeclaration valueMap(QStringLiteral("ValueMap"), CimType::String, true);
    CimScopes valueMapScopes;
    valueMapScopes.property = true;
    valueMapScopes.method = true;
    valueMapScopes.parameter = true;
    valueMap.setScopes(valueMapScopes);
    result.append(valueMap);

    CimQualifierDeclaration key(QStringLiteral("Key"), CimType::Boolean);
    key.setValue(CimValue::boolean(false));
    CimScopes keyScopes;
    keyScopes.property = true;
    keyScopes.reference = true;
    key.setScopes(keyScopes);
    key.setFlavors({false, true, false, false});
    result.append(key);

    CimQualifierDeclaration association(QStringLiteral("Association"), CimType::Boolean);
    association.setValue(CimValue::boolean(false));
    CimScopes associationScopes;
    associationScopes.association = true;
    associationScopes.classScope = true;
    associationScopes.indication = true;
    association.setScopes(associationScopes);
    association.setFlavors({false, false, true, false});
    result.append(association);

    CimQualifierDeclaration fixed(QStringLiteral("Triple"), CimType::SInt8, true);
    fixed.setArraySize(3);
    fixed.setValue(array(CimType::SInt8, {CimValue::sint8(1), CimValue::null(CimType::SInt8), CimValue::sint8(-3)}));
    CimScopes fixedScopes;
    fixedScopes.property = true;
    fixed.setScopes(fixedScopes);
    result.append(fixed);

    // No scope at all: SCOPE is left out.
    CimQualifierDeclaration unscoped(QStringLiteral("Unscoped"), CimType::Real64);
    unscoped.setValue(CimValue::real64(0.25));
    result.append(unscoped);
    return result;
}

CimInstance CimSamples::errorInstance()
{
    CimInstance error(QStringLiteral("CIM_Error"));
    error.setProperty(CimProperty(QStringLiteral("ErrorType"), CimValue::uint16(4)));
    error.setProperty(CimProperty(QStringLiteral("OwningEntity"), CimValue::string(QStringLiteral("DMTF"))));
    error.setProperty(CimProperty(QStringLiteral("MessageID"), CimValue::string(QStringLiteral("WIPG0221"))));
    error.setProperty(CimProperty(QStringLiteral("Message"), CimValue::string(awkwardText())));
    error.setProperty(CimProperty(QStringLiteral("MessageArguments"),
        array(CimType::String, {CimValue::string(QStringLiteral("CIM_Foo")), CimValue::null(CimType::String)})));
    error.setProperty(CimProperty(QStringLiteral("PerceivedSeverity"), CimValue::uint16(2)));
    error.setProperty(CimProperty(QStringLiteral("CIMStatusCode"), CimValue::uint32(6)));
    error.setProperty(CimProperty(QStringLiteral("CIMStatusCodeDescription"), CimValue::null(CimType::String)));
    return error;
}

CimStatus CimSamples::errorStatus()
{
    return CimStatus(6, QStringLiteral("No such instance: \"CIM_Foo\" <in> root/cimv2 & more\r\n\t(\u00fc)"),
        {errorInstance(), withoutPath(smallInstance(9))});
}

CimParamValueList CimSamples::methodParameters()
{
    CimInstance settings = smallInstance(3);
    settings.setPath({});
    CimParamValueList parameters;
    parameters.insert(CimParamValue(QStringLiteral("RequestedState"), CimValue::uint16(3)));
    parameters.insert(CimParamValue(QStringLiteral("Name"), CimValue::string(awkwardText())));
    parameters.insert(CimParamValue(QStringLiteral("Job"), CimValue::reference(systemPath(true, false))));
    parameters.insert(CimParamValue(QStringLiteral("Targets"),
        array(CimType::Reference,
            {CimValue::reference(systemPath(true, true)), CimValue::null(CimType::Reference),
                CimValue::reference(systemPath(false, false))})));
    parameters.insert(CimParamValue(QStringLiteral("Settings"), CimValue::embeddedInstance(settings)));
    parameters.insert(CimParamValue(
        QStringLiteral("Template"), CimValue::embeddedClass(smallClass(QStringLiteral("CIMDIAG_Template")))));
    parameters.insert(CimParamValue(QStringLiteral("Options"),
        array(CimType::String, {CimValue::string(QStringLiteral("force")), CimValue::null(CimType::String)})));
    parameters.insert(CimParamValue(QStringLiteral("Missing"), CimValue::null(CimType::UInt32)));
    parameters.insert(CimParamValue(QStringLiteral("MissingList"), CimValue::null(CimType::Reference, true)));
    parameters.insert(CimParamValue(QStringLiteral("Timeout"), dateTime(QStringLiteral("00000000000130.000000:000"))));
    parameters.insert(CimParamValue(QStringLiteral("Enabled"), CimValue::boolean(false)));
    return parameters;
}

CimRequestOptions CimSamples::allOptions()
{
    CimRequestOptions options;
    options.localOnly = false;
    options.deepInheritance = true;
    options.includeQualifiers = true;
    options.includeClassOrigin = false;
    options.propertyList = QStringList {QStringLiteral("Name"), QStringLiteral("Caption")};
    options.assocClass = QStringLiteral("CIM_SystemDevice");
    options.resultClass = QStringLiteral("CIM_LogicalDevice");
    options.role = QStringLiteral("GroupComponent");
    options.resultRole = QStringLiteral("PartComponent");
    options.filterQueryLanguage = QStringLiteral("DMTF:FQL");
    options.filterQuery = QStringLiteral("Name <> \"x\" AND Count > 3");
    options.operationTimeout = 90;
    options.maxObjectCount = 100;
    options.continueOnError = false;
    options.returnQueryResultClass = true;
    return options;
}

CimInstance CimSamples::indication()
{
    CimInstance alert(QStringLiteral("CIM_AlertIndication"));
    alert.setProperty(CimProperty(QStringLiteral("IndicationIdentifier"), CimValue::string(QStringLiteral("ind-1"))));
    alert.setProperty(
        CimProperty(QStringLiteral("IndicationTime"), dateTime(QStringLiteral("20261121123456.000000+000"))));
    alert.setProperty(CimProperty(QStringLiteral("Description"), CimValue::string(awkwardText())));
    alert.setProperty(CimProperty(QStringLiteral("AlertType"), CimValue::uint16(2)));
    alert.setProperty(CimProperty(QStringLiteral("PerceivedSeverity"), CimValue::uint16(3)));
    CimInstance source = smallInstance(5);
    source.setPath({});
    alert.setProperty(CimProperty(QStringLiteral("SourceInstance"), CimValue::embeddedInstance(source)));
    alert.setProperty(
        CimProperty(QStringLiteral("SourceInstanceModelPath"), CimValue::string(systemPath(true, false).toWbemUri())));
    return alert;
}

CimInstance CimSamples::indicationFilter(const QString &name, const QString &sourceNamespace)
{
    CimInstance filter(QStringLiteral("CIM_IndicationFilter"));
    filter.setProperty(CimProperty(QStringLiteral("Name"), CimValue::string(name)));
    filter.setProperty(
        CimProperty(QStringLiteral("Query"), CimValue::string(QStringLiteral("SELECT * FROM CIM_AlertIndication"))));
    filter.setProperty(CimProperty(QStringLiteral("QueryLanguage"), CimValue::string(QStringLiteral("WQL"))));
    filter.setProperty(CimProperty(QStringLiteral("SourceNamespace"), CimValue::string(sourceNamespace)));
    return filter;
}

} // namespace cimdiag
