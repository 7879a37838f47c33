// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/wbem/WbemOperationRecorder.h"

#include <QFile>
#include <QString>

namespace cimdiag {

/// Writes every HTTP exchange to a JSON Lines file a simulator can replay (pywbem's
/// TestClientRecorder, in a line-oriented form that survives a crash mid-session).
///
/// Format, one JSON object per line, UTF-8:
/// - line 1: {"type": "session", "format": "cimdiag-wbem-session", "version": 1, "started": ISO-8601}
/// - then per exchange: {"type": "exchange", "seq": n (1-based), "operationId", "attempt",
///   "final": bool, "time": ISO-8601 with ms, "url", "operation": CIMMethod value,
///   "request": {"method": "POST", "path": "/cimom", "headers": [[name, value], ...], "body": text},
///   "reply": {"status": n, "reason": text, "headers": [[name, value], ...], "body": text} or null
///   when no HTTP reply arrived, "error": WbemError::toString() or null, "errorKind": name or null,
///   "clientTimeUs": n, "serverTimeUs": n or null}.
///   A body that is not valid UTF-8 is base64 with "bodyEncoding": "base64" beside it.
/// Secrets are redacted before they get here (Authorization values read "Basic ***").
class WbemSessionRecorder final : public WbemOperationRecorder
{
public:
    /// Opens (truncates) path; isOpen() and errorString() tell whether that worked.
    explicit WbemSessionRecorder(const QString &path);
    ~WbemSessionRecorder() override;

    bool isOpen() const { return m_file.isOpen(); }
    QString errorString() const { return m_file.errorString(); }
    QString fileName() const { return m_file.fileName(); }

    /// Whole bodies: a replay needs every byte (so a recorded 25 MB reply is redacted whole).
    qsizetype keptBodyBytes() const override { return -1; }
    void record(const WbemExchange &exchange) override;

    static QString formatName() { return QStringLiteral("cimdiag-wbem-session"); }

private:
    QFile m_file;
    qint64 m_sequence = 0;
};

} // namespace cimdiag
