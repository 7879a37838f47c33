// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/net/HttpProbeResult.h"

namespace cimdiag {

bool HttpProbeResult::looksLikeTls() const
{
    // A TLS record header: content type 22 (handshake) or 21 (alert), then major version 3
    // (SSL 3.0 through TLS 1.3 all put 0x03 there).
    if (firstBytes.size() < 2)
        return false;
    const auto type = static_cast<quint8>(firstBytes.at(0));
    const auto major = static_cast<quint8>(firstBytes.at(1));
    return (type == 0x16 || type == 0x15) && major == 0x03;
}

} // namespace cimdiag
