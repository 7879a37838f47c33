// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimQualifier.h"

namespace cimdiag {

/// A method parameter declaration in a class (pywbem's CIMParameter).
class CimParameter final
{
public:
    CimParameter() = default;
    CimParameter(QString name, CimType type, bool isArray = false)
        : m_name(std::move(name))
        , m_type(type)
        , m_isArray(isArray)
    {
    }

    const QString &name() const { return m_name; }
    void setName(const QString &name) { m_name = name; }
    CimType type() const { return m_type; }
    void setType(CimType type) { m_type = type; }
    bool isArray() const { return m_isArray; }
    void setArray(bool isArray) { m_isArray = isArray; }
    int arraySize() const { return m_arraySize; } ///< -1: variable size
    void setArraySize(int size) { m_arraySize = size; }
    const QString &referenceClass() const { return m_referenceClass; }
    void setReferenceClass(const QString &name) { m_referenceClass = name; }
    const CimQualifierList &qualifiers() const { return m_qualifiers; }
    CimQualifierList &qualifiers() { return m_qualifiers; }

    friend bool operator==(const CimParameter &a, const CimParameter &b)
    {
        return cimNamesEqual(a.m_name, b.m_name) && a.m_type == b.m_type && a.m_isArray == b.m_isArray
            && a.m_arraySize == b.m_arraySize && cimNamesEqual(a.m_referenceClass, b.m_referenceClass)
            && a.m_qualifiers == b.m_qualifiers;
    }

private:
    QString m_name;
    QString m_referenceClass;
    CimQualifierList m_qualifiers;
    int m_arraySize = -1;
    CimType m_type = CimType::Invalid;
    bool m_isArray = false;
};

} // namespace cimdiag
