// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/CertificateChainView.h"

#include "ui/widgets/StatusColors.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cimdiag {

namespace {
enum Column { NameColumn, RoleColumn, VerificationColumn, ColumnCount };

QLabel *makeValueLabel(QWidget *parent, const QString &objectName, const QString &accessibleName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setAccessibleName(accessibleName);
    label->setWordWrap(true);
    // Keyboard selectable too: keyboard-only users can reach and copy every field.
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setFocusPolicy(Qt::StrongFocus);
    return label;
}

QString utcText(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QStringLiteral("-");
}

void setForeground(QLabel *label, const QColor &colour)
{
    // An empty palette resolves nothing, so the label inherits its parent's colours again.
    QPalette palette;
    if (colour.isValid())
        palette.setColor(QPalette::WindowText, colour);
    label->setPalette(palette);
}
} // namespace

CertificateChainView::CertificateChainView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("certificateChainView"));
    setAccessibleName(tr("Certificate chain"));

    m_summary = makeValueLabel(this, QStringLiteral("verificationSummaryLabel"), tr("Verification summary"));

    m_chain = new QTreeWidget(this);
    m_chain->setObjectName(QStringLiteral("chainTree"));
    m_chain->setAccessibleName(tr("Certificates sent by the server, server certificate first"));
    m_chain->setColumnCount(ColumnCount);
    m_chain->setHeaderLabels({tr("Certificate"), tr("Role"), tr("Verification")});
    m_chain->setRootIsDecorated(false);
    m_chain->setUniformRowHeights(true);
    m_chain->setSelectionMode(QAbstractItemView::SingleSelection);
    m_chain->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_chain->header()->setStretchLastSection(true);

    m_details = new QWidget;
    m_details->setObjectName(QStringLiteral("certificateDetails"));
    auto *form = new QFormLayout(m_details);
    // Wrapping keeps the form usable at 200% scaling in a narrow window.
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_subject = makeValueLabel(m_details, QStringLiteral("subjectLabel"), tr("Subject"));
    m_issuer = makeValueLabel(m_details, QStringLiteral("issuerLabel"), tr("Issuer"));
    m_subjectAltNames
        = makeValueLabel(m_details, QStringLiteral("subjectAltNamesLabel"), tr("Subject alternative names"));
    m_validity = makeValueLabel(m_details, QStringLiteral("validityLabel"), tr("Validity"));
    m_validityState = makeValueLabel(m_details, QStringLiteral("validityStateLabel"), tr("Validity state"));
    QFont bold = m_validityState->font();
    bold.setBold(true);
    m_validityState->setFont(bold);
    m_key = makeValueLabel(m_details, QStringLiteral("keyLabel"), tr("Public key"));
    m_signatureAlgorithm
        = makeValueLabel(m_details, QStringLiteral("signatureAlgorithmLabel"), tr("Signature algorithm"));

    m_fingerprint = new QLineEdit(m_details);
    m_fingerprint->setObjectName(QStringLiteral("fingerprintEdit"));
    m_fingerprint->setAccessibleName(tr("SHA-256 fingerprint"));
    m_fingerprint->setReadOnly(true);
    m_fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_copyFingerprint = new QPushButton(tr("&Copy"), m_details);
    m_copyFingerprint->setObjectName(QStringLiteral("copyFingerprintButton"));
    m_copyFingerprint->setAccessibleName(tr("Copy the SHA-256 fingerprint"));
    m_copyFingerprint->setToolTip(tr("Copy the SHA-256 fingerprint to the clipboard"));
    auto *fingerprintRow = new QHBoxLayout;
    fingerprintRow->addWidget(m_fingerprint, 1);
    fingerprintRow->addWidget(m_copyFingerprint);

    m_verification = makeValueLabel(m_details, QStringLiteral("verificationLabel"), tr("Verification result"));

    m_trust = new QPushButton(tr("&Trust this certificate…"), m_details);
    m_trust->setObjectName(QStringLiteral("trustButton"));
    m_trust->setAccessibleName(tr("Trust this certificate"));
    m_trust->setAccessibleDescription(
        tr("Pins the server's certificate: only this exact certificate is accepted from then on"));
    auto *trustRow = new QHBoxLayout;
    trustRow->addStretch(1);
    trustRow->addWidget(m_trust);

    form->addRow(tr("Subject:"), m_subject);
    form->addRow(tr("Issuer:"), m_issuer);
    form->addRow(tr("Alternative names:"), m_subjectAltNames);
    form->addRow(tr("Validity:"), m_validity);
    form->addRow(QString(), m_validityState);
    form->addRow(tr("Public key:"), m_key);
    form->addRow(tr("Signature algorithm:"), m_signatureAlgorithm);
    form->addRow(tr("SHA-256 fingerprint:"), fingerprintRow);
    form->addRow(tr("Verification:"), m_verification);
    form->addRow(trustRow);

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("certificateDetailsScroll"));
    scroll->setAccessibleName(tr("Details of the selected certificate"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_details);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("certificateSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_chain);
    splitter->addWidget(scroll);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);

    setTabOrder(m_chain, m_subject);
    setTabOrder(m_subject, m_issuer);
    setTabOrder(m_issuer, m_subjectAltNames);
    setTabOrder(m_subjectAltNames, m_validity);
    setTabOrder(m_validity, m_validityState);
    setTabOrder(m_validityState, m_key);
    setTabOrder(m_key, m_signatureAlgorithm);
    setTabOrder(m_signatureAlgorithm, m_fingerprint);
    setTabOrder(m_fingerprint, m_copyFingerprint);
    setTabOrder(m_copyFingerprint, m_verification);
    setTabOrder(m_verification, m_trust);

    connect(m_chain, &QTreeWidget::currentItemChanged, this,
        [this](QTreeWidgetItem *current) { showCertificate(current ? m_chain->indexOfTopLevelItem(current) : -1); });
    connect(m_copyFingerprint, &QPushButton::clicked, this, &CertificateChainView::copyFingerprint);
    connect(m_trust, &QPushButton::clicked, this, &CertificateChainView::requestPin);

    clear();
}

