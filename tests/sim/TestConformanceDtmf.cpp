// Conformance of DTMF with the reference transcript "dtmf" of Asterisk 22.10.1 (there the caller's
// keys were sent with POST /channels/{caller}/dtmf; here the control API presses them).
//
// Facts from the transcript this test relies on:
//  - The caller sends "1234567890*#ABCD" with duration=100 and between=100: the app socket gets one
//    ChannelDtmfReceived per key, in order, {"digit":"1","duration_ms":100,"channel":{app channel}},
//    about 200 ms apart (the first at ≈200 ms, the last at ≈3.2 s).
//  - duration=800 is echoed as "duration_ms":800; without duration it is 100.
//  - Three separate requests 1, 2, 3 arrive in order.
//  - DTMF does not stop a playback: after the caller's #, GET /playbacks/{id} → 200 "playing".
//  - DTMF sent by the app towards the caller (POST /channels/{app channel}/dtmf?dtmf=9 → 204) gives
//    no ChannelDtmfReceived on the app socket.
//  - POST .../dtmf without dtmf → 400 {"message":"DTMF is required"}; dtmf=x → 204 (silently);
//    dtmf=1&duration=abc → 204; on an unknown channel → 404 {"message":"Channel not found"}.

#include "support/EventCollector.h"
#include "support/SimTestHarness.h"
#include "support/TestSoundsDir.h"

#include <QJsonObject>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestConformanceDtmf final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void everyKeyInOrder();
    void durationIsEchoed();
    void separateRequestsKeepOrder();
    void dtmfDoesNotStopPlayback();
    void appDtmfGoesToTheCaller();
    void requestValidation_data();
    void requestValidation();

private:
    TestSoundsDir m_sounds;
    std::unique_ptr<SimTestHarness> m_sim;
    std::unique_ptr<EventCollector> m_app;
    QString m_channel;
};

void TestConformanceDtmf::initTestCase()
{
    QVERIFY(m_sounds.isValid());
    QVERIFY(m_sounds.addStandardSet());
}

void TestConformanceDtmf::init()
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

void TestConformanceDtmf::cleanup()
{
    m_app.reset();
    m_sim.reset();
}

void TestConformanceDtmf::everyKeyInOrder()
{
    const QString keys = u"1234567890*#ABCD"_s;
    QVERIFY(m_sim->pressDtmf(m_channel, keys, 100, 100));
    QVERIFY(m_app->waitForCount(u"ChannelDtmfReceived"_s, int(keys.size()), {}, 10000));
    QCOMPARE(m_app->count(), int(keys.size()));
    for (int i = 0; i < keys.size(); ++i) {
        const QJsonObject event = m_app->events().at(i);
        QCOMPARE(event.value("type"_L1).toString(), u"ChannelDtmfReceived"_s);
        QCOMPARE(event.value("digit"_L1).toString(), QString(keys.at(i)));
        QCOMPARE(event.value("duration_ms"_L1).toInt(), 100);
        QCOMPARE(event.value("channel"_L1).toObject().value("id"_L1).toString(), m_channel);
    }
    // About 200 ms from key to key (100 ms tone + 100 ms gap): 15 gaps span about 3 s.
    const qint64 span = EventCollector::timestampMs(m_app->events().last())
                        - EventCollector::timestampMs(m_app->events().first());
    QVERIFY2(span >= 2500, qPrintable(QString::number(span)));
}

void TestConformanceDtmf::durationIsEchoed()
{
    QVERIFY(m_sim->pressDtmf(m_channel, u"5"_s, -1, 800));
    const QJsonObject longKey = m_app->waitForNext(u"ChannelDtmfReceived"_s);
    QCOMPARE(longKey.value("digit"_L1).toString(), u"5"_s);
    QCOMPARE(longKey.value("duration_ms"_L1).toInt(), 800);
    QVERIFY(m_sim->pressDtmf(m_channel, u"7"_s));
    const QJsonObject defaultKey = m_app->waitForNext(u"ChannelDtmfReceived"_s);
    QCOMPARE(defaultKey.value("digit"_L1).toString(), u"7"_s);
    QCOMPARE(defaultKey.value("duration_ms"_L1).toInt(), 100);
}

