#pragma once

#include "core/models/EventLogEntry.h"

#include <QAbstractTableModel>
#include <QSet>
#include <QStringList>

#include <deque>

// The supervisor's event log as a table (SPEC UI-6): time, level, category, text. A bounded ring:
// when full, the oldest rows go (one removal per batch, then one insertion), so the model never
// resets and never grows past its capacity. Lives on the GUI thread; fed in batches
// (appendEntries) through a queued connection from the core-side EventLog.
class EventLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogModel)

public:
    enum Column { TimeColumn, LevelColumn, CategoryColumn, TextColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        LevelRole = Qt::UserRole + 1, // int (EventLogEntry::Level)
        CategoryRole,                 // QString
        TimeRole,                     // QDateTime
        TextRole,                     // QString
    };

    static constexpr int s_defaultCapacity = 10000;

    explicit EventLogModel(QObject *parent = nullptr);
    ~EventLogModel() override;

    int capacity() const { return m_capacity; }
    void setCapacity(int capacity); // drops the oldest rows if needed

    // Every category seen so far, sorted (for a filter choice).
    QStringList categories() const;
    const EventLogEntry &entry(int row) const { return m_entries.at(static_cast<size_t>(row)); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

public Q_SLOTS:
    void appendEntries(const EventLogEntries &entries);
    void appendEntry(const EventLogEntry &entry);
    void clear();

Q_SIGNALS:
    void categoriesChanged(const QStringList &categories);

private:
    void dropOldest(int count);

    std::deque<EventLogEntry> m_entries;
    QSet<QString> m_categories;
    int m_capacity = s_defaultCapacity;
};
