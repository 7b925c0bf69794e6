// The simulator's HTTP surface: credentials, status codes and headers written like Asterisk's,
// routing of names that contain %2F (Qt HTTP Server's <arg> cannot), methods, JSON bodies.

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include "support/EventCollector.h"
#include "support/SimTestHarness.h"
#include "sim/SimServer.h"

using namespace Qt::StringLiterals;

class TestSimServerHttp final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void credentials_data();
    void credentials();
    void unauthorizedReplyIsAsterisks();
    void wrongCredentialsAreRefusedEverywhere_data();
    void wrongCredentialsAreRefusedEverywhere();
    void asteriskHeadersOnEveryReply();
    void unknownPathAndMethod();
    void outsideAriAndSim();
    void optionsAndHead();
    void asteriskInfoAndPing();
    void percentEncodedSlashInSoundIds();
    void percentEncodedSlashInRecordingNames();
    void jsonBodyParameters();
    void repeatedQueryKeysUseTheLastOne();
    void listenOnlyWhereTold();

private:
    std::unique_ptr<SimTestHarness> m_sim;
};

void TestSimServerHttp::init()
{
    SimTestHarness::Options options;
    options.speed = 100;
    m_sim = std::make_unique<SimTestHarness>(options);
    QVERIFY(m_sim->start());
}

void TestSimServerHttp::cleanup()
{
    m_sim.reset();
}

void TestSimServerHttp::credentials_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<int>("status");
    using Mode = SimTestHarness::Auth::Mode;
    QTest::newRow("basic") << int(Mode::Basic) << QString() << QString() << 200;
    QTest::newRow("api_key") << int(Mode::ApiKey) << QString() << QString() << 200;
    QTest::newRow("none") << int(Mode::None) << QString() << QString() << 401;
    QTest::newRow("basic wrong password") << int(Mode::Basic) << u"asterisk"_s << u"wrong"_s << 401;
    QTest::newRow("basic wrong user") << int(Mode::Basic) << u"nobody"_s << u"asterisk"_s << 401;
    QTest::newRow("api_key wrong password") << int(Mode::ApiKey) << u"asterisk"_s << u"x"_s << 401;
    QTest::newRow("api_key empty user") << int(Mode::ApiKey) << u":"_s << u""_s << 401;
}

void TestSimServerHttp::credentials()
{
    QFETCH(int, mode);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(int, status);
    SimTestHarness::Auth auth{SimTestHarness::Auth::Mode(mode), user, password};
    QCOMPARE(m_sim->ari("GET", u"/asterisk/ping"_s, {}, auth).status, status);
    // The control API takes the same credentials.
    QCOMPARE(m_sim->http("GET", u"/sim/clock"_s, {}, {}, {}, auth).status, status);
}

void TestSimServerHttp::unauthorizedReplyIsAsterisks()
{
    const RestReply reply = m_sim->ari("GET", u"/asterisk/info"_s, {}, SimTestHarness::Auth::none());
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.body, QByteArray(R"({"message":"Authentication required"})"));
    QCOMPARE(reply.header("content-type"), QByteArray("application/json"));
    QCOMPARE(reply.header("www-authenticate"), QByteArray(R"(Basic realm="Asterisk REST Interface")"));
}

void TestSimServerHttp::wrongCredentialsAreRefusedEverywhere_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::newRow("unknown ARI path") << QByteArray("GET") << u"/ari/no/such/thing"_s;
    QTest::newRow("api-docs") << QByteArray("GET") << u"/ari/api-docs/resources.json"_s;
    QTest::newRow("originate") << QByteArray("POST") << u"/ari/channels"_s;
    QTest::newRow("control call") << QByteArray("POST") << u"/sim/calls"_s;
    QTest::newRow("control state") << QByteArray("GET") << u"/sim/state"_s;
}

