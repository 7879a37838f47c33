// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringView>

#include <optional>

namespace cimdiag {

/// A DSP0004 integerValue as written in MOF, WBEM URIs and ValueMap entries: decimal ("42", "-7"),
/// binary ("101b"), octal ("017") or hexadecimal ("0x1F"), each with an optional sign.
class CimIntegerLiteral final
{
public:
    bool negative = false;
    quint64 magnitude = 0;

    /// nullopt when text is not an integerValue or its magnitude exceeds 2^64-1.
    static std::optional<CimIntegerLiteral> parse(QStringView text);

    /// The value when it fits qint64 (-2^63..2^63-1).
    std::optional<qint64> toSigned() const;
};

} // namespace cimdiag
