// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <memory>

class QSettings;

namespace cimdiag {

class AuditTrail;

/// The application's settings with every change audited (PEP 258 TYPE_CONFIGURATION): setValue()
/// and remove() write a CONFIGURATION_CHANGE event with the key, the old and the new value, and
/// recordStartUp() a START_UP event with the current configuration.
///
/// Secrets never enter the trail, nor these settings: a key that looks secret (password, ticket,
/// passphrase, secret, token, a private key) or was named with addSecretKey() is refused.
///
/// The trail's own switch is a setting too (auditEnabledKey()): turning it off writes an
/// AUDIT_TRAIL_CHANGE event and then disables the trail, so that event is the last one; turning
/// it on enables the trail and then writes the event, so the gap is visible.
class AuditedSettings final
{
public:
    /// settings and trail must outlive this object.
    AuditedSettings(QSettings &settings, std::shared_ptr<AuditTrail> trail);
    ~AuditedSettings();
    Q_DISABLE_COPY_MOVE(AuditedSettings)

    /// "audit/enabled" (bool, default true) and "audit/syslog" (bool, default false).
    static QString auditEnabledKey();
    static QString auditSyslogKey();

    void addSecretKey(const QString &key);
    bool isSecretKey(const QString &key) const;

    QVariant value(const QString &key, const QVariant &defaultValue = {}) const;
    /// Stores value and audits the change; no event when the value is unchanged. False (and nothing
    /// stored or written) for a secret key, or when the trail cannot be written (*error).
    bool setValue(const QString &key, const QVariant &value, QString *error = nullptr);
    bool remove(const QString &key, QString *error = nullptr);

    /// Sets the trail's enabled and syslog flags from the settings (call once at start-up).
    void applyToTrail();
    /// A START_UP / CURRENT_CONFIGURATION event: application, version, every setting that is not
    /// secret, and extra (e.g. the command line's non-secret options).
    bool recordStartUp(const QString &application, const QJsonObject &extra = {}, QString *error = nullptr);

    QSettings &settings() const { return m_settings; }
    const std::shared_ptr<AuditTrail> &trail() const { return m_trail; }

private:
    bool change(const QString &key, const QVariant &oldValue, const QVariant &newValue, QString *error);

    QSettings &m_settings;
    std::shared_ptr<AuditTrail> m_trail;
    QStringList m_secretKeys;
};

} // namespace cimdiag
