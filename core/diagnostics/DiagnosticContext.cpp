// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/DiagnosticContext.h"

#include "core/log/DiagnosticLog.h"
#include "core/wbem/WbemConnection.h"
#include "core/wbem/WbemLogRecorder.h"

namespace cimdiag {

namespace {
DiagnosticContext::RecorderFactory &defaultRecorderFactory()
{
    static DiagnosticContext::RecorderFactory factory;
    return factory;
}
} // namespace

DiagnosticContext::DiagnosticContext(Target target, DiagnosticLog *log)
    : m_target(std::move(target))
    , m_ownLog(log ? nullptr : std::make_unique<DiagnosticLog>())
    , m_log(log ? log : m_ownLog.get())
{
    m_log->addSecrets(m_target.secrets());
    if (const RecorderFactory &factory = defaultRecorderFactory())
        addConnectionRecorder(factory(m_target));
}

DiagnosticContext::~DiagnosticContext() = default;

const CheckResult *DiagnosticContext::result(DiagnosticStage stage) const
{
    const auto it = m_results.constFind(stage);
    return it == m_results.constEnd() ? nullptr : &it.value();
}

void DiagnosticContext::setResult(const CheckResult &result)
{
    m_results.insert(result.stage, result);
}

void DiagnosticContext::clearResult(DiagnosticStage stage)
{
    m_results.remove(stage);
}

WbemConnection *DiagnosticContext::createConnection(DiagnosticStage stage, QObject *parent) const
{
    return createConnection(stage, m_target.credentials, parent);
}

WbemConnection *DiagnosticContext::createConnection(
    DiagnosticStage stage, const WbemCredentials &credentials, QObject *parent) const
{
    WbemConnectionOptions options = m_target.connectionOptions();
    options.credentials = credentials;
    auto *connection = new WbemConnection(options, parent);
    const QString source = diagnosticStageId(stage);
    connection->addRecorder(logRecorder([source] { return source; }));
    for (const auto &recorder : m_extraRecorders)
        connection->addRecorder(recorder);
    return connection;
}

WbemConnection *DiagnosticContext::sharedConnection(DiagnosticStage stage)
{
    m_sharedStage = stage;
    if (!m_shared) {
        m_shared = std::make_unique<WbemConnection>(m_target.connectionOptions());
        m_shared->statistics().setEnabled(true); // the session's statistics are part of the diagnosis
        m_shared->addRecorder(logRecorder([this] { return diagnosticStageId(m_sharedStage); }));
        for (const auto &recorder : m_extraRecorders)
            m_shared->addRecorder(recorder);
    }
    return m_shared.get();
}

void DiagnosticContext::setDefaultRecorderFactory(RecorderFactory factory)
{
    defaultRecorderFactory() = std::move(factory);
}

void DiagnosticContext::addConnectionRecorder(std::shared_ptr<WbemOperationRecorder> recorder)
{
    if (recorder)
        m_extraRecorders.push_back(std::move(recorder));
}

const WbemStatistics *DiagnosticContext::statistics() const
{
    return m_shared ? &m_shared->statistics() : nullptr;
}

std::shared_ptr<WbemOperationRecorder> DiagnosticContext::logRecorder(std::function<QString()> source) const
{
    DiagnosticLog *log = m_log;
    // The recorder outlives nothing it points to: the log and the context outlive every connection.
    return std::make_shared<WbemLogRecorder>(
        [log, source = std::move(source)](WbemLogRecorder::Channel channel, const QString &text) {
            log->add(channel == WbemLogRecorder::Channel::Operation ? LogChannel::Operation : LogChannel::Http,
                LogSeverity::Info, source(), text);
        });
}

} // namespace cimdiag
