// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace cimdiag {

/// One record of the audit trail (a value), modelled on OpenPegasus PEP 258 (AuditLogger): a type,
/// a subtype and an event, with PEP 258's names where PEP 258 has one (TYPE_AUTHENTICATION,
/// SUBTYPE_BASIC_AUTHENTICATION, EVENT_AUTH_FAILURE, ...) and a few of our own where a client needs
/// them (ticket authentication, the audit trail switched on or off). The names are the JSON form
/// and never change; the enums' numeric values are not part of the format.
///
/// PEP 258's rule holds: no password, ticket, Authorization value or method parameter / property
/// value is ever put into an event. Callers fill type, subtype, event, outcome, target and details;
/// AuditTrail::append() fills time, user, run id, sequence number and the chain hashes.
struct AuditEvent final
{
    enum class Type : quint8 {
        Authentication, ///< TYPE_AUTHENTICATION
        Authorization, ///< TYPE_AUTHORIZATION (403 answers; reserved)
        Configuration, ///< TYPE_CONFIGURATION
        CimOperation, ///< TYPE_CIMOPERATION
    };
    enum class SubType : quint8 {
        BasicAuthentication, ///< SUBTYPE_BASIC_AUTHENTICATION
        CertificateAuthentication, ///< SUBTYPE_CERTIFICATE_BASED_AUTHENTICATION (2-way TLS)
        TicketAuthentication, ///< ours: VMware ESXi CIM ticket (sent as Basic ticket:ticket)
        CurrentConfiguration, ///< SUBTYPE_CURRENT_CONFIGURATION (start-up)
        ConfigurationChange, ///< SUBTYPE_CONFIGURATION_CHANGE
        AuditTrailChange, ///< ours: the trail itself switched off or on
        SchemaOperation, ///< SUBTYPE_SCHEMA_OPERATION (classes, qualifier declarations)
        InstanceOperation, ///< SUBTYPE_INSTANCE_OPERATION
        MethodOperation, ///< ours: InvokeMethod (PEP 258 files it under EVENT_INVOKE)
    };
    enum class Event : quint8 {
        StartUp, ///< EVENT_START_UP
        AuthSuccess, ///< EVENT_AUTH_SUCCESS
        AuthFailure, ///< EVENT_AUTH_FAILURE
        Create, ///< EVENT_CREATE
        Update, ///< EVENT_UPDATE (also a configuration change)
        Delete, ///< EVENT_DELETE
        Invoke, ///< EVENT_INVOKE
    };
    enum class Outcome : quint8 { Success, Failure, Error };

    Type type = Type::Configuration;
    SubType subType = SubType::ConfigurationChange;
    Event event = Event::Update;
    Outcome outcome = Outcome::Success;
    /// UTC, millisecond precision.
    QDateTime time;
    /// The local account that ran cimdiag (not the CIM user: that is details.user).
    QString localUser;
    /// The server, "https://host:5989" (no credentials, no path); empty for local events.
    QString target;
    /// One process run (cimdiag-cli check, one GUI session): events of one run share it.
    QString runId;
    /// Event specific, flat strings and numbers (see docs/audit-trail.md).
    QJsonObject details;

    // Filled by AuditTrail::append() and when read back.
    qint64 sequence = 0;
    QString previousHash;
    QString hash;

    /// "AUTHENTICATION", "BASIC_AUTHENTICATION", "AUTH_FAILURE", "failure" (PEP 258 names without
    /// their TYPE_/SUBTYPE_/EVENT_ prefixes).
    static QString typeName(Type type);
    static QString subTypeName(SubType subType);
    static QString eventName(Event event);
    static QString outcomeName(Outcome outcome);
    static std::optional<Type> typeFromName(const QString &name);
    static std::optional<SubType> subTypeFromName(const QString &name);
    static std::optional<Event> eventFromName(const QString &name);
    static std::optional<Outcome> outcomeFromName(const QString &name);

    /// The record as written: every field including seq, prev and hash (hash left out when
    /// withHash is false: that form is what the hash is computed over).
    QJsonObject toJson(bool withHash = true) const;
    /// nullopt (and *error, untranslated field name) when a field is missing or unknown.
    static std::optional<AuditEvent> fromJson(const QJsonObject &json, QString *error = nullptr);

    /// PEP 258's severity: failures are warnings, everything else information.
    bool isWarning() const { return outcome != Outcome::Success; }
};

} // namespace cimdiag
