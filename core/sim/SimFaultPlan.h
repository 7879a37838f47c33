// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFlags>
#include <QString>
#include <QStringList>

#include <optional>

namespace cimdiag {

/// What the simulator's HTTP layer does wrong on purpose. Each fault imitates one row of the
/// failure-mode catalogue (shared/reference/failure-modes.md); the id is in the comment and in
/// simFaultFailureModeId(). TLS faults (C3, C5, C7, C9, C10, C13) are not here: they come from the
/// certificate and protocol choices in SimTlsOptions.
enum class SimFault : quint32 {
    None = 0,
    RefuseConnections = 1U << 0, ///< B2: the listener is closed after binding, so connects get RST
    StallConnections = 1U << 1, ///< B6: accept (and finish TLS), read, never answer
    ResetAfterAccept = 1U << 2, ///< B5: accept, then RST before any byte
    CloseMidBody = 1U << 3, ///< truncated reply: full Content-Length announced, half sent, closed
    SlowResponse = 1U << 4, ///< E8: every answer is delayed by SimFaultPlan::slowResponseMs
    AlwaysUnauthorized = 1U << 5, ///< D3: 401 for every account, as in ESXi lockdown mode
    NoAuthentication = 1U << 6, ///< D6: no credentials asked for (a security finding)
    NonCimServer = 1U << 7, ///< D18: 200 text/html without CIMOperation, for every request
    CimErrorHeader = 1U << 8, ///< D13-D16: HTTP 400/501 with a chosen CIMError header value
    ExpectContinue417 = 1U << 9, ///< D10: 417 to `Expect: 100-continue`, as SFCB answers
    InvalidXml = 1U << 10, ///< a 200 MethodResponse whose body is not CIM-XML
    /// B3: nothing is accepted and further SYNs are dropped, so connects time out as behind a
    /// dropping firewall (Linux: a listen backlog of 0, accepting paused, the accept queue filled
    /// by one connection the simulator makes to itself).
    FilterConnections = 1U << 11,
    /// D4: user "root" gets 401 with OpenPegasus's PGErrorDetail "Remote privileged user access is
    /// not enabled." even with the right password; other accounts work.
    RemotePrivilegedUserDenied = 1U << 12,
    NegotiateOnly = 1U << 13, ///< D5: 401 challenges offer only Negotiate; nothing is accepted
    Forbidden = 1U << 14, ///< D9: 403 text/html for every request, as a front end answers
    ServiceUnavailable = 1U << 15, ///< D19: 503 with Retry-After for every request (shutting down)
};
Q_DECLARE_FLAGS(SimFaults, SimFault)

/// The protocol name of a fault as scenario files spell it ("RefuseConnections").
QString simFaultName(SimFault fault);
std::optional<SimFault> simFaultFromName(QStringView name);
/// The failure-mode catalogue id(s) a fault imitates ("B3/B6").
QString simFaultFailureModeId(SimFault fault);
/// Every single fault, in declaration order.
QList<SimFault> allSimFaults();

/// A fault plan: which faults are on and their parameters.
struct SimFaultPlan final
{
    SimFaults faults;
    /// SlowResponse: delay before each answer, in milliseconds.
    int slowResponseMs = 3000;
    /// CimErrorHeader: the HTTP status (DSP0200 uses 400, and 501 for the unsupported-* values)
    /// and the CIMError header value.
    int cimErrorStatus = 400;
    QString cimErrorValue = QStringLiteral("request-not-valid");

    bool has(SimFault fault) const { return faults.testFlag(fault); }
    /// "StallConnections, SlowResponse" (or "none").
    QString toString() const;

    friend bool operator==(const SimFaultPlan &, const SimFaultPlan &) = default;
};

} // namespace cimdiag

Q_DECLARE_OPERATORS_FOR_FLAGS(cimdiag::SimFaults)
