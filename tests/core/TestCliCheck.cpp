// SPDX-License-Identifier: GPL-3.0-or-later
// `cimdiag-cli check`: the option parser and the printer directly, then the real binary (QProcess)
// for usage errors, secrets and, against the in-process simulator, whole diagnoses in the human,
// --json, --report and --hosts forms.
#include "app/cli/CliCheckOptions.h"
#include "app/cli/CliCheckPrinter.h"
#include "app/cli/CliHostsRunner.h"
#include "core/diagnostics/HintCatalogue.h"
#include "core/net/CertificateFactory.h"
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimRepository.h"
#include "core/sim/SimScenario.h"
#include "core/sim/SimScenarioHost.h"
#include "tests/support/LoopbackPort.h"

#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

using namespace cimdiag;
using namespace std::chrono_literals;

namespace {
// Distinctive, so a leak anywhere in the output is found by a plain search.
const QString kSecret = QStringLiteral("Zq7-never-print-me-41x");
const QString kUser = QStringLiteral("cimuser");
const QString kPassword = QStringLiteral("cimpass");
} // namespace

class TestCliCheck final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    // CliCheckOptions, in process
    void parseTarget();
    void parsePasswordFromStdin();
    void parsePasswordFromEnvironment();
    void parseTlsOptions();
    void parseStagesTimeoutAndLog();
    void parseHostsTemplate();

    // CliCheckPrinter, in process
    void printerStageLineAndWrap();
    void printerSummaryExplainsHints();
    void printerJsonAddsHintTextsAndRedacts();
    void printerEscapesControlCharacters();

    // the binary
    void usageError_data();
    void usageError();
    void help();

    // the binary against the simulator
    void healthyPasses();
    void humanOutputOnPipe();
    void closedPortFails();
    void wrongCredentialsExplainsD1();
    void secretsNeverPrinted_data();
    void secretsNeverPrinted();
    void reportFormatByExtension_data();
    void reportFormatByExtension();
    void reportNotWritable();
    void hostsFile();
    void hostsRunnerKeepsAtMostNRunners();
    void interruptPrintsWhatFinished();
    void listenerStageAndCleanup();
    void listenerCertificateOptions_data();
    void listenerCertificateOptions();
    void ctrlCAtPasswordPromptRestoresEcho_data();
    void ctrlCAtPasswordPromptRestoresEcho();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    /// Runs cimdiag-cli check with arguments, feeds input on standard input, waits (with the event
    /// loop running, for the in-process simulator) at most timeoutMs.
    Run runCheck(const QStringList &arguments, const QByteArray &input = {},
        const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(), int timeoutMs = 60000) const;
    bool startSimulator(SimScenarioHost &host, const QString &scenario);
    QString writeCaFile(const SimScenarioHost &host);
    static QJsonObject stage(const QJsonObject &run, const QString &id);
    static CliCheckOptions::Parsed parse(
        const QStringList &arguments, const QByteArray &input = {}, const QProcessEnvironment &environment = {});

    QString m_cli;
    QTemporaryDir m_dir;
    int m_files = 0;
};

void TestCliCheck::initTestCase()
{
    m_cli = qEnvironmentVariable("CIMDIAG_CLI");
    QVERIFY2(!m_cli.isEmpty(), "CIMDIAG_CLI must be set (tests/CMakeLists.txt does)");
    QVERIFY2(QFileInfo(m_cli).isExecutable(), qPrintable(m_cli));
    QVERIFY(m_dir.isValid());
}

CliCheckOptions::Parsed TestCliCheck::parse(
    const QStringList &arguments, const QByteArray &input, const QProcessEnvironment &environment)
{
    QByteArray bytes = input;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    return CliCheckOptions::parse(
        QStringList {QStringLiteral("cimdiag-cli"), QStringLiteral("check")} + arguments, &buffer, environment);
}

TestCliCheck::Run TestCliCheck::runCheck(
    const QStringList &arguments, const QByteArray &input, const QProcessEnvironment &environment, int timeoutMs) const
{
    Run run;
    QProcess process;
    process.setProcessEnvironment(environment);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(m_cli, QStringList {QStringLiteral("check")} + arguments);
    if (!process.waitForStarted(10000))
        return run;
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    // The simulator answers from this process's event loop: wait with it running.
    if (!finished.wait(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        qWarning("cimdiag-cli check %s did not finish", qPrintable(arguments.join(u' ')));
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

bool TestCliCheck::startSimulator(SimScenarioHost &host, const QString &scenario)
{
    const std::optional<SimScenario> loaded = SimScenario::load(scenario);
    if (!loaded || !host.start(*loaded)) {
        qWarning("cannot start scenario %s: %s", qPrintable(scenario), qPrintable(host.errorString()));
        return false;
    }
    return true;
}

QString TestCliCheck::writeCaFile(const SimScenarioHost &host)
{
    const QString path = m_dir.filePath(QStringLiteral("ca-%1.pem").arg(++m_files));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(host.certificateFactory()->caCertificatePem()) < 0)
        return {};
    return path;
}

QJsonObject TestCliCheck::stage(const QJsonObject &run, const QString &id)
{
    for (const QJsonValue &value : run.value(QStringLiteral("stages")).toArray()) {
        if (value.toObject().value(QStringLiteral("stage")).toString() == id)
            return value.toObject();
    }
    return {};
}

// ---------------------------------------------------------------------------------------------------

void TestCliCheck::parseTarget()
{
    const CliCheckOptions::Parsed parsed = parse({QStringLiteral("cim.example.org")});
    QCOMPARE(parsed.action, CliCheckOptions::Action::Run);
    QVERIFY(parsed.options);
    const Target &target = parsed.options->target();
    QCOMPARE(target.scheme, QStringLiteral("https"));
    QCOMPARE(target.host, QStringLiteral("cim.example.org"));
    QCOMPARE(target.port, quint16(5989));
    QVERIFY(target.credentials.isNull());
    QVERIFY(target.tls.verifyHostname);
    QVERIFY(parsed.options->stages().isEmpty());
    QVERIFY(!parsed.options->json());
    QVERIFY(!parsed.options->hostsMode());

    const CliCheckOptions::Parsed http = parse({QStringLiteral("http://[::1]:15988")});
    QCOMPARE(http.action, CliCheckOptions::Action::Run);
    QCOMPARE(http.options->target().scheme, QStringLiteral("http"));
    QCOMPARE(http.options->target().host, QStringLiteral("::1"));
    QCOMPARE(http.options->target().port, quint16(15988));

    const CliCheckOptions::Parsed url = parse({QStringLiteral("ftp://host")});
    QCOMPARE(url.action, CliCheckOptions::Action::Usage);
    QVERIFY2(url.text.contains(QStringLiteral("ftp")), qPrintable(url.text));
}

void TestCliCheck::parsePasswordFromStdin()
{
    const QStringList arguments {
        QStringLiteral("h"), QStringLiteral("--user"), kUser, QStringLiteral("--password-stdin")};
    // One line, its line break (also CRLF from a Windows editor) stripped; later lines ignored.
    const CliCheckOptions::Parsed parsed = parse(arguments, kSecret.toUtf8() + "\r\nsecond line\n");
    QCOMPARE(parsed.action, CliCheckOptions::Action::Run);
    const WbemCredentials &credentials = parsed.options->target().credentials;
    QCOMPARE(credentials.kind, WbemCredentials::Kind::Basic);
    QCOMPARE(credentials.user, kUser);
    QCOMPARE(credentials.password, kSecret);

    // A password with spaces is kept whole.
    QCOMPARE(
        parse(arguments, "  pass word  \n").options->target().credentials.password, QStringLiteral("  pass word  "));

    const CliCheckOptions::Parsed empty = parse(arguments);
    QCOMPARE(empty.action, CliCheckOptions::Action::Usage);
    QVERIFY2(empty.text.contains(QStringLiteral("standard input is empty")), qPrintable(empty.text));
    QCOMPARE(parse(arguments, "\n").action, CliCheckOptions::Action::Usage);

    const CliCheckOptions::Parsed ticket = parse({QStringLiteral("h"), QStringLiteral("--ticket-stdin")}, "52a1f\n");
    QCOMPARE(ticket.action, CliCheckOptions::Action::Run);
    QCOMPARE(ticket.options->target().credentials.kind, WbemCredentials::Kind::CimTicket);
    QCOMPARE(ticket.options->target().credentials.ticket, QStringLiteral("52a1f"));
}

void TestCliCheck::parsePasswordFromEnvironment()
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("CIM_PW"), kSecret);
    environment.insert(QStringLiteral("CIM_EMPTY"), QString());
    const CliCheckOptions::Parsed parsed = parse({QStringLiteral("h"), QStringLiteral("--user"), kUser,
                                                     QStringLiteral("--password-env"), QStringLiteral("CIM_PW")},
        {}, environment);
    QCOMPARE(parsed.action, CliCheckOptions::Action::Run);
    QCOMPARE(parsed.options->target().credentials.password, kSecret);

    const CliCheckOptions::Parsed unset = parse({QStringLiteral("h"), QStringLiteral("--user"), kUser,
                                                    QStringLiteral("--password-env"), QStringLiteral("CIM_NOT_THERE")},
        {}, environment);
    QCOMPARE(unset.action, CliCheckOptions::Action::Usage);
    QVERIFY2(unset.text.contains(QStringLiteral("CIM_NOT_THERE")), qPrintable(unset.text));

    const CliCheckOptions::Parsed empty = parse({QStringLiteral("h"), QStringLiteral("--user"), kUser,
                                                    QStringLiteral("--password-env"), QStringLiteral("CIM_EMPTY")},
        {}, environment);
    QCOMPARE(empty.action, CliCheckOptions::Action::Usage);
    QVERIFY2(empty.text.contains(QStringLiteral("CIM_EMPTY")), qPrintable(empty.text));
}

