#include "support/EventCollector.h"
#include "support/SimTestHarness.h"

#include "sim/engine/SimFaultPlan.h"
#include "sim/SimServer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

// The fault injection of the control API (/sim/faults, SPEC CN-6), over loopback.
class TestSimFaults final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dropEventSocketsNow();
    void dropEventSocketsAfterEvents();
    void refuseConnectionsForAWhile();
    void failNextRequests_data();
    void failNextRequests();
    void delayNextRequest();
    void restartLosesEveryState();
    void badParametersAreRefused_data();
    void badParametersAreRefused();
    void planIsReadAndCleared();
};

void TestSimFaults::dropEventSocketsNow()
{
    SimTestHarness sim;
    QVERIFY(sim.start());
    auto events = sim.connectEvents(u"vm-record"_s);
    QVERIFY(events);
    QCOMPARE(sim.http("POST", u"/sim/faults/drop-events"_s).status, 204);
    QVERIFY(events->waitForDisconnected());
    QTRY_COMPARE(sim.server()->webSocketCount(), 0);
    // The application is gone with its socket, as when Asterisk loses a client.
    QCOMPARE(sim.get(u"/applications"_s).array().size(), 0);
    // A new socket is accepted at once.
    auto again = sim.connectEvents(u"vm-record"_s);
    QVERIFY(again);
    QVERIFY(again->isOpen());
}

void TestSimFaults::dropEventSocketsAfterEvents()
{
    SimTestHarness sim;
    QVERIFY(sim.start());
    auto events = sim.connectEvents(u"vm-record"_s);
    QVERIFY(events);
    QCOMPARE(sim.http("POST", u"/sim/faults/drop-events"_s, QUrlQuery { { u"after"_s, u"2"_s } }).status, 204);
    QCOMPARE(sim.http("GET", u"/sim/faults"_s).object().value(u"dropEventsAfter"_s).toInt(), 2);
    const QString channel = sim.placeCallId(u"vm-record"_s, { u"305"_s }); // StasisStart: event 1
    QVERIFY(!channel.isEmpty());
    QCOMPARE(sim.post(u"/channels/"_s + channel + u"/answer"_s).status, 204); // ChannelStateChange: 2
    QVERIFY(events->waitForDisconnected());
    // The two events before the fault were delivered; nothing after.
    QCOMPARE(events->types(), (QStringList { u"StasisStart"_s, u"ChannelStateChange"_s }));
    QCOMPARE(sim.http("GET", u"/sim/faults"_s).object().value(u"dropEventsAfter"_s).toInt(), 0);
    // The call itself is still there (only the client is gone).
    QCOMPARE(sim.get(u"/channels/"_s + channel).status, 200);
}

void TestSimFaults::refuseConnectionsForAWhile()
{
    SimTestHarness::Options options;
    options.speed = 10;
    SimTestHarness sim(options);
    QVERIFY(sim.start());
    QCOMPARE(sim.http("POST", u"/sim/faults/refuse-connections"_s, QUrlQuery { { u"ms"_s, u"3000"_s } }).status, 204);
    QTRY_VERIFY(sim.server()->faults()->isRefusingConnections());
    // A fresh connection is refused at the TCP level: no HTTP answer.
    QNetworkAccessManager fresh;
    QNetworkRequest request(QUrl(sim.baseUrl().toString() + u"/ari/asterisk/ping"_s));
    QNetworkReply *reply = fresh.get(request);
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::ConnectionRefusedError);
    reply->deleteLater();
    QCOMPARE(sim.rawUpgrade("/ari/events?app=x", SimTestHarness::Auth::apiKey(), 2000).status, 0);
    // After 3 simulated seconds the port is open again.
    QTRY_VERIFY_WITH_TIMEOUT(!sim.server()->faults()->isRefusingConnections(), 10000);
    QNetworkAccessManager later;
    QNetworkReply *answered = later.get(request);
    QTRY_VERIFY(answered->isFinished());
    QCOMPARE(answered->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401); // no credentials: an answer
    answered->deleteLater();
    auto events = sim.connectEvents(u"vm-record"_s);
    QVERIFY(events);
}

