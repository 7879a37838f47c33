// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimFaultPlan.h"

namespace cimdiag {

namespace {

struct FaultInfo
{
    SimFault fault;
    const char *name;
    const char *failureModeId;
};

constexpr FaultInfo kFaults[] = {
    {SimFault::RefuseConnections, "RefuseConnections", "B2"},
    {SimFault::StallConnections, "StallConnections", "B6"},
    {SimFault::ResetAfterAccept, "ResetAfterAccept", "B5"},
    // A reset mid-reply is what an unstable ESXi CIM stack does (E11); garbage XML has no row yet.
    {SimFault::CloseMidBody, "CloseMidBody", "E11"},
    {SimFault::SlowResponse, "SlowResponse", "E8"},
    {SimFault::AlwaysUnauthorized, "AlwaysUnauthorized", "D3"},
    {SimFault::NoAuthentication, "NoAuthentication", "D6"},
    {SimFault::NonCimServer, "NonCimServer", "D18"},
    {SimFault::CimErrorHeader, "CimErrorHeader", "D13-D16"},
    {SimFault::ExpectContinue417, "ExpectContinue417", "D10"},
    {SimFault::InvalidXml, "InvalidXml", ""},
    {SimFault::FilterConnections, "FilterConnections", "B3"},
    {SimFault::RemotePrivilegedUserDenied, "RemotePrivilegedUserDenied", "D4"},
    {SimFault::NegotiateOnly, "NegotiateOnly", "D5"},
    {SimFault::Forbidden, "Forbidden", "D9"},
    {SimFault::ServiceUnavailable, "ServiceUnavailable", "D19"},
};

const FaultInfo *findFault(SimFault fault)
{
    for (const auto &info : kFaults) {
        if (info.fault == fault)
            return &info;
    }
    return nullptr;
}

} // namespace

QString simFaultName(SimFault fault)
{
    const FaultInfo *info = findFault(fault);
    return info ? QString::fromLatin1(info->name) : QStringLiteral("None");
}

std::optional<SimFault> simFaultFromName(QStringView name)
{
    for (const auto &info : kFaults) {
        if (name.compare(QLatin1StringView(info.name), Qt::CaseInsensitive) == 0)
            return info.fault;
    }
    return std::nullopt;
}

QString simFaultFailureModeId(SimFault fault)
{
    const FaultInfo *info = findFault(fault);
    return info ? QString::fromLatin1(info->failureModeId) : QString();
}

QList<SimFault> allSimFaults()
{
    QList<SimFault> faults;
    for (const auto &info : kFaults)
        faults.append(info.fault);
    return faults;
}

QString SimFaultPlan::toString() const
{
    QStringList names;
    for (const auto &info : kFaults) {
        if (has(info.fault))
            names.append(QString::fromLatin1(info.name));
    }
    return names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", "));
}

} // namespace cimdiag
