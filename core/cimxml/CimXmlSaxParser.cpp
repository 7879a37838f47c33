// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cimxml/CimXmlSaxParser.h"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <cstdarg>
#include <cstring>
#include <mutex>

namespace cimdiag {

namespace {

CimXmlSaxParser *self(void *context)
{
    return static_cast<CimXmlSaxParser *>(context);
}

QByteArrayView bytes(const unsigned char *text, qsizetype length)
{
    return {reinterpret_cast<const char *>(text), length};
}

QByteArrayView bytes(const unsigned char *text)
{
    return {reinterpret_cast<const char *>(text), static_cast<qsizetype>(std::strlen(reinterpret_cast<const char *>(text)))};
}

// libxml2 reports some failures only through its generic error channel, which prints to stderr:
// converting a document that declares a non-UTF-8 encoding (encoding="EUC-JP" with bytes that are not
// EUC-JP) printed "encoding error : input conversion failed due to input error, bytes 0xAD ..." and
// "xmlParseChunk: encoder error" to our stderr (where cimdiag-cli writes its diagnosis; any server
// could write there), and as onStructuredError never heard of it, the reader then called the document
// "truncated". Found by tests/fuzz/FuzzCimXmlRequest; TestCimXmlReader::reportsEncodingErrors covers it.
// The text is collected instead and becomes the error when xmlParseChunk fails without a structured one.
void collectGenericError(void *context, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    static_cast<QString *>(context)->append(QString::vasprintf(format, arguments));
    va_end(arguments);
}

// xmlGenericError is per thread in a threaded libxml2 (Debian's), so redirecting it around our own
// calls leaves other users of the library alone. Returns xmlParseChunk's result (0 or an xmlParserErrors).
template<typename Parse> int withGenericErrorsCollected(QString *text, Parse &&parse)
{
    const xmlGenericErrorFunc previous = xmlGenericError;
    void *const previousContext = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(text, &collectGenericError);
    const int result = parse();
    xmlSetGenericErrorFunc(previousContext, previous);
    return result;
}

void appendUtf8(std::string &out, char32_t code)
{
    if (code < 0x80) {
        out.push_back(static_cast<char>(code));
    } else if (code < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (code >> 6)));
        out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (code >> 12)));
        out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (code >> 18)));
        out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
}

// Without entity substitution, libxml2's SAX2 hands attribute values over with '&' still encoded as
// "&#38;" (so a tree builder could re-parse them). Decode the character references it leaves, and the
// predefined entities for good measure; the parser has already checked they are well-formed.
void decodeReferences(QByteArrayView in, std::string &out)
{
    out.clear();
    for (qsizetype i = 0; i < in.size(); ++i) {
        if (in[i] != '&') {
            out.push_back(in[i]);
            continue;
        }
        const qsizetype end = in.indexOf(';', i);
        if (end < 0) {
            out.append(in.data() + i, static_cast<size_t>(in.size() - i));
            return;
        }
        const QByteArrayView ref = in.sliced(i + 1, end - i - 1);
        if (ref.startsWith('#')) {
            const bool hex = ref.size() > 1 && (ref[1] == 'x' || ref[1] == 'X');
            bool ok = false;
            const uint code = QByteArray(ref.sliced(hex ? 2 : 1).data(), ref.size() - (hex ? 2 : 1)).toUInt(&ok, hex ? 16 : 10);
            if (ok && code <= 0x10FFFF)
                appendUtf8(out, static_cast<char32_t>(code));
        } else if (ref == "lt") {
            out.push_back('<');
        } else if (ref == "gt") {
            out.push_back('>');
        } else if (ref == "amp") {
            out.push_back('&');
        } else if (ref == "quot") {
            out.push_back('"');
        } else if (ref == "apos") {
            out.push_back('\'');
        } else {
            out.append(in.data() + i, static_cast<size_t>(end - i + 1));
        }
        i = end;
    }
}

bool isBlank(QByteArrayView text)
{
    for (const char c : text) {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return false;
    }
    return true;
}

std::once_flag g_initOnce;

} // namespace

CimXmlSaxParser::CimXmlSaxParser(CimXmlNodeTree *tree, CimXmlLimits limits)
    : m_tree(tree)
    , m_limits(limits)
{
    std::call_once(g_initOnce, [] { xmlInitParser(); });
    xmlSAXHandler handler;
    std::memset(&handler, 0, sizeof handler);
    handler.initialized = XML_SAX2_MAGIC;
    handler.startElementNs = &CimXmlSaxParser::onStartElement;
    handler.endElementNs = &CimXmlSaxParser::onEndElement;
    handler.characters = &CimXmlSaxParser::onCharacters;
    handler.ignorableWhitespace = &CimXmlSaxParser::onCharacters;
    handler.cdataBlock = &CimXmlSaxParser::onCharacters;
    handler.internalSubset = &CimXmlSaxParser::onInternalSubset;
    handler.entityDecl = &CimXmlSaxParser::onEntityDeclaration;
    handler.serror = &CimXmlSaxParser::onStructuredError;
    m_context = xmlCreatePushParserCtxt(&handler, this, nullptr, 0, nullptr);
    // No XML_PARSE_NOENT (entity substitution), DTDLOAD, DTDATTR or HUGE: libxml2's own limits stay on.
    xmlCtxtUseOptions(m_context, XML_PARSE_NONET | XML_PARSE_NOCDATA);
}

