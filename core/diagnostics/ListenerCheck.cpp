// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/ListenerCheck.h"

#include "core/cim/CimStatusCode.h"
#include "core/cimxml/CimRequestBuilder.h"
#include "core/cimxml/CimXmlWriter.h"
#include "core/diagnostics/DiagnosticContext.h"
#include "core/diagnostics/ListenerCheckAddress.h"
#include "core/diagnostics/ListenerCheckCleanup.h"
#include "core/diagnostics/WbemErrorDiagnosis.h"
#include "core/listener/IndicationListener.h"
#include "core/listener/RejectedExportRequest.h"
#include "core/log/DiagnosticLog.h"
#include "core/net/CertificateFactory.h"
#include "core/net/ServerCertificateFiles.h"
#include "core/net/TcpProbe.h"
#include "core/wbem/WbemConnection.h"
#include "core/wbem/WbemOperation.h"

#include <QHostInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QSslConfiguration>
#include <QSslError>
#include <QThreadPool>
#include <QUuid>

#include <algorithm>

namespace cimdiag {

namespace {
const QString kSubscription = QStringLiteral("CIM_IndicationSubscription");
const QString kDestination = QStringLiteral("CIM_ListenerDestination");
constexpr int kMaxProbes = 32;
constexpr int kEnabled = 2;
constexpr int kEnabledDegraded = 3;
constexpr int kDisabled = 4;
/// A delivery slower than this is a warning. A CIMOM hands an indication to its delivery thread at
/// once (Pegasus, sfcb) and a LAN round trip takes milliseconds, so a healthy server delivers well
/// under a second; 3 s means the indication queued or needed a retry (sfcb retries after 20 s) and
/// still leaves room for a loaded client machine. The catalogue has no id for slow delivery.
constexpr qint64 kSlowDeliveryMs = 3000;
/// The run's certificate lives for the run; a week covers clock skew and long waits.
constexpr int kCertificateDays = 7;

QString seconds(qint64 milliseconds)
{
    return QString::number(double(milliseconds) / 1000.0, 'f', 1);
}

QString stringValue(const CimInstance &instance, QStringView name)
{
    const CimValue value = instance.value(name);
    return value.isNull() || value.type() != CimType::String ? QString() : value.toString();
}

std::optional<int> intValue(const CimInstance &instance, QStringView name)
{
    const CimValue value = instance.value(name);
    if (value.isNull() || !isIntegerType(value.type()))
        return std::nullopt;
    return int(value.toSigned());
}
} // namespace

ListenerCheck::ListenerCheck(DiagnosticContext &context, QObject *parent)
    : DiagnosticCheck(DiagnosticStage::Listener, context, parent)
{
    m_waitTimer.setSingleShot(true);
    m_selfTestTimer.setSingleShot(true);
    connect(&m_waitTimer, &QTimer::timeout, this, [this] { endWait(); });
    connect(&m_pollTimer, &QTimer::timeout, this, [this] { pollSubscription(false); });
}

ListenerCheck::~ListenerCheck() = default;

QString ListenerCheck::notApplicableReason() const
{
    if (!context().target().listener.enabled)
        return tr("Not enabled: the listener test creates a subscription on the server (--listener)");
    return {};
}

QString ListenerCheck::subscriptionStateName(int state)
{
    // CIM_IndicationSubscription.SubscriptionState ValueMap (CIM schema 2.x).
    static const char *const names[] = {"Unknown", "Other", "Enabled", "Enabled Degraded", "Disabled"};
    const QString name = state >= 0 && state < 5 ? QString::fromLatin1(names[state]) : QStringLiteral("?");
    return QString::number(state) + QStringLiteral(" (") + name + u')';
}

QString ListenerCheck::fatalErrorPolicyName(int policy)
{
    static const char *const names[] = {"Unknown", "Other", "Ignore", "Disable", "Remove"};
    const QString name = policy >= 0 && policy < 5 ? QString::fromLatin1(names[policy]) : QStringLiteral("?");
    return QString::number(policy) + QStringLiteral(" (") + name + u')';
}

QString ListenerCheck::interopNamespace() const
{
    const QString found = context().findings().interopNamespace;
    if (!found.isEmpty())
        return found;
    const QStringList candidates = context().target().interopNamespaces;
    return candidates.isEmpty() ? QStringLiteral("interop") : candidates.constFirst();
}

QString ListenerCheck::destinationPath() const
{
    return QStringLiteral("/cimdiag/") + m_runId;
}

WbemOperation *ListenerCheck::track(WbemOperation *operation)
{
    connect(operation, &WbemOperation::finished, operation, &QObject::deleteLater);
    m_operations.append(operation);
    return operation;
}

// --- 1. the address -------------------------------------------------------------------------------

void ListenerCheck::doStart()
{
    const Target &target = context().target();
    const ListenerCheckOptions &options = target.listener;
    m_runId = options.runId.isEmpty() ? QUuid::createUuid().toString(QUuid::Id128).left(12) : options.runId;
    m_prefix = ListenerCheckCleanup::ownedPrefix() + m_runId;
    m_connection = context().createConnection(stage(), this);
    const DiagnosticFindings &findings = context().findings();
    const QString host = findings.reachableAddress ? findings.reachableAddress->toString() : target.host;
    reportProgress(tr("Finding the local address of a connection to %1 port %2").arg(host).arg(target.port));
    m_addressJob = new ListenerCheckAddress(host, target.port, target.timeout, this);
    connect(m_addressJob, &ListenerCheckAddress::finished, this, &ListenerCheck::onAddress);
    m_addressJob->start();
}

void ListenerCheck::onAddress()
{
    if (m_stopped)
        return;
    const ListenerCheckOptions &options = context().target().listener;
    m_localAddress = m_addressJob->localAddress();
    m_peerAddress = m_addressJob->peerAddress();
    if (!options.address.isEmpty()) {
        m_address = options.address;
        m_details.append(m_localAddress.isNull()
                ? tr("Listener address %1, as given").arg(m_address)
                : tr("Listener address %1, as given (the connection to the server leaves from %2)")
                      .arg(m_address, m_localAddress.toString()));
    } else if (m_localAddress.isNull()) {
        CheckResult result = CheckResult::failed(
            tr("Cannot tell which local address the server could reach: %1").arg(m_addressJob->errorString()),
            {QStringLiteral("F3")});
        result.addDetail(tr("Give the listener address yourself (--listener-address)."));
        failAndClean(result);
        return;
    } else {
        m_address = m_localAddress.toString();
        m_details.append(tr("Listener address %1: the local address of the connection to the server %2")
                             .arg(m_address, m_peerAddress.toString()));
    }
    m_warnings = ListenerCheckAddress::warnings(m_address, m_peerAddress);
    const QHostAddress chosen(m_address);
    if (chosen.isLoopback() && m_peerAddress.isLoopback()) {
        m_details.append(tr("%1 is a loopback address: fine for a server on this machine; a remote server "
                            "could not reach it [F3].")
                             .arg(m_address));
    }
    ListenerCheckFindings &found = context().findings().listener;
    found.address = m_address;
    found.addressWarnings = m_warnings;
    startListener();
}

// --- 2. the listener and its self-test -------------------------------------------------------------

void ListenerCheck::startListener()
{
    const ListenerCheckOptions &options = context().target().listener;
    m_listener = new IndicationListener(this);
    connect(m_listener, &IndicationListener::indicationReceived, this, &ListenerCheck::onIndication);
    IndicationListenerOptions listenOptions;
    const QHostAddress chosen(m_address);
    // A name, or an address of another machine (a NAT router's public address), is not bound here:
    // listen on every address then.
    listenOptions.address = chosen.isNull() ? QHostAddress(QHostAddress::Any) : chosen;
    listenOptions.port = options.port;
    ListenerCheckFindings &found = context().findings().listener;
    found.scheme = options.isHttps() ? QStringLiteral("https") : QStringLiteral("http");
    if (!options.isHttps()) {
        openListener(listenOptions);
        return;
    }
    if (options.usesCertificateFile()) {
        // The user's certificate: one the server can be told to trust for good (F4). Two small
        // local files, read here: no worker thread needed.
        const ServerCertificateFiles files = ServerCertificateFiles::load(options.certificateFile, options.keyFile);
        if (!files.isValid()) {
            CheckResult result
                = CheckResult::failed(tr("Cannot use the listener's certificate: %1").arg(files.errorString()));
            result.addDetail(tr("Give a PEM certificate (chain, the listener's certificate first) and its unencrypted "
                                "PEM private key, or leave both out for a certificate made for this run."));
            failAndClean(result);
            return;
        }
        listenOptions.certificate = files.certificate();
        listenOptions.chain = files.chain();
        listenOptions.privateKey = files.privateKey();
        found.certificateSha256 = files.sha256Fingerprint();
        found.certificateSource = QStringLiteral("file");
        found.certificateCoversAddress = ServerCertificateFiles::coversHost(files.certificate(), m_address);
        m_details.append(tr("HTTPS: the certificate in %1 (SHA-256 %2, valid until %3)")
                             .arg(options.certificateFile, found.certificateSha256,
                                 files.certificate().expiryDate().toString(Qt::ISODate)));
        if (!found.certificateCoversAddress) {
            const QStringList names = files.certificate().subjectAlternativeNames().values();
            m_certificateWarning
                = tr("The certificate in %1 does not name %2, the address the server is told (it "
                     "names %3): a server that checks names rejects it even when it trusts it [F4].")
                      .arg(options.certificateFile, m_address,
                          names.isEmpty()
                              ? files.certificate().subjectInfo(QSslCertificate::CommonName).join(QStringLiteral(", "))
                              : names.join(QStringLiteral(", ")));
        }
        openListener(listenOptions);
        return;
    }
    // A self-signed certificate for exactly the address the server is told: SAN IP for an address,
    // SAN DNS for a name, so a server that checks names accepts it once it trusts it.
    CertificateRequest request;
    request.commonName = m_address;
    request.dnsNames.clear();
    request.ipAddresses.clear();
    if (chosen.isNull())
        request.dnsNames.append(m_address);
    else
        request.ipAddresses.append(chosen);
    request.notAfterDays = kCertificateDays;
    reportProgress(tr("Making a self-signed certificate for %1").arg(m_address));
    // RSA key generation takes 0.1 s to over a second on a busy machine: on a worker thread, so the
    // GUI's event loop never waits for it. The result comes back queued through a relay object of
    // this thread (deleted with deleteLater(), so safely from the worker too); a check deleted
    // meanwhile is not touched (the QPointer is read only in this thread).
    std::shared_ptr<QObject> relay(new QObject, [](QObject *object) { object->deleteLater(); });
    QThreadPool::globalInstance()->start([relay, guard = QPointer<ListenerCheck>(this), request, listenOptions] {
        QString error;
        const IssuedCertificate issued = CertificateFactory::selfSignedServerCertificate(request, &error);
        QMetaObject::invokeMethod(
            relay.get(),
            [guard, issued, error, listenOptions]() mutable {
                if (!guard || guard->m_stopped)
                    return;
                if (issued.isNull()) {
                    guard->failAndClean(
                        CheckResult::failed(tr("Cannot make a certificate for the HTTPS listener: %1").arg(error)));
                    return;
                }
                listenOptions.certificate = issued.certificate;
                listenOptions.privateKey = issued.privateKey;
                guard->context().findings().listener.certificateSha256 = issued.sha256Fingerprint();
                guard->context().findings().listener.certificateSource = QStringLiteral("generated");
                guard->m_details.append(tr("HTTPS: a self-signed certificate for %1 was made for this run (SHA-256 %2)")
                                            .arg(guard->m_address, issued.sha256Fingerprint()));
                guard->openListener(listenOptions);
            },
            Qt::QueuedConnection);
    });
}

void ListenerCheck::openListener(IndicationListenerOptions listenOptions)
{
    const ListenerCheckOptions &options = context().target().listener;
    const QHostAddress chosen(m_address);
    bool listening = m_listener->listen(listenOptions);
    if (!listening && !chosen.isNull()) {
        listenOptions.address = chosen.protocol() == QAbstractSocket::IPv6Protocol ? QHostAddress(QHostAddress::AnyIPv6)
                                                                                   : QHostAddress(QHostAddress::Any);
        listening = m_listener->listen(listenOptions);
        if (listening)
            m_details.append(tr("%1 is not an address of this machine; listening on every address").arg(m_address));
    }
    if (!listening) {
        failAndClean(
            CheckResult::failed(tr("Cannot listen on port %1: %2").arg(options.port).arg(m_listener->errorString()),
                {QStringLiteral("F1")}));
        return;
    }
    context().findings().listener.port = m_listener->port();
    selfTest();
}

void ListenerCheck::selfTest()
{
    const QUrl url = m_listener->destinationUrl(m_address, destinationPath() + QStringLiteral("/selftest"));
    reportProgress(tr("Listening on port %1; testing it over %2").arg(m_listener->port()).arg(url.toString()));
    m_network = new QNetworkAccessManager(this);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/xml; charset=\"utf-8\""));
    // DSP0200 export headers, as a server sends them.
    request.setRawHeader("CIMExport", "MethodRequest");
    request.setRawHeader("CIMExportMethod", "ExportIndication");
    request.setRawHeader("CIMProtocolVersion", "1.0");
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setTransferTimeout(int(context().target().timeout.count()));
    if (m_listener->isHttps()) {
        // Trust exactly the run's certificate and nothing else (no system CAs, no ignored errors): the
        // self-test proves what a server that trusts it would see, names included.
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QList<QSslCertificate> {m_listener->options().certificate} + m_listener->options().chain);
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        request.setSslConfiguration(tls);
    }
    CimInstance indication(QStringLiteral("CIM_AlertIndication"));
    indication.setProperty(
        CimProperty(QStringLiteral("Description"), CimValue::string(QStringLiteral("cimdiag self-test"))));
    const QByteArray body = CimXmlWriter::request(CimRequestBuilder::exportIndication(QStringLiteral("1"), indication));
    QNetworkReply *reply = m_network->post(request, body);
    auto tlsErrors = std::make_shared<QStringList>();
    // A certificate file may be issued for another name (reported on its own, F4) or by a CA whose
    // root is not in the file (Qt offers no partial-chain trust of the leaf alone): the self-test
    // continues past exactly those errors, and only when the listener served exactly its certificate.
    QSet<QSslError::SslError> allowed;
    if (!context().findings().listener.certificateCoversAddress)
        allowed.insert(QSslError::HostNameMismatch);
    if (context().findings().listener.certificateSource == QLatin1String("file"))
        allowed.unite({QSslError::UnableToGetLocalIssuerCertificate, QSslError::UnableToGetIssuerCertificate,
            QSslError::UnableToVerifyFirstCertificate, QSslError::SelfSignedCertificateInChain});
    const QSslCertificate served = m_listener->options().certificate;
    connect(
        reply, &QNetworkReply::sslErrors, this, [reply, tlsErrors, allowed, served](const QList<QSslError> &errors) {
            const bool expected = reply->sslConfiguration().peerCertificate() == served
                && std::all_of(errors.cbegin(), errors.cend(),
                    [&allowed](const QSslError &error) { return allowed.contains(error.error()); });
            if (expected) {
                reply->ignoreSslErrors(errors);
                return;
            }
            for (const QSslError &error : errors)
                tlsErrors->append(error.errorString());
        });
    connect(reply, &QNetworkReply::finished, this, [this, reply, tlsErrors] {
        reply->deleteLater();
        if (m_stopped)
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() == QNetworkReply::NoError && status == 200)
            onSelfTestDone(true, QStringLiteral("HTTP 200"));
        else if (!tlsErrors->isEmpty())
            onSelfTestDone(false, tlsErrors->join(QStringLiteral("; ")), true);
        else
            onSelfTestDone(false, status != 0 ? QStringLiteral("HTTP %1").arg(status) : reply->errorString());
    });
}

