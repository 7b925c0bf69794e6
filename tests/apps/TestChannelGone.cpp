#include "support/AppTestBed.h"
#include "support/QueueTestRig.h"

#include "core/apps/QueueApp.h"
#include "core/apps/StasisApplicationHost.h"
#include "core/ari/AriConnection.h"
#include "core/ari/AriEventRouter.h"
#include "core/playback/MediaDurations.h"
#include "core/queue/QueueState.h"
#include "core/voicemail/VoicemailStore.h"
#include "sim/SimServer.h"
#include "sim/engine/SimFaultPlan.h"

#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr int s_timeout = 15000; // safety net for every wait (wall ms); never a measurement

int pendingRequestFaults(SimServer *server)
{
    return server->faults()->toJson().value("requests"_L1).toObject().value("count"_L1).toInt();
}

} // namespace

// A channel that Asterisk no longer has, although no StasisEnd said so: every request the call
// makes on it is answered 404 "Channel not found". The call takes that as its channel being gone
// and ends cleanly (a log line, its state removed, a message it recorded kept), in each
// application. The simulator's fault `lose-channel` removes the channel without an event; the
// request that finds it gone is held back by a `delay` fault until the channel is lost.
class TestChannelGone final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void voicemailRecordWhileReviewing();
    void voicemailRecordDuringGreeting();
    void voicemailPlaybackHangingUp();
    void queueCallerWaiting();
};

namespace {

// Holds the next request back, lets `trigger` make the call send one, then loses the channel
// while that request waits.
bool loseChannelDuringRequest(AppTestBed &bed, const QString &channelId, const std::function<bool()> &trigger)
{
    bed.sim()->faults()->failNextRequests(1, SimFaultPlan::RequestFault::Delay, 3000);
    if (!trigger())
        return false;
    if (!QTest::qWaitFor([&] { return pendingRequestFaults(bed.sim()) == 0; }, s_timeout))
        return false;
    QUrlQuery query;
    query.addQueryItem(u"channel"_s, channelId);
    return bed.control("POST", u"/faults/lose-channel"_s, query).status == 204;
}

} // namespace

void TestChannelGone::voicemailRecordWhileReviewing()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(bed.start());
    const QString id = bed.placeCall(u"vm-record"_s, u"305"_s);
    QVERIFY(!id.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(bed.isPlaying(id, u"sound:vm-intro"_s), s_timeout);
    QVERIFY(bed.press(id, u"#"_s));
    QString message;
    QTRY_VERIFY_WITH_TIMEOUT(!(message = bed.liveRecordingOf(id)).isEmpty(), s_timeout);
    QVERIFY(bed.talk(id, 1500));
    QVERIFY(bed.waitSimulated(1500));
    QVERIFY(bed.press(id, u"#"_s));
    QTRY_COMPARE_WITH_TIMEOUT(bed.state(id), u"reviewing"_s, s_timeout);
    QTRY_VERIFY_WITH_TIMEOUT(bed.host()->voicemail()->contains(message), s_timeout);
    // The new message's length is read from its file once: over before the fault is armed.
    QTRY_VERIFY_WITH_TIMEOUT(bed.durations()->lookup(u"recording:"_s + message) > 0, s_timeout);

    // The caller accepts; the channel is lost while the application acts on it.
    QVERIFY(loseChannelDuringRequest(bed, id, [&] { return bed.press(id, u"#"_s); }));
    QTRY_VERIFY_WITH_TIMEOUT(bed.hasEnded(id), s_timeout);
    QCOMPARE(bed.endReason(id), u"channel gone"_s);
    QCOMPARE(bed.liveCalls(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(bed.subscriptionCount(), bed.baselineSubscriptions(), s_timeout);
    // The message stays, stored and shown.
    QVERIFY(bed.stored().contains(message));
    QVERIFY(bed.host()->voicemail()->contains(message));
}

void TestChannelGone::voicemailRecordDuringGreeting()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(bed.start());
    const QString id = bed.placeCall(u"vm-record"_s, u"305"_s);
    QVERIFY(!id.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(bed.isPlaying(id, u"sound:vm-intro"_s), s_timeout);
    // The caller skips the greeting: the application stops it and records, on a lost channel.
    QVERIFY(loseChannelDuringRequest(bed, id, [&] { return bed.press(id, u"#"_s); }));
    QTRY_VERIFY_WITH_TIMEOUT(bed.hasEnded(id), s_timeout);
    QCOMPARE(bed.endReason(id), u"channel gone"_s);
    QCOMPARE(bed.liveCalls(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(bed.subscriptionCount(), bed.baselineSubscriptions(), s_timeout);
}

void TestChannelGone::voicemailPlaybackHangingUp()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    const QString message = u"voicemail/305/1411503204"_s;
    QVERIFY(bed.storeMessage(message, 60000));
    QVERIFY(bed.start());
    const QString id = bed.placeCall(u"vm-playback"_s, u"305"_s);
    QVERIFY(!id.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(bed.state(id), u"listening"_s, s_timeout);
    // The message's length (for the heard share) is read from its file once; that read must be
    // over before the fault is armed, or it takes the delay meant for the hang-up.
    QTRY_VERIFY_WITH_TIMEOUT(bed.durations()->lookup(u"recording:"_s + message) > 0, s_timeout);
    // The caller presses # (end); the application hangs up a channel that is gone already.
    QVERIFY(loseChannelDuringRequest(bed, id, [&] { return bed.press(id, u"#"_s); }));
    QTRY_VERIFY_WITH_TIMEOUT(bed.hasEnded(id), s_timeout);
    QCOMPARE(bed.endReason(id), u"channel gone"_s);
    QCOMPARE(bed.liveCalls(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(bed.subscriptionCount(), bed.baselineSubscriptions(), s_timeout);
    QVERIFY(bed.stored().contains(message));
}

void TestChannelGone::queueCallerWaiting()
{
    QueueTestRig::Options options;
    options.queue.announcementIntervalMs = 300;
    QueueTestRig rig(options);
    QVERIFY(rig.start());
    const int baseline = rig.router()->subscriptionCount();
    const QString caller = rig.addCaller();
    QVERIFY(!caller.isEmpty());
    int status = 0;
    QUrlQuery query;
    query.addQueryItem(u"channel"_s, caller);
    rig.http("POST", u"/sim/faults/lose-channel"_s, query, &status);
    QCOMPARE(status, 204);
    // Its next announcement finds the channel gone: the caller leaves the queue.
    QTRY_COMPARE_WITH_TIMEOUT(rig.app()->callCount(), 0, s_timeout);
    QCOMPARE(rig.state()->callerCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(rig.router()->subscriptionCount(), baseline, s_timeout);
    // An agent who comes now waits: nobody is connected to a caller who is not there.
    const QString agent = rig.addAgent();
    QVERIFY(!agent.isEmpty());
    QCOMPARE(rig.state()->placeOf(agent), QueueState::Place::AgentQueue);
    QCOMPARE(rig.state()->pairCount(), 0);
}

QTEST_GUILESS_MAIN(TestChannelGone)
#include "TestChannelGone.moc"
