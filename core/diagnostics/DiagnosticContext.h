// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/CheckResult.h"
#include "core/diagnostics/DiagnosticFindings.h"
#include "core/diagnostics/Target.h"
#include "core/wbem/WbemCredentials.h"

#include <QHash>

#include <functional>
#include <memory>
#include <vector>

namespace cimdiag {

class DiagnosticLog;
class WbemConnection;
class WbemOperationRecorder;
class WbemStatistics;

/// What the checks of one run share: the target, the log, the findings so far and the results of
/// finished stages. Owned by the DiagnosticRunner; checks get it by reference.
class DiagnosticContext final
{
public:
    DiagnosticContext(Target target, DiagnosticLog *log);
    ~DiagnosticContext();
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
    WbemConnection *createConnection(DiagnosticStage stage, const WbemCredentials &credentials, QObject *parent) const;
    /// The one connection with the target's credentials that the CIM stages share (created on first
    /// use, owned by the context), so their kept-alive connections and TLS sessions carry over from
    /// stage to stage as they would in a real client: a diagnosis of 1,000 https targets makes a
    /// few handshakes each, not one per operation. Its log lines carry stage's id as source from
    /// this call on (the CIM stages run one after the other).
    WbemConnection *sharedConnection(DiagnosticStage stage);
    /// The shared connection's operation statistics (pywbem's fields; always recorded), null before
    /// a CIM stage ran.
    const WbemStatistics *statistics() const;

    /// Added to every connection this context creates from now on, after the log recorder (the
    /// audit trail's recorder: AuditOperationRecorder).
    void addConnectionRecorder(std::shared_ptr<WbemOperationRecorder> recorder);
    /// Makes a recorder for a new context (nullptr: none); called by every context's constructor.
    using RecorderFactory = std::function<std::shared_ptr<WbemOperationRecorder>(const Target &)>;
    /// Process-wide, set once by an application's main() before any run (the desktop app's runners
    /// are made deep in the wizard). Empty: no recorder.
    static void setDefaultRecorderFactory(RecorderFactory factory);

private:
    std::shared_ptr<WbemOperationRecorder> logRecorder(std::function<QString()> source) const;

    Target m_target;
    std::unique_ptr<DiagnosticLog> m_ownLog;
    DiagnosticLog *m_log;
    DiagnosticFindings m_findings;
    QHash<DiagnosticStage, CheckResult> m_results;
    std::unique_ptr<WbemConnection> m_shared;
    DiagnosticStage m_sharedStage = DiagnosticStage::Authentication;
    std::vector<std::shared_ptr<WbemOperationRecorder>> m_extraRecorders;
};

} // namespace cimdiag
