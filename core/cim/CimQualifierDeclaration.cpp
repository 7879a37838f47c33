// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimQualifierDeclaration.h"

#include "core/cim/CimMof.h"

namespace cimdiag {

QString CimQualifierDeclaration::toMof() const
{
    return CimMof::qualifierDeclaration(*this);
}

} // namespace cimdiag
