// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimQualifier.h"
#include "core/cim/CimValue.h"

#include <QSharedData>

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
    void setValue(CimValue &&value) { m_value = std::move(value); }
    CimType type() const { return m_value.type(); }
    bool isArray() const { return m_value.isArray(); }
    CimEmbeddedKind embeddedKind() const { return m_value.embeddedKind(); }

    int arraySize() const { return m_details ? m_details->arraySize : -1; } ///< -1: variable size
    void setArraySize(int size);
    /// For type Reference: the class the reference points to (may be empty).
    const QString &referenceClass() const;
    void setReferenceClass(const QString &name);
    const QString &classOrigin() const;
    void setClassOrigin(const QString &name);
    bool isPropagated() const { return m_details && m_details->propagated; }
    void setPropagated(bool propagated);
    const CimQualifierList &qualifiers() const;
    CimQualifierList &qualifiers() { return details().qualifiers; }

    friend bool operator==(const CimProperty &a, const CimProperty &b);

private:
    // What instance properties rarely carry lives apart and is shared, so the common property (a
    // name and a value) stays small: an enumeration holds hundreds of thousands of them.
    struct Details : QSharedData
    {
        QString referenceClass;
        QString classOrigin;
        CimQualifierList qualifiers;
        int arraySize = -1;
        bool propagated = false;
    };
    Details &details();

    QString m_name;
    CimValue m_value;
    QSharedDataPointer<Details> m_details;
};

using CimPropertyList = CimNamedList<CimProperty>;

} // namespace cimdiag
