// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/net/TlsPolicy.h"

namespace cimdiag {

QString tlsPolicyName(TlsPolicy policy)
{
    switch (policy) {
    case TlsPolicy::Default:
        return QStringLiteral("default");
    case TlsPolicy::LegacyProtocols:
        return QStringLiteral("legacy-protocols");
    case TlsPolicy::SecurityLevel0:
        return QStringLiteral("seclevel-0");
    case TlsPolicy::LegacyRenegotiation:
        return QStringLiteral("legacy-renegotiation");
    }
    return QStringLiteral("default");
}

QList<TlsPolicy> tlsRelaxations()
{
    return {TlsPolicy::LegacyProtocols, TlsPolicy::SecurityLevel0, TlsPolicy::LegacyRenegotiation};
}

} // namespace cimdiag
