// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimFlavors.h"
#include "core/cim/CimName.h"
#include "core/cim/CimValue.h"

namespace cimdiag {

/// A qualifier on a class, property, method or parameter: name, typed value, flavors (pywbem's
/// CIMQualifier).
class CimQualifier final
{
public:
    CimQualifier() = default;
    CimQualifier(QString name, CimValue value, CimFlavors flavors = {}, bool propagated = false)
        : m_name(std::move(name))
        , m_value(std::move(value))
        , m_flavors(flavors)
        , m_propagated(propagated)
    {
    }

    const QString &name() const { return m_name; }
    void setName(const QString &name) { m_name = name; }
    const CimValue &value() const { return m_value; }
    void setValue(const CimValue &value) { m_value = value; }
    CimType type() const { return m_value.type(); }
    const CimFlavors &flavors() const { return m_flavors; }
    void setFlavors(const CimFlavors &flavors) { m_flavors = flavors; }
    bool isPropagated() const { return m_propagated; }
    void setPropagated(bool propagated) { m_propagated = propagated; }

    QString toMof() const; ///< Name(value) with non-default flavors, as inside [ ]

    friend bool operator==(const CimQualifier &a, const CimQualifier &b)
    {
        return cimNamesEqual(a.m_name, b.m_name) && a.m_value == b.m_value && a.m_flavors == b.m_flavors
            && a.m_propagated == b.m_propagated;
    }

private:
    QString m_name;
    CimValue m_value;
    CimFlavors m_flavors;
    bool m_propagated = false;
};

using CimQualifierList = CimNamedList<CimQualifier>;

} // namespace cimdiag
