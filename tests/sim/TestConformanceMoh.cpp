// Conformance of music on hold on a channel with the reference transcript "moh" of
// Asterisk 22.10.1. What the caller hears is read from the simulator's control API
// (GET /sim/calls/{id}/heard), standing in for the transcript's snoop recording and its RMS
// "analysis" line.
//
// Facts from the transcript this test relies on:
//  - POST /channels/{id}/moh?mohClass=default → 204 with no event; DELETE .../moh → 204, no event;
//    DELETE when no MOH plays → 204; POST .../moh without class → 204; mohClass=nosuchclass → 204.
//    POST/DELETE .../silence, .../ring, .../hold → 204 each, no event.
//  - A playback started while MOH plays stops the MOH, and MOH does NOT come back after the
//    playback (the analysis shows level 0 between PlaybackFinished and the second POST moh); the app
//    has to POST .../moh again, which starts it again.
//  - The caller hangs up while MOH plays: ChannelHangupRequest {"cause":16}, StasisEnd.
//  - POST /channels/{id}/snoop?spy=out&app=driver&snoopId=snoop-moh → 200 with a channel
//    {"id":"snoop-moh","name":"Snoop/...","state":"Up"}; the snoop channel enters the "driver"
//    application (StasisStart, args []); DELETE /channels/snoop-moh → 204 and it leaves Stasis.

#include "support/EventCollector.h"
#include "support/SimTestHarness.h"
#include "support/TestSoundsDir.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

QList<QJsonObject> mohItems(const QJsonArray &heard)
{
    QList<QJsonObject> items;
    for (const QJsonValue &value : heard) {
        if (value.toObject().value("media"_L1).toString().startsWith("moh:"_L1))
            items.append(value.toObject());
    }
    return items;
}

QJsonObject playbackItem(const QJsonArray &heard, const QString &playbackId)
{
    for (const QJsonValue &value : heard) {
        if (value.toObject().value("playbackId"_L1).toString() == playbackId)
            return value.toObject();
    }
    return {};
}

qint64 ms(const QJsonObject &item, QLatin1StringView key)
{
    return qint64(item.value(key).toDouble(-1));
}

} // namespace

class TestConformanceMoh final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void startAndStopWithoutEvents();
    void otherChannelSignallingWithoutEvents();
    void playbackStopsMohForGood();
    void callerHangsUpDuringMoh();
    void snoopChannel();

private:
    TestSoundsDir m_sounds;
    std::unique_ptr<SimTestHarness> m_sim;
    std::unique_ptr<EventCollector> m_app;
    QString m_channel;
};

void TestConformanceMoh::initTestCase()
{
    QVERIFY(m_sounds.isValid());
    QVERIFY(m_sounds.addStandardSet());
}

void TestConformanceMoh::init()
{
    SimTestHarness::Options options;
    options.speed = 20;
    options.soundsDir = m_sounds.path();
    m_sim = std::make_unique<SimTestHarness>(options);
    QVERIFY(m_sim->start());
    m_app = m_sim->connectEvents(u"queue"_s);
    QVERIFY(m_app);
    m_channel = m_sim->answeredCall(m_app.get(), u"queue"_s, {u"caller"_s});
    QVERIFY(!m_channel.isEmpty());
    m_app->clear();
}

void TestConformanceMoh::cleanup()
{
    m_app.reset();
    m_sim.reset();
}

void TestConformanceMoh::startAndStopWithoutEvents()
{
    const QString moh = u"/channels/"_s + m_channel + u"/moh"_s;
    const RestReply start = m_sim->post(moh, QUrlQuery{{u"mohClass"_s, u"default"_s}});
    QCOMPARE(start.status, 204);
    QVERIFY(start.body.isEmpty());
    QVERIFY(m_sim->waitSimulated(1000));
    QList<QJsonObject> items = mohItems(m_sim->heard(m_channel));
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.first().value("media"_L1).toString(), u"moh:default"_s);
    QCOMPARE(items.first().value("end"_L1).toString(), u"playing"_s);

    QCOMPARE(m_sim->del(moh).status, 204);
    items = mohItems(m_sim->heard(m_channel));
    QCOMPARE(items.size(), 1);
    QVERIFY(items.first().value("end"_L1).toString() != "playing"_L1);
    QVERIFY2(ms(items.first(), "endMs"_L1) - ms(items.first(), "startMs"_L1) >= 900,
             qPrintable(QString::number(ms(items.first(), "endMs"_L1) - ms(items.first(), "startMs"_L1))));

    QCOMPARE(m_sim->del(moh).status, 204); // nothing plays: still 204
    QCOMPARE(m_sim->post(moh).status, 204);
    QCOMPARE(m_sim->post(moh, QUrlQuery{{u"mohClass"_s, u"nosuchclass"_s}}).status, 204);
    QCOMPARE(m_sim->del(moh).status, 204);
    QVERIFY(m_sim->waitSimulated(500));
    QCOMPARE(m_app->types(), QStringList());
}