CertificateChainView::~CertificateChainView() = default;

void CertificateChainView::setResult(const TlsProbeResult &result)
{
    m_result = result;
    updateSummary();
    fillChain();
}

void CertificateChainView::clear()
{
    setResult(TlsProbeResult {});
}

int CertificateChainView::currentCertificate() const
{
    QTreeWidgetItem *item = m_chain->currentItem();
    return item ? m_chain->indexOfTopLevelItem(item) : -1;
}

void CertificateChainView::setCurrentCertificate(int index)
{
    m_chain->setCurrentItem(m_chain->topLevelItem(index));
}

void CertificateChainView::setPinConfirmation(PinConfirmation confirmation)
{
    m_confirmation = std::move(confirmation);
}

QString CertificateChainView::pinWarningText(const TlsCertificateInfo &certificate) const
{
    return tr("Trusting this certificate pins it: from now on only this exact certificate is accepted "
              "for this server, whatever the trust store says, and any other certificate (also a "
              "renewed one) is refused.\n\n"
              "Do this only after comparing the fingerprint below with the one the server shows you "
              "through another channel (its console, its administrator). If they differ, someone may "
              "be intercepting the connection.\n\n"
              "SHA-256 fingerprint:\n%1")
        .arg(certificate.sha256Fingerprint);
}

void CertificateChainView::requestPin()
{
    const int index = currentCertificate();
    if (index != 0 || index >= m_result.peerChain.size())
        return;
    const TlsCertificateInfo &leaf = m_result.peerChain.at(index);
    if (leaf.sha256Fingerprint.isEmpty())
        return;
    // Copy first: a confirmation dialog runs an event loop in which setResult() may replace the chain.
    const QString fingerprint = leaf.sha256Fingerprint;
    if (confirmPin(leaf))
        Q_EMIT pinRequested(fingerprint);
}

bool CertificateChainView::confirmPin(const TlsCertificateInfo &certificate)
{
    if (m_confirmation)
        return m_confirmation(certificate);
    QMessageBox box(
        QMessageBox::Warning, tr("Trust this certificate?"), pinWarningText(certificate), QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("pinConfirmationBox"));
    QPushButton *trust = box.addButton(tr("&Trust this certificate"), QMessageBox::AcceptRole);
    trust->setObjectName(QStringLiteral("pinConfirmButton"));
    QPushButton *cancel = box.addButton(QMessageBox::Cancel);
    cancel->setObjectName(QStringLiteral("pinCancelButton"));
    // Cancel is the default: Enter on an unread warning must not pin.
    box.setDefaultButton(cancel);
    box.setEscapeButton(cancel);
    box.setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    box.exec();
    return box.clickedButton() == trust;
}

void CertificateChainView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateColours();
}

void CertificateChainView::fillChain()
{
    m_chain->clear();
    for (const TlsCertificateInfo &certificate : std::as_const(m_result.peerChain)) {
        QString name = certificate.certificate.isNull()
            ? QString()
            : certificate.certificate.subjectInfo(QSslCertificate::CommonName).join(QStringLiteral(", "));
        if (name.isEmpty())
            name = certificate.subject;
        auto *item = new QTreeWidgetItem(m_chain);
        item->setText(NameColumn, name);
        item->setToolTip(NameColumn, certificate.subject);
        item->setText(RoleColumn, roleText(certificate));
        item->setText(VerificationColumn,
            certificate.verifyErrors.isEmpty() ? tr("Verified")
                                               : tr("%n error(s)", nullptr, int(certificate.verifyErrors.size())));
    }
    updateColours();
    if (m_chain->topLevelItemCount() > 0)
        m_chain->setCurrentItem(m_chain->topLevelItem(0));
    else
        showCertificate(-1);
}

