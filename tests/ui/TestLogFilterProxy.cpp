// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/logs/LogFilterProxy.h"
#include "ui/logs/LogModel.h"

#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>

using namespace cimdiag;

namespace {

struct Line
{
    LogChannel channel;
    LogSeverity severity;
    const char *source;
    const char *text;
};

// 10 lines over the three channels and four severities.
const Line kLines[] = {
    {LogChannel::Operation, LogSeverity::Info, "wbem", "EnumerateInstances CIM_ComputerSystem: 3 instances"},
    {LogChannel::Operation, LogSeverity::Error, "wbem", "GetClass CIM_Fan: CIM_ERR_NOT_FOUND"},
    {LogChannel::Http, LogSeverity::Debug, "http", "POST /cimom HTTP/1.1"},
    {LogChannel::Http, LogSeverity::Info, "http", "HTTP/1.1 200 OK"},
    {LogChannel::Http, LogSeverity::Warning, "auth", "HTTP/1.1 401 Unauthorized"},
    {LogChannel::Http, LogSeverity::Error, "tls", "TLS handshake failed: certificate expired"},
    {LogChannel::Check, LogSeverity::Info, "tcp", "connected to 127.0.0.1:5989"},
    {LogChannel::Check, LogSeverity::Warning, "tls", "Certificate expires in 3 days"},
    {LogChannel::Check, LogSeverity::Error, "auth", "credentials rejected"},
    {LogChannel::Check, LogSeverity::Debug, "dns", "resolved localhost"},
};

QStringList shown(const QAbstractItemModel &proxy)
{
    QStringList texts;
    for (int row = 0; row < proxy.rowCount(); ++row)
        texts.append(proxy.index(row, LogModel::TextColumn).data(LogModel::FullTextRole).toString());
    return texts;
}

} // namespace

class TestLogFilterProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void channel();
    void minimumSeverity();
    void text_data();
    void text();
    void invalidRegularExpressionMatchesNothing();
    void newRowsAreFiltered();
    void otherSourceModelsThroughRoles();
    void largeModelIsFilteredInSlices();

private:
    LogModel m_model;
    LogFilterProxy m_proxy;
};

void TestLogFilterProxy::init()
{
    m_model.clear();
    for (const Line &line : kLines) {
        m_model.appendEntry(LogEntry {QDateTime::currentDateTimeUtc(), line.channel, line.severity,
            QString::fromLatin1(line.source), QString::fromLatin1(line.text)});
    }
    m_model.flush();
    m_proxy.setSourceModel(&m_model);
    m_proxy.setChannel(std::nullopt);
    m_proxy.setMinimumSeverity(LogSeverity::Debug);
    m_proxy.setTextFilter(QString());
}

void TestLogFilterProxy::channel()
{
    QCOMPARE(m_proxy.rowCount(), 10);
    m_proxy.setChannel(LogChannel::Http);
    QCOMPARE(shown(m_proxy),
        QStringList({QStringLiteral("POST /cimom HTTP/1.1"), QStringLiteral("HTTP/1.1 200 OK"),
            QStringLiteral("HTTP/1.1 401 Unauthorized"), QStringLiteral("TLS handshake failed: certificate expired")}));
    m_proxy.setChannel(LogChannel::Operation);
    QCOMPARE(m_proxy.rowCount(), 2);
    m_proxy.setChannel(LogChannel::Check);
    QCOMPARE(m_proxy.rowCount(), 4);
}

void TestLogFilterProxy::minimumSeverity()
{
    m_proxy.setMinimumSeverity(LogSeverity::Info);
    QCOMPARE(m_proxy.rowCount(), 8);
    m_proxy.setMinimumSeverity(LogSeverity::Warning);
    QCOMPARE(m_proxy.rowCount(), 5);
    m_proxy.setMinimumSeverity(LogSeverity::Error);
    m_proxy.setChannel(LogChannel::Check);
    QCOMPARE(shown(m_proxy), QStringList {QStringLiteral("credentials rejected")});
}

void TestLogFilterProxy::text_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<bool>("regex");
    QTest::addColumn<int>("rows");
    QTest::newRow("substring, any case") << QStringLiteral("CERTIFICATE") << false << 2;
    QTest::newRow("the stage matches too") << QStringLiteral("auth") << false << 2;
    QTest::newRow("regex characters are literal") << QStringLiteral("HTTP/1.1 [0-9]") << false << 0;
    QTest::newRow("regex") << QStringLiteral("^http/1\\.1 [0-9]{3}") << true << 2;
    QTest::newRow("regex alternation") << QStringLiteral("^(POST|GET) ") << true << 1;
    QTest::newRow("no match") << QStringLiteral("pegasus") << false << 0;
}

void TestLogFilterProxy::text()
{
    QFETCH(QString, filter);
    QFETCH(bool, regex);
    QFETCH(int, rows);
    m_proxy.setTextFilter(filter, regex);
    QVERIFY(m_proxy.isTextFilterValid());
    QCOMPARE(m_proxy.rowCount(), rows);
    m_proxy.setTextFilter(QString());
    QCOMPARE(m_proxy.rowCount(), 10);
}

void TestLogFilterProxy::invalidRegularExpressionMatchesNothing()
{
    m_proxy.setTextFilter(QStringLiteral("(unclosed"), true);
    QVERIFY(!m_proxy.isTextFilterValid());
    QCOMPARE(m_proxy.rowCount(), 0);
    // The same text as a substring is fine (and matches nothing here).
    m_proxy.setTextFilter(QStringLiteral("(unclosed"), false);
    QVERIFY(m_proxy.isTextFilterValid());
}

