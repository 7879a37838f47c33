// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/DiagnosticRun.h"
#include "core/diagnostics/HintCatalogue.h"
#include "core/log/LogEntry.h"
#include "core/log/LogRedactor.h"
#include "core/net/TlsProbeResult.h"
#include "core/report/ReportSection.h"
#include "core/wbem/WbemOperationStatistic.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace cimdiag {

class DiagnosticContext;
class DiagnosticLog;
class DiagnosticRunner;

/// Everything a support ticket needs about one finished (or cancelled) diagnosis, as a value that
/// holds no secret: built once from the run, its context and its log, then handed to the writers
/// (ReportJsonWriter, ReportHtmlWriter, ReportMarkdownWriter, ReportTextWriter; PDF in ui/export).
///
/// Redaction happens here, at build time, and is wider than the log's: every string (results,
/// log lines, server texts) loses the target's secrets, the log's secrets, their base64 and URL
/// (percent) encodings, and the value of any Authorization or Proxy-Authorization header (keeping
/// the scheme: "Basic ***"), whoever wrote it. The target keeps only the credentials' kind and
/// user, no client-key passphrase and the pin's digest only.
struct DiagnosticReport final
{
    /// "cimdiag-report/1" (docs/report-json.md, docs/report.schema.json).
    static QString schemaName() { return QStringLiteral("cimdiag-report/1"); }
    /// The log lines kept by default (the last ones); the rest are counted in logOmitted.
    static constexpr qsizetype defaultLogLimit = 2000;
    /// Longer log lines are cut (an HTTP body of megabytes helps no ticket).
    static constexpr qsizetype maxLogLineLength = 8000;

    /// Where the report was made.
    struct Environment
    {
        QString toolName; ///< QCoreApplication::applicationName() ("cimdiag-cli", "cimdiag")
        QString toolVersion; ///< CIMDIAG_VERSION
        QString os; ///< QSysInfo::prettyProductName()
        QString kernel; ///< kernelType kernelVersion
        QString architecture; ///< QSysInfo::currentCpuArchitecture()
        QString qtRuntimeVersion; ///< qVersion()
        QString qtBuildVersion; ///< QT_VERSION_STR
        QString openSslRuntimeVersion; ///< OpenSSL_version(OPENSSL_VERSION): what the TLS probe used
        QString openSslBuildVersion; ///< OPENSSL_VERSION_TEXT
        QString qtTlsBackend; ///< QSslSocket::sslLibraryVersionString(): what WbemConnection used
        /// "system" or "ca"; trustStoreDescription says which store or file exactly.
        QString trustStoreKind;
        QString trustStoreDescription;
        QString caFile;
        QString caDirectory;
        /// OpenSSL environment overrides that change the system store, "NAME=value": SSL_CERT_FILE,
        /// SSL_CERT_DIR (paths, not secrets).
        QStringList trustEnvironment;
        QDateTime generatedAt; ///< UTC
    };

    /// What the stages learned about the server (from DiagnosticFindings).
    struct ServerIdentity
    {
        QString serverHeader;
        bool speaksCimXml = false;
        bool authenticationRequired = false;
        QString realm;
        QStringList challengeSchemes;
        bool credentialsAccepted = false;
        QString interopNamespace;
        QStringList namespaces;
        QStringList registeredProfiles;
        QString objectManagerName;
        QString objectManagerVersion;
        std::optional<bool> pullSupported;
        QString sampleNamespace;
        QString sampleClassName;
        qsizetype sampleInstanceCount = 0;

        bool isEmpty() const
        {
            return serverHeader.isEmpty() && realm.isEmpty() && interopNamespace.isEmpty() && namespaces.isEmpty()
                && objectManagerName.isEmpty() && sampleClassName.isEmpty() && !speaksCimXml;
        }
    };

    Environment environment;
    /// The run: target without secrets, every stage's result redacted.
    DiagnosticRun run;
    /// Every hint id the results name (failed, warned or otherwise), in first-use order, with the
    /// catalogue's title, cause and remedy; an id the catalogue lacks has only its id.
    QList<Hint> hints;
    /// The TLS stage's default-policy probe (peer chain, negotiated parameters), when it ran.
    std::optional<TlsProbeResult> tls;
    ServerIdentity server;
    /// The shared connection's operation statistics, sorted by operation name.
    QList<WbemOperationStatistic> statistics;
    /// The last log lines (at most the limit given to fromRun), redacted.
    QList<LogEntry> logs;
    /// Lines not in logs: dropped by the bounded log, or beyond the report's limit.
    qsizetype logOmitted = 0;
    /// Further results (listener, SLP): see ReportSection.
    QList<ReportSection> sections;

    /// Builds the report. context and log may be null (no findings, statistics or logs then).
    static DiagnosticReport fromRun(const DiagnosticRun &run, const DiagnosticContext *context,
        const DiagnosticLog *log, qsizetype logLimit = defaultLogLimit);
    /// fromRun(runner.run(), &runner.context(), log).
    static DiagnosticReport fromRunner(
        const DiagnosticRunner &runner, const DiagnosticLog *log, qsizetype logLimit = defaultLogLimit);

    /// Adds a section, redacted with the same rules as the rest (a part that runs after the
    /// report was built passes its secrets, if it has any).
    void addSection(const ReportSection &section, const QStringList &secrets = {});

    /// The hint of that id, or nullptr.
    const Hint *hint(const QString &id) const;
    /// Milliseconds from the run's start to the stage's start (0 when unknown).
    qint64 startOffsetMs(const CheckResult &result) const;
    /// The redactor fromRun used, for secrets plus their encodings (exposed for tests and sections).
    static LogRedactor widenedRedactor(const QStringList &secrets);
    /// text with every Authorization / Proxy-Authorization header value replaced by "***"
    /// (the scheme kept).
    static QString redactAuthorizationHeaders(QString text);
};

} // namespace cimdiag
