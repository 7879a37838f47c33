// SPDX-License-Identifier: GPL-3.0-or-later
// Saved connection profiles with their secrets in the system keychain, end to end: the store and
// the wizard's target page, under a real Secret Service (gnome-keyring on a private D-Bus session)
// and with no keychain at all. Run through tests/keychain/run-with-keyring.sh, which points HOME and
// the XDG directories at a temporary directory; afterwards every file there is searched for the
// password (plain, UTF-16, base64, URL-encoded, hex, and inside a Basic header): it must be in none.
#include "core/profile/ConnectionProfile.h"
#include "core/profile/ConnectionProfileStore.h"
#include "core/profile/ProfileSecretJob.h"
#include "tests/ui/AccessibilityCheck.h"
#include "ui/wizard/DiagnosisWizard.h"
#include "ui/wizard/TargetPage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QDoubleSpinBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

#include <qt6keychain/keychain.h>

#include <memory>

using namespace cimdiag;

namespace {

constexpr int kKeychainTimeoutMs = 20000;
// ASCII with characters that URL encoding and QSettings' quoting change, so every form differs.
const QString kPassword = QStringLiteral("Kc-S3cret/pass word+&=?;x");
const QString kUser = QStringLiteral("profile-user-7f3a");

/// Waits (bounded) for a store job.
bool waitFor(ProfileSecretJob *job)
{
    return job->isFinished() || QSignalSpy(job, &ProfileSecretJob::finished).wait(kKeychainTimeoutMs);
}

} // namespace

class TestConnectionProfiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void profileKeepsEverythingButTheSecret();
    void storeKeepsTheSecretInTheKeychainOnly();
    void forgettingThePasswordRemovesIt();
    void targetPageSavesAndLoadsWithTheKeychain();
    void withoutKeychainSavingTheSecretFails();
    void targetPageWithoutKeychain();
    void profileWidgetsAreNamedAndReachable();

private:
    bool keyringAvailable() const { return m_mode == QLatin1String("available"); }
    /// Every regular file under the temporary HOME/XDG tree and the needles found in it.
    QStringList filesContaining(const QList<QByteArray> &needles, QStringList *scanned = nullptr) const;
    static QList<QByteArray> passwordForms(const QString &password);
    /// Reads the store's keychain entry directly (not through the store): EntryNotFound or the secret.
    std::pair<QKeychain::Error, QString> keychainEntry(const ConnectionProfileStore &store, const QString &name);
    ConnectionProfile sampleProfile(const QString &name) const;
    template<typename T> static T *child(QWidget *root, const char *name)
    {
        return root->findChild<T *>(QLatin1String(name));
    }
    /// Through the page as a user would: Save profile…, type the name, Enter.
    void saveThroughDialog(DiagnosisWizard *wizard, const QString &name);

    QString m_home;
    QString m_mode;
};

void TestConnectionProfiles::initTestCase()
{
    m_home = qEnvironmentVariable("CIMDIAG_TEST_HOME");
    m_mode = qEnvironmentVariable("CIMDIAG_TEST_KEYRING");
    // Never against the real session: run-with-keyring.sh sets both and points HOME into m_home.
    if (m_home.isEmpty() || m_mode.isEmpty())
        QSKIP("Run through tests/keychain/run-with-keyring.sh (ctest does)");
    QVERIFY2(QDir::home().absolutePath().startsWith(m_home), qPrintable(QDir::home().absolutePath()));
    QVERIFY(qEnvironmentVariable("XDG_CONFIG_HOME").startsWith(m_home));
    QVERIFY(qEnvironmentVariable("XDG_DATA_HOME").startsWith(m_home));
    const ConnectionProfileStore store;
    QVERIFY2(store.settingsFileName().startsWith(m_home), qPrintable(store.settingsFileName()));
}

void TestConnectionProfiles::cleanup()
{
    // Every test leaves no profile behind (and the scan covers whatever they wrote).
    ConnectionProfileStore store;
    for (const QString &name : store.names())
        QVERIFY(waitFor(store.remove(name)));
}

QList<QByteArray> TestConnectionProfiles::passwordForms(const QString &password)
{
    const QByteArray utf8 = password.toUtf8();
    QByteArray utf16(reinterpret_cast<const char *>(password.utf16()), password.size() * 2);
    const QByteArray basic = (kUser + u':' + password).toUtf8();
    return {utf8, utf16, utf8.toBase64(), utf8.toBase64(QByteArray::Base64UrlEncoding),
        QUrl::toPercentEncoding(password), utf8.toHex(), utf8.toHex().toUpper(), basic, basic.toBase64()};
}

