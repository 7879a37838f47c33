// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimFlavors.h"
#include "core/cim/CimName.h"
#include "core/cim/CimScopes.h"
#include "core/cim/CimValue.h"

namespace cimdiag {

/// A qualifier type declaration (MOF "Qualifier Name : type = default, Scope(...), Flavor(...)";
/// pywbem's CIMQualifierDeclaration).
class CimQualifierDeclaration final
{
public:
    CimQualifierDeclaration() = default;
    CimQualifierDeclaration(QString name, CimType type, bool isArray = false)
        : m_name(std::move(name))
        , m_value(CimValue::null(type, isArray))
    {
    }

    const QString &name() const { return m_name; }
    void setName(const QString &name) { m_name = name; }
    CimType type() const { return m_value.type(); }
    bool isArray() const { return m_value.isArray(); }
    int arraySize() const { return m_arraySize; } ///< -1: variable size
    void setArraySize(int size) { m_arraySize = size; }
    /// The default value; its type and array-ness are the declaration's.
    const CimValue &value() const { return m_value; }
    void setValue(const CimValue &value) { m_value = value; }
    const CimScopes &scopes() const { return m_scopes; }
    void setScopes(const CimScopes &scopes) { m_scopes = scopes; }
    const CimFlavors &flavors() const { return m_flavors; }
    void setFlavors(const CimFlavors &flavors) { m_flavors = flavors; }

    QString toMof() const;

    friend bool operator==(const CimQualifierDeclaration &a, const CimQualifierDeclaration &b)
    {
        return cimNamesEqual(a.m_name, b.m_name) && a.m_value == b.m_value && a.m_arraySize == b.m_arraySize
            && a.m_scopes == b.m_scopes && a.m_flavors == b.m_flavors;
    }

private:
    QString m_name;
    CimValue m_value;
    CimScopes m_scopes;
    CimFlavors m_flavors;
    int m_arraySize = -1;
};

} // namespace cimdiag
