// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/CliCheckOptions.h"

#include <QCoreApplication>
#include <QIODevice>

namespace cimdiag {

/// `cimdiag-cli check TARGET`: runs one DiagnosticRunner on its own event loop and shows it: the
/// human output (CliCheckPrinter) on a terminal or pipe, or the JSON document with --json; a
/// DiagnosticReport to --report FILE in the format its extension names (.json .html .htm .md
/// .txt); --log channels to standard error as they happen. SIGINT and SIGTERM
/// cancel the run, print what finished and exit ExitInterrupted.
class CliCheckCommand final
{
    Q_DECLARE_TR_FUNCTIONS(CliCheckCommand)

public:
    /// 0-2 are DiagnosticRun::exitCode(); 64 and 74 BSD sysexits.h's EX_USAGE and EX_IOERR; 130 the
    /// shell's code for a command ended by Ctrl-C (also used for SIGTERM: the run was cut short).
    enum ExitStatus : int {
        ExitPassed = 0,
        ExitWarnings = 1,
        ExitFailed = 2,
        ExitUsage = 64,
        ExitIoError = 74,
        ExitInterrupted = 130,
    };

    explicit CliCheckCommand(CliCheckOptions options);

    /// Runs the diagnosis; returns an ExitStatus. out is standard output, err standard error;
    /// outIsTerminal decides the live status line and colours.
    int run(QIODevice &out, QIODevice &err, bool outIsTerminal) const;

    /// Colours only on a terminal, without --no-color, NO_COLOR (https://no-color.org) or TERM=dumb.
    static bool useColor(bool terminal, bool noColorOption);

private:
    /// --listener-cleanup: removes the cimdiag: indication objects of earlier runs and lists them.
    int runListenerCleanup(QIODevice &out, QIODevice &err) const;

    CliCheckOptions m_options;
};

} // namespace cimdiag
