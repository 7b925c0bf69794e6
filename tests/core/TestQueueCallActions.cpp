// QueueCallActions against a scripted REST server: the requests each action sends, in order, one
// action at a time, and how it reads the answers and events (a name already taken, a recording
// that ended by itself, a discard that comes too late, the call ending while recording).

#include "core/ari/AriEndpoint.h"
#include "core/ari/AriEvent.h"
#include "core/ari/AriEventRouter.h"
#include "core/ari/AriRestClient.h"
#include "core/queue/QueueCallActions.h"

#include "support/FakeRestServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using Response = FakeRestServer::Response;
using Request = FakeRestServer::Request;
using Kind = QueueCallAction::Kind;

namespace {

const QString s_bridge = u"b1"_s;
const QString s_agent = u"agent-1"_s;
const QString s_caller = u"caller-1"_s;
const QByteArray s_livePath = "/ari/recordings/live/queue%2Fb1%2F1";

AriEvent recordingEvent(const QString &type, const QString &name, const QString &state)
{
    return AriEvent::fromJson(QJsonObject { { u"type"_s, type }, { u"application"_s, u"queue"_s },
        { u"recording"_s,
            QJsonObject { { u"name"_s, name }, { u"state"_s, state }, { u"target_uri"_s, u"bridge:b1"_s } } } });
}

AriEvent playbackFinished(const QString &id)
{
    return AriEvent::fromJson(QJsonObject { { u"type"_s, u"PlaybackFinished"_s }, { u"application"_s, u"queue"_s },
        { u"playback"_s, QJsonObject { { u"id"_s, id }, { u"state"_s, u"done"_s } } } });
}

// "POST /ari/bridges/b1/record", without the query.
QString line(const Request &request)
{
    return QString::fromLatin1(request.method + ' ' + request.path);
}

} // namespace

class TestQueueCallActions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void recordSendsTheRecordingThenTheBeepToTheCaller();
    void aTakenNameMovesOnToTheNext();
    void aNameTakenTooOftenFails();
    void actionsWaitForTheOneInProgress();
    void keysMapToActions_data();
    void keysMapToActions();
    void stopAnswered404IsKept();
    void discardAnswered404DeletesWhatWasStored();
    void recordingEndingOrFailingByItself();
    void finishStopsARunningRecordingAndDropsWaitingActions();
    void finishWhileTheRecordStartsStopsItAfterwards();
    void aStopOnItsWayWhenTheCallEndsStillReports();
    void endCallAsksTheOwner();
    void aNewAnnouncementReplacesThePlayingOne();
    void anActionWhoseAnswerIsLostFollowsTheServer_data();
    void anActionWhoseAnswerIsLostFollowsTheServer();
    void askingIsRepeatedUntilTheServerAnswers();
    void checkRecordingTakesTheServersWord();
    void anEndWhileTheServerIsAskedIsCountedOnce();

private:
    QueueCallActions *makeActions();
    QStringList lines() const;
    void recordNow(QueueCallActions *actions);

    std::unique_ptr<FakeRestServer> m_server;
    std::unique_ptr<AriRestClient> m_rest;
    std::unique_ptr<AriEventRouter> m_router;
    std::unique_ptr<QueueCallActions> m_actions;
    std::function<Response(const Request &)> m_answer;
    QList<QueueCallActions::Origin> m_ends;
};

void TestQueueCallActions::init()
{
    m_server = std::make_unique<FakeRestServer>();
    QVERIFY(m_server->listen());
    m_answer = [](const Request &request) {
        if (request.path.contains("/record") || request.path.contains("/play"))
            return Response::json(201, "{}");
        return Response::noContent();
    };
    m_server->setResponder([this](const Request &request) { return m_answer(request); });
    AriEndpoint endpoint;
    endpoint.baseUrl = m_server->baseUrl();
    endpoint.user = u"asterisk"_s;
    endpoint.password = u"asterisk"_s;
    m_rest = std::make_unique<AriRestClient>(endpoint);
    m_router = std::make_unique<AriEventRouter>();
    m_ends.clear();
}

