// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/log/DiagnosticLog.h"
#include "ui/logs/LogModel.h"

#include <QElapsedTimer>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <cmath>
#include <memory>

using namespace cimdiag;

namespace {

LogEntry entry(const QString &text, LogSeverity severity = LogSeverity::Info, LogChannel channel = LogChannel::Http)
{
    return LogEntry {QDateTime::currentDateTimeUtc(), channel, severity, QStringLiteral("http"), text};
}

QString textAt(const LogModel &model, int row)
{
    return model.index(row, LogModel::TextColumn).data(LogModel::FullTextRole).toString();
}

double luminance(const QColor &color)
{
    const auto channel = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

} // namespace

class TestLogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void boundedRemovalKeepsTheNewest();
    void burstLargerThanCapacity();
    void shrinkingCapacity();
    void batchesInsertsWithinAnInterval();
    void steadyStreamIsBatched();
    void followsADiagnosticLog();
    void foldsMultiLineText();
    void foldsLongSingleLine();
    void cutsAtTheFullTextLimit();
    void redactsAgain();
    void severityColoursAreReadable_data();
    void severityColoursAreReadable();
};

void TestLogModel::boundedRemovalKeepsTheNewest()
{
    LogModel model;
    model.setCapacity(100);
    int largest = 0;
    QList<char> order; // 'r' removal, 'i' insertion
    connect(&model, &QAbstractItemModel::rowsAboutToBeRemoved, this, [&] { order.append('r'); });
    connect(&model, &QAbstractItemModel::rowsAboutToBeInserted, this, [&] { order.append('i'); });
    connect(&model, &QAbstractItemModel::rowsInserted, this, [&] { largest = qMax(largest, model.rowCount()); });

    for (int batch = 0; batch < 3; ++batch) {
        for (int i = 0; i < 80; ++i)
            model.appendEntry(entry(QStringLiteral("line %1").arg(batch * 80 + i)));
        model.flush();
    }
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(largest, 100);
    QCOMPARE(model.droppedCount(), 140);
    QCOMPARE(textAt(model, 0), QStringLiteral("line 140"));
    QCOMPARE(textAt(model, 99), QStringLiteral("line 239"));
    // The first batch fits; each later one removes the oldest rows first, then inserts.
    QCOMPARE(order, (QList<char> {'i', 'r', 'i', 'r', 'i'}));
}

void TestLogModel::burstLargerThanCapacity()
{
    LogModel model;
    model.setCapacity(10);
    for (int i = 0; i < 5; ++i)
        model.appendEntry(entry(QStringLiteral("old %1").arg(i)));
    model.flush();
    QList<LogEntry> burst;
    for (int i = 0; i < 25; ++i)
        burst.append(entry(QStringLiteral("new %1").arg(i)));
    model.appendEntries(burst);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.flush();
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(textAt(model, 0), QStringLiteral("new 15"));
    QCOMPARE(textAt(model, 9), QStringLiteral("new 24"));
    QCOMPARE(model.droppedCount(), 20); // 15 of the burst never inserted + the 5 old rows
}

void TestLogModel::shrinkingCapacity()
{
    LogModel model;
    for (int i = 0; i < 50; ++i)
        model.appendEntry(entry(QString::number(i)));
    model.flush();
    model.setCapacity(20);
    QCOMPARE(model.rowCount(), 20);
    QCOMPARE(textAt(model, 0), QStringLiteral("30"));
}

void TestLogModel::batchesInsertsWithinAnInterval()
{
    LogModel model;
    QCOMPARE(model.batchInterval(), LogModel::kDefaultBatchIntervalMs);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 10000; ++i)
        model.appendEntry(entry(QString::number(i)));
    // Nothing reaches the view synchronously: one insertion per interval, not one per line.
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.pendingCount(), 10000);
    QVERIFY(inserted.wait(2000));
    const qint64 elapsed = clock.elapsed();
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 10000);
    QCOMPARE(model.pendingCount(), 0);
    QVERIFY2(elapsed < 1000, qPrintable(QString::number(elapsed)));
    QCOMPARE(textAt(model, 9999), QStringLiteral("9999"));
}

