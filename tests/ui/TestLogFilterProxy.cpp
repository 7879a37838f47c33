// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/logs/LogFilterProxy.h"
#include "ui/logs/LogModel.h"

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

QTEST_MAIN(TestLogFilterProxy)
#include "TestLogFilterProxy.moc"