void TestConformanceMoh::otherChannelSignallingWithoutEvents()
{
    for (const QString &what : {u"silence"_s, u"ring"_s, u"hold"_s}) {
        QCOMPARE(m_sim->post(u"/channels/"_s + m_channel + u'/' + what).status, 204);
        QCOMPARE(m_sim->del(u"/channels/"_s + m_channel + u'/' + what).status, 204);
    }
    QCOMPARE(m_sim->post(u"/channels/"_s + m_channel + u"/moh"_s, QUrlQuery{{u"mohClass"_s, u"default"_s}}).status, 204);
    QVERIFY(m_sim->waitSimulated(500));
    QCOMPARE(m_app->types(), QStringList());
}

void TestConformanceMoh::playbackStopsMohForGood()
{
    const QString moh = u"/channels/"_s + m_channel + u"/moh"_s;
    QCOMPARE(m_sim->post(moh, QUrlQuery{{u"mohClass"_s, u"default"_s}}).status, 204);
    QVERIFY(m_sim->waitSimulated(1500));
    QCOMPARE(m_sim->post(u"/channels/"_s + m_channel + u"/play/pb-over-moh"_s,
                         QUrlQuery{{u"media"_s, u"sound:queue-youarenext"_s}}).status, 201);
    const QJsonObject finished = m_app->waitForNext(u"PlaybackFinished"_s, EventCollector::forPlayback(u"pb-over-moh"_s));
    QVERIFY(!finished.isEmpty());
    QCOMPARE(finished.value("playback"_L1).toObject().value("state"_L1).toString(), u"done"_s);
    QCOMPARE(m_app->types(), (QStringList{u"PlaybackStarted"_s, u"PlaybackFinished"_s}));
    QVERIFY(m_sim->waitSimulated(2000));

    QJsonArray heard = m_sim->heard(m_channel);
    const QJsonObject played = playbackItem(heard, u"pb-over-moh"_s);
    QVERIFY(!played.isEmpty());
    QList<QJsonObject> items = mohItems(heard);
    QCOMPARE(items.size(), 1); // MOH did not come back after the playback
    QVERIFY(items.first().value("end"_L1).toString() != "playing"_L1);
    QVERIFY2(ms(items.first(), "endMs"_L1) <= ms(played, "startMs"_L1),
             qPrintable(QString::number(ms(items.first(), "endMs"_L1)) + u" > "_s
                        + QString::number(ms(played, "startMs"_L1))));

    QCOMPARE(m_sim->post(moh, QUrlQuery{{u"mohClass"_s, u"default"_s}}).status, 204);
    items = mohItems(m_sim->heard(m_channel));
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.last().value("end"_L1).toString(), u"playing"_s);
    QVERIFY(ms(items.last(), "startMs"_L1) >= ms(played, "endMs"_L1));
    QCOMPARE(m_sim->del(moh).status, 204);
    QVERIFY(mohItems(m_sim->heard(m_channel)).last().value("end"_L1).toString() != "playing"_L1);
}

void TestConformanceMoh::callerHangsUpDuringMoh()
{
    QCOMPARE(m_sim->post(u"/channels/"_s + m_channel + u"/moh"_s, QUrlQuery{{u"mohClass"_s, u"default"_s}}).status, 204);
    QVERIFY(m_sim->hangupCaller(m_channel));
    QVERIFY(!m_app->waitFor(u"StasisEnd"_s).isEmpty());
    QVERIFY(m_sim->waitSimulated(500));
    QCOMPARE(m_app->types(), (QStringList{u"ChannelHangupRequest"_s, u"StasisEnd"_s}));
    QCOMPARE(m_app->events().first().value("cause"_L1).toInt(), 16);
    // What was heard is kept after the hang-up, and the MOH ended with the call.
    const QList<QJsonObject> items = mohItems(m_sim->heard(m_channel));
    QCOMPARE(items.size(), 1);
    QVERIFY(items.first().value("end"_L1).toString() != "playing"_L1);
}

void TestConformanceMoh::snoopChannel()
{
    auto driver = m_sim->connectEvents(u"driver"_s);
    QVERIFY(driver);
    const RestReply snoop = m_sim->post(u"/channels/"_s + m_channel + u"/snoop"_s,
                                        QUrlQuery{{u"spy"_s, u"out"_s}, {u"app"_s, u"driver"_s},
                                                  {u"snoopId"_s, u"snoop-moh"_s}});
    QCOMPARE(snoop.status, 200);
    QCOMPARE(snoop.object().value("id"_L1).toString(), u"snoop-moh"_s);
    QVERIFY2(snoop.object().value("name"_L1).toString().startsWith("Snoop/"_L1),
             qPrintable(snoop.object().value("name"_L1).toString()));
    QCOMPARE(snoop.object().value("state"_L1).toString(), u"Up"_s);
    const QJsonObject started = driver->waitFor(u"StasisStart"_s, EventCollector::forChannel(u"snoop-moh"_s));
    QVERIFY(!started.isEmpty());
    QCOMPARE(started.value("args"_L1).toArray(), QJsonArray());

    QCOMPARE(m_sim->del(u"/channels/snoop-moh"_s).status, 204);
    QVERIFY(!driver->waitFor(u"StasisEnd"_s, EventCollector::forChannel(u"snoop-moh"_s)).isEmpty());
    QCOMPARE(m_sim->get(u"/channels/"_s + m_channel).status, 200);
}

QTEST_GUILESS_MAIN(TestConformanceMoh)
#include "TestConformanceMoh.moc"
