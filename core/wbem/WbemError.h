// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimStatus.h"
#include "core/cimxml/CimXmlError.h"

#include <QList>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QStringList>

namespace cimdiag {

/// Why a WBEM operation failed (a value; a null error means success). kind says which layer failed
/// and which members are meaningful:
/// - Connection: networkError and message (refused, reset, closed early, host not found, ...).
/// - Timeout: timeoutPhase (connect, read or the total deadline).
/// - Tls: sslErrors (what verification found, or empty for a handshake failure or pin mismatch)
///   and peerChain.
/// - Authentication (HTTP 401): httpStatus, challengeSchemes and realm from WWW-Authenticate,
///   pgErrorDetail (OpenPegasus' reason, URL-decoded).
/// - Proxy (HTTP 407 or the proxy refusing the connection): httpStatus, challenge like above.
/// - Http (any other non-CIM HTTP answer, or a reply over maxReplySize): httpStatus, httpReason, cimErrorHeader
/// (DSP0200
///   CIMError), pgErrorDetail (OpenPegasus, URL-decoded), contentType.
/// - CimXml: the reply body was not valid CIM-XML for the operation: xmlError with its location.
/// - Cim: the server answered with ERROR: cimStatus (code, description, CIM_Error instances).
/// - Cancelled: cancel() was called.
struct WbemError final
{
    enum class Kind : quint8 { None, Connection, Timeout, Tls, Authentication, Proxy, Http, CimXml, Cim, Cancelled };
    /// Total: WbemConnectionOptions::totalTimeout ran out.
    enum class TimeoutPhase : quint8 { Connect, Read, Total };

    Kind kind = Kind::None;
    QString message;

    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    TimeoutPhase timeoutPhase = TimeoutPhase::Connect;
    QList<QSslError> sslErrors;
    QList<QSslCertificate> peerChain;
    int httpStatus = 0;
    QString httpReason;
    QString contentType;
    QStringList challengeSchemes;
    QString realm;
    QString cimErrorHeader;
    QString pgErrorDetail;
    CimXmlError xmlError;
    CimStatus cimStatus;

    static WbemError make(Kind kind, QString message)
    {
        WbemError error;
        error.kind = kind;
        error.message = std::move(message);
        return error;
    }

    bool isNull() const { return kind == Kind::None; }
    /// "Connection", "Timeout", ...: stable names for logs and reports.
    static QString kindName(Kind kind);
    /// One line: "<Kind>: <message> (<details>)".
    QString toString() const;

    /// Parses WWW-Authenticate / Proxy-Authenticate values (one or several headers, each possibly
    /// holding several challenges) into the scheme names and the first realm.
    static void parseChallenges(const QList<QByteArray> &headerValues, QStringList *schemes, QString *realm);
};

} // namespace cimdiag
