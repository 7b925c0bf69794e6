// The control API under /sim that plays the far end of calls: placing callers, DTMF, talking
// (recordings get audio), hang-ups, what was heard, state, endpoint behaviours, the clock.

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryFile>
#include <QTest>

#include "support/EventCollector.h"
#include "support/SimTestHarness.h"
#include "support/TestSoundsDir.h"
#include "sim/SimServer.h"
#include "sim/media/WavFile.h"

using namespace Qt::StringLiterals;

class TestSimControlApi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void placeCall();
    void placeCallRequiresARegisteredApplication();
    void placeCallArguments_data();
    void placeCallArguments();
    void dtmfDigitsInOrder();
    void dtmfTiming();
    void dtmfErrors();
    void talkGivesRecordingsAudio();
    void silentCallerGivesSilentRecording();
    void maxSilenceEndsRecordingOfSilentCaller();
    void hangupLikeAsterisk();
    void heardPlaybacksAndMusicOnHold();
    void heardKeptAfterHangup();
    void heardOnBridge();
    void heardUnknown();
    void state();
    void endpointBehaviours();
    void otherTechnologyNeedsABehaviour();
    void clock();

private:
    std::unique_ptr<SimTestHarness> m_sim;
    std::unique_ptr<EventCollector> m_app;
    TestSoundsDir m_sounds;
};

void TestSimControlApi::initTestCase()
{
    QVERIFY(m_sounds.isValid());
    QVERIFY(m_sounds.addStandardSet());
}

void TestSimControlApi::init()
{
    SimTestHarness::Options options;
    options.speed = 50;
    options.soundsDir = m_sounds.path();
    m_sim = std::make_unique<SimTestHarness>(options);
    QVERIFY(m_sim->start());
    m_app = m_sim->connectEvents(u"app"_s);
    QVERIFY(m_app);
}

void TestSimControlApi::cleanup()
{
    m_app.reset();
    m_sim.reset();
}

void TestSimControlApi::placeCall()
{
    const QJsonObject channel = m_sim->placeCall(u"app"_s, {u"305"_s}, u"fr"_s, u"\"Ann\" <201>"_s);
    QVERIFY(!channel.isEmpty());
    QCOMPARE(channel.value("state"_L1).toString(), u"Ring"_s);
    QCOMPARE(channel.value("language"_L1).toString(), u"fr"_s);
    QCOMPARE(channel.value("caller"_L1).toObject(), (QJsonObject{{u"name"_s, u"Ann"_s}, {u"number"_s, u"201"_s}}));
    QVERIFY(channel.value("id"_L1).toString().startsWith(u"ari-sim-"_s));
    QVERIFY(channel.value("name"_L1).toString().startsWith(u"Local/305@app-"_s));
    const QJsonObject dialplan = channel.value("dialplan"_L1).toObject();
    QCOMPARE(dialplan.value("app_name"_L1).toString(), u"Stasis"_s);
    QCOMPARE(dialplan.value("app_data"_L1).toString(), u"app,305"_s);

    const QJsonObject started = m_app->waitFor(u"StasisStart"_s);
    QCOMPARE(started.value("args"_L1).toArray(), QJsonArray{u"305"_s});
    QCOMPARE(started.value("channel"_L1).toObject(), channel);
    QCOMPARE(m_sim->server()->liveChannelCount(), 1);

    // The channel is an ordinary ARI channel.
    const RestReply get = m_sim->get(u"/channels/"_s + channel.value("id"_L1).toString());
    QCOMPARE(get.object(), channel);
    QCOMPARE(m_sim->get(u"/channels/"_s + channel.value("id"_L1).toString() + u"/variable"_s,
                        QUrlQuery{{u"variable"_s, u"CHANNEL(language)"_s}}).object().value("value"_L1).toString(),
             u"fr"_s);
}

