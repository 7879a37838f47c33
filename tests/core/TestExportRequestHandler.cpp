// SPDX-License-Identifier: GPL-3.0-or-later
// The listener's request handling without sockets (ExportRequestHandler, what IndicationListener
// and the fuzz target FuzzExportRequest run): requests cut off a byte stream in any pieces, 100
// Continue, pipelining, closing answers, the 408 deadline, and the inputs the fuzzer found.
#include "core/cimxml/CimRequestBuilder.h"
#include "core/cimxml/CimXmlWriter.h"
#include "core/listener/ExportRequestHandler.h"
#include "core/net/HttpReplyParser.h"

#include <QTest>

using namespace cimdiag;

namespace {

QByteArray exportBody(const QString &messageId)
{
    CimInstance indication(QStringLiteral("CIM_AlertIndication"));
    indication.setProperty(CimProperty(QStringLiteral("AlertType"), CimValue::uint16(2)));
    return CimXmlWriter::request(CimRequestBuilder::exportIndication(messageId, indication));
}

QByteArray exportRequest(const QByteArray &body, const QByteArray &extra = {})
{
    return "POST /cimdiag HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/xml; charset=\"utf-8\"\r\n"
           "CIMExport: MethodRequest\r\nCIMExportMethod: ExportIndication\r\nCIMProtocolVersion: 1.0\r\n"
        + extra + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

/// Feeds bytes in pieces of pieceSize and collects every Step.
QList<ExportRequestHandler::Step> run(ExportRequestHandler &handler, const QByteArray &bytes, qsizetype pieceSize)
{
    QList<ExportRequestHandler::Step> steps;
    for (qsizetype at = 0; at < bytes.size(); at += pieceSize) {
        handler.append(QByteArrayView(bytes).sliced(at, qMin(pieceSize, bytes.size() - at)));
        while (auto step = handler.next())
            steps.append(std::move(*step));
    }
    return steps;
}

} // namespace

class TestExportRequestHandler final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptsInAnyPieces_data()
    {
        QTest::addColumn<qsizetype>("pieceSize");
        QTest::newRow("whole") << qsizetype(1 << 20);
        QTest::newRow("1") << qsizetype(1);
        QTest::newRow("7") << qsizetype(7);
    }
    void acceptsInAnyPieces()
    {
        QFETCH(qsizetype, pieceSize);
        ExportRequestHandler handler(16 * 1024, 4 * 1024 * 1024, true);
        const auto steps = run(handler, exportRequest(exportBody(QStringLiteral("m1"))), pieceSize);
        QCOMPARE(steps.size(), 1);
        const ExportRequestHandler::Step &step = steps.constFirst();
        QVERIFY(!step.interim);
        QVERIFY(step.reply.isAccepted());
        QCOMPARE(step.reply.messageId, QStringLiteral("m1"));
        QCOMPARE(step.head.method, QByteArray("POST"));
        QCOMPARE(step.head.target, QByteArray("/cimdiag"));
        HttpReplyParser parser;
        QCOMPARE(parser.feed(step.bytes), HttpReplyParser::State::Done);
        QCOMPARE(parser.status(), 200);
        QCOMPARE(httpHeaderValue(parser.headers(), "CIMExport"), QByteArray("MethodResponse"));
        QCOMPARE(parser.body(), step.reply.body);
        QVERIFY(!handler.isClosing()); // HTTP/1.1 keeps the connection
        QVERIFY(!handler.inRequest());
    }

    void continueThenPipelinedRequests()
    {
        ExportRequestHandler handler(16 * 1024, 4 * 1024 * 1024, true);
        const QByteArray bytes = exportRequest(exportBody(QStringLiteral("a")), "Expect: 100-continue\r\n")
            + exportRequest(exportBody(QStringLiteral("b")), "Connection: close\r\n") + "GET / HTTP/1.1\r\n\r\n";
        const auto steps = run(handler, bytes, bytes.size());
        QCOMPARE(steps.size(), 3);
        QVERIFY(steps.at(0).interim);
        QCOMPARE(steps.at(0).bytes, ExportRequestHandler::kContinue.toByteArray());
        QCOMPARE(steps.at(1).reply.messageId, QStringLiteral("a"));
        QCOMPARE(steps.at(2).reply.messageId, QStringLiteral("b"));
        QVERIFY(steps.at(2).reply.close);
        QVERIFY(steps.at(2).bytes.contains("\r\nConnection: close\r\n"));
        // Nothing after an answer that closes: the GET behind it is never answered.
        QVERIFY(handler.isClosing());
        QCOMPARE(handler.bufferedSize(), 0);
        handler.append("more");
        QVERIFY(!handler.next());
    }

