// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/CheckResult.h"

#include <QHostAddress>
#include <QList>

#include <chrono>

class QHostInfo;

namespace cimdiag {

/// The verdict of the name-resolution stage from what the resolver said (pure: no I/O, so the
/// classification is testable without DNS). A and AAAA answers are listed separately; no answer
/// is B1. Addresses are kept in the resolver's order (getaddrinfo's RFC 6724 order, which is the
/// order a client library such as pywbem or curl tries them in).
class NameResolutionDiagnosis final
{
public:
    NameResolutionDiagnosis() = delete;

    /// The host is an IP literal: nothing to look up.
    static CheckResult forLiteral(const QHostAddress &address);
    /// A finished lookup of host; *addresses receives every answer (resolver order), empty on failure.
    static CheckResult classify(const QString &host, const QHostInfo &info, QList<QHostAddress> *addresses);
    /// The resolver did not answer within timeout.
    static CheckResult timedOut(const QString &host, std::chrono::milliseconds timeout);
    /// The getaddrinfo() name behind Qt's error: "EAI_NONAME" (HostNotFound: Qt folds EAI_NONAME,
    /// EAI_NODATA and EAI_FAIL into it), "EAI_AGAIN" (temporary failure), "EAI_FAIL" otherwise.
    static QString errnoName(const QHostInfo &info);
};

} // namespace cimdiag