void TestSimControlApi::placeCallRequiresARegisteredApplication()
{
    const RestReply missing = m_sim->http("POST", u"/sim/calls"_s);
    QCOMPARE(missing.status, 400);
    const RestReply unknown = m_sim->http("POST", u"/sim/calls"_s, QUrlQuery{{u"app"_s, u"nobody"_s}});
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.message(), u"Application not registered"_s);
    QCOMPARE(m_sim->server()->liveChannelCount(), 0);
}

void TestSimControlApi::placeCallArguments_data()
{
    QTest::addColumn<QString>("args");
    QTest::addColumn<QJsonArray>("expected");
    QTest::newRow("none") << QString() << QJsonArray();
    QTest::newRow("one") << u"caller"_s << QJsonArray{u"caller"_s};
    QTest::newRow("two") << u"agent,200"_s << QJsonArray{u"agent"_s, u"200"_s};
    QTest::newRow("empty pair") << u","_s << QJsonArray{u""_s, u""_s};
}

void TestSimControlApi::placeCallArguments()
{
    QFETCH(QString, args);
    QFETCH(QJsonArray, expected);
    const RestReply reply = m_sim->http("POST", u"/sim/calls"_s,
                                        QUrlQuery{{u"app"_s, u"app"_s}, {u"args"_s, args}, {u"name"_s, u"PJSIP/7-0001"_s}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value("channel"_L1).toObject().value("name"_L1).toString(), u"PJSIP/7-0001"_s);
    QCOMPARE(m_app->waitFor(u"StasisStart"_s).value("args"_L1).toArray(), expected);
}

void TestSimControlApi::dtmfDigitsInOrder()
{
    const QString channel = m_sim->answeredCall(m_app.get(), u"app"_s);
    QVERIFY(!channel.isEmpty());
    m_app->clear();
    QVERIFY(m_sim->pressDtmf(channel, u"12*#aD"_s, 50, 80));
    QVERIFY(m_sim->pressDtmf(channel, u"9x0"_s)); // 'x' is not a key: skipped
    QVERIFY(m_app->waitForCount(u"ChannelDtmfReceived"_s, 8));
    QStringList digits;
    for (const QJsonObject &event : m_app->events()) {
        digits.append(event.value("digit"_L1).toString());
        QCOMPARE(event.value("channel"_L1).toObject().value("id"_L1).toString(), channel);
    }
    QCOMPARE(digits, (QStringList{u"1"_s, u"2"_s, u"*"_s, u"#"_s, u"A"_s, u"D"_s, u"9"_s, u"0"_s}));
    QCOMPARE(m_app->events().first().value("duration_ms"_L1).toInt(), 80);
    QCOMPARE(m_app->events().last().value("duration_ms"_L1).toInt(), 100);
}

void TestSimControlApi::dtmfTiming()
{
    const QString channel = m_sim->answeredCall(m_app.get(), u"app"_s);
    QVERIFY(!channel.isEmpty());
    m_app->clear();
    // Digits of 1 s separated by 2 s (simulated): the events are 3 s apart.
    QVERIFY(m_sim->pressDtmf(channel, u"123"_s, 2000, 1000));
    QVERIFY(m_app->waitForCount(u"ChannelDtmfReceived"_s, 3));
    const qint64 first = EventCollector::timestampMs(m_app->events().at(0));
    const qint64 second = EventCollector::timestampMs(m_app->events().at(1));
    const qint64 third = EventCollector::timestampMs(m_app->events().at(2));
    // Never closer than asked (timers never fire early and the gap counts from the delivered
    // event); a loaded machine may make them later.
    QVERIFY2(second - first >= 3000 && second - first < 10000, qPrintable(QString::number(second - first)));
    QVERIFY2(third - second >= 3000 && third - second < 10000, qPrintable(QString::number(third - second)));
}

void TestSimControlApi::dtmfErrors()
{
    const QString channel = m_sim->answeredCall(m_app.get(), u"app"_s);
    QVERIFY(!channel.isEmpty());
    const RestReply missing = m_sim->http("POST", u"/sim/calls/"_s + channel + u"/dtmf"_s);
    QCOMPARE(missing.status, 400);
    const RestReply unknown = m_sim->http("POST", u"/sim/calls/nope/dtmf"_s, QUrlQuery{{u"dtmf"_s, u"1"_s}});
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.message(), u"Channel not found"_s);
    const RestReply talk = m_sim->http("POST", u"/sim/calls/"_s + channel + u"/talk"_s, QUrlQuery{{u"ms"_s, u"-5"_s}});
    QCOMPARE(talk.status, 400);
}

