// SPDX-License-Identifier: GPL-3.0-or-later
// The verdicts of the name-resolution, TCP and HTTP stages from probe results, table-driven and
// without sockets: every catalogue row the stages can name (B1-B8, C2, D9-D19) and the findings.
#include "core/diagnostics/HttpDiagnosis.h"
#include "core/diagnostics/NameResolutionDiagnosis.h"
#include "core/diagnostics/TcpDiagnosis.h"
#include "core/net/PrintableBytes.h"

#include <QHostInfo>
#include <QTest>

using namespace cimdiag;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(CheckStatus)

namespace {

Target makeTarget(const QString &scheme, quint16 port, const QString &host = QStringLiteral("cim.example.com"))
{
    Target target;
    target.scheme = scheme;
    target.host = host;
    target.port = port;
    return target;
}

HttpProbeResult reply(
    int status, const QByteArray &reason, const WbemHttpHeaderList &headers = {}, const QByteArray &body = {})
{
    HttpProbeResult r;
    r.connected = true;
    r.isHttp = true;
    r.status = status;
    r.reason = reason;
    r.statusLine = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason;
    r.headers = headers;
    r.body = body;
    r.bodyComplete = true;
    r.firstBytes = r.statusLine.left(64);
    return r;
}

HttpProbeResult noHttp(const QByteArray &firstBytes, bool closed, const QString &closeErrno = {})
{
    HttpProbeResult r;
    r.connected = true;
    r.firstBytes = firstBytes;
    r.closedBeforeReply = closed;
    r.closeErrno = closeErrno;
    return r;
}

TcpProbeResult probe(const char *address, quint16 port, TcpProbeResult::Outcome outcome, const char *errnoName = "")
{
    TcpProbeResult r;
    r.address = QHostAddress(QString::fromLatin1(address));
    r.port = port;
    r.outcome = outcome;
    r.errnoName = QString::fromLatin1(errnoName);
    r.connectTime = outcome == TcpProbeResult::Outcome::Filtered ? 10000000us : 400us;
    return r;
}

QStringList ids(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *id : list)
        out.append(QString::fromLatin1(id));
    return out;
}

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

const WbemHttpHeaderList kCimOk {
    {"Content-Type", "application/xml; charset=\"utf-8\""}, {"CIMOperation", "MethodResponse"}};

} // namespace

class TestNetDiagnosis : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void http_data();
    void http();
    void httpFindings();
    void httpExpect();
    void httpEvidence();
    void tcp_data();
    void tcp();
    void tcpOtherPortAdvice();
    void tcpEvidence();
    void tcpOtherPortUnanswered();
    void nameResolution();
    void nameResolutionFailure();
};

