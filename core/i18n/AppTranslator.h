// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

#include <memory>

class QSettings;
class QTranslator;

namespace cimdiag {

class AuditedSettings;

/// The user-interface language of a cimdiag program: cimdiag's own translation (embedded as
/// :/i18n/cimdiag_<lang>.qm, see translations/README.md) and Qt's (qtbase_<lang>.qm from
/// QLibraryInfo::TranslationsPath, Debian package qt6-translations-l10n), installed on the
/// application for as long as this object lives.
///
/// The desktop app takes the language from the setting languageKey() ("" follows the system), the
/// command-line programs from the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG via QLocale::system()).
/// A changed setting applies at the next start: widgets built before it keep their texts.
class AppTranslator final
{
public:
    AppTranslator();
    /// Removes the translators it installed.
    ~AppTranslator();
    Q_DISABLE_COPY_MOVE(AppTranslator)

    /// The languages cimdiag has a translation for: "de", "fr", "ja" (English is the source language).
    static QStringList availableLanguages();
    /// "ui/language": "" (or unset) follows the system, otherwise "en" or one of availableLanguages().
    static QString languageKey();
    /// The setting's value; an unknown value counts as "" (follow the system).
    static QString configuredLanguage(const QSettings &settings);
    /// Stores the setting through the audited settings (a CONFIGURATION_CHANGE event, docs/audit-trail.md).
    /// False for a language that is neither "", "en" nor available, or when the trail refuses (*error).
    static bool setConfiguredLanguage(AuditedSettings &settings, const QString &language, QString *error = nullptr);
    /// The language's name in that language ("Deutsch", "日本語"); "" gives an empty string.
    static QString nativeName(const QString &language);

    /// The translation to use for locale: the first of its UI languages (LANGUAGE=fr:de gives fr, de)
    /// that is English or has a translation; "" when that is English or none has one.
    static QString languageFor(const QLocale &locale);
    /// language as configured ("" = QLocale::system()) resolved to a translation, as languageFor().
    static QString resolve(const QString &configured);

    /// Installs the translations for language (a value of resolve()); "" installs none (English).
    /// Replaces what an earlier call installed. Needs a QCoreApplication. True when cimdiag's own
    /// translation was loaded; Qt's is best effort (a missing qtbase_<lang>.qm leaves Qt's strings English).
    bool install(const QString &language);
    /// The language installed, "" for English.
    QString language() const { return m_language; }
    /// Whether Qt's own translation was found and installed too.
    bool hasQtTranslation() const { return m_qt != nullptr; }

private:
    void uninstall();

    QString m_language;
    std::unique_ptr<QTranslator> m_app;
    std::unique_ptr<QTranslator> m_qt;
};

} // namespace cimdiag
