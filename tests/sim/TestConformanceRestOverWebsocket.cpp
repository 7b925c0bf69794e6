// Conformance of REST requests on the event WebSocket with the reference transcript
// "rest-over-websocket" of Asterisk 22.10.1.
//
// Facts from the transcript this test relies on:
//  - A RESTRequest {"type","transaction_id","request_id","method","uri"[,"query_strings",
//    "content_type","message_body"]} sent on /ari/events is answered on the same socket with
//    {"type":"RESTResponse", the same ids, "status_code","reason_phrase","uri","content_type",
//    "message_body","application","timestamp","asterisk_id"}; message_body is the JSON body as a
//    string.
//  - GET asterisk/ping → 200 "OK", body {"ping":"pong","timestamp","asterisk_id"};
//    GET sounds/vm-intro → 200 with the sound; GET sounds/nope → 404 "Not Found"
//    {"message":"Sound not found"}; GET channels/does-not-exist → 404 {"message":"Channel not found"}.
//  - POST channels with query_strings endpoint=Local/wait@wait/n, app, channelId=rows-1 → 200 with
//    the channel (state "Down"); its Dial and StasisStart come after the answer.
//  - POST channels/rows-1/variable (query_strings, or a JSON message_body with content_type) →
//    204 "No Content" with neither content_type nor message_body; the ChannelVarset of the JSON
//    variant came before its answer.
//  - GET channels/rows-1/variable?variable=Y (query inside uri) → 200 {"value":"2"}, and the
//    answer's uri is "channels/rows-1/variable" (no query).
//  - DELETE channels/rows-1 → 204; ChannelHangupRequest, StasisEnd, ChannelDestroyed come after it.
//  - uri "/ari/asterisk/ping" → 405 "Method Not Allowed" {"message":"Invalid method"}, uri echoed.
//  - method "BREW" → 400 "Bad request" {"message":"Unknown or missing 'method' property."}.
//  - the frame "{not json" → 400 "Failed to parse request message JSON", transaction_id,
//    request_id and uri "", no content_type, no message_body.
//  - a request without ids → served, answered with "" ids.

#include "support/EventCollector.h"
#include "support/SimTestHarness.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString kApp = u"rows-probe"_s;

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject request(const QString &requestId, const QString &method, const QString &uri)
{
    return QJsonObject { { u"type"_s, u"RESTRequest"_s }, { u"transaction_id"_s, u"t1"_s },
        { u"request_id"_s, requestId }, { u"method"_s, method }, { u"uri"_s, uri } };
}

QJsonArray queryStrings(const QList<QPair<QString, QString>> &items)
{
    QJsonArray array;
    for (const auto &[name, value] : items)
        array.append(QJsonObject { { u"name"_s, name }, { u"value"_s, value } });
    return array;
}

EventCollector::Predicate answerTo(const QString &requestId)
{
    return [requestId](const QJsonObject &event) { return event.value("request_id"_L1).toString() == requestId; };
}

QJsonObject bodyOf(const QJsonObject &response)
{
    return QJsonDocument::fromJson(response.value("message_body"_L1).toString().toUtf8()).object();
}

} // namespace

class TestConformanceRestOverWebsocket final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void getAnswersInTheStream();
    void notFoundAnswers();
    void originateVariablesAndHangup();
    void leadingAriIsInvalidMethod();
    void unknownMethod();
    void frameThatIsNotJson();
    void requestWithoutIds();

private:
    // Sends `frame` and waits for the RESTResponse with that request id.
    QJsonObject exchange(const QJsonObject &frame);
    static void checkEnvelope(const QJsonObject &response, const QString &uri, int status, const QString &reason);

    std::unique_ptr<SimTestHarness> m_sim;
    std::unique_ptr<EventCollector> m_app;
};

void TestConformanceRestOverWebsocket::init()
{
    SimTestHarness::Options options;
    options.speed = 20;
    m_sim = std::make_unique<SimTestHarness>(options);
    QVERIFY(m_sim->start());
    m_app = m_sim->connectEvents(kApp);
    QVERIFY(m_app);
}

void TestConformanceRestOverWebsocket::cleanup()
{
    m_app.reset();
    m_sim.reset();
}

QJsonObject TestConformanceRestOverWebsocket::exchange(const QJsonObject &frame)
{
    m_app->sendText(compact(frame));
    return m_app->waitFor(u"RESTResponse"_s, answerTo(frame.value("request_id"_L1).toString()));
}

