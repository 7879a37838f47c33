// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cimxml/CimXmlError.h"

namespace cimdiag {

QString CimXmlError::toString() const
{
    if (isNull())
        return {};
    QString where = QStringLiteral("line %1, column %2").arg(line).arg(column);
    if (!elementPath.isEmpty())
        where += QStringLiteral(", at ") + elementPath;
    return where + QStringLiteral(": ") + message;
}

} // namespace cimdiag
