// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimClass.h"

#include <QList>
#include <QString>

#include <optional>

namespace cimdiag {

/// Maps integer values of a property, method return or parameter to the strings of its Values
/// qualifier through its ValueMap qualifier (pywbem's ValueMapping). ValueMap entries may be single
/// values ("3"), ranges ("4..6", "..9", "10.."), or ".." for every value no other entry claims.
/// Without ValueMap, Values maps 0, 1, 2... in order.
class CimValueMapping final
{
public:
    /// One ValueMap entry; for ".." isUnclaimed is true and the bounds are unused.
    struct Entry
    {
        qint64 low = 0;
        qint64 high = 0;
        bool isUnclaimed = false;
        QString values;
        friend bool operator==(const Entry &, const Entry &) = default;
    };

    /// Builds the mapping from a qualifier list for an element of integer type. nullopt with *error
    /// when the element has no Values qualifier, is not an integer, or the qualifiers disagree
    /// (different lengths, unparseable or out-of-range ValueMap entry).
    static std::optional<CimValueMapping> fromQualifiers(CimType type, const CimQualifierList &qualifiers,
                                                         QString *error = nullptr);
    static std::optional<CimValueMapping> forProperty(const CimClass &cls, QStringView property,
                                                      QString *error = nullptr);
    static std::optional<CimValueMapping> forMethod(const CimClass &cls, QStringView method,
                                                    QString *error = nullptr);
    static std::optional<CimValueMapping> forParameter(const CimClass &cls, QStringView method,
                                                       QStringView parameter, QString *error = nullptr);

    /// The Values string for an integer value; nullopt when no entry (and no "..") claims it.
    std::optional<QString> toValues(qint64 value) const;
    /// The entry whose Values string equals values (exact match, as pywbem): the value for single
    /// entries, the range for ranges; nullopt when no entry has that string.
    std::optional<Entry> toValueMap(QStringView values) const;

    const QList<Entry> &entries() const { return m_entries; }
    CimType type() const { return m_type; }

private:
    QList<Entry> m_entries;
    CimType m_type = CimType::Invalid;
};

} // namespace cimdiag