void ListenerCheck::onSelfTestDone(bool ok, const QString &detail, bool tlsFailure)
{
    m_selfTestDone = true;
    m_selfTestOk = ok;
    if (!ok && tlsFailure) {
        // The listener answered; this machine's own client refused the certificate made for it.
        failAndClean(CheckResult::failed(
            tr("The listener's HTTPS self-test over %1 did not accept the listener's own certificate: %2")
                .arg(m_address, detail)));
        return;
    }
    if (!ok) {
        CheckResult result = CheckResult::failed(
            tr("The listener did not answer its own test over %1: %2").arg(m_address, detail), {QStringLiteral("F1")});
        result.addDetail(tr("A local firewall blocks port %1, or %2 is not an address of this machine.")
                             .arg(m_listener->port())
                             .arg(m_address));
        failAndClean(result);
        return;
    }
    m_details.append(m_listener->isHttps()
            ? tr("Self-test: an ExportIndication posted over HTTPS to %1 was accepted; the certificate verified")
                  .arg(m_address)
            : tr("Self-test: an ExportIndication posted to %1 was accepted").arg(m_address));
    enumerateExisting();
}

// --- 3. what the server already has ---------------------------------------------------------------

void ListenerCheck::enumerateExisting()
{
    const QString ns = interopNamespace();
    reportProgress(tr("Listing the destinations and subscriptions in %1").arg(ns));
    WbemOperation *destinations = track(m_connection->enumerateInstances(kDestination, {}, ns));
    WbemOperation *subscriptions = track(m_connection->enumerateInstanceNames(kSubscription, ns));
    m_pendingEnumerations = 2;
    connect(destinations, &WbemOperation::finished, this, [this, destinations] {
        if (m_stopped)
            return;
        if (!destinations->error().isNull()) {
            m_details.append(
                tr("Listing %1 failed: %2").arg(kDestination, WbemErrorDiagnosis::describe(destinations->error())));
        } else {
            for (const CimInstance &destination : destinations->response().instances) {
                ++m_existingDestinations;
                const QString name = stringValue(destination, u"Name");
                if (name.startsWith(ListenerCheckCleanup::ownedPrefix()))
                    ++m_leftovers;
                const QString url = stringValue(destination, u"Destination");
                if (!url.isEmpty())
                    m_destinationUrls.append({name, url});
            }
        }
        if (--m_pendingEnumerations == 0)
            onExistingEnumerated();
    });
    connect(subscriptions, &WbemOperation::finished, this, [this, subscriptions] {
        if (m_stopped)
            return;
        if (!subscriptions->error().isNull()) {
            m_details.append(
                tr("Listing %1 failed: %2").arg(kSubscription, WbemErrorDiagnosis::describe(subscriptions->error())));
        } else {
            m_details.append(tr("%n subscription(s) on the server before this test", nullptr,
                int(subscriptions->response().instanceNames.size())));
        }
        if (--m_pendingEnumerations == 0)
            onExistingEnumerated();
    });
}

