// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimInstance.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace cimdiag {

/// The subset of WQL the simulator answers ExecQuery and OpenQueryInstances with:
/// `SELECT * | Prop[, Prop...] FROM Class [WHERE Prop op literal [AND|OR Prop op literal ...]]`, op one
/// of = <> != < <= > >=, literals 'text', "text", integers, reals, TRUE, FALSE, NULL (with IS [NOT]
/// NULL). AND binds tighter than OR; no parentheses. Keywords are case-insensitive. Enough for what
/// clients and indication filters send in the field; anything else is an invalid query.
class SimWqlQuery final
{
public:
    /// nullopt with *error (what and where) when text is not in the subset.
    static std::optional<SimWqlQuery> parse(QStringView text, QString *error = nullptr);

    const QString &className() const { return m_className; }
    /// The selected properties; nullopt for `*`.
    const std::optional<QStringList> &selectList() const { return m_selectList; }
    /// Whether instance satisfies the WHERE clause (always true without one). A property the instance
    /// lacks is NULL, and NULL compares unequal to everything, as in SQL.
    bool matches(const CimInstance &instance) const;

private:
    enum class Op : quint8 { Eq, Ne, Lt, Le, Gt, Ge, IsNull, IsNotNull };
    struct Condition
    {
        QString property;
        Op op = Op::Eq;
        CimValue literal;
    };
    static bool test(const Condition &condition, const CimInstance &instance);

    QString m_className;
    std::optional<QStringList> m_selectList;
    /// Disjunction of conjunctions: OR of ANDs.
    QList<QList<Condition>> m_where;
};

} // namespace cimdiag
