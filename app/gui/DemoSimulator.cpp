// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/DemoSimulator.h"

#include "core/net/CertificateFactory.h"
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimScenario.h"
#include "core/sim/SimScenarioHost.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#ifdef Q_OS_LINUX
#include <csignal>

#include <sys/prctl.h>
#endif

namespace cimdiag {

namespace {
/// The demo account every built-in scenario with authentication knows (wrong-credentials excepted,
/// which is the point of that scenario: D1).
const QString kDemoUser = QStringLiteral("cimuser");
const QString kDemoPassword = QStringLiteral("cimpass");
constexpr int kProcessStartTimeoutMs = 15000;
} // namespace

DemoSimulator::DemoSimulator(QObject *parent)
    : QObject(parent)
{
    m_startTimeout.setSingleShot(true);
    m_startTimeout.setInterval(kProcessStartTimeoutMs);
    connect(&m_startTimeout, &QTimer::timeout, this,
        [this] { fail(tr("cimdiag-sim did not report ready within %1 s.").arg(kProcessStartTimeoutMs / 1000)); });
}

DemoSimulator::~DemoSimulator()
{
    stop();
}

bool DemoSimulator::needsOwnProcess(const SimScenario &scenario)
{
    return scenario.needsSecurityLevel0();
}

QString DemoSimulator::simulatorExecutable()
{
    // CIMDIAG_SIM (set for the tests) names it explicitly.
    const QString fromEnvironment = qEnvironmentVariable("CIMDIAG_SIM");
    if (!fromEnvironment.isEmpty() && QFileInfo(fromEnvironment).isExecutable())
        return fromEnvironment;
    const QString appDir = QCoreApplication::applicationDirPath();
    const QString name = QStringLiteral("cimdiag-sim");
    QString path = QStandardPaths::findExecutable(name, {appDir, QDir(appDir).filePath(QStringLiteral("../sim"))});
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(name);
    return path;
}

bool DemoSimulator::isRunning() const
{
    return m_host || m_process;
}

void DemoSimulator::stop()
{
    m_startTimeout.stop();
    m_host.reset();
    if (m_process) {
        m_process->disconnect(this);
        // No waitFor*(): the process ends on SIGTERM (cimdiag-sim handles it) and deletes itself
        // once it has. It outlives this object, but not the application, which deletes it at exit
        // (~QProcess then kills a child that is still running).
        QProcess *process = m_process;
        m_process = nullptr;
        process->setParent(QCoreApplication::instance());
        if (process->state() == QProcess::NotRunning) {
            process->deleteLater();
        } else {
            connect(process, &QProcess::finished, process, &QObject::deleteLater);
            process->terminate();
        }
    }
    m_output.clear();
    m_dir.reset();
}

void DemoSimulator::start(const QString &name)
{
    stop();
    QString error;
    const std::optional<SimScenario> scenario = SimScenario::load(name, &error);
    if (!scenario) {
        fail(error);
        return;
    }
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid()) {
        fail(tr("Cannot create a temporary directory: %1").arg(m_dir->errorString()));
        return;
    }
    m_description = scenario->name + QStringLiteral(": ") + scenario->description;
    if (needsOwnProcess(*scenario))
        startProcess(*scenario);
    else
        startInProcess(*scenario);
}

Target DemoSimulator::demoTarget(const QString &httpsUrl, const QString &caFile) const
{
    Target target = Target::fromUrl(httpsUrl).value_or(Target {});
    target.credentials = WbemCredentials::basic(kDemoUser, kDemoPassword);
    target.tls.caFile = caFile;
    return target;
}

void DemoSimulator::startInProcess(const SimScenario &scenario)
{
    m_host = std::make_unique<SimScenarioHost>();
    SimScenarioHost::Listen listen;
    listen.address = QHostAddress(QHostAddress::LocalHost);
    if (!m_host->start(scenario, listen)) {
        const QString error = m_host->errorString();
        m_host.reset();
        fail(error);
        return;
    }
    const QString caFile = m_dir->filePath(QStringLiteral("demo-ca.pem"));
    QString error;
    if (!m_host->certificateFactory()->writeCaCertificatePem(caFile, &error)) {
        m_host.reset();
        fail(error);
        return;
    }
    const Target target = demoTarget(m_host->server()->httpsUrl().toString(), caFile);
    // Queued, as the process path is: callers connect after start() and get the same order.
    QMetaObject::invokeMethod(
        this, [this, target] { Q_EMIT ready(target, m_description); }, Qt::QueuedConnection);
}

void DemoSimulator::startProcess(const SimScenario &scenario)
{
    const QString program = simulatorExecutable();
    if (program.isEmpty()) {
        fail(tr("Scenario %1 needs the server's OpenSSL security level lowered, which only a process of "
                "its own can do: run cimdiag-sim --scenario %1 (cimdiag-sim was not found next to cimdiag).")
                 .arg(scenario.name));
        return;
    }
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &DemoSimulator::onProcessOutput);
    connect(m_process, &QProcess::errorOccurred, this, [this, process = m_process](QProcess::ProcessError) {
        fail(tr("cimdiag-sim: %1").arg(process->errorString()));
    });
    connect(m_process, &QProcess::finished, this, [this](int exitCode) {
        fail(tr("cimdiag-sim exited (status %1): %2").arg(exitCode).arg(QString::fromLocal8Bit(m_output)));
    });
#ifdef Q_OS_LINUX
    // If this app dies without running its destructors, the simulator must not linger on its ports.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    m_startTimeout.start();
    m_process->start(program,
        {QStringLiteral("--scenario"), scenario.name, QStringLiteral("--ca-file"),
            m_dir->filePath(QStringLiteral("demo-ca.pem"))});
}

void DemoSimulator::onProcessOutput()
{
    m_output += m_process->readAllStandardOutput();
    // cimdiag-sim prints one "key: value" line each, then "ready".
    QString httpsUrl;
    QString caFile;
    bool readyLine = false;
    for (const QByteArray &line : m_output.split('\n')) {
        const QString text = QString::fromLocal8Bit(line).trimmed();
        if (text.startsWith(QLatin1String("https: ")))
            httpsUrl = text.mid(7);
        else if (text.startsWith(QLatin1String("ca-file: ")))
            caFile = text.mid(9);
        else if (text == QLatin1String("ready"))
            readyLine = true;
    }
    if (!readyLine)
        return;
    m_startTimeout.stop();
    disconnect(m_process, &QProcess::readyReadStandardOutput, this, &DemoSimulator::onProcessOutput);
    Q_EMIT ready(demoTarget(httpsUrl, caFile), m_description);
}

void DemoSimulator::fail(const QString &error)
{
    stop();
    QMetaObject::invokeMethod(
        this, [this, error] { Q_EMIT failed(error); }, Qt::QueuedConnection);
}

} // namespace cimdiag