void TestQueueCallActions::cleanup()
{
    m_actions.reset();
    m_router.reset();
    m_rest.reset();
    m_server.reset();
}

QueueCallActions *TestQueueCallActions::makeActions()
{
    QueueCallActions::Settings settings;
    settings.bridgeId = s_bridge;
    settings.agentChannelId = s_agent;
    settings.callerChannelId = s_caller;
    m_actions = std::make_unique<QueueCallActions>(
        settings, m_rest.get(), m_router.get(), [this](QueueCallActions::Origin origin) { m_ends.append(origin); });
    return m_actions.get();
}

QStringList TestQueueCallActions::lines() const
{
    QStringList result;
    for (const Request &request : m_server->requests())
        result.append(line(request));
    return result;
}

void TestQueueCallActions::recordNow(QueueCallActions *actions)
{
    actions->record();
    QTRY_COMPARE(actions->recordingState(), QueueRecordingState::Recording);
}

void TestQueueCallActions::recordSendsTheRecordingThenTheBeepToTheCaller()
{
    QueueCallActions *actions = makeActions();
    QSignalSpy started(actions, &QueueCallActions::recordingStarted);
    actions->record();
    QCOMPARE(actions->recordingState(), QueueRecordingState::Starting);
    QVERIFY(actions->isRecording());
    QVERIFY(!actions->canPause());
    QTRY_COMPARE(started.count(), 1);
    QCOMPARE(started.at(0).at(0).toString(), u"queue/b1/1"_s);
    QTRY_COMPARE(m_server->requests().size(), 2);
    const Request record = m_server->requests().at(0);
    QCOMPARE(line(record), u"POST /ari/bridges/b1/record"_s);
    QCOMPARE(record.queryValue(u"name"_s), u"queue/b1/1"_s);
    QCOMPARE(record.queryValue(u"format"_s), u"wav"_s);
    QCOMPARE(record.queryValue(u"ifExists"_s), u"fail"_s);
    const Request beep = m_server->requests().at(1);
    QVERIFY(line(beep).startsWith(u"POST /ari/channels/caller-1/play/"_s));
    QCOMPARE(beep.queryValue(u"media"_s), u"sound:beep"_s);
    QCOMPARE(actions->recordingState(), QueueRecordingState::Recording);
}

void TestQueueCallActions::aTakenNameMovesOnToTheNext()
{
    m_answer = [](const Request &request) {
        if (request.path.endsWith("/record") && request.queryValue(u"name"_s) != u"queue/b1/3"_s)
            return Response::json(409, R"({"message":"Recording already exists"})");
        return request.path.contains("/play") || request.path.contains("/record") ? Response::json(201, "{}")
                                                                                  : Response::noContent();
    };
    QueueCallActions *actions = makeActions();
    recordNow(actions);
    QCOMPARE(actions->recordingName(), u"queue/b1/3"_s);
    QStringList names;
    for (const Request &request : m_server->requests()) {
        if (request.path.endsWith("/record"))
            names.append(request.queryValue(u"name"_s));
    }
    QCOMPARE(names, (QStringList { u"queue/b1/1"_s, u"queue/b1/2"_s, u"queue/b1/3"_s }));
}

void TestQueueCallActions::aNameTakenTooOftenFails()
{
    m_answer = [](const Request &) { return Response::json(409, R"({"message":"Recording already exists"})"); };
    QueueCallActions *actions = makeActions();
    QSignalSpy failed(actions, &QueueCallActions::recordingFailed);
    actions->record();
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(actions->recordingState(), QueueRecordingState::None);
    QCOMPARE(m_server->requests().size(), 5);
    QVERIFY(!actions->isBusy());
    QVERIFY(actions->canRecord());
}

