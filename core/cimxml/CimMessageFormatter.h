// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cimxml/CimOperationRequest.h"
#include "core/cimxml/CimOperationResponse.h"

#include <QJsonObject>
#include <QString>
#include <QTextStream>

namespace cimdiag {

/// Renders a decoded CIM-XML message for people (MOF-like text) or programs (JSON, through
/// CimJson), so `cimdiag-cli decode`, the GUI's message view and the reports show messages alike.
///
/// Text form: lines starting with "//" are MOF comments about the message (operation, message id,
/// what it holds, instance paths); everything else is what the message carries. Instances, classes
/// and qualifier declarations are MOF (their toMof()); instance names and class paths are WBEM URIs,
/// one a line; return values, output parameters and arguments are "type Name = value;"
/// (references as WBEM URIs); a CIM error is one line "CIM error: CIM_ERR_NOT_FOUND (6):
/// description" followed by the CIM_Error instances the server attached. The text is protocol
/// output in English, not translated: scripts grep it and it is full of CIM names anyway.
///
/// JSON form: {"kind": "response"|"request", "operation", "messageId", ...}; see toJson() for the
/// members. All functions are pure and thread-safe.
class CimMessageFormatter final
{
public:
    CimMessageFormatter() = delete;

    /// Writes the text form of response to out; a 20,000-instance reply is streamed, not built as
    /// one string.
    static void writeText(const CimOperationResponse &response, QTextStream &out);
    /// Writes the text form of request to out.
    static void writeText(const CimOperationRequest &request, QTextStream &out);
    static QString toText(const CimOperationResponse &response);
    static QString toText(const CimOperationRequest &request);

    /// {"kind": "response", "operation", "messageId", "method"? (InvokeMethod), "status":
    /// CimJson::status(), "summary", then, when the status is OK, the members the operation's
    /// CimReturnShape calls for, present even when empty: "instances", "instanceNames", "classes",
    /// "classNames", "qualifierDeclarations", "returnValue" (typed), "outParameters",
    /// "enumerationContext" (null when the sequence ended without one), "endOfSequence".}
    static QJsonObject toJson(const CimOperationResponse &response);
    /// {"kind": "request", "operation", "messageId", "namespace" (intrinsic), "method" and "target"
    /// (InvokeMethod; target is an instance name or class path object), "arguments" (intrinsic and
    /// export: {name: {"kind": "value"|"className"|"instanceName"|"instance"|"class"|
    /// "qualifierDeclaration"|"null", ...}}), "parameters" (InvokeMethod: {name: typed value})}.
    static QJsonObject toJson(const CimOperationRequest &request);

    /// What the response holds, in a few words: "8 instances", "1 instance name", "return value and
    /// 2 output parameters", "CIM error CIM_ERR_NOT_FOUND (6)".
    static QString summary(const CimOperationResponse &response);
    /// A value as the text form writes it after "=": MOF literals, references as WBEM URIs, embedded
    /// objects as MOF blocks.
    static QString valueText(const CimValue &value);
};

} // namespace cimdiag
