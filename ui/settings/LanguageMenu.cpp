// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/settings/LanguageMenu.h"

#include "core/audit/AuditedSettings.h"
#include "core/i18n/AppTranslator.h"

#include <QActionGroup>
#include <QSettings>

namespace cimdiag {

LanguageMenu::LanguageMenu(AuditedSettings &settings, QWidget *parent)
    : QMenu(tr("&Language"), parent)
    , m_settings(settings)
    , m_group(new QActionGroup(this))
{
    setObjectName(QStringLiteral("languageMenu"));
    m_group->setExclusive(true);
    // Languages are named in their own language so a user who cannot read the current one finds theirs.
    const QStringList languages = QStringList {QString(), QStringLiteral("en")} + AppTranslator::availableLanguages();
    for (const QString &language : languages) {
        const QString text = language.isEmpty() ? tr("&System default") : AppTranslator::nativeName(language);
        QAction *action = addAction(text);
        action->setObjectName(
            QStringLiteral("languageAction_") + (language.isEmpty() ? QStringLiteral("system") : language));
        action->setCheckable(true);
        action->setData(language);
        m_group->addAction(action);
        connect(action, &QAction::triggered, this, [this, language] { choose(language); });
        if (language.isEmpty())
            addSeparator();
    }
    checkCurrent();
}

void LanguageMenu::choose(const QString &language)
{
    if (language == AppTranslator::configuredLanguage(m_settings.settings())
        && m_settings.settings().contains(AppTranslator::languageKey()))
        return;
    QString error;
    if (!AppTranslator::setConfiguredLanguage(m_settings, language, &error)) {
        checkCurrent();
        emit changeFailed(error);
        return;
    }
    emit languageChanged(
        language, language.isEmpty() ? tr("the system language") : AppTranslator::nativeName(language));
}

void LanguageMenu::checkCurrent()
{
    const QString current = AppTranslator::configuredLanguage(m_settings.settings());
    for (QAction *action : m_group->actions())
        action->setChecked(action->data().toString() == current);
}

} // namespace cimdiag
