// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/log/DiagnosticLog.h"
#include "ui/logs/LogChannelViews.h"
#include "ui/logs/LogFilterProxy.h"
#include "ui/logs/LogModel.h"
#include "ui/logs/LogView.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace cimdiag;

class TestLogView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void filtersThroughTheLineEdit();
    void escapeClearsTheFilter();
    void ctrlFFocusesTheFilter();
    void tabLeavesTheTable();
    void copiesSelectedRows();
    void saveWritesTheFilteredRows();
    void saveReportsAnUnwritablePath();
    void savesInTheBackground();
    void backgroundSaveCopiesInSlices();
    void followsTheNewestLine();
    void interactiveWidgetsAreNamed();
    void rowHeightFollowsTheFont();
    void darkPaletteReachesTheModel();
    void channelViewsSplitTheLog();

private:
    QWidget *child(const char *name) const { return m_view->findChild<QWidget *>(QLatin1String(name)); }
    QLineEdit *filterEdit() const { return m_view->findChild<QLineEdit *>(QStringLiteral("filterEdit")); }

    std::unique_ptr<LogModel> m_model;
    std::unique_ptr<LogView> m_view;
};

void TestLogView::init()
{
    m_model = std::make_unique<LogModel>();
    for (int i = 0; i < 100; ++i) {
        const LogSeverity severity = i % 10 == 0 ? LogSeverity::Error : LogSeverity::Info;
        const QString text
            = i % 7 == 0 ? QStringLiteral("read timeout after %1 ms").arg(i) : QStringLiteral("line %1").arg(i);
        m_model->appendEntry(LogEntry {QDateTime::fromMSecsSinceEpoch(1700000000000 + i, Qt::UTC), LogChannel::Http,
            severity, QStringLiteral("http"), text});
    }
    m_model->flush();
    m_view = std::make_unique<LogView>();
    m_view->setModel(m_model.get());
    m_view->resize(800, 400);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowActive(m_view.get()));
}

void TestLogView::cleanup()
{
    m_view.reset();
    m_model.reset();
}

void TestLogView::filtersThroughTheLineEdit()
{
    QCOMPARE(m_view->proxy()->rowCount(), 100);
    filterEdit()->setFocus();
    QTest::keyClicks(filterEdit(), QStringLiteral("TIMEOUT"));
    // rows 0, 7, ..., 98: 15 of them, once typing pauses.
    QTRY_COMPARE_WITH_TIMEOUT(m_view->proxy()->rowCount(), 15, 2000);
    QCOMPARE(m_view->proxy()->textFilter(), QStringLiteral("TIMEOUT"));

    auto *severity = m_view->findChild<QComboBox *>(QStringLiteral("severityCombo"));
    severity->setFocus();
    QTest::keyClick(severity, Qt::Key_End); // "Errors only", by keyboard
    QCOMPARE(m_view->proxy()->minimumSeverity(), LogSeverity::Error);
    QCOMPARE(m_view->proxy()->rowCount(), 2); // 0 and 70
}

void TestLogView::escapeClearsTheFilter()
{
    filterEdit()->setFocus();
    QTest::keyClicks(filterEdit(), QStringLiteral("line 4"));
    QTest::keyClick(filterEdit(), Qt::Key_Return); // at once, no pause
    QCOMPARE(m_view->proxy()->rowCount(), 9); // 4 and 40..49 but 42 and 49 (timeout lines)
    QTest::keyClick(filterEdit(), Qt::Key_Escape);
    QCOMPARE(filterEdit()->text(), QString());
    QCOMPARE(m_view->proxy()->rowCount(), 100);
}

void TestLogView::ctrlFFocusesTheFilter()
{
    m_view->tableView()->setFocus();
    QTRY_VERIFY(m_view->tableView()->hasFocus());
    QTest::keySequence(m_view->tableView(), QKeySequence::Find);
    QTRY_VERIFY(filterEdit()->hasFocus());
}

