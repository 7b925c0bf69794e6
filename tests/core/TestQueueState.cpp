// The queue model: the ordered line of ids, and QueueState's places, positions and signals (what a
// view mirrors).

#include "core/queue/QueueOrder.h"
#include "core/queue/QueueState.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QueueWaitingCaller caller(const QString &id)
{
    QueueWaitingCaller entry;
    entry.channelId = id;
    entry.callerNumber = u"555"_s + id;
    entry.since = QDateTime::currentDateTimeUtc();
    return entry;
}

QueueWaitingAgent agent(const QString &id)
{
    QueueWaitingAgent entry;
    entry.channelId = id;
    entry.name = u"agent "_s + id;
    entry.since = QDateTime::currentDateTimeUtc();
    return entry;
}

QueueBridgedPair pair(const QString &bridge, const QString &agentId, const QString &callerId)
{
    QueueBridgedPair entry;
    entry.bridgeId = bridge;
    entry.agentChannelId = agentId;
    entry.callerChannelId = callerId;
    entry.since = QDateTime::currentDateTimeUtc();
    return entry;
}

} // namespace

class TestQueueState final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void orderAppendsRemovesAndIndexes();
    void orderInsertsAndRefusesDuplicates();
    void orderFollowsAListThroughRandomChanges();
    void callersKeepOrderAndPositions();
    void removingMovesEveryoneBehindUp();
    void frontOfTheQueue();
    void aChannelIsInOnePlaceOnly();
    void announcements();
    void pairs();
};

void TestQueueState::orderAppendsRemovesAndIndexes()
{
    QueueOrder order;
    QVERIFY(order.isEmpty());
    qsizetype expected = 0;
    for (const QString &id : { u"a"_s, u"b"_s, u"c"_s, u"d"_s })
        QCOMPARE(order.append(id), expected++);
    QCOMPARE(order.ids(), (QStringList { u"a"_s, u"b"_s, u"c"_s, u"d"_s }));
    QCOMPARE(order.indexOf(u"c"_s), 2);
    QCOMPARE(order.remove(u"b"_s), 1);
    QCOMPARE(order.indexOf(u"a"_s), 0);
    QCOMPARE(order.indexOf(u"c"_s), 1);
    QCOMPARE(order.indexOf(u"d"_s), 2);
    QCOMPARE(order.indexOf(u"b"_s), -1);
    QCOMPARE(order.remove(u"b"_s), -1);
    QCOMPARE(order.takeFirst(), u"a"_s);
    QCOMPARE(order.indexOf(u"c"_s), 0);
    QCOMPARE(order.indexOf(u"d"_s), 1);
    QCOMPARE(order.takeFirst(), u"c"_s);
    QCOMPARE(order.takeFirst(), u"d"_s);
    QCOMPARE(order.takeFirst(), QString());
    QVERIFY(order.isEmpty());
}

void TestQueueState::orderInsertsAndRefusesDuplicates()
{
    QueueOrder order;
    order.append(u"b"_s);
    order.append(u"c"_s);
    QCOMPARE(order.insert(0, u"a"_s), 0);
    QCOMPARE(order.indexOf(u"b"_s), 1);
    QCOMPARE(order.indexOf(u"c"_s), 2);
    QCOMPARE(order.insert(99, u"d"_s), 3);
    QCOMPARE(order.insert(-5, u"z"_s), 0);
    QCOMPARE(order.ids(), (QStringList { u"z"_s, u"a"_s, u"b"_s, u"c"_s, u"d"_s }));
    QCOMPARE(order.append(u"c"_s), -1);
    QCOMPARE(order.insert(0, u"a"_s), -1);
    QCOMPARE(order.append(QString()), -1);
    QCOMPARE(order.size(), 5);
    for (qsizetype i = 0; i < order.size(); ++i)
        QCOMPARE(order.indexOf(order.at(i)), i);
}

