// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimClass.h"
#include "core/cim/CimClassName.h"
#include "core/cim/CimInstance.h"
#include "core/cim/CimInstanceName.h"
#include "core/cim/CimParamValue.h"
#include "core/cim/CimQualifierDeclaration.h"
#include "core/cim/CimStatus.h"
#include "core/cimxml/CimOperationRequest.h"
#include "core/cimxml/CimOperationResponse.h"

#include <QByteArray>
#include <QString>

class QXmlStreamWriter;

namespace cimdiag {

/// DSP0201 CIM-XML encoder, free of I/O: turns a request or response message into a complete UTF-8
/// document that validates against DSP0203 2.4.0 (KEYVALUE carries TYPE).
///
/// request() writes SIMPLEREQ with IMETHODCALL (intrinsic operations), METHODCALL (InvokeMethod) or
/// SIMPLEEXPREQ with EXPMETHODCALL (ExportIndication). response() writes SIMPLERSP with
/// IMETHODRESPONSE shaped by cimReturnShape(operation), METHODRESPONSE, or SIMPLEEXPRSP; a response
/// whose status is not OK carries ERROR instead of results.
///
/// The element writers are public so other encoders (a simulated server, MOF-to-XML tools) write
/// exactly the same elements. They write nothing for what DSP0201 leaves out: a NULL value has no
/// VALUE element. Characters XML 1.0 cannot carry (controls other than tab, LF and CR) are dropped.
class CimXmlWriter final
{
public:
    CimXmlWriter() = delete;

    /// `<?xml ...?><CIM ...><MESSAGE ...><SIMPLEREQ>...` for an intrinsic or extrinsic call, or
    /// `<SIMPLEEXPREQ>` for ExportIndication.
    static QByteArray request(const CimOperationRequest &request);
    /// `<?xml ...?><CIM ...><MESSAGE ...><SIMPLERSP>...` (or `<SIMPLEEXPRSP>` for ExportIndication).
    static QByteArray response(const CimOperationResponse &response);

    // Element writers (DSP0201 element names in the comments).

    /// VALUE, VALUE.ARRAY (NULL elements as VALUE.NULL), VALUE.REFERENCE or VALUE.REFARRAY; an
    /// embedded object as VALUE holding the escaped INSTANCE or CLASS text. Nothing for NULL.
    static void writeValue(QXmlStreamWriter &xml, const CimValue &value);
    /// VALUE.REFERENCE holding INSTANCEPATH (host and namespace), LOCALINSTANCEPATH (namespace only)
    /// or INSTANCENAME.
    static void writeValueReference(QXmlStreamWriter &xml, const CimInstanceName &path);
    static void writeKeyBinding(QXmlStreamWriter &xml, const CimKeyBinding &keyBinding); ///< KEYBINDING
    static void writeInstanceName(QXmlStreamWriter &xml, const CimInstanceName &name); ///< INSTANCENAME
    /// INSTANCEPATH: NAMESPACEPATH (HOST, LOCALNAMESPACEPATH) and INSTANCENAME.
    static void writeInstancePath(QXmlStreamWriter &xml, const CimInstanceName &path);
    static void writeLocalInstancePath(QXmlStreamWriter &xml, const CimInstanceName &path); ///< LOCALINSTANCEPATH
    /// NAMESPACEPATH: HOST and LOCALNAMESPACEPATH.
    static void writeNamespacePath(QXmlStreamWriter &xml, const QString &host, const QString &nameSpace);
    /// LOCALNAMESPACEPATH: one NAMESPACE per '/'-separated segment ("root/cimv2" -> root, cimv2).
    static void writeLocalNamespacePath(QXmlStreamWriter &xml, const QString &nameSpace);
    static void writeClassName(QXmlStreamWriter &xml, const QString &className); ///< CLASSNAME
    static void writeClassPath(QXmlStreamWriter &xml, const CimClassName &path); ///< CLASSPATH
    static void writeLocalClassPath(QXmlStreamWriter &xml, const CimClassName &path); ///< LOCALCLASSPATH
    static void writeInstance(QXmlStreamWriter &xml, const CimInstance &instance); ///< INSTANCE
    /// VALUE.NAMEDINSTANCE: INSTANCENAME (the instance's path, without namespace) and INSTANCE.
    static void writeNamedInstance(QXmlStreamWriter &xml, const CimInstance &instance);
    /// VALUE.INSTANCEWITHPATH: INSTANCEPATH and INSTANCE.
    static void writeInstanceWithPath(QXmlStreamWriter &xml, const CimInstance &instance);
    static void writeClass(QXmlStreamWriter &xml, const CimClass &cls); ///< CLASS
    /// PROPERTY, PROPERTY.ARRAY or PROPERTY.REFERENCE, following the value's type and array-ness.
    static void writeProperty(QXmlStreamWriter &xml, const CimProperty &property);
    static void writeMethod(QXmlStreamWriter &xml, const CimMethod &method); ///< METHOD
    /// PARAMETER, PARAMETER.REFERENCE, PARAMETER.ARRAY or PARAMETER.REFARRAY.
    static void writeParameter(QXmlStreamWriter &xml, const CimParameter &parameter);
    /// QUALIFIER; flavor attributes only where they differ from the DSP0201 defaults.
    static void writeQualifier(QXmlStreamWriter &xml, const CimQualifier &qualifier);
    /// QUALIFIER.DECLARATION with SCOPE (omitted when no scope is set).
    static void writeQualifierDeclaration(QXmlStreamWriter &xml, const CimQualifierDeclaration &declaration);
    /// PARAMVALUE with PARAMTYPE (and EmbeddedObject for embedded objects).
    static void writeParamValue(QXmlStreamWriter &xml, const CimParamValue &paramValue);
    /// ERROR with CODE, DESCRIPTION (when not empty) and the CIM_Error instances.
    static void writeError(QXmlStreamWriter &xml, const CimStatus &status);

    /// The INSTANCE or CLASS element of an embedded object scalar as XML text, which DSP0201
    /// places (escaped) in a VALUE element. Empty when value is not an embedded object.
    static QString embeddedObjectText(const CimValue &value);
};

} // namespace cimdiag
