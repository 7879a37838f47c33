// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

namespace cimdiag {

class ConnectionProfileStore;

/// One asynchronous step of a ConnectionProfileStore that involves the system keychain (a handle,
/// STYLE.md): saving a profile with its secret, reading a profile's secret, removing a profile.
/// finished() is emitted exactly once, never from inside the call that made the job; the results
/// are valid after it. The job is a child of the store: delete it when done (deleteLater() from a
/// slot connected to finished()), or leave it to the store.
class ProfileSecretJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileSecretJob)

public:
    enum class Kind : quint8 { Save, ReadSecret, Remove };

    ~ProfileSecretJob() override;

    Kind kind() const { return m_kind; }
    QString profileName() const { return m_profileName; }
    bool isFinished() const { return m_finished; }
    /// Save: the profile and (when one was given) its secret were stored. ReadSecret: the keychain
    /// answered (secret() may still be empty when it holds none). Remove: the profile is gone and
    /// its secret too.
    bool succeeded() const { return m_finished && m_errorString.isEmpty(); }
    /// Translated, empty on success. A failed Save whose settings part worked still saved the
    /// profile, without the secret (settingsSaved() tells).
    QString errorString() const { return m_errorString; }
    /// Save: the profile reached the settings (also when the keychain then failed).
    bool settingsSaved() const { return m_settingsSaved; }
    /// ReadSecret: the password or ticket from the keychain.
    QString secret() const { return m_secret; }

Q_SIGNALS:
    void finished();

private:
    friend class ConnectionProfileStore;
    ProfileSecretJob(Kind kind, const QString &profileName, QObject *parent);
    /// Queued, so finished() never fires inside the store call that made the job.
    void finishLater(const QString &errorString);
    void finish(const QString &errorString);

    Kind m_kind;
    QString m_profileName;
    QString m_errorString;
    QString m_secret;
    bool m_settingsSaved = false;
    bool m_finished = false;
};

} // namespace cimdiag
