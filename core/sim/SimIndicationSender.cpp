// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimIndicationSender.h"

#include "core/cim/CimDateTime.h"
#include "core/cimxml/CimRequestBuilder.h"
#include "core/cimxml/CimXmlReader.h"
#include "core/cimxml/CimXmlWriter.h"
#include "core/sim/SimDefaultModel.h"
#include "core/sim/SimRepository.h"
#include "core/sim/SimTlsPeerVerifier.h"
#include "core/sim/SimWqlQuery.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>

namespace cimdiag {

namespace {

constexpr int kMaxDeliveriesKept = 256;
constexpr quint16 kEnabled = 2;
constexpr quint16 kEnabledDegraded = 3;
constexpr quint16 kDisabled = 4;
constexpr quint16 kPersistenceTransient = 3;

quint16 stateOf(const CimInstance &subscription)
{
    const CimValue state = subscription.value(u"SubscriptionState");
    return state.isNull() || state.type() == CimType::Invalid ? kEnabled : static_cast<quint16>(state.toUnsigned());
}

QString stringOf(const CimInstance &instance, QStringView name)
{
    const CimValue value = instance.value(name);
    return value.isNull() || value.type() != CimType::String ? QString() : value.toString();
}

} // namespace

struct SimIndicationSender::Job
{
    CimInstanceName subscription;
    QString destination;
    CimInstance indication;
    int attempt = 1;
    quint64 generation = 0;
};

SimIndicationSender::SimIndicationSender(SimRepository *repository, QObject *parent)
    : QObject(parent)
    , m_repository(repository)
    , m_network(new QNetworkAccessManager(this))
    , m_timer(new QTimer(this))
{
    qRegisterMetaType<SimIndicationDelivery>();
    // A server talks to the listener directly; a proxy from the environment must not step in.
    m_network->setProxy(QNetworkProxy::NoProxy);
    connect(m_timer, &QTimer::timeout, this, &SimIndicationSender::deliverNow);
}

SimIndicationSender::~SimIndicationSender()
{
    stop();
}

void SimIndicationSender::setOptions(const SimIndicationOptions &options)
{
    m_options = options;
    if (m_timer->isActive())
        start();
}

void SimIndicationSender::start()
{
    if (m_options.intervalMs > 0)
        m_timer->start(m_options.intervalMs);
    else
        m_timer->stop();
}

void SimIndicationSender::stop()
{
    m_timer->stop();
    ++m_generation;
    m_pending = 0;
}

int SimIndicationSender::deliverNow()
{
    const QString ns = m_repository->interopNamespace();
    if (ns.isEmpty() || !m_repository->hasClass(ns, u"CIM_IndicationSubscription"))
        return 0;
    int started = 0;
    for (const CimInstanceName &path : m_repository->instanceNames(ns, u"CIM_IndicationSubscription"))
        started += deliverTo(path) ? 1 : 0;
    return started;
}

bool SimIndicationSender::deliverTo(const CimInstanceName &subscriptionPath)
{
    const QString ns = m_repository->interopNamespace();
    if (ns.isEmpty() || !m_repository->hasNamespace(ns))
        return false;
    const CimInstance *subscription = m_repository->findInstance(ns, subscriptionPath);
    if (!subscription)
        return false;
    const quint16 state = stateOf(*subscription);
    if (state != kEnabled && state != kEnabledDegraded)
        return false;
    const CimValue filterRef = subscription->value(u"Filter");
    const CimValue handlerRef = subscription->value(u"Handler");
    if (filterRef.type() != CimType::Reference || handlerRef.type() != CimType::Reference || filterRef.isNull()
        || handlerRef.isNull())
        return false;
    const CimInstance *filter = m_repository->findInstance(ns, filterRef.toReference());
    const CimInstance *handler = m_repository->findInstance(ns, handlerRef.toReference());
    if (!filter || !handler)
        return false;
    const QString destination = stringOf(*handler, u"Destination");
    if (destination.isEmpty())
        return false;

    Job job;
    job.subscription = subscription->path();
    job.destination = destination;
    job.indication = buildIndication(*subscription, *filter);
    job.generation = m_generation;
    ++m_pending;
    if (m_options.deliveryDelayMs > 0) {
        // Slow delivery: the server queues the indication before it connects. A precise timer: a
        // coarse one (Qt's default above 2 s) may fire up to 5 % early, and "5 s late" means 5 s.
        QTimer::singleShot(m_options.deliveryDelayMs, Qt::PreciseTimer, this, [this, job] {
            if (job.generation != m_generation)
                return;
            // Removed or disabled while queued (the listener stage deletes its subscription when
            // it stops waiting): nothing to deliver, as for a retry. Connecting anyway would go to
            // a listener that is gone, and the fault soak saw each such attempt keep a socket.
            if (!isDeliverable(job.subscription)) {
                m_pending = qMax(0, m_pending - 1);
                return;
            }
            attempt(job);
        });
    } else {
        attempt(job);
    }
    return true;
}

bool SimIndicationSender::isDeliverable(const CimInstanceName &subscriptionPath) const
{
    const CimInstance *current = m_repository->findInstance(m_repository->interopNamespace(), subscriptionPath);
    const quint16 state = current ? stateOf(*current) : 0;
    return state == kEnabled || state == kEnabledDegraded;
}

CimInstance SimIndicationSender::buildIndication(const CimInstance &subscription, const CimInstance &filter)
{
    Q_UNUSED(subscription)
    QString sourceNamespace = stringOf(filter, u"SourceNamespace");
    while (sourceNamespace.startsWith(u'/'))
        sourceNamespace.remove(0, 1);
    if (sourceNamespace.isEmpty() || !m_repository->hasClass(sourceNamespace, u"CIM_AlertIndication")) {
        for (const QString &candidate : m_repository->namespaces()) {
            if (m_repository->hasClass(candidate, u"CIM_AlertIndication")) {
                sourceNamespace = candidate;
                break;
            }
        }
    }
    // The filter's query class when it is a concrete alert indication class, else CIM_AlertIndication.
    QString className = QStringLiteral("CIM_AlertIndication");
    if (const auto query = SimWqlQuery::parse(stringOf(filter, u"Query"))) {
        if (!sourceNamespace.isEmpty()
            && m_repository->isA(sourceNamespace, query->className(), u"CIM_AlertIndication"))
            className = m_repository->findClass(sourceNamespace, query->className())->className();
    }
    const quint64 number = m_nextIndication++;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    CimInstance indication(className);
    indication.setProperty(CimProperty(
        QStringLiteral("IndicationIdentifier"), CimValue::string(QStringLiteral("cimdiag-sim:%1").arg(number))));
    indication.setProperty(
        CimProperty(QStringLiteral("IndicationTime"), CimValue::dateTime(CimDateTime::fromDateTime(now))));
    indication.setProperty(CimProperty(QStringLiteral("PerceivedSeverity"), CimValue::uint16(2))); // Information
    indication.setProperty(
        CimProperty(QStringLiteral("IndicationFilterName"), CimValue::string(stringOf(filter, u"Name"))));
    indication.setProperty(
        CimProperty(QStringLiteral("SequenceNumber"), CimValue::sint64(static_cast<qint64>(number))));
    indication.setProperty(CimProperty(QStringLiteral("AlertType"), CimValue::uint16(1))); // Other
    indication.setProperty(CimProperty(QStringLiteral("ProbableCause"), CimValue::uint16(0))); // Unknown
    indication.setProperty(CimProperty(
        QStringLiteral("Description"), CimValue::string(QStringLiteral("cimdiag-sim test indication %1").arg(number))));
    indication.setProperty(CimProperty(QStringLiteral("SystemName"), CimValue::string(SimDefaultModel::systemName())));
    if (!sourceNamespace.isEmpty() && m_repository->hasClass(sourceNamespace, className))
        indication = m_repository->completedInstance(sourceNamespace, indication);
    return indication;
}

void SimIndicationSender::attempt(const Job &job)
{
    const quint64 generation = job.generation;
    switch (m_options.egress) {
    case SimIndicationOptions::Egress::Blocked:
        // F2: the SYN never leaves the server; the sender gives up after its own timeout.
        QTimer::singleShot(m_options.deliveryTimeoutMs, this, [this, job, generation] {
            if (generation == m_generation)
                finish(job, false, 0, QStringLiteral("connection timed out (egress blocked)"));
        });
        return;
    case SimIndicationOptions::Egress::Unresolvable:
        // F3: the name does not resolve where the server is; no DNS query leaves the simulator.
        QTimer::singleShot(0, this, [this, job, generation] {
            if (generation == m_generation)
                finish(job, false, 0, QStringLiteral("host %1 not found").arg(QUrl(job.destination).host()));
        });
        return;
    case SimIndicationOptions::Egress::Open:
        break;
    }

    const QUrl url(job.destination);
    if (m_options.verifyListenerCertificate && url.scheme() == QLatin1String("https")) {
        // F4: verify first, as a verifying OpenSSL client (the listener sees the alert on failure),
        // then deliver over a second connection that Qt verifies against the same trust.
        auto *verifier = new SimTlsPeerVerifier(this);
        connect(verifier, &SimTlsPeerVerifier::finished, this, [this, verifier, job, generation] {
            verifier->deleteLater();
            if (generation != m_generation)
                return;
            if (verifier->ok())
                post(job);
            else
                finish(job, false, 0, verifier->errorString());
        });
        verifier->start(url.host(), quint16(url.port(443)), m_trusted, m_options.deliveryTimeoutMs);
        return;
    }
    post(job);
}

void SimIndicationSender::post(const Job &job)
{
    const quint64 generation = job.generation;
    QNetworkRequest request {QUrl(job.destination)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/xml; charset=\"utf-8\""));
    // DSP0200 export headers.
    request.setRawHeader("CIMExport", "MethodRequest");
    request.setRawHeader("CIMExportMethod", "ExportIndication");
    request.setRawHeader("CIMProtocolVersion", "1.0");
    request.setTransferTimeout(m_options.deliveryTimeoutMs);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    const QString messageId = QString::number(m_nextIndication * 1000 + static_cast<quint64>(job.attempt));
    const QByteArray body = CimXmlWriter::request(CimRequestBuilder::exportIndication(messageId, job.indication));
    if (m_options.verifyListenerCertificate) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_trusted);
        request.setSslConfiguration(tls);
    }
    QNetworkReply *reply = m_network->post(request, body);
    // Without verifyListenerCertificate the simulator trusts any listener certificate.
    if (!m_options.verifyListenerCertificate)
        connect(reply, &QNetworkReply::sslErrors, reply, [reply] { reply->ignoreSslErrors(); });
    connect(reply, &QNetworkReply::finished, this, [this, reply, job, generation] {
        reply->deleteLater();
        if (generation != m_generation)
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->readAll();
        if (reply->error() != QNetworkReply::NoError && status == 0) {
            finish(job, false, 0, reply->errorString());
            return;
        }
        if (status != 200) {
            finish(job, false, status,
                QStringLiteral("HTTP %1 %2").arg(status).arg(QString::fromLatin1(reply->rawHeader("CIMError"))));
            return;
        }
        CimXmlError error;
        const auto response = CimXmlReader::readResponse(CimOperation::ExportIndication, answer, &error);
        if (!response)
            finish(job, false, status, QStringLiteral("invalid export response: ") + error.toString());
        else if (!response->status.isOk())
            finish(job, false, status, QStringLiteral("CIM error %1").arg(response->status.code()));
        else
            finish(job, true, status, {});
    });
}

