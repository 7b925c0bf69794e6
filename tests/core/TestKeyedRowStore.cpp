// The rows of the flat models (KeyedRowStore): in arrival order, found by key, whatever the mix of
// appends, inserts and removals; checked against a plain list that renumbers on every change.
#include "core/models/KeyedRowStore.h"

#include <QTest>

#include <random>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

class TestKeyedRowStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyStoreHasNoRows();
    void rowsFollowTheirOrderAfterRemovals();
    void randomTrafficMatchesAPlainList_data();
    void randomTrafficMatchesAPlainList();
};

namespace {

using Reference = std::vector<std::pair<QString, int>>;

// Every row, key and lookup of the store as the plain list has them; the first difference, or empty.
QString differenceFrom(const KeyedRowStore<int> &store, const Reference &reference)
{
    if (store.size() != static_cast<int>(reference.size()))
        return u"size %1, expected %2"_s.arg(store.size()).arg(reference.size());
    if (store.isEmpty() != reference.empty())
        return u"isEmpty"_s;
    for (int row = 0; row < store.size(); ++row) {
        const auto &[key, value] = reference.at(static_cast<size_t>(row));
        if (store.keyAt(row) != key || store.at(row) != value)
            return u"row %1 is %2=%3, expected %4=%5"_s.arg(row).arg(store.keyAt(row)).arg(store.at(row)).arg(key).arg(value);
        if (store.rowOf(key) != row || !store.contains(key))
            return u"%1 found at row %2, expected %3"_s.arg(key).arg(store.rowOf(key)).arg(row);
    }
    return {};
}

} // namespace

void TestKeyedRowStore::emptyStoreHasNoRows()
{
    KeyedRowStore<int> store;
    QCOMPARE(store.size(), 0);
    QVERIFY(store.isEmpty());
    QCOMPARE(store.rowOf(u"a"_s), -1);
    QVERIFY(!store.contains(u"a"_s));
    store.append(u"a"_s, 1);
    store.removeAt(0);
    QVERIFY(store.isEmpty());
    QCOMPARE(store.rowOf(u"a"_s), -1);
    store.insertAt(0, u"b"_s, 2);
    QCOMPARE(store.rowOf(u"b"_s), 0);
    QCOMPARE(store.at(0), 2);
    // No row past the last, even where a removed one left its slot.
    store.append(u"c"_s, 3);
    store.removeAt(1);
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, store.at(1));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, store.keyAt(-1));
}

// 5,000 rows, every other one removed from the front half first: those behind move up, the key of
// each still finds its row, and a row changed in place keeps its key.
void TestKeyedRowStore::rowsFollowTheirOrderAfterRemovals()
{
    KeyedRowStore<int> store;
    Reference reference;
    for (int i = 0; i < 5000; ++i) {
        store.append(u"call-%1"_s.arg(i), i);
        reference.emplace_back(u"call-%1"_s.arg(i), i);
    }
    for (int row = 0; row < 1250; ++row) {
        store.removeAt(row);
        reference.erase(reference.begin() + row);
    }
    QCOMPARE(differenceFrom(store, reference), QString());
    store.at(store.rowOf(u"call-4999"_s)) = -1;
    reference.back().second = -1;
    QCOMPARE(differenceFrom(store, reference), QString());
    QCOMPARE(store.rowOf(u"call-0"_s), -1);
    QCOMPARE(store.rowOf(u"call-1"_s), 0);
    store.clear();
    QVERIFY(store.isEmpty());
    QCOMPARE(store.rowOf(u"call-1"_s), -1);
}

void TestKeyedRowStore::randomTrafficMatchesAPlainList_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("appendWeight"); // of 10: the rest are removals and (1 in 10) inserts
    for (quint32 seed : { 1u, 2u, 3u })
        QTest::addRow("mostly growing, seed %u", seed) << seed << 6;
    for (quint32 seed : { 4u, 5u, 6u })
        QTest::addRow("steady, seed %u", seed) << seed << 4;
}

void TestKeyedRowStore::randomTrafficMatchesAPlainList()
{
    QFETCH(quint32, seed);
    QFETCH(int, appendWeight);
    std::mt19937 random(seed);
    KeyedRowStore<int> store;
    Reference reference;
    int next = 0;
    for (int step = 0; step < 6000; ++step) {
        const int what = std::uniform_int_distribution<int>(0, 9)(random);
        const int size = static_cast<int>(reference.size());
        if (what < appendWeight || size == 0) {
            const QString key = u"k%1"_s.arg(next);
            store.append(key, next);
            reference.emplace_back(key, next);
            ++next;
        } else if (what == 9) {
            const int row = std::uniform_int_distribution<int>(0, size)(random);
            const QString key = u"k%1"_s.arg(next);
            store.insertAt(row, key, next);
            reference.insert(reference.begin() + row, { key, next });
            ++next;
        } else {
            const int row = std::uniform_int_distribution<int>(0, size - 1)(random);
            const QString key = reference.at(static_cast<size_t>(row)).first;
            QCOMPARE(store.rowOf(key), row);
            store.removeAt(row);
            reference.erase(reference.begin() + row);
            QCOMPARE(store.rowOf(key), -1);
        }
        // The whole store now and then (every step would make the test quadratic), a few lookups always.
        if (step % 499 == 0)
            QCOMPARE(differenceFrom(store, reference), QString());
        if (!reference.empty()) {
            const int row = std::uniform_int_distribution<int>(0, static_cast<int>(reference.size()) - 1)(random);
            QCOMPARE(store.keyAt(row), reference.at(static_cast<size_t>(row)).first);
            QCOMPARE(store.rowOf(reference.at(static_cast<size_t>(row)).first), row);
        }
    }
    QCOMPARE(differenceFrom(store, reference), QString());
}

QTEST_MAIN(TestKeyedRowStore)
#include "TestKeyedRowStore.moc"
