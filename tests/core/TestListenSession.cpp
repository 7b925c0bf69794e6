#include "support/FakeRestServer.h"

#include "core/apps/StasisServerSnapshot.h"
#include "core/ari/AriEndpoint.h"
#include "core/ari/AriEvent.h"
#include "core/ari/AriEventRouter.h"
#include "core/ari/AriRestClient.h"
#include "core/playback/PlaybackTracker.h"
#include "core/voicemail/ListenSession.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using State = ListenStatus::State;

namespace {

const QString s_recording = u"voicemail/305/1411503204"_s;
const QByteArray s_storedPath = "/ari/recordings/stored/voicemail%2F305%2F1411503204";

} // namespace

// The supervisor's listening call against a recording HTTP server; events are fed to the router
// by hand, as the event socket would deliver them.
class TestListenSession final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void listenControlsAndStop();
    void restartWhilePausedUnpausesFirst();
    void playsAgainAfterTheEnd();
    void secondMessageOnTheSameCall();
    void noEndpointFails();
    void originateRefused();
    void busyPhone();
    void recordingGoneBeforePlaying();
    void recordingDeletedWhilePlaying();
    void callerHangsUp();
    void recoverKeepsOurCallAndHangsUpStrays();
    void recoverEndsOurCallWhenTheServerLostIt();
    void recoverLeavesACallStartedDuringTheRead();

private:
    static QJsonObject inListenApplication(const QString &channelId);
    void answer();
    void playbackEvent(const QString &type, const QString &state);
    QList<FakeRestServer::Request> requestsMatching(const QByteArray &method, const QByteArray &pathPart) const;
    QString lastPlaybackId() const;

    std::unique_ptr<FakeRestServer> m_server;
    std::unique_ptr<AriRestClient> m_rest;
    std::unique_ptr<AriEventRouter> m_router;
    std::unique_ptr<PlaybackTracker> m_tracker;
    std::unique_ptr<ListenSession> m_session;
    AriSubscriptionPtr m_trackerEvents;
    bool m_recordingExists = true;
    int m_originateStatus = 200;
    QString m_channelId;
};

void TestListenSession::init()
{
    m_recordingExists = true;
    m_originateStatus = 200;
    m_server = std::make_unique<FakeRestServer>();
    QVERIFY(m_server->listen());
    m_server->setResponder([this](const FakeRestServer::Request &request) {
        if (request.method == "GET" && request.path == s_storedPath) {
            return m_recordingExists
                ? FakeRestServer::Response::json(200, R"({"name":"voicemail/305/1411503204","format":"wav"})")
                : FakeRestServer::Response::json(404, R"({"message":"Recording not found"})");
        }
        if (request.method == "POST" && request.path == "/ari/channels") {
            if (m_originateStatus != 200)
                return FakeRestServer::Response::json(m_originateStatus, R"({"error":"Allocation failed"})");
            return FakeRestServer::Response::json(200,
                QJsonDocument(
                    QJsonObject { { u"id"_s, request.queryValue(u"channelId"_s) }, { u"state"_s, u"Down"_s } })
                    .toJson());
        }
        if (request.path.contains("/play/"))
            return FakeRestServer::Response::json(201, R"({"state":"queued"})");
        return FakeRestServer::Response::noContent();
    });
    AriEndpoint endpoint;
    endpoint.baseUrl = m_server->baseUrl();
    endpoint.user = u"asterisk"_s;
    endpoint.password = u"asterisk"_s;
    m_rest = std::make_unique<AriRestClient>(endpoint);
    m_router = std::make_unique<AriEventRouter>();
    m_tracker = std::make_unique<PlaybackTracker>(nullptr);
    connect(m_rest.get(), &AriRestClient::requestSent, m_tracker.get(), &PlaybackTracker::onRequestSent);
    m_trackerEvents = m_router->onAll([this](const AriEvent &event) { m_tracker->onEvent(event); });
    m_session = std::make_unique<ListenSession>(m_rest.get(), m_router.get(), m_tracker.get());
    m_session->setEndpoint(u"PJSIP/1001"_s);
    m_session->setApplication(u"ari-supervisor"_s);
    m_session->setSkipMs(4000);
    m_channelId.clear();
}