void SimIndicationSender::finish(const Job &job, bool delivered, int httpStatus, const QString &error)
{
    m_pending = qMax(0, m_pending - 1);
    const QString ns = m_repository->interopNamespace();
    const CimInstance *subscription = m_repository->findInstance(ns, job.subscription);
    bool retry = false;
    if (subscription) {
        const quint16 state = stateOf(*subscription);
        if (delivered && state == kEnabledDegraded)
            setState(job.subscription, kEnabled);
        if (!delivered && state == kEnabled)
            setState(job.subscription, kEnabledDegraded);
        if (!delivered) {
            if (job.attempt <= m_options.deliveryRetryAttempts)
                retry = true;
            else
                applyFatalErrorPolicy(job.subscription);
        }
    }
    SimIndicationDelivery delivery;
    delivery.subscription = job.subscription;
    delivery.destination = job.destination;
    delivery.indication = job.indication;
    delivery.attempt = job.attempt;
    delivery.delivered = delivered;
    delivery.httpStatus = httpStatus;
    delivery.error = error;
    const CimInstance *after = m_repository->findInstance(ns, job.subscription);
    delivery.subscriptionState = after ? stateOf(*after) : 0;
    delivery.at = QDateTime::currentDateTimeUtc();
    m_deliveries.append(delivery);
    while (m_deliveries.size() > kMaxDeliveriesKept)
        m_deliveries.removeFirst();

    if (retry) {
        Job next = job;
        ++next.attempt;
        ++m_pending;
        QTimer::singleShot(m_options.deliveryRetryIntervalMs, this, [this, next] {
            if (next.generation != m_generation)
                return;
            if (!isDeliverable(next.subscription)) {
                m_pending = qMax(0, m_pending - 1); // removed or disabled meanwhile: nothing to retry
                return;
            }
            attempt(next);
        });
    }
    emit deliveryFinished(delivery);
}

