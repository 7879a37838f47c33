// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimDateTime.h"

#include <QTest>
#include <QTimeZone>

using namespace cimdiag;

class TestCimDateTime : public QObject
{
    Q_OBJECT

private slots:
    void timestamps_data();
    void timestamps();
    void intervals_data();
    void intervals();
    void invalid_data();
    void invalid();
    void toDateTime_data();
    void toDateTime();
    void fromDateTime();
    void fromInterval_data();
    void fromInterval();
    void roundTrip_data();
    void roundTrip();
    void equality();
    void defaultIsInvalid();
};

void TestCimDateTime::timestamps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("year");
    QTest::addColumn<int>("month");
    QTest::addColumn<int>("day");
    QTest::addColumn<int>("hours");
    QTest::addColumn<int>("minutes");
    QTest::addColumn<int>("seconds");
    QTest::addColumn<int>("microseconds");
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("wildcards");

    QTest::newRow("positive offset") << QStringLiteral("20261121123456.789012+060") << 2026 << 11 << 21 << 12 << 34
                                     << 56 << 789012 << 60 << 0;
    QTest::newRow("negative offset") << QStringLiteral("20261121123456.789012-300") << 2026 << 11 << 21 << 12 << 34
                                     << 56 << 789012 << -300 << 0;
    QTest::newRow("UTC") << QStringLiteral("19991231235959.999999+000") << 1999 << 12 << 31 << 23 << 59 << 59 << 999999
                         << 0 << 0;
    QTest::newRow("largest offset") << QStringLiteral("20000101000000.000000-999") << 2000 << 1 << 1 << 0 << 0 << 0 << 0
                                    << -999 << 0;
    QTest::newRow("leap day") << QStringLiteral("20240229120000.000000+000") << 2024 << 2 << 29 << 12 << 0 << 0 << 0
                              << 0 << 0;
    QTest::newRow("year 1") << QStringLiteral("00010101000000.000000+000") << 1 << 1 << 1 << 0 << 0 << 0 << 0 << 0 << 0;
    QTest::newRow("milliseconds precision")
        << QStringLiteral("20261121123456.789***+060") << 2026 << 11 << 21 << 12 << 34 << 56 << 789000 << 60 << 3;
    QTest::newRow("seconds precision") << QStringLiteral("20261121123456.******+060") << 2026 << 11 << 21 << 12 << 34
                                       << 56 << 0 << 60 << 6;
    QTest::newRow("minutes precision") << QStringLiteral("202611211234**.******+060") << 2026 << 11 << 21 << 12 << 34
                                       << 0 << 0 << 60 << 8;
    QTest::newRow("date only") << QStringLiteral("20261121******.******+000") << 2026 << 11 << 21 << 0 << 0 << 0 << 0
                               << 0 << 12;
    QTest::newRow("month only") << QStringLiteral("202611********.******+000") << 2026 << 11 << 1 << 0 << 0 << 0 << 0
                                << 0 << 14;
    QTest::newRow("year only") << QStringLiteral("2026**********.******-120") << 2026 << 1 << 1 << 0 << 0 << 0 << 0
                               << -120 << 16;
    QTest::newRow("everything wildcarded")
        << QStringLiteral("**************.******+000") << 0 << 1 << 1 << 0 << 0 << 0 << 0 << 0 << 20;
}

void TestCimDateTime::timestamps()
{
    QFETCH(QString, text);
    QFETCH(int, year);
    QFETCH(int, month);
    QFETCH(int, day);
    QFETCH(int, hours);
    QFETCH(int, minutes);
    QFETCH(int, seconds);
    QFETCH(int, microseconds);
    QFETCH(int, offset);
    QFETCH(int, wildcards);

    QString error;
    const auto dt = CimDateTime::fromString(text, &error);
    QVERIFY2(dt, qPrintable(error));
    QVERIFY(dt->isValid());
    QVERIFY(dt->isTimestamp());
    QVERIFY(!dt->isInterval());
    QCOMPARE(dt->year(), year);
    QCOMPARE(dt->month(), month);
    QCOMPARE(dt->day(), day);
    QCOMPARE(dt->hours(), hours);
    QCOMPARE(dt->minutes(), minutes);
    QCOMPARE(dt->seconds(), seconds);
    QCOMPARE(dt->microseconds(), microseconds);
    QCOMPARE(dt->utcOffsetMinutes(), offset);
    QCOMPARE(dt->wildcardDigits(), wildcards);
    QCOMPARE(dt->totalMicroseconds(), qint64(0));
    QCOMPARE(dt->toString(), text);
}

