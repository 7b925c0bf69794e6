// The event WebSocket /ari/events: credentials checked before the upgrade (Qt 6.4 only upgrades
// when a handler accepts without answering), application registration, ApplicationReplaced,
// subscribeAll, event routing to the applications an object belongs to.

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QTest>
#include <QWebSocket>

#include "support/EventCollector.h"
#include "support/SimTestHarness.h"
#include "sim/SimServer.h"

using namespace Qt::StringLiterals;

namespace {

QStringList applicationNames(const RestReply &reply)
{
    QStringList names;
    const QJsonArray array = reply.array();
    for (const QJsonValue &value : array)
        names.append(value.toObject().value("name"_L1).toString());
    return names;
}

} // namespace

class TestSimServerWebSocket final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void refusedHandshakes_data();
    void refusedHandshakes();
    void basicAuthHandshake();
    void registersSeveralApplications();
    void applicationReplaced();
    void applicationsVanishWhenTheirSocketCloses();
    void eventsOnlyReachTheirApplication();
    void subscribeAllSeesOtherApplications();
    void eventsCarryTheirApplicationAndTimestamp();
    void clientFramesAreIgnored();
    void eventFilter();

private:
    std::unique_ptr<SimTestHarness> m_sim;
};

void TestSimServerWebSocket::init()
{
    SimTestHarness::Options options;
    options.speed = 100;
    m_sim = std::make_unique<SimTestHarness>(options);
    QVERIFY(m_sim->start());
}

void TestSimServerWebSocket::cleanup()
{
    m_sim.reset();
}

void TestSimServerWebSocket::refusedHandshakes_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("bodyPart");
    using Mode = SimTestHarness::Auth::Mode;
    QTest::newRow("no credentials") << QByteArray("/ari/events?app=a") << int(Mode::None) << 401
                                    << QByteArray("application/json") << QByteArray(R"({"message":"Authentication required"})");
    QTest::newRow("wrong api_key") << QByteArray("/ari/events?app=a&api_key=asterisk%3Awrong") << int(Mode::None) << 401
                                   << QByteArray("application/json") << QByteArray("Authentication required");
    QTest::newRow("unknown user") << QByteArray("/ari/events?app=a&api_key=nobody%3Ax") << int(Mode::None) << 401
                                  << QByteArray("application/json") << QByteArray("Authentication required");
    QTest::newRow("empty app") << QByteArray("/ari/events?app=") << int(Mode::ApiKey) << 400
                               << QByteArray("text/html") << QByteArray("HTTP request is missing param: [app]");
    QTest::newRow("no app") << QByteArray("/ari/events") << int(Mode::Basic) << 400
                            << QByteArray("text/html") << QByteArray("missing param");
    QTest::newRow("other ARI path") << QByteArray("/ari/channels?app=a") << int(Mode::ApiKey) << 404
                                    << QByteArray("application/json") << QByteArray("Resource not found");
    QTest::newRow("outside ARI") << QByteArray("/ws?app=a") << int(Mode::ApiKey) << 404
                                 << QByteArray("text/html") << QByteArray("Not Found");
}

void TestSimServerWebSocket::refusedHandshakes()
{
    QFETCH(QByteArray, target);
    QFETCH(int, mode);
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, bodyPart);
    const RestReply reply = m_sim->rawUpgrade(target, SimTestHarness::Auth{SimTestHarness::Auth::Mode(mode), {}, {}});
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.header("content-type"), contentType);
    QVERIFY2(reply.body.contains(bodyPart), reply.body.constData());
    if (status == 401)
        QCOMPARE(reply.header("www-authenticate"), QByteArray(R"(Basic realm="Asterisk REST Interface")"));
    QCOMPARE(m_sim->server()->webSocketCount(), 0);
    QCOMPARE(applicationNames(m_sim->get(u"/applications"_s)), QStringList());
}

void TestSimServerWebSocket::basicAuthHandshake()
{
    const RestReply upgraded = m_sim->rawUpgrade("/ari/events?app=raw-app", SimTestHarness::Auth::basic());
    QCOMPARE(upgraded.status, 101);
    auto events = m_sim->connectEvents(u"basic-app"_s, false, SimTestHarness::Auth::basic());
    QVERIFY(events);
    QVERIFY(applicationNames(m_sim->get(u"/applications"_s)).contains(u"basic-app"_s));
}

