// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/profile/ConnectionProfileStore.h"

#include "core/paths/AppPaths.h"
#include "core/profile/ProfileSecretJob.h"

#include <QCoreApplication>
#include <QPointer>
#include <QSettings>
#include <QUrl>

#include <qt6keychain/keychain.h>

namespace cimdiag {

namespace {

const QString kProfilesGroup = QStringLiteral("profiles");

QString kindName(WbemCredentials::Kind kind)
{
    switch (kind) {
    case WbemCredentials::Kind::Basic:
        return QStringLiteral("basic");
    case WbemCredentials::Kind::CimTicket:
        return QStringLiteral("cim-ticket");
    case WbemCredentials::Kind::None:
        break;
    }
    return QStringLiteral("none");
}

WbemCredentials::Kind kindFromName(const QString &name)
{
    if (name == QLatin1String("basic"))
        return WbemCredentials::Kind::Basic;
    if (name == QLatin1String("cim-ticket"))
        return WbemCredentials::Kind::CimTicket;
    return WbemCredentials::Kind::None;
}

QString keychainError(const QKeychain::Job &job)
{
    return QCoreApplication::translate("cimdiag::ConnectionProfileStore", "the system keychain: %1")
        .arg(job.errorString().isEmpty()
                ? QCoreApplication::translate("cimdiag::ConnectionProfileStore", "error %1").arg(int(job.error()))
                : job.errorString());
}

/// A keychain job that never falls back to a plain-text settings file (QtKeychain's insecure
/// fallback would write the secret where this class promises it never goes).
template<typename T> T *makeKeychainJob(const QString &service, const QString &key, QObject *parent)
{
    auto *job = new T(service, parent);
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    job->setKey(key);
    return job;
}

} // namespace

ConnectionProfileStore::ConnectionProfileStore(QObject *parent)
    : QObject(parent)
    , m_settings(AppPaths::settings()) // one settings file for every cimdiag program (XDG config)
    , m_service(AppPaths::folderName())
{ }

ConnectionProfileStore::ConnectionProfileStore(
    const QString &settingsFile, const QString &keychainService, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(settingsFile, QSettings::IniFormat))
    , m_service(keychainService)
{ }

ConnectionProfileStore::~ConnectionProfileStore() = default;

QString ConnectionProfileStore::settingsFileName() const
{
    return m_settings->fileName();
}

QString ConnectionProfileStore::keychainKey(const QString &name)
{
    return QStringLiteral("profile:") + name;
}

QString ConnectionProfileStore::group(const QString &name) const
{
    // A name may hold '/', which QSettings reads as a group separator.
    return kProfilesGroup + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(name));
}

QStringList ConnectionProfileStore::names() const
{
    m_settings->beginGroup(kProfilesGroup);
    const QStringList groups = m_settings->childGroups();
    m_settings->endGroup();
    QStringList names;
    for (const QString &encoded : groups)
        names.append(QUrl::fromPercentEncoding(encoded.toLatin1()));
    names.sort(Qt::CaseInsensitive);
    return names;
}

bool ConnectionProfileStore::contains(const QString &name) const
{
    return !name.isEmpty() && names().contains(name);
}

std::optional<ConnectionProfile> ConnectionProfileStore::profile(const QString &name) const
{
    if (!contains(name))
        return std::nullopt;
    ConnectionProfile profile;
    QSettings &s = *m_settings;
    s.beginGroup(group(name));
    profile.name = name;
    profile.url = s.value(QStringLiteral("url")).toString();
    profile.credentialKind = kindFromName(s.value(QStringLiteral("credentials")).toString());
    profile.user = s.value(QStringLiteral("user")).toString();
    profile.preemptive = s.value(QStringLiteral("preemptive"), true).toBool();
    profile.caFile = s.value(QStringLiteral("caFile")).toString();
    profile.caDirectory = s.value(QStringLiteral("caDirectory")).toString();
    profile.clientCertificateFile = s.value(QStringLiteral("clientCertificateFile")).toString();
    profile.clientKeyFile = s.value(QStringLiteral("clientKeyFile")).toString();
    profile.verifyHostname = s.value(QStringLiteral("verifyHostname"), true).toBool();
    for (const QVariant &value : s.value(QStringLiteral("ignoredErrors")).toList())
        profile.ignoredErrors.append(value.toInt());
    profile.pinnedSha256 = s.value(QStringLiteral("pinnedSha256")).toString();
    profile.interopNamespaces = s.value(QStringLiteral("interopNamespaces")).toStringList();
    profile.nameSpace = s.value(QStringLiteral("namespace")).toString();
    profile.className = s.value(QStringLiteral("class")).toString();
    profile.timeout = std::chrono::milliseconds(s.value(QStringLiteral("timeoutMs"), 10000).toLongLong());
    profile.slowResponse = std::chrono::milliseconds(s.value(QStringLiteral("slowResponseMs"), 2000).toLongLong());
    profile.secretInKeychain = s.value(QStringLiteral("secretInKeychain"), false).toBool();
    s.endGroup();
    return profile;
}

