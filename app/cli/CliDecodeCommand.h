// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cimxml/CimOperation.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QString>
#include <QStringList>

#include <optional>

namespace cimdiag {

/// `cimdiag-cli decode`: reads a captured CIM-XML message from a file or standard input in 64 KiB
/// chunks into the streaming CimXmlReader, then prints it with CimMessageFormatter. main.cpp parses
/// the command line into Options; this class only runs them.
class CliDecodeCommand final
{
    Q_DECLARE_TR_FUNCTIONS(CliDecodeCommand)

public:
    /// Exit statuses; 64, 66 and 74 are BSD sysexits.h's EX_USAGE, EX_NOINPUT and EX_IOERR.
    enum ExitStatus : int {
        ExitOk = 0, ///< decoded, including a response that reports a CIM error
        ExitBadDocument = 2, ///< not a valid CIM-XML message (for that operation)
        ExitUsage = 64,
        ExitNoInput = 66, ///< FILE cannot be opened
        ExitIoError = 74, ///< reading FILE or writing the output failed
    };

    enum class Format : quint8 { Text, Json };

    struct Options
    {
        QString inputPath; ///< "-" for standard input
        std::optional<CimOperation> operation; ///< the operation a response answers
        bool request = false; ///< decode a request; the operation comes from the document
        Format format = Format::Text;
    };

    explicit CliDecodeCommand(Options options);

    /// Decodes the input and writes the result to out, problems to err. Returns an ExitStatus.
    int run(QIODevice &out, QIODevice &err) const;

    /// Every operation name --operation accepts, in DSP0200 order.
    static QStringList operationNames();
    /// The --help description: what the command prints and its exit statuses.
    static QString helpDescription();

    /// Size of the pieces the input is read and decoded in: big enough that per-call overhead vanishes,
    /// small enough that a 50 MB capture is never held whole next to what it decodes to.
    static constexpr qint64 kChunkSize = qint64(64) * 1024;

private:
    QString inputLabel() const;

    Options m_options;
};

} // namespace cimdiag
