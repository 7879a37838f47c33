// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimInstanceName.h"
#include "core/cimxml/CimOperationResponse.h"
#include "core/cimxml/CimRequestOptions.h"
#include "core/wbem/WbemError.h"

#include <QObject>
#include <QPointer>

namespace cimdiag {

class WbemConnection;
class WbemOperation;

/// An iterating helper (pywbem's Iter* methods) as an async handle: it runs Open* and then Pull*
/// until EndOfSequence, and falls back to the traditional operation (EnumerateInstances,
/// EnumerateInstanceNames, Associators, AssociatorNames, References, ReferenceNames, ExecQuery) when
/// the server answers the Open* with CIM_ERR_NOT_SUPPORTED, or CIM_ERR_FAILED as old SFCB does. The
/// connection remembers that the server lacks pull, so later helpers go straight to the
/// traditional operation. A filter query (FQL) cannot be applied by the traditional operations:
/// then the Open* error is the result.
///
/// A server that answers three Pulls in a row with no objects and no EndOfSequence fails the
/// helper (Cim, CIM_ERR_FAILED); after that or a failed Pull (except
/// CIM_ERR_INVALID_ENUMERATION_CONTEXT) the context is closed on the server, best effort.
///
/// Started from a queued call; batchReceived() is emitted for each reply that carried objects, and
/// finished() exactly once. response() accumulates instances (instance kinds) or instanceNames
/// (path kinds); it is complete after finished() with a null error().
class WbemEnumeration final : public QObject
{
    Q_OBJECT

public:
    enum class Kind : quint8 {
        EnumerateInstances,
        EnumerateInstancePaths,
        AssociatorInstances,
        AssociatorInstancePaths,
        ReferenceInstances,
        ReferenceInstancePaths,
        QueryInstances,
    };

    ~WbemEnumeration() override;
    Q_DISABLE_COPY_MOVE(WbemEnumeration)

    Kind kind() const { return m_kind; }
    bool isFinished() const { return m_finished; }
    /// Valid after finished(): null on success.
    const WbemError &error() const { return m_error; }
    /// The objects received so far; all of them after finished().
    const CimOperationResponse &response() const { return m_response; }
    /// After finished(): whether the pull operations were used (false after a fallback).
    bool usedPull() const { return m_usedPull; }
    /// The number of requests made (Open*, each Pull*, or the one traditional request).
    int requestCount() const { return m_requestCount; }

public Q_SLOTS:
    /// Stops: the running request is cancelled, an open enumeration context is closed (fire and
    /// forget), and finished() is emitted with a Cancelled error before cancel() returns.
    void cancel();

Q_SIGNALS:
    /// A reply added count objects to response().
    void batchReceived(int count);
    void finished();

private:
    friend class WbemConnection;
    WbemEnumeration(WbemConnection *connection, Kind kind, QString nameSpace, QString className,
                    CimInstanceName path, QString queryLanguage, QString query, CimRequestOptions options);

    void doStart();
    void startOpen();
    void startTraditional();
    void startPull();
    void watch(WbemOperation *operation, bool isOpen, bool isTraditional);
    void onOperationFinished(WbemOperation *operation, bool isOpen, bool isTraditional);
    int append(CimOperationResponse &&reply);
    void finish(WbemError error);
    /// Sends CloseEnumeration for the open context, fire and forget.
    void closeContext();

    QPointer<WbemConnection> m_connection;
    Kind m_kind;
    QString m_nameSpace;
    QString m_className;
    CimInstanceName m_path;
    QString m_queryLanguage;
    QString m_query;
    CimRequestOptions m_options;

    QPointer<WbemOperation> m_current;
    QString m_context;
    bool m_finished = false;
    bool m_usedPull = false;
    int m_requestCount = 0;
    int m_emptyPulls = 0; ///< consecutive Pull replies without objects
    WbemError m_error;
    CimOperationResponse m_response;
};

} // namespace cimdiag
