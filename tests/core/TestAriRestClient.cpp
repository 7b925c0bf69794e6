#include "core/ari/AriOperations.h"
#include "core/ari/AriReply.h"
#include "core/ari/AriRequestLatency.h"
#include "core/ari/AriRestClient.h"

#include "support/FakeRestServer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// A password with characters that need care in a header and in a query.
const QString s_password = u"s3cr:et+&%"_s;
const QByteArray s_basicAuth = "Basic " + QByteArray("asterisk:s3cr:et+&%").toBase64();
const QByteArray s_apiKeyItem = "api_key=asterisk%3As3cr%3Aet%2B%26%25";

struct Outcome
{
    int finishedCount = 0;
    AriResult result;
    std::unique_ptr<QSignalSpy> spy;

    // Runs the event loop until the reply has finished (at once when it already has).
    bool wait(int timeoutMs = 10000) { return finishedCount > 0 || spy->wait(timeoutMs); }
};

// Records what a reply reports.
std::shared_ptr<Outcome> track(AriReply *reply)
{
    auto outcome = std::make_shared<Outcome>();
    outcome->spy = std::make_unique<QSignalSpy>(reply, &AriReply::finished);
    QObject::connect(reply, &AriReply::finished, reply, [outcome = outcome.get()](const AriResult &result) {
        ++outcome->finishedCount;
        outcome->result = result;
    });
    return outcome;
}

AriEndpoint endpointFor(const QUrl &baseUrl, bool useApiKey = false)
{
    AriEndpoint endpoint;
    endpoint.baseUrl = baseUrl;
    endpoint.user = u"asterisk"_s;
    endpoint.password = s_password;
    endpoint.useApiKey = useApiKey;
    endpoint.requestTimeoutMs = 10000;
    endpoint.applications = { u"vm-record"_s };
    return endpoint;
}

QtMessageHandler s_previousHandler = nullptr;
QStringList *s_capturedMessages = nullptr;
QLoggingCategory::CategoryFilter s_previousFilter = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (s_capturedMessages)
        s_capturedMessages->append(message);
    if (s_previousHandler)
        s_previousHandler(type, context, message);
}

void enableRestDebug(QLoggingCategory *category)
{
    if (s_previousFilter)
        s_previousFilter(category);
    if (qstrcmp(category->categoryName(), "supervisor.ari.rest") == 0)
        category->setEnabled(QtDebugMsg, true);
}

} // namespace

class TestAriRestClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void requestShape_data();
    void requestShape();
    void apiKeyInsteadOfBasicAuth_data();
    void apiKeyInsteadOfBasicAuth();
    void baseUrlWithTrailingSlash();

    void successBodies_data();
    void successBodies();
    void httpErrors_data();
    void httpErrors();
    void binaryDownload();
    void refusedConnection();
    void timeout();
    void droppedConnection();
    void unusableBaseUrl_data();
    void unusableBaseUrl();
    void failuresAreSignalledAfterTheReply();
    void passwordNeverLogged();
    void tlsVerification_data();
    void tlsVerification();

    void replyFinishesOnceAndDeletesItself();
    void thenSkipsDeadContext();
    void thenAfterFinished();

    void sameKeyIsSequentialOtherKeyIsNot();
    void sameKeyOrderWithDelayedAnswers();
    void differentKeysRunConcurrently();
    void handlerRequestQueuesBehindWaitingOnes();
    void destroyingClientWithPendingRequests();
    void latencyRecordedByTransport();

private:
    std::unique_ptr<FakeRestServer> m_server;
};

void TestAriRestClient::init()
{
    m_server = std::make_unique<FakeRestServer>();
    QVERIFY(m_server->listen());
}

void TestAriRestClient::cleanup()
{
    m_server.reset();
}

