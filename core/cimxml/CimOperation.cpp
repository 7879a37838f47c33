// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cimxml/CimOperation.h"

#include <array>

namespace cimdiag {

namespace {
struct OperationInfo
{
    CimOperation operation;
    const char16_t *name;
    CimReturnShape shape;
};

constexpr std::array<OperationInfo, 37> kOperations{{
    {CimOperation::GetClass, u"GetClass", CimReturnShape::Class},
    {CimOperation::EnumerateClasses, u"EnumerateClasses", CimReturnShape::Classes},
    {CimOperation::EnumerateClassNames, u"EnumerateClassNames", CimReturnShape::ClassNames},
    {CimOperation::CreateClass, u"CreateClass", CimReturnShape::Nothing},
    {CimOperation::ModifyClass, u"ModifyClass", CimReturnShape::Nothing},
    {CimOperation::DeleteClass, u"DeleteClass", CimReturnShape::Nothing},
    {CimOperation::GetInstance, u"GetInstance", CimReturnShape::Instance},
    {CimOperation::EnumerateInstances, u"EnumerateInstances", CimReturnShape::NamedInstances},
    {CimOperation::EnumerateInstanceNames, u"EnumerateInstanceNames", CimReturnShape::InstanceNames},
    {CimOperation::CreateInstance, u"CreateInstance", CimReturnShape::InstanceName},
    {CimOperation::ModifyInstance, u"ModifyInstance", CimReturnShape::Nothing},
    {CimOperation::DeleteInstance, u"DeleteInstance", CimReturnShape::Nothing},
    {CimOperation::Associators, u"Associators", CimReturnShape::Objects},
    {CimOperation::AssociatorNames, u"AssociatorNames", CimReturnShape::ObjectPaths},
    {CimOperation::References, u"References", CimReturnShape::Objects},
    {CimOperation::ReferenceNames, u"ReferenceNames", CimReturnShape::ObjectPaths},
    {CimOperation::ExecQuery, u"ExecQuery", CimReturnShape::QueryObjects},
    {CimOperation::GetProperty, u"GetProperty", CimReturnShape::Value},
    {CimOperation::SetProperty, u"SetProperty", CimReturnShape::Nothing},
    {CimOperation::GetQualifier, u"GetQualifier", CimReturnShape::QualifierDeclaration},
    {CimOperation::SetQualifier, u"SetQualifier", CimReturnShape::Nothing},
    {CimOperation::DeleteQualifier, u"DeleteQualifier", CimReturnShape::Nothing},
    {CimOperation::EnumerateQualifiers, u"EnumerateQualifiers", CimReturnShape::QualifierDeclarations},
    {CimOperation::OpenEnumerateInstances, u"OpenEnumerateInstances", CimReturnShape::PulledInstancesWithPath},
    {CimOperation::OpenEnumerateInstancePaths, u"OpenEnumerateInstancePaths", CimReturnShape::PulledInstancePaths},
    {CimOperation::OpenAssociatorInstances, u"OpenAssociatorInstances", CimReturnShape::PulledInstancesWithPath},
    {CimOperation::OpenAssociatorInstancePaths, u"OpenAssociatorInstancePaths", CimReturnShape::PulledInstancePaths},
    {CimOperation::OpenReferenceInstances, u"OpenReferenceInstances", CimReturnShape::PulledInstancesWithPath},
    {CimOperation::OpenReferenceInstancePaths, u"OpenReferenceInstancePaths", CimReturnShape::PulledInstancePaths},
    {CimOperation::OpenQueryInstances, u"OpenQueryInstances", CimReturnShape::PulledInstances},
    {CimOperation::PullInstancesWithPath, u"PullInstancesWithPath", CimReturnShape::PulledInstancesWithPath},
    {CimOperation::PullInstancePaths, u"PullInstancePaths", CimReturnShape::PulledInstancePaths},
    {CimOperation::PullInstances, u"PullInstances", CimReturnShape::PulledInstances},
    {CimOperation::CloseEnumeration, u"CloseEnumeration", CimReturnShape::Nothing},
    {CimOperation::EnumerationCount, u"EnumerationCount", CimReturnShape::Count},
    {CimOperation::InvokeMethod, u"InvokeMethod", CimReturnShape::MethodResult},
    {CimOperation::ExportIndication, u"ExportIndication", CimReturnShape::ExportResult},
}};

const OperationInfo &info(CimOperation operation)
{
    return kOperations.at(static_cast<size_t>(operation));
}
} // namespace

QString cimOperationName(CimOperation operation)
{
    return QString::fromUtf16(info(operation).name);
}

std::optional<CimOperation> cimOperationFromName(QStringView name)
{
    for (const OperationInfo &entry : kOperations) {
        if (name.compare(QStringView(entry.name), Qt::CaseInsensitive) == 0)
            return entry.operation;
    }
    return std::nullopt;
}

CimReturnShape cimReturnShape(CimOperation operation)
{
    return info(operation).shape;
}

bool isPullOperation(CimOperation operation)
{
    return operation >= CimOperation::OpenEnumerateInstances && operation <= CimOperation::EnumerationCount;
}

bool isIntrinsicOperation(CimOperation operation)
{
    return operation != CimOperation::InvokeMethod && operation != CimOperation::ExportIndication;
}

} // namespace cimdiag