void ListenerCheck::onExistingEnumerated()
{
    m_details.append(tr("%n listener destination(s) on the server before this test", nullptr, m_existingDestinations));
    if (m_leftovers > 0)
        m_details.append(
            tr("%n of them left by an earlier cimdiag run: clean up leftovers removes them", nullptr, m_leftovers));
    probeDestinations();
}

void ListenerCheck::probeDestinations()
{
    const std::chrono::milliseconds timeout = context().target().listener.probeTimeout;
    const auto probe = [this, timeout](const QString &url, const QHostAddress &address, quint16 port) {
        TcpProbe::Options options;
        options.address = address;
        options.port = port;
        options.connectTimeout = timeout;
        options.observeWindow = std::chrono::milliseconds(0);
        auto *tcp = new TcpProbe(options, this);
        m_probes.append(tcp);
        connect(tcp, &TcpProbe::finished, this, [this, tcp, url] {
            tcp->deleteLater();
            if (m_stopped)
                return;
            const TcpProbeResult &result = tcp->result();
            const QString outcome = TcpProbeResult::outcomeName(result.outcome);
            context().findings().listener.existingDestinations.append(url + u' ' + outcome);
            if (!result.isOpen()) {
                ++m_deadDestinations;
                m_details.append(tr("Destination %1 is not reachable from here (%2) [F11]").arg(url, outcome));
            }
            if (--m_probesPending == 0)
                createObjects();
        });
        tcp->start();
    };
    const auto unresolved = [this](const QString &url, const QString &why) {
        ++m_deadDestinations;
        context().findings().listener.existingDestinations.append(url + QStringLiteral(" unresolved"));
        m_details.append(tr("Destination %1 is not reachable from here (%2) [F11]").arg(url, why));
    };

    const QList<std::pair<QString, QString>> urls = m_destinationUrls.mid(0, kMaxProbes);
    if (m_destinationUrls.size() > kMaxProbes)
        m_details.append(tr("Only the first %1 destinations were probed").arg(kMaxProbes));
    m_probesPending = 1; // released below, after every probe started
    for (const std::pair<QString, QString> &destination : urls) {
        // Not a structured binding: clang 14 (the fuzz/sanitizer tree) cannot capture one in a lambda.
        const QString &text = destination.second;
        const QUrl url(text);
        const quint16 port = quint16(url.port(url.scheme() == QLatin1String("https") ? 5989 : 5988));
        if (!url.isValid() || url.host().isEmpty()) {
            unresolved(text, tr("not a URL"));
            continue;
        }
        const QHostAddress address(url.host());
        ++m_probesPending;
        if (!address.isNull()) {
            probe(text, address, port);
            continue;
        }
        QHostInfo::lookupHost(url.host(), this, [this, text, port, probe, unresolved](const QHostInfo &info) {
            if (m_stopped)
                return;
            if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
                unresolved(text, info.errorString());
                if (--m_probesPending == 0)
                    createObjects();
                return;
            }
            probe(text, info.addresses().constFirst(), port);
        });
    }
    if (--m_probesPending == 0)
        createObjects();
}

