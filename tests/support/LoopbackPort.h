// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace cimdiag {

/// A port on 127.0.0.1 that was free a moment ago and has no listener now, so a connect to it is
/// refused (B2); 0 when no port could be bound.
quint16 closedLoopbackPort();

} // namespace cimdiag
