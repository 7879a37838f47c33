// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace cimdiag {

/// Which HTTP proxy a connection goes through (a value).
struct WbemProxy final
{
    enum class Mode : quint8 {
        System,  ///< what the platform configures for the URL (environment, desktop settings)
        None,    ///< direct connection
        Explicit ///< host:port, an HTTP proxy (CONNECT for https)
    };
    Mode mode = Mode::System;
    QString host;
    quint16 port = 0;
    QString user; ///< proxy credentials, if the proxy wants them
    QString password;

    static WbemProxy none() { return WbemProxy{Mode::None, {}, 0, {}, {}}; }
    static WbemProxy explicitProxy(const QString &host, quint16 port)
    {
        return WbemProxy{Mode::Explicit, host, port, {}, {}};
    }

    friend bool operator==(const WbemProxy &, const WbemProxy &) = default;
};

} // namespace cimdiag
