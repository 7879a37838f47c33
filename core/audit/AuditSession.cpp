// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audit/AuditSession.h"
#include "core/paths/AppPaths.h"

#include "core/audit/AuditOperationRecorder.h"
#include "core/audit/AuditTrail.h"
#include "core/audit/AuditedSettings.h"
#include "core/diagnostics/DiagnosticContext.h"

#include <QSettings>

namespace cimdiag {

AuditSession::AuditSession(const QString &application, const QJsonObject &startUp, const QString &trailPath)
    : m_settings(AppPaths::settings())
    , m_trail(std::make_shared<AuditTrail>(trailPath))
    , m_audited(std::make_unique<AuditedSettings>(*m_settings, m_trail))
{
    m_audited->applyToTrail();
    m_audited->recordStartUp(application, startUp, &m_error);
    // Each diagnosis gets its own recorder: its identity is the target's credentials.
    DiagnosticContext::setDefaultRecorderFactory(
        [trail = m_trail](const Target &target) -> std::shared_ptr<WbemOperationRecorder> {
            return std::make_shared<AuditOperationRecorder>(
                trail, AuditOperationRecorder::identityOf(target.connectionOptions()));
        });
}

AuditSession::~AuditSession()
{
    DiagnosticContext::setDefaultRecorderFactory({});
}

std::shared_ptr<AuditOperationRecorder> AuditSession::attach(WbemConnection &connection) const
{
    return AuditOperationRecorder::attach(connection, m_trail);
}

} // namespace cimdiag
