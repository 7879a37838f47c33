// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace cimdiag {

/// The optional DSP0200 parameters of the intrinsic operations. Unset members (nullopt, empty
/// strings) are not sent, so the server applies its DSP0200 default. Each CimRequestBuilder function
/// sends only the members DSP0200 defines for its operation and ignores the others, so one options
/// value can serve several calls.
struct CimRequestOptions final
{
    std::optional<bool> localOnly;
    std::optional<bool> deepInheritance;
    std::optional<bool> includeQualifiers;
    std::optional<bool> includeClassOrigin;
    /// nullopt: all properties; an empty list: no properties (DSP0200 PropertyList).
    std::optional<QStringList> propertyList;
    QString assocClass;
    QString resultClass;
    QString role;
    QString resultRole;
    /// Open* filters (DSP0212 "DMTF:FQL"); OpenQueryInstances takes its query as arguments instead.
    QString filterQueryLanguage;
    QString filterQuery;
    std::optional<quint32> operationTimeout; ///< seconds; 0 asks the server never to time out
    std::optional<quint32> maxObjectCount; ///< Open*: objects in the first reply
    std::optional<bool> continueOnError;
    std::optional<bool> returnQueryResultClass;

    friend bool operator==(const CimRequestOptions &, const CimRequestOptions &) = default;
};

} // namespace cimdiag
