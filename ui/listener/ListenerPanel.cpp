// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/listener/ListenerPanel.h"

#include "core/diagnostics/DiagnosticContext.h"
#include "core/diagnostics/DiagnosticRunner.h"
#include "core/diagnostics/ListenerCheckAddress.h"
#include "core/diagnostics/ListenerCheckCleanup.h"
#include "core/wbem/WbemConnection.h"
#include "ui/listener/ListenerIndicationModel.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace cimdiag {

ListenerPanel::ListenerPanel(QWidget *parent)
    : QGroupBox(parent)
    , m_model(new ListenerIndicationModel(this))
{
    setObjectName(QStringLiteral("listenerPanel"));
    setTitle(tr("&Test indication delivery (creates a subscription on the server for a moment)"));
    setAccessibleName(tr("Test indication delivery"));
    setCheckable(true);
    setChecked(false);

    // The options show only while the test is chosen: the target page stays short otherwise.
    auto *outer = new QVBoxLayout(this);
    auto *body = new QWidget(this);
    outer->addWidget(body);
    body->setVisible(false);
    connect(this, &QGroupBox::toggled, body, &QWidget::setVisible);
    auto *form = new QFormLayout(body);
    form->setContentsMargins(0, 0, 0, 0);
    m_schemeCombo = new QComboBox(this);
    m_schemeCombo->setObjectName(QStringLiteral("listenerSchemeCombo"));
    m_schemeCombo->setAccessibleName(tr("Listener scheme"));
    m_schemeCombo->addItem(QStringLiteral("http"));
    m_schemeCombo->addItem(QStringLiteral("https"));
    m_schemeCombo->view()->setObjectName(QStringLiteral("listenerSchemeList"));
    m_schemeCombo->view()->setAccessibleName(tr("Listener schemes"));
    form->addRow(tr("Sc&heme:"), m_schemeCombo);
    // https: what the listener serves, and after a run the fingerprint a verifying server must trust (F4).
    m_certificateLabel = new QLabel(this);
    m_certificateLabel->setObjectName(QStringLiteral("listenerCertificateLabel"));
    m_certificateLabel->setAccessibleName(tr("Listener certificate"));
    m_certificateLabel->setWordWrap(true);
    m_certificateLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_certificateLabel->setVisible(false);
    form->addRow(m_certificateLabel);
    // https: a certificate the user keeps instead of one per run, so the server can be told to trust
    // it once (F4). Only paths: the key's content stays in its file.
    m_certificateFiles = new QWidget(this);
    auto *filesForm = new QFormLayout(m_certificateFiles);
    filesForm->setContentsMargins(0, 0, 0, 0);
    auto *certificateRow = new QHBoxLayout;
    m_certificateFileEdit
        = addFileRow(m_certificateFiles, certificateRow, QStringLiteral("listenerCertificateFileEdit"),
            tr("Listener certificate file"), tr("Choose listener certificate file"), tr("Listener certificate (PEM)"));
    m_certificateFileEdit->setPlaceholderText(tr("Optional: made for each run"));
    filesForm->addRow(tr("Certificate &file:"), certificateRow);
    auto *keyRow = new QHBoxLayout;
    m_keyFileEdit = addFileRow(m_certificateFiles, keyRow, QStringLiteral("listenerKeyFileEdit"),
        tr("Listener key file"), tr("Choose listener key file"), tr("Listener private key (PEM)"));
    m_keyFileEdit->setPlaceholderText(tr("With the certificate file"));
    filesForm->addRow(tr("&Key file:"), keyRow);
    m_certificateFiles->setVisible(false);
    form->addRow(m_certificateFiles);
    connect(m_schemeCombo, &QComboBox::currentIndexChanged, this, [this] { showCertificate(); });
    connect(m_certificateFileEdit, &QLineEdit::textChanged, this, [this] { showCertificate(); });

    m_portSpin = new QSpinBox(this);
    m_portSpin->setObjectName(QStringLiteral("listenerPortSpin"));
    m_portSpin->setAccessibleName(tr("Listener port"));
    m_portSpin->setRange(0, 65535);
    m_portSpin->setSpecialValueText(tr("any free port"));
    form->addRow(tr("P&ort:"), m_portSpin);

    auto *addressRow = new QHBoxLayout;
    m_addressCombo = new QComboBox(this);
    m_addressCombo->setObjectName(QStringLiteral("listenerAddressCombo"));
    m_addressCombo->setAccessibleName(tr("Listener address"));
    m_addressCombo->setEditable(true);
    m_addressCombo->addItem(tr("Detected automatically"), QString());
    m_addressCombo->setInsertPolicy(QComboBox::NoInsert);
    m_addressCombo->lineEdit()->setObjectName(QStringLiteral("listenerAddressEdit"));
    m_addressCombo->lineEdit()->setAccessibleName(tr("Listener address"));
    m_addressCombo->view()->setObjectName(QStringLiteral("listenerAddressList"));
    m_addressCombo->view()->setAccessibleName(tr("Listener addresses"));
    m_detectButton = new QPushButton(tr("&Detect"), this);
    m_detectButton->setObjectName(QStringLiteral("listenerDetectButton"));
    m_detectButton->setAccessibleName(tr("Detect the listener address"));
    addressRow->addWidget(m_addressCombo, 1);
    addressRow->addWidget(m_detectButton);
    form->addRow(tr("Addr&ess:"), addressRow);

    m_warningsLabel = new QLabel(this);
    m_warningsLabel->setObjectName(QStringLiteral("listenerWarningsLabel"));
    m_warningsLabel->setWordWrap(true);
    m_warningsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_warningsLabel->setAccessibleName(tr("Listener address warnings"));
    form->addRow(m_warningsLabel);

    auto *cleanupRow = new QHBoxLayout;
    m_cleanupButton = new QPushButton(tr("C&lean up leftovers"), this);
    m_cleanupButton->setObjectName(QStringLiteral("listenerCleanupButton"));
    m_cleanupButton->setAccessibleName(tr("Clean up leftovers"));
    m_cleanupButton->setToolTip(tr("Removes the filters, destinations and subscriptions named cimdiag: that earlier "
                                   "runs left on the server"));
    m_cleanupLabel = new QLabel(this);
    m_cleanupLabel->setObjectName(QStringLiteral("listenerCleanupStatusLabel"));
    m_cleanupLabel->setWordWrap(true);
    cleanupRow->addWidget(m_cleanupButton);
    cleanupRow->addWidget(m_cleanupLabel, 1);
    form->addRow(cleanupRow);

    connect(m_detectButton, &QPushButton::clicked, this, &ListenerPanel::detectAddress);
    connect(m_cleanupButton, &QPushButton::clicked, this, &ListenerPanel::cleanUpLeftovers);
    connect(m_addressCombo, &QComboBox::currentTextChanged, this, [this] {
        const ListenerCheckOptions current = options();
        if (!current.address.isEmpty())
            showWarnings(ListenerCheckAddress::warnings(current.address, {}));
        else
            showWarnings({});
    });
}

