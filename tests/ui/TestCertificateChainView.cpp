// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/net/CertificateFactory.h"
#include "core/net/TlsProbe.h"
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimScenario.h"
#include "core/sim/SimScenarioHost.h"
#include "tests/ui/AccessibilityCheck.h"
#include "ui/widgets/CertificateChainView.h"

#include <QApplication>
#include <QClipboard>
#include <QCryptographicHash>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <functional>
#include <memory>

using namespace cimdiag;
using namespace std::chrono_literals;

namespace {
constexpr int kSelfSigned = 18; // X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT (C7)
constexpr int kExpired = 10; // X509_V_ERR_CERT_HAS_EXPIRED (C9)
} // namespace

/// The certificate view over real peer chains: the TLS probe's results against the in-process
/// simulator with a CA-signed, a self-signed and an expired server certificate.
class TestCertificateChainView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void healthyChainLeafFirst();
    void selfSignedShowsVerifyErrors();
    void expiredIsHighlighted();
    void pinConfirmed();
    void pinCancelled();
    void pinDialogDefaultsToCancel();
    void pinDialogConfirm();
    void onlyTheLeafCanBePinned();
    void copyFingerprint();
    void keyboardOnly();
    void interactiveChildrenAreNamed();
    void clearEmptiesTheView();

private:
    /// Starts scenario, probes its https port (trusting its CA) and returns what the probe saw.
    TlsProbeResult probe(const QString &scenario, QSslCertificate *served = nullptr);
    /// Runs action while a modal QMessageBox is open; handle gets the box (bounded wait).
    void withMessageBox(const std::function<void(QMessageBox *)> &handle, const std::function<void()> &action);

    QTemporaryDir m_dir;
    int m_files = 0;
    TlsProbeResult m_healthy;
    QSslCertificate m_healthyLeaf;
    TlsProbeResult m_selfSigned;
    TlsProbeResult m_expired;
};

TlsProbeResult TestCertificateChainView::probe(const QString &name, QSslCertificate *served)
{
    QString error;
    const std::optional<SimScenario> scenario = SimScenario::load(name, &error);
    if (!scenario) {
        qWarning("scenario %s: %s", qPrintable(name), qPrintable(error));
        return {};
    }
    SimScenarioHost host;
    if (!host.start(*scenario)) {
        qWarning("scenario %s did not start: %s", qPrintable(name), qPrintable(host.errorString()));
        return {};
    }
    const QString caFile = m_dir.filePath(QStringLiteral("ca-%1.pem").arg(++m_files));
    if (!host.certificateFactory()->writeCaCertificatePem(caFile, &error)) {
        qWarning("CA file: %s", qPrintable(error));
        return {};
    }
    if (served)
        *served = host.server()->serverCertificate().certificate;
    TlsProbe::Options options;
    options.host = QStringLiteral("localhost");
    options.address = QHostAddress(QHostAddress::LocalHost);
    options.port = host.server()->httpsPort();
    options.caFile = caFile;
    options.timeout = 5s;
    TlsProbe probe(options);
    QSignalSpy finished(&probe, &TlsProbe::finished);
    probe.start();
    if (!finished.wait(8000))
        qWarning("the probe of %s did not finish in time", qPrintable(name));
    return probe.result();
}

void TestCertificateChainView::withMessageBox(
    const std::function<void(QMessageBox *)> &handle, const std::function<void()> &action)
{
    bool handled = false;
    QTimer poll;
    poll.setInterval(10);
    int attempts = 0;
    connect(&poll, &QTimer::timeout, this, [&] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            poll.stop();
            handled = true;
            handle(box);
        } else if (++attempts > 300) {
            poll.stop(); // the action did not open a dialog; the caller's QVERIFY(handled) fails
        }
    });
    poll.start();
    action();
    poll.stop();
    QVERIFY2(handled, "no modal message box appeared");
}

