// Conformance of the media URI kinds of a channel playback with the reference transcript
// "playback-media-kinds" of Asterisk 22.10.1.
//
// Facts from the transcript this test relies on:
//  - number:3, number:42, digits:123, characters:ab → 201, PlaybackStarted, PlaybackFinished "done".
//  - tone:ring;tonezone=us and tone:busy play until stopped: GET after 1.5 s → 200 "playing";
//    DELETE → 204 and PlaybackFinished "done".
//  - tone:nosuchtone and sound:nope → 201, PlaybackStarted, then at once PlaybackFinished "failed".
//  - recording:test/media-kinds (a 2 s recording made with maxDurationSeconds=2; RecordingFinished
//    said duration 2) → PlaybackStarted, PlaybackFinished "done" about 2.5 s later.
//  - Repeated media= keys: only the last one is used — media=sound:vm-intro&media=sound:beep → 201
//    with media_uri "sound:beep", and only beep plays (PlaybackStarted/Finished with sound:beep);
//    media=sound:nope&media=sound:beep → plays beep, "done"; media=sound:beep&media=number:7&
//    media=sound:beep → media_uri "sound:beep", no next_media_uri, no PlaybackContinuing.
//  - The comma form media=sound:beep,digits:12 is a list: 201 with media_uri "sound:beep" and
//    next_media_uri "digits:12"; PlaybackStarted {media_uri "sound:beep", next_media_uri
//    "digits:12", "playing"}, PlaybackContinuing {media_uri "sound:beep", next_media_uri
//    "digits:12", state "continuing"}, PlaybackStarted {media_uri "digits:12", no next_media_uri},
//    PlaybackFinished {media_uri "digits:12", "done"}.
//  - After a playback finished: GET and DELETE /playbacks/{id} → 404 {"message":"Playback not found"}.
//  - lang=fr with sound:beep (only an en file exists) → 201 with "language":"fr", PlaybackStarted
//    with language "fr", PlaybackFinished "done".
//  - recording:nope/none (missing recording), number:abc, bogus:thing (unknown scheme) and vm-intro
//    (no scheme) → 201 and PlaybackStarted, then NO PlaybackFinished ever (none within 3 s); the
//    playback is gone (GET → 404 {"message":"Playback not found"}) and the channel is fine (GET 200).

#include "support/EventCollector.h"
#include "support/SimTestHarness.h"
#include "support/TestSoundsDir.h"

#include <QJsonObject>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestConformancePlaybackMediaKinds final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void playsToTheEnd_data();
    void playsToTheEnd();
    void tonesPlayUntilStopped_data();
    void tonesPlayUntilStopped();
    void failsAtOnce_data();
    void failsAtOnce();
    void recordingMedia();
    void repeatedMediaKeysUseTheLast_data();
    void repeatedMediaKeysUseTheLast();
    void commaListContinues();
    void languageIsReportedAsAsked();
    void neverEnds_data();
    void neverEnds();

private:
    RestReply play(const QString &playbackId, const QStringList &media, const QUrlQuery &extra = {});
    QJsonObject playbackOf(int index) const;

    TestSoundsDir m_sounds;
    std::unique_ptr<SimTestHarness> m_sim;
    std::unique_ptr<EventCollector> m_app;
    QString m_channel;
};

void TestConformancePlaybackMediaKinds::initTestCase()
{
    QVERIFY(m_sounds.isValid());
    QVERIFY(m_sounds.addStandardSet());
}

void TestConformancePlaybackMediaKinds::init()
{
    SimTestHarness::Options options;
    options.speed = 20;
    options.soundsDir = m_sounds.path();
    m_sim = std::make_unique<SimTestHarness>(options);
    QVERIFY(m_sim->start());
    m_app = m_sim->connectEvents(u"vm-playback"_s);
    QVERIFY(m_app);
    m_channel = m_sim->answeredCall(m_app.get(), u"vm-playback"_s, {u"305"_s});
    QVERIFY(!m_channel.isEmpty());
    m_app->clear();
}

void TestConformancePlaybackMediaKinds::cleanup()
{
    m_app.reset();
    m_sim.reset();
}

