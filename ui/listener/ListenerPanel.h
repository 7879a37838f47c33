// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/ListenerCheckOptions.h"
#include "core/diagnostics/Target.h"

#include <QGroupBox>
#include <QPointer>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace cimdiag {

class DiagnosticContext;
class DiagnosticRunner;
class ListenerCheckAddress;
class ListenerCheckCleanup;
class ListenerIndicationModel;
class WbemConnection;

/// The wizard's indication listener panel (issue #6): a checkable group "Test indication delivery"
/// with the scheme (https: a note that a self-signed certificate is made at run time, and after a
/// run its fingerprint; optional certificate and key files to serve instead, F4), the port, the address the server is
/// told (detected from a real connection to the target, or typed), the F3 warnings about it, "Clean up leftovers"
/// (removes cimdiag: objects of earlier runs), and the model of the indications the listener stage receives (the run
/// page shows it live). Checked, its options() enable the listener stage of the target; unchecked, only the title
/// shows. It opens no socket itself: detection and clean-up are core jobs (ListenerCheckAddress, ListenerCheckCleanup).
class ListenerPanel final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListenerPanel)

public:
    explicit ListenerPanel(QWidget *parent = nullptr);
    ~ListenerPanel() override;

    /// Where detection and clean-up go: the page's current target (nullopt while the input is not one).
    void setTargetProvider(std::function<std::optional<Target>()> provider) { m_targetProvider = std::move(provider); }

    ListenerCheckOptions options() const;
    void setOptions(const ListenerCheckOptions &options);

    /// Shows the listener stage of runner live (its indications, its warnings); null: none.
    void setRunner(DiagnosticRunner *runner);
    ListenerIndicationModel *model() const { return m_model; }

    /// Starts a detection of the local address (the Detect button); detectionFinished() follows.
    void detectAddress();
    /// Starts the clean-up of leftovers (the button); cleanupFinished() follows.
    void cleanUpLeftovers();
    QString warningsText() const;
    QString cleanupStatus() const;
    /// With https chosen: that a self-signed certificate is made at run time (or that the certificate
    /// file is served) and, after a run, its SHA-256 fingerprint; empty with http.
    QString certificateText() const;

Q_SIGNALS:
    void detectionFinished();
    void cleanupFinished(bool ok);

private:
    void showWarnings(const QStringList &warnings);
    void refreshFromRunner();
    void showCertificate();
    /// A file chooser row (line edit and Browse… button) for the https certificate files.
    QLineEdit *addFileRow(QWidget *parent, QLayout *layout, const QString &objectName, const QString &accessibleName,
        const QString &buttonAccessibleName, const QString &caption);

    std::function<std::optional<Target>()> m_targetProvider;
    QComboBox *m_schemeCombo = nullptr;
    QLabel *m_certificateLabel = nullptr;
    QString m_certificateSha256; ///< of the last run's certificate (https)
    QWidget *m_certificateFiles = nullptr; ///< the certificate and key rows, shown with https only
    QLineEdit *m_certificateFileEdit = nullptr;
    QLineEdit *m_keyFileEdit = nullptr;
    QSpinBox *m_portSpin = nullptr;
    QComboBox *m_addressCombo = nullptr;
    QPushButton *m_detectButton = nullptr;
    QLabel *m_warningsLabel = nullptr;
    QPushButton *m_cleanupButton = nullptr;
    QLabel *m_cleanupLabel = nullptr;
    ListenerIndicationModel *m_model = nullptr;
    QPointer<ListenerCheckAddress> m_detection;
    QPointer<DiagnosticRunner> m_runner;
    /// The clean-up's context (log and audit recorder of its connection) and the sweep.
    std::unique_ptr<DiagnosticContext> m_cleanupContext;
    QPointer<ListenerCheckCleanup> m_cleanup;
};

} // namespace cimdiag
