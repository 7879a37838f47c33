// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace cimdiag {

/// Raw bytes from the wire as one line of text for evidence and logs: printable ASCII kept, CR,
/// LF and backslash escaped, the rest as \xNN ("HTTP/1.1 400\r\n" stays readable, a TLS alert
/// reads "\x15\x03\x01\x00\x02\x02(").
QString printableBytes(const QByteArray &bytes);

} // namespace cimdiag