void CertificateChainView::showCertificate(int index)
{
    const bool valid = index >= 0 && index < m_result.peerChain.size();
    m_details->setEnabled(valid);
    m_trust->setEnabled(valid && index == 0 && !m_result.peerChain.at(0).sha256Fingerprint.isEmpty());
    m_copyFingerprint->setEnabled(valid);
    if (!valid) {
        for (QLabel *label : {m_subject, m_issuer, m_subjectAltNames, m_validity, m_validityState, m_key,
                 m_signatureAlgorithm, m_verification})
            label->clear();
        m_fingerprint->clear();
        return;
    }
    const TlsCertificateInfo &c = m_result.peerChain.at(index);
    m_subject->setText(c.subject);
    m_issuer->setText(c.issuer);
    m_subjectAltNames->setText(c.subjectAltNames.isEmpty() ? tr("none") : c.subjectAltNames.join(u'\n'));
    m_validity->setText(tr("from %1 until %2 (UTC)").arg(utcText(c.notBefore), utcText(c.notAfter)));
    m_key->setText(c.keyBits > 0 ? tr("%1, %n bit(s)", nullptr, c.keyBits).arg(c.keyType) : c.keyType);
    m_signatureAlgorithm->setText(c.signatureAlgorithm);
    m_fingerprint->setText(c.sha256Fingerprint);
    m_fingerprint->setCursorPosition(0);
    m_verification->setText(verificationText(c));
    if (index != 0)
        m_trust->setToolTip(tr("Only the server's own certificate (the first in the chain) can be trusted"));
    else
        m_trust->setToolTip(tr("Accept exactly this certificate from this server from now on"));
    updateColours();
}

void CertificateChainView::updateSummary()
{
    const TlsProbeResult &r = m_result;
    QStringList lines;
    if (!r.tcpConnected && r.peerChain.isEmpty()) {
        lines << (r.tcpError.isEmpty() ? tr("No TLS result yet.") : tr("No connection: %1").arg(r.tcpError));
    } else if (r.peerChain.isEmpty()) {
        lines << tr("The server sent no certificate.");
    } else if (r.verifyResult == 0) {
        lines << (r.trustStore.isEmpty() ? tr("The chain was verified.")
                                         : tr("The chain was verified against %1.").arg(r.trustStore));
    } else {
        lines << tr("Verification failed: %1 (code %2).").arg(r.verifyResultText).arg(r.verifyResult);
    }
    if (!r.peerChain.isEmpty() && !r.verifiedName.isEmpty()) {
        lines << (r.hostnameMatches ? tr("The server certificate matches the name %1.").arg(r.verifiedName)
                                    : tr("The server certificate does not match the name %1.").arg(r.verifiedName));
    }
    m_summary->setText(lines.join(u'\n'));
}

void CertificateChainView::updateColours()
{
    const QPalette &p = palette();
    const bool chainFailed = !m_result.peerChain.isEmpty()
        && (m_result.verifyResult != 0 || (!m_result.verifiedName.isEmpty() && !m_result.hostnameMatches));
    setForeground(m_summary,
        m_result.peerChain.isEmpty() ? QColor()
            : chainFailed            ? StatusColors::errorText(p)
                                     : StatusColors::successText(p));
    for (int i = 0; i < m_chain->topLevelItemCount() && i < m_result.peerChain.size(); ++i) {
        const bool failed = !m_result.peerChain.at(i).verifyErrors.isEmpty();
        m_chain->topLevelItem(i)->setForeground(
            VerificationColumn, failed ? StatusColors::errorText(p) : StatusColors::successText(p));
    }

    const int index = currentCertificate();
    if (index < 0 || index >= m_result.peerChain.size())
        return;
    const TlsCertificateInfo &c = m_result.peerChain.at(index);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (c.notAfter.isValid() && c.notAfter < now) {
        m_validityState->setText(tr("Expired"));
        setForeground(m_validityState, StatusColors::errorText(p));
    } else if (c.notBefore.isValid() && c.notBefore > now) {
        // C9: usually a clock that is behind (a BMC after a battery change), not a bad certificate.
        m_validityState->setText(tr("Not yet valid"));
        setForeground(m_validityState, StatusColors::errorText(p));
    } else {
        m_validityState->setText(tr("Currently valid"));
        setForeground(m_validityState, StatusColors::successText(p));
    }
    setForeground(m_verification, c.verifyErrors.isEmpty() ? StatusColors::successText(p) : StatusColors::errorText(p));
}

void CertificateChainView::copyFingerprint()
{
    if (QClipboard *clipboard = QGuiApplication::clipboard())
        clipboard->setText(m_fingerprint->text());
}

QString CertificateChainView::roleText(const TlsCertificateInfo &certificate) const
{
    if (certificate.depth == 0)
        return certificate.selfIssued ? tr("Server (self-signed)") : tr("Server");
    return certificate.selfIssued ? tr("Root CA") : tr("Intermediate CA");
}

QString CertificateChainView::verificationText(const TlsCertificateInfo &certificate) const
{
    if (certificate.verifyErrors.isEmpty())
        return tr("Verified");
    QStringList lines;
    for (const TlsCertificateInfo::VerifyError &error : certificate.verifyErrors)
        lines << tr("%1: %2").arg(error.code).arg(error.text);
    return lines.join(u'\n');
}

} // namespace cimdiag
