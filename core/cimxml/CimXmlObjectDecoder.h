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
#include "core/cimxml/CimXmlNodeTree.h"

#include <QHash>

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
    explicit CimXmlObjectDecoder(const CimXmlNodeTree *tree, int embeddingDepth = 0);

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
    template<typename List, typename Item>
    void insertUnique(List &list, Item item, int node, const char *what);

    const CimXmlNodeTree *m_tree;
    QHash<QByteArray, QString> m_names;
    int m_embeddingDepth;
};

} // namespace cimdiag
