// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/CheckResult.h"
#include "core/diagnostics/Target.h"

#include <QCoreApplication>

namespace cimdiag {

class SlpDiscovery;

/// The verdicts of the SLP stage (I/O free, from a finished SlpDiscovery):
/// - ICMP port unreachable on unicast: Failed, A1 (no SLP agent: slpd stopped).
/// - Silence on unicast: Failed, A1 then A9 (filtered, or the reply dropped on the way back).
/// - An error reply: Failed, A5 for SCOPE_NOT_SUPPORTED, the error by name otherwise; A10.
/// - An answer without a service:wbem URL: Failed, A2, A3 (the CIMOM does not register); A10.
/// - An advert whose URL is not the target, or whose host is not the reply's source: Warning,
///   A7 then A10.
/// - A usable advert: Warning, A10 (an answering SLP agent is an exposure: the ESXi slpd CVEs).
/// Vendor deviations in the attributes add A6; a target that answers unicast but not the
/// multicast query adds A4.
class SlpDiagnosis final
{
    Q_DECLARE_TR_FUNCTIONS(SlpDiagnosis)

public:
    SlpDiagnosis() = delete;

    static CheckResult classify(const Target &target, const SlpDiscovery &discovery);
    /// Whether an advertised WBEM URL points at the target (scheme, host, port; host compared
    /// as an address where both are literals, else case-insensitively).
    static bool urlMatchesTarget(const QUrl &url, const Target &target);
};

} // namespace cimdiag
