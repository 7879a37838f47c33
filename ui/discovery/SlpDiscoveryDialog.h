// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/slp/SlpDiscovery.h"

#include <QDialog>
#include <QPointer>
#include <QUrl>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace cimdiag {

/// Finds WBEM servers over SLP (SlpDiscovery) and lets the user pick one: a list of the servers
/// found (name, URL, who answered) and the selected one's DSP0206 attributes. Picking one
/// (double-click, Enter, or "Use as target") emits targetChosen() with its WBEM URL
/// ("https://10.0.0.5:5989") and accepts the dialog.
///
/// The dialog does no networking itself: the search is core's SlpDiscovery. Multicast is on by
/// default; an entry in "Ask host" sends a unicast query instead (HOST[:PORT]).
class SlpDiscoveryDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit SlpDiscoveryDialog(QWidget *parent = nullptr);
    ~SlpDiscoveryDialog() override;
    Q_DISABLE_COPY_MOVE(SlpDiscoveryDialog)

    /// Base options of every search (timers, TTL); the fields of the dialog fill in the unicast
    /// host, the scope and whether to multicast.
    void setBaseOptions(const SlpDiscovery::Options &options) { m_baseOptions = options; }
    bool isSearching() const { return m_discovery != nullptr; }
    const QList<WbemServiceAdvert> &services() const { return m_services; }

public Q_SLOTS:
    /// Starts a search with what the fields say (a running one is cancelled first).
    void search();

Q_SIGNALS:
    void targetChosen(const QUrl &url);
    /// A search finished (the list is complete).
    void searchFinished();

private:
    void onServiceFound(const WbemServiceAdvert &advert);
    void onFinished();
    void showAttributes();
    void choose(QTreeWidgetItem *item);
    void updateButtons();

    SlpDiscovery::Options m_baseOptions;
    QPointer<SlpDiscovery> m_discovery;
    QList<WbemServiceAdvert> m_services;
    QLineEdit *m_hostEdit = nullptr;
    QLineEdit *m_scopeEdit = nullptr;
    QCheckBox *m_multicastCheck = nullptr;
    QPushButton *m_searchButton = nullptr;
    QTreeWidget *m_serviceList = nullptr;
    QTreeWidget *m_attributeView = nullptr;
    QLabel *m_statusLabel = nullptr;
    QPushButton *m_useButton = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace cimdiag
