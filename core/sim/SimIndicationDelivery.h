// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimInstance.h"
#include "core/cim/CimInstanceName.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace cimdiag {

/// One delivery attempt of the simulator's SimIndicationSender, for tests and the sim's log.
struct SimIndicationDelivery final
{
    CimInstanceName subscription; ///< local path in the interop namespace
    QString destination; ///< the Destination URL
    CimInstance indication;
    int attempt = 1; ///< 1 for the first, 2.. for retries
    bool delivered = false; ///< the listener answered 200 without a CIM error
    int httpStatus = 0; ///< 0 when no HTTP answer arrived
    QString error; ///< why it failed, in words
    /// The subscription's state after this attempt (2 Enabled, 3 Enabled Degraded, 4 Disabled; 0 when
    /// the subscription was removed by OnFatalErrorPolicy Remove or by a client).
    int subscriptionState = 2;
    QDateTime at; ///< UTC, when the attempt finished
};

} // namespace cimdiag

Q_DECLARE_METATYPE(cimdiag::SimIndicationDelivery)
