// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/wbem/WbemConnectionOptions.h"
#include "core/wbem/WbemCredentials.h"
#include "core/wbem/WbemOperationRecorder.h"

#include <QSet>
#include <QString>

#include <memory>

namespace cimdiag {

class AuditTrail;
class WbemConnection;

/// Turns what a WbemConnection does into audit events (PEP 258 types), as a recorder attached to
/// the connection:
/// - TYPE_AUTHENTICATION: a request that carried Authorization (Basic or CIM ticket) answered 401 is
///   an AUTH_FAILURE, answered otherwise an AUTH_SUCCESS; with a client certificate configured on
///   https, a reply is a certificate AUTH_SUCCESS and a handshake the server broke off (a TLS or
///   connection error without verification errors) an AUTH_FAILURE. Every failure is written; a
///   success only once per server, kind and user until the next failure, so a session of a thousand
///   operations makes one event, not a thousand. Details: server, kind, user (Basic only: a ticket
///   is its own user name), HTTP status.
/// - TYPE_CIMOPERATION: every operation that changes the server (Create/Modify/DeleteInstance,
///   SetProperty, Create/Modify/DeleteClass, Set/DeleteQualifier, InvokeMethod) when it finished:
///   namespace, class, instance path, property/qualifier/method name, CIM status code; never a
///   parameter or property value. Read-only operations are not audited.
/// Exchanges without credentials (an anonymous probe) make no authentication event.
///
/// The identity (kind, user, certificate file) is fixed at construction: the exchange itself has the
/// Authorization value redacted, so it cannot say who was authenticated. One recorder may serve
/// several connections with the same identity (DiagnosticContext shares one per run).
class AuditOperationRecorder final : public WbemOperationRecorder
{
public:
    /// Who the client says it is, as far as an audit trail may say: never a password or ticket.
    struct Identity
    {
        WbemCredentials::Kind kind = WbemCredentials::Kind::None;
        QString user; ///< Basic only
        QString clientCertificateFile; ///< https only
        /// Read from clientCertificateFile by identityOf() (empty when it cannot be read).
        QString certificateSubject;
        QString certificateIssuer;
        QString certificateSerial;
    };

    static Identity identityOf(const WbemConnectionOptions &options);

    /// trail: where events go (shared: the recorder may outlive the code that made it).
    AuditOperationRecorder(std::shared_ptr<AuditTrail> trail, Identity identity);
    ~AuditOperationRecorder() override;
    Q_DISABLE_COPY_MOVE(AuditOperationRecorder)

    /// Makes a recorder for connection's current options, adds it to connection and returns it
    /// (remove it with WbemConnection::removeRecorder(); make a new one after setOptions() changes
    /// the credentials).
    static std::shared_ptr<AuditOperationRecorder> attach(
        WbemConnection &connection, std::shared_ptr<AuditTrail> trail);

    const Identity &identity() const { return m_identity; }
    const std::shared_ptr<AuditTrail> &trail() const { return m_trail; }

    /// Whether operation changes the server (and so is audited).
    static bool isAuditedOperation(CimOperation operation);

    bool wantsReplyBody() const override { return false; }
    void record(const WbemExchange &exchange) override;

private:
    void recordAuthentication(const WbemExchange &exchange);
    void recordOperation(const WbemExchange &exchange);

    std::shared_ptr<AuditTrail> m_trail;
    Identity m_identity;
    /// Servers (and kinds) whose success was written since their last failure.
    QSet<QString> m_authenticated;
};

} // namespace cimdiag
