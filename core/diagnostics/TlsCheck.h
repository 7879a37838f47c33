// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/DiagnosticCheck.h"
#include "core/net/TlsProbe.h"

#include <QList>

namespace cimdiag {

/// The TLS stage [C1-C14, B5]: one handshake with this machine's default OpenSSL policy against
/// the address the TCP stage found, with the target's CA, client certificate and host-name
/// settings. When that handshake fails, the relaxed probes run in parallel (one relaxation each)
/// to say which single policy blocks it. TlsDiagnosis turns the probes into the result; the
/// default probe goes to findings().tls.
class TlsCheck final : public DiagnosticCheck
{
    Q_OBJECT

public:
    explicit TlsCheck(DiagnosticContext &context, QObject *parent = nullptr);
    ~TlsCheck() override;
    Q_DISABLE_COPY_MOVE(TlsCheck)

    QList<DiagnosticStage> prerequisites() const override;
    QString notApplicableReason() const override;

protected:
    void doStart() override;
    void doCancel() override;

private:
    TlsProbe::Options probeOptions(TlsPolicy policy) const;
    TlsProbe *startProbe(TlsPolicy policy);
    void onDefaultFinished();
    void onRelaxedFinished(TlsProbe *probe);
    void conclude();
    void logProbe(const TlsProbeResult &result);
    /// "localhost (127.0.0.1):5989"
    QString endpoint() const;

    TlsProbe *m_default = nullptr;
    QList<TlsProbe *> m_relaxed;
};

} // namespace cimdiag