void TestCertificateChainView::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_healthy = probe(QStringLiteral("healthy"), &m_healthyLeaf);
    QVERIFY(m_healthy.handshakeCompleted);
    QVERIFY(m_healthy.peerChain.size() >= 2); // leaf and the simulator's CA
    m_selfSigned = probe(QStringLiteral("cert-self-signed"));
    QVERIFY(m_selfSigned.handshakeCompleted);
    QVERIFY(!m_selfSigned.peerChain.isEmpty());
    m_expired = probe(QStringLiteral("cert-expired"));
    QVERIFY(!m_expired.peerChain.isEmpty());
}

void TestCertificateChainView::healthyChainLeafFirst()
{
    CertificateChainView view;
    view.setResult(m_healthy);
    auto *tree = view.findChild<QTreeWidget *>(QStringLiteral("chainTree"));
    QVERIFY(tree);
    QCOMPARE(tree->topLevelItemCount(), int(m_healthy.peerChain.size()));
    QCOMPARE(tree->topLevelItem(0)->text(0), QStringLiteral("localhost"));
    QCOMPARE(tree->topLevelItem(0)->text(2), QStringLiteral("Verified"));
    QCOMPARE(view.currentCertificate(), 0);

    // The details show the leaf, and its fingerprint is the served certificate's SHA-256.
    const QString expected = QString::fromLatin1(m_healthyLeaf.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
    auto *fingerprint = view.findChild<QLineEdit *>(QStringLiteral("fingerprintEdit"));
    QVERIFY(fingerprint);
    QCOMPARE(fingerprint->text(), expected);
    QVERIFY(fingerprint->isReadOnly());
    QVERIFY(view.findChild<QLabel *>(QStringLiteral("subjectLabel"))->text().contains(QLatin1String("CN=localhost")));
    QVERIFY(view.findChild<QLabel *>(QStringLiteral("subjectAltNamesLabel"))
                ->text()
                .contains(QLatin1String("DNS:localhost")));
    QCOMPARE(view.findChild<QLabel *>(QStringLiteral("keyLabel"))->text(), QStringLiteral("RSA, 2048 bit(s)"));
    QCOMPARE(view.findChild<QLabel *>(QStringLiteral("signatureAlgorithmLabel"))->text(),
        QStringLiteral("sha256WithRSAEncryption"));
    QCOMPARE(view.findChild<QLabel *>(QStringLiteral("verificationLabel"))->text(), QStringLiteral("Verified"));
    QCOMPARE(view.findChild<QLabel *>(QStringLiteral("validityStateLabel"))->text(), QStringLiteral("Currently valid"));
    QVERIFY(view.findChild<QLabel *>(QStringLiteral("verificationSummaryLabel"))
                ->text()
                .contains(QLatin1String("verified")));

    // Selecting the CA shows the CA.
    view.setCurrentCertificate(1);
    const TlsCertificateInfo &ca = m_healthy.peerChain.at(1);
    QCOMPARE(fingerprint->text(), ca.sha256Fingerprint);
    QVERIFY(fingerprint->text() != expected);
    QCOMPARE(view.findChild<QLabel *>(QStringLiteral("subjectLabel"))->text(), ca.subject);
    QCOMPARE(tree->topLevelItem(1)->text(1), QStringLiteral("Root CA"));
}

void TestCertificateChainView::selfSignedShowsVerifyErrors()
{
    CertificateChainView view;
    view.setResult(m_selfSigned);
    const TlsCertificateInfo &leaf = m_selfSigned.peerChain.constFirst();
    QVERIFY(!leaf.verifyErrors.isEmpty());
    QCOMPARE(leaf.verifyErrors.constFirst().code, kSelfSigned);

    auto *tree = view.findChild<QTreeWidget *>(QStringLiteral("chainTree"));
    QCOMPARE(tree->topLevelItem(0)->text(1), QStringLiteral("Server (self-signed)"));
    QVERIFY(tree->topLevelItem(0)->text(2) != QStringLiteral("Verified"));
    const QString verification = view.findChild<QLabel *>(QStringLiteral("verificationLabel"))->text();
    QVERIFY2(verification.contains(QStringLiteral("18: %1").arg(leaf.verifyErrors.constFirst().text)),
        qPrintable(verification));
    const QString summary = view.findChild<QLabel *>(QStringLiteral("verificationSummaryLabel"))->text();
    QVERIFY2(summary.contains(QLatin1String("Verification failed")), qPrintable(summary));
    // Still pinnable: this is the case pinning exists for.
    QVERIFY(view.findChild<QPushButton *>(QStringLiteral("trustButton"))->isEnabled());
}

void TestCertificateChainView::expiredIsHighlighted()
{
    CertificateChainView view;
    view.setResult(m_expired);
    QVERIFY(m_expired.verifyErrorCodes().contains(kExpired));
    auto *state = view.findChild<QLabel *>(QStringLiteral("validityStateLabel"));
    QCOMPARE(state->text(), QStringLiteral("Expired"));
    // Highlighted with a colour of its own that differs from the ordinary text colour.
    QVERIFY(state->palette().color(QPalette::WindowText) != view.palette().color(QPalette::WindowText));
    // In a dark palette the highlight changes with it and stays distinct from the window.
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    const QColor lightHighlight = state->palette().color(QPalette::WindowText);
    view.setPalette(dark);
    const QColor darkHighlight = state->palette().color(QPalette::WindowText);
    QVERIFY(darkHighlight != lightHighlight);
    QVERIFY(darkHighlight.lightness() > dark.color(QPalette::Window).lightness() + 80);
}

void TestCertificateChainView::pinConfirmed()
{
    CertificateChainView view;
    view.setResult(m_selfSigned);
    QString asked;
    view.setPinConfirmation([&asked](const TlsCertificateInfo &certificate) {
        asked = certificate.sha256Fingerprint;
        return true;
    });
    QSignalSpy pinned(&view, &CertificateChainView::pinRequested);
    view.findChild<QPushButton *>(QStringLiteral("trustButton"))->click();
    QCOMPARE(pinned.size(), 1);
    QCOMPARE(pinned.at(0).at(0).toString(), m_selfSigned.peerChain.constFirst().sha256Fingerprint);
    QCOMPARE(asked, m_selfSigned.peerChain.constFirst().sha256Fingerprint);
}

void TestCertificateChainView::pinCancelled()
{
    CertificateChainView view;
    view.setResult(m_selfSigned);
    int asked = 0;
    view.setPinConfirmation([&asked](const TlsCertificateInfo &) {
        ++asked;
        return false;
    });
    QSignalSpy pinned(&view, &CertificateChainView::pinRequested);
    view.findChild<QPushButton *>(QStringLiteral("trustButton"))->click();
    QCOMPARE(asked, 1);
    QCOMPARE(pinned.size(), 0);
}

void TestCertificateChainView::pinDialogDefaultsToCancel()
{
    // The real dialog: a warning that names the fingerprint; Enter (the default button) cancels.
    CertificateChainView view;
    view.setResult(m_selfSigned);
    view.show();
    QSignalSpy pinned(&view, &CertificateChainView::pinRequested);
    QString text;
    QMessageBox::Icon icon = QMessageBox::NoIcon;
    withMessageBox(
        [&](QMessageBox *box) {
            text = box->text();
            icon = box->icon();
            QTest::keyClick(box, Qt::Key_Return);
        },
        [&] { view.findChild<QPushButton *>(QStringLiteral("trustButton"))->click(); });
    QCOMPARE(icon, QMessageBox::Warning);
    QVERIFY2(text.contains(m_selfSigned.peerChain.constFirst().sha256Fingerprint), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("only this exact certificate")));
    QCOMPARE(pinned.size(), 0);

    // Escape cancels too.
    withMessageBox([](QMessageBox *box) { QTest::keyClick(box, Qt::Key_Escape); },
        [&] { view.findChild<QPushButton *>(QStringLiteral("trustButton"))->click(); });
    QCOMPARE(pinned.size(), 0);
}