// The line against a plain list doing the same: appends, inserts anywhere, removals from the
// front and from anywhere, through many reclaimings of empty slots and emptyings of the line.
void TestQueueState::orderFollowsAListThroughRandomChanges()
{
    QRandomGenerator random(20261207);
    QueueOrder order;
    QStringList expected;
    int nextId = 0;
    int reclaimedOrEmptied = 0;
    for (int step = 0; step < 20000; ++step) {
        const quint32 choice = random.bounded(100);
        // The line grows to a few hundred, then drains, again and again.
        const bool growing = (step / 2000) % 2 == 0;
        if (choice < (growing ? 55u : 20u)) {
            const QString id = u"id-%1"_s.arg(nextId++);
            QCOMPARE(order.append(id), expected.size());
            expected.append(id);
        } else if (choice < (growing ? 60u : 25u)) {
            const QString id = u"id-%1"_s.arg(nextId++);
            const qsizetype at = random.bounded(int(expected.size()) + 1);
            QCOMPARE(order.insert(at, id), at);
            expected.insert(at, id);
        } else if (choice < 70u) {
            QCOMPARE(order.takeFirst(), expected.isEmpty() ? QString() : expected.takeFirst());
        } else if (!expected.isEmpty()) {
            const qsizetype at = random.bounded(int(expected.size()));
            QCOMPARE(order.remove(expected.at(at)), at);
            expected.removeAt(at);
        }
        if (expected.isEmpty())
            ++reclaimedOrEmptied;
        QCOMPARE(order.size(), expected.size());
        if (!expected.isEmpty()) {
            const qsizetype probe = random.bounded(int(expected.size()));
            QCOMPARE(order.at(probe), expected.at(probe));
            QCOMPARE(order.indexOf(expected.at(probe)), probe);
        }
        if (step % 500 == 0) {
            QCOMPARE(order.ids(), expected);
            for (qsizetype i = 0; i < expected.size(); ++i) {
                QCOMPARE(order.at(i), expected.at(i));
                QCOMPARE(order.indexOf(expected.at(i)), i);
            }
        }
    }
    QVERIFY(reclaimedOrEmptied > 0);
    QCOMPARE(order.ids(), expected);
    QCOMPARE(order.indexOf(u"id-0"_s), expected.indexOf(u"id-0"_s));
}

void TestQueueState::callersKeepOrderAndPositions()
{
    QueueState state;
    QSignalSpy added(&state, &QueueState::callerAdded);
    QVERIFY(state.addCaller(caller(u"c1"_s)));
    QVERIFY(state.addCaller(caller(u"c2"_s)));
    QVERIFY(state.addCaller(caller(u"c3"_s)));
    QCOMPARE(added.count(), 3);
    QCOMPARE(added.at(2).at(0).toInt(), 2);
    QCOMPARE(added.at(2).at(1).value<QueueWaitingCaller>().position, 3);
    QCOMPARE(state.callerIds(), (QStringList { u"c1"_s, u"c2"_s, u"c3"_s }));
    QCOMPARE(state.callerPosition(u"c2"_s), 2);
    QCOMPARE(state.callerPosition(u"nobody"_s), 0);
    QCOMPARE(state.callerAt(1).callerNumber, u"555c2"_s);
    QCOMPARE(state.callerAt(7).channelId, QString());
    const QList<QueueWaitingCaller> callers = state.callers();
    QCOMPARE(callers.size(), 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(callers.at(i).position, i + 1);
    // Back to the front (a bridge that could not be made).
    QVERIFY(state.addCaller(caller(u"c0"_s), 0));
    QCOMPARE(added.constLast().at(0).toInt(), 0);
    QCOMPARE(state.callerIds(), (QStringList { u"c0"_s, u"c1"_s, u"c2"_s, u"c3"_s }));
    QCOMPARE(state.caller(u"c3"_s)->position, 4);
    // Or anywhere in between.
    QVERIFY(state.addCaller(caller(u"c1b"_s), 2));
    QCOMPARE(added.constLast().at(0).toInt(), 2);
    QCOMPARE(state.callerIds(), (QStringList { u"c0"_s, u"c1"_s, u"c1b"_s, u"c2"_s, u"c3"_s }));
    QCOMPARE(state.caller(u"c2"_s)->position, 4);
}

void TestQueueState::removingMovesEveryoneBehindUp()
{
    QueueState state;
    for (const QString &id : { u"c1"_s, u"c2"_s, u"c3"_s, u"c4"_s })
        state.addCaller(caller(id));
    QSignalSpy removed(&state, &QueueState::callerRemoved);
    QVERIFY(state.removeCaller(u"c2"_s));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(0).toInt(), 1);
    QCOMPARE(removed.at(0).at(1).toString(), u"c2"_s);
    QCOMPARE(state.callerPosition(u"c1"_s), 1);
    QCOMPARE(state.callerPosition(u"c3"_s), 2);
    QCOMPARE(state.callerPosition(u"c4"_s), 3);
    QVERIFY(!state.removeCaller(u"c2"_s));
    QCOMPARE(removed.count(), 1);
}

void TestQueueState::frontOfTheQueue()
{
    QueueState state;
    QCOMPARE(state.takeFrontCaller(), QString());
    QCOMPARE(state.takeFrontAgent(), QString());
    state.addAgent(agent(u"a1"_s));
    state.addAgent(agent(u"a2"_s));
    QSignalSpy removed(&state, &QueueState::agentRemoved);
    QCOMPARE(state.takeFrontAgent(), u"a1"_s);
    QCOMPARE(removed.at(0).at(0).toInt(), 0);
    QCOMPARE(state.agentIds(), QStringList { u"a2"_s });
    QCOMPARE(state.agentAt(0).position, 1);
    QCOMPARE(state.agent(u"a2"_s)->name, u"agent a2"_s);
    QVERIFY(!state.agent(u"a1"_s));
}