QStringList TestConnectionProfiles::filesContaining(const QList<QByteArray> &needles, QStringList *scanned) const
{
    QStringList hits;
    QDirIterator it(m_home, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info(path);
        if (!info.isFile())
            continue; // sockets of the bus and the keyring daemon
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray content = file.readAll();
        if (scanned)
            scanned->append(path);
        for (const QByteArray &needle : needles) {
            if (content.contains(needle))
                hits.append(path + QStringLiteral(": ") + QString::fromLatin1(needle.toHex()));
        }
    }
    return hits;
}

std::pair<QKeychain::Error, QString> TestConnectionProfiles::keychainEntry(
    const ConnectionProfileStore &store, const QString &name)
{
    QKeychain::ReadPasswordJob job(store.keychainService());
    job.setAutoDelete(false);
    job.setInsecureFallback(false);
    job.setKey(ConnectionProfileStore::keychainKey(name));
    QSignalSpy done(&job, &QKeychain::Job::finished);
    job.start();
    if (!done.wait(kKeychainTimeoutMs))
        return {QKeychain::OtherError, QStringLiteral("timeout")};
    return {job.error(), job.textData()};
}

ConnectionProfile TestConnectionProfiles::sampleProfile(const QString &name) const
{
    std::optional<Target> target = Target::fromUrl(QStringLiteral("https://[2001:db8::5]:15989"));
    target->credentials = WbemCredentials::basic(kUser, kPassword, false);
    target->tls.caFile = QStringLiteral("/etc/cimdiag/ca.pem");
    target->tls.caDirectory = QStringLiteral("/etc/cimdiag/cas");
    target->tls.clientCertificateFile = QStringLiteral("/etc/cimdiag/client.pem");
    target->tls.clientKeyFile = QStringLiteral("/etc/cimdiag/client.key");
    target->tls.clientKeyPassphrase = kPassword.toUtf8();
    target->tls.verifyHostname = false;
    target->tls.ignoredErrors = {QSslError::CertificateExpired, QSslError::HostNameMismatch};
    target->tls.pinnedSha256 = QByteArray(32, '\x5a');
    target->interopNamespaces = {QStringLiteral("root/PG_InterOp")};
    target->nameSpace = QStringLiteral("root/cimv2");
    target->className = QStringLiteral("CIM_ComputerSystem");
    target->timeout = std::chrono::milliseconds(2500);
    target->slowResponse = std::chrono::milliseconds(700);
    return ConnectionProfile::fromTarget(name, *target);
}

void TestConnectionProfiles::profileKeepsEverythingButTheSecret()
{
    const ConnectionProfile profile = sampleProfile(QStringLiteral("lab/esx 1"));
    QCOMPARE(profile.url, QStringLiteral("https://[2001:db8::5]:15989"));
    QCOMPARE(profile.user, kUser);
    QCOMPARE(profile.pinnedSha256.size(), 32 * 3 - 1);
    const std::optional<Target> back = profile.toTarget(QStringLiteral("typed"));
    QVERIFY(back);
    QCOMPARE(back->credentials, WbemCredentials::basic(kUser, QStringLiteral("typed"), false));
    QCOMPARE(back->tls.caDirectory, QStringLiteral("/etc/cimdiag/cas"));
    QVERIFY(!back->tls.verifyHostname);
    QCOMPARE(back->tls.ignoredErrors.size(), 2);
    QCOMPARE(back->tls.pinnedDigest(), QByteArray(32, '\x5a'));
    QVERIFY(back->tls.clientKeyPassphrase.isEmpty()); // a secret: not part of a profile
    QCOMPARE(back->interopNamespaces, QStringList {QStringLiteral("root/PG_InterOp")});
    QCOMPARE(back->timeout, std::chrono::milliseconds(2500));
    QCOMPARE(back->slowResponse, std::chrono::milliseconds(700));
    QCOMPARE(ConnectionProfile::fromTarget(profile.name, *back), profile);

    // Through the settings and back, in a store of its own.
    ConnectionProfileStore store;
    ProfileSecretJob *job = store.save(profile, QString());
    QVERIFY(waitFor(job));
    QVERIFY2(job->succeeded(), qPrintable(job->errorString()));
    QCOMPARE(store.names(), QStringList {profile.name});
    const ConnectionProfileStore reopened;
    QCOMPARE(reopened.profile(profile.name), std::optional<ConnectionProfile>(profile));
}

