// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimOperationHandler.h"

#include "core/cim/CimValueMapping.h"
#include "core/sim/SimDefaultModel.h"
#include "core/sim/SimRepository.h"
#include "core/sim/SimWqlQuery.h"

#include <QSet>

#include <algorithm>
#include <limits>

namespace cimdiag {

namespace {

using Code = CimStatusCode;

/// Thrown by the operation code below and turned into the response's status by handle(): every check
/// can fail from deep inside a helper, the way a provider raises a CIMException.
struct Failure
{
    CimStatus status;
};

[[noreturn]] void fail(Code code, const QString &description)
{
    throw Failure {CimStatus(static_cast<int>(code), description)};
}

/// The class a request is about, for class-scoped operation failures: the ClassName parameter, or
/// the class of InstanceName, ObjectName, ModifiedInstance, NewInstance or the InvokeMethod target;
/// empty when it names none (EnumerateClasses without ClassName, queries, Pull*).
QString requestClassName(const CimOperationRequest &request)
{
    if (request.operation == CimOperation::InvokeMethod)
        return request.targetInstance.isValid() ? request.targetInstance.className() : request.targetClass.className();
    for (const QStringView name : {u"ClassName", u"InstanceName", u"ObjectName", u"ModifiedInstance", u"NewInstance"}) {
        const CimArgument *argument = request.arguments.find(name);
        if (!argument)
            continue;
        if (const auto *cls = argument->get<CimClassName>())
            return cls->className();
        if (const auto *path = argument->get<CimInstanceName>())
            return path->className();
        if (const auto *instance = argument->get<CimInstance>())
            return instance->className();
        if (const auto *value = argument->get<CimValue>();
            value && value->type() == CimType::String && !value->isArray())
            return value->toString(); // an untyped CLASSNAME from a lenient decoder
    }
    return {};
}

QString quoted(const QString &text)
{
    return u'"' + text + u'"';
}

/// The intrinsic parameters of one request, checked against the names DSP0200 defines for the
/// operation: an unrecognised one is CIM_ERR_INVALID_PARAMETER, as OpenPegasus answers.
class Arguments final
{
public:
    Arguments(const CimOperationRequest &request, const QList<QStringView> &allowed)
        : m_arguments(request.arguments)
    {
        for (const CimArgument &argument : m_arguments) {
            const bool known = std::any_of(allowed.cbegin(), allowed.cend(),
                [&argument](QStringView name) { return cimNamesEqual(argument.name(), name); });
            if (!known)
                fail(Code::InvalidParameter,
                    QStringLiteral("%1 has no parameter %2").arg(cimOperationName(request.operation), argument.name()));
        }
    }

    /// The argument when present and not NULL.
    const CimArgument *find(QStringView name) const
    {
        const CimArgument *argument = m_arguments.find(name);
        if (!argument || argument->isNull())
            return nullptr;
        if (const auto *value = argument->get<CimValue>(); value && value->isNull())
            return nullptr;
        return argument;
    }

    bool boolean(QStringView name, bool defaultValue) const
    {
        const CimArgument *argument = find(name);
        if (!argument)
            return defaultValue;
        if (const auto *value = argument->get<CimValue>(); value && !value->isArray()) {
            if (value->type() == CimType::Boolean)
                return value->toBool();
            // Untyped VALUEs of IPARAMVALUE arrive as strings from lenient decoders.
            if (value->type() == CimType::String) {
                const QString text = value->toString().trimmed();
                if (text.compare(u"true", Qt::CaseInsensitive) == 0)
                    return true;
                if (text.compare(u"false", Qt::CaseInsensitive) == 0)
                    return false;
            }
        }
        fail(Code::InvalidParameter, QStringLiteral("%1 must be a boolean").arg(name));
    }

    std::optional<quint32> uint32(QStringView name) const
    {
        const CimArgument *argument = find(name);
        if (!argument)
            return std::nullopt;
        if (const auto *value = argument->get<CimValue>(); value && !value->isArray()) {
            if (isIntegerType(value->type())) {
                const bool negative = isSignedIntegerType(value->type()) && value->toSigned() < 0;
                if (!negative && value->toUnsigned() <= std::numeric_limits<quint32>::max())
                    return static_cast<quint32>(value->toUnsigned());
            } else if (value->type() == CimType::String) {
                if (auto parsed = CimValue::fromCimXmlText(CimType::UInt32, value->toString()))
                    return static_cast<quint32>(parsed->toUnsigned());
            }
        }
        fail(Code::InvalidParameter, QStringLiteral("%1 must be a uint32").arg(name));
    }

    QString string(QStringView name, bool required = false) const
    {
        const CimArgument *argument = find(name);
        if (!argument) {
            if (required)
                fail(Code::InvalidParameter, QStringLiteral("%1 is required").arg(name));
            return {};
        }
        if (const auto *value = argument->get<CimValue>();
            value && !value->isArray() && (value->type() == CimType::String || value->type() == CimType::Char16))
            return value->toString();
        fail(Code::InvalidParameter, QStringLiteral("%1 must be a string").arg(name));
    }

    QString className(QStringView name, bool required = false) const
    {
        const CimArgument *argument = find(name);
        if (!argument) {
            if (required)
                fail(Code::InvalidParameter, QStringLiteral("%1 is required").arg(name));
            return {};
        }
        if (const auto *cls = argument->get<CimClassName>(); cls && !cls->className().isEmpty())
            return cls->className();
        if (const auto *value = argument->get<CimValue>();
            value && value->type() == CimType::String && !value->isArray())
            return value->toString();
        fail(Code::InvalidParameter, QStringLiteral("%1 must be a class name").arg(name));
    }

    CimInstanceName instanceName(QStringView name) const
    {
        const CimArgument *argument = find(name);
        if (!argument)
            fail(Code::InvalidParameter, QStringLiteral("%1 is required").arg(name));
        if (const auto *path = argument->get<CimInstanceName>(); path && path->isValid())
            return *path;
        if (const auto *value = argument->get<CimValue>();
            value && value->type() == CimType::Reference && !value->isArray())
            return value->toReference();
        fail(Code::InvalidParameter, QStringLiteral("%1 must be an instance name").arg(name));
    }

    /// nullopt: no PropertyList (every property); an empty list: none.
    std::optional<QStringList> propertyList() const
    {
        const CimArgument *argument = find(u"PropertyList");
        if (!argument)
            return std::nullopt;
        const auto *value = argument->get<CimValue>();
        if (!value || value->type() != CimType::String)
            fail(Code::InvalidParameter, QStringLiteral("PropertyList must be an array of strings"));
        QStringList names;
        if (!value->isArray()) {
            names.append(value->toString());
            return names;
        }
        for (qsizetype i = 0; i < value->size(); ++i) {
            if (!value->at(i).isNull())
                names.append(value->at(i).toString());
        }
        return names;
    }

    template<typename T> const T *object(QStringView name) const
    {
        const CimArgument *argument = find(name);
        return argument ? argument->get<T>() : nullptr;
    }

private:
    const CimArgumentList &m_arguments;
};

struct Env
{
    SimRepository &repo;
    const QString &host;
    QDateTime now;
    quint64 *nextJob;
};

CimOperationResponse okResponse(const CimOperationRequest &request)
{
    CimOperationResponse response;
    response.operation = request.operation;
    response.messageId = request.messageId;
    if (request.operation == CimOperation::InvokeMethod)
        response.methodName = request.methodName;
    return response;
}

QString requireNamespace(const SimRepository &repo, const QString &nameSpace)
{
    const QString found = repo.findNamespace(nameSpace);
    if (nameSpace.isEmpty() || found.isEmpty())
        fail(Code::InvalidNamespace, QStringLiteral("namespace %1 does not exist").arg(quoted(nameSpace)));
    return found;
}

/// The declared spelling of className; CIM_ERR_INVALID_CLASS (or the given code) when unknown.
QString requireClass(
    const SimRepository &repo, const QString &ns, const QString &className, Code code = Code::InvalidClass)
{
    const CimClass *cls = className.isEmpty() ? nullptr : repo.findClass(ns, className);
    if (!cls)
        fail(code, QStringLiteral("class %1 does not exist in namespace %2").arg(quoted(className), quoted(ns)));
    return cls->className();
}

CimInstanceName fullPath(const CimInstanceName &local, const QString &ns, const QString &host)
{
    CimInstanceName path = local;
    path.setNameSpace(ns);
    path.setHost(host);
    return path;
}

const CimInstance &requireInstance(const SimRepository &repo, const QString &ns, const CimInstanceName &name)
{
    requireClass(repo, ns, name.className());
    const CimInstance *instance = repo.findInstance(ns, name);
    if (!instance)
        fail(Code::NotFound, QStringLiteral("instance %1 does not exist").arg(name.toWbemUri()));
    return *instance;
}

QSet<QString> lowerSet(const QStringList &names)
{
    QSet<QString> out;
    for (const QString &name : names)
        out.insert(name.toLower());
    return out;
}

bool isTrue(const CimQualifierList &qualifiers, QStringView name, bool defaultValue = false)
{
    const CimQualifier *q = qualifiers.find(name);
    if (!q || q->value().type() != CimType::Boolean || q->value().isNull() || q->value().isArray())
        return defaultValue;
    return q->value().toBool();
}

// --- presenting instances and classes -------------------------------------------------------------

/// What an instance reply keeps of each stored instance: PropertyList, the properties of the class
/// asked for (DeepInheritance false), CLASSORIGIN on request.
class InstancePresenter final
{
public:
    InstancePresenter(const SimRepository &repo, const QString &ns, const std::optional<QStringList> &propertyList,
        bool includeClassOrigin, const QString &onlyPropertiesOf = {})
        : m_repo(repo)
        , m_ns(ns)
        , m_includeClassOrigin(includeClassOrigin)
    {
        if (propertyList)
            m_propertyList = lowerSet(*propertyList);
        if (!onlyPropertiesOf.isEmpty()) {
            QStringList names;
            if (const auto cls = repo.resolvedClass(ns, onlyPropertiesOf)) {
                for (const CimProperty &p : cls->properties())
                    names.append(p.name());
            }
            m_classProperties = lowerSet(names);
        }
    }

