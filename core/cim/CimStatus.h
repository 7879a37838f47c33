// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimInstance.h"
#include "core/cim/CimStatusCode.h"

#include <QList>
#include <QString>

namespace cimdiag {

/// The outcome a CIM server reports for an operation (DSP0201 ERROR element): a status code, the
/// server's description, and any CIM_Error instances it attached.
class CimStatus final
{
public:
    CimStatus() = default; ///< success
    CimStatus(int code, QString description, QList<CimInstance> errorInstances = {})
        : m_code(code)
        , m_description(std::move(description))
        , m_errorInstances(std::move(errorInstances))
    {
    }

    bool isOk() const { return m_code == 0; }
    int code() const { return m_code; }
    CimStatusCode statusCode() const { return static_cast<CimStatusCode>(m_code); }
    QString codeName() const { return cimStatusName(m_code); }
    /// The server's description, which may be empty (cimStatusDescription() has the DSP0200 text).
    const QString &description() const { return m_description; }
    const QList<CimInstance> &errorInstances() const { return m_errorInstances; }
    /// "CIM_ERR_NOT_FOUND (6): <description or the DSP0200 text>"
    QString toString() const;

    friend bool operator==(const CimStatus &, const CimStatus &) = default;

private:
    int m_code = 0;
    QString m_description;
    QList<CimInstance> m_errorInstances;
};

} // namespace cimdiag
