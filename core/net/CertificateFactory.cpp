// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/net/CertificateFactory.h"

#include "core/net/OpenSslPointers.h"

#include <QFile>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace cimdiag {

namespace {

constexpr long kDay = 24L * 60 * 60;

QString openSslError(const char *what)
{
    QString text = QString::fromLatin1(what);
    const unsigned long code = ERR_get_error();
    if (code != 0) {
        char buffer[256] = {};
        ERR_error_string_n(code, buffer, sizeof buffer);
        text += QStringLiteral(": ") + QString::fromLatin1(buffer);
    }
    ERR_clear_error();
    return text;
}

EvpPkeyPtr generateRsaKey(int bits)
{
    // EVP_PKEY_Q_keygen directly: the EVP_RSA_gen macro expands to an old-style cast.
    return EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits)));
}

bool addExtension(X509 *certificate, X509 *issuer, int nid, const QByteArray &value)
{
    X509V3_CTX context;
    X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
    X509ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value.constData()));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

bool addNameEntry(X509_NAME *name, const char *field, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
               reinterpret_cast<const unsigned char *>(utf8.constData()), static_cast<int>(utf8.size()), -1, 0)
        == 1;
}

struct CertificateSpec
{
    QString commonName;
    QString organization;
    long notBeforeOffset = -kDay;
    long notAfterOffset = 30 * kDay;
    QList<QPair<int, QByteArray>> extensions;
    const EVP_MD *digest = nullptr;
};

/// Builds and signs one certificate. issuer/issuerKey null: self-signed with subjectKey.
X509Ptr makeCertificate(
    const CertificateSpec &spec, EVP_PKEY *subjectKey, X509 *issuer, EVP_PKEY *issuerKey, QString *error)
{
    X509Ptr certificate(X509_new());
    if (!certificate) {
        *error = openSslError("X509_new");
        return {};
    }
    X509_set_version(certificate.get(), X509_VERSION_3);
    quint64 serial = 0;
    RAND_bytes(reinterpret_cast<unsigned char *>(&serial), sizeof serial);
    // Positive and non-zero (RFC 5280 4.1.2.2); random so re-generated CAs never collide in a cache.
    ASN1_INTEGER_set_uint64(X509_get_serialNumber(certificate.get()), (serial >> 1) | 1U);
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), spec.notBeforeOffset);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), spec.notAfterOffset);
    X509_set_pubkey(certificate.get(), subjectKey);

    X509_NAME *subject = X509_get_subject_name(certificate.get());
    if ((!spec.organization.isEmpty() && !addNameEntry(subject, "O", spec.organization))
        || !addNameEntry(subject, "CN", spec.commonName)) {
        *error = openSslError("X509_NAME_add_entry_by_txt");
        return {};
    }
    X509 *signer = issuer ? issuer : certificate.get();
    X509_set_issuer_name(certificate.get(), X509_get_subject_name(signer));

    for (const auto &[nid, value] : spec.extensions) {
        if (!addExtension(certificate.get(), signer, nid, value)) {
            *error = openSslError("X509V3_EXT_conf_nid");
            return {};
        }
    }
    if (X509_sign(certificate.get(), issuerKey ? issuerKey : subjectKey, spec.digest) == 0) {
        *error = openSslError("X509_sign");
        return {};
    }
    return certificate;
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, size);
}

QByteArray certificatePem(X509 *certificate)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), certificate);
    return bioContents(bio.get());
}

QByteArray privateKeyPem(EVP_PKEY *key)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
    return bioContents(bio.get());
}

IssuedCertificate toQt(X509 *certificate, EVP_PKEY *key, const QList<QSslCertificate> &chain)
{
    IssuedCertificate issued;
    issued.certificate = QSslCertificate(certificatePem(certificate), QSsl::Pem);
    issued.privateKey = QSslKey(privateKeyPem(key), QSsl::Rsa, QSsl::Pem, QSsl::PrivateKey);
    issued.chain = chain;
    return issued;
}

/// The leaf's spec from a request: validity, digest, names; keyUsage only for CA-issued leaves.
CertificateSpec serverSpec(const CertificateRequest &request, const QString &organization, bool selfSigned)
{
    CertificateSpec spec;
    spec.commonName = request.commonName;
    spec.organization = request.organization.isEmpty() ? organization : request.organization;
    spec.notBeforeOffset = static_cast<long>(request.notBeforeDays) * kDay;
    spec.notAfterOffset = static_cast<long>(request.notAfterDays) * kDay;
    // SHA-1 signatures fail at SECLEVEL 1 and above in OpenSSL 3 (verify code 68, C6).
    spec.digest = request.digest == CertificateRequest::Digest::Sha1 ? EVP_sha1() : EVP_sha256();

    QStringList altNames;
    for (const QString &dns : request.dnsNames)
        altNames.append(QStringLiteral("DNS:") + dns);
    for (QHostAddress address : request.ipAddresses) {
        address.setScopeId({}); // fe80::1%eth0: OpenSSL takes no zone in an IP name
        altNames.append(QStringLiteral("IP:") + address.toString());
    }
    spec.extensions.append({NID_basic_constraints, QByteArrayLiteral("CA:FALSE")});
    if (!selfSigned) {
        // Without keyUsage a self-signed leaf is recognised as self-signed (verify code 18, C7) and
        // can be trusted as its own anchor; with keyUsage lacking keyCertSign OpenSSL would report 20.
        spec.extensions.append({NID_key_usage, QByteArrayLiteral("critical,digitalSignature,keyEncipherment")});
    }
    spec.extensions.append({NID_ext_key_usage, QByteArrayLiteral("serverAuth")});
    // No names at all (a test that wants only the CN) means no subjectAltName: an empty one is invalid.
    if (!altNames.isEmpty())
        spec.extensions.append({NID_subject_alt_name, altNames.join(QLatin1Char(',')).toLatin1()});
    spec.extensions.append({NID_subject_key_identifier, QByteArrayLiteral("hash")});
    return spec;
}

