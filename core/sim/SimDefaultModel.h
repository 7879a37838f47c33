// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimQualifierDeclaration.h"
#include "core/sim/SimModelOptions.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace cimdiag {

class SimRepository;

/// The simulator's built-in CIM model, a trimmed DMTF CIM schema 2.x with real class, property and
/// qualifier names so generic clients (wbemcli, pywbem, vendor tools) recognise it:
///
/// - every namespace: the standard qualifier declarations and the CIM_ManagedElement ...
///   CIM_EnabledLogicalElement, CIM_Dependency and CIM_ConcreteJob classes;
/// - interop: CIM_ObjectManager (Name "cimdiag-sim"), CIM_Namespace (one per namespace, Name the exact
///   spelling, as the DSP1033 probe reads it), CIM_NamespaceInManager, CIM_RegisteredProfile (DMTF and
///   SNIA profiles) with CIM_ElementConformsToProfile, and the writable indication classes
///   CIM_IndicationFilter, CIM_ListenerDestinationCIMXML, CIM_IndicationSubscription (no instances);
/// - managed (root/cimv2): CIMDIAG_ComputerSystem, four CIMDIAG_Fan (one degraded), CIMDIAG_NumericSensor
///   (temperatures, a voltage rail, fan tachometers, power), CIMDIAG_RecordLog with logRecordCount
///   CIMDIAG_LogRecord entries, the CIMDIAG_SystemDevice, CIMDIAG_AssociatedSensor, CIMDIAG_UseOfLog and
///   CIMDIAG_LogManagesRecord associations, CIM_AlertIndication, CIMDIAG_ConcreteJob, and
///   bulkInstanceCount CIMDIAG_BenchElement instances.
///
/// Methods: CIMDIAG_Fan.RequestStateChange (inherited from CIM_EnabledLogicalElement), the static
/// CIMDIAG_ComputerSystem.Echo, and CIMDIAG_RecordLog.ClearLog; SimOperationHandler implements them.
class SimDefaultModel final
{
public:
    SimDefaultModel() = delete;

    /// Adds the model to repository (namespaces, qualifier declarations, classes, instances).
    static void populate(SimRepository &repository, const SimModelOptions &options);
    /// The DSP0004 qualifier declarations the model uses, with their scopes and flavors.
    static QList<CimQualifierDeclaration> qualifierDeclarations();

    /// Identity of the simulated managed system, used in keys (SystemName) across namespaces.
    static QString systemName(); ///< "sim01.cimdiag.test"
    static QString systemCreationClassName(); ///< "CIMDIAG_ComputerSystem"
    static QString objectManagerName(); ///< "cimdiag-sim"
    /// The fixed time the model's timestamps count from, so repeated runs give the same model.
    static QDateTime epoch();
};

} // namespace cimdiag
