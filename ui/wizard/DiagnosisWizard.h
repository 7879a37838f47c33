// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/Target.h"

#include <QWizard>

namespace cimdiag {

class ResultsPage;
class RunPage;
class TargetPage;

/// The desktop app's diagnosis: target -> run -> findings. The pages talk to each other through
/// this class; none of them opens a socket (the DiagnosticRunner in RunPage does the work).
class DiagnosisWizard final : public QWizard
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosisWizard)

public:
    enum PageId { TargetPageId, RunPageId, ResultsPageId };

    explicit DiagnosisWizard(QWidget *parent = nullptr);
    ~DiagnosisWizard() override;

    TargetPage *targetPage() const { return m_targetPage; }
    RunPage *runPage() const { return m_runPage; }
    ResultsPage *resultsPage() const { return m_resultsPage; }

    /// Back to the target page (cancelling a run) with target's values filled in.
    void startWith(const Target &target);
    /// startWith(), then straight to the run page when the target is complete (the demo: the first
    /// thing a new user sees is a real diagnosis).
    void runWith(const Target &target);
    /// From the results page: back to the run page and run the target page's target again.
    void rerun();

protected:
    void reject() override;

private:
    TargetPage *m_targetPage = nullptr;
    RunPage *m_runPage = nullptr;
    ResultsPage *m_resultsPage = nullptr;
};

} // namespace cimdiag
