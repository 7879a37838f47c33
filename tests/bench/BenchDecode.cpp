// SPDX-License-Identifier: GPL-3.0-or-later
// bench_decode: how fast CimXmlReader turns a large EnumerateInstances reply into CimInstance objects,
// next to a bare QXmlStreamReader pass and a bare libxml2 SAX2 push parse over the same bytes, and
// how much memory the decode needs at its peak. Prints a table with the goals next to the figures;
// exits 1 when the decode fails or decodes something else than what was generated. A missed goal
// does not fail the run: timings depend on the machine and its load. See README.md.
#include "core/cimxml/CimXmlReader.h"
#include "tests/bench/BenchElements.h"
#include "tests/bench/BenchSummary.h"
#include "tests/bench/BenchTools.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLocale>
#include <QProcess>
#include <QXmlStreamReader>

#include <libxml/parser.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <optional>
#include <vector>

using namespace cimdiag;

namespace {

constexpr int kInstances = 20000;
constexpr qsizetype kChunkSize = BenchTools::kChunkSize;
constexpr int kRuns = 3;
constexpr double kMegabyte = BenchTools::kMegabyte;
constexpr double kGoalMegabytesPerSecond = 150;
constexpr double kGoalRatioToQXmlStreamReader = 0.5;
constexpr double kGoalPeakToDocument = 3;
const char *const kMemoryChildArgument = "--memory-child";
const char *const kDecodeOnlyArgument = "--decode-only"; // for profilers: nothing but decode runs

// ---------------------------------------------------------------------------------------------------
// The document and the values it must decode to.

template<typename Integer> void appendNumber(QByteArray &out, Integer value)
{
    char buffer[24];
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, written.ptr - buffer);
}

void appendReal(QByteArray &out, double value)
{
    char buffer[32];
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, written.ptr - buffer);
}

