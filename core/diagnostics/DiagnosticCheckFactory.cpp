// SPDX-License-Identifier: GPL-3.0-or-later
// DiagnosticRunner::createCheck: the one place that knows every stage's check class.
#include "core/diagnostics/AuthenticationCheck.h"
#include "core/diagnostics/DiagnosticRunner.h"
#include "core/diagnostics/SampleEnumerateCheck.h"
#include "core/diagnostics/ServerIdentityCheck.h"

namespace cimdiag {

std::unique_ptr<DiagnosticCheck> DiagnosticRunner::createCheck(DiagnosticStage stage, DiagnosticContext &context)
{
    switch (stage) {
    case DiagnosticStage::Authentication: return std::make_unique<AuthenticationCheck>(context);
    case DiagnosticStage::ServerIdentity: return std::make_unique<ServerIdentityCheck>(context);
    case DiagnosticStage::SampleEnumerate: return std::make_unique<SampleEnumerateCheck>(context);
    default: return nullptr; // TEMPORARY: the network stages merge next
    }
}

} // namespace cimdiag
