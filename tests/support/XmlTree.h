// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>
#include <utility>
#include <vector>

namespace cimdiag {

/// A parsed XML document that tests query with short element paths, so they assert on what a
/// document holds rather than on its exact bytes. QtXmlPatterns (XPath) is gone from Qt 6; this is the
/// part of XPath the CIM-XML tests need.
///
/// A path is steps separated by '/'. Each step is an element name with optional attribute predicates,
/// `IPARAMVALUE[NAME=LocalOnly]` or `KEYVALUE[TYPE=string][VALUETYPE=string]`; `*` matches any
/// element. The first step matches at any depth, each following step a child of the previous one:
/// `IPARAMVALUE[NAME=PropertyList]/VALUE.ARRAY/VALUE`.
class XmlTree final
{
public:
    struct Node
    {
        QString name;
        QList<std::pair<QString, QString>> attributes; ///< in document order
        QString text; ///< the element's own character data
        std::vector<Node> children;

        bool hasAttribute(QStringView attributeName) const;
        QString attribute(QStringView attributeName) const; ///< null QString when absent
        QStringList childNames() const;
    };

    /// Parses a whole document; nullopt (and *error) when it is not well-formed.
    static std::optional<XmlTree> parse(const QByteArray &document, QString *error = nullptr);

    const Node &root() const { return m_root; }

    QList<const Node *> select(const QString &path) const;
    qsizetype count(const QString &path) const { return select(path).size(); }
    /// The text of the first match; a null QString when nothing matches.
    QString text(const QString &path) const;
    QStringList texts(const QString &path) const;
    /// The attribute of the first match; a null QString when nothing matches or it is absent.
    QString attribute(const QString &path, QStringView attributeName) const;
    QStringList attributes(const QString &path, QStringView attributeName) const;
    /// Whether the first match has the attribute; false when nothing matches.
    bool hasAttribute(const QString &path, QStringView attributeName) const;
    /// The child element names of the first match; {"<no match: path>"} when nothing matches, so a
    /// comparison failure says so.
    QStringList childNames(const QString &path) const;
    /// The attributes of the first match, in document order (empty when nothing matches).
    QList<std::pair<QString, QString>> attributeList(const QString &path) const;

private:
    Node m_root;
};

} // namespace cimdiag
