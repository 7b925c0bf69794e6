// Conformance of originating channels into an application with the reference transcript
// "originate" of Asterisk 22.10.1 (endpoints Local/...@wait/n; how an endpoint behaves — answer,
// ring, busy — is set here with the simulator's control API).
//
// Facts from the transcript this test relies on:
//  - POST /channels?endpoint=Local/wait@wait/n&app=queue&appArgs=agent → 200 with the channel
//    (state "Down", name like "Local/wait@wait-00000016;1"). The app socket then sees Dial
//    {"dialstatus":"","forward":"","dialstring":"wait@wait/n","peer":{that channel, state "Down"}},
//    the channel's ChannelStateChange to "Up", Dial {"dialstatus":"ANSWER"}, then StasisStart
//    {"args":["agent"], channel state "Up"}.
//  - DELETE of that channel → 204, then ChannelHangupRequest {"cause":32,"soft":true}, StasisEnd,
//    ChannelDestroyed {"cause":16,"cause_txt":"Normal Clearing"} for it, and ChannelDestroyed for the
//    other half of the Local pair too. Afterwards GET /channels → [].
//  - appArgs=agent,200&channelId=agent-200&otherChannelId=agent-200-peer&callerId="Agent Smith" <200>
//    &timeout=30 with JSON body {"variables":{"MYVAR":"hello","CALLERID(name)":"Agent 200"}} → 200
//    {"id":"agent-200","caller":{"name":"Agent 200","number":"200"},"connected":{"name":"Agent Smith",
//    "number":"200"},...}; StasisStart args ["agent","200"]; GET .../variable?variable=MYVAR →
//    {"value":"hello"}; GET /channels/agent-200-peer → 200.
//  - The same channelId again → 409 {"message":"Channel with given unique ID already exists"}.
//  - POST /channels/agent-201?endpoint=...&app=queue&appArgs=agent → 200 id "agent-201"; without
//    otherChannelId the other half is "agent-201;2" (it gets ChannelDestroyed too).
//  - POST /channels/create?...&channelId=agent-202 → 200 state "Down", StasisStart at once with the
//    channel still "Down" (before any dial); POST /channels/agent-202/dial?timeout=10 → 204, Dial,
//    ChannelStateChange "Up", Dial "ANSWER"; GET → "Up"; DELETE → ChannelHangupRequest (32, soft),
//    StasisEnd, ChannelDestroyed (16).
//  - Unanswered (timeout=2): Dial "RINGING", the channel's state "Ringing", no StasisStart, after
//    about 2 s ChannelDestroyed {"cause":19,"cause_txt":"User alerting, no answer"} for both halves;
//    GET → 404 {"message":"Channel not found"}.
//  - Busy: Dial {"dialstatus":"BUSY"}, no StasisStart; the originated channel's ChannelDestroyed
//    says {"cause":0,"cause_txt":"Unknown"}, the other half's {"cause":17,"cause_txt":"User busy"}.
//  - Unknown technology (endpoint=PJSIP/100, no such module) → 500 {"error":"Allocation failed"}; the
//    first such request answered 409 {"message":"Channel with given unique ID already exists"}.
//  - endpoint=nonsense → 400 {"message":"Invalid endpoint specified"}; no endpoint → 400
//    {"message":"Endpoint must be specified"}; no app → 400 {"message":"Application or extension
//    must be specified"}; body "{not json" → 400 {"message":"Error parsing request body"}.
// From the same Asterisk while running whole applications: appArgs= gives args [] and appArgs=,
// gives ["",""]; a CHANNEL(language) variable set on originate carries over to the other half.

#include "support/EventCollector.h"
#include "support/SimTestHarness.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

EventCollector::Predicate dialOf(const QString &id, const QString &status)
{
    return [id, status](const QJsonObject &event) {
        return event.value("peer"_L1).toObject().value("id"_L1).toString() == id
               && event.value("dialstatus"_L1).toString() == status;
    };
}

EventCollector::Predicate stateOf(const QString &id, const QString &state)
{
    return [id, state](const QJsonObject &event) {
        const QJsonObject channel = event.value("channel"_L1).toObject();
        return channel.value("id"_L1).toString() == id && channel.value("state"_L1).toString() == state;
    };
}

const QString kWait = u"Local/wait@wait/n"_s;

} // namespace

class TestConformanceOriginate final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void originateIntoApp();
    void idsCallerIdAndVariables();
    void duplicateChannelId();
    void idInPathAndDefaultPeerId();
    void createThenDial();
    void unanswered();
    void busy();
    void unknownTechnology();
    void badRequests_data();
    void badRequests();
    void emptyArgs_data();
    void emptyArgs();
    void languageCarriesOverToTheOtherHalf();

