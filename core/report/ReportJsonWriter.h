// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/report/DiagnosticReport.h"

#include <QByteArray>
#include <QJsonObject>

namespace cimdiag {

/// The JSON form of a DiagnosticReport, schema "cimdiag-report/1" (docs/report-json.md, validated
/// against docs/report.schema.json in the tests). A superset of cimdiag-check/1: every field of
/// the `cimdiag-cli check --json` document is there with the same meaning, so its readers keep
/// working; the report adds environment, tls, server, statistics, log and sections.
class ReportJsonWriter final
{
public:
    ReportJsonWriter() = delete;

    static QJsonObject toJson(const DiagnosticReport &report);
    /// Indented UTF-8.
    static QByteArray write(const DiagnosticReport &report);
};

} // namespace cimdiag
