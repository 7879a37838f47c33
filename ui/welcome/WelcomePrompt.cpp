// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/welcome/WelcomePrompt.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace cimdiag {

WelcomePrompt::WelcomePrompt(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("welcomePrompt"));
    setWindowTitle(tr("Welcome to CIM Diagnostics"));
    setAccessibleName(tr("Welcome"));
    // Non-modal: the main window stays usable; the prompt is only an offer.
    setModal(false);
    setWindowModality(Qt::NonModal);

    auto *text = new QLabel(tr("<p><b>New to cimdiag?</b></p>"
                               "<p>The demo starts the built-in CIM server simulator on this computer (127.0.0.1) "
                               "and diagnoses the connection to it, stage by stage, so you can see what a "
                               "diagnosis looks like before you point cimdiag at a real server.</p>"
                               "<p>The Demo menu starts it again, with any failure scenario.</p>"),
        this);
    text->setObjectName(QStringLiteral("welcomeText"));
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);

    auto *buttons = new QDialogButtonBox(this);
    m_runDemo = buttons->addButton(tr("&Run the demo diagnosis"), QDialogButtonBox::AcceptRole);
    m_runDemo->setObjectName(QStringLiteral("runDemoButton"));
    m_runDemo->setAccessibleName(tr("Run the demo diagnosis"));
    m_runDemo->setDefault(true);
    m_notNow = buttons->addButton(tr("&Not now"), QDialogButtonBox::RejectRole);
    m_notNow->setObjectName(QStringLiteral("notNowButton"));
    m_notNow->setAccessibleName(tr("Not now"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        emit demoRequested();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(buttons);
    setMinimumWidth(420);
    m_runDemo->setFocus(Qt::OtherFocusReason);
}

WelcomePrompt::~WelcomePrompt() = default;

QString WelcomePrompt::settingsKey()
{
    return QStringLiteral("firstRun/demoOffered");
}

bool WelcomePrompt::shouldOffer(const QSettings &settings)
{
    return !settings.value(settingsKey(), false).toBool();
}

void WelcomePrompt::markOffered(QSettings &settings)
{
    settings.setValue(settingsKey(), true);
    settings.sync();
}

WelcomePrompt *WelcomePrompt::offerOnce(QSettings &settings, QWidget *parent)
{
    if (!shouldOffer(settings))
        return nullptr;
    markOffered(settings);
    auto *prompt = new WelcomePrompt(parent);
    prompt->setAttribute(Qt::WA_DeleteOnClose);
    prompt->show();
    prompt->raise();
    prompt->activateWindow();
    return prompt;
}

} // namespace cimdiag
