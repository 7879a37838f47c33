// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/Target.h"

#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace cimdiag {

/// A saved connection (a value): everything the target page holds except the secret. The password
/// or CIM ticket never lives in a profile; ConnectionProfileStore keeps it in the system keychain
/// and secretInKeychain records that it did.
struct ConnectionProfile final
{
    QString name;
    /// As Target::displayUrl() writes it: "https://host:5989".
    QString url;
    WbemCredentials::Kind credentialKind = WbemCredentials::Kind::Basic;
    QString user;
    bool preemptive = true;
    QString caFile;
    QString caDirectory;
    QString clientCertificateFile;
    QString clientKeyFile;
    bool verifyHostname = true;
    /// QSslError::SslError values the user chose to continue past.
    QList<int> ignoredErrors;
    /// SHA-256 fingerprint of the pinned server certificate, colon-separated hex; empty: no pin.
    QString pinnedSha256;
    /// Empty: Target::defaultInteropNamespaces().
    QStringList interopNamespaces;
    QString nameSpace;
    QString className;
    std::chrono::milliseconds timeout {10000};
    std::chrono::milliseconds slowResponse {2000};
    /// The password (Basic) or ticket (CimTicket) is in the system keychain under this profile.
    bool secretInKeychain = false;

    /// The profile of target under name; the target's password, ticket and client key passphrase
    /// are left out.
    static ConnectionProfile fromTarget(const QString &name, const Target &target);
    /// The target this profile describes, with secret as password or ticket; nullopt (and *error,
    /// translated) when the URL does not parse.
    std::optional<Target> toTarget(const QString &secret = QString(), QString *error = nullptr) const;

    friend bool operator==(const ConnectionProfile &, const ConnectionProfile &) = default;
};

} // namespace cimdiag
