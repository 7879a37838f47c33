// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

#include <memory>

class QSettings;

namespace cimdiag {

class AuditedSettings;
class AuditOperationRecorder;
class AuditTrail;
class WbemConnection;

/// An application's audit trail for one process run (composition for main()): opens the
/// application settings and the trail, applies the audit settings, writes the START_UP event and
/// installs DiagnosticContext's default recorder factory, so every diagnosis the process runs
/// audits its authentications and server-changing operations. The destructor removes the factory.
/// One per process.
class AuditSession final
{
public:
    /// application: "cimdiag-cli check", "cimdiag"; startUp: extra START_UP details (no secrets).
    /// trailPath empty: AppPaths::auditTrailFile().
    explicit AuditSession(const QString &application, const QJsonObject &startUp = {}, const QString &trailPath = {});
    ~AuditSession();
    Q_DISABLE_COPY_MOVE(AuditSession)

    const std::shared_ptr<AuditTrail> &trail() const { return m_trail; }
    AuditedSettings &settings() const { return *m_audited; }
    /// An AuditOperationRecorder for a connection the application makes itself.
    std::shared_ptr<AuditOperationRecorder> attach(WbemConnection &connection) const;
    /// Why the START_UP event could not be written (empty when it was, or the trail is off).
    const QString &errorString() const { return m_error; }

private:
    std::unique_ptr<QSettings> m_settings;
    std::shared_ptr<AuditTrail> m_trail;
    std::unique_ptr<AuditedSettings> m_audited;
    QString m_error;
};

} // namespace cimdiag