void TestListenSession::cleanup()
{
    m_session.reset();
    m_trackerEvents.reset();
    m_tracker.reset();
    m_router.reset();
    m_rest.reset();
    m_server.reset();
}

QList<FakeRestServer::Request> TestListenSession::requestsMatching(
    const QByteArray &method, const QByteArray &pathPart) const
{
    QList<FakeRestServer::Request> found;
    for (const FakeRestServer::Request &request : m_server->requests()) {
        if (request.method == method && request.path.contains(pathPart))
            found.append(request);
    }
    return found;
}

QString TestListenSession::lastPlaybackId() const
{
    const QList<FakeRestServer::Request> plays = requestsMatching("POST", "/play/");
    if (plays.isEmpty())
        return {};
    return QString::fromLatin1(plays.last().path.mid(plays.last().path.lastIndexOf('/') + 1));
}

void TestListenSession::answer()
{
    QTRY_COMPARE(requestsMatching("POST", "/ari/channels").size(), 1);
    const FakeRestServer::Request originate = requestsMatching("POST", "/ari/channels").first();
    QCOMPARE(originate.queryValue(u"endpoint"_s), u"PJSIP/1001"_s);
    QCOMPARE(originate.queryValue(u"app"_s), u"ari-supervisor"_s);
    m_channelId = originate.queryValue(u"channelId"_s);
    QVERIFY(!m_channelId.isEmpty());
    QCOMPARE(m_session->status().channelId, m_channelId);
    QCOMPARE(m_session->status().state, State::Calling);
    m_router->route(AriEvent::fromJson({ { u"type"_s, u"StasisStart"_s }, { u"application"_s, u"ari-supervisor"_s },
        { u"args"_s, QJsonArray { u"listen"_s } },
        { u"channel"_s, QJsonObject { { u"id"_s, m_channelId }, { u"state"_s, u"Up"_s } } } }));
    QCOMPARE(m_session->status().state, State::Starting);
    QTRY_VERIFY(!lastPlaybackId().isEmpty());
}

void TestListenSession::playbackEvent(const QString &type, const QString &state)
{
    m_router->route(AriEvent::fromJson({ { u"type"_s, type },
        { u"playback"_s,
            QJsonObject { { u"id"_s, lastPlaybackId() }, { u"media_uri"_s, QString(u"recording:"_s + s_recording) },
                { u"target_uri"_s, QString(u"channel:"_s + m_channelId) }, { u"state"_s, state } } } }));
}

