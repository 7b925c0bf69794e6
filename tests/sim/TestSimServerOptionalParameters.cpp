// Optional parameters Asterisk 22 documents (and clients that build their requests from
// /ari/api-docs send): the simulator accepts them, checks them like Asterisk where Asterisk does,
// and acts on them where that means something without media or dialplan.
//  - POST /channels and /channels/{id}: "originator" must be a channel (400 "Provided originator
//    channel was not found"); "formats" are format names (400 "Provided format (<name>) was not
//    found"); both together → 400 "Originator and formats can't both be specified"; "priority"
//    and "label" go with "extension" (no dialplan runs: accepted).
//  - POST /channels/create: "originator" and "formats" together → 400; an unknown originator is
//    ignored; a known one is subscribed to the application ("app"); "formats" are checked when
//    there is no originator.
//  - POST /channels/{id}/variable?report_events=true, and originate body variables given as
//    {"value": ..., "report_events": true}: the variable appears in the channel's "channelvars"
//    (events and GET /channels/{id}) from then on.
//  - POST /bridges and /bridges/{id} with body "variables", addChannel
//    inhibitConnectedLineUpdates, bridge play announcer_format, bridge record recorder_format:
//    accepted (the simulator has no bridge variables, connected-line updates or helper channel
//    formats).

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <utility>

#include "support/EventCollector.h"
#include "support/SimTestHarness.h"

using namespace Qt::StringLiterals;

class TestSimServerOptionalParameters final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void originateOriginatorAndFormats_data();
    void originateOriginatorAndFormats();
    void createOriginatorAndFormats();
    void reportedChannelVariables();
    void reportedOriginateVariables();
    void bridgeParameters();

private:
    std::unique_ptr<SimTestHarness> m_sim;
    std::unique_ptr<EventCollector> m_app;
    QString m_caller;
};

void TestSimServerOptionalParameters::init()
{
    SimTestHarness::Options options;
    options.speed = 100;
    m_sim = std::make_unique<SimTestHarness>(options);
    QVERIFY(m_sim->start());
    m_app = m_sim->connectEvents(u"opt-app"_s);
    QVERIFY(m_app);
    m_caller = m_sim->answeredCall(m_app.get(), u"opt-app"_s, {u"1"_s});
    QVERIFY(!m_caller.isEmpty());
}

void TestSimServerOptionalParameters::cleanup()
{
    m_app.reset();
    m_sim.reset();
}

void TestSimServerOptionalParameters::originateOriginatorAndFormats_data()
{
    QTest::addColumn<bool>("withId");
    QTest::addColumn<QString>("originator"); // "caller": the answered call of init()
    QTest::addColumn<QString>("formats");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    for (const bool withId : {false, true}) {
        const auto row = [withId](const char *name) -> QTestData & {
            const QByteArray tag = QByteArray(name) + (withId ? QByteArrayLiteral(" (with id)") : QByteArray());
            return QTest::newRow(tag.constData()) << withId;
        };
        row("originator") << u"caller"_s << QString() << 200 << QString();
        row("formats") << QString() << u"ulaw, slin16"_s << 200 << QString();
        row("unknown originator") << u"nobody"_s << QString() << 400 << u"Provided originator channel was not found"_s;
        row("unknown format") << QString() << u"ulaw,mp3"_s << 400 << u"Provided format (mp3) was not found"_s;
        row("both") << u"caller"_s << u"ulaw"_s << 400 << u"Originator and formats can't both be specified"_s;
    }
}

void TestSimServerOptionalParameters::originateOriginatorAndFormats()
{
    QFETCH(bool, withId);
    QFETCH(QString, originator);
    QFETCH(QString, formats);
    QFETCH(int, status);
    QFETCH(QString, message);
    QUrlQuery query{{u"endpoint"_s, u"Local/200@agents"_s}, {u"app"_s, u"opt-app"_s}};
    if (!originator.isEmpty())
        query.addQueryItem(u"originator"_s, originator == "caller"_L1 ? m_caller : originator);
    if (!formats.isEmpty())
        query.addQueryItem(u"formats"_s, formats);
    const RestReply reply = m_sim->post(withId ? u"/channels/opt-agent"_s : u"/channels"_s, query);
    QCOMPARE(reply.status, status);
    if (status != 200) {
        QCOMPARE(reply.message(), message);
        QCOMPARE(m_sim->state().value("channels"_L1).toArray().size(), 1);
        return;
    }
    const QString id = reply.object().value("id"_L1).toString();
    QVERIFY(!m_app->waitFor(u"StasisStart"_s, EventCollector::forChannel(id)).isEmpty());
    if (withId)
        QCOMPARE(id, u"opt-agent"_s);
}