void TestQueueCallActions::actionsWaitForTheOneInProgress()
{
    bool hold = true;
    m_answer = [&hold](const Request &request) {
        if (request.path.endsWith("/record"))
            return hold ? Response::hold() : Response::json(201, "{}");
        return request.path.contains("/play") ? Response::json(201, "{}") : Response::noContent();
    };
    QueueCallActions *actions = makeActions();
    actions->record();
    actions->pause();
    actions->resume();
    QTRY_COMPARE(m_server->heldCount(), 1);
    QVERIFY(actions->isBusy());
    QCOMPARE(actions->waitingCount(), 2);
    QCOMPARE(m_server->requests().size(), 1);
    QVERIFY(m_server->releaseHeld(Response::json(201, "{}")));
    QTRY_COMPARE(actions->waitingCount(), 0);
    QTRY_VERIFY(!actions->isBusy());
    QTRY_COMPARE(m_server->requests().size(), 4);
    QStringList sent = lines();
    sent.removeIf([](const QString &text) { return text.contains(u"/play/"_s); });
    QCOMPARE(sent,
        (QStringList { u"POST /ari/bridges/b1/record"_s, u"POST /ari/recordings/live/queue%2Fb1%2F1/pause"_s,
            u"DELETE /ari/recordings/live/queue%2Fb1%2F1/pause"_s }));
    QCOMPARE(actions->recordingState(), QueueRecordingState::Recording);
}

void TestQueueCallActions::keysMapToActions_data()
{
    QTest::addColumn<QString>("keys");
    QTest::addColumn<QStringList>("requests"); // besides the beep
    QTest::addColumn<int>("state");
    QTest::newRow("0") << u"0"_s << QStringList { u"POST /ari/bridges/b1/record"_s }
                       << int(QueueRecordingState::Recording);
    QTest::newRow("05") << u"05"_s
                        << QStringList { u"POST /ari/bridges/b1/record"_s,
                               u"POST /ari/recordings/live/queue%2Fb1%2F1/pause"_s }
                        << int(QueueRecordingState::Paused);
    QTest::newRow("055") << u"055"_s
                         << QStringList { u"POST /ari/bridges/b1/record"_s,
                                u"POST /ari/recordings/live/queue%2Fb1%2F1/pause"_s,
                                u"DELETE /ari/recordings/live/queue%2Fb1%2F1/pause"_s }
                         << int(QueueRecordingState::Recording);
    QTest::newRow("07") << u"07"_s
                        << QStringList { u"POST /ari/bridges/b1/record"_s,
                               u"POST /ari/recordings/live/queue%2Fb1%2F1/stop"_s }
                        << int(QueueRecordingState::None);
    QTest::newRow("09") << u"09"_s
                        << QStringList { u"POST /ari/bridges/b1/record"_s,
                               u"DELETE /ari/recordings/live/queue%2Fb1%2F1"_s }
                        << int(QueueRecordingState::None);
    QTest::newRow("0700") << u"0700"_s
                          << QStringList { u"POST /ari/bridges/b1/record"_s,
                                 u"POST /ari/recordings/live/queue%2Fb1%2F1/stop"_s, u"POST /ari/bridges/b1/record"_s }
                          << int(QueueRecordingState::Recording);
    QTest::newRow("579 (nothing to act on)") << u"579"_s << QStringList() << int(QueueRecordingState::None);
}

void TestQueueCallActions::keysMapToActions()
{
    QFETCH(QString, keys);
    QFETCH(QStringList, requests);
    QFETCH(int, state);
    QueueCallActions *actions = makeActions();
    for (const QChar key : std::as_const(keys))
        QVERIFY(actions->handleKey(key));
    QTRY_VERIFY(!actions->isBusy() && actions->waitingCount() == 0);
    QCOMPARE(int(actions->recordingState()), state);
    QStringList sent = lines();
    sent.removeIf([](const QString &text) { return text.contains(u"/play/"_s); });
    QCOMPARE(sent, requests);
    QVERIFY(!actions->handleKey(u'1'));
    QVERIFY(!actions->handleKey(u'*'));
}

