// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimClass.h"
#include "core/cim/CimClassName.h"
#include "core/cim/CimFlavors.h"
#include "core/cim/CimInstance.h"
#include "core/cim/CimInstanceName.h"
#include "core/cim/CimMethod.h"
#include "core/cim/CimParamValue.h"
#include "core/cim/CimParameter.h"
#include "core/cim/CimProperty.h"
#include "core/cim/CimQualifier.h"
#include "core/cim/CimQualifierDeclaration.h"
#include "core/cim/CimScopes.h"
#include "core/cim/CimStatus.h"
#include "core/cim/CimValue.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

namespace cimdiag {

/// JSON renderings of the CIM object model, for `cimdiag-cli decode --json`, reports and "copy as
/// JSON" in the GUI. One way only: cimdiag reads CIM-XML, never JSON.
///
/// Values are typed objects: {"type": "uint16", "value": 5}; arrays add "array": true and hold a JSON
/// array; NULL is null (also for a NULL element of an array); embedded objects add "embedded":
/// "instance" or "object" and hold the instance or class object. Because JSON numbers are IEEE
/// doubles, 64-bit integers outside +-(2^53 - 1) are strings of their decimal digits (nothing is
/// lost), and real NaN and infinities are the xsd:double strings "NaN", "INF" and "-INF", which JSON
/// cannot spell as numbers. real32 values are written in their shortest float form (0.1, not
/// 0.10000000149011612). Datetimes are the DSP0004 25-character string; references are instance name
/// objects.
///
/// Named collections (properties, key bindings, qualifiers, methods, parameters) are objects keyed by
/// name, so `jq .properties.Name.value` works; JSON objects are unordered, so declaration order is
/// not kept. Optional members (namespace, host, classOrigin, qualifiers...) are left out when empty.
class CimJson final
{
public:
    CimJson() = delete;

    /// Largest integer magnitude written as a JSON number: 2^53 - 1 (JavaScript's MAX_SAFE_INTEGER).
    static constexpr qint64 kMaxSafeInteger = (qint64(1) << 53) - 1;

    /// {"type": ..., "value": ...[, "array": true][, "embedded": "instance"|"object"]}; "type" is
    /// null for a default-constructed (Invalid) value.
    static QJsonObject value(const CimValue &value);
    /// Only the "value" member of value(): the JSON datum without its type.
    static QJsonValue valueData(const CimValue &value);

    /// {"className", "namespace"?, "host"?, "keyBindings": {name: typed value}, "uri": WBEM URI}
    static QJsonObject instanceName(const CimInstanceName &name);
    /// {"className", "namespace"?, "host"?, "uri"}
    static QJsonObject classPath(const CimClassName &name);
    /// {"className", "path"?, "properties": {name: property}, "qualifiers"?}
    static QJsonObject instance(const CimInstance &instance);
    /// value() plus "referenceClass"?, "classOrigin"?, "propagated"?, "arraySize"?, "qualifiers"?
    static QJsonObject property(const CimProperty &property);
    /// value() plus "flavors" and "propagated"?
    static QJsonObject qualifier(const CimQualifier &qualifier);
    /// {name: qualifier}
    static QJsonObject qualifiers(const CimQualifierList &qualifiers);
    /// {"type", "array"?, "arraySize"?, "referenceClass"?, "qualifiers"?}
    static QJsonObject parameter(const CimParameter &parameter);
    /// {"returnType", "classOrigin"?, "propagated"?, "parameters": {...}, "qualifiers"?}
    static QJsonObject method(const CimMethod &method);
    /// {"className", "superClass"?, "path"?, "qualifiers"?, "properties": {...}, "methods": {...}}
    static QJsonObject cimClass(const CimClass &cls);
    /// value() (the default value) plus "name", "arraySize"?, "scopes": [...], "flavors"
    static QJsonObject qualifierDeclaration(const CimQualifierDeclaration &declaration);
    /// {name: typed value}
    static QJsonObject paramValues(const CimParamValueList &parameters);
    /// {"overridable", "toSubclass", "toInstance", "translatable"}: all four, always.
    static QJsonObject flavors(const CimFlavors &flavors);
    /// The MOF scope names that are set: ["class", "association", "reference", "property", "method",
    /// "parameter", "indication"]; all seven for MOF's "any".
    static QJsonArray scopes(const CimScopes &scopes);
    /// {"ok", "code", "name": "CIM_ERR_...", "description", "text": CimStatus::toString(),
    /// "errorInstances"?: [instance...]}; for success only "ok" and "code".
    static QJsonObject status(const CimStatus &status);
};

} // namespace cimdiag
