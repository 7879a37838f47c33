// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <csignal>
#include <termios.h>

class QFile;

namespace cimdiag {

/// While it lives, a terminal on standard input does not echo what is typed (a password read with
/// --password-stdin), and a prompt is shown on standard error; the old terminal mode comes back
/// when it goes. Does nothing when standard input is not a terminal (a pipe or a file).
///
/// Ctrl-C (or SIGTERM, SIGHUP) at the prompt would end the process before the destructor runs and
/// leave the shell without echo: while echo is off, handlers for those signals restore the saved
/// mode and re-raise the signal with its default action. The previous handlers come back with the
/// terminal mode. One instance at a time (the handlers share process-wide state).
class CliTerminalEcho final
{
public:
    CliTerminalEcho(QFile &err, const QString &prompt);
    ~CliTerminalEcho();
    Q_DISABLE_COPY_MOVE(CliTerminalEcho)

    bool isActive() const { return m_active; }

private:
    static constexpr int kSignalCount = 3;
    static constexpr int kSignals[kSignalCount] = {SIGINT, SIGTERM, SIGHUP};

    QFile &m_err;
    termios m_saved {};
    struct sigaction m_previous[kSignalCount]
    {
    };
    bool m_active = false;
};

} // namespace cimdiag
