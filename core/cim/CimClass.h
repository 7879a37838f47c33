// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimClassName.h"
#include "core/cim/CimMethod.h"
#include "core/cim/CimProperty.h"
#include "core/cim/CimQualifier.h"

#include <QMetaType>

namespace cimdiag {

/// A class declaration: name, superclass, properties, methods, qualifiers and an optional path
/// (pywbem's CIMClass).
class CimClass final
{
public:
    CimClass() = default;
    explicit CimClass(QString className, QString superClass = {})
        : m_className(std::move(className))
        , m_superClass(std::move(superClass))
    {
    }

    const QString &className() const { return m_className; }
    void setClassName(const QString &name) { m_className = name; }
    const QString &superClass() const { return m_superClass; }
    void setSuperClass(const QString &name) { m_superClass = name; }
    const CimClassName &path() const { return m_path; }
    void setPath(const CimClassName &path) { m_path = path; }

    const CimPropertyList &properties() const { return m_properties; }
    CimPropertyList &properties() { return m_properties; }
    const CimNamedList<CimMethod> &methods() const { return m_methods; }
    CimNamedList<CimMethod> &methods() { return m_methods; }
    const CimQualifierList &qualifiers() const { return m_qualifiers; }
    CimQualifierList &qualifiers() { return m_qualifiers; }

    QString toMof() const; ///< "[qualifiers] class Name : Super { ... };"

    friend bool operator==(const CimClass &a, const CimClass &b);

private:
    QString m_className;
    QString m_superClass;
    CimClassName m_path;
    CimPropertyList m_properties;
    CimNamedList<CimMethod> m_methods;
    CimQualifierList m_qualifiers;
};

} // namespace cimdiag

Q_DECLARE_METATYPE(cimdiag::CimClass)