namespace {

QByteArray storedFile(SimTestHarness *sim, const QString &encodedName)
{
    const RestReply file = sim->get(u"/recordings/stored/"_s + encodedName + u"/file"_s);
    return file.status == 200 ? file.body : QByteArray();
}

QList<double> levels(const QByteArray &wav, int windowMs)
{
    QTemporaryFile file;
    if (!file.open())
        return {};
    file.write(wav);
    file.flush();
    return WavFile::rmsLevels(file.fileName(), windowMs);
}

} // namespace

void TestSimControlApi::talkGivesRecordingsAudio()
{
    const QString channel = m_sim->answeredCall(m_app.get(), u"app"_s);
    QVERIFY(!channel.isEmpty());
    QCOMPARE(m_sim->post(u"/channels/"_s + channel + u"/record"_s,
                         QUrlQuery{{u"name"_s, u"talk/one"_s}, {u"format"_s, u"wav"_s}, {u"maxDurationSeconds"_s, u"6"_s}})
                 .status,
             201);
    QVERIFY(!m_app->waitFor(u"RecordingStarted"_s).isEmpty());
    QVERIFY(m_sim->talk(channel, 1000));
    const QJsonObject finished = m_app->waitFor(u"RecordingFinished"_s, {}, 10000);
    QCOMPARE(finished.value("recording"_L1).toObject().value("duration"_L1).toInt(), 6);

    const QByteArray wav = storedFile(m_sim.get(), u"talk%2Fone"_s);
    QVERIFY(wav.startsWith("RIFF"));
    const auto info = WavFile::parseHeader(wav);
    QVERIFY(info);
    QCOMPARE(info->sampleRate, 8000);
    QCOMPARE(info->bitsPerSample, 16);
    QCOMPARE(info->channels, 1);
    QCOMPARE(info->durationMs, 6000);
    // One second of talk somewhere in the six: 4 windows of 250 ms with audio, or 5 when the talk
    // straddles window boundaries (then the two at its ends hold a part of it each, as little as
    // a few samples: only the 3 between them are surely loud); the rest digital silence.
    const QList<double> rms = levels(wav, 250);
    QCOMPARE(rms.size(), 24);
    int withAudio = 0;
    int loud = 0;
    for (const double level : rms) {
        if (level > 0.0)
            ++withAudio;
        if (level > 1000)
            ++loud;
    }
    QVERIFY2(withAudio >= 4 && withAudio <= 5, qPrintable(QString::number(withAudio)));
    QVERIFY2(loud >= 3 && loud <= withAudio, qPrintable(QString::number(loud)));
}

void TestSimControlApi::silentCallerGivesSilentRecording()
{
    const QString channel = m_sim->answeredCall(m_app.get(), u"app"_s);
    QVERIFY(!channel.isEmpty());
    QCOMPARE(m_sim->post(u"/channels/"_s + channel + u"/record"_s,
                         QUrlQuery{{u"name"_s, u"quiet"_s}, {u"format"_s, u"wav"_s}, {u"maxDurationSeconds"_s, u"2"_s}})
                 .status,
             201);
    QVERIFY(!m_app->waitFor(u"RecordingFinished"_s, {}, 10000).isEmpty());
    const QList<double> rms = levels(storedFile(m_sim.get(), u"quiet"_s), 250);
    QCOMPARE(rms.size(), 8);
    for (const double level : rms)
        QCOMPARE(level, 0.0);
}