void TestAriRestClient::requestShape_data()
{
    using namespace AriOperations;
    QTest::addColumn<AriRequest>("request");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");

    const QString recording = u"voicemail/305/1411503204"_s;
    const QByteArray stored = "/ari/recordings/stored/voicemail%2F305%2F1411503204";
    const QByteArray live = "/ari/recordings/live/voicemail%2F305%2F1411503204";

    OriginateOptions originateOptions;
    originateOptions.endpoint = u"PJSIP/1001"_s;
    originateOptions.app = u"vm-playback"_s;
    originateOptions.appArgs = u"305,listen"_s;
    originateOptions.channelId = u"sup-1"_s;
    originateOptions.otherChannelId = u"sup-1-peer"_s;
    originateOptions.callerId = u"\"Supervisor\" <1001>"_s;
    originateOptions.timeout = 30;
    originateOptions.originator = u"orig-1"_s;
    originateOptions.formats = u"ulaw,alaw"_s;
    originateOptions.variables = QJsonObject { { u"CALLERID(name)"_s, u"Agent 200"_s }, { u"MYVAR"_s, u"hello"_s } };

    OriginateOptions dialplanOptions;
    dialplanOptions.endpoint = u"Local/wait@wait/n"_s;
    dialplanOptions.extension = u"wait"_s;
    dialplanOptions.context = u"wait"_s;
    dialplanOptions.priority = 1;
    dialplanOptions.label = u"start"_s;

    PlayOptions playOptions;
    playOptions.lang = u"en"_s;
    playOptions.offsetms = 1500;
    playOptions.skipms = 5000;
    PlayOptions playWithIdOptions = playOptions;
    playWithIdOptions.playbackId = u"pb-1"_s;
    PlayOptions bridgePlayOptions;
    bridgePlayOptions.playbackId = u"pb-2"_s;
    bridgePlayOptions.skipms = 3000;

    RecordOptions recordOptions;
    recordOptions.name = recording;
    recordOptions.maxDurationSeconds = 120;
    recordOptions.maxSilenceSeconds = 5;
    recordOptions.ifExists = u"fail"_s;
    recordOptions.beep = true;
    recordOptions.terminateOn = u"#"_s;
    RecordOptions bridgeRecordOptions;
    bridgeRecordOptions.name = u"queue/rec-1"_s;
    bridgeRecordOptions.ifExists = u"overwrite"_s;
    bridgeRecordOptions.beep = true;

    DtmfOptions dtmfOptions;
    dtmfOptions.before = 100;
    dtmfOptions.between = 100;
    dtmfOptions.duration = 250;
    dtmfOptions.after = 100;

    const QStringList media { u"sound:vm-message"_s, u"number:2"_s };
    const QString playQuery = u"?media=sound%3Avm-message%2Cnumber%3A2&lang=en&offsetms=1500&skipms=5000"_s;

    auto row
        = [](const char *name, const AriRequest &request, const char *method, const QByteArray &target,
              const QByteArray &body = {}) { QTest::newRow(name) << request << QByteArray(method) << target << body; };

    row("getInfo", getInfo(), "GET", "/ari/asterisk/info");
    row("getGlobalVariable", getGlobalVariable(u"GLOBAL_X"_s), "GET", "/ari/asterisk/variable?variable=GLOBAL_X");
    row("listApplications", listApplications(), "GET", "/ari/applications");
    row("getApplication", getApplication(u"vm-record"_s), "GET", "/ari/applications/vm-record");
    row("listSounds", listSounds(u"en"_s, u"gsm"_s), "GET", "/ari/sounds?lang=en&format=gsm");
    row("getSound", getSound(u"digits/1"_s), "GET", "/ari/sounds/digits%2F1");
    row("listChannels", listChannels(), "GET", "/ari/channels");
    row("getChannel", getChannel(u"ari-acceptance-1795676484.31"_s), "GET",
        "/ari/channels/ari-acceptance-1795676484.31");
    row("originate", originate(originateOptions), "POST",
        "/ari/channels?endpoint=PJSIP%2F1001&app=vm-playback&appArgs=305%2Clisten"
        "&callerId=%22Supervisor%22%20%3C1001%3E&timeout=30&channelId=sup-1&otherChannelId=sup-1-peer"
        "&originator=orig-1&formats=ulaw%2Calaw",
        R"json({"variables":{"CALLERID(name)":"Agent 200","MYVAR":"hello"}})json");
    row("originate to dialplan", originate(dialplanOptions), "POST",
        "/ari/channels?endpoint=Local%2Fwait%40wait%2Fn&extension=wait&context=wait&priority=1&label=start");
    row("answer", answer(u"Local/305@vm-record-00000001;2"_s), "POST",
        "/ari/channels/Local%2F305%40vm-record-00000001%3B2/answer");
    row("hangup", hangup(u"c-1"_s, u"busy"_s), "DELETE", "/ari/channels/c-1?reason=busy");
    row("hangup without reason", hangup(u"c-1"_s), "DELETE", "/ari/channels/c-1");
    row("ring", ring(u"c-1"_s), "POST", "/ari/channels/c-1/ring");
    row("ringStop", ringStop(u"c-1"_s), "DELETE", "/ari/channels/c-1/ring");
    row("play", play(u"c-1"_s, media, playOptions), "POST", "/ari/channels/c-1/play" + playQuery.toLatin1());
    row("playWithId", play(u"c-1"_s, media, playWithIdOptions), "POST",
        "/ari/channels/c-1/play/pb-1" + playQuery.toLatin1());
    row("record", record(u"c-1"_s, recordOptions), "POST",
        "/ari/channels/c-1/record?name=voicemail%2F305%2F1411503204&format=wav&maxDurationSeconds=120"
        "&maxSilenceSeconds=5&ifExists=fail&beep=true&terminateOn=%23");
    row("sendDTMF", sendDTMF(u"c-1"_s, u"12*#"_s, dtmfOptions), "POST",
        "/ari/channels/c-1/dtmf?dtmf=12%2A%23&before=100&between=100&duration=250&after=100");
    row("startMoh", startMoh(u"c-1"_s, u"default"_s), "POST", "/ari/channels/c-1/moh?mohClass=default");
    row("stopMoh", stopMoh(u"c-1"_s), "DELETE", "/ari/channels/c-1/moh");
    row("getChannelVar", getChannelVar(u"c-1"_s, u"CHANNEL(language)"_s), "GET",
        "/ari/channels/c-1/variable?variable=CHANNEL%28language%29");
    row("setChannelVar", setChannelVar(u"c-1"_s, u"VM_MAILBOX"_s, u"305"_s), "POST",
        "/ari/channels/c-1/variable?variable=VM_MAILBOX&value=305");
    row("listBridges", listBridges(), "GET", "/ari/bridges");
    row("createBridge", createBridge(u"mixing"_s, u"queue-bridge-1"_s, u"queue-call-1"_s), "POST",
        "/ari/bridges?type=mixing&bridgeId=queue-bridge-1&name=queue-call-1");
    row("getBridge", getBridge(u"queue-bridge-1"_s), "GET", "/ari/bridges/queue-bridge-1");
    row("destroyBridge", destroyBridge(u"queue-bridge-1"_s), "DELETE", "/ari/bridges/queue-bridge-1");
    row("addChannel", addChannel(u"queue-bridge-1"_s, { u"c-1"_s, u"c-2"_s }, u"participant"_s), "POST",
        "/ari/bridges/queue-bridge-1/addChannel?channel=c-1%2Cc-2&role=participant");
    row("removeChannel", removeChannel(u"queue-bridge-1"_s, { u"c-1"_s, u"c-2"_s }), "POST",
        "/ari/bridges/queue-bridge-1/removeChannel?channel=c-1%2Cc-2");
    row("playOnBridge", playOnBridge(u"queue-bridge-1"_s, { u"sound:beep"_s }), "POST",
        "/ari/bridges/queue-bridge-1/play?media=sound%3Abeep");
    row("playOnBridge with id", playOnBridge(u"queue-bridge-1"_s, { u"sound:beep"_s }, bridgePlayOptions), "POST",
        "/ari/bridges/queue-bridge-1/play/pb-2?media=sound%3Abeep&skipms=3000");
    row("recordBridge", recordBridge(u"queue-bridge-1"_s, bridgeRecordOptions), "POST",
        "/ari/bridges/queue-bridge-1/record?name=queue%2Frec-1&format=wav&ifExists=overwrite&beep=true");
    row("startBridgeMoh", startBridgeMoh(u"queue-bridge-1"_s, u"default"_s), "POST",
        "/ari/bridges/queue-bridge-1/moh?mohClass=default");
    row("stopBridgeMoh", stopBridgeMoh(u"queue-bridge-1"_s), "DELETE", "/ari/bridges/queue-bridge-1/moh");
    row("getPlayback", getPlayback(u"pb-1"_s), "GET", "/ari/playbacks/pb-1");
    row("stopPlayback", stopPlayback(u"pb-1"_s), "DELETE", "/ari/playbacks/pb-1");
    row("controlPlayback", controlPlayback(u"pb-1"_s, PlaybackOperation::Restart), "POST",
        "/ari/playbacks/pb-1/control?operation=restart");
    row("listStored", listStored(), "GET", "/ari/recordings/stored");
    row("getStored", getStored(recording), "GET", stored);
    row("deleteStored", deleteStored(recording), "DELETE", stored);
    row("copyStored", copyStored(recording, u"voicemail/305/copy-1"_s), "POST",
        stored + "/copy?destinationRecordingName=voicemail%2F305%2Fcopy-1");
    row("getStoredFile", getStoredFile(recording), "GET", stored + "/file");
    row("getLive", getLive(recording), "GET", live);
    row("stopLive", stopLive(recording), "POST", live + "/stop");
    row("cancelLive", cancelLive(recording), "DELETE", live);
    row("pauseLive", pauseLive(recording), "POST", live + "/pause");
    row("unpauseLive", unpauseLive(recording), "DELETE", live + "/pause");
    row("muteLive", muteLive(recording), "POST", live + "/mute");
    row("unmuteLive", unmuteLive(recording), "DELETE", live + "/mute");
}

