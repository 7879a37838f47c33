// SPDX-License-Identifier: GPL-3.0-or-later
// The translation pipeline (issue #9): the .qm files embedded in core, Qt's own translation from
// qt6-translations-l10n, the hint catalogue through its generated lupdate entries, the audited
// language setting, and cimdiag-cli / cimdiag-sim following LANG, LC_ALL and LANGUAGE. The German
// strings asserted here are the handful translated to prove the pipeline (translations/README.md).
#include "core/audit/AuditTrail.h"
#include "core/audit/AuditedSettings.h"
#include "core/diagnostics/HintCatalogue.h"
#include "core/i18n/AppTranslator.h"
#include "tests/support/ProgramRun.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace cimdiag;

namespace {

/// Runs a program with a locale environment of its own (nothing inherited that could decide the language).
ProgramRun run(
    const char *programVariable, const QStringList &arguments, const QList<std::pair<QString, QString>> &locale)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "DISPLAY", "WAYLAND_DISPLAY"})
        environment.remove(QString::fromLatin1(name));
    for (const auto &[name, value] : locale)
        environment.insert(name, value);
    return runProgram(qEnvironmentVariable(programVariable), arguments, environment);
}

} // namespace

class TestAppTranslator : public QObject
{
    Q_OBJECT

private slots:
    void embeddedTranslations();
    void germanInstallsOursAndQts();
    void hintsAreTranslated();
    void englishInstallsNothing();
    void languageForLocale_data();
    void languageForLocale();
    void settingIsAuditedAndChecked();
    void cliFollowsTheEnvironment_data();
    void cliFollowsTheEnvironment();
    void simHelpIsTranslated();
};

void TestAppTranslator::embeddedTranslations()
{
    for (const QString &language : AppTranslator::availableLanguages()) {
        const QString path = QStringLiteral(":/i18n/cimdiag_") + language + QStringLiteral(".qm");
        QVERIFY2(QFile::exists(path), qPrintable(path));
    }
    QCOMPARE(AppTranslator::languageKey(), QStringLiteral("ui/language"));
    QCOMPARE(AppTranslator::nativeName(QStringLiteral("de")), QStringLiteral("Deutsch"));
    QCOMPARE(AppTranslator::nativeName(QStringLiteral("fr")), QStringLiteral("Français"));
    QCOMPARE(AppTranslator::nativeName(QStringLiteral("ja")), QStringLiteral("日本語"));
    QCOMPARE(AppTranslator::nativeName(QStringLiteral("en")), QStringLiteral("English"));
}

void TestAppTranslator::germanInstallsOursAndQts()
{
    AppTranslator translator;
    QVERIFY(translator.install(QStringLiteral("de")));
    QCOMPARE(translator.language(), QStringLiteral("de"));
    QVERIFY2(translator.hasQtTranslation(), "qtbase_de.qm (qt6-translations-l10n) was not found");
    // Ours: the main window title (app/gui/main.cpp) and a wizard page title (TargetPage.ui, uic's context).
    QCOMPARE(QCoreApplication::translate("GuiMain", "CIM Diagnostics"), QStringLiteral("CIM-Diagnose"));
    QCOMPARE(QCoreApplication::translate("TargetPage", "Which CIM server?"), QStringLiteral("Welcher CIM-Server?"));
    // A numerus message picks its form by n.
    QCOMPARE(QCoreApplication::translate("CliDiscoverCommand", "%n WBEM server URL(s) found.", nullptr, 1),
        QStringLiteral("1 WBEM-Server-URL gefunden."));
    QCOMPARE(QCoreApplication::translate("CliDiscoverCommand", "%n WBEM server URL(s) found.", nullptr, 3),
        QStringLiteral("3 WBEM-Server-URLs gefunden."));
    // Qt's own (what QDialogButtonBox shows for Cancel; QCommandLineParser's usage line).
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Abbrechen"));
    QCOMPARE(QCoreApplication::translate("QCommandLineParser", "Usage: %1"), QStringLiteral("Aufruf: %1"));
    // An untranslated message stays English.
    QCOMPARE(QCoreApplication::translate("GuiMain", "Demo"), QStringLiteral("Demo"));
}

void TestAppTranslator::hintsAreTranslated()
{
    const std::optional<Hint> english = HintCatalogue::instance().hint(QStringLiteral("A1"));
    QVERIFY(english);
    QCOMPARE(english->title, QStringLiteral("SLP discovery switched off on ESXi"));
    AppTranslator translator;
    QVERIFY(translator.install(QStringLiteral("de")));
    // Found through the QT_TRANSLATE_NOOP entries generated from hints.json (context "cimdiag::Hint").
    const std::optional<Hint> german = HintCatalogue::instance().hint(QStringLiteral("A1"));
    QCOMPARE(german->title, QStringLiteral("SLP-Suche auf ESXi abgeschaltet"));
    QVERIFY(german->cause.startsWith(QStringLiteral("Der Host beantwortet kein SLP")));
    QCOMPARE(german->id, english->id);
}

void TestAppTranslator::englishInstallsNothing()
{
    AppTranslator translator;
    QVERIFY(translator.install(QStringLiteral("de")));
    QVERIFY(!translator.install(QString())); // replaces German with nothing
    QCOMPARE(translator.language(), QString());
    QVERIFY(!translator.hasQtTranslation());
    QCOMPARE(QCoreApplication::translate("GuiMain", "CIM Diagnostics"), QStringLiteral("CIM Diagnostics"));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
    QVERIFY(!translator.install(QStringLiteral("xx")));
    {
        AppTranslator scoped;
        QVERIFY(scoped.install(QStringLiteral("de")));
    }
    // The destructor removed its translators.
    QCOMPARE(QCoreApplication::translate("GuiMain", "CIM Diagnostics"), QStringLiteral("CIM Diagnostics"));
}

