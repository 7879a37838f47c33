// SPDX-License-Identifier: GPL-3.0-or-later
// DiagnosticRunner::createCheck: the one place that knows every stage's check class.
#include "core/diagnostics/DiagnosticCheck.h"
#include "core/diagnostics/DiagnosticRunner.h"

namespace cimdiag {

std::unique_ptr<DiagnosticCheck> DiagnosticRunner::createCheck(DiagnosticStage, DiagnosticContext &)
{
    return nullptr; // TEMPORARY: the stage checks are added as they land
}

} // namespace cimdiag
