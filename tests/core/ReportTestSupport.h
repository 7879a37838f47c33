// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by TestDiagnosticReport (core) and TestReportExport (ui): a real diagnosis against the
// in-process simulator with known secrets, and every encoding of them a report must not contain.
// Header-only: tests/CMakeLists.txt builds each Test*.cpp alone.

#include "core/diagnostics/DiagnosticRunner.h"
#include "core/log/DiagnosticLog.h"
#include "core/net/CertificateFactory.h"
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimScenario.h"
#include "core/sim/SimScenarioHost.h"

#include <QByteArray>
#include <QList>
#include <QSignalSpy>
#include <QString>
#include <QUrl>

#include <memory>

namespace cimdiag::ReportTestSupport {

// Characters that change under base64, percent-encoding, HTML and JSON escaping.
inline const QString kUser = QStringLiteral("reportuser");
inline const QString kPassword = QStringLiteral("S3cr3t p@ss/w:rd&<x>+\"q");
inline const QString kTicket = QStringLiteral("TKT-52a1+/=Zq9 ticket&<y>");
/// A header no credential of the target produced (a pasted header, another client's request):
/// the report's own Authorization rule must catch it.
inline const QString kForeignUser = QStringLiteral("otheradmin");
inline const QString kForeignPassword = QStringLiteral("F0reign#Pa55");

/// Every form in which a secret could leak: plain, base64 (with and without padding) of the secret
/// and of the Basic user:password pair, percent- and form-encoded, HTML- and JSON-escaped.
inline QList<QByteArray> secretNeedles()
{
    QList<QByteArray> needles;
    const auto addForms = [&needles](const QString &secret) {
        const QByteArray utf8 = secret.toUtf8();
        needles << utf8 << utf8.toBase64() << utf8.toBase64(QByteArray::OmitTrailingEquals)
                << QUrl::toPercentEncoding(secret) << QUrl::toPercentEncoding(secret).replace("%20", "+")
                << secret.toHtmlEscaped().toUtf8() << QByteArray(utf8).replace("\"", "\\\"")
                << QByteArray(utf8).replace("/", "\\/");
    };
    for (const QString &secret : {kPassword, kTicket, kForeignPassword})
        addForms(secret);
    for (const QString &pair : {QString(kUser + u':' + kPassword), QString(kTicket + u':' + kTicket),
             QString(kForeignUser + u':' + kForeignPassword)})
        addForms(pair);
    return needles;
}

/// The first needle data contains, or an empty array.
inline QByteArray leakedSecret(const QByteArray &data)
{
    for (const QByteArray &needle : secretNeedles()) {
        if (data.contains(needle))
            return needle;
    }
    return {};
}

/// "healthy" with one account for the password and one for the ticket (ESXi sends a ticket as
/// Basic ticket:ticket, and that is what the simulator checks).
inline SimScenario scenario()
{
    SimScenario healthy = *SimScenario::load(QStringLiteral("healthy"));
    healthy.accounts = {SimAccount {kUser, kPassword}, SimAccount {kTicket, kTicket}};
    return healthy;
}

/// A finished run against host over https with credentials; the log gets the foreign header too.
struct Run
{
    std::unique_ptr<DiagnosticLog> log = std::make_unique<DiagnosticLog>();
    std::unique_ptr<DiagnosticRunner> runner;
};

inline bool runDiagnosis(
    const SimScenarioHost &host, const QString &caFile, const WbemCredentials &credentials, Run &run)
{
    std::optional<Target> target = Target::fromUrl(host.server()->httpsUrl().toString());
    if (!target)
        return false;
    target->credentials = credentials;
    target->tls.caFile = caFile;
    target->timeout = std::chrono::milliseconds(10000);
    run.runner = std::make_unique<DiagnosticRunner>(*target, run.log.get());
    QSignalSpy finished(run.runner.get(), &DiagnosticRunner::finished);
    run.runner->start();
    if (!finished.wait(60000))
        return false;
    run.log->add(LogChannel::Http, LogSeverity::Info, QStringLiteral("http"),
        QStringLiteral("POST /cimom HTTP/1.1\r\nAuthorization: Basic ")
            + QString::fromLatin1((kForeignUser + u':' + kForeignPassword).toUtf8().toBase64())
            + QStringLiteral("\r\nProxy-Authorization: Basic ")
            + QString::fromLatin1(kForeignPassword.toUtf8().toBase64())
            + QStringLiteral("\r\nCIMOperation: MethodCall\r\n"));
    return true;
}

} // namespace cimdiag::ReportTestSupport