ProfileSecretJob *ConnectionProfileStore::save(const ConnectionProfile &profile, const QString &secret)
{
    auto *job = new ProfileSecretJob(ProfileSecretJob::Kind::Save, profile.name, this);
    if (profile.name.trimmed().isEmpty()) {
        job->finishLater(tr("A profile needs a name."));
        return job;
    }
    const bool hadSecret = [this, &profile] {
        const std::optional<ConnectionProfile> old = this->profile(profile.name);
        return old && old->secretInKeychain;
    }();

    QSettings &s = *m_settings;
    s.remove(group(profile.name));
    s.beginGroup(group(profile.name));
    s.setValue(QStringLiteral("url"), profile.url);
    s.setValue(QStringLiteral("credentials"), kindName(profile.credentialKind));
    s.setValue(QStringLiteral("user"), profile.user);
    s.setValue(QStringLiteral("preemptive"), profile.preemptive);
    s.setValue(QStringLiteral("caFile"), profile.caFile);
    s.setValue(QStringLiteral("caDirectory"), profile.caDirectory);
    s.setValue(QStringLiteral("clientCertificateFile"), profile.clientCertificateFile);
    s.setValue(QStringLiteral("clientKeyFile"), profile.clientKeyFile);
    s.setValue(QStringLiteral("verifyHostname"), profile.verifyHostname);
    QVariantList ignored;
    for (const int value : profile.ignoredErrors)
        ignored.append(value);
    s.setValue(QStringLiteral("ignoredErrors"), ignored);
    s.setValue(QStringLiteral("pinnedSha256"), profile.pinnedSha256);
    s.setValue(QStringLiteral("interopNamespaces"), profile.interopNamespaces);
    s.setValue(QStringLiteral("namespace"), profile.nameSpace);
    s.setValue(QStringLiteral("class"), profile.className);
    s.setValue(QStringLiteral("timeoutMs"), qint64(profile.timeout.count()));
    s.setValue(QStringLiteral("slowResponseMs"), qint64(profile.slowResponse.count()));
    // Set only once the keychain confirmed it (writeSecret()).
    s.setValue(QStringLiteral("secretInKeychain"), false);
    s.endGroup();
    s.sync();
    if (s.status() != QSettings::NoError) {
        job->finishLater(tr("The profile could not be written to %1.").arg(s.fileName()));
        return job;
    }
    job->m_settingsSaved = true;
    Q_EMIT profilesChanged();

    if (!secret.isEmpty())
        writeSecret(job, secret);
    else if (hadSecret)
        deleteSecret(job); // "remember" was turned off: the old secret must not linger
    else
        job->finishLater(QString());
    return job;
}

void ConnectionProfileStore::writeSecret(ProfileSecretJob *job, const QString &secret)
{
    auto *write = makeKeychainJob<QKeychain::WritePasswordJob>(m_service, keychainKey(job->profileName()), this);
    write->setTextData(secret);
    const QPointer<ProfileSecretJob> guard(job);
    connect(write, &QKeychain::Job::finished, this, [this, guard](QKeychain::Job *done) {
        if (!guard)
            return;
        if (done->error() != QKeychain::NoError) {
            guard->finish(tr("The profile \"%1\" was saved without its password: %2 could not store it.")
                              .arg(guard->profileName(), keychainError(*done)));
            return;
        }
        setSecretFlag(guard->profileName(), true);
        guard->finish(QString());
    });
    write->start();
}

void ConnectionProfileStore::deleteSecret(ProfileSecretJob *job)
{
    auto *remove = makeKeychainJob<QKeychain::DeletePasswordJob>(m_service, keychainKey(job->profileName()), this);
    const QPointer<ProfileSecretJob> guard(job);
    connect(remove, &QKeychain::Job::finished, this, [guard](QKeychain::Job *done) {
        if (!guard)
            return;
        if (done->error() != QKeychain::NoError && done->error() != QKeychain::EntryNotFound) {
            guard->finish(tr("The password of \"%1\" could not be removed from %2.")
                              .arg(guard->profileName(), keychainError(*done)));
            return;
        }
        guard->finish(QString());
    });
    remove->start();
}

void ConnectionProfileStore::setSecretFlag(const QString &name, bool stored)
{
    if (!contains(name))
        return; // removed while the keychain worked
    m_settings->setValue(group(name) + QStringLiteral("/secretInKeychain"), stored);
    m_settings->sync();
}

ProfileSecretJob *ConnectionProfileStore::readSecret(const QString &name)
{
    auto *job = new ProfileSecretJob(ProfileSecretJob::Kind::ReadSecret, name, this);
    const std::optional<ConnectionProfile> saved = profile(name);
    if (!saved) {
        job->finishLater(tr("There is no profile \"%1\".").arg(name));
        return job;
    }
    if (!saved->secretInKeychain) {
        job->finishLater(QString());
        return job;
    }
    auto *read = makeKeychainJob<QKeychain::ReadPasswordJob>(m_service, keychainKey(name), this);
    const QPointer<ProfileSecretJob> guard(job);
    connect(read, &QKeychain::Job::finished, this, [guard](QKeychain::Job *done) {
        if (!guard)
            return;
        if (done->error() != QKeychain::NoError) {
            guard->finish(tr("The password of \"%1\" could not be read from %2.")
                              .arg(guard->profileName(), keychainError(*done)));
            return;
        }
        guard->m_secret = static_cast<QKeychain::ReadPasswordJob *>(done)->textData();
        guard->finish(QString());
    });
    read->start();
    return job;
}

ProfileSecretJob *ConnectionProfileStore::remove(const QString &name)
{
    auto *job = new ProfileSecretJob(ProfileSecretJob::Kind::Remove, name, this);
    const std::optional<ConnectionProfile> saved = profile(name);
    if (!saved) {
        job->finishLater(tr("There is no profile \"%1\".").arg(name));
        return job;
    }
    m_settings->remove(group(name));
    m_settings->sync();
    Q_EMIT profilesChanged();
    if (saved->secretInKeychain)
        deleteSecret(job);
    else
        job->finishLater(QString());
    return job;
}

} // namespace cimdiag
