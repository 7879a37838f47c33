// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace cimdiag {

/// The SLPv2 error codes (RFC 2608 section 7; shared/reference/dmtf-facts.md). 8 is not assigned.
enum class SlpErrorCode : quint16 {
    Ok = 0,
    LanguageNotSupported = 1,
    ParseError = 2,
    InvalidRegistration = 3,
    ScopeNotSupported = 4, ///< A5: the query's scope is not one the agent serves
    AuthenticationUnknown = 5,
    AuthenticationAbsent = 6,
    AuthenticationFailed = 7,
    VerNotSupported = 9,
    InternalError = 10,
    DaBusyNow = 11,
    OptionNotUnderstood = 12,
    InvalidUpdate = 13,
    MsgNotSupported = 14,
    RefreshRejected = 15,
};

/// The RFC's name: "SCOPE_NOT_SUPPORTED", "OK" for 0, "UNKNOWN_ERROR_8" for an unassigned code.
QString slpErrorName(quint16 code);
/// "4 SCOPE_NOT_SUPPORTED": the evidence form.
QString slpErrorText(quint16 code);

} // namespace cimdiag
