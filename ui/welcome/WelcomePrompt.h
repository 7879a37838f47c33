// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QPushButton;
class QSettings;

namespace cimdiag {

/// The first run's offer (issue #9): a non-modal window over the main window that offers the demo
/// diagnosis, so a new user's first sight is a real run against the built-in simulator. The main
/// window stays usable behind it. Shown once: the settings remember that it was offered.
class WelcomePrompt final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WelcomePrompt)

public:
    explicit WelcomePrompt(QWidget *parent = nullptr);
    ~WelcomePrompt() override;

    /// The settings key that records the offer ("firstRun/demoOffered").
    static QString settingsKey();
    /// True when settings do not record that the prompt was offered.
    static bool shouldOffer(const QSettings &settings);
    /// Records in settings that the prompt was offered (written at once, so a crash does not repeat it).
    static void markOffered(QSettings &settings);
    /// The first run: when shouldOffer(), records the offer and returns a shown prompt that deletes
    /// itself when closed; nullptr otherwise.
    static WelcomePrompt *offerOnce(QSettings &settings, QWidget *parent);

    QPushButton *runDemoButton() const { return m_runDemo; }
    QPushButton *notNowButton() const { return m_notNow; }

signals:
    /// The user chose "Run the demo diagnosis"; the prompt closes right after.
    void demoRequested();

private:
    QPushButton *m_runDemo = nullptr;
    QPushButton *m_notNow = nullptr;
};

} // namespace cimdiag