    CimInstance present(const CimInstance &stored, const CimInstanceName &path)
    {
        if (!m_propertyList && !m_classProperties && !m_includeClassOrigin) {
            CimInstance out = stored;
            out.setPath(path);
            return out;
        }
        const CimClass *cls = m_includeClassOrigin ? resolved(stored.className()) : nullptr;
        CimInstance out(stored.className());
        out.setPath(path);
        for (const CimProperty &property : stored.properties()) {
            const QString key = property.name().toLower();
            if (m_propertyList && !m_propertyList->contains(key))
                continue;
            if (m_classProperties && !m_classProperties->contains(key))
                continue;
            CimProperty copy(property.name(), property.value());
            if (cls) {
                if (const CimProperty *declared = cls->properties().find(property.name()))
                    copy.setClassOrigin(declared->classOrigin());
            }
            out.properties().insert(copy);
        }
        return out;
    }

private:
    const CimClass *resolved(const QString &className)
    {
        const QString key = className.toLower();
        auto it = m_classes.find(key);
        if (it == m_classes.end())
            it = m_classes.insert(key, m_repo.resolvedClass(m_ns, className).value_or(CimClass()));
        return &*it;
    }

    const SimRepository &m_repo;
    QString m_ns;
    std::optional<QSet<QString>> m_propertyList;
    std::optional<QSet<QString>> m_classProperties;
    bool m_includeClassOrigin;
    QHash<QString, CimClass> m_classes;
};

CimQualifierList presentQualifiers(const CimQualifierList &qualifiers, bool localOnly)
{
    CimQualifierList out;
    for (const CimQualifier &q : qualifiers) {
        if (!localOnly || !q.isPropagated())
            out.insert(q);
    }
    return out;
}

/// DSP0200 GetClass/EnumerateClasses flags applied to a resolved class.
CimClass presentClass(const CimClass &cls, bool localOnly, bool includeQualifiers, bool includeClassOrigin,
    const std::optional<QStringList> &propertyList)
{
    const std::optional<QSet<QString>> wanted = propertyList ? std::optional(lowerSet(*propertyList)) : std::nullopt;
    CimClass out(cls.className(), cls.superClass());
    if (includeQualifiers)
        out.qualifiers() = presentQualifiers(cls.qualifiers(), localOnly);
    for (const CimProperty &property : cls.properties()) {
        if (localOnly && property.isPropagated())
            continue;
        if (wanted && !wanted->contains(property.name().toLower()))
            continue;
        CimProperty copy = property;
        copy.qualifiers() = includeQualifiers ? presentQualifiers(property.qualifiers(), false) : CimQualifierList();
        if (!includeClassOrigin)
            copy.setClassOrigin({});
        out.properties().insert(copy);
    }
    for (const CimMethod &method : cls.methods()) {
        if (localOnly && method.isPropagated())
            continue;
        CimMethod copy = method;
        if (!includeQualifiers) {
            copy.qualifiers() = CimQualifierList();
            CimNamedList<CimParameter> parameters;
            for (CimParameter parameter : method.parameters()) {
                parameter.qualifiers() = CimQualifierList();
                parameters.insert(parameter);
            }
            copy.parameters() = parameters;
        }
        if (!includeClassOrigin)
            copy.setClassOrigin({});
        out.methods().insert(copy);
    }
    return out;
}

// --- classes --------------------------------------------------------------------------------------

CimOperationResponse getClass(Env &env, const CimOperationRequest &request, const QString &ns)
{
    const Arguments args(
        request, {u"ClassName", u"LocalOnly", u"IncludeQualifiers", u"IncludeClassOrigin", u"PropertyList"});
    // DSP0200: GetClass of a class that does not exist is CIM_ERR_NOT_FOUND, not INVALID_CLASS.
    const QString name = requireClass(env.repo, ns, args.className(u"ClassName", true), Code::NotFound);
    CimOperationResponse response = okResponse(request);
    response.classes.append(presentClass(*env.repo.resolvedClass(ns, name), args.boolean(u"LocalOnly", true),
        args.boolean(u"IncludeQualifiers", true), args.boolean(u"IncludeClassOrigin", false), args.propertyList()));
    return response;
}

CimOperationResponse enumerateClasses(Env &env, const CimOperationRequest &request, const QString &ns)
{
    const bool names = request.operation == CimOperation::EnumerateClassNames;
    const Arguments args = names
        ? Arguments(request, {u"ClassName", u"DeepInheritance"})
        : Arguments(
            request, {u"ClassName", u"DeepInheritance", u"LocalOnly", u"IncludeQualifiers", u"IncludeClassOrigin"});
    QString className = args.className(u"ClassName");
    if (!className.isEmpty())
        className = requireClass(env.repo, ns, className);
    const QStringList classes = env.repo.subclassNames(ns, className, args.boolean(u"DeepInheritance", false));
    CimOperationResponse response = okResponse(request);
    for (const QString &name : classes) {
        if (names) {
            response.classNames.append(CimClassName(name));
        } else {
            response.classes.append(presentClass(*env.repo.resolvedClass(ns, name), args.boolean(u"LocalOnly", true),
                args.boolean(u"IncludeQualifiers", true), args.boolean(u"IncludeClassOrigin", false), std::nullopt));
        }
    }
    return response;
}

/// The declaration a client sent, as the repository stores it: local elements only, every qualifier
/// declared in the namespace.
CimClass checkedDeclaration(const SimRepository &repo, const QString &ns, const CimClass &sent)
{
    const auto checkQualifiers = [&](const CimQualifierList &qualifiers, const QString &where) {
        for (const CimQualifier &q : qualifiers) {
            if (!repo.findQualifierDeclaration(ns, q.name()))
                fail(Code::InvalidParameter,
                    QStringLiteral("qualifier %1 on %2 is not declared in namespace %3").arg(q.name(), where, ns));
        }
    };
    CimClass out(sent.className(), sent.superClass());
    out.qualifiers() = presentQualifiers(sent.qualifiers(), true);
    checkQualifiers(out.qualifiers(), sent.className());
    for (const CimProperty &property : sent.properties()) {
        if (property.isPropagated())
            continue;
        CimProperty copy = property;
        copy.setClassOrigin({});
        copy.qualifiers() = presentQualifiers(property.qualifiers(), true);
        checkQualifiers(copy.qualifiers(), sent.className() + u'.' + property.name());
        out.properties().insert(copy);
    }
    for (const CimMethod &method : sent.methods()) {
        if (method.isPropagated())
            continue;
        CimMethod copy = method;
        copy.setClassOrigin({});
        copy.qualifiers() = presentQualifiers(method.qualifiers(), true);
        checkQualifiers(copy.qualifiers(), sent.className() + u'.' + method.name() + u"()");
        for (const CimParameter &parameter : method.parameters())
            checkQualifiers(parameter.qualifiers(), sent.className() + u'.' + method.name() + u'.' + parameter.name());
        out.methods().insert(copy);
    }
    return out;
}

CimOperationResponse createClass(Env &env, const CimOperationRequest &request, const QString &ns)
{
    const Arguments args(request, {u"NewClass"});
    const CimClass *sent = args.object<CimClass>(u"NewClass");
    if (!sent || sent->className().isEmpty())
        fail(Code::InvalidParameter, QStringLiteral("NewClass is required"));
    if (env.repo.hasClass(ns, sent->className()))
        fail(Code::AlreadyExists, QStringLiteral("class %1 already exists").arg(quoted(sent->className())));
    if (!sent->superClass().isEmpty() && !env.repo.hasClass(ns, sent->superClass()))
        fail(Code::InvalidSuperclass, QStringLiteral("superclass %1 does not exist").arg(quoted(sent->superClass())));
    env.repo.setClass(ns, checkedDeclaration(env.repo, ns, *sent));
    return okResponse(request);
}

CimOperationResponse modifyClass(Env &env, const CimOperationRequest &request, const QString &ns)
{
    const Arguments args(request, {u"ModifiedClass"});
    const CimClass *sent = args.object<CimClass>(u"ModifiedClass");
    if (!sent || sent->className().isEmpty())
        fail(Code::InvalidParameter, QStringLiteral("ModifiedClass is required"));
    const QString name = requireClass(env.repo, ns, sent->className(), Code::NotFound);
    const CimClass *existing = env.repo.findClass(ns, name);
    if (!cimNamesEqual(existing->superClass(), sent->superClass()))
        fail(Code::InvalidSuperclass, QStringLiteral("ModifyClass cannot change the superclass of %1").arg(name));
    if (!env.repo.subclassNames(ns, name, false).isEmpty())
        fail(Code::ClassHasChildren, QStringLiteral("class %1 has subclasses").arg(name));
    if (env.repo.instanceCount(ns, name, true) > 0)
        fail(Code::ClassHasInstances, QStringLiteral("class %1 has instances").arg(name));
    CimClass declaration = checkedDeclaration(env.repo, ns, *sent);
    declaration.setClassName(name);
    env.repo.setClass(ns, declaration);
    return okResponse(request);
}

CimOperationResponse deleteClass(Env &env, const CimOperationRequest &request, const QString &ns)
{
    const Arguments args(request, {u"ClassName"});
    const QString name = requireClass(env.repo, ns, args.className(u"ClassName", true), Code::NotFound);
    if (!env.repo.subclassNames(ns, name, false).isEmpty())
        fail(Code::ClassHasChildren, QStringLiteral("class %1 has subclasses").arg(name));
    if (env.repo.instanceCount(ns, name, false) > 0)
        fail(Code::ClassHasInstances, QStringLiteral("class %1 has instances").arg(name));
    env.repo.removeClass(ns, name);
    return okResponse(request);
}

// --- instances ------------------------------------------------------------------------------------

CimOperationResponse getInstance(Env &env, const CimOperationRequest &request, const QString &ns)
{
    // LocalOnly is deprecated and servers treat it as false (DSP0200 5.3.2.2); IncludeQualifiers too.
    const Arguments args(
        request, {u"InstanceName", u"LocalOnly", u"IncludeQualifiers", u"IncludeClassOrigin", u"PropertyList"});
    args.boolean(u"LocalOnly", false);
    args.boolean(u"IncludeQualifiers", false);
    const CimInstance &stored = requireInstance(env.repo, ns, args.instanceName(u"InstanceName"));
    InstancePresenter presenter(env.repo, ns, args.propertyList(), args.boolean(u"IncludeClassOrigin", false));
    CimOperationResponse response = okResponse(request);
    // The reply is a bare INSTANCE: the client already has the path.
    response.instances.append(presenter.present(stored, CimInstanceName()));
    return response;
}

CimOperationResponse enumerateInstances(Env &env, const CimOperationRequest &request, const QString &ns)
{
    const bool names = request.operation == CimOperation::EnumerateInstanceNames;
    const Arguments args = names ? Arguments(request, {u"ClassName"})
                                 : Arguments(request,
                                     {u"ClassName", u"LocalOnly", u"DeepInheritance", u"IncludeQualifiers",
                                         u"IncludeClassOrigin", u"PropertyList"});
    const QString className = requireClass(env.repo, ns, args.className(u"ClassName", true));
    CimOperationResponse response = okResponse(request);
    if (names) {
        response.instanceNames = env.repo.instanceNames(ns, className, true);
        return response;
    }
    args.boolean(u"LocalOnly", false);
    args.boolean(u"IncludeQualifiers", false);
    // Subclass instances are returned either way; DeepInheritance false trims them to the properties
    // of the class asked for (DSP0200 5.3.2.11).
    const bool deep = args.boolean(u"DeepInheritance", true);
    InstancePresenter presenter(
        env.repo, ns, args.propertyList(), args.boolean(u"IncludeClassOrigin", false), deep ? QString() : className);
    const QList<CimInstance> stored = env.repo.instances(ns, className, true);
    response.instances.reserve(stored.size());
    for (const CimInstance &instance : stored)
        response.instances.append(presenter.present(instance, instance.path()));
    return response;
}

/// Type-checks and completes a client's instance against its class; unknown properties and values
/// that do not fit are CIM_ERR_INVALID_PARAMETER (what pywbem's mock server and OpenPegasus answer).
CimInstance checkedInstance(const SimRepository &repo, const QString &ns, const CimInstance &sent)
{
    const auto cls = repo.resolvedClass(ns, sent.className());
    CimInstance out(cls->className());
    for (const CimProperty &property : sent.properties()) {
        const CimProperty *declared = cls->properties().find(property.name());
        if (!declared)
            fail(Code::InvalidParameter,
                QStringLiteral("class %1 has no property %2").arg(cls->className(), property.name()));
        QString error;
        const auto value = SimRepository::coerceValue(
            property.value(), declared->type(), declared->isArray(), declared->embeddedKind(), &error);
        if (!value)
            fail(Code::InvalidParameter, QStringLiteral("property %1: %2").arg(declared->name(), error));
        out.setProperty(CimProperty(declared->name(), *value));
    }
    return repo.completedInstance(ns, out);
}

void checkRequiredProperties(const SimRepository &repo, const QString &ns, const CimInstance &instance)
{
    const auto cls = repo.resolvedClass(ns, instance.className());
    for (const CimProperty &declared : cls->properties()) {
        if (!isTrue(declared.qualifiers(), u"Required"))
            continue;
        const CimValue value = instance.value(declared.name());
        if (value.type() == CimType::Invalid || value.isNull())
            fail(Code::InvalidParameter, QStringLiteral("property %1 is required").arg(declared.name()));
    }
}

/// What the providers of the interop classes do on CreateInstance (OpenPegasus, SFCB): fill the
/// scoping keys, validate filters, stamp subscriptions, and refuse subscriptions to nothing.
void applyCreateRules(Env &env, const QString &ns, CimInstance &instance)
{
    const QStringList keys = env.repo.keyPropertyNames(ns, instance.className());
    const auto fillKey = [&](QStringView name, const QString &value) {
        const bool isKey
            = std::any_of(keys.cbegin(), keys.cend(), [name](const QString &k) { return cimNamesEqual(k, name); });
        if (isKey && instance.value(name).isNull())
            instance.setProperty(CimProperty(name.toString(), CimValue::string(value)));
    };
    fillKey(u"CreationClassName", instance.className());
    fillKey(u"SystemCreationClassName", SimDefaultModel::systemCreationClassName());
    fillKey(u"SystemName", SimDefaultModel::systemName());

    if (env.repo.isA(ns, instance.className(), u"CIM_IndicationFilter")) {
        const QString language
            = instance.value(u"QueryLanguage").isNull() ? QString() : instance.value(u"QueryLanguage").toString();
        const QString query = instance.value(u"Query").isNull() ? QString() : instance.value(u"Query").toString();
        if (language.compare(u"WQL", Qt::CaseInsensitive) == 0) {
            QString error;
            if (!query.isEmpty() && !SimWqlQuery::parse(query, &error))
                fail(Code::InvalidQuery, QStringLiteral("Query: %1").arg(error));
        } else if (!language.isEmpty() && language.compare(u"DMTF:CQL", Qt::CaseInsensitive) != 0
            && language.compare(u"CQL", Qt::CaseInsensitive) != 0) {
            fail(Code::QueryLanguageNotSupported,
                QStringLiteral("query language %1 is not supported").arg(quoted(language)));
        }
    }
    if (env.repo.isA(ns, instance.className(), u"CIM_IndicationSubscription")) {
        const CimValue stamp = CimValue::dateTime(CimDateTime::fromDateTime(env.now));
        if (instance.value(u"SubscriptionStartTime").isNull())
            instance.setProperty(CimProperty(QStringLiteral("SubscriptionStartTime"), stamp));
        if (instance.value(u"TimeOfLastStateChange").isNull())
            instance.setProperty(CimProperty(QStringLiteral("TimeOfLastStateChange"), stamp));
    }
    // An association instance must join instances that exist (in this namespace; others are taken on
    // trust, as servers do for cross-namespace references).
    if (env.repo.isAssociation(ns, instance.className())) {
        for (const CimProperty &property : instance.properties()) {
            if (property.type() != CimType::Reference || property.isArray() || property.value().isNull())
                continue;
            const CimInstanceName target = property.value().toReference();
            if (!target.nameSpace().isEmpty() && !cimNamesEqual(target.nameSpace(), ns))
                continue;
            if (!env.repo.findInstance(ns, target))
                fail(Code::InvalidParameter,
                    QStringLiteral("%1 refers to %2, which does not exist").arg(property.name(), target.toWbemUri()));
        }
    }
}

CimOperationResponse createInstance(Env &env, const CimOperationRequest &request, const QString &ns)
{
    const Arguments args(request, {u"NewInstance"});
    const CimInstance *sent = args.object<CimInstance>(u"NewInstance");
    if (!sent || sent->className().isEmpty())
        fail(Code::InvalidParameter, QStringLiteral("NewInstance is required"));
    requireClass(env.repo, ns, sent->className());
    CimInstance instance = checkedInstance(env.repo, ns, *sent);
    applyCreateRules(env, ns, instance);
    const CimInstanceName path = env.repo.pathOf(ns, instance);
    if (!path.isValid()) {
        const QStringList keys = env.repo.keyPropertyNames(ns, instance.className());
        fail(Code::InvalidParameter,
            keys.isEmpty() ? QStringLiteral("class %1 has no key properties").arg(instance.className())
                           : QStringLiteral("NewInstance lacks a value for a key property (%1)")
                                 .arg(keys.join(QStringLiteral(", "))));
    }
    if (env.repo.findInstance(ns, path))
        fail(Code::AlreadyExists, QStringLiteral("instance %1 already exists").arg(path.toWbemUri()));
    checkRequiredProperties(env.repo, ns, instance);
    CimOperationResponse response = okResponse(request);
    response.instanceNames.append(env.repo.setInstance(ns, instance));
    return response;
}

CimOperationResponse modifyInstance(Env &env, const CimOperationRequest &request, const QString &ns)
{
    const Arguments args(request, {u"ModifiedInstance", u"IncludeQualifiers", u"PropertyList"});
    args.boolean(u"IncludeQualifiers", true);
    const CimInstance *sent = args.object<CimInstance>(u"ModifiedInstance");
    if (!sent || !sent->path().isValid())
        fail(Code::InvalidParameter, QStringLiteral("ModifiedInstance is required, with its instance name"));
    CimInstance stored = requireInstance(env.repo, ns, sent->path());
    const auto cls = env.repo.resolvedClass(ns, stored.className());
    const QStringList keys = env.repo.keyPropertyNames(ns, stored.className());
    const auto isKey = [&keys](const QString &name) {
        return std::any_of(keys.cbegin(), keys.cend(), [&name](const QString &k) { return cimNamesEqual(k, name); });
    };

    // Without PropertyList every property the client sent is modified; with it, exactly those listed,
    // and a listed property the client left out goes back to its class default (DSP0200 5.3.2.8).
    QStringList targets;
    if (const auto list = args.propertyList()) {
        for (const QString &name : *list) {
            if (!cls->properties().contains(name))
                fail(Code::InvalidParameter,
                    QStringLiteral("PropertyList names %1, which class %2 does not have").arg(name, cls->className()));
            targets.append(name);
        }
    } else {
        for (const CimProperty &property : sent->properties())
            targets.append(property.name());
    }
    for (const QString &name : targets) {
        const CimProperty *declared = cls->properties().find(name);
        if (!declared)
            fail(Code::InvalidParameter, QStringLiteral("class %1 has no property %2").arg(cls->className(), name));
        const CimProperty *given = sent->property(name);
        QString error;
        const auto value = given ? SimRepository::coerceValue(
                               given->value(), declared->type(), declared->isArray(), declared->embeddedKind(), &error)
                                 : std::optional<CimValue>(declared->value());
        if (!value)
            fail(Code::InvalidParameter, QStringLiteral("property %1: %2").arg(declared->name(), error));
        if (isKey(declared->name())) {
            if (!(stored.value(declared->name()) == *value))
                fail(
                    Code::InvalidParameter, QStringLiteral("key property %1 cannot be modified").arg(declared->name()));
            continue;
        }
        stored.setProperty(CimProperty(declared->name(), *value));
    }
    env.repo.setInstance(ns, stored);
    return okResponse(request);
}

CimOperationResponse deleteInstance(Env &env, const CimOperationRequest &request, const QString &ns)
{
    const Arguments args(request, {u"InstanceName"});
    const CimInstanceName name = args.instanceName(u"InstanceName");
    const CimInstance &stored = requireInstance(env.repo, ns, name);
    // OpenPegasus refuses to delete a filter or handler a subscription still uses.
    if (env.repo.isA(ns, stored.className(), u"CIM_IndicationFilter")
        || env.repo.isA(ns, stored.className(), u"CIM_ListenerDestination")) {
        const CimInstanceName local = stored.path();
        if (env.repo.hasClass(ns, u"CIM_IndicationSubscription")) {
            for (const CimInstance &subscription : env.repo.instances(ns, u"CIM_IndicationSubscription")) {
                for (QStringView role : {QStringView(u"Filter"), QStringView(u"Handler")}) {
                    const CimValue value = subscription.value(role);
                    if (value.type() == CimType::Reference && !value.isNull()
                        && env.repo.localName(ns, value.toReference()) == local)
                        fail(Code::Failed,
                            QStringLiteral("%1 is used by subscription %2")
                                .arg(local.toWbemUri(), subscription.path().toWbemUri()));
                }
            }
        }
    }
    env.repo.removeInstance(ns, stored.path());
    return okResponse(request);
}

// --- properties -----------------------------------------------------------------------------------

CimOperationResponse getProperty(Env &env, const CimOperationRequest &request, const QString &ns)
{
    const Arguments args(request, {u"InstanceName", u"PropertyName"});
    const CimInstance &stored = requireInstance(env.repo, ns, args.instanceName(u"InstanceName"));
    const QString name = args.string(u"PropertyName", true);
    const CimProperty *property = stored.property(name);
    if (!property)
        fail(Code::NoSuchProperty, QStringLiteral("class %1 has no property %2").arg(stored.className(), name));
    CimOperationResponse response = okResponse(request);
    response.returnValue = property->value();
    return response;
}

CimOperationResponse setProperty(Env &env, const CimOperationRequest &request, const QString &ns)
{
    const Arguments args(request, {u"InstanceName", u"PropertyName", u"NewValue"});
    CimInstance stored = requireInstance(env.repo, ns, args.instanceName(u"InstanceName"));
    const QString name = args.string(u"PropertyName", true);
    const auto cls = env.repo.resolvedClass(ns, stored.className());
    const CimProperty *declared = cls->properties().find(name);
    if (!declared)
        fail(Code::NoSuchProperty, QStringLiteral("class %1 has no property %2").arg(stored.className(), name));
    if (env.repo.keyPropertyNames(ns, stored.className()).contains(declared->name(), Qt::CaseInsensitive))
        fail(Code::InvalidParameter, QStringLiteral("key property %1 cannot be modified").arg(declared->name()));
    CimValue newValue;
    if (const CimArgument *argument = args.find(u"NewValue")) {
        const auto *value = argument->get<CimValue>();
        if (!value)
            fail(Code::TypeMismatch, QStringLiteral("NewValue must be a value"));
        newValue = *value;
    }
    QString error;
    const auto value
        = SimRepository::coerceValue(newValue, declared->type(), declared->isArray(), declared->embeddedKind(), &error);
    if (!value)
        fail(Code::TypeMismatch, QStringLiteral("NewValue for %1: %2").arg(declared->name(), error));
    stored.setProperty(CimProperty(declared->name(), *value));
    env.repo.setInstance(ns, stored);
    return okResponse(request);
}

// --- qualifier declarations -----------------------------------------------------------------------

CimOperationResponse qualifierOperation(Env &env, const CimOperationRequest &request, const QString &ns)
{
    CimOperationResponse response = okResponse(request);
    switch (request.operation) {
    case CimOperation::GetQualifier: {
        const Arguments args(request, {u"QualifierName"});
        const QString name = args.string(u"QualifierName", true);
        const CimQualifierDeclaration *declaration = env.repo.findQualifierDeclaration(ns, name);
        if (!declaration)
            fail(Code::NotFound, QStringLiteral("qualifier %1 is not declared").arg(quoted(name)));
        response.qualifierDeclarations.append(*declaration);
        break;
    }
    case CimOperation::SetQualifier: {
        const Arguments args(request, {u"QualifierDeclaration"});
        const auto *declaration = args.object<CimQualifierDeclaration>(u"QualifierDeclaration");
        if (!declaration || declaration->name().isEmpty())
            fail(Code::InvalidParameter, QStringLiteral("QualifierDeclaration is required"));
        env.repo.setQualifierDeclaration(ns, *declaration);
        break;
    }
    case CimOperation::DeleteQualifier: {
        const Arguments args(request, {u"QualifierName"});
        const QString name = args.string(u"QualifierName", true);
        if (!env.repo.removeQualifierDeclaration(ns, name))
            fail(Code::NotFound, QStringLiteral("qualifier %1 is not declared").arg(quoted(name)));
        break;
    }
    default: {
        const Arguments args(request, {});
        response.qualifierDeclarations = env.repo.qualifierDeclarations(ns);
        break;
    }
    }
    return response;
}

// --- associations ---------------------------------------------------------------------------------

struct AssociationFilter
{
    QString assocClass;
    QString resultClass;
    QString role;
    QString resultRole;
};

/// Checks a class-name filter parameter: it must name a class of the namespace (pywbem's mock and
/// OpenPegasus answer CIM_ERR_INVALID_PARAMETER otherwise).
QString filterClass(const SimRepository &repo, const QString &ns, const QString &name, QStringView parameter)
{
    if (name.isEmpty())
        return {};
    const CimClass *cls = repo.findClass(ns, name);
    if (!cls)
        fail(Code::InvalidParameter, QStringLiteral("%1 %2 is not a class").arg(parameter, quoted(name)));
    return cls->className();
}

bool refersTo(const SimRepository &repo, const QString &ns, const CimValue &value, const CimInstanceName &target)
{
    if (value.type() != CimType::Reference || value.isArray() || value.isNull())
        return false;
    const CimInstanceName path = value.toReference();
    if (!path.nameSpace().isEmpty() && !cimNamesEqual(path.nameSpace(), ns))
        return false;
    return repo.localName(ns, path) == target;
}

/// The association instances that refer to target (a local path), with the roles it plays there.
QList<std::pair<CimInstance, QStringList>> linksOf(
    const SimRepository &repo, const QString &ns, const CimInstanceName &target, const AssociationFilter &filter)
{
    QList<std::pair<CimInstance, QStringList>> links;
    for (const QString &className : repo.classNames(ns)) {
        if (!repo.isAssociation(ns, className))
            continue;
        if (!filter.assocClass.isEmpty() && !repo.isA(ns, className, filter.assocClass))
            continue;
        for (const CimInstance &association : repo.instances(ns, className, false)) {
            QStringList roles;
            for (const CimProperty &property : association.properties()) {
                if (!filter.role.isEmpty() && !cimNamesEqual(property.name(), filter.role))
                    continue;
                if (refersTo(repo, ns, property.value(), target))
                    roles.append(property.name());
            }
            if (!roles.isEmpty())
                links.append({association, roles});
        }
    }
    return links;
}

struct AssociatedObjects
{
    QList<CimInstance> instances; ///< with full paths
    QList<CimClass> classes; ///< resolved, with full class paths
};

AssociatedObjects instanceAssociations(
    Env &env, const QString &ns, const CimInstanceName &objectName, bool associators, const AssociationFilter &filter)
{
    const CimInstance &source = requireInstance(env.repo, ns, objectName);
    AssociatedObjects out;
    const auto links = linksOf(env.repo, ns, source.path(), filter);
    QSet<CimInstanceName> seen;
    for (const auto &[association, roles] : links) {
        if (!associators) {
            if (!filter.resultClass.isEmpty() && !env.repo.isA(ns, association.className(), filter.resultClass))
                continue;
            CimInstance copy = association;
            copy.setPath(fullPath(association.path(), ns, env.host));
            out.instances.append(copy);
            continue;
        }
        for (const CimProperty &property : association.properties()) {
            if (property.type() != CimType::Reference || property.isArray() || property.value().isNull())
                continue;
            if (roles.contains(property.name(), Qt::CaseInsensitive) && roles.size() == 1)
                continue;
            if (!filter.resultRole.isEmpty() && !cimNamesEqual(property.name(), filter.resultRole))
                continue;
            CimInstanceName target = property.value().toReference();
            const QString targetNs = target.nameSpace().isEmpty() ? ns : env.repo.findNamespace(target.nameSpace());
            if (targetNs.isEmpty())
                continue;
            target = env.repo.localName(targetNs, target);
            if (cimNamesEqual(targetNs, ns) && target == source.path())
                continue;
            if (!filter.resultClass.isEmpty()
                && !(cimNamesEqual(targetNs, ns) && env.repo.isA(ns, target.className(), filter.resultClass)))
                continue;
            const CimInstance *associated = env.repo.findInstance(targetNs, target);
            if (!associated)
                continue;
            const CimInstanceName path = fullPath(associated->path(), targetNs, env.host);
            if (seen.contains(path))
                continue;
            seen.insert(path);
            CimInstance copy = *associated;
            copy.setPath(path);
            out.instances.append(copy);
        }
    }
    return out;
}

/// Class-level Associators/References (DSP0200 5.3.2.14): the association classes whose references
/// can point at the class, or the classes at their other ends.
AssociatedObjects classAssociations(
    Env &env, const QString &ns, const QString &className, bool associators, const AssociationFilter &filter)
{
    const QString source = requireClass(env.repo, ns, className, Code::InvalidParameter);
    AssociatedObjects out;
    QSet<QString> seen;
    const auto add = [&](const QString &name) {
        if (seen.contains(name.toLower()))
            return;
        seen.insert(name.toLower());
        CimClass cls = *env.repo.resolvedClass(ns, name);
        cls.setPath(CimClassName(cls.className(), ns, env.host));
        out.classes.append(cls);
    };
    for (const QString &assocName : env.repo.classNames(ns)) {
        if (!env.repo.isAssociation(ns, assocName))
            continue;
        if (!filter.assocClass.isEmpty() && !env.repo.isA(ns, assocName, filter.assocClass))
            continue;
        const auto assoc = env.repo.resolvedClass(ns, assocName);
        QStringList roles;
        for (const CimProperty &property : assoc->properties()) {
            if (property.type() != CimType::Reference)
                continue;
            if (!filter.role.isEmpty() && !cimNamesEqual(property.name(), filter.role))
                continue;
            if (!property.referenceClass().isEmpty() && env.repo.isA(ns, source, property.referenceClass()))
                roles.append(property.name());
        }
        if (roles.isEmpty())
            continue;
        if (!associators) {
            if (filter.resultClass.isEmpty() || env.repo.isA(ns, assocName, filter.resultClass))
                add(assocName);
            continue;
        }
        for (const CimProperty &property : assoc->properties()) {
            if (property.type() != CimType::Reference || property.referenceClass().isEmpty())
                continue;
            if (roles.contains(property.name(), Qt::CaseInsensitive) && roles.size() == 1)
                continue;
            if (!filter.resultRole.isEmpty() && !cimNamesEqual(property.name(), filter.resultRole))
                continue;
            if (!env.repo.hasClass(ns, property.referenceClass()))
                continue;
            if (!filter.resultClass.isEmpty() && !env.repo.isA(ns, property.referenceClass(), filter.resultClass))
                continue;
            add(env.repo.findClass(ns, property.referenceClass())->className());
        }
    }
    return out;
}

CimOperationResponse associationOperation(Env &env, const CimOperationRequest &request, const QString &ns)
{
    const CimOperation op = request.operation;
    const bool associators = op == CimOperation::Associators || op == CimOperation::AssociatorNames;
    const bool objects = op == CimOperation::Associators || op == CimOperation::References;
    QList<QStringView> allowed {u"ObjectName", u"ResultClass", u"Role"};
    if (associators)
        allowed << u"AssocClass" << u"ResultRole";
    if (objects)
        allowed << u"IncludeQualifiers" << u"IncludeClassOrigin" << u"PropertyList";
    const Arguments checked(request, allowed);
    AssociationFilter filter;
    filter.assocClass = filterClass(env.repo, ns, checked.className(u"AssocClass"), u"AssocClass");
    filter.resultClass = filterClass(env.repo, ns, checked.className(u"ResultClass"), u"ResultClass");
    filter.role = checked.string(u"Role");
    filter.resultRole = checked.string(u"ResultRole");
    const bool includeQualifiers = checked.boolean(u"IncludeQualifiers", false);
    const bool includeClassOrigin = checked.boolean(u"IncludeClassOrigin", false);
    const auto propertyList = checked.propertyList();

    const CimArgument *objectName = checked.find(u"ObjectName");
    if (!objectName)
        fail(Code::InvalidParameter, QStringLiteral("ObjectName is required"));
    CimOperationResponse response = okResponse(request);
    if (const auto *cls = objectName->get<CimClassName>()) {
        const AssociatedObjects found = classAssociations(env, ns, cls->className(), associators, filter);
        for (const CimClass &c : found.classes) {
            if (objects) {
                CimClass presented = presentClass(c, false, includeQualifiers, includeClassOrigin, propertyList);
                presented.setPath(c.path());
                response.classes.append(presented);
            } else {
                response.classNames.append(c.path());
            }
        }
        return response;
    }
    const CimInstanceName target = checked.instanceName(u"ObjectName");
    const AssociatedObjects found = instanceAssociations(env, ns, target, associators, filter);
    InstancePresenter presenter(env.repo, ns, propertyList, includeClassOrigin);
    for (const CimInstance &instance : found.instances) {
        if (objects)
            response.instances.append(presenter.present(instance, instance.path()));
        else
            response.instanceNames.append(instance.path());
    }
    return response;
}

// --- queries --------------------------------------------------------------------------------------

SimWqlQuery parseQuery(const QString &language, const QString &query)
{
    // WQL is what OpenPegasus, SFCB and WMI all take; CQL support varies and the simulator has none.
    if (language.compare(u"WQL", Qt::CaseInsensitive) != 0)
        fail(Code::QueryLanguageNotSupported,
            QStringLiteral("query language %1 is not supported (use WQL)").arg(quoted(language)));
    QString error;
    auto parsed = SimWqlQuery::parse(query, &error);
    if (!parsed)
        fail(Code::InvalidQuery, error);
    return *parsed;
}

QList<CimInstance> runQuery(Env &env, const QString &ns, const SimWqlQuery &query, bool withPaths)
{
    const QString className = requireClass(env.repo, ns, query.className());
    InstancePresenter presenter(env.repo, ns, query.selectList(), false);
    QList<CimInstance> out;
    for (const CimInstance &instance : env.repo.instances(ns, className, true)) {
        if (query.matches(instance))
            out.append(
                presenter.present(instance, withPaths ? fullPath(instance.path(), ns, env.host) : CimInstanceName()));
    }
    return out;
}

CimOperationResponse execQuery(Env &env, const CimOperationRequest &request, const QString &ns)
{
    const Arguments args(request, {u"QueryLanguage", u"Query"});
    const SimWqlQuery query = parseQuery(args.string(u"QueryLanguage", true), args.string(u"Query", true));
    CimOperationResponse response = okResponse(request);
    response.instances = runQuery(env, ns, query, true);
    return response;
}

// --- extrinsic methods ----------------------------------------------------------------------------

CimParamValueList checkedParameters(const CimMethod &method, const CimParamValueList &given)
{
    CimParamValueList out;
    for (const CimParamValue &parameter : given) {
        const CimParameter *declared = method.parameters().find(parameter.name());
        if (!declared || !isTrue(declared->qualifiers(), u"In", true))
            fail(Code::InvalidParameter,
                QStringLiteral("method %1 has no input parameter %2").arg(method.name(), parameter.name()));
        QString error;
        const auto value = SimRepository::coerceValue(
            parameter.value(), declared->type(), declared->isArray(), CimEmbeddedKind::None, &error);
        if (!value)
            fail(Code::InvalidParameter, QStringLiteral("parameter %1: %2").arg(declared->name(), error));
        out.insert(CimParamValue(declared->name(), *value));
    }
    return out;
}

CimInstanceName createJob(Env &env, const QString &ns, const QString &name, const CimInstanceName &element)
{
    const QDateTime now = env.now;
    const CimValue stamp = CimValue::dateTime(CimDateTime::fromDateTime(now));
    CimInstance job(QStringLiteral("CIMDIAG_ConcreteJob"));
    job.setProperty(CimProperty(
        QStringLiteral("InstanceID"), CimValue::string(QStringLiteral("CIMDIAG:Job:%1").arg((*env.nextJob)++))));
    job.setProperty(CimProperty(QStringLiteral("Name"), CimValue::string(name)));
    job.setProperty(CimProperty(QStringLiteral("ElementName"), CimValue::string(name + u" on " + element.toWbemUri())));
    job.setProperty(CimProperty(QStringLiteral("JobState"), CimValue::uint16(7)));
    job.setProperty(CimProperty(QStringLiteral("JobStatus"), CimValue::string(QStringLiteral("Completed"))));
    job.setProperty(CimProperty(QStringLiteral("PercentComplete"), CimValue::uint16(100)));
    job.setProperty(CimProperty(QStringLiteral("TimeSubmitted"), stamp));
    job.setProperty(CimProperty(QStringLiteral("StartTime"), stamp));
    job.setProperty(CimProperty(QStringLiteral("TimeOfLastStateChange"), stamp));
    job.setProperty(
        CimProperty(QStringLiteral("ElapsedTime"), CimValue::dateTime(CimDateTime::fromInterval(0, 0, 0, 0, 0))));
    job.setProperty(CimProperty(QStringLiteral("DeleteOnCompletion"), CimValue::boolean(false)));
    job.setProperty(CimProperty(QStringLiteral("OperationalStatus"),
        *CimValue::array(CimType::UInt16, {CimValue::uint16(2), CimValue::uint16(17)})));
    if (!env.repo.hasClass(ns, u"CIMDIAG_ConcreteJob"))
        return {};
    return env.repo.setInstance(ns, job);
}

/// CIMDIAG_Fan.RequestStateChange: RequestedState is checked against the parameter's ValueMap, the
/// states the fan offers (AvailableRequestedStates) are applied at once and a completed job is returned,
/// other valid states answer 4097 "Invalid State Transition", as DSP1013 fans do.
void requestStateChange(Env &env, const QString &ns, const CimClass &cls, const CimInstanceName &target,
    const CimParamValueList &in, CimOperationResponse &response)
{
    const CimParamValue *requested = in.find(u"RequestedState");
    if (!requested || requested->value().isNull())
        fail(Code::InvalidParameter, QStringLiteral("RequestedState is required"));
    const qint64 state = requested->value().toSigned();
    QString error;
    const auto mapping = CimValueMapping::forParameter(cls, u"RequestStateChange", u"RequestedState", &error);
    if (!mapping)
        fail(Code::Failed, error);
    const auto entry = std::find_if(mapping->entries().cbegin(), mapping->entries().cend(),
        [state](const CimValueMapping::Entry &e) { return !e.isUnclaimed && e.low <= state && state <= e.high; });
    if (entry == mapping->entries().cend() || entry->values.contains(u"Reserved"))
        fail(Code::InvalidParameter, QStringLiteral("RequestedState %1 is not a value of its ValueMap").arg(state));

    const auto respond = [&](quint32 code, const CimInstanceName &job) {
        response.returnValue = CimValue::uint32(code);
        response.outParameters.insert(CimParamValue(QStringLiteral("Job"),
            job.isValid() ? CimValue::reference(fullPath(job, ns, env.host)) : CimValue::null(CimType::Reference)));
    };
    const CimParamValue *timeout = in.find(u"TimeoutPeriod");
    if (timeout && !timeout->value().isNull()) {
        respond(4098, {}); // Use of Timeout Parameter Not Supported
        return;
    }
    CimInstance fan = *env.repo.findInstance(ns, target);
    const CimValue available = fan.value(u"AvailableRequestedStates");
    bool offered = false;
    for (qsizetype i = 0; i < available.size(); ++i)
        offered = offered || (!available.at(i).isNull() && available.at(i).toSigned() == state);
    if (!offered) {
        respond(4097, {}); // Invalid State Transition
        return;
    }
    // Reset (11) ends enabled; Enabled (2) and Disabled (3) are the states themselves.
    fan.setProperty(CimProperty(QStringLiteral("EnabledState"), CimValue::uint16(state == 3 ? 3 : 2)));
    fan.setProperty(CimProperty(QStringLiteral("RequestedState"), CimValue::uint16(static_cast<quint16>(state))));
    fan.setProperty(
        CimProperty(QStringLiteral("TimeOfLastStateChange"), CimValue::dateTime(CimDateTime::fromDateTime(env.now))));
    env.repo.setInstance(ns, fan);
    respond(0, createJob(env, ns, QStringLiteral("RequestStateChange"), target));
}

void clearLog(Env &env, const QString &ns, const CimInstanceName &target, CimOperationResponse &response)
{
    const AssociationFilter filter {QStringLiteral("CIM_LogManagesRecord"), {}, QStringLiteral("Log"), {}};
    for (const auto &[association, roles] : linksOf(env.repo, ns, target, filter)) {
        const CimValue record = association.value(u"Record");
        if (record.type() == CimType::Reference && !record.isNull())
            env.repo.removeInstance(ns, record.toReference());
        env.repo.removeInstance(ns, association.path());
    }
    CimInstance log = *env.repo.findInstance(ns, target);
    log.setProperty(CimProperty(QStringLiteral("CurrentNumberOfRecords"), CimValue::uint64(0)));
    env.repo.setInstance(ns, log);
    response.returnValue = CimValue::uint32(0);
}

CimOperationResponse invokeMethod(Env &env, const CimOperationRequest &request)
{
    const bool onInstance = request.targetInstance.isValid();
    const QString ns
        = requireNamespace(env.repo, onInstance ? request.targetInstance.nameSpace() : request.targetClass.nameSpace());
    const QString className
        = requireClass(env.repo, ns, onInstance ? request.targetInstance.className() : request.targetClass.className());
    // The stored path: class spelling and keys as the repository has them, without namespace.
    const CimInstanceName target
        = onInstance ? requireInstance(env.repo, ns, request.targetInstance).path() : CimInstanceName();
    const CimClass cls = *env.repo.resolvedClass(ns, className);
    const CimMethod *method = cls.methods().find(request.methodName);
    if (!method)
        fail(Code::MethodNotFound,
            QStringLiteral("class %1 has no method %2").arg(className, quoted(request.methodName)));
    if (!onInstance && !isTrue(method->qualifiers(), u"Static"))
        fail(Code::InvalidParameter,
            QStringLiteral("method %1 is not static: invoke it on an instance").arg(method->name()));
    const CimParamValueList in = checkedParameters(*method, request.parameters);
    CimOperationResponse response = okResponse(request);

    if (cimNamesEqual(method->name(), u"RequestStateChange") && env.repo.isA(ns, className, u"CIMDIAG_Fan")) {
        requestStateChange(env, ns, cls, target, in, response);
    } else if (cimNamesEqual(method->name(), u"Echo") && env.repo.isA(ns, className, u"CIMDIAG_ComputerSystem")) {
        const CimParamValue *text = in.find(u"Text");
        response.returnValue = CimValue::uint32(0);
        response.outParameters.insert(
            CimParamValue(QStringLiteral("Echoed"), text ? text->value() : CimValue::null(CimType::String)));
        response.outParameters.insert(
            CimParamValue(QStringLiteral("ServerTime"), CimValue::dateTime(CimDateTime::fromDateTime(env.now))));
    } else if (cimNamesEqual(method->name(), u"ClearLog") && env.repo.isA(ns, className, u"CIMDIAG_RecordLog")) {
        clearLog(env, ns, target, response);
    } else {
        // Declared but not implemented: what a server answers when no provider serves the method.
        fail(Code::MethodNotAvailable,
            QStringLiteral("method %1.%2 is not implemented by the simulator").arg(className, method->name()));
    }
    return response;
}

} // namespace

// --- the handler ----------------------------------------------------------------------------------

SimOperationHandler::SimOperationHandler(SimRepository *repository)
    : m_repository(repository)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    Q_ASSERT(repository);
}

