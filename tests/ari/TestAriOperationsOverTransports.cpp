// Every ARI operation the supervisor uses (the request-shape table tests/data/ari-operations.tsv)
// sent through AriRestClient to the simulator over each REST transport (SPEC CN-1): over HTTP,
// on the event WebSocket, and with rest_transport=auto (the simulator reports Asterisk 22.10.1,
// which takes requests on the socket). The same sequence of calls must give the same statuses
// whichever transport carried them. On the socket, HTTP is pointed at a closed port after the
// connection came up, so a call that silently went over HTTP would fail; only the download of a
// recording's file must (and does) use HTTP.
#include "core/ari/AriConnection.h"
#include "core/ari/AriEventStream.h"
#include "core/ari/AriOperations.h"
#include "core/ari/AriReply.h"
#include "core/ari/AriRestClient.h"

#include "sim/SimServer.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <functional>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

const QString kApp = u"vm-record"_s;

struct Step
{
    QString name;
    std::function<AriRequest(const QString &channel)> request;
    int expectedStatus;
};

// The calls, in order, on one caller's channel (its id is passed in) and a bridge of our own.
QList<Step> steps()
{
    using namespace AriOperations;
    const QString bridge = u"tr-bridge"_s;
    const QString recording = u"transport/msg-1"_s;
    const QString copy = u"transport/copy-1"_s;
    const QStringList media { u"sound:vm-intro"_s };
    const auto fixed = [](AriRequest request) { return [request](const QString &) { return request; }; };
    PlayOptions withId;
    withId.playbackId = u"tr-pb-1"_s;
    PlayOptions generated;
    PlayOptions onBridge;
    onBridge.playbackId = u"tr-bpb-1"_s;
    RecordOptions record;
    record.name = recording;
    record.format = u"wav"_s;
    record.ifExists = u"overwrite"_s;
    RecordOptions bridgeRecord;
    bridgeRecord.name = u"transport/bridge-1"_s;
    bridgeRecord.format = u"wav"_s;
    OriginateOptions originate;
    originate.endpoint = u"Local/wait@wait/n"_s;
    originate.app = kApp;
    originate.channelId = u"tr-orig-1"_s;
    originate.variables = QJsonObject { { u"X"_s, u"1"_s } };
    DtmfOptions dtmf;
    dtmf.between = 100;

    return {
        { u"getInfo"_s, fixed(getInfo()), 200 },
        { u"getGlobalVariable (not simulated)"_s, fixed(getGlobalVariable(u"TRANSPORT_X"_s)), 404 },
        { u"listApplications"_s, fixed(listApplications()), 200 },
        { u"getApplication"_s, fixed(getApplication(kApp)), 200 },
        { u"getApplication unknown"_s, fixed(getApplication(u"no-such-app"_s)), 404 },
        { u"listSounds"_s, fixed(listSounds(u"en"_s)), 200 },
        { u"getSound"_s, fixed(getSound(u"vm-intro"_s)), 200 },
        { u"getSound unknown"_s, fixed(getSound(u"nope"_s)), 404 },
        { u"listChannels"_s, fixed(listChannels()), 200 },
        { u"getChannel"_s, [](const QString &c) { return getChannel(c); }, 200 },
        { u"answer"_s, [](const QString &c) { return answer(c); }, 204 },
        { u"ring"_s, [](const QString &c) { return ring(c); }, 204 },
        { u"ringStop"_s, [](const QString &c) { return ringStop(c); }, 204 },
        { u"setChannelVar"_s, [](const QString &c) { return setChannelVar(c, u"VM_MAILBOX"_s, u"305"_s); }, 204 },
        { u"getChannelVar"_s, [](const QString &c) { return getChannelVar(c, u"VM_MAILBOX"_s); }, 200 },
        { u"getChannelVar unset"_s, [](const QString &c) { return getChannelVar(c, u"NOT_SET"_s); }, 404 },
        { u"snoopChannel"_s,
            [](const QString &c) { return snoopChannel(c, { u"both"_s, u"out"_s, kApp, u"snoop"_s, u"tr-snoop-1"_s }); },
            200 },
        { u"snoopChannel bad direction"_s,
            [](const QString &c) { return snoopChannel(c, { u"sideways"_s, {}, kApp, {}, {} }); }, 400 },
        { u"hangup snoop"_s, fixed(hangup(u"tr-snoop-1"_s)), 204 },
        { u"play with id"_s, [=](const QString &c) { return play(c, media, withId); }, 201 },
        { u"getPlayback"_s, fixed(getPlayback(u"tr-pb-1"_s)), 200 },
        { u"controlPlayback pause"_s, fixed(controlPlayback(u"tr-pb-1"_s, PlaybackOperation::Pause)), 204 },
        { u"controlPlayback unpause"_s, fixed(controlPlayback(u"tr-pb-1"_s, PlaybackOperation::Unpause)), 204 },
        { u"controlPlayback forward"_s, fixed(controlPlayback(u"tr-pb-1"_s, PlaybackOperation::Forward)), 204 },
        { u"controlPlayback reverse"_s, fixed(controlPlayback(u"tr-pb-1"_s, PlaybackOperation::Reverse)), 204 },
        { u"controlPlayback restart"_s, fixed(controlPlayback(u"tr-pb-1"_s, PlaybackOperation::Restart)), 204 },
        { u"stopPlayback"_s, fixed(stopPlayback(u"tr-pb-1"_s)), 204 },
        { u"getPlayback gone"_s, fixed(getPlayback(u"tr-pb-1"_s)), 404 },
        { u"sendDTMF"_s, [=](const QString &c) { return sendDTMF(c, u"12"_s, dtmf); }, 204 },
        { u"startMoh"_s, [](const QString &c) { return startMoh(c); }, 204 },
        { u"stopMoh"_s, [](const QString &c) { return stopMoh(c); }, 204 },
        { u"record"_s, [=](const QString &c) { return AriOperations::record(c, record); }, 201 },
        { u"getLive"_s, fixed(getLive(recording)), 200 },
        { u"pauseLive"_s, fixed(pauseLive(recording)), 204 },
        { u"unpauseLive"_s, fixed(unpauseLive(recording)), 204 },
        { u"muteLive"_s, fixed(muteLive(recording)), 204 },
        { u"unmuteLive"_s, fixed(unmuteLive(recording)), 204 },
        { u"stopLive"_s, fixed(stopLive(recording)), 204 },
        { u"cancelLive unknown"_s, fixed(cancelLive(u"transport/none"_s)), 404 },
        { u"listStored"_s, fixed(listStored()), 200 },
        { u"getStored"_s, fixed(getStored(recording)), 200 },
        { u"copyStored"_s, fixed(copyStored(recording, copy)), 200 },
        { u"getStoredFile"_s, fixed(getStoredFile(copy)), 200 },
        { u"deleteStored"_s, fixed(deleteStored(copy)), 204 },
        { u"getStored deleted"_s, fixed(getStored(copy)), 404 },
        { u"update"_s, fixed(updateMailbox(u"305@default"_s, 2, 1)), 204 },
        { u"play"_s, [=](const QString &c) { return play(c, media, generated); }, 201 },
        { u"createBridge"_s, fixed(createBridge(u"mixing"_s, bridge, u"transport"_s)), 200 },
        { u"getBridge"_s, fixed(getBridge(bridge)), 200 },
        { u"listBridges"_s, fixed(listBridges()), 200 },
        { u"addChannel"_s, [=](const QString &c) { return addChannel(bridge, { c }); }, 204 },
        { u"playOnBridge with id"_s, [=](const QString &) { return playOnBridge(bridge, media, onBridge); }, 201 },
        { u"playOnBridge"_s, [=](const QString &) { return playOnBridge(bridge, media, generated); }, 201 },
        { u"startBridgeMoh"_s, fixed(startBridgeMoh(bridge)), 204 },
        { u"stopBridgeMoh"_s, fixed(stopBridgeMoh(bridge)), 204 },
        { u"stopBridgeMoh again"_s, fixed(stopBridgeMoh(bridge)), 409 },
        { u"recordBridge"_s, fixed(recordBridge(bridge, bridgeRecord)), 201 },
        { u"cancelLive"_s, fixed(cancelLive(u"transport/bridge-1"_s)), 204 },
        { u"removeChannel"_s, [=](const QString &c) { return removeChannel(bridge, { c }); }, 204 },
        { u"removeChannel again"_s, [=](const QString &c) { return removeChannel(bridge, { c }); }, 422 },
        { u"destroyBridge"_s, fixed(destroyBridge(bridge)), 204 },
        { u"originate"_s, fixed(AriOperations::originate(originate)), 200 },
        { u"originate duplicate"_s, fixed(AriOperations::originate(originate)), 409 },
        { u"hangup originated"_s, fixed(hangup(u"tr-orig-1"_s)), 204 },
        { u"hangup"_s, [](const QString &c) { return hangup(c, u"normal"_s); }, 204 },
        { u"getChannel gone"_s, [](const QString &c) { return getChannel(c); }, 404 },
    };
}