RestReply TestConformancePlaybackMediaKinds::play(const QString &playbackId, const QStringList &media,
                                                  const QUrlQuery &extra)
{
    QUrlQuery query = extra;
    for (const QString &item : media)
        query.addQueryItem(u"media"_s, item);
    return m_sim->post(u"/channels/"_s + m_channel + u"/play/"_s + playbackId, query);
}

QJsonObject TestConformancePlaybackMediaKinds::playbackOf(int index) const
{
    return m_app->events().value(index).value("playback"_L1).toObject();
}

void TestConformancePlaybackMediaKinds::playsToTheEnd_data()
{
    QTest::addColumn<QString>("media");
    QTest::newRow("number:3") << u"number:3"_s;
    QTest::newRow("number:42") << u"number:42"_s;
    QTest::newRow("digits:123") << u"digits:123"_s;
    QTest::newRow("characters:ab") << u"characters:ab"_s;
}

void TestConformancePlaybackMediaKinds::playsToTheEnd()
{
    QFETCH(QString, media);
    const RestReply reply = play(u"pb-kind"_s, {media});
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.object().value("media_uri"_L1).toString(), media);
    QVERIFY(!m_app->waitForNext(u"PlaybackFinished"_s, EventCollector::forPlayback(u"pb-kind"_s)).isEmpty());
    QCOMPARE(m_app->types(), (QStringList{u"PlaybackStarted"_s, u"PlaybackFinished"_s}));
    QCOMPARE(playbackOf(0).value("media_uri"_L1).toString(), media);
    QCOMPARE(playbackOf(1).value("state"_L1).toString(), u"done"_s);
}

void TestConformancePlaybackMediaKinds::tonesPlayUntilStopped_data()
{
    QTest::addColumn<QString>("media");
    QTest::newRow("ring with tonezone") << u"tone:ring;tonezone=us"_s;
    QTest::newRow("busy") << u"tone:busy"_s;
}

void TestConformancePlaybackMediaKinds::tonesPlayUntilStopped()
{
    QFETCH(QString, media);
    const RestReply reply = play(u"pb-tone"_s, {media});
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.object().value("media_uri"_L1).toString(), media);
    QVERIFY(!m_app->waitForNext(u"PlaybackStarted"_s, EventCollector::forPlayback(u"pb-tone"_s)).isEmpty());
    QVERIFY(m_sim->waitSimulated(1500));
    const RestReply get = m_sim->get(u"/playbacks/pb-tone"_s);
    QCOMPARE(get.status, 200);
    QCOMPARE(get.object().value("state"_L1).toString(), u"playing"_s);
    QCOMPARE(m_app->types(), QStringList{u"PlaybackStarted"_s});
    QCOMPARE(m_sim->del(u"/playbacks/pb-tone"_s).status, 204);
    const QJsonObject finished = m_app->waitForNext(u"PlaybackFinished"_s, EventCollector::forPlayback(u"pb-tone"_s));
    QCOMPARE(finished.value("playback"_L1).toObject().value("state"_L1).toString(), u"done"_s);
}

void TestConformancePlaybackMediaKinds::failsAtOnce_data()
{
    QTest::addColumn<QString>("media");
    QTest::newRow("tone:nosuchtone") << u"tone:nosuchtone"_s;
    QTest::newRow("sound:nope") << u"sound:nope"_s;
}

void TestConformancePlaybackMediaKinds::failsAtOnce()
{
    QFETCH(QString, media);
    QCOMPARE(play(u"pb-fail"_s, {media}).status, 201);
    const QJsonObject finished = m_app->waitForNext(u"PlaybackFinished"_s, EventCollector::forPlayback(u"pb-fail"_s));
    QVERIFY(!finished.isEmpty());
    QCOMPARE(m_app->types(), (QStringList{u"PlaybackStarted"_s, u"PlaybackFinished"_s}));
    QCOMPARE(playbackOf(0).value("state"_L1).toString(), u"playing"_s);
    QCOMPARE(playbackOf(1).value("state"_L1).toString(), u"failed"_s);
    QCOMPARE(playbackOf(1).value("media_uri"_L1).toString(), media);
}