void TestCliCheck::parseTlsOptions()
{
    const QString caFile = m_dir.filePath(QStringLiteral("parse-ca.pem"));
    {
        QFile file(caFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not read by the parser\n");
    }
    const QString pin
        = QStringLiteral("AB:cd:") + QStringLiteral("0123456789abcdef").repeated(3) + QStringLiteral("0123456789ab");
    const CliCheckOptions::Parsed parsed = parse({QStringLiteral("h"), QStringLiteral("--ca"), caFile,
        QStringLiteral("--accept-tls-error"), QStringLiteral("self-signed"), QStringLiteral("--accept-tls-error"),
        QStringLiteral("expired,hostname-mismatch"), QStringLiteral("--pin"), pin,
        QStringLiteral("--no-verify-hostname"), QStringLiteral("--client-cert"), caFile, QStringLiteral("--client-key"),
        caFile});
    QCOMPARE(parsed.action, CliCheckOptions::Action::Run);
    const WbemTlsOptions &tls = parsed.options->target().tls;
    QCOMPARE(tls.caFile, caFile);
    QVERIFY(tls.caDirectory.isEmpty());
    QCOMPARE(tls.ignoredErrors,
        (QSet<QSslError::SslError> {
            QSslError::SelfSignedCertificate, QSslError::CertificateExpired, QSslError::HostNameMismatch}));
    QCOMPARE(tls.pinnedDigest().size(), 32);
    QCOMPARE(tls.pinnedDigest().toHex(), QString(pin).remove(u':').toLower().toLatin1());
    QVERIFY(!tls.verifyHostname);
    QCOMPARE(tls.clientCertificateFile, caFile);
    QCOMPARE(tls.clientKeyFile, caFile);

    // A directory of CAs.
    const CliCheckOptions::Parsed directory = parse({QStringLiteral("h"), QStringLiteral("--ca"), m_dir.path()});
    QCOMPARE(directory.action, CliCheckOptions::Action::Run);
    QCOMPARE(directory.options->target().tls.caDirectory, m_dir.path());
    QVERIFY(directory.options->target().tls.caFile.isEmpty());

    // Every documented name maps to at least one Qt error.
    for (const auto &[name, errors] : CliCheckOptions::tlsErrorNames()) {
        const CliCheckOptions::Parsed one = parse({QStringLiteral("h"), QStringLiteral("--accept-tls-error"), name});
        QCOMPARE(one.action, CliCheckOptions::Action::Run);
        QCOMPARE(one.options->target().tls.ignoredErrors, QSet<QSslError::SslError>(errors.begin(), errors.end()));
    }
}

void TestCliCheck::parseStagesTimeoutAndLog()
{
    const CliCheckOptions::Parsed parsed = parse({QStringLiteral("h"), QStringLiteral("--stage"),
        QStringLiteral("tls,dns"), QStringLiteral("--stage"), QStringLiteral("tcp"), QStringLiteral("--timeout"),
        QStringLiteral("2.5"), QStringLiteral("--log"), QStringLiteral("ops,http"), QStringLiteral("--json"),
        QStringLiteral("--namespace"), QStringLiteral("root/cimv2"), QStringLiteral("--class"),
        QStringLiteral("CIM_Fan"), QStringLiteral("--interop"), QStringLiteral("root/interop"),
        QStringLiteral("--interop"), QStringLiteral("interop")});
    QCOMPARE(parsed.action, CliCheckOptions::Action::Run);
    const CliCheckOptions &options = *parsed.options;
    QCOMPARE(options.stages(),
        (QList<DiagnosticStage> {DiagnosticStage::Tls, DiagnosticStage::NameResolution, DiagnosticStage::Tcp}));
    QCOMPARE(options.target().timeout, 2500ms);
    QCOMPARE(options.logChannels(), (QList<LogChannel> {LogChannel::Operation, LogChannel::Http}));
    QVERIFY(options.json());
    QCOMPARE(options.target().nameSpace, QStringLiteral("root/cimv2"));
    QCOMPARE(options.target().className, QStringLiteral("CIM_Fan"));
    QCOMPARE(
        options.target().interopNamespaces, (QStringList {QStringLiteral("root/interop"), QStringLiteral("interop")}));
}

void TestCliCheck::parseHostsTemplate()
{
    const QString hosts = m_dir.filePath(QStringLiteral("parse-hosts.txt"));
    {
        QFile file(hosts);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    const CliCheckOptions::Parsed parsed = parse(
        {QStringLiteral("--hosts"), hosts, QStringLiteral("--parallel"), QStringLiteral("3"), QStringLiteral("--user"),
            kUser, QStringLiteral("--password-stdin"), QStringLiteral("--timeout"), QStringLiteral("4")},
        kSecret.toUtf8());
    QCOMPARE(parsed.action, CliCheckOptions::Action::Run);
    const CliCheckOptions &options = *parsed.options;
    QVERIFY(options.hostsMode());
    QVERIFY(options.json());
    QCOMPARE(options.parallel(), 3);
    QString error;
    const std::optional<Target> target = options.targetFor(QStringLiteral("10.1.2.3:15989"), &error);
    QVERIFY2(target, qPrintable(error));
    QCOMPARE(target->host, QStringLiteral("10.1.2.3"));
    QCOMPARE(target->port, quint16(15989));
    QCOMPARE(target->credentials.password, kSecret);
    QCOMPARE(target->timeout, 4000ms);
    QVERIFY(!options.targetFor(QStringLiteral("gopher://x"), &error));
    QVERIFY(!error.isEmpty());

    QCOMPARE(parse({QStringLiteral("--hosts"), hosts, QStringLiteral("--parallel"), QStringLiteral("257")}).action,
        CliCheckOptions::Action::Usage);
    QCOMPARE(parse({QStringLiteral("--hosts"), hosts, QStringLiteral("h")}).action, CliCheckOptions::Action::Usage);
    QCOMPARE(parse({QStringLiteral("h"), QStringLiteral("--parallel"), QStringLiteral("2")}).action,
        CliCheckOptions::Action::Usage);
}

// ---------------------------------------------------------------------------------------------------

void TestCliCheck::printerStageLineAndWrap()
{
    CheckResult result
        = CheckResult::failed(QStringLiteral("Port 5989 refused the connection"), {QStringLiteral("B2")});
    result.stage = DiagnosticStage::Tcp;
    result.duration = 12ms;
    const QString line = CliCheckPrinter::stageLine(result);
    QVERIFY2(line.startsWith(QStringLiteral("FAIL  ") + diagnosticStageTitle(DiagnosticStage::Tcp)), qPrintable(line));
    QVERIFY2(line.contains(QStringLiteral("12 ms")), qPrintable(line));
    QVERIFY2(line.endsWith(QStringLiteral("Port 5989 refused the connection")), qPrintable(line));
    QCOMPARE(CliCheckPrinter::statusWord(CheckStatus::Passed), QStringLiteral("PASS"));
    QCOMPARE(CliCheckPrinter::statusWord(CheckStatus::Warning), QStringLiteral("WARN"));
    QCOMPARE(CliCheckPrinter::statusWord(CheckStatus::Skipped), QStringLiteral("SKIP"));

    const QString text = QStringLiteral("word ").repeated(60) + QStringLiteral("\nsecond paragraph");
    const QStringList lines = CliCheckPrinter::wrap(text, 40, QStringLiteral("  "));
    QVERIFY(lines.size() > 3);
    for (const QString &wrapped : lines) {
        QVERIFY2(wrapped.size() <= 40, qPrintable(wrapped));
        QVERIFY(wrapped.startsWith(QStringLiteral("  ")));
    }
    QCOMPARE(lines.constLast(), QStringLiteral("  second paragraph"));
}

void TestCliCheck::printerSummaryExplainsHints()
{
    DiagnosticRun run;
    run.target = *Target::fromUrl(QStringLiteral("https://127.0.0.1:5989"));
    CheckResult dns = CheckResult::passed(QStringLiteral("an address"));
    dns.stage = DiagnosticStage::NameResolution;
    dns.addDetail(QStringLiteral("no lookup needed"));
    CheckResult tcp = CheckResult::failed(QStringLiteral("Port 5989 refused the connection"), {QStringLiteral("B2")});
    tcp.stage = DiagnosticStage::Tcp;
    tcp.addEvidence(QStringLiteral("tcp.errno"), QStringLiteral("ECONNREFUSED"));
    CheckResult tls = CheckResult::skipped(QStringLiteral("Not run"));
    tls.stage = DiagnosticStage::Tls;
    run.results = {dns, tcp, tls};

    const QString text = CliCheckPrinter::summaryText(run, 100);
    const std::optional<Hint> b2 = HintCatalogue::instance().hint(QStringLiteral("B2"));
    QVERIFY(b2);
    QVERIFY2(text.contains(QStringLiteral("FAILED")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("tcp.errno = ECONNREFUSED")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("B2  ") + b2->title), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Cause: ")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Remedy: ")), qPrintable(text));
    // The passed stage's details are not expanded, but the way to see them is named.
    QVERIFY2(text.contains(QStringLiteral("--verbose")), qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("no lookup needed")), qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("--pin")), qPrintable(text));
    CheckResult selfSigned = CheckResult::failed(QStringLiteral("Certificate is self-signed"), {QStringLiteral("C7")});
    selfSigned.stage = DiagnosticStage::Tls;
    selfSigned.addEvidence(QStringLiteral("tls.sha256"), QStringLiteral("AB:CD"));
    DiagnosticRun tlsRun = run;
    tlsRun.results = {dns, selfSigned};
    QVERIFY(CliCheckPrinter::summaryText(tlsRun, 100).contains(QStringLiteral("--pin AB:CD")));
    const QString verbose = CliCheckPrinter::summaryText(run, 100, true);
    QVERIFY2(verbose.contains(QStringLiteral("PASS  Name resolution: an address")), qPrintable(verbose));
    QVERIFY2(verbose.contains(QStringLiteral("no lookup needed")), qPrintable(verbose));
    QVERIFY2(!verbose.contains(QStringLiteral("--verbose")), qPrintable(verbose));
    for (const QString &line : text.split(u'\n'))
        QVERIFY2(line.size() <= 100 || !line.contains(u' '), qPrintable(line));
    QVERIFY(!text.contains(u'\x1b'));
}

