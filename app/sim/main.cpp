// SPDX-License-Identifier: GPL-3.0-or-later
// cimdiag-sim: runs one simulator scenario until SIGINT or SIGTERM.
#include "core/i18n/AppTranslator.h"
#include "core/net/CertificateFactory.h"
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimScenario.h"
#include "core/sim/SimScenarioHost.h"
#include "core/sim/SimSessionReplay.h"
#include "core/sim/SimSlpResponder.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSocketNotifier>
#include <QTemporaryFile>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>

using namespace cimdiag;

namespace {

/// The translation context of this file's messages. The "key: value" lines main() prints once
/// listening are read by scripts (tests/support/SimProcess) and stay English.
struct SimMain
{
    Q_DECLARE_TR_FUNCTIONS(SimMain)
};

// The self-pipe trick: a signal handler may only write(2); the event loop reads the other end.
int g_signalSockets[2] = {-1, -1};

void onSignal(int signalNumber)
{
    const char byte = static_cast<char>(signalNumber);
    [[maybe_unused]] const ssize_t written = ::write(g_signalSockets[0], &byte, 1);
}

bool installSignalHandlers()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalSockets) != 0)
        return false;
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0 && ::sigaction(SIGTERM, &action, nullptr) == 0;
}

quint16 parsePort(const QString &text, bool *ok)
{
    const uint port = text.toUInt(ok);
    *ok = *ok && port <= 65535;
    return static_cast<quint16>(port);
}

/// C3/C5/C6: Debian's OpenSSL 3 runs at SECLEVEL 2 (/etc/ssl/openssl.cnf), and Qt 6.4 loads the server
/// certificate into the SSL_CTX before it applies the "@SECLEVEL=0" CipherString SimHttpServer asks
/// for, so this process would refuse its own RSA-1024 or SHA-1 certificate and the client would see
/// a closed connection instead of the weak certificate. OpenSSL reads OPENSSL_CONF once, when it is
/// first initialised; pointing it at a SECLEVEL 0 system_default before anything touches OpenSSL
/// lowers the level for this process only, while the clients under test keep theirs and complain.
/// Reads "--scenario NAME" from argv itself (QCommandLineParser needs the application object, which
/// must not exist yet) and ignores a bad scenario: main() reports that properly later. Returns the
/// config file, removed when it goes out of scope, or nullptr when the scenario does not need it.
std::unique_ptr<QTemporaryFile> lowerOpenSslSecurityLevelIfNeeded(int argc, char *argv[])
{
    QString name = QStringLiteral("healthy");
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView arg(argv[i]);
        if (arg == "--")
            break;
        if (arg == "--scenario" && i + 1 < argc)
            name = QString::fromLocal8Bit(argv[++i]);
        else if (arg.startsWith("--scenario="))
            name = QString::fromLocal8Bit(arg.sliced(11));
    }
    // Only reads the embedded :/scenarios/ resources (registered by static initialisers) or a file.
    const std::optional<SimScenario> scenario = SimScenario::load(name);
    if (!scenario)
        return nullptr;
    if (!scenario->needsSecurityLevel0())
        return nullptr;

    auto config = std::make_unique<QTemporaryFile>(QDir::temp().filePath(QStringLiteral("cimdiag-sim-XXXXXX.cnf")));
    const QByteArray text = QByteArrayLiteral("openssl_conf = cimdiag_sim_init\n"
                                              "[cimdiag_sim_init]\n"
                                              "ssl_conf = cimdiag_sim_ssl\n"
                                              "[cimdiag_sim_ssl]\n"
                                              "system_default = cimdiag_sim_system_default\n"
                                              "[cimdiag_sim_system_default]\n"
                                              "CipherString = DEFAULT:@SECLEVEL=0\n");
    if (!config->open() || config->write(text) != text.size() || !config->flush()) {
        std::fprintf(
            stderr, "cimdiag-sim: cannot write an OpenSSL configuration; scenario %s may fail\n", qPrintable(name));
        return nullptr;
    }
    config->close(); // QTemporaryFile keeps the file until it is destroyed
    qputenv("OPENSSL_CONF", QFile::encodeName(config->fileName()));
    return config;
}

} // namespace

