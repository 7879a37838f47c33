// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/DiagnosticRun.h"
#include "tests/ui/AccessibilityCheck.h"
#include "ui/widgets/StageTimelineWidget.h"
#include "ui/widgets/StatusColors.h"

#include <QImage>
#include <QRegularExpression>
#include <QTest>
#include <QTimer>

using namespace cimdiag;
using namespace std::chrono_literals;

namespace {
const QDateTime kStart = QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);

CheckResult result(DiagnosticStage stage, CheckStatus status, int startMs, int durationMs)
{
    CheckResult r = CheckResult::make(status, QStringLiteral("summary of %1").arg(diagnosticStageId(stage)));
    r.stage = stage;
    r.startedAt = kStart.addMSecs(startMs);
    r.duration = std::chrono::milliseconds(durationMs);
    return r;
}

/// dns 0-100 passed, tcp 100-300 passed, tls 300-700 failed, http skipped (never started).
DiagnosticRun sampleRun()
{
    DiagnosticRun run;
    run.startedAt = kStart;
    run.duration = 700ms;
    run.results << result(DiagnosticStage::NameResolution, CheckStatus::Passed, 0, 100)
                << result(DiagnosticStage::Tcp, CheckStatus::Passed, 100, 200)
                << result(DiagnosticStage::Tls, CheckStatus::Failed, 300, 400);
    CheckResult skipped = CheckResult::skipped(QStringLiteral("TLS failed"));
    skipped.stage = DiagnosticStage::Http;
    run.results << skipped;
    return run;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
    p.setColor(QPalette::Base, QColor(0x12, 0x12, 0x12));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    p.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
    p.setColor(QPalette::Mid, QColor(0x50, 0x50, 0x50));
    p.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
    return p;
}
} // namespace

class TestStageTimelineWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void barsOrderedAndProportional();
    void statusAsText();
    void liveUpdates();
    void rendersInDarkPalette();
    void sizeHintScalesWithFont();
    void emptyRunShowsEveryStagePending();
};

void TestStageTimelineWidget::barsOrderedAndProportional()
{
    StageTimelineWidget timeline;
    timeline.resize(900, timeline.sizeHint().height());
    timeline.setRun(sampleRun());
    QCOMPARE(timeline.rowCount(), 4);
    const QRectF dns = timeline.barRect(0);
    const QRectF tcp = timeline.barRect(1);
    const QRectF tls = timeline.barRect(2);
    QVERIFY(!dns.isNull() && !tcp.isNull() && !tls.isNull());
    QVERIFY(timeline.barRect(3).isNull()); // skipped without a start: no bar

    // A waterfall: each bar starts where the previous ended, one row lower.
    QVERIFY(dns.left() < tcp.left() && tcp.left() < tls.left());
    QVERIFY(dns.top() < tcp.top() && tcp.top() < tls.top());
    QVERIFY(qAbs(dns.right() - tcp.left()) < 0.5);
    QVERIFY(qAbs(tcp.right() - tls.left()) < 0.5);
    // Widths proportional to the durations (100:200:400), starts to the offsets.
    QVERIFY(dns.width() > 50);
    QVERIFY(qAbs(tcp.width() - 2 * dns.width()) < 0.5);
    QVERIFY(qAbs(tls.width() - 4 * dns.width()) < 0.5);
    QVERIFY(qAbs((tls.left() - dns.left()) - 3 * dns.width()) < 0.5);

    // Wider widget, wider bars, same proportions.
    const double before = tls.width();
    timeline.resize(1400, timeline.height());
    QVERIFY(timeline.barRect(2).width() > before);
    QVERIFY(qAbs(timeline.barRect(2).width() - 4 * timeline.barRect(0).width()) < 0.5);
}

void TestStageTimelineWidget::statusAsText()
{
    StageTimelineWidget timeline;
    timeline.setRun(sampleRun());
    const QString tls = timeline.rowText(2);
    QVERIFY2(tls.startsWith(diagnosticStageTitle(DiagnosticStage::Tls) + QStringLiteral(": ")
                 + checkStatusTitle(CheckStatus::Failed)),
        qPrintable(tls));
    QVERIFY2(tls.contains(QLatin1String("400 ms")), qPrintable(tls));
    QVERIFY2(tls.contains(QLatin1String("300 ms")), qPrintable(tls)); // its start offset
    QCOMPARE(timeline.rowText(3),
        diagnosticStageTitle(DiagnosticStage::Http) + QStringLiteral(": ") + checkStatusTitle(CheckStatus::Skipped));
    // Screen readers get every row.
    QVERIFY(timeline.accessibleDescription().contains(tls));
    QVERIFY(!timeline.accessibleName().isEmpty());
    QVERIFY(AccessibilityCheck::unnamedInteractiveWidgets(&timeline).isEmpty());
    QCOMPARE(timeline.objectName(), QStringLiteral("stageTimeline"));
}

