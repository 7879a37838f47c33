// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cimxml/CimMessageFormatter.h"

#include "core/cim/CimJson.h"

#include <QJsonArray>

namespace cimdiag {

namespace {

/// Which parts of a response the text and JSON forms show.
struct Parts
{
    bool instances = false;
    bool instanceNames = false;
    bool classes = false;
    bool classNames = false;
    bool qualifierDeclarations = false;
    bool returnValue = false;
    bool outParameters = false;
    bool enumeration = false;
};

/// What the operation's reply carries by definition, plus whatever else a hand-built response holds,
/// so nothing in it is silently dropped. A failed operation shows only its error.
Parts partsOf(const CimOperationResponse &response)
{
    Parts parts;
    if (!response.status.isOk())
        return parts;
    switch (cimReturnShape(response.operation)) {
    case CimReturnShape::Nothing:
    case CimReturnShape::ExportResult:
        break;
    case CimReturnShape::Class:
    case CimReturnShape::Classes:
        parts.classes = true;
        break;
    case CimReturnShape::ClassNames:
        parts.classNames = true;
        break;
    case CimReturnShape::Instance:
    case CimReturnShape::NamedInstances:
        parts.instances = true;
        break;
    case CimReturnShape::InstanceName:
    case CimReturnShape::InstanceNames:
        parts.instanceNames = true;
        break;
    case CimReturnShape::Objects:
    case CimReturnShape::QueryObjects:
        parts.instances = true;
        parts.classes = true;
        break;
    case CimReturnShape::ObjectPaths:
        parts.instanceNames = true;
        parts.classNames = true;
        break;
    case CimReturnShape::Value:
    case CimReturnShape::Count:
        parts.returnValue = true;
        break;
    case CimReturnShape::QualifierDeclaration:
    case CimReturnShape::QualifierDeclarations:
        parts.qualifierDeclarations = true;
        break;
    case CimReturnShape::PulledInstancesWithPath:
    case CimReturnShape::PulledInstances:
        parts.instances = true;
        parts.enumeration = true;
        break;
    case CimReturnShape::PulledInstancePaths:
        parts.instanceNames = true;
        parts.enumeration = true;
        break;
    case CimReturnShape::MethodResult:
        parts.returnValue = true;
        parts.outParameters = true;
        break;
    }
    parts.instances = parts.instances || !response.instances.isEmpty();
    parts.instanceNames = parts.instanceNames || !response.instanceNames.isEmpty();
    parts.classes = parts.classes || !response.classes.isEmpty();
    parts.classNames = parts.classNames || !response.classNames.isEmpty();
    parts.qualifierDeclarations = parts.qualifierDeclarations || !response.qualifierDeclarations.isEmpty();
    parts.returnValue = parts.returnValue || response.returnValue.type() != CimType::Invalid;
    parts.outParameters = parts.outParameters || !response.outParameters.isEmpty();
    parts.enumeration = parts.enumeration || !response.enumerationContext.isEmpty();
    return parts;
}

QString counted(qsizetype n, const QString &singular, const QString &plural)
{
    return QString::number(n) + u' ' + (n == 1 ? singular : plural);
}

/// toMof() output without the trailing newline and the final ';', so callers can end the statement.
QString mofBlock(const QString &mof)
{
    QString text = mof;
    while (!text.isEmpty() && (text.back().isSpace() || text.back() == u';'))
        text.chop(1);
    return text;
}

/// The name the return value goes by in the text form.
QString returnValueName(CimOperation operation)
{
    switch (cimReturnShape(operation)) {
    case CimReturnShape::Count:
        return QStringLiteral("Count");
    case CimReturnShape::Value:
        return QStringLiteral("Value");
    default:
        return QStringLiteral("ReturnValue");
    }
}

QString typeWord(const CimValue &value)
{
    const QString type = cimTypeName(value.type());
    return value.isArray() && !type.isEmpty() ? type + QStringLiteral("[]") : type;
}

QString typedLine(const QString &name, const CimValue &value)
{
    const QString type = typeWord(value);
    return (type.isEmpty() ? name : type + u' ' + name) + QStringLiteral(" = ") + CimMessageFormatter::valueText(value)
        + u';';
}

QString classPathText(const CimClassName &path)
{
    return path.nameSpace().isEmpty() && path.host().isEmpty() ? path.className() : path.toWbemUri();
}

QString scalarText(const CimValue &value)
{
    if (value.isNull())
        return QStringLiteral("NULL");
    if (value.type() == CimType::Reference)
        return value.toReference().toWbemUri();
    if (value.embeddedKind() != CimEmbeddedKind::None) {
        if (value.holdsInstance())
            return mofBlock(value.toEmbeddedInstance().toMof());
        if (value.holdsClass())
            return mofBlock(value.toEmbeddedClass().toMof());
    }
    return value.toMof();
}

QString headerLine(const QString &operation, const QString &what, const QString &messageId)
{
    QString line = QStringLiteral("// ") + operation + u' ' + what;
    if (!messageId.isEmpty())
        line += QStringLiteral(", message ") + messageId;
    return line;
}

QString operationTitle(CimOperation operation, const QString &methodName)
{
    const QString name = cimOperationName(operation);
    return operation == CimOperation::InvokeMethod && !methodName.isEmpty() ? name + u' ' + methodName : name;
}

void writeInstance(QTextStream &out, const CimInstance &instance)
{
    out << '\n';
    if (instance.path().isValid())
        out << QStringLiteral("// Path: ") << instance.path().toWbemUri() << '\n';
    out << mofBlock(instance.toMof()) << QStringLiteral(";\n");
}

QJsonObject argumentJson(const CimArgument &argument)
{
    QJsonObject result;
    const auto set = [&result](const QString &kind, const QJsonValue &value) {
        result.insert(QStringLiteral("kind"), kind);
        result.insert(QStringLiteral("value"), value);
    };
    if (const auto *value = argument.get<CimValue>()) {
        result = CimJson::value(*value);
        result.insert(QStringLiteral("kind"), QStringLiteral("value"));
    } else if (const auto *className = argument.get<CimClassName>()) {
        set(QStringLiteral("className"), CimJson::classPath(*className));
    } else if (const auto *instanceName = argument.get<CimInstanceName>()) {
        set(QStringLiteral("instanceName"), CimJson::instanceName(*instanceName));
    } else if (const auto *instance = argument.get<CimInstance>()) {
        set(QStringLiteral("instance"), CimJson::instance(*instance));
    } else if (const auto *cls = argument.get<CimClass>()) {
        set(QStringLiteral("class"), CimJson::cimClass(*cls));
    } else if (const auto *declaration = argument.get<CimQualifierDeclaration>()) {
        set(QStringLiteral("qualifierDeclaration"), CimJson::qualifierDeclaration(*declaration));
    } else {
        set(QStringLiteral("null"), QJsonValue::Null);
    }
    return result;
}

void writeArgument(QTextStream &out, const CimArgument &argument)
{
    const QString assign = argument.name() + QStringLiteral(" = ");
    if (const auto *value = argument.get<CimValue>()) {
        out << typedLine(argument.name(), *value) << '\n';
    } else if (const auto *className = argument.get<CimClassName>()) {
        out << assign << classPathText(*className) << QStringLiteral(";\n");
    } else if (const auto *instanceName = argument.get<CimInstanceName>()) {
        out << assign << instanceName->toWbemUri() << QStringLiteral(";\n");
    } else if (const auto *instance = argument.get<CimInstance>()) {
        if (instance->path().isValid())
            out << QStringLiteral("// Path: ") << instance->path().toWbemUri() << '\n';
        out << assign << mofBlock(instance->toMof()) << QStringLiteral(";\n");
    } else if (const auto *cls = argument.get<CimClass>()) {
        out << assign << mofBlock(cls->toMof()) << QStringLiteral(";\n");
    } else if (const auto *declaration = argument.get<CimQualifierDeclaration>()) {
        out << assign << mofBlock(declaration->toMof()) << QStringLiteral(";\n");
    } else {
        out << assign << QStringLiteral("NULL;\n");
    }
}

} // namespace

QString CimMessageFormatter::valueText(const CimValue &value)
{
    if (!value.isArray())
        return scalarText(value);
    if (value.isNull())
        return QStringLiteral("NULL");
    // Plain arrays are MOF array literals already; references and embedded objects need the
    // element-wise forms above.
    if (value.type() != CimType::Reference && value.embeddedKind() == CimEmbeddedKind::None)
        return value.toMof();
    QStringList elements;
    elements.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i)
        elements.append(scalarText(value.at(i)));
    return u'{' + elements.join(QStringLiteral(", ")) + u'}';
}

