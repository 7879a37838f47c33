// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/wbem/WbemTlsOptions.h"

namespace cimdiag {

QByteArray WbemTlsOptions::pinnedDigest() const
{
    if (pinnedSha256.size() == 32)
        return pinnedSha256;
    QByteArray hex = pinnedSha256;
    hex.replace(':', QByteArray());
    hex = hex.trimmed();
    const QByteArray raw = QByteArray::fromHex(hex);
    return raw.size() == 32 ? raw : QByteArray();
}

} // namespace cimdiag
