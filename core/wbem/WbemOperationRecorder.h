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
    virtual void record(const WbemExchange &exchange) = 0;

private:
    bool m_enabled = true;
};

} // namespace cimdiag
