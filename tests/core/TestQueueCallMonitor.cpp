#include "support/FakeRestServer.h"

#include "core/apps/StasisServerSnapshot.h"
#include "core/ari/AriEndpoint.h"
#include "core/ari/AriEvent.h"
#include "core/ari/AriEventRouter.h"
#include "core/ari/AriRequest.h"
#include "core/ari/AriRestClient.h"
#include "core/queue/QueueCallMonitor.h"
#include "core/queue/QueueState.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;

namespace {

const QString s_application = u"ari-supervisor"_s;
const QString s_bridge = u"bridge-1"_s;
const QString s_agent = u"agent-1"_s;
const QString s_caller = u"caller-1"_s;

} // namespace

// The supervisor's phone on a queue call against a recording HTTP server; events are fed to the
// router by hand, as the event socket would deliver them.
class TestQueueCallMonitor final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void hangingUpWaitsForTheBridgeBeingMade();
    void endingAfterASwitchWaitsForTheNewSnoop();
    void recoverLeavesAPhoneCalledDuringTheRead();
    void recoverLeavesASnoopMadeDuringTheRead();
    void everyStartIsAnswered();
    void recoverLeavesAPhoneNotYetMade();
    void recoverTakesUpAPhoneThatAnsweredUnseen();
    void recoverConnectsASnoopThatEnteredUnseen();

private:
    void listen(); // the phone answered, the snoop asked for: m_phone, m_snoop
    void snoopUp(); // the snoop entered the application
    void route(const QString &type, const QString &channelId, const QString &role);
    static QJsonObject channelInStasis(const QString &channelId, const QString &role);
    QList<FakeRestServer::Request> requestsMatching(const QByteArray &method, const QByteArray &pathPart) const;
    bool sent(const QString &methodAndPath) const { return m_sent.contains(methodAndPath); }

    std::unique_ptr<FakeRestServer> m_server;
    std::unique_ptr<AriRestClient> m_rest;
    std::unique_ptr<AriEventRouter> m_router;
    std::unique_ptr<QueueState> m_state;
    std::unique_ptr<QueueCallMonitor> m_monitor;
    std::function<bool(const FakeRestServer::Request &)> m_hold;
    QStringList m_sent; // "METHOD /path" as each request left the client
    QString m_phone;
    QString m_snoop;
};

void TestQueueCallMonitor::init()
{
    m_hold = nullptr;
    m_sent.clear();
    m_server = std::make_unique<FakeRestServer>();
    QVERIFY(m_server->listen());
    m_server->setResponder([this](const FakeRestServer::Request &request) {
        if (m_hold && m_hold(request))
            return FakeRestServer::Response::hold();
        if (request.method == "POST" && request.path == "/ari/channels") {
            return FakeRestServer::Response::json(
                200, QJsonDocument(QJsonObject { { u"id"_s, request.queryValue(u"channelId"_s) } }).toJson());
        }
        if (request.method == "POST" && request.path.endsWith("/snoop")) {
            return FakeRestServer::Response::json(
                200, QJsonDocument(QJsonObject { { u"id"_s, request.queryValue(u"snoopId"_s) } }).toJson());
        }
        return FakeRestServer::Response::noContent();
    });
    AriEndpoint endpoint;
    endpoint.baseUrl = m_server->baseUrl();
    endpoint.user = u"asterisk"_s;
    endpoint.password = u"asterisk"_s;
    m_rest = std::make_unique<AriRestClient>(endpoint);
    connect(m_rest.get(), &AriRestClient::requestSent, this, [this](const AriRequest &request) {
        m_sent.append(AriRequest::methodName(request.method) + u' ' + request.path);
    });
    m_router = std::make_unique<AriEventRouter>();
    m_state = std::make_unique<QueueState>();
    QueueBridgedPair pair;
    pair.bridgeId = s_bridge;
    pair.agentChannelId = s_agent;
    pair.callerChannelId = s_caller;
    QVERIFY(m_state->addPair(pair));
    m_monitor = std::make_unique<QueueCallMonitor>(m_rest.get(), m_router.get(), m_state.get());
    m_monitor->setEndpoint(u"PJSIP/1001"_s);
    m_monitor->setApplication(s_application);
    m_phone.clear();
    m_snoop.clear();
}

void TestQueueCallMonitor::cleanup()
{
    m_monitor.reset();
    m_state.reset();
    m_router.reset();
    m_rest.reset();
    m_server.reset();
}