// (method, path template) of every row of the request-shape table.
QSet<QString> tableOperations()
{
    QSet<QString> operations;
    QFile file(QStringLiteral(SUPERVISOR_TEST_DATA_DIR "/ari-operations.tsv"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return operations;
    bool header = true;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        if (header) {
            header = false;
            continue;
        }
        const QStringList cells = line.split(u'\t');
        if (cells.size() >= 4)
            operations.insert(cells.at(2) + u' ' + cells.at(3));
    }
    return operations;
}

std::optional<AriResult> call(AriRestClient *client, const AriRequest &request)
{
    const auto outcome = std::make_shared<std::optional<AriResult>>();
    client->send(request)->then(client, [outcome](const AriResult &result) { *outcome = result; });
    (void)QTest::qWaitFor([outcome] { return outcome->has_value(); }, 30000);
    return *outcome;
}

} // namespace

class TestAriOperationsOverTransports final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyOperation_data();
    void everyOperation();

private:
    // Places a caller into kApp through the simulator's control API; returns its channel id.
    QString placeCall(SimServer &server, AriEventStream *events);
};

QString TestAriOperationsOverTransports::placeCall(SimServer &server, AriEventStream *events)
{
    QString channel;
    const QMetaObject::Connection watching
        = connect(events, &AriEventStream::eventReceived, this, [&channel](const AriEvent &event) {
              if (event.type() == AriEvent::Type::StasisStart && channel.isEmpty())
                  channel = event.channelId();
          });
    QNetworkAccessManager network;
    QUrl url = server.baseUrl();
    url.setPath(u"/sim/calls"_s);
    url.setQuery(u"app="_s + kApp);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Basic " + QByteArray("asterisk:asterisk").toBase64());
    QNetworkReply *reply = network.post(request, QByteArray());
    (void)QTest::qWaitFor([reply] { return reply->isFinished(); }, 30000);
    reply->deleteLater();
    (void)QTest::qWaitFor([&channel] { return !channel.isEmpty(); }, 30000);
    disconnect(watching);
    return channel;
}

