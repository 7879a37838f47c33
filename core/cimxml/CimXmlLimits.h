// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace cimdiag {

/// Bounds on what one CIM-XML document may make the decoder do.
struct CimXmlLimits final
{
    int maxDepth = 64;                         ///< element nesting
    qsizetype maxTextBytes = 16 * 1024 * 1024; ///< one text node or attribute value
};

} // namespace cimdiag