void TestSimControlApi::maxSilenceEndsRecordingOfSilentCaller()
{
    const QString channel = m_sim->answeredCall(m_app.get(), u"app"_s);
    QVERIFY(!channel.isEmpty());
    QVERIFY(m_sim->talk(channel, 10000));
    QCOMPARE(m_sim->post(u"/channels/"_s + channel + u"/record"_s,
                         QUrlQuery{{u"name"_s, u"until-silence"_s}, {u"format"_s, u"wav"_s}, {u"maxSilenceSeconds"_s, u"2"_s}})
                 .status,
             201);
    const qint64 started = EventCollector::timestampMs(m_app->waitFor(u"RecordingStarted"_s));
    const QJsonObject finished = m_app->waitFor(u"RecordingFinished"_s, {}, 10000);
    const QJsonObject recording = finished.value("recording"_L1).toObject();
    QCOMPARE(recording.value("state"_L1).toString(), u"done"_s);
    // Ended by 2 s of silence after the talk; the trailing silence is cut from the file.
    const int talking = recording.value("talking_duration"_L1).toInt(-1);
    QVERIFY2(talking >= 5 && talking <= 10, qPrintable(QString::number(talking)));
    QCOMPARE(recording.value("silence_duration"_L1).toInt(-1), 0);
    QCOMPARE(recording.value("duration"_L1).toInt(), talking);
    QVERIFY(EventCollector::timestampMs(finished) - started >= (talking + 2) * 1000);
    const auto info = WavFile::parseHeader(storedFile(m_sim.get(), u"until-silence"_s));
    QVERIFY(info);
    QCOMPARE(info->durationMs / 1000, talking);
}

void TestSimControlApi::hangupLikeAsterisk()
{
    const QString channel = m_sim->answeredCall(m_app.get(), u"app"_s);
    QVERIFY(!channel.isEmpty());
    m_app->clear();
    QVERIFY(m_sim->hangupCaller(channel));
    QVERIFY(!m_app->waitFor(u"StasisEnd"_s).isEmpty());
    QVERIFY(m_sim->waitSimulated(200));
    QCOMPARE(m_app->types(), (QStringList{u"ChannelHangupRequest"_s, u"StasisEnd"_s}));
    QCOMPARE(m_app->events().first().value("cause"_L1).toInt(), 16);
    QVERIFY(!m_app->events().first().contains("soft"_L1));
    QTRY_COMPARE(m_sim->server()->liveChannelCount(), 0);
    QCOMPARE(m_sim->get(u"/channels/"_s + channel).status, 404);
    QCOMPARE(m_sim->http("DELETE", u"/sim/calls/"_s + channel).status, 404);
}