/// Builds the reply the way SFCB lays one out (an element a line), by appending constant pieces and
/// numbers: no XML writer involved, so the benchmark depends on nothing but the reader.
QByteArray generateDocument()
{
    // The escaped forms of BenchElements::elementName() around the number, and the other non-ASCII
    // text, as UTF-8.
    const QByteArray namePrefix = QStringLiteral("Volume &lt;").toUtf8();
    const QByteArray nameSuffix
        = QStringLiteral("&gt; &amp; &quot;cache&quot; \u2013 Gr\u00f6\u00dfe \u00fc \u00df \u65e5\u672c").toUtf8();
    const QByteArray stressed = BenchElements::stressedText().toUtf8();

    QByteArray out;
    out.reserve(qsizetype(kInstances) * 1400 + 1024);
    out.append("<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n"
               "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">\n"
               "<MESSAGE ID=\"4711\" PROTOCOLVERSION=\"1.0\">\n"
               "<SIMPLERSP>\n"
               "<IMETHODRESPONSE NAME=\"EnumerateInstances\">\n"
               "<IRETURNVALUE>\n");
    for (int i = 0; i < kInstances; ++i) {
        const QByteArray id = BenchElements::instanceId(i).toLatin1();
        out.append("<VALUE.NAMEDINSTANCE>\n<INSTANCENAME CLASSNAME=\"CIMDIAG_BenchElement\">\n"
                   "<KEYBINDING NAME=\"InstanceID\">\n<KEYVALUE VALUETYPE=\"string\" TYPE=\"string\">");
        out.append(id);
        out.append("</KEYVALUE>\n</KEYBINDING>\n</INSTANCENAME>\n<INSTANCE CLASSNAME=\"CIMDIAG_BenchElement\">\n"
                   "<PROPERTY NAME=\"InstanceID\" TYPE=\"string\">\n<VALUE>");
        out.append(id);
        out.append("</VALUE>\n</PROPERTY>\n<PROPERTY NAME=\"ElementName\" TYPE=\"string\">\n<VALUE>");
        out.append(namePrefix);
        appendNumber(out, i);
        out.append(nameSuffix);
        out.append("</VALUE>\n</PROPERTY>\n<PROPERTY NAME=\"Capacity\" TYPE=\"uint64\">\n<VALUE>");
        appendNumber(out, BenchElements::capacity(i));
        out.append("</VALUE>\n</PROPERTY>\n<PROPERTY NAME=\"Temperature\" TYPE=\"sint32\">\n<VALUE>");
        appendNumber(out, BenchElements::temperature(i));
        out.append("</VALUE>\n</PROPERTY>\n<PROPERTY NAME=\"Ratio\" TYPE=\"real64\">\n<VALUE>");
        appendReal(out, BenchElements::ratio(i));
        out.append("</VALUE>\n</PROPERTY>\n<PROPERTY NAME=\"Enabled\" TYPE=\"boolean\">\n<VALUE>");
        out.append(BenchElements::enabled(i) ? "TRUE" : "FALSE");
        out.append("</VALUE>\n</PROPERTY>\n<PROPERTY NAME=\"InstallDate\" TYPE=\"datetime\">\n<VALUE>");
        out.append(BenchElements::installDate(i).toLatin1());
        out.append("</VALUE>\n</PROPERTY>\n<PROPERTY.ARRAY NAME=\"OperationalStatus\" TYPE=\"uint16\">\n"
                   "<VALUE.ARRAY>\n<VALUE>2</VALUE>\n<VALUE>");
        appendNumber(out, 3 + i % 5);
        out.append("</VALUE>\n<VALUE>");
        appendNumber(out, BenchElements::lastStatus(i));
        out.append("</VALUE>\n</VALUE.ARRAY>\n</PROPERTY.ARRAY>\n"
                   "<PROPERTY.ARRAY NAME=\"StatusDescriptions\" TYPE=\"string\">\n"
                   "<VALUE.ARRAY>\n<VALUE>OK</VALUE>\n<VALUE>");
        out.append(stressed);
        out.append("</VALUE>\n<VALUE>Element ");
        appendNumber(out, i);
        out.append("</VALUE>\n</VALUE.ARRAY>\n</PROPERTY.ARRAY>\n"
                   "<PROPERTY NAME=\"Description\" TYPE=\"string\">\n</PROPERTY>\n"
                   "</INSTANCE>\n</VALUE.NAMEDINSTANCE>\n");
    }
    out.append("</IRETURNVALUE>\n</IMETHODRESPONSE>\n</SIMPLERSP>\n</MESSAGE>\n</CIM>\n");
    return out;
}

// ---------------------------------------------------------------------------------------------------
// The three passes over the document.

struct Pass
{
    double seconds = 0;
    QString error;
};

/// The decode as the CLI does it (BenchTools::decodeInChunks), as a Pass.
Pass decodeOnce(const QByteArray &document, CimOperationResponse *response)
{
    Pass pass;
    pass.seconds = BenchTools::decodeInChunks(document, CimOperation::EnumerateInstances, response, &pass.error);
    return pass;
}

