// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/wbem/WbemConnection.h"

#include "core/wbem/WbemEnumeration.h"
#include "core/wbem/WbemOperation.h"
#include "core/wbem/WbemOperationRecorder.h"

#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QPointer>
#include <QSslKey>

#include <algorithm>

namespace cimdiag {

WbemConnection::WbemConnection(WbemConnectionOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    rebuildTransport();
}

WbemConnection::~WbemConnection()
{
    // The network manager dies before the QObject children: detach every operation from its reply
    // first so no reply signal reaches a half-destroyed connection.
    const auto operations = findChildren<WbemOperation *>(Qt::FindDirectChildrenOnly);
    for (WbemOperation *operation : operations)
        operation->abandon();
}

void WbemConnection::setOptions(const WbemConnectionOptions &options)
{
    // Replacing the network manager deletes its replies without finished(): finish every operation
    // in flight first, or it would never finish. Operations not started yet use the new options.
    const auto operations = findChildren<WbemOperation *>(Qt::FindDirectChildrenOnly);
    QList<QPointer<WbemOperation>> running;
    for (WbemOperation *operation : operations)
        if (operation->m_started && !operation->m_finished)
            running.append(operation);
    for (const QPointer<WbemOperation> &operation : running) {
        // A finished() slot may have deleted it (or changed the options again).
        if (operation)
            operation->finishWith(WbemError::make(
                WbemError::Kind::Cancelled, QStringLiteral("cancelled: the connection options changed")));
    }
    m_options = options;
    m_basicChallengeSeen = false;
    // Another server (or the same one behind other TLS settings): what was learnt no longer holds.
    m_serverSupportsPull.reset();
    m_lastTlsInfo = WbemTlsInfo();
    rebuildTransport();
}

void WbemConnection::rebuildTransport()
{
    m_network = std::make_unique<QNetworkAccessManager>();
    // Redirects are never followed: a CIMOM that redirects a POST is misconfigured, and following it
    // could send credentials elsewhere.
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);

    QNetworkProxy proxy(QNetworkProxy::NoProxy);
    switch (m_options.proxy.mode) {
    case WbemProxy::Mode::None:
        break;
    case WbemProxy::Mode::Explicit:
        proxy = QNetworkProxy(QNetworkProxy::HttpProxy, m_options.proxy.host, m_options.proxy.port,
            m_options.proxy.user, m_options.proxy.password);
        break;
    case WbemProxy::Mode::System: {
        // Per connection, not QNetworkProxyFactory::setUseSystemConfiguration(): that is global.
        const QList<QNetworkProxy> proxies
            = QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(m_options.effectiveUrl()));
        if (!proxies.isEmpty())
            proxy = proxies.constFirst();
        break;
    }
    }
    m_network->setProxy(proxy);

    m_tlsSetupError.clear();
    m_sslConfiguration = QSslConfiguration::defaultConfiguration();
    const WbemTlsOptions &tls = m_options.tls;
    if (!tls.usesSystemTrustStore()) {
        QList<QSslCertificate> cas;
        if (!tls.caFile.isEmpty())
            cas += QSslCertificate::fromPath(tls.caFile, QSsl::Pem);
        if (!tls.caDirectory.isEmpty())
            cas += QSslCertificate::fromPath(QDir(tls.caDirectory).filePath(QStringLiteral("*")), QSsl::Pem,
                QSslCertificate::PatternSyntax::Wildcard);
        if (cas.isEmpty())
            m_tlsSetupError = QStringLiteral("no CA certificate could be read from %1")
                                  .arg(tls.caFile.isEmpty() ? tls.caDirectory : tls.caFile);
        // Replaces the system store (and turns off on-demand loading of system roots).
        m_sslConfiguration.setCaCertificates(cas);
    }
    if (!tls.clientCertificateFile.isEmpty()) {
        QSslCertificate certificate;
        QSslKey key;
        const QString error = WbemTlsOptions::loadClientIdentity(
            tls.clientCertificateFile, tls.clientKeyFile, tls.clientKeyPassphrase, &certificate, &key);
        if (!error.isEmpty()) {
            m_tlsSetupError = error;
        } else {
            m_sslConfiguration.setLocalCertificate(certificate);
            m_sslConfiguration.setPrivateKey(key);
        }
    }
}

bool WbemConnection::anyRecorderWantsBody() const
{
    return std::any_of(
        m_recorders.begin(), m_recorders.end(), [](const auto &r) { return r->isEnabled() && r->wantsReplyBody(); });
}

void WbemConnection::addRecorder(std::shared_ptr<WbemOperationRecorder> recorder)
{
    if (recorder)
        m_recorders.push_back(std::move(recorder));
}

