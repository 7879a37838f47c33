// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace cimdiag {

/// The stages of a diagnosis, in the order they run (an explicit enum: STYLE.md).
enum class DiagnosticStage : quint8 {
    Slp, ///< SLP discovery of service:wbem, only when the target asks for it [A1-A10]
    NameResolution, ///< A and AAAA [B1, B7]
    Tcp, ///< the target port and the other CIM port [B2-B6]
    Tls, ///< handshake, chain, verification, legacy re-probes [C1-C14]
    Http, ///< does the port speak HTTP and CIM-XML [B8, D9-D19]
    Authentication, ///< the challenge and the credentials [D1-D7]
    ServerIdentity, ///< interop namespace, CIM_ObjectManager, profiles, pull [E1, E2, E4, E5]
    SampleEnumerate, ///< one real enumerate [E3, E6-E11]
    /// Opt-in (Target::listener): does an indication reach a listener here [F1-F8, F11]
    Listener,
};

/// Every stage, in run order.
QList<DiagnosticStage> allDiagnosticStages();
/// The stages a run has unless told otherwise: every stage but the opt-in ones, Slp (sends UDP,
/// multicast too; runs when Target::slp) and Listener (creates objects on the server; runs when
/// Target::listener.enabled).
QList<DiagnosticStage> defaultDiagnosticStages();
/// Stable ids for JSON, logs and --stage options: "slp", "dns", "tcp", "tls", "http", "auth",
/// "identity", "enumerate", "listener".
QString diagnosticStageId(DiagnosticStage stage);
std::optional<DiagnosticStage> diagnosticStageFromId(QStringView id);
/// The translated title: "Name resolution", "TCP reachability", ...
QString diagnosticStageTitle(DiagnosticStage stage);

} // namespace cimdiag
