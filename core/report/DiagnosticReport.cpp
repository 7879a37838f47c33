// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/DiagnosticReport.h"

#include "core/diagnostics/DiagnosticContext.h"
#include "core/diagnostics/DiagnosticRunner.h"
#include "core/diagnostics/ListenerCheck.h"
#include "core/log/DiagnosticLog.h"
#include "core/wbem/WbemStatistics.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSslSocket>
#include <QSysInfo>
#include <QUrl>

#include <openssl/crypto.h>
#include <openssl/opensslv.h>

namespace cimdiag {

namespace {

QString scrub(const LogRedactor &redactor, const QString &text)
{
    return DiagnosticReport::redactAuthorizationHeaders(redactor.redact(text));
}

QStringList scrub(const LogRedactor &redactor, QStringList list)
{
    for (QString &text : list)
        text = scrub(redactor, text);
    return list;
}

CheckResult scrub(const LogRedactor &redactor, const CheckResult &result)
{
    CheckResult copy = result.redacted(redactor);
    copy.summary = DiagnosticReport::redactAuthorizationHeaders(copy.summary);
    for (QString &line : copy.details)
        line = DiagnosticReport::redactAuthorizationHeaders(line);
    for (CheckEvidence &item : copy.evidence)
        item.value = DiagnosticReport::redactAuthorizationHeaders(item.value);
    return copy;
}

/// The target as a report may show it: who and where, never how to log in.
Target withoutSecrets(Target target)
{
    target.credentials.password.clear();
    target.credentials.ticket.clear();
    target.tls.clientKeyPassphrase.clear();
    return target;
}

DiagnosticReport::Environment makeEnvironment(const Target &target, const std::optional<TlsProbeResult> &tls)
{
    DiagnosticReport::Environment env;
    env.toolName = QCoreApplication::applicationName();
    env.toolVersion = QStringLiteral(CIMDIAG_VERSION);
    env.os = QSysInfo::prettyProductName();
    env.kernel = QSysInfo::kernelType() + u' ' + QSysInfo::kernelVersion();
    env.architecture = QSysInfo::currentCpuArchitecture();
    env.qtRuntimeVersion = QString::fromLatin1(qVersion());
    env.qtBuildVersion = QStringLiteral(QT_VERSION_STR);
    env.openSslRuntimeVersion = QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION));
    env.openSslBuildVersion = QStringLiteral(OPENSSL_VERSION_TEXT);
    env.qtTlsBackend = QSslSocket::sslLibraryVersionString();
    env.trustStoreKind = target.tls.usesSystemTrustStore() ? QStringLiteral("system") : QStringLiteral("ca");
    env.caFile = target.tls.caFile;
    env.caDirectory = target.tls.caDirectory;
    // OpenSSL reads these in place of its compiled-in paths; a forgotten export explains many a
    // "works in the shell, fails in the service" C9 report.
    for (const char *name : {"SSL_CERT_FILE", "SSL_CERT_DIR"}) {
        if (qEnvironmentVariableIsSet(name))
            env.trustEnvironment.append(QLatin1String(name) + u'=' + qEnvironmentVariable(name));
    }
    if (tls && !tls->trustStore.isEmpty()) {
        env.trustStoreDescription = tls->trustStore; // what the probe really verified with
    } else if (target.tls.usesSystemTrustStore()) {
        env.trustStoreDescription = QStringLiteral("system (Qt system store)");
    } else {
        env.trustStoreDescription = !target.tls.caFile.isEmpty() ? target.tls.caFile : target.tls.caDirectory;
    }
    env.generatedAt = QDateTime::currentDateTimeUtc();
    return env;
}

} // namespace

LogRedactor DiagnosticReport::widenedRedactor(const QStringList &secrets)
{
    QStringList all;
    for (const QString &secret : secrets) {
        if (secret.isEmpty())
            continue;
        all << secret;
        const QByteArray utf8 = secret.toUtf8();
        // A secret may surface encoded: base64 (an Authorization value a server echoes), percent-
        // encoded (a URL or a form body), form-encoded (spaces as '+').
        all << QString::fromLatin1(utf8.toBase64())
            << QString::fromLatin1(utf8.toBase64(QByteArray::OmitTrailingEquals))
            << QString::fromLatin1(QUrl::toPercentEncoding(secret))
            << QString::fromLatin1(QUrl::toPercentEncoding(secret).replace("%20", "+"));
    }
    return LogRedactor(all);
}

QString DiagnosticReport::redactAuthorizationHeaders(QString text)
{
    // "Authorization: Basic dXNlcjpwYXNz" -> "Authorization: Basic ***": the scheme helps the
    // reader (D5 asks which one was offered), the value never does. Values the log's redactor did
    // not know (another client's header pasted into a body) go too.
    static const QRegularExpression header(
        QStringLiteral("((?:Proxy-)?Authorization[ \\t]*:[ \\t]*)([A-Za-z][A-Za-z0-9_-]*)(?:[ \\t]+[^\\r\\n]*)?"),
        QRegularExpression::CaseInsensitiveOption);
    if (!text.contains(QLatin1String("uthorization"), Qt::CaseInsensitive))
        return text;
    text.replace(header, QStringLiteral("\\1\\2 ***"));
    return text;
}