void TestCimDateTime::intervals_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<quint32>("days");
    QTest::addColumn<int>("hours");
    QTest::addColumn<int>("minutes");
    QTest::addColumn<int>("seconds");
    QTest::addColumn<int>("microseconds");
    QTest::addColumn<int>("wildcards");
    QTest::addColumn<qint64>("total");

    QTest::newRow("1d 12h 32s") << QStringLiteral("00000001120032.000000:000") << 1U << 12 << 0 << 32 << 0 << 0
                                << qint64(((24 + 12) * 3600 + 32) * 1000000LL);
    QTest::newRow("zero") << QStringLiteral("00000000000000.000000:000") << 0U << 0 << 0 << 0 << 0 << 0 << qint64(0);
    QTest::newRow("largest") << QStringLiteral("99999999235959.999999:000") << 99999999U << 23 << 59 << 59 << 999999
                             << 0 << qint64(99999999LL * 86400000000LL + 86399999999LL);
    QTest::newRow("microseconds") << QStringLiteral("00000000000000.000001:000") << 0U << 0 << 0 << 0 << 1 << 0
                                  << qint64(1);
    QTest::newRow("days only") << QStringLiteral("00000010******.******:000") << 10U << 0 << 0 << 0 << 0 << 12
                               << qint64(10 * 86400000000LL);
    QTest::newRow("partial microseconds")
        << QStringLiteral("00000000000001.5*****:000") << 0U << 0 << 0 << 1 << 500000 << 5 << qint64(1500000);
}

void TestCimDateTime::intervals()
{
    QFETCH(QString, text);
    QFETCH(quint32, days);
    QFETCH(int, hours);
    QFETCH(int, minutes);
    QFETCH(int, seconds);
    QFETCH(int, microseconds);
    QFETCH(int, wildcards);
    QFETCH(qint64, total);

    QString error;
    const auto dt = CimDateTime::fromString(text, &error);
    QVERIFY2(dt, qPrintable(error));
    QVERIFY(dt->isInterval());
    QVERIFY(!dt->isTimestamp());
    QCOMPARE(dt->days(), days);
    QCOMPARE(dt->hours(), hours);
    QCOMPARE(dt->minutes(), minutes);
    QCOMPARE(dt->seconds(), seconds);
    QCOMPARE(dt->microseconds(), microseconds);
    QCOMPARE(dt->wildcardDigits(), wildcards);
    QCOMPARE(dt->totalMicroseconds(), total);
    QVERIFY(!dt->toDateTime().isValid());
    QCOMPARE(dt->toString(), text);
}

void TestCimDateTime::invalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");

    const auto row = [](const char *name, const char *text, const char *error) {
        QTest::newRow(name) << QString::fromLatin1(text) << QString::fromLatin1(error);
    };
    row("empty", "", "must have 25 characters, not 0");
    row("24 characters", "2026112112345.789012+060", "must have 25 characters, not 24");
    row("26 characters", "20261121123456.789012+0600", "must have 25 characters, not 26");
    row("trailing space", "20261121123456.789012+060 ", "must have 25 characters");
    row("comma for dot", "20261121123456,789012+060", "character 15 must be '.'");
    row("bad sign", "20261121123456.789012*060", "character 22 must be '+', '-' (timestamp) or ':' (interval)");
    row("offset letters", "20261121123456.789012+06a", "the UTC offset must be three digits");
    row("offset wildcard", "20261121123456.789012+***", "the UTC offset must be three digits");
    row("interval suffix", "00000001120032.000000:001", "must end in \":000\"");
    row("letter in value", "2026112112345x.789012+060", "character 14 must be a digit");
    row("letter in microseconds", "20261121123456.78901a+000", "character 21 must be a digit");
    row("asterisk before digits", "2026112112**56.789012+000",
        "character 11 must be a digit (asterisks may only end the value)");
    row("asterisk in the middle of microseconds", "20261121123456.7*9012+000", "asterisks may only end the value");
    row("half a minutes field", "2026112112345*.******+000", "asterisks must replace whole fields");
    row("half a year field", "202*****************+000", "must have 25 characters");
    row("half a year field, 25 characters", "202***********.******+000", "asterisks must replace whole fields");
    row("half a day field", "2026112*******.******+000", "asterisks must replace whole fields");
    row("month 13", "20261321123456.000000+000", "month 13 is out of range 1..12");
    row("month 0", "20260021123456.000000+000", "month 0 is out of range 1..12");
    row("day 0", "20261100123456.000000+000", "day 0 is out of range 1..31");
    row("day 32", "20261132123456.000000+000", "day 32 is out of range 1..31");
    row("hour 24", "20261121243456.000000+000", "hours 24 is out of range 0..23");
    row("minute 60", "20261121126056.000000+000", "minutes 60 is out of range 0..59");
    row("second 60", "20261121123460.000000+000", "seconds 60 is out of range 0..59");
    row("Feb 30", "20260230120000.000000+000", "2026-2-30 is not a calendar date");
    row("Feb 29 in a common year", "20250229120000.000000+000", "2025-2-29 is not a calendar date");
    row("Apr 31", "20260431120000.000000+000", "2026-4-31 is not a calendar date");
    row("year 0", "00000101000000.000000+000", "0-1-1 is not a calendar date");
    row("interval hour 24", "00000001240000.000000:000", "hours 24 is out of range 0..23");
    row("interval minute 60", "00000001006000.000000:000", "minutes 60 is out of range 0..59");
    row("interval days wildcarded", "**************.******:000", "the days may not be wildcarded");
    row("interval partial days", "0000**********.******:000", "the days may not be wildcarded");
}

