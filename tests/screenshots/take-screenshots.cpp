// SPDX-License-Identifier: GPL-3.0-or-later
// cimdiag-screenshots: takes the README's and the AppStream metainfo's screenshots (docs/screenshots,
// see docs/screenshots/README.md). It builds the desktop app's window as app/gui/main.cpp does (menu
// bar, the wizard as central widget, status bar), starts a demo scenario with the app's own
// DemoSimulator, drives the wizard like a user and saves each view with QWidget::grab(): real
// diagnoses against the simulator on 127.0.0.1, nothing made up. Run it under Xvfb through
// tests/screenshots/take-screenshots.sh; it is a tool, not a test.
#include "app/gui/DemoSimulator.h"
#include "core/audit/AuditSession.h"
#include "core/audit/AuditTrail.h"
#include "core/diagnostics/CheckStatus.h"
#include "core/diagnostics/DiagnosticRunner.h"
#include "core/sim/SimScenario.h"
#include "core/sim/SimScenarioHost.h"
#include "core/sim/SimSlpResponder.h"
#include "core/slp/SlpDiscovery.h"
#include "ui/audit/AuditTrailDialog.h"
#include "ui/discovery/SlpDiscoveryDialog.h"
#include "ui/logs/LogChannelViews.h"
#include "ui/widgets/CertificateChainView.h"
#include "ui/wizard/DiagnosisWizard.h"
#include "ui/wizard/ResultsPage.h"
#include "ui/wizard/RunPage.h"
#include "ui/wizard/TargetPage.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QDir>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenuBar>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTreeWidget>
#include <QUdpSocket>
#include <QWindow>

#include <functional>

using namespace cimdiag;

namespace {

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

/// Runs the event loop until done() or the deadline; the tool's only way of waiting.
bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return true;
}

