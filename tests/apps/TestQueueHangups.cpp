// Every hang-up path of the queue application (SPEC) against the simulator: in a call
// (agent or caller, with and without a recording), while waiting, during an announcement; bridges
// destroyed, nothing left behind (subscriptions, calls, bridges).

#include "support/QueueTestRig.h"

#include "core/apps/QueueApp.h"
#include "core/ari/AriEventRouter.h"
#include "core/queue/QueueCallActions.h"
#include "core/queue/QueueDailyCounts.h"
#include "core/queue/QueueState.h"
#include "sim/SimServer.h"
#include "sim/engine/SimFaultPlan.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr int s_bridge = int(QueueState::Place::Bridge);

QueueTestRig::Options quietOptions()
{
    QueueTestRig::Options options;
    options.queue.announcementIntervalMs = 600000;
    return options;
}

} // namespace

class TestQueueHangups final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void agentHangsUpInACall_data();
    void agentHangsUpInACall();
    void callerHangsUpInACall_data();
    void callerHangsUpInACall();
    void waitingCallerHangsUp();
    void waitingAgentHangsUp();
    void callerHangsUpDuringAnnouncement();
    void nothingIsLeftBehind();
    void answeredCountsConnectedCallsOnly();
    void callWhoseHangUpFailsIsHungUpAgain();
};

void TestQueueHangups::agentHangsUpInACall_data()
{
    QTest::addColumn<bool>("recording");
    QTest::newRow("not recording") << false;
    QTest::newRow("recording") << true;
}

void TestQueueHangups::agentHangsUpInACall()
{
    QFETCH(bool, recording);
    QueueTestRig rig(quietOptions());
    QVERIFY(rig.start());
    const QString agent = rig.addAgent();
    const QString caller = rig.addCaller();
    QVERIFY(rig.waitForPlace(caller, s_bridge));
    const QString bridge = rig.state()->bridgeOf(caller);
    QTRY_VERIFY(rig.app()->bridgedCall(bridge)->isConnected());
    const QString name = QueueCallActions::recordingNameFor(bridge, 1);
    if (recording) {
        QVERIFY(rig.press(agent, u"0"_s));
        QTRY_COMPARE(rig.liveRecordingState(name), u"recording"_s);
    }
    QVERIFY(rig.hangUp(agent));
    // The caller is hung up by the application, the bridge destroyed.
    QTRY_VERIFY(!rig.simChannelIds().contains(caller));
    QTRY_VERIFY(!rig.simBridgeIds().contains(bridge));
    QCOMPARE(rig.state()->placeOf(agent), QueueState::Place::Gone);
    QCOMPARE(rig.state()->placeOf(caller), QueueState::Place::Gone);
    QCOMPARE(rig.state()->pairCount(), 0);
    QTRY_COMPARE(rig.app()->callCount(), 0);
    QTRY_COMPARE(rig.storedRecordings(), recording ? QStringList { name } : QStringList());
    QVERIFY(rig.liveRecordingNames().isEmpty());
}

void TestQueueHangups::callerHangsUpInACall_data()
{
    QTest::addColumn<bool>("recording");
    QTest::newRow("not recording") << false;
    QTest::newRow("recording") << true;
}

void TestQueueHangups::callerHangsUpInACall()
{
    QFETCH(bool, recording);
    QueueTestRig rig(quietOptions());
    QVERIFY(rig.start());
    const QString agent = rig.addAgent();
    const QString caller = rig.addCaller();
    QVERIFY(rig.waitForPlace(caller, s_bridge));
    const QString other = rig.addAgent(); // waits: the agent goes back behind it
    const QString bridge = rig.state()->bridgeOf(caller);
    QTRY_VERIFY(rig.app()->bridgedCall(bridge)->isConnected());
    const QString name = QueueCallActions::recordingNameFor(bridge, 1);
    if (recording) {
        QVERIFY(rig.press(agent, u"0"_s));
        QTRY_COMPARE(rig.liveRecordingState(name), u"recording"_s);
    }
    QVERIFY(rig.hangUp(caller));
    QTRY_COMPARE(rig.state()->agentIds(), (QStringList { other, agent }));
    QTRY_VERIFY(!rig.simBridgeIds().contains(bridge));
    QVERIFY(rig.waitForMoh(agent, true));
    QCOMPARE(rig.app()->call(agent)->machine().currentState(), u"agent-waiting"_s);
    QTRY_COMPARE(rig.storedRecordings(), recording ? QStringList { name } : QStringList());
    QVERIFY(rig.liveRecordingNames().isEmpty());
    // The agent is taken again by the next caller, after the other agent.
    const QString next = rig.addCaller();
    QVERIFY(rig.waitForPlace(next, s_bridge));
    QCOMPARE(rig.state()->bridgeOf(next), rig.state()->bridgeOf(other));
    const QString last = rig.addCaller();
    QVERIFY(rig.waitForPlace(last, s_bridge));
    QCOMPARE(rig.state()->bridgeOf(last), rig.state()->bridgeOf(agent));
}