SimOperationHandler::~SimOperationHandler() = default;

void SimOperationHandler::setOperationFailure(CimOperation operation, const CimStatus &status, const QString &className)
{
    const SimOperationFailure failure {operation, status, className.trimmed()};
    for (SimOperationFailure &existing : m_failures) {
        if (existing.operation == operation && cimNamesEqual(existing.className, failure.className)) {
            existing = failure;
            return;
        }
    }
    m_failures.append(failure);
}

void SimOperationHandler::clearOperationFailure(CimOperation operation)
{
    m_failures.removeIf([operation](const SimOperationFailure &failure) { return failure.operation == operation; });
}

void SimOperationHandler::clearOperationFailures()
{
    m_failures.clear();
}

void SimOperationHandler::setClock(std::function<QDateTime()> clock)
{
    m_clock = clock ? std::move(clock) : [] { return QDateTime::currentDateTimeUtc(); };
}

QDateTime SimOperationHandler::now() const
{
    return m_clock();
}

int SimOperationHandler::enumerationContextCount() const
{
    const QDateTime current = now();
    return static_cast<int>(std::count_if(m_contexts.cbegin(), m_contexts.cend(),
        [&current](const EnumerationContext &c) { return !c.expires.isValid() || current < c.expires; }));
}

void SimOperationHandler::setReceivedRequestLimit(int limit)
{
    m_receivedLimit = std::max(0, limit);
    while (m_received.size() > m_receivedLimit) {
        m_received.removeFirst();
        m_receivedUsers.removeFirst();
    }
}

