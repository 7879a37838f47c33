// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/net/ServerCertificateFiles.h"

#include "core/net/OpenSslPointers.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHostAddress>
#include <QUrl>

#include <openssl/err.h>
#include <openssl/pem.h>

namespace cimdiag {

namespace {

/// PEM files of a certificate chain or a key are a few KiB; anything far larger is not one.
constexpr qint64 kMaxFileSize = 1024 * 1024;

/// The PEM password callback: no passphrase. OpenSSL's default would prompt on the terminal, which
/// a GUI or a script cannot answer; an encrypted key is refused with a clear reason instead.
int noPassphrase(char *, int, int, void *)
{
    return 0;
}

BioPtr memoryBio(const QByteArray &data)
{
    return BioPtr(BIO_new_mem_buf(data.constData(), static_cast<int>(data.size())));
}

} // namespace

ServerCertificateFiles &ServerCertificateFiles::fail(Problem problem, const QString &error)
{
    m_problem = problem;
    m_error = error;
    m_certificate.clear();
    m_chain.clear();
    m_privateKey.clear();
    return *this;
}

ServerCertificateFiles ServerCertificateFiles::load(
    const QString &certificateFile, const QString &keyFile, const QDateTime &now)
{
    ServerCertificateFiles files;
    files.m_certificateFile = certificateFile;
    files.m_keyFile = keyFile;

    QFile certificateIn(certificateFile);
    if (certificateFile.isEmpty() || !certificateIn.open(QIODevice::ReadOnly) || certificateIn.size() > kMaxFileSize)
        return files.fail(Problem::CertificateUnreadable,
            tr("%1: cannot read the certificate file: %2")
                .arg(certificateFile,
                    certificateIn.isOpen() ? tr("larger than a certificate chain") : certificateIn.errorString()));
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(certificateIn.readAll(), QSsl::Pem);
    if (certificates.isEmpty() || certificates.constFirst().isNull())
        return files.fail(Problem::CertificateNotPem,
            tr("%1: holds no PEM certificate (-----BEGIN CERTIFICATE-----)").arg(certificateFile));

    QFile keyIn(keyFile);
    if (keyFile.isEmpty() || !keyIn.open(QIODevice::ReadOnly) || keyIn.size() > kMaxFileSize)
        return files.fail(Problem::KeyUnreadable,
            tr("%1: cannot read the key file: %2")
                .arg(keyFile, keyIn.isOpen() ? tr("larger than a private key") : keyIn.errorString()));
    QByteArray keyData = keyIn.readAll();
    // OpenSSL reads every PEM key form (PKCS#1, SEC1, PKCS#8); QSslKey needs the algorithm named.
    const BioPtr keyBio = memoryBio(keyData);
    const EvpPkeyPtr key(keyBio ? PEM_read_bio_PrivateKey(keyBio.get(), nullptr, &noPassphrase, nullptr) : nullptr);
    ERR_clear_error();
    const bool encrypted = keyData.contains("ENCRYPTED");
    keyData.fill('\0'); // the key's bytes do not outlive the parse in this buffer
    if (!key)
        return files.fail(Problem::KeyNotPem,
            encrypted ? tr("%1: the private key is encrypted; give an unencrypted PEM key").arg(keyFile)
                      : tr("%1: holds no PEM private key (-----BEGIN PRIVATE KEY-----)").arg(keyFile));
    QSsl::KeyAlgorithm algorithm = QSsl::Opaque;
    switch (EVP_PKEY_get_base_id(key.get())) {
    case EVP_PKEY_RSA:
        algorithm = QSsl::Rsa;
        break;
    case EVP_PKEY_EC:
        algorithm = QSsl::Ec;
        break;
    default:
        return files.fail(Problem::KeyNotPem,
            tr("%1: a %2 key; the listener takes RSA or EC keys")
                .arg(keyFile, QString::fromLatin1(EVP_PKEY_get0_type_name(key.get()))));
    }

    const QByteArray leafDer = certificates.constFirst().toDer();
    const auto *derData = reinterpret_cast<const unsigned char *>(leafDer.constData());
    const X509Ptr leaf(d2i_X509(nullptr, &derData, static_cast<long>(leafDer.size())));
    const bool matches = leaf && X509_check_private_key(leaf.get(), key.get()) == 1;
    ERR_clear_error();
    if (!matches)
        return files.fail(Problem::KeyMismatch,
            tr("%1: the private key does not belong to the certificate in %2").arg(keyFile, certificateFile));

    // QSslKey from OpenSSL's own unencrypted PKCS#8 PEM: one form Qt reads for RSA and EC alike.
    const BioPtr out(BIO_new(BIO_s_mem()));
    QByteArray pkcs8;
    if (out && PEM_write_bio_PrivateKey(out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1) {
        char *data = nullptr;
        const long size = BIO_get_mem_data(out.get(), &data);
        pkcs8 = QByteArray(data, size);
    }
    files.m_privateKey = QSslKey(pkcs8, algorithm, QSsl::Pem, QSsl::PrivateKey);
    pkcs8.fill('\0');
    if (files.m_privateKey.isNull())
        return files.fail(Problem::KeyNotPem, tr("%1: Qt cannot use this private key").arg(keyFile));

    const QSslCertificate &first = certificates.constFirst();
    if (now < first.effectiveDate())
        return files.fail(Problem::NotYetValid,
            tr("%1: the certificate is not valid before %2")
                .arg(certificateFile, first.effectiveDate().toString(Qt::ISODate)));
    if (now > first.expiryDate())
        return files.fail(Problem::Expired,
            tr("%1: the certificate expired on %2").arg(certificateFile, first.expiryDate().toString(Qt::ISODate)));
    files.m_certificate = first;
    files.m_chain = certificates.mid(1);
    return files;
}

QString ServerCertificateFiles::sha256Fingerprint() const
{
    return m_certificate.isNull()
        ? QString()
        : QString::fromLatin1(m_certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

bool ServerCertificateFiles::coversHost(const QSslCertificate &certificate, const QString &host)
{
    if (certificate.isNull() || host.isEmpty())
        return false;
    const QByteArray der = certificate.toDer();
    const auto *derData = reinterpret_cast<const unsigned char *>(der.constData());
    const X509Ptr x509(d2i_X509(nullptr, &derData, static_cast<long>(der.size())));
    if (!x509)
        return false;
    QString name = host;
    if (name.startsWith(u'[') && name.endsWith(u']'))
        name = name.mid(1, name.size() - 2);
    const QHostAddress address(name);
    bool covered = false;
    if (!address.isNull()) {
        // Without a scope id: SAN IP entries carry only the 16 bytes.
        QHostAddress plain = address;
        plain.setScopeId(QString());
        covered = X509_check_ip_asc(x509.get(), plain.toString().toLatin1().constData(), 0) == 1;
    } else {
        const QByteArray ascii = QUrl::toAce(name);
        covered
            = !ascii.isEmpty() && X509_check_host(x509.get(), ascii.constData(), size_t(ascii.size()), 0, nullptr) == 1;
    }
    ERR_clear_error();
    return covered;
}

} // namespace cimdiag