void TestConformancePlaybackMediaKinds::recordingMedia()
{
    QVERIFY(m_sim->talk(m_channel, 10000));
    const RestReply record = m_sim->post(u"/channels/"_s + m_channel + u"/record"_s,
                                         QUrlQuery{{u"name"_s, u"test/media-kinds"_s},
                                                   {u"format"_s, u"wav"_s},
                                                   {u"maxDurationSeconds"_s, u"2"_s},
                                                   {u"ifExists"_s, u"overwrite"_s}});
    QCOMPARE(record.status, 201);
    const QJsonObject recorded = m_app->waitForNext(u"RecordingFinished"_s, EventCollector::forRecording(u"test/media-kinds"_s));
    QVERIFY(!recorded.isEmpty());
    QCOMPARE(recorded.value("recording"_L1).toObject().value("duration"_L1).toInt(), 2);

    QCOMPARE(play(u"pb-recording"_s, {u"recording:test/media-kinds"_s}).status, 201);
    const QJsonObject started = m_app->waitForNext(u"PlaybackStarted"_s, EventCollector::forPlayback(u"pb-recording"_s));
    const QJsonObject finished = m_app->waitForNext(u"PlaybackFinished"_s, EventCollector::forPlayback(u"pb-recording"_s));
    QVERIFY(!finished.isEmpty());
    QCOMPARE(started.value("playback"_L1).toObject().value("media_uri"_L1).toString(), u"recording:test/media-kinds"_s);
    QCOMPARE(finished.value("playback"_L1).toObject().value("state"_L1).toString(), u"done"_s);
    const qint64 playedMs = EventCollector::timestampMs(finished) - EventCollector::timestampMs(started);
    QVERIFY2(playedMs >= 1700, qPrintable(QString::number(playedMs)));

    QCOMPARE(m_sim->del(u"/recordings/stored/test%2Fmedia-kinds"_s).status, 204);
}

void TestConformancePlaybackMediaKinds::repeatedMediaKeysUseTheLast_data()
{
    QTest::addColumn<QStringList>("media");
    QTest::newRow("vm-intro then beep") << QStringList{u"sound:vm-intro"_s, u"sound:beep"_s};
    QTest::newRow("missing then beep") << QStringList{u"sound:nope"_s, u"sound:beep"_s};
    QTest::newRow("beep number beep") << QStringList{u"sound:beep"_s, u"number:7"_s, u"sound:beep"_s};
}

void TestConformancePlaybackMediaKinds::repeatedMediaKeysUseTheLast()
{
    QFETCH(QStringList, media);
    const RestReply reply = play(u"pb-list"_s, media);
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.object().value("media_uri"_L1).toString(), u"sound:beep"_s);
    QVERIFY(!reply.object().contains("next_media_uri"_L1));
    QVERIFY(!m_app->waitForNext(u"PlaybackFinished"_s, EventCollector::forPlayback(u"pb-list"_s)).isEmpty());
    QVERIFY(m_sim->waitSimulated(1000));
    QCOMPARE(m_app->types(), (QStringList{u"PlaybackStarted"_s, u"PlaybackFinished"_s}));
    QCOMPARE(playbackOf(0).value("media_uri"_L1).toString(), u"sound:beep"_s);
    QVERIFY(!playbackOf(0).contains("next_media_uri"_L1));
    QCOMPARE(playbackOf(1).value("media_uri"_L1).toString(), u"sound:beep"_s);
    QCOMPARE(playbackOf(1).value("state"_L1).toString(), u"done"_s);

    const RestReply get = m_sim->get(u"/playbacks/pb-list"_s);
    QCOMPARE(get.status, 404);
    QCOMPARE(get.message(), u"Playback not found"_s);
    const RestReply stop = m_sim->del(u"/playbacks/pb-list"_s);
    QCOMPARE(stop.status, 404);
    QCOMPARE(stop.message(), u"Playback not found"_s);
}

