// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/wbem/WbemCredentials.h"
#include "core/wbem/WbemProxy.h"
#include "core/wbem/WbemTlsOptions.h"

#include <QString>
#include <QUrl>

#include <chrono>
#include <optional>

namespace cimdiag {

/// Everything a WbemConnection needs to reach one WBEM server (a value): the URL, default
/// namespace, credentials, proxy, timeouts, TLS options and the pull batch size.
struct WbemConnectionOptions final
{
    /// http or https; the port defaults to 5988 / 5989 (DSP0200) and the path to /cimom.
    QUrl url;
    QString defaultNamespace = QStringLiteral("root/cimv2");
    WbemCredentials credentials;
    WbemProxy proxy;
    /// From sending a request until the connection (and TLS handshake) is up and the request is out.
    std::chrono::milliseconds connectTimeout{10000};
    /// From the request being sent until the reply is complete, restarted whenever bytes arrive:
    /// a server that stalls mid-reply times out, a slow but steady 50 MB reply does not.
    std::chrono::milliseconds readTimeout{60000};
    /// From start until the operation finished, retries included; 0 means none. Bounds a server
    /// that trickles a byte now and then, which readTimeout alone never stops.
    std::chrono::milliseconds totalTimeout{0};
    /// Replies larger than this (bytes as received) are aborted with an Http error.
    qint64 maxReplySize = qint64(1) << 30;
    WbemTlsOptions tls;
    /// MaxObjectCount of Open*/Pull* requests made by the iterating helpers.
    quint32 pullMaxObjectCount = 1000;

    /// Parses "host", "host:port", "http://host", "https://host:port/path"; a missing scheme means
    /// https. Returns nullopt (and *error) for other schemes or an unparsable URL.
    static std::optional<WbemConnectionOptions> fromUrl(const QString &url, QString *error = nullptr);

    /// url with the DSP0200 default port and /cimom filled in.
    QUrl effectiveUrl() const;
    bool isHttps() const;

    friend bool operator==(const WbemConnectionOptions &, const WbemConnectionOptions &) = default;
};

} // namespace cimdiag
