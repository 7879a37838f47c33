// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/wizard/TargetPage.h"

#include "ui/listener/ListenerPanel.h"

#include "core/profile/ConnectionProfileStore.h"
#include "core/profile/ProfileSecretJob.h"
#include "ui/discovery/SlpDiscoveryDialog.h"
#include "ui/widgets/StatusColors.h"
#include "ui_TargetPage.h"

#include <QFileDialog>
#include <QInputDialog>
#include <QRegularExpression>

namespace cimdiag {

namespace {

/// A SHA-256 fingerprint: 64 hex digits, colons allowed (as `openssl x509 -fingerprint -sha256` and
/// CertificateChainView print it).
bool isFingerprint(QString text)
{
    text.remove(u':');
    static const QRegularExpression sha256Hex(QStringLiteral("^[0-9A-Fa-f]{64}$"));
    return sha256Hex.match(text).hasMatch();
}

QString colonHex(const QByteArray &raw)
{
    return QString::fromLatin1(raw.toHex(':').toUpper());
}

} // namespace

TargetPage::TargetPage(QWidget *parent)
    : QWizardPage(parent)
    , m_ui(std::make_unique<Ui::TargetPage>())
{
    m_ui->setupUi(this);
    // Order matches CredentialMode.
    m_ui->credentialModeCombo->addItem(tr("Basic (user and password)"));
    m_ui->credentialModeCombo->addItem(tr("CIM ticket (VMware ESXi)"));
    m_ui->credentialModeCombo->addItem(tr("None"));
    m_ui->errorLabel->setVisible(false);
    QPalette errorPalette = m_ui->errorLabel->palette();
    errorPalette.setColor(QPalette::WindowText, StatusColors::errorText(errorPalette));
    m_ui->errorLabel->setPalette(errorPalette);
    m_ui->profileStatusLabel->setVisible(false);

    m_store = new ConnectionProfileStore(this);
    reloadProfiles(QString());
    connect(m_ui->profileCombo, &QComboBox::activated, this, [this] {
        const QString name = currentProfileName();
        if (!name.isEmpty())
            loadProfile(name);
        updateProfileButtons();
    });
    connect(m_ui->saveProfileButton, &QPushButton::clicked, this, &TargetPage::askProfileName);
    connect(m_ui->deleteProfileButton, &QPushButton::clicked, this, [this] {
        const QString name = currentProfileName();
        if (!name.isEmpty())
            deleteProfile(name);
    });

    connect(m_ui->credentialModeCombo, &QComboBox::currentIndexChanged, this, [this] {
        updateCredentialWidgets();
        validate();
    });
    for (QLineEdit *edit : {m_ui->urlEdit, m_ui->userEdit, m_ui->passwordEdit, m_ui->pinEdit, m_ui->caFileEdit,
             m_ui->clientCertificateEdit, m_ui->clientKeyEdit})
        connect(edit, &QLineEdit::textChanged, this, &TargetPage::validate);
    connect(m_ui->caFileButton, &QPushButton::clicked, this,
        [this] { chooseFile(m_ui->caFileEdit, tr("CA certificates (PEM)")); });
    connect(m_ui->clientCertificateButton, &QPushButton::clicked, this,
        [this] { chooseFile(m_ui->clientCertificateEdit, tr("Client certificate (PEM)")); });
    connect(m_ui->clientKeyButton, &QPushButton::clicked, this,
        [this] { chooseFile(m_ui->clientKeyEdit, tr("Client private key (PEM)")); });
    connect(m_ui->discoverButton, &QPushButton::clicked, this, &TargetPage::showDiscovery);
    m_ui->slpPortSpin->setEnabled(false);
    connect(m_ui->slpCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_ui->slpPortSpin->setEnabled(on);
        validate();
    });
    connect(m_ui->slpPortSpin, &QSpinBox::valueChanged, this, &TargetPage::validate);
    // The opt-in listener stage (issue #6): its options ride on the target.
    m_listenerPanel = new ListenerPanel(this);
    m_listenerPanel->setTargetProvider([this] { return fieldsTarget(nullptr, false); });
    m_ui->formLayout->addRow(m_listenerPanel);
    updateCredentialWidgets();
    validate();
}

TargetPage::~TargetPage() = default;

void TargetPage::chooseFile(QLineEdit *edit, const QString &caption)
{
    const QString path = QFileDialog::getOpenFileName(this, caption, edit->text());
    if (!path.isEmpty())
        edit->setText(path);
}

