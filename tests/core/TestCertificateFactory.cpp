// SPDX-License-Identifier: GPL-3.0-or-later
// core/net/CertificateFactory: what the listener stage and the simulator rely on. Names, validity
// and digest of the request end up in the certificate; a self-signed leaf verifies against exactly
// itself and nothing else; CA-issued leaves and client certificates chain to the CA.
#include "core/net/CertificateFactory.h"

#include <QSslError>
#include <QTest>

using namespace cimdiag;

class TestCertificateFactory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void selfSignedForAnAddress()
    {
        CertificateRequest request;
        request.commonName = QStringLiteral("192.0.2.7");
        request.dnsNames.clear();
        request.ipAddresses = {QHostAddress(QStringLiteral("192.0.2.7"))};
        request.notAfterDays = 7;
        QString error;
        const IssuedCertificate issued = CertificateFactory::selfSignedServerCertificate(request, &error);
        QVERIFY2(!issued.isNull(), qPrintable(error));
        QVERIFY(issued.chain.isEmpty());
        QVERIFY(issued.certificate.isSelfSigned());
        const auto names = issued.certificate.subjectAlternativeNames();
        QCOMPARE(names.values(QSsl::IpAddressEntry), QStringList {QStringLiteral("192.0.2.7")});
        QVERIFY(names.values(QSsl::DnsEntry).isEmpty());
        const qint64 days = issued.certificate.effectiveDate().daysTo(issued.certificate.expiryDate());
        QCOMPARE(days, 8); // from a day ago
        QCOMPARE(issued.sha256Fingerprint().size(), 32 * 3 - 1);
        QCOMPARE(issued.sha256Fingerprint(),
            QString::fromLatin1(issued.certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper()));

        // Nobody trusts it by default: a verifier without it as a CA sees C7's self-signed error.
        bool selfSigned = false;
        for (const QSslError &sslError : QSslCertificate::verify({issued.certificate}, QStringLiteral("192.0.2.7")))
            selfSigned = selfSigned || sslError.error() == QSslError::SelfSignedCertificate;
        QVERIFY(selfSigned);
        // Each call makes a new key: a new fingerprint.
        const auto other = CertificateFactory::selfSignedServerCertificate(request, &error);
        QVERIFY(other.sha256Fingerprint() != issued.sha256Fingerprint());
    }

    void selfSignedForAName()
    {
        CertificateRequest request;
        request.commonName = QStringLiteral("workstation.example");
        request.dnsNames = {QStringLiteral("workstation.example")};
        request.ipAddresses.clear();
        QString error;
        const IssuedCertificate issued = CertificateFactory::selfSignedServerCertificate(request, &error);
        QVERIFY2(!issued.isNull(), qPrintable(error));
        QCOMPARE(issued.certificate.subjectAlternativeNames().values(QSsl::DnsEntry),
            QStringList {QStringLiteral("workstation.example")});
        QCOMPARE(
            issued.certificate.subjectInfo(QSslCertificate::Organization), QStringList {QStringLiteral("cimdiag")});
    }

    void issuedChainsToTheCa()
    {
        QString error;
        const auto factory = CertificateFactory::create(QStringLiteral("test CA"), QStringLiteral("test org"), &error);
        QVERIFY2(factory, qPrintable(error));
        QVERIFY(factory->caCertificate().isSelfSigned());
        CertificateRequest request;
        request.digest = CertificateRequest::Digest::Sha1;
        request.notBeforeDays = -60;
        request.notAfterDays = -1;
        const IssuedCertificate expired = factory->issueServerCertificate(request, &error);
        QVERIFY2(!expired.isNull(), qPrintable(error));
        QCOMPARE(expired.chain, QList<QSslCertificate> {factory->caCertificate()});
        QCOMPARE(expired.certificate.issuerInfo(QSslCertificate::CommonName), QStringList {QStringLiteral("test CA")});
        QCOMPARE(
            expired.certificate.subjectInfo(QSslCertificate::Organization), QStringList {QStringLiteral("test org")});
        QVERIFY(expired.certificate.expiryDate() < QDateTime::currentDateTimeUtc());
        QVERIFY(expired.certificate.toText().contains(QLatin1String("sha1WithRSAEncryption")));

        const IssuedCertificate client = factory->issueClientCertificate(QStringLiteral("client"), &error);
        QVERIFY2(!client.isNull(), qPrintable(error));
        QVERIFY(client.certificate.toText().contains(QLatin1String("TLS Web Client Authentication")));
        QCOMPARE(client.chain, QList<QSslCertificate> {factory->caCertificate()});
    }
};

QTEST_GUILESS_MAIN(TestCertificateFactory)
#include "TestCertificateFactory.moc"
