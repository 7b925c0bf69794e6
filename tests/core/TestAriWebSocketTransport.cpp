// REST requests on the event WebSocket (SPEC CN-1) and the limits of the event socket and of
// REST answers (CN-7), against a stand-in server that plays Asterisk's part frame by frame.
#include "core/ari/AriEventStream.h"
#include "core/ari/AriOperations.h"
#include "core/ari/AriReply.h"
#include "core/ari/AriRestClient.h"
#include "core/ari/AriWebSocketTransport.h"

#include "support/FakeEventServer.h"
#include "support/FakeRestServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

QJsonObject parsed(const QByteArray &frame)
{
    return QJsonDocument::fromJson(frame).object();
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// The answer Asterisk gives to `request`: 204 without a body, else the body as a string.
QJsonObject responseTo(const QJsonObject &request, int status, const QString &reason, const QByteArray &body = {})
{
    QJsonObject response { { u"type"_s, u"RESTResponse"_s },
        { u"transaction_id"_s, request.value("transaction_id"_L1) },
        { u"request_id"_s, request.value("request_id"_L1) }, { u"status_code"_s, status },
        { u"reason_phrase"_s, reason }, { u"uri"_s, request.value("uri"_L1) }, { u"application"_s, u"vm-record"_s },
        { u"timestamp"_s, u"2026-12-06T16:42:22.706+0000"_s }, { u"asterisk_id"_s, u"02:fc:00:00:00:01"_s } };
    if (!body.isEmpty()) {
        response.insert(u"content_type"_s, u"application/json"_s);
        response.insert(u"message_body"_s, QString::fromUtf8(body));
    }
    return response;
}

struct Finished
{
    std::optional<AriResult> result;
};

std::shared_ptr<Finished> watch(AriReply *reply)
{
    auto finished = std::make_shared<Finished>();
    QObject::connect(reply, &AriReply::finished, [finished](const AriResult &result) { finished->result = result; });
    return finished;
}

} // namespace

class TestAriWebSocketTransport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void serverSupports_data();
    void serverSupports();
    void requestFrames();
    void answersMapLikeHttp_data();
    void answersMapLikeHttp();
    void answersMatchedByIdInAnyOrder();
    void eventsAndAnswersKeepTheirOrder();
    void orderingLaneWaitsForTheAnswer();
    void requestLeavesBeforeALongReadIsHandled();
    void timeoutThenLateAnswerIgnored();
    void pendingRequestsFailWhenTheSocketDrops();
    void notConnectedFailsAtOnce();
    void requestWaitsForTheSocketComingUp();
    void binaryDownloadGoesOverHttp();
    void oversizedAnswerBodyDropped();
    void oversizedEventFrameDropped();
    void oversizedHttpBodyAborted();

private:
    AriEndpoint endpoint() const;
    void connectStream();
    // The requests the server received so far, parsed.
    QList<QJsonObject> requests() const;

    std::unique_ptr<FakeEventServer> m_server;
    std::unique_ptr<AriEventStream> m_stream;
    std::unique_ptr<AriRestClient> m_client;
};

AriEndpoint TestAriWebSocketTransport::endpoint() const
{
    AriEndpoint endpoint;
    endpoint.baseUrl = m_server->baseUrl();
    endpoint.user = u"asterisk"_s;
    endpoint.password = u"secret"_s;
    endpoint.applications = { u"vm-record"_s };
    endpoint.restTransport = AriEndpoint::RestTransport::WebSocket;
    return endpoint;
}

void TestAriWebSocketTransport::init()
{
    m_server = std::make_unique<FakeEventServer>();
    QVERIFY(m_server->listen());
}

void TestAriWebSocketTransport::cleanup()
{
    m_client.reset();
    m_stream.reset();
    m_server.reset();
}

void TestAriWebSocketTransport::connectStream()
{
    const AriEndpoint settings = endpoint();
    if (!m_stream)
        m_stream = std::make_unique<AriEventStream>(settings);
    m_stream->setHeartbeatInterval(0ms);
    if (!m_client) {
        m_client = std::make_unique<AriRestClient>(settings);
        m_client->useEventStream(m_stream.get());
    }
    m_stream->open();
    QTRY_COMPARE(m_stream->state(), AriEventStream::State::Connected);
    QVERIFY(m_client->usesEventSocket());
}

