// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimProperty.h"

namespace cimdiag {

bool operator==(const CimProperty &a, const CimProperty &b)
{
    return cimNamesEqual(a.m_name, b.m_name) && a.m_value == b.m_value
        && cimNamesEqual(a.m_referenceClass, b.m_referenceClass) && cimNamesEqual(a.m_classOrigin, b.m_classOrigin)
        && a.m_propagated == b.m_propagated && a.m_arraySize == b.m_arraySize && a.m_qualifiers == b.m_qualifiers;
}

} // namespace cimdiag
