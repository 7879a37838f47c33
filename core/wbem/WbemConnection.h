// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cimxml/CimRequestBuilder.h"
#include "core/wbem/WbemConnectionOptions.h"
#include "core/wbem/WbemStatistics.h"
#include "core/wbem/WbemTlsInfo.h"

#include <QObject>
#include <QSslConfiguration>

#include <memory>
#include <optional>
#include <vector>

class QNetworkAccessManager;

namespace cimdiag {

class WbemEnumeration;
class WbemOperation;
class WbemOperationRecorder;

/// A client connection to one WBEM server over CIM-XML (DSP0200), the peer of pywbem's
/// WBEMConnection. It owns a QNetworkAccessManager (kept-alive HTTP/1.1, one per connection so TLS
/// decisions and credentials never leak between connections) and makes every operation an async
/// WbemOperation handle.
///
/// Requests are POSTed to /cimom with Content-Type application/xml; charset="utf-8", CIMOperation
/// MethodCall, CIMMethod, CIMObject (URL-encoded), CIMProtocolVersion 1.0, Accept-Encoding identity
/// and Content-Length (never Expect: SFCB answers 417). Replies are decoded while they stream in.
///
/// Operation methods take the target namespace last; an empty one means the object path's
/// namespace when the argument has one, else options().defaultNamespace.
class WbemConnection final : public QObject
{
    Q_OBJECT

public:
    explicit WbemConnection(WbemConnectionOptions options, QObject *parent = nullptr);
    ~WbemConnection() override;
    Q_DISABLE_COPY_MOVE(WbemConnection)

    const WbemConnectionOptions &options() const { return m_options; }
    /// Changes take effect for operations started afterwards; the kept-alive connections are
    /// dropped so new TLS and proxy settings apply. Operations in flight finish (before this
    /// returns) with a Cancelled error; serverSupportsPull() and lastTlsInfo() are reset.
    void setOptions(const WbemConnectionOptions &options);

    /// Starts any request (a missing MESSAGE ID and an empty intrinsic namespace are filled in).
    /// The handle is a child of this connection; see WbemOperation for when finished() fires.
    WbemOperation *start(CimOperationRequest request);

    // Instances.
    WbemOperation *enumerateInstances(const QString &className, const CimRequestOptions &options = {},
                                      const QString &nameSpace = {});
    WbemOperation *enumerateInstanceNames(const QString &className, const QString &nameSpace = {});
    WbemOperation *getInstance(const CimInstanceName &path, const CimRequestOptions &options = {},
                               const QString &nameSpace = {});
    WbemOperation *createInstance(const CimInstance &instance, const QString &nameSpace = {});
    WbemOperation *modifyInstance(const CimInstance &instance, const CimRequestOptions &options = {},
                                  const QString &nameSpace = {});
    WbemOperation *deleteInstance(const CimInstanceName &path, const QString &nameSpace = {});
    using ObjectName = CimRequestBuilder::ObjectName;
    WbemOperation *associators(const ObjectName &objectName, const CimRequestOptions &options = {},
                               const QString &nameSpace = {});
    WbemOperation *associatorNames(const ObjectName &objectName, const CimRequestOptions &options = {},
                                   const QString &nameSpace = {});
    WbemOperation *references(const ObjectName &objectName, const CimRequestOptions &options = {},
                              const QString &nameSpace = {});
    WbemOperation *referenceNames(const ObjectName &objectName, const CimRequestOptions &options = {},
                                  const QString &nameSpace = {});
    WbemOperation *execQuery(const QString &queryLanguage, const QString &query, const QString &nameSpace = {});
    WbemOperation *invokeMethod(const CimInstanceName &target, const QString &methodName,
                                const CimParamValueList &parameters = {}, const QString &nameSpace = {});
    WbemOperation *invokeMethod(const CimClassName &target, const QString &methodName,
                                const CimParamValueList &parameters = {}, const QString &nameSpace = {});
    WbemOperation *getProperty(const CimInstanceName &path, const QString &propertyName,
                               const QString &nameSpace = {});
    WbemOperation *setProperty(const CimInstanceName &path, const QString &propertyName, const CimValue &value,
                               const QString &nameSpace = {});

    // Classes and qualifier declarations.
    WbemOperation *getClass(const QString &className, const CimRequestOptions &options = {},
                            const QString &nameSpace = {});
    WbemOperation *enumerateClasses(const QString &className = {}, const CimRequestOptions &options = {},
                                    const QString &nameSpace = {});
    WbemOperation *enumerateClassNames(const QString &className = {}, const CimRequestOptions &options = {},
                                       const QString &nameSpace = {});
    WbemOperation *createClass(const CimClass &newClass, const QString &nameSpace = {});
    WbemOperation *modifyClass(const CimClass &modifiedClass, const QString &nameSpace = {});
    WbemOperation *deleteClass(const QString &className, const QString &nameSpace = {});
    WbemOperation *enumerateQualifiers(const QString &nameSpace = {});
    WbemOperation *getQualifier(const QString &qualifierName, const QString &nameSpace = {});
    WbemOperation *setQualifier(const CimQualifierDeclaration &declaration, const QString &nameSpace = {});
    WbemOperation *deleteQualifier(const QString &qualifierName, const QString &nameSpace = {});

