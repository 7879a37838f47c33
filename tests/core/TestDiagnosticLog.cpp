// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/Target.h"
#include "core/log/DiagnosticLog.h"

#include <QSignalSpy>
#include <QTest>

using namespace cimdiag;

class TestDiagnosticLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void boundedDropsOldestFirst()
    {
        DiagnosticLog log(3);
        QSignalSpy added(&log, &DiagnosticLog::entryAdded);
        for (int i = 0; i < 5; ++i)
            log.add(LogChannel::Http, LogSeverity::Info, QStringLiteral("tcp"), QString::number(i));
        QCOMPARE(added.size(), 5);
        QCOMPARE(log.size(), 3);
        QCOMPARE(log.droppedCount(), 2);
        QCOMPARE(log.entries().constFirst().text, QStringLiteral("2"));
        QCOMPARE(log.entries().constLast().text, QStringLiteral("4"));
        QVERIFY(log.entries().constFirst().time.isValid());
    }

    void secretsNeverReachEntriesOrSignals()
    {
        DiagnosticLog log;
        const WbemCredentials credentials = WbemCredentials::basic(QStringLiteral("admin"), QStringLiteral("s3cret!"));
        log.addSecrets(credentials.secrets());
        QSignalSpy added(&log, &DiagnosticLog::entryAdded);
        const QByteArray basic = QByteArrayLiteral("admin:s3cret!").toBase64();
        log.add(LogChannel::Http, LogSeverity::Info, {},
            QStringLiteral("Authorization: Basic ") + QString::fromLatin1(basic) + QStringLiteral(" pw=s3cret!"));
        const QString stored = log.entries().constFirst().text;
        QVERIFY(!stored.contains(QStringLiteral("s3cret")));
        QVERIFY(!stored.contains(QString::fromLatin1(basic)));
        QCOMPARE(stored, QStringLiteral("Authorization: Basic *** pw=***"));
        QCOMPARE(added.constFirst().constFirst().value<LogEntry>().text, stored);
        // A second run's secrets join the first's: both stay redacted.
        log.addSecrets(WbemCredentials::basic(QStringLiteral("other"), QStringLiteral("hunter2")).secrets());
        log.add(LogChannel::Http, LogSeverity::Info, {}, QStringLiteral("s3cret! hunter2"));
        QCOMPARE(log.entries().constLast().text, QStringLiteral("*** ***"));
    }

    void channelNamesRoundTrip()
    {
        for (const LogChannel channel : {LogChannel::Operation, LogChannel::Http, LogChannel::Check})
            QCOMPARE(LogEntry::channelFromName(LogEntry::channelName(channel)), channel);
        QCOMPARE(LogEntry::channelFromName(u"ops"), LogChannel::Operation);
        QVERIFY(!LogEntry::channelFromName(u"tcp"));
    }

    void filterByChannel()
    {
        DiagnosticLog log;
        log.add(LogChannel::Http, LogSeverity::Info, {}, QStringLiteral("a"));
        log.add(LogChannel::Check, LogSeverity::Error, {}, QStringLiteral("b"));
        QCOMPARE(log.entries(LogChannel::Check).size(), 1);
        QCOMPARE(log.entries(LogChannel::Check).constFirst().text, QStringLiteral("b"));
        log.clear();
        QCOMPARE(log.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDiagnosticLog)
#include "TestDiagnosticLog.moc"
