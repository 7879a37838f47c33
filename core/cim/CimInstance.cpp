// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimInstance.h"

#include "core/cim/CimMof.h"

namespace cimdiag {

CimValue CimInstance::value(QStringView name) const
{
    const CimProperty *p = m_properties.find(name);
    return p ? p->value() : CimValue();
}

QString CimInstance::toMof() const
{
    return CimMof::instance(*this);
}

bool operator==(const CimInstance &a, const CimInstance &b)
{
    return cimNamesEqual(a.m_className, b.m_className) && a.m_properties == b.m_properties
        && a.m_qualifiers == b.m_qualifiers && a.m_path == b.m_path;
}

} // namespace cimdiag
