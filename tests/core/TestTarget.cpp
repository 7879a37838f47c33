// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/Target.h"

#include <QJsonDocument>
#include <QTest>

using namespace cimdiag;

class TestTarget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromUrl_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<int>("otherPort");
        QTest::newRow("bare host") << "esx01.example.com"
                                   << "https"
                                   << "esx01.example.com" << 5989 << 5988;
        QTest::newRow("host:port") << "10.0.0.5:5988"
                                   << "https"
                                   << "10.0.0.5" << 5988 << 5989;
        QTest::newRow("http default port") << "http://10.0.0.5"
                                           << "http"
                                           << "10.0.0.5" << 5988 << 5989;
        QTest::newRow("https path ignored") << "https://h:15989/cimom"
                                            << "https"
                                            << "h" << 15989 << 5988;
        QTest::newRow("ipv6") << "https://[::1]:5989"
                              << "https"
                              << "::1" << 5989 << 5988;
        QTest::newRow("upper-case scheme") << "HTTPS://h"
                                           << "https"
                                           << "h" << 5989 << 5988;
        QTest::newRow("spaces") << "  h  "
                                << "https"
                                << "h" << 5989 << 5988;
    }
    void fromUrl()
    {
        QFETCH(QString, text);
        QString error;
        const std::optional<Target> target = Target::fromUrl(text, &error);
        QVERIFY2(target, qPrintable(error));
        QTEST(target->scheme, "scheme");
        QTEST(target->host, "host");
        QTEST(int(target->port), "port");
        QTEST(int(target->otherPort()), "otherPort");
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << ""
                               << "empty";
        QTest::newRow("scheme") << "ftp://h"
                                << "unsupported scheme \"ftp\"";
        QTest::newRow("password in URL") << "https://root:secret@h"
                                         << "credentials in the URL";
        QTest::newRow("port zero") << "h:0"
                                   << "port 0";
        QTest::newRow("bad port") << "h:99999"
                                  << "not a valid URL";
    }
    void rejects()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!Target::fromUrl(text, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY(!error.contains(QStringLiteral("secret")));
    }

    void displayUrlAndConnectionOptions()
    {
        Target target = *Target::fromUrl(QStringLiteral("[::1]:5989"));
        QCOMPARE(target.displayUrl(), QStringLiteral("https://[::1]:5989"));
        target.nameSpace = QStringLiteral("root/ibm");
        target.timeout = std::chrono::milliseconds(1500);
        const WbemConnectionOptions options = target.connectionOptions();
        QCOMPARE(options.url.toString(), QStringLiteral("https://[::1]:5989/cimom"));
        QCOMPARE(options.defaultNamespace, QStringLiteral("root/ibm"));
        QCOMPARE(options.connectTimeout.count(), 1500);
        QCOMPARE(options.readTimeout.count(), 1500);
    }

    void jsonCarriesNoSecret()
    {
        Target target = *Target::fromUrl(QStringLiteral("h"));
        target.credentials = WbemCredentials::basic(QStringLiteral("root"), QStringLiteral("pa55word"));
        const QByteArray json = QJsonDocument(target.toJson()).toJson();
        QVERIFY(json.contains("\"root\""));
        QVERIFY(!json.contains("pa55word"));
        target.credentials = WbemCredentials::cimTicket(QStringLiteral("52a1-ticket"));
        QVERIFY(!QJsonDocument(target.toJson()).toJson().contains("52a1-ticket"));
    }
};

QTEST_GUILESS_MAIN(TestTarget)
#include "TestTarget.moc"
