// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/log/LogEntry.h"

#include <QTabWidget>

namespace cimdiag {

class DiagnosticLog;
class LogModel;
class LogView;

/// The live logs of one diagnosis as tabs: Operations, HTTP and Checks, one LogView per channel
/// over one shared LogModel (a line is stored once however many views show it).
class LogChannelViews final : public QTabWidget
{
    Q_OBJECT

public:
    explicit LogChannelViews(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(LogChannelViews)

    /// Shows log's entries (see LogModel::setLog()); nullptr detaches.
    void setLog(DiagnosticLog *log);
    LogModel *model() const { return m_model; }
    LogView *view(LogChannel channel) const;

private:
    LogModel *m_model = nullptr;
    LogView *m_views[3] = {};
};

} // namespace cimdiag
