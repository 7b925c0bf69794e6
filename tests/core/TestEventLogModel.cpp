#include "core/models/EventLogFilterModel.h"
#include "core/models/EventLogModel.h"
#include "core/supervisor/EventLog.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

EventLogEntry makeEntry(int n, EventLogEntry::Level level = EventLogEntry::Level::Info,
                        const QString &category = u"calls"_s)
{
    EventLogEntry entry;
    entry.time = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 6)).addMSecs(n);
    entry.level = level;
    entry.category = category;
    entry.text = u"entry %1"_s.arg(n);
    return entry;
}

} // namespace

class TestEventLogModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendsInOrder();
    void ringDropsOldest_data();
    void ringDropsOldest();
    void shrinkingCapacityDropsOldest();
    void categoriesAreCollected();
    void filters_data();
    void filters();
    void filterFollowsNewRows();
    void clearRemovesAll();
    void collectorHandsOverBatches();
};

void TestEventLogModel::appendsInOrder()
{
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendEntries({makeEntry(1), makeEntry(2, EventLogEntry::Level::Warning, u"ari.rest"_s)});
    model.appendEntry(makeEntry(3, EventLogEntry::Level::Error));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(EventLogModel::ColumnCount));
    QCOMPARE(model.index(0, EventLogModel::TextColumn).data().toString(), u"entry 1"_s);
    QCOMPARE(model.index(1, EventLogModel::CategoryColumn).data().toString(), u"ari.rest"_s);
    QCOMPARE(model.index(1, EventLogModel::LevelColumn).data().toString(), u"warning"_s);
    QCOMPARE(model.index(2, EventLogModel::LevelColumn).data(EventLogModel::LevelRole).toInt(),
             int(EventLogEntry::Level::Error));
    QCOMPARE(model.index(0, EventLogModel::TimeColumn).data().toString(), u"03:04:05.007"_s);
    QCOMPARE(model.index(0, 0).data(EventLogModel::TimeRole).toDateTime(), makeEntry(1).time);
}

void TestEventLogModel::ringDropsOldest_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<QList<int>>("batches");
    QTest::addColumn<int>("expectedRows");
    QTest::addColumn<int>("expectedFirst");

    QTest::newRow("under capacity") << 10 << QList<int>{3, 4} << 7 << 0;
    QTest::newRow("exactly full") << 10 << QList<int>{5, 5} << 10 << 0;
    QTest::newRow("one over") << 10 << QList<int>{10, 1} << 10 << 1;
    QTest::newRow("many batches") << 10 << QList<int>{4, 4, 4, 4} << 10 << 6;
    QTest::newRow("batch larger than capacity") << 10 << QList<int>{3, 25} << 10 << 18;
    QTest::newRow("default capacity") << EventLogModel::s_defaultCapacity << QList<int>{6000, 6000} << 10000 << 2000;
}

void TestEventLogModel::ringDropsOldest()
{
    QFETCH(int, capacity);
    QFETCH(QList<int>, batches);
    QFETCH(int, expectedRows);
    QFETCH(int, expectedFirst);

    EventLogModel model;
    model.setCapacity(capacity);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    int n = 0;
    for (int size : std::as_const(batches)) {
        EventLogEntries batch;
        for (int i = 0; i < size; ++i)
            batch.append(makeEntry(n++));
        model.appendEntries(batch);
    }
    QCOMPARE(model.rowCount(), expectedRows);
    QCOMPARE(model.entry(0).text, u"entry %1"_s.arg(expectedFirst));
    QCOMPARE(model.entry(model.rowCount() - 1).text, u"entry %1"_s.arg(n - 1));
    QCOMPARE(resets.count(), 0);
    QCOMPARE(inserted.count(), batches.size()); // one insertion per batch, never a reset
}

void TestEventLogModel::shrinkingCapacityDropsOldest()
{
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    EventLogEntries batch;
    for (int i = 0; i < 8; ++i)
        batch.append(makeEntry(i));
    model.appendEntries(batch);
    model.setCapacity(3);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.entry(0).text, u"entry 5"_s);
}

void TestEventLogModel::categoriesAreCollected()
{
    EventLogModel model;
    QSignalSpy changed(&model, &EventLogModel::categoriesChanged);
    model.appendEntries({makeEntry(1, EventLogEntry::Level::Info, u"vm-record"_s),
                         makeEntry(2, EventLogEntry::Level::Info, u"ari.events"_s)});
    model.appendEntry(makeEntry(3, EventLogEntry::Level::Info, u"vm-record"_s));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.categories(), (QStringList{u"ari.events"_s, u"vm-record"_s}));
}