/// A readNext() loop that touches every element name, attribute and text, as a decoder built on
/// QXmlStreamReader would at the least.
Pass qXmlStreamReaderOnce(const QByteArray &document, quint64 *elements)
{
    Pass pass;
    quint64 touched = 0;
    quint64 count = 0;
    bool ended = false;
    QElapsedTimer timer;
    timer.start();
    QXmlStreamReader xml;
    for (qsizetype pos = 0; pos < document.size() && pass.error.isEmpty(); pos += kChunkSize) {
        xml.addData(document.mid(pos, kChunkSize)); // a copy, as bytes from a socket would be
        for (;;) {
            const QXmlStreamReader::TokenType token = xml.readNext();
            if (token == QXmlStreamReader::Invalid || token == QXmlStreamReader::EndDocument) {
                ended = token == QXmlStreamReader::EndDocument;
                break;
            }
            if (token == QXmlStreamReader::StartElement) {
                ++count;
                touched += static_cast<quint64>(xml.name().size());
                const QXmlStreamAttributes attributes = xml.attributes();
                for (const QXmlStreamAttribute &attribute : attributes)
                    touched += static_cast<quint64>(attribute.name().size() + attribute.value().size());
            } else if (token == QXmlStreamReader::Characters) {
                touched += static_cast<quint64>(xml.text().size());
            }
        }
        if (xml.hasError() && xml.error() != QXmlStreamReader::PrematureEndOfDocumentError)
            pass.error = xml.errorString();
    }
    pass.seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    if (pass.error.isEmpty() && !ended)
        pass.error = QStringLiteral("QXmlStreamReader did not reach the end of the document");
    if (touched == 0)
        pass.error = QStringLiteral("QXmlStreamReader touched nothing");
    *elements = count;
    return pass;
}

struct SaxState
{
    quint64 touched = 0;
    quint64 elements = 0;
};

void saxStartElement(void *context, const xmlChar *localName, const xmlChar *, const xmlChar *, int, const xmlChar **,
    int attributeCount, int, const xmlChar **attributes)
{
    auto *state = static_cast<SaxState *>(context);
    ++state->elements;
    state->touched += std::strlen(reinterpret_cast<const char *>(localName));
    // Five pointers per attribute: local name, prefix, URI, value begin, value end.
    for (int i = 0; i < attributeCount; ++i) {
        const xmlChar *const *attribute = attributes + 5 * i;
        state->touched += std::strlen(reinterpret_cast<const char *>(attribute[0]))
            + static_cast<quint64>(attribute[4] - attribute[3]);
    }
}

void saxEndElement(void *, const xmlChar *, const xmlChar *, const xmlChar *)
{ }

void saxCharacters(void *context, const xmlChar *, int length)
{
    static_cast<SaxState *>(context)->touched += static_cast<quint64>(length);
}

/// libxml2's SAX2 push parser with callbacks that only touch names, attributes and text: the
/// ceiling for a decoder built on it.
Pass libxml2Once(const QByteArray &document, quint64 *elements)
{
    Pass pass;
    xmlSAXHandler handler;
    std::memset(&handler, 0, sizeof handler);
    handler.initialized = XML_SAX2_MAGIC;
    handler.startElementNs = saxStartElement;
    handler.endElementNs = saxEndElement;
    handler.characters = saxCharacters;
    SaxState state;
    QElapsedTimer timer;
    timer.start();
    xmlParserCtxtPtr context = xmlCreatePushParserCtxt(&handler, &state, nullptr, 0, nullptr);
    xmlCtxtUseOptions(context, XML_PARSE_NONET);
    int rc = 0;
    for (qsizetype pos = 0; rc == 0 && pos < document.size(); pos += kChunkSize) {
        const int size = static_cast<int>(std::min(kChunkSize, document.size() - pos));
        rc = xmlParseChunk(context, document.constData() + pos, size, 0);
    }
    if (rc == 0)
        rc = xmlParseChunk(context, nullptr, 0, 1);
    const bool wellFormed = rc == 0 && context->wellFormed;
    xmlFreeParserCtxt(context);
    pass.seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    if (!wellFormed)
        pass.error = QStringLiteral("libxml2 reported error %1").arg(rc);
    if (state.touched == 0)
        pass.error = QStringLiteral("libxml2 touched nothing");
    *elements = state.elements;
    return pass;
}

// ---------------------------------------------------------------------------------------------------
// Memory: measured in a fresh child process so the parent's earlier runs (and the heap they leave
// behind) cannot hide or inflate the decode's own peak.

