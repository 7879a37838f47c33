// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimName.h"
#include "core/cim/CimValue.h"

namespace cimdiag {

/// One key property of an instance path: its name and value (a reference for association keys).
class CimKeyBinding final
{
public:
    CimKeyBinding() = default;
    CimKeyBinding(QString name, CimValue value)
        : m_name(std::move(name))
        , m_value(std::move(value))
    {
    }
    const QString &name() const { return m_name; }
    const CimValue &value() const { return m_value; }
    void setValue(const CimValue &value) { m_value = value; }

    friend bool operator==(const CimKeyBinding &a, const CimKeyBinding &b)
    {
        return cimNamesEqual(a.m_name, b.m_name) && a.m_value == b.m_value;
    }

private:
    QString m_name;
    CimValue m_value;
};

} // namespace cimdiag
