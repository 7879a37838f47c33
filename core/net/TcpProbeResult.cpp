// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/net/TcpProbeResult.h"

namespace cimdiag {

QString TcpProbeResult::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Open:
        return QStringLiteral("open");
    case Outcome::Refused:
        return QStringLiteral("refused");
    case Outcome::Filtered:
        return QStringLiteral("filtered");
    case Outcome::Unreachable:
        return QStringLiteral("unreachable");
    case Outcome::ResetAfterAccept:
        return QStringLiteral("reset-after-accept");
    case Outcome::Error:
        return QStringLiteral("error");
    case Outcome::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("error");
}

} // namespace cimdiag
