// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QIODevice;

namespace cimdiag {

/// Checks an audit trail (AuditTrail's JSON Lines) record by record: each line parses as a version 1
/// record, its "hash" is the SHA-256 of the record without it, its "prev" is the hash of the line
/// before (the genesis hash for the first) and its "seq" one more than that line's. The first line
/// that breaks a rule is reported with its number and what is wrong; nothing after it is trusted.
class AuditVerifier final
{
public:
    struct Result
    {
        bool valid = true;
        /// Records checked and found valid (before the first bad line).
        qint64 records = 0;
        /// 1-based line number of the first bad line; 0 when valid.
        qint64 line = 0;
        /// What is wrong with it (translated); empty when valid.
        QString reason;
    };

    AuditVerifier() = delete;

    /// A missing file is an empty, valid trail; an unreadable one is invalid at line 0.
    static Result verifyFile(const QString &path);
    static Result verify(QIODevice &device);
};

} // namespace cimdiag
