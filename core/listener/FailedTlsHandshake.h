// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QHostAddress>
#include <QMetaType>
#include <QString>

namespace cimdiag {

/// A TLS handshake on an HTTPS IndicationListener that did not complete. certificateRejected: the
/// peer said, with a fatal alert, that it does not accept the listener's certificate (F4: sfcb with
/// sslIndicationReceiverCert=verify, or any sender that verifies and does not trust it).
struct FailedTlsHandshake final
{
    QHostAddress sender;
    quint16 senderPort = 0;
    /// The fatal TLS alert the peer sent (RFC 8446 6.2 numbers: 42 bad_certificate, 48 unknown_ca,
    /// ...); -1 when none arrived (the peer closed, spoke plain HTTP, or the handshake timed out).
    int alert = -1;
    QString alertDescription; ///< OpenSSL's words for the alert ("unknown CA"), empty without one
    QString error; ///< the socket's error text, untranslated (protocol detail)
    bool certificateRejected = false;
    QDateTime at; ///< UTC
};

} // namespace cimdiag

Q_DECLARE_METATYPE(cimdiag::FailedTlsHandshake)