// --- 4. the owned subscription and the wait ---------------------------------------------------------

void ListenerCheck::createObjects()
{
    if (m_stopped || m_createStarted)
        return;
    m_createStarted = true;
    m_connectionsBefore = m_listener->connectionCount() + m_listener->failedHandshakeCount();
    const QString url = m_listener->destinationUrl(m_address, destinationPath()).toString();
    context().findings().listener.destination = url;
    reportProgress(tr("Subscribing %1 to CIM_AlertIndication").arg(url));
    createNext();
}

void ListenerCheck::createNext()
{
    const QString ns = interopNamespace();
    CimInstance instance;
    switch (m_created.size()) {
    case 0:
        instance = CimInstance(QStringLiteral("CIM_IndicationFilter"));
        instance.setProperty(CimProperty(QStringLiteral("Name"), CimValue::string(m_prefix)));
        instance.setProperty(CimProperty(
            QStringLiteral("Query"), CimValue::string(QStringLiteral("SELECT * FROM CIM_AlertIndication"))));
        instance.setProperty(CimProperty(QStringLiteral("QueryLanguage"), CimValue::string(QStringLiteral("WQL"))));
        instance.setProperty(
            CimProperty(QStringLiteral("SourceNamespace"), CimValue::string(QStringLiteral("root/cimv2"))));
        break;
    case 1:
        instance = CimInstance(QStringLiteral("CIM_ListenerDestinationCIMXML"));
        instance.setProperty(CimProperty(QStringLiteral("Name"), CimValue::string(m_prefix)));
        instance.setProperty(
            CimProperty(QStringLiteral("Destination"), CimValue::string(context().findings().listener.destination)));
        // Transient (3): a server that restarts forgets it, so a crash of cimdiag leaves less behind.
        instance.setProperty(CimProperty(QStringLiteral("PersistenceType"), CimValue::uint16(3)));
        break;
    default:
        instance = CimInstance(kSubscription);
        instance.setProperty(CimProperty(QStringLiteral("Filter"), CimValue::reference(m_created.at(0))));
        instance.setProperty(CimProperty(QStringLiteral("Handler"), CimValue::reference(m_created.at(1))));
        instance.setProperty(CimProperty(QStringLiteral("SubscriptionState"), CimValue::uint16(2))); // Enabled
        break;
    }
    // Latency runs from the subscription's request: a server may deliver before its answer arrives.
    if (m_created.size() == 2) {
        m_sinceSubscribed.start();
        m_subscribedAt = QDateTime::currentDateTimeUtc();
    }
    WbemOperation *operation = track(m_connection->createInstance(instance, ns));
    connect(operation, &WbemOperation::finished, this, [this, operation, className = instance.className()] {
        if (m_stopped)
            return;
        if (!operation->error().isNull() || operation->response().instanceNames.isEmpty()) {
            CheckResult result = operation->error().isNull()
                ? CheckResult::failed(tr("Creating %1 returned no instance name").arg(className))
                : WbemErrorDiagnosis::failed(tr("Creating %1 failed").arg(className), operation->error());
            // F7 first: limits, privileges, the query or the namespace.
            result.hintIds.removeAll(QStringLiteral("F7"));
            result.hintIds.prepend(QStringLiteral("F7"));
            failAndClean(result);
            return;
        }
        m_created.append(operation->response().instanceNames.constFirst());
        if (m_created.size() < 3)
            createNext();
        else
            startWaiting();
    });
}

