// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/slp/SlpAttribute.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace cimdiag {

/// One WBEM server as it advertises itself over SLP (DSP0206 service:wbem template), a value.
///
/// fromSlp() maps the template's attributes to fields and keeps every other attribute raw in
/// otherAttributes. Tags are matched without regard to case, and the deviations seen in the
/// field are accepted [A6] (each one noted in deviations): `Interop` or `InteropNamespace` for
/// InteropSchemaNamespace, a leading '/' on namespaces, the singular
/// `AuthenticationMechanismSupported` / `FunctionalProfileSupported` /
/// `RegisteredProfileSupported`, and both spellings of the descriptions tag
/// (`AuthenticationMechansimDescriptions` in the template, `...Mechanism...` from OpenPegasus).
struct WbemServiceAdvert final
{
    /// As advertised: "service:wbem:https://10.0.0.5:5989".
    QString serviceUrl;
    /// The WBEM URI inside it ("https://10.0.0.5:5989"); invalid when the URL cannot be read. A
    /// URL without scheme gets https for 5989 and http otherwise; without port, the scheme's
    /// DSP0200 port.
    QUrl url;
    quint16 lifetime = 0; ///< seconds, from the SrvRply URL entry

    /// Who answered: the reply's source address and port (A7 compares it with url's host).
    QHostAddress source;
    quint16 sourcePort = 0;
    bool viaMulticast = false;

    QString templateType;
    QString templateVersion;
    QString templateDescription;
    QString templateUrlSyntax;
    QString serviceHiName; ///< CIM_ObjectManager.ElementName
    QString serviceHiDescription;
    QString serviceId; ///< CIM_ObjectManager.Name
    QString communicationMechanism; ///< cim-xml, Other, Unknown
    QString otherCommunicationMechanismDescription;
    QStringList interopSchemaNamespaces;
    QString protocolVersion;
    QStringList functionalProfilesSupported;
    QStringList functionalProfileDescriptions;
    std::optional<bool> multipleOperationsSupported;
    QStringList authenticationMechanismsSupported;
    QStringList authenticationMechanismDescriptions;
    QStringList namespaces;
    QStringList classinfo;
    QStringList registeredProfilesSupported; ///< "SNIA:Server:...", "DMTF:Profile Registration"
    /// Attributes the template does not name, as received (escapes decoded).
    SlpAttributeList otherAttributes;
    /// What fromSlp() had to tolerate [A6], untranslated ("Interop used for InteropSchemaNamespace").
    QStringList deviations;
    /// Set when the attribute request failed or was not made ("AttrRqst timed out").
    QString attributeError;
    bool attributesFetched = false;

    /// Maps a service URL and its attributes; attributeList is the AttrRply's raw list.
    static WbemServiceAdvert fromSlp(const QString &serviceUrl, const QString &attributeList);
    static WbemServiceAdvert fromSlp(const QString &serviceUrl, const SlpAttributeList &attributes);
    /// Reads the WBEM URI of a service:wbem URL ("service:wbem:https://h:5989" -> https://h:5989).
    /// Invalid QUrl when it is not one; *note says which deviation was accepted.
    static QUrl wbemUrl(const QString &serviceUrl, QString *note = nullptr);

    /// A display name: service-hi-name, else the URL.
    QString displayName() const;
    /// Every field by its DSP0206 tag, lists as arrays, plus url, source, otherAttributes and
    /// deviations.
    QJsonObject toJson() const;
    /// (tag, values joined by ", ") for display, template attributes first, empty ones left out.
    QList<std::pair<QString, QString>> attributeRows() const;
};

} // namespace cimdiag
