// The agent's keys in a bridged call (SPEC Q-5) against the simulator: every key with and without
// a recording, recording names, the beep to the caller only, stored versus discarded recordings
// (GET /ari/recordings/stored), and # ending the call.

#include "support/QueueTestRig.h"

#include "core/queue/QueueCallActions.h"
#include "core/queue/QueueState.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QueueTestRig::Options quietOptions()
{
    QueueTestRig::Options options;
    options.queue.announcementIntervalMs = 600000;
    return options;
}

struct Call
{
    QString agent;
    QString caller;
    QString bridge;
    QueueCallActions *actions = nullptr;
};

// An agent and a caller connected, both channels in the server's bridge.
Call connectedCall(QueueTestRig &rig)
{
    Call call;
    call.agent = rig.addAgent();
    call.caller = rig.addCaller();
    if (call.agent.isEmpty() || call.caller.isEmpty())
        return {};
    if (!rig.waitForPlace(call.caller, int(QueueState::Place::Bridge)))
        return {};
    call.bridge = rig.state()->bridgeOf(call.caller);
    call.actions = rig.app()->actions(call.bridge);
    const bool inBridge = QTest::qWaitFor(
        [&] {
            for (const QJsonValue &bridge : rig.simBridges()) {
                if (bridge.toObject().value("id"_L1).toString() == call.bridge)
                    return bridge.toObject().value("channels"_L1).toArray().size() == 2;
            }
            return false;
        },
        10000);
    return inBridge && call.actions ? call : Call();
}

int beeps(const QList<QueueTestRig::Heard> &heard)
{
    int count = 0;
    for (const QueueTestRig::Heard &item : heard) {
        if (item.media == u"sound:beep"_s)
            ++count;
    }
    return count;
}

} // namespace

class TestQueueAgentKeys final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keysWithoutRecordingDoNothing_data();
    void keysWithoutRecordingDoNothing();
    void zeroRecordsTheBridgeAndBeepsToTheCallerOnly();
    void secondZeroWhileRecordingDoesNothing();
    void fivePausesAndResumes();
    void sevenStoresNineDiscardsAndNewNamesFollow();
    void keysInQuickSuccessionKeepTheirOrder();
    void recordingAgainRightAfterADiscard();
    void hashEndsTheCall();
    void hashWhileRecordingKeepsTheRecording();
};

void TestQueueAgentKeys::keysWithoutRecordingDoNothing_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("action");
    QTest::newRow("5") << u"5"_s << u"pause/resume"_s;
    QTest::newRow("7") << u"7"_s << u"stop"_s;
    QTest::newRow("9") << u"9"_s << u"discard"_s;
    QTest::newRow("1 (no action)") << u"1"_s << u"key 1"_s;
    QTest::newRow("* (no action)") << u"*"_s << u"key *"_s;
}

void TestQueueAgentKeys::keysWithoutRecordingDoNothing()
{
    QFETCH(QString, key);
    QFETCH(QString, action);
    QueueTestRig rig(quietOptions());
    QVERIFY(rig.start());
    const Call call = connectedCall(rig);
    QVERIFY(call.actions);
    QSignalSpy ignored(call.actions, &QueueCallActions::actionIgnored);
    QSignalSpy changed(call.actions, &QueueCallActions::stateChanged);
    QVERIFY(rig.press(call.agent, key));
    QTRY_COMPARE(ignored.count(), 1);
    QCOMPARE(ignored.at(0).at(0).toString(), action);
    QCOMPARE(ignored.at(0).at(1).value<QueueCallActions::Origin>(), QueueCallActions::Origin::AgentKey);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(call.actions->recordingState(), QueueRecordingState::None);
    QVERIFY(rig.liveRecordingNames().isEmpty());
    QVERIFY(rig.storedRecordings().isEmpty());
    // The call goes on.
    QCOMPARE(rig.state()->placeOf(call.agent), QueueState::Place::Bridge);
    QVERIFY(rig.simChannelIds().contains(call.caller));
}

void TestQueueAgentKeys::zeroRecordsTheBridgeAndBeepsToTheCallerOnly()
{
    QueueTestRig rig(quietOptions());
    QVERIFY(rig.start());
    const Call call = connectedCall(rig);
    QVERIFY(call.actions);
    QVERIFY(rig.press(call.agent, u"0"_s));
    const QString name = u"queue/"_s + call.bridge + u"/1"_s;
    QTRY_COMPARE(call.actions->recordingState(), QueueRecordingState::Recording);
    QCOMPARE(call.actions->recordingName(), name);
    QCOMPARE(rig.state()->pair(call.bridge)->recording, QueueRecordingState::Recording);
    QCOMPARE(rig.state()->pair(call.bridge)->recordingName, name);
    QTRY_COMPARE(rig.liveRecordingState(name), u"recording"_s);
    // The beep: on the caller's channel only, not on the bridge (the agent does not hear it).
    QTRY_COMPARE(beeps(rig.heard(call.caller)), 1);
    QTRY_COMPARE(rig.heard(call.caller).constLast().end, u"finished"_s);
    QCOMPARE(beeps(rig.heard(call.agent)), 0);
    QCOMPARE(beeps(rig.heardBridge(call.bridge)), 0);
}

