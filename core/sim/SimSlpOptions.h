// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/slp/SlpAttribute.h"

#include <QString>
#include <QStringList>

namespace cimdiag {

/// What the simulator's SLP service agent advertises (the scenario's "slp" section).
///
/// In url and attribute values, {host}, {httpPort} and {httpsPort} stand for the simulator's
/// listen address and ports, so an advert can point at the real server or, for A7, elsewhere.
struct SimSlpOptions final
{
    bool enabled = false;
    QStringList urls = {QStringLiteral("service:wbem:https://{host}:{httpsPort}")};
    QStringList scopes = {QStringLiteral("DEFAULT")};
    /// DSP0206 attributes; empty: defaultAttributes().
    SlpAttributeList attributes;
    /// Appended verbatim to the attribute list (vendor deviations [A6], e.g. "(Interop=/interop)").
    QString rawAttributes;
    /// Non-zero: every SrvRply and AttrRply carries this error code and no data.
    quint16 errorCode = 0;
    quint16 lifetime = 10800;

    /// A conformant advert of the simulator: template attributes, cim-xml, Basic, interop.
    static SlpAttributeList defaultAttributes();
};

} // namespace cimdiag
