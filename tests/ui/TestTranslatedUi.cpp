// SPDX-License-Identifier: GPL-3.0-or-later
// The widgets in German (issue #9): with AppTranslator's German installed, the wizard's title and page
// titles (uic contexts and tr() contexts) and Qt's own button texts are translated; View > Language
// stores the choice through the audited settings and says it applies at the next start.
#include "core/audit/AuditTrail.h"
#include "core/audit/AuditedSettings.h"
#include "core/i18n/AppTranslator.h"
#include "ui/settings/LanguageMenu.h"
#include "ui/wizard/DiagnosisWizard.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWizardPage>

using namespace cimdiag;

class TestTranslatedUi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void wizardInGerman();
    void qtButtonsInGerman();
    void languageMenuStoresTheChoice();

private:
    QTemporaryDir m_dir;
};

void TestTranslatedUi::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // TargetPage reads saved profiles from the settings: keep them out of the user's.
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("config"))));
}

void TestTranslatedUi::wizardInGerman()
{
    AppTranslator translator;
    QVERIFY(translator.install(QStringLiteral("de")));
    DiagnosisWizard wizard;
    QCOMPARE(wizard.windowTitle(), QStringLiteral("CIM-Diagnose"));
    QCOMPARE(wizard.page(DiagnosisWizard::TargetPageId)->title(), QStringLiteral("Welcher CIM-Server?"));
    QCOMPARE(wizard.page(DiagnosisWizard::RunPageId)->title(), QStringLiteral("Diagnose läuft"));
    QCOMPARE(wizard.page(DiagnosisWizard::ResultsPageId)->title(), QStringLiteral("Befunde"));

    // Built after the translator is gone: English again (the language applies to what is built next).
    QVERIFY(!translator.install(QString()));
    DiagnosisWizard english;
    QCOMPARE(english.page(DiagnosisWizard::TargetPageId)->title(), QStringLiteral("Which CIM server?"));
}

void TestTranslatedUi::qtButtonsInGerman()
{
    AppTranslator translator;
    QVERIFY(translator.install(QStringLiteral("de")));
    QDialogButtonBox box(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    // Some platform themes add an accelerator to the text: compare without it.
    QCOMPARE(box.button(QDialogButtonBox::Cancel)->text().remove(u'&'), QStringLiteral("Abbrechen"));
}

void TestTranslatedUi::languageMenuStoresTheChoice()
{
    QSettings settings(m_dir.filePath(QStringLiteral("language.conf")), QSettings::IniFormat);
    const QString trailPath = m_dir.filePath(QStringLiteral("audit.jsonl"));
    AuditedSettings audited(settings, std::make_shared<AuditTrail>(trailPath));
    audited.applyToTrail();
    LanguageMenu menu(audited);

    QStringList names;
    for (QAction *action : menu.actions()) {
        if (!action->isSeparator())
            names.append(action->objectName());
    }
    QCOMPARE(names,
        QStringList({QStringLiteral("languageAction_system"), QStringLiteral("languageAction_en"),
            QStringLiteral("languageAction_de"), QStringLiteral("languageAction_fr"),
            QStringLiteral("languageAction_ja")}));
    auto *system = menu.findChild<QAction *>(QStringLiteral("languageAction_system"));
    auto *german = menu.findChild<QAction *>(QStringLiteral("languageAction_de"));
    QVERIFY(system && german);
    QVERIFY(system->isChecked()); // unset: follow the system
    QCOMPARE(german->text(), QStringLiteral("Deutsch"));

    QSignalSpy changed(&menu, &LanguageMenu::languageChanged);
    german->trigger();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("de"));
    QCOMPARE(changed.at(0).at(1).toString(), QStringLiteral("Deutsch"));
    QCOMPARE(settings.value(AppTranslator::languageKey()).toString(), QStringLiteral("de"));
    QVERIFY(german->isChecked());
    QVERIFY(!system->isChecked());

    system->trigger();
    QCOMPARE(changed.size(), 2);
    QCOMPARE(AppTranslator::configuredLanguage(settings), QString());

    // Both changes are in the audit trail (docs/audit-trail.md: CONFIGURATION_CHANGE with the key).
    QFile trail(trailPath);
    QVERIFY(trail.open(QIODevice::ReadOnly));
    const QByteArray text = trail.readAll();
    QCOMPARE(text.count("CONFIGURATION_CHANGE"), 2);
    QCOMPARE(text.count("\"ui/language\""), 2);
}

QTEST_MAIN(TestTranslatedUi)
#include "TestTranslatedUi.moc"
