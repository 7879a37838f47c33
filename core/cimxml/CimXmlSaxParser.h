// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cimxml/CimXmlError.h"
#include "core/cimxml/CimXmlLimits.h"
#include "core/cimxml/CimXmlNodeTree.h"

#include <QByteArrayView>

#include <array>
#include <functional>

struct _xmlParserCtxt;
struct _xmlError;

namespace cimdiag {

/// Feeds bytes through libxml2's SAX2 push parser into a CimXmlNodeTree.
///
/// Why libxml2 and not QXmlStreamReader: on the project's reference machine a bare QXmlStreamReader
/// pass over a 25 MB EnumerateInstances reply runs at about 64 MB/s, below the 150 MB/s the decoder
/// must reach, while libxml2's SAX2 push parser runs at about 325 MB/s (tests/bench/BenchDecode
/// prints both). libxml2 is the well-kept C library behind xmllint, and it streams.
///
/// Safety: no DTD is loaded or accepted (a DOCTYPE is an error), entities are not substituted (only
/// the five predefined ones and character references are decoded), no network access, and nesting
/// depth and text size are limited. Children of a chosen "streaming" element are detached: the owner
/// is called when each closes and may decode and drop it.
class CimXmlSaxParser final
{
public:

    /// Called when a child of the streaming element closes; return false (after setting the error
    /// with fail()) to stop parsing.
    using ItemHandler = std::function<bool(int node)>;

    CimXmlSaxParser(CimXmlNodeTree *tree, CimXmlLimits limits);
    ~CimXmlSaxParser();
    Q_DISABLE_COPY_MOVE(CimXmlSaxParser)

    void setStreamingElement(CimXmlElement element, ItemHandler handler);

    bool feed(QByteArrayView bytes);
    bool finish();

    bool hasError() const { return !m_error.isNull(); }
    const CimXmlError &error() const { return m_error; }
    qint64 bytesFed() const { return m_bytesFed; }
    /// The root element's node, or kNone before it opened.
    int root() const { return m_root; }

    /// Records an error at node (or at the parser's position when node is kNone) and stops parsing.
    bool fail(const QString &message, int node = CimXmlNodeTree::kNone);

private:
    /// xmlParseChunk with libxml2's generic error output collected (see the .cpp for why).
    void parseChunk(const char *data, int size, bool terminate);
    static void onStartElement(void *context, const unsigned char *localName, const unsigned char *prefix,
                               const unsigned char *uri, int namespaceCount, const unsigned char **namespaces,
                               int attributeCount, int defaultedCount, const unsigned char **attributes);
    static void onEndElement(void *context, const unsigned char *localName, const unsigned char *prefix,
                             const unsigned char *uri);
    static void onCharacters(void *context, const unsigned char *text, int length);
    static void onInternalSubset(void *context, const unsigned char *name, const unsigned char *externalId,
                                 const unsigned char *systemId);
    static void onEntityDeclaration(void *context, const unsigned char *name, int type, const unsigned char *publicId,
                                    const unsigned char *systemId, unsigned char *content);
    static void onStructuredError(void *context, _xmlError *error);

    void startElement(const unsigned char *localName, const unsigned char *prefix, int attributeCount,
                      const unsigned char **attributes);
    void endElement();
    void characters(QByteArrayView text);
    CimXmlElement elementFor(const unsigned char *localName);
    CimXmlAttribute attributeFor(const unsigned char *localName);
    bool isTextElement(CimXmlElement element) const;
    qint64 currentLine() const;
    qint64 currentColumn() const;

    CimXmlNodeTree *m_tree;
    CimXmlLimits m_limits;
    _xmlParserCtxt *m_context = nullptr;
    ItemHandler m_onItem;
    CimXmlElement m_streamingElement = CimXmlElement::Unknown;
    // libxml2 interns names in its dictionary, so one pointer is one name for the whole parse: a small
    // direct-mapped table from name pointer to id saves a string comparison per element and attribute.
    template<typename Id>
    struct NameCache
    {
        struct Slot
        {
            const unsigned char *name = nullptr;
            Id id{};
        };
        std::array<Slot, 128> entries{};
        Slot &slotFor(const unsigned char *name)
        {
            return entries[(reinterpret_cast<quintptr>(name) >> 3) % entries.size()];
        }
    };
    NameCache<CimXmlElement> m_elementCache;
    NameCache<CimXmlAttribute> m_attributeCache;
    std::vector<int> m_open; ///< nodes of the open elements, innermost last
    std::vector<CimXmlNodeTree::Mark> m_itemMarks;
    CimXmlError m_error;
    std::string m_decoded; ///< scratch for attribute values holding character references
    qint64 m_bytesFed = 0;
    int m_root = CimXmlNodeTree::kNone;
    bool m_rootClosed = false;
    bool m_terminating = false;
};

} // namespace cimdiag