void SimOperationHandler::clearReceivedRequests()
{
    m_received.clear();
    m_receivedUsers.clear();
}

CimOperationResponse SimOperationHandler::handle(const CimOperationRequest &request, const QString &user)
{
    if (m_receivedLimit > 0) {
        if (m_received.size() >= m_receivedLimit) {
            m_received.removeFirst();
            m_receivedUsers.removeFirst();
        }
        m_received.append(request);
        m_receivedUsers.append(user);
    }
    expireContexts();

    try {
        const QString target = requestClassName(request);
        for (const SimOperationFailure &failure : std::as_const(m_failures)) {
            if (failure.operation == request.operation
                && (failure.className.isEmpty() || cimNamesEqual(failure.className, target)))
                throw Failure {failure.status};
        }
        return dispatch(request);
    } catch (const Failure &failure) {
        CimOperationResponse response;
        response.operation = request.operation;
        response.messageId = request.messageId;
        if (request.operation == CimOperation::InvokeMethod)
            response.methodName = request.methodName;
        response.status = failure.status;
        return response;
    }
}

CimOperationResponse SimOperationHandler::dispatch(const CimOperationRequest &request)
{
    const CimOperation op = request.operation;
    if (op == CimOperation::ExportIndication)
        fail(
            Code::NotSupported, QStringLiteral("a CIM server does not accept ExportIndication; send it to a listener"));
    if (isPullOperation(op) && !m_pullSupported)
        fail(Code::NotSupported, QStringLiteral("%1 is not supported by this server").arg(cimOperationName(op)));

    Env env {*m_repository, m_hostName, now(), &m_nextJob};
    if (op == CimOperation::InvokeMethod)
        return invokeMethod(env, request);

    const QString ns = requireNamespace(*m_repository, request.nameSpace);
    switch (op) {
    case CimOperation::GetClass:
        return getClass(env, request, ns);
    case CimOperation::EnumerateClasses:
    case CimOperation::EnumerateClassNames:
        return enumerateClasses(env, request, ns);
    case CimOperation::CreateClass:
        return createClass(env, request, ns);
    case CimOperation::ModifyClass:
        return modifyClass(env, request, ns);
    case CimOperation::DeleteClass:
        return deleteClass(env, request, ns);
    case CimOperation::GetInstance:
        return getInstance(env, request, ns);
    case CimOperation::EnumerateInstances:
    case CimOperation::EnumerateInstanceNames:
        return enumerateInstances(env, request, ns);
    case CimOperation::CreateInstance:
        return createInstance(env, request, ns);
    case CimOperation::ModifyInstance:
        return modifyInstance(env, request, ns);
    case CimOperation::DeleteInstance:
        return deleteInstance(env, request, ns);
    case CimOperation::Associators:
    case CimOperation::AssociatorNames:
    case CimOperation::References:
    case CimOperation::ReferenceNames:
        return associationOperation(env, request, ns);
    case CimOperation::ExecQuery:
        return execQuery(env, request, ns);
    case CimOperation::GetProperty:
        return getProperty(env, request, ns);
    case CimOperation::SetProperty:
        return setProperty(env, request, ns);
    case CimOperation::GetQualifier:
    case CimOperation::SetQualifier:
    case CimOperation::DeleteQualifier:
    case CimOperation::EnumerateQualifiers:
        return qualifierOperation(env, request, ns);
    case CimOperation::OpenEnumerateInstances:
    case CimOperation::OpenEnumerateInstancePaths:
    case CimOperation::OpenAssociatorInstances:
    case CimOperation::OpenAssociatorInstancePaths:
    case CimOperation::OpenReferenceInstances:
    case CimOperation::OpenReferenceInstancePaths:
    case CimOperation::OpenQueryInstances:
        return openEnumeration(request, ns);
    case CimOperation::PullInstancesWithPath:
    case CimOperation::PullInstancePaths:
    case CimOperation::PullInstances:
        return pull(request);
    case CimOperation::CloseEnumeration:
        return closeEnumeration(request);
    case CimOperation::EnumerationCount:
        return enumerationCount(request);
    case CimOperation::InvokeMethod:
    case CimOperation::ExportIndication:
        break;
    }
    fail(Code::NotSupported, QStringLiteral("%1 is not supported").arg(cimOperationName(op)));
}