void TestNetDiagnosis::http_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<HttpProbeResult>("result");
    QTest::addColumn<CheckStatus>("status");
    QTest::addColumn<QStringList>("hints");
    QTest::addColumn<QString>("summaryContains");

    const auto failed = CheckStatus::Failed;
    const auto passed = CheckStatus::Passed;
    const QString http = QStringLiteral("http");
    const QString https = QStringLiteral("https");

    HttpProbeResult refused;
    refused.connectError = QStringLiteral("Connection refused");
    refused.connectErrno = QStringLiteral("ECONNREFUSED");
    QTest::newRow("connect refused") << http << refused << failed << ids({"B2"}) << s("Connection refused");
    HttpProbeResult tlsFailed;
    tlsFailed.connected = true;
    tlsFailed.tlsFailed = true;
    tlsFailed.tlsError = QStringLiteral("handshake failure");
    QTest::newRow("tls failed") << https << tlsFailed << failed << ids({}) << s("handshake failure");
    QTest::newRow("tls alert on http") << http
                                       << noHttp(QByteArray("\x15\x03\x03\x00\x02\x02\x46", 7), true,
                                              QStringLiteral("EOF"))
                                       << failed << ids({"C2"}) << s("https://");
    QTest::newRow("closed on http") << http << noHttp({}, true, QStringLiteral("ECONNRESET")) << failed
                                    << ids({"C2", "B5"}) << s("TLS");
    QTest::newRow("closed on https") << https << noHttp({}, true, QStringLiteral("ECONNRESET")) << failed << ids({"B5"})
                                     << s("ECONNRESET");
    HttpProbeResult hung;
    hung.connected = true;
    hung.timedOut = true;
    QTest::newRow("timeout") << http << hung << failed << ids({"B6"}) << s("never answers");
    HttpProbeResult ssh = noHttp("SSH-2.0-OpenSSH_9.2", false);
    ssh.protocolError = QStringLiteral("The reply is not HTTP");
    QTest::newRow("another protocol") << http << ssh << failed << ids({"D18"}) << s("another service");
    HttpProbeResult interimFlood = noHttp("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 100 Continue", false);
    interimFlood.protocolError
        = QStringLiteral("The server sent too many interim 1xx replies (9, 225 bytes) and no final reply");
    QTest::newRow("broken HTTP: interim flood") << http << interimFlood << failed << ids({}) << s("too many interim");
    HttpProbeResult certificateRequired;
    certificateRequired.connected = true;
    certificateRequired.tlsFailed = true;
    certificateRequired.tlsError
        = QStringLiteral("Error while reading: error:0A00045C:SSL routines::tlsv13 alert certificate required");
    QTest::newRow("TLS alert 116 in the exchange")
        << https << certificateRequired << failed << ids({"C13"}) << s("certificate required");

    QTest::newRow("401") << http << reply(401, "Unauthorized", {{"WWW-Authenticate", "Basic realm=\"x\""}}) << passed
                         << ids({}) << s("authentication");
    QTest::newRow("200 MethodResponse") << https << reply(200, "OK", kCimOk) << passed << ids({}) << s("CIM-XML");
    QTest::newRow("200 html") << http << reply(200, "OK", {{"Content-Type", "text/html"}}) << failed << ids({"D18"})
                              << s("text/html");
    QTest::newRow("407") << http << reply(407, "Proxy Authentication Required", {{"Proxy-Authenticate", "Basic"}})
                         << failed << ids({"B8"}) << s("407");
    QTest::newRow("403") << http << reply(403, "Forbidden") << failed << ids({"D9"}) << s("403");
    const auto cimError = [](int status, const QByteArray &value) {
        return reply(status, status == 400 ? "Bad Request" : "Not Implemented",
            {{"CIMOperation", "MethodResponse"}, {"CIMError", value}});
    };
    QTest::newRow("unsupported-operation")
        << http << cimError(400, "unsupported-operation") << failed << ids({"D13"}) << s("unsupported-operation");
    QTest::newRow("header-mismatch") << http << cimError(400, "header-mismatch") << failed << ids({"D14"})
                                     << s("header-mismatch");
    QTest::newRow("request-not-valid") << http << cimError(400, "request-not-valid") << failed << ids({"D15"})
                                       << s("request-not-valid");
    QTest::newRow("request-not-well-formed")
        << http << cimError(400, "request-not-well-formed") << failed << ids({"D15"}) << s("request-not-well-formed");
    QTest::newRow("unsupported-protocol-version")
        << http << cimError(501, "unsupported-protocol-version") << failed << ids({"D16"}) << s("501");
    QTest::newRow("unsupported-cim-version")
        << http << cimError(501, "unsupported-cim-version") << failed << ids({"D16"}) << s("unsupported-cim-version");
    QTest::newRow("unsupported-dtd-version")
        << http << cimError(501, "unsupported-dtd-version") << failed << ids({"D16"}) << s("unsupported-dtd-version");
    QTest::newRow("multiple-requests-unsupported")
        << http << cimError(501, "multiple-requests-unsupported") << failed << ids({"D16"}) << s("multiple-requests");
    QTest::newRow("400 plain") << http << reply(400, "Bad Request") << failed << ids({"D12"}) << s("400");
    QTest::newRow("405") << http << reply(405, "Method Not Allowed") << failed << ids({"D17"}) << s("405");
    QTest::newRow("501 plain") << http << reply(501, "Not Implemented") << failed << ids({"D17"}) << s("501");
    QTest::newRow("510") << http << reply(510, "Not Extended") << failed << ids({"D17"}) << s("510");
    QTest::newRow("411") << http << reply(411, "Length Required") << failed << ids({"D11"}) << s("411");
    QTest::newRow("417") << http << reply(417, "Expectation Failed") << failed << ids({"D10"}) << s("417");
    QTest::newRow("503") << http << reply(503, "Service Unavailable") << failed << ids({"D19"}) << s("503");
    QTest::newRow("500") << http << reply(500, "Internal Server Error") << failed << ids({})
                         << s("500 Internal Server Error");
    QTest::newRow("400 plain via proxy") << http << reply(400, "Bad Request", {{"Via", "1.1 squid"}}) << failed
                                         << ids({"D12", "B8"}) << s("400");
    QTest::newRow("200 via proxy") << http << reply(200, "OK", kCimOk + WbemHttpHeaderList {{"Via", "1.1 squid"}})
                                   << passed << ids({}) << s("CIM-XML");
}

