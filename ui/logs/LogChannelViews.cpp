// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/logs/LogChannelViews.h"

#include "ui/logs/LogModel.h"
#include "ui/logs/LogView.h"

#include <QTabBar>

namespace cimdiag {

LogChannelViews::LogChannelViews(QWidget *parent)
    : QTabWidget(parent)
    , m_model(new LogModel(this))
{
    setObjectName(QStringLiteral("logChannelTabs"));
    setAccessibleName(tr("Logs"));
    tabBar()->setObjectName(QStringLiteral("logChannelTabBar"));
    tabBar()->setAccessibleName(tr("Log channels"));

    const struct
    {
        LogChannel channel;
        QString objectName;
        QString title;
        QString accessibleName;
    } channels[] = {
        {LogChannel::Operation, QStringLiteral("operationLogView"), tr("&Operations"), tr("Operation log")},
        {LogChannel::Http, QStringLiteral("httpLogView"), tr("&HTTP"), tr("HTTP log")},
        {LogChannel::Check, QStringLiteral("checkLogView"), tr("Chec&ks"), tr("Check log")},
    };
    for (const auto &channel : channels) {
        auto *view = new LogView(this);
        view->setObjectName(channel.objectName);
        view->setAccessibleName(channel.accessibleName);
        view->setModel(m_model);
        view->setChannel(channel.channel);
        m_views[size_t(channel.channel)] = view;
        addTab(view, channel.title);
    }
}

void LogChannelViews::setLog(DiagnosticLog *log)
{
    m_model->clear();
    m_model->setLog(log);
}

LogView *LogChannelViews::view(LogChannel channel) const
{
    return m_views[size_t(channel)];
}

} // namespace cimdiag