// --- pull operations ------------------------------------------------------------------------------

void SimOperationHandler::expireContexts()
{
    const QDateTime current = now();
    for (auto it = m_contexts.begin(); it != m_contexts.end();) {
        if (it->expires.isValid() && current >= it->expires)
            it = m_contexts.erase(it);
        else
            ++it;
    }
}

CimOperationResponse SimOperationHandler::openEnumeration(const CimOperationRequest &request, const QString &ns)
{
    const CimOperation op = request.operation;
    Env env {*m_repository, m_hostName, now(), &m_nextJob};
    using Kind = EnumerationContext::Kind;
    EnumerationContext context;
    context.nameSpace = ns;

    QList<QStringView> allowed;
    switch (op) {
    case CimOperation::OpenEnumerateInstances:
        allowed = {u"ClassName", u"DeepInheritance", u"IncludeClassOrigin", u"PropertyList", u"FilterQueryLanguage",
            u"FilterQuery", u"OperationTimeout", u"ContinueOnError", u"MaxObjectCount"};
        break;
    case CimOperation::OpenEnumerateInstancePaths:
        allowed = {u"ClassName", u"FilterQueryLanguage", u"FilterQuery", u"OperationTimeout", u"ContinueOnError",
            u"MaxObjectCount"};
        break;
    case CimOperation::OpenAssociatorInstances:
        allowed = {u"InstanceName", u"AssocClass", u"ResultClass", u"Role", u"ResultRole", u"IncludeClassOrigin",
            u"PropertyList", u"FilterQueryLanguage", u"FilterQuery", u"OperationTimeout", u"ContinueOnError",
            u"MaxObjectCount"};
        break;
    case CimOperation::OpenAssociatorInstancePaths:
        allowed = {u"InstanceName", u"AssocClass", u"ResultClass", u"Role", u"ResultRole", u"FilterQueryLanguage",
            u"FilterQuery", u"OperationTimeout", u"ContinueOnError", u"MaxObjectCount"};
        break;
    case CimOperation::OpenReferenceInstances:
        allowed = {u"InstanceName", u"ResultClass", u"Role", u"IncludeClassOrigin", u"PropertyList",
            u"FilterQueryLanguage", u"FilterQuery", u"OperationTimeout", u"ContinueOnError", u"MaxObjectCount"};
        break;
    case CimOperation::OpenReferenceInstancePaths:
        allowed = {u"InstanceName", u"ResultClass", u"Role", u"FilterQueryLanguage", u"FilterQuery",
            u"OperationTimeout", u"ContinueOnError", u"MaxObjectCount"};
        break;
    default: // OpenQueryInstances
        allowed = {u"FilterQueryLanguage", u"FilterQuery", u"ReturnQueryResultClass", u"OperationTimeout",
            u"ContinueOnError", u"MaxObjectCount"};
        break;
    }
    const Arguments args(request, allowed);

    if (op != CimOperation::OpenQueryInstances
        && (!args.string(u"FilterQuery").isEmpty() || !args.string(u"FilterQueryLanguage").isEmpty())) {
        // DSP0212 FQL is optional; like most servers the simulator has no filtered enumeration.
        fail(Code::FilteredEnumerationNotSupported,
            QStringLiteral("filtered enumeration (%1) is not supported").arg(args.string(u"FilterQueryLanguage")));
    }
    if (args.boolean(u"ContinueOnError", false))
        fail(Code::ContinuationOnErrorNotSupported, QStringLiteral("ContinueOnError is not supported"));
    const auto timeout = args.uint32(u"OperationTimeout");
    if (timeout && *timeout > m_maximumOperationTimeout)
        fail(Code::InvalidOperationTimeout,
            QStringLiteral("OperationTimeout %1 exceeds the server's maximum of %2 s")
                .arg(*timeout)
                .arg(m_maximumOperationTimeout));
    context.timeout = timeout.value_or(m_defaultOperationTimeout);
    const quint32 maxObjectCount = args.uint32(u"MaxObjectCount").value_or(0);

    switch (op) {
    case CimOperation::OpenEnumerateInstances:
    case CimOperation::OpenEnumerateInstancePaths: {
        const QString className = requireClass(*m_repository, ns, args.className(u"ClassName", true));
        if (op == CimOperation::OpenEnumerateInstancePaths) {
            context.kind = Kind::InstancePaths;
            for (const CimInstanceName &name : m_repository->instanceNames(ns, className, true))
                context.names.append(fullPath(name, ns, m_hostName));
            break;
        }
        context.kind = Kind::InstancesWithPath;
        const bool deep = args.boolean(u"DeepInheritance", true);
        InstancePresenter presenter(*m_repository, ns, args.propertyList(), args.boolean(u"IncludeClassOrigin", false),
            deep ? QString() : className);
        for (const CimInstance &instance : m_repository->instances(ns, className, true))
            context.instances.append(presenter.present(instance, fullPath(instance.path(), ns, m_hostName)));
        break;
    }
    case CimOperation::OpenQueryInstances: {
        context.kind = Kind::Instances;
        if (args.boolean(u"ReturnQueryResultClass", false))
            fail(Code::NotSupported, QStringLiteral("ReturnQueryResultClass is not supported"));
        const SimWqlQuery query
            = parseQuery(args.string(u"FilterQueryLanguage", true), args.string(u"FilterQuery", true));
        context.instances = runQuery(env, ns, query, false);
        break;
    }
    default: {
        const bool associators
            = op == CimOperation::OpenAssociatorInstances || op == CimOperation::OpenAssociatorInstancePaths;
        const bool paths
            = op == CimOperation::OpenAssociatorInstancePaths || op == CimOperation::OpenReferenceInstancePaths;
        AssociationFilter filter;
        filter.assocClass = filterClass(*m_repository, ns, args.className(u"AssocClass"), u"AssocClass");
        filter.resultClass = filterClass(*m_repository, ns, args.className(u"ResultClass"), u"ResultClass");
        filter.role = args.string(u"Role");
        filter.resultRole = args.string(u"ResultRole");
        const AssociatedObjects found
            = instanceAssociations(env, ns, args.instanceName(u"InstanceName"), associators, filter);
        context.kind = paths ? Kind::InstancePaths : Kind::InstancesWithPath;
        InstancePresenter presenter(*m_repository, ns, args.propertyList(), args.boolean(u"IncludeClassOrigin", false));
        for (const CimInstance &instance : found.instances) {
            if (paths)
                context.names.append(instance.path());
            else
                context.instances.append(presenter.present(instance, instance.path()));
        }
        break;
    }
    }

    if (m_contexts.size() >= m_maximumContexts)
        fail(Code::ServerLimitsExceeded,
            QStringLiteral("the server holds %1 open enumeration contexts; close some").arg(m_contexts.size()));
    const QString id = QStringLiteral("cimdiag-sim-enum-%1").arg(m_nextContext++);
    auto it = m_contexts.insert(id, context);
    CimOperationResponse response = okResponse(request);
    deliver(id, *it, maxObjectCount, response);
    return response;
}

