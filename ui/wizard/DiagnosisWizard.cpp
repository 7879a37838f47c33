// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/wizard/DiagnosisWizard.h"

#include "ui/wizard/ResultsPage.h"
#include "ui/wizard/RunPage.h"
#include "ui/wizard/TargetPage.h"

#include <QAbstractButton>

namespace cimdiag {

DiagnosisWizard::DiagnosisWizard(QWidget *parent)
    : QWizard(parent)
    , m_targetPage(new TargetPage(this))
    , m_runPage(new RunPage(this))
    , m_resultsPage(new ResultsPage(this))
{
    setObjectName(QStringLiteral("diagnosisWizard"));
    setWindowTitle(tr("CIM diagnosis"));
    setPage(TargetPageId, m_targetPage);
    setPage(RunPageId, m_runPage);
    setPage(ResultsPageId, m_resultsPage);
    setStartId(TargetPageId);
    // The results page ends the wizard; "Finish" would only close it, so offer a new diagnosis.
    setOption(QWizard::NoCancelButtonOnLastPage, true);
    setOption(QWizard::HaveCustomButton1, true);
    setButtonText(QWizard::CustomButton1, tr("&New diagnosis"));
    const struct
    {
        WizardButton which;
        const char *name;
        QString accessible;
    } buttons[] = {
        {NextButton, "nextButton", tr("Next")},
        {BackButton, "backButton", tr("Back")},
        {CancelButton, "cancelButton", tr("Cancel")},
        {FinishButton, "finishButton", tr("Finish")},
        {CustomButton1, "newDiagnosisButton", tr("New diagnosis")},
        {HelpButton, "helpButton", tr("Help")},
        {CommitButton, "commitButton", tr("Commit")},
    };
    for (const auto &b : buttons) {
        QAbstractButton *button = this->button(b.which);
        button->setObjectName(QLatin1String(b.name));
        button->setAccessibleName(b.accessible);
    }
    connect(this, &QWizard::currentIdChanged, this,
        [this](int id) { button(CustomButton1)->setVisible(id == ResultsPageId); });
    connect(this, &QWizard::customButtonClicked, this, [this](int which) {
        if (which == CustomButton1)
            restart();
    });
    connect(m_resultsPage, &ResultsPage::rerunRequested, this, &DiagnosisWizard::rerun);
}

DiagnosisWizard::~DiagnosisWizard()
{
    // The results page's models point into the run page's runner; let go before the pages go, in
    // whatever order QObject deletes its children.
    m_resultsPage->clear();
}

void DiagnosisWizard::startWith(const Target &target)
{
    restart();
    m_targetPage->setTarget(target);
}

void DiagnosisWizard::runWith(const Target &target)
{
    startWith(target);
    if (m_targetPage->isComplete())
        next();
}

void DiagnosisWizard::rerun()
{
    if (currentId() != ResultsPageId)
        return;
    back(); // ResultsPage::cleanupPage() lets go of the old runner first
    if (const std::optional<Target> target = m_targetPage->target())
        m_runPage->startRun(*target);
}

void DiagnosisWizard::reject()
{
    // Cancel (or Escape) while a diagnosis runs stops the run first, so nothing keeps working
    // behind a closed window.
    m_runPage->cancelRun();
    QWizard::reject();
}

} // namespace cimdiag