void TestLogView::tabLeavesTheTable()
{
    m_view->tableView()->setFocus();
    QTRY_VERIFY(m_view->tableView()->hasFocus());
    const QModelIndex before = m_view->tableView()->currentIndex();
    QTest::keyClick(m_view->tableView(), Qt::Key_Tab);
    QVERIFY(!m_view->tableView()->hasFocus());
    QCOMPARE(m_view->tableView()->currentIndex(), before);
}

void TestLogView::copiesSelectedRows()
{
    QTableView *table = m_view->tableView();
    QItemSelectionModel *selection = table->selectionModel();
    selection->select(m_view->proxy()->index(3, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    selection->select(m_view->proxy()->index(1, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    const QString expected = QStringLiteral("2023-11-14T22:13:20.001Z\tinfo\thttp\tline 1\n"
                                            "2023-11-14T22:13:20.003Z\tinfo\thttp\tline 3\n");
    QGuiApplication::clipboard()->clear();
    table->setFocus();
    QTRY_VERIFY(table->hasFocus());
    QTest::keySequence(table, QKeySequence::Copy);
    QCOMPARE(QGuiApplication::clipboard()->text(), expected);

    QGuiApplication::clipboard()->clear();
    QTest::mouseClick(qobject_cast<QAbstractButton *>(child("copyButton")), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), expected);
}

void TestLogView::saveWritesTheFilteredRows()
{
    m_view->findChild<QComboBox *>(QStringLiteral("severityCombo"))->setCurrentIndex(3); // errors only
    QCOMPARE(m_view->proxy()->rowCount(), 10);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("errors.log"));
    QString error;
    QVERIFY2(m_view->saveTo(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), 11); // 10 lines and the empty rest after the last newline
    QVERIFY(lines.last().isEmpty());
    for (int i = 0; i < 10; ++i) {
        const QString text = i * 10 % 7 == 0 ? QStringLiteral("read timeout after %1 ms").arg(i * 10)
                                             : QStringLiteral("line %1").arg(i * 10);
        QCOMPARE(QString::fromUtf8(lines.at(i)),
            QStringLiteral("%1\terror\thttp\t%2")
                .arg(
                    QDateTime::fromMSecsSinceEpoch(1700000000000 + i * 10, Qt::UTC).toString(Qt::ISODateWithMs), text));
    }
}

void TestLogView::backgroundSaveCopiesInSlices()
{
    // More rows than one slice copies: the rest are copied from the event loop while the model
    // goes on (when full it drops its oldest rows, some of them not yet copied; new rows arrive).
    constexpr int kRows = 3 * LogView::kSaveSliceRows;
    const auto add = [this](int from, int to) {
        for (int i = from; i < to; ++i) {
            m_model->appendEntry(LogEntry {QDateTime::fromMSecsSinceEpoch(1700000000000 + i, Qt::UTC), LogChannel::Http,
                LogSeverity::Info, QStringLiteral("http"), QStringLiteral("line %1").arg(i)});
        }
        m_model->flush();
    };
    add(100, kRows);
    m_model->setCapacity(kRows);
    QCOMPARE(m_view->proxy()->rowCount(), kRows);
    QTemporaryDir dir;
    QString error;
    QVERIFY2(m_view->saveTo(dir.filePath(QStringLiteral("sync.log")), &error), qPrintable(error));
    QSignalSpy finished(m_view.get(), &LogView::saveFinished);
    const QString path = dir.filePath(QStringLiteral("sliced.log"));
    QVERIFY(m_view->saveInBackground(path));
    QVERIFY(m_view->isSaving());
    QVERIFY(!m_view->saveInBackground(path));
    // Half the rows drop out of the full model (more than the first slice copied), as many arrive.
    add(kRows, kRows + kRows / 2);
    QCOMPARE(m_model->rowCount(), kRows);
    QCOMPARE(m_model->textAt(0), QStringLiteral("line %1").arg(kRows / 2));
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(0).at(1).toBool(), true);
    QFile sliced(path);
    QFile sync(dir.filePath(QStringLiteral("sync.log")));
    QVERIFY(sliced.open(QIODevice::ReadOnly));
    QVERIFY(sync.open(QIODevice::ReadOnly));
    // Exactly the rows shown when Save was pressed, in order.
    const QByteArray written = sliced.readAll();
    QCOMPARE(written.count('\n'), kRows);
    QVERIFY(written.startsWith(
        QDateTime::fromMSecsSinceEpoch(1700000000000, Qt::UTC).toString(Qt::ISODateWithMs).toUtf8()));
    QVERIFY(written.endsWith(QByteArray(QByteArray("\tline ") + QByteArray::number(kRows - 1) + '\n')));
    QVERIFY(written == sync.readAll());
}

void TestLogView::saveReportsAnUnwritablePath()
{
    QString error;
    QVERIFY(!m_view->saveTo(QStringLiteral("/nonexistent-dir/x.log"), &error));
    QVERIFY(!error.isEmpty());
}

void TestLogView::savesInTheBackground()
{
    m_view->findChild<QComboBox *>(QStringLiteral("severityCombo"))->setCurrentIndex(3); // errors only
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("errors.log"));
    QString error;
    QVERIFY(m_view->saveTo(dir.filePath(QStringLiteral("sync.log")), &error));
    QSignalSpy finished(m_view.get(), &LogView::saveFinished);
    QVERIFY(m_view->saveInBackground(path));
    QVERIFY(m_view->isSaving());
    QVERIFY(!child("saveButton")->isEnabled());
    QVERIFY(!m_view->saveInBackground(path)); // one at a time
    // Rows arriving while it writes are not in the file: it saves what was shown when asked.
    m_model->appendEntry(
        LogEntry {QDateTime(), LogChannel::Http, LogSeverity::Error, QString(), QStringLiteral("late")});
    m_model->flush();
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.at(0).at(0).toString(), path);
    QCOMPARE(finished.at(0).at(1).toBool(), true);
    QVERIFY(!m_view->isSaving());
    QVERIFY(child("saveButton")->isEnabled());
    QFile background(path);
    QFile sync(dir.filePath(QStringLiteral("sync.log")));
    QVERIFY(background.open(QIODevice::ReadOnly));
    QVERIFY(sync.open(QIODevice::ReadOnly));
    const QByteArray written = background.readAll();
    QCOMPARE(written.count('\n'), 10);
    QCOMPARE(written, sync.readAll());

    QVERIFY(m_view->saveInBackground(QStringLiteral("/nonexistent-dir/x.log")));
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.at(1).at(1).toBool(), false);
    QVERIFY(!finished.at(1).at(2).toString().isEmpty());
}

