// SPDX-License-Identifier: GPL-3.0-or-later
// cimdiag: the desktop app. Composition only (ARCHITECTURE.md): the wizard from ui/, the demo
// simulator launcher from this folder, argument parsing.
#include "app/gui/DemoSimulator.h"
#include "core/audit/AuditSession.h"
#include "core/audit/AuditTrail.h"
#include "core/i18n/AppTranslator.h"
#include "core/paths/AppPaths.h"
#include "core/sim/SimScenario.h"
#include "ui/audit/AuditTrailDialog.h"
#include "ui/settings/LanguageMenu.h"
#include "ui/welcome/WelcomePrompt.h"
#include "ui/wizard/DiagnosisWizard.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QInputDialog>
#include <QMainWindow>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTextStream>

using namespace cimdiag;

namespace {

/// The translation context of this file's strings (lupdate recognises Q_DECLARE_TR_FUNCTIONS).
class GuiMain final
{
    Q_DECLARE_TR_FUNCTIONS(GuiMain)
};

struct Options
{
    QCommandLineOption demo;
    QCommandLineOption list;
};

/// Both paths parse the same options, so --help lists them all.
Options parse(QCommandLineParser &parser, QCoreApplication &app)
{
    QCoreApplication::setApplicationName(QStringLiteral("cimdiag"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CIMDIAG_VERSION));
    parser.setApplicationDescription(GuiMain::tr("Finds out why a CIM client cannot talk to a CIM server."));
    parser.addHelpOption();
    parser.addVersionOption();
    Options options {
        QCommandLineOption(QStringLiteral("demo"),
            GuiMain::tr("Start the built-in simulator with SCENARIO (default: healthy) on 127.0.0.1 and fill "
                        "in its target.")),
        QCommandLineOption(QStringLiteral("list-scenarios"), GuiMain::tr("List the simulator scenarios and exit."))};
    parser.addOptions({options.demo, options.list});
    parser.addPositionalArgument(QStringLiteral("SCENARIO|TARGET"),
        GuiMain::tr("With --demo, the scenario; otherwise the server to fill in (https://host:5989, host:port "
                    "or host)."),
        QStringLiteral("[SCENARIO|TARGET]"));
    parser.process(app); // exits for --help and --version
    return options;
}

/// The language of the View > Language setting ("" follows the system locale), before any text is made.
void installTranslator(AppTranslator &translator)
{
    translator.install(AppTranslator::resolve(AppTranslator::configuredLanguage(*AppPaths::settings())));
}

/// --help, --version and --list-scenarios print and exit: they must work without a display, so they
/// get a QCoreApplication (QApplication aborts when no platform plugin can start).
bool needsGui(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView arg(argv[i]);
        if (arg == "--list-scenarios" || arg == "--help" || arg == "-h" || arg == "--help-all" || arg == "-?"
            || arg == "--version" || arg == "-v")
            return false;
    }
    return true;
}

