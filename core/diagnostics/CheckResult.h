// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/CheckEvidence.h"
#include "core/diagnostics/CheckStatus.h"
#include "core/diagnostics/DiagnosticStage.h"
#include "core/log/LogRedactor.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

#include <chrono>

namespace cimdiag {

/// The outcome of one check (a value; presentation lives in ui/ and report/).
/// - summary: one line, translated, says what was found ("Port 5989 refused the connection").
/// - details: further lines (what was tried, what was seen), translated.
/// - evidence: the raw signals, untranslated.
/// - hintIds: failure-mode catalogue ids (shared/reference/failure-modes.md), most likely first;
///   HintCatalogue gives each one's cause and remedy.
struct CheckResult final
{
    DiagnosticStage stage = DiagnosticStage::NameResolution;
    CheckStatus status = CheckStatus::Pending;
    QString summary;
    QStringList details;
    CheckEvidenceList evidence;
    QStringList hintIds;
    QDateTime startedAt;
    std::chrono::milliseconds duration {0};

    static CheckResult passed(QString summary) { return make(CheckStatus::Passed, std::move(summary)); }
    static CheckResult warning(QString summary, QStringList hintIds = {})
    {
        return make(CheckStatus::Warning, std::move(summary), std::move(hintIds));
    }
    static CheckResult failed(QString summary, QStringList hintIds = {})
    {
        return make(CheckStatus::Failed, std::move(summary), std::move(hintIds));
    }
    static CheckResult skipped(QString reason) { return make(CheckStatus::Skipped, std::move(reason)); }
    static CheckResult make(CheckStatus status, QString summary, QStringList hintIds = {});

    CheckResult &addEvidence(const QString &name, const QString &value);
    CheckResult &addDetail(const QString &line);
    CheckResult &addHint(const QString &id); ///< once; keeps order
    /// Every text (summary, details, evidence values) with the redactor's secrets replaced.
    CheckResult redacted(const LogRedactor &redactor) const;
    /// The first evidence value with that name (empty when none).
    QString evidenceValue(QStringView name) const;

    /// The documented JSON form (docs/check-json-schema.md): stage, title, status, summary,
    /// details, evidence [{name, value}], hints [ids], startedAt (ISO 8601 UTC, ms), durationMs.
    QJsonObject toJson() const;
};

} // namespace cimdiag
