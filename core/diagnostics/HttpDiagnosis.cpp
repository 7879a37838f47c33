// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/HttpDiagnosis.h"

#include "core/net/PrintableBytes.h"

#include <QCoreApplication>

namespace cimdiag {

namespace {

/// The translation context of this file's texts, for the free functions as for the class's own: lupdate
/// files Text::tr() strings under the macro's argument, the context Text::tr() uses at run time.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(cimdiag::HttpDiagnosis)
};

QString latin1(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes);
}

/// The same target on the other scheme (the port stays: C2 is about the scheme on this port).
QString withScheme(const Target &target, const QString &scheme)
{
    Target other = target;
    other.scheme = scheme;
    return other.displayUrl();
}

/// A result for a reply that never became an HTTP head.
CheckResult classifyNoHttp(const Target &target, const HttpProbeResult &reply)
{
    const quint16 port = target.port;
    if (!reply.connected) {
        QStringList hints;
        if (reply.connectErrno == QLatin1String("ECONNREFUSED"))
            hints.append(QStringLiteral("B2"));
        else if (reply.connectErrno == QLatin1String("ETIMEDOUT"))
            hints.append(QStringLiteral("B3"));
        CheckResult result = CheckResult::failed(
            Text::tr("Could not connect to port %1 for the HTTP request: %2").arg(port).arg(reply.connectError), hints);
        result.addDetail(
            Text::tr("The TCP stage could connect a moment ago; the server or a firewall changed its mind."));
        return result;
    }
    if (reply.tlsFailed) {
        // A TLS 1.3 server checks the client certificate after the handshake: its alert (116
        // certificate required, 42-49 for a certificate it rejects) ends the HTTP exchange (C13).
        const bool clientCertificateRefused
            = reply.tlsError.contains(QLatin1String("certificate required"), Qt::CaseInsensitive)
            || reply.tlsError.contains(QLatin1String("unknown ca"), Qt::CaseInsensitive)
            || reply.tlsError.contains(QLatin1String("bad certificate"), Qt::CaseInsensitive)
            || reply.tlsError.contains(QLatin1String("certificate unknown"), Qt::CaseInsensitive)
            || reply.tlsError.contains(QLatin1String("access denied"), Qt::CaseInsensitive);
        CheckResult result = CheckResult::failed(Text::tr("TLS failed for the HTTP request: %1").arg(reply.tlsError),
            clientCertificateRefused ? QStringList {QStringLiteral("C13")} : QStringList());
        if (!reply.clientCertificateError.isEmpty())
            result.addDetail(Text::tr("The client certificate was not sent: %1").arg(reply.clientCertificateError));
        result.addDetail(Text::tr("The TLS stage reports the handshake in detail."));
        return result;
    }
    if (!target.isHttps() && reply.looksLikeTls()) {
        // C2: the answer to plaintext is a TLS record (an alert, usually).
        CheckResult result = CheckResult::failed(Text::tr("Port %1 speaks TLS, not plain HTTP: use %2")
                                                     .arg(port)
                                                     .arg(withScheme(target, QStringLiteral("https"))),
            {QStringLiteral("C2")});
        result.addDetail(Text::tr("The reply to the plain HTTP request starts with a TLS record header."));
        return result;
    }
    if (reply.closedBeforeReply && reply.firstBytes.isEmpty()) {
        if (!target.isHttps()) {
            // C2: an OpenSSL server drops a plaintext request without an alert; B5 looks the same.
            CheckResult result = CheckResult::failed(
                Text::tr("Port %1 closed the connection without a reply to plain HTTP (%2): it probably speaks TLS; "
                         "try %3")
                    .arg(port)
                    .arg(reply.closeErrno, withScheme(target, QStringLiteral("https"))),
                {QStringLiteral("C2"), QStringLiteral("B5")});
            result.addDetail(Text::tr("If https:// fails too, the CIM server accepts connections and then drops them "
                                      "(B5): restart it."));
            return result;
        }
        return CheckResult::failed(Text::tr("The server accepted the request, then closed the connection without a "
                                            "byte (%1)")
                                       .arg(reply.closeErrno),
            {QStringLiteral("B5")});
    }
    if (reply.timedOut) {
        CheckResult result = CheckResult::failed(
            Text::tr("Port %1 connects but never answers: a hung provider or CIMOM").arg(port), {QStringLiteral("B6")});
        if (!reply.firstBytes.isEmpty())
            result.addDetail(Text::tr("Part of a reply arrived, then nothing more."));
        return result;
    }
    if (reply.cancelled)
        return CheckResult::skipped(Text::tr("Cancelled"));
    if (!reply.protocolError.isEmpty() && reply.firstBytes.startsWith("HTTP/")) {
        // It is an HTTP server, but a broken one (a stream of interim 1xx replies, a head over
        // 64 KiB, a bad Content-Length): a protocol error of the server, not another service.
        CheckResult result = CheckResult::failed(
            Text::tr("Port %1 answers with HTTP, but the reply is broken: %2").arg(port).arg(reply.protocolError));
        result.addDetail(Text::tr("The server does not follow HTTP/1.1; a CIM client cannot talk to it either."));
        return result;
    }
    if (!reply.protocolError.isEmpty()) {
        // Not HTTP at all: another service on the port (SSH, a database, a TLS service on https).
        CheckResult result = CheckResult::failed(
            Text::tr("Port %1 answers, but not with HTTP: it is another service").arg(port), {QStringLiteral("D18")});
        result.addDetail(reply.protocolError);
        return result;
    }
    if (reply.closedBeforeReply) {
        return CheckResult::failed(
            Text::tr("The server closed the connection in the middle of its reply head (%1)").arg(reply.closeErrno),
            {QStringLiteral("B5")});
    }
    return CheckResult::failed(Text::tr("No HTTP reply from port %1").arg(port));
}

} // namespace

