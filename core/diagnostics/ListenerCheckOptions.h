// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <chrono>

namespace cimdiag {

/// How the opt-in listener stage (ListenerCheck) runs: part of the Target (a value).
struct ListenerCheckOptions final
{
    /// The stage creates a filter, a destination and a subscription on the server (and removes
    /// them): it runs only when asked for.
    bool enabled = false;
    /// "http" (default) or "https" (a self-signed certificate made at run time unless certificateFile
    /// is given; a server that verifies listener certificates drops the deliveries: F4).
    QString scheme = QStringLiteral("http");
    /// https only, both or neither: a PEM certificate (chain: the leaf first) and its unencrypted PEM
    /// private key the listener serves instead of a new certificate per run, so a server can be told
    /// to trust one certificate for good (F4). Read by ServerCertificateFiles at the run; the paths
    /// may be shown and saved, the key's content never leaves its file.
    QString certificateFile;
    QString keyFile;
    /// The listener's port; 0 picks a free one. A firewall rule [F1] needs a fixed port.
    quint16 port = 0;
    /// The address (or host name) the server is told to deliver to; empty: the local address of
    /// the connection to the target (F3: the address the server can reach).
    QString address;
    /// How long to wait for an indication after the subscription was created.
    std::chrono::milliseconds wait {15000};
    /// The TCP connect limit of each probe of an existing destination URL [F11].
    std::chrono::milliseconds probeTimeout {1500};
    /// How often SubscriptionState is read while waiting (a Disabled subscription ends the wait: F6).
    std::chrono::milliseconds pollInterval {1000};
    /// The run id in the names of what the stage creates ("cimdiag:<runId>..."); empty: a random one.
    QString runId;

    bool isHttps() const { return scheme.compare(QLatin1String("https"), Qt::CaseInsensitive) == 0; }
    /// https with a certificate file: the listener serves it instead of making one.
    bool usesCertificateFile() const { return isHttps() && !certificateFile.isEmpty(); }
    friend bool operator==(const ListenerCheckOptions &, const ListenerCheckOptions &) = default;
};

} // namespace cimdiag
