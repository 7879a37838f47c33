// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimValueMapping.h"

#include "core/cim/CimIntegerLiteral.h"

#include <QStringList>

#include <limits>

namespace cimdiag {

namespace {

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

// Entry bounds are qint64: uint64 elements are mapped up to 2^63-1, which is where open ranges end.
qint64 typeMinimum(CimType type)
{
    return cimIntegerMinimum(type);
}

qint64 typeMaximum(CimType type)
{
    constexpr auto kMax = static_cast<quint64>(std::numeric_limits<qint64>::max());
    return static_cast<qint64>(std::min(cimIntegerMaximum(type), kMax));
}

QString rangeText(CimType type)
{
    return QStringLiteral("%1 (%2..%3)")
        .arg(cimTypeName(type))
        .arg(cimIntegerMinimum(type))
        .arg(cimIntegerMaximum(type));
}

// A string array qualifier's elements; nullopt when absent. *ok is false when present but malformed.
std::optional<QStringList> stringArray(const CimQualifierList &qualifiers, QStringView name, bool *ok, QString *error)
{
    *ok = true;
    const CimQualifier *q = qualifiers.find(name);
    if (!q)
        return std::nullopt;
    const CimValue &v = q->value();
    if (v.type() != CimType::String || !v.isArray() || v.isNull()) {
        *ok = fail(error, QStringLiteral("the %1 qualifier is not a string array").arg(name));
        return std::nullopt;
    }
    QStringList result;
    for (qsizetype i = 0; i < v.size(); ++i) {
        const CimValue element = v.at(i);
        if (element.isNull()) {
            *ok = fail(error, QStringLiteral("%1 entry %2 is NULL").arg(name).arg(i));
            return std::nullopt;
        }
        result.append(element.toString());
    }
    return result;
}

struct Bound
{
    bool open = true;
    qint64 value = 0;
};

struct ParsedEntry
{
    Bound low;
    Bound high;
    bool isUnclaimed = false;
};

bool parseBound(QStringView text, CimType type, const QString &entry, qsizetype index, Bound *bound, QString *error)
{
    if (text.isEmpty())
        return true;
    const auto literal = CimIntegerLiteral::parse(text);
    if (!literal)
        return fail(error, QStringLiteral("ValueMap entry %1 \"%2\" is not an integer or range").arg(index).arg(entry));
    const std::optional<qint64> value = literal->toSigned();
    if (!value || *value < typeMinimum(type) || *value > typeMaximum(type))
        return fail(error,
            QStringLiteral("ValueMap entry %1 \"%2\" is out of range for %3").arg(index).arg(entry, rangeText(type)));
    bound->open = false;
    bound->value = *value;
    return true;
}

} // namespace

std::optional<CimValueMapping> CimValueMapping::fromQualifiers(
    CimType type, const CimQualifierList &qualifiers, QString *error)
{
    if (!isIntegerType(type)) {
        fail(error,
            QStringLiteral("a value mapping needs an integer type, not %1")
                .arg(type == CimType::Invalid ? QStringLiteral("none") : cimTypeName(type)));
        return std::nullopt;
    }
    bool ok = true;
    const std::optional<QStringList> values = stringArray(qualifiers, u"Values", &ok, error);
    if (!ok)
        return std::nullopt;
    if (!values) {
        fail(error, QStringLiteral("there is no Values qualifier")); // DSP0004 gives Values no default
        return std::nullopt;
    }
    const std::optional<QStringList> valueMap = stringArray(qualifiers, u"ValueMap", &ok, error);
    if (!ok)
        return std::nullopt;

    CimValueMapping mapping;
    mapping.m_type = type;
    if (!valueMap) {
        // DSP0004: without ValueMap, Values maps 0, 1, 2...
        if (!values->isEmpty() && values->size() - 1 > typeMaximum(type)) {
            fail(error,
                QStringLiteral("Values has %1 entries, more than %2 can number")
                    .arg(values->size())
                    .arg(rangeText(type)));
            return std::nullopt;
        }
        for (qsizetype i = 0; i < values->size(); ++i)
            mapping.m_entries.append(Entry {i, i, false, values->at(i)});
        return mapping;
    }
    if (valueMap->size() != values->size()) {
        fail(error,
            QStringLiteral("ValueMap has %1 entries but Values has %2").arg(valueMap->size()).arg(values->size()));
        return std::nullopt;
    }

    QList<ParsedEntry> parsed(valueMap->size());
    for (qsizetype i = 0; i < valueMap->size(); ++i) {
        const QString &entry = valueMap->at(i);
        ParsedEntry &p = parsed[i];
        const QStringView text = QStringView(entry).trimmed();
        if (text == u"..") {
            p.isUnclaimed = true;
            continue;
        }
        const qsizetype dots = text.indexOf(u"..");
        if (dots < 0) {
            if (text.isEmpty()) {
                fail(error, QStringLiteral("ValueMap entry %1 is empty").arg(i));
                return std::nullopt;
            }
            if (!parseBound(text, type, entry, i, &p.low, error))
                return std::nullopt;
            p.high = p.low;
            continue;
        }
        if (!parseBound(text.first(dots), type, entry, i, &p.low, error)
            || !parseBound(text.sliced(dots + 2), type, entry, i, &p.high, error))
            return std::nullopt;
    }

    // pywbem's rule for open ends: "..n" starts after the previous entry, "n.." ends before the next
    // one, and at the type's limits when there is none. ".." entries are skipped as neighbours (pywbem
    // would recurse forever on them), and two open ends facing each other are an error.
    const auto neighbour = [&](qsizetype i, int step) -> qsizetype {
        for (qsizetype j = i + step; j >= 0 && j < parsed.size(); j += step) {
            if (!parsed[j].isUnclaimed)
                return j;
        }
        return -1;
    };
    for (qsizetype i = 0; i < parsed.size(); ++i) {
        const ParsedEntry &p = parsed[i];
        if (p.isUnclaimed) {
            mapping.m_entries.append(Entry {0, 0, true, values->at(i)});
            continue;
        }
        qint64 low = p.low.value;
        qint64 high = p.high.value;
        if (p.low.open) {
            const qsizetype previous = neighbour(i, -1);
            if (previous < 0) {
                low = typeMinimum(type);
            } else if (parsed[previous].high.open) {
                fail(error,
                    QStringLiteral("ValueMap entries %1 \"%2\" and %3 \"%4\" are open towards each other")
                        .arg(previous)
                        .arg(valueMap->at(previous))
                        .arg(i)
                        .arg(valueMap->at(i)));
                return std::nullopt;
            } else if (parsed[previous].high.value == typeMaximum(type)) {
                low = typeMaximum(type); // becomes an empty range below
                high = low - 1;
            } else {
                low = parsed[previous].high.value + 1;
            }
        }
        if (p.high.open) {
            const qsizetype next = neighbour(i, +1);
            if (next < 0) {
                high = typeMaximum(type);
            } else if (parsed[next].low.open) {
                fail(error,
                    QStringLiteral("ValueMap entries %1 \"%2\" and %3 \"%4\" are open towards each other")
                        .arg(i)
                        .arg(valueMap->at(i))
                        .arg(next)
                        .arg(valueMap->at(next)));
                return std::nullopt;
            } else if (parsed[next].low.value == typeMinimum(type)) {
                high = typeMinimum(type);
                low = high + 1;
            } else {
                high = parsed[next].low.value - 1;
            }
        }
        if (low > high) {
            fail(error,
                QStringLiteral("ValueMap entry %1 \"%2\" is the empty range %3..%4")
                    .arg(i)
                    .arg(valueMap->at(i))
                    .arg(low)
                    .arg(high));
            return std::nullopt;
        }
        mapping.m_entries.append(Entry {low, high, false, values->at(i)});
    }
    return mapping;
}

std::optional<CimValueMapping> CimValueMapping::forProperty(const CimClass &cls, QStringView property, QString *error)
{
    const CimProperty *p = cls.properties().find(property);
    if (!p) {
        fail(error, QStringLiteral("class %1 has no property %2").arg(cls.className(), property));
        return std::nullopt;
    }
    QString reason;
    auto mapping = fromQualifiers(p->type(), p->qualifiers(), &reason);
    if (!mapping)
        fail(error, QStringLiteral("property %1 of class %2: %3").arg(p->name(), cls.className(), reason));
    return mapping;
}

std::optional<CimValueMapping> CimValueMapping::forMethod(const CimClass &cls, QStringView method, QString *error)
{
    const CimMethod *m = cls.methods().find(method);
    if (!m) {
        fail(error, QStringLiteral("class %1 has no method %2").arg(cls.className(), method));
        return std::nullopt;
    }
    QString reason;
    auto mapping = fromQualifiers(m->returnType(), m->qualifiers(), &reason);
    if (!mapping)
        fail(error, QStringLiteral("method %1 of class %2: %3").arg(m->name(), cls.className(), reason));
    return mapping;
}

std::optional<CimValueMapping> CimValueMapping::forParameter(
    const CimClass &cls, QStringView method, QStringView parameter, QString *error)
{
    const CimMethod *m = cls.methods().find(method);
    if (!m) {
        fail(error, QStringLiteral("class %1 has no method %2").arg(cls.className(), method));
        return std::nullopt;
    }
    const CimParameter *p = m->parameters().find(parameter);
    if (!p) {
        fail(error,
            QStringLiteral("method %1 of class %2 has no parameter %3").arg(m->name(), cls.className(), parameter));
        return std::nullopt;
    }
    QString reason;
    auto mapping = fromQualifiers(p->type(), p->qualifiers(), &reason);
    if (!mapping) {
        fail(error,
            QStringLiteral("parameter %1 of method %2 of class %3: %4")
                .arg(p->name(), m->name(), cls.className(), reason));
    }
    return mapping;
}

std::optional<QString> CimValueMapping::toValues(qint64 value) const
{
    // pywbem's order: single values first, then ranges, then "..".
    for (const Entry &e : m_entries) {
        if (!e.isUnclaimed && e.low == e.high && e.low == value)
            return e.values;
    }
    for (const Entry &e : m_entries) {
        if (!e.isUnclaimed && e.low != e.high && e.low <= value && value <= e.high)
            return e.values;
    }
    for (const Entry &e : m_entries) {
        if (e.isUnclaimed)
            return e.values;
    }
    return std::nullopt;
}

std::optional<CimValueMapping::Entry> CimValueMapping::toValueMap(QStringView values) const
{
    // pywbem keeps a dict from Values string to entry, so when two entries share a string the later one
    // wins; searching from the end gives the same answer.
    for (auto it = m_entries.crbegin(); it != m_entries.crend(); ++it) {
        if (it->values == values)
            return *it;
    }
    return std::nullopt;
}

} // namespace cimdiag
