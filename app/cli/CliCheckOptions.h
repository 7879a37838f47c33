// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/DiagnosticStage.h"
#include "core/diagnostics/Target.h"
#include "core/log/LogEntry.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QList>
#include <QProcessEnvironment>
#include <QSslError>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace cimdiag {

/// The options of `cimdiag-cli check` (a value), parsed and validated from the command line: the
/// Target (or, with --hosts, the template every line of the file is applied to), which stages to
/// run, and how to present the results. parse() reads the password or ticket from standard input
/// or the environment: a secret is never accepted as an argument value (it would show in `ps`, the
/// shell history and audit logs).
class CliCheckOptions final
{
    Q_DECLARE_TR_FUNCTIONS(CliCheckOptions)

public:
    /// What parse() decided.
    enum class Action : quint8 {
        Run, ///< options() is valid
        Help, ///< text() is the help
        Version, ///< text() is the version line
        Usage, ///< text() says what is wrong (one or more lines, no program prefix)
    };

    struct Parsed;

    /// arguments: the program name, "check", then the command's own arguments. standardInput is
    /// read (one line) only for --password-stdin or --ticket-stdin; environment answers
    /// --password-env and --ticket-env.
    static Parsed parse(const QStringList &arguments, QIODevice *standardInput, const QProcessEnvironment &environment);

    /// The target of the single-target form, or the template of --hosts (host empty there).
    const Target &target() const { return m_target; }
    /// The target on one line of a --hosts file ("https://h:5989", "h:5989", "h"): its address
    /// with this command's credentials, TLS options, namespaces and timeout. nullopt and *error
    /// (translated) when the text is not a target.
    std::optional<Target> targetFor(const QString &text, QString *error) const;

    /// Empty: every stage.
    const QList<DiagnosticStage> &stages() const { return m_stages; }
    bool json() const { return m_json; }
    bool quiet() const { return m_quiet; }
    bool verbose() const { return m_verbose; }
    bool noColor() const { return m_noColor; }
    /// --report FILE, empty when not given.
    const QString &reportFile() const { return m_reportFile; }
    /// The channels --log streams to standard error.
    const QList<LogChannel> &logChannels() const { return m_logChannels; }
    /// --hosts FILE, empty in the single-target form.
    const QString &hostsFile() const { return m_hostsFile; }
    bool hostsMode() const { return !m_hostsFile.isEmpty(); }
    int parallel() const { return m_parallel; }
    /// --listener-cleanup: instead of a diagnosis, remove the cimdiag: indication objects earlier
    /// runs left on the server (ListenerCheckCleanup).
    bool listenerCleanup() const { return m_listenerCleanup; }

    static constexpr int kDefaultParallel = 8;
    static constexpr int kMaxParallel = 256;

    /// The --accept-tls-error names and the Qt verification errors each one accepts, in help order.
    static QList<std::pair<QString, QList<QSslError::SslError>>> tlsErrorNames();
    /// The --help description: what the command does, its exit statuses.
    static QString helpDescription();

private:
    CliCheckOptions() = default;

    Target m_target;
    QList<DiagnosticStage> m_stages;
    bool m_json = false;
    bool m_quiet = false;
    bool m_verbose = false;
    bool m_noColor = false;
    QString m_reportFile;
    QList<LogChannel> m_logChannels;
    QString m_hostsFile;
    int m_parallel = kDefaultParallel;
    bool m_listenerCleanup = false;
};

/// What CliCheckOptions::parse() returns (defined here: it holds a complete CliCheckOptions).
struct CliCheckOptions::Parsed
{
    Action action = Action::Usage;
    QString text;
    std::optional<CliCheckOptions> options;
};

} // namespace cimdiag
