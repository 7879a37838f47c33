// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/wbem/WbemTlsOptions.h"

#include <QFile>

namespace cimdiag {

QByteArray WbemTlsOptions::pinnedDigest() const
{
    if (pinnedSha256.size() == 32)
        return pinnedSha256;
    QByteArray hex = pinnedSha256;
    hex.replace(':', QByteArray());
    hex = hex.trimmed();
    const QByteArray raw = QByteArray::fromHex(hex);
    return raw.size() == 32 ? raw : QByteArray();
}

QString WbemTlsOptions::loadClientIdentity(const QString &certificateFile, const QString &keyFile,
    const QByteArray &passphrase, QSslCertificate *certificate, QSslKey *key)
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(certificateFile, QSsl::Pem);
    QFile file(keyFile.isEmpty() ? certificateFile : keyFile);
    QSslKey loaded;
    if (file.open(QIODevice::ReadOnly)) {
        const QByteArray pem = file.readAll();
        for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
            loaded = QSslKey(pem, algorithm, QSsl::Pem, QSsl::PrivateKey, passphrase);
            if (!loaded.isNull())
                break;
        }
    }
    if (certificates.isEmpty())
        return QStringLiteral("no client certificate in %1").arg(certificateFile);
    if (loaded.isNull())
        return QStringLiteral("no usable private key in %1").arg(file.fileName());
    *certificate = certificates.constFirst();
    *key = loaded;
    return {};
}

} // namespace cimdiag
