// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace cimdiag {

/// CIM names (classes, properties, qualifiers, methods, parameters, namespaces, keys) compare
/// case-insensitively (DSP0004 5.1).
inline bool cimNamesEqual(QStringView a, QStringView b)
{
    if (a.size() != b.size())
        return false;
    // CIM names are almost always ASCII: fold those here and leave the rest to Unicode case folding.
    for (qsizetype i = 0; i < a.size(); ++i) {
        char16_t x = a[i].unicode();
        char16_t y = b[i].unicode();
        if (x == y)
            continue;
        if (x >= 0x80 || y >= 0x80)
            return a.sliced(i).compare(b.sliced(i), Qt::CaseInsensitive) == 0;
        if (x >= u'A' && x <= u'Z')
            x = static_cast<char16_t>(x + (u'a' - u'A'));
        if (y >= u'A' && y <= u'Z')
            y = static_cast<char16_t>(y + (u'a' - u'A'));
        if (x != y)
            return false;
    }
    return true;
}

/// A namespace as DSP0200 sends it: without leading or trailing '/' ("/root/cimv2/" -> "root/cimv2";
/// pywbem#255 shows servers that reject the slashes).
inline QString cimNamespaceWithoutSlashes(const QString &nameSpace)
{
    qsizetype start = 0;
    qsizetype end = nameSpace.size();
    while (start < end && nameSpace[start] == u'/')
        ++start;
    while (end > start && nameSpace[end - 1] == u'/')
        --end;
    return start == 0 && end == nameSpace.size() ? nameSpace : nameSpace.sliced(start, end - start);
}

/// An ordered list of named CIM elements (T has name()) with case-insensitive look-up: the C++ peer
/// of pywbem's NocaseDict. Insertion keeps order; inserting an existing name replaces it in place.
/// Equality ignores order, as it does in pywbem.
template<typename T>
class CimNamedList final
{
public:
    using const_iterator = typename QList<T>::const_iterator;

    CimNamedList() = default;
    CimNamedList(std::initializer_list<T> items)
    {
        for (const T &item : items)
            insert(item);
    }

    qsizetype size() const { return m_items.size(); }
    bool isEmpty() const { return m_items.isEmpty(); }
    void reserve(qsizetype n) { m_items.reserve(n); }
    void clear() { m_items.clear(); }
    const T &at(qsizetype i) const { return m_items.at(i); }
    const QList<T> &items() const { return m_items; }
    const_iterator begin() const { return m_items.cbegin(); }
    const_iterator end() const { return m_items.cend(); }

    qsizetype indexOf(QStringView name) const
    {
        for (qsizetype i = 0; i < m_items.size(); ++i) {
            if (cimNamesEqual(m_items.at(i).name(), name))
                return i;
        }
        return -1;
    }
    bool contains(QStringView name) const { return indexOf(name) >= 0; }
    const T *find(QStringView name) const
    {
        const qsizetype i = indexOf(name);
        return i < 0 ? nullptr : &m_items.at(i);
    }
    T *find(QStringView name)
    {
        const qsizetype i = indexOf(name);
        return i < 0 ? nullptr : &m_items[i];
    }
    /// Adds item, or replaces the element of the same name (keeping its position). Returns true when
    /// it replaced one.
    bool insert(T item)
    {
        const qsizetype i = indexOf(item.name());
        if (i >= 0) {
            m_items[i] = std::move(item);
            return true;
        }
        m_items.append(std::move(item));
        return false;
    }
    /// Appends item without looking for its name: for callers that already know it is new (the
    /// decoder checks duplicates with a hash for long lists).
    void appendUnique(T item) { m_items.append(std::move(item)); }
    bool remove(QStringView name)
    {
        const qsizetype i = indexOf(name);
        if (i < 0)
            return false;
        m_items.removeAt(i);
        return true;
    }

    friend bool operator==(const CimNamedList &a, const CimNamedList &b)
    {
        if (a.size() != b.size())
            return false;
        for (const T &item : a.m_items) {
            const T *other = b.find(item.name());
            if (!other || !(item == *other))
                return false;
        }
        return true;
    }

private:
    QList<T> m_items;
};

} // namespace cimdiag
