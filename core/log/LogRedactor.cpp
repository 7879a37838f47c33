// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/log/LogRedactor.h"

#include <algorithm>

namespace cimdiag {

LogRedactor::LogRedactor(QStringList secrets)
    : m_secrets(std::move(secrets))
{
    m_secrets.removeAll(QString());
    m_secrets.removeDuplicates();
    // Longest first: "user:password" must go before "password" leaves "user:***".
    std::sort(
        m_secrets.begin(), m_secrets.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
}

QString LogRedactor::redact(QString text) const
{
    for (const QString &secret : m_secrets)
        text.replace(secret, placeholder());
    return text;
}

QByteArray LogRedactor::redact(QByteArray bytes) const
{
    for (const QString &secret : m_secrets)
        bytes.replace(secret.toUtf8(), placeholder().toUtf8());
    return bytes;
}

} // namespace cimdiag
