// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimCertificateOptions.h"

#include "core/net/CertificateFactory.h"

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

CertificateRequest SimCertificateOptions::request() const
{
    CertificateRequest request;
    request.commonName = commonName;
    request.organization = QStringLiteral("cimdiag simulator");
    request.dnsNames = dnsNames;
    request.ipAddresses = ipAddresses;
    request.keyBits = keyBits;
    request.notBeforeDays = -1;
    request.notAfterDays = validityDays;
    switch (fault) {
    case SimCertificateFault::None:
    case SimCertificateFault::SelfSigned:
        break;
    case SimCertificateFault::Expired:
        request.notBeforeDays = -60;
        request.notAfterDays = -1;
        break;
    case SimCertificateFault::NotYetValid:
        request.notBeforeDays = 30;
        request.notAfterDays = 60;
        break;
    case SimCertificateFault::WrongHost:
        // C10: a name the client never connects to, and no IP address.
        request.commonName = QStringLiteral("other.example");
        request.dnsNames = {QStringLiteral("other.example")};
        request.ipAddresses.clear();
        break;
    case SimCertificateFault::WeakKey:
        // C5: 1024 bits is below OpenSSL's SECLEVEL 2 (Debian's default), so clients see code 66.
        request.keyBits = 1024;
        break;
    case SimCertificateFault::Sha1Signature:
        // C6: SHA-1 signatures fail at SECLEVEL 1 and above in OpenSSL 3 (verify code 68).
        request.digest = CertificateRequest::Digest::Sha1;
        break;
    }
    return request;
}

IssuedCertificate SimCertificateOptions::issue(const CertificateFactory &factory, QString *error) const
{
    // C7: the leaf signs itself, as sfcb, Pegasus and standalone ESXi ship.
    if (fault == SimCertificateFault::SelfSigned)
        return CertificateFactory::selfSignedServerCertificate(request(), error);
    return factory.issueServerCertificate(request(), error);
}

} // namespace cimdiag
