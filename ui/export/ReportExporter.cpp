// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/ReportExporter.h"

#include "core/report/ReportFormat.h"
#include "core/report/ReportWriter.h"
#include "ui/export/ReportPdfWriter.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QThread>

namespace cimdiag {

ReportExporter::ReportExporter(QObject *parent)
    : QObject(parent)
{ }

ReportExporter::~ReportExporter()
{
    // The worker holds its own copy of the report and touches nothing of ours but a queued call,
    // which Qt drops with this object; let it finish its file.
    if (m_thread)
        m_thread->wait();
}

QStringList ReportExporter::fileExtensions()
{
    return reportFileExtensions() << QStringLiteral(".pdf");
}

QStringList ReportExporter::nameFilters()
{
    return {tr("HTML report (*.html *.htm)"), tr("PDF document (*.pdf)"), tr("JSON (*.json)"),
        tr("Markdown for tickets (*.md)"), tr("Plain text (*.txt)")};
}

QString ReportExporter::extensionForFilter(const QString &filter)
{
    static const QRegularExpression pattern(QStringLiteral("\\*(\\.[A-Za-z0-9]+)"));
    const QRegularExpressionMatch match = pattern.match(filter);
    return match.hasMatch() ? match.captured(1).toLower() : QString();
}

bool ReportExporter::exportTo(const DiagnosticReport &report, const QString &path)
{
    if (m_thread) {
        m_errorString = tr("another report is being written");
        return false;
    }
    const bool pdf = QFileInfo(path).suffix().compare(QLatin1String("pdf"), Qt::CaseInsensitive) == 0;
    const std::optional<ReportFormat> format = reportFormatForFile(path);
    if (!pdf && !format) {
        m_errorString = unknownReportFormatMessage(path, fileExtensions());
        return false;
    }
    m_errorString.clear();
    m_thread.reset(QThread::create([this, report, path, pdf, format] {
        QString error;
        const QByteArray bytes = pdf ? ReportPdfWriter::write(report) : ReportWriter::render(report, *format);
        if (bytes.isEmpty())
            error = tr("cannot render the report %1").arg(path);
        else
            ReportWriter::writeBytes(bytes, path, &error);
        // Queued to the exporter's thread (this stays valid: the destructor waits for the worker).
        QMetaObject::invokeMethod(
            this, [this, path, error] { onWorkerDone(path, error); }, Qt::QueuedConnection);
    }));
    m_thread->setObjectName(QStringLiteral("cimdiag report export"));
    m_thread->start(QThread::LowPriority);
    return true;
}

void ReportExporter::onWorkerDone(const QString &path, const QString &error)
{
    if (m_thread) {
        m_thread->wait(); // the lambda has returned or is about to: it just queued this call
        m_thread.reset();
    }
    m_errorString = error;
    Q_EMIT finished(path, error);
}

} // namespace cimdiag
