// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/report/DiagnosticReport.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

class QThread;

namespace cimdiag {

/// Writes a DiagnosticReport to a file on a worker thread, so rendering a PDF of a long log never
/// stalls the GUI (ARCHITECTURE.md: at most 50 ms). The format follows the extension: .html/.htm,
/// .json, .md, .txt (core's writers) and .pdf (ReportPdfWriter). One export at a time.
class ReportExporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportExporter)

public:
    explicit ReportExporter(QObject *parent = nullptr);
    /// Waits for a running export (the worker only renders and writes one file).
    ~ReportExporter() override;

    /// The extensions exportTo() accepts, with the dot: core's plus ".pdf".
    static QStringList fileExtensions();
    /// The file dialog's filters: "HTML report (*.html *.htm)", ..., "PDF (*.pdf)".
    static QStringList nameFilters();
    /// The extension (with the dot) of the first pattern in a filter of nameFilters().
    static QString extensionForFilter(const QString &filter);

    /// Starts writing report to path. False (and nothing started) for an unknown extension or while
    /// another export runs; errorString() says why. Otherwise finished() follows, queued.
    bool exportTo(const DiagnosticReport &report, const QString &path);
    bool isRunning() const { return m_thread != nullptr; }
    QString errorString() const { return m_errorString; }

Q_SIGNALS:
    /// Once per started export; error is empty on success, else translated and names the file.
    void finished(const QString &path, const QString &error);

private:
    void onWorkerDone(const QString &path, const QString &error);

    std::unique_ptr<QThread> m_thread;
    QString m_errorString;
};

} // namespace cimdiag