void TestAppTranslator::languageForLocale_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("language");
    QTest::newRow("de_DE") << "de_DE"
                           << "de";
    QTest::newRow("de_AT") << "de_AT"
                           << "de";
    QTest::newRow("fr_CA") << "fr_CA"
                           << "fr";
    QTest::newRow("ja_JP") << "ja_JP"
                           << "ja";
    QTest::newRow("en_US") << "en_US"
                           << "";
    QTest::newRow("en_GB") << "en_GB"
                           << "";
    QTest::newRow("C") << "C"
                       << "";
    QTest::newRow("es_ES: no translation") << "es_ES"
                                           << "";
}

void TestAppTranslator::languageForLocale()
{
    QFETCH(QString, locale);
    QFETCH(QString, language);
    QCOMPARE(AppTranslator::languageFor(QLocale(locale)), language);
}

void TestAppTranslator::settingIsAuditedAndChecked()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QSettings settings(dir.filePath(QStringLiteral("cimdiag.conf")), QSettings::IniFormat);
    const QString trailPath = dir.filePath(QStringLiteral("audit.jsonl"));
    AuditedSettings audited(settings, std::make_shared<AuditTrail>(trailPath));
    audited.applyToTrail();

    QCOMPARE(AppTranslator::configuredLanguage(settings), QString()); // unset: follow the system
    QVERIFY(AppTranslator::setConfiguredLanguage(audited, QStringLiteral("ja")));
    QCOMPARE(AppTranslator::configuredLanguage(settings), QStringLiteral("ja"));
    QCOMPARE(AppTranslator::resolve(QStringLiteral("ja")), QStringLiteral("ja"));
    QCOMPARE(AppTranslator::resolve(QStringLiteral("en")), QString());

    QString error;
    QVERIFY(!AppTranslator::setConfiguredLanguage(audited, QStringLiteral("xx"), &error));
    QVERIFY(error.contains(QStringLiteral("xx")));
    QCOMPARE(AppTranslator::configuredLanguage(settings), QStringLiteral("ja")); // unchanged

    // A value written by hand that names no translation counts as "follow the system".
    settings.setValue(AppTranslator::languageKey(), QStringLiteral("klingon"));
    QCOMPARE(AppTranslator::configuredLanguage(settings), QString());

    QFile trail(trailPath);
    QVERIFY(trail.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = trail.readAll().split('\n');
    qsizetype changes = 0;
    for (const QByteArray &line : lines) {
        if (line.contains("CONFIGURATION_CHANGE") && line.contains("\"ui/language\"")) {
            ++changes;
            QVERIFY2(line.contains("\"ja\""), line.constData());
        }
    }
    QCOMPARE(changes, 1); // the refused "xx" wrote nothing
}

void TestAppTranslator::cliFollowsTheEnvironment_data()
{
    using Locale = QList<std::pair<QString, QString>>;
    QTest::addColumn<Locale>("locale");
    QTest::addColumn<bool>("german");
    QTest::newRow("LANG=de_DE.UTF-8") << Locale {{QStringLiteral("LANG"), QStringLiteral("de_DE.UTF-8")}} << true;
    QTest::newRow("LC_ALL=de_DE.UTF-8 over LANG=C") << Locale {{QStringLiteral("LANG"), QStringLiteral("C.UTF-8")},
        {QStringLiteral("LC_ALL"), QStringLiteral("de_DE.UTF-8")}}
                                                    << true;
    QTest::newRow("LANG=C.UTF-8") << Locale {{QStringLiteral("LANG"), QStringLiteral("C.UTF-8")}} << false;
    QTest::newRow("LANGUAGE=en:de") << Locale {{QStringLiteral("LANG"), QStringLiteral("de_DE.UTF-8")},
        {QStringLiteral("LANGUAGE"), QStringLiteral("en:de")}}
                                    << false;
}

void TestAppTranslator::cliFollowsTheEnvironment()
{
    using Locale = QList<std::pair<QString, QString>>;
    QFETCH(Locale, locale);
    QFETCH(bool, german);
    const ProgramRun help = run("CIMDIAG_CLI", {QStringLiteral("--help")}, locale);
    QCOMPARE(help.exitCode, 0);
    // Ours (translated for the proof), Qt's own (qtbase_de), and the usage line still names the program.
    QCOMPARE(help.out.contains(QStringLiteral("Der auszuführende Befehl: check")), german);
    QCOMPARE(help.out.contains(QStringLiteral("Zeigt Hilfe zu den Kommandozeilenoptionen an.")), german);
    QCOMPARE(help.out.startsWith(QStringLiteral("Aufruf: cimdiag-cli ")), german);
    if (!german) {
        QVERIFY2(help.out.startsWith(QStringLiteral("Usage: cimdiag-cli ")), qPrintable(help.out));
        QVERIFY(help.out.contains(QStringLiteral("The command to run: check")));
    }
}

void TestAppTranslator::simHelpIsTranslated()
{
    const ProgramRun help
        = run("CIMDIAG_SIM", {QStringLiteral("--help")}, {{QStringLiteral("LANG"), QStringLiteral("de_DE.UTF-8")}});
    QCOMPARE(help.exitCode, 0);
    QVERIFY2(help.out.contains(QStringLiteral("Die Szenarien auflisten und beenden.")), qPrintable(help.out));
    QVERIFY(help.out.contains(QStringLiteral("Zeigt Versionsinformation an.")));
}

QTEST_GUILESS_MAIN(TestAppTranslator)
#include "TestAppTranslator.moc"