void TestNetDiagnosis::http()
{
    QFETCH(QString, scheme);
    QFETCH(HttpProbeResult, result);
    QFETCH(CheckStatus, status);
    QFETCH(QStringList, hints);
    QFETCH(QString, summaryContains);

    const Target target = makeTarget(scheme, scheme == QLatin1String("https") ? 5989 : 5988);
    const CheckResult verdict = HttpDiagnosis::classify(target, result, nullptr, nullptr);
    QCOMPARE(verdict.status, status);
    QCOMPARE(verdict.hintIds, hints);
    QVERIFY2(verdict.summary.contains(summaryContains), qPrintable(verdict.summary));
}

void TestNetDiagnosis::httpFindings()
{
    const Target target = makeTarget(QStringLiteral("https"), 5989);
    DiagnosticFindings findings;
    HttpDiagnosis::classify(target, reply(401, "Unauthorized", {{"Server", "sfcHttpd"}}), nullptr, &findings);
    QVERIFY(findings.authenticationRequired);
    QVERIFY(!findings.speaksCimXml);
    QCOMPARE(findings.serverHeader, QStringLiteral("sfcHttpd"));

    DiagnosticFindings cim;
    const CheckResult ok = HttpDiagnosis::classify(
        target, reply(200, "OK", kCimOk + WbemHttpHeaderList {{"Server", "OpenPegasus/2.14"}}), nullptr, &cim);
    QVERIFY(cim.speaksCimXml);
    QVERIFY(!cim.authenticationRequired);
    QVERIFY(ok.details.join(u'\n').contains(QLatin1String("OpenPegasus")));

    const CheckResult sfcb
        = HttpDiagnosis::classify(target, reply(401, "Unauthorized", {{"Server", "sfcHttpd"}}), nullptr, nullptr);
    QVERIFY(sfcb.details.join(u'\n').contains(QLatin1String("SFCB")));

    const CheckResult via = HttpDiagnosis::classify(
        target, reply(200, "OK", kCimOk + WbemHttpHeaderList {{"Via", "1.1 squid"}}), nullptr, nullptr);
    QVERIFY(via.details.join(u'\n').contains(QLatin1String("proxy")));
    QCOMPARE(via.evidenceValue(u"http.Via"), QStringLiteral("1.1 squid"));
}

