// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/TcpDiagnosis.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>

namespace cimdiag {

namespace {

using Outcome = TcpProbeResult::Outcome;

/// The translation context of this file's texts, for the free functions as for the class's own: lupdate
/// files Text::tr() strings under the macro's argument, the context Text::tr() uses at run time.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(cimdiag::TcpDiagnosis)
};

QString familyName(QAbstractSocket::NetworkLayerProtocol protocol)
{
    return protocol == QAbstractSocket::IPv6Protocol ? QStringLiteral("IPv6") : QStringLiteral("IPv4");
}

/// "1 s" for whole seconds, "250 ms" otherwise.
QString formatWait(std::chrono::microseconds time)
{
    const qint64 ms = std::chrono::duration_cast<std::chrono::milliseconds>(time).count();
    if (ms >= 1000 && ms % 1000 == 0)
        return Text::tr("%1 s").arg(ms / 1000);
    return Text::tr("%1 ms").arg(ms);
}

/// "refused (ECONNREFUSED)", "no answer within 10000 ms (filtered)", ...
QString describe(const TcpProbeResult &result)
{
    if (TcpDiagnosis::isUnanswered(result))
        return Text::tr("no answer within %1 (filtered?)").arg(formatWait(result.connectTime));
    switch (result.outcome) {
    case Outcome::Open:
        return Text::tr("open (connected in %1)").arg(TcpDiagnosis::formatTime(result.connectTime));
    case Outcome::Refused:
        return Text::tr("refused (%1)").arg(result.errnoName);
    case Outcome::Filtered:
        return Text::tr("no answer within %1 (filtered)").arg(TcpDiagnosis::formatTime(result.connectTime));
    case Outcome::Unreachable:
        return Text::tr("unreachable (%1)").arg(result.errnoName);
    case Outcome::ResetAfterAccept:
        return result.errnoName == QLatin1String("EOF") ? Text::tr("accepted, then closed at once (EOF)")
                                                        : Text::tr("accepted, then reset (%1)").arg(result.errnoName);
    case Outcome::Error:
        return Text::tr("failed: %1").arg(result.errorText);
    case Outcome::Cancelled:
        return Text::tr("cancelled");
    }
    return {};
}

/// The target with the other scheme and port: where to point the user when only that one is open.
QString otherUrl(const Target &target)
{
    Target other = target;
    other.scheme = target.otherScheme();
    other.port = target.otherPort();
    return other.displayUrl();
}

} // namespace

QString TcpDiagnosis::formatTime(std::chrono::microseconds time)
{
    return QString::number(static_cast<double>(time.count()) / 1000.0, 'f', 1) + QStringLiteral(" ms");
}

QString TcpDiagnosis::hintId(TcpProbeResult::Outcome outcome)
{
    switch (outcome) {
    case Outcome::Refused:
        return QStringLiteral("B2");
    case Outcome::Filtered:
        return QStringLiteral("B3");
    case Outcome::Unreachable:
        return QStringLiteral("B4");
    case Outcome::ResetAfterAccept:
        return QStringLiteral("B5");
    case Outcome::Open:
    case Outcome::Error:
    case Outcome::Cancelled:
        break;
    }
    return {};
}

TcpProbeResult TcpDiagnosis::unanswered(const QHostAddress &address, quint16 port, std::chrono::milliseconds grace)
{
    TcpProbeResult result;
    result.address = address;
    result.port = port;
    result.outcome = Outcome::Filtered;
    result.connectTime = grace;
    result.socketError = QAbstractSocket::SocketTimeoutError;
    result.errorText = Text::tr("No answer within %1; not waited for longer").arg(formatWait(grace));
    return result;
}

bool TcpDiagnosis::isUnanswered(const TcpProbeResult &result)
{
    return result.outcome == Outcome::Filtered && result.errnoName.isEmpty();
}

QString TcpDiagnosis::evidenceValue(const TcpProbeResult &result)
{
    if (isUnanswered(result))
        return QStringLiteral("no answer within %1 ms")
            .arg(std::chrono::duration_cast<std::chrono::milliseconds>(result.connectTime).count());
    if (result.isOpen())
        return QStringLiteral("open ") + formatTime(result.connectTime);
    if (!result.errnoName.isEmpty())
        return result.errnoName;
    return TcpProbeResult::outcomeName(result.outcome)
        + (result.errorText.isEmpty() ? QString() : QStringLiteral(": ") + result.errorText);
}

std::optional<QHostAddress> TcpDiagnosis::reachableAddress(const QList<TcpProbeResult> &targetPort)
{
    for (const TcpProbeResult &result : targetPort) {
        if (result.isOpen())
            return result.address;
    }
    return std::nullopt;
}

