// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimClass.h"
#include "core/cim/CimClassName.h"
#include "core/cim/CimInstance.h"
#include "core/cim/CimInstanceName.h"
#include "core/cim/CimQualifierDeclaration.h"
#include "core/cim/CimValue.h"

#include <variant>

namespace cimdiag {

/// One named parameter of an intrinsic call (DSP0201 IPARAMVALUE) or export call (EXPPARAMVALUE).
/// The held alternative decides the element written: CimValue -> VALUE / VALUE.ARRAY /
/// VALUE.REFERENCE; CimClassName -> CLASSNAME; CimInstanceName -> INSTANCENAME; CimInstance ->
/// INSTANCE, or VALUE.NAMEDINSTANCE when it has a path; CimClass -> CLASS;
/// CimQualifierDeclaration -> QUALIFIER.DECLARATION; monostate -> the empty element (NULL).
/// Extrinsic InvokeMethod parameters are CimParamValue instead (PARAMVALUE, typed).
class CimArgument final
{
public:
    using Value = std::variant<std::monostate, CimValue, CimClassName, CimInstanceName, CimInstance, CimClass,
                               CimQualifierDeclaration>;

    CimArgument() = default;
    CimArgument(QString name, Value value)
        : m_name(std::move(name))
        , m_value(std::move(value))
    {
    }

    const QString &name() const { return m_name; }
    const Value &value() const { return m_value; }
    bool isNull() const { return std::holds_alternative<std::monostate>(m_value); }
    /// The held alternative when it is a T, else nullptr.
    template<typename T>
    const T *get() const
    {
        return std::get_if<T>(&m_value);
    }

    friend bool operator==(const CimArgument &a, const CimArgument &b)
    {
        return cimNamesEqual(a.m_name, b.m_name) && a.m_value == b.m_value;
    }

private:
    QString m_name;
    Value m_value;
};

using CimArgumentList = CimNamedList<CimArgument>;

} // namespace cimdiag
