// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace cimdiag {

/// Why a CIM-XML document could not be decoded, and where: the element path from the root
/// ("CIM/MESSAGE/SIMPLERSP/IMETHODRESPONSE/IRETURNVALUE/VALUE.NAMEDINSTANCE[3]/INSTANCE") and the
/// line and column (1-based) in the document.
struct CimXmlError final
{
    QString message;
    QString elementPath;
    qint64 line = 0;
    qint64 column = 0;

    bool isNull() const { return message.isEmpty(); }
    /// "line 12, column 34, at CIM/MESSAGE/...: message"
    QString toString() const;

    friend bool operator==(const CimXmlError &, const CimXmlError &) = default;
};

} // namespace cimdiag
