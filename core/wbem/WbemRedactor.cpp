// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/wbem/WbemRedactor.h"

namespace cimdiag {

WbemRedactor::WbemRedactor(QStringList secrets)
    : m_text(std::move(secrets))
{ }

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

void WbemRedactor::redact(WbemExchange &exchange) const
{
    exchange.requestHeaders = redact(exchange.requestHeaders);
    exchange.replyHeaders = redact(exchange.replyHeaders);
    exchange.requestBody = redact(exchange.requestBody);
    exchange.replyBody = redact(exchange.replyBody);
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
