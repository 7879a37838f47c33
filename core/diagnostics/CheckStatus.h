// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace cimdiag {

/// The verdict of one check. Pending and Running are the states before a result exists.
/// Skipped: not run, because a prerequisite failed, the stage does not apply (TLS on http://), or
/// the run was cancelled; the result's summary says which.
enum class CheckStatus : quint8 { Pending, Running, Passed, Warning, Failed, Skipped };

/// "pending", "running", "passed", "warning", "failed", "skipped".
QString checkStatusName(CheckStatus status);
std::optional<CheckStatus> checkStatusFromName(QStringView name);
/// Translated: "Passed", "Warning", ...
QString checkStatusTitle(CheckStatus status);
/// Passed or Warning: dependants may run.
inline bool checkStatusAllowsDependants(CheckStatus status)
{
    return status == CheckStatus::Passed || status == CheckStatus::Warning;
}

} // namespace cimdiag
