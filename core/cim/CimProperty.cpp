// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimProperty.h"

namespace cimdiag {

namespace {
const QString &emptyString()
{
    static const QString kEmpty;
    return kEmpty;
}

const CimQualifierList &emptyQualifiers()
{
    static const CimQualifierList kEmpty;
    return kEmpty;
}
} // namespace

CimProperty::Details &CimProperty::details()
{
    if (!m_details)
        m_details = new Details;
    return *m_details;
}

void CimProperty::setArraySize(int size)
{
    if (m_details || size != -1)
        details().arraySize = size;
}

const QString &CimProperty::referenceClass() const
{
    return m_details ? m_details->referenceClass : emptyString();
}

void CimProperty::setReferenceClass(const QString &name)
{
    if (m_details || !name.isEmpty())
        details().referenceClass = name;
}

const QString &CimProperty::classOrigin() const
{
    return m_details ? m_details->classOrigin : emptyString();
}

void CimProperty::setClassOrigin(const QString &name)
{
    if (m_details || !name.isEmpty())
        details().classOrigin = name;
}

void CimProperty::setPropagated(bool propagated)
{
    if (m_details || propagated)
        details().propagated = propagated;
}

const CimQualifierList &CimProperty::qualifiers() const
{
    return m_details ? m_details->qualifiers : emptyQualifiers();
}

bool operator==(const CimProperty &a, const CimProperty &b)
{
    return cimNamesEqual(a.m_name, b.m_name) && a.m_value == b.m_value
        && cimNamesEqual(a.referenceClass(), b.referenceClass()) && cimNamesEqual(a.classOrigin(), b.classOrigin())
        && a.isPropagated() == b.isPropagated() && a.arraySize() == b.arraySize() && a.qualifiers() == b.qualifiers();
}

} // namespace cimdiag
