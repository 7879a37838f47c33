// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimClass.h"
#include "core/cim/CimClassName.h"
#include "core/cim/CimInstance.h"
#include "core/cim/CimInstanceName.h"
#include "core/cim/CimParamValue.h"
#include "core/cim/CimQualifierDeclaration.h"
#include "core/cim/CimStatus.h"
#include "core/cimxml/CimOperation.h"

#include <QList>

namespace cimdiag {

/// One decoded (or to-be-encoded) CIM-XML response message. Which members are filled follows
/// cimReturnShape(operation); a failed operation has !status.isOk() and nothing else.
struct CimOperationResponse final
{
    CimOperation operation = CimOperation::GetClass;
    QString messageId;
    /// For InvokeMethod: the method name of METHODRESPONSE.
    QString methodName;
    CimStatus status;

    /// GetInstance, EnumerateInstances, Associators/References/ExecQuery on instances, Open*/Pull*
    /// instances. Instances carry their path where the reply has one.
    QList<CimInstance> instances;
    /// EnumerateInstanceNames, AssociatorNames/ReferenceNames on instances, CreateInstance, *Paths.
    QList<CimInstanceName> instanceNames;
    /// GetClass, EnumerateClasses, Associators/References on classes.
    QList<CimClass> classes;
    /// EnumerateClassNames, AssociatorNames/ReferenceNames on classes.
    QList<CimClassName> classNames;
    /// GetQualifier, EnumerateQualifiers.
    QList<CimQualifierDeclaration> qualifierDeclarations;
    /// InvokeMethod's RETURNVALUE, GetProperty's value, EnumerationCount's count.
    CimValue returnValue;
    /// InvokeMethod's output parameters.
    CimParamValueList outParameters;
    /// Open*/Pull*: the EnumerationContext (empty when the sequence ended) and EndOfSequence.
    QString enumerationContext;
    bool endOfSequence = false;

    friend bool operator==(const CimOperationResponse &, const CimOperationResponse &) = default;
};

} // namespace cimdiag