    void refusalsClose_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        QTest::newRow("GET") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 405;
        QTest::newRow("not HTTP") << QByteArray("\x16\x03\x01\r\n\r\n") << 400;
        QTest::newRow("head too large") << QByteArray("POST / HTTP/1.1\r\nX: " + QByteArray(300, 'a')) << 431;
        QTest::newRow("body too large") << exportRequest(exportBody(QStringLiteral("x"))) << 413;
        QTest::newRow("chunked") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") << 411;
    }
    void refusalsClose()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        ExportRequestHandler handler(256, 64, true);
        const auto steps = run(handler, bytes, bytes.size());
        QCOMPARE(steps.size(), 1);
        QCOMPARE(steps.constFirst().reply.status, status);
        QVERIFY(!steps.constFirst().reply.reason.isEmpty());
        QVERIFY(handler.isClosing());
        HttpReplyParser parser;
        QCOMPARE(parser.feed(steps.constFirst().bytes), HttpReplyParser::State::Done);
        QCOMPARE(parser.status(), status);
    }

    void timeoutAnswers408OnlyInARequest()
    {
        ExportRequestHandler idle(16 * 1024, 1024, true);
        QVERIFY(!idle.timeout(1000));
        QVERIFY(idle.isClosing());

        ExportRequestHandler trickling(16 * 1024, 1024, true);
        const QByteArray full = exportRequest(exportBody(QStringLiteral("t")));
        QVERIFY(run(trickling, full.left(full.size() - 10), 5).isEmpty());
        QVERIFY(trickling.inRequest());
        const auto expired = trickling.timeout(1000);
        QVERIFY(expired);
        QCOMPARE(expired->reply.status, 408);
        QCOMPARE(expired->head.method, QByteArray("POST")); // the head had arrived
        QVERIFY(trickling.isClosing());
    }

    void mandatoryExtensionPrefix_data()
    {
        QTest::addColumn<QByteArray>("man");
        QTest::addColumn<QByteArray>("prefix");
        QTest::newRow("73") << QByteArray("http://www.dmtf.org/cim/mapping/http/v1.0;ns=73") << QByteArray("73-");
        QTest::newRow("blanks") << QByteArray("http://www.dmtf.org/cim/mapping/http/v1.0 ; ns=11 ;x")
                                << QByteArray("11-");
        QTest::newRow("no ns") << QByteArray("http://www.dmtf.org/cim/mapping/http/v1.0") << QByteArray();
        QTest::newRow("other extension") << QByteArray("http://example.com/ext;ns=73") << QByteArray();
        QTest::newRow("not digits") << QByteArray("http://www.dmtf.org/cim/mapping/http/v1.0;ns=7 3") << QByteArray();
        QTest::newRow("colon") << QByteArray("http://www.dmtf.org/cim/mapping/http/v1.0;ns=X: y") << QByteArray();
    }
    void mandatoryExtensionPrefix()
    {
        QFETCH(QByteArray, man);
        QFETCH(QByteArray, prefix);
        HttpRequestHead head;
        head.headers.append({QByteArrayLiteral("Man"), man});
        const std::optional<QByteArray> declared = HttpRequestParser::mandatoryExtensionPrefix(head);
        QCOMPARE(declared.value_or(QByteArray()), prefix);
    }

    void fuzzManPrefixCannotNameHeaders()
    {
        // FuzzExportRequest (issue #10): the ns of an M-POST's Man header went unchecked into the
        // names of the answer's headers ("4Expect: 100-\0\0\0\0\0\0d: ExportIndication-CIMExport"),
        // so a sender could write NUL bytes, blanks and colons into the response head. Now it is no
        // DMTF declaration: 510, and no header derived from it. (The crash input, its body shortened.)
        const QByteArray input = QByteArray::fromBase64(
            "TS1QT1NUIC9jaW1kaWFnIEhUVFAvMS4xDQpIb3N0OiAxMjcuMC4wLjENCkNvbnRlbnQtVHlwZTogYXBwbGljYXRpb24veG1sOyBj"
            "aGFyc2V0PSJ1dGYtOCINCk1hbjogaHR0cDovL3d3dy5kbXRmLm9yZy9jaW0vbWFwcGluZy9odHRwL3YxLjA7bnM9NEV4cGVjdDog"
            "MTAwLQAAAAAAAGQ6IEV4cG9ydEluZGljYXRpb24NCjQyLUNJTVByb3RvY29sVmVyc2lvbjogMS4wDQpDb250ZW50LUxlbmd0aDog"
            "Mw0KDQphYmM=");
        QVERIFY(input.contains(QByteArray("ns=4Expect: 100-\0\0", 18)));
        ExportRequestHandler handler(16 * 1024, 4 * 1024 * 1024, true);
        const auto steps = run(handler, input, input.size());
        QCOMPARE(steps.size(), 1);
        const ExportRequestHandler::Step &step = steps.constFirst();
        QCOMPARE(step.reply.status, 510);
        const QByteArray head = step.bytes.left(step.bytes.indexOf("\r\n\r\n"));
        QVERIFY(!head.contains('\0'));
        QVERIFY(!head.contains("Expect"));
        for (const auto &[name, value] : step.reply.headers)
            QVERIFY2(!name.contains(' ') && !name.contains(':'), name.constData());
    }
};

QTEST_GUILESS_MAIN(TestExportRequestHandler)
#include "TestExportRequestHandler.moc"
