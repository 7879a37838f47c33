// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimSlpOptions.h"

namespace cimdiag {

SlpAttributeList SimSlpOptions::defaultAttributes()
{
    auto one = [](const char *tag, QStringList values) { return SlpAttribute {QString::fromLatin1(tag), values}; };
    return {
        one("template-type", {QStringLiteral("wbem")}),
        one("template-version", {QStringLiteral("1.0")}),
        one("template-description", {QStringLiteral("WBEM service (cimdiag-sim)")}),
        one("template-url-syntax", {QStringLiteral("https://{host}:{httpsPort}")}),
        one("service-hi-name", {QStringLiteral("cimdiag-sim")}),
        one("service-hi-description", {QStringLiteral("cimdiag CIM-XML simulator")}),
        one("service-id", {QStringLiteral("cimdiag-sim:{host}")}),
        one("CommunicationMechanism", {QStringLiteral("cim-xml")}),
        one("InteropSchemaNamespace", {QStringLiteral("interop")}),
        one("ProtocolVersion", {QStringLiteral("1.0")}),
        one("FunctionalProfilesSupported",
            {QStringLiteral("Basic Read"), QStringLiteral("Association Traversal"), QStringLiteral("Query Execution")}),
        one("MultipleOperationsSupported", {QStringLiteral("false")}),
        one("AuthenticationMechanismsSupported", {QStringLiteral("Basic")}),
        one("Namespace", {QStringLiteral("interop"), QStringLiteral("root/cimv2")}),
        one("RegisteredProfilesSupported", {QStringLiteral("DMTF:Profile Registration")}),
    };
}

} // namespace cimdiag
