#include "core/queue/QueueOrder.h"

#include <algorithm>

qsizetype QueueOrder::append(const QString &id)
{
    if (id.isEmpty() || m_index.contains(id))
        return -1;
    const qsizetype index = m_ids.size();
    m_ids.append(id);
    m_index.insert(id, index);
    return index;
}

qsizetype QueueOrder::insert(qsizetype index, const QString &id)
{
    if (id.isEmpty() || m_index.contains(id))
        return -1;
    const qsizetype at = std::clamp<qsizetype>(index, 0, m_ids.size());
    if (at == m_ids.size())
        return append(id);
    m_ids.insert(at, id);
    reindexFrom(at);
    return at;
}

qsizetype QueueOrder::remove(const QString &id)
{
    const auto it = m_index.constFind(id);
    if (it == m_index.constEnd())
        return -1;
    const qsizetype index = *it;
    m_index.erase(it);
    m_ids.removeAt(index);
    reindexFrom(index);
    return index;
}

QString QueueOrder::takeFirst()
{
    if (m_ids.isEmpty())
        return {};
    const QString id = m_ids.constFirst();
    remove(id);
    return id;
}

void QueueOrder::clear()
{
    m_ids.clear();
    m_index.clear();
}

void QueueOrder::reindexFrom(qsizetype index)
{
    for (qsizetype i = index; i < m_ids.size(); ++i)
        m_index.insert(m_ids.at(i), i);
}
