// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/XmlLint.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace cimdiag {

XmlLint::XmlLint(QString dtdFileName, int timeoutMs)
    : m_timeoutMs(timeoutMs)
{
    m_xmllint = qEnvironmentVariable("CIMDIAG_XMLLINT");
    // Outside ctest (a test run by hand) the program on PATH will do.
    if (m_xmllint.isEmpty())
        m_xmllint = QStandardPaths::findExecutable(QStringLiteral("xmllint"));
    const QString dtdDir = qEnvironmentVariable("CIMDIAG_DTD_DIR");
    if (!dtdDir.isEmpty())
        m_dtdPath = QDir(dtdDir).filePath(dtdFileName);
}

QString XmlLint::setupError() const
{
    if (m_xmllint.isEmpty() || !QFileInfo(m_xmllint).isExecutable())
        return QStringLiteral("xmllint not found (set CIMDIAG_XMLLINT)");
    if (m_dtdPath.isEmpty())
        return QStringLiteral("CIMDIAG_DTD_DIR is not set");
    if (!QFileInfo::exists(m_dtdPath))
        return QStringLiteral("DTD %1 does not exist").arg(m_dtdPath);
    return {};
}

QString XmlLint::run(const QStringList &inputs, const QByteArray &standardInput, bool *ok) const
{
    *ok = false;
    if (const QString error = setupError(); !error.isEmpty())
        return error;
    QProcess process;
    // --nonet: a document must never make the validator fetch anything.
    process.start(m_xmllint,
        QStringList {QStringLiteral("--noout"), QStringLiteral("--nonet"), QStringLiteral("--dtdvalid"), m_dtdPath}
            + inputs);
    if (!process.waitForStarted(m_timeoutMs))
        return QStringLiteral("cannot start %1: %2").arg(m_xmllint, process.errorString());
    if (!standardInput.isEmpty())
        process.write(standardInput);
    process.closeWriteChannel();
    if (!process.waitForFinished(m_timeoutMs)) {
        process.kill();
        process.waitForFinished(1000);
        return QStringLiteral("xmllint did not finish within %1 ms").arg(m_timeoutMs);
    }
    const QString errors = QString::fromUtf8(process.readAllStandardError());
    if (process.exitStatus() != QProcess::NormalExit)
        return QStringLiteral("xmllint crashed: ") + errors;
    *ok = process.exitCode() == 0;
    if (!*ok && errors.trimmed().isEmpty())
        return QStringLiteral("xmllint exited with code %1").arg(process.exitCode());
    return *ok ? QString() : errors;
}

QString XmlLint::validate(const QByteArray &document) const
{
    bool ok = false;
    const QString errors = run({QStringLiteral("-")}, document, &ok);
    return ok ? QString() : errors;
}

QList<QString> XmlLint::validateAll(const QList<QByteArray> &documents) const
{
    QList<QString> results(documents.size());
    if (documents.isEmpty())
        return results;
    QTemporaryDir dir;
    if (!dir.isValid()) {
        results.fill(QStringLiteral("cannot create a temporary directory: ") + dir.errorString());
        return results;
    }
    QStringList files;
    files.reserve(documents.size());
    for (qsizetype i = 0; i < documents.size(); ++i) {
        const QString path = dir.filePath(QStringLiteral("doc%1.xml").arg(i, 5, 10, QLatin1Char('0')));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(documents.at(i)) != documents.at(i).size()) {
            results.fill(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
            return results;
        }
        files.append(path);
    }

    bool ok = false;
    const QString errors = run(files, {}, &ok);
    if (ok)
        return results;

    // xmllint names the file on every message ("<path>:12: element X: validity error : ...", "Document
    // <path> does not validate against ..."); the source and caret lines that follow a message belong to
    // the file named last.
    const QRegularExpression fileName(QRegularExpression::escape(dir.path()) + QStringLiteral("/doc(\\d+)\\.xml"));
    qsizetype current = -1;
    for (const QString &line : errors.split(u'\n')) {
        const QRegularExpressionMatch match = fileName.match(line);
        if (match.hasMatch())
            current = match.captured(1).toLongLong();
        if (current >= 0 && current < results.size())
            results[current] += line + u'\n';
    }
    if (current < 0) {
        // Nothing names a file: the run itself failed (missing DTD, crash...). Every document failed.
        results.fill(errors);
    }
    return results;
}

} // namespace cimdiag
