// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QSsl>
#include <QSslCertificate>
#include <QSslCipher>
#include <QSslError>

namespace cimdiag {

/// What a TLS handshake negotiated and saw (a value): protocol, cipher, the peer chain (leaf
/// first) and the verification errors, including the ones that were ignored by choice.
struct WbemTlsInfo final
{
    bool encrypted = false; ///< the handshake completed
    QSsl::SslProtocol protocol = QSsl::UnknownProtocol;
    QSslCipher cipher;
    QList<QSslCertificate> peerChain;
    QList<QSslError> verificationErrors;
    bool pinMatched = false; ///< a pinned fingerprint was configured and matched the leaf

    bool isNull() const { return !encrypted && peerChain.isEmpty() && verificationErrors.isEmpty(); }
    /// "TLSv1.3", "TLSv1.2", ...
    QString protocolName() const;
};

} // namespace cimdiag
