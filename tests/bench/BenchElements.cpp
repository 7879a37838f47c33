// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/bench/BenchElements.h"

#include "core/cim/CimDateTime.h"
#include "core/sim/SimRepository.h"

#include <limits>

namespace cimdiag {

namespace {

CimValue arrayOf(CimType type, const QList<CimValue> &elements)
{
    return CimValue::array(type, elements).value_or(CimValue::null(type, true));
}

} // namespace

QString BenchElements::className()
{
    return QStringLiteral("CIMDIAG_BenchElement");
}

QString BenchElements::nameSpace()
{
    return QStringLiteral("root/bench");
}

QString BenchElements::instanceId(int i)
{
    return QStringLiteral("CIMDIAG:bench:%1").arg(i, 6, 10, QChar(u'0'));
}

QString BenchElements::elementName(int i)
{
    return QStringLiteral("Volume <%1> & \"cache\" \u2013 Gr\u00f6\u00dfe \u00fc \u00df \u65e5\u672c").arg(i);
}

quint64 BenchElements::capacity(int i)
{
    return std::numeric_limits<quint64>::max() - static_cast<quint64>(i); // beyond 2^53 on purpose
}

qint32 BenchElements::temperature(int i)
{
    return static_cast<qint32>(i % 2000) * 1009 - 1000000;
}

double BenchElements::ratio(int i)
{
    return i * 0.001 + 0.5;
}

bool BenchElements::enabled(int i)
{
    return i % 2 == 0;
}

QString BenchElements::installDate(int i)
{
    return QStringLiteral("2024%1%2%3%4%5.%6+060")
        .arg(1 + i % 12, 2, 10, QChar(u'0'))
        .arg(1 + i % 28, 2, 10, QChar(u'0'))
        .arg(i % 24, 2, 10, QChar(u'0'))
        .arg(i % 60, 2, 10, QChar(u'0'))
        .arg((i / 60) % 60, 2, 10, QChar(u'0'))
        .arg(i % 1000000, 6, 10, QChar(u'0'));
}

quint16 BenchElements::lastStatus(int i)
{
    return static_cast<quint16>(32768 + i % 100);
}

QString BenchElements::stressedText()
{
    return QStringLiteral("Stressed \u2013 \u00dcberlast");
}

CimClass BenchElements::declaration()
{
    CimClass cls(className());
    CimProperty key(QStringLiteral("InstanceID"), CimValue::null(CimType::String));
    key.qualifiers().insert(CimQualifier(QStringLiteral("Key"), CimValue::boolean(true)));
    cls.properties().insert(key);
    const auto add = [&cls](const QString &name, CimType type, bool isArray = false) {
        cls.properties().insert(CimProperty(name, CimValue::null(type, isArray)));
    };
    add(QStringLiteral("ElementName"), CimType::String);
    add(QStringLiteral("Capacity"), CimType::UInt64);
    add(QStringLiteral("Temperature"), CimType::SInt32);
    add(QStringLiteral("Ratio"), CimType::Real64);
    add(QStringLiteral("Enabled"), CimType::Boolean);
    add(QStringLiteral("InstallDate"), CimType::DateTime);
    add(QStringLiteral("OperationalStatus"), CimType::UInt16, true);
    add(QStringLiteral("StatusDescriptions"), CimType::String, true);
    add(QStringLiteral("Description"), CimType::String);
    return cls;
}

CimInstance BenchElements::instance(int i)
{
    CimInstance instance(className());
    instance.setProperty(CimProperty(QStringLiteral("InstanceID"), CimValue::string(instanceId(i))));
    instance.setProperty(CimProperty(QStringLiteral("ElementName"), CimValue::string(elementName(i))));
    instance.setProperty(CimProperty(QStringLiteral("Capacity"), CimValue::uint64(capacity(i))));
    instance.setProperty(CimProperty(QStringLiteral("Temperature"), CimValue::sint32(temperature(i))));
    instance.setProperty(CimProperty(QStringLiteral("Ratio"), CimValue::real64(ratio(i))));
    instance.setProperty(CimProperty(QStringLiteral("Enabled"), CimValue::boolean(enabled(i))));
    instance.setProperty(CimProperty(QStringLiteral("InstallDate"),
        CimValue::dateTime(CimDateTime::fromString(installDate(i)).value_or(CimDateTime()))));
    instance.setProperty(CimProperty(QStringLiteral("OperationalStatus"),
        arrayOf(CimType::UInt16,
            {CimValue::uint16(2), CimValue::uint16(static_cast<quint16>(3 + i % 5)),
                CimValue::uint16(lastStatus(i))})));
    instance.setProperty(CimProperty(QStringLiteral("StatusDescriptions"),
        arrayOf(CimType::String,
            {CimValue::string(QStringLiteral("OK")), CimValue::string(stressedText()),
                CimValue::string(QStringLiteral("Element %1").arg(i))})));
    instance.setProperty(CimProperty(QStringLiteral("Description"), CimValue::null(CimType::String)));
    instance.setPath(CimInstanceName(className(), {{QStringLiteral("InstanceID"), CimValue::string(instanceId(i))}}));
    return instance;
}

void BenchElements::addTo(SimRepository &repository, const QString &nameSpace, int count)
{
    repository.addNamespace(nameSpace);
    repository.setClass(nameSpace, declaration());
    for (int i = 0; i < count; ++i)
        repository.setInstance(nameSpace, instance(i));
}

QString BenchElements::check(const CimInstance &instance, int i)
{
    const auto differs = [i](const QString &what, const QString &got, const QString &expected) {
        return QStringLiteral("instance %1: %2 is %3, expected %4").arg(i).arg(what, got, expected);
    };
    if (instance.className() != className())
        return differs(QStringLiteral("the class"), instance.className(), className());
    if (instance.path().keyBinding(u"InstanceID").toString() != instanceId(i))
        return differs(
            QStringLiteral("the path key"), instance.path().keyBinding(u"InstanceID").toString(), instanceId(i));
    if (instance.properties().size() != 10)
        return differs(
            QStringLiteral("the property count"), QString::number(instance.properties().size()), QStringLiteral("10"));
    if (instance.value(u"InstanceID").toString() != instanceId(i))
        return differs(QStringLiteral("InstanceID"), instance.value(u"InstanceID").toString(), instanceId(i));
    if (instance.value(u"ElementName").toString() != elementName(i))
        return differs(QStringLiteral("ElementName"), instance.value(u"ElementName").toString(), elementName(i));
    const CimValue capacityValue = instance.value(u"Capacity");
    if (capacityValue.type() != CimType::UInt64 || capacityValue.toUnsigned() != capacity(i))
        return differs(
            QStringLiteral("Capacity"), QString::number(capacityValue.toUnsigned()), QString::number(capacity(i)));
    if (instance.value(u"Temperature").toSigned() != temperature(i))
        return differs(QStringLiteral("Temperature"), QString::number(instance.value(u"Temperature").toSigned()),
            QString::number(temperature(i)));
    if (instance.value(u"Ratio").toReal() != ratio(i))
        return differs(QStringLiteral("Ratio"), QString::number(instance.value(u"Ratio").toReal(), 'g', 17),
            QString::number(ratio(i), 'g', 17));
    const CimValue enabledValue = instance.value(u"Enabled");
    if (enabledValue.type() != CimType::Boolean || enabledValue.toBool() != enabled(i))
        return differs(QStringLiteral("Enabled"), enabledValue.toMof(),
            enabled(i) ? QStringLiteral("TRUE") : QStringLiteral("FALSE"));
    if (instance.value(u"InstallDate").toDateTime().toString() != installDate(i))
        return differs(
            QStringLiteral("InstallDate"), instance.value(u"InstallDate").toDateTime().toString(), installDate(i));
    const CimValue status = instance.value(u"OperationalStatus");
    if (!status.isArray() || status.size() != 3 || status.at(2).toUnsigned() != lastStatus(i))
        return differs(QStringLiteral("OperationalStatus"), status.toMof(),
            QStringLiteral("{2, %1, %2}").arg(3 + i % 5).arg(lastStatus(i)));
    const CimValue descriptions = instance.value(u"StatusDescriptions");
    if (descriptions.size() != 3 || descriptions.at(1).toString() != stressedText()
        || descriptions.at(2).toString() != QStringLiteral("Element %1").arg(i))
        return differs(QStringLiteral("StatusDescriptions"), descriptions.toMof(), QStringLiteral("3 strings"));
    const CimProperty *description = instance.property(u"Description");
    if (!description || !description->value().isNull() || description->type() != CimType::String)
        return differs(QStringLiteral("Description"),
            description ? description->value().toMof() : QStringLiteral("absent"), QStringLiteral("a NULL string"));
    return {};
}

QString BenchElements::checkEnumeration(const CimOperationResponse &response, int count)
{
    if (response.instances.size() != count)
        return QStringLiteral("%1 instances, expected %2").arg(response.instances.size()).arg(count);
    for (const int i : {0, 1, 7, count / 5, count / 2 + 2345, count - 1}) {
        if (i < 0 || i >= count)
            continue;
        const QString problem = check(response.instances.at(i), i);
        if (!problem.isEmpty())
            return problem;
    }
    return {};
}

} // namespace cimdiag
