// Conformance of POST /playbacks/{id}/control with the reference transcript "playback-control" of
// Asterisk 22.10.1.
//
// Facts from the transcript this test relies on:
//  - sound:/usr/share/asterisk/moh/macroform-cold_day (an absolute file path without extension)
//    plays like any sound (201, PlaybackStarted, still "playing" a second later).
//  - On a playing playback (that long file played with skipms=5000): pause → 204 and GET shows state
//    "paused", with no event; pause again → 204, still "paused"; unpause → 204, GET "playing", and a
//    new PlaybackStarted (state "playing") arrives; unpause again → 204, "playing", no event;
//    forward, reverse, restart → 204 each, state stays "playing", no event.
//  - operation=bogus → 400 {"message":"Invalid operation bogus"} (state unchanged); no operation →
//    400 {"message":"Missing operation"}.
//  - A queued playback: GET → "queued"; pause → 409 {"message":"Can only pause while media is
//    playing"}. Stopping the current one → PlaybackFinished (done), then the queued one's
//    PlaybackStarted and later PlaybackFinished (done).
//  - Control on a finished or unknown playback → 404 {"message":"Playback not found"}.
//  - A paused playback can be stopped: DELETE → 204, PlaybackFinished "done".
//  - vm-intro (≈5.6 s) with skipms=10000: forward (past the end of the file) is ignored — the
//    playback still plays to its end (it took ≈6 s after PlaybackStarted).
//  - vm-intro with skipms=3000: reverse at the very start changes nothing, pause, then restart while
//    paused → 409 {"message":"Can only restart while media is playing"}; GET shows "paused";
//    unpause → PlaybackStarted again; the whole playback took the file length plus the paused time.

#include "support/EventCollector.h"
#include "support/SimTestHarness.h"
#include "support/TestSoundsDir.h"

#include <QJsonObject>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestConformancePlaybackControl final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void absoluteFilePath();
    void pauseUnpauseAndSeek();
    void invalidOperations_data();
    void invalidOperations();
    void controlOnQueuedPlayback();
    void controlOnFinishedOrUnknown();
    void stopWhilePaused();
    void forwardPastTheEndIsIgnored();
    void restartWhilePausedAndPausedTimeCounts();

private:
    RestReply play(const QString &playbackId, const QString &media, const QString &skipMs = {});
    RestReply control(const QString &playbackId, const QString &operation);
    QString stateOf(const QString &playbackId);

    TestSoundsDir m_sounds;
    std::unique_ptr<SimTestHarness> m_sim;
    std::unique_ptr<EventCollector> m_app;
    QString m_channel;
};

void TestConformancePlaybackControl::initTestCase()
{
    QVERIFY(m_sounds.isValid());
    QVERIFY(m_sounds.addStandardSet());
}

void TestConformancePlaybackControl::init()
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

void TestConformancePlaybackControl::cleanup()
{
    m_app.reset();
    m_sim.reset();
}

RestReply TestConformancePlaybackControl::play(const QString &playbackId, const QString &media, const QString &skipMs)
{
    QUrlQuery query{{u"media"_s, media}};
    if (!skipMs.isEmpty())
        query.addQueryItem(u"skipms"_s, skipMs);
    return m_sim->post(u"/channels/"_s + m_channel + u"/play/"_s + playbackId, query);
}

RestReply TestConformancePlaybackControl::control(const QString &playbackId, const QString &operation)
{
    QUrlQuery query;
    if (!operation.isNull())
        query.addQueryItem(u"operation"_s, operation);
    return m_sim->post(u"/playbacks/"_s + playbackId + u"/control"_s, query);
}

QString TestConformancePlaybackControl::stateOf(const QString &playbackId)
{
    const RestReply reply = m_sim->get(u"/playbacks/"_s + playbackId);
    if (reply.status != 200)
        return u"<status "_s + QString::number(reply.status) + u'>';
    return reply.object().value("state"_L1).toString();
}

void TestConformancePlaybackControl::absoluteFilePath()
{
    // The transcript's long file: sound:/usr/share/asterisk/moh/macroform-cold_day (a path without
    // extension), played with skipms=5000.
    const RestReply reply = play(u"pb-ctl-1"_s, m_sounds.longSoundUri(), u"5000"_s);
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.object().value("media_uri"_L1).toString(), m_sounds.longSoundUri());
    QVERIFY(!m_app->waitForNext(u"PlaybackStarted"_s, EventCollector::forPlayback(u"pb-ctl-1"_s)).isEmpty());
    QVERIFY(m_sim->waitSimulated(1000));
    QCOMPARE(stateOf(u"pb-ctl-1"_s), u"playing"_s);
    QCOMPARE(m_app->types(), QStringList{u"PlaybackStarted"_s});
    QCOMPARE(m_sim->del(u"/playbacks/pb-ctl-1"_s).status, 204);
    const QJsonObject finished = m_app->waitForNext(u"PlaybackFinished"_s, EventCollector::forPlayback(u"pb-ctl-1"_s));
    QCOMPARE(finished.value("playback"_L1).toObject().value("state"_L1).toString(), u"done"_s);
}

