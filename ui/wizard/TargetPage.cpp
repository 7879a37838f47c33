// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/wizard/TargetPage.h"

#include "ui/widgets/StatusColors.h"
#include "ui_TargetPage.h"

#include <QFileDialog>
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
        if (m_ui->userEdit->text().isEmpty())
            return fail(tr("Enter the user name, or choose \"None\" as authentication."));
        target->credentials = WbemCredentials::basic(m_ui->userEdit->text(), m_ui->passwordEdit->text());
        break;
    case CredentialMode::CimTicket:
        if (m_ui->passwordEdit->text().isEmpty())
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
    return target;
}

void TargetPage::setTarget(const Target &target)
{
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

} // namespace cimdiag
