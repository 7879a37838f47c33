// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/NameResolutionDiagnosis.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QStringList>

namespace cimdiag {

namespace {

/// The translation context of this file's texts: lupdate files Text::tr() strings under the macro's
/// argument, the context Text::tr() uses at run time.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(cimdiag::NameResolutionDiagnosis)
};

QString joinAddresses(const QList<QHostAddress> &addresses)
{
    QStringList texts;
    for (const QHostAddress &address : addresses)
        texts.append(address.toString());
    return texts.join(QStringLiteral(", "));
}

} // namespace

CheckResult NameResolutionDiagnosis::forLiteral(const QHostAddress &address)
{
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    CheckResult result = CheckResult::passed(Text::tr("%1 is an IP address: no lookup needed").arg(address.toString()));
    result.addEvidence(v6 ? QStringLiteral("dns.AAAA") : QStringLiteral("dns.A"), address.toString());
    result.addEvidence(QStringLiteral("dns.lookup"), QStringLiteral("none (IP literal)"));
    return result;
}

QString NameResolutionDiagnosis::errnoName(const QHostInfo &info)
{
    switch (info.error()) {
    case QHostInfo::NoError:
        return {};
    case QHostInfo::HostNotFound:
        return QStringLiteral("EAI_NONAME");
    case QHostInfo::UnknownError:
        // Qt passes gai_strerror() through for the other getaddrinfo() failures.
        if (info.errorString().contains(QLatin1String("Temporary failure"), Qt::CaseInsensitive))
            return QStringLiteral("EAI_AGAIN");
        return QStringLiteral("EAI_FAIL");
    }
    return QStringLiteral("EAI_FAIL");
}

CheckResult NameResolutionDiagnosis::classify(
    const QString &host, const QHostInfo &info, QList<QHostAddress> *addresses)
{
    QList<QHostAddress> all;
    QList<QHostAddress> v4;
    QList<QHostAddress> v6;
    if (info.error() == QHostInfo::NoError) {
        for (const QHostAddress &address : info.addresses()) {
            if (all.contains(address))
                continue;
            all.append(address);
            (address.protocol() == QAbstractSocket::IPv6Protocol ? v6 : v4).append(address);
        }
    }
    if (addresses)
        *addresses = all;

    if (all.isEmpty()) {
        // B1: the name does not resolve (or resolves to nothing).
        const QString name = info.error() == QHostInfo::NoError ? QStringLiteral("EAI_NODATA") : errnoName(info);
        const QString text = info.error() == QHostInfo::NoError ? Text::tr("no A or AAAA records") : info.errorString();
        CheckResult result = CheckResult::failed(
            Text::tr("%1 does not resolve: %2 (%3)").arg(host, text, name), {QStringLiteral("B1")});
        result.addDetail(Text::tr("Use the server's IP address, or fix its DNS entry (or /etc/hosts)."));
        result.addEvidence(QStringLiteral("dns.error"), text + QStringLiteral(" (") + name + QLatin1Char(')'));
        return result;
    }

    QString summary;
    if (!v4.isEmpty() && !v6.isEmpty())
        summary = Text::tr("%1 resolves to %2 IPv4 and %3 IPv6 address(es)").arg(host).arg(v4.size()).arg(v6.size());
    else if (!v4.isEmpty())
        summary = Text::tr("%1 resolves to %2").arg(host, joinAddresses(v4));
    else
        summary = Text::tr("%1 resolves to %2 (IPv6 only)").arg(host, joinAddresses(v6));
    CheckResult result = CheckResult::passed(summary);
    result.addDetail(Text::tr("A (IPv4): %1").arg(v4.isEmpty() ? Text::tr("none") : joinAddresses(v4)));
    result.addDetail(Text::tr("AAAA (IPv6): %1").arg(v6.isEmpty() ? Text::tr("none") : joinAddresses(v6)));
    if (v4.isEmpty() || v6.isEmpty()) {
        result.addDetail(v4.isEmpty()
                ? Text::tr("Only IPv6 answers: clients without IPv6 connectivity cannot reach it.")
                : Text::tr("Only IPv4 answers: that is fine."));
    }
    result.addDetail(Text::tr("The next stages try the addresses in the resolver's order: %1").arg(joinAddresses(all)));
    if (!v4.isEmpty())
        result.addEvidence(QStringLiteral("dns.A"), joinAddresses(v4));
    if (!v6.isEmpty())
        result.addEvidence(QStringLiteral("dns.AAAA"), joinAddresses(v6));
    return result;
}

CheckResult NameResolutionDiagnosis::timedOut(const QString &host, std::chrono::milliseconds timeout)
{
    CheckResult result = CheckResult::failed(
        Text::tr("No answer from the resolver for %1 within %2 ms").arg(host).arg(timeout.count()),
        {QStringLiteral("B1")});
    result.addDetail(
        Text::tr("The DNS server is slow or unreachable; use the server's IP address or fix the resolver."));
    result.addEvidence(QStringLiteral("dns.error"), QStringLiteral("timeout (EAI_AGAIN)"));
    return result;
}

} // namespace cimdiag
