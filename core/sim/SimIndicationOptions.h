// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace cimdiag {

/// How the simulator's SimIndicationSender delivers indications to subscribed listeners, and the
/// delivery faults a scenario's "indications" object selects (failure-mode ids in the comments).
struct SimIndicationOptions final
{
    /// What happens to a delivery before it reaches the network.
    enum class Egress : quint8 {
        Open, ///< deliveries connect to the destination URL
        /// F2: the server's firewall blocks outgoing connections (ESXi's default): no connection ever
        /// reaches the listener; the attempt fails after deliveryTimeoutMs, silently for the client.
        Blocked,
        /// F3: the destination host cannot be resolved from the server; the attempt fails at once,
        /// without any DNS traffic of the simulator.
        Unresolvable,
    };

    /// The server's fatal-error handling: the subscription's own OnFatalErrorPolicy, or one the server
    /// applies whatever the subscription says (SFCB disables after its retries).
    enum class FatalErrorPolicy : quint8 { FromSubscription, Ignore, Disable, Remove };

    int intervalMs = 30000; ///< a periodic indication to every enabled subscription; 0: only on demand
    Egress egress = Egress::Open;
    int deliveryDelayMs = 0; ///< slow delivery: each delivery waits this long before it connects
    int deliveryTimeoutMs = 10000; ///< one attempt's limit (SFCB's libcurl: 10 s)
    /// CIM_IndicationService.DeliveryRetryAttempts: retries after a failed first attempt; when all fail
    /// the failure is fatal and the fatal-error policy applies (F6). SFCB retries 3 times.
    int deliveryRetryAttempts = 3;
    int deliveryRetryIntervalMs = 20000; ///< CIM_IndicationService.DeliveryRetryInterval (SFCB: 20 s)
    FatalErrorPolicy fatalErrorPolicy = FatalErrorPolicy::FromSubscription;
    /// F4: https destinations must present a certificate the simulator trusts (the system's CAs and
    /// the simulator's own CA), with the destination host in its names, as sfcb with
    /// sslIndicationReceiverCert=verify. Otherwise the handshake ends with OpenSSL's alert and the
    /// delivery fails (retries and the fatal-error policy as for any failed delivery). false: any
    /// listener certificate is accepted.
    bool verifyListenerCertificate = false;
    /// Whether creating a CIM_IndicationSubscription delivers one indication to it at once (so a
    /// client can trigger a test indication, which real servers lack: F9).
    bool deliverOnCreate = true;

    friend bool operator==(const SimIndicationOptions &, const SimIndicationOptions &) = default;
};

} // namespace cimdiag