ListenerPanel::~ListenerPanel() = default;

QLineEdit *ListenerPanel::addFileRow(QWidget *parent, QLayout *layout, const QString &objectName,
    const QString &accessibleName, const QString &buttonAccessibleName, const QString &caption)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    auto *button = new QPushButton(tr("Browse…"), parent);
    button->setObjectName(objectName.chopped(4) + QStringLiteral("Button")); // "...FileEdit" -> "...FileButton"
    button->setAccessibleName(buttonAccessibleName);
    layout->addWidget(edit);
    layout->addWidget(button);
    connect(button, &QPushButton::clicked, this, [this, edit, caption] {
        const QString path = QFileDialog::getOpenFileName(
            this, caption, edit->text(), tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)"));
        if (!path.isEmpty())
            edit->setText(path);
    });
    return edit;
}

ListenerCheckOptions ListenerPanel::options() const
{
    ListenerCheckOptions options;
    options.enabled = isChecked();
    options.scheme = m_schemeCombo->currentText();
    options.port = quint16(m_portSpin->value());
    // The first item is "detected automatically"; anything typed or detected is the address.
    const QString text = m_addressCombo->currentText().trimmed();
    options.address = text == m_addressCombo->itemText(0) ? QString() : text;
    // With https only; the fields keep their text while http is chosen, so switching back restores them.
    if (options.isHttps()) {
        options.certificateFile = m_certificateFileEdit->text().trimmed();
        options.keyFile = m_keyFileEdit->text().trimmed();
    }
    return options;
}

void ListenerPanel::setOptions(const ListenerCheckOptions &options)
{
    setChecked(options.enabled);
    m_schemeCombo->setCurrentIndex(options.isHttps() ? 1 : 0);
    m_certificateFileEdit->setText(options.certificateFile);
    m_keyFileEdit->setText(options.keyFile);
    showCertificate();
    m_portSpin->setValue(options.port);
    if (options.address.isEmpty())
        m_addressCombo->setCurrentIndex(0);
    else
        m_addressCombo->setEditText(options.address);
}

QString ListenerPanel::certificateText() const
{
    return m_certificateLabel->isHidden() ? QString() : m_certificateLabel->text();
}

