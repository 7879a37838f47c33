// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/net/TlsProbeResult.h"

#include <QWidget>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace cimdiag {

/// The TLS stage's view of the peer chain: the certificates as the server sent them (leaf first) with
/// OpenSSL's verification per certificate, and the details of the selected one (subject, issuer,
/// SANs, validity, key, signature algorithm, SHA-256 fingerprint, verification errors).
///
/// "Trust this certificate…" pins the server's own certificate (depth 0): pinning accepts exactly
/// that certificate, so only the leaf can be pinned (a pinned CA would not be what the client
/// compares). The button asks for confirmation first and emits pinRequested() only when the user
/// agrees; the view stores nothing itself.
class CertificateChainView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CertificateChainView)

public:
    /// Asked before pinRequested(); true to pin. The default shows a modal warning (QMessageBox).
    using PinConfirmation = std::function<bool(const TlsCertificateInfo &certificate)>;

    explicit CertificateChainView(QWidget *parent = nullptr);
    ~CertificateChainView() override;

    void setResult(const TlsProbeResult &result);
    const TlsProbeResult &result() const { return m_result; }
    void clear();

    /// The index into result().peerChain of the certificate whose details show; -1 when none.
    int currentCertificate() const;
    void setCurrentCertificate(int index);

    /// Replaces the confirmation step (tests, or an embedding page with its own dialog); an empty
    /// function restores the default warning dialog.
    void setPinConfirmation(PinConfirmation confirmation);
    /// The warning the default confirmation shows: what pinning means and what to compare.
    QString pinWarningText(const TlsCertificateInfo &certificate) const;

public Q_SLOTS:
    /// What the trust button does: confirm, then emit pinRequested() with the leaf's fingerprint.
    /// Nothing when the current certificate cannot be pinned.
    void requestPin();

Q_SIGNALS:
    /// The user confirmed trusting exactly this certificate (hex, colon separated, upper case).
    void pinRequested(const QString &sha256Fingerprint);

protected:
    void changeEvent(QEvent *event) override;

private:
    void fillChain();
    void showCertificate(int index);
    void updateSummary();
    void updateColours();
    void copyFingerprint();
    bool confirmPin(const TlsCertificateInfo &certificate);
    QString roleText(const TlsCertificateInfo &certificate) const;
    QString verificationText(const TlsCertificateInfo &certificate) const;

    TlsProbeResult m_result;
    PinConfirmation m_confirmation;

    QLabel *m_summary = nullptr;
    QTreeWidget *m_chain = nullptr;
    QWidget *m_details = nullptr;
    QLabel *m_subject = nullptr;
    QLabel *m_issuer = nullptr;
    QLabel *m_subjectAltNames = nullptr;
    QLabel *m_validity = nullptr;
    QLabel *m_validityState = nullptr;
    QLabel *m_key = nullptr;
    QLabel *m_signatureAlgorithm = nullptr;
    QLineEdit *m_fingerprint = nullptr;
    QPushButton *m_copyFingerprint = nullptr;
    QLabel *m_verification = nullptr;
    QPushButton *m_trust = nullptr;
};

} // namespace cimdiag
