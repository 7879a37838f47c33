// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audit/AuditVerifier.h"

#include "core/audit/AuditEvent.h"
#include "core/audit/AuditTrail.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>

namespace cimdiag {

namespace {

/// The translation context of this file's texts: lupdate files Text::tr() strings under the macro's
/// argument, the context Text::tr() uses at run time.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(cimdiag::AuditVerifier)
};

} // namespace

AuditVerifier::Result AuditVerifier::verifyFile(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly)) {
        Result result;
        result.valid = false;
        result.reason = Text::tr("cannot read %1: %2").arg(path, file.errorString());
        return result;
    }
    return verify(file);
}

AuditVerifier::Result AuditVerifier::verify(QIODevice &device)
{
    Result result;
    const auto broken = [&result](qint64 line, const QString &reason) {
        result.valid = false;
        result.line = line;
        result.reason = reason;
        return result;
    };
    QString previousHash = AuditTrail::genesisHash();
    qint64 previousSequence = 0;
    qint64 number = 0;
    while (!device.atEnd()) {
        QByteArray line = device.readLine();
        ++number;
        if (!line.endsWith('\n')) {
            // AuditTrail writes the newline with the record: a line without one is a torn write or a
            // cut file.
            return broken(
                number, Text::tr("the last line is incomplete (no line end): the file was cut or a write was torn"));
        }
        line.chop(1);
        if (line.isEmpty())
            return broken(number, Text::tr("empty line"));
        QJsonParseError parseError {};
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        if (!document.isObject()) {
            return broken(number,
                parseError.error != QJsonParseError::NoError ? Text::tr("not a JSON record: %1 at column %2")
                                                                   .arg(parseError.errorString())
                                                                   .arg(parseError.offset + 1)
                                                             : Text::tr("not a JSON object"));
        }
        const QJsonObject record = document.object();
        QString field;
        const std::optional<AuditEvent> event = AuditEvent::fromJson(record, &field);
        if (!event)
            return broken(number, Text::tr("field \"%1\" is missing or invalid").arg(field));
        if (AuditTrail::computeHash(record) != event->hash)
            return broken(number, Text::tr("the record was changed: its content does not match its hash"));
        if (event->previousHash != previousHash) {
            return broken(number,
                number == 1 ? Text::tr("the first record does not start the chain (a record before it was deleted?)")
                            : Text::tr("the chain is broken: \"prev\" is not the hash of line %1 (a record was "
                                       "deleted, inserted or moved)")
                                  .arg(number - 1));
        }
        if (event->sequence != previousSequence + 1) {
            return broken(number,
                Text::tr("sequence number %1 where %2 was expected").arg(event->sequence).arg(previousSequence + 1));
        }
        previousHash = event->hash;
        previousSequence = event->sequence;
        ++result.records;
    }
    return result;
}

} // namespace cimdiag