void TargetPage::updateCredentialWidgets()
{
    const auto mode = CredentialMode(m_ui->credentialModeCombo->currentIndex());
    m_ui->userEdit->setEnabled(mode == CredentialMode::Basic);
    m_ui->passwordEdit->setEnabled(mode != CredentialMode::None);
    // ESXi sends the ticket as both user and password, so one secret field serves both modes.
    m_ui->passwordLabel->setText(mode == CredentialMode::CimTicket ? tr("&Ticket:") : tr("&Password:"));
    m_ui->passwordEdit->setAccessibleName(mode == CredentialMode::CimTicket ? tr("CIM ticket") : tr("Password"));
}

std::optional<Target> TargetPage::target(QString *error) const
{
    return fieldsTarget(error, false);
}

std::optional<Target> TargetPage::fieldsTarget(QString *error, bool forProfile) const
{
    std::optional<Target> target = Target::fromUrl(m_ui->urlEdit->text().trimmed(), error);
    if (!target)
        return std::nullopt;
    const auto fail = [error](const QString &text) -> std::optional<Target> {
        if (error)
            *error = text;
        return std::nullopt;
    };

    switch (CredentialMode(m_ui->credentialModeCombo->currentIndex())) {
    case CredentialMode::Basic:
        if (m_ui->userEdit->text().isEmpty() && !forProfile)
            return fail(tr("Enter the user name, or choose \"None\" as authentication."));
        target->credentials = WbemCredentials::basic(
            m_ui->userEdit->text(), m_ui->passwordEdit->text(), m_hidden.credentials.preemptive);
        break;
    case CredentialMode::CimTicket:
        if (m_ui->passwordEdit->text().isEmpty() && !forProfile)
            return fail(tr("Enter the CIM ticket (from AcquireCimServicesTicket)."));
        target->credentials = WbemCredentials::cimTicket(m_ui->passwordEdit->text());
        break;
    case CredentialMode::None:
        break;
    }

    WbemTlsOptions &tls = target->tls;
    tls.caFile = m_ui->caFileEdit->text().trimmed();
    tls.clientCertificateFile = m_ui->clientCertificateEdit->text().trimmed();
    tls.clientKeyFile = m_ui->clientKeyEdit->text().trimmed();
    if (tls.clientCertificateFile.isEmpty() != tls.clientKeyFile.isEmpty())
        return fail(tr("A client certificate needs its private key, and the other way round."));
    const QString pin = m_ui->pinEdit->text().trimmed();
    if (!pin.isEmpty()) {
        if (!isFingerprint(pin))
            return fail(tr("The pinned certificate must be a SHA-256 fingerprint: 64 hex digits, colons allowed."));
        QString hex = pin;
        hex.remove(u':');
        tls.pinnedSha256 = QByteArray::fromHex(hex.toLatin1());
    }
    target->timeout = std::chrono::milliseconds(qMax<qint64>(1, qRound64(m_ui->timeoutSpin->value() * 1000.0)));
    target->nameSpace = m_ui->namespaceEdit->text().trimmed();
    target->className = m_ui->classEdit->text().trimmed();
    tls.caDirectory = m_hidden.tls.caDirectory;
    tls.verifyHostname = m_hidden.tls.verifyHostname;
    tls.ignoredErrors = m_hidden.tls.ignoredErrors;
    tls.clientKeyPassphrase = m_hidden.tls.clientKeyPassphrase;
    target->interopNamespaces = m_hidden.interopNamespaces;
    target->slowResponse = m_hidden.slowResponse;
    target->slp = m_ui->slpCheck->isChecked();
    target->slpPort = quint16(m_ui->slpPortSpin->value());
    target->slpMulticast = m_hidden.slpMulticast;
    target->slpScope = m_hidden.slpScope;
    if (m_listenerPanel)
        target->listener = m_listenerPanel->options();
    return target;
}

void TargetPage::setTarget(const Target &target)
{
    m_hidden = target;
    m_listenerPanel->setOptions(target.listener);
    // The fields hold the secrets; the copy keeps only what has no field.
    m_hidden.credentials.password.clear();
    m_hidden.credentials.ticket.clear();
    m_ui->urlEdit->setText(target.displayUrl());
    switch (target.credentials.kind) {
    case WbemCredentials::Kind::Basic:
        m_ui->credentialModeCombo->setCurrentIndex(int(CredentialMode::Basic));
        m_ui->userEdit->setText(target.credentials.user);
        m_ui->passwordEdit->setText(target.credentials.password);
        break;
    case WbemCredentials::Kind::CimTicket:
        m_ui->credentialModeCombo->setCurrentIndex(int(CredentialMode::CimTicket));
        m_ui->userEdit->clear();
        m_ui->passwordEdit->setText(target.credentials.ticket);
        break;
    case WbemCredentials::Kind::None:
        m_ui->credentialModeCombo->setCurrentIndex(int(CredentialMode::None));
        m_ui->userEdit->clear();
        m_ui->passwordEdit->clear();
        break;
    }
    m_ui->caFileEdit->setText(target.tls.caFile);
    m_ui->clientCertificateEdit->setText(target.tls.clientCertificateFile);
    m_ui->clientKeyEdit->setText(target.tls.clientKeyFile);
    const QByteArray digest = target.tls.pinnedDigest();
    m_ui->pinEdit->setText(digest.isEmpty() ? QString() : colonHex(digest));
    m_ui->timeoutSpin->setValue(double(target.timeout.count()) / 1000.0);
    m_ui->namespaceEdit->setText(target.nameSpace);
    m_ui->classEdit->setText(target.className);
    m_ui->slpCheck->setChecked(target.slp);
    m_ui->slpPortSpin->setValue(target.slpPort);
    validate();
}