CimXmlSaxParser::~CimXmlSaxParser()
{
    if (m_context) {
        xmlFreeDoc(m_context->myDoc);
        xmlFreeParserCtxt(m_context);
    }
}

void CimXmlSaxParser::setStreamingElement(CimXmlElement element, ItemHandler handler)
{
    m_streamingElement = element;
    m_onItem = std::move(handler);
}

bool CimXmlSaxParser::feed(QByteArrayView data)
{
    // libxml2 (without XML_PARSE_HUGE) fails a push with "Huge input lookup" once more than
    // XML_MAX_LOOKUP_LIMIT (10,000,000) bytes lie unparsed ahead of it, which one large chunk does:
    // QNetworkReply::readAll() hands over 10+ MB at once when the reply arrives faster than it is read.
    // Chunks well below the limit keep libxml2's lookahead small; the call overhead per MiB is nil.
    constexpr qsizetype kMaxChunk = 1024 * 1024;
    while (!hasError() && !data.isEmpty()) {
        const QByteArrayView chunk = data.first(std::min(data.size(), kMaxChunk));
        m_bytesFed += chunk.size();
        parseChunk(chunk.data(), static_cast<int>(chunk.size()), false);
        data = data.sliced(chunk.size());
    }
    return !hasError();
}

bool CimXmlSaxParser::finish()
{
    if (hasError())
        return false;
    if (m_bytesFed == 0)
        return fail(QStringLiteral("the document is empty"));
    m_terminating = true;
    parseChunk(nullptr, 0, true);
    if (hasError())
        return false;
    if (m_root == CimXmlNodeTree::kNone)
        return fail(QStringLiteral("the document is empty"));
    if (!m_rootClosed)
        return fail(QStringLiteral("the document ends before its last element is closed (truncated)"));
    return true;
}

void CimXmlSaxParser::parseChunk(const char *data, int size, bool terminate)
{
    QString genericErrors;
    const int result = withGenericErrorsCollected(
        &genericErrors, [&] { return xmlParseChunk(m_context, data, size, terminate ? 1 : 0); });
    if (result != 0 && !hasError()) {
        const QString text = genericErrors.simplified();
        fail(QStringLiteral("not well-formed XML: ")
            + (text.isEmpty() ? QStringLiteral("libxml2 error %1").arg(result) : text));
    }
}

bool CimXmlSaxParser::fail(const QString &message, int node)
{
    if (hasError())
        return false;
    m_error.message = message;
    if (node == CimXmlNodeTree::kNone && !m_open.empty())
        node = m_open.back();
    if (node != CimXmlNodeTree::kNone) {
        m_error.elementPath = m_tree->path(node);
        m_error.line = m_tree->node(node).line;
        m_error.column = m_tree->node(node).column;
    } else {
        m_error.line = currentLine();
        m_error.column = currentColumn();
    }
    if (m_context)
        xmlStopParser(m_context);
    return false;
}

qint64 CimXmlSaxParser::currentLine() const
{
    return m_context && m_context->input ? m_context->input->line : 0;
}

qint64 CimXmlSaxParser::currentColumn() const
{
    return m_context && m_context->input ? m_context->input->col : 0;
}

bool CimXmlSaxParser::isTextElement(CimXmlElement element) const
{
    return element == CimXmlElement::Value || element == CimXmlElement::KeyValue || element == CimXmlElement::Host;
}

CimXmlElement CimXmlSaxParser::elementFor(const unsigned char *localName)
{
    auto &slot = m_elementCache.slotFor(localName);
    if (slot.name != localName)
        slot = {localName, cimXmlElementFromName(bytes(localName))};
    return slot.id;
}

CimXmlAttribute CimXmlSaxParser::attributeFor(const unsigned char *localName)
{
    auto &slot = m_attributeCache.slotFor(localName);
    if (slot.name != localName)
        slot = {localName, cimXmlAttributeFromName(bytes(localName))};
    return slot.id;
}

