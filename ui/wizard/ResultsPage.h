// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/DiagnosticRun.h"

#include <QWizardPage>

#include <memory>

namespace Ui {
class ResultsPage;
}

namespace cimdiag {

class CertificateChainView;
class DiagnosticRunner;
class LogRedactor;
class StatisticsModel;

/// The wizard's last page: the verdict, and for every Failed or Warning stage its summary, evidence
/// and each hint's title, cause and remedy (HintCatalogue); tabs with the peer certificate chain,
/// the sample instances and the operation statistics. "Copy summary" puts the same findings as plain
/// text on the clipboard. Secrets are redacted (the log's redactor) from everything shown or copied.
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
    void showRun(DiagnosticRunner *runner, const LogRedactor &redactor);
    void clear();

    const DiagnosticRun &run() const { return m_run; }
    /// What "Copy summary" copies: verdict, target, every stage's status and summary, and the
    /// hints of the failed and warned stages.
    QString summaryText() const;
    CertificateChainView *certificateView() const;

    void initializePage() override;
    void cleanupPage() override;

Q_SIGNALS:
    /// The user pinned a certificate (the target page has the pin) and asks for a new run.
    void rerunRequested();

private:
    QString findingsHtml() const;
    void onPinRequested(const QString &sha256Fingerprint);

    const std::unique_ptr<Ui::ResultsPage> m_ui;
    StatisticsModel *m_statistics = nullptr;
    DiagnosticRun m_run;
};

} // namespace cimdiag
