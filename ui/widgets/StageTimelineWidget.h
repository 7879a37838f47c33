// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/CheckResult.h"
#include "core/diagnostics/DiagnosticRun.h"

#include <QDateTime>
#include <QList>
#include <QWidget>

#include <chrono>

class QTimer;

namespace cimdiag {

/// A waterfall of a run's stage timings: one row per stage (title and status in text), a bar from
/// the stage's start to its end relative to the run start, coloured by status, and its duration.
/// Running stages grow until their result arrives. Every size derives from the font, so the chart
/// keeps its proportions at 200% scaling; every colour derives from the palette (StatusColors).
class StageTimelineWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StageTimelineWidget)

public:
    explicit StageTimelineWidget(QWidget *parent = nullptr);
    ~StageTimelineWidget() override;

    /// Shows run's results in its order; a run without results shows every stage as pending.
    void setRun(const DiagnosticRun &run);
    /// Replaces the row of result.stage (or adds it in stage order): for live updates while a run
    /// is under way (Running with startedAt set, then the final result).
    void updateResult(const CheckResult &result);
    void clear();

    int rowCount() const { return int(m_results.size()); }
    const CheckResult &resultAt(int row) const { return m_results.at(row); }
    /// Where the bar of a row is painted (widget coordinates, before the minimum paint width);
    /// empty when the row has no bar (pending, skipped without start time).
    QRectF barRect(int row) const;
    /// The row in text, what the tooltip and screen readers get: "TLS: Failed, 120 ms".
    QString rowText(int row) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Geometry
    {
        int margin = 0;
        int rowHeight = 0;
        int axisHeight = 0;
        int titleWidth = 0;
        int statusWidth = 0;
        int durationWidth = 0;
        QRect barArea;
    };
    Geometry geometryFor(int width) const;
    QDateTime runStart() const;
    /// [start, end] of a row in ms from the run start; false when the row has no bar.
    bool span(const CheckResult &result, double *startMs, double *endMs) const;
    double totalMs() const;
    QString durationText(double ms) const;
    void resultsChanged();

    QDateTime m_startedAt;
    std::chrono::milliseconds m_runDuration {0};
    QList<CheckResult> m_results;
    QTimer *m_liveTimer = nullptr;
};

} // namespace cimdiag
