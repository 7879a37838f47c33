// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMenu>

class QActionGroup;

namespace cimdiag {

class AuditedSettings;

/// View > Language: "System default", English and every language cimdiag has a translation for,
/// each a checkable action named "languageAction_<code>" ("languageAction_system" for the default).
/// Choosing one stores AppTranslator::languageKey() through the audited settings; the new language
/// applies at the next start (the widgets already built keep their texts), which languageChanged()
/// lets the window say.
class LanguageMenu final : public QMenu
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LanguageMenu)

public:
    /// settings must outlive the menu.
    explicit LanguageMenu(AuditedSettings &settings, QWidget *parent = nullptr);

signals:
    /// The setting was stored: language is "" (system), "en", "de", ...; nativeName as the menu shows it.
    void languageChanged(const QString &language, const QString &nativeName);
    /// The setting could not be stored (the audit trail refused it); the checked action is restored.
    void changeFailed(const QString &error);

private:
    void choose(const QString &language);
    void checkCurrent();

    AuditedSettings &m_settings;
    QActionGroup *m_group;
};

} // namespace cimdiag
