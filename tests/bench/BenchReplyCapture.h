// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/wbem/WbemOperationRecorder.h"

#include <QByteArray>

namespace cimdiag {

/// Keeps the reply body of the last final exchange, so bench_operations can time a bare decode of
/// exactly the bytes the simulator sent. Added only for the capturing run: a recorder that wants
/// bodies makes the connection keep them, which the timed runs must not pay for.
class BenchReplyCapture final : public WbemOperationRecorder
{
public:
    void record(const WbemExchange &exchange) override
    {
        if (exchange.isFinal) {
            m_body = exchange.replyBody;
            m_truncated = exchange.replyBodyTruncated;
        }
    }

    const QByteArray &body() const { return m_body; }
    bool isTruncated() const { return m_truncated; }

private:
    QByteArray m_body;
    bool m_truncated = false;
};

} // namespace cimdiag
