// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/Target.h"
#include "core/slp/SlpDiscovery.h"

#include <QPointer>
#include <QWizardPage>

#include <memory>
#include <optional>

class QLineEdit;

namespace Ui {
class TargetPage;
}

namespace cimdiag {

class ConnectionProfileStore;
class ListenerPanel;
class ProfileSecretJob;
class SlpDiscoveryDialog;

/// The wizard's first page: where the server is and who the client is. Every edit re-validates
/// through Target::fromUrl() (and the pin's format) and shows the problem inline; Next is enabled
/// only while the input makes a Target. Completeness is computed here rather than with a required
/// registerField(): Qt 6.4 leaves Next disabled for a required field given a default before
/// setPage() (toolchain.md), and the demo prefills the page.
///
/// Saved connection profiles (ConnectionProfileStore): choosing one fills the fields and fetches its
/// password or ticket from the system keychain asynchronously; "Save profile…" stores the input,
/// the secret only when "remember" is checked and only in the keychain. The status line under the
/// profile row says how each step went (a missing keychain is a message there, never a dialog).
///
/// SLP: "Discover servers…" opens an SlpDiscoveryDialog (non-modal, kept for the page's life so a
/// second look shows the last search); the server picked there fills the URL field. The "Run the
/// SLP discovery stage" box sets Target::slp with the port beside it (off by default).
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

    /// The profiles this page offers (a child of the page, in the application's settings).
    ConnectionProfileStore *profileStore() const { return m_store; }
    /// The profile chosen in the combo; empty for none.
    QString currentProfileName() const;
    /// Saves the input as profile name (replacing one of that name); with "remember" checked the
    /// password or ticket goes to the keychain. profileJobFinished() follows (asynchronously). False,
    /// with the reason in the status line, when the input cannot make a profile (a bad URL or pin).
    bool saveProfile(const QString &name);
    /// Fills the fields from profile name; its secret follows from the keychain, then
    /// profileJobFinished(). False when there is no such profile or it is unusable.
    bool loadProfile(const QString &name);
    /// Removes profile name and its secret; profileJobFinished() follows.
    bool deleteProfile(const QString &name);
    /// What the status line under the profile row shows.
    QString profileStatus() const;
    /// The indication listener panel (its options go into target().listener).
    ListenerPanel *listenerPanel() const { return m_listenerPanel; }

    /// Base options of the discovery dialog's searches (timers, multicast group and port; tests aim
    /// the multicast at loopback). Applies to an open dialog as well.
    void setDiscoveryOptions(const SlpDiscovery::Options &options);
    /// Opens the discovery dialog (non-modal) or raises the open one; what "Discover servers…" does.
    SlpDiscoveryDialog *showDiscovery();
    /// The discovery dialog once it was opened, null before.
    SlpDiscoveryDialog *discoveryDialog() const;

Q_SIGNALS:
    /// A save, load or delete started by this page finished, including its keychain part; message
    /// is what the status line shows.
    void profileJobFinished(bool ok, const QString &message);

private:
    /// The target the fields describe; forProfile: the credentials may be incomplete (a profile
    /// without its ticket, a user typed later).
    std::optional<Target> fieldsTarget(QString *error, bool forProfile) const;
    void reloadProfiles(const QString &select);
    void askProfileName();
    void setProfileStatus(const QString &text, bool error);
    void finishProfileJob(bool ok, const QString &message);
    void updateProfileButtons();
    void updateCredentialWidgets();
    void useDiscoveredTarget(const QUrl &url);
    void validate();
    void chooseFile(QLineEdit *edit, const QString &caption);

    const std::unique_ptr<Ui::TargetPage> m_ui;
    ConnectionProfileStore *m_store = nullptr;
    ListenerPanel *m_listenerPanel = nullptr;
    /// The keychain read of the profile loaded last; an answer for an older load is ignored.
    QPointer<ProfileSecretJob> m_secretRead;
    /// What setTarget() or a profile gave that the page has no field for (interop namespaces, the
    /// slow-response limit, CA directory, host-name check, ignored TLS errors, preemptive Basic),
    /// carried into target() unchanged.
    Target m_hidden;
    QPointer<SlpDiscoveryDialog> m_discovery;
    std::optional<SlpDiscovery::Options> m_discoveryOptions;
};

} // namespace cimdiag