QList<QJsonObject> TestAriWebSocketTransport::requests() const
{
    QList<QJsonObject> list;
    for (const QByteArray &frame : m_server->receivedFrames())
        list.append(parsed(frame));
    return list;
}

void TestAriWebSocketTransport::serverSupports_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<bool>("supported");
    QTest::newRow("22.10.1") << u"22.10.1"_s << true;
    QTest::newRow("22.4.0") << u"22.4.0"_s << true;
    QTest::newRow("22.3.0") << u"22.3.0"_s << false;
    QTest::newRow("21.9.0") << u"21.9.0"_s << true;
    QTest::newRow("21.8.2") << u"21.8.2"_s << false;
    QTest::newRow("20.14.1") << u"20.14.1"_s << true;
    QTest::newRow("20.13.0") << u"20.13.0"_s << false;
    QTest::newRow("23.0.0") << u"23.0.0"_s << true;
    QTest::newRow("18.26.0") << u"18.26.0"_s << false;
    QTest::newRow("certified 20.7") << u"certified-20.7-cert1"_s << false;
    QTest::newRow("git") << u"GIT-master-1234abc"_s << false;
    QTest::newRow("empty") << QString() << false;
}

void TestAriWebSocketTransport::serverSupports()
{
    QFETCH(QString, version);
    QFETCH(bool, supported);
    QCOMPARE(AriWebSocketTransport::serverSupports(version), supported);
}

void TestAriWebSocketTransport::requestFrames()
{
    // Originate: the query as query_strings (decoded), the variables as a JSON string body.
    AriOperations::OriginateOptions options;
    options.endpoint = u"Local/wait@wait/n"_s;
    options.app = u"vm-record"_s;
    options.channelId = u"rows-1"_s;
    options.variables = QJsonObject { { u"X"_s, u"1"_s } };
    const QJsonObject originate
        = parsed(AriWebSocketTransport::requestFrame(AriOperations::originate(options), u"t1"_s, u"r5"_s));
    QCOMPARE(originate.value("type"_L1).toString(), u"RESTRequest"_s);
    QCOMPARE(originate.value("transaction_id"_L1).toString(), u"t1"_s);
    QCOMPARE(originate.value("request_id"_L1).toString(), u"r5"_s);
    QCOMPARE(originate.value("method"_L1).toString(), u"POST"_s);
    QCOMPARE(originate.value("uri"_L1).toString(), u"channels"_s);
    const QJsonArray query = originate.value("query_strings"_L1).toArray();
    QVERIFY(query.contains(QJsonObject { { u"name"_s, u"endpoint"_s }, { u"value"_s, u"Local/wait@wait/n"_s } }));
    QVERIFY(query.contains(QJsonObject { { u"name"_s, u"channelId"_s }, { u"value"_s, u"rows-1"_s } }));
    QCOMPARE(originate.value("content_type"_L1).toString(), u"application/json"_s);
    QVERIFY(originate.value("message_body"_L1).isString());
    QCOMPARE(parsed(originate.value("message_body"_L1).toString().toUtf8()),
        (QJsonObject { { u"variables"_s, QJsonObject { { u"X"_s, u"1"_s } } } }));

    // A recording name keeps its %2F: one segment, relative to /ari/ without a leading slash.
    const QJsonObject stored = parsed(
        AriWebSocketTransport::requestFrame(AriOperations::getStored(u"voicemail/305/1411503204"_s), u"t1"_s, u"r6"_s));
    QCOMPARE(stored.value("uri"_L1).toString(), u"recordings/stored/voicemail%2F305%2F1411503204"_s);
    QCOMPARE(stored.value("method"_L1).toString(), u"GET"_s);
    QVERIFY(!stored.contains("query_strings"_L1));
    QVERIFY(!stored.contains("message_body"_L1));
    QVERIFY(!stored.contains("content_type"_L1));

    const QJsonObject hangup
        = parsed(AriWebSocketTransport::requestFrame(AriOperations::hangup(u"ch-1"_s, QString()), u"t1"_s, u"r7"_s));
    QCOMPARE(hangup.value("method"_L1).toString(), u"DELETE"_s);
    QCOMPARE(hangup.value("uri"_L1).toString(), u"channels/ch-1"_s);

    // Values that need escaping arrive as they were: quotes, backslashes, control characters,
    // characters beyond ASCII and beyond the BMP.
    AriRequest hostile;
    hostile.method = AriRequest::Method::Post;
    hostile.path = u"/channels/ch-2/play"_s;
    const QString media = u"sound:a\"b\\c\nd\te\x01\x1f f\u00e9 \u6f22 \U0001F600"_s;
    hostile.query.addQueryItem(u"media"_s, media);
    hostile.body = QJsonObject { { u"variables"_s, QJsonObject { { u"Q\"\\"_s, u"\n"_s } } } };
    const QByteArray text = AriWebSocketTransport::requestFrame(hostile, u"t\"1"_s, u"r8"_s);
    const QJsonObject frame = parsed(text);
    QCOMPARE(frame.value("transaction_id"_L1).toString(), u"t\"1"_s);
    QCOMPARE(frame.value("query_strings"_L1).toArray(),
        (QJsonArray { QJsonObject { { u"name"_s, u"media"_s }, { u"value"_s, media } } }));
    QCOMPARE(parsed(frame.value("message_body"_L1).toString().toUtf8()), hostile.body);
}

