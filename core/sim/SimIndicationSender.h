// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/sim/SimIndicationDelivery.h"
#include "core/sim/SimIndicationOptions.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSslCertificate>

class QNetworkAccessManager;
class QTimer;

namespace cimdiag {

class SimRepository;

/// The simulator's indication provider and delivery: for every CIM_IndicationSubscription in the
/// interop namespace whose SubscriptionState is Enabled (2) or Enabled Degraded (3), it builds an
/// indication (a CIM_AlertIndication, or the filter's query class when that is a known indication
/// class) and POSTs it as ExportIndication (DSP0200 export headers) to the Destination of the
/// subscription's CIM_ListenerDestination: on a timer, on demand (deliverNow(), deliverTo()) and,
/// through SimScenarioHost, when a client creates a subscription.
///
/// Failures are retried deliveryRetryAttempts times, deliveryRetryIntervalMs apart; when all fail the
/// fatal-error policy applies (F6): Disable sets SubscriptionState 4 (Disabled), Remove deletes the
/// subscription (and a Transient destination no other subscription uses), Ignore leaves it. A
/// failure sets Enabled Degraded (3); a success sets Enabled (2) again. TimeOfLastStateChange follows.
/// The scenario's delivery faults (SimIndicationOptions) imitate F2 (egress blocked), F3
/// (unresolvable destination) and slow delivery.
///
/// HTTPS listeners are verified only with SimIndicationOptions::verifyListenerCertificate (F4), against
/// the system's CAs and setTrustedCertificates(); otherwise any listener certificate is accepted.
class SimIndicationSender final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimIndicationSender)

public:
    /// repository must outlive the sender.
    explicit SimIndicationSender(SimRepository *repository, QObject *parent = nullptr);
    ~SimIndicationSender() override;

    void setOptions(const SimIndicationOptions &options);
    const SimIndicationOptions &options() const { return m_options; }
    /// CAs trusted besides the system's when verifyListenerCertificate is on (the simulator's CA).
    void setTrustedCertificates(const QList<QSslCertificate> &certificates) { m_trusted = certificates; }
    /// Starts the periodic deliveries (options().intervalMs; nothing when 0).
    void start();
    void stop(); ///< stops the timer and abandons deliveries in flight and pending retries

    /// One indication to every enabled subscription now; returns how many deliveries started.
    int deliverNow();
    /// One indication to the subscription at path (a local path in the interop namespace); false when
    /// there is no such subscription, it is disabled, or its destination has no Destination URL.
    bool deliverTo(const CimInstanceName &subscription);

    /// Deliveries finished so far (the last 256), oldest first.
    QList<SimIndicationDelivery> deliveries() const { return m_deliveries; }
    int pendingCount() const { return m_pending; } ///< attempts waiting or in flight

signals:
    /// An attempt finished, delivered or not.
    void deliveryFinished(const cimdiag::SimIndicationDelivery &delivery);

private:
    struct Job;

    void attempt(const Job &job);
    /// Whether the subscription still exists and is enabled (queued and retried deliveries check).
    bool isDeliverable(const CimInstanceName &subscriptionPath) const;
    void post(const Job &job);
    void finish(const Job &job, bool delivered, int httpStatus, const QString &error);
    CimInstance buildIndication(const CimInstance &subscription, const CimInstance &filter);
    void setState(const CimInstanceName &subscription, quint16 state);
    void applyFatalErrorPolicy(const CimInstanceName &subscription);

    SimRepository *m_repository;
    SimIndicationOptions m_options;
    QList<QSslCertificate> m_trusted;
    QNetworkAccessManager *m_network;
    QTimer *m_timer;
    QList<SimIndicationDelivery> m_deliveries;
    int m_pending = 0;
    quint64 m_generation = 0; ///< stop() bumps it so callbacks of abandoned attempts do nothing
    quint64 m_nextIndication = 1;
};

} // namespace cimdiag