void TestCimDateTime::invalid()
{
    QFETCH(QString, text);
    QFETCH(QString, error);

    QString message;
    QVERIFY(!CimDateTime::fromString(text, &message));
    QVERIFY2(message.contains(error), qPrintable(message));
    QVERIFY(!CimDateTime::fromString(text)); // no error pointer: still fails, does not crash
}

void TestCimDateTime::toDateTime_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("utc");
    QTest::addColumn<int>("offsetSeconds");

    QTest::newRow("+060") << QStringLiteral("20261121123456.789012+060")
                          << QDateTime(QDate(2026, 11, 21), QTime(11, 34, 56, 789), QTimeZone::utc()) << 3600;
    QTest::newRow("-300") << QStringLiteral("20261121230000.000000-300")
                          << QDateTime(QDate(2026, 11, 22), QTime(4, 0), QTimeZone::utc()) << -18000;
    QTest::newRow("+000") << QStringLiteral("20000101000000.000000+000")
                          << QDateTime(QDate(2000, 1, 1), QTime(0, 0), QTimeZone::utc()) << 0;
    // Beyond the 14 hours a QTimeZone offset allows, but legal in DSP0004.
    QTest::newRow("+999") << QStringLiteral("20000102000000.000000+999")
                          << QDateTime(QDate(2000, 1, 1), QTime(7, 21), QTimeZone::utc()) << 999 * 60;
    QTest::newRow("date only") << QStringLiteral("20261121******.******+000")
                               << QDateTime(QDate(2026, 11, 21), QTime(0, 0), QTimeZone::utc()) << 0;
}

void TestCimDateTime::toDateTime()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, utc);
    QFETCH(int, offsetSeconds);

    const auto dt = CimDateTime::fromString(text);
    QVERIFY(dt);
    const QDateTime converted = dt->toDateTime();
    QVERIFY(converted.isValid());
    QCOMPARE(converted.toUTC(), utc);
    QCOMPARE(converted.offsetFromUtc(), offsetSeconds);
}

void TestCimDateTime::fromDateTime()
{
    const QDateTime local(QDate(2026, 11, 21), QTime(12, 34, 56, 123), Qt::OffsetFromUTC, 5400);
    const CimDateTime dt = CimDateTime::fromDateTime(local);
    QVERIFY(dt.isTimestamp());
    QCOMPARE(dt.toString(), QStringLiteral("20261121123456.123000+090"));
    QCOMPARE(dt.toDateTime(), local);

    const QDateTime west(QDate(1999, 1, 2), QTime(3, 4, 5), Qt::OffsetFromUTC, -8 * 3600);
    QCOMPARE(CimDateTime::fromDateTime(west).toString(), QStringLiteral("19990102030405.000000-480"));

    const QDateTime utc(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::utc());
    QCOMPARE(CimDateTime::fromDateTime(utc).toString(), QStringLiteral("20260101000000.000000+000"));

    QVERIFY(!CimDateTime::fromDateTime(QDateTime()).isValid());
}