void TestAriWebSocketTransport::answersMapLikeHttp_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<AriResult::Status>("expected");
    QTest::addColumn<QString>("message");
    QTest::newRow("200 object") << 200 << QByteArray(R"({"ping":"pong"})") << AriResult::Status::Ok << QString();
    QTest::newRow("200 array") << 200 << QByteArray(R"([{"id":"a"}])") << AriResult::Status::Ok << QString();
    QTest::newRow("204 no body") << 204 << QByteArray() << AriResult::Status::Ok << QString();
    QTest::newRow("404") << 404 << QByteArray(R"({"message":"Channel not found"})") << AriResult::Status::HttpError
                         << u"Channel not found"_s;
    QTest::newRow("500 error key") << 500 << QByteArray(R"({"error":"Allocation failed"})")
                                   << AriResult::Status::HttpError << u"Allocation failed"_s;
    QTest::newRow("405 no body") << 405 << QByteArray() << AriResult::Status::HttpError << u"Method Not Allowed"_s;
    QTest::newRow("200 not JSON") << 200 << QByteArray("{oops") << AriResult::Status::MalformedBody << QString();
}

void TestAriWebSocketTransport::answersMapLikeHttp()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(AriResult::Status, expected);
    QFETCH(QString, message);
    connectStream();
    connect(m_server.get(), &FakeEventServer::textReceived, this, [&](const QByteArray &frame) {
        const QString reason = status == 405 ? u"Method Not Allowed"_s : u"Whatever"_s;
        m_server->sendText(compact(responseTo(parsed(frame), status, reason, body)));
    });
    const auto finished = watch(m_client->send(AriOperations::getInfo()));
    QTRY_VERIFY(finished->result.has_value());
    const AriResult &result = *finished->result;
    QCOMPARE(result.status(), expected);
    QCOMPARE(result.httpStatus(), status);
    if (!message.isEmpty())
        QCOMPARE(result.message(), message);
    if (expected == AriResult::Status::Ok && !body.isEmpty())
        QCOMPARE(QJsonDocument::fromJson(body).toVariant(), result.json().toVariant());
    if (status == 204)
        QVERIFY(result.json().isNull());
    QCOMPARE(m_server->connectionAttempts(), 1); // nothing went over HTTP
}