DiagnosticReport DiagnosticReport::fromRunner(
    const DiagnosticRunner &runner, const DiagnosticLog *log, qsizetype logLimit)
{
    return fromRun(runner.run(), &runner.context(), log, logLimit);
}

DiagnosticReport DiagnosticReport::fromRun(
    const DiagnosticRun &run, const DiagnosticContext *context, const DiagnosticLog *log, qsizetype logLimit)
{
    QStringList secrets = run.target.secrets();
    if (context)
        secrets += context->target().secrets();
    if (log)
        secrets += log->redactor().secrets();
    const LogRedactor redactor = widenedRedactor(secrets);

    DiagnosticReport report;
    report.run = run;
    report.run.target = withoutSecrets(run.target);
    for (CheckResult &result : report.run.results)
        result = scrub(redactor, result);

    const HintCatalogue &catalogue = HintCatalogue::instance();
    QStringList ids;
    for (const CheckResult &result : std::as_const(report.run.results)) {
        for (const QString &id : result.hintIds) {
            if (!ids.contains(id))
                ids.append(id);
        }
    }
    for (const QString &id : std::as_const(ids)) {
        Hint hint = catalogue.hint(id).value_or(Hint {});
        hint.id = id;
        report.hints.append(hint);
    }

    if (context) {
        const DiagnosticFindings &findings = context->findings();
        if (findings.tls) {
            report.tls = findings.tls;
            report.tls->httpStatusLine = scrub(redactor, report.tls->httpStatusLine);
            report.tls->openSslErrors = scrub(redactor, report.tls->openSslErrors);
            report.tls->firstBytes = redactor.redact(report.tls->firstBytes);
        }
        ServerIdentity &server = report.server;
        server.serverHeader = scrub(redactor, findings.serverHeader);
        server.speaksCimXml = findings.speaksCimXml;
        server.authenticationRequired = findings.authenticationRequired;
        server.realm = scrub(redactor, findings.realm);
        server.challengeSchemes = scrub(redactor, findings.challengeSchemes);
        server.credentialsAccepted = findings.credentialsAccepted;
        server.interopNamespace = findings.interopNamespace;
        server.namespaces = findings.namespaces;
        server.registeredProfiles = findings.registeredProfiles;
        server.objectManagerName = scrub(redactor, findings.objectManagerName);
        server.objectManagerVersion = scrub(redactor, findings.objectManagerVersion);
        server.pullSupported = findings.pullSupported;
        server.sampleNamespace = findings.sampleNamespace;
        server.sampleClassName = findings.sampleClassName;
        server.sampleInstanceCount = findings.sampleInstances.size();
        if (const WbemStatistics *statistics = context->statistics())
            report.statistics = statistics->snapshot();
        // The listener stage's result with the indications it received, as the generic section.
        for (const CheckResult &result : run.results) {
            if (result.stage == DiagnosticStage::Listener && result.status != CheckStatus::Skipped)
                report.addSection(ListenerCheck::reportSection(result, findings.listener), secrets);
        }
    }
    report.environment = makeEnvironment(run.target, report.tls);

    if (log) {
        const QList<LogEntry> entries = log->entries();
        const qsizetype limit = qMax<qsizetype>(0, logLimit);
        const qsizetype first = qMax<qsizetype>(0, entries.size() - limit);
        report.logOmitted = log->droppedCount() + first;
        report.logs.reserve(entries.size() - first);
        for (qsizetype i = first; i < entries.size(); ++i) {
            LogEntry entry = entries.at(i);
            entry.source = scrub(redactor, entry.source);
            entry.text = scrub(redactor, entry.text);
            if (entry.text.size() > maxLogLineLength) {
                const qsizetype cut = entry.text.size() - maxLogLineLength;
                entry.text.truncate(maxLogLineLength);
                entry.text += QStringLiteral("\n[... %1 more characters]").arg(cut);
            }
            report.logs.append(entry);
        }
    }
    return report;
}

void DiagnosticReport::addSection(const ReportSection &section, const QStringList &secrets)
{
    const LogRedactor redactor = widenedRedactor(secrets);
    ReportSection copy = section;
    copy.title = scrub(redactor, copy.title);
    copy.summary = scrub(redactor, copy.summary);
    for (CheckEvidence &field : copy.fields)
        field.value = scrub(redactor, field.value);
    copy.lines = scrub(redactor, copy.lines);
    sections.append(copy);
}

const Hint *DiagnosticReport::hint(const QString &id) const
{
    for (const Hint &item : hints) {
        if (item.id == id)
            return &item;
    }
    return nullptr;
}

qint64 DiagnosticReport::startOffsetMs(const CheckResult &result) const
{
    if (!run.startedAt.isValid() || !result.startedAt.isValid())
        return 0;
    return qMax<qint64>(0, run.startedAt.msecsTo(result.startedAt));
}

} // namespace cimdiag
