// SPDX-License-Identifier: GPL-3.0-or-later
// bench_decode: how fast CimXmlReader turns a large EnumerateInstances reply into CimInstance objects,
// next to a bare QXmlStreamReader pass and a bare libxml2 SAX2 push parse over the same bytes, and
// how much memory the decode needs at its peak. Prints a table with the goals next to the figures;
// exits 1 when the decode fails or decodes something else than what was generated. A missed goal
// does not fail the run: timings depend on the machine and its load. See README.md.
#include "core/cimxml/CimXmlReader.h"

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
constexpr qsizetype kChunkSize = 64 * 1024; // what the CLI and a network reader feed at a time
constexpr int kRuns = 3;
constexpr double kMegabyte = 1e6; // MB/s in SI megabytes, as throughput figures usually are
constexpr double kGoalMegabytesPerSecond = 150;
constexpr double kGoalRatioToQXmlStreamReader = 0.5;
constexpr double kGoalPeakToDocument = 3;
const char *const kMemoryChildArgument = "--memory-child";
const char *const kDecodeOnlyArgument = "--decode-only"; // for profilers: nothing but decode runs

// ---------------------------------------------------------------------------------------------------
// The document and the values it must decode to.

QString instanceId(int i)
{
    return QStringLiteral("CIMDIAG:bench:%1").arg(i, 6, 10, QChar(u'0'));
}

QString elementName(int i)
{
    return QStringLiteral("Volume <%1> & \"cache\" \u2013 Gr\u00f6\u00dfe \u00fc \u00df \u65e5\u672c").arg(i);
}

quint64 capacity(int i)
{
    return std::numeric_limits<quint64>::max() - static_cast<quint64>(i); // beyond 2^53 on purpose
}

qint32 temperature(int i)
{
    return static_cast<qint32>(i % 2000) * 1009 - 1000000;
}

double ratio(int i)
{
    return i * 0.001 + 0.5;
}

bool enabled(int i)
{
    return i % 2 == 0;
}

QString installDate(int i)
{
    return QStringLiteral("2024%1%2%3%4%5.%6+060")
        .arg(1 + i % 12, 2, 10, QChar(u'0'))
        .arg(1 + i % 28, 2, 10, QChar(u'0'))
        .arg(i % 24, 2, 10, QChar(u'0'))
        .arg(i % 60, 2, 10, QChar(u'0'))
        .arg((i / 60) % 60, 2, 10, QChar(u'0'))
        .arg(i % 1000000, 6, 10, QChar(u'0'));
}

quint16 lastStatus(int i)
{
    return static_cast<quint16>(32768 + i % 100);
}