void TestAriWebSocketTransport::answersMatchedByIdInAnyOrder()
{
    connectStream();
    const auto first = watch(m_client->send(AriOperations::getChannel(u"a"_s)));
    const auto second = watch(m_client->send(AriOperations::getChannel(u"b"_s)));
    QTRY_COMPARE(m_server->receivedFrames().size(), 2);
    const QList<QJsonObject> sent = requests();
    QCOMPARE(sent.at(0).value("uri"_L1).toString(), u"channels/a"_s);
    QCOMPARE(sent.at(1).value("uri"_L1).toString(), u"channels/b"_s);
    QVERIFY(sent.at(0).value("request_id"_L1).toString() != sent.at(1).value("request_id"_L1).toString());
    // Answered the other way round.
    m_server->sendText(compact(responseTo(sent.at(1), 200, u"OK"_s, R"({"id":"b"})")));
    m_server->sendText(compact(responseTo(sent.at(0), 404, u"Not Found"_s, R"({"message":"Channel not found"})")));
    QTRY_VERIFY(first->result.has_value() && second->result.has_value());
    QCOMPARE(first->result->status(), AriResult::Status::HttpError);
    QCOMPARE(first->result->httpStatus(), 404);
    QVERIFY(second->result->isOk());
    QCOMPARE(second->result->json().toObject().value("id"_L1).toString(), u"b"_s);
    QCOMPARE(m_client->pendingCount(), 0);
}

void TestAriWebSocketTransport::eventsAndAnswersKeepTheirOrder()
{
    connectStream();
    QStringList seen;
    connect(m_stream.get(), &AriEventStream::eventReceived, this,
        [&seen](const AriEvent &event) { seen.append(event.typeName()); });
    AriReply *reply = m_client->send(AriOperations::setChannelVar(u"rows-1"_s, u"Y"_s, u"2"_s));
    const auto finished = watch(reply);
    qsizetype eventsAtAnswer = -1;
    connect(reply, &AriReply::finished, this, [&] { eventsAtAnswer = seen.size(); });
    QTRY_COMPARE(m_server->receivedFrames().size(), 1);
    // The event the request caused comes first, then its answer, then a later event.
    m_server->sendEvent(QJsonObject { { u"type"_s, u"ChannelVarset"_s }, { u"variable"_s, u"Y"_s },
        { u"value"_s, u"2"_s }, { u"channel"_s, QJsonObject { { u"id"_s, u"rows-1"_s } } } });
    m_server->sendText(compact(responseTo(requests().at(0), 204, u"No Content"_s)));
    m_server->sendEvent(QJsonObject {
        { u"type"_s, u"ChannelHangupRequest"_s }, { u"channel"_s, QJsonObject { { u"id"_s, u"rows-1"_s } } } });
    QTRY_COMPARE(seen.size(), 2);
    QVERIFY(finished->result.has_value());
    QVERIFY(finished->result->isOk());
    QCOMPARE(eventsAtAnswer, 1); // handled in stream order: after the Varset, before the hang-up
    QCOMPARE(seen, (QStringList { u"ChannelVarset"_s, u"ChannelHangupRequest"_s })); // the answer is no event
}

void TestAriWebSocketTransport::orderingLaneWaitsForTheAnswer()
{
    connectStream();
    const auto first = watch(m_client->send(AriOperations::answer(u"ch-1"_s), u"ch-1"_s));
    const auto second = watch(m_client->send(AriOperations::ring(u"ch-1"_s), u"ch-1"_s));
    const auto other = watch(m_client->send(AriOperations::answer(u"ch-2"_s), u"ch-2"_s));
    QTRY_COMPARE(m_server->receivedFrames().size(), 2); // ch-1's first request and ch-2's
    QCOMPARE(m_client->queuedCount(), 1);
    QCOMPARE(requests().at(0).value("uri"_L1).toString(), u"channels/ch-1/answer"_s);
    QCOMPARE(requests().at(1).value("uri"_L1).toString(), u"channels/ch-2/answer"_s);
    m_server->sendText(compact(responseTo(requests().at(0), 204, u"No Content"_s)));
    QTRY_COMPARE(m_server->receivedFrames().size(), 3);
    QVERIFY(first->result.has_value() && first->result->isOk());
    QCOMPARE(requests().at(2).value("uri"_L1).toString(), u"channels/ch-1/ring"_s);
    QVERIFY(!second->result.has_value());
    m_server->sendText(compact(responseTo(requests().at(2), 204, u"No Content"_s)));
    m_server->sendText(compact(responseTo(requests().at(1), 204, u"No Content"_s)));
    QTRY_VERIFY(second->result.has_value() && other->result.has_value());
    QCOMPARE(m_client->pendingCount(), 0);
}