void TestCliCheck::printerJsonAddsHintTextsAndRedacts()
{
    DiagnosticRun run;
    run.target = *Target::fromUrl(QStringLiteral("https://127.0.0.1:5989"));
    run.target.credentials = WbemCredentials::basic(kUser, kSecret);
    CheckResult auth = CheckResult::failed(QStringLiteral("rejected"), {QStringLiteral("D1"), QStringLiteral("D3")});
    auth.stage = DiagnosticStage::Authentication;
    // A check that quoted the secret by mistake must still not leak it.
    auth.addEvidence(QStringLiteral("http.request"), QStringLiteral("password=") + kSecret);
    run.results = {auth};

    const QJsonObject json = CliCheckPrinter::toJson(run, LogRedactor(run.target.secrets()));
    QCOMPARE(json.value(QStringLiteral("schema")).toString(), QStringLiteral("cimdiag-check/1"));
    QCOMPARE(json.value(QStringLiteral("exitCode")).toInt(), 2);
    QCOMPARE(json.value(QStringLiteral("overall")).toString(), QStringLiteral("failed"));
    const QJsonObject hintTexts = json.value(QStringLiteral("hintTexts")).toObject();
    QCOMPARE(hintTexts.keys(), (QStringList {QStringLiteral("D1"), QStringLiteral("D3")}));
    const QJsonObject d1 = hintTexts.value(QStringLiteral("D1")).toObject();
    QCOMPARE(d1.value(QStringLiteral("title")).toString(), HintCatalogue::instance().hint(QStringLiteral("D1"))->title);
    QVERIFY(!d1.value(QStringLiteral("cause")).toString().isEmpty());
    QVERIFY(!d1.value(QStringLiteral("remedy")).toString().isEmpty());
    const QByteArray bytes = QJsonDocument(json).toJson();
    QVERIFY(!bytes.contains(kSecret.toUtf8()));
    QVERIFY(bytes.contains("password=***"));
    QCOMPARE(json.value(QStringLiteral("target"))
                 .toObject()
                 .value(QStringLiteral("credentials"))
                 .toObject()
                 .value(QStringLiteral("user"))
                 .toString(),
        kUser);
}

namespace {

/// The first raw control character in text (C0 but \n, DEL, C1), or -1.
qsizetype firstControl(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t unit = text.at(i).unicode();
        if ((unit < 0x20 && unit != u'\n') || unit == 0x7f || (unit >= 0x80 && unit <= 0x9f))
            return i;
    }
    return -1;
}

} // namespace

