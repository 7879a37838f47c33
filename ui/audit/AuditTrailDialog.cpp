// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/audit/AuditTrailDialog.h"

#include "core/audit/AuditTrail.h"
#include "core/audit/AuditedSettings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cimdiag {

namespace {

enum Column { Sequence, Time, Type, SubType, Event, Outcome, Target, Details, ColumnCount };

QString detailsText(const QJsonObject &details)
{
    QStringList parts;
    for (auto it = details.begin(); it != details.end(); ++it) {
        const QJsonValue value = it.value();
        QString text = value.isString() ? value.toString()
            : value.isObject() ? QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact))
            : value.isNull()   ? QStringLiteral("null")
                               : value.toVariant().toString();
        parts.append(it.key() + u'=' + text);
    }
    return parts.join(QStringLiteral("  "));
}

template<typename Widget> Widget *named(Widget *widget, const char *objectName, const QString &accessibleName)
{
    widget->setObjectName(QString::fromLatin1(objectName));
    widget->setAccessibleName(accessibleName);
    return widget;
}

} // namespace

AuditTrailDialog::AuditTrailDialog(QString trailPath, AuditedSettings *settings, QWidget *parent)
    : QDialog(parent)
    , m_path(std::move(trailPath))
    , m_settings(settings)
    , m_typeFilter(named(new QComboBox(this), "auditTypeFilter", tr("Event type")))
    , m_outcomeFilter(named(new QComboBox(this), "auditOutcomeFilter", tr("Outcome")))
    , m_textFilter(named(new QLineEdit(this), "auditTextFilter", tr("Filter text")))
    , m_table(named(new QTableWidget(0, ColumnCount, this), "auditTable", tr("Audit records")))
    , m_verifyResult(new QLabel(this))
    , m_verifyButton(named(new QPushButton(tr("&Verify chain"), this), "auditVerifyButton", tr("Verify chain")))
    , m_reloadButton(named(new QPushButton(tr("&Reload"), this), "auditReloadButton", tr("Reload")))
{
    setObjectName(QStringLiteral("auditTrailDialog"));
    setWindowTitle(tr("Audit Trail"));
    resize(1000, 560);

    // Type names are PEP 258's (protocol-like, untranslated); the "all" entries are ours.
    m_typeFilter->addItem(tr("All types"));
    for (int i = 0; i <= int(AuditEvent::Type::CimOperation); ++i)
        m_typeFilter->addItem(AuditEvent::typeName(AuditEvent::Type(i)), i);
    m_outcomeFilter->addItem(tr("All outcomes"));
    for (int i = 0; i <= int(AuditEvent::Outcome::Error); ++i)
        m_outcomeFilter->addItem(AuditEvent::outcomeName(AuditEvent::Outcome(i)), i);
    m_textFilter->setPlaceholderText(tr("Filter: server, user, class, path…"));
    m_textFilter->setClearButtonEnabled(true);

    m_table->setHorizontalHeaderLabels(
        {tr("#"), tr("Time"), tr("Type"), tr("Subtype"), tr("Event"), tr("Outcome"), tr("Target"), tr("Details")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);

    m_verifyResult->setObjectName(QStringLiteral("auditVerifyResult"));
    m_verifyResult->setAccessibleName(tr("Verification result"));
    m_verifyResult->setWordWrap(true);
    m_verifyResult->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_typeFilter);
    filters->addWidget(m_outcomeFilter);
    filters->addWidget(m_textFilter, 1);
    filters->addWidget(m_reloadButton);

    auto *verifyRow = new QHBoxLayout;
    verifyRow->addWidget(m_verifyButton);
    verifyRow->addWidget(m_verifyResult, 1);

    auto *pathLabel = new QLabel(tr("File: %1").arg(m_path), this);
    pathLabel->setObjectName(QStringLiteral("auditPathLabel"));
    pathLabel->setAccessibleName(tr("Audit trail file"));
    pathLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(QStringLiteral("auditButtons"));
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("auditCloseButton"));
    buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addLayout(verifyRow);
    layout->addWidget(pathLabel);
    if (m_settings) {
        m_recordCheck = named(
            new QCheckBox(tr("&Record the audit trail"), this), "auditRecordCheck", tr("Record the audit trail"));
        m_recordCheck->setChecked(m_settings->value(AuditedSettings::auditEnabledKey(), true).toBool());
        connect(m_recordCheck, &QCheckBox::toggled, this, &AuditTrailDialog::onRecordToggled);
        layout->addWidget(m_recordCheck);
    }
    layout->addWidget(buttons);

    connect(m_typeFilter, &QComboBox::currentIndexChanged, this, &AuditTrailDialog::applyFilters);
    connect(m_outcomeFilter, &QComboBox::currentIndexChanged, this, &AuditTrailDialog::applyFilters);
    connect(m_textFilter, &QLineEdit::textChanged, this, &AuditTrailDialog::applyFilters);
    connect(m_reloadButton, &QPushButton::clicked, this, &AuditTrailDialog::reload);
    connect(m_verifyButton, &QPushButton::clicked, this, [this] { verify(); });
    reload();
}

