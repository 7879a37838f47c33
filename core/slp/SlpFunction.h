// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace cimdiag {

/// The SLPv2 function ids (RFC 2608 section 8). SrvReg, SrvDeReg and SrvAck are SA-DA traffic a
/// user agent never needs; they are named so a capture of them is recognised, not parsed.
enum class SlpFunction : quint8 {
    SrvRqst = 1,
    SrvRply = 2,
    SrvReg = 3,
    SrvDeReg = 4,
    SrvAck = 5,
    AttrRqst = 6,
    AttrRply = 7,
    DAAdvert = 8,
    SrvTypeRqst = 9,
    SrvTypeRply = 10,
    SAAdvert = 11,
};

/// "SrvRqst", "AttrRply", ... as RFC 2608 spells them; "function N" for an unknown id.
QString slpFunctionName(quint8 id);
inline QString slpFunctionName(SlpFunction function)
{
    return slpFunctionName(quint8(function));
}
/// nullopt for 0 and ids above 11.
std::optional<SlpFunction> slpFunctionFromId(quint8 id);

} // namespace cimdiag
