// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/wbem/WbemRedactor.h"

#include <algorithm>

namespace cimdiag {

WbemRedactor::WbemRedactor(QStringList secrets)
    : m_text(std::move(secrets))
{
    for (const QString &secret : m_text.secrets()) {
        m_utf8Secrets.append(secret.toUtf8());
        m_longestSecretBytes = std::max(m_longestSecretBytes, m_utf8Secrets.constLast().size());
    }
}

QByteArray WbemRedactor::redactHead(const QByteArray &body, qsizetype keep, qsizetype *omitted) const
{
    if (omitted)
        *omitted = 0;
    // Any secret that starts in the first keep bytes ends within the margin: it is replaced whole.
    const qsizetype margin = m_longestSecretBytes > 0 ? m_longestSecretBytes - 1 : 0;
    if (keep < 0 || body.size() <= keep + margin)
        return redact(body);
    qsizetype end = keep + margin;
    // A secret that starts in the margin may run past it: what the head holds of it is a proper
    // prefix of the secret, which redaction would leave. Cut before it (and again if what is then
    // left ends with a prefix of another secret: secrets can overlap).
    for (bool cut = true; cut && end > 0;) {
        cut = false;
        const QByteArrayView head = QByteArrayView(body).first(end);
        for (const QByteArray &secret : m_utf8Secrets) {
            for (qsizetype length = std::min(secret.size() - 1, end); length > 0 && !cut; --length) {
                if (head.endsWith(QByteArrayView(secret).first(length))) {
                    end -= length;
                    cut = true;
                }
            }
            if (cut)
                break;
        }
    }
    if (omitted)
        *omitted = body.size() - end;
    return redact(body.first(end));
}

bool WbemRedactor::isSecretHeader(const QByteArray &name)
{
    return name.compare("Authorization", Qt::CaseInsensitive) == 0
        || name.compare("Proxy-Authorization", Qt::CaseInsensitive) == 0;
}

WbemExchange::HeaderList WbemRedactor::redact(const WbemExchange::HeaderList &headers) const
{
    WbemExchange::HeaderList result;
    result.reserve(headers.size());
    for (const auto &[name, value] : headers) {
        if (isSecretHeader(name)) {
            const qsizetype space = value.indexOf(' ');
            const QByteArray scheme = space > 0 ? value.left(space + 1) : QByteArray();
            result.append({name, scheme + placeholder().toUtf8()});
        } else {
            result.append({name, redact(value)});
        }
    }
    return result;
}

void WbemRedactor::redact(WbemExchange &exchange, qsizetype keptBodyBytes) const
{
    exchange.requestHeaders = redact(exchange.requestHeaders);
    exchange.replyHeaders = redact(exchange.replyHeaders);
    exchange.requestBody = redactHead(exchange.requestBody, keptBodyBytes, &exchange.requestBodyOmitted);
    exchange.replyBody = redactHead(exchange.replyBody, keptBodyBytes, &exchange.replyBodyOmitted);
    exchange.reason = redact(exchange.reason);
    // Everything WbemError::toString() prints that came from the server can echo a secret back.
    WbemError &error = exchange.error;
    error.message = redact(error.message);
    error.httpReason = redact(error.httpReason);
    error.realm = redact(error.realm);
    error.cimErrorHeader = redact(error.cimErrorHeader);
    error.pgErrorDetail = redact(error.pgErrorDetail);
    error.cimStatus
        = CimStatus(error.cimStatus.code(), redact(error.cimStatus.description()), error.cimStatus.errorInstances());
    exchange.response.status = CimStatus(exchange.response.status.code(),
        redact(exchange.response.status.description()), exchange.response.status.errorInstances());
}

} // namespace cimdiag
