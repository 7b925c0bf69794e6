#include "core/queue/QueueOrder.h"

#include <algorithm>
#include <utility>

namespace {

constexpr qsizetype lowestBit(qsizetype i)
{
    return i & -i;
}

// Empty slots are reclaimed once there are more of them than ids, and the line has at least
// this many slots (a short line is not worth rebuilding).
constexpr qsizetype s_minSlotsToReclaim = 64;

} // namespace

qsizetype QueueOrder::countBefore(qsizetype slot) const
{
    qsizetype count = 0;
    for (qsizetype i = slot; i > 0; i -= lowestBit(i))
        count += m_counts[size_t(i)];
    return count;
}

void QueueOrder::addToCount(qsizetype slot, int delta)
{
    const auto end = qsizetype(m_counts.size());
    for (qsizetype i = slot + 1; i < end; i += lowestBit(i))
        m_counts[size_t(i)] += delta;
}

qsizetype QueueOrder::indexOf(const QString &id) const
{
    const auto it = m_slotOf.constFind(id);
    return it == m_slotOf.constEnd() ? -1 : countBefore(*it);
}

const QString &QueueOrder::at(qsizetype index) const
{
    Q_ASSERT(index >= 0 && index < size());
    // The slot holding the (index + 1)-th id: descend the tree, skipping whole blocks of slots
    // while they hold no more ids than are still to skip.
    qsizetype slot = 0; // 1-based position reached so far
    qsizetype left = index + 1;
    qsizetype step = 1;
    while (step * 2 < qsizetype(m_counts.size()))
        step *= 2;
    for (; step > 0; step /= 2) {
        const qsizetype next = slot + step;
        if (next < qsizetype(m_counts.size()) && m_counts[size_t(next)] < left) {
            slot = next;
            left -= m_counts[size_t(next)];
        }
    }
    return m_slots[size_t(slot)]; // the 1-based slot + 1, as a 0-based slot
}

QStringList QueueOrder::ids() const
{
    QStringList ids;
    ids.reserve(size());
    for (const QString &id : m_slots) {
        if (!id.isEmpty())
            ids.append(id);
    }
    return ids;
}

qsizetype QueueOrder::append(const QString &id)
{
    if (id.isEmpty() || m_slotOf.contains(id))
        return -1;
    const qsizetype index = size();
    const auto slot = qsizetype(m_slots.size());
    m_slots.push_back(id);
    m_slotOf.insert(id, slot);
    // The new tree node (1-based slot + 1) counts the slots (slot + 1 - lowestBit, slot + 1].
    if (m_counts.empty())
        m_counts.push_back(0);
    const qsizetype node = slot + 1;
    m_counts.push_back(1 + countBefore(node - 1) - countBefore(node - lowestBit(node)));
    return index;
}

qsizetype QueueOrder::insert(qsizetype index, const QString &id)
{
    if (id.isEmpty() || m_slotOf.contains(id))
        return -1;
    const qsizetype at = std::clamp<qsizetype>(index, 0, size());
    if (at == size())
        return append(id);
    QStringList line = ids();
    line.insert(at, id);
    rebuild(std::move(line));
    return at;
}

qsizetype QueueOrder::remove(const QString &id)
{
    const auto it = m_slotOf.constFind(id);
    if (it == m_slotOf.constEnd())
        return -1;
    const qsizetype slot = *it;
    const qsizetype index = countBefore(slot);
    m_slotOf.erase(it);
    m_slots[size_t(slot)] = QString();
    addToCount(slot, -1);
    const auto slotCount = qsizetype(m_slots.size());
    if (isEmpty())
        clear();
    else if (slotCount >= s_minSlotsToReclaim && slotCount > 2 * size())
        rebuild(ids());
    return index;
}

QString QueueOrder::takeFirst()
{
    if (isEmpty())
        return {};
    const QString id = at(0);
    remove(id);
    return id;
}

void QueueOrder::clear()
{
    m_slots.clear();
    m_counts.clear();
    m_slotOf.clear();
}

void QueueOrder::rebuild(QStringList ids)
{
    clear();
    m_slots.reserve(size_t(ids.size()));
    m_counts.reserve(size_t(ids.size()) + 1);
    for (QString &id : ids)
        append(id);
}
