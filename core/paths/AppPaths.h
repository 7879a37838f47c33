// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <memory>

class QSettings;

namespace cimdiag {

/// Where every cimdiag program keeps its files, after the XDG Base Directory Specification. All three
/// programs share one folder name ("cimdiag") whatever their QCoreApplication::applicationName(), so
/// the desktop app and cimdiag-cli see the same settings and the same audit trail.
///
///   settings      $XDG_CONFIG_HOME/cimdiag/cimdiag.conf     (default ~/.config)
///   state         $XDG_STATE_HOME/cimdiag/                  (default ~/.local/state)
///     audit trail   audit.jsonl
///     logs          logs/
///   cache         $XDG_CACHE_HOME/cimdiag/                  (default ~/.cache)
///
/// Reports are never written behind the user's back: they go where the user saves them
/// (cimdiag-cli --report FILE, the export dialog), the dialog starting in reportDirectory().
///
/// As the specification says, a relative XDG_*_HOME is ignored. Nothing here creates a folder;
/// ensureDirectory() does, for the writer that needs it. Qt 6.4's QStandardPaths has no state
/// location (StateLocation came with 6.7), and its AppConfigLocation and CacheLocation append the
/// organisation and application names, which differ between the three programs: hence this class.
class AppPaths final
{
public:
    AppPaths() = delete;

    /// The folder name under each XDG base directory.
    static QString folderName();

    /// $XDG_CONFIG_HOME/cimdiag.
    static QString configDirectory();
    /// configDirectory()/cimdiag.conf: the QSettings file (INI format).
    static QString settingsFile();
    /// A QSettings on settingsFile(). The file is created on the first write.
    static std::unique_ptr<QSettings> settings();

    /// $XDG_STATE_HOME/cimdiag: data that outlives a run but is not configuration.
    static QString stateDirectory();
    /// stateDirectory()/audit.jsonl: the append-only audit trail (JSON Lines, issue #8).
    static QString auditTrailFile();
    /// stateDirectory()/logs: saved diagnosis logs.
    static QString logDirectory();

    /// $XDG_CACHE_HOME/cimdiag: anything that can be thrown away (e.g. fetched CIM schema data).
    static QString cacheDirectory();

    /// Where the export dialog starts: $XDG_DOCUMENTS_DIR, or the home folder without one.
    static QString reportDirectory();

    /// Creates path (and its parents) readable by the owner only, as the audit trail and logs name
    /// servers and users. True when it exists afterwards; error gets the reason otherwise.
    static bool ensureDirectory(const QString &path, QString *error = nullptr);

private:
    /// The variable's value when it is an absolute path, otherwise $HOME/fallback.
    static QString xdgBase(const char *variable, const QString &fallback);
};

} // namespace cimdiag
