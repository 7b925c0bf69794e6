// The supervisor's actions on a call in progress (SPEC Q-7, Q-8) against the simulator: a button
// and the agent's equivalent key give the same result (one action layer), the allowed-now state a
// view binds to, announcing to the whole call, and actions taken the moment a call is connected.

#include "support/QueueTestRig.h"

#include "core/ari/AriEvent.h"
#include "core/ari/AriEventRouter.h"
#include "core/queue/QueueCallAction.h"
#include "core/queue/QueueCallActions.h"
#include "core/queue/QueueState.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Kind = QueueCallAction::Kind;

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
    QPointer<QueueCallActions> actions;
};

Call connectedCall(QueueTestRig &rig)
{
    Call call;
    call.agent = rig.addAgent();
    call.caller = rig.addCaller();
    if (!rig.waitForPlace(call.caller, int(QueueState::Place::Bridge)))
        return {};
    call.bridge = rig.state()->bridgeOf(call.caller);
    call.actions = rig.app()->actions(call.bridge);
    if (!call.actions || !QTest::qWaitFor([&] { return rig.app()->bridgedCall(call.bridge)->isConnected(); }, 10000))
        return {};
    return call;
}

// What a call came to, in words that do not depend on its ids.
struct Outcome
{
    QString recording; // the actions' recording state, or "ended"
    QString liveState; // the server's live recordings of the call: "<suffix> <state>", e.g. "/1 paused"
    QStringList stored; // suffixes ("/1") of the call's stored recordings
    int beeps = 0; // beeps the caller heard
    QString callerPlace; // where the caller is
    QString agentPlace; // where the agent is

    bool operator==(const Outcome &other) const
    {
        return recording == other.recording && liveState == other.liveState && stored == other.stored
            && beeps == other.beeps && callerPlace == other.callerPlace && agentPlace == other.agentPlace;
    }
};

char *toString(const Outcome &outcome)
{
    const QString text = u"{recording %1, live %2, stored [%3], beeps %4, caller %5, agent %6}"_s.arg(outcome.recording,
        outcome.liveState, outcome.stored.join(u','), QString::number(outcome.beeps), outcome.callerPlace,
        outcome.agentPlace);
    return qstrdup(text.toUtf8().constData());
}

QString placeName(QueueState::Place place)
{
    switch (place) {
    case QueueState::Place::Gone:
        return u"gone"_s;
    case QueueState::Place::CallerQueue:
        return u"caller queue"_s;
    case QueueState::Place::AgentQueue:
        return u"agent queue"_s;
    case QueueState::Place::Bridge:
        return u"bridge"_s;
    }
    return {};
}

Outcome outcomeOf(QueueTestRig &rig, const Call &call)
{
    Outcome outcome;
    outcome.recording = call.actions ? queueRecordingStateName(call.actions->recordingState()) : u"ended"_s;
    const QString prefix = u"queue/"_s + call.bridge;
    QStringList live;
    for (const QJsonValue &recording : rig.simState().value("liveRecordings"_L1).toArray()) {
        const QString name = recording.toObject().value("name"_L1).toString();
        if (name.startsWith(prefix + u'/'))
            live.append(name.mid(prefix.size()) + u' ' + recording.toObject().value("state"_L1).toString());
    }
    live.sort();
    outcome.liveState = live.join(u',');
    for (const QString &name : rig.storedRecordings()) {
        if (name.startsWith(prefix + u'/'))
            outcome.stored.append(name.mid(prefix.size()));
    }
    outcome.stored.sort();
    // A call that ended: whether a beep sent as the recording started reached the caller before
    // the hang-up depends on timing, so its beeps are not part of the outcome.
    if (call.actions) {
        for (const QueueTestRig::Heard &item : rig.heard(call.caller)) {
            if (item.media == u"sound:beep"_s)
                ++outcome.beeps;
        }
    }
    outcome.callerPlace = placeName(rig.state()->placeOf(call.caller));
    outcome.agentPlace = placeName(rig.state()->placeOf(call.agent));
    return outcome;
}

bool settled(const Call &call)
{
    return !call.actions || (call.actions->waitingCount() == 0 && !call.actions->isBusy());
}

} // namespace

class TestQueueSupervisorActions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void buttonsDoWhatKeysDo_data();
    void buttonsDoWhatKeysDo();
    void allowedStateFollowsTheRecording();
    void announceToTheCall();
    void actionsTakenAsTheCallIsConnected();
};