void TestCertificateChainView::pinDialogConfirm()
{
    CertificateChainView view;
    view.setResult(m_selfSigned);
    view.show();
    QSignalSpy pinned(&view, &CertificateChainView::pinRequested);
    withMessageBox(
        [](QMessageBox *box) {
            auto *confirm = box->findChild<QPushButton *>(QStringLiteral("pinConfirmButton"));
            QVERIFY(confirm);
            confirm->click();
        },
        [&] { view.findChild<QPushButton *>(QStringLiteral("trustButton"))->click(); });
    QCOMPARE(pinned.size(), 1);
    QCOMPARE(pinned.at(0).at(0).toString(), m_selfSigned.peerChain.constFirst().sha256Fingerprint);
}

void TestCertificateChainView::onlyTheLeafCanBePinned()
{
    CertificateChainView view;
    view.setResult(m_healthy);
    int asked = 0;
    view.setPinConfirmation([&asked](const TlsCertificateInfo &) {
        ++asked;
        return true;
    });
    QSignalSpy pinned(&view, &CertificateChainView::pinRequested);
    auto *trust = view.findChild<QPushButton *>(QStringLiteral("trustButton"));
    view.setCurrentCertificate(1);
    QVERIFY(!trust->isEnabled());
    view.requestPin();
    QCOMPARE(asked, 0);
    QCOMPARE(pinned.size(), 0);
    view.setCurrentCertificate(0);
    QVERIFY(trust->isEnabled());
    view.requestPin();
    QCOMPARE(pinned.size(), 1);
    QCOMPARE(pinned.at(0).at(0).toString(), m_healthy.peerChain.constFirst().sha256Fingerprint);
}

