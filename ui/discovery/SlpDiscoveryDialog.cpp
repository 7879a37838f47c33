// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/discovery/SlpDiscoveryDialog.h"

#include "core/slp/SlpErrorCode.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cimdiag {

namespace {

constexpr int kServiceRole = Qt::UserRole + 1;

} // namespace

SlpDiscoveryDialog::SlpDiscoveryDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("slpDiscoveryDialog"));
    setWindowTitle(tr("Find WBEM servers (SLP)"));
    m_baseOptions.timeout = std::chrono::milliseconds(5000);

    m_hostEdit = new QLineEdit(this);
    m_hostEdit->setObjectName(QStringLiteral("slpHostEdit"));
    m_hostEdit->setAccessibleName(tr("Ask host"));
    m_hostEdit->setPlaceholderText(tr("empty: multicast; or HOST[:PORT] to ask one SLP agent"));
    m_scopeEdit = new QLineEdit(QStringLiteral("DEFAULT"), this);
    m_scopeEdit->setObjectName(QStringLiteral("slpScopeEdit"));
    m_scopeEdit->setAccessibleName(tr("Scope"));
    m_multicastCheck = new QCheckBox(tr("Multicast to the local network (239.255.255.253)"), this);
    m_multicastCheck->setObjectName(QStringLiteral("slpMulticastCheck"));
    m_multicastCheck->setAccessibleName(tr("Multicast"));
    m_multicastCheck->setChecked(true);
    m_searchButton = new QPushButton(tr("&Search"), this);
    m_searchButton->setObjectName(QStringLiteral("slpSearchButton"));
    m_searchButton->setAccessibleName(tr("Search"));

    m_serviceList = new QTreeWidget(this);
    m_serviceList->setObjectName(QStringLiteral("slpServiceList"));
    m_serviceList->setAccessibleName(tr("Servers found"));
    m_serviceList->setHeaderLabels({tr("Server"), tr("URL"), tr("Answered from")});
    m_serviceList->setRootIsDecorated(false);
    m_serviceList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_attributeView = new QTreeWidget(this);
    m_attributeView->setObjectName(QStringLiteral("slpAttributeView"));
    m_attributeView->setAccessibleName(tr("Attributes of the selected server"));
    m_attributeView->setHeaderLabels({tr("Attribute"), tr("Value")});
    m_attributeView->setRootIsDecorated(false);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("slpSplitter"));
    splitter->addWidget(m_serviceList);
    splitter->addWidget(m_attributeView);

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("slpStatusLabel"));
    m_statusLabel->setWordWrap(true);
    m_useButton = new QPushButton(tr("&Use as target"), this);
    m_useButton->setObjectName(QStringLiteral("slpUseButton"));
    m_useButton->setAccessibleName(tr("Use as target"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_buttons->setObjectName(QStringLiteral("slpButtons"));
    m_buttons->addButton(m_useButton, QDialogButtonBox::AcceptRole);
    QPushButton *close = m_buttons->button(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("slpCloseButton"));
    close->setAccessibleName(tr("Close"));

    auto *form = new QFormLayout;
    form->addRow(tr("Ask &host:"), m_hostEdit);
    form->addRow(tr("S&cope:"), m_scopeEdit);
    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(m_multicastCheck, 1);
    searchRow->addWidget(m_searchButton);
    form->addRow(searchRow);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_buttons);

    connect(m_searchButton, &QPushButton::clicked, this, &SlpDiscoveryDialog::search);
    connect(m_hostEdit, &QLineEdit::returnPressed, this, &SlpDiscoveryDialog::search);
    connect(m_serviceList, &QTreeWidget::itemSelectionChanged, this, &SlpDiscoveryDialog::showAttributes);
    // itemActivated: double-click, or Enter on the focused row.
    connect(m_serviceList, &QTreeWidget::itemActivated, this, &SlpDiscoveryDialog::choose);
    connect(m_useButton, &QPushButton::clicked, this, [this] { choose(m_serviceList->currentItem()); });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateButtons();
    resize(720, 520);
}

SlpDiscoveryDialog::~SlpDiscoveryDialog()
{
    if (m_discovery) {
        m_discovery->disconnect(this);
        m_discovery->cancel();
    }
}