void TestLogModel::steadyStreamIsBatched()
{
    LogModel model;
    model.setBatchInterval(50);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QTimer feeder;
    int fed = 0;
    connect(&feeder, &QTimer::timeout, this, [&] {
        for (int i = 0; i < 100; ++i)
            model.appendEntry(entry(QString::number(fed++)));
    });
    QElapsedTimer clock;
    clock.start();
    feeder.start(2);
    QTRY_VERIFY_WITH_TIMEOUT(clock.elapsed() >= 400, 2000);
    feeder.stop();
    const qint64 elapsed = clock.elapsed();
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), fed, 1000);
    QVERIFY(fed > 1000);
    // At most one insertion per interval (plus the one after the stream stopped, and timer slack).
    QVERIFY2(inserted.count() <= elapsed / 50 + 2,
        qPrintable(QStringLiteral("%1 insertions in %2 ms").arg(inserted.count()).arg(elapsed)));
    QVERIFY(inserted.count() >= 2);
}

void TestLogModel::followsADiagnosticLog()
{
    auto log = std::make_unique<DiagnosticLog>(1000);
    log->addSecrets({QStringLiteral("hunter2")});
    log->add(LogChannel::Check, LogSeverity::Info, QStringLiteral("tcp"), QStringLiteral("before"));
    auto model = std::make_unique<LogModel>();
    model->setLog(log.get());
    log->add(LogChannel::Http, LogSeverity::Warning, QStringLiteral("auth"), QStringLiteral("pw hunter2"));
    QTRY_COMPARE(model->rowCount(), 2);
    QCOMPARE(textAt(*model, 0), QStringLiteral("before"));
    QCOMPARE(textAt(*model, 1), QStringLiteral("pw ***"));
    QCOMPARE(model->index(1, LogModel::SourceColumn).data().toString(), QStringLiteral("auth"));
    QCOMPARE(model->index(1, LogModel::SeverityColumn).data().toString(), LogModel::severityText(LogSeverity::Warning));
    QCOMPARE(model->index(1, 0).data(LogModel::ChannelRole).toInt(), int(LogChannel::Http));

    // The model is the connection's context: the log outlives it without calling into a dead object.
    model.reset();
    log->add(LogChannel::Check, LogSeverity::Info, QString(), QStringLiteral("after"));
    QCOMPARE(log->size(), 3);
}

void TestLogModel::foldsMultiLineText()
{
    LogModel model;
    const QString body = QStringLiteral("HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n\r\n"
                                        "<CIM CIMVERSION=\"2.0\">\r\n</CIM>\r\n");
    model.appendEntry(entry(body));
    model.flush();
    const QModelIndex text = model.index(0, LogModel::TextColumn);
    const QString display = text.data().toString();
    // The trailing line break is dropped; 4 lines follow the status line; 87 bytes in all.
    QCOMPARE(display, QStringLiteral("HTTP/1.1 200 OK … (4 more line(s), %1 bytes)").arg(QLocale().toString(80)));
    QCOMPARE(text.data(LogModel::FullTextRole).toString(), body.chopped(2));
    const QString toolTip = text.data(Qt::ToolTipRole).toString();
    // Plain text made HTML: the XML's tags survive as text.
    QVERIFY2(toolTip.contains(QStringLiteral("&lt;CIM CIMVERSION")), qPrintable(toolTip));
    QVERIFY(toolTip.contains(QStringLiteral("Content-Type: application/xml")));

    // Short single lines are neither folded nor given a tooltip.
    model.appendEntry(entry(QStringLiteral("GET / 200")));
    model.flush();
    QCOMPARE(model.index(1, LogModel::TextColumn).data().toString(), QStringLiteral("GET / 200"));
    QVERIFY(!model.index(1, LogModel::TextColumn).data(Qt::ToolTipRole).isValid());
}

void TestLogModel::foldsLongSingleLine()
{
    LogModel model;
    const QString line = QString(1000, u'x') + QStringLiteral("ü"); // 1001 chars, 1002 bytes
    model.appendEntry(entry(line));
    model.flush();
    const QString display = model.index(0, LogModel::TextColumn).data().toString();
    QVERIFY(display.startsWith(QString(LogModel::kDisplayLimit, u'x') + QStringLiteral(" …")));
    QVERIFY2(display.endsWith(QStringLiteral("(%1 bytes)").arg(QLocale().toString(1002))), qPrintable(display));
    QVERIFY(display.size() < LogModel::kDisplayLimit + 40);
    QCOMPARE(model.index(0, LogModel::TextColumn).data(LogModel::FullTextRole).toString(), line);
}

