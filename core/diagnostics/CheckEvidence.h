// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace cimdiag {

/// One raw signal behind a result (a value), shown verbatim: name is a stable dotted key, value the
/// signal as the system or the server gave it. Examples: {"tcp.errno", "ECONNREFUSED"},
/// {"tls.verify", "18 self-signed certificate"}, {"tls.alert", "40 handshake_failure"},
/// {"http.status", "HTTP/1.1 401 Unauthorized"}, {"http.CIMError", "request-not-valid"},
/// {"cim.status", "5 CIM_ERR_INVALID_CLASS"}.
struct CheckEvidence final
{
    QString name;
    QString value;

    friend bool operator==(const CheckEvidence &, const CheckEvidence &) = default;
};

using CheckEvidenceList = QList<CheckEvidence>;

} // namespace cimdiag