void TestQueueCallActions::stopAnswered404IsKept()
{
    m_answer = [](const Request &request) {
        if (request.path.endsWith("/stop"))
            return Response::json(404, R"({"message":"Recording not found"})");
        return request.path.contains("/play") || request.path.contains("/record") ? Response::json(201, "{}")
                                                                                  : Response::noContent();
    };
    QueueCallActions *actions = makeActions();
    recordNow(actions);
    QSignalSpy stored(actions, &QueueCallActions::recordingStored);
    actions->stop();
    QTRY_COMPARE(stored.count(), 1);
    QCOMPARE(actions->recordingState(), QueueRecordingState::None);
    QCOMPARE(actions->storedRecordings(), QStringList { u"queue/b1/1"_s });
}

void TestQueueCallActions::discardAnswered404DeletesWhatWasStored()
{
    m_answer = [](const Request &request) {
        if (request.method == "DELETE" && request.path.startsWith("/ari/recordings/live/"))
            return Response::json(404, R"({"message":"Recording not found"})");
        return request.path.contains("/play") || request.path.contains("/record") ? Response::json(201, "{}")
                                                                                  : Response::noContent();
    };
    QueueCallActions *actions = makeActions();
    recordNow(actions);
    QSignalSpy discarded(actions, &QueueCallActions::recordingDiscarded);
    actions->discard();
    QTRY_COMPARE(discarded.count(), 1);
    QCOMPARE(lines().constLast(), u"DELETE /ari/recordings/stored/queue%2Fb1%2F1"_s);
    QCOMPARE(actions->recordingState(), QueueRecordingState::None);
    QVERIFY(actions->storedRecordings().isEmpty());
}

void TestQueueCallActions::recordingEndingOrFailingByItself()
{
    QueueCallActions *actions = makeActions();
    recordNow(actions);
    QSignalSpy stored(actions, &QueueCallActions::recordingStored);
    QSignalSpy failed(actions, &QueueCallActions::recordingFailed);
    // An event for another recording changes nothing.
    m_router->route(recordingEvent(u"RecordingFinished"_s, u"queue/other/1"_s, u"done"_s));
    QCOMPARE(actions->recordingState(), QueueRecordingState::Recording);
    m_router->route(recordingEvent(u"RecordingFinished"_s, u"queue/b1/1"_s, u"done"_s));
    QCOMPARE(stored.count(), 1);
    QCOMPARE(actions->recordingState(), QueueRecordingState::None);

    recordNow(actions);
    QCOMPARE(actions->recordingName(), u"queue/b1/2"_s);
    m_router->route(recordingEvent(u"RecordingFailed"_s, u"queue/b1/2"_s, u"failed"_s));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(actions->recordingState(), QueueRecordingState::None);
    QVERIFY(actions->canRecord());
}

void TestQueueCallActions::finishStopsARunningRecordingAndDropsWaitingActions()
{
    QueueCallActions *actions = makeActions();
    recordNow(actions);
    QTRY_COMPARE(m_server->requests().size(), 2); // record, beep
    const int subscriptions = m_router->subscriptionCount();
    QVERIFY(subscriptions > 0);
    QSignalSpy ignored(actions, &QueueCallActions::actionIgnored);
    QSignalSpy stored(actions, &QueueCallActions::recordingStored);
    QSignalSpy changed(actions, &QueueCallActions::stateChanged);
    actions->finish();
    QVERIFY(actions->isFinished());
    QCOMPARE(stored.count(), 1);
    QVERIFY(changed.count() >= 1);
    for (QueueCallAction *action : actions->actions())
        QVERIFY(!action->isEnabled());
    QCOMPARE(m_router->subscriptionCount(), 0);
    QTRY_COMPARE(lines().constLast(), u"POST /ari/recordings/live/queue%2Fb1%2F1/stop"_s);
    actions->pause();
    QCOMPARE(ignored.count(), 1);
    actions->finish(); // idempotent
    QCOMPARE(stored.count(), 1);
}

