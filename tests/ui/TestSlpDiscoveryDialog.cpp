// SPDX-License-Identifier: GPL-3.0-or-later
// The SLP discovery dialog against the simulator's SLP agent, asked by unicast on 127.0.0.1 (the
// multicast box is turned off: nothing leaves the machine).
#include "tests/ui/AccessibilityCheck.h"
#include "ui/discovery/SlpDiscoveryDialog.h"

#include "core/sim/SimHttpServer.h"
#include "core/sim/SimScenarioHost.h"
#include "core/sim/SimSlpResponder.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>
#include <QUdpSocket>

using namespace cimdiag;

class TestSlpDiscoveryDialog final : public QObject
{
    Q_OBJECT

private:
    static void searchFor(SlpDiscoveryDialog &dialog, const QString &host)
    {
        dialog.findChild<QLineEdit *>(QStringLiteral("slpHostEdit"))->setText(host);
        dialog.findChild<QCheckBox *>(QStringLiteral("slpMulticastCheck"))->setChecked(false);
        QSignalSpy finished(&dialog, &SlpDiscoveryDialog::searchFinished);
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("slpSearchButton")), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
    }

private Q_SLOTS:
    void everyInteractiveWidgetIsNamed()
    {
        SlpDiscoveryDialog dialog;
        const QStringList problems = AccessibilityCheck::unnamedInteractiveWidgets(&dialog);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void listsServersAndUsesTheChosenOne()
    {
        SimScenarioHost host;
        QVERIFY(host.start(*SimScenario::load(QStringLiteral("slp-advert"))));
        SlpDiscoveryDialog dialog;
        dialog.show();
        QSignalSpy chosen(&dialog, &SlpDiscoveryDialog::targetChosen);
        searchFor(dialog, QStringLiteral("127.0.0.1:%1").arg(host.slpResponder()->port()));

        auto *list = dialog.findChild<QTreeWidget *>(QStringLiteral("slpServiceList"));
        QCOMPARE(list->topLevelItemCount(), 2);
        const QString httpsUrl = QStringLiteral("https://127.0.0.1:%1").arg(host.server()->httpsPort());
        QTreeWidgetItem *https = nullptr;
        for (int i = 0; i < list->topLevelItemCount(); ++i) {
            if (list->topLevelItem(i)->text(1) == httpsUrl)
                https = list->topLevelItem(i);
        }
        QVERIFY(https);
        QCOMPARE(https->text(0), QStringLiteral("cimdiag-sim (slp-advert)"));
        list->setCurrentItem(https);
        auto *attributes = dialog.findChild<QTreeWidget *>(QStringLiteral("slpAttributeView"));
        const QList<QTreeWidgetItem *> interop
            = attributes->findItems(QStringLiteral("InteropSchemaNamespace"), Qt::MatchExactly, 0);
        QCOMPARE(interop.size(), 1);
        QCOMPARE(interop.constFirst()->text(1), QStringLiteral("interop"));

        auto *use = dialog.findChild<QPushButton *>(QStringLiteral("slpUseButton"));
        QVERIFY(use->isEnabled());
        QTest::mouseClick(use, Qt::LeftButton);
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.constFirst().constFirst().toUrl(), QUrl(httpsUrl));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void enterOnARowChoosesIt()
    {
        SimScenarioHost host;
        QVERIFY(host.start(*SimScenario::load(QStringLiteral("slp-url-mismatch"))));
        SlpDiscoveryDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy chosen(&dialog, &SlpDiscoveryDialog::targetChosen);
        searchFor(dialog, QStringLiteral("127.0.0.1:%1").arg(host.slpResponder()->port()));
        auto *list = dialog.findChild<QTreeWidget *>(QStringLiteral("slpServiceList"));
        QCOMPARE(list->topLevelItemCount(), 1);
        list->setCurrentItem(list->topLevelItem(0));
        list->setFocus();
        QTest::keyClick(list, Qt::Key_Return);
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.constFirst().constFirst().toUrl(), QUrl(QStringLiteral("https://192.0.2.10:5989")));
    }

    void saysWhenNoAgentAnswers()
    {
        QUdpSocket probe;
        QVERIFY(probe.bind(QHostAddress::LocalHost, 0));
        const quint16 port = probe.localPort();
        probe.close();
        SlpDiscoveryDialog dialog;
        searchFor(dialog, QStringLiteral("127.0.0.1:%1").arg(port));
        const QString status = dialog.findChild<QLabel *>(QStringLiteral("slpStatusLabel"))->text();
        QVERIFY2(status.contains(QStringLiteral("ICMP port unreachable")), qPrintable(status));
        QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("slpUseButton"))->isEnabled());
    }
};

QTEST_MAIN(TestSlpDiscoveryDialog)
#include "TestSlpDiscoveryDialog.moc"