void TestCimDateTime::fromInterval_data()
{
    QTest::addColumn<quint32>("days");
    QTest::addColumn<int>("hours");
    QTest::addColumn<int>("minutes");
    QTest::addColumn<int>("seconds");
    QTest::addColumn<int>("microseconds");
    QTest::addColumn<QString>("text");

    QTest::newRow("plain") << 1U << 2 << 3 << 4 << 5 << QStringLiteral("00000001020304.000005:000");
    QTest::newRow("90 seconds") << 0U << 0 << 0 << 90 << 0 << QStringLiteral("00000000000130.000000:000");
    QTest::newRow("25 hours") << 0U << 25 << 0 << 0 << 0 << QStringLiteral("00000001010000.000000:000");
    QTest::newRow("1.5 million microseconds")
        << 0U << 0 << 0 << 0 << 1500000 << QStringLiteral("00000000000001.500000:000");
    QTest::newRow("61 minutes") << 0U << 0 << 61 << 0 << 0 << QStringLiteral("00000000010100.000000:000");
    QTest::newRow("negative hours borrow from days")
        << 1U << -1 << 0 << 0 << 0 << QStringLiteral("00000000230000.000000:000");
    QTest::newRow("negative total clamps to zero")
        << 0U << 0 << 0 << -5 << 0 << QStringLiteral("00000000000000.000000:000");
    QTest::newRow("beyond the largest interval saturates")
        << 99999999U << 24 << 0 << 0 << 0 << QStringLiteral("99999999235959.999999:000");
    QTest::newRow("days beyond 2^63 microseconds saturate")
        << 200000000U << 0 << 0 << 0 << 0 << QStringLiteral("99999999235959.999999:000");
    // (2^31-1 h, min, s, us) = 90994648 days 12:56:54.483647
    QTest::newRow("largest int fields carry into days")
        << 0U << 2147483647 << 2147483647 << 2147483647 << 2147483647
        << QStringLiteral("90994648125654.483647:000");
}

void TestCimDateTime::fromInterval()
{
    QFETCH(quint32, days);
    QFETCH(int, hours);
    QFETCH(int, minutes);
    QFETCH(int, seconds);
    QFETCH(int, microseconds);
    QFETCH(QString, text);

    const CimDateTime dt = CimDateTime::fromInterval(days, hours, minutes, seconds, microseconds);
    QVERIFY(dt.isInterval());
    QCOMPARE(dt.toString(), text);
    QCOMPARE(CimDateTime::fromString(text), std::optional<CimDateTime>(dt));
}

void TestCimDateTime::roundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("written");

    QTest::newRow("timestamp") << QStringLiteral("20261121123456.789012+060")
                               << QStringLiteral("20261121123456.789012+060");
    // "-000" is a valid way to write UTC; it is written back as "+000".
    QTest::newRow("minus zero offset") << QStringLiteral("20261121123456.789012-000")
                                       << QStringLiteral("20261121123456.789012+000");
    QTest::newRow("interval") << QStringLiteral("12345678123456.654321:000")
                              << QStringLiteral("12345678123456.654321:000");
    QTest::newRow("wildcards") << QStringLiteral("2026112112****.******+000")
                               << QStringLiteral("2026112112****.******+000");
    QTest::newRow("microsecond wildcards")
        << QStringLiteral("20261121123456.1*****-030") << QStringLiteral("20261121123456.1*****-030");
}

void TestCimDateTime::roundTrip()
{
    QFETCH(QString, text);
    QFETCH(QString, written);

    const auto dt = CimDateTime::fromString(text);
    QVERIFY(dt);
    QCOMPARE(dt->toString(), written);
    const auto again = CimDateTime::fromString(dt->toString());
    QVERIFY(again);
    QCOMPARE(*again, *dt);
}

void TestCimDateTime::equality()
{
    const auto a = CimDateTime::fromString(u"20261121123456.000000+000");
    const auto b = CimDateTime::fromString(u"20261121123456.000000+000");
    const auto wildcard = CimDateTime::fromString(u"20261121123456.******+000");
    const auto otherOffset = CimDateTime::fromString(u"20261121133456.000000+060");
    QVERIFY(a && b && wildcard && otherOffset);
    QCOMPARE(*a, *b);
    // Same field values, but one has a precision of seconds: not the same datetime value.
    QVERIFY(!(*a == *wildcard));
    // The same instant with another offset is another DSP0004 value.
    QVERIFY(!(*a == *otherOffset));
    QCOMPARE(a->toDateTime(), otherOffset->toDateTime()); // QDateTime compares instants
}

void TestCimDateTime::defaultIsInvalid()
{
    const CimDateTime dt;
    QVERIFY(!dt.isValid());
    QVERIFY(!dt.isTimestamp());
    QVERIFY(!dt.isInterval());
    QCOMPARE(dt.toString(), QString());
    QVERIFY(!dt.toDateTime().isValid());
    QCOMPARE(dt.totalMicroseconds(), qint64(0));
}

QTEST_GUILESS_MAIN(TestCimDateTime)
#include "TestCimDateTime.moc"
