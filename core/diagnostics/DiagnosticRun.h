// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/CheckResult.h"
#include "core/diagnostics/Target.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

#include <chrono>

namespace cimdiag {

/// A finished (or cancelled) diagnosis as a value: the target, when it ran, every stage's result
/// in stage order and the verdict. What the CLI prints, --json writes and reports (#8) build on.
struct DiagnosticRun final
{
    Target target;
    QDateTime startedAt;
    std::chrono::milliseconds duration {0};
    bool cancelled = false;
    QList<CheckResult> results;

    /// Skipped when cancelled; else Failed if any stage failed, Warning if any warned, Passed
    /// otherwise (Skipped stages do not count, but a run where nothing passed is Failed).
    CheckStatus overallStatus() const;
    /// 0 all passed, 1 warnings, 2 failures or cancelled (the cimdiag-cli check exit codes).
    int exitCode() const;
    /// The hint ids of every Failed and Warning result, in stage order, without duplicates.
    QStringList hintIds() const;

    /// docs/check-json-schema.md, schema "cimdiag-check/1": {schema, tool, target, startedAt,
    /// durationMs, cancelled, overall, exitCode, stages: [CheckResult::toJson()...]}.
    QJsonObject toJson() const;
    static QString schemaName() { return QStringLiteral("cimdiag-check/1"); }
};

} // namespace cimdiag
