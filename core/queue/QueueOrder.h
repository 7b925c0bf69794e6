#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <vector>

// An ordered line of unique ids (channel ids of a queue, bridge ids of the calls in progress):
// the front is index 0. Each id holds a slot, in order; a removed id leaves its slot empty, and
// a count of the ids in the slots (a Fenwick tree) gives an id's index and the id at an index in
// O(log n). Looking an id up, appending, removing (from the front, as a queue mostly does, or
// from anywhere: a caller who hangs up while waiting) and asking for an index all cost O(log n),
// so a line of thousands of callers costs no walk over it per change. Inserting before the back
// (rare: an order restored after a restart) and reclaiming empty slots (once they outnumber the
// ids, which spreads its cost over the removals that made them) rebuild the line: O(n).
class QueueOrder
{
public:
    qsizetype size() const { return m_slotOf.size(); }
    bool isEmpty() const { return m_slotOf.isEmpty(); }
    bool contains(const QString &id) const { return m_slotOf.contains(id); }
    // 0-based; -1 when absent.
    qsizetype indexOf(const QString &id) const;
    // `index` in [0, size()).
    const QString &at(qsizetype index) const;
    QStringList ids() const; // front first

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
    qsizetype countBefore(qsizetype slot) const; // ids in the slots before `slot`
    void addToCount(qsizetype slot, int delta);
    void rebuild(QStringList ids);

    std::vector<QString> m_slots; // in order; empty where an id was removed
    std::vector<qsizetype> m_counts; // the Fenwick tree over m_slots (1-based: m_counts[0] unused)
    QHash<QString, qsizetype> m_slotOf; // id → its slot
};
