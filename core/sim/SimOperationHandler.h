// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimStatus.h"
#include "core/cimxml/CimOperationRequest.h"
#include "core/cimxml/CimOperationResponse.h"
#include "core/sim/SimOperationFailure.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace cimdiag {

class SimRepository;

/// The simulator's CIM server logic, free of I/O: answers one decoded CIM-XML request from a
/// SimRepository the way a real CIM server does (DSP0200), so the HTTP layer only decodes, calls
/// handle() and encodes.
///
/// Every operation of CimOperation is served except ExportIndication (CIM_ERR_NOT_SUPPORTED: that
/// belongs to listeners). Errors carry the codes servers send: unknown namespace 3, unknown class 5
/// (GetClass, ModifyClass, DeleteClass: 6), missing instance 6, existing instance 11, unrecognised,
/// missing or mistyped parameters 4, DeleteClass on a class with subclasses 8 or instances 9.
///
/// Pull operations keep an enumeration context per Open* holding the remaining results. A context
/// expires OperationTimeout seconds (or defaultOperationTimeout()) after the last Open/Pull that used
/// it; 0 means never. Time comes from clock(), which tests replace. FilterQuery on Open* is refused with
/// CIM_ERR_FILTERED_ENUMERATION_NOT_SUPPORTED, ContinueOnError with
/// CIM_ERR_CONTINUATION_ON_ERROR_NOT_SUPPORTED, as OpenPegasus and SFCB do.
///
/// Paths in replies follow what the reply element carries on the wire: local (class and keys) for
/// INSTANCENAME and VALUE.NAMEDINSTANCE replies, with hostName() and the namespace for INSTANCEPATH,
/// OBJECTPATH and VALUE.OBJECTWITHPATH replies, so a reply reads back equal after encoding.
///
/// Not thread-safe: one handler per server thread, like its repository.
class SimOperationHandler final
{
public:
    /// repository must outlive the handler; it is changed by the write operations.
    explicit SimOperationHandler(SimRepository *repository);
    ~SimOperationHandler();
    Q_DISABLE_COPY_MOVE(SimOperationHandler)

    /// Answers request. The response echoes request.messageId and operation (and methodName for
    /// InvokeMethod); a failure has a non-OK status and nothing else. user is the authenticated user
    /// name (empty without authentication); it is recorded with the request.
    CimOperationResponse handle(const CimOperationRequest &request, const QString &user = {});

    SimRepository *repository() const { return m_repository; }

    /// The HOST of paths in replies ("localhost" by default); the server sets its host:port.
    void setHostName(const QString &host) { m_hostName = host; }
    const QString &hostName() const { return m_hostName; }

    // Faults the scenario layer injects.
    /// From now on, answer every request for operation with status (not OK) instead of serving it;
    /// with a className only the requests on that class (SimOperationFailure::className). Replaces
    /// a failure set before for the same operation and class; the first one set that matches wins.
    void setOperationFailure(CimOperation operation, const CimStatus &status, const QString &className = {});
    /// Removes every failure of operation, whatever its class.
    void clearOperationFailure(CimOperation operation);
    void clearOperationFailures();
    /// false: every Open*, Pull*, CloseEnumeration and EnumerationCount answers CIM_ERR_NOT_SUPPORTED,
    /// as servers before DSP0200 1.3 do. Default true.
    void setPullSupported(bool supported) { m_pullSupported = supported; }
    bool isPullSupported() const { return m_pullSupported; }

    // Pull operations.
    /// Seconds a context lives without use when the Open* request has no OperationTimeout (default 40,
    /// OpenPegasus's default).
    void setDefaultOperationTimeout(quint32 seconds) { m_defaultOperationTimeout = seconds; }
    quint32 defaultOperationTimeout() const { return m_defaultOperationTimeout; }
    /// Larger OperationTimeout values are refused with CIM_ERR_INVALID_OPERATION_TIMEOUT (default 3600).
    void setMaximumOperationTimeout(quint32 seconds) { m_maximumOperationTimeout = seconds; }
    /// Open* beyond this many open contexts answers CIM_ERR_SERVER_LIMITS_EXCEEDED (default 256).
    void setMaximumEnumerationContexts(int count) { m_maximumContexts = count; }
    /// The time source for context expiry and timestamps the server sets (default: current UTC time).
    void setClock(std::function<QDateTime()> clock);
    /// Open contexts that have not expired.
    int enumerationContextCount() const;

    // What the server received, for tests that assert both sides.
    /// The last receivedRequestLimit() requests, oldest first.
    QList<CimOperationRequest> receivedRequests() const { return m_received; }
    /// The user each of receivedRequests() came from.
    QStringList receivedUsers() const { return m_receivedUsers; }
    void setReceivedRequestLimit(int limit);
    int receivedRequestLimit() const { return m_receivedLimit; }
    void clearReceivedRequests();

private:
    struct EnumerationContext
    {
        enum class Kind : quint8 { InstancesWithPath, InstancePaths, Instances };
        Kind kind = Kind::InstancesWithPath;
        QString nameSpace;
        QList<CimInstance> instances;
        QList<CimInstanceName> names;
        qsizetype position = 0;
        quint32 timeout = 0; ///< seconds; 0: never expires
        QDateTime expires;
    };

    CimOperationResponse dispatch(const CimOperationRequest &request);
    CimOperationResponse openEnumeration(const CimOperationRequest &request, const QString &nameSpace);
    CimOperationResponse pull(const CimOperationRequest &request);
    CimOperationResponse closeEnumeration(const CimOperationRequest &request);
    CimOperationResponse enumerationCount(const CimOperationRequest &request);
    /// Moves up to maxObjectCount results of context into response, closing the context at the end.
    void deliver(
        const QString &id, EnumerationContext &context, quint32 maxObjectCount, CimOperationResponse &response);
    void expireContexts();
    QDateTime now() const;

    SimRepository *m_repository;
    QString m_hostName = QStringLiteral("localhost");
    QList<SimOperationFailure> m_failures; ///< in the order set
    bool m_pullSupported = true;
    quint32 m_defaultOperationTimeout = 40;
    quint32 m_maximumOperationTimeout = 3600;
    int m_maximumContexts = 256;
    std::function<QDateTime()> m_clock;
    QHash<QString, EnumerationContext> m_contexts;
    quint64 m_nextContext = 1;
    quint64 m_nextJob = 1;
    QList<CimOperationRequest> m_received;
    QStringList m_receivedUsers;
    int m_receivedLimit = 100;
};

} // namespace cimdiag
