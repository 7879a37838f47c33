// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimCertificateOptions.h"

namespace cimdiag {

namespace {

struct FaultInfo
{
    SimCertificateFault fault;
    const char *name;
    const char *failureModeId;
};

constexpr FaultInfo kFaults[] = {
    {SimCertificateFault::None, "None", ""},
    {SimCertificateFault::Expired, "Expired", "C9"},
    {SimCertificateFault::NotYetValid, "NotYetValid", "C9"},
    {SimCertificateFault::WrongHost, "WrongHost", "C10"},
    {SimCertificateFault::SelfSigned, "SelfSigned", "C7"},
    {SimCertificateFault::WeakKey, "WeakKey", "C5"},
    {SimCertificateFault::Sha1Signature, "Sha1Signature", "C6"},
};

} // namespace

QString simCertificateFaultName(SimCertificateFault fault)
{
    for (const auto &info : kFaults) {
        if (info.fault == fault)
            return QString::fromLatin1(info.name);
    }
    return {};
}

std::optional<SimCertificateFault> simCertificateFaultFromName(QStringView name)
{
    for (const auto &info : kFaults) {
        if (name.compare(QLatin1StringView(info.name), Qt::CaseInsensitive) == 0)
            return info.fault;
    }
    return std::nullopt;
}

QString simCertificateFaultFailureModeId(SimCertificateFault fault)
{
    for (const auto &info : kFaults) {
        if (info.fault == fault)
            return QString::fromLatin1(info.failureModeId);
    }
    return {};
}

} // namespace cimdiag