void TestListenSession::listenControlsAndStop()
{
    QSignalSpy statuses(m_session.get(), &ListenSession::statusChanged);
    m_session->listen(s_recording);
    answer();
    // The recording is checked first, then played on the call with the configured skip.
    const FakeRestServer::Request play = requestsMatching("POST", "/play/").last();
    QVERIFY(play.path.startsWith(QByteArray("/ari/channels/" + m_channelId.toLatin1() + "/play/")));
    QCOMPARE(play.queryValue(u"media"_s), u"recording:"_s + s_recording);
    QCOMPARE(play.queryValue(u"skipms"_s), u"4000"_s);
    QCOMPARE(requestsMatching("GET", s_storedPath).size(), 1);
    QCOMPARE(m_session->status().playback.id, lastPlaybackId());
    QCOMPARE(m_session->status().playback.state, u"queued"_s); // from the tracker

    playbackEvent(u"PlaybackStarted"_s, u"playing"_s);
    QCOMPARE(m_session->status().state, State::Playing);
    QCOMPARE(m_session->status().playback.state, u"playing"_s);

    m_session->togglePause();
    QCOMPARE(m_session->status().state, State::Paused);
    m_session->forward(); // refused while paused: nothing sent
    m_session->reverse();
    m_session->togglePause();
    QCOMPARE(m_session->status().state, State::Playing);
    m_session->forward();
    m_session->reverse();
    QTRY_COMPARE(requestsMatching("POST", "/control").size(), 4);
    QStringList operations;
    for (const FakeRestServer::Request &request : requestsMatching("POST", "/control")) {
        QCOMPARE(request.path, "/ari/playbacks/" + lastPlaybackId().toLatin1() + "/control");
        operations << request.queryValue(u"operation"_s);
    }
    QCOMPARE(operations, (QStringList { u"pause"_s, u"unpause"_s, u"forward"_s, u"reverse"_s }));

    m_session->stop();
    QCOMPARE(m_session->status().state, State::Idle);
    QVERIFY(!m_session->status().hasCall());
    QTRY_COMPARE(requestsMatching("DELETE", "/ari/channels/" + m_channelId.toLatin1()).size(), 1);
    QTRY_COMPARE(requestsMatching("DELETE", "/ari/playbacks/").size(), 1);
    // The requests of the call left in the order they were made.
    QStringList order;
    for (const FakeRestServer::Request &request : m_server->requests())
        order << QString::fromLatin1(request.method) + u' ' + QString::fromLatin1(request.path).section(u'/', 2, 2);
    QCOMPARE(order,
        (QStringList { u"POST channels"_s, u"GET recordings"_s, u"POST channels"_s, u"POST playbacks"_s,
            u"POST playbacks"_s, u"POST playbacks"_s, u"POST playbacks"_s, u"DELETE playbacks"_s,
            u"DELETE channels"_s }));
    // Events of the call after the stop are ignored.
    playbackEvent(u"PlaybackFinished"_s, u"done"_s);
    QCOMPARE(m_session->status().state, State::Idle);
}

void TestListenSession::restartWhilePausedUnpausesFirst()
{
    m_session->listen(s_recording);
    answer();
    playbackEvent(u"PlaybackStarted"_s, u"playing"_s);
    m_session->pause();
    m_session->restart();
    QCOMPARE(m_session->status().state, State::Playing);
    QTRY_COMPARE(requestsMatching("POST", "/control").size(), 3);
    QStringList operations;
    for (const FakeRestServer::Request &request : requestsMatching("POST", "/control"))
        operations << request.queryValue(u"operation"_s);
    QCOMPARE(operations, (QStringList { u"pause"_s, u"unpause"_s, u"restart"_s }));
}

void TestListenSession::playsAgainAfterTheEnd()
{
    m_session->listen(s_recording);
    answer();
    const QString first = lastPlaybackId();
    playbackEvent(u"PlaybackStarted"_s, u"playing"_s);
    playbackEvent(u"PlaybackFinished"_s, u"done"_s);
    QCOMPARE(m_session->status().state, State::Finished);
    QVERIFY(m_session->status().hasCall()); // the call stays up
    m_session->togglePause(); // nothing to pause
    QCOMPARE(m_session->status().state, State::Finished);
    m_session->restart();
    QTRY_COMPARE(requestsMatching("POST", "/play/").size(), 2);
    QVERIFY(lastPlaybackId() != first); // a new playback id for the new play
    QCOMPARE(requestsMatching("POST", "/control").size(), 0);
}

void TestListenSession::secondMessageOnTheSameCall()
{
    m_session->listen(s_recording);
    answer();
    playbackEvent(u"PlaybackStarted"_s, u"playing"_s);
    const QString first = lastPlaybackId();
    m_session->listen(u"voicemail/305/other"_s);
    QTRY_COMPARE(requestsMatching("DELETE", "/ari/playbacks/" + first.toLatin1()).size(), 1);
    QTRY_COMPARE(requestsMatching("GET", "/ari/recordings/stored/voicemail%2F305%2Fother").size(), 1);
    QCOMPARE(requestsMatching("POST", "/ari/channels").size() - requestsMatching("POST", "/play/").size(), 1);
}