void TestLogModel::cutsAtTheFullTextLimit()
{
    LogModel model;
    model.setFullTextLimit(1000);
    QString body;
    for (int i = 0; i < 500; ++i)
        body += QStringLiteral("<VALUE>%1</VALUE>\n").arg(i, 4, 10, QLatin1Char('0'));
    model.appendEntry(entry(body)); // 500 lines of 20 bytes
    model.flush();
    QCOMPARE(model.textAt(0).size(), 1000);
    const QString full = model.index(0, LogModel::TextColumn).data(LogModel::FullTextRole).toString();
    QVERIFY(full.startsWith(body.left(1000)));
    QVERIFY2(full.endsWith(QStringLiteral("[cut: the first %1 characters of %2 bytes are shown]")
                               .arg(QLocale().toString(1000), QLocale().toString(9999))),
        qPrintable(full.right(80)));
    // The display still counts what arrived, not what was kept.
    QCOMPARE(model.index(0, LogModel::TextColumn).data().toString(),
        QStringLiteral("<VALUE>0000</VALUE> … (499 more line(s), %1 bytes)").arg(QLocale().toString(9999)));
    // The tooltip stops after a screenful and says where the rest is.
    const QString toolTip = model.index(0, LogModel::TextColumn).data(Qt::ToolTipRole).toString();
    QVERIFY(toolTip.contains(QStringLiteral("Copy (Ctrl+C)")));
    QVERIFY(toolTip.count(QStringLiteral("&lt;VALUE&gt;")) == LogModel::kToolTipLines);
}

void TestLogModel::redactsAgain()
{
    LogModel model;
    model.setRedactor(LogRedactor({QStringLiteral("s3cret"), QStringLiteral("root:s3cret")}));
    model.appendEntry(entry(QStringLiteral("Authorization for root:s3cret, then s3cret")));
    model.flush();
    QCOMPARE(textAt(model, 0), QStringLiteral("Authorization for ***, then ***"));
    QVERIFY(!model.exportLine(0).contains(QStringLiteral("s3cret")));
}

void TestLogModel::severityColoursAreReadable_data()
{
    QTest::addColumn<QColor>("base");
    QTest::addColumn<QColor>("text");
    QTest::newRow("dark") << QColor(0x1e, 0x1e, 0x1e) << QColor(0xdd, 0xdd, 0xdd);
    QTest::newRow("light") << QColor(Qt::white) << QColor(0x20, 0x20, 0x20);
    QTest::newRow("dark blue") << QColor(0x10, 0x18, 0x30) << QColor(0xc0, 0xd0, 0xff);
}

void TestLogModel::severityColoursAreReadable()
{
    QFETCH(QColor, base);
    QFETCH(QColor, text);
    QPalette palette;
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::Text, text);
    LogModel model;
    model.appendEntry(entry(QStringLiteral("e"), LogSeverity::Error));
    model.flush();
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setPalette(palette);
    QCOMPARE(changed.count(), 1); // the view repaints in the new colours

    QList<QColor> seen;
    for (const LogSeverity severity :
        {LogSeverity::Debug, LogSeverity::Info, LogSeverity::Warning, LogSeverity::Error}) {
        const QColor color = model.severityColor(severity);
        QVERIFY(color.isValid());
        QVERIFY2(contrast(color, base) >= 4.5,
            qPrintable(QStringLiteral("%1 on %2: %3").arg(color.name(), base.name()).arg(contrast(color, base))));
        QVERIFY(!seen.contains(color));
        seen.append(color);
    }
    QCOMPARE(model.severityColor(LogSeverity::Info), text);
    QCOMPARE(model.index(0, LogModel::TextColumn).data(Qt::ForegroundRole).value<QColor>(),
        model.severityColor(LogSeverity::Error));
    // Error is red-ish, warning orange-ish, whatever the palette.
    QVERIFY(model.severityColor(LogSeverity::Error).hslHue() < 15
        || model.severityColor(LogSeverity::Error).hslHue() > 345);
    QVERIFY(qAbs(model.severityColor(LogSeverity::Warning).hslHue() - 35) < 15);
}

QTEST_MAIN(TestLogModel)
#include "TestLogModel.moc"