void TestStageTimelineWidget::liveUpdates()
{
    StageTimelineWidget timeline;
    timeline.resize(800, 300);
    DiagnosticRun run;
    run.startedAt = QDateTime::currentDateTimeUtc().addMSecs(-50);
    timeline.setRun(run);
    QCOMPARE(timeline.rowCount(), int(defaultDiagnosticStages().size()));
    auto *live = timeline.findChild<QTimer *>(QStringLiteral("stageTimelineLiveTimer"));
    QVERIFY(live);
    QVERIFY(!live->isActive());

    const int dnsRow = int(defaultDiagnosticStages().indexOf(DiagnosticStage::NameResolution));
    CheckResult dns;
    dns.stage = DiagnosticStage::NameResolution;
    dns.status = CheckStatus::Running;
    dns.startedAt = run.startedAt;
    timeline.updateResult(dns);
    QVERIFY(live->isActive());
    QCOMPARE(timeline.resultAt(dnsRow).status, CheckStatus::Running);
    // A running stage runs until now: its bar reaches the end of the axis and its duration grows
    // with the clock (the scale grows with it, so the width in pixels stays about the same).
    const auto runningMs = [&timeline, dnsRow] {
        const QRegularExpressionMatch m
            = QRegularExpression(QStringLiteral(", (\\d+) ms")).match(timeline.rowText(dnsRow));
        return m.hasMatch() ? m.captured(1).toInt() : -1;
    };
    const int first = runningMs();
    QVERIFY2(first >= 50, qPrintable(timeline.rowText(dnsRow)));
    QVERIFY(timeline.barRect(dnsRow).width() > 0);
    QTest::qWait(60);
    QVERIFY2(runningMs() >= first + 50, qPrintable(timeline.rowText(dnsRow)));

    dns.status = CheckStatus::Passed;
    dns.duration = 80ms;
    timeline.updateResult(dns);
    QVERIFY(!live->isActive());
    QCOMPARE(timeline.resultAt(dnsRow).status, CheckStatus::Passed);
    QCOMPARE(timeline.rowCount(), int(defaultDiagnosticStages().size()));
    QVERIFY(timeline.rowText(dnsRow).contains(QLatin1String("80 ms")));
}

void TestStageTimelineWidget::rendersInDarkPalette()
{
    StageTimelineWidget timeline;
    const QPalette dark = darkPalette();
    timeline.setPalette(dark);
    timeline.setRun(sampleRun());
    timeline.resize(900, timeline.sizeHint().height());

    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    const QImage image = timeline.grab().toImage();
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), timeline.size() * image.devicePixelRatio());

    // The background is the dark Base, the TLS bar the failed colour for this palette.
    const QColor failed = StatusColors::fill(CheckStatus::Failed, dark);
    const QPoint inBar = timeline.barRect(2).center().toPoint();
    QCOMPARE(image.pixelColor(inBar).rgb(), failed.rgb());
    QCOMPARE(
        image.pixelColor(QPoint(timeline.width() - 2, timeline.height() - 2)).rgb(), dark.color(QPalette::Base).rgb());
    // Passed and failed differ, and both stand out from the dark background.
    const QColor passed = image.pixelColor(timeline.barRect(0).center().toPoint());
    QVERIFY(passed.rgb() != failed.rgb());
    for (const QColor &bar : {passed, failed})
        QVERIFY(bar.lightness() > dark.color(QPalette::Base).lightness() + 60);
    // Some text was drawn in the palette's light Text colour on the row titles' column.
    bool lightText = false;
    const QRectF tlsBar = timeline.barRect(2);
    for (int x = 0; x < int(timeline.barRect(0).left()) && !lightText; ++x) {
        for (int y = int(tlsBar.top()); y < int(tlsBar.bottom()) && !lightText; ++y)
            lightText = image.pixelColor(x, y).lightness() > 150;
    }
    QVERIFY(lightText);
}

void TestStageTimelineWidget::sizeHintScalesWithFont()
{
    StageTimelineWidget timeline;
    timeline.setRun(sampleRun());
    QFont font = timeline.font();
    font.setPixelSize(12);
    timeline.setFont(font);
    const QSize normal = timeline.sizeHint();
    font.setPixelSize(24); // 200% scaling
    timeline.setFont(font);
    const QSize doubled = timeline.sizeHint();
    QVERIFY2(doubled.width() > normal.width() * 17 / 10,
        qPrintable(QStringLiteral("%1 -> %2").arg(normal.width()).arg(doubled.width())));
    QVERIFY2(doubled.height() > normal.height() * 17 / 10,
        qPrintable(QStringLiteral("%1 -> %2").arg(normal.height()).arg(doubled.height())));
    QVERIFY(timeline.minimumSizeHint().width() <= doubled.width());
    // At the larger font the bars still keep their proportions.
    timeline.resize(doubled);
    QVERIFY(qAbs(timeline.barRect(2).width() - 4 * timeline.barRect(0).width()) < 0.5);
}

void TestStageTimelineWidget::emptyRunShowsEveryStagePending()
{
    StageTimelineWidget timeline;
    QCOMPARE(timeline.rowCount(), int(defaultDiagnosticStages().size()));
    for (int row = 0; row < timeline.rowCount(); ++row) {
        QCOMPARE(timeline.resultAt(row).status, CheckStatus::Pending);
        QVERIFY(timeline.barRect(row).isNull());
    }
    QVERIFY(!timeline.grab().isNull());
}

QTEST_MAIN(TestStageTimelineWidget)
#include "TestStageTimelineWidget.moc"