void TestNetDiagnosis::httpExpect()
{
    const Target target = makeTarget(QStringLiteral("http"), 5988);
    const HttpProbeResult ok = reply(401, "Unauthorized");
    const HttpProbeResult refusesExpect = reply(417, "Expectation Failed");

    const CheckResult warned = HttpDiagnosis::classify(target, ok, &refusesExpect, nullptr);
    QCOMPARE(warned.status, CheckStatus::Warning);
    QCOMPARE(warned.hintIds, QStringList {QStringLiteral("D10")});
    QVERIFY(warned.summary.contains(QLatin1String("Expect")));
    QVERIFY(warned.details.join(u'\n').contains(QLatin1String("curl")));
    QCOMPARE(warned.evidenceValue(u"http.expect.status"), QStringLiteral("HTTP/1.1 417 Expectation Failed"));

    // Only when (a) looked fine: a failed (a) keeps its own verdict.
    const CheckResult failed = HttpDiagnosis::classify(target, reply(403, "Forbidden"), &refusesExpect, nullptr);
    QCOMPARE(failed.hintIds, QStringList {QStringLiteral("D9")});

    const HttpProbeResult accepts = reply(401, "Unauthorized");
    const CheckResult passed = HttpDiagnosis::classify(target, ok, &accepts, nullptr);
    QCOMPARE(passed.status, CheckStatus::Passed);
}

void TestNetDiagnosis::httpEvidence()
{
    const Target target = makeTarget(QStringLiteral("http"), 5988);
    const CheckResult r = HttpDiagnosis::classify(target,
        reply(400, "Bad Request",
            {{"Server", "sfcHttpd"}, {"CIMOperation", "MethodResponse"}, {"CIMError", "header-mismatch"},
                {"Content-Type", "text/plain"}}),
        nullptr, nullptr);
    QCOMPARE(r.evidenceValue(u"http.status"), QStringLiteral("HTTP/1.1 400 Bad Request"));
    QCOMPARE(r.evidenceValue(u"http.Server"), QStringLiteral("sfcHttpd"));
    QCOMPARE(r.evidenceValue(u"http.CIMOperation"), QStringLiteral("MethodResponse"));
    QCOMPARE(r.evidenceValue(u"http.CIMError"), QStringLiteral("header-mismatch"));
    QCOMPARE(r.evidenceValue(u"http.Content-Type"), QStringLiteral("text/plain"));
    QVERIFY(r.evidenceValue(u"http.Via").isEmpty());

    const CheckResult tls = HttpDiagnosis::classify(
        target, noHttp(QByteArray("\x15\x03\x03\x00\x02", 5), true, QStringLiteral("EOF")), nullptr, nullptr);
    QCOMPARE(tls.evidenceValue(u"http.firstBytes"), QStringLiteral("\\x15\\x03\\x03\\x00\\x02"));
    QCOMPARE(printableBytes("HTTP/1.1 200\r\n"), QStringLiteral("HTTP/1.1 200\\r\\n"));
}