void TestQueueCallActions::finishWhileTheRecordStartsStopsItAfterwards()
{
    m_answer = [](const Request &request) {
        if (request.path.endsWith("/record"))
            return Response::hold();
        return Response::noContent();
    };
    QueueCallActions *actions = makeActions();
    actions->record();
    actions->stop(); // waits behind the record
    QTRY_COMPARE(m_server->heldCount(), 1);
    QSignalSpy ignored(actions, &QueueCallActions::actionIgnored);
    actions->finish();
    QCOMPARE(ignored.count(), 1); // the waiting stop
    // The stop of the call's end goes out only after the record was answered (same order key).
    QCOMPARE(m_server->requests().size(), 1);
    QVERIFY(m_server->releaseHeld(Response::json(201, "{}")));
    QTRY_COMPARE(lines(),
        (QStringList { u"POST /ari/bridges/b1/record"_s, u"POST /ari/recordings/live/queue%2Fb1%2F1/stop"_s }));
}

void TestQueueCallActions::aStopOnItsWayWhenTheCallEndsStillReports()
{
    m_answer = [](const Request &request) {
        if (request.path.endsWith("/stop"))
            return Response::hold();
        return request.path.contains("/play") || request.path.contains("/record") ? Response::json(201, "{}")
                                                                                  : Response::noContent();
    };
    QueueCallActions *actions = makeActions();
    recordNow(actions);
    actions->stop();
    QTRY_COMPARE(m_server->heldCount(), 1);
    QSignalSpy stored(actions, &QueueCallActions::recordingStored);
    QSignalSpy idle(actions, &QueueCallActions::idle);
    actions->finish();
    QCOMPARE(stored.count(), 0); // not yet: the stop's answer tells
    QCOMPARE(idle.count(), 0);
    QCOMPARE(actions->outstandingCount(), 1);
    QVERIFY(m_server->releaseHeld(Response::noContent()));
    QTRY_COMPARE(stored.count(), 1);
    QCOMPARE(stored.at(0).at(0).toString(), u"queue/b1/1"_s);
    QTRY_COMPARE(idle.count(), 1);
    QCOMPARE(actions->storedRecordings(), QStringList { u"queue/b1/1"_s });
}

void TestQueueCallActions::endCallAsksTheOwner()
{
    QueueCallActions *actions = makeActions();
    QVERIFY(actions->handleKey(u'#'));
    actions->action(Kind::EndCall)->trigger();
    QCOMPARE(m_ends,
        (QList<QueueCallActions::Origin> { QueueCallActions::Origin::AgentKey, QueueCallActions::Origin::Supervisor }));
    QCOMPARE(m_server->requests().size(), 0);
}

void TestQueueCallActions::aNewAnnouncementReplacesThePlayingOne()
{
    QueueCallActions *actions = makeActions();
    actions->announce();
    QVERIFY(actions->isAnnouncing());
    QTRY_COMPARE(m_server->requests().size(), 1);
    const Request first = m_server->requests().at(0);
    QVERIFY(line(first).startsWith(u"POST /ari/bridges/b1/play/"_s));
    QCOMPARE(first.queryValue(u"media"_s), u"sound:conf-now-recording"_s);
    const QString firstId = line(first).mid(QStringLiteral("POST /ari/bridges/b1/play/").size());

    actions->announceMedia(u"sound:queue-thereare"_s);
    QTRY_COMPARE(m_server->requests().size(), 3);
    QCOMPARE(line(m_server->requests().at(1)), u"DELETE /ari/playbacks/"_s + firstId);
    const Request second = m_server->requests().at(2);
    QCOMPARE(second.queryValue(u"media"_s), u"sound:queue-thereare"_s);
    const QString secondId = line(second).mid(QStringLiteral("POST /ari/bridges/b1/play/").size());

    // The end of the replaced one changes nothing; the end of the current one ends the announcement.
    m_router->route(playbackFinished(firstId));
    QVERIFY(actions->isAnnouncing());
    m_router->route(playbackFinished(secondId));
    QVERIFY(!actions->isAnnouncing());
    QCOMPARE(m_router->subscriptionCount(), 0);
}