    // Pull operations (DSP0200 1.3).
    WbemOperation *openEnumerateInstances(const QString &className, const CimRequestOptions &options = {},
                                          const QString &nameSpace = {});
    WbemOperation *openEnumerateInstancePaths(const QString &className, const CimRequestOptions &options = {},
                                              const QString &nameSpace = {});
    WbemOperation *openAssociatorInstances(const CimInstanceName &path, const CimRequestOptions &options = {},
                                           const QString &nameSpace = {});
    WbemOperation *openAssociatorInstancePaths(const CimInstanceName &path, const CimRequestOptions &options = {},
                                               const QString &nameSpace = {});
    WbemOperation *openReferenceInstances(const CimInstanceName &path, const CimRequestOptions &options = {},
                                          const QString &nameSpace = {});
    WbemOperation *openReferenceInstancePaths(const CimInstanceName &path, const CimRequestOptions &options = {},
                                              const QString &nameSpace = {});
    WbemOperation *openQueryInstances(const QString &queryLanguage, const QString &query,
                                      const CimRequestOptions &options = {}, const QString &nameSpace = {});
    WbemOperation *pullInstancesWithPath(const QString &enumerationContext, quint32 maxObjectCount,
                                         const QString &nameSpace = {});
    WbemOperation *pullInstancePaths(const QString &enumerationContext, quint32 maxObjectCount,
                                     const QString &nameSpace = {});
    WbemOperation *pullInstances(const QString &enumerationContext, quint32 maxObjectCount,
                                 const QString &nameSpace = {});
    WbemOperation *closeEnumeration(const QString &enumerationContext, const QString &nameSpace = {});
    WbemOperation *enumerationCount(const QString &enumerationContext, const QString &nameSpace = {});

    // Iterating helpers: pull where the server has it, the traditional operation where it does not
    // (see WbemEnumeration). The handle is a child of this connection.
    WbemEnumeration *iterEnumerateInstances(const QString &className, const CimRequestOptions &options = {},
                                            const QString &nameSpace = {});
    WbemEnumeration *iterEnumerateInstancePaths(const QString &className, const CimRequestOptions &options = {},
                                                const QString &nameSpace = {});
    WbemEnumeration *iterAssociatorInstances(const CimInstanceName &path, const CimRequestOptions &options = {},
                                             const QString &nameSpace = {});
    WbemEnumeration *iterAssociatorInstancePaths(const CimInstanceName &path, const CimRequestOptions &options = {},
                                                 const QString &nameSpace = {});
    WbemEnumeration *iterReferenceInstances(const CimInstanceName &path, const CimRequestOptions &options = {},
                                            const QString &nameSpace = {});
    WbemEnumeration *iterReferenceInstancePaths(const CimInstanceName &path, const CimRequestOptions &options = {},
                                                const QString &nameSpace = {});
    WbemEnumeration *iterQueryInstances(const QString &queryLanguage, const QString &query,
                                        const CimRequestOptions &options = {}, const QString &nameSpace = {});

    /// Whether the server has the pull operations: unknown (nullopt) until an iterating helper
    /// tried; false after an Open* answered CIM_ERR_NOT_SUPPORTED or CIM_ERR_FAILED.
    std::optional<bool> serverSupportsPull() const { return m_serverSupportsPull; }
    void setServerSupportsPull(std::optional<bool> supported) { m_serverSupportsPull = supported; }

    /// What the most recent https operation negotiated (protocol, cipher, peer chain, verification
    /// errors); null before the first one finished.
    const WbemTlsInfo &lastTlsInfo() const { return m_lastTlsInfo; }

    WbemStatistics &statistics() { return m_statistics; }
    const WbemStatistics &statistics() const { return m_statistics; }

    /// Recorders get every exchange, secrets redacted. Several may be added; each keeps its own
    /// enabled flag.
    void addRecorder(std::shared_ptr<WbemOperationRecorder> recorder);
    void removeRecorder(const std::shared_ptr<WbemOperationRecorder> &recorder);
    const std::vector<std::shared_ptr<WbemOperationRecorder>> &recorders() const { return m_recorders; }

    /// The TLS configuration https requests use, or an error text when the CA or client files
    /// cannot be read (operations then fail with a Tls error).
    const QSslConfiguration &sslConfiguration() const { return m_sslConfiguration; }
    const QString &tlsSetupError() const { return m_tlsSetupError; }

Q_SIGNALS:
    /// Emitted after each operation's finished(), for observers that watch the whole connection;
    /// not emitted for an operation a finished() slot deleted.
    void operationFinished(cimdiag::WbemOperation *operation);

private:
    friend class WbemOperation;
    QString resolveNamespace(const QString &explicitNamespace, const QString &pathNamespace = {}) const;
    QString nextMessageId();
    void rebuildTransport();
    bool anyRecorderWantsBody() const;

    WbemConnectionOptions m_options;
    std::unique_ptr<QNetworkAccessManager> m_network;
    QSslConfiguration m_sslConfiguration;
    QString m_tlsSetupError;
    quint64 m_nextMessageId = 1000;
    quint64 m_nextOperationId = 1;
    bool m_basicChallengeSeen = false;
    std::optional<bool> m_serverSupportsPull;
    WbemTlsInfo m_lastTlsInfo;
    WbemStatistics m_statistics;
    std::vector<std::shared_ptr<WbemOperationRecorder>> m_recorders;
};

} // namespace cimdiag