void SimIndicationSender::setState(const CimInstanceName &path, quint16 state)
{
    const QString ns = m_repository->interopNamespace();
    const CimInstance *stored = m_repository->findInstance(ns, path);
    if (!stored)
        return;
    CimInstance changed = *stored;
    changed.setProperty(CimProperty(QStringLiteral("SubscriptionState"), CimValue::uint16(state)));
    changed.setProperty(CimProperty(QStringLiteral("TimeOfLastStateChange"),
        CimValue::dateTime(CimDateTime::fromDateTime(QDateTime::currentDateTimeUtc()))));
    m_repository->setInstance(ns, changed);
}

void SimIndicationSender::applyFatalErrorPolicy(const CimInstanceName &path)
{
    const QString ns = m_repository->interopNamespace();
    const CimInstance *subscription = m_repository->findInstance(ns, path);
    if (!subscription)
        return;
    using Policy = SimIndicationOptions::FatalErrorPolicy;
    Policy policy = m_options.fatalErrorPolicy;
    if (policy == Policy::FromSubscription) {
        // CIM_IndicationSubscription.OnFatalErrorPolicy: 2 Ignore (the default), 3 Disable, 4 Remove.
        const CimValue value = subscription->value(u"OnFatalErrorPolicy");
        const quint64 code = value.isNull() || value.type() == CimType::Invalid ? 2 : value.toUnsigned();
        policy = code == 3 ? Policy::Disable : code == 4 ? Policy::Remove : Policy::Ignore;
    }
    switch (policy) {
    case Policy::FromSubscription:
    case Policy::Ignore:
        return;
    case Policy::Disable:
        setState(path, kDisabled);
        return;
    case Policy::Remove: {
        const CimValue handlerRef = subscription->value(u"Handler");
        m_repository->removeInstance(ns, path);
        // A Transient destination goes with its last subscription (DSP1054 PersistenceType 3).
        if (handlerRef.type() != CimType::Reference || handlerRef.isNull())
            return;
        const CimInstanceName handler = m_repository->localName(ns, handlerRef.toReference());
        const CimInstance *destination = m_repository->findInstance(ns, handler);
        if (!destination || destination->value(u"PersistenceType").isNull()
            || destination->value(u"PersistenceType").toUnsigned() != kPersistenceTransient)
            return;
        for (const CimInstance &other : m_repository->instances(ns, u"CIM_IndicationSubscription")) {
            const CimValue ref = other.value(u"Handler");
            if (ref.type() == CimType::Reference && !ref.isNull()
                && m_repository->localName(ns, ref.toReference()) == handler)
                return;
        }
        m_repository->removeInstance(ns, handler);
        return;
    }
    }
}

} // namespace cimdiag