QList<FakeRestServer::Request> TestQueueCallMonitor::requestsMatching(
    const QByteArray &method, const QByteArray &pathPart) const
{
    QList<FakeRestServer::Request> found;
    for (const FakeRestServer::Request &request : m_server->requests()) {
        if (request.method == method && request.path.contains(pathPart))
            found.append(request);
    }
    return found;
}

QJsonObject TestQueueCallMonitor::channelInStasis(const QString &channelId, const QString &role)
{
    return QJsonObject { { u"id"_s, channelId }, { u"name"_s, QString(u"PJSIP/1001-"_s + channelId) },
        { u"state"_s, u"Up"_s },
        { u"dialplan"_s,
            QJsonObject { { u"context"_s, u"default"_s }, { u"exten"_s, u"s"_s }, { u"priority"_s, 1 },
                { u"app_name"_s, u"Stasis"_s }, { u"app_data"_s, QString(s_application + u',' + role) } } } };
}

void TestQueueCallMonitor::route(const QString &type, const QString &channelId, const QString &role)
{
    QJsonObject json { { u"type"_s, type }, { u"application"_s, s_application },
        { u"channel"_s, channelInStasis(channelId, role) } };
    if (type == u"StasisStart")
        json.insert(u"args"_s, QJsonArray { role });
    m_router->route(AriEvent::fromJson(json));
}

void TestQueueCallMonitor::listen()
{
    m_monitor->start(s_bridge, QueueMonitorMode::Listen, u"desk"_s);
    QTRY_COMPARE(requestsMatching("POST", "/ari/channels").size(), 1);
    m_phone = m_monitor->phoneChannelId();
    QCOMPARE(requestsMatching("POST", "/ari/channels").first().queryValue(u"channelId"_s), m_phone);
    route(u"StasisStart"_s, m_phone, QueueCallMonitor::phoneArgument());
    m_snoop = m_monitor->snoopChannelId();
    QVERIFY(!m_snoop.isEmpty());
    QTRY_COMPARE(requestsMatching("POST", "/snoop").size(), 1);
}

void TestQueueCallMonitor::snoopUp()
{
    route(u"StasisStart"_s, m_snoop, QueueCallMonitor::snoopArgument());
}

void TestQueueCallMonitor::hangingUpWaitsForTheBridgeBeingMade()
{
    // The supervisor hangs up while the mixing bridge is being made: destroying it must not
    // reach the server first (a 404), leaving the bridge made just after behind.
    m_hold = [](const FakeRestServer::Request &request) {
        return request.method == "POST" && request.path == "/ari/bridges";
    };
    listen();
    snoopUp();
    QTRY_COMPARE(m_server->heldCount(), 1);
    const QString mixing = requestsMatching("POST", "/ari/bridges").first().queryValue(u"bridgeId"_s);
    QVERIFY(!mixing.isEmpty());
    route(u"StasisEnd"_s, m_phone, QueueCallMonitor::phoneArgument());
    QVERIFY(!m_monitor->isActive());
    QVERIFY(!sent(u"DELETE /bridges/"_s + mixing));
    QVERIFY(!sent(u"DELETE /channels/"_s + m_snoop));
    m_hold = nullptr;
    QVERIFY(m_server->releaseHeld(FakeRestServer::Response::noContent()));
    QTRY_COMPARE(requestsMatching("DELETE", "/ari/bridges/" + mixing.toLatin1()).size(), 1);
    QTRY_COMPARE(requestsMatching("DELETE", "/ari/channels/" + m_snoop.toLatin1()).size(), 1);
}

void TestQueueCallMonitor::endingAfterASwitchWaitsForTheNewSnoop()
{
    // Listening, the supervisor switches to whisper; the old snoop's hang-up is slow, so the new
    // snoop waits behind it; then the call ends. Hanging up the new snoop must wait for it to be
    // made, or it would stay on the agent's channel with nobody owning it.
    listen();
    snoopUp();
    QTRY_COMPARE(requestsMatching("POST", "/addChannel").size(), 1);
    const QString oldSnoop = m_snoop;
    m_hold = [oldSnoop](const FakeRestServer::Request &request) {
        return request.method == "DELETE" && request.path == "/ari/channels/" + oldSnoop.toLatin1();
    };
    m_monitor->start(s_bridge, QueueMonitorMode::Whisper, u"desk"_s);
    const QString newSnoop = m_monitor->snoopChannelId();
    QVERIFY(!newSnoop.isEmpty());
    QVERIFY(newSnoop != oldSnoop);
    QTRY_COMPARE(m_server->heldCount(), 1);
    QVERIFY(m_state->removePair(s_bridge)); // the caller hung up
    QVERIFY(!m_monitor->isActive());
    QVERIFY(!sent(u"DELETE /channels/"_s + newSnoop));
    m_hold = nullptr;
    QVERIFY(m_server->releaseHeld(FakeRestServer::Response::noContent()));
    QTRY_COMPARE(requestsMatching("DELETE", "/ari/channels/" + m_phone.toLatin1()).size(), 1);
    const QList<FakeRestServer::Request> made = requestsMatching("POST", "/snoop");
    QCOMPARE(made.size(), 2);
    QCOMPARE(made.last().queryValue(u"snoopId"_s), newSnoop);
    QCOMPARE(made.last().queryValue(u"whisper"_s), u"out"_s);
    const QList<FakeRestServer::Request> undone = requestsMatching("DELETE", "/ari/channels/" + newSnoop.toLatin1());
    QCOMPARE(undone.size(), 1);
    QVERIFY(undone.first().index > made.last().index);
}