/// Lets layouts, fonts and repaints settle before a grab.
void settle()
{
    for (int i = 0; i < 10; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

class Shooter
{
public:
    explicit Shooter(QString directory)
        : m_directory(std::move(directory))
    { }

    bool save(QWidget *widget, const QString &name)
    {
        settle();
        const QString path = QDir(m_directory).filePath(name);
        if (!widget->grab().save(path)) {
            err() << "cannot write " << path << Qt::endl;
            m_ok = false;
            return false;
        }
        err() << "wrote " << path << Qt::endl;
        return true;
    }
    bool ok() const { return m_ok; }

private:
    QString m_directory;
    bool m_ok = true;
};

int fail(const QString &what, int exitCode = 1)
{
    err() << "cimdiag-screenshots: " << what << Qt::endl;
    return exitCode;
}

} // namespace

int main(int argc, char *argv[])
{
    // The user's own settings, audit trail and profiles stay out of the pictures and untouched.
    QTemporaryDir home;
    const std::pair<const char *, const char *> xdgHomes[]
        = {{"XDG_CONFIG_HOME", ".config"}, {"XDG_STATE_HOME", ".local/state"}, {"XDG_CACHE_HOME", ".cache"}};
    for (const auto &[variable, folder] : xdgHomes)
        qputenv(variable, QDir(home.path()).filePath(QString::fromLatin1(folder)).toLocal8Bit());

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("cimdiag"));
    QApplication::setApplicationDisplayName(QStringLiteral("CIM Diagnostics"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Takes the screenshots of docs/screenshots under Xvfb."));
    parser.addHelpOption();
    const QCommandLineOption outOption(
        QStringLiteral("out"), QStringLiteral("Where to write the PNGs."), QStringLiteral("DIR"), QStringLiteral("."));
    const QCommandLineOption scenarioOption(QStringLiteral("scenario"),
        QStringLiteral("The demo scenario of the run and results pages (default cert-self-signed)."),
        QStringLiteral("NAME"), QStringLiteral("cert-self-signed"));
    const QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("Window size (default 1280x800)."),
        QStringLiteral("WxH"), QStringLiteral("1280x800"));
    parser.addOptions({outOption, scenarioOption, sizeOption});
    parser.process(app);
    const QStringList size = parser.value(sizeOption).split(u'x');
    const QSize windowSize(size.value(0).toInt(), size.value(1).toInt());
    if (windowSize.isEmpty())
        return fail(QStringLiteral("--size wants WIDTHxHEIGHT"), 2);
    if (!QDir().mkpath(parser.value(outOption)))
        return fail(QStringLiteral("cannot create ") + parser.value(outOption));
    Shooter shooter(parser.value(outOption));

    // The app's composition (app/gui/main.cpp), without the first-run prompt.
    const AuditSession audit(QStringLiteral("cimdiag"));
    QMainWindow window;
    window.setObjectName(QStringLiteral("mainWindow"));
    auto *wizard = new DiagnosisWizard(&window);
    wizard->setWindowFlags(Qt::Widget);
    window.setCentralWidget(wizard);
    window.menuBar()->addMenu(QStringLiteral("&File"));
    window.menuBar()->addMenu(QStringLiteral("&Demo"));
    window.menuBar()->addMenu(QStringLiteral("&Tools"));
    window.resize(windowSize);
    window.show();
    if (!waitUntil([&window] { return window.isVisible() && window.windowHandle()->isExposed(); }, 10000))
        return fail(QStringLiteral("the window was never shown (no display?)"));

    // 1. The target page, filled in by the demo (password dots, the simulator's CA file).
    const QString scenario = parser.value(scenarioOption);
    DemoSimulator demo;
    std::optional<Target> target;
    QString failure;
    QObject::connect(&demo, &DemoSimulator::ready, &window, [&](const Target &ready, const QString &what) {
        target = ready;
        window.statusBar()->showMessage(QStringLiteral("Demo simulator running: %1").arg(what));
    });
    QObject::connect(&demo, &DemoSimulator::failed, &window, [&failure](const QString &error) { failure = error; });
    demo.start(scenario);
    if (!waitUntil([&] { return target || !failure.isEmpty(); }, 30000) || !target)
        return fail(QStringLiteral("demo %1: %2").arg(scenario, failure));
    wizard->startWith(*target);
    wizard->findChild<QLineEdit *>(QStringLiteral("urlEdit"))->setFocus();
    shooter.save(&window, QStringLiteral("target-page.png"));

    // 2. The run page when the run is over: every stage's status, the timeline, the logs.
    wizard->runWith(*target);
    RunPage *runPage = wizard->runPage();
    if (!waitUntil([runPage] { return runPage->isComplete(); }, 120000))
        return fail(QStringLiteral("the run did not finish"));
    auto *stages = wizard->findChild<QTreeWidget *>(QStringLiteral("stageTable"));
    for (int column = 0; column < stages->columnCount() - 1; ++column)
        stages->resizeColumnToContents(column);
    // The first stage that did not pass is selected, and the logs show the checks' own channel.
    for (int row = 0; row < stages->topLevelItemCount(); ++row) {
        const QString status = stages->topLevelItem(row)->text(1);
        if (status == checkStatusTitle(CheckStatus::Failed) || status == checkStatusTitle(CheckStatus::Warning)) {
            stages->setCurrentItem(stages->topLevelItem(row));
            break;
        }
    }
    auto *logs = wizard->findChild<LogChannelViews *>(QStringLiteral("logViews"));
    logs->setCurrentIndex(logs->count() - 1);
    shooter.save(&window, QStringLiteral("run-page.png"));

    // 4. The results page: the verdict and each problem's cause, evidence and remedy.
    wizard->button(QWizard::NextButton)->click();
    if (wizard->currentId() != DiagnosisWizard::ResultsPageId)
        return fail(QStringLiteral("no results page"));
    shooter.save(&window, QStringLiteral("results-page.png"));

    // 5. The certificate view of the same run (the peer chain, verification, fingerprints).
    auto *resultTabs = wizard->findChild<QTabWidget *>(QStringLiteral("resultTabs"));
    resultTabs->setCurrentWidget(wizard->findChild<QWidget *>(QStringLiteral("certificateTab")));
    auto *certificates = wizard->findChild<CertificateChainView *>(QStringLiteral("certificateView"));
    certificates->setCurrentCertificate(0);
    shooter.save(&window, QStringLiteral("certificate-view.png"));

    // Trust the certificate (the confirmation dialog answered yes) and run again, so the audit trail
    // holds the authentications of a real diagnosis.
    if (!certificates->result().peerChain.isEmpty()) {
        certificates->setPinConfirmation([](const TlsCertificateInfo &) { return true; });
        certificates->requestPin();
        if (auto *rerun = wizard->findChild<QPushButton *>(QStringLiteral("rerunButton"));
            rerun && rerun->isVisible()) {
            rerun->click();
            waitUntil([runPage] { return runPage->isComplete(); }, 120000);
        }
    }

    // 6. The logs of that second run, which got as far as the sample enumerate: the HTTP channel
    // (what went over the wire, secrets redacted), with most of the page given to it.
    if (auto *splitter = runPage->findChild<QSplitter *>(QStringLiteral("splitter")))
        splitter->setSizes({120, 0, 600});
    for (int index = 0; index < logs->count(); ++index) {
        if (logs->tabText(index).remove(u'&') == QLatin1String("HTTP"))
            logs->setCurrentIndex(index);
    }
    shooter.save(&window, QStringLiteral("log-view.png"));

    // A diagnosis with a wrong password, for the audit trail's failed authentication.
    target.reset();
    demo.start(QStringLiteral("wrong-credentials"));
    if (waitUntil([&] { return target || !failure.isEmpty(); }, 30000) && target) {
        wizard->runWith(*target);
        waitUntil([runPage] { return runPage->isComplete(); }, 120000);
    }

    // 7. SLP discovery: the simulator's SLP agent asked by unicast on 127.0.0.1. The dialog's
    // multicast is off and aimed at a closed loopback port besides: nothing leaves the machine.
    SimScenarioHost slpHost;
    if (!slpHost.start(*SimScenario::load(QStringLiteral("slp-advert"))))
        return fail(QStringLiteral("slp-advert: ") + slpHost.errorString());
    quint16 closedPort = 0;
    {
        QUdpSocket probe;
        probe.bind(QHostAddress::LocalHost, 0);
        closedPort = probe.localPort();
    }
    SlpDiscovery::Options options;
    options.multicastGroup = QHostAddress(QHostAddress::LocalHost);
    options.multicastPort = closedPort;
    wizard->startWith(*target);
    wizard->targetPage()->setDiscoveryOptions(options);
    SlpDiscoveryDialog *dialog = wizard->targetPage()->showDiscovery();
    dialog->resize(900, 580);
    dialog->findChild<QLineEdit *>(QStringLiteral("slpHostEdit"))
        ->setText(QStringLiteral("127.0.0.1:%1").arg(slpHost.slpResponder()->port()));
    dialog->findChild<QCheckBox *>(QStringLiteral("slpMulticastCheck"))->setChecked(false);
    bool searched = false;
    QObject::connect(dialog, &SlpDiscoveryDialog::searchFinished, dialog, [&searched] { searched = true; });
    dialog->search();
    if (!waitUntil([&searched] { return searched; }, 30000))
        return fail(QStringLiteral("the SLP search did not finish"));
    auto *services = dialog->findChild<QTreeWidget *>(QStringLiteral("slpServiceList"));
    for (int column = 0; column < services->columnCount(); ++column)
        services->resizeColumnToContents(column);
    if (services->topLevelItemCount() > 0)
        services->setCurrentItem(services->topLevelItem(0));
    if (auto *splitter = dialog->findChild<QSplitter *>(QStringLiteral("slpSplitter")))
        splitter->setSizes({140, 320});
    shooter.save(dialog, QStringLiteral("slp-discovery.png"));
    dialog->close();

    // 8. The audit trail of this session: start-up, the pin, the authentications.
    AuditTrailDialog auditDialog(audit.trail()->filePath(), &audit.settings(), &window);
    auditDialog.resize(1100, 560);
    auditDialog.show();
    if (auto *verify = auditDialog.findChild<QPushButton *>(QStringLiteral("auditVerifyButton")))
        verify->click();
    shooter.save(&auditDialog, QStringLiteral("audit-trail.png"));
    auditDialog.close();

    demo.stop();
    return shooter.ok() ? 0 : 1;
}
