// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimStatus.h"
#include "core/cimxml/CimOperation.h"

#include <QString>

namespace cimdiag {

/// A CIM error the simulator answers for every call of one operation (E3, E4, E6 and friends), or
/// only for the calls on one class.
struct SimOperationFailure final
{
    CimOperation operation = CimOperation::GetInstance;
    CimStatus status;
    /// Empty: every call fails. Otherwise only calls whose ClassName parameter (or the class of
    /// InstanceName, ObjectName, the InvokeMethod target) equals it, case-insensitively: a provider
    /// that fails for one class while the rest of the server works (E3, E6, E9).
    QString className;

    friend bool operator==(const SimOperationFailure &, const SimOperationFailure &) = default;
};

} // namespace cimdiag
