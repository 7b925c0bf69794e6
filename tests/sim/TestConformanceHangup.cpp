// Conformance of hang-ups with the reference transcript "hangup" of Asterisk 22.10.1.
//
// Facts from the transcript this test relies on:
//  - The caller hangs up while the app plays: ChannelHangupRequest {"cause":16} (no "soft"), then
//    PlaybackFinished with state "failed", then StasisEnd — and no ChannelDestroyed on the app
//    socket (a channel that entered Stasis from the dialplan leaves Stasis first).
//  - Afterwards GET/answer/play/record/DELETE on the channel → 404 {"message":"Channel not found"}
//    and GET /playbacks/{its playback} → 404 {"message":"Playback not found"}.
//  - The app hangs up (DELETE /channels/{id}) → 204, ChannelHangupRequest {"cause":32,"soft":true},
//    StasisEnd; the same with reason=busy and with reason_code=21.
//  - DELETE ...?reason=nonsense → 400 {"message":"Invalid reason for hangup reason provided"} (the
//    channel stays).
//  - Hang-up before answer: the same events, the channel state in them is "Ring".
//  - A channel that is not in Stasis (originated into dialplan, context=wait&extension=wait&
//    priority=1): answer, play, dtmf, moh and record → 409 {"message":"Channel not in Stasis
//    application"}; GET .../variable?variable=CHANNEL(state) → 200 {"value":"Up"}; DELETE → 204.
//  - DELETE /channels/no-such-channel → 404 {"message":"Channel not found"}.

#include "support/EventCollector.h"
#include "support/SimTestHarness.h"
#include "support/TestSoundsDir.h"

#include <QJsonObject>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestConformanceHangup final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void callerHangsUpDuringPlayback();
    void restOnHungUpChannel_data();
    void restOnHungUpChannel();
    void appHangsUp_data();
    void appHangsUp();
    void invalidReason();
    void hangupBeforeAnswer();
    void channelNotInStasis_data();
    void channelNotInStasis();
    void unknownChannel();

private:
    TestSoundsDir m_sounds;
    std::unique_ptr<SimTestHarness> m_sim;
    std::unique_ptr<EventCollector> m_app;
};

void TestConformanceHangup::initTestCase()
{
    QVERIFY(m_sounds.isValid());
    QVERIFY(m_sounds.addStandardSet());
}

void TestConformanceHangup::init()
{
    SimTestHarness::Options options;
    options.speed = 20;
    options.soundsDir = m_sounds.path();
    m_sim = std::make_unique<SimTestHarness>(options);
    QVERIFY(m_sim->start());
    m_app = m_sim->connectEvents(u"vm-record"_s);
    QVERIFY(m_app);
}

void TestConformanceHangup::cleanup()
{
    m_app.reset();
    m_sim.reset();
}

void TestConformanceHangup::callerHangsUpDuringPlayback()
{
    const QString id = m_sim->answeredCall(m_app.get(), u"vm-record"_s, {u"305"_s});
    QVERIFY(!id.isEmpty());
    QCOMPARE(m_sim->post(u"/channels/"_s + id + u"/play/pb-hang"_s, QUrlQuery{{u"media"_s, u"sound:vm-intro"_s}}).status,
             201);
    QVERIFY(!m_app->waitFor(u"PlaybackStarted"_s).isEmpty());
    m_app->clear();
    QVERIFY(m_sim->hangupCaller(id));
    QVERIFY(!m_app->waitFor(u"StasisEnd"_s).isEmpty());
    QVERIFY(m_sim->waitSimulated(1000));
    QCOMPARE(m_app->types(), (QStringList{u"ChannelHangupRequest"_s, u"PlaybackFinished"_s, u"StasisEnd"_s}));
    const QJsonObject hangup = m_app->events().at(0);
    QCOMPARE(hangup.value("cause"_L1).toInt(), 16);
    QVERIFY(!hangup.contains("soft"_L1));
    QCOMPARE(hangup.value("channel"_L1).toObject().value("id"_L1).toString(), id);
    QCOMPARE(m_app->events().at(1).value("playback"_L1).toObject().value("state"_L1).toString(), u"failed"_s);
    QCOMPARE(m_app->events().at(2).value("channel"_L1).toObject().value("id"_L1).toString(), id);

    const RestReply playback = m_sim->get(u"/playbacks/pb-hang"_s);
    QCOMPARE(playback.status, 404);
    QCOMPARE(playback.message(), u"Playback not found"_s);
}

void TestConformanceHangup::restOnHungUpChannel_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QString>("query");
    QTest::newRow("get") << QByteArray("GET") << QString() << QString();
    QTest::newRow("answer") << QByteArray("POST") << u"/answer"_s << QString();
    QTest::newRow("play") << QByteArray("POST") << u"/play"_s << u"media=sound:beep"_s;
    QTest::newRow("record") << QByteArray("POST") << u"/record"_s << u"name=test/x&format=wav"_s;
    QTest::newRow("delete") << QByteArray("DELETE") << QString() << QString();
}

void TestConformanceHangup::restOnHungUpChannel()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, suffix);
    QFETCH(QString, query);
    const QString id = m_sim->answeredCall(m_app.get(), u"vm-record"_s, {u"305"_s});
    QVERIFY(!id.isEmpty());
    QVERIFY(m_sim->hangupCaller(id));
    QVERIFY(!m_app->waitFor(u"StasisEnd"_s).isEmpty());
    const RestReply reply = m_sim->ari(method, u"/channels/"_s + id + suffix, QUrlQuery(query));
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.message(), u"Channel not found"_s);
}

