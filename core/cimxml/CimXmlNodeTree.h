// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cimxml/CimXmlElement.h"

#include <QByteArrayView>
#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace cimdiag {

/// The elements of a CIM-XML document, or of the part of it being decoded, held in flat arrays.
/// Nodes, attributes and text live in three arenas that grow and shrink like a stack, so a reader
/// that decodes one IRETURNVALUE item at a time drops the item's nodes when it is done and reuses the
/// memory for the next: decoding a 25 MB enumeration allocates almost nothing per instance.
class CimXmlNodeTree final
{
public:
    static constexpr int kNone = -1;

    struct Node
    {
        CimXmlElement element = CimXmlElement::Unknown;
        int parent = kNone;
        int firstChild = kNone;
        int lastChild = kNone;
        int nextSibling = kNone;
        int firstAttribute = 0;
        int attributeCount = 0;
        int childCount = 0;
        int indexInParent = 0; ///< position among consecutive siblings of the same element, 1-based
        CimXmlElement lastChildElement = CimXmlElement::Unknown; ///< for the next child's indexInParent
        int lastChildIndexInParent = 0; ///< indexInParent of the last child, kept also for detached children
        qsizetype textOffset = 0;
        qsizetype textLength = 0;
        qint64 line = 0;
        qint64 column = 0;
    };

    /// A mark to truncate() back to.
    struct Mark
    {
        size_t nodes = 0;
        size_t attributes = 0;
        size_t text = 0;
    };

    /// Adds an element under parent (kNone for a root). A detached node knows its parent (for error
    /// paths) but is not in the parent's child list: the reader uses that for items it decodes and
    /// drops as soon as they close.
    int addNode(CimXmlElement element, int parent, qint64 line, qint64 column, bool detached = false);
    void addAttribute(int node, CimXmlAttribute attribute, QByteArrayView value);
    /// Appends character data to node. Text of a node must arrive before its next sibling opens.
    void appendText(int node, QByteArrayView text);

    const Node &node(int index) const { return m_nodes[static_cast<size_t>(index)]; }
    int size() const { return static_cast<int>(m_nodes.size()); }
    QByteArrayView text(int node) const;
    std::optional<QByteArrayView> attribute(int node, CimXmlAttribute attribute) const;

    Mark mark() const { return {m_nodes.size(), m_attributes.size(), m_text.size()}; }
    /// Drops everything added after mark (a detached subtree that has been decoded).
    void truncate(const Mark &mark);

    /// "CIM/MESSAGE/.../PROPERTY[Caption]/VALUE": the element path from the root to node; elements
    /// with a NAME attribute show it, repeated items show their position.
    QString path(int node) const;
    /// The NAME attribute as text, for messages.
    QString nameOf(int node) const;

private:
    struct Attribute
    {
        CimXmlAttribute attribute;
        qsizetype offset;
        qsizetype length;
    };
    std::vector<Node> m_nodes;
    std::vector<Attribute> m_attributes;
    std::string m_text;
};

} // namespace cimdiag