int main(int argc, char *argv[])
{
    // Before anything initialises OpenSSL (QCoreApplication included, to be safe).
    const std::unique_ptr<QTemporaryFile> openSslConfig = lowerOpenSslSecurityLevelIfNeeded(argc, argv);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("cimdiag-sim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CIMDIAG_VERSION));
    // --help and errors in the language of LANGUAGE / LC_ALL / LC_MESSAGES / LANG.
    AppTranslator translator;
    translator.install(AppTranslator::languageFor(QLocale::system()));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        SimMain::tr("A CIM-XML server (DSP0200) on loopback that can misbehave as the cimdiag "
                    "failure-mode catalogue describes."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption scenarioOption(QStringLiteral("scenario"),
        SimMain::tr("Scenario name (see --list-scenarios) or a .json file."), QStringLiteral("NAME"),
        QStringLiteral("healthy"));
    const QCommandLineOption listOption(QStringLiteral("list-scenarios"), SimMain::tr("List the scenarios and exit."));
    const QCommandLineOption httpPortOption(QStringLiteral("http-port"),
        SimMain::tr("HTTP port (0 picks a free one; default 0)."), QStringLiteral("PORT"), QStringLiteral("0"));
    const QCommandLineOption httpsPortOption(QStringLiteral("https-port"),
        SimMain::tr("HTTPS port (0 picks a free one; default 0)."), QStringLiteral("PORT"), QStringLiteral("0"));
    const QCommandLineOption addressOption(QStringLiteral("address"),
        SimMain::tr("Address to listen on (default 127.0.0.1)."), QStringLiteral("ADDRESS"),
        QStringLiteral("127.0.0.1"));
    const QCommandLineOption caFileOption(QStringLiteral("ca-file"),
        SimMain::tr("Where to write the CA certificate (PEM) clients should trust (default: a file in the "
                    "temporary directory, removed at exit)."),
        QStringLiteral("PATH"));
    const QCommandLineOption replayOption(QStringLiteral("replay"),
        SimMain::tr("Answer every request from a session file a cimdiag session recorder wrote, instead of "
                    "the scenario's model (the scenario still sets the listeners, TLS and connection faults)."),
        QStringLiteral("FILE"));
    const QCommandLineOption certificateOption(QStringLiteral("certificate"),
        SimMain::tr("Serve this PEM certificate (leaf first, then its chain) on HTTPS instead of one the "
                    "simulator issues."),
        QStringLiteral("FILE"));
    const QCommandLineOption keyOption(QStringLiteral("key"),
        SimMain::tr("The PEM private key for --certificate (default: the same file)."), QStringLiteral("FILE"));
    const QCommandLineOption slpPortOption(QStringLiteral("slp-port"),
        SimMain::tr("Answer SLP (service:wbem) on this UDP port; 0 picks a free one. On 427 the multicast group "
                    "239.255.255.253 is joined as well. Default: only for scenarios with an \"slp\" section, on "
                    "a free port."),
        QStringLiteral("PORT"));
    parser.addOptions({scenarioOption, listOption, httpPortOption, httpsPortOption, addressOption, caFileOption,
        replayOption, certificateOption, keyOption, slpPortOption});
    parser.process(app);

    QTextStream out(stdout);
    QTextStream err(stderr);

    if (parser.isSet(listOption)) {
        for (const QString &name : SimScenario::builtInNames()) {
            QString error;
            const std::optional<SimScenario> scenario = SimScenario::load(name, &error);
            if (!scenario) {
                err << "cimdiag-sim: " << error << Qt::endl;
                return 1;
            }
            const QString modes = scenario->failureModes.isEmpty()
                ? QString()
                : QStringLiteral(" [") + scenario->failureModes.join(QLatin1Char(',')) + QLatin1Char(']');
            out << name.leftJustified(22) << ' ' << scenario->description << modes << Qt::endl;
        }
        return 0;
    }

    QString error;
    std::optional<SimScenario> scenario = SimScenario::load(parser.value(scenarioOption), &error);
    if (!scenario) {
        err << "cimdiag-sim: " << error << Qt::endl;
        return 2;
    }
    if (parser.isSet(certificateOption)) {
        scenario->tls.certificateFile = parser.value(certificateOption);
        scenario->tls.keyFile = parser.value(keyOption);
    }
    SimScenarioHost::Listen listen;
    bool ok = false;
    listen.httpPort = parsePort(parser.value(httpPortOption), &ok);
    bool httpsOk = false;
    listen.httpsPort = parsePort(parser.value(httpsPortOption), &httpsOk);
    bool slpOk = true;
    if (parser.isSet(slpPortOption)) {
        listen.slp = true;
        listen.slpPort = parsePort(parser.value(slpPortOption), &slpOk);
        listen.slpMulticast = listen.slpPort == 427;
    }
    if (!ok || !httpsOk || !slpOk || !listen.address.setAddress(parser.value(addressOption))) {
        err << SimMain::tr("cimdiag-sim: bad --http-port, --https-port or --address") << Qt::endl;
        return 2;
    }

    std::unique_ptr<SimSessionReplay> replay;
    if (parser.isSet(replayOption)) {
        replay = SimSessionReplay::fromFile(parser.value(replayOption), &error);
        if (!replay) {
            err << "cimdiag-sim: " << error << Qt::endl;
            return 2;
        }
    }

    if (!installSignalHandlers()) {
        err << SimMain::tr("cimdiag-sim: cannot install the signal handlers") << Qt::endl;
        return 1;
    }
    SimScenarioHost host;
    if (!host.start(*scenario, listen)) {
        err << "cimdiag-sim: " << host.errorString() << Qt::endl;
        return 1;
    }
    if (replay)
        host.server()->setRawResponder(replay->responder());

    const bool removeCaFile = !parser.isSet(caFileOption);
    const QString caFile = removeCaFile
        ? QDir::temp().filePath(QStringLiteral("cimdiag-sim-%1-ca.pem").arg(QCoreApplication::applicationPid()))
        : parser.value(caFileOption);
    QFile ca(caFile);
    if (!ca.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || ca.write(host.certificateFactory()->caCertificatePem()) < 0) {
        err << SimMain::tr("cimdiag-sim: cannot write %1: %2").arg(caFile, ca.errorString()) << Qt::endl;
        return 1;
    }
    ca.close();

    // One "key: value" line each, so scripts can read the chosen ports.
    const SimHttpServer *server = host.server();
    out << "scenario: " << scenario->name << " - " << scenario->description << Qt::endl;
    out << "faults: " << scenario->faultPlan.toString() << Qt::endl;
    out << "http: " << server->httpUrl().toString() << Qt::endl;
    out << "https: " << server->httpsUrl().toString() << Qt::endl;
    if (const SimSlpResponder *slp = host.slpResponder()) {
        out << "slp: udp port " << slp->port() << " " << slp->urls().join(u' ') << Qt::endl;
        if (!slp->multicastError().isEmpty())
            out << "slp-multicast: not joined: " << slp->multicastError() << Qt::endl;
    }
    if (replay)
        out << "replay: " << replay->source() << " (" << replay->exchanges().size() << " exchanges)" << Qt::endl;
    out << "ca-file: " << QDir::toNativeSeparators(QFileInfo(caFile).absoluteFilePath()) << Qt::endl;
    if (!scenario->accounts.isEmpty())
        out << "account: " << scenario->accounts.first().user << Qt::endl;
    out << "ready" << Qt::endl;

    QSocketNotifier notifier(g_signalSockets[1], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&] {
        char signalNumber = 0;
        [[maybe_unused]] const ssize_t read = ::read(g_signalSockets[1], &signalNumber, 1);
        notifier.setEnabled(false);
        out << "stopping (signal " << static_cast<int>(signalNumber) << ")" << Qt::endl;
        host.stop();
        QCoreApplication::quit();
    });
    const int status = QCoreApplication::exec();
    if (removeCaFile)
        QFile::remove(caFile);
    return status;
}
