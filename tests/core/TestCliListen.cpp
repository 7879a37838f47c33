// SPDX-License-Identifier: GPL-3.0-or-later
// `cimdiag-cli listen` as a user runs it: a real process, a real indication posted to the URL it
// prints, the indication on standard output; and SIGTERM stops it cleanly.
#include "app/cli/CliListenCommand.h"
#include "core/cimxml/CimRequestBuilder.h"
#include "core/cimxml/CimXmlWriter.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTest>

#include <signal.h>

using namespace cimdiag;

class TestCliListen : public QObject
{
    Q_OBJECT

private:
    QString m_cli;

    /// Starts the listener and returns its port, read from the "listening on URL" line.
    quint16 startListener(QProcess &process, const QStringList &arguments)
    {
        process.start(m_cli,
            QStringList {QStringLiteral("listen"), QStringLiteral("--address"), QStringLiteral("127.0.0.1")}
                + arguments);
        QByteArray errText;
        static const QRegularExpression url(QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)/"));
        QRegularExpressionMatch match;
        if (!QTest::qWaitFor(
                [&] {
                    errText += process.readAllStandardError();
                    match = url.match(QString::fromUtf8(errText));
                    return match.hasMatch() || process.state() == QProcess::NotRunning;
                },
                10000))
            return 0;
        return match.hasMatch() ? static_cast<quint16>(match.captured(1).toUInt()) : 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_cli = qEnvironmentVariable("CIMDIAG_CLI");
        if (m_cli.isEmpty())
            QSKIP("CIMDIAG_CLI not set");
    }

