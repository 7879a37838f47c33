// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/DiagnosticRun.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace cimdiag {

CheckStatus DiagnosticRun::overallStatus() const
{
    if (cancelled)
        return CheckStatus::Skipped;
    bool anyRan = false;
    bool anyWarning = false;
    for (const CheckResult &result : results) {
        if (result.status == CheckStatus::Failed)
            return CheckStatus::Failed;
        anyWarning = anyWarning || result.status == CheckStatus::Warning;
        anyRan = anyRan || checkStatusAllowsDependants(result.status);
    }
    if (!anyRan)
        return CheckStatus::Failed;
    return anyWarning ? CheckStatus::Warning : CheckStatus::Passed;
}

int DiagnosticRun::exitCode() const
{
    switch (overallStatus()) {
    case CheckStatus::Passed:
        return 0;
    case CheckStatus::Warning:
        return 1;
    default:
        return 2;
    }
}

QStringList DiagnosticRun::hintIds() const
{
    QStringList ids;
    for (const CheckResult &result : results) {
        if (result.status != CheckStatus::Failed && result.status != CheckStatus::Warning)
            continue;
        for (const QString &id : result.hintIds) {
            if (!ids.contains(id))
                ids.append(id);
        }
    }
    return ids;
}

QJsonObject DiagnosticRun::toJson() const
{
    QJsonArray stages;
    for (const CheckResult &result : results)
        stages.append(result.toJson());
    return QJsonObject {
        {QStringLiteral("schema"), schemaName()},
        {QStringLiteral("tool"),
            QString(QCoreApplication::applicationName() + u' ' + QCoreApplication::applicationVersion())},
        {QStringLiteral("target"), target.toJson()},
        {QStringLiteral("startedAt"), startedAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("durationMs"), qint64(duration.count())},
        {QStringLiteral("cancelled"), cancelled},
        {QStringLiteral("overall"), checkStatusName(overallStatus())},
        {QStringLiteral("exitCode"), exitCode()},
        {QStringLiteral("hints"), QJsonArray::fromStringList(hintIds())},
        {QStringLiteral("stages"), stages},
    };
}

} // namespace cimdiag
