// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/sim/SimScenario.h"

#include <QHostAddress>
#include <QObject>

#include <memory>
#include <optional>

namespace cimdiag {

class CertificateFactory;
class SimHttpServer;
class SimIndicationSender;
class SimOperationHandler;
class SimRepository;
class SimSlpResponder;

/// Wires one scenario into a running simulator: the repository built from its model options, the
/// operation handler with its operation failures and pull support, and the HTTP server with its
/// accounts, fault plan and TLS options (a fresh CA and server certificate per start()).
/// cimdiag-sim is this class plus argument parsing; tests use it to run a scenario in-process.
class SimScenarioHost final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimScenarioHost)

public:
    explicit SimScenarioHost(QObject *parent = nullptr);
    ~SimScenarioHost() override;

    struct Listen
    {
        QHostAddress address = QHostAddress(QHostAddress::LocalHost);
        quint16 httpPort = 0; ///< 0 picks a free port
        quint16 httpsPort = 0; ///< 0 picks a free port
        bool http = true;
        bool https = true;
        /// The SLP responder's UDP port (0 picks a free one); it runs when the scenario has an
        /// "slp" section or slp is set.
        quint16 slpPort = 0;
        bool slp = false;
        /// Join 239.255.255.253 as well (cimdiag-sim on port 427; never in tests).
        bool slpMulticast = false;
        /// Issue the server certificate under this CA instead of a fresh one: a process that serves
        /// many scenarios at once (cimdiag-soak) makes one CA key, not one per scenario.
        std::shared_ptr<const CertificateFactory> certificateAuthority = nullptr;
    };

    /// Builds everything and opens the listeners. False (with errorString()) when a port cannot be
    /// bound or the certificates cannot be made; nothing is left listening then.
    bool start(const SimScenario &scenario, const Listen &listen);
    bool start(const SimScenario &scenario) { return start(scenario, Listen {}); }
    /// Closes the listeners and every connection.
    void stop();

    const SimScenario &scenario() const { return m_scenario; }
    QString errorString() const { return m_errorString; }
    SimHttpServer *server() const { return m_server.get(); }
    SimOperationHandler *handler() const { return m_handler.get(); }
    /// The SLP service agent, null when it does not run.
    SimSlpResponder *slpResponder() const { return m_slp.get(); }
    SimRepository *repository() const { return m_repository.get(); }
    /// Delivers indications to the subscriptions in the repository (scenario().indications); valid
    /// after start(). Tests call deliverNow() on it.
    SimIndicationSender *indicationSender() const { return m_indicationSender.get(); }
    /// The CA that issued the server certificate (valid after a successful start()).
    const CertificateFactory *certificateFactory() const;

private:
    SimScenario m_scenario;
    QString m_errorString;
    std::unique_ptr<SimRepository> m_repository;
    std::unique_ptr<SimOperationHandler> m_handler;
    std::unique_ptr<CertificateFactory> m_factory;
    std::unique_ptr<SimIndicationSender> m_indicationSender; ///< uses the repository
    std::unique_ptr<SimSlpResponder> m_slp;
    std::unique_ptr<SimHttpServer> m_server; ///< declared last: destroyed before the handler it calls
};

} // namespace cimdiag
