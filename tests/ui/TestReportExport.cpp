// SPDX-License-Identifier: GPL-3.0-or-later
// The results page's "Export report…": every format (PDF included) written on a worker thread after
// real runs against the simulator, with no secret in any encoding (the PDF read back with
// pdftotext); the HTML report opened from disk in headless Chromium (screenshot not blank, no
// console errors, the headings in the rendered DOM).
#include "core/diagnostics/DiagnosticStage.h"
#include "core/report/ReportHtmlWriter.h"
#include "tests/core/ReportTestSupport.h"
#include "tests/ui/AccessibilityCheck.h"
#include "ui/export/ReportExporter.h"
#include "ui/export/ReportPdfWriter.h"
#include "ui/wizard/ResultsPage.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace cimdiag;
namespace support = cimdiag::ReportTestSupport;

namespace {
constexpr int kExportTimeoutMs = 60000;
constexpr int kBrowserTimeoutMs = 90000;
} // namespace

class TestReportExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void exportButtonIsNamedAndEnabledAfterRun();
    void everyFormatWithoutSecrets_data();
    void everyFormatWithoutSecrets();
    void unknownExtensionIsRefused();
    void fileDialogFilters();
    void htmlRendersInChromium();
    void chromiumConsoleErrorsAreSeen();

private:
    /// Exports page's report to path and waits (bounded) for the worker; empty on success.
    QString exportAndWait(ResultsPage &page, const QString &path);
    /// Runs chromium headless with arguments plus the page; returns stderr (console lines are
    /// logged there) and sets *out to stdout.
    QString runChromium(const QStringList &arguments, const QString &file, QByteArray *out = nullptr);

    SimScenarioHost m_host;
    QTemporaryDir m_dir;
    QString m_caFile;
    QString m_chromium;
    int m_files = 0;
};

void TestReportExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_host.start(support::scenario()), qPrintable(m_host.errorString()));
    m_caFile = m_dir.filePath(QStringLiteral("ca.pem"));
    QString error;
    QVERIFY2(m_host.certificateFactory()->writeCaCertificatePem(m_caFile, &error), qPrintable(error));
    m_chromium = QStandardPaths::findExecutable(QStringLiteral("chromium"));
}

void TestReportExport::cleanupTestCase()
{
    m_host.stop();
}

QString TestReportExport::exportAndWait(ResultsPage &page, const QString &path)
{
    QSignalSpy exported(&page, &ResultsPage::reportExported);
    if (!page.exportReport(path))
        return QStringLiteral("exportReport refused ") + path;
    // The page stays responsive: the button is off while the worker writes.
    if (page.findChild<QPushButton *>(QStringLiteral("exportButton"))->isEnabled())
        return QStringLiteral("export button enabled during the export");
    if (!exported.wait(kExportTimeoutMs))
        return QStringLiteral("no reportExported for ") + path;
    if (exported.constFirst().at(0).toString() != path)
        return QStringLiteral("reportExported for another path");
    return exported.constFirst().at(1).toString();
}

void TestReportExport::exportButtonIsNamedAndEnabledAfterRun()
{
    ResultsPage page;
    auto *button = page.findChild<QPushButton *>(QStringLiteral("exportButton"));
    QVERIFY(button);
    QVERIFY(!button->accessibleName().isEmpty());
    QVERIFY(!button->isEnabled()); // nothing to export yet
    QVERIFY(!page.exportReport(m_dir.filePath(QStringLiteral("nothing.html"))));
    const QStringList problems = AccessibilityCheck::unnamedInteractiveWidgets(&page);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));

    support::Run run;
    QVERIFY(support::runDiagnosis(m_host, m_caFile, WbemCredentials::basic(support::kUser, support::kPassword), run));
    page.showRun(run.runner.get(), run.log->redactor(), run.log.get());
    QVERIFY(button->isEnabled());
    // One result per stage, SLP's a skip (it runs only when asked for).
    QCOMPARE(page.report().run.results.size(), qsizetype(defaultDiagnosticStages().size()));
    QVERIFY(!page.report().logs.isEmpty());
    page.clear();
    QVERIFY(!button->isEnabled());
}

void TestReportExport::everyFormatWithoutSecrets_data()
{
    QTest::addColumn<bool>("ticket");
    QTest::newRow("password") << false;
    QTest::newRow("cim-ticket") << true;
}