void TestAriRestClient::requestShape()
{
    QFETCH(AriRequest, request);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);

    AriRestClient client(endpointFor(m_server->baseUrl()));
    const auto outcome = track(client.send(request));
    QVERIFY(outcome->wait());
    QCOMPARE(outcome->finishedCount, 1);
    QVERIFY2(outcome->result.isOk(), qPrintable(outcome->result.describe()));

    QCOMPARE(m_server->requests().size(), 1);
    const FakeRestServer::Request &seen = m_server->requests().constFirst();
    QCOMPARE(seen.method, method);
    QCOMPARE(seen.target, target);
    QCOMPARE(seen.header("Authorization"), s_basicAuth);
    if (body.isEmpty()) {
        QVERIFY2(seen.body.isEmpty(), seen.body.constData());
        QVERIFY(!seen.hasHeader("Content-Type"));
    } else {
        QCOMPARE(seen.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(QJsonDocument::fromJson(seen.body), QJsonDocument::fromJson(body));
    }
}

void TestAriRestClient::apiKeyInsteadOfBasicAuth_data()
{
    QTest::addColumn<AriRequest>("request");
    QTest::addColumn<QByteArray>("target");

    QTest::newRow("no query") << AriOperations::getInfo() << "/ari/asterisk/info?" + s_apiKeyItem;
    QTest::newRow("with query") << AriOperations::play(u"c-1"_s, { u"sound:beep"_s })
                                << "/ari/channels/c-1/play?media=sound%3Abeep&" + s_apiKeyItem;
    QTest::newRow("recording file") << AriOperations::getStoredFile(u"voicemail/305/1"_s)
                                    << "/ari/recordings/stored/voicemail%2F305%2F1/file?" + s_apiKeyItem;
}

void TestAriRestClient::apiKeyInsteadOfBasicAuth()
{
    QFETCH(AriRequest, request);
    QFETCH(QByteArray, target);

    AriRestClient client(endpointFor(m_server->baseUrl(), true));
    const auto outcome = track(client.send(request));
    QVERIFY(outcome->wait());
    QCOMPARE(outcome->finishedCount, 1);
    QVERIFY(outcome->result.isOk());
    QCOMPARE(m_server->requests().size(), 1);
    const FakeRestServer::Request &seen = m_server->requests().constFirst();
    QCOMPARE(seen.target, target);
    QCOMPARE(seen.queryValue(u"api_key"_s), u"asterisk:"_s + s_password);
    QVERIFY(!seen.hasHeader("Authorization"));
}

void TestAriRestClient::baseUrlWithTrailingSlash()
{
    AriEndpoint endpoint = endpointFor(m_server->baseUrl());
    endpoint.baseUrl = QUrl(m_server->baseUrl().toString() + u'/');
    AriRestClient client(endpoint);
    const auto outcome = track(client.send(AriOperations::getChannel(u"c-1"_s)));
    QVERIFY(outcome->wait());
    QCOMPARE(outcome->finishedCount, 1);
    QCOMPARE(m_server->requests().constFirst().target, QByteArray("/ari/channels/c-1"));
}

void TestAriRestClient::successBodies_data()
{
    QTest::addColumn<AriRequest>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<AriResult::Status>("expectedStatus");
    QTest::addColumn<QJsonValue>("expectedJson");

    const AriRequest channel = AriOperations::getChannel(u"c-1"_s);
    QTest::newRow("204 empty") << AriOperations::answer(u"c-1"_s) << 204 << QByteArray() << QByteArray()
                               << AriResult::Status::Ok << QJsonValue();
    QTest::newRow("200 object") << channel << 200 << QByteArray(R"({"id":"c-1","state":"Up"})")
                                << QByteArray("application/json") << AriResult::Status::Ok
                                << QJsonValue(QJsonObject { { u"id"_s, u"c-1"_s }, { u"state"_s, u"Up"_s } });
    QTest::newRow("200 array") << AriOperations::listStored() << 200
                               << QByteArray(R"([{"name":"voicemail/305/1","format":"wav"}])")
                               << QByteArray("application/json") << AriResult::Status::Ok
                               << QJsonValue(QJsonArray {
                                      QJsonObject { { u"name"_s, u"voicemail/305/1"_s }, { u"format"_s, u"wav"_s } } });
    QTest::newRow("201 object") << AriOperations::play(u"c-1"_s, { u"sound:beep"_s }) << 201
                                << QByteArray(R"({"id":"pb-1","state":"queued"})") << QByteArray("application/json")
                                << AriResult::Status::Ok
                                << QJsonValue(QJsonObject { { u"id"_s, u"pb-1"_s }, { u"state"_s, u"queued"_s } });
    QTest::newRow("200 not JSON") << channel << 200 << QByteArray("<html>hello</html>") << QByteArray("text/html")
                                  << AriResult::Status::MalformedBody << QJsonValue();
    QTest::newRow("200 truncated JSON") << channel << 200 << QByteArray(R"({"id":"c-1","sta)")
                                        << QByteArray("application/json") << AriResult::Status::MalformedBody
                                        << QJsonValue();
}

