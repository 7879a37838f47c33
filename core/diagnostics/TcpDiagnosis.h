// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/CheckResult.h"
#include "core/diagnostics/Target.h"
#include "core/net/TcpProbeResult.h"

#include <QHostAddress>
#include <QList>

#include <optional>

namespace cimdiag {

/// The verdict of the TCP stage from the probes of every address on the target port and on the
/// other CIM port (pure, so the table of outcomes is testable without sockets):
/// - open everywhere: Passed;
/// - open on some addresses, and every failing one is of the family that is open nowhere: B7
///   Warning (IPv4/IPv6 mismatch); open on some, failing otherwise: Warning with the failures' ids;
/// - open nowhere: Failed with the outcome's id (Refused B2, Filtered B3, Unreachable B4,
///   ResetAfterAccept B5), and when the other CIM port is open the summary says to try it.
class TcpDiagnosis final
{
public:
    TcpDiagnosis() = delete;

    static CheckResult classify(
        const Target &target, const QList<TcpProbeResult> &targetPort, const QList<TcpProbeResult> &otherPort);
    /// The first address whose target port is open (in probe order).
    static std::optional<QHostAddress> reachableAddress(const QList<TcpProbeResult> &targetPort);
    /// The catalogue id of an outcome: B2, B3, B4, B5; empty for Open, Error and Cancelled.
    static QString hintId(TcpProbeResult::Outcome outcome);
    /// The evidence value: "open 0.4 ms", "ECONNREFUSED", "ETIMEDOUT", "EOF", "no answer within 1000 ms", ...
    static QString evidenceValue(const TcpProbeResult &result);
    /// A probe of the other CIM port that was not waited for beyond grace (TcpCheck): outcome
    /// Filtered without an errno name (a real timeout has ETIMEDOUT). Shown as "no answer within
    /// 1 s (filtered?)": the port may only be slow, and it is not the one asked for.
    static TcpProbeResult unanswered(const QHostAddress &address, quint16 port, std::chrono::milliseconds grace);
    /// result is one unanswered() made.
    static bool isUnanswered(const TcpProbeResult &result);
    /// "0.4 ms"
    static QString formatTime(std::chrono::microseconds time);
};

} // namespace cimdiag