void TestSimFaults::failNextRequests_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<int>("status"); // 0: no answer
    QTest::newRow("error") << u"error"_s << 500;
    QTest::newRow("no answer") << u"no-answer"_s << 0;
}

void TestSimFaults::failNextRequests()
{
    QFETCH(QString, fault);
    QFETCH(int, status);
    SimTestHarness sim;
    QVERIFY(sim.start());
    auto events = sim.connectEvents(u"vm-record"_s);
    QVERIFY(events);
    const QString channel = sim.placeCallId(u"vm-record"_s, { u"305"_s });
    QVERIFY(!channel.isEmpty());
    QCOMPARE(
        sim.http("POST", u"/sim/faults/requests"_s, QUrlQuery { { u"count"_s, u"2"_s }, { u"fault"_s, fault } }).status,
        204);
    // The control API is never affected.
    QCOMPARE(sim.http("GET", u"/sim/clock"_s).status, 200);
    for (int i = 0; i < 2; ++i) {
        const RestReply reply = sim.http("POST", u"/ari/channels/"_s + channel + u"/answer"_s, {}, {}, {},
            SimTestHarness::Auth::basic(), status == 0 ? 1500 : 10000);
        QCOMPARE(reply.status, status);
        if (status == 500)
            QCOMPARE(reply.object().value(u"message"_s).toString(), u"Internal Server Error"_s);
        else
            QVERIFY(reply.timedOut);
    }
    // A faulted request did nothing: the channel still rings. The third request is served.
    QCOMPARE(sim.get(u"/channels/"_s + channel).object().value(u"state"_s).toString(), u"Ring"_s);
    QCOMPARE(sim.post(u"/channels/"_s + channel + u"/answer"_s).status, 204);
    QCOMPARE(sim.get(u"/channels/"_s + channel).object().value(u"state"_s).toString(), u"Up"_s);
}

void TestSimFaults::delayNextRequest()
{
    SimTestHarness::Options options;
    options.speed = 10;
    SimTestHarness sim(options);
    QVERIFY(sim.start());
    QCOMPARE(
        sim.http("POST", u"/sim/faults/requests"_s, QUrlQuery { { u"fault"_s, u"delay"_s }, { u"ms"_s, u"2000"_s } })
            .status,
        204);
    const qint64 before = sim.simulatedMs();
    const RestReply reply = sim.get(u"/asterisk/ping"_s);
    QCOMPARE(reply.status, 200);
    QVERIFY2(sim.simulatedMs() - before >= 2000, qPrintable(QString::number(sim.simulatedMs() - before)));
    // Only the next request (count defaults to 1).
    QCOMPARE(sim.http("GET", u"/sim/faults"_s).object().value(u"requests"_s).toObject().value(u"count"_s).toInt(), 0);
}

void TestSimFaults::restartLosesEveryState()
{
    SimTestHarness::Options options;
    options.speed = 10;
    SimTestHarness sim(options);
    QVERIFY(sim.start());
    auto events = sim.connectEvents(u"queue,vm-record"_s);
    QVERIFY(events);
    const QString caller = sim.answeredCall(events.get(), u"queue"_s, { u"caller"_s });
    QVERIFY(!caller.isEmpty());
    QCOMPARE(sim.post(u"/bridges/holding"_s).status, 200);
    QCOMPARE(sim.post(u"/bridges/holding/addChannel"_s, QUrlQuery { { u"channel"_s, caller } }).status, 204);
    QCOMPARE(
        sim.post(u"/channels/"_s + caller + u"/play/p1"_s, QUrlQuery { { u"media"_s, u"tone:ring"_s } }).status, 201);
    // A message stored before the restart stays, as a file on disk does.
    const QString recorder = sim.answeredCall(events.get(), u"vm-record"_s, { u"305"_s });
    QCOMPARE(sim.post(u"/channels/"_s + recorder + u"/record"_s,
                    QUrlQuery { { u"name"_s, u"voicemail/305/1"_s }, { u"format"_s, u"wav"_s },
                        { u"maxDurationSeconds"_s, u"1"_s } })
                 .status,
        201);
    QVERIFY(!events->waitFor(u"RecordingFinished"_s, {}, 10000).isEmpty());
    const int eventsBefore = events->count();

    QCOMPARE(sim.http("POST", u"/sim/faults/restart"_s, QUrlQuery { { u"ms"_s, u"1000"_s } }).status, 204);
    QVERIFY(events->waitForDisconnected());
    QCOMPARE(events->count(), eventsBefore); // nobody heard the calls go
    QTRY_VERIFY_WITH_TIMEOUT(!sim.server()->faults()->isRefusingConnections(), 10000);
    const QJsonObject state = sim.state();
    QCOMPARE(state.value(u"channels"_s).toArray().size(), 0);
    QCOMPARE(state.value(u"bridges"_s).toArray().size(), 0);
    QCOMPARE(state.value(u"playbacks"_s).toArray().size(), 0);
    QCOMPARE(state.value(u"liveRecordings"_s).toArray().size(), 0);
    QCOMPARE(state.value(u"applications"_s).toArray().size(), 0);
    QCOMPARE(sim.get(u"/recordings/stored/voicemail%2F305%2F1"_s).status, 200);
    QCOMPARE(sim.get(u"/channels/"_s + caller).status, 404);
}