void TestSimServerWebSocket::registersSeveralApplications()
{
    auto events = m_sim->connectEvents(u"app-b,app-a"_s);
    QVERIFY(events);
    QTRY_COMPARE(m_sim->server()->webSocketCount(), 1);
    const RestReply list = m_sim->get(u"/applications"_s);
    QCOMPARE(applicationNames(list), (QStringList{u"app-a"_s, u"app-b"_s}));
    const QJsonObject app = list.array().first().toObject();
    for (const char *key : {"channel_ids", "bridge_ids", "endpoint_ids", "device_names", "events_allowed",
                            "events_disallowed"}) {
        QVERIFY2(app.value(QLatin1StringView(key)).isArray(), key);
    }
    QCOMPARE(m_sim->get(u"/applications/app-b"_s).status, 200);
    const RestReply missing = m_sim->get(u"/applications/app-c"_s);
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.message(), u"Application not found"_s);

    // A call for either application reaches the one socket.
    QVERIFY(!m_sim->placeCallId(u"app-a"_s, {u"1"_s}).isEmpty());
    QVERIFY(!m_sim->placeCallId(u"app-b"_s, {u"2"_s}).isEmpty());
    QVERIFY(events->waitForCount(u"StasisStart"_s, 2));
    QCOMPARE(events->events().at(0).value("application"_L1).toString(), u"app-a"_s);
    QCOMPARE(events->events().at(1).value("application"_L1).toString(), u"app-b"_s);
}

void TestSimServerWebSocket::applicationReplaced()
{
    auto first = m_sim->connectEvents(u"queue"_s);
    QVERIFY(first);
    auto second = m_sim->connectEvents(u"queue"_s);
    QVERIFY(second);
    const QJsonObject replaced = first->waitFor(u"ApplicationReplaced"_s);
    QVERIFY(!replaced.isEmpty());
    QCOMPARE(replaced.value("application"_L1).toString(), u"queue"_s);
    QVERIFY(EventCollector::isAriTimestamp(replaced.value("timestamp"_L1).toString()));
    QCOMPARE(second->count(), 0);

    // The old socket stays open and hears nothing more; the new one gets the calls.
    const QString channel = m_sim->placeCallId(u"queue"_s, {u"caller"_s});
    QVERIFY(!channel.isEmpty());
    QVERIFY(!second->waitFor(u"StasisStart"_s, EventCollector::forChannel(channel)).isEmpty());
    QVERIFY(m_sim->waitSimulated(200));
    QCOMPARE(first->types(), QStringList{u"ApplicationReplaced"_s});
    QVERIFY(first->isOpen());
    QCOMPARE(m_sim->server()->webSocketCount(), 2);

    // Closing the replaced socket does not unregister the application.
    first->close();
    QTRY_COMPARE(m_sim->server()->webSocketCount(), 1);
    QCOMPARE(m_sim->get(u"/applications/queue"_s).status, 200);
}

void TestSimServerWebSocket::applicationsVanishWhenTheirSocketCloses()
{
    auto a = m_sim->connectEvents(u"app-a"_s);
    auto b = m_sim->connectEvents(u"app-b,app-c"_s);
    QVERIFY(a && b);
    QCOMPARE(applicationNames(m_sim->get(u"/applications"_s)), (QStringList{u"app-a"_s, u"app-b"_s, u"app-c"_s}));
    b->close();
    QTRY_COMPARE(m_sim->server()->webSocketCount(), 1);
    QCOMPARE(applicationNames(m_sim->get(u"/applications"_s)), QStringList{u"app-a"_s});
    QCOMPARE(m_sim->placeCall(u"app-b"_s), QJsonObject());
    QCOMPARE(m_sim->lastControlReply().status, 404);
    QCOMPARE(m_sim->lastControlReply().message(), u"Application not registered"_s);
}

void TestSimServerWebSocket::eventsOnlyReachTheirApplication()
{
    auto queue = m_sim->connectEvents(u"queue"_s);
    auto other = m_sim->connectEvents(u"vm-record"_s);
    QVERIFY(queue && other);
    const QString channel = m_sim->answeredCall(queue.get(), u"queue"_s, {u"caller"_s});
    QVERIFY(!channel.isEmpty());
    QCOMPARE(m_sim->post(u"/channels/"_s + channel + u"/play/only-queue"_s, QUrlQuery{{u"media"_s, u"sound:beep"_s}}).status,
             201);
    QVERIFY(!queue->waitFor(u"PlaybackFinished"_s).isEmpty());
    QVERIFY(m_sim->hangupCaller(channel));
    QVERIFY(!queue->waitFor(u"StasisEnd"_s).isEmpty());
    QVERIFY(m_sim->waitSimulated(200));
    QCOMPARE(other->count(), 0);
    // A channel placed into the application by the dialplan leaves it before it dies.
    QCOMPARE(queue->count(u"ChannelDestroyed"_s), 0);
}

