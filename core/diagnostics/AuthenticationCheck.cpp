// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/AuthenticationCheck.h"

#include "core/diagnostics/DiagnosticContext.h"
#include "core/diagnostics/WbemErrorDiagnosis.h"
#include "core/wbem/WbemConnection.h"
#include "core/wbem/WbemOperation.h"

namespace cimdiag {

namespace {
const QString objectManagerClass = QStringLiteral("CIM_ObjectManager");

bool isAscii(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() > 0x7f)
            return false;
    }
    return true;
}
} // namespace

AuthenticationCheck::AuthenticationCheck(DiagnosticContext &context, QObject *parent)
    : DiagnosticCheck(DiagnosticStage::Authentication, context, parent)
{ }

void AuthenticationCheck::doStart()
{
    reportProgress(tr("Sending a CIM request without credentials"));
    startProbe(WbemCredentials {});
    connect(m_operation, &WbemOperation::finished, this, &AuthenticationCheck::onAnonymousFinished);
}

void AuthenticationCheck::doCancel()
{
    if (m_operation)
        m_operation->cancel();
}

void AuthenticationCheck::startProbe(const WbemCredentials &credentials)
{
    // The anonymous probe has a connection of its own, so it never rides on a kept-alive connection
    // some server tied to a login; the credentialed one opens the connection the CIM stages share.
    WbemConnection *connection = credentials.isNull() ? context().createConnection(stage(), credentials, this)
                                                      : context().sharedConnection(stage());
    m_operation = connection->enumerateInstanceNames(objectManagerClass, context().target().interopNamespaces.value(0));
}

void AuthenticationCheck::onAnonymousFinished()
{
    if (isStopping())
        return; // cancelled: no second probe
    const WbemError error = m_operation->error();
    const Target &target = context().target();
    DiagnosticFindings &findings = context().findings();
    const bool hasCredentials = !target.credentials.isNull();

    if (error.kind == WbemError::Kind::Authentication) {
        m_challengeSeen = true;
        findings.authenticationRequired = true;
        findings.realm = error.realm;
        findings.challengeSchemes = error.challengeSchemes;
        m_challengeDetails.append(tr("Without credentials the server answers 401 and offers: %1 (realm \"%2\")")
                                      .arg(error.challengeSchemes.join(QStringLiteral(", ")), error.realm));
        const bool offersBasic = error.challengeSchemes.contains(QStringLiteral("Basic"), Qt::CaseInsensitive);
        if (!offersBasic) {
            CheckResult result = CheckResult::failed(
                tr("The server does not offer HTTP Basic authentication (offers %1)")
                    .arg(error.challengeSchemes.isEmpty() ? tr("nothing") : error.challengeSchemes.join(u',')),
                {QStringLiteral("D5")});
            result.details = m_challengeDetails;
            WbemErrorDiagnosis::addEvidence(result, error);
            finish(result);
            return;
        }
        if (!hasCredentials) {
            CheckResult result = CheckResult::failed(
                tr("The server requires credentials (Basic, realm \"%1\") and none were given").arg(error.realm),
                {QStringLiteral("D1")});
            result.details = m_challengeDetails;
            result.addEvidence(QStringLiteral("http.WWW-Authenticate"), error.challengeSchemes.join(u','));
            finish(result);
            return;
        }
        reportProgress(target.credentials.kind == WbemCredentials::Kind::CimTicket
                ? tr("Sending the same request with the CIM ticket")
                : tr("Sending the same request with the credentials of user \"%1\"").arg(target.credentials.user));
        startProbe(target.credentials);
        connect(m_operation, &WbemOperation::finished, this, &AuthenticationCheck::onCredentialedFinished);
        return;
    }

    if (error.isNull() || error.kind == WbemError::Kind::Cim) {
        // The server ran a CIM operation for a client it does not know: sfcb with doBasicAuth=false
        // or Pegasus with enableAuthentication=false.
        findings.authenticationRequired = false;
        findings.credentialsAccepted = true;
        CheckResult result = CheckResult::warning(
            tr("The server answers CIM requests without asking for credentials"), {QStringLiteral("D6")});
        result.addDetail(tr("A request without an Authorization header was processed (%1).")
                             .arg(error.isNull() ? tr("success") : WbemErrorDiagnosis::describe(error)));
        if (hasCredentials)
            result.addDetail(tr("The credentials given were not needed."));
        result.addEvidence(QStringLiteral("http.status"), QString::number(m_operation->httpStatus()));
        finish(result);
        return;
    }
    finish(WbemErrorDiagnosis::failed(tr("The request without credentials failed"), error));
}

