// Conformance of authentication, the event WebSocket and applications with the reference
// transcript "websocket-auth-and-apps" of Asterisk 22.10.1.
//
// Facts from the transcript this test relies on:
//  - WebSocket /ari/events?app=vm-record&api_key=asterisk:wrong (or nobody:x) → refused with HTTP
//    401, content-type application/json, "www-authenticate: Basic realm=\"Asterisk REST Interface\""
//    and body {"message":"Authentication required"}. With app= empty → 400 with an HTML body
//    (content-type text/html, "HTTP request is missing param: [app]").
//  - REST with a wrong password or without credentials → 401 {"message":"Authentication required"}
//    (same www-authenticate header); with api_key=asterisk:asterisk → 200.
//  - GET /asterisk/info → {"build","system","config","status"} (config.default_language "en");
//    GET /asterisk/ping → {"ping":"pong","timestamp","asterisk_id"}.
//  - GET /ari/no/such/resource → 404 {"message":"Resource not found"}; PUT /ari/channels → 405
//    {"message":"Invalid method"} with "allow: OPTIONS,GET,POST".
//  - With a socket for "queue": GET /applications → [{"name":"queue","channel_ids":[],"bridge_ids":[],
//    "endpoint_ids":[],"device_names":[],"events_allowed":[],"events_disallowed":[]}];
//    GET /applications/queue → that object; GET /applications/no-such-app → 404
//    {"message":"Application not found"}.
//  - A second socket for "queue": the first gets ApplicationReplaced {"application":"queue"}, stays
//    open but receives nothing more (the next call's StasisStart goes to the second only).
//  - While a channel is in the app, GET /applications lists it in channel_ids.
//  - subscribeAll=true (app "monitor"): GET /applications/monitor shows channel_ids
//    ["__AST_CHANNEL_ALL_TOPIC"], bridge_ids ["__AST_BRIDGE_ALL_TOPIC"], endpoint_ids
//    ["__AST_ENDPOINT_ALL_TOPIC"], device_names ["__AST_DEVICE_STATE_ALL_TOPIC"]; it sees the
//    playback events of other apps' channels ("application":"monitor"), and when the call ends
//    ChannelDestroyed for it and DeviceStateChanged {"device_state":{"name","state"}}, which the
//    app's own socket does not get (it ends with ChannelHangupRequest, StasisEnd). A subscribeAll
//    socket also gets BridgeCreated, which the app's own socket does not.
//  - POST /applications/watcher/subscription?eventSource=channel:<id> → 200 with channel_ids [<id>],
//    and the watcher then sees that channel's PlaybackStarted/Finished; DELETE .../subscription →
//    200 with channel_ids []; eventSource=channel:no-such → 422 {"message":"Event source does not
//    exist"}; eventSource=bogus:x → 400 {"message":"Invalid event source URI scheme"}; no
//    eventSource → 400 {"message":"Missing parameter eventSource"}.
//  - PUT /applications/watcher/eventFilter with {"allowed":[{"type":"StasisStart"}]} → 200 with
//    events_allowed [{"type":"StasisStart"}] (GET shows it too).
//  - app=app-a,app-b registers both applications.
//  - Closing the first "queue" socket while the second is open: GET /applications/queue still 200.
//    When every socket closed, the applications are gone from GET /applications.

#include "support/EventCollector.h"
#include "support/SimTestHarness.h"
#include "support/TestSoundsDir.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

QJsonObject emptyApplication(const QString &name)
{
    return QJsonObject{{u"name"_s, name},          {u"channel_ids"_s, QJsonArray()},
                       {u"bridge_ids"_s, QJsonArray()}, {u"endpoint_ids"_s, QJsonArray()},
                       {u"device_names"_s, QJsonArray()}, {u"events_allowed"_s, QJsonArray()},
                       {u"events_disallowed"_s, QJsonArray()}};
}

QStringList applicationNames(const QJsonArray &applications)
{
    QStringList names;
    for (const QJsonValue &value : applications)
        names.append(value.toObject().value("name"_L1).toString());
    names.sort();
    return names;
}

} // namespace