void ListenerCheck::startWaiting()
{
    const ListenerCheckOptions &options = context().target().listener;
    m_waiting = true;
    reportProgress(tr("Waiting up to %1 s for an indication").arg(double(options.wait.count()) / 1000.0, 0, 'f', 1));
    if (m_delivered) {
        endWait();
        return;
    }
    m_waitTimer.start(options.wait);
    m_pollTimer.start(options.pollInterval);
}

void ListenerCheck::onIndication(const ReceivedIndication &indication)
{
    if (m_stopped || QString::fromUtf8(indication.target) != destinationPath())
        return; // the self-test's own indication, or a stray one
    ListenerCheckFindings &found = context().findings().listener;
    if (found.indications.isEmpty() && m_sinceSubscribed.isValid())
        found.latencyMs = m_sinceSubscribed.elapsed();
    found.indications.append(indication);
    reportProgress(tr("Received %1 from %2").arg(indication.indication.className(), indication.sender.toString()));
    m_delivered = true;
    if (m_waiting)
        endWait();
}

void ListenerCheck::pollSubscription(bool final)
{
    if (m_stopped || m_created.size() < 3 || m_subscriptionGone)
        return;
    if (final)
        m_finalRead = true;
    if (m_pollInFlight)
        return;
    m_pollInFlight = true;
    WbemOperation *operation = track(m_connection->getInstance(m_created.at(2), {}, interopNamespace()));
    connect(operation, &WbemOperation::finished, this, [this, operation] {
        if (m_stopped)
            return;
        m_pollInFlight = false;
        const WbemError &error = operation->error();
        if (error.isNull() && !operation->response().instances.isEmpty()) {
            const CimInstance &subscription = operation->response().instances.constFirst();
            m_state = intValue(subscription, u"SubscriptionState");
            m_policy = intValue(subscription, u"OnFatalErrorPolicy");
        } else if (error.kind == WbemError::Kind::Cim && error.cimStatus.code() == int(CimStatusCode::NotFound)) {
            m_subscriptionGone = true; // OnFatalErrorPolicy Remove (F6)
        }
        if (m_finalRead) {
            removeAndFinish();
            return;
        }
        if (m_subscriptionGone || m_state == kDisabled)
            endWait();
    });
}

