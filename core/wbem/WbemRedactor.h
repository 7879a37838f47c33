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
    /// Authorization-like headers keep their scheme: "Basic ***".
    WbemExchange::HeaderList redact(const WbemExchange::HeaderList &headers) const;
    /// Headers, bodies, the reason phrase and the error's texts. The decoded request and response
    /// objects are left as they are: recorders that format them run redact(QString) over the text
    /// (WbemExchange::redactor).
    void redact(WbemExchange &exchange) const;

private:
    LogRedactor m_text;
};

} // namespace cimdiag
