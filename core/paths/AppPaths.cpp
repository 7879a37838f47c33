// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/paths/AppPaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace cimdiag {

QString AppPaths::folderName()
{
    return QStringLiteral("cimdiag");
}

QString AppPaths::xdgBase(const char *variable, const QString &fallback)
{
    // "If an implementation encounters a relative path in any of these variables it should consider
    // the path invalid and ignore it" (XDG Base Directory Specification 0.8).
    const QString value = qEnvironmentVariable(variable);
    if (!value.isEmpty() && QDir::isAbsolutePath(value))
        return QDir::cleanPath(value);
    return QDir::cleanPath(QDir::homePath() + u'/' + fallback);
}

QString AppPaths::configDirectory()
{
    return xdgBase("XDG_CONFIG_HOME", QStringLiteral(".config")) + u'/' + folderName();
}

QString AppPaths::settingsFile()
{
    return configDirectory() + u'/' + folderName() + QStringLiteral(".conf");
}

std::unique_ptr<QSettings> AppPaths::settings()
{
    return std::make_unique<QSettings>(settingsFile(), QSettings::IniFormat);
}

QString AppPaths::stateDirectory()
{
    return xdgBase("XDG_STATE_HOME", QStringLiteral(".local/state")) + u'/' + folderName();
}

QString AppPaths::auditTrailFile()
{
    return stateDirectory() + QStringLiteral("/audit.jsonl");
}

QString AppPaths::logDirectory()
{
    return stateDirectory() + QStringLiteral("/logs");
}

QString AppPaths::cacheDirectory()
{
    return xdgBase("XDG_CACHE_HOME", QStringLiteral(".cache")) + u'/' + folderName();
}

QString AppPaths::reportDirectory()
{
    // QStandardPaths reads XDG_DOCUMENTS_DIR from user-dirs.dirs; it answers the home folder when
    // there is none.
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return documents.isEmpty() ? QDir::homePath() : documents;
}

bool AppPaths::ensureDirectory(const QString &path, QString *error)
{
    const QFileInfo info(path);
    if (info.isDir())
        return true;
    if (info.exists()) {
        if (error)
            *error = QCoreApplication::translate("AppPaths", "%1 exists and is not a folder.").arg(path);
        return false;
    }
    if (!QDir().mkpath(path)) {
        if (error)
            *error = QCoreApplication::translate("AppPaths", "Cannot create the folder %1.").arg(path);
        return false;
    }
    // The specification asks for 0700 on the base directories it creates; the same for ours.
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return true;
}

} // namespace cimdiag
