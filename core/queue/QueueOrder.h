#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

// An ordered line of unique ids (channel ids of a queue, bridge ids of the calls in progress):
// the front is index 0. Looking an id up (contains, indexOf) is one hash lookup; appending is
// O(1); removing an id updates the index of the ids behind it only (O(ids behind)), so taking the
// front costs O(length) — what moving everyone up one place costs anyway.
class QueueOrder
{
public:
    qsizetype size() const { return m_ids.size(); }
    bool isEmpty() const { return m_ids.isEmpty(); }
    bool contains(const QString &id) const { return m_index.contains(id); }
    // 0-based; -1 when absent.
    qsizetype indexOf(const QString &id) const { return m_index.value(id, -1); }
    const QString &at(qsizetype index) const { return m_ids.at(index); }
    const QStringList &ids() const { return m_ids; }

    // Adds `id` at the back (or at `index`, clamped to the line). Returns its index; -1 when the
    // id is empty or already in the line (nothing changes then).
    qsizetype append(const QString &id);
    qsizetype insert(qsizetype index, const QString &id);
    // Removes `id`; returns the index it had, or -1 when it was not in the line.
    qsizetype remove(const QString &id);
    // Removes and returns the front id (empty when the line is empty).
    QString takeFirst();
    void clear();

private:
    void reindexFrom(qsizetype index);

    QStringList m_ids;
    QHash<QString, qsizetype> m_index;
};