void TestConnectionProfiles::storeKeepsTheSecretInTheKeychainOnly()
{
    if (!keyringAvailable())
        QSKIP("needs the keyring");
    const QString name = QStringLiteral("lab/esx 1");
    {
        ConnectionProfileStore store;
        QSignalSpy changed(&store, &ConnectionProfileStore::profilesChanged);
        ProfileSecretJob *job = store.save(sampleProfile(name), kPassword);
        QVERIFY(!job->isFinished()); // never inside the call
        QCOMPARE(changed.size(), 1); // the settings part is synchronous
        QVERIFY(waitFor(job));
        QVERIFY2(job->succeeded(), qPrintable(job->errorString()));
        QVERIFY(job->settingsSaved());
        QVERIFY(store.profile(name)->secretInKeychain);
    }
    // A fresh store (as after a restart) reads the profile from the settings, the password from
    // the keychain.
    ConnectionProfileStore store;
    const std::optional<ConnectionProfile> profile = store.profile(name);
    QVERIFY(profile);
    QVERIFY(profile->secretInKeychain);
    ProfileSecretJob *read = store.readSecret(name);
    QVERIFY(waitFor(read));
    QVERIFY2(read->succeeded(), qPrintable(read->errorString()));
    QCOMPARE(read->secret(), kPassword);
    QCOMPARE(keychainEntry(store, name).second, kPassword); // really in the Secret Service

    // The keyring file exists (the secret went somewhere) and is encrypted; nothing else holds it.
    QStringList scanned;
    const QStringList hits = filesContaining(passwordForms(kPassword), &scanned);
    QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u'\n')));
    QVERIFY(scanned.contains(store.settingsFileName()));
    QVERIFY(!QDir(qEnvironmentVariable("XDG_DATA_HOME") + QStringLiteral("/keyrings"))
                 .entryList({QStringLiteral("*.keyring")}, QDir::Files)
                 .isEmpty());
    // The scan is not blind: the user name is in the settings file.
    QCOMPARE(filesContaining({kUser.toUtf8()}),
        QStringList {store.settingsFileName() + QStringLiteral(": ") + QString::fromLatin1(kUser.toUtf8().toHex())});
}

void TestConnectionProfiles::forgettingThePasswordRemovesIt()
{
    if (!keyringAvailable())
        QSKIP("needs the keyring");
    ConnectionProfileStore store;
    const QString name = QStringLiteral("forget me");
    QVERIFY(waitFor(store.save(sampleProfile(name), kPassword)));
    QCOMPARE(keychainEntry(store, name).first, QKeychain::NoError);
    // Saved again without the password: the old one must not linger in the keychain.
    ProfileSecretJob *job = store.save(sampleProfile(name), QString());
    QVERIFY(waitFor(job));
    QVERIFY2(job->succeeded(), qPrintable(job->errorString()));
    QVERIFY(!store.profile(name)->secretInKeychain);
    QCOMPARE(keychainEntry(store, name).first, QKeychain::EntryNotFound);
    ProfileSecretJob *read = store.readSecret(name);
    QVERIFY(waitFor(read));
    QVERIFY(read->succeeded());
    QVERIFY(read->secret().isEmpty());

    // Removing a profile removes its secret.
    QVERIFY(waitFor(store.save(sampleProfile(name), kPassword)));
    ProfileSecretJob *removed = store.remove(name);
    QVERIFY(waitFor(removed));
    QVERIFY2(removed->succeeded(), qPrintable(removed->errorString()));
    QVERIFY(!store.contains(name));
    QCOMPARE(keychainEntry(store, name).first, QKeychain::EntryNotFound);
}

void TestConnectionProfiles::saveThroughDialog(DiagnosisWizard *wizard, const QString &name)
{
    QTest::mouseClick(child<QPushButton>(wizard, "saveProfileButton"), Qt::LeftButton);
    auto *dialog = child<QInputDialog>(wizard, "profileNameDialog");
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto *edit = child<QLineEdit>(dialog, "profileNameEdit");
    QVERIFY(edit);
    const QStringList problems = AccessibilityCheck::unnamedInteractiveWidgets(dialog);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    edit->selectAll();
    QTest::keyClicks(edit, name);
    QTest::keyClick(edit, Qt::Key_Return);
}

