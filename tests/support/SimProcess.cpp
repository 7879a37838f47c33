// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/SimProcess.h"

#include <QDeadlineTimer>

namespace cimdiag {

SimProcess::~SimProcess()
{
    stop();
}

bool SimProcess::start(const QString &scenario, const QString &caFile, int timeoutMs)
{
    const QString program = qEnvironmentVariable("CIMDIAG_SIM");
    if (program.isEmpty()) {
        m_errorString = QStringLiteral("CIMDIAG_SIM is not set (run the test through ctest)");
        return false;
    }
    m_process.setProgram(program);
    m_process.setArguments({QStringLiteral("--scenario"), scenario, QStringLiteral("--ca-file"), caFile});
    // Its stderr (start-up errors) goes to the test log; stdout carries the "key: value" lines.
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start(QIODevice::ReadOnly);

    const QDeadlineTimer deadline(timeoutMs);
    if (!m_process.waitForStarted(int(deadline.remainingTime()))) {
        m_errorString = program + QStringLiteral(": ") + m_process.errorString();
        return false;
    }
    while (true) {
        while (m_process.canReadLine()) {
            const QByteArray line = m_process.readLine();
            m_output += line;
            const QByteArray trimmed = line.trimmed();
            if (trimmed.startsWith("http: "))
                m_httpUrl = QUrl(QString::fromUtf8(trimmed.mid(6)));
            else if (trimmed.startsWith("https: "))
                m_httpsUrl = QUrl(QString::fromUtf8(trimmed.mid(7)));
            else if (trimmed == "ready")
                return true;
        }
        if (m_process.state() != QProcess::Running || deadline.hasExpired())
            break;
        m_process.waitForReadyRead(int(deadline.remainingTime()));
    }
    m_errorString
        = QStringLiteral("cimdiag-sim --scenario %1 did not become ready (%2); output: %3")
              .arg(scenario,
                  m_process.state() == QProcess::Running ? QStringLiteral("timeout") : QStringLiteral("exited"),
                  QString::fromUtf8(m_output));
    stop();
    return false;
}

void SimProcess::stop(int timeoutMs)
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (m_process.waitForFinished(timeoutMs))
        return;
    m_process.kill();
    m_process.waitForFinished(timeoutMs);
}

} // namespace cimdiag
