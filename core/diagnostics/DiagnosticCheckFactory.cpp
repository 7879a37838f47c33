// SPDX-License-Identifier: GPL-3.0-or-later
// DiagnosticRunner::createCheck: the one place that knows every stage's check class.
#include "core/diagnostics/AuthenticationCheck.h"
#include "core/diagnostics/DiagnosticRunner.h"
#include "core/diagnostics/HttpCheck.h"
#include "core/diagnostics/ListenerCheck.h"
#include "core/diagnostics/NameResolutionCheck.h"
#include "core/diagnostics/SampleEnumerateCheck.h"
#include "core/diagnostics/ServerIdentityCheck.h"
#include "core/diagnostics/SlpCheck.h"
#include "core/diagnostics/TcpCheck.h"
#include "core/diagnostics/TlsCheck.h"

namespace cimdiag {

std::unique_ptr<DiagnosticCheck> DiagnosticRunner::createCheck(DiagnosticStage stage, DiagnosticContext &context)
{
    switch (stage) {
    case DiagnosticStage::Slp:
        return std::make_unique<SlpCheck>(context);
    case DiagnosticStage::NameResolution:
        return std::make_unique<NameResolutionCheck>(context);
    case DiagnosticStage::Tcp:
        return std::make_unique<TcpCheck>(context);
    case DiagnosticStage::Tls:
        return std::make_unique<TlsCheck>(context);
    case DiagnosticStage::Http:
        return std::make_unique<HttpCheck>(context);
    case DiagnosticStage::Authentication:
        return std::make_unique<AuthenticationCheck>(context);
    case DiagnosticStage::ServerIdentity:
        return std::make_unique<ServerIdentityCheck>(context);
    case DiagnosticStage::SampleEnumerate:
        return std::make_unique<SampleEnumerateCheck>(context);
    case DiagnosticStage::Listener:
        return std::make_unique<ListenerCheck>(context);
    }
    Q_UNREACHABLE();
    return nullptr;
}

} // namespace cimdiag
