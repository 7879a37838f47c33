// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/CheckResult.h"

#include <QJsonArray>

namespace cimdiag {

CheckResult CheckResult::make(CheckStatus status, QString summary, QStringList hintIds)
{
    CheckResult result;
    result.status = status;
    result.summary = std::move(summary);
    result.hintIds = std::move(hintIds);
    result.hintIds.removeDuplicates();
    return result;
}

CheckResult &CheckResult::addEvidence(const QString &name, const QString &value)
{
    evidence.append({name, value});
    return *this;
}

CheckResult &CheckResult::addDetail(const QString &line)
{
    details.append(line);
    return *this;
}

CheckResult &CheckResult::addHint(const QString &id)
{
    if (!hintIds.contains(id))
        hintIds.append(id);
    return *this;
}

CheckResult CheckResult::redacted(const LogRedactor &redactor) const
{
    CheckResult result = *this;
    if (redactor.isEmpty())
        return result;
    result.summary = redactor.redact(result.summary);
    for (QString &line : result.details)
        line = redactor.redact(line);
    for (CheckEvidence &item : result.evidence)
        item.value = redactor.redact(item.value);
    return result;
}

QString CheckResult::evidenceValue(QStringView name) const
{
    for (const CheckEvidence &item : evidence) {
        if (item.name == name)
            return item.value;
    }
    return {};
}

QJsonObject CheckResult::toJson() const
{
    QJsonArray evidenceArray;
    for (const CheckEvidence &item : evidence)
        evidenceArray.append(QJsonObject {{QStringLiteral("name"), item.name}, {QStringLiteral("value"), item.value}});
    return QJsonObject {
        {QStringLiteral("stage"), diagnosticStageId(stage)},
        {QStringLiteral("title"), diagnosticStageTitle(stage)},
        {QStringLiteral("status"), checkStatusName(status)},
        {QStringLiteral("summary"), summary},
        {QStringLiteral("details"), QJsonArray::fromStringList(details)},
        {QStringLiteral("evidence"), evidenceArray},
        {QStringLiteral("hints"), QJsonArray::fromStringList(hintIds)},
        {QStringLiteral("startedAt"), startedAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("durationMs"), qint64(duration.count())},
    };
}

} // namespace cimdiag