QString HttpDiagnosis::serverProduct(const QByteArray &serverHeader)
{
    if (serverHeader.contains("sfcHttpd"))
        return QStringLiteral("SFCB (Small Footprint CIM Broker)");
    if (serverHeader.contains("Pegasus"))
        return QStringLiteral("OpenPegasus");
    return {};
}

QString HttpDiagnosis::cimErrorHint(const QByteArray &cimError)
{
    const QByteArray value = cimError.trimmed().toLower();
    if (value == "unsupported-operation")
        return QStringLiteral("D13");
    if (value == "header-mismatch")
        return QStringLiteral("D14");
    if (value == "request-not-valid" || value == "request-not-well-formed")
        return QStringLiteral("D15");
    if (value == "unsupported-protocol-version" || value == "unsupported-cim-version"
        || value == "unsupported-dtd-version" || value == "multiple-requests-unsupported")
        return QStringLiteral("D16");
    return {};
}

CheckResult HttpDiagnosis::classify(
    const Target &target, const HttpProbeResult &request, const HttpProbeResult *expect, DiagnosticFindings *findings)
{
    const quint16 port = target.port;
    CheckResult result;

    if (!request.isHttp) {
        result = classifyNoHttp(target, request);
        if (!request.firstBytes.isEmpty())
            result.addEvidence(QStringLiteral("http.firstBytes"), printableBytes(request.firstBytes));
        if (!request.connectErrno.isEmpty())
            result.addEvidence(QStringLiteral("http.connect"), request.connectErrno);
        if (!request.closeErrno.isEmpty())
            result.addEvidence(QStringLiteral("http.close"), request.closeErrno);
        if (request.timedOut)
            result.addEvidence(QStringLiteral("http.status"), QStringLiteral("none (timeout)"));
        return result;
    }

    const QByteArray server = request.header("Server");
    const QByteArray cimOperation = request.header("CIMOperation").trimmed();
    const QByteArray cimError = request.header("CIMError").trimmed();
    const QByteArray contentType = request.header("Content-Type");
    const QByteArray via = request.header("Via");
    const bool methodResponse = cimOperation.compare("MethodResponse", Qt::CaseInsensitive) == 0;
    if (findings) {
        findings->serverHeader = latin1(server);
        findings->speaksCimXml = findings->speaksCimXml || methodResponse;
    }

    const int status = request.status;
    const QString statusText = latin1(request.statusLine);
    switch (status) {
    case 401:
        result = CheckResult::passed(Text::tr("The HTTP server answers and asks for authentication (401)"));
        if (findings)
            findings->authenticationRequired = true;
        break;
    case 200:
        if (methodResponse) {
            result
                = CheckResult::passed(Text::tr("The port speaks CIM-XML: 200 with \"CIMOperation: MethodResponse\""));
            result.addDetail(Text::tr("The server answered without asking for credentials."));
        } else {
            result = CheckResult::failed(
                Text::tr("Port %1 answers, but it is another service: 200 without "
                         "\"CIMOperation: MethodResponse\" (%2)")
                    .arg(port)
                    .arg(contentType.isEmpty()
                            ? /*: Content-Type is an HTTP header name: keep it. */ Text::tr("no Content-Type")
                            : latin1(contentType)),
                {QStringLiteral("D18")});
        }
        break;
    case 407:
        result = CheckResult::failed(
            Text::tr("A proxy between here and the server asks for authentication (407)"), {QStringLiteral("B8")});
        break;
    case 403:
        result = CheckResult::failed(Text::tr("The server refuses the request (403 Forbidden): CIM servers do not "
                                              "answer 403, so a proxy, web UI or vendor front end probably does"),
            {QStringLiteral("D9")});
        break;
    case 411:
        result = CheckResult::failed(Text::tr("The server wants a Content-Length (411)"), {QStringLiteral("D11")});
        break;
    case 417:
        result = CheckResult::failed(
            Text::tr("The server refuses the request's Expect header (417)"), {QStringLiteral("D10")});
        break;
    case 503:
        result = CheckResult::failed(
            Text::tr("The server is unavailable or shutting down (503)"), {QStringLiteral("D19")});
        break;
    default:
        if ((status == 400 || status == 501) && !cimError.isEmpty()) {
            const QString hint = cimErrorHint(cimError);
            result = CheckResult::failed(
                Text::tr("The CIM server rejects the request: %1 with CIMError: %2").arg(statusText, latin1(cimError)),
                hint.isEmpty() ? QStringList() : QStringList {hint});
        } else if (status == 400) {
            result = CheckResult::failed(
                Text::tr("The server rejects the request's headers (400 without CIMError)"), {QStringLiteral("D12")});
        } else if (status == 405 || status == 501 || status == 510) {
            result = CheckResult::failed(Text::tr("The server does not accept the request method (%1)").arg(statusText),
                {QStringLiteral("D17")});
        } else {
            result = CheckResult::failed(Text::tr("Unexpected HTTP reply: %1").arg(statusText));
        }
        break;
    }

    const QString product = serverProduct(server);
    if (!server.isEmpty()) {
        // The reply's Server header line as received (protocol text, not translated), with the product
        // it names.
        result.addDetail(product.isEmpty() ? QStringLiteral("Server: %1").arg(latin1(server))
                                           : QStringLiteral("Server: %1 (%2)").arg(latin1(server), product));
    }
    if (!via.isEmpty()) {
        // B8: a Via header means a proxy forwarded the request.
        result.addDetail(
            Text::tr("A proxy is in the path (Via: %1); if it gets in the way, bypass it (NoProxy).").arg(latin1(via)));
        if (result.status != CheckStatus::Passed)
            result.addHint(QStringLiteral("B8"));
    }
    if (status == 407 && request.hasHeader("Proxy-Authenticate"))
        result.addEvidence(QStringLiteral("http.Proxy-Authenticate"), latin1(request.header("Proxy-Authenticate")));
    if (!request.protocolError.isEmpty())
        result.addDetail(Text::tr("The reply was not quite HTTP: %1").arg(request.protocolError));

    // (b) Expect: 100-continue, judged only when (a) was fine.
    if (expect && result.status == CheckStatus::Passed) {
        if (expect->isHttp && expect->status == 417) {
            CheckResult warned = CheckResult::warning(
                Text::tr("%1, but it refuses \"Expect: 100-continue\" (417)").arg(result.summary),
                {QStringLiteral("D10")});
            warned.details = result.details;
            warned.evidence = result.evidence;
            warned.addDetail(
                Text::tr("Clients that send Expect (curl with request bodies over 1 KiB, some Java clients) "
                         "fail against this server; cimdiag and pywbem do not send it."));
            result = warned;
        } else if (expect->isHttp) {
            result.addDetail(
                Text::tr("The request with \"Expect: 100-continue\" drew %1.").arg(latin1(expect->statusLine)));
        } else {
            result.addDetail(Text::tr("The request with \"Expect: 100-continue\" got no HTTP reply."));
        }
    }

    result.addEvidence(QStringLiteral("http.status"), statusText);
    for (const char *name : {"Server", "CIMOperation", "CIMError", "Content-Type", "Via", "WWW-Authenticate"}) {
        if (request.hasHeader(name))
            result.addEvidence(QStringLiteral("http.") + QLatin1String(name), latin1(request.header(name)));
    }
    if (expect && expect->isHttp)
        result.addEvidence(QStringLiteral("http.expect.status"), latin1(expect->statusLine));
    return result;
}

} // namespace cimdiag