void TestReportExport::everyFormatWithoutSecrets()
{
    QFETCH(bool, ticket);
    const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    QVERIFY2(!pdftotext.isEmpty(), "pdftotext (poppler-utils, bootstrap.sh) is needed");

    support::Run run;
    QVERIFY(support::runDiagnosis(m_host, m_caFile,
        ticket ? WbemCredentials::cimTicket(support::kTicket)
               : WbemCredentials::basic(support::kUser, support::kPassword),
        run));
    QCOMPARE(run.runner->run().overallStatus(), CheckStatus::Passed);
    ResultsPage page;
    page.showRun(run.runner.get(), run.log->redactor(), run.log.get());

    for (const QString &extension : {QStringLiteral("html"), QStringLiteral("json"), QStringLiteral("md"),
             QStringLiteral("txt"), QStringLiteral("pdf")}) {
        const QString path = m_dir.filePath(QStringLiteral("report-%1.%2").arg(++m_files).arg(extension));
        const QString error = exportAndWait(page, path);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray bytes = file.readAll();
        QVERIFY2(bytes.size() > 1000, qPrintable(path));
        if (extension == u"pdf") {
            QVERIFY(bytes.startsWith("%PDF-"));
            QVERIFY2(support::leakedSecret(bytes).isEmpty(), "a secret in the PDF's bytes");
            // What a reader sees: the text layer.
            QProcess process;
            process.start(pdftotext, {QStringLiteral("-layout"), path, QStringLiteral("-")});
            QVERIFY(process.waitForFinished(kExportTimeoutMs));
            QCOMPARE(process.exitCode(), 0);
            // The PDF's fonts set "fi" as one ligature glyph, which pdftotext gives back as U+FB01;
            // compatibility normalisation (NFKC) turns it into the letters a reader sees.
            bytes
                = QString::fromUtf8(process.readAllStandardOutput()).normalized(QString::NormalizationForm_KC).toUtf8();
            for (const char *heading : {"cimdiag report", "Summary", "Stage timeline", "TLS certificate chain",
                     "Server identity", "Environment", "Log"})
                QVERIFY2(bytes.contains(heading), heading);
        }
        const QByteArray leak = support::leakedSecret(bytes);
        QVERIFY2(leak.isEmpty(), qPrintable(QStringLiteral("%1 contains %2").arg(path, QString::fromUtf8(leak))));
        QVERIFY2(bytes.contains("Authorization: Basic ***"), qPrintable(path));
    }
}

void TestReportExport::unknownExtensionIsRefused()
{
    ReportExporter exporter;
    QSignalSpy finished(&exporter, &ReportExporter::finished);
    QVERIFY(!exporter.exportTo(DiagnosticReport {}, m_dir.filePath(QStringLiteral("report.docx"))));
    for (const QString &extension : ReportExporter::fileExtensions())
        QVERIFY2(exporter.errorString().contains(extension), qPrintable(exporter.errorString()));
    QVERIFY(!exporter.isRunning());
    QCOMPARE(finished.size(), 0);
    // A directory that does not exist: started, then finished with an error naming the file.
    const QString missing = m_dir.filePath(QStringLiteral("missing/report.pdf"));
    QVERIFY(exporter.exportTo(DiagnosticReport {}, missing));
    QVERIFY(finished.wait(kExportTimeoutMs));
    QVERIFY2(
        finished.constFirst().at(1).toString().contains(missing), qPrintable(finished.constFirst().at(1).toString()));
}

void TestReportExport::fileDialogFilters()
{
    const QStringList filters = ReportExporter::nameFilters();
    QSet<QString> offered;
    for (const QString &filter : filters)
        offered.insert(ReportExporter::extensionForFilter(filter));
    for (const QString &extension : {QStringLiteral(".html"), QStringLiteral(".pdf"), QStringLiteral(".json"),
             QStringLiteral(".md"), QStringLiteral(".txt")})
        QVERIFY2(offered.contains(extension), qPrintable(extension));
    QCOMPARE(ReportExporter::extensionForFilter(filters.constFirst()), QStringLiteral(".html"));
}

