// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/Target.h"

#include <QObject>
#include <QTemporaryDir>
#include <QTimer>

#include <memory>

class QProcess;

namespace cimdiag {

class SimScenario;
class SimScenarioHost;

/// The desktop app's demo mode: a simulator scenario on 127.0.0.1 and the Target that reaches it
/// (https, the simulator's CA written to a temporary file, cimuser/cimpass). It lives in app/gui
/// because it opens sockets, which ui/ must not (ARCHITECTURE.md).
///
/// Most scenarios run in-process (SimScenarioHost). The legacy-crypto ones (tls-legacy, weak-key,
/// cert-sha1, weak-dh) need the server's OpenSSL security level lowered before OpenSSL starts, which
/// would lower this process's client side too; those run as a cimdiag-sim child process found next
/// to this binary, read asynchronously until its "ready" line.
class DemoSimulator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoSimulator)

public:
    explicit DemoSimulator(QObject *parent = nullptr);
    ~DemoSimulator() override;

    /// True for the scenarios that need a cimdiag-sim process of their own.
    static bool needsOwnProcess(const SimScenario &scenario);
    /// Where cimdiag-sim is: $CIMDIAG_SIM, next to this binary, the build tree's app/sim, or PATH; empty
    /// when none is found.
    static QString simulatorExecutable();

    /// Stops any running scenario and starts name; ready() or failed() follow, always queued.
    void start(const QString &name);
    void stop();
    bool isRunning() const;

Q_SIGNALS:
    void ready(const cimdiag::Target &target, const QString &description);
    void failed(const QString &error);

private:
    void startInProcess(const SimScenario &scenario);
    void startProcess(const SimScenario &scenario);
    void onProcessOutput();
    void fail(const QString &error);
    Target demoTarget(const QString &httpsUrl, const QString &caFile) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SimScenarioHost> m_host;
    QProcess *m_process = nullptr;
    QByteArray m_output;
    QString m_description;
    QTimer m_startTimeout;
};

} // namespace cimdiag