void TestSimControlApi::heardPlaybacksAndMusicOnHold()
{
    const QString channel = m_sim->answeredCall(m_app.get(), u"app"_s);
    QVERIFY(!channel.isEmpty());
    QCOMPARE(m_sim->post(u"/channels/"_s + channel + u"/moh"_s).status, 204);
    QVERIFY(m_sim->waitSimulated(500));
    QCOMPARE(m_sim->post(u"/channels/"_s + channel + u"/play/pb-a"_s,
                         QUrlQuery{{u"media"_s, m_sounds.longSoundUri() + u",sound:beep"_s}, {u"lang"_s, u"fr"_s}}).status,
             201);
    QCOMPARE(m_sim->post(u"/channels/"_s + channel + u"/play/pb-b"_s, QUrlQuery{{u"media"_s, u"sound:beep"_s}}).status,
             201);
    QJsonArray heard = m_sim->heard(channel);
    QCOMPARE(heard.size(), 4);
    const QJsonObject moh = heard.at(0).toObject();
    QCOMPARE(moh.value("media"_L1).toString(), u"moh:default"_s);
    QCOMPARE(moh.value("end"_L1).toString(), u"stopped"_s); // the playback stopped it
    QVERIFY(moh.value("endMs"_L1).toInteger() - moh.value("startMs"_L1).toInteger() >= 500);
    QCOMPARE(heard.at(1).toObject().value("media"_L1).toString(), m_sounds.longSoundUri());
    QCOMPARE(heard.at(1).toObject().value("language"_L1).toString(), u"fr"_s);
    QCOMPARE(heard.at(1).toObject().value("playbackId"_L1).toString(), u"pb-a"_s);
    QCOMPARE(heard.at(1).toObject().value("end"_L1).toString(), u"playing"_s);
    QCOMPARE(heard.at(2).toObject().value("media"_L1).toString(), u"sound:beep"_s);
    QCOMPARE(heard.at(2).toObject().value("end"_L1).toString(), u"queued"_s);
    QVERIFY(heard.at(2).toObject().value("startMs"_L1).isNull());
    QCOMPARE(heard.at(3).toObject().value("playbackId"_L1).toString(), u"pb-b"_s);
    QCOMPARE(heard.at(3).toObject().value("end"_L1).toString(), u"queued"_s);

    QVERIFY(m_sim->waitSimulated(1000));
    QCOMPARE(m_sim->del(u"/playbacks/pb-a"_s).status, 204);
    QVERIFY(m_app->waitForCount(u"PlaybackFinished"_s, 2, {}, 10000));
    heard = m_sim->heard(channel);
    QCOMPARE(heard.size(), 4);
    const QJsonObject stopped = heard.at(1).toObject();
    QCOMPARE(stopped.value("end"_L1).toString(), u"stopped"_s);
    QVERIFY(stopped.value("heardMs"_L1).toInteger() >= 1000);
    QCOMPARE(heard.at(2).toObject().value("end"_L1).toString(), u"stopped"_s);
    QVERIFY(heard.at(2).toObject().value("startMs"_L1).isNull());
    QCOMPARE(heard.at(2).toObject().value("heardMs"_L1).toInteger(), 0);
    const QJsonObject beep = heard.at(3).toObject();
    QCOMPARE(beep.value("end"_L1).toString(), u"finished"_s);
    QVERIFY(beep.value("startMs"_L1).toInteger() >= stopped.value("endMs"_L1).toInteger());
    const qint64 beepMs = beep.value("endMs"_L1).toInteger() - beep.value("startMs"_L1).toInteger();
    QVERIFY2(beepMs >= TestSoundsDir::kBeepMs && beepMs < TestSoundsDir::kBeepMs + 300, qPrintable(QString::number(beepMs)));
    QCOMPARE(beep.value("heardMs"_L1).toInteger(), beepMs);
    QCOMPARE(beep.value("language"_L1).toString(), u"en"_s);
}

void TestSimControlApi::heardKeptAfterHangup()
{
    const QString channel = m_sim->answeredCall(m_app.get(), u"app"_s);
    QVERIFY(!channel.isEmpty());
    QCOMPARE(m_sim->post(u"/channels/"_s + channel + u"/play/long"_s,
                         QUrlQuery{{u"media"_s, m_sounds.longSoundUri()}}).status, 201);
    QCOMPARE(m_sim->post(u"/channels/"_s + channel + u"/play/never"_s, QUrlQuery{{u"media"_s, u"sound:beep"_s}}).status,
             201);
    QVERIFY(!m_app->waitFor(u"PlaybackStarted"_s).isEmpty());
    QVERIFY(m_sim->waitSimulated(1000));
    QVERIFY(m_sim->hangupCaller(channel));
    QVERIFY(!m_app->waitFor(u"StasisEnd"_s).isEmpty());
    QTRY_COMPARE(m_sim->server()->liveChannelCount(), 0);
    QTRY_COMPARE(m_sim->server()->livePlaybackCount(), 0);
    const QJsonArray heard = m_sim->heard(channel);
    QCOMPARE(heard.size(), 2);
    QCOMPARE(heard.at(0).toObject().value("end"_L1).toString(), u"failed"_s);
    QVERIFY(heard.at(0).toObject().value("heardMs"_L1).toInteger() >= 1000);
    QCOMPARE(heard.at(1).toObject().value("end"_L1).toString(), u"stopped"_s);
    QVERIFY(heard.at(1).toObject().value("startMs"_L1).isNull());
}