void TestQueueCallMonitor::recoverLeavesAPhoneCalledDuringTheRead()
{
    // Listen in is clicked just after a reconnect: the read of the server's channels was sent
    // before the phone was called, so its answer cannot hold the phone.
    m_monitor->serverReadStarted();
    m_monitor->start(s_bridge, QueueMonitorMode::Listen, u"desk"_s);
    QTRY_COMPARE(requestsMatching("POST", "/ari/channels").size(), 1);
    m_phone = m_monitor->phoneChannelId();
    m_monitor->recover(StasisServerSnapshot::fromJson(QJsonArray(), QJsonArray()));
    QVERIFY(m_monitor->isActive());
    QCOMPARE(m_monitor->phoneChannelId(), m_phone);
    QCOMPARE(m_state->pair(s_bridge)->monitor, QueueMonitorMode::Listen);
    // The next read, once the phone's creation is answered, judges it: the phone is gone.
    QTRY_COMPARE(m_rest->pendingCount(), 0);
    m_monitor->serverReadStarted();
    m_monitor->recover(StasisServerSnapshot::fromJson(QJsonArray(), QJsonArray()));
    QVERIFY(!m_monitor->isActive());
    QCOMPARE(m_state->pair(s_bridge)->monitor, QueueMonitorMode::None);
}

void TestQueueCallMonitor::recoverLeavesASnoopMadeDuringTheRead()
{
    m_monitor->start(s_bridge, QueueMonitorMode::Listen, u"desk"_s);
    QTRY_COMPARE(requestsMatching("POST", "/ari/channels").size(), 1);
    m_phone = m_monitor->phoneChannelId();
    m_monitor->serverReadStarted();
    route(u"StasisStart"_s, m_phone, QueueCallMonitor::phoneArgument()); // the snoop is asked for
    m_snoop = m_monitor->snoopChannelId();
    QVERIFY(!m_snoop.isEmpty());
    const QJsonArray channels { channelInStasis(m_phone, QueueCallMonitor::phoneArgument()) };
    m_monitor->recover(StasisServerSnapshot::fromJson(channels, QJsonArray()));
    QVERIFY(m_monitor->isActive());
    QCOMPARE(m_monitor->snoopChannelId(), m_snoop);
    // The next read, once the snoop is made, judges it: the agent's channel (and the snoop on it)
    // is gone.
    QTRY_COMPARE(m_rest->pendingCount(), 0);
    m_monitor->serverReadStarted();
    m_monitor->recover(StasisServerSnapshot::fromJson(channels, QJsonArray()));
    QVERIFY(!m_monitor->isActive());
    QTRY_COMPARE(requestsMatching("DELETE", "/ari/channels/" + m_phone.toLatin1()).size(), 1);
}

void TestQueueCallMonitor::everyStartIsAnswered()
{
    QSignalSpy ready(m_monitor.get(), &QueueCallMonitor::monitorReady);
    QSignalSpy failed(m_monitor.get(), &QueueCallMonitor::monitorFailed);
    // Refused at once.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"No call in progress on bridge elsewhere"_s));
    m_monitor->start(u"elsewhere"_s, QueueMonitorMode::Listen, u"desk"_s);
    QCOMPARE(failed.size(), 1);
    // Answered once the phone is up; a switch (or the same again) at once.
    m_monitor->start(s_bridge, QueueMonitorMode::Listen, u"desk"_s);
    QCOMPARE(ready.size(), 0);
    listen();
    QCOMPARE(ready.size(), 1);
    QCOMPARE(ready.last().at(0).toString(), s_bridge);
    m_monitor->start(s_bridge, QueueMonitorMode::Whisper, u"desk"_s);
    QCOMPARE(ready.size(), 2);
    QCOMPARE(ready.last().at(1).value<QueueMonitorMode>(), QueueMonitorMode::Whisper);
    m_monitor->start(s_bridge, QueueMonitorMode::Whisper, u"desk"_s);
    QCOMPARE(ready.size(), 3);
    m_monitor->stop(u"desk"_s);
    QCOMPARE(failed.size(), 1);
    // The call ends while the phone rings: the request is answered with why.
    m_monitor->start(s_bridge, QueueMonitorMode::Barge, u"desk"_s);
    QTest::ignoreMessage(
        QtWarningMsg, QRegularExpression(u"PJSIP/1001 did not join the call bridge-1: the call ended"_s));
    QVERIFY(m_state->removePair(s_bridge));
    QCOMPARE(failed.size(), 2);
    QCOMPARE(ready.size(), 3);
}

