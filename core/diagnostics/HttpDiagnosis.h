// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/CheckResult.h"
#include "core/diagnostics/DiagnosticFindings.h"
#include "core/diagnostics/Target.h"
#include "core/net/HttpProbeResult.h"

namespace cimdiag {

/// The verdict of the HTTP stage from two raw exchanges (pure, so the table of replies is testable
/// without sockets): (a) an unauthenticated CIM-XML request and (b) the same with
/// `Expect: 100-continue`. (a) decides: not HTTP (C2, B5, B6, D18), proxy (B8), 401 (fine: the
/// next stage authenticates), 200 with or without `CIMOperation: MethodResponse` (fine or D18),
/// and the DSP0200 error statuses (D9-D19). (b) only adds a D10 warning when (a) was fine.
class HttpDiagnosis final
{
public:
    HttpDiagnosis() = delete;

    /// expect may be null (not run). findings (may be null) receives serverHeader, speaksCimXml and
    /// authenticationRequired.
    static CheckResult classify(const Target &target, const HttpProbeResult &request, const HttpProbeResult *expect,
        DiagnosticFindings *findings);
    /// The catalogue id a CIMError header value points to: D13, D14, D15, D16; empty when unknown.
    static QString cimErrorHint(const QByteArray &cimError);
    /// "SFCB (Small Footprint CIM Broker)" for sfcHttpd, "OpenPegasus" for Pegasus; empty otherwise.
    static QString serverProduct(const QByteArray &serverHeader);
};

} // namespace cimdiag