void TestConformanceRestOverWebsocket::checkEnvelope(
    const QJsonObject &response, const QString &uri, int status, const QString &reason)
{
    QCOMPARE(response.value("type"_L1).toString(), u"RESTResponse"_s);
    QCOMPARE(response.value("status_code"_L1).toInt(), status);
    QCOMPARE(response.value("reason_phrase"_L1).toString(), reason);
    QCOMPARE(response.value("uri"_L1).toString(), uri);
    QCOMPARE(response.value("application"_L1).toString(), kApp);
    QVERIFY(EventCollector::isAriTimestamp(response.value("timestamp"_L1).toString()));
    QVERIFY(!response.value("asterisk_id"_L1).toString().isEmpty());
    if (response.contains("message_body"_L1)) {
        QVERIFY(response.value("message_body"_L1).isString()); // a string, not an object
        QCOMPARE(response.value("content_type"_L1).toString(), u"application/json"_s);
    }
}

void TestConformanceRestOverWebsocket::getAnswersInTheStream()
{
    const QJsonObject ping = exchange(request(u"r1"_s, u"GET"_s, u"asterisk/ping"_s));
    QVERIFY(!ping.isEmpty());
    checkEnvelope(ping, u"asterisk/ping"_s, 200, u"OK"_s);
    QCOMPARE(ping.value("transaction_id"_L1).toString(), u"t1"_s);
    QCOMPARE(ping.value("request_id"_L1).toString(), u"r1"_s);
    const QJsonObject pong = bodyOf(ping);
    QCOMPARE(pong.value("ping"_L1).toString(), u"pong"_s);
    QVERIFY(EventCollector::isAriTimestamp(pong.value("timestamp"_L1).toString()));
    QCOMPARE(pong.value("asterisk_id"_L1).toString(), ping.value("asterisk_id"_L1).toString());

    const QJsonObject sound = exchange(request(u"r2"_s, u"GET"_s, u"sounds/vm-intro"_s));
    checkEnvelope(sound, u"sounds/vm-intro"_s, 200, u"OK"_s);
    QCOMPARE(bodyOf(sound).value("id"_L1).toString(), u"vm-intro"_s);
    QVERIFY(!bodyOf(sound).value("formats"_L1).toArray().isEmpty());
}

void TestConformanceRestOverWebsocket::notFoundAnswers()
{
    const QJsonObject sound = exchange(request(u"r3"_s, u"GET"_s, u"sounds/nope"_s));
    checkEnvelope(sound, u"sounds/nope"_s, 404, u"Not Found"_s);
    QCOMPARE(bodyOf(sound), (QJsonObject { { u"message"_s, u"Sound not found"_s } }));

    const QJsonObject channel = exchange(request(u"r4"_s, u"GET"_s, u"channels/does-not-exist"_s));
    checkEnvelope(channel, u"channels/does-not-exist"_s, 404, u"Not Found"_s);
    QCOMPARE(bodyOf(channel), (QJsonObject { { u"message"_s, u"Channel not found"_s } }));
}

