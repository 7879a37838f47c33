// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimClassName.h"
#include "core/cim/CimInstanceName.h"
#include "core/cim/CimParamValue.h"
#include "core/cimxml/CimArgument.h"
#include "core/cimxml/CimOperation.h"

namespace cimdiag {

/// One CIM-XML request message, as the writer encodes it and the reader decodes it: an intrinsic
/// call (IMETHODCALL on a namespace with IPARAMVALUEs), an extrinsic call (METHODCALL on an instance
/// or class with PARAMVALUEs), or an export call (EXPMETHODCALL with EXPPARAMVALUEs).
struct CimOperationRequest final
{
    CimOperation operation = CimOperation::GetClass;
    QString messageId;
    /// Target namespace of an intrinsic call, without leading or trailing '/'.
    QString nameSpace;
    /// InvokeMethod: the method name, and the target object (an instance path or a class path).
    QString methodName;
    CimInstanceName targetInstance;
    CimClassName targetClass;
    /// Intrinsic and export parameters.
    CimArgumentList arguments;
    /// InvokeMethod parameters.
    CimParamValueList parameters;

    /// The DSP0200 CIMMethod header value: the intrinsic name, the extrinsic method name, or the
    /// export method name.
    QString cimMethodHeader() const;
    /// The DSP0200 CIMObject header value before URL-encoding: the namespace for intrinsic calls,
    /// "ns:Class.key=..." for extrinsic ones; empty for export calls.
    QString cimObjectHeader() const;

    friend bool operator==(const CimOperationRequest &, const CimOperationRequest &) = default;
};

} // namespace cimdiag