void TestSimServerHttp::wrongCredentialsAreRefusedEverywhere()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    const RestReply reply = m_sim->http(method, path, {}, {}, {}, SimTestHarness::Auth::basic(u"asterisk"_s, u"nope"_s));
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.message(), u"Authentication required"_s);
    QCOMPARE(m_sim->server()->liveChannelCount(), 0);
}

void TestSimServerHttp::asteriskHeadersOnEveryReply()
{
    const RestReply ok = m_sim->get(u"/asterisk/ping"_s);
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.header("server"), QByteArray("Asterisk"));
    QCOMPARE(ok.header("cache-control"), QByteArray("no-cache, no-store"));
    QCOMPARE(ok.header("content-type"), QByteArray("application/json"));
    QCOMPARE(ok.header("content-length").toInt(), ok.body.size());

    const RestReply error = m_sim->get(u"/channels/nope"_s);
    QCOMPARE(error.status, 404);
    QCOMPARE(error.header("server"), QByteArray("Asterisk"));
    QCOMPARE(error.body, QByteArray(R"({"message":"Channel not found"})"));
}

void TestSimServerHttp::unknownPathAndMethod()
{
    const RestReply unknown = m_sim->get(u"/no/such/resource"_s);
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.message(), u"Resource not found"_s);

    const RestReply wrongMethod = m_sim->put(u"/channels"_s);
    QCOMPARE(wrongMethod.status, 405);
    QCOMPARE(wrongMethod.message(), u"Invalid method"_s);
    QCOMPARE(wrongMethod.header("allow"), QByteArray("OPTIONS,GET,POST"));

    // A literal segment wins over a placeholder: /channels/create only knows POST.
    const RestReply create = m_sim->get(u"/channels/create"_s);
    QCOMPARE(create.status, 405);
    QCOMPARE(create.header("allow"), QByteArray("OPTIONS,POST"));

    const RestReply tooDeep = m_sim->get(u"/channels/a/b/c/d/e"_s);
    QCOMPARE(tooDeep.status, 404);
    QCOMPARE(tooDeep.message(), u"Resource not found"_s);

    const RestReply controlUnknown = m_sim->http("GET", u"/sim/nothing"_s);
    QCOMPARE(controlUnknown.status, 404);
    const RestReply controlMethod = m_sim->http("PUT", u"/sim/state"_s);
    QCOMPARE(controlMethod.status, 405);
    QCOMPARE(controlMethod.header("allow"), QByteArray("OPTIONS,GET"));
}

void TestSimServerHttp::outsideAriAndSim()
{
    // Asterisk's HTTP server answers paths outside its modules with an HTML page, credentials
    // or not.
    for (const auto &auth : {SimTestHarness::Auth::basic(), SimTestHarness::Auth::none()}) {
        const RestReply reply = m_sim->http("GET", u"/index.html"_s, {}, {}, {}, auth);
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.header("content-type"), QByteArray("text/html"));
        QVERIFY(reply.body.contains("Not Found"));
    }
}

void TestSimServerHttp::optionsAndHead()
{
    const RestReply options = m_sim->ari("OPTIONS", u"/bridges/b-1"_s);
    QCOMPARE(options.status, 204);
    QCOMPARE(options.header("allow"), QByteArray("OPTIONS,GET,POST,DELETE"));
    QVERIFY(options.body.isEmpty());

    const RestReply head = m_sim->ari("HEAD", u"/asterisk/info"_s);
    QCOMPARE(head.status, 200);
    QVERIFY(head.body.isEmpty());
    QVERIFY(head.header("content-length").toInt() > 0);
    // The connection stays usable after a HEAD.
    QCOMPARE(m_sim->get(u"/asterisk/ping"_s).status, 200);
}