void TestAriRestClient::successBodies()
{
    QFETCH(AriRequest, request);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(AriResult::Status, expectedStatus);
    QFETCH(QJsonValue, expectedJson);

    m_server->setResponder(
        [=](const FakeRestServer::Request &) { return FakeRestServer::Response::text(status, body, contentType); });
    AriRestClient client(endpointFor(m_server->baseUrl()));
    QSignalSpy failed(&client, &AriRestClient::requestFailed);
    const auto outcome = track(client.send(request));
    QVERIFY(outcome->wait());
    QCOMPARE(outcome->finishedCount, 1);

    const AriResult &result = outcome->result;
    QCOMPARE(result.status(), expectedStatus);
    QCOMPARE(result.httpStatus(), status);
    QCOMPARE(result.body(), body);
    QCOMPARE(result.json(), expectedJson);
    if (expectedStatus == AriResult::Status::Ok) {
        QVERIFY(result.isOk());
        QCOMPARE(failed.count(), 0);
    } else {
        QVERIFY(!result.isOk());
        QVERIFY(result.message().contains(u"not JSON"_s));
        QVERIFY(result.describe().startsWith(u"malformed response (HTTP 200)"_s));
        QCOMPARE(failed.count(), 1);
    }
}

void TestAriRestClient::httpErrors_data()
{
    QTest::addColumn<AriRequest>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QString>("expectedMessage");

    const AriRequest channel = AriOperations::answer(u"c-1"_s);
    const QByteArray json("application/json");
    QTest::newRow("400") << AriOperations::controlPlayback(u"pb"_s, AriOperations::PlaybackOperation::Pause) << 400
                         << QByteArray(R"({"message":"Invalid operation bogus"})") << json
                         << u"Invalid operation bogus"_s;
    QTest::newRow("401") << AriOperations::getInfo() << 401 << QByteArray(R"({"message":"Authentication required"})")
                         << json << u"Authentication required"_s;
    QTest::newRow("404") << channel << 404 << QByteArray(R"({"message":"Channel not found"})") << json
                         << u"Channel not found"_s;
    QTest::newRow("405") << channel << 405 << QByteArray(R"({"message":"Invalid method"})") << json
                         << u"Invalid method"_s;
    QTest::newRow("409") << channel << 409 << QByteArray(R"({"message":"Channel not in Stasis application"})") << json
                         << u"Channel not in Stasis application"_s;
    QTest::newRow("422") << AriOperations::removeChannel(u"b"_s, { u"c-1"_s }) << 422
                         << QByteArray(R"({"message":"Channel not in this bridge"})") << json
                         << u"Channel not in this bridge"_s;
    QTest::newRow("500 message") << AriOperations::play(u"c-1"_s, {}) << 500
                                 << QByteArray(R"({"message":"Failed to queue media for playback"})") << json
                                 << u"Failed to queue media for playback"_s;
    AriOperations::OriginateOptions bogus;
    bogus.endpoint = u"Bogus/x"_s;
    QTest::newRow("500 error key") << AriOperations::originate(bogus) << 500
                                   << QByteArray(R"({"error":"Allocation failed"})") << json << u"Allocation failed"_s;
    QTest::newRow("404 empty body") << channel << 404 << QByteArray() << QByteArray() << u"Not Found"_s;
    QTest::newRow("400 html") << channel << 400
                              << QByteArray("<html><head><title>400 Bad Request</title></head>\r\n<body><h1>Bad "
                                            "Request</h1><p>Missing app</p></body></html>")
                              << QByteArray("text/html") << u"400 Bad Request Bad Request Missing app"_s;
    QTest::newRow("503 text") << channel << 503 << QByteArray("  Service unavailable,\n try later ")
                              << QByteArray("text/plain") << u"Service unavailable, try later"_s;
    QTest::newRow("404 on the file download")
        << AriOperations::getStoredFile(u"voicemail/305/x"_s) << 404
        << QByteArray(R"({"message":"Recording not found"})") << json << u"Recording not found"_s;
}

void TestAriRestClient::httpErrors()
{
    QFETCH(AriRequest, request);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(QString, expectedMessage);

    m_server->setResponder([=](const FakeRestServer::Request &) {
        FakeRestServer::Response response = FakeRestServer::Response::text(status, body, contentType);
        if (status == 401)
            response.headers.append(
                qMakePair(QByteArray("WWW-Authenticate"), QByteArray(R"(Basic realm="Asterisk REST Interface")")));
        return response;
    });
    AriRestClient client(endpointFor(m_server->baseUrl()));
    QSignalSpy failed(&client, &AriRestClient::requestFailed);
    const auto outcome = track(client.send(request));
    QVERIFY(outcome->wait());
    QCOMPARE(outcome->finishedCount, 1);

    const AriResult &result = outcome->result;
    QVERIFY(!result.isOk());
    QCOMPARE(result.status(), AriResult::Status::HttpError);
    QCOMPARE(result.httpStatus(), status);
    QCOMPARE(result.message(), expectedMessage);
    QCOMPARE(result.body(), body);
    QCOMPARE(result.describe(), u"%1 %2"_s.arg(status).arg(expectedMessage));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(1).value<AriResult>().httpStatus(), status);
    QCOMPARE(failed.at(0).at(0).value<AriRequest>().operation, request.operation);
    QCOMPARE(client.pendingCount(), 0);
}

void TestAriRestClient::binaryDownload()
{
    QByteArray wav("RIFF\x24\xaa\x00\x00WAVEfmt ", 16);
    for (int i = 0; i < 40000; ++i)
        wav.append(static_cast<char>((i * 37) & 0xff));
    m_server->setResponder(
        [wav](const FakeRestServer::Request &) { return FakeRestServer::Response::text(200, wav, "audio/wav"); });
    AriRestClient client(endpointFor(m_server->baseUrl()));
    const auto outcome = track(client.send(AriOperations::getStoredFile(u"voicemail/305/1411503204"_s)));
    QVERIFY(outcome->wait());
    QCOMPARE(outcome->finishedCount, 1);

    QVERIFY2(outcome->result.isOk(), qPrintable(outcome->result.describe()));
    QCOMPARE(outcome->result.httpStatus(), 200);
    QCOMPARE(outcome->result.body().size(), wav.size());
    QCOMPARE(outcome->result.body(), wav);
    QVERIFY(outcome->result.json().isNull());
    const FakeRestServer::Request &seen = m_server->requests().constFirst();
    QCOMPARE(seen.method, QByteArray("GET"));
    QCOMPARE(seen.target, QByteArray("/ari/recordings/stored/voicemail%2F305%2F1411503204/file"));
}

