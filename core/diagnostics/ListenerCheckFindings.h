// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/listener/FailedTlsHandshake.h"
#include "core/listener/ReceivedIndication.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace cimdiag {

/// What the listener stage learned (part of DiagnosticFindings). The indications list grows while
/// the stage waits: the stage reports progress after each one, so a view can show them live.
struct ListenerCheckFindings final
{
    QString address; ///< the address given to the server
    quint16 port = 0; ///< the listener's bound port
    QString destination; ///< the Destination URL of the created CIM_ListenerDestinationCIMXML
    QStringList addressWarnings; ///< F3 warnings about the address (translated)
    QStringList existingDestinations; ///< "URL reachable|unreachable" of the destinations found [F11]
    QList<ReceivedIndication> indications; ///< delivered to the created subscription, in order
    QString scheme; ///< "http" or "https"
    /// https: the SHA-256 fingerprint ("AB:CD:...") of the certificate the listener served (made for
    /// this run, or read from ListenerCheckOptions::certificateFile), what a server that verifies
    /// listener certificates must trust (F4).
    QString certificateSha256;
    /// https: "generated" (made for this run) or "file" (ListenerCheckOptions::certificateFile).
    QString certificateSource;
    /// https: false when the certificate names neither the address nor the name the server is told,
    /// so a server that checks names rejects it even when it trusts it (F4).
    bool certificateCoversAddress = true;
    /// From the subscription's CreateInstance to the first indication; -1 while none arrived.
    qint64 latencyMs = -1;
    /// https: handshakes in which the server rejected the listener's certificate (F4 evidence).
    QList<FailedTlsHandshake> rejectedHandshakes;
};

} // namespace cimdiag
