// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliDecodeCommand.h"

#include "core/cimxml/CimMessageFormatter.h"
#include "core/cimxml/CimXmlReader.h"

#include <QByteArray>
#include <QFile>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>
#include <memory>

namespace cimdiag {

namespace {

/// True when all of bytes reached device (a closed pipe or a full disk must not pass silently).
bool writeAll(QIODevice &device, const QByteArray &bytes)
{
    return device.write(bytes) == bytes.size();
}

} // namespace

CliDecodeCommand::CliDecodeCommand(Options options)
    : m_options(std::move(options))
{ }

QString CliDecodeCommand::inputLabel() const
{
    return m_options.inputPath == QStringLiteral("-") ? tr("standard input") : m_options.inputPath;
}

int CliDecodeCommand::run(QIODevice &out, QIODevice &err) const
{
    const auto complain = [&err](const QString &message) {
        writeAll(err, (QStringLiteral("cimdiag-cli decode: ") + message + u'\n').toUtf8());
    };
    Q_ASSERT(m_options.request || m_options.operation.has_value());

    QFile input;
    const bool opened = m_options.inputPath == QStringLiteral("-")
        ? input.open(fileno(stdin), QIODevice::ReadOnly)
        : (input.setFileName(m_options.inputPath), input.open(QIODevice::ReadOnly));
    if (!opened) {
        complain(tr("cannot open %1: %2").arg(inputLabel(), input.errorString()));
        return ExitNoInput;
    }

    const std::unique_ptr<CimXmlReader> reader = m_options.request
        ? CimXmlReader::forRequest()
        : std::make_unique<CimXmlReader>(m_options.operation.value_or(CimOperation::GetClass));
    // Chunked so a capture of any size decodes in bounded extra memory; the reader stops taking
    // input at the first error, so there is no point reading on.
    QByteArray chunk(kChunkSize, Qt::Uninitialized);
    for (;;) {
        const qint64 n = input.read(chunk.data(), kChunkSize);
        if (n < 0) {
            complain(tr("cannot read %1: %2").arg(inputLabel(), input.errorString()));
            return ExitIoError;
        }
        if (n == 0 || !reader->feed(QByteArrayView(chunk.constData(), n)))
            break;
    }
    if (reader->bytesFed() == 0) {
        // Said plainly: XML parsers report an empty document as a syntax error at 1:1.
        complain(tr("%1 is empty").arg(inputLabel()));
        return ExitBadDocument;
    }
    if (!reader->hasError())
        reader->finish();
    if (reader->hasError()) {
        const QString expected = m_options.request
            ? tr("a CIM-XML request")
            : tr("a CIM-XML %1 response").arg(cimOperationName(*m_options.operation));
        complain(tr("%1 is not %2: %3").arg(inputLabel(), expected, reader->error().toString()));
        return ExitBadDocument;
    }

    bool written = false;
    if (m_options.format == Format::Json) {
        const QJsonObject json = m_options.request ? CimMessageFormatter::toJson(reader->request())
                                                   : CimMessageFormatter::toJson(reader->response());
        written = writeAll(out, QJsonDocument(json).toJson(QJsonDocument::Indented));
    } else {
        QTextStream stream(&out);
        if (m_options.request)
            CimMessageFormatter::writeText(reader->request(), stream);
        else
            CimMessageFormatter::writeText(reader->response(), stream);
        stream.flush();
        written = stream.status() == QTextStream::Ok;
    }
    if (!written) {
        complain(tr("cannot write the output: %1").arg(out.errorString()));
        return ExitIoError;
    }
    return ExitOk;
}

QStringList CliDecodeCommand::operationNames()
{
    QStringList names;
    for (int i = 0; i <= static_cast<int>(CimOperation::ExportIndication); ++i)
        names.append(cimOperationName(static_cast<CimOperation>(i)));
    return names;
}

QString CliDecodeCommand::helpDescription()
{
    return tr("Decodes a captured CIM-XML message and prints what it holds.\n"
              "\n"
              "FILE is the body of a CIM-XML response to the operation --operation names (what a\n"
              "server returned for EnumerateInstances, say), or with --request a CIM-XML request\n"
              "(IMETHODCALL, METHODCALL, or an EXPMETHODCALL such as an indication delivery); \"-\"\n"
              "reads standard input. A response is checked against its operation: an\n"
              "EnumerateInstanceNames reply holding instances is an error, not an empty result.\n"
              "\n"
              "The output is MOF-like text: \"//\" lines describe the message, instances, classes and\n"
              "qualifier declarations are MOF, instance names are WBEM URIs, return values,\n"
              "parameters and arguments read \"type Name = value;\". --json prints a JSON object.\n"
              "\n"
              "A response that reports a CIM error is still a valid document: it prints\n"
              "\"CIM error: CIM_ERR_NAME (code): description\" and any CIM_Error instances the server\n"
              "attached, and exits 0. Scripts test for it with --json: .status.ok is false.\n"
              "\n"
              "Exit status:\n"
              "  0   the document was decoded, including a response that reports a CIM error\n"
              "  2   the document is not valid CIM-XML for the operation; the error on standard\n"
              "      error gives its line, column and element path\n"
              "  64  usage error: unknown option or operation, FILE missing\n"
              "  66  FILE cannot be opened\n"
              "  74  reading FILE or writing the output failed");
}

} // namespace cimdiag
