// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/log/LogRedactor.h"
#include "core/wbem/WbemExchange.h"

#include <QString>
#include <QStringList>

namespace cimdiag {

/// Removes secrets from what a connection records (pywbem's "security considerations"): the values
/// of Authorization and Proxy-Authorization, and any occurrence of a known secret (password,
/// ticket, user:password and its base64) in headers, bodies and messages.
class WbemRedactor final
{
public:
    WbemRedactor() = default;
    explicit WbemRedactor(QStringList secrets);

    static QString placeholder() { return LogRedactor::placeholder(); }
    /// True for headers whose whole value is a secret.
    static bool isSecretHeader(const QByteArray &name);

    QString redact(QString text) const { return m_text.redact(std::move(text)); }
    QByteArray redact(QByteArray bytes) const { return m_text.redact(std::move(bytes)); }
    /// The redacted head of body for a recorder that keeps at most keep bytes of it (keep < 0:
    /// all of it, redact(body)). Redacts keep bytes plus a margin of the longest secret's length,
    /// so a secret that starts before keep is replaced whole; the head then ends where no secret
    /// can straddle the cut (it never ends with the first bytes of a secret). *omitted is set to
    /// the bytes of body after the head. Only the head is copied and scanned: a 25 MB reply is
    /// not, for a log that keeps 16 KB of it (bench_gui_stall, issue #5).
    QByteArray redactHead(const QByteArray &body, qsizetype keep, qsizetype *omitted) const;
    /// Authorization-like headers keep their scheme: "Basic ***".
    WbemExchange::HeaderList redact(const WbemExchange::HeaderList &headers) const;
    /// Headers, bodies, the reason phrase and the error's texts. The decoded request and response
    /// objects are left as they are: recorders that format them run redact(QString) over the text
    /// (WbemExchange::redactor). Bodies are cut to redactHead(keptBodyBytes) with the rest counted
    /// in requestBodyOmitted / replyBodyOmitted (keptBodyBytes < 0: whole bodies).
    void redact(WbemExchange &exchange, qsizetype keptBodyBytes = -1) const;

private:
    LogRedactor m_text;
    /// The secrets as they appear in a UTF-8 body.
    QList<QByteArray> m_utf8Secrets;
    qsizetype m_longestSecretBytes = 0;
};

} // namespace cimdiag