class TestConformanceWebsocketAuthAndApps final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void refusedUpgrades_data();
    void refusedUpgrades();
    void restAuthentication_data();
    void restAuthentication();
    void asteriskInfoAndPing();
    void unknownPathAndMethod();
    void applicationsList();
    void secondSocketReplacesTheFirst();
    void subscribeAllSeesEverything();
    void subscriptions();
    void eventFilter();
    void severalAppsOnOneSocket();
    void applicationsGoAwayWithTheirSockets();

private:
    TestSoundsDir m_sounds;
    std::unique_ptr<SimTestHarness> m_sim;
};

void TestConformanceWebsocketAuthAndApps::initTestCase()
{
    QVERIFY(m_sounds.isValid());
    QVERIFY(m_sounds.addStandardSet());
}

void TestConformanceWebsocketAuthAndApps::init()
{
    SimTestHarness::Options options;
    options.speed = 20;
    options.soundsDir = m_sounds.path();
    m_sim = std::make_unique<SimTestHarness>(options);
    QVERIFY(m_sim->start());
}

void TestConformanceWebsocketAuthAndApps::cleanup()
{
    m_sim.reset();
}

void TestConformanceWebsocketAuthAndApps::refusedUpgrades_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("status");
    QTest::newRow("wrong password") << QByteArray("/ari/events?app=vm-record&api_key=asterisk%3Awrong&subscribeAll=false")
                                    << 401;
    QTest::newRow("unknown user") << QByteArray("/ari/events?app=vm-record&api_key=nobody%3Ax&subscribeAll=false") << 401;
    QTest::newRow("no app") << QByteArray("/ari/events?app=&api_key=asterisk%3Aasterisk&subscribeAll=false") << 400;
}

void TestConformanceWebsocketAuthAndApps::refusedUpgrades()
{
    QFETCH(QByteArray, target);
    QFETCH(int, status);
    const RestReply reply = m_sim->rawUpgrade(target);
    QCOMPARE(reply.status, status);
    if (status == 401) {
        QCOMPARE(reply.header("content-type"), QByteArray("application/json"));
        QCOMPARE(reply.header("www-authenticate"), QByteArray("Basic realm=\"Asterisk REST Interface\""));
        QCOMPARE(reply.object(), (QJsonObject{{u"message"_s, u"Authentication required"_s}}));
    } else {
        QVERIFY2(reply.header("content-type").startsWith("text/html"), reply.header("content-type").constData());
        QVERIFY2(reply.body.contains("missing param"), reply.body.constData());
    }
    QCOMPARE(m_sim->get(u"/applications"_s).array(), QJsonArray());
}

void TestConformanceWebsocketAuthAndApps::restAuthentication_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("password");
    QTest::addColumn<int>("status");
    QTest::newRow("basic, wrong password") << int(SimTestHarness::Auth::Mode::Basic) << u"wrong"_s << 401;
    QTest::newRow("no credentials") << int(SimTestHarness::Auth::Mode::None) << QString() << 401;
    QTest::newRow("api_key") << int(SimTestHarness::Auth::Mode::ApiKey) << u"asterisk"_s << 200;
    QTest::newRow("basic") << int(SimTestHarness::Auth::Mode::Basic) << u"asterisk"_s << 200;
}

void TestConformanceWebsocketAuthAndApps::restAuthentication()
{
    QFETCH(int, mode);
    QFETCH(QString, password);
    QFETCH(int, status);
    SimTestHarness::Auth auth{SimTestHarness::Auth::Mode(mode), u"asterisk"_s, password};
    const RestReply reply = m_sim->ari("GET", u"/asterisk/info"_s, {}, auth);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.header("content-type"), QByteArray("application/json"));
    if (status == 401) {
        QCOMPARE(reply.message(), u"Authentication required"_s);
        QCOMPARE(reply.header("www-authenticate"), QByteArray("Basic realm=\"Asterisk REST Interface\""));
    }
}

