// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/listener/ReceivedIndication.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QIODevice>
#include <QString>
#include <QStringList>

#include <optional>

namespace cimdiag {

/// `cimdiag-cli listen`: runs an IndicationListener and prints every indication it receives (class,
/// properties, sender, time) as text or as JSON lines, until --count indications arrived, --timeout
/// seconds passed, or Ctrl-C / SIGTERM (CliInterruptWatcher). The listening URL goes to standard
/// error first ("listening on http://...") so scripts and tests can read the port.
class CliListenCommand final
{
    Q_DECLARE_TR_FUNCTIONS(CliListenCommand)

public:
    /// Exit statuses; 64, 66 and 69 are BSD sysexits.h's EX_USAGE, EX_NOINPUT and EX_UNAVAILABLE.
    enum ExitStatus : int {
        ExitOk = 0, ///< --count reached, or stopped by Ctrl-C / --timeout without --count
        ExitIncomplete = 1, ///< --timeout passed before --count indications arrived
        ExitUsage = 64,
        ExitNoInput = 66, ///< the certificate or key file cannot be used (ServerCertificateFiles says why)
        ExitUnavailable = 69, ///< the address and port cannot be bound
    };

    struct Options
    {
        QHostAddress address = QHostAddress(QHostAddress::Any);
        quint16 port = 0;
        bool https = false;
        QString certificateFile;
        QString keyFile;
        bool json = false;
        int count = 0; ///< 0: no limit
        int timeoutSeconds = 0; ///< 0: none
    };

    struct Parsed
    {
        enum class Action : quint8 { Run, Help, Version, Usage };
        Action action = Action::Run;
        QString text; ///< help, version or the usage error
        Options options;
    };

    /// arguments: the program name, "listen", then the command's own arguments.
    static Parsed parse(const QStringList &arguments);

    explicit CliListenCommand(Options options);

    /// Listens and prints until done (runs a local event loop). Returns an ExitStatus.
    int run(QIODevice &out, QIODevice &err) const;

    /// One indication as a text line, or as one JSON object (a line of JSON-lines output).
    static QString textLine(const ReceivedIndication &indication);
    static QByteArray jsonLine(const ReceivedIndication &indication);

private:
    Options m_options;
};

} // namespace cimdiag