void TestConnectionProfiles::targetPageSavesAndLoadsWithTheKeychain()
{
    if (!keyringAvailable())
        QSKIP("needs the keyring");
    const QString name = QStringLiteral("lab server");
    {
        DiagnosisWizard wizard;
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        TargetPage *page = wizard.targetPage();
        QTest::keyClicks(child<QLineEdit>(&wizard, "urlEdit"), QStringLiteral("https://cim.example.com:15989"));
        QTest::keyClicks(child<QLineEdit>(&wizard, "userEdit"), kUser);
        QTest::keyClicks(child<QLineEdit>(&wizard, "passwordEdit"), kPassword);
        QTest::keyClicks(child<QLineEdit>(&wizard, "caFileEdit"), QStringLiteral("/srv/ca.pem"));
        child<QDoubleSpinBox>(&wizard, "timeoutSpin")->setValue(4.5);
        auto *remember = child<QCheckBox>(&wizard, "rememberSecretCheck");
        remember->setFocus();
        QTest::keyClick(remember, Qt::Key_Space);
        QVERIFY(remember->isChecked());
        QSignalSpy done(page, &TargetPage::profileJobFinished);
        saveThroughDialog(&wizard, name);
        QVERIFY(done.wait(kKeychainTimeoutMs));
        QVERIFY2(done.constFirst().at(0).toBool(), qPrintable(done.constFirst().at(1).toString()));
        QVERIFY(page->profileStatus().contains(name));
        QCOMPARE(page->currentProfileName(), name);
        QVERIFY(child<QPushButton>(&wizard, "deleteProfileButton")->isEnabled());
    }

    // A new window: choose the profile from the keyboard; the password arrives from the keychain.
    DiagnosisWizard wizard;
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    TargetPage *page = wizard.targetPage();
    auto *combo = child<QComboBox>(&wizard, "profileCombo");
    QCOMPARE(combo->count(), 2); // "(no saved profile)" and ours
    QVERIFY(page->currentProfileName().isEmpty());
    QVERIFY(!child<QPushButton>(&wizard, "deleteProfileButton")->isEnabled());
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    QSignalSpy done(page, &TargetPage::profileJobFinished);
    combo->setFocus();
    QTRY_VERIFY(combo->hasFocus());
    QTest::keyClick(combo, Qt::Key_Down);
    QCOMPARE(page->currentProfileName(), name);
    // The fields are there at once; the password only once the keychain answered.
    QCOMPARE(child<QLineEdit>(&wizard, "urlEdit")->text(), QStringLiteral("https://cim.example.com:15989"));
    QCOMPARE(child<QLineEdit>(&wizard, "userEdit")->text(), kUser);
    QCOMPARE(child<QLineEdit>(&wizard, "caFileEdit")->text(), QStringLiteral("/srv/ca.pem"));
    QCOMPARE(child<QDoubleSpinBox>(&wizard, "timeoutSpin")->value(), 4.5);
    QVERIFY(child<QCheckBox>(&wizard, "rememberSecretCheck")->isChecked());
    QVERIFY(done.wait(kKeychainTimeoutMs));
    QVERIFY2(done.constFirst().at(0).toBool(), qPrintable(done.constFirst().at(1).toString()));
    QCOMPARE(child<QLineEdit>(&wizard, "passwordEdit")->text(), kPassword);
    const std::optional<Target> target = page->target();
    QVERIFY(target);
    QCOMPARE(target->credentials, WbemCredentials::basic(kUser, kPassword));
    QCOMPARE(target->port, quint16(15989));
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());

    QStringList scanned;
    const QStringList hits = filesContaining(passwordForms(kPassword), &scanned);
    QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u'\n')));
    QVERIFY(scanned.contains(page->profileStore()->settingsFileName()));

    // Delete profile: gone from the combo, the settings and the keychain.
    QSignalSpy deleted(page, &TargetPage::profileJobFinished);
    QTest::mouseClick(child<QPushButton>(&wizard, "deleteProfileButton"), Qt::LeftButton);
    QVERIFY(deleted.wait(kKeychainTimeoutMs));
    QVERIFY2(deleted.constFirst().at(0).toBool(), qPrintable(deleted.constFirst().at(1).toString()));
    QCOMPARE(combo->count(), 1);
    QVERIFY(!page->profileStore()->contains(name));
    QCOMPARE(keychainEntry(*page->profileStore(), name).first, QKeychain::EntryNotFound);
}