void TestSimServerWebSocket::subscribeAllSeesOtherApplications()
{
    auto queue = m_sim->connectEvents(u"queue"_s);
    auto monitor = m_sim->connectEvents(u"monitor"_s, true);
    QVERIFY(queue && monitor);
    const RestReply app = m_sim->get(u"/applications/monitor"_s);
    QCOMPARE(app.object().value("channel_ids"_L1).toArray(), QJsonArray{u"__AST_CHANNEL_ALL_TOPIC"_s});
    const QString channel = m_sim->answeredCall(queue.get(), u"queue"_s, {u"caller"_s});
    QVERIFY(!channel.isEmpty());
    QVERIFY(!monitor->waitFor(u"StasisStart"_s, EventCollector::forChannel(channel)).isEmpty());
    QCOMPARE(monitor->waitFor(u"StasisStart"_s).value("application"_L1).toString(), u"monitor"_s);
    QVERIFY(!monitor->waitFor(u"ChannelStateChange"_s).isEmpty());
    QVERIFY(m_sim->hangupCaller(channel));
    const QJsonObject destroyed = monitor->waitFor(u"ChannelDestroyed"_s, EventCollector::forChannel(channel));
    QCOMPARE(destroyed.value("cause"_L1).toInt(), 16);
    QCOMPARE(destroyed.value("cause_txt"_L1).toString(), u"Normal Clearing"_s);
    QVERIFY(!monitor->waitFor(u"DeviceStateChanged"_s).isEmpty());
    QCOMPARE(queue->count(u"ChannelDestroyed"_s), 0);
    QCOMPARE(queue->count(u"DeviceStateChanged"_s), 0);
}

void TestSimServerWebSocket::eventsCarryTheirApplicationAndTimestamp()
{
    auto queue = m_sim->connectEvents(u"queue"_s);
    QVERIFY(queue);
    const QString channel = m_sim->answeredCall(queue.get(), u"queue"_s, {u"caller"_s});
    QVERIFY(!channel.isEmpty());
    const RestReply info = m_sim->get(u"/asterisk/info"_s);
    const QString entity = info.object().value("system"_L1).toObject().value("entity_id"_L1).toString();
    for (const QJsonObject &event : queue->events()) {
        QCOMPARE(event.value("application"_L1).toString(), u"queue"_s);
        QCOMPARE(event.value("asterisk_id"_L1).toString(), entity);
        QVERIFY(EventCollector::isAriTimestamp(event.value("timestamp"_L1).toString()));
    }
    QVERIFY(queue->malformedFrames().isEmpty());
}

void TestSimServerWebSocket::clientFramesAreIgnored()
{
    QWebSocket socket;
    bool connected = false;
    connect(&socket, &QWebSocket::connected, this, [&connected] { connected = true; });
    socket.open(m_sim->eventsRequest(u"chatty"_s));
    QTRY_VERIFY(connected);
    socket.sendTextMessage(u"{\"type\":\"StasisStart\"}"_s);
    socket.sendTextMessage(u"not json at all"_s);
    socket.sendBinaryMessage(QByteArray(4096, '\xff'));
    socket.ping();
    QVERIFY(m_sim->waitSimulated(100));
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
    QCOMPARE(m_sim->get(u"/applications/chatty"_s).status, 200);
    socket.abort();
    QTRY_COMPARE(m_sim->server()->webSocketCount(), 0);
    QCOMPARE(m_sim->get(u"/applications/chatty"_s).status, 404);
}

void TestSimServerWebSocket::eventFilter()
{
    auto queue = m_sim->connectEvents(u"queue"_s);
    QVERIFY(queue);
    const RestReply filter = m_sim->ariJson("PUT", u"/applications/queue/eventFilter"_s, {},
                                            QJsonObject{{u"allowed"_s, QJsonArray{QJsonObject{{u"type"_s, u"StasisStart"_s}},
                                                                                  QJsonObject{{u"type"_s, u"StasisEnd"_s}}}}});
    QCOMPARE(filter.status, 200);
    QCOMPARE(filter.object().value("events_allowed"_L1).toArray().size(), 2);
    const QString channel = m_sim->placeCallId(u"queue"_s, {u"caller"_s});
    QVERIFY(!channel.isEmpty());
    QVERIFY(!queue->waitFor(u"StasisStart"_s).isEmpty());
    QCOMPARE(m_sim->post(u"/channels/"_s + channel + u"/answer"_s).status, 204);
    QVERIFY(m_sim->hangupCaller(channel));
    QVERIFY(!queue->waitFor(u"StasisEnd"_s).isEmpty());
    QCOMPARE(queue->types(), (QStringList{u"StasisStart"_s, u"StasisEnd"_s}));

    const RestReply bad = m_sim->ariJson("PUT", u"/applications/queue/eventFilter"_s, {},
                                         QJsonObject{{u"allowed"_s, u"everything"_s}});
    QCOMPARE(bad.status, 400);
}

QTEST_GUILESS_MAIN(TestSimServerWebSocket)
#include "TestSimServerWebSocket.moc"
