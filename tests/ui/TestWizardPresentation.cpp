// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #5: "layouts hold at 200% scaling and in a dark palette". The wizard runs a real diagnosis
// against the in-process simulator at QT_SCALE_FACTOR=2 (set in main() before QApplication) in the
// Fusion style, once with Fusion's light palette and once with a dark one; on every page the
// visible widgets are checked for clipped text, children outside their parent and overlapping
// layout siblings, and the status colours for their WCAG contrast against the palette.
#include "core/net/CertificateFactory.h"
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimScenario.h"
#include "core/sim/SimScenarioHost.h"
#include "ui/widgets/StatusColors.h"
#include "ui/wizard/DiagnosisWizard.h"
#include "ui/wizard/ResultsPage.h"
#include "ui/wizard/RunPage.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QStyle>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

using namespace cimdiag;

namespace {

constexpr int kRunTimeoutMs = 30000;

double relativeLuminance(const QColor &color)
{
    const auto channel = [](float value) {
        const double v = value;
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF());
}

/// WCAG 2.x contrast ratio (1 to 21); 4.5 is level AA for normal text.
double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

QPalette darkPalette()
{
    // The usual dark Fusion palette (what dark-theme guides and KDE's Breeze Dark come close to).
    QPalette p;
    p.setColor(QPalette::Window, QColor(53, 53, 53));
    p.setColor(QPalette::WindowText, Qt::white);
    p.setColor(QPalette::Base, QColor(35, 35, 35));
    p.setColor(QPalette::AlternateBase, QColor(53, 53, 53));
    p.setColor(QPalette::ToolTipBase, QColor(25, 25, 25));
    p.setColor(QPalette::ToolTipText, Qt::white);
    p.setColor(QPalette::Text, Qt::white);
    p.setColor(QPalette::Button, QColor(53, 53, 53));
    p.setColor(QPalette::ButtonText, Qt::white);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, QColor(42, 130, 218));
    p.setColor(QPalette::Highlight, QColor(42, 130, 218));
    p.setColor(QPalette::HighlightedText, QColor(35, 35, 35));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(127, 127, 127));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(127, 127, 127));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(127, 127, 127));
    return p;
}

QString describe(const QWidget *widget)
{
    const QString name = widget->objectName().isEmpty() ? QStringLiteral("(unnamed)") : widget->objectName();
    return QString::fromLatin1(widget->metaObject()->className()) + u' ' + name;
}

/// Inside a scroll area's viewport a child may be scrolled partly out of sight on purpose.
bool insideScrollArea(const QWidget *widget)
{
    for (const QWidget *w = widget->parentWidget(); w != nullptr; w = w->parentWidget()) {
        if (qobject_cast<const QAbstractScrollArea *>(w) != nullptr)
            return true;
    }
    return false;
}

/// The widgets a layout and its nested layouts place (all in the layout's widget).
QList<QWidget *> laidOut(QLayout *layout)
{
    QList<QWidget *> widgets;
    for (int i = 0; i < layout->count(); ++i) {
        QLayoutItem *item = layout->itemAt(i);
        if (QWidget *widget = item->widget())
            widgets << widget;
        else if (QLayout *nested = item->layout())
            widgets << laidOut(nested);
    }
    return widgets;
}

} // namespace

class TestWizardPresentation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void pages_data();
    void pages();
    void statusColorsContrast_data();
    void statusColorsContrast();

private:
    /// Every problem found on the wizard's current page, one line each.
    QStringList layoutProblems(QWidget *page) const;

    std::unique_ptr<SimScenarioHost> m_host;
    QTemporaryDir m_dir;
    QString m_caFile;
};

void TestWizardPresentation::initTestCase()
{
    QCOMPARE(qgetenv("QT_SCALE_FACTOR"), QByteArray("2"));
    QVERIFY(QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) == 0);
    QString error;
    const std::optional<SimScenario> scenario = SimScenario::load(QStringLiteral("healthy"), &error);
    QVERIFY2(scenario, qPrintable(error));
    m_host = std::make_unique<SimScenarioHost>();
    QVERIFY2(m_host->start(*scenario), qPrintable(m_host->errorString()));
    m_caFile = m_dir.filePath(QStringLiteral("ca.pem"));
    QVERIFY2(m_host->certificateFactory()->writeCaCertificatePem(m_caFile, &error), qPrintable(error));
}

