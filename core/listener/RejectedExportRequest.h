// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QMetaType>
#include <QString>

namespace cimdiag {

/// A request an IndicationListener refused (F5 seen from the listener's side): what it answered and why.
struct RejectedExportRequest final
{
    QHostAddress sender;
    quint16 senderPort = 0;
    QByteArray requestLine; ///< empty when the head never completed (timeout, garbage)
    int status = 0; ///< the HTTP status answered (400, 405, 408, 411, 413, 431, 501, 510), or 200 with a CIM error
    QByteArray cimError; ///< the CIMError header answered, if any (DSP0200 values)
    int cimStatusCode = 0; ///< the ERROR CODE in a 200 EXPMETHODRESPONSE (4, 7), 0 when none
    QString reason; ///< in words, untranslated (protocol detail)
    QDateTime at; ///< UTC
};

} // namespace cimdiag

Q_DECLARE_METATYPE(cimdiag::RejectedExportRequest)
