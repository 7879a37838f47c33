// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimParameter.h"
#include "core/cim/CimQualifier.h"

namespace cimdiag {

/// A method declaration in a class (pywbem's CIMMethod).
class CimMethod final
{
public:
    CimMethod() = default;
    CimMethod(QString name, CimType returnType)
        : m_name(std::move(name))
        , m_returnType(returnType)
    {
    }

    const QString &name() const { return m_name; }
    void setName(const QString &name) { m_name = name; }
    CimType returnType() const { return m_returnType; }
    void setReturnType(CimType type) { m_returnType = type; }
    const QString &classOrigin() const { return m_classOrigin; }
    void setClassOrigin(const QString &name) { m_classOrigin = name; }
    bool isPropagated() const { return m_propagated; }
    void setPropagated(bool propagated) { m_propagated = propagated; }
    const CimNamedList<CimParameter> &parameters() const { return m_parameters; }
    CimNamedList<CimParameter> &parameters() { return m_parameters; }
    const CimQualifierList &qualifiers() const { return m_qualifiers; }
    CimQualifierList &qualifiers() { return m_qualifiers; }

    friend bool operator==(const CimMethod &a, const CimMethod &b)
    {
        return cimNamesEqual(a.m_name, b.m_name) && a.m_returnType == b.m_returnType
            && cimNamesEqual(a.m_classOrigin, b.m_classOrigin) && a.m_propagated == b.m_propagated
            && a.m_parameters == b.m_parameters && a.m_qualifiers == b.m_qualifiers;
    }

private:
    QString m_name;
    QString m_classOrigin;
    CimNamedList<CimParameter> m_parameters;
    CimQualifierList m_qualifiers;
    CimType m_returnType = CimType::Invalid;
    bool m_propagated = false;
};

} // namespace cimdiag
