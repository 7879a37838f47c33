// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/wbem/WbemRedactor.h"

#include <QTest>

using namespace cimdiag;

/// WbemRedactor::redactHead(): the head of a body a recorder keeps, redacted, without a secret cut
/// in two at its end (issue #5: a 25 MB reply is not redacted whole for a log that shows 16 KB).
class TestWbemRedactor final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wholeBodyWhenKeptOrShort();
    void secretAroundTheCut_data();
    void secretAroundTheCut();
    void overlappingSecretsAtTheCut();
    void multiByteSecret();
};

void TestWbemRedactor::wholeBodyWhenKeptOrShort()
{
    const WbemRedactor redactor({QStringLiteral("hunter2")});
    const QByteArray body = "user hunter2 logged in with hunter2";
    qsizetype omitted = -1;
    QCOMPARE(redactor.redactHead(body, -1, &omitted), QByteArray("user *** logged in with ***"));
    QCOMPARE(omitted, 0);
    // Within keep plus the margin (longest secret - 1): the whole body.
    QCOMPARE(redactor.redactHead(body, body.size() - 6, &omitted), QByteArray("user *** logged in with ***"));
    QCOMPARE(omitted, 0);
    // No secrets: just the head.
    QCOMPARE(WbemRedactor().redactHead(body, 4, &omitted), QByteArray("user"));
    QCOMPARE(omitted, body.size() - 4);
}

void TestWbemRedactor::secretAroundTheCut_data()
{
    QTest::addColumn<qsizetype>("offset");
    // keep is 20; the secret is 11 bytes, so the margin is 10: the head is at most 30 bytes.
    for (qsizetype offset = 5; offset <= 35; ++offset)
        QTest::addRow("secret at %lld", static_cast<long long>(offset)) << offset;
}

void TestWbemRedactor::secretAroundTheCut()
{
    QFETCH(qsizetype, offset);
    constexpr qsizetype kKeep = 20;
    const QByteArray secret = "Pa55wordXyz";
    const WbemRedactor redactor({QString::fromLatin1(secret)});
    const QByteArray body = QByteArray(offset, 'x') + secret + QByteArray(100, 'y');
    qsizetype omitted = -1;
    const QByteArray head = redactor.redactHead(body, kKeep, &omitted);
    QVERIFY(!head.contains(secret));
    for (qsizetype length = 1; length < secret.size(); ++length)
        QVERIFY2(!head.endsWith(secret.first(length)), head.constData());
    // The head is where a whole-body redaction starts, and it covers at least the kept bytes.
    QVERIFY2(redactor.redact(body).startsWith(head), head.constData());
    QVERIFY(omitted > 0);
    QVERIFY(body.size() - omitted >= kKeep);
    // A secret that starts before the cut is in the head, redacted whole.
    if (offset < kKeep)
        QVERIFY(head.contains("x***"));
    // One that starts in the margin runs past it: it is left out whole, from its first byte.
    if (offset >= kKeep)
        QCOMPARE(head, QByteArray(std::min(offset, kKeep + secret.size() - 1), 'x'));
}

void TestWbemRedactor::overlappingSecretsAtTheCut()
{
    // "user:pass" and "pass": the head must not end in a prefix of either, even after one cut.
    const WbemRedactor redactor({QStringLiteral("pass"), QStringLiteral("user:pass")});
    for (qsizetype offset = 0; offset < 20; ++offset) {
        const QByteArray body = QByteArray(offset, '-') + "user:pass user:pa pass" + QByteArray(40, '-');
        qsizetype omitted = 0;
        const QByteArray head = redactor.redactHead(body, 6, &omitted);
        QVERIFY(!head.contains("pass"));
        for (const QByteArray &secret : {QByteArray("pass"), QByteArray("user:pass")}) {
            for (qsizetype length = 1; length < secret.size(); ++length)
                QVERIFY2(!head.endsWith(secret.first(length)), head.constData());
        }
        QVERIFY2(redactor.redact(body).startsWith(head), head.constData());
        QVERIFY(omitted > 0);
    }
}

void TestWbemRedactor::multiByteSecret()
{
    // The margin is in bytes of UTF-8: a secret of 6 characters is 12 bytes here.
    const QString secret = QStringLiteral("\u00e4\u00f6\u00fc\u00c4\u00d6\u00dc");
    const WbemRedactor redactor({secret});
    const QByteArray utf8 = secret.toUtf8();
    QCOMPARE(utf8.size(), 12);
    for (qsizetype offset = 0; offset < 24; ++offset) {
        const QByteArray body = QByteArray(offset, 'a') + utf8 + QByteArray(30, 'b');
        const QByteArray head = redactor.redactHead(body, 10, nullptr);
        QVERIFY(!head.contains(utf8));
        for (qsizetype length = 1; length < utf8.size(); ++length)
            QVERIFY(!head.endsWith(utf8.first(length)));
        QVERIFY(redactor.redact(body).startsWith(head));
    }
}

QTEST_GUILESS_MAIN(TestWbemRedactor)
#include "TestWbemRedactor.moc"