void TestCliCheck::printerEscapesControlCharacters()
{
    // What a hostile or broken server can put into a result: its status line, a Server header
    // full of ANSI codes, a C1 CSI, DEL. None of it may reach the terminal raw.
    const QString statusLine = QStringLiteral("HTTP/1.1 599 \x1b[2J\x1b]0;owned\x07");
    const QString serverHeader = QStringLiteral("\x1b[31mEvil\x1b[0m \u009b2J end\x7f");
    DiagnosticRun run;
    run.target = *Target::fromUrl(QStringLiteral("https://127.0.0.1:5989"));
    CheckResult http = CheckResult::failed(QStringLiteral("Unexpected answer: ") + statusLine, {QStringLiteral("D18")});
    http.stage = DiagnosticStage::Http;
    http.addDetail(QStringLiteral("Server: ") + serverHeader);
    http.addEvidence(QStringLiteral("http.status\x1b[K"), statusLine);
    http.addEvidence(QStringLiteral("http.server"), serverHeader);
    run.results = {http};

    const QString line = CliCheckPrinter::stageLine(http);
    QVERIFY2(firstControl(line) < 0, qPrintable(line));
    QVERIFY2(line.endsWith(QStringLiteral("HTTP/1.1 599 \\x1b[2J\\x1b]0;owned\\x07")), qPrintable(line));
    for (const bool verbose : {false, true}) {
        const QString text = CliCheckPrinter::summaryText(run, 100, verbose);
        QVERIFY2(firstControl(text) < 0, qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("\\x1b[31mEvil\\x1b[0m \\x9b2J end\\x7f")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("http.status\\x1b[K = HTTP/1.1 599")), qPrintable(text));
    }

    LogEntry entry;
    entry.channel = LogChannel::Http;
    entry.source = QStringLiteral("http");
    entry.text = QStringLiteral("HTTP/1.1 200 OK\r\nServer: ") + serverHeader + QStringLiteral("\r\n\tX: \x07\r\n");
    const QString log = CliCheckPrinter::logLine(entry);
    QVERIFY2(firstControl(log) < 0, qPrintable(log));
    QVERIFY2(log.contains(QStringLiteral("\n    Server: \\x1b[31mEvil")), qPrintable(log)); // line breaks kept
    QVERIFY2(log.contains(QStringLiteral("\\x09X: \\x07")), qPrintable(log));
    QVERIFY(log.endsWith(u'\n'));

    // Through the device, with colour on: the printer's own SGR codes stay, the server's do not.
    // The password holds a control character: the redactor must still find it once escaped.
    const QString secret = QStringLiteral("pa\x1bss-") + kSecret;
    CheckResult leaky = CheckResult::warning(QStringLiteral("quoted ") + secret);
    leaky.stage = DiagnosticStage::Authentication;
    run.results.append(leaky);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    {
        CliCheckPrinter::Style style;
        style.terminal = true;
        style.color = true;
        CliCheckPrinter printer(buffer, style, LogRedactor({secret}));
        printer.stageStarted(DiagnosticStage::Http);
        printer.stageProgress(DiagnosticStage::Http, QStringLiteral("reading ") + statusLine);
        printer.stageFinished(http);
        printer.stageFinished(leaky);
        printer.summary(run);
    }
    const QString written = QString::fromUtf8(bytes);
    QVERIFY2(written.contains(QStringLiteral("\x1b[1;31mFAIL\x1b[0m")), qPrintable(written));
    QVERIFY2(written.contains(QStringLiteral("\\x1b[2J")), qPrintable(written));
    QVERIFY2(!written.contains(QStringLiteral("\x1b[2J")), qPrintable(written));
    QVERIFY2(!written.contains(QStringLiteral("\x1b]0;")), qPrintable(written));
    QVERIFY2(!written.contains(u'\x07'), qPrintable(written));
    QVERIFY2(!written.contains(QStringLiteral("\x1b[31m")), qPrintable(written));
    QVERIFY2(!written.contains(QChar(0x9b)), qPrintable(written));
    QVERIFY2(!written.contains(kSecret), qPrintable(written));
    QVERIFY2(written.contains(QStringLiteral("quoted ***")), qPrintable(written));

    // The JSON forms (--json, --report, each --hosts line): valid JSON with the same strings, and
    // no raw control byte, not even DEL or a C1 control (JSON allows both raw).
    const QJsonObject json = CliCheckPrinter::toJson(run);
    for (const auto format : {QJsonDocument::Compact, QJsonDocument::Indented}) {
        const QByteArray document = CliCheckPrinter::jsonBytes(json, format);
        for (const char byte : document)
            QVERIFY2(
                (static_cast<unsigned char>(byte) >= 0x20 && byte != '\x7f') || byte == '\n', document.constData());
        QVERIFY2(!document.contains("\xc2\x9b"), document.constData());
        QJsonParseError error;
        const QJsonDocument parsed = QJsonDocument::fromJson(document, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(parsed.object(), json);
        if (format == QJsonDocument::Compact)
            QVERIFY(!document.contains('\n'));
    }
    QCOMPARE(stage(json, QStringLiteral("http")).value(QStringLiteral("summary")).toString(), http.summary);
}

// ---------------------------------------------------------------------------------------------------

void TestCliCheck::usageError_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected");

    const QString cert = QFINDTESTDATA("TestCliCheck.cpp"); // any readable file
    QTest::newRow("no target") << QStringList {} << QByteArray() << QStringLiteral("TARGET is missing");
    QTest::newRow("two targets") << QStringList {QStringLiteral("a"), QStringLiteral("b")} << QByteArray()
                                 << QStringLiteral("one TARGET at a time");
    QTest::newRow("--password") << QStringList {QStringLiteral("h"), QStringLiteral("--user"), kUser,
        QStringLiteral("--password"), kSecret}
                                << QByteArray() << QStringLiteral("--password-stdin");
    QTest::newRow("--password=") << QStringList {QStringLiteral("h"), QStringLiteral("--password=") + kSecret}
                                 << QByteArray() << QStringLiteral("--password is not accepted");
    QTest::newRow("both password sources") << QStringList {QStringLiteral("h"), QStringLiteral("--user"), kUser,
        QStringLiteral("--password-stdin"), QStringLiteral("--password-env"), QStringLiteral("HOME")}
                                           << QByteArray("x\n") << QStringLiteral("not both");
    QTest::newRow("user without password") << QStringList {QStringLiteral("h"), QStringLiteral("--user"), kUser}
                                           << QByteArray() << QStringLiteral("--user needs a password");
    QTest::newRow("empty stdin") << QStringList {QStringLiteral("h"), QStringLiteral("--user"), kUser,
        QStringLiteral("--password-stdin")}
                                 << QByteArray() << QStringLiteral("standard input is empty");
    QTest::newRow("unset variable") << QStringList {QStringLiteral("h"), QStringLiteral("--user"), kUser,
        QStringLiteral("--password-env"), QStringLiteral("CIMDIAG_TEST_NO_SUCH_VARIABLE")}
                                    << QByteArray() << QStringLiteral("CIMDIAG_TEST_NO_SUCH_VARIABLE");
    QTest::newRow("client cert without key") << QStringList {QStringLiteral("h"), QStringLiteral("--client-cert"), cert}
                                             << QByteArray() << QStringLiteral("--client-key");
    QTest::newRow("client key without cert") << QStringList {QStringLiteral("h"), QStringLiteral("--client-key"), cert}
                                             << QByteArray() << QStringLiteral("--client-cert");
    QTest::newRow("missing CA") << QStringList {QStringLiteral("h"), QStringLiteral("--ca"),
        QStringLiteral("/nonexistent/ca.pem")}
                                << QByteArray() << QStringLiteral("/nonexistent/ca.pem");
    QTest::newRow("pin too short") << QStringList {QStringLiteral("h"), QStringLiteral("--pin"),
        QStringLiteral("ab:cd")} << QByteArray()
                                   << QStringLiteral("64 hex digits");
    QTest::newRow("pin not hex") << QStringList {QStringLiteral("h"), QStringLiteral("--pin"),
        QStringLiteral("z").repeated(64)}
                                 << QByteArray() << QStringLiteral("64 hex digits");
    QTest::newRow("tls error name") << QStringList {QStringLiteral("h"), QStringLiteral("--accept-tls-error"),
        QStringLiteral("self-sined")}
                                    << QByteArray() << QStringLiteral("self-signed, self-signed-in-chain, expired");
    QTest::newRow("timeout zero") << QStringList {QStringLiteral("h"), QStringLiteral("--timeout"), QStringLiteral("0")}
                                  << QByteArray() << QStringLiteral("--timeout");
    QTest::newRow("timeout negative") << QStringList {QStringLiteral("h"), QStringLiteral("--timeout"),
        QStringLiteral("-1")} << QByteArray()
                                      << QStringLiteral("--timeout");
    QTest::newRow("timeout text") << QStringList {QStringLiteral("h"), QStringLiteral("--timeout"),
        QStringLiteral("10s")} << QByteArray()
                                  << QStringLiteral("--timeout");
    QTest::newRow("unknown stage") << QStringList {QStringLiteral("h"), QStringLiteral("--stage"),
        QStringLiteral("ssl")} << QByteArray()
                                   << QStringLiteral("dns, tcp, tls, http, auth, identity, enumerate");
    QTest::newRow("unknown log channel") << QStringList {QStringLiteral("h"), QStringLiteral("--log"),
        QStringLiteral("ops,wire")} << QByteArray()
                                         << QStringLiteral("wire");
    QTest::newRow("unknown option") << QStringList {QStringLiteral("h"), QStringLiteral("--frobnicate")} << QByteArray()
                                    << QStringLiteral("frobnicate");
    QTest::newRow("credentials in URL") << QStringList {QStringLiteral("https://root:") + kSecret
        + QStringLiteral("@h:5989")} << QByteArray()
                                        << QStringLiteral("credentials in the URL");
    QTest::newRow("report format unknown")
        << QStringList {QStringLiteral("h"), QStringLiteral("--report"), QStringLiteral("out.pdf")} << QByteArray()
        << QStringLiteral("unknown report format 'out.pdf': the file name must end "
                          "in .json, .html, .htm, .md or .txt");
    QTest::newRow("hosts file missing") << QStringList {QStringLiteral("--hosts"),
        QStringLiteral("/nonexistent/hosts.txt")}
                                        << QByteArray() << QStringLiteral("/nonexistent/hosts.txt");
}

