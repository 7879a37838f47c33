// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/slp/SlpMessage.h"
#include "core/slp/SlpParseError.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QStringList>

#include <optional>

namespace cimdiag {

/// SLPv2 (RFC 2608) wire format, I/O free: encode() writes any message cimdiag sends or the
/// simulator answers with; decode() reads every message a user agent can receive.
///
/// decode() is strict and bounded (the parser is a fuzz target, issue #10): every length field
/// is checked against the bytes that are left before it is used, the header's length must equal
/// the datagram's size, the version must be 2, and the extension chain must stay inside the
/// message and move forward. Anything else is an SlpParseError saying what and where.
class SlpCodec final
{
public:
    SlpCodec() = delete;

    /// The biggest datagram a reply may be without the overflow flag (RFC 2608 section 6.1:
    /// the path MTU, 1400 by default).
    static constexpr int kDefaultMtu = 1400;
    /// A 24-bit length field's maximum.
    static constexpr quint32 kMaxLength = 0xFFFFFF;

    /// Fills in the length and (when zero) leaves nextExtensionOffset zero: cimdiag sends no
    /// extensions. Strings longer than 65535 UTF-8 bytes are cut (a 16-bit length field).
    static QByteArray encode(const SlpMessage &message);

    static std::optional<SlpMessage> decode(QByteArrayView datagram, SlpParseError *error = nullptr);
    /// Only the header (for an agent that must answer PARSE_ERROR with the request's XID).
    static std::optional<SlpHeader> decodeHeader(QByteArrayView datagram, SlpParseError *error = nullptr);

    /// Splits a comma-separated SLP list, trimming blanks and dropping empty items.
    static QStringList splitList(const QString &list);
};

} // namespace cimdiag
