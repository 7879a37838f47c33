// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/wbem/WbemStatistics.h"
#include "ui/widgets/StatisticsModel.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace cimdiag;
using namespace std::chrono_literals;

class TestStatisticsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void columnsArePywbemFields();
    void values();
    void serverTimeOnlyWhenSent();
    void refreshUpdatesInPlaceOrResets();
    void noStatistics();

private:
    QString text(const StatisticsModel &model, int row, int column) const
    {
        return model.index(row, column).data().toString();
    }
    WbemStatistics m_statistics;
};

void TestStatisticsModel::initTestCase()
{
    // Numbers are formatted for the user's locale; pin one with group separators.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestStatisticsModel::init()
{
    m_statistics = WbemStatistics();
    m_statistics.setEnabled(true);
    // Two EnumerateInstances (one failed, only one reply with WBEMServerResponseTime), one GetClass.
    m_statistics.record(QStringLiteral("EnumerateInstances"), false, 1500us, 1000us, 300, 5000);
    m_statistics.record(QStringLiteral("EnumerateInstances"), true, 2500us, std::nullopt, 310, 100);
    m_statistics.record(QStringLiteral("GetClass"), false, 800us, std::nullopt, 200, 2000);
}

void TestStatisticsModel::columnsArePywbemFields()
{
    StatisticsModel model(&m_statistics);
    QCOMPARE(model.columnCount(), int(StatisticsModel::ColumnCount));
    QCOMPARE(
        model.headerData(StatisticsModel::OperationColumn, Qt::Horizontal).toString(), QStringLiteral("Operation"));
    const QStringList fields {QStringLiteral("name"), QStringLiteral("count"), QStringLiteral("exception_count"),
        QStringLiteral("avg_time"), QStringLiteral("min_time"), QStringLiteral("max_time"),
        QStringLiteral("avg_server_time"), QStringLiteral("min_server_time"), QStringLiteral("max_server_time"),
        QStringLiteral("avg_request_len"), QStringLiteral("min_request_len"), QStringLiteral("max_request_len"),
        QStringLiteral("avg_reply_len"), QStringLiteral("min_reply_len"), QStringLiteral("max_reply_len")};
    for (int c = 0; c < model.columnCount(); ++c) {
        QCOMPARE(model.headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString(),
            QStringLiteral("pywbem: %1").arg(fields.at(c)));
        QVERIFY(!model.headerData(c, Qt::Horizontal).toString().isEmpty());
    }
}

void TestStatisticsModel::values()
{
    StatisticsModel model(&m_statistics);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 2);
    // Sorted by name, as the snapshot is.
    QCOMPARE(text(model, 0, StatisticsModel::OperationColumn), QStringLiteral("EnumerateInstances"));
    QCOMPARE(text(model, 1, StatisticsModel::OperationColumn), QStringLiteral("GetClass"));

    QCOMPARE(text(model, 0, StatisticsModel::CountColumn), QStringLiteral("2"));
    QCOMPARE(text(model, 0, StatisticsModel::ErrorCountColumn), QStringLiteral("1"));
    QCOMPARE(text(model, 0, StatisticsModel::ClientTimeAvgColumn), QStringLiteral("2.000"));
    QCOMPARE(text(model, 0, StatisticsModel::ClientTimeMinColumn), QStringLiteral("1.500"));
    QCOMPARE(text(model, 0, StatisticsModel::ClientTimeMaxColumn), QStringLiteral("2.500"));
    QCOMPARE(text(model, 0, StatisticsModel::RequestSizeAvgColumn), QStringLiteral("305.0"));
    QCOMPARE(text(model, 0, StatisticsModel::RequestSizeMinColumn), QStringLiteral("300"));
    QCOMPARE(text(model, 0, StatisticsModel::RequestSizeMaxColumn), QStringLiteral("310"));
    QCOMPARE(text(model, 0, StatisticsModel::ReplySizeAvgColumn), QStringLiteral("2,550.0"));
    QCOMPARE(text(model, 0, StatisticsModel::ReplySizeMinColumn), QStringLiteral("100"));
    QCOMPARE(text(model, 0, StatisticsModel::ReplySizeMaxColumn), QStringLiteral("5,000"));
    QCOMPARE(text(model, 1, StatisticsModel::ClientTimeAvgColumn), QStringLiteral("0.800"));

    // The numbers behind the text, for sorting and export.
    QCOMPARE(model.index(0, StatisticsModel::ClientTimeAvgColumn).data(StatisticsModel::ValueRole).toDouble(), 2.0);
    QCOMPARE(model.index(0, StatisticsModel::ReplySizeMaxColumn).data(StatisticsModel::ValueRole).toLongLong(), 5000LL);
    QCOMPARE(model.index(0, StatisticsModel::CountColumn).data(Qt::TextAlignmentRole).value<Qt::Alignment>(),
        Qt::AlignRight | Qt::AlignVCenter);
}

void TestStatisticsModel::serverTimeOnlyWhenSent()
{
    StatisticsModel model(&m_statistics);
    // Averaged over the replies that carried WBEMServerResponseTime (1 of 2), not over count.
    QCOMPARE(text(model, 0, StatisticsModel::ServerTimeAvgColumn), QStringLiteral("1.000"));
    QCOMPARE(text(model, 0, StatisticsModel::ServerTimeMinColumn), QStringLiteral("1.000"));
    QCOMPARE(text(model, 0, StatisticsModel::ServerTimeMaxColumn), QStringLiteral("1.000"));
    QVERIFY(model.index(0, StatisticsModel::ServerTimeAvgColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QLatin1String("1 of 2")));
    // GetClass: none sent, so empty cells rather than a misleading 0.
    for (int c = StatisticsModel::ServerTimeAvgColumn; c <= StatisticsModel::ServerTimeMaxColumn; ++c) {
        QCOMPARE(text(model, 1, c), QString());
        QVERIFY(!model.index(1, c).data(StatisticsModel::ValueRole).isValid());
    }
    QVERIFY(model.index(1, StatisticsModel::ServerTimeAvgColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QLatin1String("WBEMServerResponseTime")));
}

void TestStatisticsModel::refreshUpdatesInPlaceOrResets()
{
    StatisticsModel model(&m_statistics);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    // A snapshot, not a live view: nothing changes until refresh().
    m_statistics.record(QStringLiteral("GetClass"), false, 1200us, 400us, 200, 2000);
    QCOMPARE(text(model, 1, StatisticsModel::CountColumn), QStringLiteral("1"));
    model.refresh();
    QCOMPARE(reset.size(), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(text(model, 1, StatisticsModel::CountColumn), QStringLiteral("2"));
    QCOMPARE(text(model, 1, StatisticsModel::ClientTimeAvgColumn), QStringLiteral("1.000"));
    QCOMPARE(text(model, 1, StatisticsModel::ServerTimeAvgColumn), QStringLiteral("0.400"));

    // A new operation name is a new row.
    m_statistics.record(QStringLiteral("Associators"), false, 3000us, std::nullopt, 400, 900);
    model.refresh();
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(text(model, 0, StatisticsModel::OperationColumn), QStringLiteral("Associators"));

    m_statistics.reset();
    model.refresh();
    QCOMPARE(model.rowCount(), 0);
}

void TestStatisticsModel::noStatistics()
{
    StatisticsModel model;
    QCOMPARE(model.rowCount(), 0);
    model.refresh();
    QCOMPARE(model.rowCount(), 0);
    model.setStatistics(&m_statistics);
    QCOMPARE(model.rowCount(), 2);
    model.setStatistics(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(TestStatisticsModel)
#include "TestStatisticsModel.moc"
