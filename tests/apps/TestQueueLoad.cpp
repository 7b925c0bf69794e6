// The queue application under random load against the simulator (seeded, so a failure can be
// replayed): hundreds of callers and agents arrive, agents press keys, the supervisor presses
// buttons, anyone hangs up at any time. At checkpoints, once things have settled, and at the end:
// every channel is in exactly one place (caller queue, agent queue, one bridge) or gone; the
// server's bridges are exactly the calls in progress, with their two channels; both queues are in
// arrival order and every connection took the front of each (FIFO); kept recordings are stored and
// discarded ones are not; when everyone has gone, nothing is left (calls, bridges, playbacks,
// live recordings, event subscriptions).

#include "support/QueueTestRig.h"

#include "core/apps/QueueApp.h"
#include "core/ari/AriEventRouter.h"
#include "core/ari/AriRestClient.h"
#include "core/queue/QueueBridgedCall.h"
#include "core/queue/QueueCallActions.h"
#include "core/queue/QueueState.h"

#include <QHash>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Tracker
{
    QHash<QString, quint64> joined; // channel → sequence number of its (latest) joining a queue
    quint64 nextSequence = 0;
    QStringList violations; // FIFO or placement breaches seen as they happened
    QSet<QString> stored; // recordings the application reported kept
    QSet<QString> discarded; // … and thrown away
    int pairs = 0;
    int requeued = 0;
    int keys = 0;
    int buttons = 0;
    int hangups = 0;
};

} // namespace

class TestQueueLoad final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void randomLoadKeepsInvariants_data();
    void randomLoadKeepsInvariants();

private:
    // Empty when everything is settled and consistent; otherwise what is not (yet).
    static QString unsettled(QueueTestRig &rig);
    static QString fifoBreach(QueueTestRig &rig, const Tracker &tracker);
};

void TestQueueLoad::randomLoadKeepsInvariants_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::newRow("seed 1") << quint32(1);
    QTest::newRow("seed 20240611") << quint32(20240611);
}

QString TestQueueLoad::unsettled(QueueTestRig &rig)
{
    QueueState *state = rig.state();
    const QJsonObject sim = rig.simState();
    QSet<QString> simChannels;
    for (const QJsonValue &channel : sim.value("channels"_L1).toArray())
        simChannels.insert(channel.toObject().value("id"_L1).toString());
    const QStringList calls = rig.app()->callIds();
    const QSet<QString> appCalls(calls.cbegin(), calls.cend());
    if (rig.app()->closingCount() > 0)
        return u"%1 ended calls are still closing"_s.arg(rig.app()->closingCount());
    if (simChannels != appCalls)
        return u"server channels %1, application calls %2"_s.arg(simChannels.size()).arg(appCalls.size());

    // Exactly one place each.
    QHash<QString, int> places;
    for (const QString &id : state->callerIds())
        ++places[id];
    for (const QString &id : state->agentIds())
        ++places[id];
    QHash<QString, QueueBridgedPair> pairs;
    for (const QueueBridgedPair &pair : state->pairs()) {
        ++places[pair.agentChannelId];
        ++places[pair.callerChannelId];
        pairs.insert(pair.bridgeId, pair);
    }
    for (const QString &id : simChannels) {
        if (places.value(id) != 1)
            return u"channel %1 is in %2 places"_s.arg(id).arg(places.value(id));
    }
    for (auto it = places.cbegin(); it != places.cend(); ++it) {
        if (!simChannels.contains(it.key()))
            return u"the queue still holds %1, which the server no longer has"_s.arg(it.key());
    }

    // The server's bridges are the calls in progress, each with its two channels.
    const QJsonArray bridges = sim.value("bridges"_L1).toArray();
    if (bridges.size() != pairs.size())
        return u"server bridges %1, calls in progress %2"_s.arg(bridges.size()).arg(pairs.size());
    for (const QJsonValue &value : bridges) {
        const QJsonObject bridge = value.toObject();
        const QString id = bridge.value("id"_L1).toString();
        if (!pairs.contains(id))
            return u"bridge %1 outlived its call"_s.arg(id);
        QSet<QString> members;
        for (const QJsonValue &channel : bridge.value("channels"_L1).toArray())
            members.insert(channel.toString());
        const QueueBridgedPair &pair = pairs[id];
        if (members != QSet<QString> { pair.agentChannelId, pair.callerChannelId })
            return u"bridge %1 holds %2 channels"_s.arg(id).arg(members.size());
        if (QueueCallActions *actions = pair.actions; actions && (actions->isBusy() || actions->waitingCount() > 0))
            return u"call %1 has actions in progress"_s.arg(id);
    }
    // Every recording the calls think live is live on the server, and no other.
    QSet<QString> live;
    for (const QJsonValue &recording : sim.value("liveRecordings"_L1).toArray())
        live.insert(recording.toObject().value("name"_L1).toString());
    QSet<QString> expectedLive;
    for (const QueueBridgedPair &pair : std::as_const(pairs)) {
        if (pair.actions && pair.actions->isRecording())
            expectedLive.insert(pair.actions->recordingName());
    }
    if (live != expectedLive)
        return u"live recordings: server %1, calls %2"_s.arg(live.size()).arg(expectedLive.size());
    return {};
}

