// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/profile/ConnectionProfile.h"

#include <QObject>
#include <QStringList>

#include <memory>
#include <optional>

class QSettings;

namespace cimdiag {

class ProfileSecretJob;

/// Saved connection profiles: the profile itself in QSettings (group "profiles"), its password or
/// CIM ticket only in the system keychain through QtKeychain (the Secret Service on Linux: GNOME
/// Keyring, KWallet). QtKeychain's insecure fallback (writing the secret into a settings file when
/// no keychain answers) stays off: without a keychain, saving the secret fails with a message and
/// the profile is saved without it. No secret is ever written to the settings.
///
/// Reading and writing profiles is synchronous (a small settings file); everything that touches the
/// keychain is asynchronous (D-Bus) and returns a ProfileSecretJob: no nested event loop.
class ConnectionProfileStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionProfileStore)

public:
    /// The settings file every cimdiag program shares (AppPaths::settingsFile(),
    /// $XDG_CONFIG_HOME/cimdiag/cimdiag.conf) and keychain entries under the service "cimdiag".
    explicit ConnectionProfileStore(QObject *parent = nullptr);
    /// Profiles in the INI file settingsFile, keychain entries under keychainService.
    ConnectionProfileStore(const QString &settingsFile, const QString &keychainService, QObject *parent = nullptr);
    ~ConnectionProfileStore() override;

    /// The saved profiles' names, sorted (case-insensitive).
    QStringList names() const;
    bool contains(const QString &name) const;
    /// nullopt when there is no profile of that name.
    std::optional<ConnectionProfile> profile(const QString &name) const;
    QString settingsFileName() const;
    QString keychainService() const { return m_service; }

    /// Writes profile (replacing one of the same name) to the settings at once, then, when secret is
    /// non-empty, stores it in the keychain; with an empty secret an earlier stored one is removed.
    /// profile.secretInKeychain is set by the store (true once the keychain took the secret). The
    /// job fails when the settings cannot be written (nothing saved) or the keychain refuses the
    /// secret (the profile stays saved, without it). profilesChanged() follows the settings write.
    ProfileSecretJob *save(const ConnectionProfile &profile, const QString &secret);
    /// The profile's secret from the keychain. Succeeds with an empty secret when the profile has
    /// none stored; fails when the keychain does not answer or lost the entry.
    ProfileSecretJob *readSecret(const QString &name);
    /// Removes the profile from the settings at once and its secret from the keychain.
    ProfileSecretJob *remove(const QString &name);

    /// The keychain entry's key for a profile: "profile:<name>".
    static QString keychainKey(const QString &name);

Q_SIGNALS:
    /// A profile was added, replaced or removed.
    void profilesChanged();

private:
    QString group(const QString &name) const;
    void writeSecret(ProfileSecretJob *job, const QString &secret);
    void deleteSecret(ProfileSecretJob *job);
    void setSecretFlag(const QString &name, bool stored);

    std::unique_ptr<QSettings> m_settings;
    QString m_service;
};

} // namespace cimdiag
