// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliTerminalEcho.h"

#include <QFile>
#include <QString>

#include <unistd.h>

namespace cimdiag {

namespace {

// What the signal handler restores. Written before the handlers are installed and only read while
// they are; a handler may use nothing but such plain data.
termios g_saved {};

void restoreAndReraise(int signalNumber)
{
    // Only async-signal-safe calls (POSIX.1-2017 2.4.3): tcsetattr, write, sigaction, raise.
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_saved);
    [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, "\n", 1);
    struct sigaction defaultAction = {};
    defaultAction.sa_handler = SIG_DFL;
    sigemptyset(&defaultAction.sa_mask);
    ::sigaction(signalNumber, &defaultAction, nullptr);
    // Blocked while this handler runs: delivered with the default action (ending the process with
    // the signal, as the shell expects) as soon as the handler returns.
    ::raise(signalNumber);
}

} // namespace

CliTerminalEcho::CliTerminalEcho(QFile &err, const QString &prompt)
    : m_err(err)
{
    if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &m_saved) != 0)
        return;
    g_saved = m_saved;
    struct sigaction action = {};
    action.sa_handler = restoreAndReraise;
    sigemptyset(&action.sa_mask);
    for (const int signalNumber : kSignals)
        sigaddset(&action.sa_mask, signalNumber); // one restore at a time
    for (int i = 0; i < kSignalCount; ++i) {
        ::sigaction(kSignals[i], nullptr, &m_previous[i]);
        // An ignored signal (nohup, a background job of a script) stays ignored.
        if (m_previous[i].sa_handler != SIG_IGN)
            ::sigaction(kSignals[i], &action, nullptr);
    }
    termios quiet = m_saved;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) != 0) {
        for (int i = 0; i < kSignalCount; ++i)
            ::sigaction(kSignals[i], &m_previous[i], nullptr);
        return;
    }
    m_active = true;
    m_err.write(prompt.toUtf8());
    m_err.flush();
}

CliTerminalEcho::~CliTerminalEcho()
{
    if (!m_active)
        return;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
    // After the mode is back: a signal arriving in between finds the terminal already restored.
    for (int i = 0; i < kSignalCount; ++i)
        ::sigaction(kSignals[i], &m_previous[i], nullptr);
    m_err.write("\n");
    m_err.flush();
}

} // namespace cimdiag