void TargetPage::setPin(const QString &sha256Fingerprint)
{
    m_ui->pinEdit->setText(sha256Fingerprint);
}

QString TargetPage::pin() const
{
    return m_ui->pinEdit->text().trimmed();
}

void TargetPage::setDiscoveryOptions(const SlpDiscovery::Options &options)
{
    m_discoveryOptions = options;
    if (m_discovery)
        m_discovery->setBaseOptions(options);
}

SlpDiscoveryDialog *TargetPage::showDiscovery()
{
    if (!m_discovery) {
        // A child of the page: a window of its own that closes with the wizard. Non-modal, so the
        // fields stay usable while a search runs; closing only hides it (the list stays).
        m_discovery = new SlpDiscoveryDialog(this);
        m_discovery->setAccessibleName(tr("Find WBEM servers (SLP)"));
        if (m_discoveryOptions)
            m_discovery->setBaseOptions(*m_discoveryOptions);
        connect(m_discovery, &SlpDiscoveryDialog::targetChosen, this, &TargetPage::useDiscoveredTarget);
    }
    m_discovery->show();
    m_discovery->raise();
    m_discovery->activateWindow();
    return m_discovery;
}

SlpDiscoveryDialog *TargetPage::discoveryDialog() const
{
    return m_discovery;
}

void TargetPage::useDiscoveredTarget(const QUrl &url)
{
    // The advert's URL (DSP0206 template-url-syntax): scheme, host and port; Target::fromUrl()
    // validates it like typed input, so a bad advert shows up as the usual inline error.
    m_ui->urlEdit->setText(url.toString(
        QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash));
    m_ui->urlEdit->setFocus();
    validate();
}

void TargetPage::validate()
{
    QString error;
    const bool ok = target(&error).has_value();
    // An empty URL is not an error yet: the user has not typed anything.
    const bool show = !ok && !m_ui->urlEdit->text().trimmed().isEmpty();
    m_ui->errorLabel->setText(show ? error : QString());
    m_ui->errorLabel->setVisible(show);
    Q_EMIT completeChanged();
}

bool TargetPage::isComplete() const
{
    return target().has_value();
}

QString TargetPage::currentProfileName() const
{
    return m_ui->profileCombo->currentData().toString();
}

QString TargetPage::profileStatus() const
{
    return m_ui->profileStatusLabel->text();
}

void TargetPage::reloadProfiles(const QString &select)
{
    QComboBox *combo = m_ui->profileCombo;
    const QSignalBlocker blocker(combo);
    combo->clear();
    combo->addItem(tr("(no saved profile)"), QString());
    for (const QString &name : m_store->names())
        combo->addItem(name, name);
    const int index = combo->findData(select);
    combo->setCurrentIndex(index < 0 ? 0 : index);
    updateProfileButtons();
}

void TargetPage::updateProfileButtons()
{
    m_ui->deleteProfileButton->setEnabled(!currentProfileName().isEmpty());
}

void TargetPage::setProfileStatus(const QString &text, bool error)
{
    QPalette palette = m_ui->profileStatusLabel->palette();
    palette.setColor(
        QPalette::WindowText, error ? StatusColors::errorText(palette) : this->palette().color(QPalette::WindowText));
    m_ui->profileStatusLabel->setPalette(palette);
    m_ui->profileStatusLabel->setText(text);
    m_ui->profileStatusLabel->setVisible(!text.isEmpty());
}

void TargetPage::finishProfileJob(bool ok, const QString &message)
{
    setProfileStatus(message, !ok);
    Q_EMIT profileJobFinished(ok, message);
}

