// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimScenarioHost.h"

#include "core/net/CertificateFactory.h"
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimIndicationSender.h"
#include "core/sim/SimOperationHandler.h"
#include "core/sim/SimRepository.h"
#include "core/sim/SimSlpResponder.h"

namespace cimdiag {

SimScenarioHost::SimScenarioHost(QObject *parent)
    : QObject(parent)
{ }

SimScenarioHost::~SimScenarioHost()
{
    stop();
}

const CertificateFactory *SimScenarioHost::certificateFactory() const
{
    return m_factory.get();
}

bool SimScenarioHost::start(const SimScenario &scenario, const Listen &listen)
{
    stop();
    m_scenario = scenario;
    m_errorString.clear();

    m_repository = std::make_unique<SimRepository>(SimRepository::withDefaultModel(scenario.model));
    m_handler = std::make_unique<SimOperationHandler>(m_repository.get());
    m_handler->setPullSupported(scenario.pullSupported);
    for (const SimOperationFailure &failure : scenario.operationFailures)
        m_handler->setOperationFailure(failure.operation, failure.status, failure.className);

    if (listen.https && listen.certificateAuthority) {
        m_factory = std::make_unique<CertificateFactory>(*listen.certificateAuthority);
    } else if (listen.https) {
        QString error;
        std::optional<CertificateFactory> factory = CertificateFactory::create(
            QStringLiteral("cimdiag simulator CA"), QStringLiteral("cimdiag simulator"), &error);
        if (!factory) {
            m_errorString = QStringLiteral("cannot make the CA: ") + error;
            return false;
        }
        m_factory = std::make_unique<CertificateFactory>(*factory);
    }

    m_indicationSender = std::make_unique<SimIndicationSender>(m_repository.get());
    m_indicationSender->setOptions(scenario.indications);
    if (m_factory)
        m_indicationSender->setTrustedCertificates({m_factory->caCertificate()}); // F4: the simulator's trust

    auto server = std::make_unique<SimHttpServer>();
    SimOperationHandler *handler = m_handler.get();
    SimIndicationSender *sender = m_indicationSender.get();
    SimRepository *repository = m_repository.get();
    server->setHandler([handler, sender, repository](const CimOperationRequest &request, const QString &user) {
        CimOperationResponse response = handler->handle(request, user);
        // A new subscription gets one indication at once: the client's way to trigger a test
        // indication (real servers offer none, F9). Queued, so the CreateInstance answer goes first.
        if (request.operation == CimOperation::CreateInstance && response.status.isOk()
            && !response.instanceNames.isEmpty() && sender->options().deliverOnCreate) {
            const CimInstanceName created = response.instanceNames.constFirst();
            const QString ns = repository->interopNamespace();
            if (cimNamesEqual(repository->findNamespace(request.nameSpace), ns)
                && repository->isA(ns, created.className(), u"CIM_IndicationSubscription")) {
                QMetaObject::invokeMethod(
                    sender, [sender, created] { sender->deliverTo(created); }, Qt::QueuedConnection);
            }
        }
        return response;
    });
    server->setFaultPlan(scenario.faultPlan);
    server->setAccounts(scenario.accounts);
    server->setRealm(scenario.realm);
    if (scenario.serverName)
        server->setServerName(scenario.serverName->toLatin1());
    bool ok = true;
    if (listen.http)
        ok = server->listenHttp(listen.address, listen.httpPort);
    if (ok && listen.https)
        ok = server->setTls(scenario.tls, *m_factory) && server->listenHttps(listen.address, listen.httpsPort);
    if (!ok) {
        m_errorString = server->errorString();
        server->close();
        return false;
    }
    m_handler->setHostName(listen.address.toString());
    if (scenario.slp.enabled || listen.slp) {
        auto slp = std::make_unique<SimSlpResponder>();
        SimSlpOptions options = scenario.slp;
        options.enabled = true;
        const QHostAddress advertised
            = listen.address.isEqual(QHostAddress::AnyIPv4) || listen.address == QHostAddress::Any
            ? QHostAddress(QHostAddress::LocalHost)
            : listen.address;
        slp->setOptions(options,
            {{QStringLiteral("host"),
                 advertised.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + advertised.toString() + u']'
                                                                        : advertised.toString()},
                {QStringLiteral("httpPort"), QString::number(server->httpPort())},
                {QStringLiteral("httpsPort"), QString::number(server->httpsPort())}});
        if (!slp->listen(listen.address, listen.slpPort, listen.slpMulticast)) {
            m_errorString = slp->errorString();
            server->close();
            return false;
        }
        m_slp = std::move(slp);
    }
    m_server = std::move(server);
    m_indicationSender->start();
    return true;
}

void SimScenarioHost::stop()
{
    if (m_indicationSender)
        m_indicationSender->stop();
    m_slp.reset();
    if (m_server) {
        m_server->close();
        m_server.reset();
    }
}

} // namespace cimdiag