void SimOperationHandler::deliver(
    const QString &id, EnumerationContext &context, quint32 maxObjectCount, CimOperationResponse &response)
{
    const bool paths = context.kind == EnumerationContext::Kind::InstancePaths;
    const qsizetype total = paths ? context.names.size() : context.instances.size();
    const qsizetype count = std::min<qsizetype>(total - context.position, maxObjectCount);
    if (paths)
        response.instanceNames = context.names.mid(context.position, count);
    else
        response.instances = context.instances.mid(context.position, count);
    context.position += count;
    if (context.position >= total) {
        response.endOfSequence = true;
        m_contexts.remove(id);
        return;
    }
    response.enumerationContext = id;
    context.expires = context.timeout == 0 ? QDateTime() : now().addSecs(context.timeout);
}

CimOperationResponse SimOperationHandler::pull(const CimOperationRequest &request)
{
    const Arguments args(request, {u"EnumerationContext", u"MaxObjectCount"});
    const QString id = args.string(u"EnumerationContext", true);
    const auto maxObjectCount = args.uint32(u"MaxObjectCount");
    if (!maxObjectCount)
        fail(Code::InvalidParameter,
            QStringLiteral("MaxObjectCount is required on %1").arg(cimOperationName(request.operation)));
    auto it = m_contexts.find(id);
    if (it == m_contexts.end())
        fail(Code::InvalidEnumerationContext,
            QStringLiteral("enumeration context %1 does not exist or has expired").arg(quoted(id)));
    using Kind = EnumerationContext::Kind;
    const Kind expected = request.operation == CimOperation::PullInstancePaths ? Kind::InstancePaths
        : request.operation == CimOperation::PullInstances                     ? Kind::Instances
                                                                               : Kind::InstancesWithPath;
    if (it->kind != expected)
        fail(Code::InvalidParameter,
            QStringLiteral("%1 does not continue the Open operation of context %2")
                .arg(cimOperationName(request.operation), quoted(id)));
    CimOperationResponse response = okResponse(request);
    deliver(id, *it, *maxObjectCount, response);
    return response;
}

CimOperationResponse SimOperationHandler::closeEnumeration(const CimOperationRequest &request)
{
    const Arguments args(request, {u"EnumerationContext"});
    const QString id = args.string(u"EnumerationContext", true);
    if (!m_contexts.remove(id))
        fail(Code::InvalidEnumerationContext,
            QStringLiteral("enumeration context %1 does not exist or has expired").arg(quoted(id)));
    return okResponse(request);
}

CimOperationResponse SimOperationHandler::enumerationCount(const CimOperationRequest &request)
{
    const Arguments args(request, {u"EnumerationContext"});
    const QString id = args.string(u"EnumerationContext", true);
    const auto it = m_contexts.find(id);
    if (it == m_contexts.end())
        fail(Code::InvalidEnumerationContext,
            QStringLiteral("enumeration context %1 does not exist or has expired").arg(quoted(id)));
    const qsizetype total
        = it->kind == EnumerationContext::Kind::InstancePaths ? it->names.size() : it->instances.size();
    CimOperationResponse response = okResponse(request);
    response.returnValue = CimValue::uint64(static_cast<quint64>(total - it->position));
    if (it->timeout != 0)
        it->expires = now().addSecs(it->timeout);
    return response;
}

} // namespace cimdiag