void TestQueueCallMonitor::recoverLeavesAPhoneNotYetMade()
{
    // The phone is asked for before the read, but the server has not made it yet when the read
    // begins (its request waits): the answer cannot hold it.
    m_hold = [](const FakeRestServer::Request &request) {
        return request.method == "POST" && request.path == "/ari/channels";
    };
    m_monitor->start(s_bridge, QueueMonitorMode::Listen, u"desk"_s);
    QTRY_COMPARE(m_server->heldCount(), 1);
    m_monitor->serverReadStarted();
    m_monitor->recover(StasisServerSnapshot::fromJson(QJsonArray(), QJsonArray()));
    QVERIFY(m_monitor->isActive());
    m_hold = nullptr;
    const QByteArray phone = m_monitor->phoneChannelId().toLatin1();
    QVERIFY(m_server->releaseHeld(FakeRestServer::Response::json(200, R"({"id":")" + phone + R"("})")));
    QTRY_COMPARE(m_rest->pendingCount(), 0);
    m_monitor->serverReadStarted();
    m_monitor->recover(StasisServerSnapshot::fromJson(QJsonArray(), QJsonArray()));
    QVERIFY(!m_monitor->isActive());
}

void TestQueueCallMonitor::recoverTakesUpAPhoneThatAnsweredUnseen()
{
    // The phone answered while the event stream was down: its StasisStart never came.
    QSignalSpy ready(m_monitor.get(), &QueueCallMonitor::monitorReady);
    m_monitor->start(s_bridge, QueueMonitorMode::Whisper, u"desk"_s);
    QTRY_COMPARE(requestsMatching("POST", "/ari/channels").size(), 1);
    m_phone = m_monitor->phoneChannelId();
    QTRY_COMPARE(m_rest->pendingCount(), 0);
    m_monitor->serverReadStarted();
    m_monitor->recover(StasisServerSnapshot::fromJson(
        QJsonArray { channelInStasis(m_phone, QueueCallMonitor::phoneArgument()) }, QJsonArray()));
    QVERIFY(m_monitor->isActive());
    QCOMPARE(ready.size(), 1);
    QVERIFY(!m_monitor->snoopChannelId().isEmpty());
    QTRY_COMPARE(requestsMatching("POST", "/snoop").size(), 1);
    QCOMPARE(requestsMatching("POST", "/snoop").first().queryValue(u"whisper"_s), u"out"_s);
    QCOMPARE(requestsMatching("DELETE", "/ari/channels/").size(), 0);
}

void TestQueueCallMonitor::recoverConnectsASnoopThatEnteredUnseen()
{
    // The snoop entered the application while the event stream was down.
    listen();
    QTRY_COMPARE(m_rest->pendingCount(), 0);
    m_monitor->serverReadStarted();
    m_monitor->recover(
        StasisServerSnapshot::fromJson(QJsonArray { channelInStasis(m_phone, QueueCallMonitor::phoneArgument()),
                                           channelInStasis(m_snoop, QueueCallMonitor::snoopArgument()) },
            QJsonArray()));
    QVERIFY(m_monitor->isActive());
    QTRY_COMPARE(requestsMatching("POST", "/addChannel").size(), 1);
    const QList<FakeRestServer::Request> made = requestsMatching("POST", "/ari/bridges");
    QCOMPARE(made.first().queryValue(u"type"_s), u"mixing"_s);
    const QStringList members = made.last().queryValue(u"channel"_s).split(u',');
    QCOMPARE(QSet<QString>(members.begin(), members.end()), (QSet<QString> { m_phone, m_snoop }));
    QCOMPARE(requestsMatching("DELETE", "/ari/").size(), 0);
}

QTEST_GUILESS_MAIN(TestQueueCallMonitor)
#include "TestQueueCallMonitor.moc"