QString CimMessageFormatter::summary(const CimOperationResponse &response)
{
    if (!response.status.isOk()) {
        return QStringLiteral("CIM error %1 (%2)").arg(response.status.codeName()).arg(response.status.code());
    }
    const Parts parts = partsOf(response);
    QStringList said;
    const bool bothObjectKinds = parts.instances && parts.classes;
    if (parts.instances && (!bothObjectKinds || !response.instances.isEmpty() || response.classes.isEmpty()))
        said.append(counted(response.instances.size(), QStringLiteral("instance"), QStringLiteral("instances")));
    if (parts.classes && (!bothObjectKinds || !response.classes.isEmpty()))
        said.append(counted(response.classes.size(), QStringLiteral("class"), QStringLiteral("classes")));
    const bool bothNameKinds = parts.instanceNames && parts.classNames;
    if (parts.instanceNames && (!bothNameKinds || !response.instanceNames.isEmpty() || response.classNames.isEmpty())) {
        said.append(
            counted(response.instanceNames.size(), QStringLiteral("instance name"), QStringLiteral("instance names")));
    }
    if (parts.classNames && (!bothNameKinds || !response.classNames.isEmpty()))
        said.append(counted(response.classNames.size(), QStringLiteral("class name"), QStringLiteral("class names")));
    if (parts.qualifierDeclarations) {
        said.append(counted(response.qualifierDeclarations.size(), QStringLiteral("qualifier declaration"),
            QStringLiteral("qualifier declarations")));
    }
    if (parts.returnValue && parts.outParameters) {
        said.append(QStringLiteral("return value and ")
            + counted(response.outParameters.size(), QStringLiteral("output parameter"),
                QStringLiteral("output parameters")));
    } else if (parts.returnValue) {
        said.append(cimReturnShape(response.operation) == CimReturnShape::Count ? QStringLiteral("a count")
                                                                                : QStringLiteral("a value"));
    } else if (parts.outParameters) {
        said.append(counted(
            response.outParameters.size(), QStringLiteral("output parameter"), QStringLiteral("output parameters")));
    }
    if (parts.enumeration)
        said.append(response.endOfSequence ? QStringLiteral("end of sequence") : QStringLiteral("more to pull"));
    if (said.isEmpty())
        return QStringLiteral("success, nothing returned");
    return said.join(QStringLiteral(", "));
}

