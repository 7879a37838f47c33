// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/SlpCheck.h"

#include "core/diagnostics/DiagnosticContext.h"
#include "core/diagnostics/SlpDiagnosis.h"
#include "core/slp/SlpDiscovery.h"

namespace cimdiag {

SlpCheck::SlpCheck(DiagnosticContext &context, QObject *parent)
    : DiagnosticCheck(DiagnosticStage::Slp, context, parent)
{ }

SlpCheck::~SlpCheck() = default;

QString SlpCheck::notApplicableReason() const
{
    if (!context().target().slp)
        return tr("SLP discovery not requested");
    return {};
}

void SlpCheck::doStart()
{
    const Target &target = context().target();
    SlpDiscovery::Options options;
    options.unicast = {{target.host, target.slpPort}};
    options.multicast = target.slpMulticastAllowed();
    options.scopes = {target.slpScope.isEmpty() ? QStringLiteral("DEFAULT") : target.slpScope};
    // RFC 2608's 15 s limits, but no longer than the target's step timeout.
    options.timeout = target.timeout;
    options.unicastRetryMax = std::min(options.unicastRetryMax, target.timeout);
    options.multicastMax = std::min(options.multicastMax, target.timeout);
    options.unicastRetry = std::min(options.unicastRetry, target.timeout / 2);
    m_discovery = new SlpDiscovery(options, this);
    connect(m_discovery, &SlpDiscovery::progress, this, &SlpCheck::reportProgress);
    connect(m_discovery, &SlpDiscovery::finished, this, &SlpCheck::onFinished);
    m_discovery->start();
}

void SlpCheck::onFinished()
{
    if (isStopping() || isFinished() || !m_discovery)
        return;
    for (const WbemServiceAdvert &advert : m_discovery->services()) {
        log(LogChannel::Http, LogSeverity::Info,
            QStringLiteral("SLP %1 from %2: %3")
                .arg(advert.serviceUrl, advert.source.toString(), advert.displayName()));
    }
    for (const QString &line : m_discovery->notes())
        log(LogChannel::Http, LogSeverity::Warning, QStringLiteral("SLP: ") + line);
    context().findings().slpServices = m_discovery->services();
    finish(SlpDiagnosis::classify(context().target(), *m_discovery));
}

void SlpCheck::doCancel()
{
    if (m_discovery)
        m_discovery->cancel();
}

} // namespace cimdiag
