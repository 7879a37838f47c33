// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace cimdiag {

/// One SLPv2 authentication block (RFC 2608 section 9.2), kept as received: cimdiag does not verify
/// SLP signatures (no server in the field signs service:wbem adverts), it only parses them so a
/// signed reply is not mistaken for a malformed one.
struct SlpAuthBlock final
{
    quint16 blockStructureDescriptor = 0;
    quint32 timestamp = 0;
    QString spi;
    QByteArray signature;

    friend bool operator==(const SlpAuthBlock &, const SlpAuthBlock &) = default;
};

using SlpAuthBlockList = QList<SlpAuthBlock>;

} // namespace cimdiag