void WbemConnection::removeRecorder(const std::shared_ptr<WbemOperationRecorder> &recorder)
{
    m_recorders.erase(std::remove(m_recorders.begin(), m_recorders.end(), recorder), m_recorders.end());
}

QString WbemConnection::nextMessageId()
{
    return QString::number(m_nextMessageId++);
}

QString WbemConnection::resolveNamespace(const QString &explicitNamespace, const QString &pathNamespace) const
{
    if (!explicitNamespace.isEmpty())
        return explicitNamespace;
    if (!pathNamespace.isEmpty())
        return pathNamespace;
    return m_options.defaultNamespace;
}

WbemOperation *WbemConnection::start(CimOperationRequest request)
{
    if (request.messageId.isEmpty())
        request.messageId = nextMessageId();
    if (isIntrinsicOperation(request.operation) && request.nameSpace.isEmpty())
        request.nameSpace = resolveNamespace({});
    // Owned by this connection (QObject parent), see WbemOperation.
    return new WbemOperation(this, m_nextOperationId++, std::move(request));
}

namespace {
QString objectNamespace(const CimRequestBuilder::ObjectName &objectName)
{
    if (const auto *instance = std::get_if<CimInstanceName>(&objectName))
        return instance->nameSpace();
    return std::get<CimClassName>(objectName).nameSpace();
}
} // namespace

WbemOperation *WbemConnection::enumerateInstances(
    const QString &className, const CimRequestOptions &options, const QString &nameSpace)
{
    return start(
        CimRequestBuilder::enumerateInstances(nextMessageId(), resolveNamespace(nameSpace), className, options));
}

WbemOperation *WbemConnection::enumerateInstanceNames(const QString &className, const QString &nameSpace)
{
    return start(CimRequestBuilder::enumerateInstanceNames(nextMessageId(), resolveNamespace(nameSpace), className));
}

WbemOperation *WbemConnection::getInstance(
    const CimInstanceName &path, const CimRequestOptions &options, const QString &nameSpace)
{
    return start(
        CimRequestBuilder::getInstance(nextMessageId(), resolveNamespace(nameSpace, path.nameSpace()), path, options));
}

WbemOperation *WbemConnection::createInstance(const CimInstance &instance, const QString &nameSpace)
{
    return start(CimRequestBuilder::createInstance(
        nextMessageId(), resolveNamespace(nameSpace, instance.path().nameSpace()), instance));
}

WbemOperation *WbemConnection::modifyInstance(
    const CimInstance &instance, const CimRequestOptions &options, const QString &nameSpace)
{
    return start(CimRequestBuilder::modifyInstance(
        nextMessageId(), resolveNamespace(nameSpace, instance.path().nameSpace()), instance, options));
}

WbemOperation *WbemConnection::deleteInstance(const CimInstanceName &path, const QString &nameSpace)
{
    return start(
        CimRequestBuilder::deleteInstance(nextMessageId(), resolveNamespace(nameSpace, path.nameSpace()), path));
}

WbemOperation *WbemConnection::associators(
    const ObjectName &objectName, const CimRequestOptions &options, const QString &nameSpace)
{
    return start(CimRequestBuilder::associators(
        nextMessageId(), resolveNamespace(nameSpace, objectNamespace(objectName)), objectName, options));
}

WbemOperation *WbemConnection::associatorNames(
    const ObjectName &objectName, const CimRequestOptions &options, const QString &nameSpace)
{
    return start(CimRequestBuilder::associatorNames(
        nextMessageId(), resolveNamespace(nameSpace, objectNamespace(objectName)), objectName, options));
}

WbemOperation *WbemConnection::references(
    const ObjectName &objectName, const CimRequestOptions &options, const QString &nameSpace)
{
    return start(CimRequestBuilder::references(
        nextMessageId(), resolveNamespace(nameSpace, objectNamespace(objectName)), objectName, options));
}

WbemOperation *WbemConnection::referenceNames(
    const ObjectName &objectName, const CimRequestOptions &options, const QString &nameSpace)
{
    return start(CimRequestBuilder::referenceNames(
        nextMessageId(), resolveNamespace(nameSpace, objectNamespace(objectName)), objectName, options));
}

WbemOperation *WbemConnection::execQuery(const QString &queryLanguage, const QString &query, const QString &nameSpace)
{
    return start(CimRequestBuilder::execQuery(nextMessageId(), resolveNamespace(nameSpace), queryLanguage, query));
}

WbemOperation *WbemConnection::invokeMethod(const CimInstanceName &target, const QString &methodName,
    const CimParamValueList &parameters, const QString &nameSpace)
{
    return start(CimRequestBuilder::invokeMethod(
        nextMessageId(), resolveNamespace(nameSpace, target.nameSpace()), target, methodName, parameters));
}

