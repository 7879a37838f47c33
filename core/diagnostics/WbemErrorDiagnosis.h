// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/CheckResult.h"
#include "core/wbem/WbemError.h"

#include <QStringList>

namespace cimdiag {

/// What a failed WBEM operation says about the server, for the stages that run CIM operations
/// (authentication, identity, enumerate): the catalogue ids its signal points at, a one-line
/// description for an admin, and the raw signal as evidence.
class WbemErrorDiagnosis final
{
public:
    /// Catalogue ids, most likely first: CIM status 2 -> E6, 3 -> E1, 5 -> E3, 7 -> E4, 22 -> E8,
    /// 27 -> E9, 28 -> D19; a read timeout -> E8 and B6; a connection closed or reset mid-operation
    /// -> E11 and B5; a reply that is not CIM-XML -> E12; HTTP 503 -> D19; 401 -> D1; 403 -> D9; 407 -> B8; a CIMError
    /// header -> D13-D16.
    static QStringList hintIds(const WbemError &error);
    /// "CIM_ERR_INVALID_CLASS (5): The specified class does not exist", "no reply within 10 s", ...
    static QString describe(const WbemError &error);
    /// Adds the raw signal: cim.status, http.status, http.CIMError, http.PGErrorDetail, wbem.error.
    static void addEvidence(CheckResult &result, const WbemError &error);
    /// A Failed result for an operation that failed: summary "<what>: <describe()>", hints and evidence.
    static CheckResult failed(const QString &what, const WbemError &error);
};

} // namespace cimdiag
