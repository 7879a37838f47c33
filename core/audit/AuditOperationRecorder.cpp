// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audit/AuditOperationRecorder.h"

#include "core/audit/AuditTrail.h"
#include "core/cim/CimStatusCode.h"
#include "core/wbem/WbemConnection.h"
#include "core/wbem/WbemRedactor.h"

#include <QSslCertificate>

namespace cimdiag {

namespace {

/// The server as the trail names it: scheme, host and port; no user info, path or query.
QString serverOf(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
}

bool sentAuthorization(const WbemExchange &exchange)
{
    for (const auto &[name, value] : exchange.requestHeaders) {
        if (name.compare("Authorization", Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

AuditEvent::Event eventOf(CimOperation operation)
{
    switch (operation) {
    case CimOperation::CreateInstance:
    case CimOperation::CreateClass:
        return AuditEvent::Event::Create;
    case CimOperation::DeleteInstance:
    case CimOperation::DeleteClass:
    case CimOperation::DeleteQualifier:
        return AuditEvent::Event::Delete;
    case CimOperation::InvokeMethod:
        return AuditEvent::Event::Invoke;
    default:
        return AuditEvent::Event::Update; // Modify*, SetProperty, SetQualifier
    }
}

AuditEvent::SubType subTypeOf(CimOperation operation)
{
    switch (operation) {
    case CimOperation::CreateClass:
    case CimOperation::ModifyClass:
    case CimOperation::DeleteClass:
    case CimOperation::SetQualifier:
    case CimOperation::DeleteQualifier:
        return AuditEvent::SubType::SchemaOperation;
    case CimOperation::InvokeMethod:
        return AuditEvent::SubType::MethodOperation;
    default:
        return AuditEvent::SubType::InstanceOperation;
    }
}

} // namespace

AuditOperationRecorder::Identity AuditOperationRecorder::identityOf(const WbemConnectionOptions &options)
{
    Identity identity;
    identity.kind = options.credentials.kind;
    if (identity.kind == WbemCredentials::Kind::Basic)
        identity.user = options.credentials.user;
    if (options.isHttps() && !options.tls.clientCertificateFile.isEmpty()) {
        identity.clientCertificateFile = options.tls.clientCertificateFile;
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(identity.clientCertificateFile);
        if (!certificates.isEmpty()) {
            const QSslCertificate &certificate = certificates.constFirst();
            identity.certificateSubject = certificate.subjectDisplayName();
            identity.certificateIssuer = certificate.issuerDisplayName();
            identity.certificateSerial = QString::fromLatin1(certificate.serialNumber());
        }
    }
    return identity;
}

AuditOperationRecorder::AuditOperationRecorder(std::shared_ptr<AuditTrail> trail, Identity identity)
    : m_trail(std::move(trail))
    , m_identity(std::move(identity))
{ }

AuditOperationRecorder::~AuditOperationRecorder() = default;

std::shared_ptr<AuditOperationRecorder> AuditOperationRecorder::attach(
    WbemConnection &connection, std::shared_ptr<AuditTrail> trail)
{
    auto recorder = std::make_shared<AuditOperationRecorder>(std::move(trail), identityOf(connection.options()));
    connection.addRecorder(recorder);
    return recorder;
}

bool AuditOperationRecorder::isAuditedOperation(CimOperation operation)
{
    switch (operation) {
    case CimOperation::CreateInstance:
    case CimOperation::ModifyInstance:
    case CimOperation::DeleteInstance:
    case CimOperation::SetProperty:
    case CimOperation::CreateClass:
    case CimOperation::ModifyClass:
    case CimOperation::DeleteClass:
    case CimOperation::SetQualifier:
    case CimOperation::DeleteQualifier:
    case CimOperation::InvokeMethod:
        return true;
    default:
        return false;
    }
}

void AuditOperationRecorder::record(const WbemExchange &exchange)
{
    if (!isEnabled() || !m_trail)
        return;
    recordAuthentication(exchange);
    if (exchange.isFinal && isAuditedOperation(exchange.request.operation))
        recordOperation(exchange);
}

void AuditOperationRecorder::recordAuthentication(const WbemExchange &exchange)
{
    const QString server = serverOf(exchange.url);
    const auto write = [this, &server, &exchange](
                           AuditEvent::SubType subType, bool success, const QString &kind, const QString &user = {}) {
        const QString key = server + u' ' + kind + u' ' + user;
        if (success && m_authenticated.contains(key))
            return;
        if (success)
            m_authenticated.insert(key);
        else
            m_authenticated.remove(key);
        AuditEvent event;
        event.type = AuditEvent::Type::Authentication;
        event.subType = subType;
        event.event = success ? AuditEvent::Event::AuthSuccess : AuditEvent::Event::AuthFailure;
        event.outcome = success ? AuditEvent::Outcome::Success : AuditEvent::Outcome::Failure;
        event.target = server;
        event.details.insert(QStringLiteral("kind"), kind);
        if (!user.isEmpty())
            event.details.insert(QStringLiteral("user"), exchange.redactor ? exchange.redactor->redact(user) : user);
        if (exchange.status != 0)
            event.details.insert(QStringLiteral("httpStatus"), exchange.status);
        if (!exchange.error.isNull() && !success) {
            event.details.insert(QStringLiteral("error"), WbemError::kindName(exchange.error.kind));
        }
        if (subType == AuditEvent::SubType::CertificateAuthentication) {
            // PEP 258 names the certificate by issuer, subject and serial number.
            event.details.insert(QStringLiteral("certificateSubject"), m_identity.certificateSubject);
            event.details.insert(QStringLiteral("certificateIssuer"), m_identity.certificateIssuer);
            event.details.insert(QStringLiteral("certificateSerial"), m_identity.certificateSerial);
        }
        m_trail->append(event);
    };

    const bool https = exchange.url.scheme() == QLatin1String("https");
    if (https && !m_identity.clientCertificateFile.isEmpty()) {
        const bool handshakeRefused = exchange.status == 0 && exchange.isFinal && exchange.error.sslErrors.isEmpty()
            && (exchange.error.kind == WbemError::Kind::Tls || exchange.error.kind == WbemError::Kind::Connection);
        if (exchange.status != 0 || handshakeRefused) {
            write(AuditEvent::SubType::CertificateAuthentication, exchange.status != 0, QStringLiteral("certificate"));
        }
    }

    if (exchange.status == 0 || !sentAuthorization(exchange))
        return;
    switch (m_identity.kind) {
    case WbemCredentials::Kind::None:
        return; // a header we did not configure: nothing to attribute it to
    case WbemCredentials::Kind::Basic:
        write(
            AuditEvent::SubType::BasicAuthentication, exchange.status != 401, QStringLiteral("basic"), m_identity.user);
        return;
    case WbemCredentials::Kind::CimTicket:
        write(AuditEvent::SubType::TicketAuthentication, exchange.status != 401, QStringLiteral("ticket"));
        return;
    }
}

void AuditOperationRecorder::recordOperation(const WbemExchange &exchange)
{
    const CimOperationRequest &request = exchange.request;
    const auto clean
        = [&exchange](const QString &text) { return exchange.redactor ? exchange.redactor->redact(text) : text; };
    AuditEvent event;
    event.type = AuditEvent::Type::CimOperation;
    event.subType = subTypeOf(request.operation);
    event.event = eventOf(request.operation);
    event.target = serverOf(exchange.url);
    QJsonObject &details = event.details;
    details.insert(QStringLiteral("operation"), request.cimMethodHeader());
    if (m_identity.kind == WbemCredentials::Kind::Basic)
        details.insert(QStringLiteral("user"), clean(m_identity.user));

    QString nameSpace = request.nameSpace;
    QString className;
    QString instancePath;
    if (request.operation == CimOperation::InvokeMethod) {
        // The target object and the method's name; never its parameters (PEP 258).
        if (request.targetInstance.isValid()) {
            nameSpace = request.targetInstance.nameSpace();
            className = request.targetInstance.className();
            instancePath = request.targetInstance.toWbemUri();
        } else {
            nameSpace = request.targetClass.nameSpace();
            className = request.targetClass.className();
        }
        details.insert(QStringLiteral("methodName"), request.methodName);
    }
    for (const CimArgument &argument : request.arguments) {
        // Names only: the argument that carries a value (NewValue, a NewInstance's properties) is
        // reduced to its class or path.
        if (const auto *path = argument.get<CimInstanceName>()) {
            className = path->className();
            instancePath = path->toWbemUri();
        } else if (const auto *instance = argument.get<CimInstance>()) {
            className = instance->className();
            if (instance->path().isValid())
                instancePath = instance->path().toWbemUri();
        } else if (const auto *cls = argument.get<CimClass>()) {
            className = cls->className();
        } else if (const auto *name = argument.get<CimClassName>()) {
            className = name->className();
        } else if (const auto *declaration = argument.get<CimQualifierDeclaration>()) {
            details.insert(QStringLiteral("qualifierName"), declaration->name());
        } else if (const auto *value = argument.get<CimValue>()) {
            if (argument.name() == QLatin1String("PropertyName"))
                details.insert(QStringLiteral("propertyName"), value->toString());
            else if (argument.name() == QLatin1String("QualifierName"))
                details.insert(QStringLiteral("qualifierName"), value->toString());
        }
    }
    if (exchange.error.isNull() && request.operation == CimOperation::CreateInstance
        && !exchange.response.instanceNames.isEmpty()) {
        instancePath = exchange.response.instanceNames.constFirst().toWbemUri();
    }
    details.insert(QStringLiteral("namespace"), clean(nameSpace));
    if (!className.isEmpty())
        details.insert(QStringLiteral("className"), clean(className));
    if (!instancePath.isEmpty())
        details.insert(QStringLiteral("instancePath"), clean(instancePath));

    if (exchange.error.isNull()) {
        event.outcome = AuditEvent::Outcome::Success;
        details.insert(QStringLiteral("cimStatusCode"), 0);
        details.insert(QStringLiteral("cimStatus"), cimStatusName(0));
    } else if (exchange.error.kind == WbemError::Kind::Cim) {
        event.outcome = AuditEvent::Outcome::Failure;
        details.insert(QStringLiteral("cimStatusCode"), exchange.error.cimStatus.code());
        details.insert(QStringLiteral("cimStatus"), cimStatusName(exchange.error.cimStatus.code()));
    } else {
        // No CIM status: the operation may or may not have happened (a reply lost on the way).
        event.outcome = AuditEvent::Outcome::Error;
        details.insert(QStringLiteral("error"), WbemError::kindName(exchange.error.kind));
        if (exchange.status != 0)
            details.insert(QStringLiteral("httpStatus"), exchange.status);
    }
    m_trail->append(event);
}

} // namespace cimdiag