void TestCliCheck::usageError()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    const Run run = runCheck(arguments, input);
    QCOMPARE(run.exitCode, 64);
    QVERIFY2(run.out.isEmpty(), run.out.constData());
    const QString err = QString::fromUtf8(run.err);
    QVERIFY2(err.startsWith(QStringLiteral("cimdiag-cli check: ")), qPrintable(err));
    QVERIFY2(err.contains(expected), qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("Try 'cimdiag-cli check --help'")), qPrintable(err));
    // The value of a refused --password, or one in a URL, is never echoed.
    QVERIFY2(!run.err.contains(kSecret.toUtf8()), qPrintable(err));
}

void TestCliCheck::help()
{
    const Run run = runCheck({QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    const QString out = QString::fromUtf8(run.out);
    QVERIFY2(out.startsWith(QStringLiteral("Usage: cimdiag-cli ")), qPrintable(out));
    for (const QString &option : {QStringLiteral("--password-stdin"), QStringLiteral("--password-env"),
             QStringLiteral("--accept-tls-error"), QStringLiteral("--hosts"), QStringLiteral("--parallel"),
             QStringLiteral("Exit status"), QStringLiteral("130")})
        QVERIFY2(out.contains(option), qPrintable(option));
    // No --password option is offered.
    QVERIFY(!out.contains(QStringLiteral("--password ")));
}

// ---------------------------------------------------------------------------------------------------

void TestCliCheck::healthyPasses()
{
    SimScenarioHost host;
    QVERIFY(startSimulator(host, QStringLiteral("healthy")));
    const QString ca = writeCaFile(host);
    const QString report = m_dir.filePath(QStringLiteral("healthy-report.json"));
    const Run run
        = runCheck({host.server()->httpsUrl().toString(), QStringLiteral("--user"), kUser,
                       QStringLiteral("--password-stdin"), QStringLiteral("--ca"), ca, QStringLiteral("--timeout"),
                       QStringLiteral("5"), QStringLiteral("--json"), QStringLiteral("--report"), report},
            kPassword.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, run.out.constData());
    QJsonParseError error;
    const QJsonObject json = QJsonDocument::fromJson(run.out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QCOMPARE(json.value(QStringLiteral("schema")).toString(), QStringLiteral("cimdiag-check/1"));
    QCOMPARE(json.value(QStringLiteral("overall")).toString(), QStringLiteral("passed"));
    QCOMPARE(json.value(QStringLiteral("exitCode")).toInt(), 0);
    QCOMPARE(json.value(QStringLiteral("cancelled")).toBool(true), false);
    QVERIFY(json.value(QStringLiteral("hintTexts")).isObject());
    const QJsonArray stages = json.value(QStringLiteral("stages")).toArray();
    QCOMPARE(stages.size(), defaultDiagnosticStages().size());
    for (const QJsonValue &value : stages) {
        const QJsonObject stage = value.toObject();
        // SLP discovery (--slp) and the listener stage (--listener) are not asked for: not listed.
        QVERIFY2(stage.value(QStringLiteral("status")).toString() == QStringLiteral("passed"),
            qPrintable(QString::fromUtf8(QJsonDocument(stage).toJson())));
        for (const QString &key : {QStringLiteral("stage"), QStringLiteral("title"), QStringLiteral("summary"),
                 QStringLiteral("details"), QStringLiteral("evidence"), QStringLiteral("hints"),
                 QStringLiteral("startedAt"), QStringLiteral("durationMs")})
            QVERIFY2(stage.contains(key), qPrintable(key));
    }
    // The report is cimdiag-report/1 (docs/report-json.md): the --json document's fields with the
    // same values, plus the report's own.
    QFile file(report);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject written = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(written.value(QStringLiteral("schema")).toString(), QStringLiteral("cimdiag-report/1"));
    QCOMPARE(written.value(QStringLiteral("stages")).toArray().size(), defaultDiagnosticStages().size());
    QCOMPARE(written.value(QStringLiteral("overall")).toString(), QStringLiteral("passed"));
    for (const QString &key : json.keys()) {
        if (key != u"schema")
            QVERIFY2(written.contains(key), qPrintable(key));
    }
    QCOMPARE(written.value(QStringLiteral("target")), json.value(QStringLiteral("target")));
    for (const QString &key : {QStringLiteral("environment"), QStringLiteral("tls"), QStringLiteral("server"),
             QStringLiteral("statistics"), QStringLiteral("log"), QStringLiteral("sections")})
        QVERIFY2(written.contains(key), qPrintable(key));
}

void TestCliCheck::humanOutputOnPipe()
{
    SimScenarioHost host;
    QVERIFY(startSimulator(host, QStringLiteral("healthy")));
    const QString ca = writeCaFile(host);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("CIM_PASSWORD"), kPassword);
    const Run run = runCheck({host.server()->httpsUrl().toString(), QStringLiteral("--user"), kUser,
                                 QStringLiteral("--password-env"), QStringLiteral("CIM_PASSWORD"),
                                 QStringLiteral("--ca"), ca, QStringLiteral("--log"), QStringLiteral("check")},
        {}, environment);
    QCOMPARE(run.exitCode, 0);
    const QString out = QString::fromUtf8(run.out);
    const QStringList lines = out.split(u'\n');
    QVERIFY2(lines.constFirst().startsWith(QStringLiteral("Checking https://127.0.0.1:")), qPrintable(out));
    for (const DiagnosticStage stage : defaultDiagnosticStages()) {
        QVERIFY2(out.contains(QStringLiteral("PASS  ") + diagnosticStageTitle(stage)),
            qPrintable(diagnosticStageTitle(stage)));
    }
    QVERIFY2(out.contains(QStringLiteral("Result: PASSED")), qPrintable(out));
    // Not a terminal: no escape codes, no status line.
    QVERIFY(!run.out.contains('\x1b'));
    QVERIFY(!run.out.contains('\r'));
    // --log check streamed the check channel to stderr, nothing on stdout.
    QVERIFY2(run.err.contains("[check] "), run.err.constData());
    QVERIFY(!run.out.contains("[check] "));
}

void TestCliCheck::closedPortFails()
{
    const quint16 port = closedLoopbackPort();
    QVERIFY(port != 0);
    const Run run = runCheck({QStringLiteral("https://127.0.0.1:%1").arg(port), QStringLiteral("--json"),
        QStringLiteral("--timeout"), QStringLiteral("3")});
    QCOMPARE(run.exitCode, 2);
    const QJsonObject json = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(json.value(QStringLiteral("overall")).toString(), QStringLiteral("failed"));
    const QJsonObject tcp = stage(json, QStringLiteral("tcp"));
    QCOMPARE(tcp.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    QVERIFY2(tcp.value(QStringLiteral("hints")).toArray().contains(QStringLiteral("B2")),
        qPrintable(QString::fromUtf8(QJsonDocument(tcp).toJson())));
    for (const QString &later : {QStringLiteral("tls"), QStringLiteral("http"), QStringLiteral("auth"),
             QStringLiteral("identity"), QStringLiteral("enumerate")})
        QCOMPARE(stage(json, later).value(QStringLiteral("status")).toString(), QStringLiteral("skipped"));
    QVERIFY(json.value(QStringLiteral("hintTexts")).toObject().contains(QStringLiteral("B2")));

    // The human form names B2 with its catalogue title.
    const Run human = runCheck(
        {QStringLiteral("https://127.0.0.1:%1").arg(port), QStringLiteral("--timeout"), QStringLiteral("3")});
    QCOMPARE(human.exitCode, 2);
    const QString out = QString::fromUtf8(human.out);
    QVERIFY2(out.contains(QStringLiteral("FAIL  ") + diagnosticStageTitle(DiagnosticStage::Tcp)), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("B2  ") + HintCatalogue::instance().hint(QStringLiteral("B2"))->title),
        qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("Result: FAILED")), qPrintable(out));
}

void TestCliCheck::wrongCredentialsExplainsD1()
{
    SimScenarioHost host;
    QVERIFY(startSimulator(host, QStringLiteral("wrong-credentials")));
    const QString ca = writeCaFile(host);
    const Run run = runCheck({host.server()->httpsUrl().toString(), QStringLiteral("--user"), QStringLiteral("admin"),
                                 QStringLiteral("--password-stdin"), QStringLiteral("--ca"), ca,
                                 QStringLiteral("--timeout"), QStringLiteral("5")},
        kSecret.toUtf8() + '\n');
    QCOMPARE(run.exitCode, 2);
    const QString out = QString::fromUtf8(run.out);
    QVERIFY2(out.contains(QStringLiteral("FAIL  ") + diagnosticStageTitle(DiagnosticStage::Authentication)),
        qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("D1  ") + HintCatalogue::instance().hint(QStringLiteral("D1"))->title),
        qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("Remedy: ")), qPrintable(out));
    QVERIFY(!run.out.contains(kSecret.toUtf8()));
    QVERIFY(!run.err.contains(kSecret.toUtf8()));
}

