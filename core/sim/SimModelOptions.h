// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace cimdiag {

/// What SimRepository::withDefaultModel() builds. The interop namespace name is configurable because
/// servers in the field use interop, root/interop (SFCB, ESXi) or root/PG_InterOp (OpenPegasus), and
/// the DSP1033 probe must find whichever one the simulated server has.
struct SimModelOptions
{
    QString interopNamespace = QStringLiteral("interop");
    QString managedNamespace = QStringLiteral("root/cimv2");
    int logRecordCount = 50;
    int bulkInstanceCount = 0; ///< extra CIMDIAG_BenchElement instances for benchmarks
    /// false: the CIMDIAG_ComputerSystem instance (and the associations that point at it) is left
    /// out, so CIM_ComputerSystem enumerates to zero instances while the class exists: E7, a
    /// missing provider or VIB.
    bool computerSystems = true;
};

} // namespace cimdiag