void TestLogFilterProxy::newRowsAreFiltered()
{
    m_proxy.setChannel(LogChannel::Http);
    m_proxy.setMinimumSeverity(LogSeverity::Warning);
    m_proxy.setTextFilter(QStringLiteral("timeout"));
    QCOMPARE(m_proxy.rowCount(), 0);
    m_model.appendEntries({
        LogEntry {
            QDateTime(), LogChannel::Http, LogSeverity::Error, QStringLiteral("http"), QStringLiteral("read Timeout")},
        LogEntry {
            QDateTime(), LogChannel::Check, LogSeverity::Error, QStringLiteral("http"), QStringLiteral("timeout")},
        LogEntry {QDateTime(), LogChannel::Http, LogSeverity::Info, QStringLiteral("http"), QStringLiteral("timeout")},
    });
    m_model.flush();
    QCOMPARE(shown(m_proxy), QStringList {QStringLiteral("read Timeout")});
}

void TestLogFilterProxy::otherSourceModelsThroughRoles()
{
    QStandardItemModel source(0, LogModel::ColumnCount);
    for (const Line &line : kLines) {
        QList<QStandardItem *> items;
        for (int column = 0; column < LogModel::ColumnCount; ++column)
            items.append(new QStandardItem);
        items[LogModel::SourceColumn]->setText(QString::fromLatin1(line.source));
        items[LogModel::TextColumn]->setData(QString::fromLatin1(line.text), LogModel::FullTextRole);
        items[LogModel::TextColumn]->setData(int(line.channel), LogModel::ChannelRole);
        items[LogModel::TextColumn]->setData(int(line.severity), LogModel::SeverityRole);
        source.appendRow(items);
    }
    LogFilterProxy proxy;
    proxy.setSourceModel(&source);
    proxy.setChannel(LogChannel::Check);
    proxy.setMinimumSeverity(LogSeverity::Warning);
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setTextFilter(QStringLiteral("TLS"));
    QCOMPARE(shown(proxy), QStringList {QStringLiteral("Certificate expires in 3 days")});
}

void TestLogFilterProxy::largeModelIsFilteredInSlices()
{
    // 300,000 rows under a regular expression take longer than one slice (LogFilterProxy::kSliceMs)
    // anywhere: the proxy keeps the old rows while it matches, takes rows added and removed
    // meanwhile into account, and shows exactly the new result when filteringFinished() comes.
    // (Whether the first slice already finishes does not change any assertion below.)
    constexpr int kRows = 300000;
    LogModel model;
    model.setCapacity(kRows);
    QList<LogEntry> entries;
    entries.reserve(kRows);
    for (int i = 0; i < kRows; ++i) {
        entries.append(LogEntry {QDateTime(), i % 2 == 0 ? LogChannel::Http : LogChannel::Check, LogSeverity::Info,
            QStringLiteral("http"), QStringLiteral("line %1").arg(i)});
    }
    model.appendEntries(entries);
    model.flush();
    LogFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.setChannel(LogChannel::Http);
    QTRY_VERIFY_WITH_TIMEOUT(!proxy.isFiltering(), 60000);
    QCOMPARE(proxy.rowCount(), kRows / 2);

    QSignalSpy finished(&proxy, &LogFilterProxy::filteringFinished);
    // Lines ending in 8: every tenth line, all of them even, i.e. on the HTTP channel.
    proxy.setTextFilter(QStringLiteral("line \\d*8$"), true);
    if (proxy.isFiltering()) {
        // Still the previous rows; then the model drops its 10 oldest and appends 10 (full model).
        QCOMPARE(proxy.rowCount(), kRows / 2);
        QList<LogEntry> more;
        for (int i = kRows; i < kRows + 10; ++i)
            more.append(LogEntry {QDateTime(), LogChannel::Http, LogSeverity::Info, QStringLiteral("http"),
                QStringLiteral("line %1").arg(i)});
        model.appendEntries(more);
        model.flush();
        QCOMPARE(model.rowCount(), kRows);
        QVERIFY(finished.wait(60000));
        // Removed: lines 0..9 (one ends in 8); added: 300000..300009 (one ends in 8, all HTTP).
        QCOMPARE(proxy.rowCount(), kRows / 10);
    } else {
        QCOMPARE(finished.size(), 1);
        QCOMPARE(proxy.rowCount(), kRows / 10);
    }
    QCOMPARE(proxy.textFilter(), QStringLiteral("line \\d*8$"));
    for (int row = 0; row < proxy.rowCount(); row += 997)
        QVERIFY(proxy.index(row, LogModel::TextColumn).data(LogModel::FullTextRole).toString().endsWith(u'8'));

    // A change while one is matched replaces it: only the latest counts.
    proxy.setTextFilter(QStringLiteral("line \\d*7$"), true);
    proxy.setTextFilter(QStringLiteral("line 12"));
    QTRY_VERIFY_WITH_TIMEOUT(!proxy.isFiltering(), 60000);
    // The HTTP lines containing "line 12" (the odd lines added above contain none).
    int expected = 0;
    for (int i = 10; i < kRows + 10; i += 2)
        expected += QStringLiteral("line %1").arg(i).contains(QStringLiteral("line 12")) ? 1 : 0;
    QCOMPARE(proxy.rowCount(), expected);
}

QTEST_MAIN(TestLogFilterProxy)
#include "TestLogFilterProxy.moc"