WbemOperation *WbemConnection::invokeMethod(const CimClassName &target, const QString &methodName,
    const CimParamValueList &parameters, const QString &nameSpace)
{
    return start(CimRequestBuilder::invokeMethod(
        nextMessageId(), resolveNamespace(nameSpace, target.nameSpace()), target, methodName, parameters));
}

WbemOperation *WbemConnection::getProperty(
    const CimInstanceName &path, const QString &propertyName, const QString &nameSpace)
{
    return start(CimRequestBuilder::getProperty(
        nextMessageId(), resolveNamespace(nameSpace, path.nameSpace()), path, propertyName));
}

WbemOperation *WbemConnection::setProperty(
    const CimInstanceName &path, const QString &propertyName, const CimValue &value, const QString &nameSpace)
{
    return start(CimRequestBuilder::setProperty(
        nextMessageId(), resolveNamespace(nameSpace, path.nameSpace()), path, propertyName, value));
}

WbemOperation *WbemConnection::getClass(
    const QString &className, const CimRequestOptions &options, const QString &nameSpace)
{
    return start(CimRequestBuilder::getClass(nextMessageId(), resolveNamespace(nameSpace), className, options));
}

WbemOperation *WbemConnection::enumerateClasses(
    const QString &className, const CimRequestOptions &options, const QString &nameSpace)
{
    return start(CimRequestBuilder::enumerateClasses(nextMessageId(), resolveNamespace(nameSpace), className, options));
}

WbemOperation *WbemConnection::enumerateClassNames(
    const QString &className, const CimRequestOptions &options, const QString &nameSpace)
{
    return start(
        CimRequestBuilder::enumerateClassNames(nextMessageId(), resolveNamespace(nameSpace), className, options));
}

WbemOperation *WbemConnection::createClass(const CimClass &newClass, const QString &nameSpace)
{
    return start(CimRequestBuilder::createClass(nextMessageId(), resolveNamespace(nameSpace), newClass));
}

WbemOperation *WbemConnection::modifyClass(const CimClass &modifiedClass, const QString &nameSpace)
{
    return start(CimRequestBuilder::modifyClass(nextMessageId(), resolveNamespace(nameSpace), modifiedClass));
}

WbemOperation *WbemConnection::deleteClass(const QString &className, const QString &nameSpace)
{
    return start(CimRequestBuilder::deleteClass(nextMessageId(), resolveNamespace(nameSpace), className));
}

WbemOperation *WbemConnection::enumerateQualifiers(const QString &nameSpace)
{
    return start(CimRequestBuilder::enumerateQualifiers(nextMessageId(), resolveNamespace(nameSpace)));
}

WbemOperation *WbemConnection::getQualifier(const QString &qualifierName, const QString &nameSpace)
{
    return start(CimRequestBuilder::getQualifier(nextMessageId(), resolveNamespace(nameSpace), qualifierName));
}

WbemOperation *WbemConnection::setQualifier(const CimQualifierDeclaration &declaration, const QString &nameSpace)
{
    return start(CimRequestBuilder::setQualifier(nextMessageId(), resolveNamespace(nameSpace), declaration));
}

WbemOperation *WbemConnection::deleteQualifier(const QString &qualifierName, const QString &nameSpace)
{
    return start(CimRequestBuilder::deleteQualifier(nextMessageId(), resolveNamespace(nameSpace), qualifierName));
}

WbemOperation *WbemConnection::openEnumerateInstances(
    const QString &className, const CimRequestOptions &options, const QString &nameSpace)
{
    return start(
        CimRequestBuilder::openEnumerateInstances(nextMessageId(), resolveNamespace(nameSpace), className, options));
}

WbemOperation *WbemConnection::openEnumerateInstancePaths(
    const QString &className, const CimRequestOptions &options, const QString &nameSpace)
{
    return start(CimRequestBuilder::openEnumerateInstancePaths(
        nextMessageId(), resolveNamespace(nameSpace), className, options));
}

WbemOperation *WbemConnection::openAssociatorInstances(
    const CimInstanceName &path, const CimRequestOptions &options, const QString &nameSpace)
{
    return start(CimRequestBuilder::openAssociatorInstances(
        nextMessageId(), resolveNamespace(nameSpace, path.nameSpace()), path, options));
}

WbemOperation *WbemConnection::openAssociatorInstancePaths(
    const CimInstanceName &path, const CimRequestOptions &options, const QString &nameSpace)
{
    return start(CimRequestBuilder::openAssociatorInstancePaths(
        nextMessageId(), resolveNamespace(nameSpace, path.nameSpace()), path, options));
}

WbemOperation *WbemConnection::openReferenceInstances(
    const CimInstanceName &path, const CimRequestOptions &options, const QString &nameSpace)
{
    return start(CimRequestBuilder::openReferenceInstances(
        nextMessageId(), resolveNamespace(nameSpace, path.nameSpace()), path, options));
}