QString stressedText()
{
    return QStringLiteral("Stressed \u2013 \u00dcberlast");
}

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
    // The escaped forms of elementName() around the number, and the other non-ASCII text, as UTF-8.
    const QByteArray namePrefix = QStringLiteral("Volume &lt;").toUtf8();
    const QByteArray nameSuffix
        = QStringLiteral("&gt; &amp; &quot;cache&quot; \u2013 Gr\u00f6\u00dfe \u00fc \u00df \u65e5\u672c").toUtf8();
    const QByteArray stressed = stressedText().toUtf8();

    QByteArray out;
    out.reserve(qsizetype(kInstances) * 1400 + 1024);
    out.append("<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n"
               "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">\n"
               "<MESSAGE ID=\"4711\" PROTOCOLVERSION=\"1.0\">\n"
               "<SIMPLERSP>\n"
               "<IMETHODRESPONSE NAME=\"EnumerateInstances\">\n"
               "<IRETURNVALUE>\n");
    for (int i = 0; i < kInstances; ++i) {
        const QByteArray id = instanceId(i).toLatin1();
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
        appendNumber(out, capacity(i));
        out.append("</VALUE>\n</PROPERTY>\n<PROPERTY NAME=\"Temperature\" TYPE=\"sint32\">\n<VALUE>");
        appendNumber(out, temperature(i));
        out.append("</VALUE>\n</PROPERTY>\n<PROPERTY NAME=\"Ratio\" TYPE=\"real64\">\n<VALUE>");
        appendReal(out, ratio(i));
        out.append("</VALUE>\n</PROPERTY>\n<PROPERTY NAME=\"Enabled\" TYPE=\"boolean\">\n<VALUE>");
        out.append(enabled(i) ? "TRUE" : "FALSE");
        out.append("</VALUE>\n</PROPERTY>\n<PROPERTY NAME=\"InstallDate\" TYPE=\"datetime\">\n<VALUE>");
        out.append(installDate(i).toLatin1());
        out.append("</VALUE>\n</PROPERTY>\n<PROPERTY.ARRAY NAME=\"OperationalStatus\" TYPE=\"uint16\">\n"
                   "<VALUE.ARRAY>\n<VALUE>2</VALUE>\n<VALUE>");
        appendNumber(out, 3 + i % 5);
        out.append("</VALUE>\n<VALUE>");
        appendNumber(out, lastStatus(i));
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

/// Empty when instance i holds what generateDocument() wrote; else what differs.
QString checkInstance(const CimInstance &instance, int i)
{
    const auto differs = [i](const QString &what, const QString &got, const QString &expected) {
        return QStringLiteral("instance %1: %2 is %3, expected %4").arg(i).arg(what, got, expected);
    };
    if (instance.className() != QStringLiteral("CIMDIAG_BenchElement"))
        return differs(QStringLiteral("the class"), instance.className(), QStringLiteral("CIMDIAG_BenchElement"));
    if (instance.path().keyBinding(u"InstanceID").toString() != instanceId(i))
        return differs(
            QStringLiteral("the path key"), instance.path().keyBinding(u"InstanceID").toString(), instanceId(i));
    if (instance.properties().size() != 10)
        return differs(
            QStringLiteral("the property count"), QString::number(instance.properties().size()), QStringLiteral("10"));
    if (instance.value(u"InstanceID").toString() != instanceId(i))
        return differs(QStringLiteral("InstanceID"), instance.value(u"InstanceID").toString(), instanceId(i));
    if (instance.value(u"ElementName").toString() != elementName(i))
        return differs(QStringLiteral("ElementName"), instance.value(u"ElementName").toString(), elementName(i));
    const CimValue capacityValue = instance.value(u"Capacity");
    if (capacityValue.type() != CimType::UInt64 || capacityValue.toUnsigned() != capacity(i))
        return differs(
            QStringLiteral("Capacity"), QString::number(capacityValue.toUnsigned()), QString::number(capacity(i)));
    if (instance.value(u"Temperature").toSigned() != temperature(i))
        return differs(QStringLiteral("Temperature"), QString::number(instance.value(u"Temperature").toSigned()),
            QString::number(temperature(i)));
    if (instance.value(u"Ratio").toReal() != ratio(i))
        return differs(QStringLiteral("Ratio"), QString::number(instance.value(u"Ratio").toReal(), 'g', 17),
            QString::number(ratio(i), 'g', 17));
    const CimValue enabledValue = instance.value(u"Enabled");
    if (enabledValue.type() != CimType::Boolean || enabledValue.toBool() != enabled(i))
        return differs(QStringLiteral("Enabled"), enabledValue.toMof(),
            enabled(i) ? QStringLiteral("TRUE") : QStringLiteral("FALSE"));
    if (instance.value(u"InstallDate").toDateTime().toString() != installDate(i))
        return differs(
            QStringLiteral("InstallDate"), instance.value(u"InstallDate").toDateTime().toString(), installDate(i));
    const CimValue status = instance.value(u"OperationalStatus");
    if (!status.isArray() || status.size() != 3 || status.at(2).toUnsigned() != lastStatus(i))
        return differs(QStringLiteral("OperationalStatus"), status.toMof(),
            QStringLiteral("{2, %1, %2}").arg(3 + i % 5).arg(lastStatus(i)));
    const CimValue descriptions = instance.value(u"StatusDescriptions");
    if (descriptions.size() != 3 || descriptions.at(1).toString() != stressedText()
        || descriptions.at(2).toString() != QStringLiteral("Element %1").arg(i))
        return differs(QStringLiteral("StatusDescriptions"), descriptions.toMof(), QStringLiteral("3 strings"));
    const CimProperty *description = instance.property(u"Description");
    if (!description || !description->value().isNull() || description->type() != CimType::String)
        return differs(QStringLiteral("Description"),
            description ? description->value().toMof() : QStringLiteral("absent"), QStringLiteral("a NULL string"));
    return {};
}

QString checkResponse(const CimOperationResponse &response)
{
    if (response.instances.size() != kInstances) {
        return QStringLiteral("decoded %1 instances, expected %2").arg(response.instances.size()).arg(kInstances);
    }
    for (const int i : {0, 1, 7, 4242, 12345, kInstances - 1}) {
        const QString problem = checkInstance(response.instances.at(i), i);
        if (!problem.isEmpty())
            return problem;
    }
    return {};
}

// ---------------------------------------------------------------------------------------------------
// The three passes over the document.

struct Pass
{
    double seconds = 0;
    QString error;
};

/// Feeds document to the reader in 64 KiB chunks and times it up to a successful finish(); the
/// decoded response goes to *response (its destruction is not timed).
Pass decodeOnce(const QByteArray &document, CimOperationResponse *response)
{
    Pass pass;
    QElapsedTimer timer;
    timer.start();
    CimXmlReader reader(CimOperation::EnumerateInstances);
    bool ok = true;
    for (qsizetype pos = 0; ok && pos < document.size(); pos += kChunkSize)
        ok = reader.feed(QByteArrayView(document).sliced(pos, std::min(kChunkSize, document.size() - pos)));
    ok = ok && reader.finish();
    pass.seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    if (!ok)
        pass.error = reader.error().toString();
    else
        *response = reader.takeResponse();
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

/// A "VmHWM:"-style field of /proc/self/status in KiB; -1 when unreadable.
qint64 procStatusKib(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(prefix)) {
            bool ok = false;
            const qint64 value = line.mid(prefix.size()).trimmed().split(' ').constFirst().toLongLong(&ok);
            return ok ? value : -1;
        }
    }
    return -1;
}

