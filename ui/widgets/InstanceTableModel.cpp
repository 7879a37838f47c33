// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/InstanceTableModel.h"

#include <QFont>
#include <QSet>

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
{ }

InstanceTableModel::~InstanceTableModel() = default;

void InstanceTableModel::setInstances(const QList<CimInstance> &instances, const CimClass &cls)
{
    beginResetModel();
    m_instances = instances;
    m_class = cls;
    m_columns.clear();

    // Union of names, case-insensitively (DSP0004 5.1), first spelling seen wins. Instances of one
    // class spell their names alike: an exact spelling met before is found by hash, so 20,000
    // instances cost a hash lookup per property instead of a case-insensitive scan of every
    // column (bench_gui_stall: the GUI thread must not stall, issue #5).
    QList<Column> seen;
    QSet<QString> spellings;
    auto add = [&seen, &spellings](const QString &name) {
        if (spellings.contains(name))
            return;
        spellings.insert(name);
        for (const Column &column : std::as_const(seen)) {
            if (cimNamesEqual(column.name, name))
                return;
        }
        seen.append(Column {name, false, std::nullopt});
    };
    for (const CimInstance &instance : instances) {
        for (const CimProperty &property : instance.properties())
            add(property.name());
        // Keys that only the path carries (an instance sent without its key properties).
        for (const CimKeyBinding &binding : instance.path().keyBindings())
            add(binding.name());
    }

    QList<Column> keys;
    QList<Column> others;
    for (Column &column : seen) {
        const CimProperty *declared = cls.properties().find(column.name);
        column.key = declared ? hasTrueQualifier(declared->qualifiers(), u"Key") : false;
        if (!declared) {
            // Without the class, a name in any instance path's key bindings is a key.
            for (const CimInstance &instance : instances) {
                if (instance.path().keyBindings().contains(column.name)) {
                    column.key = true;
                    break;
                }
            }
        }
        column.mapping = CimValueMapping::forProperty(cls, column.name);
        (column.key ? keys : others).append(std::move(column));
    }
    m_columns = keys + others;
    endResetModel();
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
    return parent.isValid() ? 0 : int(m_instances.size());
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