void TestQueueHangups::waitingCallerHangsUp()
{
    QueueTestRig rig(quietOptions());
    QVERIFY(rig.start());
    const QString c1 = rig.addCaller();
    const QString c2 = rig.addCaller();
    const QString c3 = rig.addCaller();
    QSignalSpy removed(rig.state(), &QueueState::callerRemoved);
    QVERIFY(rig.hangUp(c1));
    QTRY_COMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(0).toInt(), 0);
    QCOMPARE(removed.at(0).at(1).toString(), c1);
    QCOMPARE(rig.state()->callerIds(), (QStringList { c2, c3 }));
    QCOMPARE(rig.state()->caller(c2)->position, 1);
    QCOMPARE(rig.state()->caller(c3)->position, 2);
    QTRY_COMPARE(rig.app()->callCount(), 2);
    // The next agent takes the new front.
    const QString agent = rig.addAgent();
    QVERIFY(rig.waitForPlace(agent, s_bridge));
    QCOMPARE(rig.state()->bridgeOf(agent), rig.state()->bridgeOf(c2));
}

void TestQueueHangups::waitingAgentHangsUp()
{
    QueueTestRig rig(quietOptions());
    QVERIFY(rig.start());
    const QString a1 = rig.addAgent();
    const QString a2 = rig.addAgent();
    QVERIFY(rig.hangUp(a1));
    QTRY_COMPARE(rig.state()->agentIds(), QStringList { a2 });
    QTRY_COMPARE(rig.app()->callCount(), 1);
    const QString caller = rig.addCaller();
    QVERIFY(rig.waitForPlace(caller, s_bridge));
    QCOMPARE(rig.state()->bridgeOf(caller), rig.state()->bridgeOf(a2));
}

void TestQueueHangups::callerHangsUpDuringAnnouncement()
{
    QueueTestRig::Options options;
    options.speed = 2.0; // the 5 s announcement lasts 2.5 s
    options.queue.announcementIntervalMs = 200;
    QueueTestRig rig(options);
    QVERIFY(rig.start());
    const int baseline = rig.router()->subscriptionCount();
    const QString caller = rig.addCaller();
    QTRY_VERIFY_WITH_TIMEOUT(rig.state()->caller(caller) && rig.state()->caller(caller)->announcing, 20000);
    QVERIFY(rig.hangUp(caller));
    QTRY_COMPARE(rig.state()->callerCount(), 0);
    QTRY_COMPARE(rig.app()->callCount(), 0);
    QTRY_COMPARE(rig.router()->subscriptionCount(), baseline);
    // The prompt ended with the channel; nothing else was played.
    const QList<QueueTestRig::Heard> heard = QueueTestRig::withoutMoh(rig.heard(caller));
    QCOMPARE(heard.size(), 1);
    QCOMPARE(heard.first().media, u"sound:queue-youarenext"_s);
    QVERIFY(heard.first().end != u"playing"_s);
    QVERIFY(heard.first().end != u"finished"_s);
}

