// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliDiscoverCommand.h"

#include "core/slp/SlpErrorCode.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace cimdiag {

CliDiscoverCommand::Parsed CliDiscoverCommand::parse(const QStringList &arguments)
{
    Parsed parsed;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Find WBEM servers that advertise service:wbem over SLP (RFC 2608, DSP0206) and show their "
           "attributes.\n\nExit status: 0 a server was found, 1 none, 64 usage error."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption unicastOption(QStringLiteral("unicast"),
        tr("Ask the SLP agent on HOST (port 427 or PORT) directly instead of multicasting (repeatable)."),
        tr("HOST[:PORT]"));
    const QCommandLineOption scopeOption(
        QStringLiteral("scope"), tr("The SLP scope to ask in (repeatable; default DEFAULT)."), tr("S"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
        tr("How long to wait for answers in seconds; decimals allowed (default 5)."), tr("SECONDS"));
    const QCommandLineOption broadcastOption(QStringLiteral("broadcast"),
        tr("Broadcast the query instead of multicasting it (networks without multicast)."));
    const QCommandLineOption ttlOption(
        QStringLiteral("ttl"), tr("Multicast TTL: how many routers the query may cross (1-255, default 8)."), tr("N"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Print the result as JSON."));
    parser.addOptions({unicastOption, scopeOption, timeoutOption, broadcastOption, ttlOption, jsonOption});
    parser.addPositionalArgument(
        QStringLiteral("discover"), tr("Find WBEM servers over SLP."), QStringLiteral("discover"));

    if (!parser.parse(arguments)) {
        parsed.text = parser.errorText();
        return parsed;
    }
    if (parser.isSet(helpOption)) {
        parsed.action = Parsed::Action::Help;
        parsed.text = parser.helpText();
        const QString argv0 = arguments.value(0);
        const QString usage = QStringLiteral("Usage: ");
        if (!argv0.isEmpty() && parsed.text.startsWith(usage + argv0))
            parsed.text.replace(usage.size(), argv0.size(), QStringLiteral("cimdiag-cli"));
        return parsed;
    }
    if (parser.isSet(versionOption)) {
        parsed.action = Parsed::Action::Version;
        parsed.text = QCoreApplication::applicationName() + u' ' + QCoreApplication::applicationVersion() + u'\n';
        return parsed;
    }
    if (parser.positionalArguments().size() > 1) {
        parsed.text = tr("unexpected argument \"%1\".").arg(parser.positionalArguments().at(1));
        return parsed;
    }
    SlpDiscovery::Options options;
    options.timeout = std::chrono::milliseconds(5000);
    for (const QString &value : parser.values(unicastOption)) {
        const std::optional<SlpDiscovery::Destination> destination = SlpDiscovery::parseDestination(value);
        if (!destination) {
            parsed.text = tr("--unicast wants HOST, HOST:PORT or [IPv6]:PORT, got \"%1\".").arg(value);
            return parsed;
        }
        options.unicast.append(*destination);
    }
    options.multicast = options.unicast.isEmpty() && !parser.isSet(broadcastOption);
    options.broadcast = options.unicast.isEmpty() && parser.isSet(broadcastOption);
    if (parser.isSet(scopeOption)) {
        options.scopes.clear();
        for (const QString &scope : parser.values(scopeOption)) {
            if (scope.trimmed().isEmpty() || scope.contains(u',')) {
                parsed.text = tr("--scope wants one scope name, got \"%1\".").arg(scope);
                return parsed;
            }
            options.scopes.append(scope.trimmed());
        }
    }
    if (parser.isSet(timeoutOption)) {
        bool ok = false;
        const double seconds = QLocale::c().toDouble(parser.value(timeoutOption), &ok);
        if (!ok || !(seconds > 0.0) || seconds > 600.0) {
            parsed.text = tr("--timeout must be a number of seconds above 0 and at most 600, got \"%1\".")
                              .arg(parser.value(timeoutOption));
            return parsed;
        }
        options.timeout = std::chrono::milliseconds(qMax<qint64>(1, qRound64(seconds * 1000.0)));
    }
    if (parser.isSet(ttlOption)) {
        bool ok = false;
        const int ttl = parser.value(ttlOption).toInt(&ok);
        if (!ok || ttl < 1 || ttl > 255) {
            parsed.text = tr("--ttl must be from 1 to 255, got \"%1\".").arg(parser.value(ttlOption));
            return parsed;
        }
        options.multicastTtl = ttl;
    }
    // RFC 2608's limits, but within the overall timeout.
    options.unicastRetryMax = std::min(options.unicastRetryMax, options.timeout);
    options.multicastMax = std::min(options.multicastMax, options.timeout);
    parsed.action = Parsed::Action::Run;
    parsed.options = options;
    parsed.json = parser.isSet(jsonOption);
    return parsed;
}

CliDiscoverCommand::CliDiscoverCommand(SlpDiscovery::Options options, bool json)
    : m_options(std::move(options))
    , m_json(json)
{ }

int CliDiscoverCommand::run(QIODevice &out, QIODevice &err) const
{
    SlpDiscovery discovery(m_options);
    QEventLoop loop;
    QObject::connect(&discovery, &SlpDiscovery::finished, &loop, &QEventLoop::quit, Qt::QueuedConnection);
    discovery.start();
    loop.exec();

    const QList<WbemServiceAdvert> &services = discovery.services();
    if (m_json) {
        QJsonArray serviceArray;
        for (const WbemServiceAdvert &advert : services)
            serviceArray.append(advert.toJson());
        QJsonArray unicastArray;
        for (const SlpDiscovery::UnicastResult &result : discovery.unicastResults()) {
            QJsonObject item {{QStringLiteral("host"), result.destination.host},
                {QStringLiteral("port"), int(result.destination.port)},
                {QStringLiteral("address"), result.address.toString()},
                {QStringLiteral("outcome"), SlpDiscovery::outcomeName(result.outcome)},
                {QStringLiteral("requests"), result.requestsSent}, {QStringLiteral("elapsedMs"), result.elapsedMs}};
            if (result.errorCode)
                item.insert(QStringLiteral("error"), slpErrorText(result.errorCode));
            if (!result.detail.isEmpty())
                item.insert(QStringLiteral("detail"), result.detail);
            unicastArray.append(item);
        }
        QJsonArray responders;
        for (const QHostAddress &address : discovery.multicastResponders())
            responders.append(address.toString());
        QJsonObject multicast {{QStringLiteral("requests"), discovery.multicastRequestsSent()},
            {QStringLiteral("responders"), responders}};
        if (!discovery.multicastError().isEmpty())
            multicast.insert(QStringLiteral("error"), discovery.multicastError());
        const QJsonObject root {{QStringLiteral("services"), serviceArray}, {QStringLiteral("unicast"), unicastArray},
            {QStringLiteral("multicast"), multicast},
            {QStringLiteral("notes"), QJsonArray::fromStringList(discovery.notes())}};
        out.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    } else {
        QString text;
        for (const SlpDiscovery::UnicastResult &result : discovery.unicastResults()) {
            const QString where
                = QStringLiteral("%1 port %2").arg(result.destination.host).arg(result.destination.port);
            switch (result.outcome) {
            case SlpDiscovery::Outcome::PortUnreachable:
                text += tr("%1: no SLP agent (ICMP port unreachable)").arg(where) + u'\n';
                break;
            case SlpDiscovery::Outcome::NoAnswer:
                text += tr("%1: no answer after %2 request(s) (filtered, or the host is down)")
                            .arg(where)
                            .arg(result.requestsSent)
                    + u'\n';
                break;
            case SlpDiscovery::Outcome::ErrorReply:
                text += tr("%1: SLP error %2").arg(where, slpErrorText(result.errorCode)) + u'\n';
                break;
            case SlpDiscovery::Outcome::HostNotFound:
            case SlpDiscovery::Outcome::SocketError:
                text += tr("%1: %2").arg(where, result.detail) + u'\n';
                break;
            case SlpDiscovery::Outcome::Answered:
                text += tr("%1: %n service URL(s)", nullptr, result.urlCount).arg(where) + u'\n';
                break;
            case SlpDiscovery::Outcome::Pending:
                break;
            }
        }
        if (discovery.multicastRequestsSent() > 0) {
            text
                += tr("Multicast: %1 request(s), %n responder(s)", nullptr, int(discovery.multicastResponders().size()))
                       .arg(discovery.multicastRequestsSent())
                + u'\n';
        } else if (!discovery.multicastError().isEmpty()) {
            text += tr("Multicast not sent: %1").arg(discovery.multicastError()) + u'\n';
        }
        for (const WbemServiceAdvert &advert : services) {
            text += u'\n' + advert.serviceUrl + QStringLiteral("  (") + tr("from %1").arg(advert.source.toString())
                + QStringLiteral(")\n");
            if (!advert.attributeError.isEmpty())
                text += QStringLiteral("  ") + advert.attributeError + u'\n';
            for (const auto &[tag, value] : advert.attributeRows())
                text += QStringLiteral("  ") + tag + QStringLiteral(": ") + value + u'\n';
            for (const QString &deviation : advert.deviations)
                text += QStringLiteral("  ") + tr("deviation from DSP0206: %1").arg(deviation) + u'\n';
        }
        text += u'\n' + tr("%n WBEM server URL(s) found.", nullptr, int(services.size())) + u'\n';
        out.write(text.toUtf8());
        for (const QString &line : discovery.notes())
            err.write((QStringLiteral("note: ") + line + u'\n').toUtf8());
    }
    return services.isEmpty() ? ExitNothingFound : ExitFound;
}

} // namespace cimdiag