void TestQueueCallActions::anActionWhoseAnswerIsLostFollowsTheServer_data()
{
    // An action's answer lost (the connection dropped, a 500): the request may have been carried
    // out or not, so the call asks the server (GET the live recording) and takes its word.
    QTest::addColumn<QString>("keys"); // after the recording started
    QTest::addColumn<bool>("dropped"); // the answer lost with the connection, else a 500
    QTest::addColumn<int>("liveStatus"); // the answer to GET /recordings/live/…
    QTest::addColumn<QString>("liveState");
    QTest::addColumn<int>("state"); // the call's recording state in the end
    QTest::addColumn<bool>("stored");
    QTest::addColumn<bool>("discarded");
    using S = QueueRecordingState;
    QTest::newRow("pause lost, done") << u"5"_s << true << 200 << u"paused"_s << int(S::Paused) << false << false;
    QTest::newRow("pause lost, not done")
        << u"5"_s << true << 200 << u"recording"_s << int(S::Recording) << false << false;
    QTest::newRow("pause 500, ended meanwhile") << u"5"_s << false << 404 << QString() << int(S::None) << true << false;
    QTest::newRow("resume lost, done") << u"55"_s << true << 200 << u"recording"_s << int(S::Recording) << false
                                       << false;
    QTest::newRow("resume 500, not done") << u"55"_s << false << 200 << u"paused"_s << int(S::Paused) << false << false;
    QTest::newRow("stop lost, done") << u"7"_s << true << 404 << QString() << int(S::None) << true << false;
    QTest::newRow("stop 500, not done") << u"7"_s << false << 200 << u"recording"_s << int(S::Recording) << false
                                        << false;
    QTest::newRow("stop lost, done (still listed)")
        << u"7"_s << true << 200 << u"done"_s << int(S::None) << true << false;
    QTest::newRow("discard lost, done") << u"9"_s << true << 404 << QString() << int(S::None) << false << true;
    QTest::newRow("discard 500, not done") << u"9"_s << false << 200 << u"paused"_s << int(S::Paused) << false << false;
}