void TestAriRestClient::refusedConnection()
{
    QTcpServer dead;
    QVERIFY(dead.listen(QHostAddress::LocalHost, 0));
    const quint16 port = dead.serverPort();
    dead.close();

    AriRestClient client(endpointFor(QUrl(u"http://127.0.0.1:%1/ari"_s.arg(port))));
    QSignalSpy failed(&client, &AriRestClient::requestFailed);
    const auto outcome = track(client.send(AriOperations::getInfo()));
    QVERIFY(outcome->wait());
    QCOMPARE(outcome->finishedCount, 1);

    QCOMPARE(outcome->result.status(), AriResult::Status::NetworkError);
    QCOMPARE(outcome->result.httpStatus(), 0);
    QVERIFY2(
        outcome->result.message().contains(u"refused"_s, Qt::CaseInsensitive), qPrintable(outcome->result.message()));
    QVERIFY(outcome->result.describe().startsWith(u"network error: "_s));
    QCOMPARE(failed.count(), 1);
}

void TestAriRestClient::timeout()
{
    m_server->setResponder([](const FakeRestServer::Request &) { return FakeRestServer::Response::hold(); });
    AriEndpoint endpoint = endpointFor(m_server->baseUrl());
    endpoint.requestTimeoutMs = 150;
    AriRestClient client(endpoint);
    QSignalSpy abandoned(m_server.get(), &FakeRestServer::requestAbandoned);
    const auto outcome = track(client.send(AriOperations::getChannel(u"c-1"_s)));
    QVERIFY(outcome->wait());
    QCOMPARE(outcome->finishedCount, 1);

    QCOMPARE(outcome->result.status(), AriResult::Status::Timeout);
    QCOMPARE(outcome->result.message(), u"timeout after 150 ms"_s);
    QCOMPARE(outcome->result.describe(), u"timeout after 150 ms"_s);
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(client.pendingCount(), 0);
    // The client gave up on the connection.
    QTRY_COMPARE(abandoned.count(), 1);
}

void TestAriRestClient::droppedConnection()
{
    m_server->setResponder([](const FakeRestServer::Request &) { return FakeRestServer::Response::drop(); });
    AriRestClient client(endpointFor(m_server->baseUrl()));
    const auto outcome = track(client.send(AriOperations::answer(u"c-1"_s)));
    QVERIFY(outcome->wait());
    QCOMPARE(outcome->finishedCount, 1);
    QCOMPARE(outcome->result.status(), AriResult::Status::NetworkError);
    QVERIFY(!outcome->result.message().isEmpty());
    QVERIFY(m_server->requests().size() >= 1);
}

void TestAriRestClient::unusableBaseUrl_data()
{
    QTest::addColumn<QString>("baseUrl");
    QTest::newRow("unknown scheme") << u"gopher://127.0.0.1:8088/ari"_s;
    QTest::newRow("empty") << QString();
}

void TestAriRestClient::unusableBaseUrl()
{
    QFETCH(QString, baseUrl);
    AriRestClient client(endpointFor(QUrl(baseUrl)));
    QSignalSpy failed(&client, &AriRestClient::requestFailed);
    const auto outcome = track(client.send(AriOperations::getInfo(), u"k"_s));
    QCOMPARE(outcome->finishedCount, 0); // never from inside send()
    QVERIFY(outcome->wait());
    QCOMPARE(outcome->finishedCount, 1);
    QCOMPARE(outcome->result.status(), AriResult::Status::NetworkError);
    QVERIFY(!outcome->result.message().isEmpty());
    QCOMPARE(failed.count(), 1);
    QCOMPARE(client.pendingCount(), 0);
}

void TestAriRestClient::failuresAreSignalledAfterTheReply()
{
    m_server->setResponder([](const FakeRestServer::Request &request) {
        if (request.path.endsWith("/answer"))
            return FakeRestServer::Response::json(404, R"({"message":"Channel not found"})");
        return FakeRestServer::Response::noContent();
    });
    AriRestClient client(endpointFor(m_server->baseUrl()));
    QStringList order;
    connect(&client, &AriRestClient::requestFailed, this, [&order](const AriRequest &request, const AriResult &result) {
        order.append(u"failed "_s + request.operation + u' ' + result.describe());
    });
    AriReply *ok = client.send(AriOperations::ring(u"c-1"_s));
    ok->then(this, [&order](const AriResult &) { order.append(u"reply ring"_s); });
    AriReply *bad = client.send(AriOperations::answer(u"c-1"_s));
    bad->then(this, [&order](const AriResult &) { order.append(u"reply answer"_s); });

    QTRY_COMPARE(order.size(), 3);
    const qsizetype replyIndex = order.indexOf(u"reply answer"_s);
    const qsizetype failedIndex = order.indexOf(u"failed answer 404 Channel not found"_s);
    QVERIFY2(replyIndex >= 0 && failedIndex >= 0, qPrintable(order.join(u" | "_s)));
    QVERIFY(replyIndex < failedIndex);
    QVERIFY(order.contains(u"reply ring"_s));
}

void TestAriRestClient::passwordNeverLogged()
{
    QStringList captured;
    s_capturedMessages = &captured;
    s_previousFilter = QLoggingCategory::installFilter(enableRestDebug);
    s_previousHandler = qInstallMessageHandler(captureMessage);

    m_server->setResponder([](const FakeRestServer::Request &request) {
        if (request.path.endsWith("/answer"))
            return FakeRestServer::Response::json(404, R"({"message":"Channel not found"})");
        return FakeRestServer::Response::noContent();
    });
    QTcpServer dead;
    QVERIFY(dead.listen(QHostAddress::LocalHost, 0));
    const quint16 deadPort = dead.serverPort();
    dead.close();

    for (const bool apiKey : { false, true }) {
        AriEndpoint endpoint = endpointFor(m_server->baseUrl(), apiKey);
        endpoint.baseUrl.setUserInfo(u"asterisk:"_s + s_password); // must not leak from the URL either
        AriRestClient client(endpoint);
        const auto good = track(client.send(AriOperations::getInfo()));
        const auto bad = track(client.send(AriOperations::answer(u"c-1"_s)));
        AriEndpoint deadEndpoint = endpointFor(QUrl(u"http://127.0.0.1:%1/ari"_s.arg(deadPort)), apiKey);
        AriRestClient deadClient(deadEndpoint);
        const auto refused = track(deadClient.send(AriOperations::getInfo()));
        QTRY_COMPARE(good->finishedCount + bad->finishedCount + refused->finishedCount, 3);
        QCOMPARE(refused->result.status(), AriResult::Status::NetworkError);
    }

    qInstallMessageHandler(s_previousHandler);
    QLoggingCategory::installFilter(s_previousFilter);
    s_capturedMessages = nullptr;

    const QString joined = captured.join(u'\n');
    QVERIFY2(joined.contains(u"-> \"GET /asterisk/info"_s), qPrintable(joined)); // debug lines were captured
    QVERIFY2(joined.contains(u"Channel not found"_s), qPrintable(joined));
    for (const QString &secret : { s_password, u"s3cr%3Aet"_s, u"s3cr"_s, QString::fromLatin1(s_basicAuth.mid(6)) })
        QVERIFY2(!joined.contains(secret), qPrintable(u"logged: "_s + secret));
}