private:
    std::unique_ptr<SimTestHarness> m_sim;
    std::unique_ptr<EventCollector> m_app;
};

void TestConformanceOriginate::init()
{
    SimTestHarness::Options options;
    options.speed = 20;
    m_sim = std::make_unique<SimTestHarness>(options);
    QVERIFY(m_sim->start());
    m_app = m_sim->connectEvents(u"queue"_s);
    QVERIFY(m_app);
}

void TestConformanceOriginate::cleanup()
{
    m_app.reset();
    m_sim.reset();
}

void TestConformanceOriginate::originateIntoApp()
{
    const RestReply reply = m_sim->post(u"/channels"_s, QUrlQuery{{u"endpoint"_s, kWait}, {u"app"_s, u"queue"_s},
                                                                  {u"appArgs"_s, u"agent"_s}});
    QCOMPARE(reply.status, 200);
    const QString id = reply.object().value("id"_L1).toString();
    QVERIFY(!id.isEmpty());
    QCOMPARE(reply.object().value("state"_L1).toString(), u"Down"_s);
    static const QRegularExpression localName(u"^Local/wait@wait-[0-9a-f]{8};1$"_s);
    QVERIFY2(localName.match(reply.object().value("name"_L1).toString()).hasMatch(),
             qPrintable(reply.object().value("name"_L1).toString()));

    const QJsonObject started = m_app->waitFor(u"StasisStart"_s, EventCollector::forChannel(id), 10000);
    QVERIFY(!started.isEmpty());
    QCOMPARE(started.value("args"_L1).toArray(), QJsonArray{u"agent"_s});
    QCOMPARE(started.value("channel"_L1).toObject().value("state"_L1).toString(), u"Up"_s);
    const int dialing = m_app->indexOf(u"Dial"_s, dialOf(id, QString()));
    const int up = m_app->indexOf(u"ChannelStateChange"_s, stateOf(id, u"Up"_s));
    const int answered = m_app->indexOf(u"Dial"_s, dialOf(id, u"ANSWER"_s));
    const int stasis = m_app->indexOf(u"StasisStart"_s, EventCollector::forChannel(id));
    QVERIFY2(dialing >= 0 && dialing < up && up < answered && answered < stasis,
             qPrintable(m_app->types().join(u' ')));
    const QJsonObject dial = m_app->events().at(dialing);
    QCOMPARE(dial.value("dialstring"_L1).toString(), u"wait@wait/n"_s);
    QCOMPARE(dial.value("forward"_L1).toString(), QString());
    QCOMPARE(dial.value("peer"_L1).toObject().value("state"_L1).toString(), u"Down"_s);

    m_app->clear();
    QCOMPARE(m_sim->del(u"/channels/"_s + id).status, 204);
    QVERIFY(m_app->waitForCount(u"ChannelDestroyed"_s, 2));
    const EventCollector::Predicate own = EventCollector::both(EventCollector::forChannel(id),
                                                               EventCollector::notOfType({u"ChannelVarset"_s}));
    QCOMPARE(m_app->types(own), (QStringList{u"ChannelHangupRequest"_s, u"StasisEnd"_s, u"ChannelDestroyed"_s}));
    const QJsonObject hangup = m_app->waitFor(u"ChannelHangupRequest"_s, EventCollector::forChannel(id));
    QCOMPARE(hangup.value("cause"_L1).toInt(), 32);
    QCOMPARE(hangup.value("soft"_L1).toBool(false), true);
    const QJsonObject destroyed = m_app->waitFor(u"ChannelDestroyed"_s, EventCollector::forChannel(id));
    QCOMPARE(destroyed.value("cause"_L1).toInt(), 16);
    QCOMPARE(destroyed.value("cause_txt"_L1).toString(), u"Normal Clearing"_s);
    QTRY_COMPARE(m_sim->get(u"/channels"_s).array(), QJsonArray());
}

