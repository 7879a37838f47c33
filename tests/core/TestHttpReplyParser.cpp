// SPDX-License-Identifier: GPL-3.0-or-later
// HttpReplyParser, table-driven: well-formed replies in every framing, the tolerances (bare LF,
// folded lines, no reason phrase, interim 100), the limits (64 KiB head, 200 headers, maxBody) and
// garbage, fed whole and byte by byte.
#include "core/net/HttpReplyParser.h"

#include <QTest>

using namespace cimdiag;

Q_DECLARE_METATYPE(HttpReplyParser::State)

class TestHttpReplyParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void headers();
    void limits();
    void truncatedBody();
    void interimLimit();
    void headInPieces();
};

void TestHttpReplyParser::parse_data()
{
    QTest::addColumn<QByteArray>("reply");
    QTest::addColumn<bool>("closed");
    QTest::addColumn<HttpReplyParser::State>("state");
    QTest::addColumn<bool>("isHttp");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("bodyComplete");

    using S = HttpReplyParser::State;
    QTest::newRow("content-length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello") << false
                                    << S::Done << true << 200 << QByteArray("hello") << true;
    QTest::newRow("content-length incomplete") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello")
                                               << true << S::Body << true << 200 << QByteArray("hello") << false;
    QTest::newRow("zero length") << QByteArray("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n") << false
                                 << S::Done << true << 401 << QByteArray() << true;
    QTest::newRow("chunked") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                           "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nCIMStatusCode: 0\r\n\r\n")
                             << false << S::Done << true << 200 << QByteArray("hello world") << true;
    QTest::newRow("chunked no trailer end") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                          "5\r\nhello\r\n0\r\n")
                                            << true << S::Body << true << 200 << QByteArray("hello") << false;
    QTest::newRow("until close") << QByteArray("HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html>") << true
                                 << S::Done << true << 200 << QByteArray("<html>") << true;
    QTest::newRow("bare LF") << QByteArray("HTTP/1.1 200 OK\nContent-Length: 2\n\nok") << false << S::Done << true
                             << 200 << QByteArray("ok") << true;
    QTest::newRow("no reason") << QByteArray("HTTP/1.1 503\r\nContent-Length: 0\r\n\r\n") << false << S::Done << true
                               << 503 << QByteArray() << true;
    QTest::newRow("interim 100") << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 417 Expectation Failed\r\n"
                                               "Content-Length: 0\r\n\r\n")
                                 << false << S::Done << true << 417 << QByteArray() << true;
    QTest::newRow("204 no body") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << false << S::Done << true << 204
                                 << QByteArray() << true;
    QTest::newRow("head incomplete") << QByteArray("HTTP/1.1 200 OK\r\nServer: x") << true << S::Head << false << 0
                                     << QByteArray() << false;
    // Garbage: a clear error, never a crash.
    QTest::newRow("ssh banner") << QByteArray("SSH-2.0-OpenSSH_9.2p1\r\n") << false << S::Error << false << 0
                                << QByteArray() << false;
    QTest::newRow("tls alert") << QByteArray("\x15\x03\x01\x00\x02\x02\x28", 7) << false << S::Error << false << 0
                               << QByteArray() << false;
    QTest::newRow("binary") << QByteArray("\x00\xff\x13\x37HTTP/1.1 200 OK\r\n\r\n", 22) << false << S::Error << false
                            << 0 << QByteArray() << false;
    QTest::newRow("bad status code") << QByteArray("HTTP/1.1 2x0 OK\r\n\r\n") << false << S::Error << false << 0
                                     << QByteArray() << false;
    QTest::newRow("http/2") << QByteArray("HTTP/2 200\r\n\r\n") << false << S::Error << false << 0 << QByteArray()
                            << false;
    QTest::newRow("header without colon") << QByteArray("HTTP/1.1 200 OK\r\nthis is not a header\r\n\r\n") << false
                                          << S::Error << true << 200 << QByteArray() << false;
    QTest::newRow("bad content-length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\n") << false
                                        << S::Error << true << 200 << QByteArray() << false;
    QTest::newRow("conflicting content-length")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd") << false << S::Error
        << true << 200 << QByteArray() << false;
    QTest::newRow("bad chunk size") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
                                    << false << S::Error << true << 200 << QByteArray() << false;
    QTest::newRow("chunk without CRLF") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                      "2\r\nokXX")
                                        << false << S::Error << true << 200 << QByteArray("ok") << false;
}