void TestAriWebSocketTransport::requestLeavesBeforeALongReadIsHandled()
{
    connectStream();
    // Three events written at once (one read on this side). The first causes a request; handling
    // the second takes longer than a request may wait in the socket's buffer; when the third is
    // handled, the request has been handed to the system, not left for the end of the read.
    // (Were the events read apart, the event loop would write the request between them and this
    // would prove nothing: a zero timer started by the first handler shows whether it ran.)
    qint64 unwrittenAtThird = -1;
    qint64 unwrittenAfterFirst = -1;
    bool eventLoopRan = false;
    bool eventLoopRanBeforeThird = true;
    int seen = 0;
    connect(m_stream.get(), &AriEventStream::eventReceived, this, [&](const AriEvent &) {
        ++seen;
        if (seen == 1) {
            QTimer::singleShot(0, this, [&eventLoopRan] { eventLoopRan = true; });
            m_client->send(AriOperations::answer(u"ch-1"_s), u"ch-1"_s);
            unwrittenAfterFirst = m_stream->unwrittenBytes();
        } else if (seen == 2) {
            QThread::usleep(3000);
        } else if (seen == 3) {
            unwrittenAtThird = m_stream->unwrittenBytes();
            eventLoopRanBeforeThird = eventLoopRan;
        }
    });
    QList<QByteArray> frames;
    for (const char *type : { "ChannelDtmfReceived", "ChannelVarset", "ChannelHangupRequest" }) {
        frames.append(QJsonDocument(QJsonObject { { u"type"_s, QString::fromLatin1(type) },
                                        { u"channel"_s, QJsonObject { { u"id"_s, u"ch-1"_s } } } })
                          .toJson(QJsonDocument::Compact));
    }
    m_server->sendTextsAtOnce(frames);
    QTRY_COMPARE(seen, 3);
    QVERIFY(!eventLoopRanBeforeThird); // the three were handled in one read
    QVERIFY(unwrittenAfterFirst > 0); // not written per request: frames of one read share a write
    QCOMPARE(unwrittenAtThird, 0);
    QTRY_COMPARE(m_server->receivedFrames().size(), 1);
    QCOMPARE(requests().at(0).value("uri"_L1).toString(), u"channels/ch-1/answer"_s);
}