void TargetPage::askProfileName()
{
    // Not QInputDialog::getText(): no nested event loop (the keychain answers on this loop).
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("profileNameDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Save connection profile"));
    dialog->setLabelText(tr("Profile name (an existing profile of that name is replaced):"));
    QString suggestion = currentProfileName();
    if (suggestion.isEmpty()) {
        if (const std::optional<Target> target = Target::fromUrl(m_ui->urlEdit->text().trimmed()))
            suggestion = target->host;
    }
    dialog->setTextValue(suggestion);
    dialog->setAccessibleName(tr("Save connection profile"));
    if (auto *edit = dialog->findChild<QLineEdit *>()) {
        edit->setObjectName(QStringLiteral("profileNameEdit"));
        edit->setAccessibleName(tr("Profile name"));
    }
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &name) {
        if (!name.trimmed().isEmpty())
            saveProfile(name.trimmed());
    });
    dialog->open();
    // The dialog's own widgets exist once it is shown: name them like every other interactive one.
    for (QPushButton *button : dialog->findChildren<QPushButton *>()) {
        const QString text = button->text().remove(u'&');
        button->setObjectName(QStringLiteral("profileNameDialog") + text);
        button->setAccessibleName(text);
    }
}

bool TargetPage::saveProfile(const QString &name)
{
    QString error;
    const std::optional<Target> target = fieldsTarget(&error, true);
    if (!target || name.trimmed().isEmpty()) {
        setProfileStatus(tr("The profile was not saved: %1").arg(target ? tr("it needs a name.") : error), true);
        return false;
    }
    ConnectionProfile profile = ConnectionProfile::fromTarget(name, *target);
    const auto mode = CredentialMode(m_ui->credentialModeCombo->currentIndex());
    profile.credentialKind = mode == CredentialMode::Basic ? WbemCredentials::Kind::Basic
        : mode == CredentialMode::CimTicket                ? WbemCredentials::Kind::CimTicket
                                                           : WbemCredentials::Kind::None;
    const bool remember = m_ui->rememberSecretCheck->isChecked() && mode != CredentialMode::None;
    const QString secret = remember ? m_ui->passwordEdit->text() : QString();
    setProfileStatus(remember && !secret.isEmpty() ? tr("Saving \"%1\", the password in the system keychain…").arg(name)
                                                   : tr("Saving \"%1\"…").arg(name),
        false);
    ProfileSecretJob *job = m_store->save(profile, secret);
    if (job->settingsSaved())
        reloadProfiles(name);
    connect(job, &ProfileSecretJob::finished, this, [this, job, name, secret] {
        job->deleteLater();
        if (job->settingsSaved())
            reloadProfiles(name);
        if (!job->succeeded()) {
            finishProfileJob(false, job->errorString());
            return;
        }
        finishProfileJob(true,
            secret.isEmpty() ? tr("Profile \"%1\" saved, without a password.").arg(name)
                             : tr("Profile \"%1\" saved; the password is in the system keychain.").arg(name));
    });
    return true;
}

bool TargetPage::loadProfile(const QString &name)
{
    const std::optional<ConnectionProfile> profile = m_store->profile(name);
    QString error;
    const std::optional<Target> target = profile ? profile->toTarget(QString(), &error) : std::nullopt;
    if (!target) {
        finishProfileJob(false,
            profile ? tr("The profile \"%1\" cannot be used: %2").arg(name, error)
                    : tr("There is no profile \"%1\".").arg(name));
        return false;
    }
    m_secretRead.clear(); // an answer for an earlier profile no longer counts
    setTarget(*target);
    reloadProfiles(name);
    m_ui->rememberSecretCheck->setChecked(profile->secretInKeychain);
    if (!profile->secretInKeychain || profile->credentialKind == WbemCredentials::Kind::None) {
        finishProfileJob(true, tr("Profile \"%1\" loaded.").arg(name));
        return true;
    }
    setProfileStatus(tr("Profile \"%1\" loaded; reading its password from the system keychain…").arg(name), false);
    ProfileSecretJob *job = m_store->readSecret(name);
    m_secretRead = job;
    connect(job, &ProfileSecretJob::finished, this, [this, job, name] {
        job->deleteLater();
        if (job != m_secretRead)
            return;
        m_secretRead.clear();
        if (!job->succeeded()) {
            finishProfileJob(false, job->errorString());
            return;
        }
        // Whatever the user typed meanwhile wins.
        if (m_ui->passwordEdit->text().isEmpty())
            m_ui->passwordEdit->setText(job->secret());
        finishProfileJob(true, tr("Profile \"%1\" loaded with its password from the system keychain.").arg(name));
    });
    return true;
}

bool TargetPage::deleteProfile(const QString &name)
{
    if (!m_store->contains(name)) {
        finishProfileJob(false, tr("There is no profile \"%1\".").arg(name));
        return false;
    }
    ProfileSecretJob *job = m_store->remove(name);
    reloadProfiles(QString());
    connect(job, &ProfileSecretJob::finished, this, [this, job, name] {
        job->deleteLater();
        finishProfileJob(
            job->succeeded(), job->succeeded() ? tr("Profile \"%1\" deleted.").arg(name) : job->errorString());
    });
    return true;
}

} // namespace cimdiag