void TestQueueState::aChannelIsInOnePlaceOnly()
{
    QueueState state;
    QVERIFY(state.addCaller(caller(u"x"_s)));
    QVERIFY(!state.addCaller(caller(u"x"_s)));
    QVERIFY(!state.addAgent(agent(u"x"_s)));
    QVERIFY(!state.addPair(pair(u"b"_s, u"a"_s, u"x"_s)));
    QCOMPARE(state.placeOf(u"x"_s), QueueState::Place::CallerQueue);
    QVERIFY(state.removeCaller(u"x"_s));
    QVERIFY(state.addPair(pair(u"b"_s, u"a"_s, u"x"_s)));
    QCOMPARE(state.placeOf(u"x"_s), QueueState::Place::Bridge);
    QCOMPARE(state.placeOf(u"a"_s), QueueState::Place::Bridge);
    QVERIFY(!state.addAgent(agent(u"a"_s)));
    QVERIFY(!state.addPair(pair(u"b2"_s, u"a"_s, u"y"_s)));
    QVERIFY(!state.addPair(pair(u"b"_s, u"a3"_s, u"y"_s)));
    QVERIFY(state.removePair(u"b"_s));
    QCOMPARE(state.placeOf(u"x"_s), QueueState::Place::Gone);
    QCOMPARE(state.placeOf(u"a"_s), QueueState::Place::Gone);
    QVERIFY(!state.addCaller(caller(QString())));
}

void TestQueueState::announcements()
{
    QueueState state;
    state.addCaller(caller(u"c1"_s));
    state.addCaller(caller(u"c2"_s));
    QSignalSpy changed(&state, &QueueState::callerChanged);
    const QDateTime next = QDateTime::currentDateTimeUtc().addSecs(30);
    state.setAnnouncement(u"c2"_s, next, false);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toInt(), 1);
    QCOMPARE(changed.at(0).at(1).value<QueueWaitingCaller>().nextAnnouncement, next);
    QCOMPARE(state.caller(u"c2"_s)->announcements, 0);
    state.setAnnouncement(u"c2"_s, QDateTime(), true);
    QVERIFY(state.caller(u"c2"_s)->announcing);
    QCOMPARE(state.caller(u"c2"_s)->announcements, 1);
    QVERIFY(!state.caller(u"c2"_s)->nextAnnouncement.isValid());
    state.setAnnouncement(u"c2"_s, next, false);
    state.setAnnouncement(u"c2"_s, QDateTime(), true);
    QCOMPARE(state.caller(u"c2"_s)->announcements, 2);
    state.setAnnouncement(u"nobody"_s, next, true);
    QCOMPARE(changed.count(), 4);
}

void TestQueueState::pairs()
{
    QueueState state;
    QSignalSpy added(&state, &QueueState::pairAdded);
    QSignalSpy changed(&state, &QueueState::pairChanged);
    QSignalSpy removed(&state, &QueueState::pairRemoved);
    QVERIFY(state.addPair(pair(u"b1"_s, u"a1"_s, u"c1"_s)));
    QVERIFY(state.addPair(pair(u"b2"_s, u"a2"_s, u"c2"_s)));
    QCOMPARE(added.count(), 2);
    QCOMPARE(added.at(1).at(0).toInt(), 1);
    QCOMPARE(state.bridgeOf(u"c2"_s), u"b2"_s);
    QCOMPARE(state.bridgeOf(u"a1"_s), u"b1"_s);
    QCOMPARE(state.bridgeIds(), (QStringList { u"b1"_s, u"b2"_s }));
    QVERIFY(state.actions(u"b1"_s) == nullptr);

    state.setPairRecording(u"b2"_s, QueueRecordingState::Recording, u"queue/b2/1"_s);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toInt(), 1);
    state.setPairRecording(u"b2"_s, QueueRecordingState::Recording, u"queue/b2/1"_s); // no change
    QCOMPARE(changed.count(), 1);
    state.addStoredRecording(u"b2"_s, u"queue/b2/1"_s);
    state.addStoredRecording(u"b2"_s, u"queue/b2/1"_s);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(state.pair(u"b2"_s)->storedRecordings, QStringList { u"queue/b2/1"_s });
    QCOMPARE(state.pairAt(1).recording, QueueRecordingState::Recording);

    QVERIFY(state.removePair(u"b1"_s));
    QCOMPARE(removed.at(0).at(0).toInt(), 0);
    QCOMPARE(state.pairAt(0).bridgeId, u"b2"_s);
    QCOMPARE(state.bridgeOf(u"a1"_s), QString());
    QVERIFY(!state.removePair(u"b1"_s));
    QCOMPARE(state.pairCount(), 1);
}

QTEST_GUILESS_MAIN(TestQueueState)
#include "TestQueueState.moc"
