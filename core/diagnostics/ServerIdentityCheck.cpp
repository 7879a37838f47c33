// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/ServerIdentityCheck.h"

#include "core/cim/CimName.h"
#include "core/cim/CimStatusCode.h"
#include "core/diagnostics/DiagnosticContext.h"
#include "core/diagnostics/WbemErrorDiagnosis.h"
#include "core/wbem/WbemConnection.h"
#include "core/wbem/WbemOperation.h"

namespace cimdiag {

namespace {
const QString namespaceClass = QStringLiteral("CIM_Namespace");
const QString objectManagerClass = QStringLiteral("CIM_ObjectManager");
const QString profileClass = QStringLiteral("CIM_RegisteredProfile");

/// INVALID_CLASS or NOT_FOUND on CIM_Namespace: the namespace is there, the class is not (pywbem).
bool provesNamespace(const WbemError &error)
{
    if (error.isNull())
        return true;
    const int code = error.cimStatus.code();
    return error.kind == WbemError::Kind::Cim
        && (code == int(CimStatusCode::InvalidClass) || code == int(CimStatusCode::NotFound));
}

bool isInvalidNamespace(const WbemError &error)
{
    return error.kind == WbemError::Kind::Cim && error.cimStatus.code() == int(CimStatusCode::InvalidNamespace);
}

QString registeredOrganization(const CimInstance &profile)
{
    // CIM_RegisteredProfile.RegisteredOrganization ValueMap (CIM schema 2.x): the common ones.
    const CimValue value = profile.value(u"RegisteredOrganization");
    if (value.isNull())
        return {};
    switch (value.toUnsigned()) {
    case 1:
        return profile.value(u"OtherRegisteredOrganization").toString();
    case 2:
        return QStringLiteral("DMTF");
    case 11:
        return QStringLiteral("SNIA");
    default:
        return QString::number(value.toUnsigned());
    }
}

QString textValue(const CimInstance &instance, QStringView property)
{
    const CimValue value = instance.value(property);
    return value.isNull() || value.isArray() ? QString() : value.toString();
}
} // namespace

ServerIdentityCheck::ServerIdentityCheck(DiagnosticContext &context, QObject *parent)
    : DiagnosticCheck(DiagnosticStage::ServerIdentity, context, parent)
{ }

void ServerIdentityCheck::doStart()
{
    m_connection = context().sharedConnection(stage());
    QStringList seen;
    for (const QString &name : context().target().interopNamespaces) {
        // "/interop" is sent as "interop" (a leading slash makes an empty NAMESPACE element, D15).
        const QString normalized = cimNamespaceWithoutSlashes(name);
        if (normalized.isEmpty() || seen.contains(normalized, Qt::CaseInsensitive))
            continue;
        seen.append(normalized);
        m_candidates.append({normalized, m_connection->enumerateInstanceNames(namespaceClass, normalized)});
    }
    reportProgress(tr("Probing interop namespaces: %1").arg(seen.join(QStringLiteral(", "))));
    m_pending = int(m_candidates.size());
    for (const Candidate &candidate : std::as_const(m_candidates))
        connect(candidate.operation, &WbemOperation::finished, this, &ServerIdentityCheck::onCandidateFinished);
    if (m_pending == 0)
        finish(CheckResult::failed(tr("No interop namespace to probe was given"), {QStringLiteral("E1")}));
}

void ServerIdentityCheck::doCancel()
{
    for (const Candidate &candidate : std::as_const(m_candidates)) {
        if (candidate.operation)
            candidate.operation->cancel();
    }
    for (const QPointer<WbemOperation> &operation : {m_objectManager, m_profiles, m_pull}) {
        if (operation)
            operation->cancel();
    }
}

void ServerIdentityCheck::onCandidateFinished()
{
    if (--m_pending == 0 && !isStopping())
        chooseInterop();
}

void ServerIdentityCheck::chooseInterop()
{
    QStringList tried;
    const WbemError *firstOtherError = nullptr;
    for (const Candidate &candidate : std::as_const(m_candidates)) {
        const WbemError &error = candidate.operation->error();
        tried.append(candidate.nameSpace + QStringLiteral(": ")
            + (error.isNull() ? tr("exists") : WbemErrorDiagnosis::describe(error)));
        if (m_interop.isEmpty() && provesNamespace(error)) {
            m_interop = candidate.nameSpace;
            DiagnosticFindings &findings = context().findings();
            for (const CimInstanceName &name : candidate.operation->response().instanceNames) {
                const QString nameSpace = name.keyBinding(u"Name").toString();
                if (!nameSpace.isEmpty())
                    findings.namespaces.append(nameSpace);
            }
        } else if (!firstOtherError && !error.isNull() && !isInvalidNamespace(error)) {
            firstOtherError = &error;
        }
    }
    for (const QString &line : std::as_const(tried))
        logInfo(line);
    if (m_interop.isEmpty()) {
        CheckResult result = firstOtherError
            ? WbemErrorDiagnosis::failed(tr("The interop namespace probe failed"), *firstOtherError)
            : CheckResult::failed(tr("None of the interop namespaces exists on this server"), {QStringLiteral("E1")});
        result.details = tried;
        finish(result);
        return;
    }
    context().findings().interopNamespace = m_interop;
    startDetails();
}

void ServerIdentityCheck::startDetails()
{
    reportProgress(tr("Reading CIM_ObjectManager, registered profiles and pull support in %1").arg(m_interop));
    m_objectManager = m_connection->enumerateInstances(objectManagerClass, {}, m_interop);
    m_profiles = m_connection->enumerateInstances(profileClass, {}, m_interop);
    CimRequestOptions pullOptions;
    pullOptions.maxObjectCount = 100;
    m_pull = m_connection->openEnumerateInstancePaths(objectManagerClass, pullOptions, m_interop);
    m_pending = 3;
    for (WbemOperation *operation : {m_objectManager.data(), m_profiles.data(), m_pull.data()})
        connect(operation, &WbemOperation::finished, this, &ServerIdentityCheck::onDetailFinished);
}

void ServerIdentityCheck::onDetailFinished()
{
    if (--m_pending == 0 && !isStopping())
        finishWithDetails();
}

void ServerIdentityCheck::finishWithDetails()
{
    DiagnosticFindings &findings = context().findings();
    QStringList details;
    details.append(tr("Interop namespace: %1").arg(m_interop));

    if (m_objectManager->error().isNull() && !m_objectManager->response().instances.isEmpty()) {
        const CimInstance &manager = m_objectManager->response().instances.constFirst();
        findings.objectManagerName = textValue(manager, u"ElementName");
        if (findings.objectManagerName.isEmpty())
            findings.objectManagerName = textValue(manager, u"Name");
        findings.objectManagerVersion = textValue(manager, u"Description");
        details.append(tr("Object manager: %1 (%2)").arg(findings.objectManagerName, findings.objectManagerVersion));
    } else {
        details.append(
            //: CIM_ObjectManager is a CIM class name: keep it as it is.
            tr("CIM_ObjectManager: %1")
                .arg(m_objectManager->error().isNull() ? tr("no instance")
                                                       : WbemErrorDiagnosis::describe(m_objectManager->error())));
    }

    if (!findings.namespaces.isEmpty()) {
        details.append(tr("Namespaces: %1").arg(findings.namespaces.join(QStringLiteral(", "))));
        if (!findings.namespaces.contains(m_interop, Qt::CaseInsensitive)) {
            // E2: harmless, but tools that list namespaces to find interop will miss it.
            details.append(tr("The interop namespace itself is not listed in CIM_Namespace (E2); cimdiag found it "
                              "by probing."));
        }
    }

    if (m_profiles->error().isNull()) {
        for (const CimInstance &profile : m_profiles->response().instances) {
            findings.registeredProfiles.append(QStringList {registeredOrganization(profile),
                textValue(profile, u"RegisteredName"), textValue(profile, u"RegisteredVersion")}
                                                   .join(u' ')
                                                   .trimmed());
        }
        details.append(findings.registeredProfiles.isEmpty()
                ? tr("Registered profiles: none")
                : tr("Registered profiles: %1").arg(findings.registeredProfiles.join(QStringLiteral("; "))));
    } else {
        details.append(tr("Registered profiles: %1").arg(WbemErrorDiagnosis::describe(m_profiles->error())));
    }

    const WbemError &pullError = m_pull->error();
    QStringList hints;
    // E6: logged in, but not allowed to read the interop namespace; tools that discover the
    // server through it (profiles, pywbem's WBEMServer) will fail the same way.
    for (const WbemOperation *operation : {m_objectManager.data(), m_profiles.data()}) {
        const WbemError &error = operation->error();
        if (error.kind == WbemError::Kind::Cim && error.cimStatus.code() == int(CimStatusCode::AccessDenied)
            && !hints.contains(QStringLiteral("E6")))
            hints.append(QStringLiteral("E6"));
    }
    if (pullError.isNull()) {
        findings.pullSupported = true;
        details.append(tr("Pull operations: supported"));
        const CimOperationResponse &reply = m_pull->response();
        if (!reply.endOfSequence && !reply.enumerationContext.isEmpty())
            m_connection->closeEnumeration(reply.enumerationContext, m_interop);
    } else if (pullError.kind == WbemError::Kind::Cim
        && (pullError.cimStatus.code() == int(CimStatusCode::NotSupported)
            || pullError.cimStatus.code() == int(CimStatusCode::Failed))) {
        findings.pullSupported = false;
        hints.append(pullError.cimStatus.code() == int(CimStatusCode::NotSupported) ? QStringLiteral("E4")
                                                                                    : QStringLiteral("E5"));
        details.append(tr("Pull operations: %1; clients fall back to the traditional operations")
                           .arg(WbemErrorDiagnosis::describe(pullError)));
    } else {
        details.append(tr("Pull operations: not determined (%1)").arg(WbemErrorDiagnosis::describe(pullError)));
    }

    const QString who = findings.objectManagerName.isEmpty() ? tr("a CIM server") : findings.objectManagerName;
    CheckResult result = hints.isEmpty()
        ? CheckResult::passed(tr("%1, interop namespace %2").arg(who, m_interop))
        : CheckResult::warning(hints.contains(QStringLiteral("E6"))
                ? tr("%1, interop namespace %2, but reading it is denied").arg(who, m_interop)
                : tr("%1, interop namespace %2; the pull operations do "
                     "not work")
                      .arg(who, m_interop),
            hints);
    result.details = details;
    result.addEvidence(QStringLiteral("cim.interop"), m_interop);
    if (!findings.objectManagerVersion.isEmpty())
        result.addEvidence(QStringLiteral("cim.objectManager"), findings.objectManagerVersion);
    if (!pullError.isNull())
        WbemErrorDiagnosis::addEvidence(result, pullError);
    finish(result);
}

} // namespace cimdiag