AuditTrailDialog::~AuditTrailDialog() = default;

void AuditTrailDialog::reload()
{
    QString error;
    m_events = AuditTrail::readAll(m_path, &error);
    m_table->setRowCount(0);
    m_table->setRowCount(int(m_events.size()));
    for (int row = 0; row < m_events.size(); ++row) {
        const AuditEvent &event = m_events.at(row);
        const QStringList cells {QString::number(event.sequence),
            QLocale().toString(event.time.toLocalTime(), QLocale::ShortFormat), AuditEvent::typeName(event.type),
            AuditEvent::subTypeName(event.subType), AuditEvent::eventName(event.event),
            AuditEvent::outcomeName(event.outcome), event.target, detailsText(event.details)};
        for (int column = 0; column < ColumnCount; ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (column == Time)
                item->setToolTip(event.time.toString(Qt::ISODateWithMs)); // UTC, as stored
            if (column == Details)
                item->setToolTip(cells.at(column));
            m_table->setItem(row, column, item);
        }
    }
    m_table->resizeColumnsToContents();
    m_verifyResult->setText(error.isEmpty() ? tr("%n record(s).", nullptr, int(m_events.size()))
                                            : tr("Cannot read the trail: %1").arg(error));
    applyFilters();
}

void AuditTrailDialog::applyFilters()
{
    const QVariant type = m_typeFilter->currentData();
    const QVariant outcome = m_outcomeFilter->currentData();
    const QString text = m_textFilter->text().trimmed();
    for (int row = 0; row < m_events.size(); ++row) {
        const AuditEvent &event = m_events.at(row);
        bool visible = (!type.isValid() || int(event.type) == type.toInt())
            && (!outcome.isValid() || int(event.outcome) == outcome.toInt());
        if (visible && !text.isEmpty()) {
            visible = false;
            for (int column = 0; column < ColumnCount && !visible; ++column)
                visible = m_table->item(row, column)->text().contains(text, Qt::CaseInsensitive);
        }
        m_table->setRowHidden(row, !visible);
    }
}

int AuditTrailDialog::visibleRowCount() const
{
    int count = 0;
    for (int row = 0; row < m_table->rowCount(); ++row)
        count += m_table->isRowHidden(row) ? 0 : 1;
    return count;
}

AuditVerifier::Result AuditTrailDialog::verify()
{
    const AuditVerifier::Result result = AuditVerifier::verifyFile(m_path);
    if (result.valid) {
        m_verifyResult->setText(tr("Valid: %1 records, the hash chain is intact.").arg(result.records));
    } else if (result.line > 0) {
        m_verifyResult->setText(tr("Broken at line %1: %2 (%3 records before it are intact)")
                                    .arg(result.line)
                                    .arg(result.reason)
                                    .arg(result.records));
    } else {
        m_verifyResult->setText(result.reason);
    }
    m_verifyResult->setProperty("valid", result.valid);
    return result;
}

void AuditTrailDialog::onRecordToggled(bool on)
{
    QString error;
    if (!m_settings->setValue(AuditedSettings::auditEnabledKey(), on, &error)) {
        const QSignalBlocker blocker(m_recordCheck);
        m_recordCheck->setChecked(!on);
        m_verifyResult->setText(tr("Cannot change the setting: %1").arg(error));
        return;
    }
    reload();
}

} // namespace cimdiag
