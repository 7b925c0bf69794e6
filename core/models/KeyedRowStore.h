#pragma once

#include <QHash>
#include <QString>

#include <vector>

// The rows of a flat item model kept in arrival order and found by key in O(1): the storage that
// CallsModel, PlaybacksModel and the queue models share. It knows nothing of Qt's model
// signals: the model calls begin…/end… around append(), insertAt() and removeAt().
template<typename Row>
class KeyedRowStore
{
public:
    int size() const { return static_cast<int>(m_rows.size()); }
    bool isEmpty() const { return m_rows.empty(); }
    int rowOf(const QString &key) const { return m_index.value(key, -1); }
    bool contains(const QString &key) const { return m_index.contains(key); }
    const Row &at(int row) const { return m_rows.at(static_cast<size_t>(row)); }
    Row &at(int row) { return m_rows.at(static_cast<size_t>(row)); }
    const QString &keyAt(int row) const { return m_keys.at(static_cast<size_t>(row)); }

    void append(const QString &key, const Row &row)
    {
        m_index.insert(key, size());
        m_keys.push_back(key);
        m_rows.push_back(row);
    }

    // Inserts before `row` (0 … size()); the rows after it move down one.
    void insertAt(int row, const QString &key, const Row &value)
    {
        m_keys.insert(m_keys.begin() + row, key);
        m_rows.insert(m_rows.begin() + row, value);
        for (int r = row; r < size(); ++r)
            m_index[m_keys.at(static_cast<size_t>(r))] = r;
    }

    void removeAt(int row)
    {
        m_index.remove(m_keys.at(static_cast<size_t>(row)));
        m_keys.erase(m_keys.begin() + row);
        m_rows.erase(m_rows.begin() + row);
        for (int r = row; r < size(); ++r)
            m_index[m_keys.at(static_cast<size_t>(r))] = r;
    }

    void clear()
    {
        m_rows.clear();
        m_keys.clear();
        m_index.clear();
    }

private:
    std::vector<Row> m_rows;
    std::vector<QString> m_keys;
    QHash<QString, int> m_index;
};
