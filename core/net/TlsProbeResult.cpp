// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/net/TlsProbeResult.h"

namespace cimdiag {

QList<int> TlsProbeResult::verifyErrorCodes() const
{
    QList<int> codes;
    for (const TlsCertificateInfo &certificate : peerChain) {
        for (const TlsCertificateInfo::VerifyError &error : certificate.verifyErrors) {
            if (!codes.contains(error.code))
                codes.append(error.code);
        }
    }
    // A failure the callback did not attribute to a certificate (no chain at all) still counts.
    if (verifyResult != 0 && !codes.contains(verifyResult))
        codes.append(verifyResult);
    return codes;
}

} // namespace cimdiag
