// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cimxml/CimXmlNodeTree.h"

#include <QStringList>

namespace cimdiag {

namespace {
// Elements whose children form a list: their items always show their position in paths.
bool isListElement(CimXmlElement element)
{
    return element == CimXmlElement::IReturnValue || element == CimXmlElement::ValueArray
        || element == CimXmlElement::ValueRefArray;
}
} // namespace

int CimXmlNodeTree::addNode(CimXmlElement element, int parent, qint64 line, qint64 column, bool detached)
{
    const int index = static_cast<int>(m_nodes.size());
    Node n;
    n.element = element;
    n.parent = parent;
    n.firstAttribute = static_cast<int>(m_attributes.size());
    n.textOffset = static_cast<qsizetype>(m_text.size());
    n.line = line;
    n.column = column;
    if (parent != kNone) {
        Node &p = m_nodes[static_cast<size_t>(parent)];
        ++p.childCount;
        // Siblings in CIM-XML lists are homogeneous (VALUE.NAMEDINSTANCE*, VALUE*), so counting the
        // current run of one element names the item as a reader would: VALUE.NAMEDINSTANCE[3].
        const int previousIndex = p.lastChild != kNone && !detached
            ? m_nodes[static_cast<size_t>(p.lastChild)].indexInParent
            : p.lastChildIndexInParent;
        n.indexInParent = p.lastChildElement == element ? previousIndex + 1 : 1;
        p.lastChildElement = element;
        p.lastChildIndexInParent = n.indexInParent;
        if (!detached) {
            if (p.lastChild == kNone)
                p.firstChild = index;
            else
                m_nodes[static_cast<size_t>(p.lastChild)].nextSibling = index;
            p.lastChild = index;
        }
    }
    m_nodes.push_back(n);
    return index;
}

void CimXmlNodeTree::addAttribute(int node, CimXmlAttribute attribute, QByteArrayView value)
{
    Node &n = m_nodes[static_cast<size_t>(node)];
    m_attributes.push_back({attribute, static_cast<qsizetype>(m_text.size()), value.size()});
    m_text.append(value.data(), static_cast<size_t>(value.size()));
    ++n.attributeCount;
    n.textOffset = static_cast<qsizetype>(m_text.size());
}

void CimXmlNodeTree::appendText(int node, QByteArrayView text)
{
    Node &n = m_nodes[static_cast<size_t>(node)];
    m_text.append(text.data(), static_cast<size_t>(text.size()));
    n.textLength += text.size();
}

QByteArrayView CimXmlNodeTree::text(int node) const
{
    const Node &n = m_nodes[static_cast<size_t>(node)];
    return {m_text.data() + n.textOffset, n.textLength};
}

std::optional<QByteArrayView> CimXmlNodeTree::attribute(int node, CimXmlAttribute attribute) const
{
    const Node &n = m_nodes[static_cast<size_t>(node)];
    for (int i = 0; i < n.attributeCount; ++i) {
        const Attribute &a = m_attributes[static_cast<size_t>(n.firstAttribute + i)];
        if (a.attribute == attribute)
            return QByteArrayView(m_text.data() + a.offset, a.length);
    }
    return std::nullopt;
}

void CimXmlNodeTree::truncate(const Mark &mark)
{
    m_nodes.resize(mark.nodes);
    m_attributes.resize(mark.attributes);
    m_text.resize(mark.text);
}

QString CimXmlNodeTree::nameOf(int node) const
{
    const auto name = attribute(node, CimXmlAttribute::Name);
    return name ? QString::fromUtf8(*name) : QString();
}

QString CimXmlNodeTree::path(int node) const
{
    QStringList parts;
    for (int i = node; i != kNone; i = m_nodes[static_cast<size_t>(i)].parent) {
        const Node &n = m_nodes[static_cast<size_t>(i)];
        QString part = cimXmlElementName(n.element);
        const QString name = nameOf(i);
        if (!name.isEmpty())
            part += u'[' + name + u']';
        else if (n.indexInParent > 1 || (n.parent != kNone && isListElement(m_nodes[static_cast<size_t>(n.parent)].element)))
            part += u'[' + QString::number(n.indexInParent) + u']';
        parts.prepend(part);
    }
    return parts.join(u'/');
}

} // namespace cimdiag
