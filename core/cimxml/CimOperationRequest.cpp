// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cimxml/CimOperationRequest.h"

namespace cimdiag {

QString CimOperationRequest::cimMethodHeader() const
{
    return operation == CimOperation::InvokeMethod ? methodName : cimOperationName(operation);
}

QString CimOperationRequest::cimObjectHeader() const
{
    switch (operation) {
    case CimOperation::ExportIndication:
        return {};
    case CimOperation::InvokeMethod:
        // DSP0200 6.3.2.2: the object path without host, namespace separated by ':'.
        return targetInstance.isValid() ? targetInstance.toWbemUri(CimInstanceName::UriFormat::CimObject)
                                        : targetClass.toWbemUri(true);
    default:
        return nameSpace;
    }
}

} // namespace cimdiag
