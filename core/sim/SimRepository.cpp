// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimRepository.h"

#include "core/sim/SimDefaultModel.h"

#include <algorithm>
#include <limits>

#include <type_traits>

namespace cimdiag {

namespace {

QString classKey(QStringView className)
{
    return className.toString().toLower();
}

/// Qualifiers of a superclass element that a subclass element inherits: those with TOSUBCLASS that
/// the subclass does not set itself, marked PROPAGATED.
void inheritQualifiers(CimQualifierList &into, const CimQualifierList &from)
{
    for (const CimQualifier &qualifier : from) {
        if (!qualifier.flavors().toSubclass || into.contains(qualifier.name()))
            continue;
        CimQualifier inherited = qualifier;
        inherited.setPropagated(true);
        into.insert(inherited);
    }
}

CimQualifierList localQualifiers(const CimQualifierList &qualifiers)
{
    CimQualifierList out;
    for (CimQualifier qualifier : qualifiers) {
        qualifier.setPropagated(false);
        out.insert(qualifier);
    }
    return out;
}

// Lays a class's own properties or methods over the inherited ones (DSP0004 5.1.2.11): an override
// keeps the inherited position, takes this class as origin and inherits the qualifiers it does not
// set; inherited members are marked propagated; the class's new members follow.
template<typename Member>
CimNamedList<Member> layMembers(const CimNamedList<Member> &inheritedMembers, const CimNamedList<Member> &localMembers,
                                const QString &className)
{
    CimNamedList<Member> result;
    for (const Member &inherited : inheritedMembers) {
        if (const Member *local = localMembers.find(inherited.name())) {
            Member overriding = *local;
            overriding.setClassOrigin(className);
            overriding.setPropagated(false);
            overriding.qualifiers() = localQualifiers(local->qualifiers());
            inheritQualifiers(overriding.qualifiers(), inherited.qualifiers());
            if constexpr (std::is_same_v<Member, CimProperty>) {
                if (overriding.referenceClass().isEmpty() && !inherited.referenceClass().isEmpty())
                    overriding.setReferenceClass(inherited.referenceClass());
            }
            result.insert(overriding);
        } else {
            Member copy = inherited;
            copy.setPropagated(true);
            result.insert(copy);
        }
    }
    for (const Member &local : localMembers) {
        if (result.contains(local.name()))
            continue;
        Member copy = local;
        copy.setClassOrigin(className);
        copy.setPropagated(false);
        copy.qualifiers() = localQualifiers(local.qualifiers());
        result.insert(copy);
    }
    return result;
}

bool isTrueQualifier(const CimQualifierList &qualifiers, QStringView name)
{
    const CimQualifier *q = qualifiers.find(name);
    return q && q->value().type() == CimType::Boolean && !q->value().isArray() && !q->value().isNull()
        && q->value().toBool();
}

std::optional<CimValue> coerceScalar(const CimValue &value, CimType type, CimEmbeddedKind embedded, QString *error)
{
    if (value.isNull())
        return CimValue::null(type, false, embedded);
    if (value.type() == type)
        return value;
    if (value.type() == CimType::String && type != CimType::Reference)
        return CimValue::fromCimXmlText(type, value.toString(), error);
    if (isIntegerType(value.type()) && isIntegerType(type)) {
        if (isSignedIntegerType(value.type())) {
            if (isSignedIntegerType(type))
                return CimValue::signedInteger(type, value.toSigned(), error);
            if (value.toSigned() < 0) {
                if (error)
                    *error = QStringLiteral("%1 does not fit %2").arg(value.toSigned()).arg(cimTypeName(type));
                return std::nullopt;
            }
            return CimValue::unsignedInteger(type, static_cast<quint64>(value.toSigned()), error);
        }
        if (isSignedIntegerType(type)) {
            if (value.toUnsigned() > static_cast<quint64>(std::numeric_limits<qint64>::max())) {
                if (error)
                    *error = QStringLiteral("%1 does not fit %2").arg(value.toUnsigned()).arg(cimTypeName(type));
                return std::nullopt;
            }
            return CimValue::signedInteger(type, static_cast<qint64>(value.toUnsigned()), error);
        }
        return CimValue::unsignedInteger(type, value.toUnsigned(), error);
    }
    if (isRealType(type) && (isRealType(value.type()) || isIntegerType(value.type())))
        return type == CimType::Real32 ? CimValue::real32(static_cast<float>(value.toReal()))
                                       : CimValue::real64(value.toReal());
    if (error)
        *error = QStringLiteral("a %1 value is not a %2").arg(cimTypeName(value.type()), cimTypeName(type));
    return std::nullopt;
}

} // namespace

SimRepository SimRepository::withDefaultModel(const SimModelOptions &options)
{
    SimRepository repository;
    SimDefaultModel::populate(repository, options);
    return repository;
}

// --- namespaces -----------------------------------------------------------------------------------

const SimRepository::Namespace *SimRepository::findNs(const QString &nameSpace) const
{
    const QString name = cimNamespaceWithoutSlashes(nameSpace);
    for (const Namespace &ns : m_namespaces) {
        if (cimNamesEqual(ns.name, name))
            return &ns;
    }
    return nullptr;
}

SimRepository::Namespace *SimRepository::findNs(const QString &nameSpace)
{
    return const_cast<Namespace *>(std::as_const(*this).findNs(nameSpace));
}

SimRepository::Namespace &SimRepository::ensureNs(const QString &nameSpace)
{
    if (Namespace *ns = findNs(nameSpace))
        return *ns;
    m_namespaces.append(Namespace {cimNamespaceWithoutSlashes(nameSpace), {}, {}, {}});
    return m_namespaces.last();
}

QStringList SimRepository::namespaces() const
{
    QStringList out;
    for (const Namespace &ns : m_namespaces)
        out.append(ns.name);
    return out;
}

QString SimRepository::findNamespace(const QString &nameSpace) const
{
    const Namespace *ns = findNs(nameSpace);
    return ns ? ns->name : QString();
}

void SimRepository::addNamespace(const QString &nameSpace)
{
    ensureNs(nameSpace);
}

bool SimRepository::removeNamespace(const QString &nameSpace)
{
    const QString name = cimNamespaceWithoutSlashes(nameSpace);
    for (qsizetype i = 0; i < m_namespaces.size(); ++i) {
        if (cimNamesEqual(m_namespaces.at(i).name, name)) {
            m_namespaces.removeAt(i);
            m_resolvedCache.clear();
            return true;
        }
    }
    return false;
}

// --- qualifier declarations -----------------------------------------------------------------------

QList<CimQualifierDeclaration> SimRepository::qualifierDeclarations(const QString &nameSpace) const
{
    const Namespace *ns = findNs(nameSpace);
    return ns ? ns->qualifiers.items() : QList<CimQualifierDeclaration>();
}

const CimQualifierDeclaration *SimRepository::findQualifierDeclaration(const QString &nameSpace, QStringView name) const
{
    const Namespace *ns = findNs(nameSpace);
    return ns ? ns->qualifiers.find(name) : nullptr;
}

void SimRepository::setQualifierDeclaration(const QString &nameSpace, const CimQualifierDeclaration &declaration)
{
    ensureNs(nameSpace).qualifiers.insert(declaration);
}

bool SimRepository::removeQualifierDeclaration(const QString &nameSpace, QStringView name)
{
    Namespace *ns = findNs(nameSpace);
    return ns && ns->qualifiers.remove(name);
}

// --- classes --------------------------------------------------------------------------------------

const SimRepository::ClassEntry *SimRepository::findEntry(const QString &nameSpace, QStringView className) const
{
    const Namespace *ns = findNs(nameSpace);
    if (!ns)
        return nullptr;
    const auto it = ns->classes.constFind(classKey(className));
    return it == ns->classes.cend() ? nullptr : &*it;
}

const CimClass *SimRepository::findClass(const QString &nameSpace, QStringView className) const
{
    const ClassEntry *entry = findEntry(nameSpace, className);
    return entry ? &entry->declaration : nullptr;
}

QStringList SimRepository::classNames(const QString &nameSpace) const
{
    QStringList out;
    const Namespace *ns = findNs(nameSpace);
    if (!ns)
        return out;
    for (const QString &key : ns->classOrder)
        out.append(ns->classes.value(key).declaration.className());
    return out;
}

void SimRepository::setClass(const QString &nameSpace, const CimClass &cls)
{
    Namespace &ns = ensureNs(nameSpace);
    const QString key = classKey(cls.className());
    CimClass declaration = cls;
    declaration.setPath({});
    auto it = ns.classes.find(key);
    if (it == ns.classes.end()) {
        ns.classOrder.append(key);
        ns.classes.insert(key, ClassEntry {declaration, {}, {}});
    } else {
        it->declaration = declaration;
    }
    m_resolvedCache.clear();
}

bool SimRepository::removeClass(const QString &nameSpace, QStringView className)
{
    Namespace *ns = findNs(nameSpace);
    const QString key = classKey(className);
    if (!ns || !ns->classes.remove(key))
        return false;
    ns->classOrder.removeAll(key);
    m_resolvedCache.clear();
    return true;
}

QStringList SimRepository::subclassNames(const QString &nameSpace, QStringView className, bool deep) const
{
    QStringList out;
    const Namespace *ns = findNs(nameSpace);
    if (!ns)
        return out;
    // Breadth by generation keeps parents before children whatever order the classes were added in.
    QStringList parents {classKey(className)};
    while (!parents.isEmpty()) {
        QStringList children;
        for (const QString &key : ns->classOrder) {
            const CimClass &cls = ns->classes.value(key).declaration;
            QString superKey = classKey(cls.superClass());
            // A class whose superclass is not declared counts as a root, as it would after DeleteClass.
            if (!superKey.isEmpty() && !ns->classes.contains(superKey))
                superKey.clear();
            if (parents.contains(superKey))
                children.append(key);
        }
        for (const QString &key : children)
            out.append(ns->classes.value(key).declaration.className());
        if (!deep)
            break;
        parents = children;
    }
    return out;
}

QStringList SimRepository::superclassChain(const QString &nameSpace, QStringView className) const
{
    QStringList chain;
    const ClassEntry *entry = findEntry(nameSpace, className);
    while (entry && chain.size() < 64) { // 64: a cycle made by ModifyClass must not hang the server
        chain.append(entry->declaration.className());
        if (entry->declaration.superClass().isEmpty())
            break;
        entry = findEntry(nameSpace, entry->declaration.superClass());
    }
    return chain;
}

bool SimRepository::isA(const QString &nameSpace, QStringView className, QStringView ancestor) const
{
    const QStringList chain = superclassChain(nameSpace, className);
    return std::any_of(
        chain.cbegin(), chain.cend(), [ancestor](const QString &c) { return cimNamesEqual(c, ancestor); });
}

const CimClass *SimRepository::cachedResolvedClass(const QString &nameSpace, QStringView className) const
{
    const QString cacheKey = cimNamespaceWithoutSlashes(nameSpace).toLower() + u':' + classKey(className);
    auto it = m_resolvedCache.constFind(cacheKey);
    if (it != m_resolvedCache.cend())
        return &*it;

    const QStringList chain = superclassChain(nameSpace, className);
    if (chain.isEmpty())
        return nullptr;
    // Root first: each class's declaration is laid over what it inherits.
    CimClass resolved;
    for (auto c = chain.crbegin(); c != chain.crend(); ++c) {
        const CimClass &declaration = findEntry(nameSpace, *c)->declaration;
        CimClass next(declaration.className(), declaration.superClass());
        next.qualifiers() = localQualifiers(declaration.qualifiers());
        inheritQualifiers(next.qualifiers(), resolved.qualifiers());

        next.properties() = layMembers(resolved.properties(), declaration.properties(), declaration.className());
        next.methods() = layMembers(resolved.methods(), declaration.methods(), declaration.className());
        resolved = next;
    }
    return &*m_resolvedCache.insert(cacheKey, resolved);
}

std::optional<CimClass> SimRepository::resolvedClass(const QString &nameSpace, QStringView className) const
{
    const CimClass *cls = cachedResolvedClass(nameSpace, className);
    return cls ? std::optional<CimClass>(*cls) : std::nullopt;
}

QStringList SimRepository::keyPropertyNames(const QString &nameSpace, QStringView className) const
{
    QStringList keys;
    const CimClass *cls = cachedResolvedClass(nameSpace, className);
    if (!cls)
        return keys;
    for (const CimProperty &property : cls->properties()) {
        if (isTrueQualifier(property.qualifiers(), u"Key"))
            keys.append(property.name());
    }
    return keys;
}

bool SimRepository::isAssociation(const QString &nameSpace, QStringView className) const
{
    const CimClass *cls = cachedResolvedClass(nameSpace, className);
    return cls && isTrueQualifier(cls->qualifiers(), u"Association");
}

// --- instances ------------------------------------------------------------------------------------

QList<CimInstance> SimRepository::instances(const QString &nameSpace, QStringView className, bool deep) const
{
    QList<CimInstance> out;
    const ClassEntry *entry = findEntry(nameSpace, className);
    if (!entry)
        return out;
    QStringList classes {entry->declaration.className()};
    if (deep)
        classes += subclassNames(nameSpace, className, true);
    for (const QString &name : classes) {
        const ClassEntry *e = findEntry(nameSpace, name);
        out.reserve(out.size() + e->order.size());
        for (const CimInstanceName &path : e->order)
            out.append(e->instances.value(path));
    }
    return out;
}

QList<CimInstanceName> SimRepository::instanceNames(const QString &nameSpace, QStringView className, bool deep) const
{
    QList<CimInstanceName> out;
    const ClassEntry *entry = findEntry(nameSpace, className);
    if (!entry)
        return out;
    QStringList classes {entry->declaration.className()};
    if (deep)
        classes += subclassNames(nameSpace, className, true);
    for (const QString &name : classes)
        out += findEntry(nameSpace, name)->order;
    return out;
}

qsizetype SimRepository::instanceCount(const QString &nameSpace, QStringView className, bool deep) const
{
    const ClassEntry *entry = findEntry(nameSpace, className);
    if (!entry)
        return 0;
    qsizetype count = entry->order.size();
    if (deep) {
        for (const QString &name : subclassNames(nameSpace, className, true))
            count += findEntry(nameSpace, name)->order.size();
    }
    return count;
}

CimInstanceName SimRepository::localName(const QString &nameSpace, const CimInstanceName &name) const
{
    CimInstanceName local(name.className());
    const QString ns = cimNamespaceWithoutSlashes(nameSpace);
    for (const CimKeyBinding &key : name.keyBindings()) {
        CimValue value = key.value();
        if (value.type() == CimType::Reference && !value.isArray() && !value.isNull()) {
            CimInstanceName target = value.toReference();
            target.setHost({});
            if (cimNamesEqual(target.nameSpace(), ns))
                target.setNameSpace({});
            value = CimValue::reference(localName(ns, target));
        }
        local.keyBindings().insert(CimKeyBinding(key.name(), value));
    }
    if (const ClassEntry *entry = findEntry(nameSpace, name.className()))
        local.setClassName(entry->declaration.className());
    return local;
}

CimInstanceName SimRepository::pathOf(const QString &nameSpace, const CimInstance &instance) const
{
    const QStringList keys = keyPropertyNames(nameSpace, instance.className());
    if (keys.isEmpty())
        return {};
    CimInstanceName path(instance.className());
    for (const QString &key : keys) {
        const CimValue value = instance.value(key);
        if (value.type() == CimType::Invalid || value.isNull())
            return {};
        path.keyBindings().insert(CimKeyBinding(key, value));
    }
    return localName(nameSpace, path);
}

const CimInstance *SimRepository::findInstance(const QString &nameSpace, const CimInstanceName &name) const
{
    const ClassEntry *entry = findEntry(nameSpace, name.className());
    if (!entry)
        return nullptr;
    const auto it = entry->instances.constFind(localName(nameSpace, name));
    return it == entry->instances.cend() ? nullptr : &*it;
}

CimInstance SimRepository::completedInstance(const QString &nameSpace, const CimInstance &instance) const
{
    const CimClass *cls = cachedResolvedClass(nameSpace, instance.className());
    if (!cls)
        return instance;
    CimInstance out(cls->className());
    out.qualifiers() = instance.qualifiers();
    out.properties().reserve(cls->properties().size());
    for (const CimProperty &declared : cls->properties()) {
        const CimProperty *given = instance.property(declared.name());
        CimValue value = declared.value();
        if (given) {
            value = coerceValue(given->value(), declared.type(), declared.isArray(), declared.embeddedKind())
                        .value_or(given->value());
        }
        // Instance properties carry a name and a value: qualifiers and origins are the class's.
        out.properties().insert(CimProperty(declared.name(), value));
    }
    for (const CimProperty &property : instance.properties()) {
        if (!cls->properties().contains(property.name()))
            out.properties().insert(CimProperty(property.name(), property.value()));
    }
    return out;
}

CimInstanceName SimRepository::setInstance(const QString &nameSpace, const CimInstance &instance)
{
    Namespace *ns = findNs(nameSpace);
    if (!ns)
        return {};
    auto entry = ns->classes.find(classKey(instance.className()));
    if (entry == ns->classes.end())
        return {};
    CimInstance stored = completedInstance(nameSpace, instance);
    const CimInstanceName path = pathOf(nameSpace, stored);
    if (!path.isValid())
        return {};
    stored.setPath(path);
    if (!entry->instances.contains(path))
        entry->order.append(path);
    entry->instances.insert(path, stored);
    return path;
}

bool SimRepository::removeInstance(const QString &nameSpace, const CimInstanceName &name)
{
    Namespace *ns = findNs(nameSpace);
    if (!ns)
        return false;
    auto entry = ns->classes.find(classKey(name.className()));
    if (entry == ns->classes.end())
        return false;
    const CimInstanceName path = localName(nameSpace, name);
    if (!entry->instances.remove(path))
        return false;
    entry->order.removeOne(path);
    return true;
}

std::optional<CimValue> SimRepository::coerceValue(
    const CimValue &value, CimType type, bool isArray, CimEmbeddedKind embedded, QString *error)
{
    if (value.type() == CimType::Invalid || value.isNull())
        return CimValue::null(type, isArray, embedded);
    if (value.isArray() != isArray) {
        if (error)
            *error = isArray ? QStringLiteral("an array is required") : QStringLiteral("a scalar is required");
        return std::nullopt;
    }
    if (value.type() == type)
        return value;
    if (!isArray)
        return coerceScalar(value, type, embedded, error);
    QList<CimValue> elements;
    elements.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        auto element = coerceScalar(value.at(i), type, embedded, error);
        if (!element)
            return std::nullopt;
        elements.append(*element);
    }
    return CimValue::array(type, elements, embedded, error);
}

} // namespace cimdiag
