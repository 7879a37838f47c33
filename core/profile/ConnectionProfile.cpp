// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/profile/ConnectionProfile.h"

namespace cimdiag {

ConnectionProfile ConnectionProfile::fromTarget(const QString &name, const Target &target)
{
    ConnectionProfile profile;
    profile.name = name;
    profile.url = target.displayUrl();
    profile.credentialKind = target.credentials.kind;
    profile.user = target.credentials.kind == WbemCredentials::Kind::Basic ? target.credentials.user : QString();
    profile.preemptive = target.credentials.preemptive;
    profile.caFile = target.tls.caFile;
    profile.caDirectory = target.tls.caDirectory;
    profile.clientCertificateFile = target.tls.clientCertificateFile;
    profile.clientKeyFile = target.tls.clientKeyFile;
    profile.verifyHostname = target.tls.verifyHostname;
    for (const QSslError::SslError error : target.tls.ignoredErrors)
        profile.ignoredErrors.append(int(error));
    std::sort(profile.ignoredErrors.begin(), profile.ignoredErrors.end());
    const QByteArray digest = target.tls.pinnedDigest();
    profile.pinnedSha256 = digest.isEmpty() ? QString() : QString::fromLatin1(digest.toHex(':').toUpper());
    if (target.interopNamespaces != Target::defaultInteropNamespaces())
        profile.interopNamespaces = target.interopNamespaces;
    profile.nameSpace = target.nameSpace;
    profile.className = target.className;
    profile.timeout = target.timeout;
    profile.slowResponse = target.slowResponse;
    return profile;
}

std::optional<Target> ConnectionProfile::toTarget(const QString &secret, QString *error) const
{
    std::optional<Target> target = Target::fromUrl(url, error);
    if (!target)
        return std::nullopt;
    switch (credentialKind) {
    case WbemCredentials::Kind::Basic:
        target->credentials = WbemCredentials::basic(user, secret, preemptive);
        break;
    case WbemCredentials::Kind::CimTicket:
        target->credentials = WbemCredentials::cimTicket(secret);
        break;
    case WbemCredentials::Kind::None:
        break;
    }
    target->tls.caFile = caFile;
    target->tls.caDirectory = caDirectory;
    target->tls.clientCertificateFile = clientCertificateFile;
    target->tls.clientKeyFile = clientKeyFile;
    target->tls.verifyHostname = verifyHostname;
    for (const int value : ignoredErrors)
        target->tls.ignoredErrors.insert(QSslError::SslError(value));
    if (!pinnedSha256.isEmpty()) {
        QString hex = pinnedSha256;
        hex.remove(u':');
        target->tls.pinnedSha256 = QByteArray::fromHex(hex.toLatin1());
    }
    if (!interopNamespaces.isEmpty())
        target->interopNamespaces = interopNamespaces;
    target->nameSpace = nameSpace;
    target->className = className;
    target->timeout = timeout;
    target->slowResponse = slowResponse;
    return target;
}

} // namespace cimdiag
