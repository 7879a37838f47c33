// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/DiagnosticCheck.h"
#include "core/diagnostics/Target.h"

#include <QByteArray>
#include <QPointer>

namespace cimdiag {

class HttpProbe;

/// Stage Http [C2, B5, B6, B8, D9-D19]: does the port speak HTTP, and CIM-XML? Two raw exchanges in
/// parallel with the reachable address on the target port (TLS for https, not verified: the TLS
/// stage does that), both without credentials: (a) EnumerateInstanceNames of CIM_ObjectManager in
/// the first interop namespace, (b) the same with `Expect: 100-continue` (D10). Every request and
/// reply head goes to the http log channel. Fills findings().serverHeader, speaksCimXml and
/// authenticationRequired. Verdicts: HttpDiagnosis.
class HttpCheck final : public DiagnosticCheck
{
    Q_OBJECT

public:
    explicit HttpCheck(DiagnosticContext &context, QObject *parent = nullptr);
    ~HttpCheck() override;
    Q_DISABLE_COPY_MOVE(HttpCheck)

    /// Tcp, and Tls for https targets.
    QList<DiagnosticStage> prerequisites() const override;

    /// The bytes of request (a), for a target (tests compare them with what a server received).
    static QByteArray cimRequest(const Target &target, bool expectContinue);

protected:
    void doStart() override;
    void doCancel() override;

private:
    void onProbeFinished();
    void logRequest(const QString &label, const QByteArray &request) const;
    void logReply(const QString &label, const HttpProbe &probe) const;

    QPointer<HttpProbe> m_request;
    QPointer<HttpProbe> m_expect;
};

} // namespace cimdiag
