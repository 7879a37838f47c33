// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliInterruptWatcher.h"

#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace cimdiag {

namespace {

// [0] written by the handler, [1] read by the notifier. Process-wide: signal handlers are.
int g_sockets[2] = {-1, -1};

void onSignal(int signalNumber)
{
    const char byte = static_cast<char>(signalNumber);
    [[maybe_unused]] const ssize_t written = ::write(g_sockets[0], &byte, 1);
}

} // namespace

CliInterruptWatcher::CliInterruptWatcher(QObject *parent)
    : QObject(parent)
{
    if (g_sockets[0] < 0 && ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_sockets) != 0)
        return;
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    if (::sigaction(SIGINT, &action, nullptr) != 0 || ::sigaction(SIGTERM, &action, nullptr) != 0)
        return;
    m_notifier = new QSocketNotifier(g_sockets[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] {
        char byte = 0;
        [[maybe_unused]] const ssize_t read = ::read(g_sockets[1], &byte, 1);
        if (m_signalNumber != 0)
            return;
        m_signalNumber = byte;
        Q_EMIT interrupted(m_signalNumber);
    });
}

CliInterruptWatcher::~CliInterruptWatcher()
{
    // A second Ctrl-C after this point (while the summary prints) ends the process at once.
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

} // namespace cimdiag
