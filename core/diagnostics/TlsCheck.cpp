// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/TlsCheck.h"

#include "core/diagnostics/DiagnosticContext.h"
#include "core/diagnostics/TlsDiagnosis.h"
#include "core/net/PrintableBytes.h"

namespace cimdiag {

TlsCheck::TlsCheck(DiagnosticContext &context, QObject *parent)
    : DiagnosticCheck(DiagnosticStage::Tls, context, parent)
{ }

TlsCheck::~TlsCheck() = default;

QList<DiagnosticStage> TlsCheck::prerequisites() const
{
    return {DiagnosticStage::Tcp};
}

QString TlsCheck::notApplicableReason() const
{
    return context().target().isHttps() ? QString() : tr("plain http: no TLS to check");
}

QString TlsCheck::endpoint() const
{
    const Target &target = context().target();
    const std::optional<QHostAddress> &address = context().findings().reachableAddress;
    QString text = target.host;
    if (address && address->toString() != target.host)
        text += QStringLiteral(" (") + address->toString() + QLatin1Char(')');
    return text + QLatin1Char(':') + QString::number(target.port);
}

TlsProbe::Options TlsCheck::probeOptions(TlsPolicy policy) const
{
    const Target &target = context().target();
    TlsProbe::Options options;
    options.host = target.host;
    // The address the TCP stage reached, so this stage tests the same path.
    if (context().findings().reachableAddress)
        options.address = *context().findings().reachableAddress;
    options.port = target.port;
    options.policy = policy;
    options.caFile = target.tls.caFile;
    options.caDirectory = target.tls.caDirectory;
    options.clientCertificateFile = target.tls.clientCertificateFile;
    options.clientKeyFile = target.tls.clientKeyFile;
    options.clientKeyPassphrase = target.tls.clientKeyPassphrase;
    options.verifyHostname = target.tls.verifyHostname;
    options.timeout = target.timeout;
    return options;
}

TlsProbe *TlsCheck::startProbe(TlsPolicy policy)
{
    auto *probe = new TlsProbe(probeOptions(policy), this);
    probe->start();
    return probe;
}

void TlsCheck::doStart()
{
    reportProgress(tr("TLS handshake with %1").arg(endpoint()));
    log(LogChannel::Http, LogSeverity::Info,
        QStringLiteral("TLS connect %1, policy default, SNI and verified name %2")
            .arg(endpoint(), context().target().host));
    m_default = startProbe(TlsPolicy::Default);
    connect(m_default, &TlsProbe::finished, this, &TlsCheck::onDefaultFinished);
}

void TlsCheck::doCancel()
{
    if (m_default)
        m_default->cancel();
    for (TlsProbe *probe : std::as_const(m_relaxed))
        probe->cancel();
}

void TlsCheck::logProbe(const TlsProbeResult &result)
{
    const QString policy = tlsPolicyName(result.policy);
    QString text;
    LogSeverity severity = LogSeverity::Info;
    if (!result.tcpConnected) {
        text = QStringLiteral("TLS [%1]: TCP connect failed: %2").arg(policy, result.tcpError);
        severity = LogSeverity::Warning;
    } else if (result.handshakeCompleted) {
        text = QStringLiteral("TLS [%1]: handshake OK in %2 ms: %3 %4, verify %5 (%6)")
                   .arg(policy)
                   .arg(double(result.handshakeTime.count()) / 1000.0, 0, 'f', 1)
                   .arg(result.protocol, result.cipher)
                   .arg(result.verifyResult)
                   .arg(result.verifyResultText);
        if (!result.httpStatusLine.isEmpty())
            text += QStringLiteral("; HTTP: ") + result.httpStatusLine;
    } else {
        severity = LogSeverity::Warning;
        text = QStringLiteral("TLS [%1]: handshake failed%2")
                   .arg(policy, result.timedOut ? QStringLiteral(" (timeout)") : QString());
        if (!result.openSslErrors.isEmpty())
            text += QStringLiteral(": ") + result.openSslErrors.join(QStringLiteral("; "));
        if (result.alertReceived)
            text += QStringLiteral("; alert received %1 %2")
                        .arg(result.alertReceived->code)
                        .arg(result.alertReceived->description);
        if (result.alertSent)
            text += QStringLiteral("; alert sent %1 %2").arg(result.alertSent->code).arg(result.alertSent->description);
        if (result.peerClosed)
            text += QStringLiteral("; peer closed (%1)").arg(result.peerCloseErrno);
        if (!result.firstBytes.isEmpty())
            text += QStringLiteral("; first bytes: ") + printableBytes(result.firstBytes);
    }
    if (result.clientCertificateRequested)
        text += result.clientCertificateSent ? QStringLiteral("; client certificate requested and sent")
                                             : QStringLiteral("; client certificate requested, none sent");
    log(LogChannel::Http, severity, text);
}

void TlsCheck::onDefaultFinished()
{
    const TlsProbeResult &result = m_default->result();
    if (result.cancelled)
        return; // cancel() finishes the check itself
    logProbe(result);
    context().findings().tls = result;
    // Relaxations can only tell something when a TLS server answered and refused: not after a
    // timeout, a failed connect, or a plain HTTP answer (C1).
    const bool worthRelaxing = result.tcpConnected && !result.handshakeCompleted && !result.timedOut
        && !result.firstBytes.startsWith("HTTP/");
    if (!worthRelaxing) {
        conclude();
        return;
    }
    reportProgress(tr("Default handshake failed; trying one relaxation at a time"));
    for (TlsPolicy policy : tlsRelaxations()) {
        log(LogChannel::Http, LogSeverity::Info,
            QStringLiteral("TLS connect %1, policy %2 (diagnosis only)").arg(endpoint(), tlsPolicyName(policy)));
        TlsProbe *probe = startProbe(policy);
        connect(probe, &TlsProbe::finished, this, [this, probe] { onRelaxedFinished(probe); });
        m_relaxed.append(probe);
    }
}

void TlsCheck::onRelaxedFinished(TlsProbe *probe)
{
    if (probe->result().cancelled)
        return;
    logProbe(probe->result());
    if (std::all_of(m_relaxed.cbegin(), m_relaxed.cend(), [](const TlsProbe *p) { return p->isFinished(); }))
        conclude();
}

void TlsCheck::conclude()
{
    QList<TlsProbeResult> relaxed;
    for (const TlsProbe *probe : std::as_const(m_relaxed))
        relaxed.append(probe->result());
    finish(TlsDiagnosis(context().target(), m_default->result(), relaxed).classify());
}

} // namespace cimdiag