void TestEventLogModel::filters_data()
{
    QTest::addColumn<int>("minimumLevel");
    QTest::addColumn<QString>("category");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    const QStringList all{u"entry 0"_s, u"entry 1"_s, u"entry 2"_s, u"entry 3"_s};
    QTest::newRow("nothing") << int(EventLogEntry::Level::Debug) << QString() << QString() << all;
    QTest::newRow("warnings and up") << int(EventLogEntry::Level::Warning) << QString() << QString()
                                     << QStringList{u"entry 2"_s, u"entry 3"_s};
    QTest::newRow("category") << int(EventLogEntry::Level::Debug) << u"ari.rest"_s << QString()
                              << QStringList{u"entry 1"_s, u"entry 3"_s};
    QTest::newRow("text, any case") << int(EventLogEntry::Level::Debug) << QString() << u"ENTRY 2"_s
                                    << QStringList{u"entry 2"_s};
    QTest::newRow("text matches category") << int(EventLogEntry::Level::Debug) << QString() << u"queue"_s
                                           << QStringList{u"entry 2"_s};
    QTest::newRow("all three") << int(EventLogEntry::Level::Info) << u"ari.rest"_s << u"3"_s
                               << QStringList{u"entry 3"_s};
    QTest::newRow("no match") << int(EventLogEntry::Level::Error) << u"calls"_s << QString() << QStringList{};
}

void TestEventLogModel::filters()
{
    QFETCH(int, minimumLevel);
    QFETCH(QString, category);
    QFETCH(QString, text);
    QFETCH(QStringList, expected);

    EventLogModel model;
    model.appendEntries({makeEntry(0, EventLogEntry::Level::Debug, u"calls"_s),
                         makeEntry(1, EventLogEntry::Level::Info, u"ari.rest"_s),
                         makeEntry(2, EventLogEntry::Level::Warning, u"queue"_s),
                         makeEntry(3, EventLogEntry::Level::Error, u"ari.rest"_s)});
    EventLogFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setMinimumLevel(static_cast<EventLogEntry::Level>(minimumLevel));
    filter.setCategory(category);
    filter.setText(text);
    QStringList shown;
    for (int row = 0; row < filter.rowCount(); ++row)
        shown << filter.index(row, EventLogModel::TextColumn).data().toString();
    QCOMPARE(shown, expected);
}

void TestEventLogModel::filterFollowsNewRows()
{
    EventLogModel model;
    model.setCapacity(4);
    EventLogFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setMinimumLevel(EventLogEntry::Level::Warning);
    for (int i = 0; i < 10; ++i)
        model.appendEntry(makeEntry(i, i % 2 ? EventLogEntry::Level::Warning : EventLogEntry::Level::Info));
    // The ring holds entries 6..9; the filter shows the warnings among them.
    QCOMPARE(filter.rowCount(), 2);
    QCOMPARE(filter.index(0, EventLogModel::TextColumn).data().toString(), u"entry 7"_s);
    QCOMPARE(filter.index(1, EventLogModel::TextColumn).data().toString(), u"entry 9"_s);
}

void TestEventLogModel::clearRemovesAll()
{
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendEntries({makeEntry(1), makeEntry(2)});
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    model.appendEntry(makeEntry(3));
    QCOMPARE(model.rowCount(), 1);
}

void TestEventLogModel::collectorHandsOverBatches()
{
    // The core-side collector: many posts, one batch, one insertion in the model.
    EventLog log;
    log.setBatchInterval(0);
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connect(&log, &EventLog::entriesAdded, &model, &EventLogModel::appendEntries);
    QSignalSpy batches(&log, &EventLog::entriesAdded);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    for (int i = 0; i < 500; ++i)
        log.post(EventLogEntry::Level::Info, u"calls"_s, u"line %1"_s.arg(i));
    QCOMPARE(log.pendingCount(), 500);
    QCOMPARE(batches.count(), 0); // nothing until the event loop turns
    QVERIFY(batches.wait());
    QCOMPARE(batches.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 500);
    QCOMPARE(model.entry(499).text, u"line 499"_s);
    QVERIFY(model.entry(0).time.isValid());
    log.post(EventLogEntry::Level::Error, u"ari.rest"_s, u"late"_s);
    log.flush(); // at once, e.g. before shutting down
    QCOMPARE(batches.count(), 2);
    QCOMPARE(model.rowCount(), 501);
}

QTEST_GUILESS_MAIN(TestEventLogModel)
#include "TestEventLogModel.moc"
