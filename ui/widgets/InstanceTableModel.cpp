// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/InstanceTableModel.h"

#include <QElapsedTimer>
#include <QFont>

#include <algorithm>

namespace cimdiag {

namespace {
bool hasTrueQualifier(const CimQualifierList &qualifiers, QStringView name)
{
    const CimQualifier *q = qualifiers.find(name);
    return q && q->type() == CimType::Boolean && !q->value().isNull() && !q->value().isArray() && q->value().toBool();
}

/// A scalar's text for the table: strings without MOF quotes and escapes, the rest as MOF.
QString scalarText(const CimValue &value, const std::optional<CimValueMapping> &mapping)
{
    if (value.isNull())
        return QStringLiteral("NULL");
    if (mapping && isIntegerType(value.type())) {
        const qint64 number = value.toSigned();
        // uint64 beyond qint64 wraps in toSigned(); such a value cannot be in a ValueMap anyway.
        const bool fits = isSignedIntegerType(value.type()) || value.toUnsigned() <= quint64(INT64_MAX);
        const std::optional<QString> values = fits ? mapping->toValues(number) : std::nullopt;
        const QString raw = value.toMof();
        return values ? QStringLiteral("%1 (%2)").arg(raw, *values) : raw;
    }
    if (value.type() == CimType::String && value.embeddedKind() == CimEmbeddedKind::None)
        return value.toString();
    if (value.type() == CimType::Char16)
        return QString(value.toChar16());
    return value.toMof();
}
} // namespace

InstanceTableModel::InstanceTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_loader.setSingleShot(true);
    m_loader.setInterval(0); // the next slice once pending events (input, paint) had their turn
    connect(&m_loader, &QTimer::timeout, this, &InstanceTableModel::loadNextSlice);
}

InstanceTableModel::~InstanceTableModel() = default;

void InstanceTableModel::setInstances(const QList<CimInstance> &instances, const CimClass &cls)
{
    m_loader.stop(); // the rest of an earlier list never arrives
    beginResetModel();
    m_instances = instances; // implicitly shared: no copy of 20,000 instances
    m_class = cls;
    m_columns.clear();
    m_keyColumns = 0;
    m_rows = 0;
    m_spellings.clear();
    m_pathKeySpellings.clear();
    m_rows = absorbSlice(false);
    // Keys first, each group in first-seen order.
    std::stable_partition(m_columns.begin(), m_columns.end(), [](const Column &column) { return column.key; });
    m_keyColumns = int(std::count_if(m_columns.cbegin(), m_columns.cend(), [](const Column &c) { return c.key; }));
    endResetModel();
    if (isLoading())
        m_loader.start();
    else
        Q_EMIT loadingFinished();
}

void InstanceTableModel::loadNextSlice()
{
    if (!isLoading())
        return;
    const qsizetype end = absorbSlice(true);
    beginInsertRows({}, int(m_rows), int(end - 1));
    m_rows = end;
    endInsertRows();
    if (isLoading())
        m_loader.start();
    else
        Q_EMIT loadingFinished();
}

qsizetype InstanceTableModel::absorbSlice(bool notify)
{
    QElapsedTimer budget;
    budget.start();
    const qsizetype end = std::min(m_instances.size(), m_rows + kSliceRows);
    for (qsizetype row = m_rows; row < end; ++row) {
        const CimInstance &instance = m_instances.at(row);
        for (const CimProperty &property : instance.properties())
            noteName(property.name(), false, notify);
        // Keys that only the path carries (an instance sent without its key properties).
        for (const CimKeyBinding &binding : instance.path().keyBindings())
            noteName(binding.name(), true, notify);
        // The clock is read every 256 rows only; at least that many rows make progress.
        if ((row - m_rows) % 256 == 255 && budget.elapsed() >= kSliceBudgetMs)
            return row + 1;
    }
    return end;
}

int InstanceTableModel::findColumn(const QString &name) const
{
    for (int column = 0; column < m_columns.size(); ++column) {
        if (cimNamesEqual(m_columns.at(column).name, name))
            return column;
    }
    return -1;
}

