// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimStatus.h"
#include "core/cimxml/CimOperation.h"

namespace cimdiag {

/// A CIM error the simulator answers for every call of one operation (E3, E4, E6 and friends).
struct SimOperationFailure final
{
    CimOperation operation = CimOperation::GetInstance;
    CimStatus status;

    friend bool operator==(const SimOperationFailure &, const SimOperationFailure &) = default;
};

} // namespace cimdiag
