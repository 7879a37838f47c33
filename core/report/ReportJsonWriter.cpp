// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/ReportJsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace cimdiag {

namespace {

QString isoTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonObject environmentJson(const DiagnosticReport::Environment &env)
{
    QJsonObject trust {{QStringLiteral("kind"), env.trustStoreKind},
        {QStringLiteral("description"), env.trustStoreDescription},
        {QStringLiteral("environment"), QJsonArray::fromStringList(env.trustEnvironment)}};
    if (!env.caFile.isEmpty())
        trust.insert(QStringLiteral("caFile"), env.caFile);
    if (!env.caDirectory.isEmpty())
        trust.insert(QStringLiteral("caDirectory"), env.caDirectory);
    return QJsonObject {
        {QStringLiteral("tool"), env.toolName},
        {QStringLiteral("version"), env.toolVersion},
        {QStringLiteral("os"), env.os},
        {QStringLiteral("kernel"), env.kernel},
        {QStringLiteral("architecture"), env.architecture},
        {QStringLiteral("qt"),
            QJsonObject {{QStringLiteral("runtime"), env.qtRuntimeVersion},
                {QStringLiteral("build"), env.qtBuildVersion}, {QStringLiteral("tlsBackend"), env.qtTlsBackend}}},
        {QStringLiteral("openssl"),
            QJsonObject {{QStringLiteral("runtime"), env.openSslRuntimeVersion},
                {QStringLiteral("build"), env.openSslBuildVersion}}},
        {QStringLiteral("trustStore"), trust},
        {QStringLiteral("generatedAt"), isoTime(env.generatedAt)},
    };
}

QJsonValue tlsJson(const std::optional<TlsProbeResult> &tls)
{
    if (!tls)
        return QJsonValue::Null;
    QJsonArray chain;
    for (const TlsCertificateInfo &certificate : tls->peerChain) {
        QJsonArray errors;
        for (const TlsCertificateInfo::VerifyError &error : certificate.verifyErrors)
            errors.append(QJsonObject {{QStringLiteral("code"), error.code}, {QStringLiteral("text"), error.text}});
        chain.append(QJsonObject {
            {QStringLiteral("depth"), certificate.depth},
            {QStringLiteral("subject"), certificate.subject},
            {QStringLiteral("issuer"), certificate.issuer},
            {QStringLiteral("subjectAltNames"), QJsonArray::fromStringList(certificate.subjectAltNames)},
            {QStringLiteral("notBefore"), isoTime(certificate.notBefore)},
            {QStringLiteral("notAfter"), isoTime(certificate.notAfter)},
            {QStringLiteral("keyType"), certificate.keyType},
            {QStringLiteral("keyBits"), certificate.keyBits},
            {QStringLiteral("signatureAlgorithm"), certificate.signatureAlgorithm},
            {QStringLiteral("sha256"), certificate.sha256Fingerprint},
            {QStringLiteral("selfIssued"), certificate.selfIssued},
            {QStringLiteral("verifyErrors"), errors},
        });
    }
    return QJsonObject {
        {QStringLiteral("handshakeCompleted"), tls->handshakeCompleted},
        {QStringLiteral("protocol"), tls->protocol},
        {QStringLiteral("cipher"), tls->cipher},
        {QStringLiteral("cipherBits"), tls->cipherBits},
        {QStringLiteral("ephemeralKey"), tls->ephemeralKey},
        {QStringLiteral("ephemeralKeyBits"), tls->ephemeralKeyBits},
        {QStringLiteral("verifyResult"), tls->verifyResult},
        {QStringLiteral("verifyResultText"), tls->verifyResultText},
        {QStringLiteral("verifiedName"), tls->verifiedName},
        {QStringLiteral("hostnameMatches"), tls->hostnameMatches},
        {QStringLiteral("trustStore"), tls->trustStore},
        {QStringLiteral("handshakeTimeUs"), qint64(tls->handshakeTime.count())},
        {QStringLiteral("chain"), chain},
    };
}

QJsonObject serverJson(const DiagnosticReport::ServerIdentity &server)
{
    return QJsonObject {
        {QStringLiteral("serverHeader"), server.serverHeader},
        {QStringLiteral("speaksCimXml"), server.speaksCimXml},
        {QStringLiteral("authenticationRequired"), server.authenticationRequired},
        {QStringLiteral("realm"), server.realm},
        {QStringLiteral("challengeSchemes"), QJsonArray::fromStringList(server.challengeSchemes)},
        {QStringLiteral("credentialsAccepted"), server.credentialsAccepted},
        {QStringLiteral("interopNamespace"), server.interopNamespace},
        {QStringLiteral("namespaces"), QJsonArray::fromStringList(server.namespaces)},
        {QStringLiteral("registeredProfiles"), QJsonArray::fromStringList(server.registeredProfiles)},
        {QStringLiteral("objectManager"),
            QJsonObject {{QStringLiteral("name"), server.objectManagerName},
                {QStringLiteral("version"), server.objectManagerVersion}}},
        {QStringLiteral("pullSupported"),
            server.pullSupported ? QJsonValue(*server.pullSupported) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("sample"),
            QJsonObject {{QStringLiteral("namespace"), server.sampleNamespace},
                {QStringLiteral("className"), server.sampleClassName},
                {QStringLiteral("instances"), qint64(server.sampleInstanceCount)}}},
    };
}

QJsonObject statisticJson(const WbemOperationStatistic &s)
{
    return QJsonObject {
        {QStringLiteral("operation"), s.name},
        {QStringLiteral("count"), s.count},
        {QStringLiteral("errorCount"), s.errorCount},
        {QStringLiteral("clientTimeUs"),
            QJsonObject {{QStringLiteral("total"), s.clientTimeTotalUs}, {QStringLiteral("min"), s.clientTimeMinUs},
                {QStringLiteral("max"), s.clientTimeMaxUs}, {QStringLiteral("avg"), s.clientTimeAvgUs()}}},
        {QStringLiteral("serverTimeUs"),
            QJsonObject {{QStringLiteral("count"), s.serverTimeCount}, {QStringLiteral("total"), s.serverTimeTotalUs},
                {QStringLiteral("min"), s.serverTimeMinUs}, {QStringLiteral("max"), s.serverTimeMaxUs},
                {QStringLiteral("avg"), s.serverTimeAvgUs()}}},
        {QStringLiteral("requestBytes"),
            QJsonObject {{QStringLiteral("total"), s.requestSizeTotal}, {QStringLiteral("min"), s.requestSizeMin},
                {QStringLiteral("max"), s.requestSizeMax}, {QStringLiteral("avg"), s.requestSizeAvg()}}},
        {QStringLiteral("replyBytes"),
            QJsonObject {{QStringLiteral("total"), s.replySizeTotal}, {QStringLiteral("min"), s.replySizeMin},
                {QStringLiteral("max"), s.replySizeMax}, {QStringLiteral("avg"), s.replySizeAvg()}}},
    };
}

} // namespace