void TestQueueCallActions::anActionWhoseAnswerIsLostFollowsTheServer()
{
    QFETCH(QString, keys);
    QFETCH(bool, dropped);
    QFETCH(int, liveStatus);
    QFETCH(QString, liveState);
    QFETCH(int, state);
    QFETCH(bool, stored);
    QFETCH(bool, discarded);
    const QChar failing = keys.back();
    m_answer = [&](const Request &request) {
        if (request.path.endsWith("/record") || request.path.contains("/play"))
            return Response::json(201, "{}");
        if (request.method == "GET" && request.path == s_livePath) {
            if (liveStatus == 404)
                return Response::json(404, R"({"message":"Recording not found"})");
            return Response::json(
                200, QJsonDocument(QJsonObject { { u"name"_s, u"queue/b1/1"_s }, { u"state"_s, liveState } }).toJson());
        }
        const bool pauseOrResume = request.path == s_livePath + "/pause";
        const bool isFailing = (failing == u'5' && pauseOrResume
                                   && request.method == (keys.size() == 1 ? QByteArray("POST") : QByteArray("DELETE")))
            || (failing == u'7' && request.path == s_livePath + "/stop")
            || (failing == u'9' && request.method == "DELETE" && request.path == s_livePath);
        if (isFailing)
            return dropped ? Response::drop() : Response::json(500, R"({"message":"Internal Server Error"})");
        return Response::noContent();
    };
    QueueCallActions *actions = makeActions();
    recordNow(actions);
    QSignalSpy storedSpy(actions, &QueueCallActions::recordingStored);
    QSignalSpy discardedSpy(actions, &QueueCallActions::recordingDiscarded);
    for (const QChar key : std::as_const(keys))
        QVERIFY(actions->handleKey(key));
    QTRY_VERIFY(!actions->isBusy() && actions->waitingCount() == 0);
    QCOMPARE(int(actions->recordingState()), state);
    QCOMPARE(storedSpy.count(), stored ? 1 : 0);
    QCOMPARE(actions->storedRecordings(), stored ? QStringList { u"queue/b1/1"_s } : QStringList());
    QCOMPARE(discardedSpy.count(), discarded ? 1 : 0);
    QStringList sent = lines();
    sent.removeIf([](const QString &text) { return text.contains(u"/play/"_s); });
    QCOMPARE(sent.count(u"GET "_s + QString::fromLatin1(s_livePath)), 1);
    if (discarded)
        QCOMPARE(sent.constLast(), u"DELETE /ari/recordings/stored/queue%2Fb1%2F1"_s);
    else
        QCOMPARE(sent.constLast(), u"GET "_s + QString::fromLatin1(s_livePath));
    // The call acts on what it now knows.
    QCOMPARE(actions->canPause(), state == int(QueueRecordingState::Recording));
    QCOMPARE(actions->canResume(), state == int(QueueRecordingState::Paused));
    QCOMPARE(actions->canRecord(), state == int(QueueRecordingState::None));
}

