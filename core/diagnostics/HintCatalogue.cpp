// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/HintCatalogue.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace cimdiag {

// Translations: the English texts live in resources/hints/hints.json, and hint() passes each one
// through QCoreApplication::translate("cimdiag::Hint", text), so a loaded .qm that has them applies.
// lupdate cannot read JSON, so today no .ts file contains these strings and they show in English;
// a generator that turns hints.json into a source file lupdate reads comes with the translations
// work. Until then, a translator would have to add the context "cimdiag::Hint" entries by hand.

namespace {

constexpr const char *kContext = "cimdiag::Hint";

QString translated(const QString &text)
{
    return QCoreApplication::translate(kContext, text.toUtf8().constData());
}

} // namespace

const HintCatalogue &HintCatalogue::instance()
{
    // A function-local static is initialised once, thread-safely (C++11 "magic statics").
    static const HintCatalogue catalogue = [] {
        QFile file(QStringLiteral(":/hints/hints.json"));
        if (!file.open(QIODevice::ReadOnly)) {
            qWarning("cimdiag: cannot open the embedded hint catalogue: %s", qPrintable(file.errorString()));
            return HintCatalogue();
        }
        QString error;
        HintCatalogue loaded = fromJson(file.readAll(), &error);
        if (!error.isEmpty())
            qWarning("cimdiag: the embedded hint catalogue is broken: %s", qPrintable(error));
        return loaded;
    }();
    return catalogue;
}

HintCatalogue HintCatalogue::fromJson(const QByteArray &json, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = QStringLiteral("hints.json: ") + message;
        return HintCatalogue();
    };

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(
            QStringLiteral("not valid JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString()));
    if (!document.isObject() || !document.object().value(QLatin1StringView("hints")).isArray())
        return fail(QStringLiteral("the top level must be an object with a \"hints\" array"));

    // The failure-mode ids of shared/reference/failure-modes.md: section letter A-F and a number.
    static const QRegularExpression idPattern(QStringLiteral("^[A-F][0-9]{1,2}$"));
    const QJsonArray array = document.object().value(QLatin1StringView("hints")).toArray();
    HintCatalogue catalogue;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = QStringLiteral("hints[%1]").arg(i);
        if (!array.at(i).isObject())
            return fail(where + QStringLiteral(": must be an object"));
        const QJsonObject object = array.at(i).toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key() != u"id" && it.key() != u"title" && it.key() != u"cause" && it.key() != u"remedy")
                return fail(where + QStringLiteral(": unknown field '%1'").arg(it.key()));
        }
        Hint hint;
        const QString id = object.value(QLatin1StringView("id")).toString();
        const QString named = id.isEmpty() ? where : QString(where + QStringLiteral(" (") + id + QLatin1Char(')'));
        for (const auto &[field, target] : {std::pair {"id", &hint.id}, std::pair {"title", &hint.title},
                 std::pair {"cause", &hint.cause}, std::pair {"remedy", &hint.remedy}}) {
            const QJsonValue value = object.value(QLatin1StringView(field));
            if (!value.isString() || value.toString().trimmed().isEmpty()) {
                return fail(named
                    + QStringLiteral(": field '%1' %2")
                          .arg(QLatin1StringView(field),
                              value.isUndefined() ? QStringLiteral("is missing")
                                                  : QStringLiteral("must be a non-empty string")));
            }
            *target = value.toString();
        }
        if (!idPattern.match(hint.id).hasMatch())
            return fail(named + QStringLiteral(": field 'id': '%1' is not a failure-mode id like C7").arg(hint.id));
        if (catalogue.m_hints.contains(hint.id))
            return fail(named + QStringLiteral(": field 'id': duplicate id '%1'").arg(hint.id));
        hint.section = hint.id.left(1);
        catalogue.m_order.append(hint.id);
        catalogue.m_hints.insert(hint.id, hint);
    }
    if (error)
        error->clear();
    return catalogue;
}

std::optional<Hint> HintCatalogue::hint(const QString &id) const
{
    const auto it = m_hints.constFind(id);
    if (it == m_hints.cend())
        return std::nullopt;
    Hint hint = *it;
    hint.title = translated(hint.title);
    hint.cause = translated(hint.cause);
    hint.remedy = translated(hint.remedy);
    return hint;
}

} // namespace cimdiag