void TestNetDiagnosis::tcp_data()
{
    using O = TcpProbeResult::Outcome;
    QTest::addColumn<QList<TcpProbeResult>>("targetPort");
    QTest::addColumn<QList<TcpProbeResult>>("otherPort");
    QTest::addColumn<CheckStatus>("status");
    QTest::addColumn<QStringList>("hints");
    QTest::addColumn<QString>("summaryContains");

    const QList<TcpProbeResult> otherClosed {probe("192.0.2.10", 5988, O::Refused, "ECONNREFUSED")};
    QTest::newRow("open") << QList<TcpProbeResult> {probe("192.0.2.10", 5989, O::Open)} << otherClosed
                          << CheckStatus::Passed << ids({}) << s("0.4 ms");
    QTest::newRow("open on both families")
        << QList<TcpProbeResult> {probe("192.0.2.10", 5989, O::Open), probe("2001:db8::10", 5989, O::Open)}
        << otherClosed << CheckStatus::Passed << ids({}) << s("all 2 addresses");
    QTest::newRow("IPv6 refused") << QList<TcpProbeResult> {probe("2001:db8::10", 5989, O::Refused, "ECONNREFUSED"),
        probe("192.0.2.10", 5989, O::Open)}
                                  << otherClosed << CheckStatus::Warning << ids({"B7", "B2"})
                                  << s("open over IPv4 but not over IPv6");
    QTest::newRow("IPv4 filtered") << QList<TcpProbeResult> {probe("2001:db8::10", 5989, O::Open),
        probe("192.0.2.10", 5989, O::Filtered, "ETIMEDOUT")}
                                   << otherClosed << CheckStatus::Warning << ids({"B7", "B3"}) << s("not over IPv4");
    QTest::newRow("one of two IPv4 refused") << QList<TcpProbeResult> {probe("192.0.2.10", 5989, O::Open),
        probe("192.0.2.11", 5989, O::Refused, "ECONNREFUSED")}
                                             << otherClosed << CheckStatus::Warning << ids({"B2"}) << s("192.0.2.11");
    QTest::newRow("refused") << QList<TcpProbeResult> {probe("192.0.2.10", 5989, O::Refused, "ECONNREFUSED")}
                             << otherClosed << CheckStatus::Failed << ids({"B2"}) << s("ECONNREFUSED");
    QTest::newRow("filtered") << QList<TcpProbeResult> {probe("192.0.2.10", 5989, O::Filtered, "ETIMEDOUT")}
                              << otherClosed << CheckStatus::Failed << ids({"B3"}) << s("silently dropped");
    QTest::newRow("unreachable") << QList<TcpProbeResult> {probe("192.0.2.10", 5989, O::Unreachable, "EHOSTUNREACH")}
                                 << otherClosed << CheckStatus::Failed << ids({"B4"}) << s("EHOSTUNREACH");
    QTest::newRow("reset") << QList<TcpProbeResult> {probe("192.0.2.10", 5989, O::ResetAfterAccept, "ECONNRESET")}
                           << otherClosed << CheckStatus::Failed << ids({"B5"}) << s("reset it (ECONNRESET)");
    QTest::newRow("eof") << QList<TcpProbeResult> {probe("192.0.2.10", 5989, O::ResetAfterAccept, "EOF")} << otherClosed
                         << CheckStatus::Failed << ids({"B5"}) << s("EOF");
    QTest::newRow("filtered, other open") << QList<TcpProbeResult> {probe("192.0.2.10", 5989, O::Filtered, "ETIMEDOUT")}
                                          << QList<TcpProbeResult> {probe("192.0.2.10", 5988, O::Open)}
                                          << CheckStatus::Failed << ids({"B3", "B2"}) << s("port 5988 (http) is open");
}

void TestNetDiagnosis::tcp()
{
    QFETCH(QList<TcpProbeResult>, targetPort);
    QFETCH(QList<TcpProbeResult>, otherPort);
    QFETCH(CheckStatus, status);
    QFETCH(QStringList, hints);
    QFETCH(QString, summaryContains);
    const CheckResult r = TcpDiagnosis::classify(makeTarget(QStringLiteral("https"), 5989), targetPort, otherPort);
    QCOMPARE(r.status, status);
    QCOMPARE(r.hintIds, hints);
    QVERIFY2(r.summary.contains(summaryContains), qPrintable(r.summary));
    // Every probe is in the details and the evidence.
    QCOMPARE(r.evidence.size(), targetPort.size() + otherPort.size());
    QVERIFY(r.details.join(u'\n').contains(QLatin1String("The other CIM port 5988 (http)")));
}

void TestNetDiagnosis::tcpOtherPortAdvice()
{
    using O = TcpProbeResult::Outcome;
    // https on 5989 refused, 5988 open: B2's remedy, "try the other port", spelt out.
    const CheckResult https = TcpDiagnosis::classify(makeTarget(QStringLiteral("https"), 5989, QStringLiteral("esx01")),
        {probe("192.0.2.10", 5989, O::Refused, "ECONNREFUSED")}, {probe("192.0.2.10", 5988, O::Open)});
    QCOMPARE(https.status, CheckStatus::Failed);
    QCOMPARE(https.hintIds, QStringList {QStringLiteral("B2")});
    QVERIFY2(https.summary.contains(QLatin1String("5989 refused")), qPrintable(https.summary));
    QVERIFY2(https.summary.contains(QLatin1String("try http://esx01:5988")), qPrintable(https.summary));

    const CheckResult http = TcpDiagnosis::classify(makeTarget(QStringLiteral("http"), 5988, QStringLiteral("fe80::1")),
        {probe("fe80::1", 5988, O::Refused, "ECONNREFUSED")}, {probe("fe80::1", 5989, O::Open)});
    QVERIFY2(http.summary.contains(QLatin1String("try https://[fe80::1]:5989")), qPrintable(http.summary));

    // Open on the target port: the other port is a detail only.
    const CheckResult fine = TcpDiagnosis::classify(makeTarget(QStringLiteral("https"), 5989),
        {probe("192.0.2.10", 5989, O::Open)}, {probe("192.0.2.10", 5988, O::Open)});
    QCOMPARE(fine.status, CheckStatus::Passed);
    QVERIFY(!fine.summary.contains(QLatin1String("5988")));
}