void TestQueueCallActions::askingIsRepeatedUntilTheServerAnswers()
{
    int asked = 0;
    m_answer = [&asked](const Request &request) {
        if (request.path.endsWith("/record") || request.path.contains("/play"))
            return Response::json(201, "{}");
        if (request.path == s_livePath + "/pause")
            return Response::drop();
        if (request.method == "GET" && request.path == s_livePath) {
            ++asked;
            if (asked == 1)
                return Response::drop();
            if (asked == 2)
                return Response::json(503, R"({"message":"Service Unavailable"})");
            return Response::json(200, R"({"name":"queue/b1/1","state":"paused"})");
        }
        return Response::noContent();
    };
    QueueCallActions *actions = makeActions();
    recordNow(actions);
    actions->pause();
    QVERIFY(actions->isBusy());
    // Asked again 1 s, then 2 s later; the actions wait meanwhile.
    actions->stop();
    QCOMPARE(actions->waitingCount(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(asked == 3, 10000);
    QTRY_VERIFY(!actions->isBusy() && actions->waitingCount() == 0);
    // The pause was found done; the stop waited for it and went out after.
    QStringList sent = lines();
    sent.removeIf([](const QString &text) { return text.contains(u"/play/"_s); });
    const QString live = QString::fromLatin1(s_livePath);
    // (Qt's HTTP layer may send the pause a second time on a new connection when the first one
    // closes without an answer: the server is asked only after the last of them.)
    const QString pause = u"POST "_s + live + u"/pause"_s;
    const QString get = u"GET "_s + live;
    QVERIFY2(sent.count(pause) >= 1 && sent.count(pause) <= 2, qPrintable(sent.join(u", "_s)));
    sent.removeAll(pause);
    QCOMPARE(sent, (QStringList { u"POST /ari/bridges/b1/record"_s, get, get, get, u"POST "_s + live + u"/stop"_s }));
    QVERIFY(lines().lastIndexOf(pause) < lines().indexOf(get));
    QCOMPARE(actions->recordingState(), QueueRecordingState::None);
}

void TestQueueCallActions::checkRecordingTakesTheServersWord()
{
    QString serverState = u"paused"_s;
    m_answer = [&serverState](const Request &request) {
        if (request.path.endsWith("/record") || request.path.contains("/play"))
            return Response::json(201, "{}");
        if (request.method == "GET" && request.path == s_livePath)
            return Response::json(200,
                QJsonDocument(QJsonObject { { u"name"_s, u"queue/b1/1"_s }, { u"state"_s, serverState } }).toJson());
        return Response::noContent();
    };
    QueueCallActions *actions = makeActions();
    // No recording: nothing to ask.
    actions->checkRecording();
    QVERIFY(!actions->isBusy());
    QCOMPARE(m_server->requests().size(), 0);

    recordNow(actions);
    QTRY_COMPARE(m_server->requests().size(), 2); // record, beep
    actions->checkRecording();
    QTRY_COMPARE(actions->recordingState(), QueueRecordingState::Paused);
    QTRY_VERIFY(!actions->isBusy());
    QVERIFY(actions->canResume());
    serverState = u"recording"_s;
    actions->checkRecording();
    QTRY_COMPARE(actions->recordingState(), QueueRecordingState::Recording);
    QTRY_VERIFY(!actions->isBusy());
    QCOMPARE(m_server->requests().size(), 4);

    // After the call ended, nothing is asked.
    actions->finish();
    actions->checkRecording();
    QVERIFY(!actions->isBusy());
    QTRY_COMPARE(m_rest->pendingCount(), 0); // everything sent has been answered
    QCOMPARE(m_server->requests().size(), 5); // the stop of the running recording only
    QCOMPARE(line(m_server->requests().constLast()), u"POST /ari/recordings/live/queue%2Fb1%2F1/stop"_s);
}

void TestQueueCallActions::anEndWhileTheServerIsAskedIsCountedOnce()
{
    // A stop whose answer is lost: the call stays "stopping" while it asks the server, so the
    // recording's end arriving meanwhile is the stop's, and the recording is reported stored once.
    m_answer = [](const Request &request) {
        if (request.path.endsWith("/record") || request.path.contains("/play"))
            return Response::json(201, "{}");
        if (request.path == s_livePath + "/stop")
            return Response::drop();
        if (request.method == "GET" && request.path.startsWith("/ari/recordings/live/"))
            return Response::hold();
        return Response::noContent();
    };
    QueueCallActions *actions = makeActions();
    recordNow(actions);
    QSignalSpy stored(actions, &QueueCallActions::recordingStored);
    actions->stop();
    QTRY_COMPARE(m_server->heldCount(), 1); // the question
    QCOMPARE(actions->recordingState(), QueueRecordingState::Stopping);
    QVERIFY(!actions->canPause() && !actions->canStop());
    m_router->route(recordingEvent(u"RecordingFinished"_s, u"queue/b1/1"_s, u"done"_s));
    QCOMPARE(actions->recordingState(), QueueRecordingState::Stopping);
    QCOMPARE(stored.count(), 0);
    QVERIFY(m_server->releaseHeld(Response::json(404, R"({"message":"Recording not found"})")));
    QTRY_VERIFY(!actions->isBusy());
    QCOMPARE(actions->recordingState(), QueueRecordingState::None);
    QCOMPARE(stored.count(), 1);
    QCOMPARE(actions->storedRecordings(), QStringList { u"queue/b1/1"_s });

    // After a reconnect's check, an end that came while it was asked is not counted again.
    recordNow(actions);
    actions->checkRecording();
    QTRY_COMPARE(m_server->heldCount(), 1);
    m_router->route(recordingEvent(u"RecordingFinished"_s, u"queue/b1/2"_s, u"done"_s));
    QCOMPARE(actions->recordingState(), QueueRecordingState::None);
    QCOMPARE(stored.count(), 2);
    QVERIFY(m_server->releaseHeld(Response::json(200, R"({"name":"queue/b1/2","state":"recording"})")));
    QTRY_VERIFY(!actions->isBusy());
    QCOMPARE(actions->recordingState(), QueueRecordingState::None); // not revived
    QCOMPARE(stored.count(), 2);
}

QTEST_GUILESS_MAIN(TestQueueCallActions)
#include "TestQueueCallActions.moc"