void ListenerPanel::showCertificate()
{
    const ListenerCheckOptions current = options();
    const bool https = current.isHttps();
    m_certificateLabel->setVisible(https);
    m_certificateFiles->setVisible(https);
    if (!https)
        return;
    QString text = current.usesCertificateFile()
        ? tr("The listener serves the certificate in %1. A server that verifies listener certificates must trust "
             "it [F4].")
              .arg(current.certificateFile)
        : tr("A self-signed certificate is made for the listener address at each run. A server that verifies "
             "listener certificates rejects it [F4]: use http, or choose a certificate and key file below and "
             "make the server trust that certificate.");
    if (!m_certificateSha256.isEmpty())
        text += u'\n' + tr("Last run's certificate: SHA-256 %1").arg(m_certificateSha256);
    m_certificateLabel->setText(text);
}

void ListenerPanel::showWarnings(const QStringList &warnings)
{
    m_warningsLabel->setText(warnings.join(u'\n'));
}

QString ListenerPanel::warningsText() const
{
    return m_warningsLabel->text();
}

QString ListenerPanel::cleanupStatus() const
{
    return m_cleanupLabel->text();
}

void ListenerPanel::detectAddress()
{
    const std::optional<Target> target = m_targetProvider ? m_targetProvider() : std::nullopt;
    if (!target) {
        m_warningsLabel->setText(tr("Enter the server first."));
        Q_EMIT detectionFinished();
        return;
    }
    if (m_detection)
        m_detection->deleteLater();
    m_detectButton->setEnabled(false);
    m_detection = new ListenerCheckAddress(target->host, target->port, target->timeout, this);
    connect(m_detection, &ListenerCheckAddress::finished, this, [this, detection = m_detection.data()] {
        detection->deleteLater();
        m_detectButton->setEnabled(true);
        if (detection->localAddress().isNull()) {
            m_warningsLabel->setText(detection->errorString());
        } else {
            const QString address = detection->localAddress().toString();
            if (m_addressCombo->findText(address) < 0)
                m_addressCombo->addItem(address, address);
            m_addressCombo->setCurrentIndex(m_addressCombo->findText(address));
            showWarnings(ListenerCheckAddress::warnings(address, detection->peerAddress()));
        }
        Q_EMIT detectionFinished();
    });
    m_detection->start();
}

void ListenerPanel::cleanUpLeftovers()
{
    const std::optional<Target> target = m_targetProvider ? m_targetProvider() : std::nullopt;
    if (!target) {
        m_cleanupLabel->setText(tr("Enter the server first."));
        Q_EMIT cleanupFinished(false);
        return;
    }
    if (m_cleanup)
        return;
    m_cleanupButton->setEnabled(false);
    m_cleanupLabel->setText(tr("Removing cimdiag: objects…"));
    // A context's connection: the deletes reach the log and the audit trail like the stage's own.
    m_cleanupContext = std::make_unique<DiagnosticContext>(*target, nullptr);
    WbemConnection *connection = m_cleanupContext->createConnection(DiagnosticStage::Listener, this);
    m_cleanup = new ListenerCheckCleanup(
        connection, target->interopNamespaces, ListenerCheckCleanup::ownedPrefix(), connection);
    connect(m_cleanup, &ListenerCheckCleanup::finished, this, [this, connection] {
        const bool ok = m_cleanup->succeeded();
        QString text = m_cleanup->nameSpace().isEmpty()
            ? tr("No interop namespace answered.")
            : tr("Removed %n object(s) from %1.", nullptr, int(m_cleanup->removed().size()))
                  .arg(m_cleanup->nameSpace());
        if (!m_cleanup->errors().isEmpty())
            text += u' ' + m_cleanup->errors().join(u' ');
        m_cleanupLabel->setText(text);
        m_cleanupButton->setEnabled(true);
        connection->deleteLater();
        Q_EMIT cleanupFinished(ok);
    });
    m_cleanup->start();
}

void ListenerPanel::setRunner(DiagnosticRunner *runner)
{
    if (m_runner)
        m_runner->disconnect(this);
    m_runner = runner;
    m_model->clear();
    if (!runner)
        return;
    connect(runner, &DiagnosticRunner::stageProgress, this, [this](DiagnosticStage stage) {
        if (stage == DiagnosticStage::Listener)
            refreshFromRunner();
    });
    connect(runner, &DiagnosticRunner::stageFinished, this, [this](const CheckResult &result) {
        if (result.stage == DiagnosticStage::Listener)
            refreshFromRunner();
    });
}

void ListenerPanel::refreshFromRunner()
{
    if (!m_runner)
        return;
    const ListenerCheckFindings &findings = m_runner->context().findings().listener;
    m_model->setIndications(findings.indications);
    if (!findings.addressWarnings.isEmpty())
        showWarnings(findings.addressWarnings);
    if (!findings.certificateSha256.isEmpty()) {
        m_certificateSha256 = findings.certificateSha256;
        showCertificate();
    }
}

} // namespace cimdiag
