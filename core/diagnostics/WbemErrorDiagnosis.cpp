// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/WbemErrorDiagnosis.h"

#include "core/cim/CimStatusCode.h"

#include <QCoreApplication>

namespace cimdiag {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(cimdiag::WbemErrorDiagnosis)
};

QStringList cimStatusHints(int code)
{
    switch (CimStatusCode(code)) {
    case CimStatusCode::AccessDenied:
        return {QStringLiteral("E6")};
    case CimStatusCode::InvalidNamespace:
        return {QStringLiteral("E1")};
    case CimStatusCode::InvalidClass:
        return {QStringLiteral("E3")};
    case CimStatusCode::NotSupported:
        return {QStringLiteral("E4")};
    case CimStatusCode::InvalidOperationTimeout:
        return {QStringLiteral("E8")};
    case CimStatusCode::ServerLimitsExceeded:
        return {QStringLiteral("E9")};
    case CimStatusCode::ServerIsShuttingDown:
        return {QStringLiteral("D19")};
    default:
        return {};
    }
}

QStringList cimErrorHeaderHints(const QString &value)
{
    if (value == QLatin1String("unsupported-operation"))
        return {QStringLiteral("D13")};
    if (value == QLatin1String("header-mismatch"))
        return {QStringLiteral("D14")};
    if (value == QLatin1String("request-not-valid") || value == QLatin1String("request-not-well-formed")
        || value == QLatin1String("request-not-loosely-valid"))
        return {QStringLiteral("D15")};
    if (value.startsWith(QLatin1String("unsupported-")) || value == QLatin1String("multiple-requests-unsupported"))
        return {QStringLiteral("D16")};
    return {};
}

QStringList httpStatusHints(int status)
{
    switch (status) {
    case 400:
        return {QStringLiteral("D12")};
    case 401:
        return {QStringLiteral("D1")};
    case 403:
        return {QStringLiteral("D9")};
    case 405:
    case 510:
        return {QStringLiteral("D17")};
    case 407:
        return {QStringLiteral("B8")};
    case 411:
        return {QStringLiteral("D11")};
    case 417:
        return {QStringLiteral("D10")};
    case 503:
        return {QStringLiteral("D19")};
    default:
        return {};
    }
}

} // namespace

QStringList WbemErrorDiagnosis::hintIds(const WbemError &error)
{
    switch (error.kind) {
    case WbemError::Kind::Cim:
        return cimStatusHints(error.cimStatus.code());
    case WbemError::Kind::Timeout:
        return error.timeoutPhase == WbemError::TimeoutPhase::Connect
            ? QStringList {QStringLiteral("B3")}
            : QStringList {QStringLiteral("E8"), QStringLiteral("B6")};
    case WbemError::Kind::Connection:
        switch (error.networkError) {
        case QNetworkReply::ConnectionRefusedError:
            return {QStringLiteral("B2")};
        case QNetworkReply::HostNotFoundError:
            return {QStringLiteral("B1")};
        case QNetworkReply::RemoteHostClosedError:
        case QNetworkReply::NetworkSessionFailedError:
        case QNetworkReply::UnknownNetworkError:
            return {QStringLiteral("E11"), QStringLiteral("B5")};
        default:
            return {QStringLiteral("E11")};
        }
    case WbemError::Kind::Authentication:
        return {QStringLiteral("D1")};
    case WbemError::Kind::Proxy:
        return {QStringLiteral("B8")};
    case WbemError::Kind::Http: {
        const QStringList fromHeader = cimErrorHeaderHints(error.cimErrorHeader);
        return fromHeader.isEmpty() ? httpStatusHints(error.httpStatus) : fromHeader;
    }
    case WbemError::Kind::CimXml:
        return {QStringLiteral("E12")};
    case WbemError::Kind::Tls:
    case WbemError::Kind::Cancelled:
    case WbemError::Kind::None:
        break;
    }
    return {};
}

QString WbemErrorDiagnosis::describe(const WbemError &error)
{
    switch (error.kind) {
    case WbemError::Kind::Cim: {
        const int code = error.cimStatus.code();
        const QString description = error.cimStatus.description();
        return cimStatusName(code) + QStringLiteral(" (") + QString::number(code) + u')'
            + (description.isEmpty() ? QString() : QStringLiteral(": ") + description);
    }
    case WbemError::Kind::Timeout:
        switch (error.timeoutPhase) {
        case WbemError::TimeoutPhase::Connect:
            return Text::tr("no connection within the timeout");
        case WbemError::TimeoutPhase::Read:
            return Text::tr("no complete reply within the timeout");
        case WbemError::TimeoutPhase::Total:
            return Text::tr("the operation ran over its total time limit");
        }
        break;
    case WbemError::Kind::CimXml:
        return Text::tr("the reply is not valid CIM-XML: %1").arg(error.xmlError.toString());
    default:
        break;
    }
    return error.toString();
}

void WbemErrorDiagnosis::addEvidence(CheckResult &result, const WbemError &error)
{
    if (error.kind == WbemError::Kind::Cim) {
        result.addEvidence(QStringLiteral("cim.status"),
            QString::number(error.cimStatus.code()) + u' ' + cimStatusName(error.cimStatus.code()));
    }
    if (error.httpStatus != 0) {
        result.addEvidence(QStringLiteral("http.status"), QString::number(error.httpStatus) + u' ' + error.httpReason);
    }
    if (!error.cimErrorHeader.isEmpty())
        result.addEvidence(QStringLiteral("http.CIMError"), error.cimErrorHeader);
    if (!error.pgErrorDetail.isEmpty())
        result.addEvidence(QStringLiteral("http.PGErrorDetail"), error.pgErrorDetail);
    result.addEvidence(QStringLiteral("wbem.error"), error.toString());
}

CheckResult WbemErrorDiagnosis::failed(const QString &what, const WbemError &error)
{
    CheckResult result = CheckResult::failed(what + QStringLiteral(": ") + describe(error), hintIds(error));
    addEvidence(result, error);
    return result;
}

} // namespace cimdiag
