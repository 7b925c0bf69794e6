// Conformance of the whole call queue flow with the reference transcript "queue-flow" of
// Asterisk 22.10.1. The test plays the queue application step by step (REST); the agent and the
// caller are played with the control API.
//
// Facts from the transcript this test relies on (app socket, ChannelVarset BRIDGEPEER left aside):
//   agent: StasisStart {"args":["agent"]}, answer → ChannelStateChange "Up", POST moh → 204
//   caller: StasisStart {"args":["caller"]}, answer → ChannelStateChange "Up", POST moh → 204
//   announcement to the caller, media=sound:queue-thereare,number:0,sound:queue-callswaiting → 201
//     {"media_uri":"sound:queue-thereare","next_media_uri":"number:0"}; PlaybackStarted
//     (queue-thereare, next number:0), PlaybackContinuing (queue-thereare, next number:0,
//     "continuing"), PlaybackStarted (number:0, next sound:queue-callswaiting), PlaybackContinuing
//     (number:0), PlaybackStarted (queue-callswaiting, no next), PlaybackFinished "done".
//     The playback stopped the caller's MOH and MOH does not come back by itself: POST moh again.
//   connect: DELETE moh on both, POST /bridges?type=mixing&bridgeId=...&name=queue → 200,
//     addChannel caller,agent → ChannelEnteredBridge ×2
//   agent presses 0 → ChannelDtmfReceived "0" (agent's channel); bridge record → 201,
//     RecordingStarted (target_uri bridge:...); beep to the caller only (channel play) →
//     PlaybackStarted/PlaybackFinished on the caller's channel
//   agent 5 → ChannelDtmfReceived, recording pause → 204; 5 again → unpause → 204 (no events)
//   agent 7 → ChannelDtmfReceived, stop → RecordingFinished {"state":"done","target_uri":
//     "bridge:..."}; GET stored → 200
//   agent # → ChannelDtmfReceived; DELETE the caller → ChannelHangupRequest {"cause":32,"soft":true},
//     ChannelLeftBridge (caller), StasisEnd (caller)
//   removeChannel agent → ChannelLeftBridge (agent, channels []); DELETE bridge → BridgeDestroyed
//     (it did arrive in this flow); agent back on MOH (POST moh → 204)
//   the agent hangs up → ChannelHangupRequest {"cause":16}, StasisEnd.

#include "support/EventCollector.h"
#include "support/SimTestHarness.h"
#include "support/TestSoundsDir.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

QList<QJsonObject> items(const QJsonArray &heard, bool moh)
{
    QList<QJsonObject> result;
    for (const QJsonValue &value : heard) {
        const bool isMoh = value.toObject().value("media"_L1).toString().startsWith("moh:"_L1);
        if (isMoh == moh)
            result.append(value.toObject());
    }
    return result;
}

bool hasPlayback(const QJsonArray &heard, const QString &playbackId)
{
    for (const QJsonValue &value : heard) {
        if (value.toObject().value("playbackId"_L1).toString() == playbackId)
            return true;
    }
    return false;
}

} // namespace

class TestConformanceQueueFlow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void wholeFlow();

private:
    TestSoundsDir m_sounds;
};

void TestConformanceQueueFlow::initTestCase()
{
    QVERIFY(m_sounds.isValid());
    QVERIFY(m_sounds.addStandardSet());
}

