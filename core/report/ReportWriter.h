// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/report/DiagnosticReport.h"
#include "core/report/ReportFormat.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace cimdiag {

/// Picks the writer by format or by file extension and writes the file atomically (QSaveFile: a
/// failed write leaves any earlier file as it was).
class ReportWriter final
{
    Q_DECLARE_TR_FUNCTIONS(ReportWriter)

public:
    ReportWriter() = delete;

    static QByteArray render(const DiagnosticReport &report, ReportFormat format);
    /// Writes report to path in the format its extension names. False, with *error (translated,
    /// naming the file) for an unknown extension or a write failure.
    static bool writeFile(const DiagnosticReport &report, const QString &path, QString *error = nullptr);
    /// Writes bytes to path atomically; false with *error naming the file.
    static bool writeBytes(const QByteArray &bytes, const QString &path, QString *error = nullptr);
};

} // namespace cimdiag
