// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimClass.h"
#include "core/cim/CimInstance.h"
#include "core/cim/CimInstanceName.h"
#include "core/cim/CimQualifierDeclaration.h"
#include "core/sim/SimModelOptions.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace cimdiag {

/// The simulator's in-memory CIM repository: namespaces holding qualifier declarations, classes (as
/// declared, with their superclass chain resolved on demand) and instances keyed by their local
/// instance path (class and keys; no host, no namespace).
///
/// It checks nothing a CIM server must check (existence of superclasses, declared qualifiers, keys):
/// SimOperationHandler does, so tests and scenarios can build odd repositories on purpose. Names of
/// namespaces, classes, properties and qualifiers compare case-insensitively (DSP0004 5.1); the
/// spelling stored first is the one returned. Not thread-safe: it belongs to the server's thread.
class SimRepository final
{
public:
    SimRepository() = default;

    /// The built-in model (SimDefaultModel): an interop namespace with the DSP1033 classes and a
    /// managed namespace with a computer system, fans, sensors, a record log and their associations.
    static SimRepository withDefaultModel(const SimModelOptions &options = {});

    /// The interop namespace of the model (empty when none was set); what the SLP responder
    /// advertises as InteropSchemaNamespace.
    const QString &interopNamespace() const { return m_interopNamespace; }
    void setInteropNamespace(const QString &nameSpace) { m_interopNamespace = nameSpace; }

    // Namespaces. Leading and trailing '/' are ignored everywhere a namespace is passed in.
    QStringList namespaces() const;
    /// The stored spelling of nameSpace; empty when there is no such namespace.
    QString findNamespace(const QString &nameSpace) const;
    bool hasNamespace(const QString &nameSpace) const { return !findNamespace(nameSpace).isEmpty(); }
    /// Adds an empty namespace; does nothing when it exists.
    void addNamespace(const QString &nameSpace);
    bool removeNamespace(const QString &nameSpace);

    // Qualifier declarations, per namespace as DSP0200 keeps them.
    QList<CimQualifierDeclaration> qualifierDeclarations(const QString &nameSpace) const;
    const CimQualifierDeclaration *findQualifierDeclaration(const QString &nameSpace, QStringView name) const;
    /// Adds or replaces; adds the namespace when missing.
    void setQualifierDeclaration(const QString &nameSpace, const CimQualifierDeclaration &declaration);
    bool removeQualifierDeclaration(const QString &nameSpace, QStringView name);

    // Classes.
    /// The class as declared (local elements only, no path); nullptr when unknown.
    const CimClass *findClass(const QString &nameSpace, QStringView className) const;
    bool hasClass(const QString &nameSpace, QStringView className) const
    {
        return findClass(nameSpace, className) != nullptr;
    }
    /// Declared class names in the order they were added.
    QStringList classNames(const QString &nameSpace) const;
    /// Adds or replaces a declaration (replacing keeps the instances); adds the namespace when missing.
    void setClass(const QString &nameSpace, const CimClass &cls);
    /// Removes the class and its instances.
    bool removeClass(const QString &nameSpace, QStringView className);
    /// The subclasses of className (direct ones, or all descendants when deep), parents before
    /// children. An empty className means the root classes (or every class when deep).
    QStringList subclassNames(const QString &nameSpace, QStringView className, bool deep) const;
    /// className, its superclass, ... up to the root; empty when className is unknown. A superclass
    /// that is not declared ends the chain.
    QStringList superclassChain(const QString &nameSpace, QStringView className) const;
    /// Whether className is ancestor or one of its subclasses.
    bool isA(const QString &nameSpace, QStringView className, QStringView ancestor) const;
    /// The class with its inherited elements (DSP0004 inheritance): inherited properties and methods
    /// are PROPAGATED with CLASSORIGIN the declaring class, qualifiers with the TOSUBCLASS flavor
    /// propagate, an override keeps the subclass's definition and inherits its unset qualifiers.
    std::optional<CimClass> resolvedClass(const QString &nameSpace, QStringView className) const;
    /// The Key properties of className in class order (inherited ones included).
    QStringList keyPropertyNames(const QString &nameSpace, QStringView className) const;
    /// Whether the class (or an ancestor) carries Association(true).
    bool isAssociation(const QString &nameSpace, QStringView className) const;

    // Instances.
    /// Instances of className and (when deep) its subclasses, class by class in subclassNames()
    /// order, each in insertion order. Each carries its local path.
    QList<CimInstance> instances(const QString &nameSpace, QStringView className, bool deep = true) const;
    QList<CimInstanceName> instanceNames(const QString &nameSpace, QStringView className, bool deep = true) const;
    qsizetype instanceCount(const QString &nameSpace, QStringView className, bool deep = false) const;
    /// The instance at name (host and namespace of name are ignored); nullptr when absent.
    const CimInstance *findInstance(const QString &nameSpace, const CimInstanceName &name) const;
    /// The local path of instance from the Key properties of its class: no host, no namespace, and
    /// reference keys into this namespace made local too, so the same instance always has one name.
    /// Invalid when the class is unknown, has no keys, or a key is NULL.
    CimInstanceName pathOf(const QString &nameSpace, const CimInstance &instance) const;
    /// name as the repository keys it (see pathOf()).
    CimInstanceName localName(const QString &nameSpace, const CimInstanceName &name) const;
    /// Completes instance to its class (every class property present, in class order, missing ones
    /// with the class default or NULL; string values of other-typed properties converted), gives it
    /// its path and stores it, replacing an instance with the same path. Returns the stored path,
    /// invalid (and nothing stored) when pathOf() is.
    CimInstanceName setInstance(const QString &nameSpace, const CimInstance &instance);
    bool removeInstance(const QString &nameSpace, const CimInstanceName &name);

    /// The instance completed to its class as setInstance() stores it, without storing it.
    CimInstance completedInstance(const QString &nameSpace, const CimInstance &instance) const;

    /// value as a value of the given type: NULL and invalid values become a NULL of that type, strings
    /// are parsed (intrinsic parameters such as SetProperty's NewValue arrive untyped), integers are
    /// range-checked into another integer type, integers and reals become reals. nullopt (with
    /// *error) when it does not fit or array-ness differs.
    static std::optional<CimValue> coerceValue(const CimValue &value, CimType type, bool isArray,
        CimEmbeddedKind embedded = CimEmbeddedKind::None, QString *error = nullptr);

private:
    struct ClassEntry
    {
        CimClass declaration;
        QList<CimInstanceName> order;
        QHash<CimInstanceName, CimInstance> instances;
    };
    struct Namespace
    {
        QString name;
        QStringList classOrder; ///< lower-cased class names in insertion order
        QHash<QString, ClassEntry> classes; ///< keyed by lower-cased class name
        CimNamedList<CimQualifierDeclaration> qualifiers;
    };

    const Namespace *findNs(const QString &nameSpace) const;
    Namespace *findNs(const QString &nameSpace);
    Namespace &ensureNs(const QString &nameSpace);
    const ClassEntry *findEntry(const QString &nameSpace, QStringView className) const;
    const CimClass *cachedResolvedClass(const QString &nameSpace, QStringView className) const;

    QList<Namespace> m_namespaces;
    QString m_interopNamespace;
    // Resolving walks the superclass chain; instances are completed against the resolved class, so it
    // is cached (the model and benchmarks add thousands of instances) and dropped on any class change.
    mutable QHash<QString, CimClass> m_resolvedCache;
};

} // namespace cimdiag