void TestQueueSupervisorActions::buttonsDoWhatKeysDo_data()
{
    QTest::addColumn<QString>("keys");
    QTest::addColumn<QList<Kind>>("buttons");
    QTest::addColumn<QString>("recording"); // expected state of the actions afterwards
    QTest::newRow("record") << u"0"_s << QList<Kind> { Kind::Record } << u"recording"_s;
    QTest::newRow("pause") << u"05"_s << QList<Kind> { Kind::Record, Kind::Pause } << u"paused"_s;
    QTest::newRow("resume") << u"055"_s << QList<Kind> { Kind::Record, Kind::Pause, Kind::Resume } << u"recording"_s;
    QTest::newRow("stop") << u"07"_s << QList<Kind> { Kind::Record, Kind::Stop } << u"none"_s;
    QTest::newRow("discard") << u"09"_s << QList<Kind> { Kind::Record, Kind::Discard } << u"none"_s;
    QTest::newRow("stop, record again") << u"070"_s << QList<Kind> { Kind::Record, Kind::Stop, Kind::Record }
                                        << u"recording"_s;
    QTest::newRow("end call") << u"#"_s << QList<Kind> { Kind::EndCall } << u"ended"_s;
    QTest::newRow("end call while recording") << u"0#"_s << QList<Kind> { Kind::Record, Kind::EndCall } << u"ended"_s;
    QTest::newRow("nonsense: stop without recording") << u"7"_s << QList<Kind> { Kind::Stop } << u"none"_s;
}

void TestQueueSupervisorActions::buttonsDoWhatKeysDo()
{
    QFETCH(QString, keys);
    QFETCH(QList<Kind>, buttons);
    QFETCH(QString, recording);
    QueueTestRig rig(quietOptions());
    QVERIFY(rig.start());
    const Call byKeys = connectedCall(rig);
    const Call byButtons = connectedCall(rig);
    QVERIFY(byKeys.actions && byButtons.actions);

    // The agent's keys as they reach the application (before them, the call looks settled in the
    // state a stop or a discard ends in).
    int keysHeard = 0;
    const AriSubscriptionPtr keyWatch
        = rig.router()->onType(AriEvent::Type::ChannelDtmfReceived, [&](const AriEvent &event) {
              if (event.channelId() == byKeys.agent)
                  ++keysHeard;
          });
    QVERIFY(rig.press(byKeys.agent, keys, 200));
    for (const Kind kind : std::as_const(buttons))
        byButtons.actions->action(kind)->trigger();

    // Both settle (the keys arrive over a few simulated hundred ms).
    QTRY_COMPARE(keysHeard, int(keys.size()));
    QTRY_VERIFY(settled(byButtons));
    const auto keysDone = [&] {
        if (!settled(byKeys))
            return false;
        const QString state = byKeys.actions ? queueRecordingStateName(byKeys.actions->recordingState()) : u"ended"_s;
        return state == recording;
    };
    QTRY_VERIFY(keysDone());
    QTRY_VERIFY(settled(byKeys));
    // The server agrees with the actions (a stop sent as the call ended may still be on its way),
    // and the caller of a call still up heard one beep per recording started (each beep is sent
    // once its recording has started, so it may arrive after the actions settled).
    const int recordingsStarted = int(buttons.count(Kind::Record));
    const auto serverAgrees = [&](const Outcome &outcome) {
        const bool live = outcome.recording == u"recording"_s || outcome.recording == u"paused"_s;
        const bool beeped = outcome.recording == u"ended"_s || outcome.beeps == recordingsStarted;
        return beeped && (live ? outcome.liveState.endsWith(u' ' + outcome.recording) : outcome.liveState.isEmpty());
    };
    QTRY_VERIFY(serverAgrees(outcomeOf(rig, byKeys)));
    const Outcome expected = outcomeOf(rig, byKeys);
    QCOMPARE(expected.recording, recording);
    QTRY_COMPARE(outcomeOf(rig, byButtons), expected);
    QTRY_COMPARE(outcomeOf(rig, byKeys), expected);
}

