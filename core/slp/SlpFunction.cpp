// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/slp/SlpFunction.h"

namespace cimdiag {

QString slpFunctionName(quint8 id)
{
    static const char *const names[] = {"SrvRqst", "SrvRply", "SrvReg", "SrvDeReg", "SrvAck", "AttrRqst", "AttrRply",
        "DAAdvert", "SrvTypeRqst", "SrvTypeRply", "SAAdvert"};
    if (id >= 1 && id <= 11)
        return QString::fromLatin1(names[id - 1]);
    return QStringLiteral("function %1").arg(id);
}

std::optional<SlpFunction> slpFunctionFromId(quint8 id)
{
    if (id >= 1 && id <= 11)
        return SlpFunction(id);
    return std::nullopt;
}

} // namespace cimdiag
