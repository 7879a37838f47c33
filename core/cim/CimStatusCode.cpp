// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimStatusCode.h"

#include <array>

namespace cimdiag {

namespace {
struct StatusText
{
    const char16_t *name;
    const char16_t *description;
};

// DSP0200 1.4 table 2 (and DSP0212 for 29). 18 and 19 belonged to the withdrawn asynchronous
// operations; servers may still send them, so they keep their names.
constexpr std::array<StatusText, 30> kStatus {{
    {u"CIM_ERR_OK", u"The operation completed successfully."},
    {u"CIM_ERR_FAILED", u"A general error occurred that is not covered by a more specific error code."},
    {u"CIM_ERR_ACCESS_DENIED", u"Access to a CIM resource is not available to the client."},
    {u"CIM_ERR_INVALID_NAMESPACE", u"The target namespace does not exist."},
    {u"CIM_ERR_INVALID_PARAMETER", u"One or more parameter values passed to the method are not valid."},
    {u"CIM_ERR_INVALID_CLASS", u"The specified class does not exist."},
    {u"CIM_ERR_NOT_FOUND", u"The requested object cannot be found."},
    {u"CIM_ERR_NOT_SUPPORTED", u"The requested operation is not supported."},
    {u"CIM_ERR_CLASS_HAS_CHILDREN", u"The operation cannot be invoked on this class because it has subclasses."},
    {u"CIM_ERR_CLASS_HAS_INSTANCES",
        u"The operation cannot be invoked on this class because one or more instances of this class exist."},
    {u"CIM_ERR_INVALID_SUPERCLASS",
        u"The operation cannot be invoked because the specified superclass does not exist."},
    {u"CIM_ERR_ALREADY_EXISTS", u"The operation cannot be invoked because an object already exists."},
    {u"CIM_ERR_NO_SUCH_PROPERTY", u"The specified property does not exist."},
    {u"CIM_ERR_TYPE_MISMATCH", u"The value supplied is not compatible with the type."},
    {u"CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED", u"The query language is not recognized or supported."},
    {u"CIM_ERR_INVALID_QUERY", u"The query is not valid for the specified query language."},
    {u"CIM_ERR_METHOD_NOT_AVAILABLE", u"The extrinsic method cannot be invoked."},
    {u"CIM_ERR_METHOD_NOT_FOUND", u"The specified extrinsic method does not exist."},
    {u"CIM_ERR_UNEXPECTED_RESPONSE", u"The returned response to the asynchronous operation was not expected."},
    {u"CIM_ERR_INVALID_RESPONSE_DESTINATION", u"The specified destination for the asynchronous response is not valid."},
    {u"CIM_ERR_NAMESPACE_NOT_EMPTY", u"The specified namespace is not empty."},
    {u"CIM_ERR_INVALID_ENUMERATION_CONTEXT",
        u"The enumeration identified by the specified context cannot be found, is in a closed state, does not exist, "
        u"or is otherwise invalid."},
    {u"CIM_ERR_INVALID_OPERATION_TIMEOUT", u"The specified operation timeout is not supported by the WBEM server."},
    {u"CIM_ERR_PULL_HAS_BEEN_ABANDONED",
        u"The pull operation has been abandoned due to execution of a concurrent CloseEnumeration operation on the "
        u"same enumeration."},
    {u"CIM_ERR_PULL_CANNOT_BE_ABANDONED",
        u"The attempt to abandon a concurrent pull operation on the same enumeration failed. The concurrent pull "
        u"operation proceeds normally."},
    {u"CIM_ERR_FILTERED_ENUMERATION_NOT_SUPPORTED",
        u"Using a filter query in pulled enumerations is not supported by the WBEM server."},
    {u"CIM_ERR_CONTINUATION_ON_ERROR_NOT_SUPPORTED", u"The WBEM server does not support continuation on error."},
    {u"CIM_ERR_SERVER_LIMITS_EXCEEDED",
        u"The WBEM server has failed the operation based upon exceeding server limits."},
    {u"CIM_ERR_SERVER_IS_SHUTTING_DOWN", u"The WBEM server is shutting down and cannot process the operation."},
    {u"CIM_ERR_QUERY_FEATURE_NOT_SUPPORTED", u"A feature used in the query is not supported by the WBEM server."},
}};
} // namespace

bool isKnownCimStatus(int code)
{
    return code >= 0 && code < static_cast<int>(kStatus.size());
}

QString cimStatusName(int code)
{
    if (!isKnownCimStatus(code))
        return QStringLiteral("CIM_ERR_UNKNOWN(%1)").arg(code);
    return QString::fromUtf16(kStatus[static_cast<size_t>(code)].name);
}

QString cimStatusDescription(int code)
{
    if (!isKnownCimStatus(code))
        return QStringLiteral("Status code %1 is not defined by DSP0200.").arg(code);
    return QString::fromUtf16(kStatus[static_cast<size_t>(code)].description);
}

} // namespace cimdiag
