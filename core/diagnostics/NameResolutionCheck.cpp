// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/NameResolutionCheck.h"

#include "core/diagnostics/DiagnosticContext.h"
#include "core/diagnostics/NameResolutionDiagnosis.h"

#include <QHostInfo>

namespace cimdiag {

NameResolutionCheck::NameResolutionCheck(DiagnosticContext &context, QObject *parent)
    : DiagnosticCheck(DiagnosticStage::NameResolution, context, parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &NameResolutionCheck::onTimeout);
}

NameResolutionCheck::~NameResolutionCheck()
{
    abortLookup();
}

void NameResolutionCheck::doStart()
{
    const Target &target = context().target();
    const QHostAddress literal(target.host);
    if (!literal.isNull()) {
        context().findings().addresses = {literal};
        finish(NameResolutionDiagnosis::forLiteral(literal));
        return;
    }
    reportProgress(tr("Looking up %1 (A and AAAA)").arg(target.host));
    m_timer.start(target.timeout);
    m_lookupId = QHostInfo::lookupHost(target.host, this, [this](const QHostInfo &info) { onLookedUp(info); });
}

void NameResolutionCheck::onLookedUp(const QHostInfo &info)
{
    if (isFinished())
        return;
    m_lookupId = -1;
    m_timer.stop();
    QList<QHostAddress> addresses;
    CheckResult result = NameResolutionDiagnosis::classify(context().target().host, info, &addresses);
    context().findings().addresses = addresses;
    finish(std::move(result));
}

void NameResolutionCheck::onTimeout()
{
    if (isFinished())
        return;
    abortLookup();
    context().findings().addresses.clear();
    finish(NameResolutionDiagnosis::timedOut(context().target().host, context().target().timeout));
}

void NameResolutionCheck::abortLookup()
{
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
}

void NameResolutionCheck::doCancel()
{
    m_timer.stop();
    abortLookup();
}

} // namespace cimdiag