void TestListenSession::noEndpointFails()
{
    m_session->setEndpoint({});
    m_session->listen(s_recording);
    QCOMPARE(m_session->status().state, State::Failed);
    QVERIFY(m_session->status().error.contains(u"supervisor/endpoint"_s));
    QCOMPARE(m_server->requests().size(), 0);
}

void TestListenSession::originateRefused()
{
    m_originateStatus = 500;
    m_session->listen(s_recording);
    QTRY_COMPARE(m_session->status().state, State::Failed);
    QVERIFY(m_session->status().error.contains(u"Allocation failed"_s));
    QVERIFY(!m_session->status().hasCall());
}

void TestListenSession::busyPhone()
{
    m_session->listen(s_recording);
    QTRY_COMPARE(requestsMatching("POST", "/ari/channels").size(), 1);
    const QString channelId = requestsMatching("POST", "/ari/channels").first().queryValue(u"channelId"_s);
    m_router->route(AriEvent::fromJson({ { u"type"_s, u"ChannelDestroyed"_s }, { u"cause"_s, 17 },
        { u"channel"_s, QJsonObject { { u"id"_s, channelId } } } }));
    QCOMPARE(m_session->status().state, State::Failed);
    QVERIFY(m_session->status().error.contains(u"busy"_s));
    QVERIFY(!m_session->status().hasCall());
    // Listening again calls again.
    m_session->listen(s_recording);
    QTRY_COMPARE(requestsMatching("POST", "/ari/channels").size(), 2);
}

void TestListenSession::recordingGoneBeforePlaying()
{
    m_recordingExists = false;
    m_session->listen(s_recording);
    QTRY_COMPARE(requestsMatching("POST", "/ari/channels").size(), 1);
    m_channelId = requestsMatching("POST", "/ari/channels").first().queryValue(u"channelId"_s);
    m_router->route(AriEvent::fromJson(
        { { u"type"_s, u"StasisStart"_s }, { u"channel"_s, QJsonObject { { u"id"_s, m_channelId } } } }));
    QTRY_COMPARE(m_session->status().state, State::Failed);
    QVERIFY(m_session->status().error.contains(u"no longer exists"_s));
    QVERIFY(m_session->status().hasCall()); // stop hangs it up
    QCOMPARE(requestsMatching("POST", "/play/").size(), 0);
    m_session->stop();
    QTRY_COMPARE(requestsMatching("DELETE", "/ari/channels/").size(), 1);
}

void TestListenSession::recordingDeletedWhilePlaying()
{
    m_session->listen(s_recording);
    answer();
    playbackEvent(u"PlaybackStarted"_s, u"playing"_s);
    m_session->onRecordingDeleted(u"voicemail/305/another"_s);
    QCOMPARE(m_session->status().state, State::Playing);
    m_session->onRecordingDeleted(s_recording);
    QCOMPARE(m_session->status().state, State::Failed);
    QVERIFY(m_session->status().error.contains(u"deleted"_s));
    QTRY_COMPARE(requestsMatching("DELETE", "/ari/playbacks/").size(), 1);
}

void TestListenSession::callerHangsUp()
{
    m_session->listen(s_recording);
    answer();
    playbackEvent(u"PlaybackStarted"_s, u"playing"_s);
    m_router->route(AriEvent::fromJson({ { u"type"_s, u"ChannelHangupRequest"_s }, { u"cause"_s, 16 },
        { u"channel"_s, QJsonObject { { u"id"_s, m_channelId } } } }));
    QCOMPARE(m_session->status().state, State::Idle);
    QVERIFY(!m_session->status().hasCall());
    m_router->route(AriEvent::fromJson(
        { { u"type"_s, u"StasisEnd"_s }, { u"channel"_s, QJsonObject { { u"id"_s, m_channelId } } } }));
    QCOMPARE(m_session->status().state, State::Idle);
    QCOMPARE(m_router->subscriptionCount(), 1); // nothing left behind but the tracker's
}