void TestConformanceWebsocketAuthAndApps::asteriskInfoAndPing()
{
    const RestReply info = m_sim->get(u"/asterisk/info"_s);
    QCOMPARE(info.status, 200);
    QStringList keys = info.object().keys();
    keys.sort();
    QCOMPARE(keys, (QStringList{u"build"_s, u"config"_s, u"status"_s, u"system"_s}));
    QCOMPARE(info.object().value("config"_L1).toObject().value("default_language"_L1).toString(), u"en"_s);
    QVERIFY(info.object().value("system"_L1).toObject().contains("version"_L1));
    QVERIFY(info.object().value("system"_L1).toObject().contains("entity_id"_L1));

    const RestReply ping = m_sim->get(u"/asterisk/ping"_s);
    QCOMPARE(ping.status, 200);
    QCOMPARE(ping.object().value("ping"_L1).toString(), u"pong"_s);
    QVERIFY(EventCollector::isAriTimestamp(ping.object().value("timestamp"_L1).toString()));
    QCOMPARE(ping.object().value("asterisk_id"_L1), info.object().value("system"_L1).toObject().value("entity_id"_L1));
}

void TestConformanceWebsocketAuthAndApps::unknownPathAndMethod()
{
    const RestReply unknown = m_sim->get(u"/no/such/resource"_s);
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.message(), u"Resource not found"_s);
    const RestReply method = m_sim->put(u"/channels"_s);
    QCOMPARE(method.status, 405);
    QCOMPARE(method.message(), u"Invalid method"_s);
    QCOMPARE(method.header("allow"), QByteArray("OPTIONS,GET,POST"));
}

void TestConformanceWebsocketAuthAndApps::applicationsList()
{
    auto queue = m_sim->connectEvents(u"queue"_s);
    QVERIFY(queue);
    const RestReply list = m_sim->get(u"/applications"_s);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.array(), QJsonArray{emptyApplication(u"queue"_s)});
    const RestReply one = m_sim->get(u"/applications/queue"_s);
    QCOMPARE(one.status, 200);
    QCOMPARE(one.object(), emptyApplication(u"queue"_s));
    const RestReply missing = m_sim->get(u"/applications/no-such-app"_s);
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.message(), u"Application not found"_s);

    const QString channel = m_sim->answeredCall(queue.get(), u"queue"_s, {u"caller"_s});
    QVERIFY(!channel.isEmpty());
    QCOMPARE(m_sim->get(u"/applications/queue"_s).object().value("channel_ids"_L1).toArray(), QJsonArray{channel});
    QVERIFY(m_sim->hangupCaller(channel));
    QVERIFY(!queue->waitFor(u"StasisEnd"_s).isEmpty());
    QTRY_COMPARE(m_sim->get(u"/applications/queue"_s).object(), emptyApplication(u"queue"_s));
}

void TestConformanceWebsocketAuthAndApps::secondSocketReplacesTheFirst()
{
    auto first = m_sim->connectEvents(u"queue"_s);
    QVERIFY(first);
    auto second = m_sim->connectEvents(u"queue"_s);
    QVERIFY(second);
    const QJsonObject replaced = first->waitFor(u"ApplicationReplaced"_s);
    QVERIFY(!replaced.isEmpty());
    QCOMPARE(replaced.value("application"_L1).toString(), u"queue"_s);
    QVERIFY(EventCollector::isAriTimestamp(replaced.value("timestamp"_L1).toString()));
    QCOMPARE(m_sim->get(u"/applications/queue"_s).status, 200);

    const QString channel = m_sim->answeredCall(second.get(), u"queue"_s, {u"caller"_s});
    QVERIFY(!channel.isEmpty());
    QCOMPARE(m_sim->post(u"/channels/"_s + channel + u"/play/pb-after-replace"_s,
                         QUrlQuery{{u"media"_s, u"sound:beep"_s}}).status, 201);
    QVERIFY(!second->waitFor(u"PlaybackFinished"_s).isEmpty());
    QVERIFY(first->isOpen());
    QCOMPARE(first->types(), QStringList{u"ApplicationReplaced"_s});

    first->close();
    QVERIFY(m_sim->waitSimulated(300));
    QCOMPARE(m_sim->get(u"/applications/queue"_s).status, 200);
}

