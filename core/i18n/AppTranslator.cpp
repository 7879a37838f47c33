// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/i18n/AppTranslator.h"

#include "core/audit/AuditedSettings.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QSettings>
#include <QTranslator>

namespace cimdiag {

AppTranslator::AppTranslator() = default;

AppTranslator::~AppTranslator()
{
    uninstall();
}

QStringList AppTranslator::availableLanguages()
{
    return {QStringLiteral("de"), QStringLiteral("fr"), QStringLiteral("ja")};
}

QString AppTranslator::languageKey()
{
    return QStringLiteral("ui/language");
}

QString AppTranslator::configuredLanguage(const QSettings &settings)
{
    const QString value = settings.value(languageKey()).toString();
    return value == u"en" || availableLanguages().contains(value) ? value : QString();
}

bool AppTranslator::setConfiguredLanguage(AuditedSettings &settings, const QString &language, QString *error)
{
    if (!language.isEmpty() && language != u"en" && !availableLanguages().contains(language)) {
        if (error)
            *error = QCoreApplication::translate("cimdiag::AppTranslator", "There is no %1 translation.").arg(language);
        return false;
    }
    // "" is stored rather than removed, so the audit event says the user chose "follow the system".
    return settings.setValue(languageKey(), language, error);
}

QString AppTranslator::nativeName(const QString &language)
{
    if (language.isEmpty())
        return {};
    const QLocale locale(language);
    QString name = locale.nativeLanguageName();
    // QLocale says "American English" for "en"; the menu offers the language, not a variant.
    if (locale.language() == QLocale::English)
        name = QStringLiteral("English");
    return name.isEmpty() ? language : name.left(1).toUpper() + name.mid(1);
}

QString AppTranslator::languageFor(const QLocale &locale)
{
    // QTranslator::load(QLocale) would skip an English entry (there is no cimdiag_en.qm) and load the
    // next language, so LANGUAGE=en:de would give German: walk the list here instead.
    const QStringList available = availableLanguages();
    for (const QString &name : locale.uiLanguages()) {
        const QLocale candidate(name);
        if (candidate.language() == QLocale::English || candidate.language() == QLocale::C)
            return {};
        const QString code = QLocale::languageToCode(candidate.language());
        if (available.contains(code))
            return code;
    }
    return {};
}

QString AppTranslator::resolve(const QString &configured)
{
    if (configured == u"en")
        return {};
    if (availableLanguages().contains(configured))
        return configured;
    return languageFor(QLocale::system());
}

bool AppTranslator::install(const QString &language)
{
    uninstall();
    if (language.isEmpty() || !availableLanguages().contains(language))
        return false;
    auto app = std::make_unique<QTranslator>();
    if (!app->load(QStringLiteral(":/i18n/cimdiag_") + language + QStringLiteral(".qm")))
        return false;
    if (!QCoreApplication::installTranslator(app.get()))
        return false;
    m_app = std::move(app);
    m_language = language;

    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath))
        && QCoreApplication::installTranslator(qt.get()))
        m_qt = std::move(qt);
    return true;
}

void AppTranslator::uninstall()
{
    if (m_qt)
        QCoreApplication::removeTranslator(m_qt.get());
    if (m_app)
        QCoreApplication::removeTranslator(m_app.get());
    m_qt.reset();
    m_app.reset();
    m_language.clear();
}

} // namespace cimdiag