int runMemoryChild()
{
    const QByteArray document = generateDocument();
    const qint64 rssBefore = BenchTools::procStatusKib("VmRSS");
    const bool reset = BenchTools::resetPeakRss();
    const qint64 hwmBefore = BenchTools::procStatusKib("VmHWM");
    CimOperationResponse response;
    const Pass pass = decodeOnce(document, &response);
    const qint64 hwmAfter = BenchTools::procStatusKib("VmHWM");
    const bool ok = pass.error.isEmpty() && response.instances.size() == kInstances;
    std::printf("document_bytes=%lld\nrss_before_kib=%lld\nhwm_before_kib=%lld\nhwm_after_kib=%lld\n"
                "peak_reset=%d\nok=%d\n",
        static_cast<long long>(document.size()), static_cast<long long>(rssBefore), static_cast<long long>(hwmBefore),
        static_cast<long long>(hwmAfter), reset ? 1 : 0, ok ? 1 : 0);
    return ok ? 0 : 1;
}

/// `perf record bench_decode --decode-only`: five decodes and nothing else, so a profile shows only
/// the decoder.
int runDecodeOnly()
{
    const QByteArray document = generateDocument();
    for (int run = 0; run < 5; ++run) {
        CimOperationResponse response;
        const Pass pass = decodeOnce(document, &response);
        const QString problem
            = pass.error.isEmpty() ? BenchElements::checkEnumeration(response, kInstances) : pass.error;
        if (!problem.isEmpty()) {
            std::fprintf(stderr, "bench_decode: %s\n", qPrintable(problem));
            return 1;
        }
        std::printf("decode %d: %.1f MB/s\n", run + 1, BenchTools::megabytesPerSecond(document.size(), pass.seconds));
    }
    return 0;
}

struct MemoryFigures
{
    bool valid = false;
    bool peakReset = false;
    qint64 rssBeforeKib = 0;
    qint64 hwmBeforeKib = 0;
    qint64 hwmAfterKib = 0;
    QString problem;
};

MemoryFigures measureMemoryInChild()
{
    MemoryFigures figures;
    QProcess child;
    child.start(QCoreApplication::applicationFilePath(), {QString::fromLatin1(kMemoryChildArgument)});
    if (!child.waitForFinished(300000) || child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0) {
        figures.problem = QStringLiteral("the measuring child failed: %1 %2")
                              .arg(child.errorString(), QString::fromLocal8Bit(child.readAllStandardError()));
        child.kill();
        child.waitForFinished(5000);
        return figures;
    }
    const QList<QByteArray> lines = child.readAllStandardOutput().split('\n');
    const auto field = [&lines](const QByteArray &key) -> qint64 {
        for (const QByteArray &line : lines) {
            if (line.startsWith(QByteArray(key + '=')))
                return line.mid(key.size() + 1).toLongLong();
        }
        return -1;
    };
    figures.rssBeforeKib = field("rss_before_kib");
    figures.hwmBeforeKib = field("hwm_before_kib");
    figures.hwmAfterKib = field("hwm_after_kib");
    figures.peakReset = field("peak_reset") == 1;
    figures.valid = figures.rssBeforeKib > 0 && figures.hwmAfterKib > 0;
    if (!figures.valid)
        figures.problem = QStringLiteral("/proc/self/status was not readable");
    return figures;
}

// ---------------------------------------------------------------------------------------------------
// Report.

using Series = BenchTools::Series;

void printRow(const char *name, qint64 bytes, const Series &series, bool withInstances)
{
    const double best = series.best();
    std::printf("  %-30s %10.1f %12.1f %10.1f", name, BenchTools::megabytesPerSecond(bytes, best),
        BenchTools::megabytesPerSecond(bytes, series.median()), best * 1000);
    if (withInstances)
        std::printf(" %14s\n", BenchTools::grouped(static_cast<qint64>(kInstances / best)).constData());
    else
        std::printf(" %14s\n", "-");
}

