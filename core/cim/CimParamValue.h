// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimName.h"
#include "core/cim/CimValue.h"

namespace cimdiag {

/// A named argument of InvokeMethod, in or out (DSP0201 PARAMVALUE).
class CimParamValue final
{
public:
    CimParamValue() = default;
    CimParamValue(QString name, CimValue value)
        : m_name(std::move(name))
        , m_value(std::move(value))
    {
    }
    const QString &name() const { return m_name; }
    const CimValue &value() const { return m_value; }
    void setValue(const CimValue &value) { m_value = value; }

    friend bool operator==(const CimParamValue &a, const CimParamValue &b)
    {
        return cimNamesEqual(a.m_name, b.m_name) && a.m_value == b.m_value;
    }

private:
    QString m_name;
    CimValue m_value;
};

using CimParamValueList = CimNamedList<CimParamValue>;

} // namespace cimdiag
