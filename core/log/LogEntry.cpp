// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/log/LogEntry.h"

namespace cimdiag {

QString LogEntry::channelName(LogChannel channel)
{
    switch (channel) {
    case LogChannel::Operation:
        return QStringLiteral("operation");
    case LogChannel::Http:
        return QStringLiteral("http");
    case LogChannel::Check:
        return QStringLiteral("check");
    }
    return {};
}

std::optional<LogChannel> LogEntry::channelFromName(QStringView name)
{
    for (const LogChannel channel : {LogChannel::Operation, LogChannel::Http, LogChannel::Check}) {
        if (name.compare(channelName(channel), Qt::CaseInsensitive) == 0)
            return channel;
    }
    // "ops" is the short form the CLI's --log takes.
    if (name.compare(QLatin1String("ops"), Qt::CaseInsensitive) == 0)
        return LogChannel::Operation;
    return std::nullopt;
}

QString LogEntry::severityName(LogSeverity severity)
{
    switch (severity) {
    case LogSeverity::Debug:
        return QStringLiteral("debug");
    case LogSeverity::Info:
        return QStringLiteral("info");
    case LogSeverity::Warning:
        return QStringLiteral("warning");
    case LogSeverity::Error:
        return QStringLiteral("error");
    }
    return {};
}

} // namespace cimdiag
