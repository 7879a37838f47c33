// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/slp/SlpErrorCode.h"

namespace cimdiag {

QString slpErrorName(quint16 code)
{
    switch (SlpErrorCode(code)) {
    case SlpErrorCode::Ok:
        return QStringLiteral("OK");
    case SlpErrorCode::LanguageNotSupported:
        return QStringLiteral("LANGUAGE_NOT_SUPPORTED");
    case SlpErrorCode::ParseError:
        return QStringLiteral("PARSE_ERROR");
    case SlpErrorCode::InvalidRegistration:
        return QStringLiteral("INVALID_REGISTRATION");
    case SlpErrorCode::ScopeNotSupported:
        return QStringLiteral("SCOPE_NOT_SUPPORTED");
    case SlpErrorCode::AuthenticationUnknown:
        return QStringLiteral("AUTHENTICATION_UNKNOWN");
    case SlpErrorCode::AuthenticationAbsent:
        return QStringLiteral("AUTHENTICATION_ABSENT");
    case SlpErrorCode::AuthenticationFailed:
        return QStringLiteral("AUTHENTICATION_FAILED");
    case SlpErrorCode::VerNotSupported:
        return QStringLiteral("VER_NOT_SUPPORTED");
    case SlpErrorCode::InternalError:
        return QStringLiteral("INTERNAL_ERROR");
    case SlpErrorCode::DaBusyNow:
        return QStringLiteral("DA_BUSY_NOW");
    case SlpErrorCode::OptionNotUnderstood:
        return QStringLiteral("OPTION_NOT_UNDERSTOOD");
    case SlpErrorCode::InvalidUpdate:
        return QStringLiteral("INVALID_UPDATE");
    case SlpErrorCode::MsgNotSupported:
        return QStringLiteral("MSG_NOT_SUPPORTED");
    case SlpErrorCode::RefreshRejected:
        return QStringLiteral("REFRESH_REJECTED");
    }
    return QStringLiteral("UNKNOWN_ERROR_%1").arg(code);
}

QString slpErrorText(quint16 code)
{
    return QString::number(code) + u' ' + slpErrorName(code);
}

} // namespace cimdiag
