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
        QCOMPARE(CliListenCommand::parse({program, listen, QStringLiteral("--https")}).action, Action::Usage);
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