void TestLogView::followsTheNewestLine()
{
    QScrollBar *bar = m_view->tableView()->verticalScrollBar();
    QVERIFY(m_view->followTail());
    QTRY_VERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum());

    for (int i = 0; i < 100; ++i)
        m_model->appendEntry(
            LogEntry {QDateTime(), LogChannel::Http, LogSeverity::Info, QString(), QStringLiteral("more")});
    QTRY_COMPARE(m_model->rowCount(), 200);
    QTRY_COMPARE(bar->value(), bar->maximum());
    QVERIFY(m_view->tableView()->viewport()->rect().contains(
        m_view->tableView()->visualRect(m_view->proxy()->index(199, 0)).center()));

    // Scrolling up (as the user does) stops following; new lines then leave the view where it is.
    QTest::keyClick(m_view->tableView(), Qt::Key_Home, Qt::ControlModifier);
    QTRY_COMPARE(bar->value(), 0);
    QVERIFY(!m_view->followTail());
    for (int i = 0; i < 100; ++i)
        m_model->appendEntry(
            LogEntry {QDateTime(), LogChannel::Http, LogSeverity::Info, QString(), QStringLiteral("more")});
    QTRY_COMPARE(m_model->rowCount(), 300);
    QTest::qWait(50);
    QCOMPARE(bar->value(), 0);

    // Turning Follow back on jumps to the newest line.
    QTest::mouseClick(qobject_cast<QAbstractButton *>(child("followCheckBox")), Qt::LeftButton);
    QVERIFY(m_view->followTail());
    QTRY_COMPARE(bar->value(), bar->maximum());
}