int listScenarios(QCoreApplication &app)
{
    QCommandLineParser parser;
    parse(parser, app);
    QTextStream out(stdout);
    for (const QString &name : SimScenario::builtInNames()) {
        const std::optional<SimScenario> scenario = SimScenario::load(name);
        out << name << (scenario ? QStringLiteral(" - ") + scenario->description : QString()) << Qt::endl;
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (!needsGui(argc, argv)) {
        QCoreApplication app(argc, argv);
        AppTranslator translator;
        installTranslator(translator);
        return listScenarios(app);
    }

    QApplication app(argc, argv);
    AppTranslator translator;
    installTranslator(translator);
    QApplication::setApplicationDisplayName(GuiMain::tr("CIM Diagnostics"));
    // The window manager matches windows to packaging/CIMDIAG_APP_ID.desktop (and its icon) by this.
    QGuiApplication::setDesktopFileName(QStringLiteral(CIMDIAG_APP_ID));
    QCommandLineParser parser;
    const Options options = parse(parser, app);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        QTextStream(stderr) << GuiMain::tr("Give one scenario (with --demo) or one target.") << Qt::endl;
        return 2;
    }
    std::optional<Target> urlTarget; // the desktop file's Exec=cimdiag %u passes a URL here
    if (!positional.isEmpty() && !parser.isSet(options.demo)) {
        QString error;
        urlTarget = Target::fromUrl(positional.constFirst(), &error);
        if (!urlTarget) {
            QTextStream(stderr) << GuiMain::tr("cimdiag: %1").arg(error) << Qt::endl;
            return 2;
        }
    }

    // START_UP now; every diagnosis's authentications and server changes from here on (docs/audit-trail.md).
    const AuditSession audit(QStringLiteral("cimdiag"));
    if (!audit.errorString().isEmpty())
        QTextStream(stderr) << GuiMain::tr("cimdiag: cannot write the audit trail: %1").arg(audit.errorString())
                            << Qt::endl;

    QMainWindow window;
    window.setObjectName(QStringLiteral("mainWindow"));
    auto *wizard = new DiagnosisWizard(&window);
    // Embedded as the central widget rather than shown as a dialog, so the window has a menu bar.
    wizard->setWindowFlags(Qt::Widget);
    window.setCentralWidget(wizard);
    QObject::connect(wizard, &QWizard::rejected, &window, &QWidget::close);

    DemoSimulator demo;
    QObject::connect(
        &demo, &DemoSimulator::ready, &window, [wizard, &window](const Target &target, const QString &what) {
            wizard->runWith(target);
            window.statusBar()->showMessage(GuiMain::tr("Demo simulator running: %1").arg(what));
            QTextStream(stderr) << GuiMain::tr("cimdiag: demo simulator at %1 (%2)").arg(target.displayUrl(), what)
                                << Qt::endl;
        });
    QObject::connect(&demo, &DemoSimulator::failed, &window, [&window](const QString &error) {
        window.statusBar()->showMessage(GuiMain::tr("Demo simulator failed."));
        QTextStream(stderr) << GuiMain::tr("cimdiag: demo simulator failed: %1").arg(error) << Qt::endl;
        QMessageBox::warning(&window, GuiMain::tr("Demo"), error);
    });

    QMenu *fileMenu = window.menuBar()->addMenu(GuiMain::tr("&File"));
    QAction *quit = fileMenu->addAction(GuiMain::tr("&Quit"), &window, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    QMenu *demoMenu = window.menuBar()->addMenu(GuiMain::tr("&Demo"));
    QAction *startDemo = demoMenu->addAction(GuiMain::tr("&Start demo scenario…"));
    startDemo->setObjectName(QStringLiteral("startDemoAction"));
    QObject::connect(startDemo, &QAction::triggered, &window, [&window, &demo] {
        bool ok = false;
        const QStringList names = SimScenario::builtInNames();
        const QString name = QInputDialog::getItem(&window, GuiMain::tr("Demo"), GuiMain::tr("Simulator scenario:"),
            names, int(qMax(0, names.indexOf(QStringLiteral("healthy")))), false, &ok);
        if (ok)
            demo.start(name);
    });
    QAction *stopDemo = demoMenu->addAction(GuiMain::tr("S&top demo simulator"), &demo, &DemoSimulator::stop);
    stopDemo->setObjectName(QStringLiteral("stopDemoAction"));
    QMenu *toolsMenu = window.menuBar()->addMenu(GuiMain::tr("&Tools"));
    QAction *auditTrail = toolsMenu->addAction(GuiMain::tr("&Audit trail…"), &window, [&window, &audit] {
        AuditTrailDialog dialog(audit.trail()->filePath(), &audit.settings(), &window);
        dialog.exec();
    });
    auditTrail->setObjectName(QStringLiteral("auditTrailAction"));
    QMenu *viewMenu = window.menuBar()->addMenu(GuiMain::tr("&View"));
    auto *languageMenu = new LanguageMenu(audit.settings(), viewMenu);
    viewMenu->addMenu(languageMenu);
    QObject::connect(
        languageMenu, &LanguageMenu::languageChanged, &window, [&window](const QString &, const QString &name) {
            window.statusBar()->showMessage(GuiMain::tr("cimdiag will use %1 the next time it starts.").arg(name));
        });
    QObject::connect(languageMenu, &LanguageMenu::changeFailed, &window,
        [&window](const QString &error) { QMessageBox::warning(&window, GuiMain::tr("Language"), error); });

    if (parser.isSet(options.demo))
        demo.start(positional.value(0, QStringLiteral("healthy")));
    else if (urlTarget)
        wizard->startWith(*urlTarget);

    window.resize(1000, 760);
    window.show();

    // The first run (no record in the settings) offers the demo; --demo or a target is an answer already.
    const std::unique_ptr<QSettings> settings = AppPaths::settings();
    if (parser.isSet(options.demo) || urlTarget)
        WelcomePrompt::markOffered(*settings);
    else if (WelcomePrompt *welcome = WelcomePrompt::offerOnce(*settings, &window))
        QObject::connect(
            welcome, &WelcomePrompt::demoRequested, &demo, [&demo] { demo.start(QStringLiteral("healthy")); });
    return QApplication::exec();
}
