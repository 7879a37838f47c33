// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QString>
#include <QUrl>

namespace cimdiag {

/// cimdiag-sim (path from $CIMDIAG_SIM, set by cimdiag_add_test) running one scenario as a child
/// process on loopback. For the scenarios the in-process simulator cannot serve: C5 (RSA-1024) and
/// C6 (SHA-1) need the server's OpenSSL security level lowered before OpenSSL starts, which only a
/// process of its own can do (app/sim/main.cpp) without lowering the client's level too.
/// The destructor stops the process (SIGTERM, then SIGKILL), each wait bounded.
class SimProcess final
{
public:
    SimProcess() = default;
    ~SimProcess();
    Q_DISABLE_COPY_MOVE(SimProcess)

    /// Starts `cimdiag-sim --scenario NAME --ca-file CAFILE` and waits (at most timeoutMs) for its
    /// "ready" line. On failure returns false and sets errorString() (with the output so far).
    bool start(const QString &scenario, const QString &caFile, int timeoutMs = 10000);
    /// Stops the process: SIGTERM, then SIGKILL if it has not exited within timeoutMs.
    void stop(int timeoutMs = 5000);

    QUrl httpUrl() const { return m_httpUrl; }
    QUrl httpsUrl() const { return m_httpsUrl; }
    QString errorString() const { return m_errorString; }
    /// Everything read from its stdout so far.
    QByteArray output() const { return m_output; }

private:
    QProcess m_process;
    QUrl m_httpUrl;
    QUrl m_httpsUrl;
    QString m_errorString;
    QByteArray m_output;
};

} // namespace cimdiag
