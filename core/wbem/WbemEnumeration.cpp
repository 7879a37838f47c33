// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/wbem/WbemEnumeration.h"

#include "core/wbem/WbemConnection.h"
#include "core/wbem/WbemOperation.h"

namespace cimdiag {

WbemEnumeration::WbemEnumeration(WbemConnection *connection, Kind kind, QString nameSpace, QString className,
                                 CimInstanceName path, QString queryLanguage, QString query,
                                 CimRequestOptions options)
    : QObject(connection)
    , m_connection(connection)
    , m_kind(kind)
    , m_nameSpace(std::move(nameSpace))
    , m_className(std::move(className))
    , m_path(std::move(path))
    , m_queryLanguage(std::move(queryLanguage))
    , m_query(std::move(query))
    , m_options(std::move(options))
{
    QMetaObject::invokeMethod(this, &WbemEnumeration::doStart, Qt::QueuedConnection);
}

WbemEnumeration::~WbemEnumeration()
{
    if (m_current) {
        disconnect(m_current, nullptr, this, nullptr);
        m_current->deleteLater();
    }
}

namespace {
// A server may answer a Pull with no objects while its providers are still working (DSP0200
// allows it), but one that keeps doing so without ending the sequence would keep us pulling
// forever.
constexpr int kMaxConsecutiveEmptyPulls = 3;

bool isInstanceKind(WbemEnumeration::Kind kind)
{
    switch (kind) {
    case WbemEnumeration::Kind::EnumerateInstances:
    case WbemEnumeration::Kind::AssociatorInstances:
    case WbemEnumeration::Kind::ReferenceInstances:
    case WbemEnumeration::Kind::QueryInstances:
        return true;
    default:
        return false;
    }
}
} // namespace

void WbemEnumeration::doStart()
{
    if (m_finished)
        return;
    if (!m_connection) {
        finish(WbemError::make(WbemError::Kind::Cancelled, QStringLiteral("the connection is gone")));
        return;
    }
    m_response.operation = CimOperation::OpenEnumerateInstances;
    if (m_connection->serverSupportsPull() == false)
        startTraditional();
    else
        startOpen();
}

void WbemEnumeration::startOpen()
{
    m_usedPull = true;
    // Open* carries the batch size too (as pywbem's Iter* do): otherwise a server may answer the
    // Open with no objects and every enumeration costs one extra round trip.
    if (!m_options.maxObjectCount)
        m_options.maxObjectCount = m_connection->options().pullMaxObjectCount;
    WbemOperation *operation = nullptr;
    switch (m_kind) {
    case Kind::EnumerateInstances:
        operation = m_connection->openEnumerateInstances(m_className, m_options, m_nameSpace);
        break;
    case Kind::EnumerateInstancePaths:
        operation = m_connection->openEnumerateInstancePaths(m_className, m_options, m_nameSpace);
        break;
    case Kind::AssociatorInstances:
        operation = m_connection->openAssociatorInstances(m_path, m_options, m_nameSpace);
        break;
    case Kind::AssociatorInstancePaths:
        operation = m_connection->openAssociatorInstancePaths(m_path, m_options, m_nameSpace);
        break;
    case Kind::ReferenceInstances:
        operation = m_connection->openReferenceInstances(m_path, m_options, m_nameSpace);
        break;
    case Kind::ReferenceInstancePaths:
        operation = m_connection->openReferenceInstancePaths(m_path, m_options, m_nameSpace);
        break;
    case Kind::QueryInstances:
        operation = m_connection->openQueryInstances(m_queryLanguage, m_query, m_options, m_nameSpace);
        break;
    }
    watch(operation, true, false);
}

void WbemEnumeration::startPull()
{
    const quint32 max = m_connection->options().pullMaxObjectCount;
    WbemOperation *operation = nullptr;
    if (m_kind == Kind::QueryInstances)
        operation = m_connection->pullInstances(m_context, max, m_nameSpace);
    else if (isInstanceKind(m_kind))
        operation = m_connection->pullInstancesWithPath(m_context, max, m_nameSpace);
    else
        operation = m_connection->pullInstancePaths(m_context, max, m_nameSpace);
    watch(operation, false, false);
}

void WbemEnumeration::startTraditional()
{
    m_usedPull = false;
    // The traditional operations cannot take the pull-only options (filter, timeout, max count):
    // drop them; a filter query was already refused before getting here.
    CimRequestOptions options = m_options;
    options.operationTimeout.reset();
    options.maxObjectCount.reset();
    options.continueOnError.reset();
    options.filterQuery.clear();
    options.filterQueryLanguage.clear();
    WbemOperation *operation = nullptr;
    switch (m_kind) {
    case Kind::EnumerateInstances:
        operation = m_connection->enumerateInstances(m_className, options, m_nameSpace);
        break;
    case Kind::EnumerateInstancePaths:
        operation = m_connection->enumerateInstanceNames(m_className, m_nameSpace);
        break;
    case Kind::AssociatorInstances:
        operation = m_connection->associators(m_path, options, m_nameSpace);
        break;
    case Kind::AssociatorInstancePaths:
        operation = m_connection->associatorNames(m_path, options, m_nameSpace);
        break;
    case Kind::ReferenceInstances:
        operation = m_connection->references(m_path, options, m_nameSpace);
        break;
    case Kind::ReferenceInstancePaths:
        operation = m_connection->referenceNames(m_path, options, m_nameSpace);
        break;
    case Kind::QueryInstances:
        operation = m_connection->execQuery(m_queryLanguage, m_query, m_nameSpace);
        break;
    }
    watch(operation, false, true);
}

void WbemEnumeration::watch(WbemOperation *operation, bool isOpen, bool isTraditional)
{
    ++m_requestCount;
    m_current = operation;
    connect(operation, &WbemOperation::finished, this,
            [this, operation, isOpen, isTraditional] { onOperationFinished(operation, isOpen, isTraditional); });
}

int WbemEnumeration::append(CimOperationResponse &&reply)
{
    int count = 0;
    for (CimInstance &instance : reply.instances) {
        // Traditional replies name instances without namespace; the pull ones carry it. Make both
        // look alike, as pywbem does.
        if (instance.path().isValid() && instance.path().nameSpace().isEmpty()) {
            CimInstanceName path = instance.path();
            path.setNameSpace(m_nameSpace);
            instance.setPath(path);
        }
        m_response.instances.append(std::move(instance));
        ++count;
    }
    for (CimInstanceName &name : reply.instanceNames) {
        if (name.nameSpace().isEmpty())
            name.setNameSpace(m_nameSpace);
        m_response.instanceNames.append(std::move(name));
        ++count;
    }
    return count;
}

void WbemEnumeration::onOperationFinished(WbemOperation *operation, bool isOpen, bool isTraditional)
{
    m_current = nullptr;
    operation->deleteLater();
    if (m_finished)
        return;
    const WbemError error = operation->error();
    if (!error.isNull()) {
        const bool lacksPull = error.kind == WbemError::Kind::Cim
            && (error.cimStatus.statusCode() == CimStatusCode::NotSupported
                || error.cimStatus.statusCode() == CimStatusCode::Failed);
        if (isOpen && lacksPull && m_connection) {
            m_connection->setServerSupportsPull(false);
            if (m_options.filterQuery.isEmpty()) {
                startTraditional();
                return;
            }
        }
        // The context is gone after INVALID_ENUMERATION_CONTEXT; after any other failure the
        // server may still hold it.
        const bool contextGone = error.kind == WbemError::Kind::Cim
            && error.cimStatus.statusCode() == CimStatusCode::InvalidEnumerationContext;
        if (!isOpen && !isTraditional && !contextGone)
            closeContext();
        finish(error);
        return;
    }
    if (isOpen && m_connection)
        m_connection->setServerSupportsPull(true);
    CimOperationResponse reply = operation->takeResponse();
    const bool end = isTraditional || reply.endOfSequence;
    m_context = reply.enumerationContext;
    m_response.messageId = reply.messageId;
    const int count = append(std::move(reply));
    if (count > 0) {
        const QPointer<WbemEnumeration> self(this);
        Q_EMIT batchReceived(count);
        if (!self || m_finished)
            return; // deleted or cancelled from a slot of batchReceived
    }
    if (end || m_context.isEmpty()) {
        m_response.endOfSequence = true;
        finish({});
        return;
    }
    m_emptyPulls = (!isOpen && count == 0) ? m_emptyPulls + 1 : 0;
    if (m_emptyPulls >= kMaxConsecutiveEmptyPulls) {
        const QString description
            = QStringLiteral("server returned %1 empty pulls without ending the enumeration").arg(m_emptyPulls);
        WbemError failed = WbemError::make(WbemError::Kind::Cim, description);
        failed.cimStatus = CimStatus(int(CimStatusCode::Failed), description);
        closeContext();
        finish(std::move(failed));
        return;
    }
    startPull();
}

void WbemEnumeration::cancel()
{
    if (m_finished)
        return;
    if (m_current) {
        disconnect(m_current, nullptr, this, nullptr);
        m_current->cancel();
        m_current->deleteLater();
        m_current = nullptr;
    }
    closeContext();
    finish(WbemError::make(WbemError::Kind::Cancelled, QStringLiteral("cancelled")));
}

void WbemEnumeration::closeContext()
{
    if (m_context.isEmpty() || !m_connection)
        return;
    // Best effort: free the server's context instead of letting it wait for its operation timeout.
    // Nobody waits for the answer.
    WbemOperation *close = m_connection->closeEnumeration(m_context, m_nameSpace);
    connect(close, &WbemOperation::finished, close, &QObject::deleteLater);
    m_context.clear();
}

void WbemEnumeration::finish(WbemError error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = std::move(error);
    Q_EMIT finished();
}

} // namespace cimdiag
