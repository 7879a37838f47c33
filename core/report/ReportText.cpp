// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/ReportText.h"

#include "core/diagnostics/DiagnosticStage.h"

#include <algorithm>

namespace cimdiag {

QString ReportText::heading(Heading heading)
{
    switch (heading) {
    case Heading::Report:
        return tr("cimdiag report");
    case Heading::Summary:
        return tr("Summary");
    case Heading::Timeline:
        return tr("Stage timeline");
    case Heading::Stages:
        return tr("Stages");
    case Heading::Tls:
        return tr("TLS certificate chain");
    case Heading::Server:
        return tr("Server identity");
    case Heading::Statistics:
        return tr("Operation statistics");
    case Heading::Environment:
        return tr("Environment");
    case Heading::Log:
        return tr("Log");
    }
    return {};
}

QString ReportText::label(Label label)
{
    switch (label) {
    case Label::Stage:
        return tr("Stage");
    case Label::Status:
        return tr("Status");
    case Label::Start:
        return tr("Start (ms)");
    case Label::Duration:
        return tr("Duration (ms)");
    case Label::Summary:
        return tr("Summary");
    case Label::Details:
        return tr("Details");
    case Label::Evidence:
        return tr("Evidence");
    case Label::Hints:
        return tr("Hints");
    case Label::Cause:
        return tr("Cause");
    case Label::Remedy:
        return tr("Remedy");
    }
    return {};
}

QString ReportText::verdict(const DiagnosticReport &report)
{
    return tr("%1: %2").arg(report.run.target.displayUrl(), checkStatusTitle(report.run.overallStatus()));
}

QString ReportText::startedLine(const DiagnosticReport &report)
{
    QString line = tr("Started %1, took %2 ms")
                       .arg(report.run.startedAt.toUTC().toString(Qt::ISODate))
                       .arg(qint64(report.run.duration.count()));
    if (report.run.cancelled)
        line += u' ' + tr("(cancelled)");
    return line;
}

ReportText::Rows ReportText::environmentRows(const DiagnosticReport &report)
{
    const DiagnosticReport::Environment &env = report.environment;
    const Target &target = report.run.target;
    Rows rows;
    rows.append({tr("Tool"), env.toolName + u' ' + env.toolVersion});
    rows.append({tr("Operating system"),
        env.os + QStringLiteral(" (") + env.kernel + QStringLiteral(", ") + env.architecture + u')'});
    rows.append({tr("Qt"),
        tr("%1 (built with %2), TLS backend %3").arg(env.qtRuntimeVersion, env.qtBuildVersion, env.qtTlsBackend)});
    rows.append({tr("OpenSSL"), tr("%1 (built with %2)").arg(env.openSslRuntimeVersion, env.openSslBuildVersion)});
    rows.append({tr("Trust store"), env.trustStoreDescription});
    if (!env.trustEnvironment.isEmpty())
        rows.append({tr("Trust store environment"), env.trustEnvironment.join(QStringLiteral(", "))});
    rows.append({tr("Target"), target.displayUrl()});
    QString credentials;
    switch (target.credentials.kind) {
    case WbemCredentials::Kind::None:
        credentials = tr("none");
        break;
    case WbemCredentials::Kind::Basic:
        credentials = tr("Basic, user %1").arg(target.credentials.user);
        break;
    case WbemCredentials::Kind::CimTicket:
        credentials = tr("CIM ticket");
        break;
    }
    rows.append({tr("Credentials"), credentials});
    if (target.isHttps()) {
        QStringList tls;
        tls << (target.tls.verifyHostname ? tr("host name verified") : tr("host name not verified"));
        if (!target.tls.ignoredErrors.isEmpty())
            tls << tr("%n verification error(s) accepted", nullptr, int(target.tls.ignoredErrors.size()));
        if (!target.tls.pinnedDigest().isEmpty())
            tls << tr("pinned SHA-256 %1").arg(QString::fromLatin1(target.tls.pinnedDigest().toHex()));
        if (!target.tls.clientCertificateFile.isEmpty())
            tls << tr("client certificate %1").arg(target.tls.clientCertificateFile);
        rows.append({tr("TLS options"), tls.join(QStringLiteral(", "))});
    }
    rows.append({tr("Timeout"), tr("%1 ms per network step").arg(qint64(target.timeout.count()))});
    rows.append({tr("Report generated"), env.generatedAt.toString(Qt::ISODate)});
    return rows;
}

ReportText::Rows ReportText::serverRows(const DiagnosticReport &report)
{
    const DiagnosticReport::ServerIdentity &server = report.server;
    Rows rows;
    if (server.isEmpty())
        return rows;
    const auto add = [&rows](const QString &label, const QString &value) {
        if (!value.isEmpty())
            rows.append({label, value});
    };
    add(tr("Server header"), server.serverHeader);
    rows.append({tr("Speaks CIM-XML"), server.speaksCimXml ? tr("yes") : tr("no")});
    rows.append({tr("Authentication required"), server.authenticationRequired ? tr("yes") : tr("no")});
    add(tr("Realm"), server.realm);
    add(tr("Challenge schemes"), server.challengeSchemes.join(QStringLiteral(", ")));
    rows.append({tr("Credentials accepted"), server.credentialsAccepted ? tr("yes") : tr("no")});
    add(tr("Interop namespace"), server.interopNamespace);
    add(tr("Namespaces"), server.namespaces.join(QStringLiteral(", ")));
    add(tr("Registered profiles"), server.registeredProfiles.join(QStringLiteral(", ")));
    add(tr("Object manager"), QString(server.objectManagerName + u' ' + server.objectManagerVersion).trimmed());
    if (server.pullSupported)
        rows.append({tr("Pull operations"), *server.pullSupported ? tr("supported") : tr("not supported")});
    if (!server.sampleClassName.isEmpty())
        rows.append({tr("Sample enumerate"),
            tr("%n instance(s) of %1 in %2", nullptr, int(server.sampleInstanceCount))
                .arg(server.sampleClassName, server.sampleNamespace)});
    return rows;
}

ReportText::Rows ReportText::tlsRows(const DiagnosticReport &report)
{
    Rows rows;
    if (!report.tls)
        return rows;
    const TlsProbeResult &tls = *report.tls;
    if (tls.handshakeCompleted) {
        rows.append({tr("Protocol"), tls.protocol});
        rows.append({tr("Cipher"), tr("%1 (%2 bits)").arg(tls.cipher).arg(tls.cipherBits)});
        if (!tls.ephemeralKey.isEmpty())
            rows.append({tr("Key exchange"), tr("%1 (%2 bits)").arg(tls.ephemeralKey).arg(tls.ephemeralKeyBits)});
    } else {
        rows.append({tr("Handshake"), tr("not completed")});
    }
    rows.append({tr("Verification"), QStringLiteral("%1 %2").arg(tls.verifyResult).arg(tls.verifyResultText)});
    if (!tls.verifiedName.isEmpty())
        rows.append({tr("Name checked"),
            tls.verifiedName + QStringLiteral(" (") + (tls.hostnameMatches ? tr("matches") : tr("does not match"))
                + u')'});
    if (!tls.trustStore.isEmpty())
        rows.append({tr("Trust store"), tls.trustStore});
    return rows;
}

ReportText::Rows ReportText::certificateRows(const TlsCertificateInfo &certificate)
{
    Rows rows;
    rows.append({tr("Subject"), certificate.subject});
    rows.append({tr("Issuer"), certificate.issuer});
    if (!certificate.subjectAltNames.isEmpty())
        rows.append({tr("Subject alternative names"), certificate.subjectAltNames.join(QStringLiteral(", "))});
    rows.append({tr("Valid"),
        tr("%1 to %2").arg(certificate.notBefore.toString(Qt::ISODate), certificate.notAfter.toString(Qt::ISODate))});
    rows.append({tr("Key"), QStringLiteral("%1 %2").arg(certificate.keyType).arg(certificate.keyBits)});
    rows.append({tr("Signature"), certificate.signatureAlgorithm});
    rows.append({tr("SHA-256"), certificate.sha256Fingerprint});
    QStringList errors;
    for (const TlsCertificateInfo::VerifyError &error : certificate.verifyErrors)
        errors << QStringLiteral("%1 %2").arg(error.code).arg(error.text);
    rows.append({tr("Verification errors"), errors.isEmpty() ? tr("none") : errors.join(QStringLiteral("; "))});
    return rows;
}

QStringList ReportText::statisticsHeader()
{
    return {tr("Operation"), tr("Count"), tr("Errors"), tr("Client avg ms"), tr("Client max ms"), tr("Server avg ms"),
        tr("Request avg bytes"), tr("Reply avg bytes")};
}

QStringList ReportText::statisticsRow(const WbemOperationStatistic &s)
{
    return {s.name, QString::number(s.count), QString::number(s.errorCount),
        QString::number(s.clientTimeAvgUs() / 1000.0, 'f', 1),
        QString::number(double(s.clientTimeMaxUs) / 1000.0, 'f', 1),
        s.serverTimeCount ? QString::number(s.serverTimeAvgUs() / 1000.0, 'f', 1) : QStringLiteral("-"),
        QString::number(s.requestSizeAvg(), 'f', 0), QString::number(s.replySizeAvg(), 'f', 0)};
}

QStringList ReportText::timelineBars(const DiagnosticReport &report, int columns)
{
    qsizetype titleWidth = 0;
    for (const DiagnosticStage stage : allDiagnosticStages())
        titleWidth = qMax(titleWidth, diagnosticStageTitle(stage).size());
    qint64 total = qMax<qint64>(1, report.run.duration.count());
    for (const CheckResult &result : report.run.results)
        total = qMax(total, report.startOffsetMs(result) + qint64(result.duration.count()));
    QStringList lines;
    for (const CheckResult &result : report.run.results) {
        const qint64 offset = report.startOffsetMs(result);
        const int lead = int(offset * columns / total);
        const int length = qMax(1, int(qint64(result.duration.count()) * columns / total));
        lines << diagnosticStageTitle(result.stage).leftJustified(titleWidth) + QStringLiteral(" |")
                + QString(QString(lead, u' ') + QString(length, u'#')).leftJustified(columns) + QStringLiteral("| +")
                + QString::number(offset) + QStringLiteral(" ms, ") + QString::number(qint64(result.duration.count()))
                + QStringLiteral(" ms");
    }
    return lines;
}

QString ReportText::logLine(const LogEntry &entry)
{
    QString line = entry.time.toUTC().toString(QStringLiteral("HH:mm:ss.zzz")) + QStringLiteral(" [")
        + LogEntry::channelName(entry.channel) + QStringLiteral("] ");
    if (!entry.source.isEmpty())
        line += entry.source + QStringLiteral(": ");
    QString text = entry.text;
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    while (text.endsWith(u'\n'))
        text.chop(1);
    text.replace(u'\n', QStringLiteral("\n    "));
    return printable(line + text);
}

QString ReportText::printable(const QString &text)
{
    const auto isControl = [](QChar c) {
        const char16_t unit = c.unicode();
        return (unit < 0x20 && unit != u'\n' && unit != u'\t') || unit == 0x7f || (unit >= 0x80 && unit <= 0x9f);
    };
    if (std::none_of(text.cbegin(), text.cend(), isControl))
        return text;
    QString result;
    result.reserve(text.size() + 16);
    for (const QChar c : text) {
        if (isControl(c))
            result += QStringLiteral("\\x") + QString::number(c.unicode(), 16).rightJustified(2, u'0');
        else
            result += c;
    }
    return result;
}

} // namespace cimdiag
