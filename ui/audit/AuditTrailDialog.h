// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/audit/AuditEvent.h"
#include "core/audit/AuditVerifier.h"

#include <QDialog>
#include <QList>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace cimdiag {

class AuditedSettings;

/// The audit trail viewer (issue #8): the records in a table (newest last), filters by type,
/// outcome and free text, a Verify button that checks the hash chain and says where it breaks, and,
/// when the application's AuditedSettings are given, the switch that turns the trail on or off (an
/// audited setting: turning it off is the last record written).
class AuditTrailDialog final : public QDialog
{
    Q_OBJECT

public:
    /// settings may be null (no switch shown); it must outlive the dialog otherwise.
    explicit AuditTrailDialog(QString trailPath, AuditedSettings *settings = nullptr, QWidget *parent = nullptr);
    ~AuditTrailDialog() override;
    Q_DISABLE_COPY_MOVE(AuditTrailDialog)

    /// Rereads the file (the table keeps the filters).
    void reload();
    /// Verifies the file, shows the result and returns it.
    AuditVerifier::Result verify();
    /// Rows not hidden by the filters.
    int visibleRowCount() const;

private:
    void applyFilters();
    void onRecordToggled(bool on);

    QString m_path;
    AuditedSettings *m_settings;
    QList<AuditEvent> m_events;
    QComboBox *m_typeFilter;
    QComboBox *m_outcomeFilter;
    QLineEdit *m_textFilter;
    QTableWidget *m_table;
    QLabel *m_verifyResult;
    QPushButton *m_verifyButton;
    QPushButton *m_reloadButton;
    QCheckBox *m_recordCheck = nullptr;
};

} // namespace cimdiag