void CimMessageFormatter::writeText(const CimOperationResponse &response, QTextStream &out)
{
    out << headerLine(
        operationTitle(response.operation, response.methodName), QStringLiteral("response"), response.messageId)
        << QStringLiteral(": ") << summary(response) << '\n';

    if (!response.status.isOk()) {
        out << QStringLiteral("\nCIM error: ") << response.status.toString() << '\n';
        for (const CimInstance &instance : response.status.errorInstances())
            writeInstance(out, instance);
        return;
    }

    const Parts parts = partsOf(response);
    if (parts.instances) {
        for (const CimInstance &instance : response.instances)
            writeInstance(out, instance);
    }
    if (parts.instanceNames && !response.instanceNames.isEmpty()) {
        out << '\n';
        for (const CimInstanceName &name : response.instanceNames)
            out << name.toWbemUri() << '\n';
    }
    if (parts.classes) {
        for (const CimClass &cls : response.classes)
            out << '\n' << mofBlock(cls.toMof()) << QStringLiteral(";\n");
    }
    if (parts.classNames && !response.classNames.isEmpty()) {
        out << '\n';
        for (const CimClassName &name : response.classNames)
            out << classPathText(name) << '\n';
    }
    if (parts.qualifierDeclarations) {
        for (const CimQualifierDeclaration &declaration : response.qualifierDeclarations)
            out << '\n' << mofBlock(declaration.toMof()) << QStringLiteral(";\n");
    }
    if (parts.returnValue || parts.outParameters || parts.enumeration)
        out << '\n';
    if (parts.returnValue)
        out << typedLine(returnValueName(response.operation), response.returnValue) << '\n';
    if (parts.outParameters) {
        for (const CimParamValue &parameter : response.outParameters)
            out << typedLine(parameter.name(), parameter.value()) << '\n';
    }
    if (parts.enumeration) {
        out << QStringLiteral("EnumerationContext = ")
            << (response.enumerationContext.isEmpty() ? QStringLiteral("NULL")
                                                      : CimValue::string(response.enumerationContext).toMof())
            << QStringLiteral(";\nEndOfSequence = ")
            << (response.endOfSequence ? QStringLiteral("TRUE") : QStringLiteral("FALSE")) << QStringLiteral(";\n");
    }
}