void ListenerCheck::endWait()
{
    if (!m_waiting || m_stopped)
        return;
    m_waiting = false;
    m_waitTimer.stop();
    m_pollTimer.stop();
    if (m_subscriptionGone)
        removeAndFinish();
    else
        pollSubscription(true); // the state as it is now; removeAndFinish() follows
}

// --- 5. removal and the verdict -----------------------------------------------------------------------

qint64 ListenerCheck::connectionsFromServer() const
{
    if (!m_listener || !m_createStarted)
        return 0;
    return qMax<qint64>(0, m_listener->connectionCount() + m_listener->failedHandshakeCount() - m_connectionsBefore);
}

QString ListenerCheck::describe(const FailedTlsHandshake &handshake)
{
    const QString alert = handshake.alert >= 0
        ? QStringLiteral("alert %1 (%2)").arg(handshake.alert).arg(handshake.alertDescription)
        : handshake.error;
    return handshake.sender.toString() + QStringLiteral(": ") + alert;
}

CheckResult ListenerCheck::notDelivered() const
{
    const ListenerCheckFindings &found = context().findings().listener;
    const bool https = m_listener && m_listener->isHttps();
    const QString waited = seconds(context().target().listener.wait.count());
    const qint64 connections = connectionsFromServer();
    CheckResult result;
    if (https && !found.rejectedHandshakes.isEmpty()) {
        // F4 from evidence: the server reached the listener and refused its certificate.
        const FailedTlsHandshake &first = found.rejectedHandshakes.constFirst();
        result = CheckResult::failed(tr("The server connected and rejected the listener's certificate: %1")
                                         .arg(first.alertDescription.isEmpty() ? first.error : first.alertDescription),
            {QStringLiteral("F4")});
        result.addDetail(tr("%n TLS handshake(s) ended with the server's alert, first: %1", nullptr,
            int(found.rejectedHandshakes.size()))
                             .arg(describe(first)));
        const ListenerCheckOptions &options = context().target().listener;
        if (options.usesCertificateFile()) {
            result.addDetail(tr("Make the server trust the listener's certificate in %1, SHA-256 %2 (sfcb: "
                                "sslIndicationReceiverCert=verify checks it against sslClientTrustStore), or use an "
                                "http listener for the test (--listener-scheme http).")
                                 .arg(options.certificateFile, found.certificateSha256));
        } else {
            result.addDetail(tr("Use an http listener for the test (--listener-scheme http), or give the listener a "
                                "certificate to keep (--listener-cert FILE --listener-key FILE, or the certificate "
                                "fields of the listener panel) and make the server trust that one (sfcb: "
                                "sslIndicationReceiverCert=verify checks it against sslClientTrustStore). This run's "
                                "certificate, SHA-256 %1, was made for this run only.")
                                 .arg(found.certificateSha256));
        }
        if (m_subscriptionGone || m_state == kDisabled)
            result.addHint(QStringLiteral("F6"));
        return result;
    }
    QList<RejectedExportRequest> refused;
    if (m_listener) {
        for (const RejectedExportRequest &rejection : m_listener->rejectedRequests()) {
            if (m_subscribedAt.isValid() && rejection.at >= m_subscribedAt)
                refused.append(rejection);
        }
    }
    if (!refused.isEmpty()) {
        // F5 from evidence: the path works, the listener refused what the server sent.
        const RejectedExportRequest &first = refused.constFirst();
        result
            = CheckResult::failed(tr("The server reached the listener, which refused its export request: HTTP %1, %2")
                                      .arg(first.status)
                                      .arg(first.reason),
                {QStringLiteral("F5")});
        result.addDetail(tr("%n request(s) refused, first from %1: %2", nullptr, int(refused.size()))
                             .arg(first.sender.toString(),
                                 first.requestLine.isEmpty() ? tr("(no complete request line)")
                                                             : QString::fromLatin1(first.requestLine)));
        if (m_subscriptionGone || m_state == kDisabled)
            result.addHint(QStringLiteral("F6"));
        return result;
    }
    if (m_subscriptionGone || m_state == kDisabled) {
        result = CheckResult::failed(m_subscriptionGone
                ? tr("No indication arrived and the server removed the subscription after failed deliveries")
                : tr("No indication arrived and the server disabled the subscription after failed deliveries"),
            {QStringLiteral("F6"), QStringLiteral("F2"), QStringLiteral("F1"), QStringLiteral("F3")});
    } else if (!m_warnings.isEmpty()) {
        result = CheckResult::failed(
            tr("No indication arrived within %1 s; the server may not reach %2").arg(waited, m_address),
            {QStringLiteral("F3"), QStringLiteral("F2"), QStringLiteral("F1")});
    } else if (m_state == kEnabled && connections == 0) {
        // Nothing says the server tried: it may deliver late (a slow or busy server), or its
        // connections never arrive. Only a longer wait tells these apart.
        result = CheckResult::failed(tr("No indication arrived within %1 s; the server still reports the subscription "
                                        "Enabled and no connection reached the listener")
                                         .arg(waited),
            {QStringLiteral("F2"), QStringLiteral("F1"), QStringLiteral("F3"), QStringLiteral("F8")});
        result.addDetail(tr("The server may not have tried yet: run again with a longer wait (--listener-wait) "
                            "before looking at firewalls."));
    } else if (connections > 0) {
        // The server reached the listener (so no firewall and the address are at fault) and sent
        // no export request it would accept or refuse: it connected and gave up, or sent nothing.
        result = CheckResult::failed(tr("No indication arrived within %1 s, though the server connected to the "
                                        "listener %n time(s)",
                                         nullptr, int(connections))
                                         .arg(waited),
            {QStringLiteral("F5"), QStringLiteral("F8")});
    } else {
        // The listener answered its own test over the same address: the path from the server is
        // what fails (its egress firewall first, ESXi's default), or it has nothing to send.
        result = CheckResult::failed(
            tr("No indication arrived within %1 s, though the listener answers on %2").arg(waited, m_address),
            {QStringLiteral("F2"), QStringLiteral("F1"), QStringLiteral("F3"), QStringLiteral("F8")});
    }
    if (m_state == kEnabledDegraded)
        result.addDetail(tr("SubscriptionState 3 (Enabled Degraded): the server tried and failed to deliver"));
    if (https) {
        if (m_listener->failedHandshakeCount() > 0) {
            // A handshake failed without a certificate alert (a sender that just closes): likely F4.
            const FailedTlsHandshake last = m_listener->failedHandshakes().constLast();
            result.addDetail(tr("%n TLS handshake(s) with the listener failed, last: %1", nullptr,
                int(m_listener->failedHandshakeCount()))
                                 .arg(describe(last)));
            result.hintIds.removeAll(QStringLiteral("F4"));
            result.hintIds.prepend(QStringLiteral("F4"));
        } else {
            // A server that verifies listener certificates drops deliveries to a self-signed one.
            result.addHint(QStringLiteral("F4"));
        }
    }
    return result;
}

