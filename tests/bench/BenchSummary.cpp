// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/bench/BenchSummary.h"

#include <QSaveFile>

#include <cmath>
#include <cstdio>

namespace cimdiag {

namespace {

/// Tabs and newlines would break the row; the texts are ours, so this only guards against slips.
QString field(QString text)
{
    return text.replace(QLatin1Char('\t'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
}

} // namespace

BenchSummary::Row::Row(const QString &figure, double value, const QString &unit, int decimals)
    : m_figure(figure)
    , m_value(value)
    , m_unit(unit)
    , m_decimals(decimals)
{ }

BenchSummary::Row &BenchSummary::Row::against(const QString &baseline, double baselineValue)
{
    m_baseline = baseline;
    m_baselineValue = baselineValue;
    return *this;
}

BenchSummary::Row &BenchSummary::Row::goal(const QString &goal, std::optional<bool> met)
{
    m_goal = goal;
    m_met = met;
    m_hasGoal = true;
    return *this;
}

QString BenchSummary::Row::line(const QString &benchmark) const
{
    const bool measured = !std::isnan(m_value);
    QString baselineValue;
    QString ratio;
    if (m_baselineValue) {
        baselineValue = QString::number(*m_baselineValue, 'f', m_decimals);
        if (measured && *m_baselineValue != 0)
            ratio = QString::number(m_value / *m_baselineValue, 'f', 2);
    }
    QString met;
    if (m_hasGoal)
        met = m_met ? (*m_met ? QStringLiteral("met") : QStringLiteral("MISSED")) : QStringLiteral("not measured");
    const QStringList fields {field(benchmark), field(m_figure),
        measured ? QString::number(m_value, 'f', m_decimals) : QStringLiteral("n/a"), field(m_unit), field(m_baseline),
        baselineValue, ratio, field(m_goal), met};
    return fields.join(QLatin1Char('\t'));
}

BenchSummary::BenchSummary(const QString &benchmark, const QStringList &arguments)
    : m_benchmark(benchmark)
{
    const qsizetype at = arguments.indexOf(QLatin1String(kOption));
    if (at >= 0 && at + 1 < arguments.size() && !arguments.at(at + 1).startsWith(QLatin1Char('-')))
        m_fileName = arguments.at(at + 1);
    else if (at >= 0)
        m_fileMissing = true;
}

BenchSummary::Row &BenchSummary::add(const QString &figure, double value, const QString &unit, int decimals)
{
    return m_rows.emplace_back(figure, value, unit, decimals);
}

bool BenchSummary::write() const
{
    if (m_fileMissing) {
        std::fprintf(stderr, "%s: %s needs a file name\n", qPrintable(m_benchmark), kOption);
        return false;
    }
    if (!isEnabled())
        return true;
    QString text = QStringLiteral("benchmark\tfigure\tvalue\tunit\tbaseline\tbaseline_value\tratio\tgoal\tmet\n");
    for (const Row &row : m_rows)
        text += row.line(m_benchmark) + QLatin1Char('\n');
    QSaveFile file(m_fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        std::fprintf(stderr, "%s: cannot write the summary %s: %s\n", qPrintable(m_benchmark), qPrintable(m_fileName),
            qPrintable(file.errorString()));
        return false;
    }
    return true;
}

} // namespace cimdiag
