// Conformance of channel playbacks with the reference transcript "playback-basic" of
// Asterisk 22.10.1.
//
// Facts from the transcript this test relies on:
//  - POST /channels/{id}/play/{playbackId}?media=sound:vm-intro → 201 with a Location header
//    "/ari/playbacks/{playbackId}" and body {"id","media_uri":"sound:vm-intro",
//    "target_uri":"channel:{id}","language":"en","state":...} where state is "queued" or
//    "playing" (a race: PlaybackStarted may even arrive before the 201).
//  - PlaybackStarted {"playback":{... "state":"playing"}}, later PlaybackFinished
//    {"playback":{... "state":"done"}}.
//  - GET /playbacks/{id} → 200 with state "playing" while it plays, and 404
//    {"message":"Playback not found"} right after PlaybackFinished.
//  - Re-using a playback id after it finished is accepted (201), with the new media_uri.
//  - POST .../play?media=...&lang=en (no id) → 201 with a server-chosen id, a UUID such as
//    "e9016831-e1dd-43f8-8674-2f90936bd828".
//  - offsetms=4000 on vm-intro (≈5.6 s): it finished about 1.7 s after PlaybackStarted.
//  - POST .../play without media → 500 {"message":"Failed to queue media for playback"}.
//  - Re-using an id while that playback still plays → 201 "queued"; DELETE /playbacks/{id} then
//    stops the first one (PlaybackFinished with the first media_uri, state "done") and the second
//    one starts (PlaybackStarted with the second media_uri).
//  - POST /channels/no-such-channel/play → 404 {"message":"Channel not found"}.
//  - Caller hangs up while a playback plays: ChannelHangupRequest {"cause":16}, then
//    PlaybackFinished with state "failed", then StasisEnd.

#include "support/EventCollector.h"
#include "support/SimTestHarness.h"
#include "support/TestSoundsDir.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestConformancePlaybackBasic final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void playWithChosenId();
    void reuseIdAfterFinish();
    void serverChosenId();
    void offsetSkipsTheStart();
    void missingMedia();
    void reuseIdWhilePlaying();
    void unknownChannel();
    void callerHangupFailsThePlayback();

private:
    RestReply play(const QString &playbackId, const QString &media, const QUrlQuery &extra = {});

    TestSoundsDir m_sounds;
    std::unique_ptr<SimTestHarness> m_sim;
    std::unique_ptr<EventCollector> m_app;
    QString m_channel;
};

void TestConformancePlaybackBasic::initTestCase()
{
    QVERIFY(m_sounds.isValid());
    QVERIFY(m_sounds.addStandardSet());
}

void TestConformancePlaybackBasic::init()
{
    SimTestHarness::Options options;
    options.speed = 20;
    options.soundsDir = m_sounds.path();
    m_sim = std::make_unique<SimTestHarness>(options);
    QVERIFY(m_sim->start());
    m_app = m_sim->connectEvents(u"vm-record"_s);
    QVERIFY(m_app);
    m_channel = m_sim->answeredCall(m_app.get(), u"vm-record"_s, {u"305"_s});
    QVERIFY(!m_channel.isEmpty());
    m_app->clear();
}

void TestConformancePlaybackBasic::cleanup()
{
    m_app.reset();
    m_sim.reset();
}

RestReply TestConformancePlaybackBasic::play(const QString &playbackId, const QString &media, const QUrlQuery &extra)
{
    QUrlQuery query = extra;
    if (!media.isNull())
        query.addQueryItem(u"media"_s, media);
    const QString path = u"/channels/"_s + m_channel + u"/play"_s + (playbackId.isEmpty() ? QString() : u'/' + playbackId);
    return m_sim->post(path, query);
}