QJsonObject TestListenSession::inListenApplication(const QString &channelId)
{
    return QJsonObject { { u"id"_s, channelId }, { u"name"_s, u"PJSIP/1001-00000001"_s }, { u"state"_s, u"Up"_s },
        { u"dialplan"_s,
            QJsonObject { { u"context"_s, u"default"_s }, { u"exten"_s, u"s"_s }, { u"priority"_s, 1 },
                { u"app_name"_s, u"Stasis"_s }, { u"app_data"_s, u"ari-supervisor,listen"_s } } } };
}

// SPEC CN-5: after a reconnect (or a restart of the service) our listening call goes on if the
// server still has it; a channel in the listening application that is not ours was left by an
// earlier run: it is hung up, and nothing else is touched.
void TestListenSession::recoverKeepsOurCallAndHangsUpStrays()
{
    m_session->listen(s_recording);
    answer();
    playbackEvent(u"PlaybackStarted"_s, u"playing"_s);
    QCOMPARE(m_session->status().state, State::Playing);
    m_session->serverReadStarted();
    const QJsonObject elsewhere { { u"id"_s, u"caller-in-another-app"_s }, { u"state"_s, u"Up"_s },
        { u"dialplan"_s, QJsonObject { { u"app_name"_s, u"Stasis"_s }, { u"app_data"_s, u"queue,caller"_s } } } };
    const StasisServerSnapshot snapshot = StasisServerSnapshot::fromJson(
        QJsonArray { inListenApplication(m_channelId), inListenApplication(u"listen-left-behind"_s), elsewhere },
        QJsonArray());
    m_session->recover(snapshot);
    QCOMPARE(m_session->status().state, State::Playing);
    QCOMPARE(m_session->status().channelId, m_channelId);
    QTRY_COMPARE(requestsMatching("DELETE", "/ari/channels/").size(), 1);
    QCOMPARE(requestsMatching("DELETE", "/ari/channels/").first().path, QByteArray("/ari/channels/listen-left-behind"));
}

void TestListenSession::recoverEndsOurCallWhenTheServerLostIt()
{
    m_session->listen(s_recording);
    answer();
    playbackEvent(u"PlaybackStarted"_s, u"playing"_s);
    m_session->serverReadStarted();
    m_session->recover(StasisServerSnapshot::fromJson(QJsonArray(), QJsonArray()));
    QCOMPARE(m_session->status().state, State::Idle);
    QVERIFY(!m_session->status().hasCall());
    QCOMPARE(m_router->subscriptionCount(), 1); // nothing left behind but the tracker's
    QTest::qWait(50);
    QCOMPARE(requestsMatching("DELETE", "/ari/channels/").size(), 0);
}

void TestListenSession::recoverLeavesACallStartedDuringTheRead()
{
    // The supervisor clicks Listen just after a (re)connect: the read of the server's channels
    // was sent before the call was made, so its answer cannot hold the call.
    m_session->serverReadStarted();
    m_session->listen(s_recording);
    answer();
    playbackEvent(u"PlaybackStarted"_s, u"playing"_s);
    m_session->recover(StasisServerSnapshot::fromJson(QJsonArray(), QJsonArray()));
    QCOMPARE(m_session->status().state, State::Playing);
    QCOMPARE(m_session->status().channelId, m_channelId);
    // The next read judges it.
    m_session->serverReadStarted();
    m_session->recover(StasisServerSnapshot::fromJson(QJsonArray(), QJsonArray()));
    QCOMPARE(m_session->status().state, State::Idle);
}

QTEST_GUILESS_MAIN(TestListenSession)
#include "TestListenSession.moc"