QString TestReportExport::runChromium(const QStringList &arguments, const QString &file, QByteArray *out)
{
    QProcess chromium;
    // Its own profile per run (nothing shared with a user's browser or a parallel test); as root
    // Chromium refuses to start without --no-sandbox.
    const QString profile = m_dir.filePath(QStringLiteral("chromium-profile-%1").arg(++m_files));
    chromium.start(m_chromium,
        QStringList {QStringLiteral("--headless=new"), QStringLiteral("--no-sandbox"), QStringLiteral("--disable-gpu"),
            QStringLiteral("--no-first-run"), QStringLiteral("--disable-extensions"),
            QStringLiteral("--disable-background-networking"), QStringLiteral("--enable-logging=stderr"),
            QStringLiteral("--v=0"), QStringLiteral("--user-data-dir=") + profile}
            + arguments + QStringList {QUrl::fromLocalFile(file).toString()});
    if (!chromium.waitForFinished(kBrowserTimeoutMs)) {
        chromium.kill();
        chromium.waitForFinished(5000);
        return QStringLiteral("TIMEOUT");
    }
    if (out)
        *out = chromium.readAllStandardOutput();
    return QString::fromUtf8(chromium.readAllStandardError());
}

namespace {
/// Chromium logs every console message (console.error, uncaught exceptions, CSP violations,
/// failed loads) as "INFO:CONSOLE(...)" / ":CONSOLE:" on stderr with --enable-logging=stderr.
QStringList consoleLines(const QString &log)
{
    QStringList lines;
    for (const QString &line : log.split(u'\n')) {
        if (line.contains(QLatin1String(":CONSOLE")))
            lines << line;
    }
    return lines;
}
} // namespace

void TestReportExport::htmlRendersInChromium()
{
    if (m_chromium.isEmpty())
        QFAIL("chromium (Debian package chromium, bootstrap.sh) is needed");
    support::Run run;
    QVERIFY(
        support::runDiagnosis(m_host, m_caFile, WbemCredentials::basic(support::kUser, QStringLiteral("wrong")), run));
    ResultsPage page;
    page.showRun(run.runner.get(), run.log->redactor(), run.log.get());
    const QString html = m_dir.filePath(QStringLiteral("browser report.html")); // a space: the URL is encoded
    const QString error = exportAndWait(page, html);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    const QString png = m_dir.filePath(QStringLiteral("report.png"));
    QString log = runChromium({QStringLiteral("--screenshot=") + png, QStringLiteral("--window-size=1280,2000"),
                                  QStringLiteral("--hide-scrollbars")},
        html);
    QVERIFY2(log != u"TIMEOUT", "chromium --screenshot did not finish");
    QVERIFY2(consoleLines(log).isEmpty(), qPrintable(consoleLines(log).join(u'\n')));
    QImage image(png);
    QVERIFY2(!image.isNull(), qPrintable(log));
    QCOMPARE(image.size(), QSize(1280, 2000));
    // Not blank: many colours, among them the failed status red of the verdict and the timeline.
    QSet<QRgb> colours;
    bool red = false;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3) {
            const QRgb pixel = image.pixel(x, y);
            colours.insert(pixel);
            red = red || (qRed(pixel) > 180 && qGreen(pixel) < 80 && qBlue(pixel) < 90);
        }
    }
    QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));
    QVERIFY(red);

    QByteArray dom;
    log = runChromium({QStringLiteral("--dump-dom")}, html, &dom);
    QVERIFY2(log != u"TIMEOUT", "chromium --dump-dom did not finish");
    QVERIFY2(consoleLines(log).isEmpty(), qPrintable(consoleLines(log).join(u'\n')));
    for (const char *heading : {"<h1>cimdiag report</h1>", ">Summary</h2>", ">Stage timeline</h2>", ">Stages</h2>",
             ">TLS certificate chain</h2>", ">Environment</h2>", ">Log</h2>", "<svg class=\"timeline\""})
        QVERIFY2(dom.contains(heading), heading);
    QVERIFY(dom.contains("D1"));
    QVERIFY(support::leakedSecret(dom).isEmpty());
}

void TestReportExport::chromiumConsoleErrorsAreSeen()
{
    // The check above is only worth something if a broken page fails it.
    if (m_chromium.isEmpty())
        QFAIL("chromium (Debian package chromium, bootstrap.sh) is needed");
    const QString path = m_dir.filePath(QStringLiteral("broken.html"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>x</title></head><body><h1>x</h1>"
               "<script>throw new Error('broken-report');</script></body></html>");
    file.close();
    const QString log = runChromium({QStringLiteral("--dump-dom")}, path);
    QVERIFY2(log != u"TIMEOUT", "chromium did not finish");
    QVERIFY2(consoleLines(log).join(u'\n').contains(QLatin1String("broken-report")), qPrintable(log));
}

QTEST_MAIN(TestReportExport)
#include "TestReportExport.moc"
