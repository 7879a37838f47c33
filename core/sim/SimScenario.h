// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/sim/SimAccount.h"
#include "core/sim/SimFaultPlan.h"
#include "core/sim/SimIndicationOptions.h"
#include "core/sim/SimModelOptions.h"
#include "core/sim/SimOperationFailure.h"
#include "core/sim/SimSlpOptions.h"
#include "core/sim/SimTlsOptions.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace cimdiag {

/// One simulator set-up, read from a JSON scenario file (resources/scenarios/NAME.json, embedded
/// under :/scenarios/): the model to build, the fault plan, the TLS options and the accounts.
///
/// File format (every key but name and description optional; unknown keys are errors so a typo
/// does not silently produce a healthy server):
/// ```
/// { "name": "cert-expired", "description": "one line", "failureModes": ["C9"],
///   "model": {"interopNamespace": "interop", "managedNamespace": "root/cimv2",
///             "logRecordCount": 50, "bulkInstanceCount": 0, "computerSystems": true},
///   "faults": ["SlowResponse"], "slowResponseMs": 5000, "cimErrorStatus": 400, "cimErrorValue": "...",
///   "tls": {"certificate": "Expired", "protocols": "LegacyOnly", "clientCertificate": "Required",
///           "cipherString": "...", "dhParameterBits": 1024},
///   "accounts": [{"user": "u", "password": "p"}], "realm": "...",
///   "operationFailures": [{"operation": "GetInstance", "code": 6, "description": "...",
///                          "className": "CIM_ComputerSystem"}],
///   "pullSupported": true, "serverName": "Server header value; empty for none",
///   "indications": {"intervalMs": 30000, "egress": "Blocked", "deliveryDelayMs": 0,
///                   "deliveryTimeoutMs": 10000, "deliveryRetryAttempts": 3, "deliveryRetryIntervalMs": 20000,
///                   "fatalErrorPolicy": "Disable", "deliverOnCreate": true},
///   "slp": {"urls": ["service:wbem:https://{host}:{httpsPort}"], "scopes": ["DEFAULT"],
///           "attributes": {"service-hi-name": "x", "Namespace": ["interop", "root/cimv2"]},
///           "rawAttributes": "(Interop=/interop)", "errorCode": 0, "lifetime": 10800} }
/// ```
/// An "slp" section (even empty) turns the SLP service agent on (SimSlpResponder).
struct SimScenario final
{
    QString name;
    QString description;
    QStringList failureModes; ///< catalogue ids (shared/reference/failure-modes.md)
    SimModelOptions model;
    SimFaultPlan faultPlan;
    SimTlsOptions tls;
    SimAccountList accounts; ///< empty: no authentication
    QString realm = QStringLiteral("cimdiag-sim");
    QList<SimOperationFailure> operationFailures;
    bool pullSupported = true;
    /// The Server header; nullopt keeps the simulator's own ("cimdiag-sim/VERSION"), an empty string
    /// sends none (OpenPegasus sends no Server header).
    std::optional<QString> serverName;
    /// Indication delivery to subscribed listeners and its faults (F2, F3, F6, slow delivery).
    SimIndicationOptions indications;
    /// The SLP service agent's advert (enabled by an "slp" section).
    SimSlpOptions slp;

    /// Whether the server side needs OpenSSL's security level 0, which a process must set before
    /// OpenSSL starts (cimdiag-sim does, through OPENSSL_CONF): legacy-only TLS (C3), RSA-1024 (C5),
    /// SHA-1 signatures (C6), a small DH group (C4). Such scenarios run in a cimdiag-sim process of
    /// their own, never in a process that is also a client.
    bool needsSecurityLevel0() const;

    /// Parses and validates a scenario. On failure returns nullopt and sets *error to
    /// "SOURCE: field 'tls.protocols': ..." naming the file and the field.
    static std::optional<SimScenario> fromJson(QByteArrayView json, const QString &source, QString *error = nullptr);
    static std::optional<SimScenario> fromFile(const QString &path, QString *error = nullptr);

    /// The embedded scenarios' names, sorted.
    static QStringList builtInNames();
    /// An embedded scenario, or a file path when name contains '/' or ends in .json.
    static std::optional<SimScenario> load(const QString &nameOrPath, QString *error = nullptr);
    static QString builtInPath(const QString &name); ///< ":/scenarios/NAME.json"
};

} // namespace cimdiag