void TestConformancePlaybackBasic::playWithChosenId()
{
    const RestReply reply = play(u"pb-vmintro-1"_s, u"sound:vm-intro"_s);
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.header("location"), QByteArray("/ari/playbacks/pb-vmintro-1"));
    const QJsonObject body = reply.object();
    QStringList keys = body.keys();
    keys.sort();
    QCOMPARE(keys, (QStringList{u"id"_s, u"language"_s, u"media_uri"_s, u"state"_s, u"target_uri"_s}));
    QCOMPARE(body.value("id"_L1).toString(), u"pb-vmintro-1"_s);
    QCOMPARE(body.value("media_uri"_L1).toString(), u"sound:vm-intro"_s);
    QCOMPARE(body.value("target_uri"_L1).toString(), u"channel:"_s + m_channel);
    QCOMPARE(body.value("language"_L1).toString(), u"en"_s);
    const QString state = body.value("state"_L1).toString();
    QVERIFY2(state == "queued"_L1 || state == "playing"_L1, qPrintable(state));

    const QJsonObject started = m_app->waitForNext(u"PlaybackStarted"_s, EventCollector::forPlayback(u"pb-vmintro-1"_s));
    QVERIFY(!started.isEmpty());
    const QJsonObject playback = started.value("playback"_L1).toObject();
    QCOMPARE(playback.value("state"_L1).toString(), u"playing"_s);
    QCOMPARE(playback.value("media_uri"_L1).toString(), u"sound:vm-intro"_s);
    QCOMPARE(playback.value("target_uri"_L1).toString(), u"channel:"_s + m_channel);
    QCOMPARE(playback.value("language"_L1).toString(), u"en"_s);

    const RestReply during = m_sim->get(u"/playbacks/pb-vmintro-1"_s);
    QCOMPARE(during.status, 200);
    QCOMPARE(during.object().value("state"_L1).toString(), u"playing"_s);
    QCOMPARE(during.object().value("media_uri"_L1).toString(), u"sound:vm-intro"_s);

    const QJsonObject finished = m_app->waitForNext(u"PlaybackFinished"_s, EventCollector::forPlayback(u"pb-vmintro-1"_s));
    QVERIFY(!finished.isEmpty());
    QCOMPARE(finished.value("playback"_L1).toObject().value("state"_L1).toString(), u"done"_s);
    QCOMPARE(m_app->types(), (QStringList{u"PlaybackStarted"_s, u"PlaybackFinished"_s}));

    const RestReply after = m_sim->get(u"/playbacks/pb-vmintro-1"_s);
    QCOMPARE(after.status, 404);
    QCOMPARE(after.message(), u"Playback not found"_s);
}

void TestConformancePlaybackBasic::reuseIdAfterFinish()
{
    QCOMPARE(play(u"pb-vmintro-1"_s, u"sound:beep"_s).status, 201);
    QVERIFY(!m_app->waitForNext(u"PlaybackFinished"_s, EventCollector::forPlayback(u"pb-vmintro-1"_s)).isEmpty());
    const RestReply again = play(u"pb-vmintro-1"_s, u"sound:beep"_s);
    QCOMPARE(again.status, 201);
    QCOMPARE(again.object().value("id"_L1).toString(), u"pb-vmintro-1"_s);
    QCOMPARE(again.object().value("media_uri"_L1).toString(), u"sound:beep"_s);
    const QJsonObject started = m_app->waitForNext(u"PlaybackStarted"_s, EventCollector::forPlayback(u"pb-vmintro-1"_s));
    QCOMPARE(started.value("playback"_L1).toObject().value("media_uri"_L1).toString(), u"sound:beep"_s);
    const QJsonObject finished = m_app->waitForNext(u"PlaybackFinished"_s, EventCollector::forPlayback(u"pb-vmintro-1"_s));
    QCOMPARE(finished.value("playback"_L1).toObject().value("state"_L1).toString(), u"done"_s);
}

void TestConformancePlaybackBasic::serverChosenId()
{
    const RestReply reply = play(QString(), u"sound:beep"_s, QUrlQuery{{u"lang"_s, u"en"_s}});
    QCOMPARE(reply.status, 201);
    const QString id = reply.object().value("id"_L1).toString();
    static const QRegularExpression uuid(u"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"_s);
    QVERIFY2(uuid.match(id).hasMatch(), qPrintable(id));
    QCOMPARE(reply.header("location"), QByteArray("/ari/playbacks/") + id.toUtf8());
    QCOMPARE(reply.object().value("language"_L1).toString(), u"en"_s);
    QVERIFY(!m_app->waitForNext(u"PlaybackStarted"_s, EventCollector::forPlayback(id)).isEmpty());
    const QJsonObject finished = m_app->waitForNext(u"PlaybackFinished"_s, EventCollector::forPlayback(id));
    QCOMPARE(finished.value("playback"_L1).toObject().value("state"_L1).toString(), u"done"_s);
}

