// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/ListenerCheckOptions.h"
#include "core/wbem/WbemConnectionOptions.h"
#include "core/wbem/WbemCredentials.h"
#include "core/wbem/WbemTlsOptions.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <optional>

namespace cimdiag {

/// What to diagnose (a value): where the server is, who the client is, how TLS is verified, which
/// namespaces and class to try, and how long each network step may take.
struct Target final
{
    /// "https" or "http".
    QString scheme = QStringLiteral("https");
    /// A DNS name or an IPv4/IPv6 literal (without brackets).
    QString host;
    quint16 port = 5989;
    WbemCredentials credentials;
    WbemTlsOptions tls;
    /// The interop namespaces to probe, in order (DSP1033 and pywbem: interop, root/interop,
    /// root/PG_InterOp, then the slash-prefixed spellings some servers answer to).
    QStringList interopNamespaces = defaultInteropNamespaces();
    /// Namespace and class of the sample enumerate; empty: chosen from what the server offers
    /// (a managed namespace other than interop, and CIM_ComputerSystem).
    QString nameSpace;
    QString className;
    /// The limit of each network step: a TCP connect, a TLS handshake, one HTTP exchange.
    std::chrono::milliseconds timeout {10000};
    /// A sample enumerate slower than this is reported as a slow provider (E8, a warning).
    std::chrono::milliseconds slowResponse {2000};
    /// The SLP discovery stage [A1-A10] runs only when asked for: it sends UDP to the target's
    /// port slpPort and, where slpMulticastAllowed(), a multicast query to 239.255.255.253:427.
    bool slp = false;
    quint16 slpPort = 427;
    bool slpMulticast = true;
    QString slpScope = QStringLiteral("DEFAULT");
    /// The opt-in indication listener stage (off by default).
    ListenerCheckOptions listener;

    static QStringList defaultInteropNamespaces();

    /// Parses "host", "host:port", "[v6]:port", "http://host", "https://host:port[/path]". A missing
    /// scheme means https; a missing port the scheme's DSP0200 port (5989/5988). nullopt (and
    /// *error, translated, saying what is wrong) for another scheme, an empty host or a bad port.
    static std::optional<Target> fromUrl(const QString &text, QString *error = nullptr);

    bool isHttps() const { return scheme == QLatin1String("https"); }
    bool hostIsAddress() const;
    /// "https://host:5989" (IPv6 in brackets), no path, no credentials.
    QString displayUrl() const;
    QUrl url() const;
    /// The other CIM port: 5988 for 5989 and the other way round; for any other port the DSP0200
    /// port of the other scheme.
    quint16 otherPort() const;
    QString otherScheme() const;
    /// slpMulticast, the standard port 427 and a host that is not loopback.
    bool slpMulticastAllowed() const;

    /// Options for a WbemConnection to this target (defaultNamespace: nameSpace or root/cimv2;
    /// connect and read timeouts: timeout).
    WbemConnectionOptions connectionOptions() const;
    /// The secrets to redact from every log and report of this target.
    QStringList secrets() const { return credentials.secrets(); }

    /// No secrets: credentials give only their kind and user; TLS options give file paths, ignored
    /// errors and the pin.
    QJsonObject toJson() const;
};

} // namespace cimdiag