/// Resets VmHWM to the current RSS (Linux 4.0+: writing 5 to clear_refs).
bool resetPeakRss()
{
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    return clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1;
}

int runMemoryChild()
{
    const QByteArray document = generateDocument();
    const qint64 rssBefore = procStatusKib("VmRSS");
    const bool reset = resetPeakRss();
    const qint64 hwmBefore = procStatusKib("VmHWM");
    CimOperationResponse response;
    const Pass pass = decodeOnce(document, &response);
    const qint64 hwmAfter = procStatusKib("VmHWM");
    const bool ok = pass.error.isEmpty() && response.instances.size() == kInstances;
    std::printf("document_bytes=%lld\nrss_before_kib=%lld\nhwm_before_kib=%lld\nhwm_after_kib=%lld\n"
                "peak_reset=%d\nok=%d\n",
        static_cast<long long>(document.size()), static_cast<long long>(rssBefore), static_cast<long long>(hwmBefore),
        static_cast<long long>(hwmAfter), reset ? 1 : 0, ok ? 1 : 0);
    return ok ? 0 : 1;
}

double megabytesPerSecond(qint64 bytes, double seconds)
{
    return static_cast<double>(bytes) / kMegabyte / seconds;
}

/// `perf record bench_decode --decode-only`: five decodes and nothing else, so a profile shows only
/// the decoder.
int runDecodeOnly()
{
    const QByteArray document = generateDocument();
    for (int run = 0; run < 5; ++run) {
        CimOperationResponse response;
        const Pass pass = decodeOnce(document, &response);
        const QString problem = pass.error.isEmpty() ? checkResponse(response) : pass.error;
        if (!problem.isEmpty()) {
            std::fprintf(stderr, "bench_decode: %s\n", qPrintable(problem));
            return 1;
        }
        std::printf("decode %d: %.1f MB/s\n", run + 1, megabytesPerSecond(document.size(), pass.seconds));
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

struct Series
{
    std::vector<double> seconds;
    double best() const { return *std::min_element(seconds.begin(), seconds.end()); }
    double median() const
    {
        std::vector<double> sorted = seconds;
        std::sort(sorted.begin(), sorted.end());
        const size_t n = sorted.size();
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
};

QByteArray grouped(qint64 value)
{
    return QLocale(QLocale::English, QLocale::UnitedStates).toString(value).toUtf8();
}

void printRow(const char *name, qint64 bytes, const Series &series, bool withInstances)
{
    const double best = series.best();
    std::printf("  %-30s %10.1f %12.1f %10.1f", name, megabytesPerSecond(bytes, best),
        megabytesPerSecond(bytes, series.median()), best * 1000);
    if (withInstances)
        std::printf(" %14s\n", grouped(static_cast<qint64>(kInstances / best)).constData());
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

    std::printf("cimdiag bench_decode: EnumerateInstances reply -> CimInstance objects\n");
    std::fflush(stdout);
    QElapsedTimer generation;
    generation.start();
    const QByteArray document = generateDocument();
    const qint64 bytes = document.size();
    std::printf("document    %d instances x 10 properties (string key, escaped and non-ASCII string, uint64, "
                "sint32,\n            real64, boolean, datetime, uint16[], string[], NULL), %s bytes = %.1f MB, "
                "generated in %lld ms\n",
        kInstances, grouped(bytes).constData(), static_cast<double>(bytes) / kMegabyte,
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
            const QString problem = checkResponse(response);
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
        grouped(static_cast<qint64>(libxmlElements)).constData(), kInstances);
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

    const double decodeRate = megabytesPerSecond(bytes, decode.best());
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
    return 0;
}