void TestSimControlApi::heardOnBridge()
{
    QCOMPARE(m_sim->post(u"/bridges/heard-bridge"_s, QUrlQuery{{u"type"_s, u"mixing"_s}}).status, 200);
    QCOMPARE(m_sim->post(u"/bridges/heard-bridge/moh"_s, QUrlQuery{{u"mohClass"_s, u"jazz"_s}}).status, 204);
    QCOMPARE(m_sim->post(u"/bridges/heard-bridge/play/announce"_s, QUrlQuery{{u"media"_s, u"sound:beep"_s}}).status, 201);
    QVERIFY(m_sim->waitSimulated(1000));
    QCOMPARE(m_sim->del(u"/bridges/heard-bridge/moh"_s).status, 204);
    const QJsonArray heard = m_sim->heardBridge(u"heard-bridge"_s);
    QCOMPARE(heard.size(), 2);
    QCOMPARE(heard.at(0).toObject().value("media"_L1).toString(), u"moh:jazz"_s);
    QCOMPARE(heard.at(0).toObject().value("end"_L1).toString(), u"stopped"_s);
    QCOMPARE(heard.at(1).toObject().value("playbackId"_L1).toString(), u"announce"_s);
    QCOMPARE(heard.at(1).toObject().value("end"_L1).toString(), u"finished"_s);
    QCOMPARE(m_sim->del(u"/bridges/heard-bridge"_s).status, 204);
    QCOMPARE(m_sim->heardBridge(u"heard-bridge"_s).size(), 2);
}

void TestSimControlApi::heardUnknown()
{
    QCOMPARE(m_sim->http("GET", u"/sim/calls/nope/heard"_s).status, 404);
    QCOMPARE(m_sim->http("GET", u"/sim/bridges/nope/heard"_s).status, 404);
    const QString channel = m_sim->placeCallId(u"app"_s);
    QCOMPARE(m_sim->heard(channel), QJsonArray());
}

void TestSimControlApi::state()
{
    const QString channel = m_sim->answeredCall(m_app.get(), u"app"_s);
    QVERIFY(!channel.isEmpty());
    QCOMPARE(m_sim->post(u"/bridges/st"_s).status, 200);
    QCOMPARE(m_sim->post(u"/channels/"_s + channel + u"/play/st-pb"_s, QUrlQuery{{u"media"_s, m_sounds.longSoundUri()}}).status,
             201);
    QCOMPARE(m_sim->post(u"/channels/"_s + channel + u"/record"_s,
                         QUrlQuery{{u"name"_s, u"st-rec"_s}, {u"format"_s, u"wav"_s}}).status,
             201);
    const QJsonObject state = m_sim->state();
    QCOMPARE(state.value("channels"_L1).toArray().size(), 1);
    QCOMPARE(state.value("channels"_L1).toArray().first().toObject().value("id"_L1).toString(), channel);
    QCOMPARE(state.value("bridges"_L1).toArray().size(), 1);
    QCOMPARE(state.value("playbacks"_L1).toArray().size(), 1);
    QCOMPARE(state.value("liveRecordings"_L1).toArray().first().toObject().value("state"_L1).toString(), u"queued"_s);
    QCOMPARE(state.value("storedRecordings"_L1).toArray(), QJsonArray());
    QCOMPARE(state.value("applications"_L1).toArray().first().toObject().value("name"_L1).toString(), u"app"_s);
    QVERIFY(state.value("clockMs"_L1).toInteger() > 0);
    QCOMPARE(m_sim->server()->liveRecordingCount(), 1);
}

