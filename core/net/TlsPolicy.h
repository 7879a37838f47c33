// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace cimdiag {

/// The client policy of one TLS probe: the default (what this machine's OpenSSL allows, as every
/// client here would connect) or exactly one relaxation, to find which single policy blocks a
/// handshake (C3, C4, C5, C6, C11). Relaxed probes are for diagnosis only: nothing but the
/// handshake (never a credential) goes over them.
enum class TlsPolicy : quint8 {
    Default,
    /// MinProtocol TLSv1 with @SECLEVEL=0: OpenSSL 3 refuses TLS 1.0/1.1 at security level 1 and
    /// above (their handshake MAC is SHA-1), so allowing the old versions needs both (C3).
    LegacyProtocols,
    /// @SECLEVEL=0 only: small RSA keys (C5), SHA-1 signatures (C6), small DH groups (C4).
    SecurityLevel0,
    /// SSL_OP_LEGACY_SERVER_CONNECT: servers without RFC 5746 secure renegotiation (C11).
    LegacyRenegotiation,
};

/// "default", "legacy-protocols", "seclevel-0", "legacy-renegotiation".
QString tlsPolicyName(TlsPolicy policy);
/// The relaxations, in the order the TLS check tries them.
QList<TlsPolicy> tlsRelaxations();

} // namespace cimdiag
