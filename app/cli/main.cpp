// SPDX-License-Identifier: GPL-3.0-or-later
// cimdiag-cli: argument parsing and dispatch to the command classes; nothing else lives here.
#include "app/cli/CliAuditCommand.h"
#include "app/cli/CliCheckCommand.h"
#include "app/cli/CliCheckOptions.h"
#include "app/cli/CliDecodeCommand.h"
#include "app/cli/CliDiscoverCommand.h"
#include "app/cli/CliHostsRunner.h"
#include "app/cli/CliListenCommand.h"
#include "app/cli/CliTerminalEcho.h"

#include "core/audit/AuditSession.h"
#include "core/cimxml/CimOperation.h"
#include "core/i18n/AppTranslator.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QProcessEnvironment>

#include <cstdio>
#include <optional>
#include <unistd.h>

using cimdiag::CliCheckCommand;
using cimdiag::CliCheckOptions;
using cimdiag::CliDecodeCommand;
using cimdiag::CliHostsRunner;

namespace {

/// The translation context of this file's messages: lupdate files Cli::tr() strings under "Cli".
struct Cli
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

/// The commands, as the usage errors list them (protocol-like words: not translated).
const QString kCommands = QStringLiteral("check, discover, decode, listen, audit");

void print(QFile &device, const QString &text)
{
    device.write(text.toUtf8());
}

/// Prints what was wrong and where to read more, and returns EX_USAGE.
int usageError(QFile &err, const QString &command, const QString &message)
{
    const QString program
        = command.isEmpty() ? QStringLiteral("cimdiag-cli") : QStringLiteral("cimdiag-cli ") + command;
    print(err,
        program + QStringLiteral(": ") + message + u'\n' + Cli::tr("Try '%1 --help' for more information.").arg(program)
            + u'\n');
    return CliDecodeCommand::ExitUsage;
}

/// The parser's help with the program's name in the usage line: Qt puts argv[0] there, which is a
/// long build path when run from the build tree.
QString helpText(const QCommandLineParser &parser)
{
    QString text = parser.helpText();
    const QString argv0 = QCoreApplication::arguments().constFirst();
    // Qt's own "Usage: %1", translated when Qt's translation is loaded.
    const QString usage = QCoreApplication::translate("QCommandLineParser", "Usage: %1").arg(argv0);
    const qsizetype at = usage.indexOf(argv0);
    if (text.startsWith(usage) && at >= 0)
        text.replace(at, argv0.size(), QCoreApplication::applicationName());
    return text;
}

QString versionText()
{
    return QCoreApplication::applicationName() + u' ' + QCoreApplication::applicationVersion() + u'\n';
}

/// Wraps a list of names into lines of at most 100 characters, indented, for an error message.
QString wrappedList(const QStringList &names)
{
    QString text;
    QString line = QStringLiteral("  ");
    for (qsizetype i = 0; i < names.size(); ++i) {
        const QString item = names.at(i) + (i + 1 < names.size() ? QStringLiteral(",") : QString());
        if (line.size() + item.size() + 1 > 100) {
            text += line + u'\n';
            line = QStringLiteral("  ");
        }
        line += (line.size() > 2 ? QStringLiteral(" ") : QString()) + item;
    }
    return text + line;
}

/// arguments: the program name, "decode", then the command's own arguments.
int runDecode(const QStringList &arguments, QFile &out, QFile &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(CliDecodeCommand::helpDescription());
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption operationOption({QStringLiteral("o"), QStringLiteral("operation")},
        Cli::tr("FILE is the response to operation NAME, e.g. EnumerateInstances, GetClass, InvokeMethod "
                "(case-insensitive)."),
        Cli::tr("NAME"));
    const QCommandLineOption requestOption({QStringLiteral("r"), QStringLiteral("request")},
        Cli::tr("FILE is a request (intrinsic, extrinsic or export); its operation is read from it."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), Cli::tr("Print JSON instead of MOF-like text."));
    parser.addOptions({operationOption, requestOption, jsonOption});
    parser.addPositionalArgument(
        QStringLiteral("decode"), Cli::tr("Decode a captured CIM-XML message."), QStringLiteral("decode"));
    parser.addPositionalArgument(QStringLiteral("FILE"), Cli::tr("The captured message; - reads standard input."));

    const QString command = QStringLiteral("decode");
    if (!parser.parse(arguments))
        return usageError(err, command, parser.errorText());
    if (parser.isSet(helpOption)) {
        print(out, helpText(parser));
        return CliDecodeCommand::ExitOk;
    }
    if (parser.isSet(versionOption)) {
        print(out, versionText());
        return CliDecodeCommand::ExitOk;
    }

    QStringList files = parser.positionalArguments();
    files.removeFirst(); // "decode"
    if (files.isEmpty())
        return usageError(err, command, Cli::tr("FILE is missing (give - to read standard input)."));
    if (files.size() > 1)
        return usageError(
            err, command, Cli::tr("one FILE at a time, got %1: %2").arg(files.size()).arg(files.join(u' ')));

    CliDecodeCommand::Options options;
    options.inputPath = files.constFirst();
    options.request = parser.isSet(requestOption);
    options.format = parser.isSet(jsonOption) ? CliDecodeCommand::Format::Json : CliDecodeCommand::Format::Text;
    if (options.request && parser.isSet(operationOption)) {
        return usageError(
            err, command, Cli::tr("--request reads the operation from the document; leave out --operation."));
    }
    if (!options.request && !parser.isSet(operationOption)) {
        return usageError(err, command,
            Cli::tr("--operation NAME is required: a response does not say which operation it "
                    "answers (or give --request to decode a request)."));
    }
    if (!options.request) {
        const QString name = parser.value(operationOption);
        options.operation = cimdiag::cimOperationFromName(name);
        if (!options.operation) {
            return usageError(err, command,
                Cli::tr("unknown operation \"%1\". Replies to extrinsic methods such as "
                        "RequestStateChange are InvokeMethod. Valid operations:\n%2")
                    .arg(name, wrappedList(CliDecodeCommand::operationNames())));
        }
    }
    return CliDecodeCommand(options).run(out, err);
}

/// arguments: the program name, "check", then the command's own arguments.
int runCheck(const QStringList &arguments, QFile &out, QFile &err)
{
    // Standard input is only read for --password-stdin / --ticket-stdin.
    QFile in;
    in.open(fileno(stdin), QIODevice::ReadOnly);
    std::optional<cimdiag::CliTerminalEcho> noEcho;
    if (arguments.contains(QStringLiteral("--password-stdin")))
        noEcho.emplace(err, Cli::tr("Password: "));
    else if (arguments.contains(QStringLiteral("--ticket-stdin")))
        noEcho.emplace(err, Cli::tr("CIM ticket: "));
    const CliCheckOptions::Parsed parsed
        = CliCheckOptions::parse(arguments, &in, QProcessEnvironment::systemEnvironment());
    noEcho.reset(); // the terminal echoes again before anything else is printed
    switch (parsed.action) {
    case CliCheckOptions::Action::Help:
    case CliCheckOptions::Action::Version:
        print(out, parsed.text);
        return CliCheckCommand::ExitPassed;
    case CliCheckOptions::Action::Usage:
        return usageError(err, QStringLiteral("check"), parsed.text);
    case CliCheckOptions::Action::Run:
        break;
    }
    const CliCheckOptions &options = *parsed.options;
    // START_UP, then every authentication and server-changing operation of the run (docs/audit-trail.md).
    const cimdiag::AuditSession audit(
        QStringLiteral("cimdiag-cli check"), {{QStringLiteral("target"), options.target().toJson()}});
    if (!audit.errorString().isEmpty())
        print(err, Cli::tr("cimdiag-cli: warning: cannot write the audit trail: %1").arg(audit.errorString()) + u'\n');
    if (options.hostsMode())
        return CliHostsRunner(options, out, err, ::isatty(fileno(stderr)) != 0).run();
    return CliCheckCommand(options).run(out, err, ::isatty(fileno(stdout)) != 0);
}

/// Runs a command whose class parses its own arguments (CliListenCommand, CliDiscoverCommand):
/// help, version and usage errors are answered here, construct(parsed) builds the command to run.
template<typename Command, typename Construct>
int runParsedCommand(const QString &name, const QStringList &arguments, QFile &out, QFile &err, Construct construct)
{
    const typename Command::Parsed parsed = Command::parse(arguments);
    switch (parsed.action) {
    case Command::Parsed::Action::Help:
        print(out,
            QString(parsed.text).replace(QCoreApplication::arguments().constFirst(), QStringLiteral("cimdiag-cli")));
        return CliDecodeCommand::ExitOk;
    case Command::Parsed::Action::Version:
        print(out, parsed.text);
        return CliDecodeCommand::ExitOk;
    case Command::Parsed::Action::Usage:
        return usageError(err, name, parsed.text);
    case Command::Parsed::Action::Run:
        break;
    }
    return construct(parsed).run(out, err);
}

/// arguments: the program name, "listen", then the command's own arguments.
int runListen(const QStringList &arguments, QFile &out, QFile &err)
{
    using cimdiag::CliListenCommand;
    return runParsedCommand<CliListenCommand>(QStringLiteral("listen"), arguments, out, err,
        [](const CliListenCommand::Parsed &parsed) { return CliListenCommand(parsed.options); });
}

/// arguments: the program name, "discover", then the command's own arguments.
int runDiscover(const QStringList &arguments, QFile &out, QFile &err)
{
    using cimdiag::CliDiscoverCommand;
    return runParsedCommand<CliDiscoverCommand>(QStringLiteral("discover"), arguments, out, err,
        [](const CliDiscoverCommand::Parsed &parsed) { return CliDiscoverCommand(*parsed.options, parsed.json); });
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("cimdiag-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CIMDIAG_VERSION));
    // Messages and --help in the language of LANGUAGE / LC_ALL / LC_MESSAGES / LANG.
    cimdiag::AppTranslator translator;
    translator.install(cimdiag::AppTranslator::languageFor(QLocale::system()));

    QFile out;
    QFile err;
    out.open(fileno(stdout), QIODevice::WriteOnly);
    err.open(fileno(stderr), QIODevice::WriteOnly);

    QCommandLineParser parser;
    parser.setApplicationDescription(Cli::tr("Command-line tools of cimdiag, the CIM/WBEM connection diagnostics.\n"
                                             "\n"
                                             "Commands:\n"
                                             "  check    diagnose the connection to a CIM server, stage by stage\n"
                                             "  decode   decode a captured CIM-XML response or request and print it\n"
                                             "  listen   run an indication listener and print what arrives\n"
                                             "  audit    show or verify the audit trail, or switch it on or off\n"
                                             "  discover find WBEM servers that advertise themselves over SLP\n"
                                             "\n"
                                             "Run 'cimdiag-cli COMMAND --help' for a command's options."));
    // Everything after the command belongs to the command's own parser.
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("command"), Cli::tr("The command to run: %1.").arg(kCommands), QStringLiteral("COMMAND"));
    parser.addPositionalArgument(
        QStringLiteral("arguments"), Cli::tr("The command's options and arguments."), QStringLiteral("[ARGUMENTS...]"));

    const QStringList arguments = QCoreApplication::arguments();
    if (!parser.parse(arguments))
        return usageError(err, {}, parser.errorText());
    if (parser.isSet(helpOption)) {
        print(out, helpText(parser));
        return CliDecodeCommand::ExitOk;
    }
    if (parser.isSet(versionOption)) {
        print(out, versionText());
        return CliDecodeCommand::ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return usageError(err, {}, Cli::tr("no command given; the commands are: %1.").arg(kCommands));
    const QString &command = positional.constFirst();
    if (command == QStringLiteral("check"))
        return runCheck(QStringList {arguments.constFirst()} + positional, out, err);
    if (command == QStringLiteral("discover"))
        return runDiscover(QStringList {arguments.constFirst()} + positional, out, err);
    if (command == QStringLiteral("decode"))
        return runDecode(QStringList {arguments.constFirst()} + positional, out, err);
    if (command == QStringLiteral("listen"))
        return runListen(QStringList {arguments.constFirst()} + positional, out, err);
    if (command == QStringLiteral("audit"))
        return cimdiag::CliAuditCommand::run(QStringList {arguments.constFirst()} + positional, out, err);
    if (command == QStringLiteral("help")) {
        print(out, helpText(parser));
        return CliDecodeCommand::ExitOk;
    }
    return usageError(err, {}, Cli::tr("unknown command \"%1\"; the commands are: %2.").arg(command, kCommands));
}
