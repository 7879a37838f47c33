// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace cimdiag {

/// What a program run by runProgram() did: exit status (-1 when it crashed or did not finish) and
/// its output, decoded as UTF-8.
struct ProgramRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

/// Runs program with arguments in environment and waits up to 60 s for it (then kills it and says so
/// in err), for the tests that check what cimdiag's programs print.
ProgramRun runProgram(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment);

} // namespace cimdiag
