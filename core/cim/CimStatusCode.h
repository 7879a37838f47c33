// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace cimdiag {

/// CIM status codes (DSP0200 table 2, DSP0004); 21-29 belong to pull operations and FQL.
enum class CimStatusCode : int {
    Ok = 0,
    Failed = 1,
    AccessDenied = 2,
    InvalidNamespace = 3,
    InvalidParameter = 4,
    InvalidClass = 5,
    NotFound = 6,
    NotSupported = 7,
    ClassHasChildren = 8,
    ClassHasInstances = 9,
    InvalidSuperclass = 10,
    AlreadyExists = 11,
    NoSuchProperty = 12,
    TypeMismatch = 13,
    QueryLanguageNotSupported = 14,
    InvalidQuery = 15,
    MethodNotAvailable = 16,
    MethodNotFound = 17,
    UnexpectedResponse = 18,
    InvalidResponseDestination = 19,
    NamespaceNotEmpty = 20,
    InvalidEnumerationContext = 21,
    InvalidOperationTimeout = 22,
    PullHasBeenAbandoned = 23,
    PullCannotBeAbandoned = 24,
    FilteredEnumerationNotSupported = 25,
    ContinuationOnErrorNotSupported = 26,
    ServerLimitsExceeded = 27,
    ServerIsShuttingDown = 28,
    QueryFeatureNotSupported = 29,
};

/// "CIM_ERR_ACCESS_DENIED" for 2, "CIM_ERR_OK"... for 0; "CIM_ERR_UNKNOWN(42)" outside 0..29.
QString cimStatusName(int code);
/// The DSP0200 description, in English (protocol text, not translated): "Access to a CIM resource
/// is not available to the client."
QString cimStatusDescription(int code);
bool isKnownCimStatus(int code);

} // namespace cimdiag