CheckResult TcpDiagnosis::classify(
    const Target &target, const QList<TcpProbeResult> &targetPort, const QList<TcpProbeResult> &otherPort)
{
    const quint16 port = target.port;
    const quint16 otherPortNumber = target.otherPort();
    const QString otherScheme = target.otherScheme();

    if (targetPort.isEmpty())
        return CheckResult::failed(Text::tr("No address to connect to"));

    QList<TcpProbeResult> open;
    QList<TcpProbeResult> failing;
    for (const TcpProbeResult &result : targetPort)
        (result.isOpen() ? open : failing).append(result);
    const bool otherOpen
        = std::any_of(otherPort.cbegin(), otherPort.cend(), [](const TcpProbeResult &r) { return r.isOpen(); });

    CheckResult result;
    if (failing.isEmpty()) {
        const auto fastest = std::min_element(
            open.cbegin(), open.cend(), [](const auto &a, const auto &b) { return a.connectTime < b.connectTime; });
        if (open.size() == 1) {
            result
                = CheckResult::passed(Text::tr("Port %1 is open on %2 (connected in %3)")
                                          .arg(port)
                                          .arg(open.first().address.toString(), formatTime(open.first().connectTime)));
        } else {
            result = CheckResult::passed(Text::tr("Port %1 is open on all %2 addresses (fastest connect %3)")
                                             .arg(port)
                                             .arg(open.size())
                                             .arg(formatTime(fastest->connectTime)));
        }
    } else if (!open.isEmpty()) {
        QList<QAbstractSocket::NetworkLayerProtocol> failingFamilies;
        QList<QAbstractSocket::NetworkLayerProtocol> openFamilies;
        for (const TcpProbeResult &r : std::as_const(failing)) {
            if (!failingFamilies.contains(r.address.protocol()))
                failingFamilies.append(r.address.protocol());
        }
        for (const TcpProbeResult &r : std::as_const(open)) {
            if (!openFamilies.contains(r.address.protocol()))
                openFamilies.append(r.address.protocol());
        }
        const TcpProbeResult &firstFailure = failing.first();
        if (failingFamilies.size() == 1 && !openFamilies.contains(failingFamilies.first())) {
            // B7: the server listens on one family only (sfcb ip4AddrList/ip6AddrList, Pegasus
            // listenAddress), or a firewall covers one family only.
            result
                = CheckResult::warning(Text::tr("Port %1 is open over %2 but not over %3: %4 on %5")
                                           .arg(port)
                                           .arg(familyName(openFamilies.first()), familyName(failingFamilies.first()),
                                               describe(firstFailure), firstFailure.address.toString()),
                    {QStringLiteral("B7")});
            result.addDetail(Text::tr("A client that tries %1 first fails or waits; connect to %2 explicitly, or make "
                                      "the server listen on both families.")
                                 .arg(familyName(failingFamilies.first()), open.first().address.toString()));
        } else {
            result = CheckResult::warning(
                Text::tr("Port %1 is open on %2 but not on %3: %4")
                    .arg(port)
                    .arg(open.first().address.toString(), firstFailure.address.toString(), describe(firstFailure)));
        }
        for (const TcpProbeResult &r : std::as_const(failing)) {
            const QString id = hintId(r.outcome);
            if (!id.isEmpty())
                result.addHint(id);
        }
    } else {
        const TcpProbeResult &first = failing.first();
        QString summary;
        switch (first.outcome) {
        case Outcome::Refused:
            summary = Text::tr("Port %1 refused the connection (%2)").arg(port).arg(first.errnoName);
            break;
        case Outcome::Filtered:
            summary = Text::tr("Port %1 did not answer within %2: the connection attempts are silently dropped")
                          .arg(port)
                          .arg(formatTime(first.connectTime));
            break;
        case Outcome::Unreachable:
            summary = Text::tr("Port %1 is unreachable (%2): a router or firewall rejects the connection")
                          .arg(port)
                          .arg(first.errnoName);
            break;
        case Outcome::ResetAfterAccept:
            summary = first.errnoName == QLatin1String("EOF")
                ? Text::tr("Port %1 accepted the connection, then closed it without a byte (EOF)").arg(port)
                : Text::tr("Port %1 accepted the connection, then reset it (%2)").arg(port).arg(first.errnoName);
            break;
        case Outcome::Error:
        case Outcome::Open:
        case Outcome::Cancelled:
            summary = Text::tr("Connecting to port %1 failed: %2").arg(port).arg(describe(first));
            break;
        }
        if (otherOpen) {
            // B2's remedy "try the other port": for https on 5989 with only 5988 open, that is http.
            summary
                += Text::tr("; port %1 (%2) is open: try %3").arg(otherPortNumber).arg(otherScheme, otherUrl(target));
        }
        result = CheckResult::failed(summary);
        for (const TcpProbeResult &r : std::as_const(failing)) {
            const QString id = hintId(r.outcome);
            if (!id.isEmpty())
                result.addHint(id);
        }
        if (first.outcome == Outcome::Refused) {
            // Linux maps an ICMP port-unreachable (iptables REJECT) to ECONNREFUSED as well.
            result.addDetail(Text::tr("\"Refused\" means a TCP reset from the host, or an ICMP port-unreachable from a "
                                      "firewall (Linux reports both as ECONNREFUSED)."));
        }
        if (otherOpen && !result.hintIds.contains(QStringLiteral("B2")))
            result.addHint(QStringLiteral("B2"));
    }

    for (const TcpProbeResult &r : targetPort)
        result.addDetail(Text::tr("%1 port %2: %3").arg(r.address.toString()).arg(r.port).arg(describe(r)));
    if (!otherPort.isEmpty()) {
        QStringList states;
        for (const TcpProbeResult &r : otherPort)
            states.append(Text::tr("%1 %2").arg(r.address.toString(), describe(r)));
        result.addDetail(Text::tr("The other CIM port %1 (%2): %3")
                             .arg(otherPortNumber)
                             .arg(otherScheme, states.join(QStringLiteral("; "))));
    }
    for (const TcpProbeResult &r : targetPort)
        result.addEvidence(QStringLiteral("tcp.%1.%2").arg(r.port).arg(r.address.toString()), evidenceValue(r));
    for (const TcpProbeResult &r : otherPort)
        result.addEvidence(QStringLiteral("tcp.%1.%2").arg(r.port).arg(r.address.toString()), evidenceValue(r));
    return result;
}

} // namespace cimdiag
