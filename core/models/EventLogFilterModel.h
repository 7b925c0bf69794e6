#pragma once

#include "core/models/EventLogEntry.h"

#include <QSortFilterProxyModel>

// Filters an EventLogModel (SPEC UI-6): by minimum level, by one category (empty: all) and by a
// text that must appear (case-insensitive) in the message or the category. Row order is kept.
class EventLogFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogFilterModel)

public:
    explicit EventLogFilterModel(QObject *parent = nullptr);
    ~EventLogFilterModel() override;

    EventLogEntry::Level minimumLevel() const { return m_minimumLevel; }
    QString category() const { return m_category; }
    QString text() const { return m_text; }

public Q_SLOTS:
    void setMinimumLevel(EventLogEntry::Level level);
    void setCategory(const QString &category);
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    EventLogEntry::Level m_minimumLevel = EventLogEntry::Level::Debug;
    QString m_category;
    QString m_text;
};
