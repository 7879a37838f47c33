// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/wbem/WbemExchange.h"

namespace cimdiag {

/// Base of the operation recorders a WbemConnection feeds (pywbem's BaseOperationRecorder). Add
/// several to one connection with WbemConnection::addRecorder(); each is enabled on creation and can
/// be disabled and re-enabled. record() is called on the connection's thread after every HTTP
/// exchange (twice for an operation answered by a 401 challenge), with secrets already redacted.
class WbemOperationRecorder
{
public:
    WbemOperationRecorder() = default;
    virtual ~WbemOperationRecorder() = default;
    Q_DISABLE_COPY_MOVE(WbemOperationRecorder)

    bool isEnabled() const { return m_enabled; }
    void setEnabled(bool enabled) { m_enabled = enabled; }

    /// Whether this recorder needs the reply body (the connection then keeps it while streaming).
    virtual bool wantsReplyBody() const { return true; }
    /// The most leading bytes of a request or reply body this recorder shows (-1: all of it). The
    /// connection hands recorders only the longest head any of them keeps, redacted, and counts
    /// the rest in WbemExchange::requestBodyOmitted / replyBodyOmitted: a 25 MB reply is neither
    /// copied nor scanned for secrets on the connection's thread for a log that shows 16 KB of it
    /// (bench_gui_stall, issue #5).
    virtual qsizetype keptBodyBytes() const { return -1; }
    virtual void record(const WbemExchange &exchange) = 0;

private:
    bool m_enabled = true;
};

} // namespace cimdiag
