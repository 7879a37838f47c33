// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/HttpCheck.h"

#include "core/cimxml/CimRequestBuilder.h"
#include "core/cimxml/CimXmlWriter.h"
#include "core/diagnostics/DiagnosticContext.h"
#include "core/diagnostics/HttpDiagnosis.h"
#include "core/net/HttpProbe.h"
#include "core/net/PrintableBytes.h"

#include <QUrl>

namespace cimdiag {

namespace {

// Bodies in the log are cut here: enough to see an error page or a CIM ERROR element.
constexpr qsizetype kLoggedBody = 2048;

QString loggedBody(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(kLoggedBody));
    if (body.size() > kLoggedBody)
        text += QStringLiteral("\n[... %1 more bytes]").arg(body.size() - kLoggedBody);
    return text;
}

} // namespace

HttpCheck::HttpCheck(DiagnosticContext &context, QObject *parent)
    : DiagnosticCheck(DiagnosticStage::Http, context, parent)
{ }

HttpCheck::~HttpCheck() = default;

QList<DiagnosticStage> HttpCheck::prerequisites() const
{
    if (context().target().isHttps())
        return {DiagnosticStage::Tcp, DiagnosticStage::Tls};
    return {DiagnosticStage::Tcp};
}

QByteArray HttpCheck::cimRequest(const Target &target, bool expectContinue)
{
    // The same request the ServerIdentity stage will make with credentials: CIM_ObjectManager lives
    // in the interop namespace of every DSP1033 server, so a healthy CIMOM has an answer for it.
    const QString nameSpace = target.interopNamespaces.value(0, QStringLiteral("interop"));
    const CimOperationRequest request = CimRequestBuilder::enumerateInstanceNames(
        QStringLiteral("1001"), nameSpace, QStringLiteral("CIM_ObjectManager"));
    QList<std::pair<QByteArray, QByteArray>> extra;
    if (expectContinue)
        extra.append({QByteArrayLiteral("Expect"), QByteArrayLiteral("100-continue")});
    // DSP0200 7.3.3: the CIMObject value is URI-escaped, '/' stays (as WbemConnection sends it).
    return HttpProbe::cimPost(target.host, target.port, request.cimMethodHeader().toUtf8(),
        QUrl::toPercentEncoding(request.cimObjectHeader(), "/"), CimXmlWriter::request(request), extra);
}

void HttpCheck::doStart()
{
    const Target &target = context().target();
    const DiagnosticFindings &findings = context().findings();
    QHostAddress address;
    if (findings.reachableAddress)
        address = *findings.reachableAddress;
    else if (!findings.addresses.isEmpty())
        address = findings.addresses.first();
    else
        address = QHostAddress(target.host); // null for a name: the probe resolves it

    auto makeProbe = [this, &target, &address](bool expectContinue) {
        HttpProbe::Options options;
        options.host = target.host;
        options.address = address;
        options.port = target.port;
        options.tls = target.isHttps();
        options.request = cimRequest(target, expectContinue);
        options.timeout = target.timeout;
        // 2-way TLS: the same client certificate the TLS stage and the WBEM client present.
        options.clientCertificateFile = target.tls.clientCertificateFile;
        options.clientKeyFile = target.tls.clientKeyFile;
        options.clientKeyPassphrase = target.tls.clientKeyPassphrase;
        auto *probe = new HttpProbe(options, this);
        connect(probe, &HttpProbe::finished, this, &HttpCheck::onProbeFinished);
        return probe;
    };
    m_request = makeProbe(false);
    m_expect = makeProbe(true);

    const QString where
        = (address.isNull() ? target.host : address.toString()) + QLatin1Char(':') + QString::number(target.port);
    reportProgress(tr("Sending an unauthenticated CIM-XML request to %1 (%2)")
                       .arg(where, target.isHttps() ? QStringLiteral("https") : QStringLiteral("http")));
    logRequest(tr("Request (a)"), m_request->options().request);
    //: "Expect: 100-continue" is an HTTP header line: keep it as it is.
    logRequest(tr("Request (b), with Expect: 100-continue"), m_expect->options().request);
    m_request->start();
    m_expect->start();
}

void HttpCheck::onProbeFinished()
{
    if (isStopping() || isFinished() || !m_request || !m_expect)
        return;
    if (!m_request->isFinished() || !m_expect->isFinished())
        return;
    logReply(tr("Reply to (a)"), *m_request);
    logReply(tr("Reply to (b)"), *m_expect);
    CheckResult result
        = HttpDiagnosis::classify(context().target(), m_request->result(), &m_expect->result(), &context().findings());
    finish(std::move(result));
}

void HttpCheck::logRequest(const QString &label, const QByteArray &request) const
{
    const qsizetype headEnd = request.indexOf("\r\n\r\n");
    const QByteArray head = headEnd < 0 ? request : request.left(headEnd);
    const QByteArray body = headEnd < 0 ? QByteArray() : request.mid(headEnd + 4);
    QByteArray lines = head;
    lines.replace("\r\n", "\n");
    QString text = label + QStringLiteral(":\n") + QString::fromLatin1(lines);
    if (!body.isEmpty())
        text += QStringLiteral("\n\n") + loggedBody(body);
    log(LogChannel::Http, LogSeverity::Info, text);
}

void HttpCheck::logReply(const QString &label, const HttpProbe &probe) const
{
    const HttpProbeResult &r = probe.result();
    QString text = label + QStringLiteral(":\n");
    LogSeverity severity = LogSeverity::Info;
    if (r.isHttp) {
        text += QString::fromLatin1(r.statusLine);
        for (const auto &[name, value] : r.headers)
            text += QLatin1Char('\n') + QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromLatin1(value);
        if (!r.body.isEmpty())
            text += QStringLiteral("\n\n") + loggedBody(r.body);
        if (r.bodyTruncated)
            text += QStringLiteral("\n[body cut at %1 bytes]").arg(r.body.size());
    } else {
        severity = LogSeverity::Warning;
        if (!r.connected)
            text += tr("no connection: %1 (%2)").arg(r.connectError, r.connectErrno);
        else if (r.tlsFailed)
            text += tr("TLS error: %1").arg(r.tlsError);
        else if (r.timedOut)
            text += tr("no reply within %1 ms").arg(probe.options().timeout.count());
        else if (r.closedBeforeReply)
            text += tr("connection closed before a reply (%1)").arg(r.closeErrno);
        else if (r.cancelled)
            text += tr("cancelled");
        else
            text += tr("no HTTP reply");
        if (!r.protocolError.isEmpty())
            text += QStringLiteral("; ") + r.protocolError;
        if (!r.firstBytes.isEmpty())
            text += tr("\nfirst bytes: %1").arg(printableBytes(r.firstBytes));
    }
    text += tr("\n(first byte after %1 ms, total %2 ms)")
                .arg(QString::number(static_cast<double>(r.timeToFirstByte.count()) / 1000.0, 'f', 1),
                    QString::number(static_cast<double>(r.totalTime.count()) / 1000.0, 'f', 1));
    if (!r.clientCertificateError.isEmpty())
        text += tr("\nclient certificate not sent: %1").arg(r.clientCertificateError);
    log(LogChannel::Http, severity, text);
}

void HttpCheck::doCancel()
{
    if (m_request)
        m_request->cancel();
    if (m_expect)
        m_expect->cancel();
}

} // namespace cimdiag
