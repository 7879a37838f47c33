// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/sim/SimCertificateOptions.h"

#include <QString>

namespace cimdiag {

/// Which TLS versions the simulator's HTTPS listener accepts.
enum class SimTlsProtocols : quint8 {
    Default, ///< TLS 1.2 and 1.3
    LegacyOnly, ///< C3: TLS 1.0 and 1.1 only, as old BMCs and HP 3PAR CIM servers
    Tls12Only,
    Tls13Only,
};

/// Whether the HTTPS listener asks for a client certificate (sfcb sslClientCertificate,
/// Pegasus sslClientVerificationMode).
enum class SimClientCertificatePolicy : quint8 {
    None,
    Optional, ///< asked for, not required, not verified
    Required, ///< C13: required and verified against the factory CA
};

/// The HTTPS listener's TLS settings. The certificate is issued by CertificateFactory, or loaded
/// from PEM files (an admin's own certificate, to reproduce a server's exact chain).
struct SimTlsOptions final
{
    SimCertificateOptions certificate;
    /// PEM: the server certificate first, then any chain to send. Non-empty: used instead of issuing.
    QString certificateFile;
    /// PEM private key (RSA or EC, unencrypted) for certificateFile.
    QString keyFile;
    SimTlsProtocols protocols = SimTlsProtocols::Default;
    SimClientCertificatePolicy clientCertificates = SimClientCertificatePolicy::None;
    /// An OpenSSL cipher string for the server (SSL_CONF CipherString). Empty: the default, or
    /// "DEFAULT:@SECLEVEL=0" when the protocols or the certificate need it (see SimHttpServer).
    QString cipherString;
    /// 0: OpenSSL's automatic DH groups. 1024: DHE with the 1024-bit Oakley group 2 (RFC 2409), the
    /// default of old servers (C4: OpenSSL at SECLEVEL 2 refuses it with "dh key too small"); needs
    /// a DHE cipher in cipherString and a server at security level 0 (cimdiag-sim lowers its own).
    int dhParameterBits = 0;
};

} // namespace cimdiag
