// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimStatus.h"

namespace cimdiag {

QString CimStatus::toString() const
{
    const QString text = m_description.isEmpty() ? cimStatusDescription(m_code) : m_description;
    // One multi-argument arg(): a server description containing "%1" must not be substituted again.
    return QStringLiteral("%1 (%2): %3").arg(cimStatusName(m_code), QString::number(m_code), text);
}

} // namespace cimdiag