void TestHttpReplyParser::parse()
{
    QFETCH(QByteArray, reply);
    QFETCH(bool, closed);
    QFETCH(HttpReplyParser::State, state);
    QFETCH(bool, isHttp);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, bodyComplete);

    // Whole, and byte by byte: the outcome must not depend on how TCP cut the stream.
    for (const bool byteByByte : {false, true}) {
        HttpReplyParser parser;
        if (byteByByte) {
            for (qsizetype i = 0; i < reply.size(); ++i)
                parser.feed(QByteArrayView(reply).sliced(i, 1));
        } else {
            parser.feed(reply);
        }
        if (closed)
            parser.finishOnClose();
        QCOMPARE(parser.state(), state);
        QCOMPARE(parser.isHttp(), isHttp);
        QCOMPARE(parser.status(), status);
        if (state != HttpReplyParser::State::Error)
            QCOMPARE(parser.body(), body);
        QCOMPARE(parser.bodyComplete(), bodyComplete);
        QCOMPARE(parser.errorText().isEmpty(), state != HttpReplyParser::State::Error);
    }
}

void TestHttpReplyParser::headers()
{
    HttpReplyParser parser;
    parser.feed("HTTP/1.1 401 Unauthorized\r\n"
                "WWW-Authenticate: Basic\r\n"
                "  realm=\"cimom\"\r\n"
                "cimoperation: MethodResponse\r\n"
                "Content-Length: 0\r\n\r\n");
    QCOMPARE(parser.state(), HttpReplyParser::State::Done);
    QCOMPARE(parser.statusLine(), QByteArray("HTTP/1.1 401 Unauthorized"));
    QCOMPARE(parser.reason(), QByteArray("Unauthorized"));
    QCOMPARE(parser.headers().size(), 3);
    // Folded lines are joined; names stay as sent; look-ups ignore case.
    QCOMPARE(httpHeaderValue(parser.headers(), "www-authenticate"), QByteArray("Basic realm=\"cimom\""));
    QCOMPARE(parser.headers().at(1).first, QByteArray("cimoperation"));
    QCOMPARE(httpHeaderValue(parser.headers(), "CIMOperation"), QByteArray("MethodResponse"));

    HttpReplyParser interim;
    interim.feed("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    QCOMPARE(interim.interimStatusLines(), QList<QByteArray> {QByteArray("HTTP/1.1 100 Continue")});
    QCOMPARE(interim.statusLine(), QByteArray("HTTP/1.1 200 OK"));
}

void TestHttpReplyParser::limits()
{
    // A head over 64 KiB without an end: refused once the limit passes, not buffered forever.
    HttpReplyParser big;
    big.feed("HTTP/1.1 200 OK\r\nX-Long: ");
    const QByteArray filler(4096, 'a');
    for (int i = 0; i < 20 && big.state() == HttpReplyParser::State::Head; ++i)
        big.feed(filler);
    QCOMPARE(big.state(), HttpReplyParser::State::Error);
    QVERIFY(big.errorText().contains(QLatin1String("64 KiB")));

    // 201 header lines.
    QByteArray many = "HTTP/1.1 200 OK\r\n";
    for (int i = 0; i <= HttpReplyParser::kMaxHeaderCount; ++i)
        many += "X-H" + QByteArray::number(i) + ": v\r\n";
    many += "\r\n";
    HttpReplyParser tooMany;
    tooMany.feed(many);
    QCOMPARE(tooMany.state(), HttpReplyParser::State::Error);
    QVERIFY(tooMany.errorText().contains(QLatin1String("200")));
    QVERIFY(tooMany.isHttp());

    // Exactly 200 is fine.
    QByteArray enough = "HTTP/1.1 200 OK\r\n";
    for (int i = 0; i < HttpReplyParser::kMaxHeaderCount - 1; ++i)
        enough += "X-H" + QByteArray::number(i) + ": v\r\n";
    enough += "Content-Length: 0\r\n\r\n";
    HttpReplyParser fine;
    fine.feed(enough);
    QCOMPARE(fine.state(), HttpReplyParser::State::Done);
    QCOMPARE(fine.headers().size(), HttpReplyParser::kMaxHeaderCount);
}

void TestHttpReplyParser::interimLimit()
{
    const QByteArray interim = "HTTP/1.1 100 Continue\r\n\r\n";
    // Eight interim replies, then the final one: fine.
    HttpReplyParser eight;
    eight.feed(QByteArray(
        interim.repeated(HttpReplyParser::kMaxInterimReplies) + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
    QCOMPARE(eight.state(), HttpReplyParser::State::Done);
    QCOMPARE(eight.interimStatusLines().size(), HttpReplyParser::kMaxInterimReplies);
    QCOMPARE(eight.status(), 200);

    // A stream of them, one feed() at a time: stopped at the ninth with a clear error.
    HttpReplyParser flood;
    int fed = 0;
    while (flood.state() == HttpReplyParser::State::Head && fed < 1000) {
        flood.feed(interim);
        ++fed;
    }
    QCOMPARE(flood.state(), HttpReplyParser::State::Error);
    QCOMPARE(fed, int(HttpReplyParser::kMaxInterimReplies) + 1);
    QVERIFY2(flood.errorText().contains(QLatin1String("too many interim 1xx replies")), qPrintable(flood.errorText()));
    QVERIFY(!flood.isHttp());

    // 64 KiB of interim replies in fewer than eight (large heads) is too much as well.
    QByteArray bigInterim = "HTTP/1.1 102 Processing\r\nX-Pad: " + QByteArray(20000, 'p') + "\r\n\r\n";
    HttpReplyParser heavy;
    heavy.feed(bigInterim.repeated(4));
    QCOMPARE(heavy.state(), HttpReplyParser::State::Error);
    QVERIFY(heavy.errorText().contains(QLatin1String("interim")));
}

void TestHttpReplyParser::headInPieces()
{
    // The scan for the end of the head goes on where it stopped: a head fed a byte at a time
    // (CRLF split across feeds, bare LF too) parses as in one piece.
    const QByteArray reply = "\r\nHTTP/1.1 200 OK\r\nServer: x\r\nX-Folded: a\r\n b\nContent-Length: 3\r\n\r\nabc";
    HttpReplyParser parser;
    for (const char c : reply)
        parser.feed(QByteArrayView(&c, 1));
    QCOMPARE(parser.state(), HttpReplyParser::State::Done);
    QCOMPARE(parser.status(), 200);
    QCOMPARE(parser.headers().size(), 3);
    QCOMPARE(parser.body(), QByteArray("abc"));
    // And a non-HTTP first line is still refused when it arrives in pieces.
    HttpReplyParser garbage;
    garbage.feed("HT");
    garbage.feed("XP/1.1 200\r\n");
    QCOMPARE(garbage.state(), HttpReplyParser::State::Error);
}

void TestHttpReplyParser::truncatedBody()
{
    HttpReplyParser parser(8);
    parser.feed("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789abcdef");
    QCOMPARE(parser.state(), HttpReplyParser::State::Done);
    QCOMPARE(parser.body(), QByteArray("01234567"));
    QVERIFY(parser.bodyTruncated());
    QVERIFY(!parser.bodyComplete());

    HttpReplyParser chunked(4);
    chunked.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n");
    QCOMPARE(chunked.state(), HttpReplyParser::State::Done);
    QCOMPARE(chunked.body(), QByteArray("abcd"));
    QVERIFY(chunked.bodyTruncated());
}

QTEST_GUILESS_MAIN(TestHttpReplyParser)
#include "TestHttpReplyParser.moc"
