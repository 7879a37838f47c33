// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimInstanceName.h"
#include "core/diagnostics/DiagnosticCheck.h"
#include "core/diagnostics/ListenerCheckFindings.h"
#include "core/listener/IndicationListenerOptions.h"
#include "core/report/ReportSection.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QPointer>
#include <QTimer>

#include <optional>

class QNetworkAccessManager;

namespace cimdiag {

class IndicationListener;
class ListenerCheckAddress;
class ListenerCheckCleanup;
class TcpProbe;
class WbemConnection;
class WbemOperation;
struct FailedTlsHandshake;
struct ReceivedIndication;

/// The opt-in listener stage [F1-F8, F11], issue #6's five steps:
/// 1. the address the server can reach: the local address of a connection to the target
///    (ListenerCheckAddress), or Target::listener.address; F3 warnings for loopback, NAT, names;
/// 2. an IndicationListener on that address and the chosen port, self-tested by posting an
///    ExportIndication to itself over that address [F1];
/// 3. the CIM_ListenerDestination and CIM_IndicationSubscription instances already in the interop
///    namespace, each destination URL probed with a short TCP connect; dead ones flagged [F11];
/// 4. an owned filter, destination (PersistenceType 3, Transient) and subscription named
///    "cimdiag:<runId>", then a wait for an indication (SubscriptionState polled: Disabled ends the
///    wait, F6), and the verdict: delivered, or not with its likely causes [F1-F8];
/// 5. everything named "cimdiag:<runId>" removed (ListenerCheckCleanup), also on error, cancel and
///    the runner's timeout: there the sweep goes on after the stage finished, owned by the
///    context's shared connection (ListenerCheckCleanup::runningCount() tells a program to wait).
///
/// Creates and deletes go through a connection from DiagnosticContext::createConnection(), so the
/// log and the audit trail see them. Evidence names: listener.address, listener.localAddress,
/// listener.scheme, listener.certificateSha256 and listener.certificateSource ("generated" or "file")
/// (https), listener.certificateFile and listener.certificateCoversAddress (a certificate file), listener.port,
/// listener.destination, listener.selfTest, listener.existingDestinations, listener.deadDestinations,
/// listener.leftovers, listener.delivered, listener.indications, listener.latencyMs, listener.connections,
/// listener.rejectedHandshakes and listener.rejectedHandshake (https), listener.subscriptionState,
/// listener.onFatalErrorPolicy, listener.removed.
///
/// Over https the listener serves a self-signed certificate made for this run for the chosen address
/// (SAN IP or DNS), or the certificate and key of ListenerCheckOptions::certificateFile/keyFile
/// (ServerCertificateFiles: unreadable, not PEM, a foreign key, expired or not yet valid fail the
/// stage; a certificate that does not name the address is a warning, F4). The self-test trusts
/// exactly that certificate. A server that verifies listener certificates (sfcb
/// sslIndicationReceiverCert=verify) and does not trust it rejects it: the listener records the
/// handshake's alert, and the verdict names F4 from that evidence and the certificate to trust.
class ListenerCheck final : public DiagnosticCheck
{
    Q_OBJECT

public:
    explicit ListenerCheck(DiagnosticContext &context, QObject *parent = nullptr);
    ~ListenerCheck() override;

    QList<DiagnosticStage> prerequisites() const override { return {DiagnosticStage::ServerIdentity}; }
    QString notApplicableReason() const override;

    /// The report section of a listener result (id "listener"), with the indications received.
    static ReportSection reportSection(const CheckResult &result, const ListenerCheckFindings &findings);
    /// "4 (Disabled)" for a SubscriptionState value, "3 (Disable)" for an OnFatalErrorPolicy value.
    static QString subscriptionStateName(int state);
    static QString fatalErrorPolicyName(int policy);

protected:
    void doStart() override;
    void doCancel() override;

private:
    void onAddress();
    void startListener();
    void openListener(IndicationListenerOptions listenOptions);
    void selfTest();
    /// tlsFailure: the self-test's own HTTPS client refused the listener's certificate (a local
    /// fault, not a firewall).
    void onSelfTestDone(bool ok, const QString &detail, bool tlsFailure = false);
    void enumerateExisting();
    void onExistingEnumerated();
    void probeDestinations();
    void createObjects();
    void createNext();
    void startWaiting();
    void pollSubscription(bool final);
    void onIndication(const ReceivedIndication &indication);
    void endWait();
    void removeAndFinish();
    void finishWithVerdict();
    /// Error path: remember the result, sweep, then finish with it.
    void failAndClean(CheckResult result);
    WbemOperation *track(WbemOperation *operation);
    QString interopNamespace() const;
    /// The verdict when nothing was delivered.
    CheckResult notDelivered() const;
    /// Connections (and failed handshakes) at the listener since the subscription was requested.
    qint64 connectionsFromServer() const;
    static QString describe(const FailedTlsHandshake &handshake);
    QString destinationPath() const;

    WbemConnection *m_connection = nullptr;
    IndicationListener *m_listener = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    QPointer<ListenerCheckAddress> m_addressJob;
    QPointer<ListenerCheckCleanup> m_cleanup;
    QList<QPointer<WbemOperation>> m_operations;
    QList<QPointer<TcpProbe>> m_probes;
    QTimer m_waitTimer;
    QTimer m_pollTimer;
    QTimer m_selfTestTimer;
    QElapsedTimer m_sinceSubscribed; ///< from the subscription's CreateInstance: delivery latency
    QDateTime m_subscribedAt; ///< the same moment, UTC: what the listener saw before it is not this run's

    QString m_runId;
    QString m_prefix;
    QString m_address; ///< what the server is told
    QHostAddress m_localAddress; ///< detected
    QHostAddress m_peerAddress;
    QStringList m_warnings;
    QString m_certificateWarning; ///< the certificate file does not name m_address (F4)
    QStringList m_details;
    bool m_selfTestOk = false;
    bool m_selfTestDone = false;
    int m_existingDestinations = 0;
    int m_deadDestinations = 0;
    int m_leftovers = 0;
    int m_probesPending = 0;
    qint64 m_connectionsBefore = 0; ///< listener connections before the subscription (the self-test's)
    QList<std::pair<QString, QString>> m_destinationUrls; ///< (name, URL) of destinations found
    QList<CimInstanceName> m_created; ///< filter, destination, subscription
    int m_pendingEnumerations = 0;
    bool m_waiting = false;
    bool m_delivered = false;
    bool m_subscriptionGone = false;
    bool m_pollInFlight = false;
    bool m_finalRead = false;
    bool m_createStarted = false;
    bool m_stopped = false;
    std::optional<int> m_state;
    std::optional<int> m_policy;
    std::optional<CheckResult> m_failure;
};

} // namespace cimdiag
