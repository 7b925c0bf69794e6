#include "support/AppTestBed.h"

#include "core/apps/StasisApplication.h"
#include "core/apps/StasisApplicationHost.h"
#include "core/ari/AriConnection.h"
#include "core/ari/AriEventStream.h"
#include "core/calls/CallTracker.h"
#include "core/voicemail/VoicemailStore.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr int s_timeout = 15000; // safety net for every wait (wall ms); never a measurement
}

class TestStasisApplicationHost final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void routesEachApplicationByItsName();
    void trackerShowsLiveCallsAndTheirStates();
    void resyncEndsCallsWhoseChannelIsGone();
    void resyncRereadsTheMailboxes();
};

void TestStasisApplicationHost::routesEachApplicationByItsName()
{
    AppTestBed::Options options;
    options.record.name = u"leave-message"_s;
    options.playback.name = u"listen"_s;
    AppTestBed bed(options);
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(bed.storeMessage(u"voicemail/305/1411503204"_s, 8000));
    QVERIFY(bed.start());
    QCOMPARE(bed.host()->applicationNames(), (QStringList { u"leave-message"_s, u"listen"_s }));
    QCOMPARE(bed.host()->application(u"leave-message"_s)->kind(), u"vm-record"_s);
    QCOMPARE(bed.host()->application(u"listen"_s)->kind(), u"vm-playback"_s);

    const QString recorder = bed.placeCall(u"leave-message"_s, u"305"_s);
    const QString listener = bed.placeCall(u"listen"_s, u"305"_s);
    QTRY_VERIFY_WITH_TIMEOUT(bed.isPlaying(recorder, u"sound:vm-intro"_s), s_timeout);
    QTRY_VERIFY_WITH_TIMEOUT(bed.isPlaying(listener, u"sound:vm-message"_s), s_timeout);
    QCOMPARE(bed.host()->application(u"leave-message"_s)->callIds(), QStringList { recorder });
    QCOMPARE(bed.host()->application(u"listen"_s)->callIds(), QStringList { listener });
    QCOMPARE(bed.host()->callCount(), 2);
    QCOMPARE(bed.states(recorder), QStringList { u"greeting"_s });
    QCOMPARE(bed.states(listener), QStringList { u"preamble"_s });
    QVERIFY(bed.hangUp(recorder));
    QVERIFY(bed.hangUp(listener));
    QTRY_COMPARE_WITH_TIMEOUT(bed.liveCalls(), 0, s_timeout);
    QTRY_COMPARE_WITH_TIMEOUT(bed.subscriptionCount(), bed.baselineSubscriptions(), s_timeout);
}

void TestStasisApplicationHost::trackerShowsLiveCallsAndTheirStates()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(bed.start());
    CallTracker *tracker = bed.host()->tracker();
    QSignalSpy started(tracker, &CallTracker::callStarted);
    QSignalSpy changed(tracker, &CallTracker::callStateChanged);
    QSignalSpy ended(tracker, &CallTracker::callEnded);

    const QString id = bed.placeCall(u"vm-record"_s, u"305"_s);
    QTRY_VERIFY_WITH_TIMEOUT(bed.isPlaying(id, u"sound:vm-intro"_s), s_timeout);
    QCOMPARE(tracker->count(), 1);
    QCOMPARE(tracker->count(u"vm-record"_s), 1);
    const std::optional<CallInfo> info = tracker->call(id);
    QVERIFY(info);
    QCOMPARE(info->application, u"vm-record"_s);
    QCOMPARE(info->args, QStringList { u"305"_s });
    QCOMPARE(info->state, u"greeting"_s);
    QVERIFY(!info->channelName.isEmpty());
    QVERIFY(info->started.isValid());
    QCOMPARE(started.size(), 1);

    QVERIFY(bed.press(id, u"#"_s));
    QTRY_COMPARE_WITH_TIMEOUT(tracker->call(id).value_or(CallInfo {}).state, u"recording"_s, s_timeout);
    QVERIFY(bed.hangUp(id));
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, s_timeout);
    QCOMPARE(tracker->count(), 0);
    QVERIFY(!tracker->call(id));
    QCOMPARE(ended.at(0).at(0).value<CallInfo>().state, u"hung-up"_s);
    QCOMPARE(ended.at(0).at(1).toString(), u"StasisEnd"_s);

    // One report per transition, with what caused it.
    QCOMPARE(changed.size(), 3);
    const auto first = changed.at(0).at(0).value<CallTransition>();
    QVERIFY(first.from.isEmpty());
    QCOMPARE(first.to, u"greeting"_s);
    const auto second = changed.at(1).at(0).value<CallTransition>();
    QCOMPARE(second.from, u"greeting"_s);
    QCOMPARE(second.to, u"recording"_s);
    QCOMPARE(second.event, u"dtmf#"_s);
    QCOMPARE(second.application, u"vm-record"_s);
    QVERIFY(second.cause.contains(u"#"_s));
    const auto third = changed.at(2).at(0).value<CallTransition>();
    QCOMPARE(third.to, u"hung-up"_s);
    QCOMPARE(third.event, u"hangup"_s);
    QVERIFY2(third.cause.contains(u"cause 16"_s), qPrintable(third.cause));
}

