// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliCheckOptions.h"

#include "core/report/ReportFormat.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>

namespace cimdiag {

namespace {

/// A secret read from standard input or the environment ends at the line break; a password with a
/// trailing newline would fail authentication (D1) for no visible reason.
QString stripLineEnd(QString text)
{
    if (text.endsWith(u'\n'))
        text.chop(1);
    if (text.endsWith(u'\r'))
        text.chop(1);
    return text;
}

/// Values of a repeatable option that may also be comma-separated ("--stage tcp,tls --stage http").
QStringList listValues(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    QStringList values;
    for (const QString &value : parser.values(option)) {
        for (const QString &part : value.split(u',', Qt::SkipEmptyParts))
            values.append(part.trimmed());
    }
    return values;
}

QString joined(const QStringList &names)
{
    return names.join(QStringLiteral(", "));
}

} // namespace

QList<std::pair<QString, QList<QSslError::SslError>>> CliCheckOptions::tlsErrorNames()
{
    // The names admins meet in OpenSSL's messages and the catalogue (C7-C12); each maps to the Qt
    // errors that carry it. A CA the client does not know shows as X509 error 20 (unable to get
    // local issuer) for a leaf and 27 (untrusted) for a root given in the chain.
    return {
        {QStringLiteral("self-signed"), {QSslError::SelfSignedCertificate}},
        {QStringLiteral("self-signed-in-chain"), {QSslError::SelfSignedCertificateInChain}},
        {QStringLiteral("expired"), {QSslError::CertificateExpired}},
        {QStringLiteral("not-yet-valid"), {QSslError::CertificateNotYetValid}},
        {QStringLiteral("hostname-mismatch"), {QSslError::HostNameMismatch}},
        {QStringLiteral("untrusted-root"),
            {QSslError::CertificateUntrusted, QSslError::UnableToGetLocalIssuerCertificate}},
        {QStringLiteral("unable-to-get-issuer"),
            {QSslError::UnableToGetIssuerCertificate, QSslError::UnableToGetLocalIssuerCertificate}},
        {QStringLiteral("unable-to-verify-leaf"), {QSslError::UnableToVerifyFirstCertificate}},
        {QStringLiteral("invalid-purpose"), {QSslError::InvalidPurpose}},
        {QStringLiteral("revoked"), {QSslError::CertificateRevoked}},
    };
}

CliCheckOptions::Parsed CliCheckOptions::parse(
    const QStringList &arguments, QIODevice *standardInput, const QProcessEnvironment &environment)
{
    Parsed parsed;
    const auto usage = [&parsed](const QString &text) {
        parsed.action = Action::Usage;
        parsed.text = text;
        parsed.options.reset();
        return parsed;
    };

    // Before the parser: it would only say "Unknown option 'password'", or worse take the
    // secret as the target. The value is never echoed.
    for (const QString &argument : arguments) {
        if (argument == QStringLiteral("--"))
            break;
        if (argument == QStringLiteral("--password") || argument.startsWith(QStringLiteral("--password="))) {
            return usage(tr("--password is not accepted: a password given as an argument shows in the process "
                            "list, the shell history and audit logs. Use --password-stdin (reads one line from "
                            "standard input) or --password-env VAR (reads the environment variable VAR)."));
        }
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(helpDescription());
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption userOption(
        QStringLiteral("user"), tr("The user for HTTP Basic authentication."), tr("USER"));
    const QCommandLineOption passwordStdinOption(
        QStringLiteral("password-stdin"), tr("Read the password from the first line of standard input."));
    const QCommandLineOption passwordEnvOption(
        QStringLiteral("password-env"), tr("Read the password from environment variable VAR."), tr("VAR"));
    const QCommandLineOption ticketStdinOption(QStringLiteral("ticket-stdin"),
        tr("Read a VMware ESXi CIM ticket (AcquireCimServicesTicket) from the first line of standard input."));
    const QCommandLineOption ticketEnvOption(
        QStringLiteral("ticket-env"), tr("Read an ESXi CIM ticket from environment variable VAR."), tr("VAR"));
    const QCommandLineOption caOption(QStringLiteral("ca"),
        tr("Trust the CA certificates in PATH (a PEM file, or a directory of them) instead of the system store."),
        tr("PATH"));
    const QCommandLineOption clientCertOption(
        QStringLiteral("client-cert"), tr("2-way TLS: the client certificate (PEM)."), tr("FILE"));
    const QCommandLineOption clientKeyOption(
        QStringLiteral("client-key"), tr("2-way TLS: the client certificate's private key (PEM)."), tr("FILE"));
    QStringList tlsNames;
    for (const auto &entry : tlsErrorNames())
        tlsNames.append(entry.first);
    const QCommandLineOption acceptTlsErrorOption(QStringLiteral("accept-tls-error"),
        tr("Continue past this certificate verification error (repeatable): %1.").arg(joined(tlsNames)), tr("ERR"));
    const QCommandLineOption pinOption(QStringLiteral("pin"),
        tr("Accept the server certificate whose SHA-256 fingerprint is HEX (64 hex digits, colons allowed), "
           "whatever verification says; any other certificate fails."),
        tr("HEX"));
    const QCommandLineOption noVerifyHostnameOption(
        QStringLiteral("no-verify-hostname"), tr("Do not check that the certificate names the host."));
    const QCommandLineOption namespaceOption(QStringLiteral("namespace"),
        tr("Namespace of the sample enumerate (default: chosen from the "
           "server's namespaces)."),
        tr("NS"));
    const QCommandLineOption classOption(
        QStringLiteral("class"), tr("Class of the sample enumerate (default: CIM_ComputerSystem)."), tr("CLASS"));
    const QCommandLineOption interopOption(QStringLiteral("interop"),
        tr("Probe this interop namespace (repeatable; replaces the default list %1).")
            .arg(Target::defaultInteropNamespaces().join(u',')),
        tr("NS"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
        tr("Limit of each network step (TCP connect, TLS handshake, one HTTP exchange) in seconds; decimals "
           "allowed (default 10)."),
        tr("SECONDS"));
    QStringList stageIds;
    for (const DiagnosticStage stage : allDiagnosticStages())
        stageIds.append(diagnosticStageId(stage));
    const QCommandLineOption stageOption(QStringLiteral("stage"),
        tr("Run only this stage (repeatable or comma-separated): %1.").arg(stageIds.join(u',')), tr("ID"));
    const QCommandLineOption jsonOption(QStringLiteral("json"),
        tr("Print the results as JSON (docs/check-json-schema.md) and nothing else "
           "on standard output."));
    const QCommandLineOption reportOption(QStringLiteral("report"),
        tr("Also write a report to FILE, in the format its extension names: .json (docs/report-json.md), "
           ".html or .htm, .md, .txt."),
        tr("FILE"));
    const QCommandLineOption logOption(QStringLiteral("log"),
        tr("Stream these log channels to standard error as they happen: ops, http, check (comma-separated)."),
        tr("CHANNELS"));
    const QCommandLineOption quietOption(
        QStringLiteral("quiet"), tr("No progress and no per-stage lines: only the summary."));
    const QCommandLineOption verboseOption(
        QStringLiteral("verbose"), tr("The summary shows the details and evidence of every stage."));
    const QCommandLineOption noColorOption(
        QStringLiteral("no-color"), tr("No colours on a terminal (the NO_COLOR variable does the same)."));
    const QCommandLineOption hostsOption(QStringLiteral("hosts"),
        tr("Check every target in FILE (one URL or host[:port] a line; # comments) and print one JSON line "
           "per target as it finishes."),
        tr("FILE"));
    const QCommandLineOption parallelOption(QStringLiteral("parallel"),
        tr("With --hosts: how many targets to check at once (1-%1, default %2).")
            .arg(kMaxParallel)
            .arg(kDefaultParallel),
        tr("N"));
    const QCommandLineOption slpOption(QStringLiteral("slp"),
        tr("Also run the SLP discovery stage: ask the target's SLP agent (UDP 427) for service:wbem and, unless "
           "the target is on loopback, multicast the query (--stage slp does the same)."));
    const QCommandLineOption slpPortOption(QStringLiteral("slp-port"),
        tr("The target's SLP port for --slp (default 427; another port turns the multicast query off)."), tr("PORT"));
    parser.addOptions({slpOption, slpPortOption});
    const QCommandLineOption listenerOption(QStringLiteral("listener"),
        tr("Add the indication listener stage: listen here, subscribe on the server (names cimdiag:..., removed "
           "afterwards) and wait for an indication."));
    const QCommandLineOption listenerPortOption(QStringLiteral("listener-port"),
        tr("The listener's port (default 0: a free one; give a fixed port for a firewall rule)."), tr("PORT"));
    const QCommandLineOption listenerAddressOption(QStringLiteral("listener-address"),
        tr("The address or name the server delivers to (default: the local address of the connection to the "
           "server)."),
        tr("ADDRESS"));
    const QCommandLineOption listenerSchemeOption(QStringLiteral("listener-scheme"),
        tr("http (default) or https: the listener's scheme. https serves a self-signed certificate made for this "
           "run; a server that verifies listener certificates rejects it (F4)."),
        tr("SCHEME"));
    const QCommandLineOption listenerCertOption(QStringLiteral("listener-cert"),
        tr("With --listener-scheme https: serve the PEM certificate (chain) in FILE instead of one made for this "
           "run, so the server can be told to trust it for good (F4). Goes with --listener-key."),
        tr("FILE"));
    const QCommandLineOption listenerKeyOption(QStringLiteral("listener-key"),
        tr("With --listener-cert: the certificate's unencrypted PEM private key."), tr("FILE"));
    const QCommandLineOption listenerWaitOption(QStringLiteral("listener-wait"),
        tr("How long to wait for an indication, in seconds (default 15)."), tr("SECONDS"));
    const QCommandLineOption listenerCleanupOption(QStringLiteral("listener-cleanup"),
        tr("Do not diagnose: remove the filters, destinations and subscriptions named cimdiag: that earlier runs "
           "left on the server."));
    parser.addOptions({userOption, passwordStdinOption, passwordEnvOption, ticketStdinOption, ticketEnvOption, caOption,
        clientCertOption, clientKeyOption, acceptTlsErrorOption, pinOption, noVerifyHostnameOption, namespaceOption,
        classOption, interopOption, timeoutOption, stageOption, jsonOption, reportOption, logOption, quietOption,
        verboseOption, noColorOption, hostsOption, parallelOption});
    parser.addOptions({listenerOption, listenerPortOption, listenerAddressOption, listenerSchemeOption,
        listenerCertOption, listenerKeyOption, listenerWaitOption, listenerCleanupOption});
    parser.addPositionalArgument(
        QStringLiteral("check"), tr("Diagnose the connection to a CIM server."), QStringLiteral("check"));
    parser.addPositionalArgument(
        QStringLiteral("TARGET"), tr("https://host:5989, http://host:5988, host:port or host (https, port 5989)."));

    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(helpOption)) {
        QString text = parser.helpText();
        // Qt puts argv[0] in the usage line: a long build path when run from the build tree.
        const QString argv0 = arguments.isEmpty() ? QString() : arguments.constFirst();
        const QString prefix = QStringLiteral("Usage: ");
        if (!argv0.isEmpty() && text.startsWith(prefix + argv0))
            text.replace(prefix.size(), argv0.size(), QCoreApplication::applicationName());
        parsed.action = Action::Help;
        parsed.text = text;
        return parsed;
    }
    if (parser.isSet(versionOption)) {
        parsed.action = Action::Version;
        parsed.text = QCoreApplication::applicationName() + u' ' + QCoreApplication::applicationVersion() + u'\n';
        return parsed;
    }

    CliCheckOptions options;
    QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty())
        positional.removeFirst(); // "check"

    // Where: one target, or a file of them.
    options.m_hostsFile = parser.value(hostsOption);
    if (parser.isSet(hostsOption)) {
        if (options.m_hostsFile.isEmpty())
            return usage(tr("--hosts needs a FILE."));
        if (!positional.isEmpty())
            return usage(tr("give either a TARGET or --hosts FILE, not both (got %1).").arg(positional.join(u' ')));
        const QFileInfo hosts(options.m_hostsFile);
        if (!hosts.isFile() || !hosts.isReadable())
            return usage(tr("--hosts %1: not a readable file.").arg(options.m_hostsFile));
        if (parser.isSet(reportOption))
            return usage(tr("--report writes one target's results; with --hosts every result is a JSON line on "
                            "standard output."));
    } else {
        if (positional.isEmpty())
            return usage(tr("TARGET is missing: give https://host:5989, host:port or host (or --hosts FILE)."));
        if (positional.size() > 1)
            return usage(tr("one TARGET at a time, got %1: %2 (use --hosts FILE for many).")
                             .arg(positional.size())
                             .arg(positional.join(u' ')));
        QString error;
        const std::optional<Target> target = Target::fromUrl(positional.constFirst(), &error);
        if (!target)
            return usage(error);
        options.m_target = *target;
    }
    if (parser.isSet(parallelOption)) {
        if (!options.hostsMode())
            return usage(tr("--parallel only applies to --hosts FILE."));
        bool ok = false;
        options.m_parallel = parser.value(parallelOption).toInt(&ok);
        if (!ok || options.m_parallel < 1 || options.m_parallel > kMaxParallel)
            return usage(tr("--parallel must be a number from 1 to %1, got \"%2\".")
                             .arg(kMaxParallel)
                             .arg(parser.value(parallelOption)));
    }

    // Who: a password or ticket only from standard input or the environment.
    const bool passwordStdin = parser.isSet(passwordStdinOption);
    const bool passwordEnv = parser.isSet(passwordEnvOption);
    const bool ticketStdin = parser.isSet(ticketStdinOption);
    const bool ticketEnv = parser.isSet(ticketEnvOption);
    if (passwordStdin && passwordEnv)
        return usage(tr("give one password source: --password-stdin or --password-env, not both."));
    if (ticketStdin && ticketEnv)
        return usage(tr("give one ticket source: --ticket-stdin or --ticket-env, not both."));
    if ((passwordStdin || passwordEnv) && (ticketStdin || ticketEnv))
        return usage(tr("a CIM ticket replaces user and password: give either a password or a ticket."));
    if (ticketStdin || ticketEnv) {
        if (parser.isSet(userOption))
            return usage(tr("a CIM ticket is sent as its own user name: leave out --user."));
    } else if (parser.isSet(userOption) && !passwordStdin && !passwordEnv) {
        return usage(tr("--user needs a password: --password-stdin or --password-env VAR."));
    } else if (!parser.isSet(userOption) && (passwordStdin || passwordEnv)) {
        return usage(tr("a password needs --user USER."));
    }
    const auto readSecret
        = [&](bool fromStdin, const QCommandLineOption &envOption, const QString &what, QString *secret) -> QString {
        if (fromStdin) {
            const QByteArray line = standardInput ? standardInput->readLine() : QByteArray();
            if (line.isEmpty())
                return tr("standard input is empty: --%1-stdin reads the %1 from its first line.").arg(what);
            *secret = stripLineEnd(QString::fromUtf8(line));
            if (secret->isEmpty())
                return tr("the first line of standard input is empty: --%1-stdin reads the %1 from it.").arg(what);
            return {};
        }
        const QString variable = parser.value(envOption);
        if (variable.isEmpty())
            return tr("--%1-env needs the name of an environment variable.").arg(what);
        if (!environment.contains(variable))
            return tr("environment variable %1 (from --%2-env) is not set.").arg(variable, what);
        *secret = stripLineEnd(environment.value(variable));
        if (secret->isEmpty())
            return tr("environment variable %1 (from --%2-env) is empty.").arg(variable, what);
        return {};
    };
    if (passwordStdin || passwordEnv) {
        const QString user = parser.value(userOption);
        if (user.isEmpty())
            return usage(tr("--user needs a user name."));
        QString password;
        const QString error = readSecret(passwordStdin, passwordEnvOption, QStringLiteral("password"), &password);
        if (!error.isEmpty())
            return usage(error);
        options.m_target.credentials = WbemCredentials::basic(user, password);
    } else if (ticketStdin || ticketEnv) {
        QString ticket;
        const QString error = readSecret(ticketStdin, ticketEnvOption, QStringLiteral("ticket"), &ticket);
        if (!error.isEmpty())
            return usage(error);
        options.m_target.credentials = WbemCredentials::cimTicket(ticket);
    }

    // How TLS verifies.
    WbemTlsOptions &tls = options.m_target.tls;
    if (parser.isSet(caOption)) {
        const QFileInfo ca(parser.value(caOption));
        if (ca.isDir())
            tls.caDirectory = ca.filePath();
        else if (ca.isFile() && ca.isReadable())
            tls.caFile = ca.filePath();
        else
            return usage(tr("--ca %1: no such readable file or directory.").arg(ca.filePath()));
    }
    if (parser.isSet(clientCertOption) != parser.isSet(clientKeyOption))
        return usage(tr("2-way TLS needs both --client-cert FILE and --client-key FILE."));
    if (parser.isSet(clientCertOption)) {
        for (const QCommandLineOption *option : {&clientCertOption, &clientKeyOption}) {
            const QFileInfo file(parser.value(*option));
            if (!file.isFile() || !file.isReadable())
                return usage(tr("--%1 %2: not a readable file.").arg(option->names().constFirst(), file.filePath()));
        }
        tls.clientCertificateFile = parser.value(clientCertOption);
        tls.clientKeyFile = parser.value(clientKeyOption);
    }
    for (const QString &name : listValues(parser, acceptTlsErrorOption)) {
        bool known = false;
        for (const auto &[entryName, errors] : tlsErrorNames()) {
            if (name.compare(entryName, Qt::CaseInsensitive) == 0) {
                known = true;
                for (const QSslError::SslError error : errors)
                    tls.ignoredErrors.insert(error);
            }
        }
        if (!known)
            return usage(tr("unknown --accept-tls-error \"%1\"; the names are: %2.").arg(name, joined(tlsNames)));
    }
    if (parser.isSet(pinOption)) {
        QString hex = parser.value(pinOption);
        hex.remove(u':');
        static const QRegularExpression sha256Hex(QStringLiteral("^[0-9A-Fa-f]{64}$"));
        if (!sha256Hex.match(hex).hasMatch()) {
            return usage(tr("--pin must be a SHA-256 fingerprint: 64 hex digits, colons allowed (as "
                            "`openssl x509 -noout -fingerprint -sha256` prints it), got \"%1\".")
                             .arg(parser.value(pinOption)));
        }
        tls.pinnedSha256 = QByteArray::fromHex(hex.toLatin1());
    }
    tls.verifyHostname = !parser.isSet(noVerifyHostnameOption);

    // What to ask.
    options.m_target.nameSpace = parser.value(namespaceOption);
    options.m_target.className = parser.value(classOption);
    if (parser.isSet(interopOption)) {
        const QStringList namespaces = listValues(parser, interopOption);
        if (namespaces.isEmpty())
            return usage(tr("--interop needs a namespace name."));
        options.m_target.interopNamespaces = namespaces;
    }
    if (parser.isSet(timeoutOption)) {
        bool ok = false;
        const QString text = parser.value(timeoutOption);
        const double seconds = QLocale::c().toDouble(text, &ok);
        // An upper bound keeps the milliseconds in range and catches a value meant in ms.
        if (!ok || !(seconds > 0.0) || seconds > 3600.0)
            return usage(tr("--timeout must be a number of seconds above 0 and at most 3600 (e.g. 2.5), got "
                            "\"%1\".")
                             .arg(text));
        options.m_target.timeout = std::chrono::milliseconds(qMax<qint64>(1, qRound64(seconds * 1000.0)));
    }
    for (const QString &id : listValues(parser, stageOption)) {
        const std::optional<DiagnosticStage> stage = diagnosticStageFromId(id);
        if (!stage)
            return usage(tr("unknown --stage \"%1\"; the stages are: %2.").arg(id, joined(stageIds)));
        if (!options.m_stages.contains(*stage))
            options.m_stages.append(*stage);
    }
    options.m_target.slp
        = parser.isSet(slpOption) || parser.isSet(slpPortOption) || options.m_stages.contains(DiagnosticStage::Slp);
    if (parser.isSet(slpPortOption)) {
        bool ok = false;
        const uint port = parser.value(slpPortOption).toUInt(&ok);
        if (!ok || port == 0 || port > 65535)
            return usage(
                tr("--slp-port must be a port number from 1 to 65535, got \"%1\".").arg(parser.value(slpPortOption)));
        options.m_target.slpPort = quint16(port);
    }

    // The listener stage (opt-in: it changes the server for a moment).
    ListenerCheckOptions &listener = options.m_target.listener;
    listener.enabled = parser.isSet(listenerOption) || options.m_stages.contains(DiagnosticStage::Listener);
    if (parser.isSet(listenerPortOption)) {
        bool ok = false;
        const uint port = parser.value(listenerPortOption).toUInt(&ok);
        if (!ok || port > 65535)
            return usage(tr("--listener-port must be a number from 0 to 65535, got \"%1\".")
                             .arg(parser.value(listenerPortOption)));
        listener.port = quint16(port);
    }
    listener.address = parser.value(listenerAddressOption).trimmed();
    if (parser.isSet(listenerSchemeOption)) {
        const QString scheme = parser.value(listenerSchemeOption).trimmed().toLower();
        if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
            return usage(
                tr("--listener-scheme must be http or https, got \"%1\".").arg(parser.value(listenerSchemeOption)));
        listener.scheme = scheme;
    }
    if (parser.isSet(listenerWaitOption)) {
        bool ok = false;
        const double seconds = QLocale::c().toDouble(parser.value(listenerWaitOption), &ok);
        if (!ok || !(seconds > 0.0) || seconds > 3600.0)
            return usage(tr("--listener-wait must be a number of seconds above 0 and at most 3600, got \"%1\".")
                             .arg(parser.value(listenerWaitOption)));
        listener.wait = std::chrono::milliseconds(qMax<qint64>(1, qRound64(seconds * 1000.0)));
    }
    if (!listener.enabled
        && (parser.isSet(listenerPortOption) || parser.isSet(listenerAddressOption)
            || parser.isSet(listenerSchemeOption) || parser.isSet(listenerWaitOption)
            || parser.isSet(listenerCertOption) || parser.isSet(listenerKeyOption)))
        return usage(tr("--listener-port, --listener-address, --listener-scheme, --listener-cert, --listener-key and "
                        "--listener-wait go with --listener."));
    // Like listen's --cert/--key: a pair, and only for https. The files are read (and checked) by
    // the stage, which reports a problem with them as its result.
    listener.certificateFile = parser.value(listenerCertOption);
    listener.keyFile = parser.value(listenerKeyOption);
    if (parser.isSet(listenerCertOption) != parser.isSet(listenerKeyOption)
        || (parser.isSet(listenerCertOption) && (listener.certificateFile.isEmpty() || listener.keyFile.isEmpty())))
        return usage(tr("--listener-cert FILE and --listener-key FILE go together."));
    if (!listener.certificateFile.isEmpty() && !listener.isHttps())
        return usage(tr("--listener-cert and --listener-key go with --listener-scheme https."));
    options.m_listenerCleanup = parser.isSet(listenerCleanupOption);
    if (options.m_listenerCleanup && (options.hostsMode() || listener.enabled))
        return usage(tr("--listener-cleanup runs alone against one TARGET (no --listener, no --hosts)."));

    // How to show it.
    options.m_json = parser.isSet(jsonOption) || options.hostsMode();
    options.m_quiet = parser.isSet(quietOption);
    options.m_verbose = parser.isSet(verboseOption);
    options.m_noColor = parser.isSet(noColorOption);
    if (parser.isSet(reportOption)) {
        options.m_reportFile = parser.value(reportOption);
        if (options.m_reportFile.isEmpty())
            return usage(tr("--report needs a FILE."));
        // Checked before the run: a minute of probing should not end in "unknown format".
        if (!reportFormatForFile(options.m_reportFile))
            return usage(QStringLiteral("--report: ") + unknownReportFormatMessage(options.m_reportFile));
    }
    for (const QString &name : listValues(parser, logOption)) {
        const std::optional<LogChannel> channel = LogEntry::channelFromName(name);
        if (!channel)
            return usage(tr("unknown --log channel \"%1\"; the channels are: ops, http, check.").arg(name));
        if (!options.m_logChannels.contains(*channel))
            options.m_logChannels.append(*channel);
    }

    parsed.action = Action::Run;
    parsed.text.clear();
    parsed.options = std::move(options);
    return parsed;
}

std::optional<Target> CliCheckOptions::targetFor(const QString &text, QString *error) const
{
    std::optional<Target> target = Target::fromUrl(text, error);
    if (!target)
        return std::nullopt;
    Target result = m_target;
    result.scheme = target->scheme;
    result.host = target->host;
    result.port = target->port;
    return result;
}

QString CliCheckOptions::helpDescription()
{
    return tr("Diagnoses why a CIM client cannot talk to a CIM server: name resolution, TCP, TLS, HTTP,\n"
              "authentication, server identity and a sample enumerate, each stage with its verdict, the\n"
              "evidence and, for problems, the cause and the remedy.\n"
              "\n"
              "On a terminal each stage shows while it runs; --json prints the results as JSON instead\n"
              "(schema in docs/check-json-schema.md). A password is never taken as an argument: use\n"
              "--password-stdin or --password-env VAR.\n"
              "\n"
              "--listener adds the indication listener stage: it listens on this machine, subscribes on the\n"
              "server (a filter, a destination and a subscription named cimdiag:<run id>, transient), waits\n"
              "for an indication and removes what it created, also when interrupted. --listener-scheme https\n"
              "listens with a self-signed certificate made for the run, or with --listener-cert FILE and\n"
              "--listener-key FILE with one the server can be told to trust. --listener-cleanup removes what\n"
              "earlier runs left.\n"
              "\n"
              "--hosts FILE checks many targets at once (--parallel N) with the same credentials and\n"
              "TLS options and prints one JSON line per target as it finishes, with \"line\" its line\n"
              "in FILE; a line that is not a target gives a JSON line with \"error\".\n"
              "\n"
              "Exit status:\n"
              "  0    every stage passed\n"
              "  1    warnings, no failures\n"
              "  2    a stage failed (with --hosts: some target failed or a line is not a target)\n"
              "  64   usage error: bad option or value, missing password source\n"
              "  64   also: --report FILE with an extension other than .json, .html, .htm, .md, .txt\n"
              "  74   the --report file could not be written\n"
              "  130  interrupted (SIGINT or SIGTERM); what finished is printed");
}

} // namespace cimdiag