void TestAriOperationsOverTransports::everyOperation_data()
{
    QTest::addColumn<AriEndpoint::RestTransport>("transport");
    QTest::newRow("http") << AriEndpoint::RestTransport::Http;
    QTest::newRow("websocket") << AriEndpoint::RestTransport::WebSocket;
    QTest::newRow("auto") << AriEndpoint::RestTransport::Auto;
}

void TestAriOperationsOverTransports::everyOperation()
{
    QFETCH(AriEndpoint::RestTransport, transport);
    SimServer server({});
    QVERIFY(server.start());

    AriEndpoint endpoint;
    endpoint.baseUrl = QUrl(server.baseUrl().toString() + u"/ari"_s);
    endpoint.user = u"asterisk"_s;
    endpoint.password = u"asterisk"_s;
    endpoint.applications = { kApp };
    endpoint.restTransport = transport;
    AriConnection connection(endpoint);
    QSignalSpy info(&connection, &AriConnection::asteriskInfoChanged);
    connection.open();
    QTRY_COMPARE_WITH_TIMEOUT(info.count(), 1, 30000);
    AriRestClient *client = connection.rest();
    const bool onSocket = transport != AriEndpoint::RestTransport::Http;
    QCOMPARE(client->usesEventSocket(), onSocket);

    AriEndpoint noHttp = endpoint;
    if (onSocket) {
        noHttp.baseUrl = QUrl(u"http://127.0.0.1:1/ari"_s); // nothing listens there
        client->setEndpoint(noHttp);
    }
    const QString channel = placeCall(server, connection.events());
    QVERIFY(!channel.isEmpty());

    QSet<QString> exercised;
    connect(client, &AriRestClient::requestSent, this, [&exercised](const AriRequest &request) {
        exercised.insert(AriRequest::methodName(request.method) + u' ' + request.pathTemplate);
    });
    for (const Step &step : steps()) {
        const AriRequest request = step.request(channel);
        client->setEndpoint(request.binary ? endpoint : noHttp); // a file download goes over HTTP
        const std::optional<AriResult> result = call(client, request);
        QVERIFY2(result.has_value(), qPrintable(step.name + u": no answer"_s));
        QVERIFY2(result->httpStatus() == step.expectedStatus,
            qPrintable(step.name + u" ("_s + request.describe() + u"): "_s + result->describe() + u", expected "_s
                + QString::number(step.expectedStatus)));
        const bool success = step.expectedStatus < 300;
        QVERIFY2(result->isOk() == success, qPrintable(step.name + u": "_s + result->describe()));
        if (!success) {
            QCOMPARE(result->status(), AriResult::Status::HttpError);
            QVERIFY2(!result->message().isEmpty(), qPrintable(step.name)); // ARI's message
        } else if (step.expectedStatus == 200 && !request.binary) {
            QVERIFY2(result->json().isObject() || result->json().isArray(), qPrintable(step.name));
        } else if (request.binary) {
            QVERIFY(result->body().startsWith("RIFF"));
        }
    }
    QCOMPARE(client->pendingCount(), 0);

    const QSet<QString> table = tableOperations();
    QVERIFY(!table.isEmpty());
    for (const QString &operation : table)
        QVERIFY2(exercised.contains(operation), qPrintable(u"not exercised: "_s + operation));
}

QTEST_GUILESS_MAIN(TestAriOperationsOverTransports)
#include "TestAriOperationsOverTransports.moc"
