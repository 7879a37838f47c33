// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimInstanceName.h"
#include "core/cim/CimProperty.h"
#include "core/cim/CimQualifier.h"

#include <QMetaType>

namespace cimdiag {

/// An instance: class name, ordered properties, optional qualifiers and an optional path (pywbem's
/// CIMInstance).
class CimInstance final
{
public:
    CimInstance() = default;
    explicit CimInstance(QString className, CimPropertyList properties = {})
        : m_className(std::move(className))
        , m_properties(std::move(properties))
    {
    }

    const QString &className() const { return m_className; }
    void setClassName(const QString &name) { m_className = name; }
    /// The instance path when known (from VALUE.NAMEDINSTANCE, INSTANCEPATH...); invalid otherwise.
    const CimInstanceName &path() const { return m_path; }
    void setPath(const CimInstanceName &path) { m_path = path; }

    const CimPropertyList &properties() const { return m_properties; }
    CimPropertyList &properties() { return m_properties; }
    const CimProperty *property(QStringView name) const { return m_properties.find(name); }
    /// The value of property name; an invalid CimValue when there is no such property.
    CimValue value(QStringView name) const;
    /// Adds or replaces a property.
    void setProperty(const CimProperty &property) { m_properties.insert(property); }

    const CimQualifierList &qualifiers() const { return m_qualifiers; }
    CimQualifierList &qualifiers() { return m_qualifiers; }

    QString toMof() const; ///< "instance of Class { Prop = value; };"

    friend bool operator==(const CimInstance &a, const CimInstance &b);

private:
    QString m_className;
    CimInstanceName m_path;
    CimPropertyList m_properties;
    CimQualifierList m_qualifiers;
};

} // namespace cimdiag

Q_DECLARE_METATYPE(cimdiag::CimInstance)
