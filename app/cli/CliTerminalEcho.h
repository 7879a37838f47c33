// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <termios.h>

class QFile;

namespace cimdiag {

/// While it lives, a terminal on standard input does not echo what is typed (a password read with
/// --password-stdin), and a prompt is shown on standard error; the old terminal mode comes back
/// when it goes. Does nothing when standard input is not a terminal (a pipe or a file).
class CliTerminalEcho final
{
public:
    CliTerminalEcho(QFile &err, const QString &prompt);
    ~CliTerminalEcho();
    Q_DISABLE_COPY_MOVE(CliTerminalEcho)

    bool isActive() const { return m_active; }

private:
    QFile &m_err;
    termios m_saved{};
    bool m_active = false;
};

} // namespace cimdiag
