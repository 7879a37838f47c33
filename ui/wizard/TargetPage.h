// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/Target.h"

#include <QWizardPage>

#include <memory>
#include <optional>

class QLineEdit;

namespace Ui {
class TargetPage;
}

namespace cimdiag {

/// The wizard's first page: where the server is and who the client is. Every edit re-validates
/// through Target::fromUrl() (and the pin's format) and shows the problem inline; Next is enabled
/// only while the input makes a Target. Completeness is computed here rather than with a required
/// registerField(): Qt 6.4 leaves Next disabled for a required field given a default before
/// setPage() (toolchain.md), and the demo prefills the page.
class TargetPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TargetPage)

public:
    enum class CredentialMode { Basic, CimTicket, None };

    explicit TargetPage(QWidget *parent = nullptr);
    ~TargetPage() override;

    /// The target the input describes; nullopt (and *error, translated) when it does not make one.
    std::optional<Target> target(QString *error = nullptr) const;
    /// Fills every field from target (the demo and a re-run with a pin).
    void setTarget(const Target &target);
    /// Sets the pin field: hex, colon separated (CertificateChainView's form) or plain.
    void setPin(const QString &sha256Fingerprint);
    QString pin() const;

    bool isComplete() const override;

private:
    void updateCredentialWidgets();
    void validate();
    void chooseFile(QLineEdit *edit, const QString &caption);

    const std::unique_ptr<Ui::TargetPage> m_ui;
};

} // namespace cimdiag
