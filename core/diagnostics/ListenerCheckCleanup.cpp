// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/ListenerCheckCleanup.h"

#include "core/cim/CimStatusCode.h"
#include "core/diagnostics/WbemErrorDiagnosis.h"
#include "core/wbem/WbemConnection.h"
#include "core/wbem/WbemOperation.h"

#include <QTimer>

namespace cimdiag {

namespace {
int g_running = 0;

const QString kSubscription = QStringLiteral("CIM_IndicationSubscription");
const QString kFilter = QStringLiteral("CIM_IndicationFilter");
const QString kDestination = QStringLiteral("CIM_ListenerDestination");

QString nameOf(const CimInstanceName &path)
{
    const CimValue name = path.keyBinding(u"Name");
    return name.isNull() || name.type() == CimType::Invalid ? QString() : name.toString();
}
} // namespace

ListenerCheckCleanup::ListenerCheckCleanup(
    WbemConnection *connection, QStringList namespaces, QString prefix, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_candidates(std::move(namespaces))
    , m_prefix(std::move(prefix))
{ }

ListenerCheckCleanup::~ListenerCheckCleanup()
{
    if (m_started && !m_finished)
        --g_running;
}

int ListenerCheckCleanup::runningCount()
{
    return g_running;
}

void ListenerCheckCleanup::start()
{
    if (m_started)
        return;
    m_started = true;
    ++g_running;
    QTimer::singleShot(0, this, &ListenerCheckCleanup::enumerateSubscriptions);
}

bool ListenerCheckCleanup::owned(const CimInstanceName &path) const
{
    // An empty prefix would sweep every subscription on the server: never.
    if (m_prefix.isEmpty())
        return false;
    if (nameOf(path).startsWith(m_prefix))
        return true;
    for (QStringView role : {QStringView(u"Filter"), QStringView(u"Handler")}) {
        const CimValue value = path.keyBinding(role);
        if (value.type() == CimType::Reference && !value.isNull() && nameOf(value.toReference()).startsWith(m_prefix))
            return true;
    }
    return false;
}

WbemOperation *ListenerCheckCleanup::track(WbemOperation *operation)
{
    connect(operation, &WbemOperation::finished, operation, &QObject::deleteLater);
    return operation;
}

void ListenerCheckCleanup::enumerateSubscriptions()
{
    if (!m_connection || m_candidates.isEmpty()) {
        if (m_nameSpace.isEmpty())
            m_errors.append(tr("No interop namespace answered"));
        finish();
        return;
    }
    const QString candidate = m_candidates.takeFirst();
    WbemOperation *operation = track(m_connection->enumerateInstanceNames(kSubscription, candidate));
    connect(operation, &WbemOperation::finished, this, [this, operation, candidate] {
        const WbemError &error = operation->error();
        if (!error.isNull() && error.kind == WbemError::Kind::Cim
            && error.cimStatus.code() == int(CimStatusCode::InvalidNamespace)) {
            enumerateSubscriptions();
            return;
        }
        m_nameSpace = candidate;
        if (!error.isNull()) {
            m_errors.append(tr("Enumerating %1 in %2 failed: %3")
                                .arg(kSubscription, candidate, WbemErrorDiagnosis::describe(error)));
            enumerateOthers();
            return;
        }
        QList<CimInstanceName> mine;
        for (const CimInstanceName &path : operation->response().instanceNames) {
            if (owned(path))
                mine.append(path);
        }
        deleteAll(mine, &ListenerCheckCleanup::enumerateOthers);
    });
}

void ListenerCheckCleanup::deleteAll(const QList<CimInstanceName> &paths, void (ListenerCheckCleanup::*next)())
{
    if (paths.isEmpty() || !m_connection) {
        (this->*next)();
        return;
    }
    m_pending = int(paths.size());
    for (const CimInstanceName &path : paths) {
        WbemOperation *operation = track(m_connection->deleteInstance(path, m_nameSpace));
        connect(operation, &WbemOperation::finished, this, [this, operation, path, next] {
            const QString uri = path.toWbemUri();
            if (operation->error().isNull()) {
                m_removed.append(uri);
            } else if (operation->error().kind == WbemError::Kind::Cim
                && operation->error().cimStatus.code() == int(CimStatusCode::NotFound)) {
                // Gone already: the server removed it (OnFatalErrorPolicy Remove, F6) or another sweep did.
            } else {
                m_errors.append(uri + QStringLiteral(": ") + WbemErrorDiagnosis::describe(operation->error()));
            }
            if (--m_pending == 0)
                (this->*next)();
        });
    }
}

void ListenerCheckCleanup::enumerateOthers()
{
    if (!m_connection) {
        finish();
        return;
    }
    // Filters and destinations: both enumerations first, then the deletes together.
    m_pendingOthers.clear();
    m_pending = 2;
    for (const QString &className : {kFilter, kDestination}) {
        WbemOperation *operation = track(m_connection->enumerateInstanceNames(className, m_nameSpace));
        connect(operation, &WbemOperation::finished, this, [this, operation, className] {
            if (!operation->error().isNull()) {
                m_errors.append(tr("Enumerating %1 in %2 failed: %3")
                                    .arg(className, m_nameSpace, WbemErrorDiagnosis::describe(operation->error())));
            } else {
                for (const CimInstanceName &path : operation->response().instanceNames) {
                    if (owned(path))
                        m_pendingOthers.append(path);
                }
            }
            if (--m_pending == 0)
                deleteAll(m_pendingOthers, &ListenerCheckCleanup::finish);
        });
    }
}

void ListenerCheckCleanup::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    --g_running;
    Q_EMIT finished();
}

} // namespace cimdiag
