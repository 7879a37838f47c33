// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace cimdiag {

/// Which stream a log line belongs to: what the operations did (one line per CIM operation), what
/// went over the wire (HTTP requests and replies, TLS and TCP events), or what the checks
/// concluded.
enum class LogChannel : quint8 { Operation, Http, Check };

enum class LogSeverity : quint8 { Debug, Info, Warning, Error };

/// One log line (a value). text is protocol output or a check's own words; secrets are removed by
/// the DiagnosticLog before anyone sees the entry.
struct LogEntry final
{
    QDateTime time;
    LogChannel channel = LogChannel::Check;
    LogSeverity severity = LogSeverity::Info;
    /// Who wrote it: a stage id ("tls", "auth", ...) or empty.
    QString source;
    QString text;

    /// "operation", "http", "check": stable names for filters, reports and --log.
    static QString channelName(LogChannel channel);
    static std::optional<LogChannel> channelFromName(QStringView name);
    /// "debug", "info", "warning", "error".
    static QString severityName(LogSeverity severity);
};

} // namespace cimdiag
