#include "core/models/EventLogFilterModel.h"

#include "core/models/EventLogModel.h"

EventLogFilterModel::EventLogFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

EventLogFilterModel::~EventLogFilterModel() = default;

void EventLogFilterModel::setMinimumLevel(EventLogEntry::Level level)
{
    if (level == m_minimumLevel)
        return;
    m_minimumLevel = level;
    invalidateFilter();
}

void EventLogFilterModel::setCategory(const QString &category)
{
    if (category == m_category)
        return;
    m_category = category;
    invalidateFilter();
}

void EventLogFilterModel::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

bool EventLogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *source = sourceModel();
    if (!source)
        return false;
    const QModelIndex index = source->index(sourceRow, 0, sourceParent);
    if (!index.isValid())
        return false;
    const int level = source->data(index, EventLogModel::LevelRole).toInt();
    if (level < static_cast<int>(m_minimumLevel))
        return false;
    const QString category = source->data(index, EventLogModel::CategoryRole).toString();
    if (!m_category.isEmpty() && category != m_category)
        return false;
    if (m_text.isEmpty())
        return true;
    return category.contains(m_text, Qt::CaseInsensitive)
        || source->data(index, EventLogModel::TextRole).toString().contains(m_text, Qt::CaseInsensitive);
}
