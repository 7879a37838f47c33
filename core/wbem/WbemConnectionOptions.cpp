// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/wbem/WbemConnectionOptions.h"

namespace cimdiag {

std::optional<WbemConnectionOptions> WbemConnectionOptions::fromUrl(const QString &url, QString *error)
{
    QString text = url.trimmed();
    if (!text.contains(QStringLiteral("://")))
        text.prepend(QStringLiteral("https://"));
    const QUrl parsed(text, QUrl::StrictMode);
    const QString scheme = parsed.scheme().toLower();
    if (!parsed.isValid() || parsed.host().isEmpty()) {
        if (error)
            *error = QStringLiteral("not a valid URL: %1").arg(url);
        return std::nullopt;
    }
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        if (error)
            *error = QStringLiteral("unsupported scheme %1 (http or https)").arg(scheme);
        return std::nullopt;
    }
    WbemConnectionOptions options;
    options.url = parsed;
    return options;
}

bool WbemConnectionOptions::isHttps() const
{
    return url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
}

QUrl WbemConnectionOptions::effectiveUrl() const
{
    QUrl result = url;
    if (result.port() < 0)
        result.setPort(isHttps() ? 5989 : 5988);
    // DSP0200 does not name the path, but every CIMOM (Pegasus, SFCB, ESXi) serves /cimom.
    if (result.path().isEmpty() || result.path() == QLatin1String("/"))
        result.setPath(QStringLiteral("/cimom"));
    return result;
}

} // namespace cimdiag