void TestConformancePlaybackMediaKinds::commaListContinues()
{
    const RestReply reply = play(u"pb-list-comma"_s, {u"sound:beep,digits:12"_s});
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.object().value("media_uri"_L1).toString(), u"sound:beep"_s);
    QCOMPARE(reply.object().value("next_media_uri"_L1).toString(), u"digits:12"_s);
    QVERIFY(!m_app->waitForNext(u"PlaybackFinished"_s, EventCollector::forPlayback(u"pb-list-comma"_s)).isEmpty());
    QCOMPARE(m_app->types(), (QStringList{u"PlaybackStarted"_s, u"PlaybackContinuing"_s, u"PlaybackStarted"_s,
                                          u"PlaybackFinished"_s}));
    QCOMPARE(playbackOf(0).value("media_uri"_L1).toString(), u"sound:beep"_s);
    QCOMPARE(playbackOf(0).value("next_media_uri"_L1).toString(), u"digits:12"_s);
    QCOMPARE(playbackOf(0).value("state"_L1).toString(), u"playing"_s);
    QCOMPARE(playbackOf(1).value("media_uri"_L1).toString(), u"sound:beep"_s);
    QCOMPARE(playbackOf(1).value("next_media_uri"_L1).toString(), u"digits:12"_s);
    QCOMPARE(playbackOf(1).value("state"_L1).toString(), u"continuing"_s);
    QCOMPARE(playbackOf(2).value("media_uri"_L1).toString(), u"digits:12"_s);
    QVERIFY(!playbackOf(2).contains("next_media_uri"_L1));
    QCOMPARE(playbackOf(2).value("state"_L1).toString(), u"playing"_s);
    QCOMPARE(playbackOf(3).value("media_uri"_L1).toString(), u"digits:12"_s);
    QCOMPARE(playbackOf(3).value("state"_L1).toString(), u"done"_s);
}

void TestConformancePlaybackMediaKinds::languageIsReportedAsAsked()
{
    const RestReply reply = play(u"pb-lang-fr"_s, {u"sound:beep"_s}, QUrlQuery{{u"lang"_s, u"fr"_s}});
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.object().value("language"_L1).toString(), u"fr"_s);
    QVERIFY(!m_app->waitForNext(u"PlaybackFinished"_s, EventCollector::forPlayback(u"pb-lang-fr"_s)).isEmpty());
    QCOMPARE(m_app->types(), (QStringList{u"PlaybackStarted"_s, u"PlaybackFinished"_s}));
    QCOMPARE(playbackOf(0).value("language"_L1).toString(), u"fr"_s);
    QCOMPARE(playbackOf(1).value("language"_L1).toString(), u"fr"_s);
    QCOMPARE(playbackOf(1).value("state"_L1).toString(), u"done"_s);
}

void TestConformancePlaybackMediaKinds::neverEnds_data()
{
    QTest::addColumn<QString>("media");
    QTest::newRow("missing recording") << u"recording:nope/none"_s;
    QTest::newRow("number:abc") << u"number:abc"_s;
    QTest::newRow("unknown scheme") << u"bogus:thing"_s;
    QTest::newRow("no scheme") << u"vm-intro"_s;
}

void TestConformancePlaybackMediaKinds::neverEnds()
{
    QFETCH(QString, media);
    const RestReply reply = play(u"pb-never"_s, {media});
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.object().value("media_uri"_L1).toString(), media);
    QVERIFY(!m_app->waitForNext(u"PlaybackStarted"_s, EventCollector::forPlayback(u"pb-never"_s)).isEmpty());
    QVERIFY(m_sim->waitSimulated(3000));
    QCOMPARE(m_app->types(), QStringList{u"PlaybackStarted"_s});
    const RestReply get = m_sim->get(u"/playbacks/pb-never"_s);
    QCOMPARE(get.status, 404);
    QCOMPARE(get.message(), u"Playback not found"_s);
    QCOMPARE(m_sim->get(u"/channels/"_s + m_channel).status, 200);
}

QTEST_GUILESS_MAIN(TestConformancePlaybackMediaKinds)
#include "TestConformancePlaybackMediaKinds.moc"
