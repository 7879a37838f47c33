// SPDX-License-Identifier: GPL-3.0-or-later
// DiagnosticReport and its writers: redaction in every format after real runs against the
// simulator (password, CIM ticket, a foreign Authorization header in the log), the JSON against
// docs/report.schema.json with a real validator (python3-jsonschema), the content of each format,
// the log bound, extra sections, and the choice of format by file extension.
#include "core/diagnostics/DiagnosticStage.h"
#include "core/report/DiagnosticReport.h"
#include "core/report/ReportFormat.h"
#include "core/report/ReportHtmlWriter.h"
#include "core/report/ReportJsonWriter.h"
#include "core/report/ReportMarkdownWriter.h"
#include "core/report/ReportTextWriter.h"
#include "core/report/ReportWriter.h"
#include "tests/core/ReportTestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace cimdiag;
namespace support = cimdiag::ReportTestSupport;

class TestDiagnosticReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void noSecretInAnyFormat_data();
    void noSecretInAnyFormat();
    void jsonValidatesAgainstSchema();
    void schemaRejectsBrokenDocuments();
    void contentOfEachFormat();
    void failedRunHasHints();
    void logIsBounded();
    void sectionsAreRenderedAndRedacted();
    void authorizationHeadersRedacted_data();
    void authorizationHeadersRedacted();
    void formatByExtension_data();
    void formatByExtension();
    void writeFileErrors();

private:
    DiagnosticReport reportFor(const WbemCredentials &credentials);
    /// Runs the schema validator; empty on success, else its output.
    QString validate(const QByteArray &json);

    SimScenarioHost m_host;
    QTemporaryDir m_dir;
    QString m_caFile;
    QString m_python;
    int m_files = 0;
};

void TestDiagnosticReport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_host.start(support::scenario()), qPrintable(m_host.errorString()));
    m_caFile = m_dir.filePath(QStringLiteral("ca.pem"));
    QString error;
    QVERIFY2(m_host.certificateFactory()->writeCaCertificatePem(m_caFile, &error), qPrintable(error));
    // Debian's python3-jsonschema (bootstrap.sh) lives with Debian's python3; a python3 earlier on
    // PATH (pyenv, a venv) may lack it.
    m_python = QFile::exists(QStringLiteral("/usr/bin/python3"))
        ? QStringLiteral("/usr/bin/python3")
        : QStandardPaths::findExecutable(QStringLiteral("python3"));
    QVERIFY2(!m_python.isEmpty(), "python3 (with python3-jsonschema) is needed: see bootstrap.sh");
}

void TestDiagnosticReport::cleanupTestCase()
{
    m_host.stop();
}

DiagnosticReport TestDiagnosticReport::reportFor(const WbemCredentials &credentials)
{
    support::Run run;
    if (!support::runDiagnosis(m_host, m_caFile, credentials, run))
        return {};
    return DiagnosticReport::fromRunner(*run.runner, run.log.get());
}

QString TestDiagnosticReport::validate(const QByteArray &json)
{
    const QString path = m_dir.filePath(QStringLiteral("report-%1.json").arg(++m_files));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size())
        return QStringLiteral("cannot write ") + path;
    file.close();
    const QString schema = qEnvironmentVariable("CIMDIAG_SOURCE_DIR") + QStringLiteral("/docs/report.schema.json");
    // Draft 2020-12 with format checking (date-time); every error is listed.
    const QString script = QStringLiteral(
        "import json, sys, jsonschema\n"
        "schema = json.load(open(sys.argv[1]))\n"
        "jsonschema.Draft202012Validator.check_schema(schema)\n"
        "v = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)\n"
        "errors = list(v.iter_errors(json.load(open(sys.argv[2]))))\n"
        "for e in errors: print('/'.join(map(str, e.absolute_path)), ':', e.message)\n"
        "sys.exit(1 if errors else 0)\n");
    QProcess python;
    python.setProcessChannelMode(QProcess::MergedChannels);
    python.start(m_python, {QStringLiteral("-c"), script, schema, path});
    if (!python.waitForFinished(60000))
        return QStringLiteral("the validator did not finish");
    const QString output = QString::fromUtf8(python.readAll());
    if (python.exitStatus() != QProcess::NormalExit || python.exitCode() != 0)
        return output.isEmpty() ? QStringLiteral("validator failed") : output;
    return {};
}

