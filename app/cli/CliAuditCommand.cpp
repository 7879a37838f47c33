// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliAuditCommand.h"
#include "core/paths/AppPaths.h"

#include "core/audit/AuditEvent.h"
#include "core/audit/AuditTrail.h"
#include "core/audit/AuditVerifier.h"
#include "core/audit/AuditedSettings.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSettings>

namespace cimdiag {

namespace {

void write(QIODevice &device, const QString &text)
{
    device.write(text.toUtf8());
}

QString detailsText(const QJsonObject &details)
{
    QStringList parts;
    for (auto it = details.begin(); it != details.end(); ++it) {
        const QJsonValue value = it.value();
        QString text;
        if (value.isString())
            text = value.toString();
        else if (value.isObject() || value.isArray())
            text = QString::fromUtf8(value.isObject() ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
                                                      : QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        else
            text = value.toVariant().toString();
        if (value.isNull())
            text = QStringLiteral("null");
        parts.append(it.key() + u'=' + text);
    }
    return parts.join(u' ');
}

} // namespace

std::optional<QDateTime> CliAuditCommand::parseSince(const QString &text, const QDateTime &now)
{
    static const QRegularExpression span(QStringLiteral("^(\\d+)([smhd])$"));
    if (const QRegularExpressionMatch match = span.match(text); match.hasMatch()) {
        const qint64 count = match.captured(1).toLongLong();
        const QChar unit = match.captured(2).at(0);
        const qint64 seconds = unit == u's' ? 1 : unit == u'm' ? 60 : unit == u'h' ? 3600 : 86400;
        return now.addSecs(-count * seconds);
    }
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid()) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (date.isValid())
            time = date.startOfDay(Qt::UTC);
    }
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime && !text.contains(u'+') && !text.endsWith(u'Z'))
        time.setTimeSpec(Qt::UTC);
    return time;
}

