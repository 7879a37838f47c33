// SPDX-License-Identifier: GPL-3.0-or-later
// AppPaths: the XDG base directories, their defaults under $HOME, and the one folder all three
// programs share.
#include "core/paths/AppPaths.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace cimdiag;

class TestAppPaths : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void honoursXdgVariables();
    void defaultsUnderHome();
    void ignoresRelativeXdgVariables();
    void sameFolderWhateverTheApplicationName();
    void settingsGoToTheConfigFile();
    void ensureDirectoryCreatesPrivateFolders();
    void ensureDirectoryRefusesAFile();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QByteArray m_savedHome;
};

void TestAppPaths::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_savedHome = qgetenv("HOME");
    for (const char *name : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"})
        qunsetenv(name);
}

void TestAppPaths::cleanup()
{
    qputenv("HOME", m_savedHome);
    for (const char *name : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"})
        qunsetenv(name);
    QCoreApplication::setApplicationName(QStringLiteral("TestAppPaths"));
}

void TestAppPaths::honoursXdgVariables()
{
    const QString root = m_dir->path();
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(root + QStringLiteral("/conf")));
    qputenv("XDG_STATE_HOME", QFile::encodeName(root + QStringLiteral("/state/")));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(root + QStringLiteral("/cache")));

    QCOMPARE(AppPaths::configDirectory(), root + QStringLiteral("/conf/cimdiag"));
    QCOMPARE(AppPaths::settingsFile(), root + QStringLiteral("/conf/cimdiag/cimdiag.conf"));
    QCOMPARE(AppPaths::stateDirectory(), root + QStringLiteral("/state/cimdiag"));
    QCOMPARE(AppPaths::auditTrailFile(), root + QStringLiteral("/state/cimdiag/audit.jsonl"));
    QCOMPARE(AppPaths::logDirectory(), root + QStringLiteral("/state/cimdiag/logs"));
    QCOMPARE(AppPaths::cacheDirectory(), root + QStringLiteral("/cache/cimdiag"));
}

void TestAppPaths::defaultsUnderHome()
{
    const QString home = m_dir->path();
    qputenv("HOME", QFile::encodeName(home));
    QCOMPARE(AppPaths::configDirectory(), home + QStringLiteral("/.config/cimdiag"));
    QCOMPARE(AppPaths::stateDirectory(), home + QStringLiteral("/.local/state/cimdiag"));
    QCOMPARE(AppPaths::cacheDirectory(), home + QStringLiteral("/.cache/cimdiag"));
}

void TestAppPaths::ignoresRelativeXdgVariables()
{
    const QString home = m_dir->path();
    qputenv("HOME", QFile::encodeName(home));
    qputenv("XDG_CONFIG_HOME", "relative/conf");
    qputenv("XDG_STATE_HOME", "state");
    qputenv("XDG_CACHE_HOME", "./cache");
    QCOMPARE(AppPaths::configDirectory(), home + QStringLiteral("/.config/cimdiag"));
    QCOMPARE(AppPaths::stateDirectory(), home + QStringLiteral("/.local/state/cimdiag"));
    QCOMPARE(AppPaths::cacheDirectory(), home + QStringLiteral("/.cache/cimdiag"));
}

void TestAppPaths::sameFolderWhateverTheApplicationName()
{
    qputenv("XDG_STATE_HOME", QFile::encodeName(m_dir->path()));
    QCoreApplication::setApplicationName(QStringLiteral("cimdiag-cli"));
    const QString cli = AppPaths::auditTrailFile();
    QCoreApplication::setApplicationName(QStringLiteral("cimdiag"));
    QCOMPARE(AppPaths::auditTrailFile(), cli);
}

void TestAppPaths::settingsGoToTheConfigFile()
{
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir->path()));
    QVERIFY(!QFile::exists(AppPaths::settingsFile()));
    {
        const std::unique_ptr<QSettings> settings = AppPaths::settings();
        QCOMPARE(settings->fileName(), AppPaths::settingsFile());
        settings->setValue(QStringLiteral("test/value"), 42);
        settings->sync();
        QCOMPARE(settings->status(), QSettings::NoError);
    }
    QVERIFY(QFile::exists(AppPaths::settingsFile()));
    QCOMPARE(AppPaths::settings()->value(QStringLiteral("test/value")).toInt(), 42);
}

void TestAppPaths::ensureDirectoryCreatesPrivateFolders()
{
    qputenv("XDG_STATE_HOME", QFile::encodeName(m_dir->path() + QStringLiteral("/new/state")));
    QString error;
    QVERIFY(AppPaths::ensureDirectory(AppPaths::logDirectory(), &error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QFileInfo logs(AppPaths::logDirectory());
    QVERIFY(logs.isDir());
    QCOMPARE(logs.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteOther), QFile::Permissions());
    QVERIFY(AppPaths::ensureDirectory(AppPaths::logDirectory())); // already there
}

void TestAppPaths::ensureDirectoryRefusesAFile()
{
    const QString path = m_dir->filePath(QStringLiteral("plain-file"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QString error;
    QVERIFY(!AppPaths::ensureDirectory(path, &error));
    QVERIFY2(error.contains(path), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestAppPaths)
#include "TestAppPaths.moc"
