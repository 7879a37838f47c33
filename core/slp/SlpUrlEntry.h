// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/slp/SlpAuthBlock.h"

namespace cimdiag {

/// One URL entry of a SrvRply (RFC 2608 section 4.3): lifetime in seconds, the service URL
/// ("service:wbem:https://10.0.0.5:5989") and its authentication blocks.
struct SlpUrlEntry final
{
    quint16 lifetime = 0;
    QString url;
    SlpAuthBlockList authBlocks;

    friend bool operator==(const SlpUrlEntry &, const SlpUrlEntry &) = default;
};

} // namespace cimdiag
