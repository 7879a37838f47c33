// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliTerminalEcho.h"

#include <QFile>
#include <QString>

#include <unistd.h>

namespace cimdiag {

CliTerminalEcho::CliTerminalEcho(QFile &err, const QString &prompt)
    : m_err(err)
{
    if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &m_saved) != 0)
        return;
    termios quiet = m_saved;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) != 0)
        return;
    m_active = true;
    m_err.write(prompt.toUtf8());
    m_err.flush();
}

CliTerminalEcho::~CliTerminalEcho()
{
    if (!m_active)
        return;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
    m_err.write("\n");
    m_err.flush();
}

} // namespace cimdiag