void TestConformanceOriginate::idsCallerIdAndVariables()
{
    const QJsonObject body{{u"variables"_s, QJsonObject{{u"MYVAR"_s, u"hello"_s}, {u"CALLERID(name)"_s, u"Agent 200"_s}}}};
    const RestReply reply = m_sim->ariJson("POST", u"/channels"_s,
                                           QUrlQuery{{u"endpoint"_s, kWait},
                                                     {u"app"_s, u"queue"_s},
                                                     {u"appArgs"_s, u"agent,200"_s},
                                                     {u"channelId"_s, u"agent-200"_s},
                                                     {u"otherChannelId"_s, u"agent-200-peer"_s},
                                                     {u"callerId"_s, u"\"Agent Smith\" <200>"_s},
                                                     {u"timeout"_s, u"30"_s}},
                                           body);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value("id"_L1).toString(), u"agent-200"_s);
    QCOMPARE(reply.object().value("caller"_L1).toObject(),
             (QJsonObject{{u"name"_s, u"Agent 200"_s}, {u"number"_s, u"200"_s}}));
    QCOMPARE(reply.object().value("connected"_L1).toObject(),
             (QJsonObject{{u"name"_s, u"Agent Smith"_s}, {u"number"_s, u"200"_s}}));

    const QJsonObject started = m_app->waitFor(u"StasisStart"_s, EventCollector::forChannel(u"agent-200"_s), 10000);
    QVERIFY(!started.isEmpty());
    QCOMPARE(started.value("args"_L1).toArray(), (QJsonArray{u"agent"_s, u"200"_s}));
    const RestReply variable = m_sim->get(u"/channels/agent-200/variable"_s, QUrlQuery{{u"variable"_s, u"MYVAR"_s}});
    QCOMPARE(variable.status, 200);
    QCOMPARE(variable.object().value("value"_L1).toString(), u"hello"_s);
    const RestReply peer = m_sim->get(u"/channels/agent-200-peer"_s);
    QCOMPARE(peer.status, 200);
    QCOMPARE(peer.object().value("id"_L1).toString(), u"agent-200-peer"_s);
}

void TestConformanceOriginate::duplicateChannelId()
{
    QCOMPARE(m_sim->post(u"/channels"_s, QUrlQuery{{u"endpoint"_s, kWait}, {u"app"_s, u"queue"_s},
                                                   {u"channelId"_s, u"agent-200"_s}}).status, 200);
    const RestReply again = m_sim->post(u"/channels"_s, QUrlQuery{{u"endpoint"_s, kWait}, {u"app"_s, u"queue"_s},
                                                                  {u"channelId"_s, u"agent-200"_s}});
    QCOMPARE(again.status, 409);
    QCOMPARE(again.message(), u"Channel with given unique ID already exists"_s);
}

