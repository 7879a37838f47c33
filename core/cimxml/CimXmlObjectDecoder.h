// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimClass.h"
#include "core/cim/CimClassName.h"
#include "core/cim/CimInstance.h"
#include "core/cim/CimInstanceName.h"
#include "core/cim/CimParamValue.h"
#include "core/cim/CimQualifierDeclaration.h"
#include "core/cim/CimStatus.h"
#include "core/cimxml/CimArgument.h"
#include "core/cimxml/CimXmlLimits.h"
#include "core/cimxml/CimXmlNodeTree.h"

#include <QHash>
#include <QSet>

#include <variant>

namespace cimdiag {

/// Turns DSP0201 elements held in a CimXmlNodeTree into CIM objects, checking each element's content
/// model and attribute values as it goes. A violation throws Failure naming the offending node; the
/// reader catches it and turns it into a CimXmlError with the element path and line:column.
class CimXmlObjectDecoder final
{
public:
    struct Failure
    {
        QString message;
        int node;
    };

    /// embeddingDepth counts how deep this decoder sits inside embedded objects (a VALUE holding an
    /// escaped INSTANCE), so a document cannot nest them without bound.
    /// Embedded objects are parsed under the same limits.
    CimXmlObjectDecoder(const CimXmlNodeTree *tree, CimXmlLimits limits, int embeddingDepth = 0);

    CimInstance instance(int node);                ///< INSTANCE
    CimClass cimClass(int node);                   ///< CLASS
    CimInstanceName instanceName(int node);        ///< INSTANCENAME
    CimInstanceName instancePath(int node);        ///< INSTANCEPATH or LOCALINSTANCEPATH
    CimClassName className(int node);              ///< CLASSNAME
    CimClassName classPath(int node);              ///< CLASSPATH or LOCALCLASSPATH
    /// OBJECTPATH: an instance path or a class path.
    std::variant<CimInstanceName, CimClassName> objectPath(int node);
    /// VALUE.NAMEDINSTANCE, VALUE.INSTANCEWITHPATH, VALUE.OBJECTWITHPATH, VALUE.OBJECTWITHLOCALPATH,
    /// VALUE.OBJECT, VALUE.NAMEDOBJECT: the object, with its path set when the element has one.
    std::variant<CimInstance, CimClass> object(int node);
    CimQualifierDeclaration qualifierDeclaration(int node); ///< QUALIFIER.DECLARATION
    QString localNamespacePath(int node);                   ///< LOCALNAMESPACEPATH -> "root/cimv2"
    CimStatus error(int node);                              ///< ERROR
    CimParamValue paramValue(int node);                     ///< PARAMVALUE
    CimValue returnValue(int node);                         ///< RETURNVALUE
    CimArgument iparamValue(int node);                      ///< IPARAMVALUE
    CimArgument expParamValue(int node);                    ///< EXPPARAMVALUE
    /// VALUE, VALUE.ARRAY, VALUE.REFERENCE, VALUE.REFARRAY or VALUE.NULL read as the given type.
    CimValue value(int node, CimType type, CimEmbeddedKind embedded = CimEmbeddedKind::None);

    /// Tracks the names already in one list being filled, so duplicates are found in linear time:
    /// short lists are searched, longer ones hashed (a hostile element with 100,000 properties must
    /// not cost quadratic time).
    class UniqueNames
    {
    public:
        template<typename List>
        bool add(const List &list, const QString &name);

    private:
        QSet<QString> m_folded;
    };
    /// Adds item to list, failing at node when its name is already there.
    template<typename List, typename Item>
    void insertUnique(List &list, UniqueNames &names, Item item, int node, const char *what);

    // Attribute helpers, shared with the reader for envelope elements.
    QString requiredAttribute(int node, CimXmlAttribute attribute);
    QString optionalAttribute(int node, CimXmlAttribute attribute);
    [[noreturn]] void fail(int node, const QString &message) const;
    [[noreturn]] void unexpected(int parent, int child) const;

private:
    QString interned(QByteArrayView name);
    CimType requiredType(int node, CimXmlAttribute attribute = CimXmlAttribute::Type);
    std::optional<CimType> optionalType(int node, CimXmlAttribute attribute);
    bool booleanAttribute(int node, CimXmlAttribute attribute, bool defaultValue);
    int arraySize(int node);
    CimEmbeddedKind embeddedKind(int node);
    /// PARAMVALUE/RETURNVALUE: the value type and embedded-object kind from PARAMTYPE and EmbeddedObject.
    void paramType(int node, CimType *type, CimEmbeddedKind *embedded);
    CimFlavors flavors(int node);
    CimQualifier qualifier(int node);
    CimProperty property(int node);
    CimMethod method(int node);
    CimParameter parameter(int node);
    CimKeyBinding keyBinding(int node);
    CimValue keyValue(int node);
    CimValue scalar(int node, CimType type, CimEmbeddedKind embedded);
    CimValue embeddedObject(int node, QByteArrayView xml, CimEmbeddedKind embedded);
    CimValue referenceValue(int node); ///< VALUE.REFERENCE
    void namespacePath(int node, QString *host, QString *nameSpace);

    const CimXmlNodeTree *m_tree;
    QHash<QByteArray, QString> m_names;
    CimXmlLimits m_limits;
    int m_embeddingDepth;
};

template<typename List>
inline bool CimXmlObjectDecoder::UniqueNames::add(const List &list, const QString &name)
{
    constexpr qsizetype kLinearLimit = 16;
    if (list.size() < kLinearLimit)
        return !list.contains(name);
    if (m_folded.isEmpty()) {
        for (const auto &item : list)
            m_folded.insert(item.name().toCaseFolded());
    }
    const qsizetype before = m_folded.size();
    m_folded.insert(name.toCaseFolded());
    return m_folded.size() != before;
}

template<typename List, typename Item>
inline void CimXmlObjectDecoder::insertUnique(List &list, UniqueNames &names, Item item, int node, const char *what)
{
    if (!names.add(list, item.name()))
        fail(node, QStringLiteral("duplicate %1 %2").arg(QLatin1String(what), item.name()));
    list.appendUnique(std::move(item));
}

} // namespace cimdiag