void TestCliCheck::secretsNeverPrinted_data()
{
    QTest::addColumn<bool>("fromStdin");
    QTest::newRow("--password-stdin") << true;
    QTest::newRow("--password-env") << false;
}

void TestCliCheck::secretsNeverPrinted()
{
    QFETCH(bool, fromStdin);
    // Wrong credentials: the password goes over the wire (Basic), the server rejects it, and every
    // log channel is streamed, so every place it could leak is exercised.
    SimScenarioHost host;
    QVERIFY(startSimulator(host, QStringLiteral("wrong-credentials")));
    const QString ca = writeCaFile(host);
    const QString report = m_dir.filePath(QStringLiteral("secret-report-%1.json").arg(++m_files));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("CIM_SECRET"), kSecret);
    QStringList arguments {host.server()->httpsUrl().toString(), QStringLiteral("--user"), QStringLiteral("admin"),
        QStringLiteral("--ca"), ca, QStringLiteral("--log"), QStringLiteral("ops,http,check"),
        QStringLiteral("--report"), report, QStringLiteral("--timeout"), QStringLiteral("5")};
    arguments += fromStdin ? QStringList {QStringLiteral("--password-stdin")}
                           : QStringList {QStringLiteral("--password-env"), QStringLiteral("CIM_SECRET")};
    for (const bool json : {false, true}) {
        const Run run = runCheck(json ? arguments + QStringList {QStringLiteral("--json")} : arguments,
            fromStdin ? kSecret.toUtf8() + '\n' : QByteArray(), environment);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("[http] "), "the http channel was streamed");
        const QByteArray base64 = QByteArray("admin:" + kSecret.toUtf8()).toBase64();
        for (const QByteArray &output : {run.out, run.err}) {
            QVERIFY(!output.contains(kSecret.toUtf8()));
            QVERIFY(!output.contains(base64));
        }
        QFile file(report);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray written = file.readAll();
        QVERIFY(!written.isEmpty());
        QVERIFY(!written.contains(kSecret.toUtf8()));
        QVERIFY(!written.contains(base64));
    }
}

void TestCliCheck::reportFormatByExtension_data()
{
    QTest::addColumn<QString>("extension");
    QTest::addColumn<QByteArray>("start");
    QTest::newRow("html") << QStringLiteral("html") << QByteArray("<!DOCTYPE html>");
    QTest::newRow("htm") << QStringLiteral("HTM") << QByteArray("<!DOCTYPE html>");
    QTest::newRow("md") << QStringLiteral("md") << QByteArray("# cimdiag report");
    QTest::newRow("txt") << QStringLiteral("txt") << QByteArray("cimdiag report\n===");
    QTest::newRow("json") << QStringLiteral("json") << QByteArray("{");
}

void TestCliCheck::reportFormatByExtension()
{
    QFETCH(QString, extension);
    QFETCH(QByteArray, start);
    SimScenarioHost host;
    QVERIFY(startSimulator(host, QStringLiteral("wrong-credentials")));
    const QString ca = writeCaFile(host);
    const QString report = m_dir.filePath(QStringLiteral("format-%1.%2").arg(++m_files).arg(extension));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("CIM_SECRET"), kSecret);
    const Run run
        = runCheck({host.server()->httpsUrl().toString(), QStringLiteral("--user"), QStringLiteral("admin"),
                       QStringLiteral("--password-env"), QStringLiteral("CIM_SECRET"), QStringLiteral("--ca"), ca,
                       QStringLiteral("--report"), report, QStringLiteral("--timeout"), QStringLiteral("5")},
            {}, environment);
    QCOMPARE(run.exitCode, 2);
    QFile file(report);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    QVERIFY2(written.startsWith(start), written.left(200).constData());
    // The failed stage with its hint, the certificate chain and the log are in every format.
    QVERIFY(written.contains("D1"));
    QVERIFY(written.contains(diagnosticStageTitle(DiagnosticStage::Authentication).toUtf8()));
    QVERIFY(written.contains("Authorization: Basic ***"));
    QVERIFY(!written.contains(kSecret.toUtf8()));
    QVERIFY(!written.contains(QByteArray("admin:" + kSecret.toUtf8()).toBase64()));
}

void TestCliCheck::reportNotWritable()
{
    // Refused before any probing (the target is never contacted), exit 74 as documented.
    const Run run = runCheck({QStringLiteral("127.0.0.1:1"), QStringLiteral("--report"),
        m_dir.filePath(QStringLiteral("no/such/dir/report.html"))});
    QCOMPARE(run.exitCode, 74);
    QVERIFY2(run.err.contains("cannot write the report"), run.err.constData());
    QVERIFY(run.out.isEmpty());
}