void TestConformanceOriginate::idInPathAndDefaultPeerId()
{
    const RestReply reply = m_sim->post(u"/channels/agent-201"_s, QUrlQuery{{u"endpoint"_s, kWait},
                                                                           {u"app"_s, u"queue"_s},
                                                                           {u"appArgs"_s, u"agent"_s}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value("id"_L1).toString(), u"agent-201"_s);
    const QJsonObject started = m_app->waitFor(u"StasisStart"_s, EventCollector::forChannel(u"agent-201"_s), 10000);
    QCOMPARE(started.value("args"_L1).toArray(), QJsonArray{u"agent"_s});
    QCOMPARE(m_sim->del(u"/channels/agent-201"_s).status, 204);
    QVERIFY(!m_app->waitFor(u"ChannelDestroyed"_s, EventCollector::forChannel(u"agent-201;2"_s)).isEmpty());
    QVERIFY(!m_app->waitFor(u"ChannelDestroyed"_s, EventCollector::forChannel(u"agent-201"_s)).isEmpty());
}

void TestConformanceOriginate::createThenDial()
{
    const RestReply created = m_sim->post(u"/channels/create"_s, QUrlQuery{{u"endpoint"_s, kWait},
                                                                          {u"app"_s, u"queue"_s},
                                                                          {u"appArgs"_s, u"agent"_s},
                                                                          {u"channelId"_s, u"agent-202"_s}});
    QCOMPARE(created.status, 200);
    QCOMPARE(created.object().value("id"_L1).toString(), u"agent-202"_s);
    QCOMPARE(created.object().value("state"_L1).toString(), u"Down"_s);
    const QJsonObject started = m_app->waitFor(u"StasisStart"_s, EventCollector::forChannel(u"agent-202"_s));
    QVERIFY(!started.isEmpty());
    QCOMPARE(started.value("channel"_L1).toObject().value("state"_L1).toString(), u"Down"_s);
    QCOMPARE(started.value("args"_L1).toArray(), QJsonArray{u"agent"_s});
    QCOMPARE(m_app->count(u"Dial"_s), 0);
    QCOMPARE(m_sim->get(u"/channels/agent-202"_s).object().value("state"_L1).toString(), u"Down"_s);

    QCOMPARE(m_sim->post(u"/channels/agent-202/dial"_s, QUrlQuery{{u"timeout"_s, u"10"_s}}).status, 204);
    QVERIFY(!m_app->waitFor(u"Dial"_s, dialOf(u"agent-202"_s, u"ANSWER"_s), 10000).isEmpty());
    const int dialing = m_app->indexOf(u"Dial"_s, dialOf(u"agent-202"_s, QString()));
    const int up = m_app->indexOf(u"ChannelStateChange"_s, stateOf(u"agent-202"_s, u"Up"_s));
    const int answered = m_app->indexOf(u"Dial"_s, dialOf(u"agent-202"_s, u"ANSWER"_s));
    QVERIFY2(dialing >= 0 && dialing < up && up < answered, qPrintable(m_app->types().join(u' ')));
    QCOMPARE(m_sim->get(u"/channels/agent-202"_s).object().value("state"_L1).toString(), u"Up"_s);

    m_app->clear();
    QCOMPARE(m_sim->del(u"/channels/agent-202"_s).status, 204);
    QVERIFY(!m_app->waitFor(u"ChannelDestroyed"_s, EventCollector::forChannel(u"agent-202"_s)).isEmpty());
    const EventCollector::Predicate own = EventCollector::both(EventCollector::forChannel(u"agent-202"_s),
                                                               EventCollector::notOfType({u"ChannelVarset"_s}));
    QCOMPARE(m_app->types(own), (QStringList{u"ChannelHangupRequest"_s, u"StasisEnd"_s, u"ChannelDestroyed"_s}));
    QCOMPARE(m_app->waitFor(u"ChannelDestroyed"_s).value("cause"_L1).toInt(), 16);
}

void TestConformanceOriginate::unanswered()
{
    QVERIFY(m_sim->setEndpointBehaviour(u"Local"_s, u"ring@wait/n"_s, u"ring"_s));
    const RestReply reply = m_sim->post(u"/channels"_s, QUrlQuery{{u"endpoint"_s, u"Local/ring@wait/n"_s},
                                                                  {u"app"_s, u"queue"_s},
                                                                  {u"appArgs"_s, u"agent"_s},
                                                                  {u"timeout"_s, u"2"_s}});
    QCOMPARE(reply.status, 200);
    const QString id = reply.object().value("id"_L1).toString();
    const QJsonObject destroyed = m_app->waitFor(u"ChannelDestroyed"_s, EventCollector::forChannel(id), 10000);
    QVERIFY(!destroyed.isEmpty());
    QCOMPARE(destroyed.value("cause"_L1).toInt(), 19);
    QCOMPARE(destroyed.value("cause_txt"_L1).toString(), u"User alerting, no answer"_s);
    QVERIFY(m_app->waitForCount(u"ChannelDestroyed"_s, 2));
    for (const QJsonObject &event : m_app->events()) {
        if (event.value("type"_L1).toString() == "ChannelDestroyed"_L1)
            QCOMPARE(event.value("cause"_L1).toInt(), 19);
    }
    QVERIFY(m_app->has(u"Dial"_s, dialOf(id, u"RINGING"_s)));
    QVERIFY(m_app->has(u"ChannelStateChange"_s, stateOf(id, u"Ringing"_s)));
    QCOMPARE(m_app->count(u"StasisStart"_s), 0);
    const qint64 rang = EventCollector::timestampMs(destroyed) - EventCollector::timestampMs(m_app->events().first());
    QVERIFY2(rang >= 1800, qPrintable(QString::number(rang)));
    const RestReply get = m_sim->get(u"/channels/"_s + id);
    QCOMPARE(get.status, 404);
    QCOMPARE(get.message(), u"Channel not found"_s);
}

void TestConformanceOriginate::busy()
{
    QVERIFY(m_sim->setEndpointBehaviour(u"Local"_s, u"busy@wait/n"_s, u"busy"_s));
    const RestReply reply = m_sim->post(u"/channels"_s, QUrlQuery{{u"endpoint"_s, u"Local/busy@wait/n"_s},
                                                                  {u"app"_s, u"queue"_s},
                                                                  {u"appArgs"_s, u"agent"_s},
                                                                  {u"timeout"_s, u"5"_s}});
    QCOMPARE(reply.status, 200);
    const QString id = reply.object().value("id"_L1).toString();
    QVERIFY(m_app->waitForCount(u"ChannelDestroyed"_s, 2, {}, 10000));
    QVERIFY(m_app->has(u"Dial"_s, dialOf(id, u"BUSY"_s)));
    QCOMPARE(m_app->count(u"StasisStart"_s), 0);
    const QJsonObject other = m_app->waitFor(u"ChannelDestroyed"_s, [id](const QJsonObject &event) {
        return event.value("channel"_L1).toObject().value("id"_L1).toString() != id;
    });
    QCOMPARE(other.value("cause"_L1).toInt(), 17);
    QCOMPARE(other.value("cause_txt"_L1).toString(), u"User busy"_s);
    const QJsonObject own = m_app->waitFor(u"ChannelDestroyed"_s, EventCollector::forChannel(id));
    QCOMPARE(own.value("cause"_L1).toInt(), 0);
    QCOMPARE(own.value("cause_txt"_L1).toString(), u"Unknown"_s);
}

void TestConformanceOriginate::unknownTechnology()
{
    const QUrlQuery query{{u"endpoint"_s, u"PJSIP/100"_s}, {u"app"_s, u"queue"_s}};
    const RestReply first = m_sim->post(u"/channels"_s, query);
    const bool allocationFailed = first.status == 500 && first.object() == QJsonObject{{u"error"_s, u"Allocation failed"_s}};
    const bool duplicateId = first.status == 409 && first.message() == "Channel with given unique ID already exists"_L1;
    QVERIFY2(allocationFailed || duplicateId, first.describe().constData());
    const RestReply second = m_sim->post(u"/channels"_s, query);
    QCOMPARE(second.status, 500);
    QCOMPARE(second.object(), (QJsonObject{{u"error"_s, u"Allocation failed"_s}}));
}

void TestConformanceOriginate::badRequests_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::newRow("invalid endpoint") << u"endpoint=nonsense&app=queue"_s << QByteArray() << u"Invalid endpoint specified"_s;
    QTest::newRow("no endpoint") << u"app=queue"_s << QByteArray() << u"Endpoint must be specified"_s;
    QTest::newRow("no app") << u"endpoint=Local/wait@wait/n"_s << QByteArray()
                            << u"Application or extension must be specified"_s;
    QTest::newRow("invalid JSON body") << u"endpoint=Local/wait@wait/n&app=queue"_s << QByteArray("{not json")
                                       << u"Error parsing request body"_s;
}

