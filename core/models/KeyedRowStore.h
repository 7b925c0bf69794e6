#pragma once

#include <QHash>
#include <QString>

#include <algorithm>
#include <stdexcept>
#include <vector>

// The rows of a flat item model kept in arrival order and found by key: the storage that
// CallsModel, PlaybacksModel and the queue models share. It knows nothing of Qt's model
// signals: the model calls begin…/end… around append(), insertAt() and removeAt().
//
// With thousands of calls, rows come and go all the time: a removal must not renumber every row
// after it. So a row keeps the slot it was given: a removed one leaves a hole, and a Fenwick tree
// over the slots (1 for a row, 0 for a hole) turns a slot into its row number and back in
// O(log n). The holes are squeezed out once they outnumber the rows (O(n), once every n/2
// removals at least). Appending, removing, finding a key's row and a row's value are O(log n);
// inserting anywhere but at the end renumbers (O(n)), which the queues do rarely.
template<typename Row>
class KeyedRowStore
{
public:
    int size() const { return m_rows; }
    bool isEmpty() const { return m_rows == 0; }
    int rowOf(const QString &key) const
    {
        const auto it = m_index.constFind(key);
        return it == m_index.cend() ? -1 : rowOfSlot(it.value());
    }
    bool contains(const QString &key) const { return m_index.contains(key); }
    const Row &at(int row) const { return m_slots.at(slotOf(row)).value; }
    Row &at(int row) { return m_slots.at(slotOf(row)).value; }
    const QString &keyAt(int row) const { return m_slots.at(slotOf(row)).key; }

    void append(const QString &key, const Row &row)
    {
        const int slot = static_cast<int>(m_slots.size());
        m_slots.push_back({ key, row, true });
        m_index.insert(key, slot);
        ++m_rows;
        if (slot >= static_cast<int>(m_tree.size()) - 1)
            rebuildTree(); // (twice the room: amortized O(1))
        else
            add(slot, 1);
    }

    // Inserts before `row` (0 … size()); the rows after it move down one.
    void insertAt(int row, const QString &key, const Row &value)
    {
        if (row >= m_rows) {
            append(key, value);
            return;
        }
        squeeze();
        m_slots.insert(m_slots.begin() + row, Slot { key, value, true });
        ++m_rows;
        for (int slot = row; slot < static_cast<int>(m_slots.size()); ++slot)
            m_index[m_slots.at(static_cast<size_t>(slot)).key] = slot;
        rebuildTree();
    }

    void removeAt(int row)
    {
        const int slot = slotOf(row);
        Slot &gone = m_slots.at(static_cast<size_t>(slot));
        m_index.remove(gone.key);
        gone = Slot {}; // its memory goes now, not at the next squeeze
        --m_rows;
        add(slot, -1);
        const int holes = static_cast<int>(m_slots.size()) - m_rows;
        if (holes > 32 && holes > m_rows)
            squeeze();
    }

    void clear()
    {
        m_slots.clear();
        m_index.clear();
        m_tree.clear();
        m_treeStep = 0;
        m_rows = 0;
    }

private:
    struct Slot
    {
        QString key;
        Row value {};
        bool used = false;
    };

    // Fenwick tree over the slots, 1-based: m_tree[i] counts the rows in slots i - lowbit(i) to i - 1.
    void add(int slot, int delta)
    {
        for (size_t i = static_cast<size_t>(slot) + 1; i < m_tree.size(); i += i & (~i + 1))
            m_tree[i] += delta;
    }

    // The rows in the slots up to and including `slot`, less one: its row.
    int rowOfSlot(int slot) const
    {
        int count = 0;
        for (size_t i = static_cast<size_t>(slot) + 1; i > 0; i -= i & (~i + 1))
            count += m_tree[i];
        return count - 1;
    }

    // The slot of row `row` (0 … size() - 1): the first slot with row + 1 rows up to it. Past the
    // rows, std::out_of_range, as std::vector::at says it.
    size_t slotOf(int row) const
    {
        if (row < 0 || row >= m_rows)
            throw std::out_of_range("KeyedRowStore: no such row");
        size_t position = 0; // the last 1-based position with fewer than row + 1 rows up to it
        int left = row + 1;
        for (size_t step = m_treeStep; step > 0; step >>= 1) {
            const size_t next = position + step;
            if (next < m_tree.size() && m_tree[next] < left) {
                position = next;
                left -= m_tree[next];
            }
        }
        return position; // 1-based position + 1, that is slot `position`
    }

    // A tree for the slots there are, with room for as many again.
    void rebuildTree()
    {
        const size_t count = m_slots.size();
        m_tree.assign(std::max<size_t>(2 * count, 16) + 1, 0);
        for (size_t slot = 0; slot < count; ++slot) {
            if (!m_slots[slot].used)
                continue;
            for (size_t i = slot + 1; i < m_tree.size(); i += i & (~i + 1))
                ++m_tree[i];
        }
        m_treeStep = 1;
        while (m_treeStep * 2 < m_tree.size())
            m_treeStep *= 2;
    }

    // Drops the holes: slot and row numbers are the same again.
    void squeeze()
    {
        if (static_cast<int>(m_slots.size()) == m_rows)
            return;
        std::vector<Slot> used;
        used.reserve(static_cast<size_t>(m_rows));
        for (Slot &slot : m_slots) {
            if (!slot.used)
                continue;
            m_index[slot.key] = static_cast<int>(used.size());
            used.push_back(std::move(slot));
        }
        m_slots = std::move(used);
        rebuildTree();
    }

    std::vector<Slot> m_slots; // in row order, with holes
    QHash<QString, int> m_index; // key → slot
    std::vector<int> m_tree; // Fenwick tree, 1-based (m_tree[0] unused)
    size_t m_treeStep = 0; // the largest power of two below m_tree.size()
    int m_rows = 0;
};