void TestCertificateChainView::copyFingerprint()
{
    CertificateChainView view;
    view.setResult(m_healthy);
    QGuiApplication::clipboard()->clear();
    view.findChild<QPushButton *>(QStringLiteral("copyFingerprintButton"))->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), m_healthy.peerChain.constFirst().sha256Fingerprint);
}

void TestCertificateChainView::keyboardOnly()
{
    // Tab reaches the fingerprint, the copy button and the trust button; Space on trust asks.
    CertificateChainView view;
    view.setResult(m_selfSigned);
    int asked = 0;
    view.setPinConfirmation([&asked](const TlsCertificateInfo &) {
        ++asked;
        return true;
    });
    QSignalSpy pinned(&view, &CertificateChainView::pinRequested);
    view.show();
    view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    auto *tree = view.findChild<QTreeWidget *>(QStringLiteral("chainTree"));
    tree->setFocus();
    QStringList reached;
    for (int i = 0; i < 20 && QApplication::focusWidget() != view.findChild<QWidget *>(QStringLiteral("trustButton"));
         ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        reached << QApplication::focusWidget()->objectName();
    }
    QVERIFY2(reached.contains(QStringLiteral("fingerprintEdit")), qPrintable(reached.join(u',')));
    QVERIFY2(reached.contains(QStringLiteral("copyFingerprintButton")), qPrintable(reached.join(u',')));
    QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("trustButton"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QCOMPARE(asked, 1);
    QCOMPARE(pinned.size(), 1);
}

void TestCertificateChainView::interactiveChildrenAreNamed()
{
    CertificateChainView view;
    view.setResult(m_healthy);
    const QStringList problems = AccessibilityCheck::unnamedInteractiveWidgets(&view);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    for (const char *name : {"chainTree", "fingerprintEdit", "copyFingerprintButton", "trustButton"}) {
        auto *widget = view.findChild<QWidget *>(QLatin1String(name));
        QVERIFY2(widget, name);
        QVERIFY2(widget->focusPolicy() != Qt::NoFocus, name);
    }
}

void TestCertificateChainView::clearEmptiesTheView()
{
    CertificateChainView view;
    view.setResult(m_healthy);
    view.clear();
    QCOMPARE(view.findChild<QTreeWidget *>(QStringLiteral("chainTree"))->topLevelItemCount(), 0);
    QCOMPARE(view.currentCertificate(), -1);
    QVERIFY(view.findChild<QLineEdit *>(QStringLiteral("fingerprintEdit"))->text().isEmpty());
    QVERIFY(!view.findChild<QPushButton *>(QStringLiteral("trustButton"))->isEnabled());
    QSignalSpy pinned(&view, &CertificateChainView::pinRequested);
    view.requestPin();
    QCOMPARE(pinned.size(), 0);
}

QTEST_MAIN(TestCertificateChainView)
#include "TestCertificateChainView.moc"