void ListenerCheck::failAndClean(CheckResult result)
{
    if (m_stopped)
        return;
    m_waiting = false;
    m_waitTimer.stop();
    m_pollTimer.stop();
    m_failure = std::move(result);
    if (m_createStarted)
        removeAndFinish();
    else
        finishWithVerdict();
}

void ListenerCheck::removeAndFinish()
{
    if (m_cleanup)
        return;
    reportProgress(tr("Removing what this test created"));
    if (m_listener)
        m_listener->close();
    m_cleanup = new ListenerCheckCleanup(m_connection, {interopNamespace()}, m_prefix, this);
    connect(m_cleanup, &ListenerCheckCleanup::finished, this, [this] {
        if (!m_stopped)
            finishWithVerdict();
    });
    m_cleanup->start();
}

void ListenerCheck::finishWithVerdict()
{
    if (m_listener) {
        m_listener->close();
        ListenerCheckFindings &listenerFindings = context().findings().listener;
        listenerFindings.rejectedHandshakes.clear();
        for (const FailedTlsHandshake &handshake : m_listener->failedHandshakes()) {
            // Only this run's: a peer that refused the certificate before the subscription existed
            // (a scanner, the self-test's neighbour) says nothing about the server's deliveries.
            if (handshake.certificateRejected && m_subscribedAt.isValid() && handshake.at >= m_subscribedAt)
                listenerFindings.rejectedHandshakes.append(handshake);
        }
    }
    const ListenerCheckFindings &found = context().findings().listener;
    CheckResult result;
    if (m_failure) {
        result = *m_failure;
    } else if (m_delivered) {
        if (!m_warnings.isEmpty()) {
            result = CheckResult::warning(
                tr("An indication reached the listener at %1, but a remote server may not").arg(found.destination),
                {QStringLiteral("F3")});
        } else if (found.latencyMs > kSlowDeliveryMs) {
            // Slow, not failed: the catalogue has no id for it; a Degraded state means a retry (F6).
            result = CheckResult::warning(tr("An indication reached the listener at %1, but only after %2 s")
                                              .arg(found.destination, seconds(found.latencyMs)),
                m_state == kEnabledDegraded ? QStringList {QStringLiteral("F6")} : QStringList());
            result.addDetail(tr("A healthy server delivers within a second; this one queues indications or "
                                "delivered only on a retry. Give it time (--listener-wait) before concluding."));
        } else {
            result = CheckResult::passed(tr("An indication reached the listener at %1").arg(found.destination));
        }
        if (found.latencyMs >= 0)
            result.addDetail(tr("Delivered %1 s after the subscription was created").arg(seconds(found.latencyMs)));
    } else {
        result = notDelivered();
    }
    if (!m_failure && m_deadDestinations > 0) {
        if (result.status == CheckStatus::Passed)
            result.status = CheckStatus::Warning;
        result.addHint(QStringLiteral("F11"));
    }
    if (!m_certificateWarning.isEmpty()) {
        // A certificate file that does not name the address: a server that checks names rejects it.
        if (result.status == CheckStatus::Passed)
            result.status = CheckStatus::Warning;
        result.addHint(QStringLiteral("F4"));
        result.details.prepend(m_certificateWarning);
    }
    for (const QString &warning : m_warnings)
        result.details.prepend(warning);
    for (const QString &line : std::as_const(m_details))
        result.addDetail(line);
    if (m_cleanup) {
        for (const QString &uri : m_cleanup->removed())
            result.addDetail(tr("Removed %1").arg(uri));
        for (const QString &error : m_cleanup->errors())
            result.addDetail(tr("Not removed: %1").arg(error));
        if (!m_cleanup->errors().isEmpty()) {
            if (result.status == CheckStatus::Passed)
                result.status = CheckStatus::Warning;
            result.addHint(QStringLiteral("F11"));
        }
    }

    result.addEvidence(QStringLiteral("listener.address"), m_address);
    if (!m_localAddress.isNull())
        result.addEvidence(QStringLiteral("listener.localAddress"), m_localAddress.toString());
    result.addEvidence(QStringLiteral("listener.scheme"),
        context().target().listener.isHttps() ? QStringLiteral("https") : QStringLiteral("http"));
    if (!found.certificateSha256.isEmpty()) {
        result.addEvidence(QStringLiteral("listener.certificateSha256"), found.certificateSha256);
        result.addEvidence(QStringLiteral("listener.certificateSource"), found.certificateSource);
        if (found.certificateSource == QLatin1String("file")) {
            result.addEvidence(QStringLiteral("listener.certificateFile"), context().target().listener.certificateFile);
            result.addEvidence(QStringLiteral("listener.certificateCoversAddress"),
                found.certificateCoversAddress ? QStringLiteral("true") : QStringLiteral("false"));
        }
    }
    if (found.port != 0)
        result.addEvidence(QStringLiteral("listener.port"), QString::number(found.port));
    if (!found.destination.isEmpty())
        result.addEvidence(QStringLiteral("listener.destination"), found.destination);
    if (m_selfTestDone)
        result.addEvidence(
            QStringLiteral("listener.selfTest"), m_selfTestOk ? QStringLiteral("ok") : QStringLiteral("failed"));
    if (m_createStarted) {
        result.addEvidence(QStringLiteral("listener.existingDestinations"), QString::number(m_existingDestinations));
        result.addEvidence(QStringLiteral("listener.deadDestinations"), QString::number(m_deadDestinations));
        result.addEvidence(QStringLiteral("listener.leftovers"), QString::number(m_leftovers));
    }
    if (m_created.size() == 3) {
        result.addEvidence(
            QStringLiteral("listener.delivered"), m_delivered ? QStringLiteral("true") : QStringLiteral("false"));
        result.addEvidence(QStringLiteral("listener.indications"), QString::number(found.indications.size()));
        if (found.latencyMs >= 0)
            result.addEvidence(QStringLiteral("listener.latencyMs"), QString::number(found.latencyMs));
        result.addEvidence(QStringLiteral("listener.connections"), QString::number(connectionsFromServer()));
        if (m_listener && m_listener->isHttps()) {
            result.addEvidence(
                QStringLiteral("listener.rejectedHandshakes"), QString::number(found.rejectedHandshakes.size()));
            if (!found.rejectedHandshakes.isEmpty())
                result.addEvidence(
                    QStringLiteral("listener.rejectedHandshake"), describe(found.rejectedHandshakes.constFirst()));
        }
        if (m_subscriptionGone)
            result.addEvidence(QStringLiteral("listener.subscriptionState"), QStringLiteral("removed"));
        else if (m_state)
            result.addEvidence(QStringLiteral("listener.subscriptionState"), subscriptionStateName(*m_state));
        if (m_policy)
            result.addEvidence(QStringLiteral("listener.onFatalErrorPolicy"), fatalErrorPolicyName(*m_policy));
    }
    if (m_cleanup)
        result.addEvidence(QStringLiteral("listener.removed"), QString::number(m_cleanup->removed().size()));
    finish(result);
}