void TestQueueAgentKeys::secondZeroWhileRecordingDoesNothing()
{
    QueueTestRig rig(quietOptions());
    QVERIFY(rig.start());
    const Call call = connectedCall(rig);
    QVERIFY(call.actions);
    QSignalSpy ignored(call.actions, &QueueCallActions::actionIgnored);
    QVERIFY(rig.press(call.agent, u"0"_s));
    QTRY_COMPARE(call.actions->recordingState(), QueueRecordingState::Recording);
    QVERIFY(rig.press(call.agent, u"0"_s));
    QTRY_COMPARE(ignored.count(), 1);
    QCOMPARE(ignored.at(0).at(0).toString(), u"record"_s);
    const QString name = u"queue/"_s + call.bridge + u"/1"_s;
    QCOMPARE(call.actions->recordingName(), name);
    QCOMPARE(rig.liveRecordingNames(), QStringList { name });
    QCOMPARE(beeps(rig.heard(call.caller)), 1);
}

void TestQueueAgentKeys::fivePausesAndResumes()
{
    QueueTestRig rig(quietOptions());
    QVERIFY(rig.start());
    const Call call = connectedCall(rig);
    QVERIFY(call.actions);
    const QString name = u"queue/"_s + call.bridge + u"/1"_s;
    QVERIFY(rig.press(call.agent, u"0"_s));
    QTRY_COMPARE(rig.liveRecordingState(name), u"recording"_s);
    QVERIFY(rig.press(call.agent, u"5"_s));
    QTRY_COMPARE(call.actions->recordingState(), QueueRecordingState::Paused);
    QCOMPARE(rig.liveRecordingState(name), u"paused"_s);
    QVERIFY(call.actions->isPaused());
    QVERIFY(rig.press(call.agent, u"5"_s));
    QTRY_COMPARE(call.actions->recordingState(), QueueRecordingState::Recording);
    QCOMPARE(rig.liveRecordingState(name), u"recording"_s);
    QVERIFY(rig.storedRecordings().isEmpty());
}

void TestQueueAgentKeys::sevenStoresNineDiscardsAndNewNamesFollow()
{
    QueueTestRig rig(quietOptions());
    QVERIFY(rig.start());
    const Call call = connectedCall(rig);
    QVERIFY(call.actions);
    const QString first = u"queue/"_s + call.bridge + u"/1"_s;
    const QString second = u"queue/"_s + call.bridge + u"/2"_s;
    const QString third = u"queue/"_s + call.bridge + u"/3"_s;
    QSignalSpy stored(call.actions, &QueueCallActions::recordingStored);
    QSignalSpy discarded(call.actions, &QueueCallActions::recordingDiscarded);

    QVERIFY(rig.press(call.agent, u"0"_s));
    QTRY_COMPARE(rig.liveRecordingState(first), u"recording"_s);
    QVERIFY(rig.press(call.agent, u"7"_s));
    QTRY_COMPARE(stored.count(), 1);
    QCOMPARE(stored.at(0).at(0).toString(), first);
    QCOMPARE(call.actions->recordingState(), QueueRecordingState::None);
    QVERIFY(rig.liveRecordingNames().isEmpty());
    QCOMPARE(rig.storedRecordings(), QStringList { first });
    QCOMPARE(rig.state()->pair(call.bridge)->storedRecordings, QStringList { first });

    // A new 0 records under a new name; 9 throws it away.
    QVERIFY(rig.press(call.agent, u"0"_s));
    QTRY_COMPARE(rig.liveRecordingState(second), u"recording"_s);
    QCOMPARE(call.actions->recordingName(), second);
    QVERIFY(rig.press(call.agent, u"9"_s));
    QTRY_COMPARE(discarded.count(), 1);
    QCOMPARE(discarded.at(0).at(0).toString(), second);
    QVERIFY(rig.liveRecordingNames().isEmpty());
    QCOMPARE(rig.storedRecordings(), QStringList { first });

    QVERIFY(rig.press(call.agent, u"0"_s));
    QTRY_COMPARE(rig.liveRecordingState(third), u"recording"_s);
    QCOMPARE(beeps(rig.heard(call.caller)), 3);
    QVERIFY(rig.press(call.agent, u"7"_s));
    QTRY_COMPARE(stored.count(), 2);
    QStringList names = rig.storedRecordings();
    names.sort();
    QCOMPARE(names, (QStringList { first, third }));
}