void TestConformanceWebsocketAuthAndApps::subscribeAllSeesEverything()
{
    auto queue = m_sim->connectEvents(u"queue"_s);
    QVERIFY(queue);
    auto all = m_sim->connectEvents(u"monitor"_s, true);
    QVERIFY(all);
    const RestReply monitor = m_sim->get(u"/applications/monitor"_s);
    QCOMPARE(monitor.status, 200);
    QCOMPARE(monitor.object().value("channel_ids"_L1).toArray(), QJsonArray{u"__AST_CHANNEL_ALL_TOPIC"_s});
    QCOMPARE(monitor.object().value("bridge_ids"_L1).toArray(), QJsonArray{u"__AST_BRIDGE_ALL_TOPIC"_s});
    QCOMPARE(monitor.object().value("endpoint_ids"_L1).toArray(), QJsonArray{u"__AST_ENDPOINT_ALL_TOPIC"_s});
    QCOMPARE(monitor.object().value("device_names"_L1).toArray(), QJsonArray{u"__AST_DEVICE_STATE_ALL_TOPIC"_s});

    const QString channel = m_sim->answeredCall(queue.get(), u"queue"_s, {u"caller"_s});
    QVERIFY(!channel.isEmpty());
    QCOMPARE(m_sim->post(u"/channels/"_s + channel + u"/play/pb-seen-by-all"_s,
                         QUrlQuery{{u"media"_s, u"sound:beep"_s}}).status, 201);
    const QJsonObject seen = all->waitFor(u"PlaybackFinished"_s, EventCollector::forPlayback(u"pb-seen-by-all"_s));
    QVERIFY(!seen.isEmpty());
    QCOMPARE(seen.value("application"_L1).toString(), u"monitor"_s);
    QVERIFY(all->has(u"PlaybackStarted"_s, EventCollector::forPlayback(u"pb-seen-by-all"_s)));
    QVERIFY(!queue->waitFor(u"PlaybackFinished"_s, EventCollector::forPlayback(u"pb-seen-by-all"_s)).isEmpty());
    QCOMPARE(queue->waitFor(u"PlaybackFinished"_s).value("application"_L1).toString(), u"queue"_s);

    const RestReply bridge = m_sim->post(u"/bridges"_s, QUrlQuery{{u"type"_s, u"mixing"_s}, {u"bridgeId"_s, u"seen"_s}});
    QCOMPARE(bridge.status, 200);
    QVERIFY(!all->waitFor(u"BridgeCreated"_s, EventCollector::forBridge(u"seen"_s)).isEmpty());
    QCOMPARE(queue->count(u"BridgeCreated"_s), 0);
    QCOMPARE(m_sim->del(u"/bridges/seen"_s).status, 204);

    queue->clear();
    QVERIFY(m_sim->hangupCaller(channel));
    QVERIFY(!queue->waitFor(u"StasisEnd"_s).isEmpty());
    const QJsonObject destroyed = all->waitFor(u"ChannelDestroyed"_s, EventCollector::forChannel(channel));
    QVERIFY(!destroyed.isEmpty());
    QCOMPARE(destroyed.value("cause"_L1).toInt(), 16);
    QCOMPARE(destroyed.value("cause_txt"_L1).toString(), u"Normal Clearing"_s);
    QVERIFY(m_sim->waitSimulated(500));
    QCOMPARE(queue->types(), (QStringList{u"ChannelHangupRequest"_s, u"StasisEnd"_s}));
    const QJsonObject device = all->waitFor(u"DeviceStateChanged"_s);
    QVERIFY(!device.isEmpty());
    QVERIFY(device.value("device_state"_L1).toObject().contains("name"_L1));
    QVERIFY(device.value("device_state"_L1).toObject().contains("state"_L1));
}