void TestConformanceRestOverWebsocket::originateVariablesAndHangup()
{
    QJsonObject originate = request(u"r5"_s, u"POST"_s, u"channels"_s);
    originate.insert(u"query_strings"_s,
        queryStrings(
            { { u"endpoint"_s, u"Local/wait@wait/n"_s }, { u"app"_s, kApp }, { u"channelId"_s, u"rows-1"_s } }));
    const QJsonObject created = exchange(originate);
    checkEnvelope(created, u"channels"_s, 200, u"OK"_s);
    QCOMPARE(bodyOf(created).value("id"_L1).toString(), u"rows-1"_s);
    QCOMPARE(bodyOf(created).value("state"_L1).toString(), u"Down"_s);
    QVERIFY(!m_app->waitFor(u"StasisStart"_s, EventCollector::forChannel(u"rows-1"_s)).isEmpty());
    // The answer came before the events of the dial.
    const int answered = m_app->indexOf(u"RESTResponse"_s, answerTo(u"r5"_s));
    QVERIFY(answered < m_app->indexOf(u"Dial"_s));
    QVERIFY(answered < m_app->indexOf(u"StasisStart"_s, EventCollector::forChannel(u"rows-1"_s)));

    QJsonObject setX = request(u"r6"_s, u"POST"_s, u"channels/rows-1/variable"_s);
    setX.insert(u"query_strings"_s, queryStrings({ { u"variable"_s, u"X"_s }, { u"value"_s, u"1"_s } }));
    const QJsonObject xSet = exchange(setX);
    checkEnvelope(xSet, u"channels/rows-1/variable"_s, 204, u"No Content"_s);
    QVERIFY(!xSet.contains("message_body"_L1));
    QVERIFY(!xSet.contains("content_type"_L1));
    const auto isVariable = [](const QString &name) {
        return [name](const QJsonObject &event) { return event.value("variable"_L1).toString() == name; };
    };
    QVERIFY(!m_app->waitFor(u"ChannelVarset"_s, isVariable(u"X"_s)).isEmpty());

    QJsonObject setY = request(u"r7"_s, u"POST"_s, u"channels/rows-1/variable"_s);
    setY.insert(u"content_type"_s, u"application/json"_s);
    setY.insert(u"message_body"_s, u"{\"variable\":\"Y\",\"value\":\"2\"}"_s);
    const QJsonObject ySet = exchange(setY);
    checkEnvelope(ySet, u"channels/rows-1/variable"_s, 204, u"No Content"_s);
    const int varsetY = m_app->indexOf(u"ChannelVarset"_s, isVariable(u"Y"_s));
    QVERIFY(varsetY >= 0);
    QVERIFY(varsetY < m_app->indexOf(u"RESTResponse"_s, answerTo(u"r7"_s)));
    QCOMPARE(m_app->waitFor(u"ChannelVarset"_s, isVariable(u"Y"_s)).value("value"_L1).toString(), u"2"_s);

    const QJsonObject getY = exchange(request(u"r8"_s, u"GET"_s, u"channels/rows-1/variable?variable=Y"_s));
    checkEnvelope(getY, u"channels/rows-1/variable"_s, 200, u"OK"_s);
    QCOMPARE(bodyOf(getY), (QJsonObject { { u"value"_s, u"2"_s } }));

    const QJsonObject hungUp = exchange(request(u"r9"_s, u"DELETE"_s, u"channels/rows-1"_s));
    checkEnvelope(hungUp, u"channels/rows-1"_s, 204, u"No Content"_s);
    QVERIFY(!hungUp.contains("message_body"_L1));
    QVERIFY(!m_app->waitFor(u"ChannelDestroyed"_s, EventCollector::forChannel(u"rows-1"_s)).isEmpty());
    const int answer = m_app->indexOf(u"RESTResponse"_s, answerTo(u"r9"_s));
    const auto forRows1 = EventCollector::forChannel(u"rows-1"_s);
    QVERIFY(answer < m_app->indexOf(u"ChannelHangupRequest"_s, forRows1));
    QVERIFY(m_app->indexOf(u"ChannelHangupRequest"_s, forRows1) < m_app->indexOf(u"StasisEnd"_s, forRows1));
    QVERIFY(m_app->indexOf(u"StasisEnd"_s, forRows1) < m_app->indexOf(u"ChannelDestroyed"_s, forRows1));
    QCOMPARE(m_app->waitFor(u"ChannelHangupRequest"_s, forRows1).value("cause"_L1).toInt(), 32);
}

void TestConformanceRestOverWebsocket::leadingAriIsInvalidMethod()
{
    const QJsonObject response = exchange(request(u"r10"_s, u"GET"_s, u"/ari/asterisk/ping"_s));
    checkEnvelope(response, u"/ari/asterisk/ping"_s, 405, u"Method Not Allowed"_s);
    QCOMPARE(bodyOf(response), (QJsonObject { { u"message"_s, u"Invalid method"_s } }));
}

void TestConformanceRestOverWebsocket::unknownMethod()
{
    const QJsonObject response = exchange(request(u"r11"_s, u"BREW"_s, u"asterisk/ping"_s));
    checkEnvelope(response, u"asterisk/ping"_s, 400, u"Bad request"_s);
    QCOMPARE(bodyOf(response), (QJsonObject { { u"message"_s, u"Unknown or missing 'method' property."_s } }));
}

void TestConformanceRestOverWebsocket::frameThatIsNotJson()
{
    m_app->sendText(u"{not json"_s);
    const QJsonObject response = m_app->waitFor(u"RESTResponse"_s);
    QVERIFY(!response.isEmpty());
    checkEnvelope(response, QString(), 400, u"Failed to parse request message JSON"_s);
    QCOMPARE(response.value("transaction_id"_L1), QJsonValue(u""_s));
    QCOMPARE(response.value("request_id"_L1), QJsonValue(u""_s));
    QVERIFY(!response.contains("message_body"_L1));
    QVERIFY(!response.contains("content_type"_L1));
    QVERIFY(m_app->isOpen()); // the socket stays up
}

void TestConformanceRestOverWebsocket::requestWithoutIds()
{
    m_app->sendText(compact(
        QJsonObject { { u"type"_s, u"RESTRequest"_s }, { u"method"_s, u"GET"_s }, { u"uri"_s, u"asterisk/ping"_s } }));
    const QJsonObject response = m_app->waitFor(u"RESTResponse"_s);
    QVERIFY(!response.isEmpty());
    checkEnvelope(response, u"asterisk/ping"_s, 200, u"OK"_s);
    QCOMPARE(response.value("transaction_id"_L1), QJsonValue(u""_s));
    QCOMPARE(response.value("request_id"_L1), QJsonValue(u""_s));
    QCOMPARE(bodyOf(response).value("ping"_L1).toString(), u"pong"_s);
}

QTEST_GUILESS_MAIN(TestConformanceRestOverWebsocket)
#include "TestConformanceRestOverWebsocket.moc"
