// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace cimdiag {

/// Validates documents against a DMTF DTD with libxml2's xmllint, run as a child process
/// (`xmllint --noout --dtdvalid <dtd> ...`). CIMDIAG_XMLLINT names the program and CIMDIAG_DTD_DIR
/// the folder of the DTDs; tests/CMakeLists.txt sets both for every test.
class XmlLint final
{
public:
    explicit XmlLint(QString dtdFileName = QStringLiteral("DSP0203_2.4.0.dtd"), int timeoutMs = 30000);

    /// Empty when the setup is usable, else what is missing (a QSKIP or QFAIL message).
    QString setupError() const;

    /// Validates one document (fed on stdin). Returns the error text, empty when it is valid.
    QString validate(const QByteArray &document) const;
    /// Validates many documents with one xmllint run. Returns one error text per document (empty for
    /// a valid one), in order. xmllint reports each file by name, so the errors are split per file.
    QList<QString> validateAll(const QList<QByteArray> &documents) const;

private:
    QString run(const QStringList &inputs, const QByteArray &standardInput, bool *ok) const;

    QString m_xmllint;
    QString m_dtdPath;
    int m_timeoutMs;
};

} // namespace cimdiag
