// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/CheckStatus.h"

#include <QCoreApplication>

namespace cimdiag {

namespace {
struct Status
{
    Q_DECLARE_TR_FUNCTIONS(cimdiag::CheckStatus)
};

constexpr CheckStatus allStatuses[] = {CheckStatus::Pending, CheckStatus::Running, CheckStatus::Passed,
    CheckStatus::Warning, CheckStatus::Failed, CheckStatus::Skipped};
} // namespace

QString checkStatusName(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Pending:
        return QStringLiteral("pending");
    case CheckStatus::Running:
        return QStringLiteral("running");
    case CheckStatus::Passed:
        return QStringLiteral("passed");
    case CheckStatus::Warning:
        return QStringLiteral("warning");
    case CheckStatus::Failed:
        return QStringLiteral("failed");
    case CheckStatus::Skipped:
        return QStringLiteral("skipped");
    }
    return {};
}

std::optional<CheckStatus> checkStatusFromName(QStringView name)
{
    for (const CheckStatus status : allStatuses) {
        if (name.compare(checkStatusName(status), Qt::CaseInsensitive) == 0)
            return status;
    }
    return std::nullopt;
}

QString checkStatusTitle(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Pending:
        return Status::tr("Pending");
    case CheckStatus::Running:
        return Status::tr("Running");
    case CheckStatus::Passed:
        return Status::tr("Passed");
    case CheckStatus::Warning:
        return Status::tr("Warning");
    case CheckStatus::Failed:
        return Status::tr("Failed");
    case CheckStatus::Skipped:
        return Status::tr("Skipped");
    }
    return {};
}

} // namespace cimdiag