int CliAuditCommand::run(const QStringList &arguments, QIODevice &out, QIODevice &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Show, verify and switch the audit trail (%1).\n"
           "\n"
           "Subcommands:\n"
           "  show      print the records (--json: as stored, one JSON object per line)\n"
           "  verify    check the hash chain; exit 0 when intact, 1 with the first bad line\n"
           "  enable    record the audit trail (the default); --syslog also copies it to syslog\n"
           "  disable   stop recording (the last record says so)")
            .arg(AppPaths::auditTrailFile()));
    const QCommandLineOption helpOption = parser.addHelpOption();
    // Every cimdiag-cli command answers --version (TestCommandLineHelp).
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("show: print the records as stored."));
    const QCommandLineOption sinceOption(QStringLiteral("since"),
        tr("show: only records at or after WHEN (ISO 8601 date or date-time, or 30m, 12h, 7d)."), tr("WHEN"));
    const QCommandLineOption fileOption(
        QStringLiteral("file"), tr("The trail to read (default: %1).").arg(AppPaths::auditTrailFile()), tr("FILE"));
    const QCommandLineOption syslogOption(QStringLiteral("syslog"), tr("enable: also copy every record to syslog."));
    const QCommandLineOption noSyslogOption(QStringLiteral("no-syslog"), tr("enable: stop copying to syslog."));
    parser.addOptions({jsonOption, sinceOption, fileOption, syslogOption, noSyslogOption});
    parser.addPositionalArgument(QStringLiteral("audit"), tr("Work with the audit trail."), QStringLiteral("audit"));
    parser.addPositionalArgument(
        QStringLiteral("subcommand"), tr("show, verify, enable or disable."), QStringLiteral("SUBCOMMAND"));

    const auto usage = [&err](const QString &message) {
        write(err,
            QStringLiteral("cimdiag-cli audit: ") + message + u'\n'
                + tr("Try 'cimdiag-cli audit --help' for more information.") + u'\n');
        return int(ExitUsage);
    };
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(helpOption)) {
        write(out, parser.helpText().replace(arguments.constFirst(), QStringLiteral("cimdiag-cli")));
        return ExitOk;
    }
    if (parser.isSet(versionOption)) {
        write(out, QCoreApplication::applicationName() + u' ' + QCoreApplication::applicationVersion() + u'\n');
        return ExitOk;
    }
    QStringList positional = parser.positionalArguments();
    positional.removeFirst(); // "audit"
    if (positional.size() != 1)
        return usage(tr("give one subcommand: show, verify, enable or disable."));
    const QString subcommand = positional.constFirst();
    const QString path = parser.isSet(fileOption) ? parser.value(fileOption) : AppPaths::auditTrailFile();

    if (subcommand == QLatin1String("verify")) {
        if (!QFileInfo::exists(path)) {
            write(out, tr("%1: no audit trail yet (nothing to verify)").arg(path) + u'\n');
            return ExitOk;
        }
        const AuditVerifier::Result result = AuditVerifier::verifyFile(path);
        if (result.valid) {
            write(out, tr("%1: valid, %2 records in an intact chain").arg(path).arg(result.records) + u'\n');
            return ExitOk;
        }
        if (result.line == 0) {
            write(err, QStringLiteral("cimdiag-cli audit: ") + result.reason + u'\n');
            return ExitIoError;
        }
        write(out, tr("%1:%2: broken: %3").arg(path).arg(result.line).arg(result.reason) + u'\n');
        write(out, tr("Records before it in an intact chain: %1.").arg(result.records) + u'\n');
        return ExitBroken;
    }

    if (subcommand == QLatin1String("show")) {
        std::optional<QDateTime> since;
        if (parser.isSet(sinceOption)) {
            since = parseSince(parser.value(sinceOption), QDateTime::currentDateTimeUtc());
            if (!since)
                return usage(tr("--since: \"%1\" is neither a date, a date-time nor a span like 12h")
                                 .arg(parser.value(sinceOption)));
        }
        QString error;
        const QList<AuditEvent> events = AuditTrail::readAll(path, &error);
        if (!error.isEmpty()) {
            write(err, QStringLiteral("cimdiag-cli audit: ") + tr("cannot read %1: %2").arg(path, error) + u'\n');
            return ExitIoError;
        }
        for (const AuditEvent &event : events) {
            if (since && event.time < *since)
                continue;
            if (parser.isSet(jsonOption)) {
                out.write(QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact) + '\n');
                continue;
            }
            write(out,
                QStringLiteral("%1 %2 %3/%4/%5 %6 %7 %8")
                        .arg(event.sequence)
                        .arg(event.time.toString(Qt::ISODateWithMs), AuditEvent::typeName(event.type),
                            AuditEvent::subTypeName(event.subType), AuditEvent::eventName(event.event),
                            AuditEvent::outcomeName(event.outcome),
                            event.target.isEmpty() ? QStringLiteral("-") : event.target, detailsText(event.details))
                    + u'\n');
        }
        return ExitOk;
    }

    if (subcommand == QLatin1String("enable") || subcommand == QLatin1String("disable")) {
        if (parser.isSet(syslogOption) && parser.isSet(noSyslogOption))
            return usage(tr("--syslog and --no-syslog exclude each other."));
        const std::unique_ptr<QSettings> settings = AppPaths::settings();
        const auto trail = std::make_shared<AuditTrail>(path);
        AuditedSettings audited(*settings, trail);
        audited.applyToTrail();
        QString error;
        bool ok = true;
        if (subcommand == QLatin1String("enable")) {
            ok = audited.setValue(AuditedSettings::auditEnabledKey(), true, &error);
            if (ok && (parser.isSet(syslogOption) || parser.isSet(noSyslogOption)))
                ok = audited.setValue(AuditedSettings::auditSyslogKey(), parser.isSet(syslogOption), &error);
        } else {
            ok = audited.setValue(AuditedSettings::auditEnabledKey(), false, &error);
        }
        if (!ok) {
            write(err, QStringLiteral("cimdiag-cli audit: ") + error + u'\n');
            return ExitIoError;
        }
        write(out,
            (trail->isEnabled() ? tr("The audit trail is on (%1).").arg(path) : tr("The audit trail is off.")) + u'\n');
        return ExitOk;
    }
    return usage(tr("unknown subcommand \"%1\"; the subcommands are: show, verify, enable, disable.").arg(subcommand));
}

} // namespace cimdiag