void TestAriRestClient::tlsVerification_data()
{
    QTest::addColumn<bool>("verifyPeer");
    QTest::addColumn<AriResult::Status>("expected");

    // The test server's certificate is self-signed: refused when checked, accepted when told not to.
    QTest::newRow("verified") << true << AriResult::Status::NetworkError;
    QTest::newRow("not verified") << false << AriResult::Status::Ok;
}

void TestAriRestClient::tlsVerification()
{
    QFETCH(bool, verifyPeer);
    QFETCH(AriResult::Status, expected);

    QVERIFY2(QSslSocket::supportsSsl(), "Qt was built without a TLS backend");
    QFile certificateFile(QStringLiteral(SUPERVISOR_TEST_DATA_DIR "/tls/loopback.crt"));
    QFile keyFile(QStringLiteral(SUPERVISOR_TEST_DATA_DIR "/tls/loopback.key"));
    QVERIFY(certificateFile.open(QIODevice::ReadOnly));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QSslCertificate certificate(&certificateFile, QSsl::Pem);
    const QSslKey key(&keyFile, QSsl::Rsa, QSsl::Pem);
    QVERIFY(!certificate.isNull());
    QVERIFY(!key.isNull());

    FakeRestServer tlsServer;
    QVERIFY(tlsServer.listenTls(certificate, key));
    QCOMPARE(tlsServer.baseUrl().scheme(), u"https"_s);
    AriEndpoint endpoint = endpointFor(tlsServer.baseUrl());
    endpoint.verifyPeer = verifyPeer;
    if (!verifyPeer)
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"TLS certificate verification is disabled"_s));
    AriRestClient client(endpoint);
    const auto outcome = track(client.send(AriOperations::getStored(u"voicemail/305/1"_s)));
    QVERIFY(outcome->wait());

    QCOMPARE(outcome->result.status(), expected);
    if (expected == AriResult::Status::Ok) {
        QCOMPARE(tlsServer.requests().size(), 1);
        QCOMPARE(tlsServer.requests().constFirst().target, QByteArray("/ari/recordings/stored/voicemail%2F305%2F1"));
        QCOMPARE(tlsServer.requests().constFirst().header("Authorization"), s_basicAuth);
    } else {
        QVERIFY2(outcome->result.message().contains(u"SSL"_s, Qt::CaseInsensitive)
                || outcome->result.message().contains(u"certificate"_s, Qt::CaseInsensitive),
            qPrintable(outcome->result.message()));
        QCOMPARE(tlsServer.requests().size(), 0); // nothing, credentials included, was sent
    }
}

void TestAriRestClient::replyFinishesOnceAndDeletesItself()
{
    AriRestClient client(endpointFor(m_server->baseUrl()));
    AriReply *reply = client.send(AriOperations::getInfo());
    QPointer<AriReply> guard(reply);
    QSignalSpy finished(reply, &AriReply::finished);
    QCOMPARE(client.pendingCount(), 1);
    QVERIFY(!reply->isFinished());
    QVERIFY(finished.wait());
    QCOMPARE(finished.count(), 1);
    QVERIFY(reply->isFinished());
    QVERIFY(reply->result().isOk());
    QCOMPARE(client.pendingCount(), 0);
    QTRY_VERIFY(guard.isNull());
    QCOMPARE(finished.count(), 1);
}

void TestAriRestClient::thenSkipsDeadContext()
{
    m_server->setResponder([](const FakeRestServer::Request &) { return FakeRestServer::Response::hold(); });
    AriRestClient client(endpointFor(m_server->baseUrl()));
    AriReply *reply = client.send(AriOperations::getInfo());
    const auto outcome = track(reply);
    int liveCalls = 0;
    int deadCalls = 0;
    auto context = std::make_unique<QObject>();
    reply->then(context.get(), [&deadCalls](const AriResult &) { ++deadCalls; });
    reply->then(this, [&liveCalls](const AriResult &) { ++liveCalls; });
    QTRY_COMPARE(m_server->heldCount(), 1);
    context.reset();
    QVERIFY(m_server->releaseHeld(FakeRestServer::Response::json(200, "{}")));
    QVERIFY(outcome->wait());
    QCOMPARE(outcome->finishedCount, 1);
    QCOMPARE(liveCalls, 1);
    QCOMPARE(deadCalls, 0);
}

void TestAriRestClient::thenAfterFinished()
{
    AriRestClient client(endpointFor(m_server->baseUrl()));
    AriReply *reply = client.send(AriOperations::getInfo());
    QSignalSpy finished(reply, &AriReply::finished);
    QVERIFY(finished.wait());
    // Still alive until the event loop runs its deferred delete: a late then() is still answered.
    int calls = 0;
    AriResult seen;
    reply->then(this, [&calls, &seen](const AriResult &result) {
        ++calls;
        seen = result;
    });
    QCOMPARE(calls, 0); // never from inside then()
    QTRY_COMPARE(calls, 1);
    QVERIFY(seen.isOk());
}