void TestSimServerOptionalParameters::createOriginatorAndFormats()
{
    auto other = m_sim->connectEvents(u"opt-other"_s);
    QVERIFY(other);
    const QUrlQuery base{{u"endpoint"_s, u"Local/300@agents"_s}, {u"app"_s, u"opt-other"_s}};
    QUrlQuery both = base;
    both.addQueryItem(u"originator"_s, m_caller);
    both.addQueryItem(u"formats"_s, u"ulaw"_s);
    RestReply reply = m_sim->post(u"/channels/create"_s, both);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.message(), u"Originator and formats can't both be specified"_s);
    QUrlQuery badFormat = base;
    badFormat.addQueryItem(u"formats"_s, u"nonsense"_s);
    reply = m_sim->post(u"/channels/create"_s, badFormat);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.message(), u"Provided format (nonsense) was not found"_s);
    // An unknown originator is no error for /channels/create.
    QUrlQuery unknown = base;
    unknown.addQueryItem(u"originator"_s, u"nobody"_s);
    unknown.addQueryItem(u"channelId"_s, u"opt-created-1"_s);
    QCOMPARE(m_sim->post(u"/channels/create"_s, unknown).status, 200);
    QVERIFY(!other->waitFor(u"StasisStart"_s, EventCollector::forChannel(u"opt-created-1"_s)).isEmpty());

    // A known originator is subscribed to the created channel's application: its events reach
    // that application from now on.
    QUrlQuery known = base;
    known.addQueryItem(u"originator"_s, m_caller);
    known.addQueryItem(u"channelId"_s, u"opt-created-2"_s);
    QCOMPARE(m_sim->post(u"/channels/create"_s, known).status, 200);
    QVERIFY(!other->waitFor(u"StasisStart"_s, EventCollector::forChannel(u"opt-created-2"_s)).isEmpty());
    QVERIFY(!other->has(u"ChannelVarset"_s, EventCollector::forChannel(m_caller)));
    QCOMPARE(m_sim->post(u"/channels/"_s + m_caller + u"/variable"_s,
                         QUrlQuery{{u"variable"_s, u"SEEN"_s}, {u"value"_s, u"yes"_s}})
                 .status,
             204);
    const QJsonObject varset = other->waitFor(u"ChannelVarset"_s, EventCollector::forChannel(m_caller));
    QCOMPARE(varset.value("variable"_L1).toString(), u"SEEN"_s);
    QCOMPARE(varset.value("application"_L1).toString(), u"opt-other"_s);
}

void TestSimServerOptionalParameters::reportedChannelVariables()
{
    const QString path = u"/channels/"_s + m_caller + u"/variable"_s;
    // Without report_events nothing is reported.
    QCOMPARE(m_sim->post(path, QUrlQuery{{u"variable"_s, u"QUIET"_s}, {u"value"_s, u"1"_s}}).status, 204);
    QJsonObject event = m_app->waitForNext(u"ChannelVarset"_s, [](const QJsonObject &e) {
        return e.value("variable"_L1) == "QUIET"_L1;
    });
    QVERIFY(!event.isEmpty());
    QVERIFY(!event.value("channel"_L1).toObject().contains("channelvars"_L1));

    QCOMPARE(m_sim->post(path, QUrlQuery{{u"variable"_s, u"MOOD"_s}, {u"value"_s, u"calm"_s},
                                         {u"report_events"_s, u"true"_s}})
                 .status,
             204);
    event = m_app->waitForNext(u"ChannelVarset"_s, [](const QJsonObject &e) { return e.value("variable"_L1) == "MOOD"_L1; });
    QCOMPARE(event.value("channel"_L1).toObject().value("channelvars"_L1).toObject(),
             (QJsonObject{{u"MOOD"_s, u"calm"_s}}));
    QCOMPARE(m_sim->get(u"/channels/"_s + m_caller).object().value("channelvars"_L1).toObject(),
             (QJsonObject{{u"MOOD"_s, u"calm"_s}}));

    // Later changes show the new value, in every event about the channel.
    QCOMPARE(m_sim->post(path, QUrlQuery{{u"variable"_s, u"MOOD"_s}, {u"value"_s, u"happy"_s}}).status, 204);
    event = m_app->waitForNext(u"ChannelVarset"_s, [](const QJsonObject &e) { return e.value("variable"_L1) == "MOOD"_L1; });
    QCOMPARE(event.value("channel"_L1).toObject().value("channelvars"_L1).toObject(),
             (QJsonObject{{u"MOOD"_s, u"happy"_s}}));
    QCOMPARE(m_sim->post(u"/channels/"_s + m_caller + u"/play/opt-beep"_s, QUrlQuery{{u"media"_s, u"sound:beep"_s}}).status,
             201);
    event = m_app->waitForNext(u"PlaybackStarted"_s);
    QVERIFY(!event.isEmpty());
    QVERIFY(m_sim->hangupCaller(m_caller));
    event = m_app->waitForNext(u"StasisEnd"_s, EventCollector::forChannel(m_caller));
    QCOMPARE(event.value("channel"_L1).toObject().value("channelvars"_L1).toObject(),
             (QJsonObject{{u"MOOD"_s, u"happy"_s}}));
}

