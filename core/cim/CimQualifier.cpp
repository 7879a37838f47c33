// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimQualifier.h"

#include "core/cim/CimMof.h"

namespace cimdiag {

QString CimQualifier::toMof() const
{
    return CimMof::qualifier(*this);
}

} // namespace cimdiag
