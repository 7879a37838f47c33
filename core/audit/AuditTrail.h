// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/audit/AuditEvent.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace cimdiag {

/// The append-only audit trail: JSON Lines, one AuditEvent per line, each record chained to the one
/// before by SHA-256 (docs/audit-trail.md). An edited, deleted or reordered line breaks the chain
/// (AuditVerifier finds it).
///
/// append() is safe with several processes (and several AuditTrail objects) writing the same file:
/// it holds an exclusive flock(2) on the file while it reads the last record and appends the next,
/// so the chain stays valid whoever writes. Every append opens and closes the file: nothing is
/// cached between calls, and no lock is held between them.
///
/// Optionally each record is also sent to syslog (LOG_USER, INFO or WARNING like PEP 258), a copy
/// out of the user's reach. A disabled trail writes nothing; append() then returns true.
class AuditTrail final
{
public:
    /// path empty: AppPaths::auditTrailFile() ($XDG_STATE_HOME/cimdiag/audit.jsonl).
    explicit AuditTrail(QString path = {});
    ~AuditTrail();
    Q_DISABLE_COPY_MOVE(AuditTrail)

    /// The local account name (getpwuid of the effective uid, else $USER).
    static QString localUserName();
    /// A fresh random run id (UUID without braces).
    static QString newRunId();
    /// The "prev" of the first record: 64 zeros.
    static QString genesisHash();
    /// Lowercase hex SHA-256 of the record without its "hash" field, as compact JSON (QJsonObject
    /// keeps keys sorted, so writer and verifier serialise identically).
    static QString computeHash(QJsonObject record);

    const QString &filePath() const { return m_path; }

    bool isEnabled() const { return m_enabled; }
    void setEnabled(bool enabled) { m_enabled = enabled; }
    bool isSyslogEnabled() const { return m_syslog; }
    void setSyslogEnabled(bool enabled) { m_syslog = enabled; }

    /// Stamped on events that have none; newRunId() by default.
    const QString &runId() const { return m_runId; }
    void setRunId(const QString &runId) { m_runId = runId; }

    /// Fills time (now, UTC, unless set), localUser, runId (unless set), sequence, previousHash and
    /// hash, and appends the record. False (errorString()) when the file cannot be written.
    bool append(AuditEvent event);
    /// What the last failed append() said; empty after a successful one.
    const QString &errorString() const { return m_error; }

    /// Every record that parses, in file order (lines that do not parse are skipped: verify with
    /// AuditVerifier). *error is set when the file cannot be read; a missing file is no records.
    static QList<AuditEvent> readAll(const QString &path, QString *error = nullptr);

private:
    QString m_path;
    QString m_runId;
    QString m_error;
    bool m_enabled = true;
    bool m_syslog = false;
};

} // namespace cimdiag