QString TestQueueLoad::fifoBreach(QueueTestRig &rig, const Tracker &tracker)
{
    // Both queues in the order their members joined.
    const auto ordered = [&](const QStringList &ids) {
        for (qsizetype i = 1; i < ids.size(); ++i) {
            if (tracker.joined.value(ids.at(i - 1)) > tracker.joined.value(ids.at(i)))
                return false;
        }
        return true;
    };
    if (!ordered(rig.state()->callerIds()))
        return u"caller queue out of order"_s;
    if (!ordered(rig.state()->agentIds()))
        return u"agent queue out of order"_s;
    return {};
}

void TestQueueLoad::randomLoadKeepsInvariants()
{
    QFETCH(quint32, seed);
    QueueTestRig::Options options;
    options.speed = 50.0;
    options.queue.announcementIntervalMs = 150; // announcements run all the time
    QueueTestRig rig(options);
    QVERIFY(rig.start());
    const int baseline = rig.router()->subscriptionCount();
    QRandomGenerator random(seed);
    Tracker tracker;

    // Watch the model as it changes: joins at the back, connections take both fronts.
    QObject watcher;
    QueueState *state = rig.state();
    QObject::connect(state, &QueueState::callerAdded, &watcher, [&](int row, const QueueWaitingCaller &caller) {
        if (tracker.joined.contains(caller.channelId)) {
            // Back from a call that never got connected (the agent left first): at its place by
            // order of arrival.
            const QStringList &ids = state->callerIds();
            const quint64 own = tracker.joined.value(caller.channelId);
            if ((row > 0 && tracker.joined.value(ids.at(row - 1)) > own)
                || (row + 1 < ids.size() && tracker.joined.value(ids.at(row + 1)) < own)) {
                tracker.violations.append(
                    u"caller %1 came back at row %2, out of order"_s.arg(caller.channelId).arg(row));
            }
            ++tracker.requeued;
            return;
        }
        if (row != state->callerCount() - 1)
            tracker.violations.append(u"caller %1 joined at row %2, not the back"_s.arg(caller.channelId).arg(row));
        tracker.joined.insert(caller.channelId, tracker.nextSequence++);
    });
    QObject::connect(state, &QueueState::agentAdded, &watcher, [&](int row, const QueueWaitingAgent &agent) {
        if (row != state->agentCount() - 1)
            tracker.violations.append(u"agent %1 joined at row %2, not the back"_s.arg(agent.channelId).arg(row));
        tracker.joined.insert(agent.channelId, tracker.nextSequence++);
    });
    QObject::connect(state, &QueueState::pairAdded, &watcher, [&](int, const QueueBridgedPair &pair) {
        ++tracker.pairs;
        const quint64 caller = tracker.joined.value(pair.callerChannelId);
        const quint64 agent = tracker.joined.value(pair.agentChannelId);
        for (const QString &id : state->callerIds()) {
            if (tracker.joined.value(id) < caller)
                tracker.violations.append(u"caller %1 was connected before %2"_s.arg(pair.callerChannelId, id));
        }
        for (const QString &id : state->agentIds()) {
            if (tracker.joined.value(id) < agent)
                tracker.violations.append(u"agent %1 was connected before %2"_s.arg(pair.agentChannelId, id));
        }
        QObject::connect(pair.actions, &QueueCallActions::recordingStored, &watcher,
            [&](const QString &name) { tracker.stored.insert(name); });
        QObject::connect(pair.actions, &QueueCallActions::recordingDiscarded, &watcher,
            [&](const QString &name) { tracker.discarded.insert(name); });
    });

    // Each end of a recording at least once, whatever the random moves below happen to meet (a
    // discard reaches a recording only if it comes while one runs): one call records and keeps
    // it (7), another records and discards it (9). Then everyone goes, and the load starts empty.
    for (const QString &end : { u"7"_s, u"9"_s }) {
        const QString agent = rig.addAgent();
        const QString caller = rig.addCaller();
        QVERIFY(!agent.isEmpty() && !caller.isEmpty());
        QVERIFY(rig.waitForPlace(caller, int(QueueState::Place::Bridge)));
        const QString bridge = state->bridgeOf(caller);
        QTRY_VERIFY_WITH_TIMEOUT(
            rig.app()->bridgedCall(bridge) && rig.app()->bridgedCall(bridge)->isConnected(), 30000);
        QVERIFY(rig.press(agent, u"0"_s));
        QTRY_COMPARE_WITH_TIMEOUT(state->pair(bridge)->recording, QueueRecordingState::Recording, 30000);
        const qsizetype stored = tracker.stored.size();
        const qsizetype discarded = tracker.discarded.size();
        QVERIFY(rig.press(agent, end));
        QTRY_COMPARE_WITH_TIMEOUT(tracker.stored.size() + tracker.discarded.size(), stored + discarded + 1, 30000);
        QCOMPARE(tracker.discarded.size(), end == u"9"_s ? discarded + 1 : discarded);
        QVERIFY(rig.hangUp(agent));
        rig.hangUp(caller); // unless the call's end has hung it up already
        QTRY_COMPARE_WITH_TIMEOUT(rig.simChannelIds(), QStringList(), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(rig.app()->callCount(), 0, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(rig.app()->closingCount(), 0, 30000);
    }

    const QString keys = u"0579#1"_s;
    const QList<QueueCallAction::Kind> kinds { QueueCallAction::Kind::Record, QueueCallAction::Kind::Pause,
        QueueCallAction::Kind::Resume, QueueCallAction::Kind::Stop, QueueCallAction::Kind::Discard,
        QueueCallAction::Kind::EndCall, QueueCallAction::Kind::Announce };
    int callers = 0;
    int agents = 0;
    constexpr int steps = 600;
    for (int step = 1; step <= steps; ++step) {
        const int dice = int(random.bounded(100));
        const QList<QueueBridgedPair> pairs = state->pairs();
        if (dice < 30) {
            QVERIFY(!rig.placeCall({ u"caller"_s }, QString::number(5550000 + ++callers)).isEmpty());
        } else if (dice < 45) {
            QVERIFY(!rig.placeCall({ u"agent"_s }, QString::number(200 + ++agents)).isEmpty());
        } else if (dice < 70 && !pairs.isEmpty()) {
            const QueueBridgedPair &pair = pairs.at(int(random.bounded(int(pairs.size()))));
            rig.press(pair.agentChannelId, QString(keys.at(int(random.bounded(int(keys.size()))))), 50);
            ++tracker.keys;
        } else if (dice < 80 && !pairs.isEmpty()) {
            const QueueBridgedPair &pair = pairs.at(int(random.bounded(int(pairs.size()))));
            rig.app()->perform(pair.bridgeId, kinds.at(int(random.bounded(int(kinds.size())))));
            ++tracker.buttons;
        } else {
            QStringList everyone = state->callerIds() + state->agentIds();
            for (const QueueBridgedPair &pair : pairs)
                everyone << pair.agentChannelId << pair.callerChannelId;
            if (!everyone.isEmpty()) {
                rig.hangUp(everyone.at(int(random.bounded(int(everyone.size())))));
                ++tracker.hangups;
            }
        }
        if (step % 100 == 0) {
            // Judged at the first moment everything is settled and consistent: keys pressed
            // earlier still arrive and may end a call a moment later (a second look could see it
            // closing).
            QString last;
            const bool settled = QTest::qWaitFor([&] { return (last = unsettled(rig)).isEmpty(); }, 30000);
            QVERIFY2(settled, qPrintable(last));
            QCOMPARE(fifoBreach(rig, tracker), QString());
            QVERIFY2(tracker.violations.isEmpty(), qPrintable(tracker.violations.join(u"; "_s)));
        }
    }
    QVERIFY2(callers >= 150 && agents >= 60, qPrintable(u"%1 callers, %2 agents"_s.arg(callers).arg(agents)));
    QVERIFY(tracker.pairs >= 50);
    QVERIFY(tracker.keys > 0 && tracker.buttons > 0 && tracker.hangups > 0);

    // Everyone goes.
    QStringList everyone = rig.simChannelIds();
    for (const QString &id : std::as_const(everyone))
        rig.hangUp(id);
    QTRY_COMPARE_WITH_TIMEOUT(rig.simChannelIds(), QStringList(), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(rig.app()->callCount(), 0, 30000);
    QCOMPARE(state->callerCount(), 0);
    QCOMPARE(state->agentCount(), 0);
    QCOMPARE(state->pairCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(rig.app()->closingCount(), 0, 30000);
    QCOMPARE(rig.simBridgeIds(), QStringList());
    QCOMPARE(rig.liveRecordingNames(), QStringList());
    QTRY_COMPARE_WITH_TIMEOUT(rig.simState().value("playbacks"_L1).toArray().size(), 0, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(rig.router()->subscriptionCount(), baseline, 30000);
    QVERIFY2(tracker.violations.isEmpty(), qPrintable(tracker.violations.join(u"; "_s)));

    // Kept recordings are stored, discarded ones are not.
    const QStringList storedList = rig.storedRecordings();
    const QSet<QString> onServer(storedList.cbegin(), storedList.cend());
    QVERIFY(!tracker.stored.isEmpty());
    QVERIFY(!tracker.discarded.isEmpty());
    for (const QString &name : std::as_const(tracker.stored))
        QVERIFY2(onServer.contains(name), qPrintable(name));
    for (const QString &name : std::as_const(tracker.discarded))
        QVERIFY2(!onServer.contains(name), qPrintable(name));
    const QSet<QString> unreported = onServer - tracker.stored;
    QVERIFY2(unreported.isEmpty(), qPrintable(QStringList(unreported.cbegin(), unreported.cend()).join(u", "_s)));
    qInfo().noquote() << callers << "callers," << agents << "agents," << tracker.pairs << "calls (" << tracker.requeued
                      << "callers back to the front)," << tracker.keys << "keys," << tracker.buttons << "buttons,"
                      << tracker.hangups << "hang-ups," << tracker.stored.size() << "recordings kept,"
                      << tracker.discarded.size() << "discarded";
}

QTEST_GUILESS_MAIN(TestQueueLoad)
#include "TestQueueLoad.moc"