void TestConformanceWebsocketAuthAndApps::subscriptions()
{
    auto queue = m_sim->connectEvents(u"queue"_s);
    QVERIFY(queue);
    auto watcher = m_sim->connectEvents(u"watcher"_s);
    QVERIFY(watcher);
    const QString channel = m_sim->answeredCall(queue.get(), u"queue"_s, {u"caller"_s});
    QVERIFY(!channel.isEmpty());

    const QString path = u"/applications/watcher/subscription"_s;
    const RestReply subscribe = m_sim->post(path, QUrlQuery{{u"eventSource"_s, u"channel:"_s + channel}});
    QCOMPARE(subscribe.status, 200);
    QCOMPARE(subscribe.object().value("name"_L1).toString(), u"watcher"_s);
    QCOMPARE(subscribe.object().value("channel_ids"_L1).toArray(), QJsonArray{channel});

    QCOMPARE(m_sim->post(u"/channels/"_s + channel + u"/play/pb-seen-by-watcher"_s,
                         QUrlQuery{{u"media"_s, u"sound:beep"_s}}).status, 201);
    QVERIFY(!watcher->waitFor(u"PlaybackFinished"_s, EventCollector::forPlayback(u"pb-seen-by-watcher"_s)).isEmpty());
    QVERIFY(watcher->has(u"PlaybackStarted"_s, EventCollector::forPlayback(u"pb-seen-by-watcher"_s)));

    const RestReply unsubscribe = m_sim->del(path, QUrlQuery{{u"eventSource"_s, u"channel:"_s + channel}});
    QCOMPARE(unsubscribe.status, 200);
    QCOMPARE(unsubscribe.object(), emptyApplication(u"watcher"_s));

    const RestReply unknown = m_sim->post(path, QUrlQuery{{u"eventSource"_s, u"channel:no-such"_s}});
    QCOMPARE(unknown.status, 422);
    QCOMPARE(unknown.message(), u"Event source does not exist"_s);
    const RestReply scheme = m_sim->post(path, QUrlQuery{{u"eventSource"_s, u"bogus:x"_s}});
    QCOMPARE(scheme.status, 400);
    QCOMPARE(scheme.message(), u"Invalid event source URI scheme"_s);
    const RestReply missing = m_sim->post(path);
    QCOMPARE(missing.status, 400);
    QCOMPARE(missing.message(), u"Missing parameter eventSource"_s);
}

void TestConformanceWebsocketAuthAndApps::eventFilter()
{
    auto watcher = m_sim->connectEvents(u"watcher"_s);
    QVERIFY(watcher);
    const QJsonObject filter{{u"allowed"_s, QJsonArray{QJsonObject{{u"type"_s, u"StasisStart"_s}}}}};
    const RestReply put = m_sim->ariJson("PUT", u"/applications/watcher/eventFilter"_s, {}, filter);
    QCOMPARE(put.status, 200);
    QJsonObject expected = emptyApplication(u"watcher"_s);
    expected.insert(u"events_allowed"_s, QJsonArray{QJsonObject{{u"type"_s, u"StasisStart"_s}}});
    QCOMPARE(put.object(), expected);
    QCOMPARE(m_sim->get(u"/applications/watcher"_s).object(), expected);
}

void TestConformanceWebsocketAuthAndApps::severalAppsOnOneSocket()
{
    auto multi = m_sim->connectEvents(u"app-a,app-b"_s);
    QVERIFY(multi);
    const RestReply list = m_sim->get(u"/applications"_s);
    QCOMPARE(list.status, 200);
    QCOMPARE(applicationNames(list.array()), (QStringList{u"app-a"_s, u"app-b"_s}));
    QCOMPARE(m_sim->get(u"/applications/app-b"_s).object(), emptyApplication(u"app-b"_s));
}

void TestConformanceWebsocketAuthAndApps::applicationsGoAwayWithTheirSockets()
{
    auto queue = m_sim->connectEvents(u"queue"_s);
    auto all = m_sim->connectEvents(u"monitor"_s, true);
    auto multi = m_sim->connectEvents(u"app-a,app-b"_s);
    QVERIFY(queue && all && multi);
    QCOMPARE(applicationNames(m_sim->get(u"/applications"_s).array()),
             (QStringList{u"app-a"_s, u"app-b"_s, u"monitor"_s, u"queue"_s}));
    multi->close();
    QTRY_COMPARE(applicationNames(m_sim->get(u"/applications"_s).array()), (QStringList{u"monitor"_s, u"queue"_s}));
    queue->close();
    all->close();
    QTRY_COMPARE(m_sim->get(u"/applications"_s).array(), QJsonArray());
    const RestReply gone = m_sim->get(u"/applications/queue"_s);
    QCOMPARE(gone.status, 404);
    QCOMPARE(gone.message(), u"Application not found"_s);
}

QTEST_GUILESS_MAIN(TestConformanceWebsocketAuthAndApps)
#include "TestConformanceWebsocketAuthAndApps.moc"