void SlpDiscoveryDialog::search()
{
    if (m_discovery) {
        m_discovery->disconnect(this);
        m_discovery->cancel();
        m_discovery->deleteLater();
    }
    SlpDiscovery::Options options = m_baseOptions;
    options.unicast.clear();
    const QString hostText = m_hostEdit->text().trimmed();
    if (!hostText.isEmpty()) {
        const std::optional<SlpDiscovery::Destination> destination = SlpDiscovery::parseDestination(hostText);
        if (!destination) {
            m_statusLabel->setText(tr("\"%1\" is not HOST, HOST:PORT or [IPv6]:PORT.").arg(hostText));
            return;
        }
        options.unicast = {*destination};
    }
    options.multicast = m_multicastCheck->isChecked();
    const QString scope = m_scopeEdit->text().trimmed();
    options.scopes = {scope.isEmpty() ? QStringLiteral("DEFAULT") : scope};
    if (options.unicast.isEmpty() && !options.multicast) {
        m_statusLabel->setText(tr("Enter a host or turn multicast on."));
        return;
    }
    m_services.clear();
    m_serviceList->clear();
    m_attributeView->clear();
    m_discovery = new SlpDiscovery(options, this);
    connect(m_discovery, &SlpDiscovery::serviceFound, this, &SlpDiscoveryDialog::onServiceFound);
    connect(m_discovery, &SlpDiscovery::progress, m_statusLabel, &QLabel::setText);
    connect(m_discovery, &SlpDiscovery::finished, this, &SlpDiscoveryDialog::onFinished);
    m_statusLabel->setText(tr("Searching..."));
    m_discovery->start();
    updateButtons();
}

void SlpDiscoveryDialog::onServiceFound(const WbemServiceAdvert &advert)
{
    m_services.append(advert);
    auto *item = new QTreeWidgetItem(m_serviceList,
        {advert.displayName(), advert.url.isValid() ? advert.url.toString() : advert.serviceUrl,
            advert.source.toString()});
    item->setData(0, kServiceRole, int(m_services.size() - 1));
    if (!advert.url.isValid())
        item->setToolTip(1, tr("Not a WBEM URL: it cannot be used as a target."));
    if (m_serviceList->topLevelItemCount() == 1)
        m_serviceList->setCurrentItem(item);
    updateButtons();
}

void SlpDiscoveryDialog::onFinished()
{
    SlpDiscovery *discovery = m_discovery;
    if (!discovery)
        return;
    QStringList lines;
    for (const SlpDiscovery::UnicastResult &result : discovery->unicastResults()) {
        const QString where = QStringLiteral("%1:%2").arg(result.destination.host).arg(result.destination.port);
        switch (result.outcome) {
        case SlpDiscovery::Outcome::PortUnreachable:
            lines.append(tr("%1: no SLP agent (ICMP port unreachable). Enter the server's address and port "
                            "directly.")
                             .arg(where));
            break;
        case SlpDiscovery::Outcome::NoAnswer:
            lines.append(tr("%1: no answer (filtered, or the host is down).").arg(where));
            break;
        case SlpDiscovery::Outcome::ErrorReply:
            lines.append(tr("%1: SLP error %2.").arg(where, slpErrorText(result.errorCode)));
            break;
        case SlpDiscovery::Outcome::HostNotFound:
        case SlpDiscovery::Outcome::SocketError:
            lines.append(tr("%1: %2").arg(where, result.detail));
            break;
        case SlpDiscovery::Outcome::Answered:
        case SlpDiscovery::Outcome::Pending:
            break;
        }
    }
    if (!discovery->multicastError().isEmpty())
        lines.append(tr("Multicast not sent: %1").arg(discovery->multicastError()));
    lines.append(tr("%n server URL(s) found.", nullptr, int(m_services.size())));
    m_statusLabel->setText(lines.join(u'\n'));
    discovery->deleteLater();
    m_discovery = nullptr;
    updateButtons();
    Q_EMIT searchFinished();
}

void SlpDiscoveryDialog::showAttributes()
{
    m_attributeView->clear();
    const QTreeWidgetItem *item = m_serviceList->currentItem();
    if (item) {
        const WbemServiceAdvert &advert = m_services.at(item->data(0, kServiceRole).toInt());
        new QTreeWidgetItem(m_attributeView, {tr("Service URL"), advert.serviceUrl});
        new QTreeWidgetItem(m_attributeView, {tr("Lifetime"), tr("%1 s").arg(advert.lifetime)});
        for (const auto &[tag, value] : advert.attributeRows())
            new QTreeWidgetItem(m_attributeView, {tag, value});
        if (!advert.attributeError.isEmpty())
            new QTreeWidgetItem(m_attributeView, {tr("Attributes"), advert.attributeError});
        for (const QString &deviation : advert.deviations)
            new QTreeWidgetItem(m_attributeView, {tr("Deviation from DSP0206"), deviation});
        m_attributeView->resizeColumnToContents(0);
    }
    updateButtons();
}

void SlpDiscoveryDialog::choose(QTreeWidgetItem *item)
{
    if (!item)
        return;
    const WbemServiceAdvert &advert = m_services.at(item->data(0, kServiceRole).toInt());
    if (!advert.url.isValid())
        return;
    Q_EMIT targetChosen(advert.url);
    accept();
}

void SlpDiscoveryDialog::updateButtons()
{
    const QTreeWidgetItem *item = m_serviceList->currentItem();
    m_useButton->setEnabled(item && m_services.value(item->data(0, kServiceRole).toInt()).url.isValid());
    m_searchButton->setText(m_discovery ? tr("&Search again") : tr("&Search"));
}

} // namespace cimdiag
