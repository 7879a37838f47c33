// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/DiagnosticCheck.h"

#include "core/diagnostics/DiagnosticContext.h"
#include "core/log/DiagnosticLog.h"

#include <QTimer>

namespace cimdiag {

DiagnosticCheck::DiagnosticCheck(DiagnosticStage stage, DiagnosticContext &context, QObject *parent)
    : QObject(parent)
    , m_stage(stage)
    , m_context(context)
{
    m_result.stage = stage;
}

DiagnosticCheck::~DiagnosticCheck() = default;

void DiagnosticCheck::start()
{
    if (m_started)
        return;
    m_started = true;
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_elapsed.start();
    m_result.status = CheckStatus::Running;
    // Queued, so finished() never fires from inside start() (KDSoapJob::start does the same).
    QTimer::singleShot(0, this, [this] {
        if (!m_finished)
            doStart();
    });
}

void DiagnosticCheck::cancel()
{
    stop(CheckResult::skipped(tr("Cancelled")));
}

void DiagnosticCheck::abort(const QString &reason)
{
    stop(CheckResult::failed(reason));
}

void DiagnosticCheck::stop(CheckResult result)
{
    if (m_finished || m_stopping)
        return;
    // Cancelling a probe or an operation makes it finish, and the subclass's slot would report
    // that as its own (failed) result; while stopping, finish() ignores the subclass.
    m_stopping = true;
    if (m_started)
        doCancel();
    m_stopping = false;
    finish(std::move(result));
}

void DiagnosticCheck::finish(CheckResult result)
{
    if (m_finished || m_stopping)
        return;
    m_finished = true;
    result.stage = m_stage;
    result.startedAt = m_startedAt.isValid() ? m_startedAt : QDateTime::currentDateTimeUtc();
    result.duration = std::chrono::milliseconds(m_elapsed.isValid() ? m_elapsed.elapsed() : 0);
    // A check may quote what a server echoed; results leave core with no secret in them.
    m_result = result.redacted(m_context.log()->redactor());
    m_context.setResult(m_result);
    LogSeverity severity = LogSeverity::Info;
    if (m_result.status == CheckStatus::Warning)
        severity = LogSeverity::Warning;
    else if (m_result.status == CheckStatus::Failed)
        severity = LogSeverity::Error;
    log(LogChannel::Check, severity,
        checkStatusTitle(m_result.status) + QStringLiteral(": ") + m_result.summary
            + (m_result.hintIds.isEmpty() ? QString() : QStringLiteral(" [") + m_result.hintIds.join(u',') + u']'));
    Q_EMIT finished();
}

void DiagnosticCheck::log(LogChannel channel, LogSeverity severity, const QString &text) const
{
    m_context.log()->add(channel, severity, diagnosticStageId(m_stage), text);
}

void DiagnosticCheck::reportProgress(const QString &text)
{
    logInfo(text);
    Q_EMIT progress(text);
}

} // namespace cimdiag
