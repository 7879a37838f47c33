// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/SlpDiagnosis.h"

#include "core/slp/SlpDiscovery.h"
#include "core/slp/SlpErrorCode.h"

#include <QHostAddress>

namespace cimdiag {

namespace {

bool sameHost(const QString &a, const QString &b)
{
    const QHostAddress left(a);
    const QHostAddress right(b);
    if (!left.isNull() && !right.isNull())
        return left.isEqual(right, QHostAddress::ConvertV4MappedToIPv4);
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

QString endpoint(const QHostAddress &address, quint16 port)
{
    return address.protocol() == QAbstractSocket::IPv6Protocol
        ? QStringLiteral("[%1]:%2").arg(address.toString()).arg(port)
        : QStringLiteral("%1:%2").arg(address.toString()).arg(port);
}

} // namespace

bool SlpDiagnosis::urlMatchesTarget(const QUrl &url, const Target &target)
{
    return url.isValid() && url.scheme() == target.scheme && url.port() == target.port
        && sameHost(url.host(), target.host);
}

CheckResult SlpDiagnosis::classify(const Target &target, const SlpDiscovery &discovery)
{
    const QList<SlpDiscovery::UnicastResult> &unicasts = discovery.unicastResults();
    const SlpDiscovery::UnicastResult unicast = unicasts.value(0);
    const QString where = unicast.address.isNull() ? QStringLiteral("%1:%2").arg(target.host).arg(target.slpPort)
                                                   : endpoint(unicast.address, unicast.destination.port);

    // The adverts that came from the target: by unicast, or by multicast from its address.
    QList<WbemServiceAdvert> fromTarget;
    for (const WbemServiceAdvert &advert : discovery.services()) {
        if ((!unicast.address.isNull() && advert.source.isEqual(unicast.address, QHostAddress::ConvertV4MappedToIPv4))
            || sameHost(advert.source.toString(), target.host))
            fromTarget.append(advert);
    }
    const bool multicastSent = discovery.multicastRequestsSent() > 0;
    bool targetInMulticast = false;
    for (const QHostAddress &responder : discovery.multicastResponders())
        targetInMulticast
            = targetInMulticast || responder.isEqual(unicast.address, QHostAddress::ConvertV4MappedToIPv4);

    CheckResult result;
    switch (unicast.outcome) {
    case SlpDiscovery::Outcome::PortUnreachable:
        result = CheckResult::failed(
            tr("No SLP agent on %1: ICMP port unreachable (the SLP service is stopped)").arg(where),
            {QStringLiteral("A1")});
        result.addDetail(tr("The host is up and rejected the SLP request: nothing listens on UDP port %1. Discovery "
                            "cannot find this server; connect to it by address and port.")
                             .arg(unicast.destination.port));
        break;
    case SlpDiscovery::Outcome::NoAnswer:
        result = CheckResult::failed(tr("No answer to SLP from %1 within %2 ms (%3 request(s))")
                                         .arg(where)
                                         .arg(unicast.elapsedMs)
                                         .arg(unicast.requestsSent),
            {QStringLiteral("A1"), QStringLiteral("A9")});
        result.addDetail(tr("Silence rather than ICMP port unreachable: a firewall drops SLP on the way there, or "
                            "the reply on the way back, or the host is down."));
        break;
    case SlpDiscovery::Outcome::HostNotFound:
        result = CheckResult::failed(
            tr("SLP not asked: %1 has no address (%2)").arg(target.host, unicast.detail), {QStringLiteral("B1")});
        break;
    case SlpDiscovery::Outcome::SocketError:
    case SlpDiscovery::Outcome::Pending:
        result = CheckResult::failed(tr("SLP request to %1 failed: %2").arg(where, unicast.detail));
        break;
    case SlpDiscovery::Outcome::ErrorReply:
        if (unicast.errorCode == quint16(SlpErrorCode::ScopeNotSupported)) {
            result = CheckResult::failed(
                tr("The SLP agent on %1 does not serve scope %2 (SCOPE_NOT_SUPPORTED)").arg(where, target.slpScope),
                {QStringLiteral("A5"), QStringLiteral("A10")});
        } else {
            result = CheckResult::failed(
                tr("The SLP agent on %1 answered with error %2").arg(where, slpErrorText(unicast.errorCode)),
                {QStringLiteral("A10")});
        }
        result.addEvidence(QStringLiteral("slp.error"), slpErrorText(unicast.errorCode));
        break;
    case SlpDiscovery::Outcome::Answered:
        if (fromTarget.isEmpty()) {
            result = CheckResult::failed(tr("The SLP agent on %1 answers but advertises no service:wbem").arg(where),
                {QStringLiteral("A2"), QStringLiteral("A3"), QStringLiteral("A10")});
            result.addDetail(tr("The CIM server does not register with the SLP agent (OpenPegasus slp=false, SFCB "
                                "enableSlp, or not yet: SFCB refreshes every slpRefreshInterval)."));
            break;
        }
        bool matches = false;
        bool sourceMismatch = false;
        for (const WbemServiceAdvert &advert : std::as_const(fromTarget)) {
            matches = matches || urlMatchesTarget(advert.url, target);
            const QHostAddress advertised(advert.url.host());
            if (!advert.url.isValid()) {
                sourceMismatch = true;
                result.addDetail(tr("The advertised URL %1 is not a WBEM URL.").arg(advert.serviceUrl));
            } else if (!advertised.isNull()
                && !advertised.isEqual(advert.source, QHostAddress::ConvertV4MappedToIPv4)) {
                sourceMismatch = true;
                result.addDetail(tr("%1 advertises %2, but its reply came from %3: the advert names another "
                                    "address (another interface, or NAT); re-test with %3 on ports 5989 and 5988.")
                                     .arg(endpoint(advert.source, advert.sourcePort), advert.url.toString(),
                                         advert.source.toString()));
            }
        }
        if (!matches || sourceMismatch) {
            CheckResult mismatch = CheckResult::warning(
                tr("The SLP advert of %1 does not point at the target %2").arg(where, target.displayUrl()),
                {QStringLiteral("A7"), QStringLiteral("A10")});
            for (const QString &detail : std::as_const(result.details))
                mismatch.addDetail(detail);
            result = mismatch;
        } else {
            result = CheckResult::warning(
                tr("%1 advertises %2 over SLP; an answering SLP agent is an exposure").arg(where, target.displayUrl()),
                {QStringLiteral("A10")});
        }
        for (const WbemServiceAdvert &advert : std::as_const(fromTarget)) {
            result.addDetail(
                tr("Found %1 (%2), lifetime %3 s").arg(advert.serviceUrl, advert.displayName()).arg(advert.lifetime));
            if (!advert.attributeError.isEmpty())
                result.addDetail(tr("Attributes not read: %1").arg(advert.attributeError));
            for (const auto &[tag, value] : advert.attributeRows())
                result.addEvidence(QStringLiteral("slp.attr.") + tag, value);
            if (!advert.deviations.isEmpty()) {
                result.addHint(QStringLiteral("A6"));
                result.addDetail(
                    tr("The advert deviates from DSP0206: %1").arg(advert.deviations.join(QStringLiteral("; "))));
            }
            result.addEvidence(QStringLiteral("slp.url"), advert.serviceUrl);
            result.addEvidence(QStringLiteral("slp.source"), endpoint(advert.source, advert.sourcePort));
        }
        break;
    }

    result.addEvidence(QStringLiteral("slp.unicast"),
        QStringLiteral("%1 %2").arg(where, SlpDiscovery::outcomeName(unicast.outcome))
            + (unicast.detail.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(unicast.detail)));
    if (multicastSent) {
        result.addEvidence(QStringLiteral("slp.multicast"),
            QStringLiteral("%1 request(s), %2 responder(s)")
                .arg(discovery.multicastRequestsSent())
                .arg(discovery.multicastResponders().size()));
        if (unicast.outcome == SlpDiscovery::Outcome::Answered && !targetInMulticast) {
            result.addHint(QStringLiteral("A4"));
            result.addDetail(tr("The target answers unicast SLP but not the multicast query: multicast is not routed "
                                "to it (another VLAN?)."));
        }
    } else if (!discovery.multicastError().isEmpty()) {
        result.addDetail(tr("Multicast not sent: %1").arg(discovery.multicastError()));
    } else {
        result.addDetail(target.slpPort != 427
                ? tr("No multicast query: SLP is asked on port %1, multicast goes to port 427 only.")
                      .arg(target.slpPort)
                : tr("No multicast query for this target (loopback, or turned off)."));
    }
    for (const QString &line : discovery.notes())
        result.addEvidence(QStringLiteral("slp.note"), line);
    return result;
}

} // namespace cimdiag
