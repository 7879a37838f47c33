// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/CheckEvidence.h"
#include "core/diagnostics/CheckStatus.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace cimdiag {

/// A report section contributed by a part of cimdiag other than the staged checks (the indication
/// listener test, SLP discovery, ...), as a value every writer renders the same way: a heading, an
/// optional verdict, a one-line summary, name/value fields and free lines. New kinds of results
/// add sections instead of new report fields, so the JSON schema (cimdiag-report/1) does not break.
struct ReportSection final
{
    /// Stable machine id, lower case: "listener", "slp".
    QString id;
    /// Translated heading: "Indication listener".
    QString title;
    std::optional<CheckStatus> status;
    QString summary;
    /// Untranslated name, value as seen (like CheckEvidence).
    CheckEvidenceList fields;
    QStringList lines;
};

} // namespace cimdiag
