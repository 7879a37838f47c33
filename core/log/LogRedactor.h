// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace cimdiag {

/// Replaces every occurrence of known secrets (passwords, tickets, "user:password" and its base64)
/// in text with "***" (a value). Longer secrets are replaced first, so "user:password" never
/// leaves "user:***" behind.
class LogRedactor final
{
public:
    LogRedactor() = default;
    explicit LogRedactor(QStringList secrets);

    static QString placeholder() { return QStringLiteral("***"); }
    bool isEmpty() const { return m_secrets.isEmpty(); }
    const QStringList &secrets() const { return m_secrets; }

    QString redact(QString text) const;
    QByteArray redact(QByteArray bytes) const;

private:
    QStringList m_secrets;
};

} // namespace cimdiag
