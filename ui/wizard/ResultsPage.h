// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/DiagnosticRun.h"
#include "core/report/DiagnosticReport.h"

#include <QWizardPage>

#include <memory>

namespace Ui {
class ResultsPage;
}

namespace cimdiag {

class CertificateChainView;
class DiagnosticLog;
class DiagnosticRunner;
class ReportExporter;
class LogRedactor;
class StatisticsModel;

/// The wizard's last page: the verdict, and for every Failed or Warning stage its summary, evidence
/// and each hint's title, cause and remedy (HintCatalogue); tabs with the peer certificate chain,
/// the sample instances and the operation statistics. "Copy summary" puts the same findings as plain
/// text on the clipboard. "Export report…" writes the whole diagnosis (DiagnosticReport) as HTML,
/// PDF, JSON, Markdown or text, on a worker thread (ReportExporter). Secrets are redacted (the
/// log's redactor; the report's wider redaction) from everything shown, copied or exported.
///
/// Trusting the server certificate in the certificate tab sets the target page's pin and offers
/// to run the diagnosis again with it.
class ResultsPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResultsPage)

public:
    explicit ResultsPage(QWidget *parent = nullptr);
    ~ResultsPage() override;

    /// Shows runner's finished run; runner must stay alive until clear() (cleanupPage() does it).
    /// log (may be null) supplies the report's log lines.
    void showRun(DiagnosticRunner *runner, const LogRedactor &redactor, const DiagnosticLog *log = nullptr);
    void clear();

    const DiagnosticRun &run() const { return m_run; }
    /// The report "Export report…" writes (valid after showRun()).
    const DiagnosticReport &report() const { return m_report; }
    /// Writes the report to path (format by extension, .pdf included) without a dialog; false when
    /// nothing was started (no run shown, unknown extension, an export running). reportExported()
    /// follows a true return.
    bool exportReport(const QString &path);
    /// What "Copy summary" copies: verdict, target, every stage's status and summary, and the
    /// hints of the failed and warned stages.
    QString summaryText() const;
    CertificateChainView *certificateView() const;

    void initializePage() override;
    void cleanupPage() override;

Q_SIGNALS:
    /// The user pinned a certificate (the target page has the pin) and asks for a new run.
    void rerunRequested();
    /// An export finished; error is empty on success.
    void reportExported(const QString &path, const QString &error);

private:
    QString findingsHtml() const;
    void onPinRequested(const QString &sha256Fingerprint);
    void chooseExportFile();
    void onExportFinished(const QString &path, const QString &error);

    const std::unique_ptr<Ui::ResultsPage> m_ui;
    StatisticsModel *m_statistics = nullptr;
    ReportExporter *m_exporter = nullptr;
    DiagnosticRun m_run;
    DiagnosticReport m_report;
    bool m_hasReport = false;
};

} // namespace cimdiag