QJsonObject ReportJsonWriter::toJson(const DiagnosticReport &report)
{
    // The cimdiag-check/1 fields first, as DiagnosticRun writes them.
    QJsonObject json = report.run.toJson();
    json.insert(QStringLiteral("schema"), DiagnosticReport::schemaName());

    QJsonArray stages;
    for (const CheckResult &result : report.run.results) {
        QJsonObject stage = result.toJson();
        stage.insert(QStringLiteral("startOffsetMs"), report.startOffsetMs(result));
        stages.append(stage);
    }
    json.insert(QStringLiteral("stages"), stages);

    // hintTexts as the CLI's check document has it (only the failed and warned stages' ids), plus
    // hintCatalogue with every id any stage named.
    QJsonObject hintTexts;
    QJsonArray catalogue;
    const QStringList problemIds = report.run.hintIds();
    for (const Hint &hint : report.hints) {
        const QJsonObject text {{QStringLiteral("title"), hint.title}, {QStringLiteral("cause"), hint.cause},
            {QStringLiteral("remedy"), hint.remedy}};
        if (problemIds.contains(hint.id) && !hint.title.isEmpty())
            hintTexts.insert(hint.id, text);
        QJsonObject entry = text;
        entry.insert(QStringLiteral("id"), hint.id);
        catalogue.append(entry);
    }
    json.insert(QStringLiteral("hintTexts"), hintTexts);
    json.insert(QStringLiteral("hintCatalogue"), catalogue);

    json.insert(QStringLiteral("environment"), environmentJson(report.environment));
    json.insert(QStringLiteral("tls"), tlsJson(report.tls));
    json.insert(QStringLiteral("server"), serverJson(report.server));
    QJsonArray statistics;
    for (const WbemOperationStatistic &statistic : report.statistics)
        statistics.append(statisticJson(statistic));
    json.insert(QStringLiteral("statistics"), statistics);

    QJsonArray entries;
    for (const LogEntry &entry : report.logs) {
        entries.append(QJsonObject {{QStringLiteral("time"), isoTime(entry.time)},
            {QStringLiteral("channel"), LogEntry::channelName(entry.channel)},
            {QStringLiteral("severity"), LogEntry::severityName(entry.severity)},
            {QStringLiteral("source"), entry.source}, {QStringLiteral("text"), entry.text}});
    }
    json.insert(QStringLiteral("log"),
        QJsonObject {{QStringLiteral("omitted"), qint64(report.logOmitted)}, {QStringLiteral("entries"), entries}});

    QJsonArray sections;
    for (const ReportSection &section : report.sections) {
        QJsonArray fields;
        for (const CheckEvidence &field : section.fields)
            fields.append(QJsonObject {{QStringLiteral("name"), field.name}, {QStringLiteral("value"), field.value}});
        QJsonObject object {{QStringLiteral("id"), section.id}, {QStringLiteral("title"), section.title},
            {QStringLiteral("summary"), section.summary}, {QStringLiteral("fields"), fields},
            {QStringLiteral("lines"), QJsonArray::fromStringList(section.lines)}};
        object.insert(QStringLiteral("status"),
            section.status ? QJsonValue(checkStatusName(*section.status)) : QJsonValue(QJsonValue::Null));
        sections.append(object);
    }
    json.insert(QStringLiteral("sections"), sections);
    return json;
}

QByteArray ReportJsonWriter::write(const DiagnosticReport &report)
{
    return QJsonDocument(toJson(report)).toJson(QJsonDocument::Indented);
}

} // namespace cimdiag