void TestAriRestClient::sameKeyIsSequentialOtherKeyIsNot()
{
    constexpr int burst = 50;
    const QByteArray lanePrefix = "/ari/channels/lane-a/";
    m_server->setResponder([lanePrefix](const FakeRestServer::Request &request) {
        if (request.path.startsWith(lanePrefix))
            return FakeRestServer::Response::hold(); // released one by one below
        return FakeRestServer::Response::noContent();
    });
    int laneInFlight = 0;
    int laneMaxInFlight = 0;
    QStringList laneArrivals;
    connect(m_server.get(), &FakeRestServer::requestReceived, this, [&](const FakeRestServer::Request &request) {
        if (!request.path.startsWith(lanePrefix))
            return;
        laneArrivals.append(request.queryValue(u"value"_s));
        laneMaxInFlight = std::max(laneMaxInFlight, ++laneInFlight);
    });
    connect(m_server.get(), &FakeRestServer::responseSent, this, [&](const FakeRestServer::Request &request, int) {
        if (request.path.startsWith(lanePrefix))
            --laneInFlight;
    });

    QSignalSpy arrivals(m_server.get(), &FakeRestServer::requestReceived);
    AriRestClient client(endpointFor(m_server->baseUrl()));
    QList<int> finishedOrder;
    std::shared_ptr<Outcome> last;
    for (int i = 0; i < burst; ++i) {
        AriReply *reply
            = client.send(AriOperations::setChannelVar(u"lane-a"_s, u"SEQ"_s, QString::number(i)), u"lane-a"_s);
        reply->then(this, [&finishedOrder, i](const AriResult &result) {
            if (result.isOk())
                finishedOrder.append(i);
        });
        if (i == burst - 1)
            last = track(reply);
    }
    while (laneArrivals.isEmpty())
        QVERIFY(arrivals.wait());
    QCOMPARE(m_server->heldCount(), 1);
    QCOMPARE(client.pendingCount(), burst);
    QCOMPARE(client.queuedCount(), burst - 1);

    // Another call's request goes through while lane A waits on its first answer.
    const auto other = track(client.send(AriOperations::answer(u"lane-b"_s), u"lane-b"_s));
    QVERIFY(other->wait());
    QCOMPARE(other->finishedCount, 1);
    QVERIFY(other->result.isOk());
    QVERIFY(finishedOrder.isEmpty());
    QCOMPARE(laneArrivals, QStringList { u"0"_s });
    QCOMPARE(m_server->heldCount(), 1);

    // Answer lane A one request at a time: each next request must arrive only after the previous
    // one has been answered and reported.
    for (int i = 0; i < burst; ++i) {
        QCOMPARE(m_server->heldCount(), 1);
        QCOMPARE(laneArrivals.size(), i + 1);
        QCOMPARE(laneArrivals.constLast(), QString::number(i));
        QCOMPARE(finishedOrder.size(), i);
        QVERIFY(m_server->releaseHeld(FakeRestServer::Response::noContent()));
        if (i + 1 < burst) {
            while (laneArrivals.size() < i + 2)
                QVERIFY(arrivals.wait());
        } else {
            QVERIFY(last->wait());
        }
        QCOMPARE(finishedOrder.size(), i + 1);
    }

    QList<int> expected;
    for (int i = 0; i < burst; ++i)
        expected.append(i);
    QCOMPARE(finishedOrder, expected);
    QCOMPARE(laneMaxInFlight, 1);
    QCOMPARE(client.pendingCount(), 0);
    QCOMPARE(client.queuedCount(), 0);
}

void TestAriRestClient::sameKeyOrderWithDelayedAnswers()
{
    constexpr int burst = 50;
    const QByteArray lanePrefix = "/ari/channels/lane-a/";
    m_server->setResponder([lanePrefix](const FakeRestServer::Request &request) {
        FakeRestServer::Response response = FakeRestServer::Response::noContent();
        if (request.path.startsWith(lanePrefix))
            response.delayMs = 3;
        return response;
    });
    int laneInFlight = 0;
    int laneMaxInFlight = 0;
    QStringList laneArrivals;
    connect(m_server.get(), &FakeRestServer::requestReceived, this, [&](const FakeRestServer::Request &request) {
        if (!request.path.startsWith(lanePrefix))
            return;
        laneArrivals.append(request.queryValue(u"dtmf"_s));
        laneMaxInFlight = std::max(laneMaxInFlight, ++laneInFlight);
    });
    connect(m_server.get(), &FakeRestServer::responseSent, this, [&](const FakeRestServer::Request &request, int) {
        if (request.path.startsWith(lanePrefix))
            --laneInFlight;
    });

    AriRestClient client(endpointFor(m_server->baseUrl()));
    QStringList expected;
    QStringList finished;
    QList<std::shared_ptr<Outcome>> others;
    std::shared_ptr<Outcome> last;
    for (int i = 0; i < burst; ++i) {
        expected.append(QString::number(i));
        AriReply *reply = client.send(AriOperations::sendDTMF(u"lane-a"_s, QString::number(i)), u"lane-a"_s);
        reply->then(this, [&finished, i](const AriResult &) { finished.append(QString::number(i)); });
        if (i == burst - 1)
            last = track(reply);
        // Other calls' requests are interleaved with the burst.
        if (i % 10 == 0)
            others.append(track(client.send(AriOperations::ring(u"lane-b-%1"_s.arg(i)), u"lane-b-%1"_s.arg(i))));
    }
    QVERIFY(last->wait());
    QCOMPARE(laneArrivals, expected);
    QCOMPARE(finished, expected);
    QCOMPARE(laneMaxInFlight, 1);
    for (const auto &other : others) {
        QVERIFY(other->wait());
        QVERIFY(other->result.isOk());
    }
    QCOMPARE(client.pendingCount(), 0);
    QCOMPARE(m_server->requests().size(), burst + 5);
}

void TestAriRestClient::differentKeysRunConcurrently()
{
    m_server->setResponder([](const FakeRestServer::Request &) { return FakeRestServer::Response::hold(); });
    AriRestClient client(endpointFor(m_server->baseUrl()));
    QList<std::shared_ptr<Outcome>> outcomes;
    outcomes.append(track(client.send(AriOperations::answer(u"a"_s), u"call-a"_s)));
    outcomes.append(track(client.send(AriOperations::answer(u"b"_s), u"call-b"_s)));
    outcomes.append(track(client.send(AriOperations::getInfo())));
    outcomes.append(track(client.send(AriOperations::listChannels())));
    outcomes.append(track(client.send(AriOperations::ring(u"a"_s), u"call-a"_s)));
    // All but the second request of call-a are on the wire at once.
    QTRY_COMPARE(m_server->heldCount(), 4);
    QCOMPARE(client.pendingCount(), 5);
    QCOMPARE(client.queuedCount(), 1);
    for (int i = 0; i < 5; ++i) {
        QTRY_VERIFY(m_server->heldCount() >= 1);
        QVERIFY(m_server->releaseHeld(FakeRestServer::Response::noContent()));
    }
    for (const auto &outcome : outcomes) {
        QVERIFY(outcome->wait());
        QCOMPARE(outcome->finishedCount, 1);
        QVERIFY(outcome->result.isOk());
    }
    QCOMPARE(m_server->requests().size(), 5);
}