void TestConformancePlaybackBasic::offsetSkipsTheStart()
{
    const RestReply reply = play(QString(), u"sound:vm-intro"_s, QUrlQuery{{u"offsetms"_s, u"4000"_s}});
    QCOMPARE(reply.status, 201);
    const QString id = reply.object().value("id"_L1).toString();
    const QJsonObject started = m_app->waitForNext(u"PlaybackStarted"_s, EventCollector::forPlayback(id));
    const QJsonObject finished = m_app->waitForNext(u"PlaybackFinished"_s, EventCollector::forPlayback(id));
    QVERIFY(!started.isEmpty());
    QVERIFY(!finished.isEmpty());
    QCOMPARE(finished.value("playback"_L1).toObject().value("state"_L1).toString(), u"done"_s);
    // vm-intro lasts 5600 ms; from 4000 ms on, 1600 ms are left. Timer lateness only lengthens the
    // measured time, so the upper bound sits halfway between the two.
    const qint64 playedMs = EventCollector::timestampMs(finished) - EventCollector::timestampMs(started);
    QVERIFY2(playedMs >= 1400 && playedMs < 3600, qPrintable(QString::number(playedMs)));
}

void TestConformancePlaybackBasic::missingMedia()
{
    const RestReply reply = play(QString(), QString());
    QCOMPARE(reply.status, 500);
    QCOMPARE(reply.message(), u"Failed to queue media for playback"_s);
}

void TestConformancePlaybackBasic::reuseIdWhilePlaying()
{
    QCOMPARE(play(u"pb-dup"_s, u"sound:vm-intro"_s).status, 201);
    QVERIFY(!m_app->waitForNext(u"PlaybackStarted"_s, EventCollector::forPlayback(u"pb-dup"_s)).isEmpty());
    const RestReply second = play(u"pb-dup"_s, u"sound:beep"_s);
    QCOMPARE(second.status, 201);
    QCOMPARE(second.object().value("id"_L1).toString(), u"pb-dup"_s);
    QCOMPARE(second.object().value("media_uri"_L1).toString(), u"sound:beep"_s);
    QCOMPARE(second.object().value("state"_L1).toString(), u"queued"_s);

    QCOMPARE(m_sim->del(u"/playbacks/pb-dup"_s).status, 204);
    const QJsonObject finished = m_app->waitForNext(u"PlaybackFinished"_s, EventCollector::forPlayback(u"pb-dup"_s));
    QCOMPARE(finished.value("playback"_L1).toObject().value("media_uri"_L1).toString(), u"sound:vm-intro"_s);
    QCOMPARE(finished.value("playback"_L1).toObject().value("state"_L1).toString(), u"done"_s);
    const QJsonObject started = m_app->waitForNext(u"PlaybackStarted"_s, EventCollector::forPlayback(u"pb-dup"_s));
    QVERIFY2(!started.isEmpty(), qPrintable(m_app->types().join(u' ')));
    QCOMPARE(started.value("playback"_L1).toObject().value("media_uri"_L1).toString(), u"sound:beep"_s);
}

void TestConformancePlaybackBasic::unknownChannel()
{
    const RestReply reply = m_sim->post(u"/channels/no-such-channel/play"_s, QUrlQuery{{u"media"_s, u"sound:beep"_s}});
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.message(), u"Channel not found"_s);
}

void TestConformancePlaybackBasic::callerHangupFailsThePlayback()
{
    QCOMPARE(play(u"pb-hang"_s, TestSoundsDir::longSound()).status, 201);
    QVERIFY(!m_app->waitForNext(u"PlaybackStarted"_s, EventCollector::forPlayback(u"pb-hang"_s)).isEmpty());
    const int before = m_app->count();
    QVERIFY(m_sim->hangupCaller(m_channel));
    QVERIFY(!m_app->waitFor(u"StasisEnd"_s, EventCollector::forChannel(m_channel)).isEmpty());
    QCOMPARE(m_app->types().mid(before),
             (QStringList{u"ChannelHangupRequest"_s, u"PlaybackFinished"_s, u"StasisEnd"_s}));
    QCOMPARE(m_app->events().at(before).value("cause"_L1).toInt(), 16);
    QCOMPARE(m_app->events().at(before + 1).value("playback"_L1).toObject().value("state"_L1).toString(),
             u"failed"_s);
}

QTEST_GUILESS_MAIN(TestConformancePlaybackBasic)
#include "TestConformancePlaybackBasic.moc"
