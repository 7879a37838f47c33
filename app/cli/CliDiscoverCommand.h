// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/slp/SlpDiscovery.h"

#include <QCoreApplication>
#include <QIODevice>

#include <optional>

namespace cimdiag {

/// `cimdiag-cli discover [--unicast HOST[:PORT]] [--scope S] [--timeout S] [--json]`: one SLP
/// query for service:wbem (SlpDiscovery) and the servers found with their DSP0206 attributes.
/// Without --unicast the query is multicast to 239.255.255.253:427 (--broadcast: broadcast
/// instead); with it, only the given agents are asked, and a host without an SLP agent (ICMP port
/// unreachable) is told apart from silence [A1].
class CliDiscoverCommand final
{
    Q_DECLARE_TR_FUNCTIONS(CliDiscoverCommand)

public:
    enum ExitStatus : int {
        ExitFound = 0, ///< at least one service:wbem URL
        ExitNothingFound = 1,
        ExitUsage = 64, ///< BSD sysexits.h EX_USAGE
    };

    struct Parsed
    {
        enum class Action : quint8 { Run, Help, Version, Usage };
        Action action = Action::Usage;
        QString text; ///< help, version or what is wrong
        std::optional<SlpDiscovery::Options> options;
        bool json = false;
    };

    /// arguments: the program name, "discover", then the command's own arguments.
    static Parsed parse(const QStringList &arguments);

    CliDiscoverCommand(SlpDiscovery::Options options, bool json);
    /// Runs the query on its own event loop and prints the result; returns an ExitStatus.
    int run(QIODevice &out, QIODevice &err) const;

private:
    SlpDiscovery::Options m_options;
    bool m_json = false;
};

} // namespace cimdiag
