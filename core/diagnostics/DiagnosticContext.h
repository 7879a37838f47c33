// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/CheckResult.h"
#include "core/diagnostics/DiagnosticFindings.h"
#include "core/diagnostics/Target.h"
#include "core/wbem/WbemCredentials.h"

#include <QHash>

#include <memory>

namespace cimdiag {

class DiagnosticLog;
class WbemConnection;

/// What the checks of one run share: the target, the log, the findings so far and the results of
/// finished stages. Owned by the DiagnosticRunner; checks get it by reference.
class DiagnosticContext final
{
public:
    DiagnosticContext(Target target, DiagnosticLog *log);
    Q_DISABLE_COPY_MOVE(DiagnosticContext)

    const Target &target() const { return m_target; }
    /// Never null: a private log when none was given.
    DiagnosticLog *log() const { return m_log; }

    DiagnosticFindings &findings() { return m_findings; }
    const DiagnosticFindings &findings() const { return m_findings; }

    /// The finished result of a stage, or nullptr.
    const CheckResult *result(DiagnosticStage stage) const;
    void setResult(const CheckResult &result);
    void clearResult(DiagnosticStage stage);

    /// A WbemConnection to the target for the check of stage (parent: parent), whose exchanges go
    /// to the log's operation and http channels with the stage id as source, secrets redacted.
    /// credentials replace the target's own (Authentication probes without any). The connection
    /// goes to the target's host name as given, so TLS verifies the name the user typed.
    WbemConnection *createConnection(DiagnosticStage stage, QObject *parent) const;
    WbemConnection *createConnection(DiagnosticStage stage, const WbemCredentials &credentials,
                                     QObject *parent) const;

private:
    Target m_target;
    std::unique_ptr<DiagnosticLog> m_ownLog;
    DiagnosticLog *m_log;
    DiagnosticFindings m_findings;
    QHash<DiagnosticStage, CheckResult> m_results;
};

} // namespace cimdiag