/// A new key and a certificate for it as spec says, signed by the CA (PEM); what names the step in an
/// OpenSSL error.
IssuedCertificate issueUnderCa(const QSslCertificate &caCertificate, const QByteArray &caKeyPem,
    const CertificateSpec &spec, int keyBits, const char *what, QString *error)
{
    EvpPkeyPtr key = generateRsaKey(keyBits);
    const QByteArray caPem = caCertificate.toPem();
    BioPtr caCertBio(BIO_new_mem_buf(caPem.constData(), static_cast<int>(caPem.size())));
    X509Ptr ca(PEM_read_bio_X509(caCertBio.get(), nullptr, nullptr, nullptr));
    BioPtr caKeyBio(BIO_new_mem_buf(caKeyPem.constData(), static_cast<int>(caKeyPem.size())));
    EvpPkeyPtr caKey(PEM_read_bio_PrivateKey(caKeyBio.get(), nullptr, nullptr, nullptr));
    if (!key || !ca || !caKey) {
        if (error)
            *error = openSslError(what);
        return IssuedCertificate();
    }
    QString reason;
    X509Ptr certificate = makeCertificate(spec, key.get(), ca.get(), caKey.get(), &reason);
    if (!certificate) {
        if (error)
            *error = reason;
        return IssuedCertificate();
    }
    return toQt(certificate.get(), key.get(), {caCertificate});
}

} // namespace

std::optional<CertificateFactory> CertificateFactory::create(
    const QString &commonName, const QString &organization, QString *error)
{
    QString reason;
    EvpPkeyPtr key = generateRsaKey(2048);
    if (!key) {
        if (error)
            *error = openSslError("RSA key generation");
        return std::nullopt;
    }
    CertificateSpec spec;
    spec.commonName = commonName;
    spec.organization = organization;
    spec.notAfterOffset = 365 * kDay;
    spec.digest = EVP_sha256();
    spec.extensions = {
        {NID_basic_constraints, QByteArrayLiteral("critical,CA:TRUE")},
        {NID_key_usage, QByteArrayLiteral("critical,keyCertSign,cRLSign")},
        {NID_subject_key_identifier, QByteArrayLiteral("hash")},
    };
    X509Ptr ca = makeCertificate(spec, key.get(), nullptr, nullptr, &reason);
    if (!ca) {
        if (error)
            *error = reason;
        return std::nullopt;
    }
    CertificateFactory factory;
    factory.m_caCertificate = QSslCertificate(certificatePem(ca.get()), QSsl::Pem);
    factory.m_caKeyPem = privateKeyPem(key.get());
    factory.m_organization = organization;
    return factory;
}

IssuedCertificate CertificateFactory::selfSignedServerCertificate(const CertificateRequest &request, QString *error)
{
    QString reason;
    EvpPkeyPtr key = generateRsaKey(request.keyBits);
    if (!key) {
        if (error)
            *error = openSslError("RSA key generation");
        return IssuedCertificate();
    }
    X509Ptr certificate
        = makeCertificate(serverSpec(request, QStringLiteral("cimdiag"), true), key.get(), nullptr, nullptr, &reason);
    if (!certificate) {
        if (error)
            *error = reason;
        return IssuedCertificate();
    }
    return toQt(certificate.get(), key.get(), {});
}

bool CertificateFactory::writeCaCertificatePem(const QString &path, QString *error) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(caCertificatePem()) < 0 || !file.flush()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

IssuedCertificate CertificateFactory::issueServerCertificate(const CertificateRequest &request, QString *error) const
{
    CertificateSpec spec = serverSpec(request, m_organization, false);
    spec.extensions.append({NID_authority_key_identifier, QByteArrayLiteral("keyid:always")});
    return issueUnderCa(m_caCertificate, m_caKeyPem, spec, request.keyBits, "server certificate set-up", error);
}

IssuedCertificate CertificateFactory::issueClientCertificate(const QString &commonName, QString *error) const
{
    CertificateSpec spec;
    spec.commonName = commonName;
    spec.organization = m_organization;
    spec.digest = EVP_sha256();
    spec.extensions = {
        {NID_basic_constraints, QByteArrayLiteral("CA:FALSE")},
        {NID_key_usage, QByteArrayLiteral("critical,digitalSignature")},
        {NID_ext_key_usage, QByteArrayLiteral("clientAuth")},
        {NID_subject_key_identifier, QByteArrayLiteral("hash")},
        {NID_authority_key_identifier, QByteArrayLiteral("keyid:always")},
    };
    return issueUnderCa(m_caCertificate, m_caKeyPem, spec, 2048, "client certificate set-up", error);
}

} // namespace cimdiag