void TestSimFaults::badParametersAreRefused_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("query");
    QTest::newRow("drop after -1") << u"/sim/faults/drop-events"_s << u"after=-1"_s;
    QTest::newRow("refuse without ms") << u"/sim/faults/refuse-connections"_s << QString();
    QTest::newRow("unknown fault") << u"/sim/faults/requests"_s << u"fault=explode"_s;
    QTest::newRow("count 0") << u"/sim/faults/requests"_s << u"fault=error&count=0"_s;
    QTest::newRow("delay without ms") << u"/sim/faults/requests"_s << u"fault=delay"_s;
    QTest::newRow("restart ms=x") << u"/sim/faults/restart"_s << u"ms=x"_s;
}

void TestSimFaults::badParametersAreRefused()
{
    QFETCH(QString, path);
    QFETCH(QString, query);
    SimTestHarness sim;
    QVERIFY(sim.start());
    const RestReply reply = sim.http("POST", path, QUrlQuery(query));
    QCOMPARE(reply.status, 400);
    QVERIFY(!reply.object().value(u"message"_s).toString().isEmpty());
    const QJsonObject plan = sim.http("GET", u"/sim/faults"_s).object();
    QCOMPARE(plan.value(u"dropEventsAfter"_s).toInt(), 0);
    QCOMPARE(plan.value(u"refusingConnections"_s).toBool(), false);
    QCOMPARE(plan.value(u"requests"_s).toObject().value(u"count"_s).toInt(), 0);
}

void TestSimFaults::planIsReadAndCleared()
{
    SimTestHarness sim;
    QVERIFY(sim.start());
    QCOMPARE(
        sim.http("POST", u"/sim/faults/requests"_s, QUrlQuery { { u"fault"_s, u"error"_s }, { u"count"_s, u"3"_s } })
            .status,
        204);
    QCOMPARE(sim.http("POST", u"/sim/faults/drop-events"_s, QUrlQuery { { u"after"_s, u"5"_s } }).status, 204);
    QJsonObject plan = sim.http("GET", u"/sim/faults"_s).object();
    QCOMPARE(plan.value(u"dropEventsAfter"_s).toInt(), 5);
    QCOMPARE(plan.value(u"requests"_s).toObject().value(u"count"_s).toInt(), 3);
    QCOMPARE(plan.value(u"requests"_s).toObject().value(u"fault"_s).toString(), u"error"_s);
    QCOMPARE(sim.http("DELETE", u"/sim/faults"_s).status, 204);
    plan = sim.http("GET", u"/sim/faults"_s).object();
    QCOMPARE(plan.value(u"dropEventsAfter"_s).toInt(), 0);
    QCOMPARE(plan.value(u"requests"_s).toObject().value(u"count"_s).toInt(), 0);
    QCOMPARE(sim.get(u"/asterisk/ping"_s).status, 200);
}

QTEST_GUILESS_MAIN(TestSimFaults)
#include "TestSimFaults.moc"
