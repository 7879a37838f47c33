// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/StageTimelineWidget.h"

#include "ui/widgets/StatusColors.h"

#include <QEvent>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QTimer>
#include <QToolTip>

#include <algorithm>

namespace cimdiag {

namespace {
constexpr int kLiveRepaintMs = 200;
constexpr int kAxisTicks = 4;

bool isRunning(const CheckResult &result)
{
    return result.status == CheckStatus::Running;
}
} // namespace

StageTimelineWidget::StageTimelineWidget(QWidget *parent)
    : QWidget(parent)
    , m_liveTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("stageTimeline"));
    setAccessibleName(tr("Stage timeline"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_liveTimer->setObjectName(QStringLiteral("stageTimelineLiveTimer"));
    m_liveTimer->setInterval(kLiveRepaintMs);
    connect(m_liveTimer, &QTimer::timeout, this, qOverload<>(&QWidget::update));
    clear();
}

StageTimelineWidget::~StageTimelineWidget() = default;

void StageTimelineWidget::setRun(const DiagnosticRun &run)
{
    m_startedAt = run.startedAt;
    m_runDuration = run.duration;
    m_results = run.results;
    if (m_results.isEmpty()) {
        for (DiagnosticStage stage : defaultDiagnosticStages()) {
            CheckResult pending;
            pending.stage = stage;
            m_results << pending;
        }
    }
    resultsChanged();
}

void StageTimelineWidget::updateResult(const CheckResult &result)
{
    auto it = std::find_if(
        m_results.begin(), m_results.end(), [&result](const CheckResult &r) { return r.stage == result.stage; });
    if (it != m_results.end()) {
        *it = result;
    } else {
        auto after = std::find_if(
            m_results.begin(), m_results.end(), [&result](const CheckResult &r) { return r.stage > result.stage; });
        m_results.insert(after, result);
    }
    resultsChanged();
}

void StageTimelineWidget::clear()
{
    setRun(DiagnosticRun {});
}

void StageTimelineWidget::resultsChanged()
{
    const bool live = std::any_of(m_results.cbegin(), m_results.cend(), isRunning);
    if (live && !m_liveTimer->isActive())
        m_liveTimer->start();
    else if (!live)
        m_liveTimer->stop();

    QStringList rows;
    for (int row = 0; row < rowCount(); ++row)
        rows << rowText(row);
    setAccessibleDescription(rows.join(QStringLiteral("; ")));
    updateGeometry();
    update();
}

QDateTime StageTimelineWidget::runStart() const
{
    if (m_startedAt.isValid())
        return m_startedAt;
    // A run under way may not say when it started: the earliest stage start is the origin then.
    QDateTime earliest;
    for (const CheckResult &r : m_results) {
        if (r.startedAt.isValid() && (!earliest.isValid() || r.startedAt < earliest))
            earliest = r.startedAt;
    }
    return earliest;
}

bool StageTimelineWidget::span(const CheckResult &result, double *startMs, double *endMs) const
{
    const QDateTime origin = runStart();
    if (!origin.isValid() || !result.startedAt.isValid() || result.status == CheckStatus::Pending)
        return false;
    const double start = double(std::max<qint64>(0, origin.msecsTo(result.startedAt)));
    double end = start + double(result.duration.count());
    if (isRunning(result))
        end = std::max(end, double(origin.msecsTo(QDateTime::currentDateTimeUtc())));
    if (result.status == CheckStatus::Skipped && end <= start)
        return false;
    *startMs = start;
    *endMs = end;
    return true;
}

double StageTimelineWidget::totalMs() const
{
    double total = double(m_runDuration.count());
    for (const CheckResult &r : m_results) {
        double start = 0;
        double end = 0;
        if (span(r, &start, &end))
            total = std::max(total, end);
    }
    return std::max(total, 1.0);
}

QString StageTimelineWidget::durationText(double ms) const
{
    const QLocale locale;
    if (ms < 10000.0)
        return tr("%1 ms").arg(locale.toString(qint64(ms + 0.5)));
    return tr("%1 s").arg(locale.toString(ms / 1000.0, 'f', 1));
}

QString StageTimelineWidget::rowText(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    const CheckResult &r = m_results.at(row);
    QString text = tr("%1: %2").arg(diagnosticStageTitle(r.stage), checkStatusTitle(r.status));
    double start = 0;
    double end = 0;
    if (span(r, &start, &end))
        text = tr("%1, %2 (from %3)").arg(text, durationText(end - start), durationText(start));
    return text;
}

StageTimelineWidget::Geometry StageTimelineWidget::geometryFor(int width) const
{
    const QFontMetrics fm = fontMetrics();
    Geometry g;
    g.margin = fm.averageCharWidth();
    g.rowHeight = fm.height() * 3 / 2;
    g.axisHeight = fm.height() + g.margin;
    // Widths over every stage and status, so the columns do not jump while a run fills in.
    for (DiagnosticStage stage : allDiagnosticStages())
        g.titleWidth = std::max(g.titleWidth, fm.horizontalAdvance(diagnosticStageTitle(stage)));
    for (CheckStatus status : {CheckStatus::Pending, CheckStatus::Running, CheckStatus::Passed, CheckStatus::Warning,
             CheckStatus::Failed, CheckStatus::Skipped})
        g.statusWidth = std::max(g.statusWidth, fm.horizontalAdvance(checkStatusTitle(status)));
    g.titleWidth += 2 * g.margin;
    g.statusWidth += 2 * g.margin;
    g.durationWidth = fm.horizontalAdvance(durationText(99999.0)) + 2 * g.margin;
    const int left = g.margin + g.titleWidth + g.statusWidth;
    const int right = width - g.margin - g.durationWidth;
    g.barArea = QRect(left, g.axisHeight, std::max(1, right - left), rowCount() * g.rowHeight);
    return g;
}

QRectF StageTimelineWidget::barRect(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    double start = 0;
    double end = 0;
    if (!span(m_results.at(row), &start, &end))
        return {};
    const Geometry g = geometryFor(width());
    const double scale = double(g.barArea.width()) / totalMs();
    const double top = g.barArea.top() + row * g.rowHeight + g.rowHeight * 0.2;
    return QRectF(g.barArea.left() + start * scale, top, (end - start) * scale, g.rowHeight * 0.6);
}

QSize StageTimelineWidget::sizeHint() const
{
    const Geometry g = geometryFor(0);
    const int barWidth = fontMetrics().averageCharWidth() * 40;
    return {2 * g.margin + g.titleWidth + g.statusWidth + barWidth + g.durationWidth,
        g.axisHeight + std::max(1, rowCount()) * g.rowHeight + g.margin};
}

QSize StageTimelineWidget::minimumSizeHint() const
{
    const Geometry g = geometryFor(0);
    const int barWidth = fontMetrics().averageCharWidth() * 10;
    return {2 * g.margin + g.titleWidth + g.statusWidth + barWidth + g.durationWidth,
        g.axisHeight + std::max(1, rowCount()) * g.rowHeight + g.margin};
}

void StageTimelineWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QPalette &p = palette();
    const Geometry g = geometryFor(width());
    const QFontMetrics fm = fontMetrics();
    const double total = totalMs();

    painter.fillRect(rect(), p.color(QPalette::Base));

    // Axis: ticks at quarters of the total, labels where they fit.
    painter.setPen(p.color(QPalette::Mid));
    const int axisBottom = g.barArea.top() + g.barArea.height();
    for (int tick = 0; tick <= kAxisTicks; ++tick) {
        const int x = g.barArea.left() + g.barArea.width() * tick / kAxisTicks;
        painter.setPen(p.color(QPalette::Mid));
        painter.drawLine(x, g.axisHeight - g.margin / 2, x, axisBottom);
        const QString label = durationText(total * tick / kAxisTicks);
        const int labelWidth = fm.horizontalAdvance(label);
        if (labelWidth < g.barArea.width() / kAxisTicks || tick == 0) {
            painter.setPen(p.color(QPalette::Text));
            const int labelX = tick == kAxisTicks ? x - labelWidth : tick == 0 ? x : x - labelWidth / 2;
            painter.drawText(
                QRect(labelX, 0, labelWidth, g.axisHeight - g.margin / 2), Qt::AlignBottom | Qt::AlignLeft, label);
        }
    }

    for (int row = 0; row < rowCount(); ++row) {
        const CheckResult &r = m_results.at(row);
        const int top = g.barArea.top() + row * g.rowHeight;
        if (row % 2 == 1)
            painter.fillRect(QRect(0, top, width(), g.rowHeight), p.color(QPalette::AlternateBase));
        painter.setPen(p.color(QPalette::Text));
        painter.drawText(QRect(g.margin, top, g.titleWidth, g.rowHeight), Qt::AlignVCenter | Qt::AlignLeft,
            fm.elidedText(diagnosticStageTitle(r.stage), Qt::ElideRight, g.titleWidth - g.margin));
        // The status in words, not only as a colour (accessibility, greyscale printing).
        painter.drawText(QRect(g.margin + g.titleWidth, top, g.statusWidth, g.rowHeight),
            Qt::AlignVCenter | Qt::AlignLeft, checkStatusTitle(r.status));

        const QRectF bar = barRect(row);
        if (bar.isNull())
            continue;
        QRectF painted = bar;
        painted.setWidth(std::max(bar.width(), 2.0)); // a 0 ms stage still shows where it ran
        const QColor fill = StatusColors::fill(r.status, p);
        painter.fillRect(painted, fill);
        painter.setPen(fill.darker(StatusColors::isDark(p) ? 80 : 130));
        painter.drawRect(painted);
        painter.setPen(p.color(QPalette::Text));
        double start = 0;
        double end = 0;
        span(r, &start, &end);
        painter.drawText(QRectF(painted.right() + g.margin / 2.0, top, g.durationWidth, g.rowHeight),
            Qt::AlignVCenter | Qt::AlignLeft, durationText(end - start));
    }
}

bool StageTimelineWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const Geometry g = geometryFor(width());
        const int row = help->pos().y() >= g.barArea.top() ? (help->pos().y() - g.barArea.top()) / g.rowHeight : -1;
        if (row >= 0 && row < rowCount()) {
            QString text = rowText(row);
            if (!m_results.at(row).summary.isEmpty())
                text += u'\n' + m_results.at(row).summary;
            QToolTip::showText(help->globalPos(), text, this);
        } else {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    return QWidget::event(event);
}

void StageTimelineWidget::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateGeometry();
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        update();
}

} // namespace cimdiag