void TestDiagnosticReport::noSecretInAnyFormat_data()
{
    QTest::addColumn<bool>("ticket");
    QTest::newRow("password") << false;
    QTest::newRow("cim-ticket") << true;
}

void TestDiagnosticReport::noSecretInAnyFormat()
{
    QFETCH(bool, ticket);
    const WbemCredentials credentials = ticket ? WbemCredentials::cimTicket(support::kTicket)
                                               : WbemCredentials::basic(support::kUser, support::kPassword);
    support::Run run;
    QVERIFY(support::runDiagnosis(m_host, m_caFile, credentials, run));
    // The run really used the secret: the server accepted it, and the http channel has the header.
    QCOMPARE(run.runner->run().overallStatus(), CheckStatus::Passed);
    bool sawAuthorization = false;
    for (const LogEntry &entry : run.log->entries(LogChannel::Http))
        sawAuthorization = sawAuthorization || entry.text.contains(QLatin1String("Authorization: Basic"));
    QVERIFY2(sawAuthorization, "no Authorization header in the http log");

    const DiagnosticReport report = DiagnosticReport::fromRunner(*run.runner, run.log.get());
    QVERIFY(report.run.target.credentials.password.isEmpty());
    QVERIFY(report.run.target.credentials.ticket.isEmpty());
    const QList<std::pair<const char *, QByteArray>> outputs {
        {"json", ReportJsonWriter::write(report)},
        {"html", ReportHtmlWriter::write(report)},
        {"richtext", ReportHtmlWriter::write(report, ReportHtmlWriter::Flavour::RichText)},
        {"markdown", ReportMarkdownWriter::write(report)},
        {"text", ReportTextWriter::write(report)},
    };
    for (const auto &[name, bytes] : outputs) {
        QVERIFY2(bytes.size() > 1000, name);
        const QByteArray leak = support::leakedSecret(bytes);
        QVERIFY2(leak.isEmpty(),
            qPrintable(QStringLiteral("%1 contains %2").arg(QLatin1String(name), QString::fromUtf8(leak))));
        // The header is there, with its scheme, without its value.
        QVERIFY2(bytes.contains("Authorization: Basic ***"), name);
        QVERIFY2(bytes.contains("Proxy-Authorization: Basic ***"), name);
    }
}

void TestDiagnosticReport::jsonValidatesAgainstSchema()
{
    const DiagnosticReport passed = reportFor(WbemCredentials::basic(support::kUser, support::kPassword));
    QCOMPARE(passed.run.overallStatus(), CheckStatus::Passed);
    QVERIFY(passed.tls.has_value());
    QVERIFY(!passed.statistics.isEmpty());
    QString errors = validate(ReportJsonWriter::write(passed));
    QVERIFY2(errors.isEmpty(), qPrintable(errors));

    // A failed run (wrong password: hints, skipped stages) and a bare run (no context, no log).
    const DiagnosticReport failed = reportFor(WbemCredentials::basic(support::kUser, QStringLiteral("wrong")));
    QCOMPARE(failed.run.overallStatus(), CheckStatus::Failed);
    errors = validate(ReportJsonWriter::write(failed));
    QVERIFY2(errors.isEmpty(), qPrintable(errors));

    DiagnosticReport bare = DiagnosticReport::fromRun(DiagnosticRun {}, nullptr, nullptr);
    bare.addSection(ReportSection {QStringLiteral("listener"), QStringLiteral("Indication listener"),
        CheckStatus::Warning, QStringLiteral("no indication arrived"),
        {{QStringLiteral("port"), QStringLiteral("5990")}}, {QStringLiteral("line")}});
    bare.addSection(ReportSection {QStringLiteral("slp"), QStringLiteral("SLP"), std::nullopt, {}, {}, {}});
    errors = validate(ReportJsonWriter::write(bare));
    QVERIFY2(errors.isEmpty(), qPrintable(errors));

    // The check document's readers keep working: its fields are all there.
    const QJsonObject json = ReportJsonWriter::toJson(passed);
    QCOMPARE(json.value(QStringLiteral("schema")).toString(), DiagnosticReport::schemaName());
    for (const QString &key : QJsonObject(passed.run.toJson()).keys())
        QVERIFY2(json.contains(key), qPrintable(key));
    QVERIFY(json.contains(QStringLiteral("hintTexts")));
}

