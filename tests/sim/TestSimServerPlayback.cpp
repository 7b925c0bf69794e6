// Playback timing on the simulated clock: media durations, forward/reverse/restart moving the
// position by skipms, pause holding it, offsetms, media lists. Timers never fire early, so every
// lower bound below is exact; upper bounds only show that an operation took effect.

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include "support/EventCollector.h"
#include "support/SimTestHarness.h"
#include "support/TestSoundsDir.h"

using namespace Qt::StringLiterals;

class TestSimServerPlayback final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void plainDuration();
    void forwardShortens();
    void forwardPastTheEndIsIgnored();
    void reverseLengthens();
    void restartGoesBackToTheStart();
    void pauseHoldsThePosition();
    void offsetSkipsTheStart();
    void mediaListOneAfterTheOther();
    void playbacksQueueOnOneChannel();
    void bridgePlaybackIndependentOfChannels();

private:
    // Plays vm-intro on the call; returns the PlaybackStarted timestamp (ms since the epoch).
    qint64 start(const QString &id, const QUrlQuery &extra = {});
    qint64 finishedAt(const QString &id);
    qint64 controlAfter(const QString &id, const QString &operation, qint64 waitMs);

    TestSoundsDir m_sounds;
    std::unique_ptr<SimTestHarness> m_sim;
    std::unique_ptr<EventCollector> m_app;
    QString m_channel;
};

void TestSimServerPlayback::initTestCase()
{
    QVERIFY(m_sounds.isValid());
    QVERIFY(m_sounds.addStandardSet());
}

void TestSimServerPlayback::init()
{
    SimTestHarness::Options options;
    options.speed = 10;
    options.soundsDir = m_sounds.path();
    m_sim = std::make_unique<SimTestHarness>(options);
    QVERIFY(m_sim->start());
    m_app = m_sim->connectEvents(u"vm-playback"_s);
    QVERIFY(m_app);
    m_channel = m_sim->answeredCall(m_app.get(), u"vm-playback"_s, {u"1"_s});
    QVERIFY(!m_channel.isEmpty());
}

void TestSimServerPlayback::cleanup()
{
    m_app.reset();
    m_sim.reset();
}

qint64 TestSimServerPlayback::start(const QString &id, const QUrlQuery &extra)
{
    QUrlQuery query = extra;
    if (!query.hasQueryItem(u"media"_s))
        query.addQueryItem(u"media"_s, u"sound:vm-intro"_s);
    if (m_sim->post(u"/channels/"_s + m_channel + u"/play/"_s + id, query).status != 201)
        return -1;
    return EventCollector::timestampMs(m_app->waitFor(u"PlaybackStarted"_s, EventCollector::forPlayback(id)));
}

qint64 TestSimServerPlayback::finishedAt(const QString &id)
{
    const QJsonObject finished = m_app->waitFor(u"PlaybackFinished"_s, EventCollector::forPlayback(id), 30000);
    if (finished.value("playback"_L1).toObject().value("state"_L1).toString() != "done"_L1)
        return -1;
    return EventCollector::timestampMs(finished);
}

qint64 TestSimServerPlayback::controlAfter(const QString &id, const QString &operation, qint64 waitMs)
{
    if (!m_sim->waitSimulated(waitMs))
        return -1;
    return m_sim->post(u"/playbacks/"_s + id + u"/control"_s, QUrlQuery{{u"operation"_s, operation}}).status;
}

void TestSimServerPlayback::plainDuration()
{
    const qint64 started = start(u"plain"_s);
    QVERIFY(started > 0);
    const qint64 finished = finishedAt(u"plain"_s);
    QVERIFY(finished > 0);
    QVERIFY2(finished - started >= TestSoundsDir::kVmIntroMs, qPrintable(QString::number(finished - started)));
    QVERIFY2(finished - started < TestSoundsDir::kVmIntroMs + 2000, qPrintable(QString::number(finished - started)));
}

void TestSimServerPlayback::forwardShortens()
{
    const qint64 started = start(u"fwd"_s, QUrlQuery{{u"skipms"_s, u"2000"_s}});
    QCOMPARE(controlAfter(u"fwd"_s, u"forward"_s, 0), 204);
    const qint64 played = finishedAt(u"fwd"_s) - started;
    QVERIFY2(played >= TestSoundsDir::kVmIntroMs - 2000 && played < TestSoundsDir::kVmIntroMs,
             qPrintable(QString::number(played)));
}