    void printsAReceivedIndicationAsJson()
    {
        QProcess process;
        const quint16 port = startListener(process,
            {QStringLiteral("--json"), QStringLiteral("--count"), QStringLiteral("1"), QStringLiteral("--timeout"),
                QStringLiteral("30")});
        QVERIFY(port != 0);

        CimInstance alert(QStringLiteral("CIM_AlertIndication"));
        alert.setProperty(CimProperty(QStringLiteral("Description"), CimValue::string(QStringLiteral("fan 2 failed"))));
        const QByteArray body = CimXmlWriter::request(CimRequestBuilder::exportIndication(QStringLiteral("77"), alert));
        QTcpSocket socket;
        socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::ConnectedState, 5000);
        socket.write("POST /cimdiag HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/xml; charset=utf-8\r\n"
                     "CIMExport: MethodRequest\r\nCIMExportMethod: ExportIndication\r\nCIMProtocolVersion: 1.0\r\n"
                     "Content-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QByteArray reply;
        QTRY_VERIFY2_WITH_TIMEOUT((reply += socket.readAll()).contains("EXPMETHODRESPONSE"), reply.constData(), 5000);
        QVERIFY(reply.startsWith("HTTP/1.1 200"));

        QVERIFY(QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), int(CliListenCommand::ExitOk));
        const QList<QByteArray> lines = process.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(lines.size(), 1);
        const QJsonObject line = QJsonDocument::fromJson(lines.constFirst()).object();
        QCOMPARE(line.value(QLatin1StringView("className")).toString(), QStringLiteral("CIM_AlertIndication"));
        QCOMPARE(line.value(QLatin1StringView("messageId")).toString(), QStringLiteral("77"));
        QCOMPARE(line.value(QLatin1StringView("sender")).toString(), QStringLiteral("127.0.0.1"));
        QVERIFY(lines.constFirst().contains("fan 2 failed"));
    }

    void httpsWithARunTimeCertificate()
    {
        QProcess process;
        process.start(m_cli,
            {QStringLiteral("listen"), QStringLiteral("--address"), QStringLiteral("127.0.0.1"),
                QStringLiteral("--https"), QStringLiteral("--count"), QStringLiteral("1"), QStringLiteral("--timeout"),
                QStringLiteral("30")});
        static const QRegularExpression printed(
            QStringLiteral("SHA-256 ([0-9A-F:]{95})\\n.*listening on https://127\\.0\\.0\\.1:(\\d+)/"),
            QRegularExpression::DotMatchesEverythingOption);
        QByteArray errText;
        QRegularExpressionMatch match;
        QVERIFY(QTest::qWaitFor(
            [&] {
                errText += process.readAllStandardError();
                match = printed.match(QString::fromUtf8(errText));
                return match.hasMatch() || process.state() == QProcess::NotRunning;
            },
            10000));
        QVERIFY2(match.hasMatch(), errText.constData());
        const QString fingerprint = match.captured(1);
        const auto port = static_cast<quint16>(match.captured(2).toUInt());

        // The listener serves exactly the certificate whose fingerprint it printed: trusting that
        // one certificate (nothing ignored) verifies, names included.
        QSslSocket probe;
        QSslConfiguration unverified = probe.sslConfiguration();
        unverified.setPeerVerifyMode(QSslSocket::QueryPeer);
        probe.setSslConfiguration(unverified);
        probe.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
        QVERIFY(probe.waitForEncrypted(10000));
        const QSslCertificate served = probe.peerCertificate();
        QCOMPARE(QString::fromLatin1(served.digest(QCryptographicHash::Sha256).toHex(':').toUpper()), fingerprint);
        probe.abort();

        QSslSocket socket;
        QSslConfiguration trusting = socket.sslConfiguration();
        trusting.setCaCertificates({served});
        socket.setSslConfiguration(trusting);
        QList<QSslError> errors;
        connect(&socket, &QSslSocket::sslErrors, this, [&errors](const QList<QSslError> &list) { errors = list; });
        CimInstance alert(QStringLiteral("CIM_AlertIndication"));
        const QByteArray body = CimXmlWriter::request(CimRequestBuilder::exportIndication(QStringLiteral("5"), alert));
        connect(&socket, &QSslSocket::encrypted, this, [&] {
            socket.write("POST /cimdiag HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/xml; charset=utf-8\r\n"
                         "CIMExport: MethodRequest\r\nCIMExportMethod: ExportIndication\r\nCIMProtocolVersion: 1.0\r\n"
                         "Content-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        });
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
        QByteArray reply;
        QTRY_VERIFY2_WITH_TIMEOUT((reply += socket.readAll()).contains("EXPMETHODRESPONSE"),
            qPrintable(QDebug::toString(errors) + QString::fromUtf8(reply)), 10000);
        QVERIFY(errors.isEmpty());
        QVERIFY(reply.startsWith("HTTP/1.1 200"));
        QVERIFY(QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 10000));
        QCOMPARE(process.exitCode(), int(CliListenCommand::ExitOk));
    }

    void stopsCleanlyOnSignal()
    {
        QProcess process;
        QVERIFY(startListener(process, {}) != 0);
        ::kill(static_cast<pid_t>(process.processId()), SIGTERM);
        QVERIFY(QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), int(CliListenCommand::ExitOk));
    }

    void usageErrors()
    {
        using Action = CliListenCommand::Parsed::Action;
        const QString program = QStringLiteral("cimdiag-cli");
        const QString listen = QStringLiteral("listen");
        // --https alone makes its own certificate; --cert and --key come as a pair.
        QCOMPARE(CliListenCommand::parse({program, listen, QStringLiteral("--https")}).action, Action::Run);
        QCOMPARE(CliListenCommand::parse(
                     {program, listen, QStringLiteral("--https"), QStringLiteral("--cert"), QStringLiteral("c.pem")})
                     .action,
            Action::Usage);
        QCOMPARE(CliListenCommand::parse({program, listen, QStringLiteral("--port"), QStringLiteral("70000")}).action,
            Action::Usage);
        const auto ok = CliListenCommand::parse({program, listen, QStringLiteral("--port"), QStringLiteral("5990"),
            QStringLiteral("--count"), QStringLiteral("3")});
        QCOMPARE(ok.action, Action::Run);
        QCOMPARE(ok.options.port, quint16(5990));
        QCOMPARE(ok.options.count, 3);
    }
};

QTEST_GUILESS_MAIN(TestCliListen)
#include "TestCliListen.moc"