void TestDiagnosticReport::schemaRejectsBrokenDocuments()
{
    // The validator must really validate: documents that break the schema fail.
    QJsonObject json = ReportJsonWriter::toJson(DiagnosticReport::fromRun(DiagnosticRun {}, nullptr, nullptr));
    QVERIFY(validate(QJsonDocument(json).toJson()).isEmpty());
    QJsonObject noStages = json;
    noStages.remove(QStringLiteral("stages"));
    QVERIFY(validate(QJsonDocument(noStages).toJson()).contains(QLatin1String("stages")));
    QJsonObject wrongSchema = json;
    wrongSchema.insert(QStringLiteral("schema"), QStringLiteral("cimdiag-report/2"));
    QVERIFY(!validate(QJsonDocument(wrongSchema).toJson()).isEmpty());
    QJsonObject badStatus = json;
    badStatus.insert(QStringLiteral("overall"), QStringLiteral("great"));
    QVERIFY(!validate(QJsonDocument(badStatus).toJson()).isEmpty());
}

void TestDiagnosticReport::contentOfEachFormat()
{
    const DiagnosticReport report = reportFor(WbemCredentials::basic(support::kUser, support::kPassword));
    QCOMPARE(report.run.results.size(), defaultDiagnosticStages().size());
    QVERIFY(!report.environment.qtRuntimeVersion.isEmpty());
    QVERIFY(report.environment.openSslRuntimeVersion.startsWith(QLatin1String("OpenSSL 3")));
    QCOMPARE(report.environment.trustStoreKind, QStringLiteral("ca"));
    QVERIFY(report.environment.trustStoreDescription.contains(m_caFile));
    QVERIFY(!report.tls->peerChain.isEmpty());
    QVERIFY(!report.server.interopNamespace.isEmpty());
    QVERIFY(!report.logs.isEmpty());

    const QString html = ReportHtmlWriter::toHtml(report);
    const QString markdown = ReportMarkdownWriter::toMarkdown(report);
    const QString text = ReportTextWriter::toText(report);
    for (const QString &heading :
        {QStringLiteral("cimdiag report"), QStringLiteral("Summary"), QStringLiteral("Stage timeline"),
            QStringLiteral("Stages"), QStringLiteral("TLS certificate chain"), QStringLiteral("Server identity"),
            QStringLiteral("Operation statistics"), QStringLiteral("Environment"), QStringLiteral("Log")}) {
        QVERIFY2(html.contains(QStringLiteral(">") + heading + QStringLiteral("</h")), qPrintable(heading));
        QVERIFY2(markdown.contains(QStringLiteral("# ") + heading + u'\n'), qPrintable(heading));
        QVERIFY2(text.contains(heading + u'\n'), qPrintable(heading));
    }
    // HTML: self-contained (no reference leaves the page), timeline drawn, logs collapsible, print CSS.
    static const QRegularExpression external(QStringLiteral("(?:src|href)\\s*=\\s*\"(?!#|data:)"));
    QVERIFY2(!external.match(html).hasMatch(), qPrintable(external.match(html).captured()));
    QVERIFY(!html.contains(QLatin1String("@import")) && !html.contains(QLatin1String("url(")));
    QVERIFY(html.contains(QLatin1String("<svg class=\"timeline\"")));
    QCOMPARE(html.count(QLatin1String("<rect ")), report.run.results.size());
    QVERIFY(html.contains(QLatin1String("<details class=\"log\"")));
    QVERIFY(html.contains(QLatin1String("@media print")));
    QVERIFY(html.contains(report.tls->peerChain.constFirst().sha256Fingerprint));
    // Markdown: the stage table has one row per stage; logs fenced.
    QVERIFY(markdown.contains(QLatin1String("| Stage | Status |")));
    QVERIFY(markdown.contains(QLatin1String("```text")));
    // Text: environment rows.
    QVERIFY(text.contains(QLatin1String("OpenSSL:")));
    QVERIFY(text.contains(QLatin1String("Trust store:")));
    QVERIFY(text.contains(QStringLiteral("Basic, user ") + support::kUser));
}