void TestConnectionProfiles::withoutKeychainSavingTheSecretFails()
{
    if (keyringAvailable())
        QSKIP("needs a session without a keychain (run-with-keyring.sh --no-keyring)");
    ConnectionProfileStore store;
    const QString name = QStringLiteral("no keychain");
    ProfileSecretJob *job = store.save(sampleProfile(name), kPassword);
    QVERIFY(waitFor(job));
    QVERIFY(!job->succeeded());
    QVERIFY(job->settingsSaved());
    QVERIFY2(job->errorString().contains(QStringLiteral("keychain")), qPrintable(job->errorString()));
    QVERIFY(job->errorString().contains(QStringLiteral("without its password")));
    // The profile is there, without the secret, and says so.
    const std::optional<ConnectionProfile> saved = store.profile(name);
    QVERIFY(saved);
    QVERIFY(!saved->secretInKeychain);
    ProfileSecretJob *read = store.readSecret(name);
    QVERIFY(waitFor(read));
    QVERIFY(read->succeeded());
    QVERIFY(read->secret().isEmpty());

    QStringList scanned;
    const QStringList hits = filesContaining(passwordForms(kPassword), &scanned);
    QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u'\n')));
    QVERIFY(scanned.contains(store.settingsFileName()));
}

void TestConnectionProfiles::targetPageWithoutKeychain()
{
    if (keyringAvailable())
        QSKIP("needs a session without a keychain (run-with-keyring.sh --no-keyring)");
    DiagnosisWizard wizard;
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    TargetPage *page = wizard.targetPage();
    QTest::keyClicks(child<QLineEdit>(&wizard, "urlEdit"), QStringLiteral("cim.example.com"));
    QTest::keyClicks(child<QLineEdit>(&wizard, "userEdit"), kUser);
    QTest::keyClicks(child<QLineEdit>(&wizard, "passwordEdit"), kPassword);
    child<QCheckBox>(&wizard, "rememberSecretCheck")->setChecked(true);
    QSignalSpy done(page, &TargetPage::profileJobFinished);
    saveThroughDialog(&wizard, QStringLiteral("offline"));
    QVERIFY(done.wait(kKeychainTimeoutMs));
    QVERIFY(!done.constFirst().at(0).toBool());
    // The failure is shown on the page, and the profile exists without the password.
    auto *status = child<QLabel>(&wizard, "profileStatusLabel");
    QVERIFY(status->isVisible());
    QVERIFY(status->text().contains(QStringLiteral("keychain")));
    QCOMPARE(page->currentProfileName(), QStringLiteral("offline"));
    QVERIFY(!page->profileStore()->profile(QStringLiteral("offline"))->secretInKeychain);
    const QStringList hits = filesContaining(passwordForms(kPassword));
    QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u'\n')));

    // Loading it needs no keychain: the fields come back, the password field stays empty.
    DiagnosisWizard other;
    QSignalSpy loaded(other.targetPage(), &TargetPage::profileJobFinished);
    QVERIFY(other.targetPage()->loadProfile(QStringLiteral("offline")));
    QCOMPARE(loaded.size(), 1);
    QVERIFY(loaded.constFirst().at(0).toBool());
    QCOMPARE(child<QLineEdit>(&other, "userEdit")->text(), kUser);
    QVERIFY(child<QLineEdit>(&other, "passwordEdit")->text().isEmpty());
}

void TestConnectionProfiles::profileWidgetsAreNamedAndReachable()
{
    DiagnosisWizard wizard;
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    const QStringList problems = AccessibilityCheck::unnamedInteractiveWidgets(&wizard);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    // Tab walks the profile row and then reaches the URL.
    auto *combo = child<QComboBox>(&wizard, "profileCombo");
    combo->setFocus();
    QTRY_VERIFY(combo->hasFocus());
    for (const char *name : {"saveProfileButton", "rememberSecretCheck", "urlEdit"}) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QVERIFY2(QApplication::focusWidget() == child<QWidget>(&wizard, name),
            qPrintable(
                QApplication::focusWidget()->objectName() + QStringLiteral(" instead of ") + QLatin1String(name)));
    }
}

QTEST_MAIN(TestConnectionProfiles)
#include "TestConnectionProfiles.moc"