void TestConformancePlaybackControl::pauseUnpauseAndSeek()
{
    const QString id = u"pb-ctl-1"_s;
    QCOMPARE(play(id, TestSoundsDir::longSound(), u"5000"_s).status, 201);
    QVERIFY(!m_app->waitForNext(u"PlaybackStarted"_s, EventCollector::forPlayback(id)).isEmpty());
    QVERIFY(m_sim->waitSimulated(1000));

    QCOMPARE(control(id, u"pause"_s).status, 204);
    QCOMPARE(stateOf(id), u"paused"_s);
    QCOMPARE(control(id, u"pause"_s).status, 204);
    QCOMPARE(stateOf(id), u"paused"_s);
    QVERIFY(m_sim->waitSimulated(500));
    QCOMPARE(m_app->types(), QStringList{u"PlaybackStarted"_s}); // no event for pause

    QCOMPARE(control(id, u"unpause"_s).status, 204);
    QCOMPARE(stateOf(id), u"playing"_s);
    const QJsonObject restarted = m_app->waitForNext(u"PlaybackStarted"_s, EventCollector::forPlayback(id));
    QVERIFY(!restarted.isEmpty());
    QCOMPARE(restarted.value("playback"_L1).toObject().value("state"_L1).toString(), u"playing"_s);

    QCOMPARE(control(id, u"unpause"_s).status, 204);
    QCOMPARE(stateOf(id), u"playing"_s);
    for (const QString &operation : {u"forward"_s, u"reverse"_s, u"restart"_s}) {
        QCOMPARE(control(id, operation).status, 204);
        QCOMPARE(stateOf(id), u"playing"_s);
    }
    QVERIFY(m_sim->waitSimulated(500));
    // Only the unpause emitted an event.
    QCOMPARE(m_app->types(), (QStringList{u"PlaybackStarted"_s, u"PlaybackStarted"_s}));
}

void TestConformancePlaybackControl::invalidOperations_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("message");
    QTest::newRow("bogus") << u"bogus"_s << u"Invalid operation bogus"_s;
    QTest::newRow("missing") << QString() << u"Missing operation"_s;
}

void TestConformancePlaybackControl::invalidOperations()
{
    QFETCH(QString, operation);
    QFETCH(QString, message);
    QCOMPARE(play(u"pb-ctl-1"_s, TestSoundsDir::longSound(), u"5000"_s).status, 201);
    QVERIFY(!m_app->waitForNext(u"PlaybackStarted"_s, EventCollector::forPlayback(u"pb-ctl-1"_s)).isEmpty());
    const RestReply reply = control(u"pb-ctl-1"_s, operation);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.message(), message);
    QCOMPARE(stateOf(u"pb-ctl-1"_s), u"playing"_s);
}

void TestConformancePlaybackControl::controlOnQueuedPlayback()
{
    QCOMPARE(play(u"pb-ctl-1"_s, TestSoundsDir::longSound(), u"5000"_s).status, 201);
    QVERIFY(!m_app->waitForNext(u"PlaybackStarted"_s, EventCollector::forPlayback(u"pb-ctl-1"_s)).isEmpty());
    const RestReply queued = play(u"pb-ctl-2"_s, u"sound:beep"_s);
    QCOMPARE(queued.status, 201);
    QCOMPARE(queued.object().value("state"_L1).toString(), u"queued"_s);
    QCOMPARE(stateOf(u"pb-ctl-2"_s), u"queued"_s);

    const RestReply pause = control(u"pb-ctl-2"_s, u"pause"_s);
    QCOMPARE(pause.status, 409);
    QCOMPARE(pause.message(), u"Can only pause while media is playing"_s);

    QCOMPARE(m_sim->del(u"/playbacks/pb-ctl-1"_s).status, 204);
    QVERIFY(!m_app->waitForNext(u"PlaybackFinished"_s, EventCollector::forPlayback(u"pb-ctl-2"_s)).isEmpty());
    QCOMPARE(m_app->types(), (QStringList{u"PlaybackStarted"_s, u"PlaybackFinished"_s, u"PlaybackStarted"_s,
                                          u"PlaybackFinished"_s}));
    const QList<QJsonObject> &events = m_app->events();
    QCOMPARE(events.at(1).value("playback"_L1).toObject().value("id"_L1).toString(), u"pb-ctl-1"_s);
    QCOMPARE(events.at(1).value("playback"_L1).toObject().value("state"_L1).toString(), u"done"_s);
    QCOMPARE(events.at(2).value("playback"_L1).toObject().value("id"_L1).toString(), u"pb-ctl-2"_s);
    QCOMPARE(events.at(3).value("playback"_L1).toObject().value("state"_L1).toString(), u"done"_s);
}