void TestCliCheck::hostsFile()
{
    SimScenarioHost host;
    QVERIFY(startSimulator(host, QStringLiteral("healthy")));
    const QString ca = writeCaFile(host);
    const quint16 closed = closedLoopbackPort();
    QVERIFY(closed != 0);

    // 10 healthy, 10 refused, one line that is not a target, plus a comment and a blank line
    // that produce nothing. The line number of each kind is remembered to check its verdict.
    const QString path = m_dir.filePath(QStringLiteral("hosts.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QHash<int, QString> kind;
    int lineNumber = 0;
    const auto add = [&](const QByteArray &line, const QString &what) {
        file.write(line + '\n');
        ++lineNumber;
        if (!what.isEmpty())
            kind.insert(lineNumber, what);
    };
    add("# cimdiag-cli check --hosts test", {});
    for (int i = 0; i < 10; ++i) {
        add(host.server()->httpsUrl().toString().toUtf8(), QStringLiteral("healthy"));
        add("127.0.0.1:" + QByteArray::number(closed), QStringLiteral("closed"));
        if (i == 4) {
            add("", {});
            add("ftp://127.0.0.1:21", QStringLiteral("bad"));
        }
    }
    file.close();

    const Run run = runCheck({QStringLiteral("--hosts"), path, QStringLiteral("--parallel"), QStringLiteral("8"),
                                 QStringLiteral("--user"), kUser, QStringLiteral("--password-stdin"),
                                 QStringLiteral("--ca"), ca, QStringLiteral("--timeout"), QStringLiteral("5")},
        kPassword.toUtf8() + '\n', QProcessEnvironment::systemEnvironment(), 120000);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.isEmpty(), run.err.constData()); // stderr is not a terminal: no progress
    QList<QByteArray> lines = run.out.split('\n');
    QVERIFY(lines.constLast().isEmpty());
    lines.removeLast();
    QCOMPARE(lines.size(), 21);
    QSet<int> seen;
    for (const QByteArray &line : std::as_const(lines)) {
        QJsonParseError error;
        const QJsonObject json = QJsonDocument::fromJson(line, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, line.constData());
        QVERIFY2(!line.contains('\n') && !line.contains("\n  "), "compact");
        const int number = json.value(QStringLiteral("line")).toInt();
        QVERIFY2(kind.contains(number), line.constData());
        QVERIFY2(!seen.contains(number), line.constData());
        seen.insert(number);
        const QString what = kind.value(number);
        if (what == QStringLiteral("bad")) {
            QVERIFY2(json.contains(QStringLiteral("error")), line.constData());
            QCOMPARE(json.value(QStringLiteral("input")).toString(), QStringLiteral("ftp://127.0.0.1:21"));
            continue;
        }
        QCOMPARE(json.value(QStringLiteral("schema")).toString(), QStringLiteral("cimdiag-check/1"));
        if (what == QStringLiteral("healthy")) {
            QVERIFY2(json.value(QStringLiteral("exitCode")).toInt() == 0, line.constData());
            QCOMPARE(json.value(QStringLiteral("overall")).toString(), QStringLiteral("passed"));
        } else {
            QCOMPARE(json.value(QStringLiteral("exitCode")).toInt(), 2);
            QCOMPARE(stage(json, QStringLiteral("tcp")).value(QStringLiteral("status")).toString(),
                QStringLiteral("failed"));
            QVERIFY(stage(json, QStringLiteral("tcp"))
                        .value(QStringLiteral("hints"))
                        .toArray()
                        .contains(QStringLiteral("B2")));
        }
    }
    QCOMPARE(seen.size(), 21);
    QVERIFY(!run.out.contains(kPassword.toUtf8()));
}

void TestCliCheck::hostsRunnerKeepsAtMostNRunners()
{
    // In process, so the scheduler's own count is visible: 12 targets, 3 at a time.
    SimScenarioHost host;
    QVERIFY(startSimulator(host, QStringLiteral("healthy")));
    const QString ca = writeCaFile(host);
    const QString path = m_dir.filePath(QStringLiteral("hosts-bound.txt"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int i = 0; i < 12; ++i)
            file.write(host.server()->httpsUrl().toString().toUtf8() + '\n');
    }
    const CliCheckOptions::Parsed parsed
        = parse({QStringLiteral("--hosts"), path, QStringLiteral("--parallel"), QStringLiteral("3"),
                    QStringLiteral("--user"), kUser, QStringLiteral("--password-stdin"), QStringLiteral("--ca"), ca,
                    QStringLiteral("--timeout"), QStringLiteral("5")},
            kPassword.toUtf8());
    QCOMPARE(parsed.action, CliCheckOptions::Action::Run);
    QByteArray outBytes;
    QByteArray errBytes;
    QBuffer out(&outBytes);
    QBuffer err(&errBytes);
    QVERIFY(out.open(QIODevice::WriteOnly));
    QVERIFY(err.open(QIODevice::WriteOnly));
    CliHostsRunner runner(*parsed.options, out, err, false);
    QCOMPARE(runner.run(), 0);
    QCOMPARE(runner.peakRunning(), 3);
    QCOMPARE(runner.targetsFinished(), 12);
    QCOMPARE(outBytes.count('\n'), 12);
    QVERIFY2(errBytes.isEmpty(), errBytes.constData());
}

void TestCliCheck::interruptPrintsWhatFinished()
{
    // The stall scenario accepts and never answers, so the run is still going when SIGTERM comes.
    SimScenarioHost host;
    QVERIFY(startSimulator(host, QStringLiteral("stall")));
    const QString ca = writeCaFile(host);
    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(m_cli,
        {QStringLiteral("check"), host.server()->httpsUrl().toString(), QStringLiteral("--ca"), ca,
            QStringLiteral("--timeout"), QStringLiteral("30"), QStringLiteral("--json")});
    QVERIFY(process.waitForStarted(10000));
    process.closeWriteChannel();
    // Let it get past the first stages, then stop it.
    QTest::qWait(1500);
    QCOMPARE(process.state(), QProcess::Running);
    ::kill(pid_t(process.processId()), SIGTERM);
    QVERIFY(finished.wait(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 130);
    const QJsonObject json = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    QCOMPARE(json.value(QStringLiteral("cancelled")).toBool(), true);
    QCOMPARE(json.value(QStringLiteral("stages")).toArray().size(), defaultDiagnosticStages().size());
    QCOMPARE(stage(json, QStringLiteral("tcp")).value(QStringLiteral("status")).toString(), QStringLiteral("passed"));
}

void TestCliCheck::ctrlCAtPasswordPromptRestoresEcho_data()
{
    QTest::addColumn<QByteArray>("keys");
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("Ctrl-C") << QByteArray("\x03") << SIGINT;
    QTest::newRow("SIGTERM") << QByteArray() << SIGTERM;
}

void TestCliCheck::ctrlCAtPasswordPromptRestoresEcho()
{
    // A pseudo-terminal stands in for the user's: the silent prompt turns its echo off, and a
    // Ctrl-C there (the line discipline sends SIGINT) must not leave it off for the shell.
    QFETCH(QByteArray, keys);
    QFETCH(int, signalNumber);
    const QByteArray program = QFile::encodeName(m_cli);
    // Everything exec needs is made before the fork: only async-signal-safe calls after it.
    QByteArrayList arguments {program, "check", "https://127.0.0.1:9", "--user", "u", "--password-stdin"};
    std::vector<char *> argv;
    for (QByteArray &argument : arguments)
        argv.push_back(argument.data());
    argv.push_back(nullptr);
    int master = -1;
    const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
    QVERIFY2(pid >= 0, "forkpty");
    if (pid == 0) {
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    bool reaped = false;
    const auto cleanup = qScopeGuard([pid, master, &reaped] {
        if (!reaped) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
        }
        ::close(master);
    });
    QByteArray seen;
    QElapsedTimer clock;
    clock.start();
    while (!seen.contains("Password: ") && clock.elapsed() < 10000) {
        pollfd poller {master, POLLIN, 0};
        if (::poll(&poller, 1, 100) > 0) {
            char buffer[256];
            const ssize_t count = ::read(master, buffer, sizeof buffer);
            if (count <= 0)
                break;
            seen.append(buffer, count);
        }
    }
    QVERIFY2(seen.contains("Password: "), seen.constData());
    termios mode {};
    QCOMPARE(::tcgetattr(master, &mode), 0);
    QVERIFY2(!(mode.c_lflag & ECHO), "the prompt turns echo off");

    if (keys.isEmpty())
        QCOMPARE(::kill(pid, signalNumber), 0);
    else
        QCOMPARE(::write(master, keys.constData(), size_t(keys.size())), ssize_t(keys.size()));
    int status = 0;
    pid_t done = 0;
    while ((done = ::waitpid(pid, &status, WNOHANG)) == 0 && clock.elapsed() < 20000)
        QTest::qSleep(20);
    QCOMPARE(done, pid);
    reaped = true;
    // Ended by the signal itself, as the shell expects of an interrupted program.
    QVERIFY2(WIFSIGNALED(status), qPrintable(QString::number(status)));
    QCOMPARE(WTERMSIG(status), signalNumber);
    QCOMPARE(::tcgetattr(master, &mode), 0);
    QVERIFY2(mode.c_lflag & ECHO, "echo is back on");
}

void TestCliCheck::listenerCertificateOptions_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("usageError"); // empty: accepted
    const QStringList https {
        QStringLiteral("--listener"), QStringLiteral("--listener-scheme"), QStringLiteral("https")};
    const QStringList pair {QStringLiteral("--listener-cert"), QStringLiteral("/etc/cimdiag/listener.crt"),
        QStringLiteral("--listener-key"), QStringLiteral("/etc/cimdiag/listener.key")};
    QTest::newRow("pair with https") << https + pair << QString();
    QTest::newRow("cert alone") << https + pair.mid(0, 2) << QStringLiteral("go together");
    QTest::newRow("key alone") << https + pair.mid(2) << QStringLiteral("go together");
    QTest::newRow("empty key") << https + pair.mid(0, 3) + QStringList {QString()} << QStringLiteral("go together");
    QTest::newRow("with http") << QStringList {QStringLiteral("--listener")} + pair
                               << QStringLiteral("go with --listener-scheme https");
    QTest::newRow("without --listener") << pair << QStringLiteral("go with --listener.");
}

void TestCliCheck::listenerCertificateOptions()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, usageError);
    const CliCheckOptions::Parsed parsed = parse(QStringList {QStringLiteral("h")} + arguments);
    if (!usageError.isEmpty()) {
        QCOMPARE(parsed.action, CliCheckOptions::Action::Usage);
        QVERIFY2(parsed.text.contains(usageError), qPrintable(parsed.text));
        return;
    }
    QVERIFY2(parsed.options, qPrintable(parsed.text));
    const ListenerCheckOptions &listener = parsed.options->target().listener;
    QVERIFY(listener.usesCertificateFile());
    QCOMPARE(listener.certificateFile, QStringLiteral("/etc/cimdiag/listener.crt"));
    QCOMPARE(listener.keyFile, QStringLiteral("/etc/cimdiag/listener.key"));
}