void TestSimServerPlayback::forwardPastTheEndIsIgnored()
{
    const qint64 started = start(u"far"_s, QUrlQuery{{u"skipms"_s, u"10000"_s}});
    QCOMPARE(controlAfter(u"far"_s, u"forward"_s, 0), 204);
    const qint64 played = finishedAt(u"far"_s) - started;
    QVERIFY2(played >= TestSoundsDir::kVmIntroMs, qPrintable(QString::number(played)));
}

void TestSimServerPlayback::reverseLengthens()
{
    // Default skipms: 3000. After 3 s a reverse goes back to the start: 3 s more in all.
    const qint64 started = start(u"rev"_s);
    QCOMPARE(controlAfter(u"rev"_s, u"reverse"_s, 3500), 204);
    const qint64 played = finishedAt(u"rev"_s) - started;
    QVERIFY2(played >= TestSoundsDir::kVmIntroMs + 3000, qPrintable(QString::number(played)));
    QVERIFY2(played < TestSoundsDir::kVmIntroMs + 3500 + 3000, qPrintable(QString::number(played)));
}

void TestSimServerPlayback::restartGoesBackToTheStart()
{
    const qint64 started = start(u"rst"_s);
    QCOMPARE(controlAfter(u"rst"_s, u"restart"_s, 2000), 204);
    const qint64 played = finishedAt(u"rst"_s) - started;
    QVERIFY2(played >= TestSoundsDir::kVmIntroMs + 2000, qPrintable(QString::number(played)));
    // Restarting does not emit anything.
    QCOMPARE(m_app->count(u"PlaybackStarted"_s, EventCollector::forPlayback(u"rst"_s)), 1);
}

void TestSimServerPlayback::pauseHoldsThePosition()
{
    const qint64 started = start(u"pause"_s);
    QCOMPARE(controlAfter(u"pause"_s, u"pause"_s, 1000), 204);
    QCOMPARE(controlAfter(u"pause"_s, u"unpause"_s, 2000), 204);
    const qint64 played = finishedAt(u"pause"_s) - started;
    QVERIFY2(played >= TestSoundsDir::kVmIntroMs + 2000, qPrintable(QString::number(played)));
    const QJsonArray heard = m_sim->heard(m_channel);
    const QJsonObject item = heard.last().toObject();
    QCOMPARE(item.value("playbackId"_L1).toString(), u"pause"_s);
    // Heard time leaves the pause out.
    QVERIFY2(item.value("heardMs"_L1).toInteger() < played - 1900, qPrintable(QString::number(item.value("heardMs"_L1).toInteger())));
    QVERIFY(item.value("heardMs"_L1).toInteger() >= TestSoundsDir::kVmIntroMs);
}

void TestSimServerPlayback::offsetSkipsTheStart()
{
    const qint64 started = start(u"offset"_s, QUrlQuery{{u"offsetms"_s, u"4000"_s}});
    const qint64 played = finishedAt(u"offset"_s) - started;
    QVERIFY2(played >= TestSoundsDir::kVmIntroMs - 4000 && played < TestSoundsDir::kVmIntroMs,
             qPrintable(QString::number(played)));
}

void TestSimServerPlayback::mediaListOneAfterTheOther()
{
    const qint64 started = start(u"list"_s, QUrlQuery{{u"media"_s, u"sound:beep,sound:vm-intro"_s}, {u"offsetms"_s, u"200"_s}});
    QVERIFY(started > 0);
    const QJsonObject continuing = m_app->waitFor(u"PlaybackContinuing"_s, EventCollector::forPlayback(u"list"_s));
    QCOMPARE(continuing.value("playback"_L1).toObject().value("next_media_uri"_L1).toString(), u"sound:vm-intro"_s);
    // offsetms only applies to the first item.
    const qint64 first = EventCollector::timestampMs(continuing) - started;
    QVERIFY2(first >= TestSoundsDir::kBeepMs - 200, qPrintable(QString::number(first)));
    const qint64 played = finishedAt(u"list"_s) - started;
    QVERIFY2(played >= TestSoundsDir::kBeepMs - 200 + TestSoundsDir::kVmIntroMs, qPrintable(QString::number(played)));
    QCOMPARE(m_app->types(EventCollector::forPlayback(u"list"_s)),
             (QStringList{u"PlaybackStarted"_s, u"PlaybackContinuing"_s, u"PlaybackStarted"_s, u"PlaybackFinished"_s}));
}