WbemOperation *WbemConnection::openReferenceInstancePaths(
    const CimInstanceName &path, const CimRequestOptions &options, const QString &nameSpace)
{
    return start(CimRequestBuilder::openReferenceInstancePaths(
        nextMessageId(), resolveNamespace(nameSpace, path.nameSpace()), path, options));
}

WbemOperation *WbemConnection::openQueryInstances(
    const QString &queryLanguage, const QString &query, const CimRequestOptions &options, const QString &nameSpace)
{
    return start(CimRequestBuilder::openQueryInstances(
        nextMessageId(), resolveNamespace(nameSpace), queryLanguage, query, options));
}

WbemOperation *WbemConnection::pullInstancesWithPath(
    const QString &enumerationContext, quint32 maxObjectCount, const QString &nameSpace)
{
    return start(CimRequestBuilder::pullInstancesWithPath(
        nextMessageId(), resolveNamespace(nameSpace), enumerationContext, maxObjectCount));
}

WbemOperation *WbemConnection::pullInstancePaths(
    const QString &enumerationContext, quint32 maxObjectCount, const QString &nameSpace)
{
    return start(CimRequestBuilder::pullInstancePaths(
        nextMessageId(), resolveNamespace(nameSpace), enumerationContext, maxObjectCount));
}

WbemOperation *WbemConnection::pullInstances(
    const QString &enumerationContext, quint32 maxObjectCount, const QString &nameSpace)
{
    return start(CimRequestBuilder::pullInstances(
        nextMessageId(), resolveNamespace(nameSpace), enumerationContext, maxObjectCount));
}

WbemOperation *WbemConnection::closeEnumeration(const QString &enumerationContext, const QString &nameSpace)
{
    return start(CimRequestBuilder::closeEnumeration(nextMessageId(), resolveNamespace(nameSpace), enumerationContext));
}

WbemOperation *WbemConnection::enumerationCount(const QString &enumerationContext, const QString &nameSpace)
{
    return start(CimRequestBuilder::enumerationCount(nextMessageId(), resolveNamespace(nameSpace), enumerationContext));
}

// The iterating helpers: WbemEnumeration is a child of this connection (QObject ownership).

WbemEnumeration *WbemConnection::iterEnumerateInstances(
    const QString &className, const CimRequestOptions &options, const QString &nameSpace)
{
    return new WbemEnumeration(
        this, WbemEnumeration::Kind::EnumerateInstances, resolveNamespace(nameSpace), className, {}, {}, {}, options);
}

WbemEnumeration *WbemConnection::iterEnumerateInstancePaths(
    const QString &className, const CimRequestOptions &options, const QString &nameSpace)
{
    return new WbemEnumeration(this, WbemEnumeration::Kind::EnumerateInstancePaths, resolveNamespace(nameSpace),
        className, {}, {}, {}, options);
}

WbemEnumeration *WbemConnection::iterAssociatorInstances(
    const CimInstanceName &path, const CimRequestOptions &options, const QString &nameSpace)
{
    return new WbemEnumeration(this, WbemEnumeration::Kind::AssociatorInstances,
        resolveNamespace(nameSpace, path.nameSpace()), {}, path, {}, {}, options);
}

WbemEnumeration *WbemConnection::iterAssociatorInstancePaths(
    const CimInstanceName &path, const CimRequestOptions &options, const QString &nameSpace)
{
    return new WbemEnumeration(this, WbemEnumeration::Kind::AssociatorInstancePaths,
        resolveNamespace(nameSpace, path.nameSpace()), {}, path, {}, {}, options);
}

WbemEnumeration *WbemConnection::iterReferenceInstances(
    const CimInstanceName &path, const CimRequestOptions &options, const QString &nameSpace)
{
    return new WbemEnumeration(this, WbemEnumeration::Kind::ReferenceInstances,
        resolveNamespace(nameSpace, path.nameSpace()), {}, path, {}, {}, options);
}

WbemEnumeration *WbemConnection::iterReferenceInstancePaths(
    const CimInstanceName &path, const CimRequestOptions &options, const QString &nameSpace)
{
    return new WbemEnumeration(this, WbemEnumeration::Kind::ReferenceInstancePaths,
        resolveNamespace(nameSpace, path.nameSpace()), {}, path, {}, {}, options);
}

WbemEnumeration *WbemConnection::iterQueryInstances(
    const QString &queryLanguage, const QString &query, const CimRequestOptions &options, const QString &nameSpace)
{
    return new WbemEnumeration(this, WbemEnumeration::Kind::QueryInstances, resolveNamespace(nameSpace), {}, {},
        queryLanguage, query, options);
}

} // namespace cimdiag