void TestAriRestClient::handlerRequestQueuesBehindWaitingOnes()
{
    AriRestClient client(endpointFor(m_server->baseUrl()));
    QStringList arrivals;
    connect(m_server.get(), &FakeRestServer::requestReceived, this,
        [&arrivals](const FakeRestServer::Request &request) { arrivals.append(request.queryValue(u"dtmf"_s)); });
    const QString key = u"call-1"_s;
    AriReply *first = client.send(AriOperations::sendDTMF(u"c"_s, u"1"_s), key);
    first->then(this, [&client, key](const AriResult &) { client.send(AriOperations::sendDTMF(u"c"_s, u"4"_s), key); });
    client.send(AriOperations::sendDTMF(u"c"_s, u"2"_s), key);
    client.send(AriOperations::sendDTMF(u"c"_s, u"3"_s), key);
    QTRY_COMPARE(arrivals.size(), 4);
    QCOMPARE(arrivals, (QStringList { u"1"_s, u"2"_s, u"3"_s, u"4"_s }));
    QTRY_COMPARE(client.pendingCount(), 0);
}

void TestAriRestClient::destroyingClientWithPendingRequests()
{
    m_server->setResponder([](const FakeRestServer::Request &) { return FakeRestServer::Response::hold(); });
    auto client = std::make_unique<AriRestClient>(endpointFor(m_server->baseUrl()));
    QPointer<AriReply> inFlight = client->send(AriOperations::answer(u"c"_s), u"k"_s);
    QPointer<AriReply> queued = client->send(AriOperations::ring(u"c"_s), u"k"_s);
    const auto inFlightOutcome = track(inFlight);
    const auto queuedOutcome = track(queued);
    QTRY_COMPARE(m_server->heldCount(), 1);

    client.reset();
    QVERIFY(inFlight.isNull());
    QVERIFY(queued.isNull());
    QCOMPARE(inFlightOutcome->finishedCount, 0);
    QCOMPARE(queuedOutcome->finishedCount, 0);
    QTRY_COMPARE(m_server->inFlight(), 0); // the connection was closed
    QCOMPARE(m_server->requests().size(), 1);
}

// Every answered request (an error too) is timed on the wire, under the transport that carried it,
// as a Prometheus histogram (SPEC OP-5).
void TestAriRestClient::latencyRecordedByTransport()
{
    m_server->setResponder([](const FakeRestServer::Request &request) {
        FakeRestServer::Response response = FakeRestServer::Response::noContent();
        if (request.path.contains("/slow-"))
            response.delayMs = 60;
        if (request.path.contains("/gone-"))
            response = FakeRestServer::Response::json(404, R"({"message":"Channel not found"})");
        return response;
    });
    AriRequestLatency latency;
    AriRestClient client(endpointFor(m_server->baseUrl()));
    client.setLatency(&latency);
    QList<std::shared_ptr<Outcome>> outcomes;
    for (int i = 0; i < 4; ++i)
        outcomes.append(track(client.send(AriOperations::ring(u"fast-%1"_s.arg(i)))));
    for (int i = 0; i < 2; ++i)
        outcomes.append(track(client.send(AriOperations::ring(u"slow-%1"_s.arg(i)))));
    outcomes.append(track(client.send(AriOperations::ring(u"gone-1"_s))));
    for (const std::shared_ptr<Outcome> &outcome : std::as_const(outcomes))
        QVERIFY(outcome->wait());
    QCOMPARE(latency.count(AriRequestLatency::Transport::Http), quint64(7));
    QCOMPARE(latency.count(AriRequestLatency::Transport::WebSocket), quint64(0));

    // The text, parsed: cumulative buckets, +Inf and _count the same, _sum at least the delays.
    const QString text = latency.prometheusText("ari_rest_request_duration_seconds"_L1);
    QVERIFY(text.startsWith(u"# HELP ari_rest_request_duration_seconds "_s));
    QVERIFY(text.contains(u"\n# TYPE ari_rest_request_duration_seconds histogram\n"_s));
    QHash<QString, double> series;
    for (const QString &line : text.split(u'\n', Qt::SkipEmptyParts)) {
        if (line.startsWith(u'#'))
            continue;
        const qsizetype space = line.lastIndexOf(u' ');
        bool ok = false;
        series.insert(line.left(space), line.mid(space + 1).toDouble(&ok));
        QVERIFY2(ok, qPrintable(line));
    }
    for (const QLatin1StringView transport : { "http"_L1, "websocket"_L1 }) {
        double previous = 0;
        for (const double bound : AriRequestLatency::s_bounds) {
            const QString key = u"ari_rest_request_duration_seconds_bucket{transport=\"%1\",le=\"%2\"}"_s.arg(
                transport, QString::number(bound, 'g', 6));
            QVERIFY2(series.contains(key), qPrintable(key + u'\n' + text));
            QVERIFY(series.value(key) >= previous);
            previous = series.value(key);
        }
        const QString infinity
            = u"ari_rest_request_duration_seconds_bucket{transport=\"%1\",le=\"+Inf\"}"_s.arg(transport);
        const QString count = u"ari_rest_request_duration_seconds_count{transport=\"%1\"}"_s.arg(transport);
        QVERIFY(series.contains(infinity) && series.contains(count));
        QVERIFY(series.value(infinity) >= previous);
        QCOMPARE(series.value(infinity), series.value(count));
    }
    QCOMPARE(series.value(u"ari_rest_request_duration_seconds_count{transport=\"http\"}"_s), 7.0);
    QCOMPARE(series.value(u"ari_rest_request_duration_seconds_count{transport=\"websocket\"}"_s), 0.0);
    QVERIFY(series.value(u"ari_rest_request_duration_seconds_sum{transport=\"http\"}"_s) >= 0.12);
    // The two slow ones took longer than 50 ms: at most five below that bound.
    QVERIFY(series.value(u"ari_rest_request_duration_seconds_bucket{transport=\"http\",le=\"0.05\"}"_s) <= 5.0);
}

QTEST_GUILESS_MAIN(TestAriRestClient)
#include "TestAriRestClient.moc"