void TestDiagnosticReport::failedRunHasHints()
{
    const DiagnosticReport report = reportFor(WbemCredentials::basic(support::kUser, QStringLiteral("wrong")));
    const Hint *d1 = report.hint(QStringLiteral("D1"));
    QVERIFY(d1);
    QVERIFY(!d1->cause.isEmpty() && !d1->remedy.isEmpty());
    // Each format in its own escaping.
    QVERIFY(ReportTextWriter::toText(report).contains(d1->cause));
    QVERIFY(ReportTextWriter::toText(report).contains(d1->remedy));
    QVERIFY(ReportHtmlWriter::toHtml(report).contains(d1->cause.toHtmlEscaped()));
    QVERIFY(ReportHtmlWriter::toHtml(report).contains(d1->remedy.toHtmlEscaped()));
    QVERIFY(ReportMarkdownWriter::toMarkdown(report).contains(ReportMarkdownWriter::escape(d1->cause)));
    QVERIFY(ReportMarkdownWriter::toMarkdown(report).contains(ReportMarkdownWriter::escape(d1->remedy)));
    const QJsonObject json = ReportJsonWriter::toJson(report);
    bool inCatalogue = false;
    for (const QJsonValue &value : json.value(QStringLiteral("hintCatalogue")).toArray()) {
        const QJsonObject hint = value.toObject();
        inCatalogue = inCatalogue
            || (hint.value(QStringLiteral("id")).toString() == u"D1"
                && hint.value(QStringLiteral("remedy")).toString() == d1->remedy);
    }
    QVERIFY(inCatalogue);
    QVERIFY(json.value(QStringLiteral("hintTexts")).toObject().contains(QStringLiteral("D1")));
    QCOMPARE(json.value(QStringLiteral("overall")).toString(), QStringLiteral("failed"));
}

void TestDiagnosticReport::logIsBounded()
{
    DiagnosticLog log(50);
    for (int i = 0; i < 80; ++i)
        log.add(LogChannel::Check, LogSeverity::Info, QStringLiteral("tcp"), QStringLiteral("line %1").arg(i));
    log.add(LogChannel::Http, LogSeverity::Info, QStringLiteral("http"), QString(20000, u'x'));
    const DiagnosticReport report = DiagnosticReport::fromRun(DiagnosticRun {}, nullptr, &log, 10);
    QCOMPARE(report.logs.size(), 10);
    QCOMPARE(report.logOmitted, qsizetype(31 + 40)); // 31 dropped by the log, 40 beyond the report's limit
    QCOMPARE(report.logs.constFirst().text, QStringLiteral("line 71"));
    QVERIFY(report.logs.constLast().text.size() < 9000);
    QVERIFY(report.logs.constLast().text.endsWith(QLatin1String("more characters]")));
    QVERIFY(ReportTextWriter::toText(report).contains(QLatin1String("71 earlier line")));
}