void CimMessageFormatter::writeText(const CimOperationRequest &request, QTextStream &out)
{
    out << headerLine(
        operationTitle(request.operation, request.methodName), QStringLiteral("request"), request.messageId)
        << '\n';
    if (request.operation == CimOperation::InvokeMethod) {
        const QString target = request.targetInstance.isValid() ? request.targetInstance.toWbemUri()
                                                                : classPathText(request.targetClass);
        out << QStringLiteral("// Target: ") << target << '\n';
        out << QStringLiteral("// Method: ") << request.methodName << '\n';
        if (!request.parameters.isEmpty())
            out << '\n';
        for (const CimParamValue &parameter : request.parameters)
            out << typedLine(parameter.name(), parameter.value()) << '\n';
        return;
    }
    if (!request.nameSpace.isEmpty())
        out << QStringLiteral("// Namespace: ") << request.nameSpace << '\n';
    if (!request.arguments.isEmpty())
        out << '\n';
    for (const CimArgument &argument : request.arguments)
        writeArgument(out, argument);
}

QString CimMessageFormatter::toText(const CimOperationResponse &response)
{
    QString text;
    QTextStream out(&text);
    writeText(response, out);
    out.flush();
    return text;
}

QString CimMessageFormatter::toText(const CimOperationRequest &request)
{
    QString text;
    QTextStream out(&text);
    writeText(request, out);
    out.flush();
    return text;
}

QJsonObject CimMessageFormatter::toJson(const CimOperationResponse &response)
{
    QJsonObject result;
    result.insert(QStringLiteral("kind"), QStringLiteral("response"));
    result.insert(QStringLiteral("operation"), cimOperationName(response.operation));
    result.insert(QStringLiteral("messageId"), response.messageId);
    if (response.operation == CimOperation::InvokeMethod)
        result.insert(QStringLiteral("method"), response.methodName);
    result.insert(QStringLiteral("status"), CimJson::status(response.status));
    result.insert(QStringLiteral("summary"), summary(response));

    const Parts parts = partsOf(response);
    if (parts.instances) {
        QJsonArray instances;
        for (const CimInstance &instance : response.instances)
            instances.append(CimJson::instance(instance));
        result.insert(QStringLiteral("instances"), instances);
    }
    if (parts.instanceNames) {
        QJsonArray names;
        for (const CimInstanceName &name : response.instanceNames)
            names.append(CimJson::instanceName(name));
        result.insert(QStringLiteral("instanceNames"), names);
    }
    if (parts.classes) {
        QJsonArray classes;
        for (const CimClass &cls : response.classes)
            classes.append(CimJson::cimClass(cls));
        result.insert(QStringLiteral("classes"), classes);
    }
    if (parts.classNames) {
        QJsonArray names;
        for (const CimClassName &name : response.classNames)
            names.append(CimJson::classPath(name));
        result.insert(QStringLiteral("classNames"), names);
    }
    if (parts.qualifierDeclarations) {
        QJsonArray declarations;
        for (const CimQualifierDeclaration &declaration : response.qualifierDeclarations)
            declarations.append(CimJson::qualifierDeclaration(declaration));
        result.insert(QStringLiteral("qualifierDeclarations"), declarations);
    }
    if (parts.returnValue)
        result.insert(QStringLiteral("returnValue"), CimJson::value(response.returnValue));
    if (parts.outParameters)
        result.insert(QStringLiteral("outParameters"), CimJson::paramValues(response.outParameters));
    if (parts.enumeration) {
        result.insert(QStringLiteral("enumerationContext"),
            response.enumerationContext.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                  : QJsonValue(response.enumerationContext));
        result.insert(QStringLiteral("endOfSequence"), response.endOfSequence);
    }
    return result;
}

QJsonObject CimMessageFormatter::toJson(const CimOperationRequest &request)
{
    QJsonObject result;
    result.insert(QStringLiteral("kind"), QStringLiteral("request"));
    result.insert(QStringLiteral("operation"), cimOperationName(request.operation));
    result.insert(QStringLiteral("messageId"), request.messageId);
    if (request.operation == CimOperation::InvokeMethod) {
        result.insert(QStringLiteral("method"), request.methodName);
        result.insert(QStringLiteral("target"),
            request.targetInstance.isValid() ? CimJson::instanceName(request.targetInstance)
                                             : CimJson::classPath(request.targetClass));
        result.insert(QStringLiteral("parameters"), CimJson::paramValues(request.parameters));
        return result;
    }
    if (isIntrinsicOperation(request.operation))
        result.insert(QStringLiteral("namespace"), request.nameSpace);
    QJsonObject arguments;
    for (const CimArgument &argument : request.arguments)
        arguments.insert(argument.name(), argumentJson(argument));
    result.insert(QStringLiteral("arguments"), arguments);
    return result;
}

} // namespace cimdiag
