// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/slp/WbemServiceAdvert.h"

#include "core/slp/SlpAttributeParser.h"

#include <QJsonArray>

namespace cimdiag {

namespace {

enum class Kind : quint8 { Single, List, Namespaces, Boolean };

struct Field
{
    const char *tag; ///< DSP0206 spelling
    QStringList aliases; ///< deviations seen in the field [A6]
    Kind kind;
    QString WbemServiceAdvert::*single = nullptr;
    QStringList WbemServiceAdvert::*list = nullptr;
};

const QList<Field> &fields()
{
    using A = WbemServiceAdvert;
    static const QList<Field> table = {
        {"template-type", {}, Kind::Single, &A::templateType},
        {"template-version", {}, Kind::Single, &A::templateVersion},
        {"template-description", {}, Kind::Single, &A::templateDescription},
        {"template-url-syntax", {}, Kind::Single, &A::templateUrlSyntax},
        {"service-hi-name", {}, Kind::Single, &A::serviceHiName},
        {"service-hi-description", {}, Kind::Single, &A::serviceHiDescription},
        {"service-id", {}, Kind::Single, &A::serviceId},
        {"CommunicationMechanism", {}, Kind::Single, &A::communicationMechanism},
        {"OtherCommunicationMechanismDescription", {}, Kind::Single, &A::otherCommunicationMechanismDescription},
        {"InteropSchemaNamespace", {QStringLiteral("Interop"), QStringLiteral("InteropNamespace")}, Kind::Namespaces,
            nullptr, &A::interopSchemaNamespaces},
        {"ProtocolVersion", {}, Kind::Single, &A::protocolVersion},
        {"FunctionalProfilesSupported", {QStringLiteral("FunctionalProfileSupported")}, Kind::List, nullptr,
            &A::functionalProfilesSupported},
        {"FunctionalProfileDescriptions", {QStringLiteral("FunctionalProfilesDescriptions")}, Kind::List, nullptr,
            &A::functionalProfileDescriptions},
        {"MultipleOperationsSupported", {}, Kind::Boolean},
        {"AuthenticationMechanismsSupported", {QStringLiteral("AuthenticationMechanismSupported")}, Kind::List, nullptr,
            &A::authenticationMechanismsSupported},
        // The template itself misspells this tag; OpenPegasus sends the correct spelling.
        {"AuthenticationMechansimDescriptions",
            {QStringLiteral("AuthenticationMechanismDescriptions"),
                QStringLiteral("AuthenticationMechanismsDescriptions")},
            Kind::List, nullptr, &A::authenticationMechanismDescriptions},
        {"Namespace", {QStringLiteral("Namespaces")}, Kind::Namespaces, nullptr, &A::namespaces},
        {"Classinfo", {}, Kind::List, nullptr, &A::classinfo},
        {"RegisteredProfilesSupported", {QStringLiteral("RegisteredProfileSupported")}, Kind::List, nullptr,
            &A::registeredProfilesSupported},
    };
    return table;
}

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

} // namespace

QUrl WbemServiceAdvert::wbemUrl(const QString &serviceUrl, QString *note)
{
    QString rest = serviceUrl.trimmed();
    static const QString prefix = QStringLiteral("service:wbem");
    if (!rest.startsWith(prefix, Qt::CaseInsensitive))
        return {};
    rest = rest.mid(prefix.size());
    if (rest.startsWith(u':'))
        rest = rest.mid(1);
    QString scheme;
    if (rest.startsWith(QStringLiteral("//"))) {
        // "service:wbem://host:port": the abstract type with no concrete scheme.
        if (note)
            *note = QStringLiteral("service URL without http/https");
    } else {
        const qsizetype colon = rest.indexOf(u':');
        if (colon <= 0)
            return {};
        scheme = rest.left(colon).toLower();
        rest = rest.mid(colon + 1);
        if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
            return {};
    }
    QUrl url(QStringLiteral("x:") + rest, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return {};
    if (scheme.isEmpty())
        scheme = url.port() == 5988 ? QStringLiteral("http") : QStringLiteral("https");
    url.setScheme(scheme);
    if (url.port() < 0)
        url.setPort(scheme == QLatin1String("https") ? 5989 : 5988);
    return url;
}

WbemServiceAdvert WbemServiceAdvert::fromSlp(const QString &serviceUrl, const QString &attributeList)
{
    QStringList notes;
    const SlpAttributeList attributes = SlpAttributeParser::parse(attributeList, &notes);
    WbemServiceAdvert advert = fromSlp(serviceUrl, attributes);
    advert.deviations = notes + advert.deviations;
    return advert;
}

WbemServiceAdvert WbemServiceAdvert::fromSlp(const QString &serviceUrl, const SlpAttributeList &attributes)
{
    WbemServiceAdvert advert;
    advert.serviceUrl = serviceUrl;
    QString urlNote;
    advert.url = wbemUrl(serviceUrl, &urlNote);
    if (!urlNote.isEmpty())
        advert.deviations.append(urlNote);
    advert.attributesFetched = !attributes.isEmpty();
    auto deviation = [&advert](const QString &text) {
        if (!advert.deviations.contains(text))
            advert.deviations.append(text);
    };
    for (const SlpAttribute &attribute : attributes) {
        const Field *match = nullptr;
        for (const Field &field : fields()) {
            const QString tag = QString::fromLatin1(field.tag);
            if (attribute.tag.compare(tag, Qt::CaseInsensitive) == 0) {
                match = &field;
                if (attribute.tag != tag)
                    deviation(QStringLiteral("tag \"%1\" spelled \"%2\"").arg(tag, attribute.tag));
                break;
            }
            for (const QString &alias : field.aliases) {
                if (attribute.tag.compare(alias, Qt::CaseInsensitive) == 0) {
                    match = &field;
                    deviation(QStringLiteral("\"%1\" used for %2").arg(attribute.tag, tag));
                    break;
                }
            }
            if (match)
                break;
        }
        if (!match) {
            advert.otherAttributes.append(attribute);
            continue;
        }
        switch (match->kind) {
        case Kind::Single:
            advert.*(match->single) = attribute.values.join(QStringLiteral(", "));
            break;
        case Kind::List:
            advert.*(match->list) += attribute.values;
            break;
        case Kind::Namespaces:
            for (QString value : attribute.values) {
                // Namespaces go on the wire without the leading '/' (DSP0200); some servers
                // advertise "/interop" [A6].
                if (value.startsWith(u'/')) {
                    deviation(QStringLiteral("leading '/' stripped from namespace \"%1\"").arg(value));
                    while (value.startsWith(u'/'))
                        value.remove(0, 1);
                }
                if (!value.isEmpty())
                    (advert.*(match->list)).append(value);
            }
            break;
        case Kind::Boolean: {
            const QString value = attribute.values.value(0).trimmed();
            if (value.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
                advert.multipleOperationsSupported = true;
            else if (value.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
                advert.multipleOperationsSupported = false;
            else
                deviation(QStringLiteral("MultipleOperationsSupported is \"%1\", not a boolean").arg(value));
            break;
        }
        }
    }
    return advert;
}

QString WbemServiceAdvert::displayName() const
{
    return serviceHiName.isEmpty() ? serviceUrl : serviceHiName;
}

QList<std::pair<QString, QString>> WbemServiceAdvert::attributeRows() const
{
    QList<std::pair<QString, QString>> rows;
    for (const Field &field : fields()) {
        QString value;
        if (field.kind == Kind::Boolean)
            value = multipleOperationsSupported
                ? (*multipleOperationsSupported ? QStringLiteral("true") : QStringLiteral("false"))
                : QString();
        else if (field.single)
            value = this->*(field.single);
        else
            value = (this->*(field.list)).join(QStringLiteral(", "));
        if (!value.isEmpty())
            rows.append({QString::fromLatin1(field.tag), value});
    }
    for (const SlpAttribute &attribute : otherAttributes)
        rows.append({attribute.tag, attribute.values.join(QStringLiteral(", "))});
    return rows;
}

QJsonObject WbemServiceAdvert::toJson() const
{
    QJsonObject object;
    object.insert(QStringLiteral("serviceUrl"), serviceUrl);
    object.insert(QStringLiteral("url"), url.isValid() ? url.toString() : QString());
    object.insert(QStringLiteral("lifetime"), int(lifetime));
    object.insert(QStringLiteral("source"), source.isNull() ? QString() : source.toString());
    object.insert(QStringLiteral("sourcePort"), int(sourcePort));
    object.insert(QStringLiteral("viaMulticast"), viaMulticast);
    QJsonObject attributes;
    for (const Field &field : fields()) {
        const QString tag = QString::fromLatin1(field.tag);
        if (field.kind == Kind::Boolean) {
            if (multipleOperationsSupported)
                attributes.insert(tag, *multipleOperationsSupported);
        } else if (field.single) {
            if (!(this->*(field.single)).isEmpty())
                attributes.insert(tag, this->*(field.single));
        } else if (!(this->*(field.list)).isEmpty()) {
            attributes.insert(tag, toArray(this->*(field.list)));
        }
    }
    object.insert(QStringLiteral("attributes"), attributes);
    QJsonObject others;
    for (const SlpAttribute &attribute : otherAttributes) {
        if (attribute.keyword)
            others.insert(attribute.tag, true);
        else
            others.insert(attribute.tag, toArray(attribute.values));
    }
    object.insert(QStringLiteral("otherAttributes"), others);
    object.insert(QStringLiteral("deviations"), toArray(deviations));
    if (!attributeError.isEmpty())
        object.insert(QStringLiteral("attributeError"), attributeError);
    return object;
}

} // namespace cimdiag
