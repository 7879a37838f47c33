// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audit/AuditedSettings.h"
#include "core/paths/AppPaths.h"

#include "core/audit/AuditTrail.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <QRegularExpression>
#include <QSettings>

namespace cimdiag {

namespace {

QJsonValue jsonOf(const QVariant &value)
{
    return value.isValid() ? QJsonValue::fromVariant(value) : QJsonValue(QJsonValue::Null);
}

} // namespace

AuditedSettings::AuditedSettings(QSettings &settings, std::shared_ptr<AuditTrail> trail)
    : m_settings(settings)
    , m_trail(std::move(trail))
{ }

AuditedSettings::~AuditedSettings() = default;

QString AuditedSettings::auditEnabledKey()
{
    return QStringLiteral("audit/enabled");
}

QString AuditedSettings::auditSyslogKey()
{
    return QStringLiteral("audit/syslog");
}

void AuditedSettings::addSecretKey(const QString &key)
{
    m_secretKeys.append(key);
}

bool AuditedSettings::isSecretKey(const QString &key) const
{
    if (m_secretKeys.contains(key, Qt::CaseInsensitive))
        return true;
    // By name as well: a secret added later by someone who forgot addSecretKey() must not leak.
    static const QRegularExpression secretName(QStringLiteral("password|passwd|passphrase|ticket|secret|token|"
                                                              "privatekey|private_key|credential"),
        QRegularExpression::CaseInsensitiveOption);
    return secretName.match(key).hasMatch();
}

QVariant AuditedSettings::value(const QString &key, const QVariant &defaultValue) const
{
    return m_settings.value(key, defaultValue);
}

bool AuditedSettings::setValue(const QString &key, const QVariant &value, QString *error)
{
    if (isSecretKey(key)) {
        if (error)
            *error = QCoreApplication::translate("AuditedSettings", "%1 is a secret and is not stored").arg(key);
        return false;
    }
    const QVariant old = m_settings.value(key);
    if (old.isValid() && old.toString() == value.toString())
        return true;
    return change(key, old, value, error);
}

bool AuditedSettings::remove(const QString &key, QString *error)
{
    if (!m_settings.contains(key))
        return true;
    return change(key, m_settings.value(key), {}, error);
}

bool AuditedSettings::change(const QString &key, const QVariant &oldValue, const QVariant &newValue, QString *error)
{
    AuditEvent event;
    event.type = AuditEvent::Type::Configuration;
    event.subType = key == auditEnabledKey() || key == auditSyslogKey() ? AuditEvent::SubType::AuditTrailChange
                                                                        : AuditEvent::SubType::ConfigurationChange;
    event.event = AuditEvent::Event::Update;
    event.details.insert(QStringLiteral("key"), key);
    event.details.insert(QStringLiteral("oldValue"), jsonOf(oldValue));
    event.details.insert(QStringLiteral("newValue"), jsonOf(newValue));
    event.details.insert(QStringLiteral("settingsFile"), m_settings.fileName());

    const bool switchingOn = key == auditEnabledKey() && newValue.toBool() && !m_trail->isEnabled();
    if (switchingOn)
        m_trail->setEnabled(true); // first, so the event that says so is written
    // Written before the change takes effect: a change the trail cannot record is not made.
    if (!m_trail->append(event)) {
        if (switchingOn)
            m_trail->setEnabled(false);
        if (error)
            *error = m_trail->errorString();
        return false;
    }
    if (newValue.isValid())
        m_settings.setValue(key, newValue);
    else
        m_settings.remove(key);
    m_settings.sync();
    if (key == auditEnabledKey())
        m_trail->setEnabled(newValue.isValid() ? newValue.toBool() : true);
    else if (key == auditSyslogKey())
        m_trail->setSyslogEnabled(newValue.toBool());
    return true;
}

void AuditedSettings::applyToTrail()
{
    m_trail->setEnabled(m_settings.value(auditEnabledKey(), true).toBool());
    m_trail->setSyslogEnabled(m_settings.value(auditSyslogKey(), false).toBool());
}

bool AuditedSettings::recordStartUp(const QString &application, const QJsonObject &extra, QString *error)
{
    AuditEvent event;
    event.type = AuditEvent::Type::Configuration;
    event.subType = AuditEvent::SubType::CurrentConfiguration;
    event.event = AuditEvent::Event::StartUp;
    QJsonObject settings;
    for (const QString &key : m_settings.allKeys()) {
        if (!isSecretKey(key))
            settings.insert(key, jsonOf(m_settings.value(key)));
    }
    settings.insert(auditEnabledKey(), m_trail->isEnabled());
    settings.insert(auditSyslogKey(), m_trail->isSyslogEnabled());
    event.details.insert(QStringLiteral("application"), application);
    event.details.insert(QStringLiteral("version"), QCoreApplication::applicationVersion());
    event.details.insert(QStringLiteral("pid"), QCoreApplication::applicationPid());
    event.details.insert(QStringLiteral("settings"), settings);
    for (auto it = extra.begin(); it != extra.end(); ++it)
        event.details.insert(it.key(), it.value());
    if (!m_trail->append(event)) {
        if (error)
            *error = m_trail->errorString();
        return false;
    }
    return true;
}

} // namespace cimdiag