void TestQueueSupervisorActions::allowedStateFollowsTheRecording()
{
    QueueTestRig rig(quietOptions());
    QVERIFY(rig.start());
    const Call call = connectedCall(rig);
    QVERIFY(call.actions);
    QueueCallActions *actions = call.actions;
    const auto allowed = [actions] {
        QStringList kinds;
        for (QueueCallAction *action : actions->actions()) {
            if (action->isEnabled())
                kinds.append(QueueCallAction::kindName(action->kind()));
        }
        return kinds;
    };
    QCOMPARE(allowed(), (QStringList { u"record"_s, u"end-call"_s, u"announce"_s }));
    QVERIFY(actions->canRecord());
    QVERIFY(!actions->isRecording());
    QCOMPARE(actions->property("canRecord").toBool(), true);
    QCOMPARE(actions->property("canStop").toBool(), false);

    QSignalSpy changed(actions, &QueueCallActions::stateChanged);
    QSignalSpy recordEnabled(actions->action(Kind::Record), &QueueCallAction::enabledChanged);
    QSignalSpy pairChanged(rig.state(), &QueueState::pairChanged);
    actions->record();
    QTRY_COMPARE(actions->recordingState(), QueueRecordingState::Recording);
    QVERIFY(changed.count() >= 2); // starting, recording
    QCOMPARE(recordEnabled.count(), 1);
    QCOMPARE(recordEnabled.at(0).at(0).toBool(), false);
    QCOMPARE(allowed(), (QStringList { u"pause"_s, u"stop"_s, u"discard"_s, u"end-call"_s, u"announce"_s }));
    QVERIFY(actions->isRecording());
    QCOMPARE(actions->property("isRecording").toBool(), true);
    QVERIFY(pairChanged.count() >= 1);
    QCOMPARE(pairChanged.constLast().at(1).value<QueueBridgedPair>().recording, QueueRecordingState::Recording);
    QCOMPARE(rig.state()->pair(call.bridge)->recordingName, QueueCallActions::recordingNameFor(call.bridge, 1));

    actions->pause();
    QTRY_VERIFY(actions->isPaused());
    QCOMPARE(allowed(), (QStringList { u"resume"_s, u"stop"_s, u"discard"_s, u"end-call"_s, u"announce"_s }));
    QVERIFY(actions->canResume() && !actions->canPause());

    actions->resume();
    QTRY_VERIFY(!actions->isPaused());
    QVERIFY(actions->canPause());

    actions->stop();
    QTRY_COMPARE(actions->recordingState(), QueueRecordingState::None);
    QCOMPARE(allowed(), (QStringList { u"record"_s, u"end-call"_s, u"announce"_s }));
    QCOMPARE(recordEnabled.count(), 2);
    QCOMPARE(rig.state()->pair(call.bridge)->storedRecordings,
        QStringList { QueueCallActions::recordingNameFor(call.bridge, 1) });

    QSignalSpy finished(actions, &QueueCallActions::finished);
    actions->endCall();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(allowed(), QStringList());
    QVERIFY(actions->isFinished());
    // Asking an ended call for anything does nothing (and says so).
    QSignalSpy ignored(actions, &QueueCallActions::actionIgnored);
    actions->record();
    QCOMPARE(ignored.count(), 1);
    QTRY_VERIFY(call.actions.isNull()); // deleted with its call
}

void TestQueueSupervisorActions::announceToTheCall()
{
    QueueTestRig rig(quietOptions());
    QVERIFY(rig.start());
    const Call call = connectedCall(rig);
    QVERIFY(call.actions);
    QVERIFY(!rig.app()->perform(u"no-such-call"_s, Kind::Announce));
    QVERIFY(rig.app()->perform(call.bridge, Kind::Announce));
    QTRY_VERIFY(call.actions->isAnnouncing());
    QTRY_VERIFY(!call.actions->isAnnouncing());
    const QList<QueueTestRig::Heard> heard = rig.heardBridge(call.bridge);
    QCOMPARE(QueueTestRig::media(heard), QStringList { u"sound:conf-now-recording"_s });
    QCOMPARE(heard.first().end, u"finished"_s);
    // A bridge playback, heard by both through the bridge: not one on either channel.
    QCOMPARE(QueueTestRig::withoutMoh(rig.heard(call.caller)).size(), 0);
    QCOMPARE(QueueTestRig::withoutMoh(rig.heard(call.agent)).size(), 0);

    // Any media, chosen by the supervisor.
    call.actions->announceMedia(u"sound:queue-thereare"_s);
    QTRY_COMPARE(QueueTestRig::media(rig.heardBridge(call.bridge)),
        (QStringList { u"sound:conf-now-recording"_s, u"sound:queue-thereare"_s }));
    QTRY_COMPARE(rig.heardBridge(call.bridge).constLast().end, u"finished"_s);
}

void TestQueueSupervisorActions::actionsTakenAsTheCallIsConnected()
{
    QueueTestRig rig(quietOptions());
    QVERIFY(rig.start());
    // Record and announce the very moment the pair appears, before the bridge exists on the
    // server: the requests line up behind its creation.
    QObject context;
    QObject::connect(rig.state(), &QueueState::pairAdded, &context, [](int, const QueueBridgedPair &pair) {
        pair.actions->record();
        pair.actions->announce();
    });
    const QString agent = rig.addAgent();
    const QString caller = rig.addCaller();
    QVERIFY(rig.waitForPlace(caller, int(QueueState::Place::Bridge)));
    const QString bridge = rig.state()->bridgeOf(caller);
    const QString name = QueueCallActions::recordingNameFor(bridge, 1);
    QTRY_COMPARE(rig.liveRecordingState(name), u"recording"_s);
    QTRY_COMPARE(QueueTestRig::media(rig.heardBridge(bridge)), QStringList { u"sound:conf-now-recording"_s });
    QTRY_COMPARE(rig.app()->actions(bridge)->recordingState(), QueueRecordingState::Recording);
    Q_UNUSED(agent);
}

QTEST_GUILESS_MAIN(TestQueueSupervisorActions)
#include "TestQueueSupervisorActions.moc"