void TestConformanceQueueFlow::wholeFlow()
{
    SimTestHarness::Options options;
    options.speed = 20;
    options.soundsDir = m_sounds.path();
    SimTestHarness sim(options);
    QVERIFY(sim.start());
    auto app = sim.connectEvents(u"queue"_s);
    QVERIFY(app);

    const QString agent = sim.answeredCall(app.get(), u"queue"_s, {u"agent"_s});
    QVERIFY(!agent.isEmpty());
    QCOMPARE(sim.post(u"/channels/"_s + agent + u"/moh"_s).status, 204);
    const QString caller = sim.answeredCall(app.get(), u"queue"_s, {u"caller"_s});
    QVERIFY(!caller.isEmpty());
    QCOMPARE(sim.post(u"/channels/"_s + caller + u"/moh"_s).status, 204);
    QVERIFY(sim.waitSimulated(1000));

    // Periodic announcement, then MOH again.
    const RestReply announce = sim.post(u"/channels/"_s + caller + u"/play/announce-1"_s,
                                        QUrlQuery{{u"media"_s, u"sound:queue-thereare,number:0,sound:queue-callswaiting"_s}});
    QCOMPARE(announce.status, 201);
    QCOMPARE(announce.object().value("media_uri"_L1).toString(), u"sound:queue-thereare"_s);
    QCOMPARE(announce.object().value("next_media_uri"_L1).toString(), u"number:0"_s);
    QVERIFY(!app->waitFor(u"PlaybackFinished"_s, EventCollector::forPlayback(u"announce-1"_s), 10000).isEmpty());
    QVERIFY(sim.waitSimulated(1000));
    QList<QJsonObject> callerMoh = items(sim.heard(caller), true);
    QCOMPARE(callerMoh.size(), 1);
    QVERIFY(callerMoh.first().value("end"_L1).toString() != "playing"_L1); // stopped by the announcement
    QCOMPARE(sim.post(u"/channels/"_s + caller + u"/moh"_s).status, 204);
    QCOMPARE(items(sim.heard(caller), true).last().value("end"_L1).toString(), u"playing"_s);
    QCOMPARE(items(sim.heard(agent), true).last().value("end"_L1).toString(), u"playing"_s);

    // Agent available: connect.
    QCOMPARE(sim.del(u"/channels/"_s + agent + u"/moh"_s).status, 204);
    QCOMPARE(sim.del(u"/channels/"_s + caller + u"/moh"_s).status, 204);
    const QString bridge = u"queue-call-1795676531868"_s;
    QCOMPARE(sim.post(u"/bridges"_s, QUrlQuery{{u"type"_s, u"mixing"_s}, {u"bridgeId"_s, bridge}, {u"name"_s, u"queue"_s}}).status,
             200);
    QCOMPARE(sim.post(u"/bridges/"_s + bridge + u"/addChannel"_s, QUrlQuery{{u"channel"_s, caller + u',' + agent}}).status, 204);
    QVERIFY(app->waitForCount(u"ChannelEnteredBridge"_s, 2));
    QVERIFY(sim.talk(caller, 30000));

    // Agent presses 0: record the bridge, beep to the caller only.
    QVERIFY(sim.pressDtmf(agent, u"0"_s));
    QVERIFY(!app->waitFor(u"ChannelDtmfReceived"_s).isEmpty());
    const QString recording = u"queue/"_s + bridge;
    const RestReply record = sim.post(u"/bridges/"_s + bridge + u"/record"_s,
                                      QUrlQuery{{u"name"_s, recording}, {u"format"_s, u"wav"_s}, {u"ifExists"_s, u"overwrite"_s}});
    QCOMPARE(record.status, 201);
    QVERIFY(!app->waitFor(u"RecordingStarted"_s).isEmpty());
    QCOMPARE(sim.post(u"/channels/"_s + caller + u"/play/beep-caller"_s, QUrlQuery{{u"media"_s, u"sound:beep"_s}}).status, 201);
    QVERIFY(!app->waitFor(u"PlaybackFinished"_s, EventCollector::forPlayback(u"beep-caller"_s)).isEmpty());
    QVERIFY(hasPlayback(sim.heard(caller), u"beep-caller"_s));
    QVERIFY(!hasPlayback(sim.heard(agent), u"beep-caller"_s));

    // 5: pause, 5: unpause, 7: stop.
    const QString live = u"/recordings/live/queue%2F"_s + bridge;
    QVERIFY(sim.pressDtmf(agent, u"5"_s));
    QVERIFY(app->waitForCount(u"ChannelDtmfReceived"_s, 2));
    QCOMPARE(sim.post(live + u"/pause"_s).status, 204);
    QVERIFY(sim.waitSimulated(1000));
    QVERIFY(sim.pressDtmf(agent, u"5"_s));
    QVERIFY(app->waitForCount(u"ChannelDtmfReceived"_s, 3));
    QCOMPARE(sim.del(live + u"/pause"_s).status, 204);
    QVERIFY(sim.waitSimulated(1000));
    QVERIFY(sim.pressDtmf(agent, u"7"_s));
    QVERIFY(app->waitForCount(u"ChannelDtmfReceived"_s, 4));
    QCOMPARE(sim.post(live + u"/stop"_s).status, 204);
    const QJsonObject finished = app->waitFor(u"RecordingFinished"_s);
    QCOMPARE(finished.value("recording"_L1).toObject().value("state"_L1).toString(), u"done"_s);
    QCOMPARE(finished.value("recording"_L1).toObject().value("target_uri"_L1).toString(), u"bridge:"_s + bridge);
    QCOMPARE(sim.get(u"/recordings/stored/queue%2F"_s + bridge).status, 200);

    // #: hang the caller up, the agent goes back to waiting.
    QVERIFY(sim.pressDtmf(agent, u"#"_s));
    QVERIFY(app->waitForCount(u"ChannelDtmfReceived"_s, 5));
    QCOMPARE(sim.del(u"/channels/"_s + caller).status, 204);
    QVERIFY(!app->waitFor(u"StasisEnd"_s, EventCollector::forChannel(caller)).isEmpty());
    QCOMPARE(sim.post(u"/bridges/"_s + bridge + u"/removeChannel"_s, QUrlQuery{{u"channel"_s, agent}}).status, 204);
    QVERIFY(app->waitForCount(u"ChannelLeftBridge"_s, 2));
    QCOMPARE(sim.del(u"/bridges/"_s + bridge).status, 204);
    QVERIFY(!app->waitFor(u"BridgeDestroyed"_s).isEmpty());
    QCOMPARE(sim.post(u"/channels/"_s + agent + u"/moh"_s).status, 204);
    QVERIFY(sim.waitSimulated(1000));
    QCOMPARE(items(sim.heard(agent), true).last().value("end"_L1).toString(), u"playing"_s);

    // The agent hangs up while waiting.
    QVERIFY(sim.hangupCaller(agent));
    QVERIFY(!app->waitFor(u"StasisEnd"_s, EventCollector::forChannel(agent)).isEmpty());
    QVERIFY(sim.waitSimulated(500));

    const EventCollector::Predicate relevant = EventCollector::notOfType({u"ChannelVarset"_s});
    QCOMPARE(app->types(relevant),
             (QStringList{u"StasisStart"_s,          u"ChannelStateChange"_s,  u"StasisStart"_s,
                          u"ChannelStateChange"_s,   u"PlaybackStarted"_s,     u"PlaybackContinuing"_s,
                          u"PlaybackStarted"_s,      u"PlaybackContinuing"_s,  u"PlaybackStarted"_s,
                          u"PlaybackFinished"_s,     u"ChannelEnteredBridge"_s, u"ChannelEnteredBridge"_s,
                          u"ChannelDtmfReceived"_s,  u"RecordingStarted"_s,    u"PlaybackStarted"_s,
                          u"PlaybackFinished"_s,     u"ChannelDtmfReceived"_s, u"ChannelDtmfReceived"_s,
                          u"ChannelDtmfReceived"_s,  u"RecordingFinished"_s,   u"ChannelDtmfReceived"_s,
                          u"ChannelHangupRequest"_s, u"ChannelLeftBridge"_s,   u"StasisEnd"_s,
                          u"ChannelLeftBridge"_s,    u"BridgeDestroyed"_s,     u"ChannelHangupRequest"_s,
                          u"StasisEnd"_s}));

    QList<QJsonObject> relevantEvents;
    for (const QJsonObject &event : app->events()) {
        if (relevant(event))
            relevantEvents.append(event);
    }
    const auto playback = [&](int index) { return relevantEvents.at(index).value("playback"_L1).toObject(); };
    QCOMPARE(relevantEvents.at(0).value("args"_L1).toArray(), QJsonArray{u"agent"_s});
    QCOMPARE(relevantEvents.at(2).value("args"_L1).toArray(), QJsonArray{u"caller"_s});
    QCOMPARE(playback(4).value("media_uri"_L1).toString(), u"sound:queue-thereare"_s);
    QCOMPARE(playback(4).value("next_media_uri"_L1).toString(), u"number:0"_s);
    QCOMPARE(playback(5).value("state"_L1).toString(), u"continuing"_s);
    QCOMPARE(playback(5).value("media_uri"_L1).toString(), u"sound:queue-thereare"_s);
    QCOMPARE(playback(6).value("media_uri"_L1).toString(), u"number:0"_s);
    QCOMPARE(playback(6).value("next_media_uri"_L1).toString(), u"sound:queue-callswaiting"_s);
    QCOMPARE(playback(7).value("media_uri"_L1).toString(), u"number:0"_s);
    QCOMPARE(playback(7).value("state"_L1).toString(), u"continuing"_s);
    QCOMPARE(playback(8).value("media_uri"_L1).toString(), u"sound:queue-callswaiting"_s);
    QVERIFY(!playback(8).contains("next_media_uri"_L1));
    QCOMPARE(playback(9).value("state"_L1).toString(), u"done"_s);
    QCOMPARE(relevantEvents.at(12).value("digit"_L1).toString(), u"0"_s);
    QCOMPARE(relevantEvents.at(12).value("channel"_L1).toObject().value("id"_L1).toString(), agent);
    QCOMPARE(playback(14).value("target_uri"_L1).toString(), u"channel:"_s + caller);
    QCOMPARE(relevantEvents.at(21).value("cause"_L1).toInt(), 32);
    QCOMPARE(relevantEvents.at(21).value("soft"_L1).toBool(false), true);
    QCOMPARE(relevantEvents.at(22).value("channel"_L1).toObject().value("id"_L1).toString(), caller);
    QCOMPARE(relevantEvents.at(24).value("channel"_L1).toObject().value("id"_L1).toString(), agent);
    QCOMPARE(relevantEvents.at(24).value("bridge"_L1).toObject().value("channels"_L1).toArray(), QJsonArray());
    QCOMPARE(relevantEvents.at(26).value("cause"_L1).toInt(), 16);
    QCOMPARE(relevantEvents.at(26).value("channel"_L1).toObject().value("id"_L1).toString(), agent);
}

QTEST_GUILESS_MAIN(TestConformanceQueueFlow)
#include "TestConformanceQueueFlow.moc"