void TestNetDiagnosis::tcpEvidence()
{
    using O = TcpProbeResult::Outcome;
    const QList<TcpProbeResult> results {probe("2001:db8::10", 5989, O::Refused, "ECONNREFUSED"),
        probe("192.0.2.10", 5989, O::Open), probe("192.0.2.11", 5989, O::Open)};
    const CheckResult r = TcpDiagnosis::classify(makeTarget(QStringLiteral("https"), 5989), results, {});
    QCOMPARE(r.evidenceValue(u"tcp.5989.192.0.2.10"), QStringLiteral("open 0.4 ms"));
    QCOMPARE(r.evidenceValue(u"tcp.5989.2001:db8::10"), QStringLiteral("ECONNREFUSED"));
    QCOMPARE(TcpDiagnosis::reachableAddress(results),
        std::optional<QHostAddress>(QHostAddress(QStringLiteral("192.0.2.10"))));
    QVERIFY(!TcpDiagnosis::reachableAddress({results.first()}).has_value());
}

void TestNetDiagnosis::tcpOtherPortUnanswered()
{
    // The TCP stage stops waiting for the other port after its grace: that port is then neither
    // open nor a failure of the stage, and the details say it was not waited for.
    using O = TcpProbeResult::Outcome;
    const TcpProbeResult cut = TcpDiagnosis::unanswered(QHostAddress(QStringLiteral("192.0.2.10")), 5988, 1000ms);
    QVERIFY(TcpDiagnosis::isUnanswered(cut));
    QVERIFY(!TcpDiagnosis::isUnanswered(probe("192.0.2.10", 5988, O::Filtered, "ETIMEDOUT")));
    QVERIFY(!TcpDiagnosis::isUnanswered(probe("192.0.2.10", 5988, O::Refused, "ECONNREFUSED")));
    QCOMPARE(cut.outcome, O::Filtered);
    QCOMPARE(cut.port, quint16(5988));

    const CheckResult r = TcpDiagnosis::classify(
        makeTarget(QStringLiteral("https"), 5989), {probe("192.0.2.10", 5989, O::Open)}, {cut});
    QCOMPARE(r.status, CheckStatus::Passed);
    QVERIFY2(r.hintIds.isEmpty(), qPrintable(r.hintIds.join(u',')));
    const QString details = r.details.join(u'\n');
    QVERIFY2(
        details.contains(QStringLiteral("The other CIM port 5988 (http): 192.0.2.10 no answer within 1 s (filtered?)")),
        qPrintable(details));
    QCOMPARE(r.evidenceValue(u"tcp.5988.192.0.2.10"), QStringLiteral("no answer within 1000 ms"));

    // A grace below a second (a short --timeout) is said in milliseconds; a real timeout stays "(filtered)".
    const CheckResult shortGrace
        = TcpDiagnosis::classify(makeTarget(QStringLiteral("https"), 5989), {probe("192.0.2.10", 5989, O::Open)},
            {TcpDiagnosis::unanswered(QHostAddress(QStringLiteral("192.0.2.10")), 5988, 500ms)});
    QVERIFY2(shortGrace.details.join(u'\n').contains(QStringLiteral("no answer within 500 ms (filtered?)")),
        qPrintable(shortGrace.details.join(u'\n')));
    const CheckResult timedOut = TcpDiagnosis::classify(makeTarget(QStringLiteral("https"), 5989),
        {probe("192.0.2.10", 5989, O::Open)}, {probe("192.0.2.10", 5988, O::Filtered, "ETIMEDOUT")});
    QVERIFY(!timedOut.details.join(u'\n').contains(QStringLiteral("(filtered?)")));
    QVERIFY(timedOut.details.join(u'\n').contains(QStringLiteral("(filtered)")));
}

