// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/log/DiagnosticLog.h"

namespace cimdiag {

DiagnosticLog::DiagnosticLog(qsizetype capacity, QObject *parent)
    : QObject(parent)
    , m_capacity(qMax<qsizetype>(1, capacity))
{ }

void DiagnosticLog::addSecrets(const QStringList &secrets)
{
    m_redactor = LogRedactor(m_redactor.secrets() + secrets);
}

void DiagnosticLog::add(LogEntry entry)
{
    if (entry.time.isNull())
        entry.time = QDateTime::currentDateTimeUtc();
    entry.text = m_redactor.redact(std::move(entry.text));
    if (qsizetype(m_entries.size()) == m_capacity) {
        m_entries.pop_front();
        ++m_dropped;
    }
    m_entries.push_back(std::move(entry));
    Q_EMIT entryAdded(m_entries.back());
}

void DiagnosticLog::add(LogChannel channel, LogSeverity severity, const QString &source, const QString &text)
{
    add(LogEntry {QDateTime(), channel, severity, source, text});
}

QList<LogEntry> DiagnosticLog::entries() const
{
    return QList<LogEntry>(m_entries.begin(), m_entries.end());
}

QList<LogEntry> DiagnosticLog::entries(LogChannel channel) const
{
    QList<LogEntry> result;
    for (const LogEntry &entry : m_entries) {
        if (entry.channel == channel)
            result.append(entry);
    }
    return result;
}

void DiagnosticLog::clear()
{
    m_entries.clear();
    m_dropped = 0;
}

} // namespace cimdiag
