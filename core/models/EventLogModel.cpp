#include "core/models/EventLogModel.h"

#include <algorithm>

using namespace Qt::StringLiterals;

EventLogModel::EventLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

EventLogModel::~EventLogModel() = default;

void EventLogModel::setCapacity(int capacity)
{
    m_capacity = std::max(1, capacity);
    const int excess = static_cast<int>(m_entries.size()) - m_capacity;
    if (excess > 0)
        dropOldest(excess);
}

QStringList EventLogModel::categories() const
{
    QStringList list(m_categories.cbegin(), m_categories.cend());
    list.sort();
    return list;
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const EventLogEntry &e = entry(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            return e.time.toLocalTime().toString(u"HH:mm:ss.zzz"_s);
        case LevelColumn:
            return EventLogEntry::levelName(e.level);
        case CategoryColumn:
            return e.category;
        case TextColumn:
            return e.text;
        default:
            return {};
        }
    case LevelRole:
        return static_cast<int>(e.level);
    case CategoryRole:
        return e.category;
    case TimeRole:
        return e.time;
    case TextRole:
        return e.text;
    default:
        return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case LevelColumn:
        return tr("Level");
    case CategoryColumn:
        return tr("Source");
    case TextColumn:
        return tr("Message");
    default:
        return {};
    }
}

QHash<int, QByteArray> EventLogModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(LevelRole, QByteArrayLiteral("level"));
    names.insert(CategoryRole, QByteArrayLiteral("category"));
    names.insert(TimeRole, QByteArrayLiteral("time"));
    names.insert(TextRole, QByteArrayLiteral("text"));
    return names;
}

void EventLogModel::appendEntries(const EventLogEntries &entries)
{
    if (entries.isEmpty())
        return;
    // Only the newest `capacity` of a huge batch can stay.
    const qsizetype skip = std::max<qsizetype>(0, entries.size() - m_capacity);
    const int incoming = static_cast<int>(entries.size() - skip);
    const int overflow = static_cast<int>(m_entries.size()) + incoming - m_capacity;
    if (overflow > 0)
        dropOldest(overflow);

    const int first = static_cast<int>(m_entries.size());
    bool newCategory = false;
    beginInsertRows({}, first, first + incoming - 1);
    for (qsizetype i = skip; i < entries.size(); ++i) {
        const EventLogEntry &e = entries.at(i);
        if (!m_categories.contains(e.category)) {
            m_categories.insert(e.category);
            newCategory = true;
        }
        m_entries.push_back(e);
    }
    endInsertRows();
    if (newCategory)
        Q_EMIT categoriesChanged(categories());
}

void EventLogModel::appendEntry(const EventLogEntry &entry)
{
    appendEntries({entry});
}

void EventLogModel::clear()
{
    if (m_entries.empty())
        return;
    dropOldest(static_cast<int>(m_entries.size()));
}

void EventLogModel::dropOldest(int count)
{
    count = std::min(count, static_cast<int>(m_entries.size()));
    if (count <= 0)
        return;
    beginRemoveRows({}, 0, count - 1);
    m_entries.erase(m_entries.begin(), m_entries.begin() + count);
    endRemoveRows();
}