void TestConformanceOriginate::badRequests()
{
    QFETCH(QString, query);
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    const RestReply reply = m_sim->http("POST", u"/ari/channels"_s, QUrlQuery(query), body,
                                        body.isEmpty() ? QByteArray() : QByteArray("application/json"));
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.message(), message);
    QVERIFY(m_sim->waitSimulated(300));
    QCOMPARE(m_app->count(), 0);
}

void TestConformanceOriginate::emptyArgs_data()
{
    QTest::addColumn<QString>("appArgs");
    QTest::addColumn<QJsonArray>("args");
    QTest::newRow("appArgs=") << QString(u""_s) << QJsonArray();
    QTest::newRow("appArgs=,") << u","_s << QJsonArray{u""_s, u""_s};
}

void TestConformanceOriginate::emptyArgs()
{
    QFETCH(QString, appArgs);
    QFETCH(QJsonArray, args);
    const RestReply reply = m_sim->post(u"/channels"_s, QUrlQuery{{u"endpoint"_s, kWait}, {u"app"_s, u"queue"_s},
                                                                  {u"appArgs"_s, appArgs}});
    QCOMPARE(reply.status, 200);
    const QString id = reply.object().value("id"_L1).toString();
    const QJsonObject started = m_app->waitFor(u"StasisStart"_s, EventCollector::forChannel(id), 10000);
    QVERIFY(!started.isEmpty());
    QCOMPARE(started.value("args"_L1).toArray(), args);
}

void TestConformanceOriginate::languageCarriesOverToTheOtherHalf()
{
    const QJsonObject body{{u"variables"_s, QJsonObject{{u"CHANNEL(language)"_s, u"fr"_s}}}};
    const RestReply reply = m_sim->ariJson("POST", u"/channels"_s,
                                           QUrlQuery{{u"endpoint"_s, kWait}, {u"app"_s, u"queue"_s},
                                                     {u"channelId"_s, u"lang-1"_s}, {u"otherChannelId"_s, u"lang-1-peer"_s}},
                                           body);
    QCOMPARE(reply.status, 200);
    QVERIFY(!m_app->waitFor(u"StasisStart"_s, EventCollector::forChannel(u"lang-1"_s), 10000).isEmpty());
    for (const QString &id : {u"lang-1"_s, u"lang-1-peer"_s}) {
        const RestReply language = m_sim->get(u"/channels/"_s + id + u"/variable"_s,
                                              QUrlQuery{{u"variable"_s, u"CHANNEL(language)"_s}});
        QCOMPARE(language.status, 200);
        QCOMPARE(language.object().value("value"_L1).toString(), u"fr"_s);
    }
}

QTEST_GUILESS_MAIN(TestConformanceOriginate)
#include "TestConformanceOriginate.moc"
