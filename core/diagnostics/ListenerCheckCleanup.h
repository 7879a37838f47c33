// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimInstanceName.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

namespace cimdiag {

class WbemConnection;
class WbemOperation;

/// Removes the indication objects cimdiag created (F7, F11): every CIM_IndicationSubscription whose
/// Filter or Handler is named with the prefix, then every CIM_IndicationFilter and
/// CIM_ListenerDestination so named. The listener stage sweeps its own run's prefix
/// ("cimdiag:<runId>") when it ends, also after cancel, timeout and error; the "clean up leftovers"
/// action sweeps "cimdiag:" (objects of earlier runs that crashed or were killed).
///
/// The interop namespace is the first of namespaces the server knows (an InvalidNamespace answer
/// moves on to the next). Subscriptions go first: servers refuse to delete a filter or a
/// destination a subscription still uses (OpenPegasus). Creates and deletes go through the
/// connection given, so its recorders (log, audit trail) see every delete.
///
/// An async handle: start() queues the work; finished() is emitted exactly once, after which the
/// results are valid. runningCount() tells how many sweeps are under way in the process, so a
/// command line program can wait for a sweep a cancelled stage left running before it exits.
class ListenerCheckCleanup final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListenerCheckCleanup)

public:
    /// connection must outlive the sweep (make it the parent, or the sweep its parent).
    ListenerCheckCleanup(WbemConnection *connection, QStringList namespaces, QString prefix, QObject *parent = nullptr);
    ~ListenerCheckCleanup() override;

    /// The name prefix every cimdiag object has.
    static QString ownedPrefix() { return QStringLiteral("cimdiag:"); }
    /// Sweeps under way in this process (started and not finished).
    static int runningCount();

    void start();
    bool isFinished() const { return m_finished; }

    /// The namespace swept (empty when no candidate was an interop namespace).
    QString nameSpace() const { return m_nameSpace; }
    /// WBEM URIs of the instances removed, in the order they went.
    QStringList removed() const { return m_removed; }
    /// "URI: error" for each delete that failed, and enumerate errors.
    QStringList errors() const { return m_errors; }
    bool succeeded() const { return m_finished && m_errors.isEmpty() && !m_nameSpace.isEmpty(); }

Q_SIGNALS:
    void finished();

private:
    void enumerateSubscriptions();
    void deleteAll(const QList<CimInstanceName> &paths, void (ListenerCheckCleanup::*next)());
    void enumerateOthers();
    void finish();
    bool owned(const CimInstanceName &path) const;
    WbemOperation *track(WbemOperation *operation);

    QPointer<WbemConnection> m_connection;
    QStringList m_candidates;
    QString m_prefix;
    QString m_nameSpace;
    QStringList m_removed;
    QStringList m_errors;
    QList<CimInstanceName> m_pendingOthers;
    int m_pending = 0;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace cimdiag