void printGoal(const char *goal, const QByteArray &measured, std::optional<bool> met)
{
    std::printf("  %-40s %-16s %s\n", goal, measured.constData(), met.has_value() ? (*met ? "met" : "MISSED") : "n/a");
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    xmlInitParser();
    if (QCoreApplication::arguments().contains(QString::fromLatin1(kMemoryChildArgument)))
        return runMemoryChild();
    if (QCoreApplication::arguments().contains(QString::fromLatin1(kDecodeOnlyArgument)))
        return runDecodeOnly();
    BenchSummary summary(QStringLiteral("bench_decode"), QCoreApplication::arguments());

    std::printf("cimdiag bench_decode: EnumerateInstances reply -> CimInstance objects\n");
    std::fflush(stdout);
    QElapsedTimer generation;
    generation.start();
    const QByteArray document = generateDocument();
    const qint64 bytes = document.size();
    std::printf("document    %d instances x 10 properties (string key, escaped and non-ASCII string, uint64, "
                "sint32,\n            real64, boolean, datetime, uint16[], string[], NULL), %s bytes = %.1f MB, "
                "generated in %lld ms\n",
        kInstances, BenchTools::grouped(bytes).constData(), static_cast<double>(bytes) / kMegabyte,
        static_cast<long long>(generation.elapsed()));
    std::printf("input       fed in %lld KiB chunks; %d runs of each pass, interleaved; MB = 10^6 bytes\n\n",
        static_cast<long long>(kChunkSize / 1024), kRuns);
    std::fflush(stdout);

    Series decode;
    Series qxml;
    Series libxml;
    quint64 qxmlElements = 0;
    quint64 libxmlElements = 0;
    for (int run = 0; run < kRuns; ++run) {
        {
            CimOperationResponse response;
            const Pass pass = decodeOnce(document, &response);
            if (!pass.error.isEmpty()) {
                std::fprintf(stderr, "bench_decode: decoding failed: %s\n", qPrintable(pass.error));
                return 1;
            }
            // Every run is checked, so no run can be fast by decoding nothing.
            const QString problem = BenchElements::checkEnumeration(response, kInstances);
            if (!problem.isEmpty()) {
                std::fprintf(stderr, "bench_decode: decoded the wrong thing: %s\n", qPrintable(problem));
                return 1;
            }
            decode.seconds.push_back(pass.seconds);
        }
        const Pass qxmlPass = qXmlStreamReaderOnce(document, &qxmlElements);
        if (!qxmlPass.error.isEmpty()) {
            std::fprintf(stderr, "bench_decode: QXmlStreamReader pass failed: %s\n", qPrintable(qxmlPass.error));
            return 1;
        }
        qxml.seconds.push_back(qxmlPass.seconds);
        const Pass libxmlPass = libxml2Once(document, &libxmlElements);
        if (!libxmlPass.error.isEmpty()) {
            std::fprintf(stderr, "bench_decode: libxml2 pass failed: %s\n", qPrintable(libxmlPass.error));
            return 1;
        }
        libxml.seconds.push_back(libxmlPass.seconds);
    }
    if (qxmlElements != libxmlElements) {
        std::fprintf(stderr, "bench_decode: the bare passes disagree: %llu elements vs %llu\n",
            static_cast<unsigned long long>(qxmlElements), static_cast<unsigned long long>(libxmlElements));
        return 1;
    }

    std::printf("  %-30s %10s %12s %10s %14s\n", "pass", "best MB/s", "median MB/s", "best ms", "instances/s");
    printRow("CimXmlReader -> CimInstance", bytes, decode, true);
    printRow("bare QXmlStreamReader", bytes, qxml, false);
    printRow("bare libxml2 SAX2 push", bytes, libxml, false);
    std::printf("  (%s elements; decode checked every run: %d instances, spot values of 6 instances)\n\n",
        BenchTools::grouped(static_cast<qint64>(libxmlElements)).constData(), kInstances);
    std::fflush(stdout);

    const MemoryFigures memory = measureMemoryInChild();
    std::optional<double> peakRatio;
    if (memory.valid) {
        const qint64 baselineKib = memory.rssBeforeKib;
        const qint64 peakDeltaKib = memory.hwmAfterKib - baselineKib;
        peakRatio = static_cast<double>(peakDeltaKib) * 1024 / static_cast<double>(bytes);
        std::printf("memory (fresh child process, one decode; VmHWM %s before decoding)\n",
            memory.peakReset ? "reset to VmRSS" : "NOT reset (clear_refs unavailable)");
        std::printf("  VmRSS before decode (document held)   %10.1f MB\n", memory.rssBeforeKib * 1024.0 / kMegabyte);
        std::printf("  VmHWM after decode                    %10.1f MB  = %.2fx document size\n",
            memory.hwmAfterKib * 1024.0 / kMegabyte,
            static_cast<double>(memory.hwmAfterKib) * 1024 / static_cast<double>(bytes));
        std::printf("  decode peak (VmHWM - VmRSS before)    %10.1f MB  = %.2fx document size\n\n",
            peakDeltaKib * 1024.0 / kMegabyte, *peakRatio);
    } else {
        std::printf("memory: not measured: %s\n\n", qPrintable(memory.problem));
    }

    const double decodeRate = BenchTools::megabytesPerSecond(bytes, decode.best());
    const double qxmlRatio = qxml.best() / decode.best();
    const double libxmlRatio = libxml.best() / decode.best();
    std::printf("  %-40s %-16s %s\n", "goal", "measured", "result");
    printGoal("decode >= 150 MB/s (best run)", QByteArray::number(decodeRate, 'f', 1) + " MB/s",
        decodeRate >= kGoalMegabytesPerSecond);
    printGoal("decode >= 0.5x bare QXmlStreamReader", QByteArray::number(qxmlRatio, 'f', 2) + 'x',
        qxmlRatio >= kGoalRatioToQXmlStreamReader);
    printGoal("decode peak < 3x document size",
        peakRatio ? QByteArray(QByteArray::number(*peakRatio, 'f', 2) + 'x') : QByteArray("not measured"),
        peakRatio ? std::optional<bool>(*peakRatio < kGoalPeakToDocument) : std::nullopt);
    std::printf("  %-40s %-16s %s\n", "decode / bare libxml2 SAX2 (info)",
        QByteArray(QByteArray::number(libxmlRatio, 'f', 2) + 'x').constData(), "(the parser alone: 1x)");

    const double qxmlRate = BenchTools::megabytesPerSecond(bytes, qxml.best());
    summary
        .add(QStringLiteral("CimXmlReader decode, 26 MB enumerate reply (best of 3)"), decodeRate,
            QStringLiteral("MB/s"))
        .against(QStringLiteral("bare QXmlStreamReader"), qxmlRate)
        .goal(QStringLiteral(">= 150 MB/s"), decodeRate >= kGoalMegabytesPerSecond);
    summary.add(QStringLiteral("CimXmlReader decode / bare QXmlStreamReader"), qxmlRatio, QStringLiteral("x"), 2)
        .goal(QStringLiteral(">= 0.5x"), qxmlRatio >= kGoalRatioToQXmlStreamReader);
    summary.add(QStringLiteral("bare libxml2 SAX2 push pass (the decoder's ceiling)"),
        BenchTools::megabytesPerSecond(bytes, libxml.best()), QStringLiteral("MB/s"));
    summary
        .add(QStringLiteral("decode peak memory (fresh process)"),
            peakRatio ? static_cast<double>(memory.hwmAfterKib - memory.rssBeforeKib) * 1024 / kMegabyte
                      : BenchSummary::kNotMeasured,
            QStringLiteral("MB"))
        .against(QStringLiteral("document size"), static_cast<double>(bytes) / kMegabyte)
        .goal(QStringLiteral("< 3x document"),
            peakRatio ? std::optional<bool>(*peakRatio < kGoalPeakToDocument) : std::nullopt);
    return summary.write() ? 0 : 1;
}
