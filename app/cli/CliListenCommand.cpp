// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliListenCommand.h"

#include "app/cli/CliInterruptWatcher.h"
#include "core/cim/CimJson.h"
#include "core/listener/IndicationListener.h"
#include "core/net/CertificateFactory.h"
#include "core/net/ServerCertificateFiles.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace cimdiag {

namespace {

/// main.cpp's QFiles on stdout/stderr buffer; a listener's lines must show as they happen, also in a pipe.
void flush(QIODevice &device)
{
    if (auto *file = qobject_cast<QFile *>(&device))
        file->flush();
}

} // namespace

CliListenCommand::Parsed CliListenCommand::parse(const QStringList &arguments)
{
    Parsed parsed;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Run a CIM-XML indication listener (DSP0200 export: POST and M-POST) and print every indication "
           "it receives. The listening URL is printed to standard error first; use it as the Destination of a "
           "CIM_ListenerDestinationCIMXML.\n\nExit status: 0 done, 1 --timeout before --count indications, "
           "64 usage, 66 unusable certificate or key (unreadable, not PEM, not a pair, expired), 69 cannot listen."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption portOption(
        QStringLiteral("port"), tr("Listen on PORT (default 0: a free one)."), tr("PORT"));
    const QCommandLineOption addressOption(
        QStringLiteral("address"), tr("Listen on ADDRESS (default: every IPv4 address)."), tr("ADDRESS"));
    const QCommandLineOption httpsOption(QStringLiteral("https"),
        tr("Listen with TLS: with --cert and --key, or a self-signed certificate made at start (its SHA-256 "
           "fingerprint is printed)."));
    const QCommandLineOption certOption(QStringLiteral("cert"), tr("PEM certificate (chain) for --https."), tr("FILE"));
    const QCommandLineOption keyOption(QStringLiteral("key"), tr("PEM private key for --https."), tr("FILE"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Print one JSON object per line."));
    const QCommandLineOption countOption(QStringLiteral("count"), tr("Stop after N indications."), tr("N"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"), tr("Stop after S seconds."), tr("S"));
    parser.addOptions(
        {portOption, addressOption, httpsOption, certOption, keyOption, jsonOption, countOption, timeoutOption});
    parser.addPositionalArgument(QStringLiteral("listen"), tr("Run an indication listener."), QStringLiteral("listen"));

    const auto usage = [&parsed](const QString &text) {
        parsed.action = Parsed::Action::Usage;
        parsed.text = text;
        return parsed;
    };
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(helpOption)) {
        parsed.action = Parsed::Action::Help;
        parsed.text = parser.helpText();
        return parsed;
    }
    if (parser.isSet(versionOption)) {
        parsed.action = Parsed::Action::Version;
        parsed.text = QCoreApplication::applicationName() + u' ' + QCoreApplication::applicationVersion() + u'\n';
        return parsed;
    }
    if (parser.positionalArguments().size() > 1)
        return usage(tr("unexpected argument \"%1\"").arg(parser.positionalArguments().at(1)));
    Options &options = parsed.options;
    bool ok = true;
    if (parser.isSet(portOption)) {
        const uint port = parser.value(portOption).toUInt(&ok);
        if (!ok || port > 65535)
            return usage(tr("--port must be a number from 0 to 65535"));
        options.port = static_cast<quint16>(port);
    }
    if (parser.isSet(addressOption) && !options.address.setAddress(parser.value(addressOption)))
        return usage(tr("--address \"%1\" is not an IP address").arg(parser.value(addressOption)));
    options.https = parser.isSet(httpsOption);
    options.certificateFile = parser.value(certOption);
    options.keyFile = parser.value(keyOption);
    if (options.https && options.certificateFile.isEmpty() != options.keyFile.isEmpty())
        return usage(tr("--cert FILE and --key FILE go together"));
    if (!options.https && (!options.certificateFile.isEmpty() || !options.keyFile.isEmpty()))
        return usage(tr("--cert and --key go with --https"));
    options.json = parser.isSet(jsonOption);
    if (parser.isSet(countOption)) {
        options.count = parser.value(countOption).toInt(&ok);
        if (!ok || options.count < 1)
            return usage(tr("--count must be a positive number"));
    }
    if (parser.isSet(timeoutOption)) {
        options.timeoutSeconds = parser.value(timeoutOption).toInt(&ok);
        if (!ok || options.timeoutSeconds < 1)
            return usage(tr("--timeout must be a positive number of seconds"));
    }
    return parsed;
}

CliListenCommand::CliListenCommand(Options options)
    : m_options(std::move(options))
{ }

QString CliListenCommand::textLine(const ReceivedIndication &indication)
{
    QString line = indication.receivedAt.toString(Qt::ISODateWithMs) + QStringLiteral("  ")
        + indication.sender.toString() + u':' + QString::number(indication.senderPort) + QStringLiteral("  ")
        + indication.indication.className();
    for (const CimProperty &property : indication.indication.properties()) {
        if (!property.value().isNull())
            line += u' ' + property.name() + u'=' + property.value().toMof();
    }
    return line + u'\n';
}

QByteArray CliListenCommand::jsonLine(const ReceivedIndication &indication)
{
    QJsonObject object;
    object.insert(QStringLiteral("time"), indication.receivedAt.toString(Qt::ISODateWithMs));
    object.insert(QStringLiteral("sender"), indication.sender.toString());
    object.insert(QStringLiteral("senderPort"), indication.senderPort);
    object.insert(QStringLiteral("tls"), indication.tls);
    object.insert(QStringLiteral("method"), QString::fromLatin1(indication.method));
    object.insert(QStringLiteral("target"), QString::fromUtf8(indication.target));
    object.insert(QStringLiteral("messageId"), indication.messageId);
    object.insert(QStringLiteral("sequence"), indication.sequence);
    object.insert(QStringLiteral("className"), indication.indication.className());
    object.insert(QStringLiteral("indication"), CimJson::instance(indication.indication));
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

int CliListenCommand::run(QIODevice &out, QIODevice &err) const
{
    IndicationListenerOptions options;
    options.address = m_options.address;
    options.port = m_options.port;
    if (m_options.https && m_options.certificateFile.isEmpty()) {
        // A certificate for the address listened on (and localhost), made now: what a test needs.
        CertificateRequest request;
        if (!m_options.address.isNull() && m_options.address != QHostAddress(QHostAddress::Any)
            && m_options.address != QHostAddress(QHostAddress::AnyIPv4)
            && m_options.address != QHostAddress(QHostAddress::AnyIPv6)
            && !request.ipAddresses.contains(m_options.address))
            request.ipAddresses.append(m_options.address);
        QString error;
        const IssuedCertificate issued = CertificateFactory::selfSignedServerCertificate(request, &error);
        if (issued.isNull()) {
            err.write(tr("cimdiag-cli listen: cannot make a certificate: %1\n").arg(error).toUtf8());
            return ExitUnavailable;
        }
        options.certificate = issued.certificate;
        options.privateKey = issued.privateKey;
        err.write(tr("self-signed certificate, SHA-256 %1\n").arg(issued.sha256Fingerprint()).toUtf8());
    } else if (m_options.https) {
        const ServerCertificateFiles files = ServerCertificateFiles::load(m_options.certificateFile, m_options.keyFile);
        if (!files.isValid()) {
            err.write(tr("cimdiag-cli listen: %1\n").arg(files.errorString()).toUtf8());
            return ExitNoInput;
        }
        options.certificate = files.certificate();
        options.chain = files.chain();
        options.privateKey = files.privateKey();
        err.write(
            tr("certificate from %1, SHA-256 %2\n").arg(m_options.certificateFile, files.sha256Fingerprint()).toUtf8());
    }

    IndicationListener listener;
    if (!listener.listen(options)) {
        err.write(QStringLiteral("cimdiag-cli listen: %1\n").arg(listener.errorString()).toUtf8());
        return ExitUnavailable;
    }
    err.write(tr("listening on %1\n").arg(listener.destinationUrl(listener.address().toString()).toString()).toUtf8());
    flush(err);

    QEventLoop loop;
    int status = ExitOk;
    int printed = 0;
    QObject::connect(
        &listener, &IndicationListener::indicationReceived, &loop, [&](const ReceivedIndication &indication) {
            out.write(m_options.json ? jsonLine(indication) : textLine(indication).toUtf8());
            flush(out);
            if (m_options.count > 0 && ++printed >= m_options.count)
                loop.quit();
        });
    QObject::connect(&listener, &IndicationListener::requestRejected, &loop, [&err](const RejectedExportRequest &r) {
        err.write(tr("refused a request from %1: %2 %3 %4\n")
                      .arg(r.sender.toString())
                      .arg(r.status)
                      .arg(QString::fromLatin1(r.cimError), r.reason)
                      .toUtf8());
        flush(err);
    });
    CliInterruptWatcher interrupts;
    QObject::connect(&interrupts, &CliInterruptWatcher::interrupted, &loop, &QEventLoop::quit);
    QTimer timeout;
    timeout.setSingleShot(true);
    if (m_options.timeoutSeconds > 0) {
        QObject::connect(&timeout, &QTimer::timeout, &loop, [&] {
            if (m_options.count > 0)
                status = ExitIncomplete;
            loop.quit();
        });
        timeout.start(m_options.timeoutSeconds * 1000);
    }
    loop.exec();
    listener.close();
    return status;
}

} // namespace cimdiag