void TestWizardPresentation::cleanupTestCase()
{
    m_host.reset();
}

QStringList TestWizardPresentation::layoutProblems(QWidget *page) const
{
    QStringList problems;
    const QList<QWidget *> widgets = page->findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        if (!widget->isVisibleTo(page) || widget->isWindow())
            continue;
        // Text must fit: labels and buttons get at least what they need to show it whole.
        if (const auto *label = qobject_cast<QLabel *>(widget); label != nullptr && !label->text().isEmpty()) {
            const QSize need = label->wordWrap()
                ? QSize(label->minimumSizeHint().width(), label->heightForWidth(label->width()))
                : label->minimumSizeHint();
            if (label->width() < need.width() || label->height() < need.height())
                problems << QStringLiteral("%1 clipped: %2x%3 < %4x%5 (\"%6\")")
                                .arg(describe(label))
                                .arg(label->width())
                                .arg(label->height())
                                .arg(need.width())
                                .arg(need.height())
                                .arg(label->text().left(60));
        }
        if (const auto *button = qobject_cast<QAbstractButton *>(widget);
            button != nullptr && !button->text().isEmpty() && !insideScrollArea(button)) {
            const QSize need = button->minimumSizeHint().expandedTo(
                qobject_cast<const QCheckBox *>(button) != nullptr ? button->sizeHint() : QSize());
            if (button->width() < need.width() || button->height() < need.height())
                problems << QStringLiteral("%1 clipped: %2x%3 < %4x%5 (\"%6\")")
                                .arg(describe(button))
                                .arg(button->width())
                                .arg(button->height())
                                .arg(need.width())
                                .arg(need.height())
                                .arg(button->text());
        }
        if (const auto *combo = qobject_cast<QComboBox *>(widget); combo != nullptr) {
            if (combo->height() < combo->minimumSizeHint().height())
                problems << QStringLiteral("%1 clipped vertically").arg(describe(combo));
        }
        // A spin box's line edit is a frameless part of it, sized by the spin box: check the box.
        if (const auto *spin = qobject_cast<QAbstractSpinBox *>(widget); spin != nullptr) {
            if (spin->height() < spin->minimumSizeHint().height())
                problems << QStringLiteral("%1 clipped vertically").arg(describe(spin));
        }
        if (const auto *edit = qobject_cast<QLineEdit *>(widget); edit != nullptr && !insideScrollArea(edit)
            && qobject_cast<QAbstractSpinBox *>(edit->parentWidget()) == nullptr) {
            if (edit->height() < edit->minimumSizeHint().height())
                problems << QStringLiteral("%1 clipped vertically").arg(describe(edit));
        }
        // Children inside their parent (1 px of rounding allowed at a fractional scale).
        QWidget *parent = widget->parentWidget();
        if (parent != nullptr && parent->isVisibleTo(page) && !insideScrollArea(widget)) {
            const QRect allowed = parent->rect().adjusted(-1, -1, 1, 1);
            if (!allowed.contains(widget->geometry()))
                problems << QStringLiteral("%1 outside its parent %2: %3,%4 %5x%6 in %7x%8")
                                .arg(describe(widget), describe(parent))
                                .arg(widget->x())
                                .arg(widget->y())
                                .arg(widget->width())
                                .arg(widget->height())
                                .arg(parent->width())
                                .arg(parent->height());
        }
        // Siblings a layout places must not overlap.
        if (QLayout *layout = widget->layout(); layout != nullptr && !insideScrollArea(widget)) {
            QList<QWidget *> placed;
            for (QWidget *child : laidOut(layout)) {
                if (child->isVisibleTo(page) && !child->isWindow())
                    placed << child;
            }
            for (qsizetype i = 0; i < placed.size(); ++i) {
                for (qsizetype j = i + 1; j < placed.size(); ++j) {
                    const QRect overlap = placed.at(i)->geometry() & placed.at(j)->geometry();
                    if (overlap.width() > 1 && overlap.height() > 1)
                        problems
                            << QStringLiteral("%1 overlaps %2").arg(describe(placed.at(i)), describe(placed.at(j)));
                }
            }
        }
    }
    problems.removeDuplicates();
    return problems;
}

