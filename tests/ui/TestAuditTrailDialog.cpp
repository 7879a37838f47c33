// SPDX-License-Identifier: GPL-3.0-or-later
// The audit trail viewer: records in the table, the filters, the Verify button on an intact and on an
// edited trail, the audited on/off switch, and names for every interactive widget.
#include "core/audit/AuditTrail.h"
#include "core/audit/AuditedSettings.h"
#include "core/paths/AppPaths.h"
#include "tests/ui/AccessibilityCheck.h"
#include "ui/audit/AuditTrailDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace cimdiag;

class TestAuditTrailDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void showsFiltersAndVerifies();
    void switchIsAudited();

private:
    QString trailPath() const { return m_dir.filePath(QStringLiteral("audit.jsonl")); }
    QTemporaryDir m_dir;
};

void TestAuditTrailDialog::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("config"))));
    AuditTrail trail(trailPath());
    AuditEvent failure;
    failure.type = AuditEvent::Type::Authentication;
    failure.subType = AuditEvent::SubType::BasicAuthentication;
    failure.event = AuditEvent::Event::AuthFailure;
    failure.outcome = AuditEvent::Outcome::Failure;
    failure.target = QStringLiteral("https://esx01.example.com:5989");
    failure.details.insert(QStringLiteral("user"), QStringLiteral("root"));
    QVERIFY(trail.append(failure));
    AuditEvent create;
    create.type = AuditEvent::Type::CimOperation;
    create.subType = AuditEvent::SubType::InstanceOperation;
    create.event = AuditEvent::Event::Create;
    create.target = QStringLiteral("https://sim.example.com:5989");
    create.details.insert(QStringLiteral("className"), QStringLiteral("CIM_IndicationFilter"));
    QVERIFY(trail.append(create));
    QVERIFY(trail.append(AuditEvent {}));
}

void TestAuditTrailDialog::showsFiltersAndVerifies()
{
    AuditTrailDialog dialog(trailPath());
    const QStringList unnamed = AccessibilityCheck::unnamedInteractiveWidgets(&dialog);
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u'\n')));
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("auditTable"));
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 3);
    QCOMPARE(table->item(0, 4)->text(), QStringLiteral("AUTH_FAILURE"));

    auto *type = dialog.findChild<QComboBox *>(QStringLiteral("auditTypeFilter"));
    type->setCurrentIndex(type->findText(QStringLiteral("CIMOPERATION")));
    QCOMPARE(dialog.visibleRowCount(), 1);
    type->setCurrentIndex(0);
    auto *outcome = dialog.findChild<QComboBox *>(QStringLiteral("auditOutcomeFilter"));
    outcome->setCurrentIndex(outcome->findText(QStringLiteral("failure")));
    QCOMPARE(dialog.visibleRowCount(), 1);
    outcome->setCurrentIndex(0);
    dialog.findChild<QLineEdit *>(QStringLiteral("auditTextFilter"))->setText(QStringLiteral("esx01"));
    QCOMPARE(dialog.visibleRowCount(), 1);
    dialog.findChild<QLineEdit *>(QStringLiteral("auditTextFilter"))->clear();
    QCOMPARE(dialog.visibleRowCount(), 3);

    auto *verify = dialog.findChild<QPushButton *>(QStringLiteral("auditVerifyButton"));
    auto *result = dialog.findChild<QLabel *>(QStringLiteral("auditVerifyResult"));
    QTest::mouseClick(verify, Qt::LeftButton);
    QVERIFY2(result->text().contains(QStringLiteral("intact")), qPrintable(result->text()));
    QCOMPARE(result->property("valid").toBool(), true);

    // Edit the second record on disk: Verify names line 2.
    const QString edited = m_dir.filePath(QStringLiteral("edited.jsonl"));
    QFile in(trailPath());
    QVERIFY(in.open(QIODevice::ReadOnly));
    QByteArray bytes = in.readAll();
    bytes.replace("CIM_IndicationFilter", "CIM_ListenerDestination");
    QFile out(edited);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(bytes);
    out.close();
    AuditTrailDialog brokenDialog(edited);
    QTest::mouseClick(brokenDialog.findChild<QPushButton *>(QStringLiteral("auditVerifyButton")), Qt::LeftButton);
    auto *brokenResult = brokenDialog.findChild<QLabel *>(QStringLiteral("auditVerifyResult"));
    QVERIFY2(brokenResult->text().contains(QStringLiteral("line 2")), qPrintable(brokenResult->text()));
    QCOMPARE(brokenResult->property("valid").toBool(), false);
}

void TestAuditTrailDialog::switchIsAudited()
{
    const auto settings = AppPaths::settings();
    const auto trail = std::make_shared<AuditTrail>(trailPath());
    AuditedSettings audited(*settings, trail);
    audited.applyToTrail();
    AuditTrailDialog dialog(trailPath(), &audited);
    const QStringList unnamed = AccessibilityCheck::unnamedInteractiveWidgets(&dialog);
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u'\n')));
    auto *record = dialog.findChild<QCheckBox *>(QStringLiteral("auditRecordCheck"));
    QVERIFY(record);
    QVERIFY(record->isChecked());
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("auditTable"));
    const int before = table->rowCount();
    record->click();
    QVERIFY(!trail->isEnabled());
    QCOMPARE(table->rowCount(), before + 1); // the "audit off" record, shown at once
    QCOMPARE(table->item(before, 3)->text(), QStringLiteral("AUDIT_TRAIL_CHANGE"));
    record->click();
    QVERIFY(trail->isEnabled());
    QCOMPARE(table->rowCount(), before + 2);
}

QTEST_MAIN(TestAuditTrailDialog)
#include "TestAuditTrailDialog.moc"