void ListenerCheck::doCancel()
{
    m_stopped = true;
    m_waitTimer.stop();
    m_pollTimer.stop();
    if (m_addressJob)
        m_addressJob->cancel();
    for (const QPointer<TcpProbe> &probe : std::as_const(m_probes)) {
        if (probe)
            probe->cancel();
    }
    for (const QPointer<WbemOperation> &operation : std::as_const(m_operations)) {
        if (operation && !operation->isFinished())
            operation->cancel();
    }
    if (m_listener)
        m_listener->close();
    if (!m_createStarted || !m_connection)
        return;
    // Step 5 also on cancel and timeout: the sweep outlives this check. It and the connection it
    // uses go to the context's shared connection, which lives as long as the runner (and with it
    // the log the connection writes to).
    log(LogChannel::Check, LogSeverity::Info, tr("Stopped: removing what this test created"));
    WbemConnection *owner = context().sharedConnection(stage());
    m_connection->setParent(owner);
    ListenerCheckCleanup *sweep = m_cleanup;
    if (sweep) {
        sweep->disconnect(this);
        sweep->setParent(m_connection);
    } else {
        sweep = new ListenerCheckCleanup(m_connection, {interopNamespace()}, m_prefix, m_connection);
    }
    WbemConnection *connection = m_connection;
    connect(sweep, &ListenerCheckCleanup::finished, connection, [connection, sweep] {
        Q_UNUSED(sweep)
        connection->deleteLater();
    });
    m_connection = nullptr;
    sweep->start();
}

ReportSection ListenerCheck::reportSection(const CheckResult &result, const ListenerCheckFindings &findings)
{
    ReportSection section;
    section.id = QStringLiteral("listener");
    section.title = tr("Indication listener");
    section.status = result.status;
    section.summary = result.summary;
    section.fields = result.evidence;
    section.lines = result.details;
    for (const FailedTlsHandshake &handshake : findings.rejectedHandshakes)
        section.lines.append(
            tr("TLS handshake from %1 at %2: the server rejected the listener's certificate (%3)")
                .arg(handshake.sender.toString(), handshake.at.toString(Qt::ISODateWithMs),
                    handshake.alert >= 0
                        ? QStringLiteral("alert %1 %2").arg(handshake.alert).arg(handshake.alertDescription)
                        : handshake.error));
    for (const ReceivedIndication &indication : findings.indications) {
        QString line = tr("Received %1 from %2 at %3")
                           .arg(indication.indication.className(), indication.sender.toString(),
                               indication.receivedAt.toString(Qt::ISODateWithMs));
        QStringList properties;
        for (const CimProperty &property : indication.indication.properties()) {
            if (!property.value().isNull())
                properties.append(property.name() + u'=' + property.value().toMof());
        }
        if (!properties.isEmpty())
            line += QStringLiteral(": ") + properties.join(QStringLiteral(", "));
        section.lines.append(line);
    }
    return section;
}

} // namespace cimdiag