void TestSimServerHttp::asteriskInfoAndPing()
{
    const RestReply info = m_sim->get(u"/asterisk/info"_s);
    QCOMPARE(info.status, 200);
    const QJsonObject json = info.object();
    for (const char *section : {"build", "system", "config", "status"})
        QVERIFY2(json.value(QLatin1StringView(section)).isObject(), section);
    QCOMPARE(json.value("config"_L1).toObject().value("name"_L1).toString(), u"ari-sim"_s);
    QCOMPARE(json.value("config"_L1).toObject().value("default_language"_L1).toString(), u"en"_s);
    QVERIFY(!json.value("system"_L1).toObject().value("version"_L1).toString().isEmpty());
    QVERIFY(EventCollector::isAriTimestamp(json.value("status"_L1).toObject().value("startup_time"_L1).toString()));

    const RestReply only = m_sim->get(u"/asterisk/info"_s, QUrlQuery{{u"only"_s, u"system,config"_s}});
    QCOMPARE(only.status, 200);
    QCOMPARE(only.object().keys(), (QStringList{u"config"_s, u"system"_s}));

    const RestReply ping = m_sim->get(u"/asterisk/ping"_s);
    QCOMPARE(ping.object().value("ping"_L1).toString(), u"pong"_s);
    QVERIFY(EventCollector::isAriTimestamp(ping.object().value("timestamp"_L1).toString()));
    QCOMPARE(ping.object().value("asterisk_id"_L1).toString(),
             json.value("system"_L1).toObject().value("entity_id"_L1).toString());
}

void TestSimServerHttp::percentEncodedSlashInSoundIds()
{
    const RestReply encoded = m_sim->get(u"/sounds/digits%2F1"_s);
    QCOMPARE(encoded.status, 200);
    QCOMPARE(encoded.object().value("id"_L1).toString(), u"digits/1"_s);

    const RestReply raw = m_sim->get(u"/sounds/digits/1"_s);
    QCOMPARE(raw.status, 404);
    QCOMPARE(raw.message(), u"Resource not found"_s);

    const RestReply missing = m_sim->get(u"/sounds/no%2Fsuch"_s);
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.message(), u"Sound not found"_s);
}

void TestSimServerHttp::percentEncodedSlashInRecordingNames()
{
    auto app = m_sim->connectEvents(u"vm-record"_s);
    QVERIFY(app);
    const QString channel = m_sim->answeredCall(app.get(), u"vm-record"_s, {u"305"_s});
    QVERIFY(!channel.isEmpty());
    const RestReply record = m_sim->post(u"/channels/"_s + channel + u"/record"_s,
                                         QUrlQuery{{u"name"_s, u"voicemail/305/77"_s}, {u"format"_s, u"wav"_s}});
    QCOMPARE(record.status, 201);
    QCOMPARE(record.header("location"), QByteArray("/ari/recordings/live/voicemail%2F305%2F77"));
    QVERIFY(!app->waitFor(u"RecordingStarted"_s).isEmpty());

    QCOMPARE(m_sim->get(u"/recordings/live/voicemail%2F305%2F77"_s).status, 200);
    const RestReply rawLive = m_sim->post(u"/recordings/live/voicemail/305/77/stop"_s);
    QCOMPARE(rawLive.status, 404);
    QCOMPARE(rawLive.message(), u"Resource not found"_s);
    QCOMPARE(m_sim->post(u"/recordings/live/voicemail%2F305%2F77/stop"_s).status, 204);
    QVERIFY(!app->waitFor(u"RecordingFinished"_s).isEmpty());

    const RestReply stored = m_sim->get(u"/recordings/stored/voicemail%2F305%2F77"_s);
    QCOMPARE(stored.status, 200);
    QCOMPARE(stored.object(), (QJsonObject{{u"name"_s, u"voicemail/305/77"_s}, {u"format"_s, u"wav"_s}}));
    QCOMPARE(m_sim->get(u"/recordings/stored/voicemail/305/77"_s).status, 404);
    // A lower-case escape is the same name.
    QCOMPARE(m_sim->get(u"/recordings/stored/voicemail%2f305%2f77"_s).status, 200);
    const RestReply file = m_sim->get(u"/recordings/stored/voicemail%2F305%2F77/file"_s);
    QCOMPARE(file.status, 200);
    QCOMPARE(file.header("content-type"), QByteArray("audio/wav"));
    QVERIFY(file.body.startsWith("RIFF"));
    QCOMPARE(m_sim->del(u"/recordings/stored/voicemail%2F305%2F77"_s).status, 204);
    QCOMPARE(m_sim->del(u"/recordings/stored/voicemail%2F305%2F77"_s).status, 404);
}