void TestSimControlApi::endpointBehaviours()
{
    QVERIFY(m_sim->setEndpointBehaviour(u"Local"_s, u"nobody@home/n"_s, u"ring"_s));
    const RestReply ring = m_sim->post(u"/channels"_s, QUrlQuery{{u"endpoint"_s, u"Local/nobody@home/n"_s},
                                                                 {u"app"_s, u"app"_s},
                                                                 {u"timeout"_s, u"3"_s}});
    QCOMPARE(ring.status, 200);
    const QString ringing = ring.object().value("id"_L1).toString();
    const QJsonObject destroyed = m_app->waitFor(u"ChannelDestroyed"_s, EventCollector::forChannel(ringing), 10000);
    QCOMPARE(destroyed.value("cause"_L1).toInt(), 19);
    QCOMPARE(m_app->count(u"StasisStart"_s), 0);

    const RestReply answer = m_sim->post(u"/channels"_s, QUrlQuery{{u"endpoint"_s, u"Local/someone@home/n"_s},
                                                                   {u"app"_s, u"app"_s},
                                                                   {u"appArgs"_s, u"x"_s}});
    QCOMPARE(answer.status, 200);
    const QString answered = answer.object().value("id"_L1).toString();
    const QJsonObject started = m_app->waitFor(u"StasisStart"_s, EventCollector::forChannel(answered));
    QCOMPARE(started.value("channel"_L1).toObject().value("state"_L1).toString(), u"Up"_s);
    const qint64 answeredAt = EventCollector::timestampMs(started);
    const qint64 dialledAt = EventCollector::timestampMs(m_app->waitFor(u"Dial"_s, [answered](const QJsonObject &event) {
        return event.value("peer"_L1).toObject().value("id"_L1).toString() == answered
            && event.value("dialstatus"_L1).toString().isEmpty();
    }));
    // It answers one simulated second after the originate.
    QVERIFY2(answeredAt - dialledAt >= 1000, qPrintable(QString::number(answeredAt - dialledAt)));

    const RestReply invalid = m_sim->http("PUT", u"/sim/endpoints/Local/x@y"_s, QUrlQuery{{u"behaviour"_s, u"maybe"_s}});
    QCOMPARE(invalid.status, 400);
    QCOMPARE(m_sim->http("GET", u"/sim/endpoints/Local/x@y"_s).status, 405);
}

void TestSimControlApi::otherTechnologyNeedsABehaviour()
{
    const QUrlQuery query{{u"endpoint"_s, u"PJSIP/1001"_s}, {u"app"_s, u"app"_s}};
    const RestReply refused = m_sim->post(u"/channels"_s, query);
    QCOMPARE(refused.status, 500);
    QCOMPARE(refused.object(), (QJsonObject{{u"error"_s, u"Allocation failed"_s}}));
    QVERIFY(m_sim->setEndpointBehaviour(u"PJSIP"_s, u"1001"_s, u"answer"_s));
    const RestReply allowed = m_sim->post(u"/channels"_s, query);
    QCOMPARE(allowed.status, 200);
    QVERIFY(allowed.object().value("name"_L1).toString().startsWith(u"PJSIP/1001-"_s));
    QVERIFY(!m_app->waitFor(u"StasisStart"_s).isEmpty());
}

void TestSimControlApi::clock()
{
    const RestReply first = m_sim->http("GET", u"/sim/clock"_s);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.object().value("speed"_L1).toDouble(), 50.0);
    const qint64 before = first.object().value("elapsedMs"_L1).toInteger();
    QTRY_VERIFY(m_sim->simulatedMs() >= before + 1000);
}

QTEST_GUILESS_MAIN(TestSimControlApi)
#include "TestSimControlApi.moc"
