// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace cimdiag {

/// Why a datagram is not a valid SLPv2 message: what was wrong and at which byte offset (from the
/// start of the datagram). Protocol text, untranslated: it goes to logs and evidence.
struct SlpParseError final
{
    qsizetype offset = 0;
    QString message;

    /// "offset 23: SrvRply URL entry 1: URL length 300 exceeds the 12 bytes left"
    QString toString() const { return QStringLiteral("offset %1: %2").arg(offset).arg(message); }
};

} // namespace cimdiag