void TestSimServerHttp::jsonBodyParameters()
{
    auto app = m_sim->connectEvents(u"queue"_s);
    QVERIFY(app);
    // ARI reads parameters from a JSON body as well as from the query.
    const RestReply reply = m_sim->ariJson("POST", u"/channels"_s, {},
                                           QJsonObject{{u"endpoint"_s, u"Local/agent@queue/n"_s},
                                                       {u"app"_s, u"queue"_s},
                                                       {u"appArgs"_s, u"agent,7"_s},
                                                       {u"channelId"_s, u"json-body"_s},
                                                       {u"variables"_s, QJsonObject{{u"ROLE"_s, u"agent"_s}}}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value("id"_L1).toString(), u"json-body"_s);
    const QJsonObject started = app->waitFor(u"StasisStart"_s, EventCollector::forChannel(u"json-body"_s));
    QCOMPARE(started.value("args"_L1).toArray(), (QJsonArray{u"agent"_s, u"7"_s}));
    const RestReply variable = m_sim->get(u"/channels/json-body/variable"_s, QUrlQuery{{u"variable"_s, u"ROLE"_s}});
    QCOMPARE(variable.object().value("value"_L1).toString(), u"agent"_s);

    const RestReply notStrings = m_sim->ariJson("POST", u"/channels"_s,
                                                QUrlQuery{{u"endpoint"_s, u"Local/x@queue"_s}, {u"app"_s, u"queue"_s}},
                                                QJsonObject{{u"variables"_s, QJsonObject{{u"N"_s, 5}}}});
    QCOMPARE(notStrings.status, 400);
    QCOMPARE(notStrings.message(), u"Only string values in the 'variables' object allowed"_s);
}

void TestSimServerHttp::repeatedQueryKeysUseTheLastOne()
{
    auto app = m_sim->connectEvents(u"vm-playback"_s);
    QVERIFY(app);
    const QString channel = m_sim->answeredCall(app.get(), u"vm-playback"_s, {u"1"_s});
    QVERIFY(!channel.isEmpty());
    QUrlQuery query;
    query.addQueryItem(u"media"_s, u"sound:vm-intro"_s);
    query.addQueryItem(u"media"_s, u"sound:beep"_s);
    const RestReply reply = m_sim->post(u"/channels/"_s + channel + u"/play/pb-last"_s, query);
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.object().value("media_uri"_L1).toString(), u"sound:beep"_s);
    QVERIFY(!reply.object().contains("next_media_uri"_L1));
    QCOMPARE(reply.header("location"), QByteArray("/ari/playbacks/pb-last"));
}

void TestSimServerHttp::listenOnlyWhereTold()
{
    SimServer::Options options;
    SimServer server(options);
    QVERIFY(server.start());
    QCOMPARE(server.baseUrl().host(), u"127.0.0.1"_s);
    QVERIFY(server.port() != 0);
    QCOMPARE(server.baseUrl().port(), int(server.port()));

    // A taken port is reported, not fatal.
    SimServer::Options same;
    same.port = server.port();
    SimServer second(same);
    QString error;
    QVERIFY(!second.start(&error));
    QVERIFY(error.contains(QString::number(server.port())));
}

QTEST_GUILESS_MAIN(TestSimServerHttp)
#include "TestSimServerHttp.moc"