void TestStasisApplicationHost::resyncEndsCallsWhoseChannelIsGone()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(bed.start());
    const QString gone = bed.placeCall(u"vm-record"_s, u"305"_s);
    const QString stays = bed.placeCall(u"vm-record"_s, u"306"_s);
    QTRY_VERIFY_WITH_TIMEOUT(bed.isPlaying(gone, u"sound:vm-intro"_s), s_timeout);
    QTRY_VERIFY_WITH_TIMEOUT(bed.isPlaying(stays, u"sound:vm-intro"_s), s_timeout);

    // The event socket drops; meanwhile one caller hangs up (its StasisEnd is never seen).
    AriEventStream *events = bed.connection()->events();
    events->close();
    QTRY_COMPARE_WITH_TIMEOUT(events->state(), AriEventStream::State::Disconnected, s_timeout);
    QVERIFY(bed.hangUp(gone));
    QTRY_COMPARE_WITH_TIMEOUT(bed.liveChannels(), 1, s_timeout);
    QCOMPARE(bed.liveCalls(), 2);
    events->open();
    QTRY_COMPARE_WITH_TIMEOUT(events->state(), AriEventStream::State::Connected, s_timeout);

    bed.host()->resync(); // what AriEventStream::resynced triggers
    QTRY_VERIFY_WITH_TIMEOUT(bed.hasEnded(gone), s_timeout);
    QCOMPARE(bed.endReason(gone), u"channel gone after reconnect"_s);
    QCOMPARE(bed.liveCalls(), 1);
    QVERIFY(!bed.hasEnded(stays));

    QVERIFY(bed.hangUp(stays));
    QTRY_VERIFY_WITH_TIMEOUT(bed.hasEnded(stays), s_timeout);
    QTRY_COMPARE_WITH_TIMEOUT(bed.liveCalls(), 0, s_timeout);
    QTRY_COMPARE_WITH_TIMEOUT(bed.subscriptionCount(), bed.baselineSubscriptions(), s_timeout);
}

void TestStasisApplicationHost::resyncRereadsTheMailboxes()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(bed.storeMessage(u"voicemail/305/1411503204"_s));
    QVERIFY(bed.storeMessage(u"voicemail/305/1411503300"_s));
    QVERIFY(bed.start());
    VoicemailStore *store = bed.host()->voicemail();
    QCOMPARE(store->messageCount(u"305"_s), 2);
    QSignalSpy removed(store, &VoicemailStore::messageRemoved);
    QSignalSpy added(store, &VoicemailStore::messageAdded);
    // Changed elsewhere while nobody listened.
    QVERIFY(bed.deleteElsewhere(u"voicemail/305/1411503204"_s));
    QVERIFY(bed.storeMessage(u"voicemail/7/1411503400"_s));
    bed.host()->resync();
    QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 1, s_timeout);
    QTRY_COMPARE_WITH_TIMEOUT(added.size(), 1, s_timeout);
    QCOMPARE(store->mailboxes(), (QStringList { u"305"_s, u"7"_s }));
    QCOMPARE(store->messageCount(u"305"_s), 1);
}

QTEST_GUILESS_MAIN(TestStasisApplicationHost)
#include "TestStasisApplicationHost.moc"