void TestQueueHangups::nothingIsLeftBehind()
{
    QueueTestRig::Options options;
    options.queue.announcementIntervalMs = 100;
    QueueTestRig rig(options);
    QVERIFY(rig.start());
    const int baseline = rig.router()->subscriptionCount();
    // Two calls in progress (one recording, one announcing to the call), two waiting callers
    // (hearing announcements), one waiting agent after the calls.
    const QString a1 = rig.addAgent();
    const QString a2 = rig.addAgent();
    const QString c1 = rig.addCaller();
    const QString c2 = rig.addCaller();
    const QString c3 = rig.addCaller();
    const QString c4 = rig.addCaller();
    QVERIFY(rig.waitForPlace(c2, s_bridge));
    QVERIFY(rig.press(a1, u"0"_s));
    QueueCallActions *second = rig.app()->actions(rig.state()->bridgeOf(a2));
    QVERIFY(second);
    second->announce();
    QTRY_VERIFY(rig.state()->caller(c3) && rig.state()->caller(c3)->announcements >= 1);
    QTRY_VERIFY(rig.state()->caller(c4) && rig.state()->caller(c4)->announcements >= 1);
    QTRY_COMPARE(rig.liveRecordingNames().size(), 1);
    QVERIFY(rig.router()->subscriptionCount() > baseline);

    for (const QString &id : { c1, a2, c3, c4, a1 })
        QVERIFY(rig.hangUp(id));
    QTRY_COMPARE(rig.simChannelIds(), QStringList());
    QTRY_COMPARE(rig.app()->callCount(), 0);
    QCOMPARE(rig.state()->callerCount(), 0);
    QCOMPARE(rig.state()->agentCount(), 0);
    QCOMPARE(rig.state()->pairCount(), 0);
    // Once the ended calls are closed (their last requests answered), no bridge is left: a call
    // connected and ended during the hang-ups may have had its bridge made after it ended.
    QTRY_COMPARE(rig.app()->closingCount(), 0);
    QCOMPARE(rig.simBridgeIds(), QStringList());
    QTRY_COMPARE(rig.router()->subscriptionCount(), baseline);
    QVERIFY(rig.liveRecordingNames().isEmpty());
    QCOMPARE(rig.storedRecordings().size(), 1);
    QTRY_COMPARE(rig.simState().value("playbacks"_L1).toArray().size(), 0);
}

void TestQueueHangups::answeredCountsConnectedCallsOnly()
{
    QueueTestRig rig(quietOptions());
    QVERIFY(rig.start());
    const QueueDailyCounts *counts = rig.app()->dailyCounts();
    const QString agent = rig.addAgent();
    const QString first = rig.addCaller();
    QVERIFY(rig.waitForPlace(first, s_bridge));
    QTRY_VERIFY(rig.app()->bridgedCall(rig.state()->bridgeOf(first))->isConnected());
    QCOMPARE(counts->figures().answered, 1);
    QVERIFY(rig.hangUp(first));
    QVERIFY(rig.waitForPlace(agent, int(QueueState::Place::AgentQueue)));
    QCOMPARE(counts->figures().abandoned, 0);
    // The server is slow now: the next caller is matched with the agent, but hangs up before
    // the bridge joins them. That call was never answered: it was abandoned.
    rig.server()->faults()->failNextRequests(10, SimFaultPlan::RequestFault::Delay, 20000);
    const QString second = rig.addCaller();
    QVERIFY(rig.waitForPlace(second, s_bridge));
    QVERIFY(!rig.app()->bridgedCall(rig.state()->bridgeOf(second))->isConnected());
    QVERIFY(rig.hangUp(second));
    QTRY_COMPARE(rig.state()->pairCount(), 0);
    QCOMPARE(counts->figures().answered, 1);
    QCOMPARE(counts->figures().abandoned, 1);
    // Its bridge's last requests (slow) are answered: still not answered, abandoned once.
    QTRY_COMPARE_WITH_TIMEOUT(rig.app()->closingCount(), 0, 30000);
    QCOMPARE(counts->figures().answered, 1);
    QCOMPARE(counts->figures().abandoned, 1);
}

// A caller whose answer failed is hung up; when that hang-up failed as well (an error, the
// socket gone), the call stayed "ending" and the caller on a line nobody handled, for good. The
// hang-up is asked again (1 s later first) until the channel is gone.
void TestQueueHangups::callWhoseHangUpFailsIsHungUpAgain()
{
    QueueTestRig rig(quietOptions());
    QVERIFY(rig.start());
    // The next two ARI requests: the caller's answer and the hang-up that follows its failure.
    rig.server()->faults()->failNextRequests(2, SimFaultPlan::RequestFault::ServerError);
    const QString caller = rig.placeCall({ u"caller"_s });
    QVERIFY(!caller.isEmpty());
    const auto faultsLeft
        = [&rig] { return rig.server()->faults()->toJson().value("requests"_L1).toObject().value("count"_L1).toInt(); };
    QTRY_COMPARE(faultsLeft(), 0);
    // Without a second hang-up the channel would stay.
    QTRY_COMPARE_WITH_TIMEOUT(rig.simChannelIds(), QStringList(), 15000);
    QTRY_COMPARE(rig.app()->callCount(), 0);
    QCOMPARE(rig.state()->callerCount(), 0);
}

QTEST_GUILESS_MAIN(TestQueueHangups)
#include "TestQueueHangups.moc"
