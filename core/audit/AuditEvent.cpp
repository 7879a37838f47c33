// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audit/AuditEvent.h"

#include <QJsonValue>

#include <array>
#include <utility>

namespace cimdiag {

namespace {

// The names are the file format (docs/audit-trail.md): never rename one.
constexpr std::array kTypeNames {"AUTHENTICATION", "AUTHORIZATION", "CONFIGURATION", "CIMOPERATION"};
constexpr std::array kSubTypeNames {"BASIC_AUTHENTICATION", "CERTIFICATE_BASED_AUTHENTICATION", "TICKET_AUTHENTICATION",
    "CURRENT_CONFIGURATION", "CONFIGURATION_CHANGE", "AUDIT_TRAIL_CHANGE", "SCHEMA_OPERATION", "INSTANCE_OPERATION",
    "METHOD_OPERATION"};
constexpr std::array kEventNames {"START_UP", "AUTH_SUCCESS", "AUTH_FAILURE", "CREATE", "UPDATE", "DELETE", "INVOKE"};
constexpr std::array kOutcomeNames {"success", "failure", "error"};

template<typename Enum, std::size_t N> QString nameOf(const std::array<const char *, N> &names, Enum value)
{
    const auto index = static_cast<std::size_t>(value);
    return index < N ? QString::fromLatin1(names[index]) : QString();
}

template<typename Enum, std::size_t N>
std::optional<Enum> fromName(const std::array<const char *, N> &names, const QString &name)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (name == QLatin1String(names[i]))
            return Enum(i);
    }
    return std::nullopt;
}

} // namespace

QString AuditEvent::typeName(Type type)
{
    return nameOf(kTypeNames, type);
}

QString AuditEvent::subTypeName(SubType subType)
{
    return nameOf(kSubTypeNames, subType);
}

QString AuditEvent::eventName(Event event)
{
    return nameOf(kEventNames, event);
}

QString AuditEvent::outcomeName(Outcome outcome)
{
    return nameOf(kOutcomeNames, outcome);
}

std::optional<AuditEvent::Type> AuditEvent::typeFromName(const QString &name)
{
    return fromName<Type>(kTypeNames, name);
}

std::optional<AuditEvent::SubType> AuditEvent::subTypeFromName(const QString &name)
{
    return fromName<SubType>(kSubTypeNames, name);
}

std::optional<AuditEvent::Event> AuditEvent::eventFromName(const QString &name)
{
    return fromName<Event>(kEventNames, name);
}

std::optional<AuditEvent::Outcome> AuditEvent::outcomeFromName(const QString &name)
{
    return fromName<Outcome>(kOutcomeNames, name);
}

QJsonObject AuditEvent::toJson(bool withHash) const
{
    QJsonObject json {
        {QStringLiteral("version"), 1},
        {QStringLiteral("seq"), sequence},
        {QStringLiteral("time"), time.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("type"), typeName(type)},
        {QStringLiteral("subtype"), subTypeName(subType)},
        {QStringLiteral("event"), eventName(event)},
        {QStringLiteral("outcome"), outcomeName(outcome)},
        {QStringLiteral("localUser"), localUser},
        {QStringLiteral("target"), target},
        {QStringLiteral("runId"), runId},
        {QStringLiteral("details"), details},
        {QStringLiteral("prev"), previousHash},
    };
    if (withHash)
        json.insert(QStringLiteral("hash"), hash);
    return json;
}

std::optional<AuditEvent> AuditEvent::fromJson(const QJsonObject &json, QString *error)
{
    const auto fail = [error](const char *field) -> std::optional<AuditEvent> {
        if (error)
            *error = QString::fromLatin1(field);
        return std::nullopt;
    };
    if (json.value(QStringLiteral("version")).toInt() != 1)
        return fail("version");
    AuditEvent event;
    const QJsonValue seq = json.value(QStringLiteral("seq"));
    if (!seq.isDouble())
        return fail("seq");
    event.sequence = seq.toInteger();
    event.time = QDateTime::fromString(json.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
    if (!event.time.isValid())
        return fail("time");
    const auto type = typeFromName(json.value(QStringLiteral("type")).toString());
    if (!type)
        return fail("type");
    const auto subType = subTypeFromName(json.value(QStringLiteral("subtype")).toString());
    if (!subType)
        return fail("subtype");
    const auto kind = eventFromName(json.value(QStringLiteral("event")).toString());
    if (!kind)
        return fail("event");
    const auto outcome = outcomeFromName(json.value(QStringLiteral("outcome")).toString());
    if (!outcome)
        return fail("outcome");
    event.type = *type;
    event.subType = *subType;
    event.event = *kind;
    event.outcome = *outcome;
    event.localUser = json.value(QStringLiteral("localUser")).toString();
    event.target = json.value(QStringLiteral("target")).toString();
    event.runId = json.value(QStringLiteral("runId")).toString();
    if (!json.value(QStringLiteral("details")).isObject())
        return fail("details");
    event.details = json.value(QStringLiteral("details")).toObject();
    event.previousHash = json.value(QStringLiteral("prev")).toString();
    event.hash = json.value(QStringLiteral("hash")).toString();
    return event;
}

} // namespace cimdiag
