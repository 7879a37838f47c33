// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/bench/BenchTools.h"

#include "core/cimxml/CimXmlReader.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLocale>

#include <algorithm>

namespace cimdiag {

double BenchTools::decodeInChunks(
    const QByteArray &document, CimOperation operation, CimOperationResponse *response, QString *error)
{
    QElapsedTimer timer;
    timer.start();
    CimXmlReader reader(operation);
    bool ok = true;
    for (qsizetype pos = 0; ok && pos < document.size(); pos += kChunkSize)
        ok = reader.feed(QByteArrayView(document).sliced(pos, std::min(kChunkSize, document.size() - pos)));
    ok = ok && reader.finish();
    const double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    if (!ok) {
        *error = reader.error().toString();
        return -1;
    }
    *response = reader.takeResponse();
    return seconds;
}

qint64 BenchTools::procStatusKib(const char *field, qint64 pid)
{
    QFile status(pid > 0 ? QStringLiteral("/proc/%1/status").arg(pid) : QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(prefix)) {
            bool ok = false;
            const qint64 value = line.mid(prefix.size()).trimmed().split(' ').constFirst().toLongLong(&ok);
            return ok ? value : -1;
        }
    }
    return -1;
}

bool BenchTools::resetPeakRss()
{
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    return clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1;
}

QByteArray BenchTools::grouped(qint64 value)
{
    return QLocale(QLocale::English, QLocale::UnitedStates).toString(value).toUtf8();
}

} // namespace cimdiag