void TestDiagnosticReport::sectionsAreRenderedAndRedacted()
{
    DiagnosticReport report = DiagnosticReport::fromRun(DiagnosticRun {}, nullptr, nullptr);
    report.addSection(
        ReportSection {QStringLiteral("listener"), QStringLiteral("Indication listener"), CheckStatus::Failed,
            QStringLiteral("secret hunter2 in summary"), {{QStringLiteral("listener.port"), QStringLiteral("5990")}},
            {QStringLiteral("Authorization: Basic aHVudGVyMg==")}},
        {QStringLiteral("hunter2")});
    QCOMPARE(report.sections.size(), 1);
    for (const QByteArray &bytes : {ReportHtmlWriter::write(report), ReportMarkdownWriter::write(report),
             ReportTextWriter::write(report), ReportJsonWriter::write(report)}) {
        QVERIFY(bytes.contains("Indication listener"));
        QVERIFY(bytes.contains("listener.port"));
        QVERIFY(bytes.contains("5990"));
        QVERIFY(!bytes.contains("hunter2"));
        QVERIFY(!bytes.contains("aHVudGVyMg"));
    }
}

void TestDiagnosticReport::authorizationHeadersRedacted_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("basic") << QStringLiteral("Authorization: Basic dXNlcjpwYXNz\r\nHost: h")
                           << QStringLiteral("Authorization: Basic ***\r\nHost: h");
    QTest::newRow("lower case") << QStringLiteral("authorization:basic abc")
                                << QStringLiteral("authorization:basic ***");
    QTest::newRow("proxy") << QStringLiteral("Proxy-Authorization: Negotiate YIIabc==")
                           << QStringLiteral("Proxy-Authorization: Negotiate ***");
    QTest::newRow("already redacted") << QStringLiteral("Authorization: Basic ***")
                                      << QStringLiteral("Authorization: Basic ***");
    QTest::newRow("scheme only") << QStringLiteral("Authorization: Basic")
                                 << QStringLiteral("Authorization: Basic ***");
    QTest::newRow("no header") << QStringLiteral("WWW-Authenticate: Basic realm=\"x\"")
                               << QStringLiteral("WWW-Authenticate: Basic realm=\"x\"");
}

void TestDiagnosticReport::authorizationHeadersRedacted()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(DiagnosticReport::redactAuthorizationHeaders(input), expected);
}

void TestDiagnosticReport::formatByExtension_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("format"); // -1: unknown
    QTest::newRow("json") << QStringLiteral("/tmp/a.json") << int(ReportFormat::Json);
    QTest::newRow("HTML upper") << QStringLiteral("r.HTML") << int(ReportFormat::Html);
    QTest::newRow("htm") << QStringLiteral("r.htm") << int(ReportFormat::Html);
    QTest::newRow("md") << QStringLiteral("ticket.md") << int(ReportFormat::Markdown);
    QTest::newRow("txt") << QStringLiteral("r.txt") << int(ReportFormat::Text);
    QTest::newRow("pdf") << QStringLiteral("r.pdf") << -1;
    QTest::newRow("none") << QStringLiteral("report") << -1;
    QTest::newRow("json.bak") << QStringLiteral("r.json.bak") << -1;
}

void TestDiagnosticReport::formatByExtension()
{
    QFETCH(QString, path);
    QFETCH(int, format);
    const std::optional<ReportFormat> found = reportFormatForFile(path);
    QCOMPARE(found ? int(*found) : -1, format);
}

void TestDiagnosticReport::writeFileErrors()
{
    const DiagnosticReport report = DiagnosticReport::fromRun(DiagnosticRun {}, nullptr, nullptr);
    QString error;
    QVERIFY(!ReportWriter::writeFile(report, m_dir.filePath(QStringLiteral("r.pdf")), &error));
    for (const QString &extension : reportFileExtensions())
        QVERIFY2(error.contains(extension), qPrintable(error));
    QVERIFY(!ReportWriter::writeFile(report, m_dir.filePath(QStringLiteral("missing/dir/r.json")), &error));
    QVERIFY2(error.contains(QLatin1String("missing/dir/r.json")), qPrintable(error));
    const QString ok = m_dir.filePath(QStringLiteral("ok.md"));
    QVERIFY2(ReportWriter::writeFile(report, ok, &error), qPrintable(error));
    QFile file(ok);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().startsWith("# cimdiag report"));
}

QTEST_GUILESS_MAIN(TestDiagnosticReport)
#include "TestDiagnosticReport.moc"