void TestConformanceHangup::appHangsUp_data()
{
    QTest::addColumn<QString>("reasonKey");
    QTest::addColumn<QString>("reasonValue");
    QTest::newRow("no reason") << QString() << QString();
    QTest::newRow("reason=busy") << u"reason"_s << u"busy"_s;
    QTest::newRow("reason_code=21") << u"reason_code"_s << u"21"_s;
}

void TestConformanceHangup::appHangsUp()
{
    QFETCH(QString, reasonKey);
    QFETCH(QString, reasonValue);
    const QString id = m_sim->answeredCall(m_app.get(), u"vm-record"_s, {u"305"_s});
    QVERIFY(!id.isEmpty());
    m_app->clear();
    QUrlQuery query;
    if (!reasonKey.isNull())
        query.addQueryItem(reasonKey, reasonValue);
    QCOMPARE(m_sim->del(u"/channels/"_s + id, query).status, 204);
    QVERIFY(!m_app->waitFor(u"StasisEnd"_s).isEmpty());
    QVERIFY(m_sim->waitSimulated(1000));
    QCOMPARE(m_app->types(), (QStringList{u"ChannelHangupRequest"_s, u"StasisEnd"_s}));
    const QJsonObject hangup = m_app->events().at(0);
    QCOMPARE(hangup.value("cause"_L1).toInt(), 32);
    QCOMPARE(hangup.value("soft"_L1).toBool(false), true);
    QCOMPARE(m_sim->get(u"/channels/"_s + id).status, 404);
}

void TestConformanceHangup::invalidReason()
{
    const QString id = m_sim->answeredCall(m_app.get(), u"vm-record"_s, {u"305"_s});
    QVERIFY(!id.isEmpty());
    const RestReply reply = m_sim->del(u"/channels/"_s + id, QUrlQuery{{u"reason"_s, u"nonsense"_s}});
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.message(), u"Invalid reason for hangup reason provided"_s);
    QCOMPARE(m_sim->get(u"/channels/"_s + id).status, 200);
}

void TestConformanceHangup::hangupBeforeAnswer()
{
    const QString id = m_sim->placeCallId(u"vm-record"_s, {u"305"_s});
    QVERIFY(!id.isEmpty());
    QVERIFY(!m_app->waitFor(u"StasisStart"_s).isEmpty());
    m_app->clear();
    QCOMPARE(m_sim->del(u"/channels/"_s + id).status, 204);
    QVERIFY(!m_app->waitFor(u"StasisEnd"_s).isEmpty());
    QVERIFY(m_sim->waitSimulated(1000));
    QCOMPARE(m_app->types(), (QStringList{u"ChannelHangupRequest"_s, u"StasisEnd"_s}));
    QCOMPARE(m_app->events().at(0).value("cause"_L1).toInt(), 32);
    QCOMPARE(m_app->events().at(0).value("soft"_L1).toBool(false), true);
    QCOMPARE(m_app->events().at(0).value("channel"_L1).toObject().value("state"_L1).toString(), u"Ring"_s);
    QCOMPARE(m_app->events().at(1).value("channel"_L1).toObject().value("state"_L1).toString(), u"Ring"_s);
}

void TestConformanceHangup::channelNotInStasis_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QString>("query");
    QTest::newRow("answer") << u"/answer"_s << QString();
    QTest::newRow("play") << u"/play"_s << u"media=sound:beep"_s;
    QTest::newRow("dtmf") << u"/dtmf"_s << u"dtmf=1"_s;
    QTest::newRow("moh") << u"/moh"_s << QString();
    QTest::newRow("record") << u"/record"_s << u"name=test/not-in-stasis&format=wav"_s;
}

void TestConformanceHangup::channelNotInStasis()
{
    QFETCH(QString, suffix);
    QFETCH(QString, query);
    const RestReply originate = m_sim->post(u"/channels"_s, QUrlQuery{{u"endpoint"_s, u"Local/wait@wait/n"_s},
                                                                      {u"context"_s, u"wait"_s},
                                                                      {u"extension"_s, u"wait"_s},
                                                                      {u"priority"_s, u"1"_s}});
    QCOMPARE(originate.status, 200);
    const QString id = originate.object().value("id"_L1).toString();
    QVERIFY(!id.isEmpty());
    QTRY_COMPARE(m_sim->get(u"/channels/"_s + id).object().value("state"_L1).toString(), u"Up"_s);

    const RestReply reply = m_sim->post(u"/channels/"_s + id + suffix, QUrlQuery(query));
    QCOMPARE(reply.status, 409);
    QCOMPARE(reply.message(), u"Channel not in Stasis application"_s);

    const RestReply variable = m_sim->get(u"/channels/"_s + id + u"/variable"_s,
                                          QUrlQuery{{u"variable"_s, u"CHANNEL(state)"_s}});
    QCOMPARE(variable.status, 200);
    QCOMPARE(variable.object().value("value"_L1).toString(), u"Up"_s);
    QCOMPARE(m_sim->del(u"/channels/"_s + id).status, 204);
    QCOMPARE(m_app->count(), 0);
}

void TestConformanceHangup::unknownChannel()
{
    const RestReply reply = m_sim->del(u"/channels/no-such-channel"_s);
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.message(), u"Channel not found"_s);
}

QTEST_GUILESS_MAIN(TestConformanceHangup)
#include "TestConformanceHangup.moc"
