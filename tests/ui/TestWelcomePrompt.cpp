// SPDX-License-Identifier: GPL-3.0-or-later
// The first run's offer of the demo: shown once per settings file, non-modal, keyboard-driven.
#include "AccessibilityCheck.h"
#include "ui/welcome/WelcomePrompt.h"

#include <QApplication>
#include <QMainWindow>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace cimdiag;

class TestWelcomePrompt : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void offeredOnceAndRemembered();
    void nonModalOverTheMainWindow();
    void enterRunsTheDemo();
    void escapeDeclines();
    void tabReachesBothButtons();
    void everyInteractiveWidgetIsNamed();

private:
    QString settingsPath() const { return m_dir->filePath(QStringLiteral("cimdiag.conf")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestWelcomePrompt::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestWelcomePrompt::offeredOnceAndRemembered()
{
    QMainWindow window;
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        QVERIFY(WelcomePrompt::shouldOffer(settings));
        const QPointer<WelcomePrompt> prompt = WelcomePrompt::offerOnce(settings, &window);
        QVERIFY(prompt);
        QVERIFY(prompt->isVisible());
        QVERIFY(!WelcomePrompt::shouldOffer(settings));
        prompt->close();
        QTRY_VERIFY(prompt.isNull()); // deletes itself when closed
    }
    // A new process reads the file the first one wrote.
    QSettings again(settingsPath(), QSettings::IniFormat);
    QCOMPARE(again.value(WelcomePrompt::settingsKey()).toBool(), true);
    QVERIFY(!WelcomePrompt::offerOnce(again, &window));
}

void TestWelcomePrompt::nonModalOverTheMainWindow()
{
    QMainWindow window;
    auto *behind = new QPushButton(QStringLiteral("behind"), &window);
    window.setCentralWidget(behind);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSettings settings(settingsPath(), QSettings::IniFormat);
    const QPointer<WelcomePrompt> prompt = WelcomePrompt::offerOnce(settings, &window);
    QVERIFY(prompt);
    QVERIFY(QTest::qWaitForWindowExposed(prompt));
    QVERIFY(!prompt->isModal());
    QCOMPARE(prompt->windowModality(), Qt::NonModal);
    QCOMPARE(QApplication::activeModalWidget(), nullptr);
    QCOMPARE(prompt->parentWidget(), &window);
    // The main window still takes input while the prompt is up.
    QSignalSpy clicked(behind, &QPushButton::clicked);
    QTest::mouseClick(behind, Qt::LeftButton);
    QCOMPARE(clicked.count(), 1);
    QVERIFY(prompt->isVisible());
    prompt->close();
}

void TestWelcomePrompt::enterRunsTheDemo()
{
    QMainWindow window;
    window.show();
    QSettings settings(settingsPath(), QSettings::IniFormat);
    const QPointer<WelcomePrompt> prompt = WelcomePrompt::offerOnce(settings, &window);
    QVERIFY(prompt);
    QSignalSpy demo(prompt, &WelcomePrompt::demoRequested);
    QVERIFY(QTest::qWaitForWindowActive(prompt));
    QTRY_COMPARE(QApplication::focusWidget(), prompt->runDemoButton());
    QVERIFY(prompt->runDemoButton()->isDefault());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QCOMPARE(demo.count(), 1);
    QTRY_VERIFY(prompt.isNull());
}

void TestWelcomePrompt::escapeDeclines()
{
    QMainWindow window;
    window.show();
    QSettings settings(settingsPath(), QSettings::IniFormat);
    const QPointer<WelcomePrompt> prompt = WelcomePrompt::offerOnce(settings, &window);
    QVERIFY(prompt);
    QSignalSpy demo(prompt, &WelcomePrompt::demoRequested);
    QVERIFY(QTest::qWaitForWindowActive(prompt));
    QTest::keyClick(prompt, Qt::Key_Escape);
    QTRY_VERIFY(prompt.isNull());
    QCOMPARE(demo.count(), 0);
    QVERIFY(!WelcomePrompt::shouldOffer(settings)); // declining is remembered too
}

void TestWelcomePrompt::tabReachesBothButtons()
{
    WelcomePrompt prompt;
    prompt.show();
    QVERIFY(QTest::qWaitForWindowActive(&prompt));
    QSignalSpy demo(&prompt, &WelcomePrompt::demoRequested);
    QSignalSpy rejected(&prompt, &QDialog::rejected);
    QTRY_COMPARE(QApplication::focusWidget(), prompt.runDemoButton());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), prompt.notNowButton());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QCOMPARE(rejected.count(), 1);
    QCOMPARE(demo.count(), 0);
}

void TestWelcomePrompt::everyInteractiveWidgetIsNamed()
{
    WelcomePrompt prompt;
    const QStringList problems = AccessibilityCheck::unnamedInteractiveWidgets(&prompt);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QVERIFY(!prompt.objectName().isEmpty());
    QVERIFY(!prompt.accessibleName().isEmpty());
}

QTEST_MAIN(TestWelcomePrompt)
#include "TestWelcomePrompt.moc"
