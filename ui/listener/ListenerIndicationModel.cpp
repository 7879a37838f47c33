// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/listener/ListenerIndicationModel.h"

namespace cimdiag {

ListenerIndicationModel::ListenerIndicationModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void ListenerIndicationModel::setIndications(const QList<ReceivedIndication> &indications)
{
    const qsizetype old = m_indications.size();
    bool extends = indications.size() >= old;
    for (qsizetype i = 0; extends && i < old; ++i)
        extends = indications.at(i).sequence == m_indications.at(i).sequence;
    if (!extends) {
        beginResetModel();
        m_indications = indications;
        endResetModel();
        return;
    }
    if (indications.size() == old)
        return;
    beginInsertRows({}, int(old), int(indications.size() - 1));
    m_indications = indications;
    endInsertRows();
}

void ListenerIndicationModel::clear()
{
    setIndications({});
}

int ListenerIndicationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_indications.size());
}

int ListenerIndicationModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ListenerIndicationModel::propertiesText(const ReceivedIndication &indication)
{
    QStringList parts;
    for (const CimProperty &property : indication.indication.properties()) {
        if (!property.value().isNull())
            parts.append(property.name() + u'=' + property.value().toMof());
    }
    return parts.join(QStringLiteral(", "));
}

QVariant ListenerIndicationModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_indications.size())
        return {};
    const ReceivedIndication &indication = m_indications.at(index.row());
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::AccessibleTextRole)
        return {};
    switch (index.column()) {
    case TimeColumn:
        return indication.receivedAt.toLocalTime().toString(Qt::ISODateWithMs);
    case SenderColumn:
        return QString(indication.sender.toString() + u':' + QString::number(indication.senderPort));
    case ClassColumn:
        return indication.indication.className();
    case PropertiesColumn:
        return propertiesText(indication);
    default:
        return {};
    }
}

QVariant ListenerIndicationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Received");
    case SenderColumn:
        return tr("Sender");
    case ClassColumn:
        return tr("Class");
    case PropertiesColumn:
        return tr("Properties");
    default:
        return {};
    }
}

} // namespace cimdiag