void TestConformancePlaybackControl::controlOnFinishedOrUnknown()
{
    QCOMPARE(play(u"pb-ctl-2"_s, u"sound:beep"_s).status, 201);
    QVERIFY(!m_app->waitForNext(u"PlaybackFinished"_s, EventCollector::forPlayback(u"pb-ctl-2"_s)).isEmpty());
    for (const QString &id : {u"pb-ctl-2"_s, u"no-such-playback"_s}) {
        const RestReply reply = control(id, u"pause"_s);
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.message(), u"Playback not found"_s);
    }
}

void TestConformancePlaybackControl::stopWhilePaused()
{
    QCOMPARE(play(u"pb-ctl-3"_s, u"sound:vm-intro"_s).status, 201);
    QVERIFY(!m_app->waitForNext(u"PlaybackStarted"_s, EventCollector::forPlayback(u"pb-ctl-3"_s)).isEmpty());
    QCOMPARE(control(u"pb-ctl-3"_s, u"pause"_s).status, 204);
    QCOMPARE(m_sim->del(u"/playbacks/pb-ctl-3"_s).status, 204);
    const QJsonObject finished = m_app->waitForNext(u"PlaybackFinished"_s, EventCollector::forPlayback(u"pb-ctl-3"_s));
    QVERIFY(!finished.isEmpty());
    QCOMPARE(finished.value("playback"_L1).toObject().value("state"_L1).toString(), u"done"_s);
}

void TestConformancePlaybackControl::forwardPastTheEndIsIgnored()
{
    QCOMPARE(play(u"pb-ctl-4"_s, u"sound:vm-intro"_s, u"10000"_s).status, 201);
    const QJsonObject started = m_app->waitForNext(u"PlaybackStarted"_s, EventCollector::forPlayback(u"pb-ctl-4"_s));
    QVERIFY(!started.isEmpty());
    QCOMPARE(control(u"pb-ctl-4"_s, u"forward"_s).status, 204);
    QCOMPARE(stateOf(u"pb-ctl-4"_s), u"playing"_s);
    const QJsonObject finished = m_app->waitForNext(u"PlaybackFinished"_s, EventCollector::forPlayback(u"pb-ctl-4"_s),
                                                    10000);
    QVERIFY(!finished.isEmpty());
    QCOMPARE(finished.value("playback"_L1).toObject().value("state"_L1).toString(), u"done"_s);
    // vm-intro lasts 5600 ms; the ignored forward leaves it to play to the end.
    const qint64 playedMs = EventCollector::timestampMs(finished) - EventCollector::timestampMs(started);
    QVERIFY2(playedMs >= TestSoundsDir::kVmIntroMs - 300, qPrintable(QString::number(playedMs)));
}

void TestConformancePlaybackControl::restartWhilePausedAndPausedTimeCounts()
{
    const QString id = u"pb-ctl-5"_s;
    QCOMPARE(play(id, u"sound:vm-intro"_s, u"3000"_s).status, 201);
    const QJsonObject started = m_app->waitForNext(u"PlaybackStarted"_s, EventCollector::forPlayback(id));
    QVERIFY(!started.isEmpty());
    QCOMPARE(control(id, u"reverse"_s).status, 204);
    QVERIFY(m_sim->waitSimulated(500));
    QCOMPARE(control(id, u"pause"_s).status, 204);
    const RestReply restart = control(id, u"restart"_s);
    QCOMPARE(restart.status, 409);
    QCOMPARE(restart.message(), u"Can only restart while media is playing"_s);
    QCOMPARE(stateOf(id), u"paused"_s);
    QVERIFY(m_sim->waitSimulated(1500));
    QCOMPARE(stateOf(id), u"paused"_s);
    QCOMPARE(control(id, u"unpause"_s).status, 204);
    QVERIFY(!m_app->waitForNext(u"PlaybackStarted"_s, EventCollector::forPlayback(id)).isEmpty());
    const QJsonObject finished = m_app->waitForNext(u"PlaybackFinished"_s, EventCollector::forPlayback(id), 10000);
    QVERIFY(!finished.isEmpty());
    QCOMPARE(finished.value("playback"_L1).toObject().value("state"_L1).toString(), u"done"_s);
    // The whole file (the reverse at its start skips nothing) plus at least 1500 ms paused.
    const qint64 totalMs = EventCollector::timestampMs(finished) - EventCollector::timestampMs(started);
    QVERIFY2(totalMs >= TestSoundsDir::kVmIntroMs + 1500 - 300, qPrintable(QString::number(totalMs)));
    QCOMPARE(m_app->types(), (QStringList{u"PlaybackStarted"_s, u"PlaybackStarted"_s, u"PlaybackFinished"_s}));
}

QTEST_GUILESS_MAIN(TestConformancePlaybackControl)
#include "TestConformancePlaybackControl.moc"