void CimXmlSaxParser::startElement(const unsigned char *localName, const unsigned char *prefix, int attributeCount,
                                   const unsigned char **attributes)
{
    if (hasError())
        return;
    const int parent = m_open.empty() ? CimXmlNodeTree::kNone : m_open.back();
    if (static_cast<int>(m_open.size()) >= m_limits.maxDepth) {
        fail(QStringLiteral("elements nest deeper than the limit of %1").arg(m_limits.maxDepth));
        return;
    }
    const CimXmlElement element = prefix ? CimXmlElement::Unknown : elementFor(localName);
    if (element == CimXmlElement::Unknown) {
        const QString name = QString::fromUtf8(bytes(localName));
        fail(QStringLiteral("unknown element <%1>").arg(prefix ? QString::fromUtf8(bytes(prefix)) + u':' + name : name));
        return;
    }
    if (parent != CimXmlNodeTree::kNone && isTextElement(m_tree->node(parent).element)) {
        fail(QStringLiteral("<%1> holds text only, but contains <%2>")
                 .arg(cimXmlElementName(m_tree->node(parent).element), cimXmlElementName(element)));
        return;
    }
    const bool detached = parent != CimXmlNodeTree::kNone && m_tree->node(parent).element == m_streamingElement;
    if (detached)
        m_itemMarks.push_back(m_tree->mark());
    const int node = m_tree->addNode(element, parent, currentLine(), currentColumn(), detached);
    m_open.push_back(node);
    if (parent == CimXmlNodeTree::kNone)
        m_root = node;

    for (int i = 0; i < attributeCount; ++i) {
        const unsigned char **a = attributes + 5 * i;
        if (a[1]) // xml:lang and other prefixed attributes carry nothing the decoder uses
            continue;
        const CimXmlAttribute attribute = attributeFor(a[0]);
        if (attribute == CimXmlAttribute::Unknown)
            continue;
        QByteArrayView value = bytes(a[3], a[4] - a[3]);
        if (value.size() > m_limits.maxTextBytes) {
            fail(QStringLiteral("attribute %1 is longer than the limit of %2 bytes")
                     .arg(cimXmlAttributeName(attribute))
                     .arg(m_limits.maxTextBytes));
            return;
        }
        if (std::memchr(value.data(), '&', static_cast<size_t>(value.size()))) {
            decodeReferences(value, m_decoded);
            value = QByteArrayView(m_decoded.data(), static_cast<qsizetype>(m_decoded.size()));
        }
        m_tree->addAttribute(node, attribute, value);
    }
}

void CimXmlSaxParser::endElement()
{
    if (hasError() || m_open.empty())
        return;
    const int node = m_open.back();
    m_open.pop_back();
    const int parent = m_tree->node(node).parent;
    if (parent != CimXmlNodeTree::kNone && m_tree->node(parent).element == m_streamingElement) {
        const bool ok = !m_onItem || m_onItem(node);
        if (!ok) {
            if (!hasError())
                fail(QStringLiteral("the item could not be decoded"), node);
            return;
        }
        m_tree->truncate(m_itemMarks.back());
        m_itemMarks.pop_back();
    }
    if (m_open.empty())
        m_rootClosed = true;
}

void CimXmlSaxParser::characters(QByteArrayView text)
{
    if (hasError() || m_open.empty())
        return;
    const int node = m_open.back();
    const CimXmlNodeTree::Node &n = m_tree->node(node);
    if (!isTextElement(n.element)) {
        if (!isBlank(text)) {
            const QString shown = QString::fromUtf8(text.first(std::min<qsizetype>(text.size(), 40))).simplified();
            fail(QStringLiteral("unexpected text \"%1\" in <%2>, which holds elements only")
                     .arg(shown, cimXmlElementName(n.element)));
        }
        return;
    }
    if (n.textLength + text.size() > m_limits.maxTextBytes) {
        fail(QStringLiteral("the text of <%1> is longer than the limit of %2 bytes")
                 .arg(cimXmlElementName(n.element))
                 .arg(m_limits.maxTextBytes));
        return;
    }
    m_tree->appendText(node, text);
}

void CimXmlSaxParser::onStartElement(void *context, const unsigned char *localName, const unsigned char *prefix,
                                     const unsigned char *, int, const unsigned char **, int attributeCount, int,
                                     const unsigned char **attributes)
{
    self(context)->startElement(localName, prefix, attributeCount, attributes);
}

void CimXmlSaxParser::onEndElement(void *context, const unsigned char *, const unsigned char *, const unsigned char *)
{
    self(context)->endElement();
}

void CimXmlSaxParser::onCharacters(void *context, const unsigned char *text, int length)
{
    self(context)->characters(bytes(text, length));
}

void CimXmlSaxParser::onInternalSubset(void *context, const unsigned char *, const unsigned char *,
                                       const unsigned char *)
{
    self(context)->fail(QStringLiteral("a DOCTYPE declaration is not allowed: DTD processing is off"));
}

void CimXmlSaxParser::onEntityDeclaration(void *context, const unsigned char *, int, const unsigned char *,
                                          const unsigned char *, unsigned char *)
{
    self(context)->fail(QStringLiteral("entity declarations are not allowed"));
}

void CimXmlSaxParser::onStructuredError(void *context, xmlError *error)
{
    if (!error || error->level < XML_ERR_ERROR)
        return;
    CimXmlSaxParser *parser = self(context);
    if (parser->hasError())
        return;
    const QString message = QString::fromUtf8(error->message ? error->message : "XML error").trimmed();
    // At the end of input, an unclosed root means the document was cut off: say so first.
    const bool truncated = parser->m_terminating && parser->m_root != CimXmlNodeTree::kNone && !parser->m_rootClosed;
    parser->fail((truncated ? QStringLiteral("the document is truncated; ") : QString())
                 + QStringLiteral("not well-formed XML: ") + message);
    parser->m_error.line = error->line;
    parser->m_error.column = error->int2;
}

} // namespace cimdiag