void TestNetDiagnosis::nameResolution()
{
    const CheckResult literal = NameResolutionDiagnosis::forLiteral(QHostAddress(QStringLiteral("2001:db8::1")));
    QCOMPARE(literal.status, CheckStatus::Passed);
    QVERIFY(literal.summary.contains(QLatin1String("no lookup needed")));
    QCOMPARE(literal.evidenceValue(u"dns.AAAA"), QStringLiteral("2001:db8::1"));

    QHostInfo both;
    both.setAddresses({QHostAddress(QStringLiteral("2001:db8::10")), QHostAddress(QStringLiteral("192.0.2.10")),
        QHostAddress(QStringLiteral("192.0.2.11"))});
    QList<QHostAddress> addresses;
    const CheckResult r = NameResolutionDiagnosis::classify(QStringLiteral("cim.example.com"), both, &addresses);
    QCOMPARE(r.status, CheckStatus::Passed);
    QCOMPARE(r.evidenceValue(u"dns.A"), QStringLiteral("192.0.2.10, 192.0.2.11"));
    QCOMPARE(r.evidenceValue(u"dns.AAAA"), QStringLiteral("2001:db8::10"));
    // The resolver's order is kept (and said).
    QCOMPARE(addresses.size(), 3);
    QCOMPARE(addresses.first(), QHostAddress(QStringLiteral("2001:db8::10")));
    QVERIFY(r.details.join(u'\n').contains(QLatin1String("resolver's order")));

    QHostInfo v6only;
    v6only.setAddresses({QHostAddress(QStringLiteral("2001:db8::10"))});
    const CheckResult six = NameResolutionDiagnosis::classify(QStringLiteral("v6.example.com"), v6only, &addresses);
    QCOMPARE(six.status, CheckStatus::Passed);
    QVERIFY(six.summary.contains(QLatin1String("IPv6 only")));
    QVERIFY(six.details.join(u'\n').contains(QLatin1String("A (IPv4): none")));
    QVERIFY(six.evidenceValue(u"dns.A").isEmpty());
}

void TestNetDiagnosis::nameResolutionFailure()
{
    QHostInfo notFound;
    notFound.setError(QHostInfo::HostNotFound);
    notFound.setErrorString(QStringLiteral("Host not found"));
    QList<QHostAddress> addresses {QHostAddress(QHostAddress::LocalHost)};
    const CheckResult r = NameResolutionDiagnosis::classify(QStringLiteral("nosuch.example"), notFound, &addresses);
    QCOMPARE(r.status, CheckStatus::Failed);
    QCOMPARE(r.hintIds, QStringList {QStringLiteral("B1")});
    QVERIFY(addresses.isEmpty());
    QCOMPARE(r.evidenceValue(u"dns.error"), QStringLiteral("Host not found (EAI_NONAME)"));

    QHostInfo again;
    again.setError(QHostInfo::UnknownError);
    again.setErrorString(QStringLiteral("Temporary failure in name resolution"));
    QCOMPARE(NameResolutionDiagnosis::errnoName(again), QStringLiteral("EAI_AGAIN"));

    const CheckResult slow = NameResolutionDiagnosis::timedOut(QStringLiteral("slow.example"), 5000ms);
    QCOMPARE(slow.hintIds, QStringList {QStringLiteral("B1")});
    QVERIFY(slow.summary.contains(QLatin1String("5000 ms")));
}

QTEST_GUILESS_MAIN(TestNetDiagnosis)
#include "TestNetDiagnosis.moc"
