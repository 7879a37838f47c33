// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/XmlTree.h"

#include <QXmlStreamReader>

namespace cimdiag {

namespace {

struct Step
{
    QString name;
    QList<std::pair<QString, QString>> predicates;
};

// Splits on '/' outside brackets: predicate values may hold '/' ("root/cimv2").
QList<Step> parsePath(const QString &path)
{
    QList<Step> steps;
    QStringList parts;
    QString current;
    int depth = 0;
    for (const QChar c : path) {
        if (c == u'[')
            ++depth;
        else if (c == u']')
            --depth;
        if (c == u'/' && depth == 0) {
            parts.append(current);
            current.clear();
        } else {
            current += c;
        }
    }
    parts.append(current);

    for (const QString &part : parts) {
        Step step;
        const qsizetype bracket = part.indexOf(u'[');
        step.name = bracket < 0 ? part : part.left(bracket);
        qsizetype pos = bracket;
        while (pos >= 0 && pos < part.size()) {
            const qsizetype close = part.indexOf(u']', pos);
            const QString predicate = part.mid(pos + 1, close - pos - 1);
            const qsizetype equals = predicate.indexOf(u'=');
            step.predicates.append({predicate.left(equals), predicate.mid(equals + 1)});
            pos = part.indexOf(u'[', close);
        }
        steps.append(step);
    }
    return steps;
}

bool matches(const XmlTree::Node &node, const Step &step)
{
    if (step.name != u"*" && node.name != step.name)
        return false;
    for (const auto &[name, value] : step.predicates) {
        if (!node.hasAttribute(name) || node.attribute(name) != value)
            return false;
    }
    return true;
}

void matchFrom(const XmlTree::Node &node, const QList<Step> &steps, qsizetype index, QList<const XmlTree::Node *> &out)
{
    if (!matches(node, steps.at(index)))
        return;
    if (index + 1 == steps.size()) {
        out.append(&node);
        return;
    }
    for (const XmlTree::Node &child : node.children)
        matchFrom(child, steps, index + 1, out);
}

void collect(const XmlTree::Node &node, const QList<Step> &steps, QList<const XmlTree::Node *> &out)
{
    matchFrom(node, steps, 0, out);
    for (const XmlTree::Node &child : node.children)
        collect(child, steps, out);
}

} // namespace

bool XmlTree::Node::hasAttribute(QStringView attributeName) const
{
    for (const auto &[name, value] : attributes) {
        if (name == attributeName)
            return true;
    }
    return false;
}

QString XmlTree::Node::attribute(QStringView attributeName) const
{
    for (const auto &[name, value] : attributes) {
        if (name == attributeName)
            return value;
    }
    return {};
}

QStringList XmlTree::Node::childNames() const
{
    QStringList names;
    for (const Node &child : children)
        names.append(child.name);
    return names;
}

std::optional<XmlTree> XmlTree::parse(const QByteArray &document, QString *error)
{
    QXmlStreamReader reader(document);
    XmlTree tree;
    std::vector<Node *> stack;
    bool haveRoot = false;
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::StartElement: {
            Node node;
            node.name = reader.name().toString();
            for (const QXmlStreamAttribute &attribute : reader.attributes())
                node.attributes.append({attribute.qualifiedName().toString(), attribute.value().toString()});
            if (stack.empty()) {
                tree.m_root = std::move(node);
                haveRoot = true;
                stack.push_back(&tree.m_root);
            } else {
                stack.back()->children.push_back(std::move(node));
                stack.push_back(&stack.back()->children.back());
            }
            break;
        }
        case QXmlStreamReader::EndElement:
            stack.pop_back();
            break;
        case QXmlStreamReader::Characters:
            if (!stack.empty())
                stack.back()->text += reader.text();
            break;
        default:
            break;
        }
    }
    if (reader.hasError() || !haveRoot) {
        if (error) {
            *error = reader.hasError() ? QStringLiteral("line %1, column %2: %3")
                                             .arg(reader.lineNumber())
                                             .arg(reader.columnNumber())
                                             .arg(reader.errorString())
                                       : QStringLiteral("no root element");
        }
        return std::nullopt;
    }
    return tree;
}

QList<const XmlTree::Node *> XmlTree::select(const QString &path) const
{
    QList<const Node *> out;
    collect(m_root, parsePath(path), out);
    return out;
}

QString XmlTree::text(const QString &path) const
{
    const QList<const Node *> nodes = select(path);
    return nodes.isEmpty() ? QString() : nodes.constFirst()->text;
}

QStringList XmlTree::texts(const QString &path) const
{
    QStringList result;
    for (const Node *node : select(path))
        result.append(node->text);
    return result;
}

QString XmlTree::attribute(const QString &path, QStringView attributeName) const
{
    const QList<const Node *> nodes = select(path);
    return nodes.isEmpty() ? QString() : nodes.constFirst()->attribute(attributeName);
}

QStringList XmlTree::attributes(const QString &path, QStringView attributeName) const
{
    QStringList result;
    for (const Node *node : select(path))
        result.append(node->attribute(attributeName));
    return result;
}

bool XmlTree::hasAttribute(const QString &path, QStringView attributeName) const
{
    const QList<const Node *> nodes = select(path);
    return !nodes.isEmpty() && nodes.constFirst()->hasAttribute(attributeName);
}

QStringList XmlTree::childNames(const QString &path) const
{
    const QList<const Node *> nodes = select(path);
    if (nodes.isEmpty())
        return {QStringLiteral("<no match: ") + path + u'>'};
    return nodes.constFirst()->childNames();
}

QList<std::pair<QString, QString>> XmlTree::attributeList(const QString &path) const
{
    const QList<const Node *> nodes = select(path);
    return nodes.isEmpty() ? QList<std::pair<QString, QString>>() : nodes.constFirst()->attributes;
}

} // namespace cimdiag
