// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimClass.h"

#include "core/cim/CimMof.h"

namespace cimdiag {

QString CimClass::toMof() const
{
    return CimMof::cls(*this);
}

bool operator==(const CimClass &a, const CimClass &b)
{
    return cimNamesEqual(a.m_className, b.m_className) && cimNamesEqual(a.m_superClass, b.m_superClass)
        && a.m_path == b.m_path && a.m_properties == b.m_properties && a.m_methods == b.m_methods
        && a.m_qualifiers == b.m_qualifiers;
}

} // namespace cimdiag
