// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimQualifier.h"
#include "core/cim/CimValue.h"

namespace cimdiag {

/// A property of an instance or class (pywbem's CIMProperty). Its type, array-ness and embedded-object
/// kind are those of its value, which may be NULL.
class CimProperty final
{
public:
    CimProperty() = default;
    CimProperty(QString name, CimValue value)
        : m_name(std::move(name))
        , m_value(std::move(value))
    {
    }

    const QString &name() const { return m_name; }
    void setName(const QString &name) { m_name = name; }
    const CimValue &value() const { return m_value; }
    void setValue(const CimValue &value) { m_value = value; }
    CimType type() const { return m_value.type(); }
    bool isArray() const { return m_value.isArray(); }
    CimEmbeddedKind embeddedKind() const { return m_value.embeddedKind(); }

    int arraySize() const { return m_arraySize; } ///< -1: variable size
    void setArraySize(int size) { m_arraySize = size; }
    const QString &referenceClass() const { return m_referenceClass; } ///< for type Reference
    void setReferenceClass(const QString &name) { m_referenceClass = name; }
    const QString &classOrigin() const { return m_classOrigin; }
    void setClassOrigin(const QString &name) { m_classOrigin = name; }
    bool isPropagated() const { return m_propagated; }
    void setPropagated(bool propagated) { m_propagated = propagated; }
    const CimQualifierList &qualifiers() const { return m_qualifiers; }
    CimQualifierList &qualifiers() { return m_qualifiers; }

    friend bool operator==(const CimProperty &a, const CimProperty &b);

private:
    QString m_name;
    CimValue m_value;
    QString m_referenceClass;
    QString m_classOrigin;
    CimQualifierList m_qualifiers;
    int m_arraySize = -1;
    bool m_propagated = false;
};

using CimPropertyList = CimNamedList<CimProperty>;

} // namespace cimdiag