void TestWizardPresentation::pages_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestWizardPresentation::pages()
{
    QFETCH(bool, dark);
    QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
    QCOMPARE(StatusColors::isDark(QApplication::palette()), dark);

    DiagnosisWizard wizard;
    // What the app opens with (app/gui/main.cpp), or more when the layouts need it.
    wizard.resize(QSize(1000, 760).expandedTo(wizard.minimumSizeHint()));
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    QCOMPARE(wizard.devicePixelRatio(), 2.0);

    QStringList problems;
    const auto check = [&](const char *pageName) {
        QCoreApplication::processEvents();
        for (const QString &problem : layoutProblems(wizard.currentPage()))
            problems << QString::fromLatin1(pageName) + QStringLiteral(": ") + problem;
        // The wizard's own buttons too.
        for (const QWizard::WizardButton which : {QWizard::BackButton, QWizard::NextButton, QWizard::CancelButton,
                 QWizard::FinishButton, QWizard::CustomButton1}) {
            const QAbstractButton *button = wizard.button(which);
            if (button->isVisible() && button->width() < button->minimumSizeHint().width())
                problems << QString::fromLatin1(pageName)
                        + QStringLiteral(": wizard button %1 clipped").arg(describe(button));
        }
    };
    check("target page");

    std::optional<Target> target = Target::fromUrl(m_host->server()->httpsUrl().toString());
    QVERIFY(target);
    target->tls.caFile = m_caFile;
    target->credentials = WbemCredentials::basic(QStringLiteral("cimuser"), QStringLiteral("cimpass"));
    wizard.runWith(*target);
    QCOMPARE(wizard.currentId(), int(DiagnosisWizard::RunPageId));
    QVERIFY(QTest::qWaitFor([&wizard] { return wizard.runPage()->isComplete(); }, kRunTimeoutMs));
    check("run page");
    wizard.next();
    QCOMPARE(wizard.currentId(), int(DiagnosisWizard::ResultsPageId));
    QCOMPARE(wizard.resultsPage()->run().overallStatus(), CheckStatus::Passed);
    check("results page");
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestWizardPresentation::statusColorsContrast_data()
{
    pages_data();
}

void TestWizardPresentation::statusColorsContrast()
{
    QFETCH(bool, dark);
    const QPalette palette = dark ? darkPalette() : QApplication::style()->standardPalette();
    constexpr double kMinContrast = 4.5;
    const struct
    {
        const char *name;
        QColor color;
    } texts[] = {
        {"errorText", StatusColors::errorText(palette)},
        {"warningText", StatusColors::warningText(palette)},
        {"successText", StatusColors::successText(palette)},
    };
    for (const auto &text : texts) {
        for (const QPalette::ColorRole role : {QPalette::Base, QPalette::Window}) {
            const double ratio = contrastRatio(text.color, palette.color(role));
            QVERIFY2(ratio >= kMinContrast,
                qPrintable(QStringLiteral("%1 %2 on %3 %4: contrast %5")
                               .arg(QString::fromLatin1(text.name), text.color.name(),
                                   role == QPalette::Base ? QStringLiteral("Base") : QStringLiteral("Window"),
                                   palette.color(role).name())
                               .arg(ratio, 0, 'f', 2)));
        }
    }
    // Text on a status fill (timeline bars, badges) is textOn(fill).
    for (const CheckStatus status :
        {CheckStatus::Passed, CheckStatus::Warning, CheckStatus::Failed, CheckStatus::Running, CheckStatus::Skipped}) {
        const QColor fill = StatusColors::fill(status, palette);
        const QColor text = StatusColors::textOn(fill);
        const double ratio = contrastRatio(text, fill);
        QVERIFY2(ratio >= kMinContrast,
            qPrintable(QStringLiteral("%1 on the %2 fill %3: contrast %4")
                           .arg(text.name(), checkStatusTitle(status), fill.name())
                           .arg(ratio, 0, 'f', 2)));
    }
}

int main(int argc, char *argv[])
{
    // 200 %: before QApplication, as a user's environment would set it.
    qputenv("QT_SCALE_FACTOR", "2");
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    TestWizardPresentation test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "TestWizardPresentation.moc"
