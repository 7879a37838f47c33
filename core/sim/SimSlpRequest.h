// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/slp/SlpMessage.h"

#include <QHostAddress>

namespace cimdiag {

/// One datagram the SLP responder received (tests assert what the client sent).
struct SimSlpRequest final
{
    QHostAddress from;
    quint16 port = 0;
    SlpMessage message; ///< valid when error is empty
    QString error; ///< the parse error of a malformed datagram
    bool answered = false;
};

} // namespace cimdiag