void TestCliCheck::listenerStageAndCleanup()
{
    const CliCheckOptions::Parsed parsed = parse({QStringLiteral("http://127.0.0.1:5988"), QStringLiteral("--listener"),
        QStringLiteral("--listener-port"), QStringLiteral("0"), QStringLiteral("--listener-address"),
        QStringLiteral("127.0.0.1"), QStringLiteral("--listener-wait"), QStringLiteral("2.5")});
    QVERIFY2(parsed.options, qPrintable(parsed.text));
    QVERIFY(parsed.options->target().listener.enabled);
    QCOMPARE(parsed.options->target().listener.address, QStringLiteral("127.0.0.1"));
    QCOMPARE(parsed.options->target().listener.wait, std::chrono::milliseconds(2500));
    QCOMPARE(parse({QStringLiteral("h"), QStringLiteral("--listener-port"), QStringLiteral("5000")}).action,
        CliCheckOptions::Action::Usage); // without --listener
    QCOMPARE(parsed.options->target().listener.scheme, QStringLiteral("http"));
    const CliCheckOptions::Parsed https = parse({QStringLiteral("h"), QStringLiteral("--listener"),
        QStringLiteral("--listener-scheme"), QStringLiteral("HTTPS")});
    QVERIFY2(https.options, qPrintable(https.text));
    QVERIFY(https.options->target().listener.isHttps());
    const CliCheckOptions::Parsed ftp = parse({QStringLiteral("h"), QStringLiteral("--listener"),
        QStringLiteral("--listener-scheme"), QStringLiteral("ftp")});
    QCOMPARE(ftp.action, CliCheckOptions::Action::Usage);
    QVERIFY2(ftp.text.contains(QStringLiteral("--listener-scheme must be http or https")), qPrintable(ftp.text));
    QCOMPARE(parse({QStringLiteral("h"), QStringLiteral("--listener-scheme"), QStringLiteral("https")}).action,
        CliCheckOptions::Action::Usage); // without --listener

    SimScenarioHost host;
    SimScenario scenario = *SimScenario::load(QStringLiteral("healthy"));
    scenario.indications.intervalMs = 0;
    QVERIFY2(host.start(scenario, {.https = false}), qPrintable(host.errorString()));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("CIM_PASSWORD"), QStringLiteral("cimpass"));
    const QStringList common {host.server()->httpUrl().toString(), QStringLiteral("--user"), QStringLiteral("cimuser"),
        QStringLiteral("--password-env"), QStringLiteral("CIM_PASSWORD")};
    const Run run = runCheck(
        common + QStringList {QStringLiteral("--listener"), QStringLiteral("--listener-wait"), QStringLiteral("5")}, {},
        environment);
    const QString out = QString::fromUtf8(run.out);
    QVERIFY2(out.contains(QStringLiteral("PASS  Indication listener")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("listener.delivered: true")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("Received CIM_AlertIndication")), qPrintable(out));

    // Over https: a run-time certificate, its fingerprint in the output (the simulator accepts it).
    const Run overHttps = runCheck(common
            + QStringList {QStringLiteral("--listener"), QStringLiteral("--listener-scheme"), QStringLiteral("https"),
                QStringLiteral("--listener-wait"), QStringLiteral("5")},
        {}, environment);
    const QString httpsOut = QString::fromUtf8(overHttps.out);
    QVERIFY2(httpsOut.contains(QStringLiteral("PASS  Indication listener")), qPrintable(httpsOut));
    QVERIFY2(httpsOut.contains(QStringLiteral("listener.scheme: https")), qPrintable(httpsOut));
    QVERIFY2(httpsOut.contains(QStringLiteral("listener.certificateSha256: ")), qPrintable(httpsOut));

    // Leftovers of a run that was killed: --listener-cleanup removes them and lists them.
    SimRepository *repository = host.repository();
    CimInstance filter(QStringLiteral("CIM_IndicationFilter"));
    filter.setProperty(CimProperty(QStringLiteral("Name"), CimValue::string(QStringLiteral("cimdiag:killed"))));
    filter.setProperty(
        CimProperty(QStringLiteral("CreationClassName"), CimValue::string(QStringLiteral("CIM_IndicationFilter"))));
    filter.setProperty(
        CimProperty(QStringLiteral("SystemCreationClassName"), CimValue::string(QStringLiteral("CIM_ComputerSystem"))));
    filter.setProperty(CimProperty(QStringLiteral("SystemName"), CimValue::string(QStringLiteral("sim"))));
    repository->setInstance(repository->interopNamespace(), filter);
    const Run cleanup = runCheck(common + QStringList {QStringLiteral("--listener-cleanup")}, {}, environment);
    QVERIFY2(cleanup.exitCode == 0, cleanup.err.constData());
    QVERIFY2(cleanup.out.contains("removed 1 cimdiag object"), cleanup.out.constData());
    QVERIFY(cleanup.out.contains("cimdiag:killed"));
}

QTEST_GUILESS_MAIN(TestCliCheck)
#include "TestCliCheck.moc"