void AuthenticationCheck::onCredentialedFinished()
{
    const WbemError error = m_operation->error();
    DiagnosticFindings &findings = context().findings();
    const Target &target = context().target();
    if (error.isNull() || error.kind == WbemError::Kind::Cim) {
        findings.credentialsAccepted = true;
        const QString who = target.credentials.kind == WbemCredentials::Kind::CimTicket
            ? tr("the CIM ticket")
            : tr("user \"%1\"").arg(target.credentials.user);
        // D20: Basic over http:// is readable by anyone on the path (base64 is no encryption).
        CheckResult result = target.isHttps()
            ? CheckResult::passed(tr("Credentials accepted for %1 (Basic, realm \"%2\")").arg(who, findings.realm))
            : CheckResult::warning(tr("Credentials accepted for %1, but they crossed the network "
                                      "unencrypted (http://)")
                                       .arg(who),
                {QStringLiteral("D20")});
        result.details = m_challengeDetails;
        if (error.kind == WbemError::Kind::Cim) {
            result.addDetail(tr("The probe operation itself answered %1; the next stages look at that.")
                                 .arg(WbemErrorDiagnosis::describe(error)));
        }
        result.addEvidence(QStringLiteral("http.status"), QString::number(m_operation->httpStatus()));
        finish(result);
        return;
    }
    if (error.kind == WbemError::Kind::Authentication) {
        finish(rejectedResult(error));
        return;
    }
    if (error.kind == WbemError::Kind::Http && error.httpStatus == 400 && error.cimErrorHeader.isEmpty()) {
        // Pegasus answers a malformed Authorization header with a plain 400.
        CheckResult result = CheckResult::failed(
            tr("The server rejected the Authorization header as malformed"), {QStringLiteral("D8")});
        WbemErrorDiagnosis::addEvidence(result, error);
        finish(result);
        return;
    }
    finish(WbemErrorDiagnosis::failed(tr("With credentials, the CIM request itself failed"), error));
}

CheckResult AuthenticationCheck::rejectedResult(const WbemError &error) const
{
    const WbemCredentials &credentials = context().target().credentials;
    QStringList hints;
    QString summary;
    if (error.pgErrorDetail.contains(QLatin1String("privileged user"), Qt::CaseInsensitive)) {
        hints = {QStringLiteral("D4")};
        summary = tr("OpenPegasus refuses remote logins of privileged users such as \"%1\"").arg(credentials.user);
    } else if (credentials.kind == WbemCredentials::Kind::CimTicket) {
        // Tickets are valid for two minutes and only for the host they were issued for.
        hints = {QStringLiteral("D3"), QStringLiteral("D1")};
        summary = tr("The CIM ticket was rejected (expired, used already, or issued for another host)");
    } else if (serverLooksLikeEsxi()) {
        const bool root = credentials.user == QLatin1String("root");
        hints = root ? QStringList {QStringLiteral("D3"), QStringLiteral("D1")}
                     : QStringList {QStringLiteral("D2"), QStringLiteral("D3"), QStringLiteral("D1")};
        summary = root ? tr("ESXi rejected root: lockdown mode, or a wrong password")
                       : tr("ESXi rejected user \"%1\": missing CIM privilege, lockdown mode, or a wrong password")
                             .arg(credentials.user);
    } else {
        hints = {QStringLiteral("D1")};
        summary = tr("The server rejected the credentials of user \"%1\" (realm \"%2\")")
                      .arg(credentials.user, error.realm);
    }
    if (!isAscii(credentials.password))
        hints.append(QStringLiteral("D7"));
    if (!context().target().isHttps())
        hints.append(QStringLiteral("D20"));
    CheckResult result = CheckResult::failed(summary, hints);
    result.details = m_challengeDetails;
    result.addDetail(tr("With the credentials sent, the server still answers 401."));
    WbemErrorDiagnosis::addEvidence(result, error);
    return result;
}

bool AuthenticationCheck::serverLooksLikeEsxi() const
{
    const DiagnosticFindings &findings = context().findings();
    for (const QString &text : {findings.realm, findings.serverHeader}) {
        if (text.contains(QLatin1String("VMware"), Qt::CaseInsensitive)
            || text.contains(QLatin1String("ESX"), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace cimdiag
