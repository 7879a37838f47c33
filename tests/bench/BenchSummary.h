// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <deque>
#include <limits>
#include <optional>

namespace cimdiag {

/// The headline figures of one benchmark, for tests/bench/run-all.sh's single table. With
/// `--summary FILE` on its command line a benchmark writes them to FILE, one tab-separated row per
/// figure under a header line:
///
///     benchmark figure value unit baseline baseline_value ratio goal met
///
/// ratio is value / baseline_value; met is "met", "MISSED" or empty (no goal). Without the option
/// nothing is written and the benchmark behaves as before.
class BenchSummary final
{
public:
    static constexpr const char *kOption = "--summary";
    /// A figure that could not be measured (written as "n/a", with no ratio).
    static constexpr double kNotMeasured = std::numeric_limits<double>::quiet_NaN();

    /// One headline figure; the setters return the row so that a figure reads as one statement.
    class Row final
    {
    public:
        Row(const QString &figure, double value, const QString &unit, int decimals);

        /// What the figure is compared with in the same run (same unit), e.g. the bare parser.
        Row &against(const QString &baseline, double baselineValue);
        /// The goal as text and whether it was met (nullopt: not measured).
        Row &goal(const QString &goal, std::optional<bool> met);

        /// The tab-separated line, without its newline.
        QString line(const QString &benchmark) const;

    private:
        QString m_figure;
        double m_value = 0;
        QString m_unit;
        int m_decimals = 1;
        QString m_baseline;
        std::optional<double> m_baselineValue;
        QString m_goal;
        std::optional<bool> m_met;
        bool m_hasGoal = false;
    };

    /// benchmark names the rows ("bench_decode"); the file comes from `--summary FILE` in arguments.
    BenchSummary(const QString &benchmark, const QStringList &arguments);
    Q_DISABLE_COPY_MOVE(BenchSummary)

    bool isEnabled() const { return !m_fileName.isEmpty(); }
    QString fileName() const { return m_fileName; }

    /// Adds a figure shown with decimals digits; the reference stays valid (rows live in a deque).
    Row &add(const QString &figure, double value, const QString &unit, int decimals = 1);

    /// Writes the rows to the file (nothing when disabled). False, with a message on stderr, when
    /// the file cannot be written or --summary came without a file name: the benchmark then exits 1.
    bool write() const;

private:
    QString m_benchmark;
    QString m_fileName;
    bool m_fileMissing = false; ///< --summary given without FILE: write() fails rather than guess
    std::deque<Row> m_rows;
};

} // namespace cimdiag
