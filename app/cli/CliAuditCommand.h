// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QIODevice>
#include <QStringList>

#include <optional>

namespace cimdiag {

/// `cimdiag-cli audit show|verify|enable|disable`: reads and checks the audit trail
/// (docs/audit-trail.md) and switches it, the switch itself audited (AuditedSettings).
/// - show [--json] [--since WHEN] [--file F]: the records, one per line (--json: as stored).
/// - verify [--file F]: exit 0 when the chain is intact, 1 with the first bad line and why.
/// - enable [--syslog | --no-syslog], disable: the audit/enabled and audit/syslog settings.
class CliAuditCommand final
{
    Q_DECLARE_TR_FUNCTIONS(CliAuditCommand)

public:
    /// 64 and 74 are BSD sysexits.h's EX_USAGE and EX_IOERR.
    enum ExitStatus : int { ExitOk = 0, ExitBroken = 1, ExitUsage = 64, ExitIoError = 74 };

    /// arguments: the program name, "audit", the subcommand and its options.
    static int run(const QStringList &arguments, QIODevice &out, QIODevice &err);

    /// --since: an ISO 8601 date or date-time (UTC unless it says otherwise), or a span back from
    /// now: 30m, 12h, 7d. nullopt when neither.
    static std::optional<QDateTime> parseSince(const QString &text, const QDateTime &now);
};

} // namespace cimdiag
