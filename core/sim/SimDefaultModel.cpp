// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimDefaultModel.h"

#include "core/sim/SimRepository.h"

#include <QHash>

#include <algorithm>
#include <initializer_list>
#include <iterator>

namespace cimdiag {

namespace {

// The model is tables of names; u"" literals through QStringView keep them readable without an
// implicit ASCII conversion (QT_NO_CAST_FROM_ASCII).
using Names = std::initializer_list<QStringView>;

CimValue stringArray(Names items)
{
    QList<CimValue> elements;
    for (QStringView item : items)
        elements.append(CimValue::string(item.toString()));
    return *CimValue::array(CimType::String, elements);
}

CimValue uint16Array(std::initializer_list<quint16> items)
{
    QList<CimValue> elements;
    for (quint16 item : items)
        elements.append(CimValue::uint16(item));
    return *CimValue::array(CimType::UInt16, elements);
}

CimValue text(QStringView value)
{
    return CimValue::string(value.toString());
}

CimValue timestamp(const QDateTime &time)
{
    return CimValue::dateTime(CimDateTime::fromDateTime(time));
}

CimScopes scopes(std::initializer_list<bool CimScopes::*> members)
{
    CimScopes out;
    for (auto member : members)
        out.*member = true;
    return out;
}

CimQualifierDeclaration declaration(QStringView name, CimType type, const CimScopes &scope, CimFlavors flavors = {},
    const CimValue &defaultValue = {}, bool isArray = false)
{
    CimQualifierDeclaration out(name.toString(), type, isArray);
    if (defaultValue.type() != CimType::Invalid)
        out.setValue(defaultValue);
    out.setScopes(scope);
    out.setFlavors(flavors);
    return out;
}

// DSP0004 flavors: DisableOverride, Restricted (no ToSubclass), Translatable.
constexpr CimFlavors kDisableOverride {false, true, false, false};
constexpr CimFlavors kRestricted {true, false, false, false};
constexpr CimFlavors kTranslatable {true, true, false, true};

CimFlavors flavorsOf(QStringView name)
{
    static const QHash<QString, CimFlavors> table = [] {
        QHash<QString, CimFlavors> out;
        for (const CimQualifierDeclaration &d : SimDefaultModel::qualifierDeclarations())
            out.insert(d.name().toLower(), d.flavors());
        return out;
    }();
    return table.value(name.toString().toLower());
}

CimQualifier qualifier(QStringView name, const CimValue &value)
{
    return CimQualifier(name.toString(), value, flavorsOf(name));
}

CimQualifier flag(QStringView name)
{
    return qualifier(name, CimValue::boolean(true));
}

CimQualifier key()
{
    return flag(u"Key");
}

CimQualifier description(QStringView value)
{
    return qualifier(u"Description", text(value));
}

CimQualifier valueMap(Names entries)
{
    return qualifier(u"ValueMap", stringArray(entries));
}

CimQualifier values(Names entries)
{
    return qualifier(u"Values", stringArray(entries));
}

CimQualifier overrides(QStringView element)
{
    return qualifier(u"Override", text(element));
}

CimQualifier version(QStringView value)
{
    return qualifier(u"Version", text(value));
}

CimQualifier pUnit(QStringView value)
{
    return qualifier(u"PUnit", text(value));
}

CimQualifier maxLen(quint32 value)
{
    return qualifier(u"MaxLen", CimValue::uint32(value));
}

CimQualifier cardinality(QStringView name, quint32 value)
{
    return qualifier(name, CimValue::uint32(value));
}

using Qualifiers = std::initializer_list<CimQualifier>;

CimProperty property(QStringView name, CimType type, Qualifiers qualifiers = {}, const CimValue &defaultValue = {})
{
    CimProperty out(name.toString(), defaultValue.type() == CimType::Invalid ? CimValue::null(type) : defaultValue);
    for (const CimQualifier &q : qualifiers)
        out.qualifiers().insert(q);
    return out;
}

CimProperty arrayProperty(QStringView name, CimType type, Qualifiers qualifiers = {})
{
    CimProperty out(name.toString(), CimValue::null(type, true));
    for (const CimQualifier &q : qualifiers)
        out.qualifiers().insert(q);
    return out;
}

CimProperty reference(QStringView name, QStringView referenceClass, Qualifiers qualifiers = {})
{
    CimProperty out(name.toString(), CimValue::null(CimType::Reference));
    out.setReferenceClass(referenceClass.toString());
    for (const CimQualifier &q : qualifiers)
        out.qualifiers().insert(q);
    return out;
}

CimParameter parameter(QStringView name, CimType type, Qualifiers qualifiers = {}, bool isArray = false)
{
    CimParameter out(name.toString(), type, isArray);
    for (const CimQualifier &q : qualifiers)
        out.qualifiers().insert(q);
    return out;
}

CimParameter referenceParameter(QStringView name, QStringView referenceClass, Qualifiers qualifiers = {})
{
    CimParameter out = parameter(name, CimType::Reference, qualifiers);
    out.setReferenceClass(referenceClass.toString());
    return out;
}

CimMethod method(
    QStringView name, CimType returnType, Qualifiers qualifiers, std::initializer_list<CimParameter> parameters = {})
{
    CimMethod out(name.toString(), returnType);
    for (const CimQualifier &q : qualifiers)
        out.qualifiers().insert(q);
    for (const CimParameter &p : parameters)
        out.parameters().insert(p);
    return out;
}

CimClass makeClass(QStringView name, QStringView superClass, Qualifiers qualifiers,
    std::initializer_list<CimProperty> properties, std::initializer_list<CimMethod> methods = {})
{
    CimClass out(name.toString(), superClass.toString());
    for (const CimQualifier &q : qualifiers)
        out.qualifiers().insert(q);
    for (const CimProperty &p : properties)
        out.properties().insert(p);
    for (const CimMethod &m : methods)
        out.methods().insert(m);
    return out;
}

CimProperty value(QStringView name, const CimValue &v)
{
    return CimProperty(name.toString(), v);
}

CimInstance instance(QStringView className, std::initializer_list<CimProperty> properties)
{
    CimInstance out(className.toString());
    for (const CimProperty &p : properties)
        out.setProperty(p);
    return out;
}

CimValue ref(const CimInstanceName &path, const QString &nameSpace = {})
{
    CimInstanceName target = path;
    if (!nameSpace.isEmpty())
        target.setNameSpace(nameSpace);
    return CimValue::reference(target);
}

// --- shared value maps (DMTF CIM schema 2.x spellings) ----------------------------------------------

CimQualifier operationalStatusMap()
{
    return valueMap({u"0", u"1", u"2", u"3", u"4", u"5", u"6", u"7", u"8", u"9", u"10", u"11", u"12", u"13", u"14",
        u"15", u"16", u"17", u"18", u"19", u"..", u"0x8000.."});
}

CimQualifier operationalStatusValues()
{
    return values({u"Unknown", u"Other", u"OK", u"Degraded", u"Stressed", u"Predictive Failure", u"Error",
        u"Non-Recoverable Error", u"Starting", u"Stopping", u"Stopped", u"In Service", u"No Contact",
        u"Lost Communication", u"Aborted", u"Dormant", u"Supporting Entity in Error", u"Completed", u"Power Mode",
        u"Relocating", u"DMTF Reserved", u"Vendor Reserved"});
}

CimQualifier enabledStateMap()
{
    return valueMap({u"0", u"1", u"2", u"3", u"4", u"5", u"6", u"7", u"8", u"9", u"10", u"11..32767", u"32768..65535"});
}

CimQualifier enabledStateValues()
{
    return values(
        {u"Unknown", u"Other", u"Enabled", u"Disabled", u"Shutting Down", u"Not Applicable", u"Enabled but Offline",
            u"In Test", u"Deferred", u"Quiesce", u"Starting", u"DMTF Reserved", u"Vendor Reserved"});
}

CimQualifier requestedStateMap()
{
    return valueMap(
        {u"0", u"2", u"3", u"4", u"5", u"6", u"7", u"8", u"9", u"10", u"11", u"12", u"..", u"32768..65535"});
}

CimQualifier requestedStateValues()
{
    return values({u"Unknown", u"Enabled", u"Disabled", u"Shut Down", u"No Change", u"Offline", u"Test", u"Deferred",
        u"Quiesce", u"Reboot", u"Reset", u"Not Applicable", u"DMTF Reserved", u"Vendor Reserved"});
}

CimQualifier severityMap()
{
    return valueMap({u"0", u"1", u"2", u"3", u"4", u"5", u"6", u"7", u".."});
}

CimQualifier severityValues()
{
    return values({u"Unknown", u"Other", u"Information", u"Degraded/Warning", u"Minor", u"Major", u"Critical",
        u"Fatal/NonRecoverable", u"DMTF Reserved"});
}

/// The four keys of scoped elements (services, devices, filters, destinations): the hosting system
/// and the element's own class and name.
CimProperty systemCreationClassNameKey()
{
    return property(u"SystemCreationClassName", CimType::String,
        {key(), maxLen(256), description(u"The scoping System's CreationClassName.")});
}

CimProperty systemNameKey()
{
    return property(u"SystemName", CimType::String, {key(), maxLen(256), description(u"The scoping System's Name.")});
}

CimProperty creationClassNameKey()
{
    return property(u"CreationClassName", CimType::String,
        {key(), maxLen(256), description(u"The name of the class or subclass used in the creation of an instance.")});
}

// --- classes every namespace has ------------------------------------------------------------------

void addBaseClasses(SimRepository &repo, const QString &ns)
{
    repo.setClass(ns,
        makeClass(u"CIM_ManagedElement", {},
            {flag(u"Abstract"), version(u"2.19.0"),
                description(u"ManagedElement is an abstract class that provides a common superclass (or top of the "
                            u"inheritance tree) for the non-association classes in the CIM Schema.")},
            {property(u"InstanceID", CimType::String,
                 {description(u"InstanceID is an optional property that may be used to opaquely and uniquely "
                              u"identify an instance of this class within the scope of the instantiating "
                              u"Namespace.")}),
                property(u"Caption", CimType::String,
                    {maxLen(64), description(u"A short textual description of the object.")}),
                property(u"Description", CimType::String, {description(u"A textual description of the object.")}),
                property(u"ElementName", CimType::String, {description(u"A user-friendly name for the object.")})}));

    repo.setClass(ns,
        makeClass(u"CIM_ManagedSystemElement", u"CIM_ManagedElement",
            {flag(u"Abstract"), version(u"2.22.0"),
                description(u"CIM_ManagedSystemElement is the base class for the System Element hierarchy.")},
            {property(u"InstallDate", CimType::DateTime, {description(u"Indicates when the object was installed.")}),
                property(u"Name", CimType::String,
                    {maxLen(1024),
                        description(u"The Name property defines the label by "
                                    u"which the object is known.")}),
                arrayProperty(u"OperationalStatus", CimType::UInt16,
                    {description(u"Indicates the current statuses of the element."), operationalStatusMap(),
                        operationalStatusValues(), qualifier(u"ArrayType", text(u"Indexed"))}),
                arrayProperty(u"StatusDescriptions", CimType::String,
                    {description(u"Strings describing the various OperationalStatus array values."),
                        qualifier(u"ArrayType", text(u"Indexed"))}),
                property(u"HealthState", CimType::UInt16,
                    {description(u"Indicates the current health of the element."),
                        valueMap({u"0", u"5", u"10", u"15", u"20", u"25", u"30", u"..", u"32768..65535"}),
                        values({u"Unknown", u"OK", u"Degraded/Warning", u"Minor failure", u"Major failure",
                            u"Critical failure", u"Non-recoverable error", u"DMTF Reserved", u"Vendor Specific"})}),
                property(u"CommunicationStatus", CimType::UInt16,
                    {description(u"Indicates the ability of the instrumentation to communicate with the underlying "
                                 u"ManagedElement."),
                        valueMap({u"0", u"1", u"2", u"3", u"4", u"..", u"0x8000.."}),
                        values({u"Unknown", u"Not Available", u"Communication OK", u"Lost Communication", u"No Contact",
                            u"DMTF Reserved", u"Vendor Reserved"})})}));

    repo.setClass(ns,
        makeClass(u"CIM_LogicalElement", u"CIM_ManagedSystemElement",
            {flag(u"Abstract"), version(u"2.6.0"),
                description(u"CIM_LogicalElement is a base class for all the components of a System that represent "
                            u"abstract system components.")},
            {}));

    repo.setClass(ns,
        makeClass(u"CIM_EnabledLogicalElement", u"CIM_LogicalElement",
            {flag(u"Abstract"), version(u"2.22.0"),
                description(u"This class extends LogicalElement to abstract the concept of an element that is enabled "
                            u"and disabled.")},
            {property(u"EnabledState", CimType::UInt16,
                 {description(u"EnabledState is an integer enumeration that indicates the enabled and disabled "
                              u"states of an element."),
                     enabledStateMap(), enabledStateValues()},
                 CimValue::uint16(5)),
                property(u"OtherEnabledState", CimType::String,
                    {description(u"A string that describes the enabled or disabled state of the element when the "
                                 u"EnabledState property is set to 1 (\"Other\").")}),
                property(u"RequestedState", CimType::UInt16,
                    {description(u"RequestedState is an integer enumeration that indicates the last requested or "
                                 u"desired state for the element."),
                        requestedStateMap(), requestedStateValues()},
                    CimValue::uint16(12)),
                property(u"EnabledDefault", CimType::UInt16,
                    {description(u"An enumerated value indicating an administrator's default or startup "
                                 u"configuration for the Enabled State of an element."),
                        qualifier(u"Write", CimValue::boolean(true)),
                        valueMap({u"2", u"3", u"5", u"6", u"7", u"9", u"..", u"32768..65535"}),
                        values({u"Enabled", u"Disabled", u"Not Applicable", u"Enabled but Offline", u"No Default",
                            u"Quiesce", u"DMTF Reserved", u"Vendor Reserved"})},
                    CimValue::uint16(2)),
                property(u"TimeOfLastStateChange", CimType::DateTime,
                    {description(u"The date or time when the EnabledState of the element last changed.")}),
                arrayProperty(u"AvailableRequestedStates", CimType::UInt16,
                    {description(u"AvailableRequestedStates indicates the possible values for the "
                                 u"RequestedState parameter of the method RequestStateChange."),
                        valueMap({u"2", u"3", u"4", u"6", u"7", u"8", u"9", u"10", u"11", u".."}),
                        values({u"Enabled", u"Disabled", u"Shut Down", u"Offline", u"Test", u"Defer", u"Quiesce",
                            u"Reboot", u"Reset", u"DMTF Reserved"})})},
            {method(u"RequestStateChange", CimType::UInt32,
                {description(u"Requests that the state of the element be changed to the value specified in the "
                             u"RequestedState parameter."),
                    valueMap({u"0", u"1", u"2", u"3", u"4", u"5", u"6", u"..", u"4096", u"4097", u"4098", u"4099",
                        u"4100..32767", u"32768..65535"}),
                    values({u"Completed with No Error", u"Not Supported", u"Unknown or Unspecified Error",
                        u"Cannot complete within Timeout Period", u"Failed", u"Invalid Parameter", u"In Use",
                        u"DMTF Reserved", u"Method Parameters Checked - Job Started", u"Invalid State Transition",
                        u"Use of Timeout Parameter Not Supported", u"Busy", u"Method Reserved", u"Vendor Specific"})},
                {parameter(u"RequestedState", CimType::UInt16,
                     {flag(u"In"), description(u"The state requested for the element."),
                         valueMap({u"2", u"3", u"4", u"6", u"7", u"8", u"9", u"10", u"11", u"..", u"32768..65535"}),
                         values({u"Enabled", u"Disabled", u"Shut Down", u"Offline", u"Test", u"Defer", u"Quiesce",
                             u"Reboot", u"Reset", u"DMTF Reserved", u"Vendor Reserved"})}),
                    referenceParameter(u"Job", u"CIM_ConcreteJob",
                        {qualifier(u"In", CimValue::boolean(false)), flag(u"Out"),
                            description(u"May contain a reference to the ConcreteJob created to track "
                                        u"the state transition initiated by the method invocation.")}),
                    parameter(u"TimeoutPeriod", CimType::DateTime,
                        {flag(u"In"),
                            description(u"A timeout period that specifies the maximum amount of time "
                                        u"that the client expects the transition to the new state to "
                                        u"take.")})})}));

    repo.setClass(ns,
        makeClass(u"CIM_Dependency", {},
            {flag(u"Association"), flag(u"Abstract"), version(u"2.10.0"),
                description(u"CIM_Dependency is a generic association used to establish dependency relationships "
                            u"between ManagedElements.")},
            {reference(u"Antecedent", u"CIM_ManagedElement",
                 {key(), description(u"Antecedent represents the independent object in this association.")}),
                reference(u"Dependent", u"CIM_ManagedElement",
                    {key(), description(u"Dependent represents the object that is dependent on the Antecedent.")})}));

    repo.setClass(ns,
        makeClass(u"CIM_Job", u"CIM_LogicalElement",
            {flag(u"Abstract"), version(u"2.10.0"),
                description(u"A Job is a LogicalElement that represents an executing unit of work.")},
            {property(u"JobStatus", CimType::String,
                 {description(u"A free-form string that represents the status of the job.")}),
                property(u"TimeSubmitted", CimType::DateTime,
                    {description(u"The time that the Job was submitted to execute.")}),
                property(
                    u"StartTime", CimType::DateTime, {description(u"The time that the Job was actually started.")}),
                property(u"ElapsedTime", CimType::DateTime,
                    {description(u"The time interval that the Job has been executing.")}),
                property(u"PercentComplete", CimType::UInt16,
                    {description(u"The percentage of the job that has completed at the time that this value is "
                                 u"requested."),
                        pUnit(u"percent"), qualifier(u"MinValue", CimValue::sint64(0)),
                        qualifier(u"MaxValue", CimValue::sint64(101))}),
                property(u"DeleteOnCompletion", CimType::Boolean,
                    {description(u"Indicates whether or not the job should be automatically deleted upon "
                                 u"completion.")}),
                property(u"ErrorCode", CimType::UInt16, {description(u"A vendor-specific error code.")}),
                property(u"ErrorDescription", CimType::String,
                    {description(u"A free-form string that contains the "
                                 u"vendor error description.")})}));

    repo.setClass(ns,
        makeClass(u"CIM_ConcreteJob", u"CIM_Job",
            {version(u"2.10.0"),
                description(
                    u"A concrete version of Job. This class represents a generic and instantiable unit of work, "
                    u"such as a batch or a print job.")},
            {property(u"InstanceID", CimType::String,
                 {key(), overrides(u"InstanceID"),
                     description(u"Within the scope of the instantiating Namespace, InstanceID opaquely and "
                                 u"uniquely identifies an instance of this class.")}),
                property(u"JobState", CimType::UInt16,
                    {description(u"JobState is an integer enumeration that indicates the operational state of a "
                                 u"Job."),
                        valueMap({u"2", u"3", u"4", u"5", u"6", u"7", u"8", u"9", u"10", u"11", u"12", u"13..32767",
                            u"32768..65535"}),
                        values({u"New", u"Starting", u"Running", u"Suspended", u"Shutting Down", u"Completed",
                            u"Terminated", u"Killed", u"Exception", u"Service", u"Query Pending", u"DMTF Reserved",
                            u"Vendor Reserved"})}),
                property(u"TimeOfLastStateChange", CimType::DateTime,
                    {description(u"The date or time when the state of the Job last changed.")}),
                property(u"TimeBeforeRemoval", CimType::DateTime,
                    {description(u"The amount of time that the Job is retained after it has finished executing."),
                        qualifier(u"Required", CimValue::boolean(true))},
                    CimValue::dateTime(CimDateTime::fromInterval(0, 0, 5, 0, 0)))}));
}

// --- interop namespace ----------------------------------------------------------------------------

void addInteropClasses(SimRepository &repo, const QString &ns)
{
    repo.setClass(ns,
        makeClass(u"CIM_Service", u"CIM_EnabledLogicalElement",
            {flag(u"Abstract"), version(u"2.10.0"),
                description(u"A Service is a LogicalElement that represents the availability of functionality that can "
                            u"be managed.")},
            {systemCreationClassNameKey(), systemNameKey(), creationClassNameKey(),
                property(u"Name", CimType::String,
                    {key(), overrides(u"Name"), maxLen(256),
                        description(u"The Name property uniquely identifies the Service and provides an indication of "
                                    u"the functionality that is managed.")}),
                property(u"PrimaryOwnerName", CimType::String,
                    {maxLen(64),
                        description(u"The name of the primary owner "
                                    u"for the service.")}),
                property(u"PrimaryOwnerContact", CimType::String,
                    {maxLen(256),
                        description(u"How the primary owner of "
                                    u"the service can be reached.")}),
                property(u"StartMode", CimType::String,
                    {maxLen(10), valueMap({u"Automatic", u"Manual"}), values({u"Automatic", u"Manual"}),
                        description(u"Note: The use of this element is deprecated in lieu of the EnabledDefault "
                                    u"property that is inherited from EnabledLogicalElement.")}),
                property(u"Started", CimType::Boolean,
                    {description(u"Started is a Boolean that indicates whether the "
                                 u"Service has been started (TRUE), or stopped "
                                 u"(FALSE).")})}));

    repo.setClass(ns,
        makeClass(u"CIM_WBEMService", u"CIM_Service",
            {flag(u"Abstract"), version(u"2.8.0"),
                description(u"An abstract class for WBEM services such as the ObjectManager (CIM Server), Providers, "
                            u"protocol adapters, or other pluggable components.")},
            {}));

    repo.setClass(ns,
        makeClass(u"CIM_ObjectManager", u"CIM_WBEMService",
            {version(u"2.23.0"),
                description(u"A type of CIM_Service that defines the capabilities of the CIM Server in which this "
                            u"ObjectManager class resides.")},
            {property(u"GatherStatisticalData", CimType::Boolean,
                 {qualifier(u"Write", CimValue::boolean(true)),
                     description(u"The GatherStatisticalData property is used to control the gathering of "
                                 u"statistical data made accessible through the CIM_CIMOMStatisticalData "
                                 u"objects.")},
                 CimValue::boolean(true)),
                property(u"Name", CimType::String,
                    {key(), overrides(u"Name"),
                        description(u"The Name property is used to uniquely identify a CIM Server.")}),
                property(u"ElementName", CimType::String,
                    {overrides(u"ElementName"),
                        description(u"The ElementName property is used as a name of the CIM Server for human "
                                    u"interfaces.")})}));

    repo.setClass(ns,
        makeClass(u"CIM_Namespace", u"CIM_ManagedElement",
            {version(u"2.8.1000"),
                description(u"Namespace provides a domain (in other words, a container), in which the instances of a "
                            u"class are guaranteed to be unique per the KEY qualifier definitions.")},
            {systemCreationClassNameKey(), systemNameKey(),
                property(u"ObjectManagerCreationClassName", CimType::String,
                    {key(), maxLen(256), description(u"The scoping ObjectManager's CreationClassName.")}),
                property(u"ObjectManagerName", CimType::String,
                    {key(), maxLen(256), description(u"The scoping ObjectManager's Name.")}),
                creationClassNameKey(),
                property(u"Name", CimType::String,
                    {key(), maxLen(256),
                        description(u"A string to uniquely identify the Namespace within the ObjectManager.")}),
                property(u"ClassType", CimType::UInt16,
                    {description(u"Enumeration indicating the schema of the Namespace's objects."),
                        valueMap({u"0", u"1", u"2", u"..", u"0x8000.."}),
                        values({u"Unknown", u"Other", u"CIM", u"DMTF Reserved", u"Vendor Reserved"})}),
                property(u"DescriptionOfClassType", CimType::String,
                    {description(u"A string that describes the ClassType when it is \"Other\".")})}));

    repo.setClass(ns,
        makeClass(u"CIM_NamespaceInManager", u"CIM_Dependency",
            {flag(u"Association"), version(u"2.8.0"),
                description(u"NamespaceInManager is an association describing the Namespaces hosted by a CIM "
                            u"ObjectManager.")},
            {reference(u"Antecedent", u"CIM_ObjectManager",
                 {key(), overrides(u"Antecedent"), cardinality(u"Min", 1), cardinality(u"Max", 1),
                     description(u"The ObjectManager containing a Namespace.")}),
                reference(u"Dependent", u"CIM_Namespace",
                    {key(), overrides(u"Dependent"), description(u"The Namespace in an ObjectManager.")})}));

    repo.setClass(ns,
        makeClass(u"CIM_RegisteredProfile", u"CIM_ManagedElement",
            {version(u"2.23.0"),
                description(
                    u"A RegisteredProfile describes a set of CIM Schema classes with required properties and/or "
                    u"methods, necessary to manage a real-world entity or to support a usage scenario, in an "
                    u"interoperable fashion.")},
            {property(u"InstanceID", CimType::String,
                 {key(), overrides(u"InstanceID"),
                     description(u"Within the scope of the instantiating Namespace, InstanceID opaquely and "
                                 u"uniquely identifies an instance of this class.")}),
                property(u"RegisteredOrganization", CimType::UInt16,
                    {qualifier(u"Required", CimValue::boolean(true)),
                        description(u"The organization that defines this profile."),
                        valueMap({u"1", u"2", u"3", u"4", u"5", u"6", u"7", u"8", u"9", u"10", u"11", u"12", u"13",
                            u"14", u"15", u"16", u"17", u"18", u"19", u"20", u"21", u"22", u"23", u"..", u"0x8000.."}),
                        values({u"Other", u"DMTF", u"CompTIA", u"Consortium for Service Innovation", u"FAST", u"GGF",
                            u"INTAP", u"itSMF", u"NAC", u"Northwest Energy Efficiency Alliance", u"SNIA", u"TM Forum",
                            u"The Open Group", u"ANSI", u"IEEE", u"IETF", u"INCITS", u"ISO", u"W3C", u"OGF",
                            u"The Green Grid", u"OASIS", u"JEDEC", u"DMTF Reserved", u"Vendor Reserved"})}),
                property(u"OtherRegisteredOrganization", CimType::String,
                    {maxLen(256),
                        description(u"The author of the profile when RegisteredOrganization is 1 "
                                    u"(\"Other\").")}),
                property(u"RegisteredName", CimType::String,
                    {qualifier(u"Required", CimValue::boolean(true)), maxLen(256),
                        description(u"The name of this registered profile.")}),
                property(u"RegisteredVersion", CimType::String,
                    {qualifier(u"Required", CimValue::boolean(true)),
                        description(u"The version of this profile, in the form major.minor.update.")}),
                arrayProperty(u"AdvertiseTypes", CimType::UInt16,
                    {qualifier(u"Required", CimValue::boolean(true)),
                        description(u"This property signifies the advertisement for the profile information."),
                        valueMap({u"1", u"2", u"3"}), values({u"Other", u"Not Advertised", u"SLP"})}),
                arrayProperty(u"AdvertiseTypeDescriptions", CimType::String,
                    {description(u"A free-form string providing additional information related to the "
                                 u"AdvertiseType.")})}));

    repo.setClass(ns,
        makeClass(u"CIM_ElementConformsToProfile", {},
            {flag(u"Association"), version(u"2.23.0"),
                description(u"The CIM_ElementConformsToProfile association defines the RegisteredProfiles to which the "
                            u"referenced ManagedElement is conformant.")},
            {reference(u"ConformantStandard", u"CIM_RegisteredProfile",
                 {key(), description(u"The RegisteredProfile to which the ManagedElement conforms.")}),
                reference(u"ManagedElement", u"CIM_ManagedElement",
                    {key(), description(u"The ManagedElement that conforms to the RegisteredProfile.")})}));

    repo.setClass(ns,
        makeClass(u"CIM_IndicationFilter", u"CIM_ManagedElement",
            {version(u"2.22.0"),
                description(u"CIM_IndicationFilter defines the criteria for generating an Indication and what data "
                            u"should be returned in that Indication.")},
            {systemCreationClassNameKey(), systemNameKey(), creationClassNameKey(),
                property(u"Name", CimType::String, {key(), maxLen(256), description(u"The name of the filter.")}),
                property(u"SourceNamespace", CimType::String,
                    {description(u"The path to a local namespace where the Indications originate.")}),
                arrayProperty(u"SourceNamespaces", CimType::String,
                    {description(u"The paths to the local namespaces where the Indications originate.")}),
                property(u"Query", CimType::String,
                    {qualifier(u"Required", CimValue::boolean(true)),
                        description(u"A query expression that defines the condition(s) under which Indications will "
                                    u"be generated.")}),
                property(u"QueryLanguage", CimType::String,
                    {qualifier(u"Required", CimValue::boolean(true)),
                        description(u"The language in which the query is expressed, for example \"WQL\" or "
                                    u"\"DMTF:CQL\".")}),
                property(u"IndividualSubscriptionSupported", CimType::Boolean,
                    {description(u"Whether individual subscriptions to this filter are supported.")},
                    CimValue::boolean(true))}));

    repo.setClass(ns,
        makeClass(u"CIM_ListenerDestination", u"CIM_ManagedElement",
            {flag(u"Abstract"), version(u"2.22.0"), description(u"The description of a CIM Listener destination.")},
            {systemCreationClassNameKey(), systemNameKey(), creationClassNameKey(),
                property(u"Name", CimType::String, {key(), maxLen(256), description(u"The name of the destination.")}),
                property(u"PersistenceType", CimType::UInt16,
                    {description(u"Describes the Persistence Type of the destination defined by this instance."),
                        valueMap({u"1", u"2", u"3"}), values({u"Other", u"Permanent", u"Transient"})},
                    CimValue::uint16(2)),
                property(u"OtherPersistenceType", CimType::String,
                    {description(u"A string describing the PersistenceType when it is 1 (\"Other\").")}),
                property(u"Destination", CimType::String,
                    {description(u"The destination URL to which indications are delivered.")}),
                property(u"Protocol", CimType::UInt16,
                    {description(u"The protocol and encoding of indication delivery."),
                        valueMap({u"1", u"2", u"3", u"4", u"5", u"..", u"32768..65535"}),
                        values({u"Other", u"CIM-XML", u"SM CLP", u"WS-Management", u"WSDM", u"DMTF Reserved",
                            u"Vendor Reserved"})})}));

    repo.setClass(ns,
        makeClass(u"CIM_ListenerDestinationCIMXML", u"CIM_ListenerDestination",
            {version(u"2.22.0"),
                description(u"CIM_ListenerDestinationCIMXML describes the destination for CIM Export Messages to be "
                            u"delivered via CIM-XML.")},
            {property(u"Destination", CimType::String,
                 {qualifier(u"Required", CimValue::boolean(true)), overrides(u"Destination"),
                     description(u"The destination URL to which CIM-XML Export Messages are to be delivered, "
                                 u"scheme://host:port/path.")}),
                property(u"Protocol", CimType::UInt16,
                    {overrides(u"Protocol"), description(u"CIM-XML is the only protocol of this class.")},
                    CimValue::uint16(2))}));

    repo.setClass(ns,
        makeClass(u"CIM_IndicationSubscription", {},
            {flag(u"Association"), version(u"2.22.0"),
                description(u"CIM_IndicationSubscription describes a flow of Indications: the Filter and the Handler "
                            u"to which the indications are delivered.")},
            {reference(u"Filter", u"CIM_IndicationFilter",
                 {key(),
                     description(u"The Filter that defines the "
                                 u"criteria and data of the possible "
                                 u"Indications.")}),
                reference(u"Handler", u"CIM_ListenerDestination",
                    {key(),
                        description(u"The Handler addressing the "
                                    u"delivery of the possible "
                                    u"Indications.")}),
                property(u"OnFatalErrorPolicy", CimType::UInt16,
                    {description(u"Defines the desired behavior for a Handler when a fatal error occurs."),
                        valueMap({u"1", u"2", u"3", u"4"}), values({u"Other", u"Ignore", u"Disable", u"Remove"})},
                    CimValue::uint16(2)),
                property(u"OtherOnFatalErrorPolicy", CimType::String,
                    {description(u"The policy when OnFatalErrorPolicy is 1 (\"Other\").")}),
                property(u"FailureTriggerTimeInterval", CimType::UInt64,
                    {description(u"The interval in seconds after a failure before the fatal error policy applies."),
                        pUnit(u"second")}),
                property(u"SubscriptionState", CimType::UInt16,
                    {qualifier(u"Write", CimValue::boolean(true)),
                        description(u"Indicates the current processing state of the subscription."),
                        valueMap({u"0", u"1", u"2", u"3", u"4"}),
                        values({u"Unknown", u"Other", u"Enabled", u"Enabled Degraded", u"Disabled"})},
                    CimValue::uint16(2)),
                property(u"OtherSubscriptionState", CimType::String,
                    {description(u"The state when SubscriptionState is 1 (\"Other\").")}),
                property(u"TimeOfLastStateChange", CimType::DateTime,
                    {description(u"The time of the last change of SubscriptionState.")}),
                property(u"SubscriptionDuration", CimType::UInt64,
                    {description(u"The duration of the subscription in seconds; NULL means no limit."),
                        pUnit(u"second")}),
                property(u"SubscriptionStartTime", CimType::DateTime,
                    {description(u"The time the subscription was started.")}),
                property(u"SubscriptionTimeRemaining", CimType::UInt64,
                    {description(u"The time in seconds remaining of SubscriptionDuration."), pUnit(u"second")}),
                property(u"RepeatNotificationPolicy", CimType::UInt16,
                    {description(u"The desired behavior for handling Indications that report the occurrence of "
                                 u"the same underlying event."),
                        valueMap({u"0", u"1", u"2", u"3", u"4"}),
                        values({u"Unknown", u"Other", u"None", u"Suppress", u"Delay"})},
                    CimValue::uint16(2)),
                property(u"OtherRepeatNotificationPolicy", CimType::String,
                    {description(u"The policy when RepeatNotificationPolicy is 1 (\"Other\").")}),
                property(u"RepeatNotificationInterval", CimType::UInt64, {pUnit(u"second")}),
                property(u"RepeatNotificationGap", CimType::UInt64, {pUnit(u"second")}),
                property(u"RepeatNotificationCount", CimType::UInt16, {})}));
}

struct Profile
{
    quint16 organization;
    QStringView name;
    QStringView version;
    bool advertised;
};

void addInteropInstances(
    SimRepository &repo, const SimModelOptions &options, const CimInstanceName &system, const CimInstanceName &log)
{
    const QString &ns = options.interopNamespace;
    const CimInstanceName manager = repo.setInstance(ns,
        instance(u"CIM_ObjectManager",
            {
                value(u"SystemCreationClassName", text(SimDefaultModel::systemCreationClassName())),
                value(u"SystemName", text(SimDefaultModel::systemName())),
                value(u"CreationClassName", text(u"CIM_ObjectManager")),
                value(u"Name", text(SimDefaultModel::objectManagerName())),
                value(u"ElementName", text(u"cimdiag simulator")),
                value(u"Caption", text(u"cimdiag CIM-XML server simulator")),
                value(u"Description",
                    CimValue::string(
                        QStringLiteral("cimdiag-sim " CIMDIAG_VERSION ", an in-memory CIM server for diagnostics and "
                                       "tests"))),
                value(u"OperationalStatus", uint16Array({2})),
                value(u"HealthState", CimValue::uint16(5)),
                value(u"EnabledState", CimValue::uint16(2)),
                value(u"RequestedState", CimValue::uint16(12)),
                value(u"EnabledDefault", CimValue::uint16(2)),
                value(u"Started", CimValue::boolean(true)),
                value(u"StartMode", text(u"Automatic")),
                value(u"GatherStatisticalData", CimValue::boolean(false)),
            }));

    for (const QString &name : repo.namespaces()) {
        const CimInstanceName nsPath = repo.setInstance(ns,
            instance(u"CIM_Namespace",
                {
                    value(u"SystemCreationClassName", text(SimDefaultModel::systemCreationClassName())),
                    value(u"SystemName", text(SimDefaultModel::systemName())),
                    value(u"ObjectManagerCreationClassName", text(u"CIM_ObjectManager")),
                    value(u"ObjectManagerName", text(SimDefaultModel::objectManagerName())),
                    value(u"CreationClassName", text(u"CIM_Namespace")),
                    value(u"Name", CimValue::string(name)),
                    value(u"ClassType", CimValue::uint16(2)),
                    value(u"Description",
                        CimValue::string(cimNamesEqual(name, ns) ? QStringLiteral("Interop namespace (DSP1033)")
                                                                 : QStringLiteral("Managed resources"))),
                }));
        repo.setInstance(ns,
            instance(u"CIM_NamespaceInManager",
                {
                    value(u"Antecedent", ref(manager)),
                    value(u"Dependent", ref(nsPath)),
                }));
    }

    // DSP1033 Profile Registration, the SMI-S and DMTF profiles a small server would advertise.
    static const Profile kProfiles[] = {
        {2, u"Profile Registration", u"1.0.0", true},
        {2, u"Indications", u"1.1.0", false},
        {2, u"Computer System", u"1.0.0", false},
        {2, u"Fan", u"1.0.1", false},
        {2, u"Sensors", u"1.0.0", false},
        {2, u"Record Log", u"2.0.0", false},
        {11, u"Server", u"1.6.0", true},
        {11, u"Indication", u"1.6.0", false},
    };
    QHash<QString, CimInstanceName> profiles;
    for (const Profile &profile : kProfiles) {
        const QString organization = profile.organization == 2 ? QStringLiteral("DMTF") : QStringLiteral("SNIA");
        const CimInstanceName path = repo.setInstance(ns,
            instance(u"CIM_RegisteredProfile",
                {
                    value(u"InstanceID",
                        CimValue::string(
                            QStringLiteral("CIMDIAG:%1+%2+%3").arg(organization, profile.name, profile.version))),
                    value(u"RegisteredOrganization", CimValue::uint16(profile.organization)),
                    value(u"RegisteredName", CimValue::string(profile.name.toString())),
                    value(u"RegisteredVersion", CimValue::string(profile.version.toString())),
                    value(u"AdvertiseTypes", uint16Array({profile.advertised ? quint16(3) : quint16(2)})),
                    value(u"ElementName", CimValue::string(organization + u' ' + profile.name)),
                }));
        profiles.insert(profile.name.toString(), path);
    }
    repo.setInstance(ns,
        instance(u"CIM_ElementConformsToProfile",
            {
                value(u"ConformantStandard", ref(profiles.value(QStringLiteral("Profile Registration")))),
                value(u"ManagedElement", ref(manager)),
            }));
    repo.setInstance(ns,
        instance(u"CIM_ElementConformsToProfile",
            {
                value(u"ConformantStandard", ref(profiles.value(QStringLiteral("Indications")))),
                value(u"ManagedElement", ref(manager)),
            }));
    // Without the computer system (E7) the profile stays registered with nothing conforming to it,
    // as when the vendor provider behind a registered profile is missing.
    if (options.computerSystems) {
        repo.setInstance(ns,
            instance(u"CIM_ElementConformsToProfile",
                {
                    value(u"ConformantStandard", ref(profiles.value(QStringLiteral("Computer System")))),
                    value(u"ManagedElement", ref(system, options.managedNamespace)),
                }));
    }
    repo.setInstance(ns,
        instance(u"CIM_ElementConformsToProfile",
            {
                value(u"ConformantStandard", ref(profiles.value(QStringLiteral("Record Log")))),
                value(u"ManagedElement", ref(log, options.managedNamespace)),
            }));
}

// --- managed namespace ----------------------------------------------------------------------------

void addManagedClasses(SimRepository &repo, const QString &ns)
{
    repo.setClass(ns,
        makeClass(u"CIM_System", u"CIM_EnabledLogicalElement",
            {flag(u"Abstract"), version(u"2.15.0"),
                description(u"CIM_System represents an entity made up of component parts, that operates as a "
                            u"'functional whole'.")},
            {creationClassNameKey(),
                property(u"Name", CimType::String,
                    {key(), overrides(u"Name"), maxLen(256),
                        description(u"The inherited Name serves as the key of a System instance in an "
                                    u"enterprise environment.")}),
                property(u"NameFormat", CimType::String,
                    {maxLen(64),
                        description(u"The System Name may be "
                                    u"generated in several ways.")}),
                property(u"PrimaryOwnerName", CimType::String,
                    {maxLen(64), qualifier(u"Write", CimValue::boolean(true)),
                        description(u"The name of the primary system owner.")}),
                property(u"PrimaryOwnerContact", CimType::String,
                    {maxLen(256), qualifier(u"Write", CimValue::boolean(true)),
                        description(u"A string that provides information on how the primary system owner can be "
                                    u"reached.")}),
                arrayProperty(u"Roles", CimType::String,
                    {qualifier(u"Write", CimValue::boolean(true)),
                        description(u"An array (bag) of strings that specifies the administrator-defined roles "
                                    u"this System plays.")})}));

    repo.setClass(ns,
        makeClass(u"CIM_ComputerSystem", u"CIM_System",
            {version(u"2.10.0"),
                description(u"A class derived from System that is a special collection of ManagedSystemElements.")},
            {arrayProperty(u"Dedicated", CimType::UInt16,
                 {description(u"Enumeration indicating whether the ComputerSystem is a special-purpose "
                              u"System."),
                     valueMap({u"0", u"1", u"2", u"3", u"4", u"5", u"6", u"7", u"8", u"9", u"10", u"11", u"12", u"13",
                         u"14", u"..", u"32568..65535"}),
                     values({u"Not Dedicated", u"Unknown", u"Other", u"Storage", u"Router", u"Switch",
                         u"Layer 3 Switch", u"Central Office Switch", u"Hub", u"Access Server", u"Firewall", u"Print",
                         u"I/O", u"Web Caching", u"Management", u"DMTF Reserved", u"Vendor Reserved"})}),
                arrayProperty(u"OtherIdentifyingInfo", CimType::String,
                    {description(u"Additional data, beyond System Name information, that could be used to "
                                 u"identify a ComputerSystem.")}),
                arrayProperty(u"IdentifyingDescriptions", CimType::String,
                    {description(u"An array of free-form strings providing explanations and details behind the "
                                 u"entries in the OtherIdentifyingInfo array.")})}));

    repo.setClass(ns,
        makeClass(u"CIMDIAG_ComputerSystem", u"CIM_ComputerSystem",
            {version(u"1.0.0"), description(u"The computer system the cimdiag simulator pretends to manage.")}, {},
            {method(u"Echo", CimType::UInt32,
                {flag(u"Static"),
                    description(u"Returns Text unchanged and the server's time: a round trip for extrinsic-method "
                                u"diagnostics that needs no instance."),
                    valueMap({u"0", u"1"}), values({u"Completed with No Error", u"Failed"})},
                {parameter(u"Text", CimType::String, {flag(u"In"), description(u"The text to echo.")}),
                    parameter(u"Echoed", CimType::String,
                        {qualifier(u"In", CimValue::boolean(false)), flag(u"Out"), description(u"Text, unchanged.")}),
                    parameter(u"ServerTime", CimType::DateTime,
                        {qualifier(u"In", CimValue::boolean(false)), flag(u"Out"),
                            description(u"The server's current time.")})})}));

    repo.setClass(ns,
        makeClass(u"CIM_LogicalDevice", u"CIM_EnabledLogicalElement",
            {flag(u"Abstract"), version(u"2.11.0"),
                description(u"An abstraction or emulation of a hardware entity, that may or may not be Realized in "
                            u"physical hardware.")},
            {systemCreationClassNameKey(), systemNameKey(), creationClassNameKey(),
                property(u"DeviceID", CimType::String,
                    {key(), maxLen(64),
                        description(u"An address or other identifying information to uniquely "
                                    u"name the LogicalDevice.")})}));

    repo.setClass(ns,
        makeClass(u"CIM_CoolingDevice", u"CIM_LogicalDevice",
            {flag(u"Abstract"), version(u"2.6.0"), description(u"Capabilities and management of cooling devices.")},
            {property(u"ActiveCooling", CimType::Boolean,
                {description(u"ActiveCooling is a Boolean that indicates that the Cooling Device provides "
                             u"active (as opposed to passive) cooling.")})}));

    repo.setClass(ns,
        makeClass(u"CIM_Fan", u"CIM_CoolingDevice",
            {version(u"2.19.0"), description(u"Capabilities and management of a Fan CoolingDevice.")},
            {property(u"VariableSpeed", CimType::Boolean,
                 {description(u"Indication of whether the fan supports variable speeds.")}),
                property(u"DesiredSpeed", CimType::UInt64,
                    {pUnit(u"revolution / minute"),
                        description(u"The desired speed of the fan in revolutions per minute.")})}));

    repo.setClass(ns,
        makeClass(u"CIMDIAG_Fan", u"CIM_Fan",
            {version(u"1.0.0"), description(u"A fan of the simulated computer system.")},
            {property(u"CurrentSpeed", CimType::UInt32,
                {pUnit(u"revolution / minute"), description(u"The speed the fan's tachometer last reported.")})}));

    const auto reading
        = [](QStringView name, QStringView text) { return property(name, CimType::SInt32, {description(text)}); };
    repo.setClass(ns,
        makeClass(u"CIM_Sensor", u"CIM_LogicalDevice",
            {version(u"2.16.0"),
                description(u"A Sensor is a hardware device capable of measuring the characteristics of some physical "
                            u"property.")},
            {property(u"SensorType", CimType::UInt16,
                 {description(u"The Type of the Sensor, e.g. Voltage or Temperature Sensor."),
                     valueMap({u"0", u"1", u"2", u"3", u"4", u"5", u"6", u"7", u"8", u"9", u"10", u"11", u"12", u"13",
                         u"14", u"15", u"16", u"17..32767", u"32768..65535"}),
                     values({u"Unknown", u"Other", u"Temperature", u"Voltage", u"Current", u"Tachometer", u"Counter",
                         u"Switch", u"Lock", u"Humidity", u"Smoke Detection", u"Presence", u"Air Flow",
                         u"Power Consumption", u"Power Production", u"Pressure", u"Intrusion", u"DMTF Reserved",
                         u"Vendor Reserved"})}),
                property(u"OtherSensorTypeDescription", CimType::String, {maxLen(128)}),
                arrayProperty(u"PossibleStates", CimType::String,
                    {maxLen(128),
                        description(u"PossibleStates enumerates the string outputs of the "
                                    u"Sensor.")}),
                property(u"CurrentState", CimType::String,
                    {maxLen(128), description(u"The current state indicated by the Sensor.")}),
                property(u"PollingInterval", CimType::UInt64,
                    {pUnit(u"nanosecond"),
                        description(u"The polling interval that the Sensor hardware or the "
                                    u"instrumentation uses.")})}));

    repo.setClass(ns,
        makeClass(u"CIM_NumericSensor", u"CIM_Sensor",
            {version(u"2.16.0"),
                description(u"A Numeric Sensor is capable of returning numeric readings and optionally supports "
                            u"thresholds settings.")},
            {property(u"BaseUnits", CimType::UInt16,
                 {description(u"The base unit of the values returned by this Sensor."),
                     valueMap({u"0", u"1", u"2", u"3", u"4", u"5", u"6", u"7", u"8", u"9", u"10", u"11", u"12", u"13",
                         u"14", u"15", u"16", u"17", u"18", u"19", u"20", u".."}),
                     values({u"Unknown", u"Other", u"Degrees C", u"Degrees F", u"Degrees K", u"Volts", u"Amps",
                         u"Watts", u"Joules", u"Coulombs", u"VA", u"Nits", u"Lumens", u"Lux", u"Candelas", u"kPa",
                         u"PSI", u"Newtons", u"CFM", u"RPM", u"Hertz", u"DMTF Reserved"})}),
                property(u"UnitModifier", CimType::SInt32,
                    {description(u"The unit multiplier for the values returned by this Sensor: 10 to the power "
                                 u"UnitModifier.")}),
                property(u"RateUnits", CimType::UInt16,
                    {description(u"Specifies if the units returned by this Sensor are rate units."),
                        valueMap({u"0", u"1", u"2", u"3", u"4", u"5", u"6", u"7", u"8", u"9"}),
                        values({u"None", u"Per MicroSecond", u"Per MilliSecond", u"Per Second", u"Per Minute",
                            u"Per Hour", u"Per Day", u"Per Week", u"Per Month", u"Per Year"})},
                    CimValue::uint16(0)),
                reading(u"CurrentReading", u"The current value indicated by the Sensor."),
                reading(u"NominalReading",
                    u"NominalReading indicates the 'normal' or expected value for the "
                    u"NumericSensor."),
                reading(u"NormalMax",
                    u"NormalMax provides guidance for the user as to the normal maximum range for the "
                    u"NumericSensor."),
                reading(u"NormalMin",
                    u"NormalMin provides guidance for the user as to the normal minimum range for the "
                    u"NumericSensor."),
                reading(u"LowerThresholdNonCritical",
                    u"The Sensor's threshold values specify the ranges (min and max "
                    u"values) for determining whether the Sensor is operating under "
                    u"Normal, NonCritical, Critical or Fatal conditions."),
                reading(u"UpperThresholdNonCritical", u"See LowerThresholdNonCritical."),
                reading(u"LowerThresholdCritical", u"See LowerThresholdNonCritical."),
                reading(u"UpperThresholdCritical", u"See LowerThresholdNonCritical."),
                reading(u"LowerThresholdFatal", u"See LowerThresholdNonCritical."),
                reading(u"UpperThresholdFatal", u"See LowerThresholdNonCritical."),
                arrayProperty(u"SupportedThresholds", CimType::UInt16,
                    {description(u"An array representing the thresholds supported by this Sensor."),
                        valueMap({u"0", u"1", u"2", u"3", u"4", u"5", u".."}),
                        values({u"LowerThresholdNonCritical", u"UpperThresholdNonCritical", u"LowerThresholdCritical",
                            u"UpperThresholdCritical", u"LowerThresholdFatal", u"UpperThresholdFatal",
                            u"DMTF Reserved"})})}));

    repo.setClass(ns,
        makeClass(u"CIMDIAG_NumericSensor", u"CIM_NumericSensor",
            {version(u"1.0.0"), description(u"A numeric sensor of the simulated computer system.")}, {}));

    repo.setClass(ns,
        makeClass(u"CIM_Log", u"CIM_EnabledLogicalElement",
            {flag(u"Abstract"), version(u"2.19.0"),
                description(u"Log represents any type of event, error or informational register or chronicle.")},
            {property(u"MaxNumberOfRecords", CimType::UInt64,
                 {description(u"Maximum number of records that can be captured in the Log.")}),
                property(u"CurrentNumberOfRecords", CimType::UInt64,
                    {description(u"Current number of records in the Log.")}),
                property(u"OverwritePolicy", CimType::UInt16,
                    {description(u"An enumeration describing the behavior of the log, when it becomes full or "
                                 u"near full."),
                        valueMap({u"0", u"2", u"7", u"..", u"32768..65535"}),
                        values({u"Unknown", u"Wraps When Full", u"Never Overwrites", u"DMTF Reserved",
                            u"Vendor Reserved"})}),
                property(u"LogState", CimType::UInt16,
                    {description(u"LogState is an integer enumeration that indicates the current state of a log."),
                        valueMap({u"0", u"2", u"3", u"4", u"..", u"32768..65535"}),
                        values({u"Unknown", u"Normal", u"Erasing", u"Not Applicable", u"DMTF Reserved",
                            u"Vendor Reserved"})})},
            {method(u"ClearLog", CimType::UInt32,
                {description(u"Requests that the Log be cleared of all entries."),
                    valueMap({u"0", u"1", u"2", u"3", u"4", u"..", u"0x8000.."}),
                    values({u"Completed with no error", u"Not Supported", u"Unknown", u"Timeout", u"Failed",
                        u"DMTF Reserved", u"Vendor Reserved"})})}));

    repo.setClass(ns,
        makeClass(u"CIM_RecordLog", u"CIM_Log",
            {version(u"2.19.0"), description(u"RecordLog serves as an aggregation point for LogRecord objects.")},
            {property(u"InstanceID", CimType::String,
                {key(), overrides(u"InstanceID"),
                    description(u"Within the scope of the instantiating Namespace, InstanceID opaquely and "
                                u"uniquely identifies an instance of this class.")})}));

    repo.setClass(ns,
        makeClass(u"CIMDIAG_RecordLog", u"CIM_RecordLog",
            {version(u"1.0.0"), description(u"The system event log of the simulated computer system.")}, {}));

    repo.setClass(ns,
        makeClass(u"CIM_RecordForLog", u"CIM_ManagedElement",
            {flag(u"Abstract"), version(u"2.19.0"),
                description(u"The RecordForLog class is used to instantiate records to be aggregated to a Log.")},
            {property(u"RecordFormat", CimType::String,
                 {description(u"A string describing the data structure of the information in the property, "
                              u"RecordData.")}),
                property(u"RecordData", CimType::String, {description(u"A string containing LogRecord data.")}),
                property(u"Locale", CimType::String,
                    {description(u"A locale indicates a particular geographical, "
                                 u"political, or cultural region.")}),
                property(u"PerceivedSeverity", CimType::UInt16,
                    {description(u"An enumerated value that describes the severity of the Indication from the "
                                 u"notifier's point of view."),
                        severityMap(), severityValues()})}));

    repo.setClass(ns,
        makeClass(u"CIM_LogEntry", u"CIM_RecordForLog",
            {version(u"2.19.0"),
                description(u"The LogEntry object can describe the definitional format for entries in a Log, or can "
                            u"be used to instantiate the actual records in the Log.")},
            {property(u"InstanceID", CimType::String,
                 {key(), overrides(u"InstanceID"),
                     description(u"Within the scope of the instantiating Namespace, InstanceID opaquely and "
                                 u"uniquely identifies an instance of this class.")}),
                property(u"LogInstanceID", CimType::String, {description(u"The containing Log's InstanceID.")}),
                property(u"LogName", CimType::String, {maxLen(256), description(u"The containing Log's Name.")}),
                property(u"RecordID", CimType::String,
                    {description(u"RecordID may be used to provide a representation of log entry ordering or "
                                 u"pointers/handles for log entries.")}),
                property(u"CreationTimeStamp", CimType::DateTime,
                    {description(u"A LogEntry may include a timestamp for the entry.")}),
                property(u"MessageID", CimType::String,
                    {description(u"A string that uniquely identifies, within the scope of the OwningEntity, the "
                                 u"format of the Message.")}),
                property(u"Message", CimType::String, {description(u"The formatted message.")}),
                arrayProperty(u"MessageArguments", CimType::String,
                    {description(u"An array containing the dynamic content of the message.")}),
                property(u"OwningEntity", CimType::String,
                    {description(u"A string that identifies the entity that owns the definition of the format of "
                                 u"the Message.")})}));

    repo.setClass(ns,
        makeClass(u"CIMDIAG_LogRecord", u"CIM_LogEntry",
            {version(u"1.0.0"), description(u"An entry of the simulated system event log.")}, {}));

    repo.setClass(ns,
        makeClass(u"CIMDIAG_ConcreteJob", u"CIM_ConcreteJob",
            {version(u"1.0.0"), description(u"A job the simulator created for an extrinsic method call.")}, {}));

    repo.setClass(ns,
        makeClass(u"CIMDIAG_BenchElement", u"CIM_LogicalElement",
            {version(u"1.0.0"), description(u"A small element that exists only in bulk, for throughput measurements.")},
            {property(u"InstanceID", CimType::String, {key(), overrides(u"InstanceID")}),
                property(u"SequenceNumber", CimType::UInt32, {description(u"The element's position in the bulk set.")}),
                property(u"Active", CimType::Boolean, {}), property(u"LastChange", CimType::DateTime, {})}));

    // Associations.
    repo.setClass(ns,
        makeClass(u"CIM_Component", {},
            {flag(u"Association"), flag(u"Abstract"), flag(u"Aggregation"), version(u"2.7.0"),
                description(u"CIM_Component is a generic association used to establish 'part of' relationships "
                            u"between Managed Elements.")},
            {reference(u"GroupComponent", u"CIM_ManagedElement",
                 {key(), flag(u"Aggregate"), description(u"The parent element in the association.")}),
                reference(u"PartComponent", u"CIM_ManagedElement",
                    {key(), description(u"The child element in the association.")})}));

    repo.setClass(ns,
        makeClass(u"CIM_SystemComponent", u"CIM_Component",
            {flag(u"Association"), flag(u"Aggregation"), version(u"2.7.0"),
                description(
                    u"CIM_SystemComponent is a specialization of the CIM_Component association that establishes "
                    u"'part of' relationships between a System and any ManagedSystemElements of which it is "
                    u"composed.")},
            {reference(u"GroupComponent", u"CIM_System",
                 {key(), flag(u"Aggregate"), overrides(u"GroupComponent"),
                     description(u"The parent System in the Association.")}),
                reference(u"PartComponent", u"CIM_ManagedSystemElement",
                    {key(), overrides(u"PartComponent"),
                        description(u"The child element that is a component of a "
                                    u"System.")})}));

    repo.setClass(ns,
        makeClass(u"CIM_SystemDevice", u"CIM_SystemComponent",
            {flag(u"Association"), flag(u"Aggregation"), flag(u"Composition"), version(u"2.10.0"),
                description(u"LogicalDevices can be aggregated by a System. This relationship is made explicit by the "
                            u"SystemDevice association.")},
            {reference(u"GroupComponent", u"CIM_System",
                 {key(), flag(u"Aggregate"), overrides(u"GroupComponent"), cardinality(u"Min", 1),
                     cardinality(u"Max", 1), description(u"The parent system in the Association.")}),
                reference(u"PartComponent", u"CIM_LogicalDevice",
                    {key(), overrides(u"PartComponent"),
                        description(u"The LogicalDevice that is a component of a System.")})}));

    repo.setClass(ns,
        makeClass(u"CIMDIAG_SystemDevice", u"CIM_SystemDevice",
            {flag(u"Association"), version(u"1.0.0"),
                description(u"The devices (fans and sensors) of the simulated computer system.")},
            {}));

    repo.setClass(ns,
        makeClass(u"CIM_AssociatedSensor", u"CIM_Dependency",
            {flag(u"Association"), version(u"2.6.0"),
                description(u"A Sensor can be associated to one or more ManagedSystemElements.")},
            {reference(u"Antecedent", u"CIM_Sensor", {key(), overrides(u"Antecedent"), description(u"The Sensor.")}),
                reference(u"Dependent", u"CIM_ManagedSystemElement",
                    {key(), overrides(u"Dependent"),
                        description(u"The ManagedSystemElement for which information "
                                    u"is measured by the Sensor.")})}));

    repo.setClass(ns,
        makeClass(u"CIMDIAG_AssociatedSensor", u"CIM_AssociatedSensor",
            {flag(u"Association"), version(u"1.0.0"), description(u"A fan tachometer and its fan.")}, {}));

    repo.setClass(ns,
        makeClass(u"CIM_UseOfLog", u"CIM_Dependency",
            {flag(u"Association"), version(u"2.7.0"),
                description(u"ManagedSystemElements may record their event, error or informational data within Logs.")},
            {reference(u"Antecedent", u"CIM_Log", {key(), overrides(u"Antecedent"), description(u"The Log.")}),
                reference(u"Dependent", u"CIM_ManagedSystemElement",
                    {key(), overrides(u"Dependent"),
                        description(u"The ManagedSystemElement whose information is "
                                    u"recorded in the Log.")})}));

    repo.setClass(ns,
        makeClass(u"CIMDIAG_UseOfLog", u"CIM_UseOfLog",
            {flag(u"Association"), version(u"1.0.0"), description(u"The simulated system and its event log.")}, {}));

    repo.setClass(ns,
        makeClass(u"CIM_LogManagesRecord", {},
            {flag(u"Association"), flag(u"Aggregation"), flag(u"Composition"), version(u"2.19.0"),
                description(u"LogManagesRecord describes the aggregation or location of Records managed by a Log.")},
            {reference(u"Log", u"CIM_Log",
                 {key(), flag(u"Aggregate"), cardinality(u"Min", 1), cardinality(u"Max", 1), description(u"The Log.")}),
                reference(u"Record", u"CIM_RecordForLog", {key(), description(u"The record managed by the Log.")})}));

    repo.setClass(ns,
        makeClass(u"CIMDIAG_LogManagesRecord", u"CIM_LogManagesRecord",
            {flag(u"Association"), version(u"1.0.0"), description(u"The records of the simulated event log.")}, {}));

    // Indications originate here, so filters name this namespace as their source.
    repo.setClass(ns,
        makeClass(u"CIM_Indication", {},
            {flag(u"Indication"), flag(u"Abstract"), version(u"2.24.0"),
                description(u"CIM_Indication is the abstract root class for all notifications about changes in schema, "
                            u"objects and their data, and about events detected by providers and instrumentation.")},
            {property(u"IndicationIdentifier", CimType::String, {description(u"An identifier for the Indication.")}),
                arrayProperty(u"CorrelatedIndications", CimType::String,
                    {description(u"A list of IndicationIdentifiers whose notifications are correlated with "
                                 u"this one.")}),
                property(u"IndicationTime", CimType::DateTime,
                    {description(u"The time and date of creation of the Indication.")}),
                property(u"PerceivedSeverity", CimType::UInt16,
                    {description(u"An enumerated value that describes the severity of the Indication from the "
                                 u"notifier's point of view."),
                        severityMap(), severityValues()}),
                property(u"IndicationFilterName", CimType::String,
                    {description(u"An identifier for the indication filter that selects this indication.")}),
                property(u"SequenceContext", CimType::String, {}), property(u"SequenceNumber", CimType::SInt64, {})}));

    repo.setClass(ns,
        makeClass(u"CIM_AlertIndication", u"CIM_Indication",
            {flag(u"Indication"), version(u"2.24.0"),
                description(u"A concrete class for an Indication that reports an alert about a managed element.")},
            {property(u"Description", CimType::String,
                 {overrides(u"Description"), description(u"A short description of the Indication.")}),
                property(u"AlertingManagedElement", CimType::String,
                    {description(u"The identifying information of the entity for which this Indication is "
                                 u"generated.")}),
                property(u"AlertingElementFormat", CimType::UInt16,
                    {valueMap({u"0", u"1", u"2"}), values({u"Unknown", u"Other", u"CIMObjectPath"})},
                    CimValue::uint16(0)),
                property(u"AlertType", CimType::UInt16,
                    {qualifier(u"Required", CimValue::boolean(true)),
                        description(u"Primary classification of the Indication."),
                        valueMap({u"1", u"2", u"3", u"4", u"5", u"6", u"7", u"8"}),
                        values({u"Other", u"Communications Alert", u"Quality of Service Alert", u"Processing Error",
                            u"Device Alert", u"Environmental Alert", u"Model Change", u"Security Alert"})}),
                property(u"ProbableCause", CimType::UInt16, {qualifier(u"Required", CimValue::boolean(true))}),
                property(u"SystemCreationClassName", CimType::String, {}), property(u"SystemName", CimType::String, {}),
                property(u"ProviderName", CimType::String, {}), property(u"OwningEntity", CimType::String, {}),
                property(u"MessageID", CimType::String, {}), property(u"Message", CimType::String, {}),
                arrayProperty(u"MessageArguments", CimType::String, {})}));
}

CimInstance deviceBase(QStringView className, QStringView deviceId, QStringView elementName)
{
    return instance(className,
        {
            value(u"SystemCreationClassName", text(SimDefaultModel::systemCreationClassName())),
            value(u"SystemName", text(SimDefaultModel::systemName())),
            value(u"CreationClassName", text(className)),
            value(u"DeviceID", text(deviceId)),
            value(u"ElementName", text(elementName)),
            value(u"Name", text(elementName)),
            value(u"EnabledState", CimValue::uint16(2)),
            value(u"RequestedState", CimValue::uint16(12)),
            value(u"EnabledDefault", CimValue::uint16(2)),
            value(u"OperationalStatus", uint16Array({2})),
            value(u"HealthState", CimValue::uint16(5)),
            value(u"CommunicationStatus", CimValue::uint16(2)),
            value(u"InstallDate", timestamp(SimDefaultModel::epoch().addDays(-227))),
        });
}

struct SensorSpec
{
    QStringView deviceId;
    QStringView name;
    quint16 sensorType;
    quint16 baseUnits;
    qint32 unitModifier;
    qint32 reading;
    qint32 nominal;
    qint32 lowerNonCritical;
    qint32 upperNonCritical;
    qint32 upperCritical;
};

struct LogMessage
{
    quint16 severity;
    QStringView messageId;
    QStringView message;
};

void addManagedInstances(
    SimRepository &repo, const SimModelOptions &options, CimInstanceName *systemOut, CimInstanceName *logOut)
{
    const QString &ns = options.managedNamespace;
    const QDateTime epoch = SimDefaultModel::epoch();

    const CimInstance systemInstance = instance(u"CIMDIAG_ComputerSystem",
        {
            value(u"CreationClassName", text(u"CIMDIAG_ComputerSystem")),
            value(u"Name", text(SimDefaultModel::systemName())),
            value(u"NameFormat", text(u"Other")),
            value(u"ElementName", text(u"sim01")),
            value(u"Caption", text(u"Simulated 1U rack server")),
            value(u"Description", text(u"A rack server simulated by cimdiag-sim")),
            value(u"OperationalStatus", uint16Array({3})),
            value(u"StatusDescriptions", stringArray({u"Fan 4 below lower non-critical threshold"})),
            value(u"HealthState", CimValue::uint16(10)),
            value(u"CommunicationStatus", CimValue::uint16(2)),
            value(u"EnabledState", CimValue::uint16(2)),
            value(u"RequestedState", CimValue::uint16(12)),
            value(u"EnabledDefault", CimValue::uint16(2)),
            value(u"InstallDate", timestamp(epoch.addDays(-227))),
            value(u"TimeOfLastStateChange", timestamp(epoch.addSecs(-3600 * 26))),
            value(u"Dedicated", uint16Array({0})),
            value(u"PrimaryOwnerName", text(u"Lab Operations")),
            value(u"PrimaryOwnerContact", text(u"ops@cimdiag.test")),
            value(u"Roles", stringArray({u"Simulated managed server"})),
            value(u"OtherIdentifyingInfo", stringArray({u"4C4C4544-0042-3510-8052-B4C04F4E4432", u"CIMDIAG-SIM01"})),
            value(u"IdentifyingDescriptions", stringArray({u"CIM:GUID", u"CIM:Tag"})),
        });
    // E7: without the computer system provider the devices still carry its keys (SystemName), but
    // neither the system nor the associations that would point at it exist.
    const CimInstanceName system
        = options.computerSystems ? repo.setInstance(ns, systemInstance) : repo.pathOf(ns, systemInstance);
    *systemOut = system;

    const auto linkDevice = [&](const CimInstanceName &device) {
        if (!options.computerSystems)
            return;
        repo.setInstance(ns,
            instance(u"CIMDIAG_SystemDevice",
                {
                    value(u"GroupComponent", ref(system)),
                    value(u"PartComponent", ref(device)),
                }));
    };

    // Four fans; fan 4 runs slow, which is what a diagnostics demo wants to find.
    static const quint32 kFanSpeeds[] = {5400, 5460, 5520, 1850};
    QList<CimInstanceName> fans;
    for (int i = 0; i < 4; ++i) {
        CimInstance fan = deviceBase(
            u"CIMDIAG_Fan", QStringLiteral("FAN%1").arg(i + 1), QStringLiteral("System Fan %1").arg(i + 1));
        fan.setProperty(value(u"ActiveCooling", CimValue::boolean(true)));
        fan.setProperty(value(u"VariableSpeed", CimValue::boolean(true)));
        fan.setProperty(value(u"DesiredSpeed", CimValue::uint64(5400)));
        fan.setProperty(value(u"CurrentSpeed", CimValue::uint32(kFanSpeeds[i])));
        fan.setProperty(value(u"AvailableRequestedStates", uint16Array({2, 3, 11})));
        fan.setProperty(value(u"Caption", text(u"Chassis fan")));
        if (i == 3) {
            fan.setProperty(value(u"OperationalStatus", uint16Array({3})));
            fan.setProperty(value(u"StatusDescriptions", stringArray({u"Speed below lower non-critical threshold"})));
            fan.setProperty(value(u"HealthState", CimValue::uint16(10)));
        }
        const CimInstanceName path = repo.setInstance(ns, fan);
        fans.append(path);
        linkDevice(path);
    }

    static const SensorSpec kSensors[] = {
        {u"TEMP-CPU1", u"CPU1 Temperature", 2, 2, 0, 47, 45, 5, 85, 95},
        {u"TEMP-CPU2", u"CPU2 Temperature", 2, 2, 0, 44, 45, 5, 85, 95},
        {u"TEMP-INLET", u"System Inlet Temperature", 2, 2, 0, 23, 22, 3, 42, 47},
        {u"VOLT-12V", u"12V Rail", 3, 5, -3, 12040, 12000, 11400, 12600, 13200},
        {u"PWR-PSU1", u"PSU1 Input Power", 13, 7, 0, 245, 250, 0, 720, 800},
        {u"TACH-FAN1", u"Fan 1 Tachometer", 5, 19, 0, 5400, 5400, 2000, 9000, 12000},
        {u"TACH-FAN2", u"Fan 2 Tachometer", 5, 19, 0, 5460, 5400, 2000, 9000, 12000},
        {u"TACH-FAN3", u"Fan 3 Tachometer", 5, 19, 0, 5520, 5400, 2000, 9000, 12000},
        {u"TACH-FAN4", u"Fan 4 Tachometer", 5, 19, 0, 1850, 5400, 2000, 9000, 12000},
    };
    int tachometer = 0;
    for (const SensorSpec &spec : kSensors) {
        CimInstance sensor = deviceBase(u"CIMDIAG_NumericSensor", spec.deviceId, spec.name);
        const bool low = spec.reading < spec.lowerNonCritical;
        sensor.setProperty(value(u"SensorType", CimValue::uint16(spec.sensorType)));
        sensor.setProperty(value(u"BaseUnits", CimValue::uint16(spec.baseUnits)));
        sensor.setProperty(value(u"UnitModifier", CimValue::sint32(spec.unitModifier)));
        sensor.setProperty(value(u"RateUnits", CimValue::uint16(0)));
        sensor.setProperty(value(u"CurrentReading", CimValue::sint32(spec.reading)));
        sensor.setProperty(value(u"NominalReading", CimValue::sint32(spec.nominal)));
        sensor.setProperty(value(u"LowerThresholdNonCritical", CimValue::sint32(spec.lowerNonCritical)));
        sensor.setProperty(value(u"UpperThresholdNonCritical", CimValue::sint32(spec.upperNonCritical)));
        sensor.setProperty(value(u"UpperThresholdCritical", CimValue::sint32(spec.upperCritical)));
        sensor.setProperty(value(u"SupportedThresholds", uint16Array({0, 1, 3})));
        sensor.setProperty(value(u"PossibleStates",
            stringArray({u"Unknown", u"Normal", u"Lower Non-Critical", u"Upper Non-Critical", u"Upper Critical"})));
        sensor.setProperty(value(u"CurrentState", low ? text(u"Lower Non-Critical") : text(u"Normal")));
        sensor.setProperty(value(u"PollingInterval", CimValue::uint64(5'000'000'000ULL)));
        if (low) {
            sensor.setProperty(value(u"OperationalStatus", uint16Array({3})));
            sensor.setProperty(value(u"HealthState", CimValue::uint16(10)));
        }
        const CimInstanceName path = repo.setInstance(ns, sensor);
        linkDevice(path);
        if (spec.sensorType == 5 && tachometer < fans.size()) {
            repo.setInstance(ns,
                instance(u"CIMDIAG_AssociatedSensor",
                    {
                        value(u"Antecedent", ref(path)),
                        value(u"Dependent", ref(fans.at(tachometer++))),
                    }));
        }
    }

    const CimInstanceName log = repo.setInstance(ns,
        instance(u"CIMDIAG_RecordLog",
            {
                value(u"InstanceID", text(u"CIMDIAG:SEL")),
                value(u"Name", text(u"SEL")),
                value(u"ElementName", text(u"System Event Log")),
                value(u"MaxNumberOfRecords", CimValue::uint64(1024)),
                value(u"CurrentNumberOfRecords", CimValue::uint64(quint64(std::max(0, options.logRecordCount)))),
                value(u"OverwritePolicy", CimValue::uint16(2)),
                value(u"LogState", CimValue::uint16(2)),
                value(u"EnabledState", CimValue::uint16(2)),
                value(u"RequestedState", CimValue::uint16(12)),
                value(u"OperationalStatus", uint16Array({2})),
                value(u"HealthState", CimValue::uint16(5)),
            }));
    *logOut = log;
    if (options.computerSystems) {
        repo.setInstance(ns,
            instance(u"CIMDIAG_UseOfLog",
                {
                    value(u"Antecedent", ref(log)),
                    value(u"Dependent", ref(system)),
                }));
    }

    static const LogMessage kMessages[] = {
        {2, u"PLAT0001", u"System boot completed"},
        {2, u"USR0030", u"Successfully logged in using root, from 192.0.2.15 and CIM-XML."},
        {3, u"FAN0001", u"Fan 4 RPM is less than the lower warning threshold."},
        {2, u"TMP0120", u"The system inlet temperature is within range."},
        {3, u"PSU0003", u"Power supply 2 input is lost; redundancy degraded."},
        {2, u"PSU0004", u"Power supply 2 input has been restored."},
        {4, u"MEM0701", u"Correctable memory error rate exceeded for DIMM_A2."},
        {2, u"LOG007", u"The previous log entry was repeated 3 times."},
        {5, u"CPU0005", u"CPU 2 has a thermal trip (over-temperature) event."},
        {2, u"RAC0182", u"The iDRAC firmware was rebooted."},
    };
    const int count = std::max(0, options.logRecordCount);
    for (int i = 0; i < count; ++i) {
        const LogMessage &message = kMessages[i % std::size(kMessages)];
        // Oldest first, seven minutes apart, ending at the epoch.
        const QDateTime created = epoch.addSecs(qint64(i - count) * 7 * 60);
        const QString recordId = QString::number(i + 1);
        const CimInstanceName record = repo.setInstance(ns,
            instance(u"CIMDIAG_LogRecord",
                {
                    value(u"InstanceID", CimValue::string(QStringLiteral("CIMDIAG:SEL:") + recordId)),
                    value(u"LogInstanceID", text(u"CIMDIAG:SEL")),
                    value(u"LogName", text(u"SEL")),
                    value(u"RecordID", CimValue::string(recordId)),
                    value(u"CreationTimeStamp", timestamp(created)),
                    value(u"MessageID", text(message.messageId)),
                    value(u"Message", text(message.message)),
                    value(u"OwningEntity", text(u"CIMDIAG")),
                    value(u"PerceivedSeverity", CimValue::uint16(message.severity)),
                    value(u"RecordFormat", text(u"string MessageID*string Message")),
                    value(u"RecordData", CimValue::string(message.messageId.toString() + u'*' + message.message)),
                    value(u"Locale", text(u"en_US")),
                    value(u"ElementName", CimValue::string(QStringLiteral("SEL record ") + recordId)),
                }));
        repo.setInstance(ns,
            instance(u"CIMDIAG_LogManagesRecord",
                {
                    value(u"Log", ref(log)),
                    value(u"Record", ref(record)),
                }));
    }

    for (int i = 0; i < std::max(0, options.bulkInstanceCount); ++i) {
        repo.setInstance(ns,
            instance(u"CIMDIAG_BenchElement",
                {
                    value(u"InstanceID",
                        CimValue::string(QStringLiteral("CIMDIAG:Bench:%1").arg(i, 6, 10, QLatin1Char('0')))),
                    value(u"SequenceNumber", CimValue::uint32(quint32(i))),
                    value(u"ElementName", CimValue::string(QStringLiteral("Bench element %1").arg(i))),
                    value(u"Active", CimValue::boolean(i % 3 != 0)),
                    value(u"LastChange", timestamp(epoch.addSecs(-qint64(i)))),
                    value(u"OperationalStatus", uint16Array({2})),
                    value(u"HealthState", CimValue::uint16(5)),
                }));
    }
}

} // namespace

QString SimDefaultModel::systemName()
{
    return QStringLiteral("sim01.cimdiag.test");
}

QString SimDefaultModel::systemCreationClassName()
{
    return QStringLiteral("CIMDIAG_ComputerSystem");
}

QString SimDefaultModel::objectManagerName()
{
    return QStringLiteral("cimdiag-sim");
}

QDateTime SimDefaultModel::epoch()
{
    return QDateTime::fromString(QStringLiteral("2026-01-15T08:00:00Z"), Qt::ISODate);
}

QList<CimQualifierDeclaration> SimDefaultModel::qualifierDeclarations()
{
    using S = CimScopes;
    const CimScopes any = CimScopes::any();
    const CimScopes elements = scopes({&S::property, &S::method, &S::parameter});
    const CimScopes classes = scopes({&S::classScope, &S::association, &S::indication});
    return {
        declaration(u"Abstract", CimType::Boolean, classes, kRestricted, CimValue::boolean(false)),
        declaration(
            u"Aggregate", CimType::Boolean, scopes({&S::reference}), kDisableOverride, CimValue::boolean(false)),
        declaration(
            u"Aggregation", CimType::Boolean, scopes({&S::association}), kDisableOverride, CimValue::boolean(false)),
        declaration(u"ArrayType", CimType::String, scopes({&S::property, &S::parameter}), kDisableOverride,
            CimValue::string(QStringLiteral("Bag"))),
        declaration(
            u"Association", CimType::Boolean, scopes({&S::association}), kDisableOverride, CimValue::boolean(false)),
        declaration(
            u"Composition", CimType::Boolean, scopes({&S::association}), kDisableOverride, CimValue::boolean(false)),
        declaration(u"Counter", CimType::Boolean, elements, {}, CimValue::boolean(false)),
        declaration(u"Deprecated", CimType::String, any, kRestricted, {}, true),
        declaration(u"Description", CimType::String, any, kTranslatable),
        declaration(u"DisplayName", CimType::String, any, kTranslatable),
        declaration(u"EmbeddedInstance", CimType::String, elements),
        declaration(u"EmbeddedObject", CimType::Boolean, elements, kDisableOverride, CimValue::boolean(false)),
        declaration(u"Exception", CimType::Boolean, scopes({&S::classScope, &S::indication}), kDisableOverride,
            CimValue::boolean(false)),
        declaration(u"Experimental", CimType::Boolean, any, kRestricted, CimValue::boolean(false)),
        declaration(u"Gauge", CimType::Boolean, elements, {}, CimValue::boolean(false)),
        declaration(u"In", CimType::Boolean, scopes({&S::parameter}), kDisableOverride, CimValue::boolean(true)),
        declaration(u"Indication", CimType::Boolean, scopes({&S::classScope, &S::indication}), kDisableOverride,
            CimValue::boolean(false)),
        declaration(u"Key", CimType::Boolean, scopes({&S::property, &S::reference}), kDisableOverride,
            CimValue::boolean(false)),
        declaration(u"Max", CimType::UInt32, scopes({&S::reference})),
        declaration(u"MaxLen", CimType::UInt32, elements),
        declaration(u"MaxValue", CimType::SInt64, elements),
        declaration(u"Min", CimType::UInt32, scopes({&S::reference}), {}, CimValue::uint32(0)),
        declaration(u"MinLen", CimType::UInt32, elements, {}, CimValue::uint32(0)),
        declaration(u"MinValue", CimType::SInt64, elements),
        declaration(u"ModelCorrespondence", CimType::String, any, {}, {}, true),
        declaration(u"Out", CimType::Boolean, scopes({&S::parameter}), kDisableOverride, CimValue::boolean(false)),
        declaration(u"Override", CimType::String, scopes({&S::property, &S::reference, &S::method}), kRestricted),
        declaration(u"PUnit", CimType::String, elements),
        declaration(u"Required", CimType::Boolean, scopes({&S::property, &S::reference, &S::method, &S::parameter}),
            kDisableOverride, CimValue::boolean(false)),
        declaration(u"Static", CimType::Boolean, scopes({&S::property, &S::method}), kDisableOverride,
            CimValue::boolean(false)),
        declaration(u"Units", CimType::String, elements, kTranslatable),
        declaration(u"ValueMap", CimType::String, elements, {}, {}, true),
        declaration(u"Values", CimType::String, elements, kTranslatable, {}, true),
        declaration(u"Version", CimType::String, classes, {true, false, false, true}),
        declaration(u"Write", CimType::Boolean, scopes({&S::property}), {}, CimValue::boolean(false)),
    };
}

void SimDefaultModel::populate(SimRepository &repo, const SimModelOptions &options)
{
    const QString interop = cimNamespaceWithoutSlashes(options.interopNamespace);
    const QString managed = cimNamespaceWithoutSlashes(options.managedNamespace);
    SimModelOptions normalized = options;
    normalized.interopNamespace = interop;
    normalized.managedNamespace = managed;

    repo.setInteropNamespace(interop);
    for (const QString &ns : {interop, managed}) {
        repo.addNamespace(ns);
        for (const CimQualifierDeclaration &declaration : qualifierDeclarations())
            repo.setQualifierDeclaration(ns, declaration);
        addBaseClasses(repo, ns);
    }
    addInteropClasses(repo, interop);
    addManagedClasses(repo, managed);

    CimInstanceName system;
    CimInstanceName log;
    addManagedInstances(repo, normalized, &system, &log);
    addInteropInstances(repo, normalized, system, log);
}

} // namespace cimdiag
