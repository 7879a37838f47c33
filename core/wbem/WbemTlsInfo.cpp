// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/wbem/WbemTlsInfo.h"

namespace cimdiag {

QString WbemTlsInfo::protocolName() const
{
    // Protocol names are protocol text, not translated.
    switch (protocol) {
    case QSsl::TlsV1_2:
        return QStringLiteral("TLSv1.2");
    case QSsl::TlsV1_3:
        return QStringLiteral("TLSv1.3");
    case QSsl::DtlsV1_2:
        return QStringLiteral("DTLSv1.2");
    default:
        break;
    }
    if (!cipher.isNull())
        return cipher.protocolString();
    return QStringLiteral("unknown");
}

} // namespace cimdiag