void TestSimServerOptionalParameters::reportedOriginateVariables()
{
    const QJsonObject body{{u"variables"_s, QJsonObject{{u"PLAIN"_s, u"a"_s},
                                                        {u"SHOWN"_s, QJsonObject{{u"value"_s, u"b"_s},
                                                                                 {u"report_events"_s, true}}},
                                                        {u"HIDDEN"_s, QJsonObject{{u"value"_s, u"c"_s}}}}}};
    const RestReply reply = m_sim->ariJson("POST", u"/channels"_s,
                                           QUrlQuery{{u"endpoint"_s, u"Local/400@agents"_s}, {u"app"_s, u"opt-app"_s},
                                                     {u"channelId"_s, u"opt-vars"_s}},
                                           body);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value("channelvars"_L1).toObject(), (QJsonObject{{u"SHOWN"_s, u"b"_s}}));
    const QJsonObject started = m_app->waitFor(u"StasisStart"_s, EventCollector::forChannel(u"opt-vars"_s));
    QCOMPARE(started.value("channel"_L1).toObject().value("channelvars"_L1).toObject(),
             (QJsonObject{{u"SHOWN"_s, u"b"_s}}));
    for (const auto &[name, value] : {std::pair{u"PLAIN"_s, u"a"_s}, std::pair{u"SHOWN"_s, u"b"_s},
                                      std::pair{u"HIDDEN"_s, u"c"_s}}) {
        const RestReply variable = m_sim->get(u"/channels/opt-vars/variable"_s, QUrlQuery{{u"variable"_s, name}});
        QCOMPARE(variable.object().value("value"_L1).toString(), value);
    }

    for (const QJsonValue &bad : {QJsonValue(5), QJsonValue(QJsonObject{{u"value"_s, 5}}),
                                  QJsonValue(QJsonObject{{u"report_events"_s, true}}),
                                  QJsonValue(QJsonObject{{u"value"_s, u"x"_s}, {u"report_events"_s, u"yes"_s}})}) {
        const RestReply refused = m_sim->ariJson(
            "POST", u"/channels"_s, QUrlQuery{{u"endpoint"_s, u"Local/401@agents"_s}, {u"app"_s, u"opt-app"_s}},
            QJsonObject{{u"variables"_s, QJsonObject{{u"V"_s, bad}}}});
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.message(), u"Only string values in the 'variables' object allowed"_s);
    }
}

void TestSimServerOptionalParameters::bridgeParameters()
{
    const QJsonObject variables{
        {u"variables"_s, QJsonObject{{u"Bridge_State"_s, QJsonObject{{u"value"_s, u"Waiting"_s},
                                                                     {u"report_events"_s, true}}}}}};
    RestReply reply = m_sim->ariJson("POST", u"/bridges"_s, QUrlQuery{{u"bridgeId"_s, u"opt-bridge"_s}}, variables);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value("id"_L1).toString(), u"opt-bridge"_s);
    reply = m_sim->ariJson("POST", u"/bridges/opt-bridge-2"_s, QUrlQuery{{u"type"_s, u"mixing"_s}}, variables);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value("id"_L1).toString(), u"opt-bridge-2"_s);

    QCOMPARE(m_sim->post(u"/bridges/opt-bridge/addChannel"_s,
                         QUrlQuery{{u"channel"_s, m_caller}, {u"inhibitConnectedLineUpdates"_s, u"true"_s}})
                 .status,
             204);
    QVERIFY(!m_app->waitFor(u"ChannelEnteredBridge"_s, EventCollector::forChannel(m_caller)).isEmpty());

    reply = m_sim->post(u"/bridges/opt-bridge/play/opt-announce"_s,
                        QUrlQuery{{u"media"_s, u"sound:beep"_s}, {u"announcer_format"_s, u"slin16"_s}});
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.object().value("target_uri"_L1).toString(), u"bridge:opt-bridge"_s);
    QVERIFY(!m_app->waitFor(u"PlaybackFinished"_s, EventCollector::forPlayback(u"opt-announce"_s)).isEmpty());

    reply = m_sim->post(u"/bridges/opt-bridge/record"_s,
                        QUrlQuery{{u"name"_s, u"opt-bridge-rec"_s}, {u"format"_s, u"wav"_s},
                                  {u"recorder_format"_s, u"ulaw"_s}, {u"maxDurationSeconds"_s, u"1"_s}});
    QCOMPARE(reply.status, 201);
    QVERIFY(!m_app->waitFor(u"RecordingFinished"_s, EventCollector::forRecording(u"opt-bridge-rec"_s)).isEmpty());
    QCOMPARE(m_sim->get(u"/recordings/stored/opt-bridge-rec"_s).status, 200);
}

QTEST_GUILESS_MAIN(TestSimServerOptionalParameters)
#include "TestSimServerOptionalParameters.moc"