void TestSimServerPlayback::playbacksQueueOnOneChannel()
{
    for (const QString &id : {u"q1"_s, u"q2"_s, u"q3"_s})
        QCOMPARE(m_sim->post(u"/channels/"_s + m_channel + u"/play/"_s + id, QUrlQuery{{u"media"_s, u"sound:beep"_s}}).status,
                 201);
    QCOMPARE(m_sim->get(u"/playbacks/q3"_s).object().value("state"_L1).toString(), u"queued"_s);
    QVERIFY(m_app->waitForCount(u"PlaybackFinished"_s, 3, {}, 30000));
    QCOMPARE(m_app->types(EventCollector::notOfType({u"StasisStart"_s, u"ChannelStateChange"_s})),
             (QStringList{u"PlaybackStarted"_s, u"PlaybackFinished"_s, u"PlaybackStarted"_s, u"PlaybackFinished"_s,
                          u"PlaybackStarted"_s, u"PlaybackFinished"_s}));
    QStringList order;
    for (const QJsonObject &event : m_app->events()) {
        if (event.value("type"_L1).toString() == "PlaybackStarted"_L1)
            order.append(event.value("playback"_L1).toObject().value("id"_L1).toString());
    }
    QCOMPARE(order, (QStringList{u"q1"_s, u"q2"_s, u"q3"_s}));
    // Each one after the previous one ended.
    const qint64 firstEnd = EventCollector::timestampMs(m_app->waitFor(u"PlaybackFinished"_s, EventCollector::forPlayback(u"q1"_s)));
    const qint64 lastEnd = EventCollector::timestampMs(m_app->waitFor(u"PlaybackFinished"_s, EventCollector::forPlayback(u"q3"_s)));
    QVERIFY(lastEnd - firstEnd >= 2 * TestSoundsDir::kBeepMs);
}

void TestSimServerPlayback::bridgePlaybackIndependentOfChannels()
{
    QCOMPARE(m_sim->post(u"/bridges/pb-bridge"_s, QUrlQuery{{u"type"_s, u"mixing"_s}}).status, 200);
    QCOMPARE(m_sim->post(u"/bridges/pb-bridge/addChannel"_s, QUrlQuery{{u"channel"_s, m_channel}}).status, 204);
    QCOMPARE(m_sim->post(u"/channels/"_s + m_channel + u"/play/on-channel"_s, QUrlQuery{{u"media"_s, u"sound:vm-intro"_s}}).status,
             201);
    const RestReply bridged = m_sim->post(u"/bridges/pb-bridge/play/on-bridge"_s, QUrlQuery{{u"media"_s, u"sound:beep"_s}});
    QCOMPARE(bridged.status, 201);
    QCOMPARE(bridged.object().value("target_uri"_L1).toString(), u"bridge:pb-bridge"_s);
    // The bridge's announcement does not wait for the channel's playback.
    const QJsonObject finished = m_app->waitFor(u"PlaybackFinished"_s, EventCollector::forPlayback(u"on-bridge"_s));
    QVERIFY(!finished.isEmpty());
    QCOMPARE(m_sim->get(u"/playbacks/on-channel"_s).object().value("state"_L1).toString(), u"playing"_s);
    QCOMPARE(m_sim->del(u"/bridges/pb-bridge"_s).status, 204);
    QVERIFY(!m_app->waitFor(u"BridgeDestroyed"_s).isEmpty());
    // Leaving the bridge does not stop the channel's own playback.
    QCOMPARE(m_sim->get(u"/playbacks/on-channel"_s).object().value("state"_L1).toString(), u"playing"_s);
}

QTEST_GUILESS_MAIN(TestSimServerPlayback)
#include "TestSimServerPlayback.moc"