void TestQueueAgentKeys::keysInQuickSuccessionKeepTheirOrder()
{
    QueueTestRig rig(quietOptions());
    QVERIFY(rig.start());
    const Call call = connectedCall(rig);
    QVERIFY(call.actions);
    // 0 5 5 5 as one burst: record, pause, resume, pause, each once the previous one is answered.
    QStringList states;
    QObject::connect(call.actions, &QueueCallActions::stateChanged, call.actions, [&] {
        const QString state = queueRecordingStateName(call.actions->recordingState());
        if (states.isEmpty() || states.constLast() != state)
            states.append(state);
    });
    QVERIFY(rig.press(call.agent, u"0555"_s, 10));
    const QString name = u"queue/"_s + call.bridge + u"/1"_s;
    QTRY_COMPARE(states, (QStringList { u"starting"_s, u"recording"_s, u"paused"_s, u"recording"_s, u"paused"_s }));
    QTRY_COMPARE(rig.liveRecordingState(name), u"paused"_s);
    // 7 9 right after: the stop keeps it; the 9 then finds nothing to discard.
    QSignalSpy ignored(call.actions, &QueueCallActions::actionIgnored);
    QVERIFY(rig.press(call.agent, u"79"_s, 10));
    QTRY_COMPARE(ignored.count(), 1);
    QCOMPARE(ignored.at(0).at(0).toString(), u"discard"_s);
    QCOMPARE(rig.storedRecordings(), QStringList { name });
}

void TestQueueAgentKeys::recordingAgainRightAfterADiscard()
{
    // The server answers 409 to a record under a name it has not released yet (Asterisk does so
    // right after RecordingFinished). Every recording of a call has a new name, so 0 9 0 in a burst
    // records again at once.
    QueueTestRig::Options options = quietOptions();
    options.reproduceRecordingReleaseRace = true;
    QueueTestRig rig(options);
    QVERIFY(rig.start());
    const Call call = connectedCall(rig);
    QVERIFY(call.actions);
    QSignalSpy failed(call.actions, &QueueCallActions::recordingFailed);
    QVERIFY(rig.press(call.agent, u"090"_s, 10));
    const QString second = u"queue/"_s + call.bridge + u"/2"_s;
    QTRY_COMPARE(rig.liveRecordingState(second), u"recording"_s);
    QCOMPARE(call.actions->recordingName(), second);
    QCOMPARE(failed.count(), 0);
    QVERIFY(rig.storedRecordings().isEmpty());
}

void TestQueueAgentKeys::hashEndsTheCall()
{
    QueueTestRig rig(quietOptions());
    QVERIFY(rig.start());
    const Call call = connectedCall(rig);
    QVERIFY(call.actions);
    const QString waiting = rig.addAgent();
    QCOMPARE(rig.state()->agentIds(), QStringList { waiting });
    QSignalSpy removed(rig.state(), &QueueState::pairRemoved);
    QVERIFY(rig.press(call.agent, u"#"_s));
    QTRY_COMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toString(), call.bridge);
    // The caller is hung up, the bridge is gone, the agent waits at the back with music on hold.
    QTRY_VERIFY(!rig.simChannelIds().contains(call.caller));
    QTRY_VERIFY(!rig.simBridgeIds().contains(call.bridge));
    QCOMPARE(rig.state()->placeOf(call.caller), QueueState::Place::Gone);
    QTRY_COMPARE(rig.state()->agentIds(), (QStringList { waiting, call.agent }));
    QVERIFY(rig.waitForMoh(call.agent, true));
    QTRY_COMPARE(rig.app()->callCount(), 2);
    QVERIFY(rig.storedRecordings().isEmpty());
}

void TestQueueAgentKeys::hashWhileRecordingKeepsTheRecording()
{
    QueueTestRig rig(quietOptions());
    QVERIFY(rig.start());
    const Call call = connectedCall(rig);
    QVERIFY(call.actions);
    const QString name = u"queue/"_s + call.bridge + u"/1"_s;
    QVERIFY(rig.press(call.agent, u"0"_s));
    QTRY_COMPARE(rig.liveRecordingState(name), u"recording"_s);
    QVERIFY(rig.press(call.agent, u"5"_s));
    QTRY_COMPARE(rig.liveRecordingState(name), u"paused"_s);
    QVERIFY(rig.press(call.agent, u"#"_s));
    QTRY_VERIFY(!rig.simChannelIds().contains(call.caller));
    QTRY_COMPARE(rig.storedRecordings(), QStringList { name });
    QVERIFY(rig.liveRecordingNames().isEmpty());
    QTRY_COMPARE(rig.state()->placeOf(call.agent), QueueState::Place::AgentQueue);
}

QTEST_GUILESS_MAIN(TestQueueAgentKeys)
#include "TestQueueAgentKeys.moc"
