// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/slp/SlpFunction.h"

#include <QString>

namespace cimdiag {

/// The SLPv2 message header (RFC 2608 section 8): version 2, function id, 24-bit length of the
/// whole message, flags, 24-bit offset of the first extension, XID and language tag.
struct SlpHeader final
{
    static constexpr quint8 kVersion = 2;
    static constexpr quint16 kOverflow = 0x8000; ///< O: the reply did not fit the datagram
    static constexpr quint16 kFresh = 0x4000; ///< F: a new registration (SrvReg only)
    static constexpr quint16 kRequestMulticast = 0x2000; ///< R: the request was multicast or broadcast
    /// 14 fixed bytes before the language tag.
    static constexpr int kFixedSize = 14;

    quint8 version = kVersion;
    SlpFunction function = SlpFunction::SrvRqst;
    quint32 length = 0; ///< as received; the encoder computes it
    quint16 flags = 0;
    quint32 nextExtensionOffset = 0;
    quint16 xid = 0;
    QString languageTag = QStringLiteral("en");

    bool overflow() const { return flags & kOverflow; }
    bool fresh() const { return flags & kFresh; }
    bool requestMulticast() const { return flags & kRequestMulticast; }

    friend bool operator==(const SlpHeader &, const SlpHeader &) = default;
};

} // namespace cimdiag
