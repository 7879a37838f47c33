// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/log/LogEntry.h"
#include "core/log/LogRedactor.h"

#include <QList>
#include <QObject>

#include <deque>

namespace cimdiag {

/// The log of one diagnosis: a bounded buffer of LogEntry values, streamed by signal as they are
/// added. Passed by pointer to whoever writes (checks, recorders), never a singleton.
///
/// Every entry is redacted with the secrets given to addSecrets() before it is stored or emitted.
/// When the buffer is full the oldest entry goes first (droppedCount() says how many went).
class DiagnosticLog final : public QObject
{
    Q_OBJECT

public:
    explicit DiagnosticLog(qsizetype capacity = 100000, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(DiagnosticLog)

    /// Adds to the secrets to redact; those added before stay (several runs may share one log).
    void addSecrets(const QStringList &secrets);
    const LogRedactor &redactor() const { return m_redactor; }

    /// Stamps time (when null), redacts, stores, emits entryAdded().
    void add(LogEntry entry);
    void add(LogChannel channel, LogSeverity severity, const QString &source, const QString &text);

    qsizetype capacity() const { return m_capacity; }
    qsizetype size() const { return qsizetype(m_entries.size()); }
    qsizetype droppedCount() const { return m_dropped; }
    QList<LogEntry> entries() const;
    QList<LogEntry> entries(LogChannel channel) const;
    void clear();

Q_SIGNALS:
    /// Emitted for every entry added, already redacted.
    void entryAdded(const cimdiag::LogEntry &entry);

private:
    qsizetype m_capacity;
    qsizetype m_dropped = 0;
    std::deque<LogEntry> m_entries;
    LogRedactor m_redactor;
};

} // namespace cimdiag
