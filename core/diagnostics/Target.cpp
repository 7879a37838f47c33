// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/Target.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonArray>

namespace cimdiag {

namespace {
struct TargetText
{
    Q_DECLARE_TR_FUNCTIONS(cimdiag::Target)
};

constexpr quint16 httpPort = 5988;
constexpr quint16 httpsPort = 5989;

void setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
}
} // namespace

QStringList Target::defaultInteropNamespaces()
{
    // DSP1033 names interop; root/interop is SFCB's and ESXi's, root/PG_InterOp OpenPegasus'. The
    // slash-prefixed forms come last: some servers registered them so (pywbem's probe list).
    return {QStringLiteral("interop"), QStringLiteral("root/interop"), QStringLiteral("root/PG_InterOp"),
        QStringLiteral("/interop"), QStringLiteral("/root/interop")};
}

std::optional<Target> Target::fromUrl(const QString &text, QString *error)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        setError(error, TargetText::tr("the target is empty: give a host name, an address or a URL"));
        return std::nullopt;
    }
    QString withScheme = trimmed;
    if (!withScheme.contains(QStringLiteral("://")))
        withScheme.prepend(QStringLiteral("https://"));
    const QUrl url(withScheme, QUrl::StrictMode);
    if (!url.isValid()) {
        setError(error, TargetText::tr("\"%1\" is not a valid URL: %2").arg(trimmed, url.errorString()));
        return std::nullopt;
    }
    Target target;
    target.scheme = url.scheme().toLower();
    if (target.scheme != QLatin1String("http") && target.scheme != QLatin1String("https")) {
        setError(error,
            TargetText::tr("unsupported scheme \"%1\" in \"%2\": use https:// (port 5989) or http:// "
                           "(port 5988)")
                .arg(url.scheme(), trimmed));
        return std::nullopt;
    }
    if (!url.userInfo().isEmpty()) {
        // A password in a URL ends up in shell history, process lists and logs.
        setError(error,
            TargetText::tr("credentials in the URL are not accepted: give the user with --user and the "
                           "password with --password-stdin or --password-env"));
        return std::nullopt;
    }
    target.host = url.host();
    if (target.host.isEmpty()) {
        setError(error, TargetText::tr("\"%1\" has no host name").arg(trimmed));
        return std::nullopt;
    }
    if (url.port() == 0) {
        setError(error, TargetText::tr("port 0 in \"%1\" is not a port a server listens on").arg(trimmed));
        return std::nullopt;
    }
    target.port = url.port() > 0 ? quint16(url.port()) : (target.isHttps() ? httpsPort : httpPort);
    return target;
}

bool Target::hostIsAddress() const
{
    return !QHostAddress(host).isNull();
}

QString Target::displayUrl() const
{
    QUrl url;
    url.setScheme(scheme);
    url.setHost(host);
    url.setPort(port);
    return url.toString();
}

QUrl Target::url() const
{
    QUrl url;
    url.setScheme(scheme);
    url.setHost(host);
    url.setPort(port);
    url.setPath(QStringLiteral("/cimom"));
    return url;
}

quint16 Target::otherPort() const
{
    if (port == httpsPort)
        return httpPort;
    if (port == httpPort)
        return httpsPort;
    return isHttps() ? httpPort : httpsPort;
}

QString Target::otherScheme() const
{
    return isHttps() ? QStringLiteral("http") : QStringLiteral("https");
}

WbemConnectionOptions Target::connectionOptions() const
{
    WbemConnectionOptions options;
    options.url = url();
    if (!nameSpace.isEmpty())
        options.defaultNamespace = nameSpace;
    options.credentials = credentials;
    options.tls = tls;
    options.connectTimeout = timeout;
    options.readTimeout = timeout;
    return options;
}

bool Target::slpMulticastAllowed() const
{
    // The multicast goes to port 427 only: a target answering on another port (a test set-up) or
    // on loopback cannot be found that way, and the query would only reach other machines.
    const QHostAddress address(host);
    const bool loopback = address.isLoopback() || host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0;
    return slpMulticast && slpPort == 427 && !loopback;
}

QJsonObject Target::toJson() const
{
    QJsonObject credentialsJson;
    switch (credentials.kind) {
    case WbemCredentials::Kind::None:
        credentialsJson.insert(QStringLiteral("kind"), QStringLiteral("none"));
        break;
    case WbemCredentials::Kind::Basic:
        credentialsJson.insert(QStringLiteral("kind"), QStringLiteral("basic"));
        credentialsJson.insert(QStringLiteral("user"), credentials.user);
        break;
    case WbemCredentials::Kind::CimTicket:
        credentialsJson.insert(QStringLiteral("kind"), QStringLiteral("cim-ticket"));
        break;
    }
    QJsonArray ignored;
    for (const QSslError::SslError error : tls.ignoredErrors)
        ignored.append(int(error));
    QJsonObject tlsJson {{QStringLiteral("verifyHostname"), tls.verifyHostname},
        {QStringLiteral("trust"), tls.usesSystemTrustStore() ? QStringLiteral("system") : QStringLiteral("ca")},
        {QStringLiteral("ignoredErrors"), ignored}};
    if (!tls.caFile.isEmpty())
        tlsJson.insert(QStringLiteral("caFile"), tls.caFile);
    if (!tls.caDirectory.isEmpty())
        tlsJson.insert(QStringLiteral("caDirectory"), tls.caDirectory);
    if (!tls.clientCertificateFile.isEmpty())
        tlsJson.insert(QStringLiteral("clientCertificate"), tls.clientCertificateFile);
    if (!tls.pinnedDigest().isEmpty())
        tlsJson.insert(QStringLiteral("pinnedSha256"), QString::fromLatin1(tls.pinnedDigest().toHex()));
    QJsonObject json {{QStringLiteral("url"), displayUrl()}, {QStringLiteral("scheme"), scheme},
        {QStringLiteral("host"), host}, {QStringLiteral("port"), int(port)},
        {QStringLiteral("credentials"), credentialsJson}, {QStringLiteral("tls"), tlsJson},
        {QStringLiteral("interopNamespaces"), QJsonArray::fromStringList(interopNamespaces)},
        {QStringLiteral("timeoutMs"), qint64(timeout.count())}};
    if (!nameSpace.isEmpty())
        json.insert(QStringLiteral("namespace"), nameSpace);
    if (!className.isEmpty())
        json.insert(QStringLiteral("class"), className);
    if (slp) {
        json.insert(QStringLiteral("slp"),
            QJsonObject {{QStringLiteral("port"), int(slpPort)}, {QStringLiteral("scope"), slpScope},
                {QStringLiteral("multicast"), slpMulticastAllowed()}});
    }
    return json;
}

} // namespace cimdiag