void TestConformanceDtmf::separateRequestsKeepOrder()
{
    for (const QString &digit : {u"1"_s, u"2"_s, u"3"_s})
        QVERIFY(m_sim->pressDtmf(m_channel, digit, -1, 100));
    QVERIFY(m_app->waitForCount(u"ChannelDtmfReceived"_s, 3));
    QStringList digits;
    for (const QJsonObject &event : m_app->events())
        digits.append(event.value("digit"_L1).toString());
    QCOMPARE(digits, (QStringList{u"1"_s, u"2"_s, u"3"_s}));
}

void TestConformanceDtmf::dtmfDoesNotStopPlayback()
{
    QCOMPARE(m_sim->post(u"/channels/"_s + m_channel + u"/play/pb-dtmf"_s,
                         QUrlQuery{{u"media"_s, TestSoundsDir::longSound()}}).status, 201);
    QVERIFY(!m_app->waitForNext(u"PlaybackStarted"_s).isEmpty());
    QVERIFY(m_sim->pressDtmf(m_channel, u"#"_s));
    QCOMPARE(m_app->waitForNext(u"ChannelDtmfReceived"_s).value("digit"_L1).toString(), u"#"_s);
    QVERIFY(m_sim->waitSimulated(300));
    const RestReply get = m_sim->get(u"/playbacks/pb-dtmf"_s);
    QCOMPARE(get.status, 200);
    QCOMPARE(get.object().value("state"_L1).toString(), u"playing"_s);
    QCOMPARE(m_app->types(), (QStringList{u"PlaybackStarted"_s, u"ChannelDtmfReceived"_s}));
    QCOMPARE(m_sim->del(u"/playbacks/pb-dtmf"_s).status, 204);
    const QJsonObject finished = m_app->waitForNext(u"PlaybackFinished"_s);
    QCOMPARE(finished.value("playback"_L1).toObject().value("state"_L1).toString(), u"done"_s);
}

void TestConformanceDtmf::appDtmfGoesToTheCaller()
{
    QCOMPARE(m_sim->post(u"/channels/"_s + m_channel + u"/dtmf"_s, QUrlQuery{{u"dtmf"_s, u"9"_s}}).status, 204);
    QVERIFY(m_sim->waitSimulated(1000));
    QVERIFY(m_sim->pressDtmf(m_channel, u"1"_s));
    QVERIFY(!m_app->waitForNext(u"ChannelDtmfReceived"_s).isEmpty());
    QCOMPARE(m_app->count(), 1);
    QCOMPARE(m_app->events().first().value("digit"_L1).toString(), u"1"_s);
}

void TestConformanceDtmf::requestValidation_data()
{
    QTest::addColumn<QString>("channel");
    QTest::addColumn<QString>("dtmf");
    QTest::addColumn<QString>("duration");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing dtmf") << QString() << QString() << QString() << 400 << u"DTMF is required"_s;
    QTest::newRow("invalid key") << QString() << u"x"_s << QString() << 204 << QString();
    QTest::newRow("invalid duration") << QString() << u"1"_s << u"abc"_s << 204 << QString();
    QTest::newRow("unknown channel") << u"no-such-channel"_s << u"1"_s << QString() << 404 << u"Channel not found"_s;
}

void TestConformanceDtmf::requestValidation()
{
    QFETCH(QString, channel);
    QFETCH(QString, dtmf);
    QFETCH(QString, duration);
    QFETCH(int, status);
    QFETCH(QString, message);
    QUrlQuery query;
    if (!dtmf.isNull())
        query.addQueryItem(u"dtmf"_s, dtmf);
    if (!duration.isNull())
        query.addQueryItem(u"duration"_s, duration);
    const RestReply reply = m_sim->post(u"/channels/"_s + (channel.isNull() ? m_channel : channel) + u"/dtmf"_s, query);
    QCOMPARE(reply.status, status);
    if (!message.isNull())
        QCOMPARE(reply.message(), message);
}

QTEST_GUILESS_MAIN(TestConformanceDtmf)
#include "TestConformanceDtmf.moc"
