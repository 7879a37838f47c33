// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimClass.h"
#include "core/cim/CimInstance.h"
#include "core/diagnostics/ListenerCheckFindings.h"
#include "core/net/TcpProbeResult.h"
#include "core/net/TlsProbeResult.h"
#include "core/slp/WbemServiceAdvert.h"

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace cimdiag {

/// What the stages learned that later stages use (a value held by the DiagnosticContext). Each
/// stage writes its own part; a part is meaningful only once its stage finished.
struct DiagnosticFindings final
{
    // Slp
    QList<WbemServiceAdvert> slpServices; ///< every service:wbem advert the stage found

    // NameResolution
    QList<QHostAddress> addresses; ///< A and AAAA answers (or the literal)

    // Tcp
    QList<TcpProbeResult> targetPort; ///< one per address, target port
    QList<TcpProbeResult> otherPort; ///< one per address, the other CIM port
    std::optional<QHostAddress> reachableAddress; ///< the first address whose target port is open

    // Tls
    std::optional<TlsProbeResult> tls; ///< the default-policy probe

    // Http
    QString serverHeader; ///< Server: (sfcHttpd, OpenPegasus, ...)
    bool speaksCimXml = false; ///< a reply carried CIMOperation: MethodResponse
    bool authenticationRequired = false; ///< the unauthenticated request drew a 401

    // Authentication
    QString realm;
    QStringList challengeSchemes;
    bool credentialsAccepted = false;

    // ServerIdentity
    QString interopNamespace;
    QStringList namespaces; ///< CIM_Namespace names
    QStringList registeredProfiles; ///< "SNIA:Server 1.2.0", ...
    QString objectManagerName; ///< CIM_ObjectManager ElementName or Name
    QString objectManagerVersion; ///< from Description/Version where the server gives one
    std::optional<bool> pullSupported;

    // SampleEnumerate
    QString sampleNamespace;
    QString sampleClassName;
    /// The first instances the enumerate returned (at most SampleEnumerateCheck::keptInstances),
    /// for data views; the class as GetClass returned it (null when that failed), for ValueMap.
    QList<CimInstance> sampleInstances;
    CimClass sampleClass;

    // Listener
    ListenerCheckFindings listener;
};

} // namespace cimdiag