void InstanceTableModel::noteName(const QString &name, bool inPath, bool notify)
{
    // Union of names, case-insensitively (DSP0004 5.1), first spelling seen wins. Instances of one
    // class spell their names alike: an exact spelling met before is found by hash, so 20,000
    // instances cost a hash lookup per property instead of a case-insensitive scan of every
    // column (bench_gui_stall: the GUI thread must not stall, issue #5).
    if (!m_spellings.contains(name)) {
        m_spellings.insert(name);
        if (findColumn(name) < 0) {
            Column column {name, false, false, std::nullopt};
            if (const CimProperty *declared = m_class.properties().find(name)) {
                column.declared = true;
                column.key = hasTrueQualifier(declared->qualifiers(), u"Key");
                // ValueMap/Values parsed once per column, not per cell.
                column.mapping = CimValueMapping::forProperty(m_class, name);
            }
            // Without the class, a name in any instance path's key bindings is a key: below.
            const int at = notify && column.key ? m_keyColumns : int(m_columns.size());
            if (notify)
                beginInsertColumns({}, at, at);
            m_columns.insert(at, std::move(column));
            if (notify) {
                m_keyColumns += m_columns.at(at).key ? 1 : 0;
                endInsertColumns();
            }
        }
    }
    if (!inPath || m_pathKeySpellings.contains(name))
        return;
    m_pathKeySpellings.insert(name);
    const int at = findColumn(name);
    if (at < 0 || m_columns.at(at).declared || m_columns.at(at).key)
        return;
    m_columns[at].key = true;
    if (!notify)
        return;
    // A column met in an earlier slice turns out to be a key: it moves among the keys.
    if (at != m_keyColumns) {
        beginMoveColumns({}, at, at, {}, m_keyColumns);
        m_columns.move(at, m_keyColumns);
        endMoveColumns();
    }
    ++m_keyColumns;
    Q_EMIT headerDataChanged(Qt::Horizontal, m_keyColumns - 1, m_keyColumns - 1);
}

void InstanceTableModel::clear()
{
    setInstances({}, CimClass());
}

QString InstanceTableModel::propertyName(int column) const
{
    return column >= 0 && column < m_columns.size() ? m_columns.at(column).name : QString();
}

bool InstanceTableModel::isKeyColumn(int column) const
{
    return column >= 0 && column < m_columns.size() && m_columns.at(column).key;
}

QString InstanceTableModel::displayText(int column, const CimValue &value) const
{
    if (column < 0 || column >= m_columns.size() || value.type() == CimType::Invalid)
        return {};
    const std::optional<CimValueMapping> &mapping = m_columns.at(column).mapping;
    if (!value.isArray())
        return scalarText(value, mapping);
    if (value.isNull())
        return QStringLiteral("NULL");
    QStringList parts;
    const QList<CimValue> elements = value.elements();
    parts.reserve(elements.size());
    for (const CimValue &element : elements) {
        // Array elements keep MOF quoting so "{a, b}" cannot be confused with one element "a, b".
        parts << (mapping || element.isNull() ? scalarText(element, mapping) : element.toMof());
    }
    return u'{' + parts.join(QStringLiteral(", ")) + u'}';
}

int InstanceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows);
}

int InstanceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

CimValue InstanceTableModel::valueAt(int row, int column) const
{
    const CimInstance &instance = m_instances.at(row);
    const QString &name = m_columns.at(column).name;
    if (const CimProperty *property = instance.property(name))
        return property->value();
    return instance.path().keyBinding(name);
}

QString InstanceTableModel::typeText(int column, const CimValue &value) const
{
    CimType type = value.type();
    bool array = value.isArray();
    CimEmbeddedKind embedded = value.embeddedKind();
    if (type == CimType::Invalid) {
        // Not in this instance: the declared type, if the class has the property.
        const CimProperty *declared = m_class.properties().find(m_columns.at(column).name);
        if (!declared)
            return {};
        type = declared->type();
        array = declared->isArray();
        embedded = declared->embeddedKind();
    }
    QString text = cimTypeName(type);
    if (array)
        text += QStringLiteral("[]");
    if (embedded != CimEmbeddedKind::None)
        text += QStringLiteral(" (embedded %1)").arg(cimEmbeddedKindName(embedded));
    return text;
}

QVariant InstanceTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CimValue value = valueAt(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(index.column(), value);
    case Qt::ToolTipRole: {
        if (value.type() == CimType::Invalid)
            return tr("This instance has no property %1").arg(m_columns.at(index.column()).name);
        return tr("Raw value: %1\nType: %2").arg(value.toMof(), typeText(index.column(), value));
    }
    case RawValueRole:
        return value.type() == CimType::Invalid ? QVariant() : QVariant(value.toMof());
    case SortRole:
        if (!value.isNull() && !value.isArray()) {
            if (isSignedIntegerType(value.type()))
                return value.toSigned();
            if (isIntegerType(value.type()))
                return value.toUnsigned();
            if (isRealType(value.type()))
                return value.toReal();
        }
        return displayText(index.column(), value);
    case Qt::FontRole:
        if (value.isNull() && value.type() != CimType::Invalid) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (!value.isArray() && (isIntegerType(value.type()) || isRealType(value.type()))
            && !m_columns.at(index.column()).mapping)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant InstanceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_columns.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    const Column &column = m_columns.at(section);
    switch (role) {
    case Qt::DisplayRole:
        return column.name;
    case Qt::ToolTipRole: {
        QStringList lines;
        const QString type = typeText(section, CimValue());
        lines << (type.isEmpty() ? column.name : tr("%1 (%2)").arg(column.name, type));
        if (column.key)
            lines << tr("Key property");
        if (column.mapping)
            lines << tr("Values mapped through ValueMap/Values; hover a cell for the raw value");
        return lines.join(u'\n');
    }
    case Qt::FontRole:
        if (column.key) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    default:
        return {};
    }
}

} // namespace cimdiag