void TestAriWebSocketTransport::timeoutThenLateAnswerIgnored()
{
    AriEndpoint settings = endpoint();
    settings.requestTimeoutMs = 300;
    m_stream = std::make_unique<AriEventStream>(settings);
    m_client = std::make_unique<AriRestClient>(settings);
    m_client->useEventStream(m_stream.get());
    connectStream();
    const auto unanswered = watch(m_client->send(AriOperations::getInfo()));
    QTRY_COMPARE(m_server->receivedFrames().size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(unanswered->result.has_value(), 20000);
    QCOMPARE(unanswered->result->status(), AriResult::Status::Timeout);
    QCOMPARE(unanswered->result->message(), u"timeout after 300 ms"_s);
    QCOMPARE(m_client->pendingCount(), 0);

    // Its answer arriving late finishes nothing; the next request is served normally.
    const QJsonObject late = requests().at(0);
    const auto next = watch(m_client->send(AriOperations::getInfo()));
    QTRY_COMPARE(m_server->receivedFrames().size(), 2);
    m_server->sendText(compact(responseTo(late, 200, u"OK"_s, R"({"late":true})")));
    m_server->sendText(compact(responseTo(requests().at(1), 200, u"OK"_s, R"({"late":false})")));
    QTRY_VERIFY(next->result.has_value());
    QVERIFY(next->result->isOk());
    QCOMPARE(next->result->json().toObject().value("late"_L1).toBool(), false);
    QCOMPARE(unanswered->result->status(), AriResult::Status::Timeout);
}

void TestAriWebSocketTransport::pendingRequestsFailWhenTheSocketDrops()
{
    connectStream();
    QSignalSpy failed(m_client.get(), &AriRestClient::requestFailed);
    const auto first = watch(m_client->send(AriOperations::answer(u"ch-1"_s), u"ch-1"_s));
    const auto queued = watch(m_client->send(AriOperations::ring(u"ch-1"_s), u"ch-1"_s));
    const auto other = watch(m_client->send(AriOperations::getInfo()));
    QTRY_COMPARE(m_server->receivedFrames().size(), 2);
    m_server->dropClients();
    QTRY_VERIFY(first->result.has_value() && other->result.has_value());
    QCOMPARE(first->result->status(), AriResult::Status::NetworkError);
    QCOMPARE(other->result->status(), AriResult::Status::NetworkError);
    QVERIFY(first->result->message().contains(u"event socket"_s));
    // The request waiting in the lane then leaves while the stream reconnects: it waits for the
    // socket and goes on the new connection, under a new transaction id.
    QTRY_COMPARE(m_stream->state(), AriEventStream::State::Connected);
    QTRY_COMPARE(m_server->receivedFrames().size(), 3);
    const QJsonObject resent = requests().at(2);
    QCOMPARE(resent.value("uri"_L1).toString(), u"channels/ch-1/ring"_s);
    QVERIFY(resent.value("transaction_id"_L1) != requests().at(0).value("transaction_id"_L1));
    QVERIFY(!queued->result.has_value());
    m_server->sendText(compact(responseTo(resent, 204, u"No Content"_s)));
    QTRY_VERIFY(queued->result.has_value());
    QVERIFY(queued->result->isOk());
    QCOMPARE(m_client->pendingCount(), 0);
    QCOMPARE(failed.count(), 2);
}

void TestAriWebSocketTransport::notConnectedFailsAtOnce()
{
    const AriEndpoint settings = endpoint();
    m_stream = std::make_unique<AriEventStream>(settings);
    m_client = std::make_unique<AriRestClient>(settings);
    m_client->useEventStream(m_stream.get());
    AriReply *reply = m_client->send(AriOperations::getInfo());
    const auto finished = watch(reply);
    QVERIFY(!finished->result.has_value()); // reported from the event loop, never from send()
    QTRY_VERIFY(finished->result.has_value());
    QCOMPARE(finished->result->status(), AriResult::Status::NetworkError);
    QCOMPARE(finished->result->message(), u"the event socket is not connected"_s);
    QCOMPARE(m_server->connectionAttempts(), 0);
}

void TestAriWebSocketTransport::requestWaitsForTheSocketComingUp()
{
    const AriEndpoint settings = endpoint();
    m_stream = std::make_unique<AriEventStream>(settings);
    m_client = std::make_unique<AriRestClient>(settings);
    m_client->useEventStream(m_stream.get());
    m_stream->open();
    QCOMPARE(m_stream->state(), AriEventStream::State::Connecting);
    const auto early = watch(m_client->send(AriOperations::listStored()));
    QTRY_COMPARE(m_stream->state(), AriEventStream::State::Connected);
    QTRY_COMPARE(m_server->receivedFrames().size(), 1); // left once the socket was up
    QVERIFY(!early->result.has_value());
    QCOMPARE(requests().at(0).value("uri"_L1).toString(), u"recordings/stored"_s);
    m_server->sendText(compact(responseTo(requests().at(0), 200, u"OK"_s, "[]")));
    QTRY_VERIFY(early->result.has_value());
    QVERIFY(early->result->isOk());
    QCOMPARE(m_server->connectionAttempts(), 1); // the upgrade only: nothing over HTTP
}

void TestAriWebSocketTransport::binaryDownloadGoesOverHttp()
{
    FakeRestServer http;
    QVERIFY(http.listen());
    http.setResponder([](const FakeRestServer::Request &) {
        return FakeRestServer::Response::text(200, QByteArray("RIFF-bytes"), "audio/wav");
    });
    connectStream();
    AriEndpoint settings = endpoint();
    settings.baseUrl = http.baseUrl();
    m_client->setEndpoint(settings);
    const auto file = watch(m_client->send(AriOperations::getStoredFile(u"voicemail/305/1"_s)));
    QTRY_VERIFY(file->result.has_value());
    QVERIFY(file->result->isOk());
    QCOMPARE(file->result->body(), QByteArray("RIFF-bytes"));
    QCOMPARE(http.requests().size(), 1);
    QCOMPARE(m_server->receivedFrames().size(), 0);

    // Everything else goes on the socket.
    const auto info = watch(m_client->send(AriOperations::getInfo()));
    QTRY_COMPARE(m_server->receivedFrames().size(), 1);
    m_server->sendText(compact(responseTo(requests().at(0), 200, u"OK"_s, R"({})")));
    QTRY_VERIFY(info->result.has_value());
    QCOMPARE(http.requests().size(), 1);
}

void TestAriWebSocketTransport::oversizedAnswerBodyDropped()
{
    AriEndpoint settings = endpoint();
    settings.maxBodyBytes = 1000;
    m_stream = std::make_unique<AriEventStream>(settings);
    m_client = std::make_unique<AriRestClient>(settings);
    m_client->useEventStream(m_stream.get());
    connectStream();
    const auto big = watch(m_client->send(AriOperations::listChannels()));
    QTRY_COMPARE(m_server->receivedFrames().size(), 1);
    const QByteArray body = "[\"" + QByteArray(2000, 'x') + "\"]";
    m_server->sendText(compact(responseTo(requests().at(0), 200, u"OK"_s, body)));
    QTRY_VERIFY(big->result.has_value());
    QCOMPARE(big->result->status(), AriResult::Status::NetworkError);
    QVERIFY(big->result->message().contains(u"limit of 1000 bytes"_s));
    QVERIFY(big->result->body().isEmpty());
    QCOMPARE(m_stream->state(), AriEventStream::State::Connected);
}

void TestAriWebSocketTransport::oversizedEventFrameDropped()
{
    AriEndpoint settings = endpoint();
    settings.maxEventFrameBytes = 4096;
    m_stream = std::make_unique<AriEventStream>(settings);
    AriEventStream::Backoff backoff;
    backoff.initial = 10ms;
    backoff.maximum = 10ms;
    backoff.jitter = 0;
    m_stream->setBackoff(backoff);
    m_client = std::make_unique<AriRestClient>(settings);
    m_client->useEventStream(m_stream.get());
    connectStream();
    QSignalSpy events(m_stream.get(), &AriEventStream::eventReceived);
    QSignalSpy errors(m_stream.get(), &AriEventStream::errorOccurred);

    m_server->sendEvent(QJsonObject { { u"type"_s, u"ChannelVarset"_s }, { u"value"_s, QString(8192, u'x') } });
    QTRY_VERIFY(!errors.isEmpty());
    QVERIFY2(errors.first().at(0).toString().contains(u"larger than the limit of 4096 bytes"_s),
        qPrintable(errors.first().at(0).toString()));
    QCOMPARE(events.count(), 0);
    // The stream comes back and carries the next (ordinary) event.
    QTRY_COMPARE(m_stream->state(), AriEventStream::State::Connected);
    QTRY_COMPARE(m_server->clientCount(), 1);
    m_server->sendEvent(QJsonObject { { u"type"_s, u"ChannelVarset"_s }, { u"value"_s, u"small"_s } });
    QTRY_COMPARE(events.count(), 1);
}

void TestAriWebSocketTransport::oversizedHttpBodyAborted()
{
    FakeRestServer http;
    QVERIFY(http.listen());
    const QByteArray big = "[\"" + QByteArray(100000, 'x') + "\"]";
    http.setResponder([big](const FakeRestServer::Request &) { return FakeRestServer::Response::json(200, big); });
    AriEndpoint settings = endpoint();
    settings.baseUrl = http.baseUrl();
    settings.restTransport = AriEndpoint::RestTransport::Http;
    settings.maxBodyBytes = 10000;
    AriRestClient client(settings);
    const auto result = watch(client.send(AriOperations::listChannels()));
    QTRY_VERIFY(result->result.has_value());
    QCOMPARE(result->result->status(), AriResult::Status::NetworkError);
    QVERIFY2(result->result->message().contains(u"limit of 10000 bytes"_s), qPrintable(result->result->message()));
    QVERIFY(result->result->body().isEmpty());

    // Within the limit, the same answer is read.
    settings.maxBodyBytes = 1000000;
    client.setEndpoint(settings);
    const auto fits = watch(client.send(AriOperations::listChannels()));
    QTRY_VERIFY(fits->result.has_value());
    QVERIFY(fits->result->isOk());
}

QTEST_GUILESS_MAIN(TestAriWebSocketTransport)
#include "TestAriWebSocketTransport.moc"
