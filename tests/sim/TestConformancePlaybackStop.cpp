// Conformance of stopping playbacks with the reference transcript "playback-stop" of
// Asterisk 22.10.1.
//
// Facts from the transcript this test relies on:
//  - DELETE /playbacks/{id} on a playing playback → 204, then PlaybackFinished with
//    state "done" (not "stopped" or "cancelled").
//  - Afterwards GET /playbacks/{id} → 404 {"message":"Playback not found"} and a second DELETE →
//    404 {"message":"Playback not found"}.
//  - A playback posted while another plays on the channel → 201 "queued"; GET on it → 200 with
//    state "queued". DELETE on the queued one → 204 but no event, and the current one keeps
//    playing to its end. When the current one is stopped (DELETE → 204), both PlaybackFinished
//    arrive, first the current one's, then the queued one's (state "done"); the queued one never
//    had a PlaybackStarted. Then GET on the queued one → 404.

#include "support/EventCollector.h"
#include "support/SimTestHarness.h"
#include "support/TestSoundsDir.h"

#include <QJsonObject>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestConformancePlaybackStop final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void stopPlaying();
    void stopQueued();

private:
    RestReply play(const QString &playbackId, const QString &media);

    TestSoundsDir m_sounds;
    std::unique_ptr<SimTestHarness> m_sim;
    std::unique_ptr<EventCollector> m_app;
    QString m_channel;
};

void TestConformancePlaybackStop::initTestCase()
{
    QVERIFY(m_sounds.isValid());
    QVERIFY(m_sounds.addStandardSet());
}

void TestConformancePlaybackStop::init()
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

void TestConformancePlaybackStop::cleanup()
{
    m_app.reset();
    m_sim.reset();
}

RestReply TestConformancePlaybackStop::play(const QString &playbackId, const QString &media)
{
    return m_sim->post(u"/channels/"_s + m_channel + u"/play/"_s + playbackId, QUrlQuery{{u"media"_s, media}});
}

void TestConformancePlaybackStop::stopPlaying()
{
    QCOMPARE(play(u"pb-stop-1"_s, TestSoundsDir::longSound()).status, 201);
    QVERIFY(!m_app->waitForNext(u"PlaybackStarted"_s, EventCollector::forPlayback(u"pb-stop-1"_s)).isEmpty());
    QVERIFY(m_sim->waitSimulated(1500));

    const RestReply stop = m_sim->del(u"/playbacks/pb-stop-1"_s);
    QCOMPARE(stop.status, 204);
    QVERIFY(stop.body.isEmpty());
    const QJsonObject finished = m_app->waitForNext(u"PlaybackFinished"_s, EventCollector::forPlayback(u"pb-stop-1"_s));
    QVERIFY(!finished.isEmpty());
    QCOMPARE(finished.value("playback"_L1).toObject().value("state"_L1).toString(), u"done"_s);

    const RestReply get = m_sim->get(u"/playbacks/pb-stop-1"_s);
    QCOMPARE(get.status, 404);
    QCOMPARE(get.message(), u"Playback not found"_s);
    const RestReply again = m_sim->del(u"/playbacks/pb-stop-1"_s);
    QCOMPARE(again.status, 404);
    QCOMPARE(again.message(), u"Playback not found"_s);
    QCOMPARE(m_app->types(), (QStringList{u"PlaybackStarted"_s, u"PlaybackFinished"_s}));
}

void TestConformancePlaybackStop::stopQueued()
{
    QCOMPARE(play(u"pb-stop-2"_s, TestSoundsDir::longSound()).status, 201);
    const RestReply queued = play(u"pb-stop-3"_s, u"sound:beep"_s);
    QCOMPARE(queued.status, 201);
    QCOMPARE(queued.object().value("state"_L1).toString(), u"queued"_s);
    QVERIFY(!m_app->waitForNext(u"PlaybackStarted"_s, EventCollector::forPlayback(u"pb-stop-2"_s)).isEmpty());

    const RestReply get = m_sim->get(u"/playbacks/pb-stop-3"_s);
    QCOMPARE(get.status, 200);
    QCOMPARE(get.object().value("state"_L1).toString(), u"queued"_s);
    QCOMPARE(get.object().value("media_uri"_L1).toString(), u"sound:beep"_s);

    QCOMPARE(m_sim->del(u"/playbacks/pb-stop-3"_s).status, 204);
    // No event for the queued one, and the current one goes on playing.
    QVERIFY(m_sim->waitSimulated(1000));
    QCOMPARE(m_app->types(), QStringList{u"PlaybackStarted"_s});
    const RestReply current = m_sim->get(u"/playbacks/pb-stop-2"_s);
    QCOMPARE(current.status, 200);
    QCOMPARE(current.object().value("state"_L1).toString(), u"playing"_s);

    QCOMPARE(m_sim->del(u"/playbacks/pb-stop-2"_s).status, 204);
    QVERIFY(m_app->waitForCount(u"PlaybackFinished"_s, 2));
    QVERIFY(m_sim->waitSimulated(500));
    QCOMPARE(m_app->types(), (QStringList{u"PlaybackStarted"_s, u"PlaybackFinished"_s, u"PlaybackFinished"_s}));
    const QJsonObject first = m_app->events().at(1).value("playback"_L1).toObject();
    const QJsonObject second = m_app->events().at(2).value("playback"_L1).toObject();
    QCOMPARE(first.value("id"_L1).toString(), u"pb-stop-2"_s);
    QCOMPARE(first.value("state"_L1).toString(), u"done"_s);
    QCOMPARE(second.value("id"_L1).toString(), u"pb-stop-3"_s);
    QCOMPARE(second.value("state"_L1).toString(), u"done"_s);
    QCOMPARE(second.value("media_uri"_L1).toString(), u"sound:beep"_s);
    QCOMPARE(m_app->count(u"PlaybackStarted"_s, EventCollector::forPlayback(u"pb-stop-3"_s)), 0);

    const RestReply gone = m_sim->get(u"/playbacks/pb-stop-3"_s);
    QCOMPARE(gone.status, 404);
    QCOMPARE(gone.message(), u"Playback not found"_s);
}

QTEST_GUILESS_MAIN(TestConformancePlaybackStop)
#include "TestConformancePlaybackStop.moc"