void TestLogView::interactiveWidgetsAreNamed()
{
    LogChannelViews tabs;
    tabs.show();
    for (QWidget *root : {static_cast<QWidget *>(m_view.get()), static_cast<QWidget *>(&tabs)}) {
        int interactive = 0;
        const QList<QWidget *> widgets = root->findChildren<QWidget *>();
        for (QWidget *widget : widgets) {
            // What keyboard focus can reach is what a user (and a screen reader) interacts with.
            if (!(widget->focusPolicy() & Qt::TabFocus) || widget->focusProxy() != nullptr)
                continue;
            QVERIFY2(!widget->objectName().isEmpty(), widget->metaObject()->className());
            QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
            // QTabBar's scroll buttons are Qt's own (named and labelled by Qt, there or not by style).
            if (qobject_cast<QTabBar *>(widget->parentWidget()) == nullptr)
                ++interactive;
        }
        // severity, filter, regex, copy, save, follow, table (x3 and the tab bar for the tabs)
        QCOMPARE(interactive, root == &tabs ? 3 * 7 + 1 : 7);
    }
}

void TestLogView::rowHeightFollowsTheFont()
{
    QHeaderView *rows = m_view->tableView()->verticalHeader();
    const int before = rows->defaultSectionSize();
    QVERIFY(before >= m_view->tableView()->fontMetrics().height());
    QFont font = m_view->font();
    font.setPointSizeF(font.pointSizeF() * 2); // what 200 % scaling does to the text
    m_view->setFont(font);
    QTRY_VERIFY(rows->defaultSectionSize() > before * 3 / 2);
    QCOMPARE(rows->sectionResizeMode(0), QHeaderView::Fixed);
    QVERIFY(m_view->tableView()->columnWidth(LogModel::TimeColumn)
        >= m_view->tableView()->fontMetrics().horizontalAdvance(QStringLiteral("00:00:00.000")));
}

void TestLogView::darkPaletteReachesTheModel()
{
    const QColor lightError = m_model->severityColor(LogSeverity::Error);
    QPalette dark = m_view->palette();
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xdd, 0xdd, 0xdd));
    dark.setColor(QPalette::Window, QColor(0x2d, 0x2d, 0x2d));
    dark.setColor(QPalette::WindowText, QColor(0xdd, 0xdd, 0xdd));
    m_view->setPalette(dark);
    QCOMPARE(m_model->severityColor(LogSeverity::Info), QColor(0xdd, 0xdd, 0xdd));
    const QColor darkError = m_model->severityColor(LogSeverity::Error);
    QVERIFY(darkError != lightError);
    QVERIFY(darkError.lightnessF() > QColor(0x1e, 0x1e, 0x1e).lightnessF() + 0.3);
    // What the table paints row 0 (an error) with.
    QCOMPARE(m_view->proxy()->index(0, LogModel::TextColumn).data(Qt::ForegroundRole).value<QColor>(), darkError);
}

void TestLogView::channelViewsSplitTheLog()
{
    DiagnosticLog log(1000);
    log.add(LogChannel::Operation, LogSeverity::Info, QStringLiteral("wbem"), QStringLiteral("EnumerateInstances"));
    log.add(LogChannel::Http, LogSeverity::Info, QStringLiteral("http"), QStringLiteral("POST /cimom"));
    log.add(LogChannel::Http, LogSeverity::Info, QStringLiteral("http"), QStringLiteral("HTTP/1.1 200 OK"));
    LogChannelViews tabs;
    tabs.setLog(&log);
    log.add(LogChannel::Check, LogSeverity::Warning, QStringLiteral("tls"), QStringLiteral("expires soon"));
    QTRY_COMPARE(tabs.model()->rowCount(), 4);
    QCOMPARE(tabs.count(), 3);
    QCOMPARE(tabs.view(LogChannel::Operation)->proxy()->rowCount(), 1);
    QCOMPARE(tabs.view(LogChannel::Http)->proxy()->rowCount(), 2);
    QCOMPARE(tabs.view(LogChannel::Check)->proxy()->rowCount(), 1);
    QCOMPARE(tabs.view(LogChannel::Http)->model(), tabs.model());
}

QTEST_MAIN(TestLogView)
#include "TestLogView.moc"
