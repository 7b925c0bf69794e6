#include "core/ari/AriEvent.h"
#include "core/ari/AriEventRouter.h"
#include "core/ari/AriOperations.h"
#include "core/ari/AriRestClient.h"
#include "core/ari/AriResult.h"
#include "core/calls/CallState.h"
#include "core/calls/CallStateFactory.h"
#include "core/calls/CallStateMachine.h"
#include "core/calls/CallStateTable.h"
#include "core/calls/CallTimers.h"
#include "core/calls/CallTracker.h"

#include "support/FakeRestServer.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString s_channel = u"chan-1"_s;

AriEvent channelEvent(const QString &type, const QString &channelId, const QJsonObject &extra = {})
{
    QJsonObject object = extra;
    object.insert(u"type"_s, type);
    object.insert(u"application"_s, u"test-app"_s);
    object.insert(u"channel"_s, QJsonObject { { u"id"_s, channelId }, { u"name"_s, u"PJSIP/1"_s } });
    return AriEvent::fromJson(object);
}

AriEvent dtmf(QChar digit)
{
    return channelEvent(
        u"ChannelDtmfReceived"_s, s_channel, { { u"digit"_s, QString(digit) }, { u"duration_ms"_s, 100 } });
}

AriEvent playbackFinished(const QString &playbackId)
{
    QJsonObject object { { u"type"_s, u"PlaybackFinished"_s }, { u"application"_s, u"test-app"_s },
        { u"playback"_s, QJsonObject { { u"id"_s, playbackId }, { u"state"_s, u"done"_s } } } };
    return AriEvent::fromJson(object);
}

// What a test state does, set per state name by the test.
struct Script
{
    std::function<void(CallState &)> enter;
    std::function<CallState::KeyResult(CallState &, QChar)> key;
    bool acceptKeys = false;
};

// A state whose behaviour comes from a Script, logging what happens to it into a shared list.
class ScriptedState final : public CallState
{
public:
    ScriptedState(CallStateMachine &machine, const Script &script, QStringList &log)
        : CallState(machine)
        , m_script(script)
        , m_log(log)
    {
    }
    ~ScriptedState() override { m_log.append(u"destroy "_s + name()); }

    void enter() override
    {
        m_log.append(u"enter "_s + name());
        if (m_script.acceptKeys)
            acceptKeys();
        if (m_script.enter)
            m_script.enter(*this);
    }
    void exit() override { m_log.append(u"exit "_s + name()); }
    KeyResult onKey(QChar digit) override
    {
        m_log.append(u"key "_s + name() + u' ' + digit);
        return m_script.key ? m_script.key(*this, digit) : KeyResult::Handled;
    }

    // The protected helpers, for the scripts.
    using CallState::post;
    using CallState::request;
    using CallState::setBusy;
    using CallState::subscribeChannel;
    using CallState::subscribePlayback;
    using CallState::unsubscribe;

private:
    Script m_script;
    QStringList &m_log;
};

class ScriptedFactory final : public CallStateFactory
{
public:
    explicit ScriptedFactory(QStringList &log)
        : m_log(log)
    {
    }
    std::unique_ptr<CallState> createState(const QString &name, CallStateMachine &machine) override
    {
        if (name == u"nothing")
            return nullptr;
        return std::make_unique<ScriptedState>(machine, m_scripts.value(name), m_log);
    }
    QHash<QString, Script> m_scripts;

private:
    QStringList &m_log;
};

CallStateTable abcTable()
{
    CallStateTable table(u"abc"_s);
    table.setInitialState(u"a"_s);
    table.addTransition(u"a"_s, u"go"_s, u"b"_s);
    table.addTransition(u"a"_s, u"hangup"_s, u"done"_s);
    table.addTransition(u"b"_s, u"go"_s, u"c"_s);
    table.addTransition(u"b"_s, u"back"_s, u"a"_s);
    table.addTransition(u"b"_s, u"again"_s, u"b"_s);
    table.addTransition(u"b"_s, u"hangup"_s, u"done"_s);
    table.addTransition(u"c"_s, u"hangup"_s, u"done"_s);
    table.addTransition(u"c"_s, u"empty"_s, u"nothing"_s);
    table.addFinalState(u"done"_s);
    return table;
}

} // namespace

class TestCallStateMachine final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void tableLookups();
    void tableKeepsFirstOfDuplicateTransition();
    void tableDot();
    void startEntersInitialStateAndReports();
    void transitionsFollowTheTable();
    void selfTransitionMakesAFreshState();
    void eventWithoutTransitionIsLoggedAndIgnored();
    void eventsPostedDuringEnterAreQueued();
    void eventPostedByALeftStateIsDropped();
    void subscriptionsEndWhenTheStateIsLeft();
    void lateEventForALeftStateIsIgnored();
    void stateMayLeaveFromItsOwnHandler();
    void replyForALeftStateIsIgnored();
    void requestsOfACallGoOutInOrder();
    void detachedRequestIsSentAgainAfterAServerError();
    void busyStateHoldsKeysInOrder();
    void deferredKeysGoToTheNextState();
    void missingStateObjectIsNotFatal();
    void finishLeavesTheStateAndReports();
    void eventsAfterFinishAreIgnored();
    void keysBeyondTheLimitAreDropped();

private:
    std::unique_ptr<FakeRestServer> m_server;
    std::unique_ptr<AriRestClient> m_rest;
    std::unique_ptr<AriEventRouter> m_router;
    std::unique_ptr<CallTracker> m_tracker;
    std::unique_ptr<QObject> m_context;
    std::unique_ptr<CallTimers> m_timers;
    QStringList m_log;
    CallStateTable m_table;
    std::unique_ptr<ScriptedFactory> m_factory;
    std::unique_ptr<CallStateMachine> m_machine;
};

void TestCallStateMachine::init()
{
    m_server = std::make_unique<FakeRestServer>();
    QVERIFY(m_server->listen());
    AriEndpoint endpoint;
    endpoint.baseUrl = m_server->baseUrl();
    endpoint.user = u"asterisk"_s;
    endpoint.password = u"asterisk"_s;
    m_rest = std::make_unique<AriRestClient>(endpoint);
    m_router = std::make_unique<AriEventRouter>();
    m_tracker = std::make_unique<CallTracker>();
    m_context = std::make_unique<QObject>();
    m_timers = std::make_unique<CallTimers>();
    m_log.clear();
    m_table = abcTable();
    m_factory = std::make_unique<ScriptedFactory>(m_log);
    m_machine = std::make_unique<CallStateMachine>(m_table, *m_factory,
        CallEnvironment { m_rest.get(), m_router.get(), m_tracker.get(), m_context.get(), nullptr, m_timers.get() },
        s_channel, u"test-app"_s);
}

void TestCallStateMachine::cleanup()
{
    m_machine.reset();
    m_factory.reset();
    QCOMPARE(m_router->subscriptionCount(), 0);
    m_timers.reset();
    m_context.reset();
    m_tracker.reset();
    m_router.reset();
    m_rest.reset();
    m_server.reset();
}

void TestCallStateMachine::tableLookups()
{
    const CallStateTable table = abcTable();
    QCOMPARE(table.name(), u"abc"_s);
    QCOMPARE(table.initialState(), u"a"_s);
    QCOMPARE(table.states(), (QStringList { u"a"_s, u"b"_s, u"done"_s, u"c"_s, u"nothing"_s }));
    QCOMPARE(table.next(u"a"_s, u"go"_s), u"b"_s);
    QCOMPARE(table.next(u"b"_s, u"again"_s), u"b"_s);
    QVERIFY(table.next(u"a"_s, u"back"_s).isEmpty());
    QVERIFY(table.next(u"zz"_s, u"go"_s).isEmpty());
    QCOMPARE(table.events(u"b"_s), (QStringList { u"go"_s, u"back"_s, u"again"_s, u"hangup"_s }));
    QVERIFY(table.isFinal(u"done"_s));
    QVERIFY(!table.isFinal(u"a"_s));
    QVERIFY(table.hasState(u"c"_s));
    QVERIFY(!table.hasState(u"zz"_s));
    QCOMPARE(table.transitions().size(), 8);
}

void TestCallStateMachine::tableKeepsFirstOfDuplicateTransition()
{
    CallStateTable table(u"dup"_s);
    table.addTransition(u"a"_s, u"go"_s, u"b"_s);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"transition a -- go defined twice"_s));
    table.addTransition(u"a"_s, u"go"_s, u"c"_s);
    QCOMPARE(table.next(u"a"_s, u"go"_s), u"b"_s);
    QCOMPARE(table.transitions().size(), 1);
}

void TestCallStateMachine::tableDot()
{
    CallStateTable table = abcTable();
    table.addTransition(u"c"_s, u"say \"hi\""_s, u"a"_s);
    const QString dot = table.toDot();
    QVERIFY(dot.startsWith(u"digraph \"abc\" {\n"_s));
    QVERIFY(dot.trimmed().endsWith(u'}'));
    QVERIFY(dot.contains(u"\"__start\" -> \"a\";"_s));
    QVERIFY(dot.contains(u"\"done\" [peripheries=2];"_s));
    QVERIFY(dot.contains(u"\"a\";"_s));
    QVERIFY(dot.contains(u"\"a\" -> \"b\" [label=\"go\"];"_s));
    QVERIFY(dot.contains(u"\"b\" -> \"b\" [label=\"again\"];"_s));
    QVERIFY(dot.contains(u"\"c\" -> \"a\" [label=\"say \\\"hi\\\"\"];"_s));
    QCOMPARE(dot.count(u"->"_s), 1 + 9);
}

void TestCallStateMachine::startEntersInitialStateAndReports()
{
    QSignalSpy transitions(m_tracker.get(), &CallTracker::callStateChanged);
    QVERIFY(!m_machine->isStarted());
    m_machine->start(u"entered"_s);
    QVERIFY(m_machine->isStarted());
    QCOMPARE(m_machine->currentState(), u"a"_s);
    QCOMPARE(m_log, QStringList { u"enter a"_s });
    QCOMPARE(transitions.size(), 1);
    const auto transition = transitions.at(0).at(0).value<CallTransition>();
    QCOMPARE(transition.channelId, s_channel);
    QCOMPARE(transition.application, u"test-app"_s);
    QVERIFY(transition.from.isEmpty());
    QCOMPARE(transition.to, u"a"_s);
    QVERIFY(transition.event.isEmpty());
    QCOMPARE(transition.cause, u"entered"_s);
    QVERIFY(transition.at.isValid());

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"started twice"_s));
    m_machine->start(u"again"_s);
    QCOMPARE(transitions.size(), 1);
}

void TestCallStateMachine::transitionsFollowTheTable()
{
    QSignalSpy transitions(m_tracker.get(), &CallTracker::callStateChanged);
    m_machine->start();
    m_machine->handle(u"go"_s, u"first"_s);
    QCOMPARE(m_machine->currentState(), u"b"_s);
    m_machine->handle(u"back"_s);
    QCOMPARE(m_machine->currentState(), u"a"_s);
    m_machine->handle(u"go"_s);
    m_machine->handle(u"go"_s);
    QCOMPARE(m_machine->currentState(), u"c"_s);
    QVERIFY(!m_machine->isInFinalState());
    m_machine->handle(u"hangup"_s, u"caller hung up"_s);
    QCOMPARE(m_machine->currentState(), u"done"_s);
    QVERIFY(m_machine->isInFinalState());
    // A state left is destroyed when the step that left it is over (after the next one entered).
    QCOMPARE(m_log,
        (QStringList { u"enter a"_s, u"exit a"_s, u"enter b"_s, u"destroy a"_s, u"exit b"_s, u"enter a"_s,
            u"destroy b"_s, u"exit a"_s, u"enter b"_s, u"destroy a"_s, u"exit b"_s, u"enter c"_s, u"destroy b"_s,
            u"exit c"_s, u"enter done"_s, u"destroy c"_s }));
    QCOMPARE(transitions.size(), 6);
    const auto second = transitions.at(1).at(0).value<CallTransition>();
    QCOMPARE(second.from, u"a"_s);
    QCOMPARE(second.to, u"b"_s);
    QCOMPARE(second.event, u"go"_s);
    QCOMPARE(second.cause, u"first"_s);
    const auto last = transitions.last().at(0).value<CallTransition>();
    QCOMPARE(last.from, u"c"_s);
    QCOMPARE(last.to, u"done"_s);
    QCOMPARE(last.cause, u"caller hung up"_s);
}

void TestCallStateMachine::selfTransitionMakesAFreshState()
{
    int entries = 0;
    m_factory->m_scripts[u"b"_s].enter = [&entries](CallState &) { ++entries; };
    m_machine->start();
    m_machine->handle(u"go"_s);
    m_machine->handle(u"again"_s);
    QCOMPARE(entries, 2);
    QCOMPARE(m_log,
        (QStringList {
            u"enter a"_s, u"exit a"_s, u"enter b"_s, u"destroy a"_s, u"exit b"_s, u"enter b"_s, u"destroy b"_s }));
}

void TestCallStateMachine::eventWithoutTransitionIsLoggedAndIgnored()
{
    m_machine->start();
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(u"chan-1 test-app : no transition from a on back"_s));
    m_machine->handle(u"back"_s, u"why not"_s);
    QCOMPARE(m_machine->currentState(), u"a"_s);
    QCOMPARE(m_log, QStringList { u"enter a"_s });
    // Not fatal: the table still works afterwards.
    m_machine->handle(u"go"_s);
    QCOMPARE(m_machine->currentState(), u"b"_s);
}

void TestCallStateMachine::eventsPostedDuringEnterAreQueued()
{
    // b posts "go" from enter(): the transition to c happens after b's entry is complete.
    m_factory->m_scripts[u"b"_s].enter = [this](CallState &state) {
        static_cast<ScriptedState &>(state).post(u"go"_s, u"decided at once"_s);
        m_log.append(u"b entered fully"_s);
    };
    m_machine->start();
    m_machine->handle(u"go"_s);
    QCOMPARE(m_machine->currentState(), u"c"_s);
    QCOMPARE(m_log,
        (QStringList { u"enter a"_s, u"exit a"_s, u"enter b"_s, u"b entered fully"_s, u"exit b"_s, u"enter c"_s,
            u"destroy a"_s, u"destroy b"_s }));
}

void TestCallStateMachine::eventPostedByALeftStateIsDropped()
{
    // b posts two events from enter(): the first leaves b, so the second (b's) is dropped rather
    // than applied to the state that follows.
    m_factory->m_scripts[u"b"_s].enter = [](CallState &state) {
        auto &scripted = static_cast<ScriptedState &>(state);
        scripted.post(u"go"_s);
        scripted.post(u"hangup"_s);
    };
    m_machine->start();
    m_machine->handle(u"go"_s);
    QCOMPARE(m_machine->currentState(), u"c"_s);
}

void TestCallStateMachine::subscriptionsEndWhenTheStateIsLeft()
{
    const int baseline = m_router->subscriptionCount();
    m_factory->m_scripts[u"b"_s].acceptKeys = true;
    m_factory->m_scripts[u"b"_s].enter = [](CallState &state) {
        auto &scripted = static_cast<ScriptedState &>(state);
        scripted.subscribePlayback(u"pb-1"_s, [](const AriEvent &) {});
        scripted.subscribeChannel(AriEvent::Type::ChannelVarset, [](const AriEvent &) {});
    };
    m_machine->start();
    QCOMPARE(m_router->subscriptionCount(), baseline);
    m_machine->handle(u"go"_s);
    QCOMPARE(m_router->subscriptionCount(), baseline + 3);
    m_machine->handle(u"go"_s);
    QCOMPARE(m_router->subscriptionCount(), baseline);
}

void TestCallStateMachine::lateEventForALeftStateIsIgnored()
{
    QStringList seen;
    m_factory->m_scripts[u"b"_s].enter = [&seen](CallState &state) {
        static_cast<ScriptedState &>(state).subscribePlayback(
            u"pb-1"_s, [&seen](const AriEvent &event) { seen.append(event.typeName()); });
    };
    m_factory->m_scripts[u"b"_s].acceptKeys = true;
    m_machine->start();
    m_machine->handle(u"go"_s);
    m_router->route(playbackFinished(u"pb-1"_s));
    QCOMPARE(seen, QStringList { u"PlaybackFinished"_s });
    m_machine->handle(u"go"_s);
    QCOMPARE(m_machine->currentState(), u"c"_s);
    // A late PlaybackFinished and a key for b, now left: nobody acts on them.
    m_router->route(playbackFinished(u"pb-1"_s));
    m_router->route(dtmf(u'5'));
    QCOMPARE(seen, QStringList { u"PlaybackFinished"_s });
    QVERIFY(!m_log.contains(u"key b 5"_s));
}

void TestCallStateMachine::stateMayLeaveFromItsOwnHandler()
{
    // The handler of b's own subscription makes the machine leave b (destroying what b owns)
    // and then still touches b's members: the state object must outlive the handler.
    m_factory->m_scripts[u"b"_s].enter = [this](CallState &state) {
        auto &scripted = static_cast<ScriptedState &>(state);
        scripted.subscribePlayback(u"pb-2"_s, [this, &scripted](const AriEvent &) {
            scripted.post(u"go"_s, u"playback over"_s);
            m_log.append(u"after post in "_s + scripted.name() + (scripted.isCurrent() ? u" current"_s : u" left"_s));
        });
    };
    m_machine->start();
    m_machine->handle(u"go"_s);
    m_router->route(playbackFinished(u"pb-2"_s));
    QCOMPARE(m_machine->currentState(), u"c"_s);
    QCOMPARE(m_log.mid(2),
        (QStringList {
            u"enter b"_s, u"destroy a"_s, u"exit b"_s, u"enter c"_s, u"after post in b left"_s, u"destroy b"_s }));
}

void TestCallStateMachine::replyForALeftStateIsIgnored()
{
    m_server->setResponder([](const FakeRestServer::Request &) { return FakeRestServer::Response::hold(); });
    QStringList replies;
    m_factory->m_scripts[u"b"_s].enter = [&replies](CallState &state) {
        static_cast<ScriptedState &>(state).request(AriOperations::getChannel(s_channel),
            [&replies](const AriResult &result) { replies.append(QString::number(result.httpStatus())); });
    };
    m_machine->start();
    m_machine->handle(u"go"_s);
    QTRY_COMPARE(m_server->heldCount(), 1);
    m_machine->handle(u"go"_s); // b is left while its request is in flight
    QVERIFY(m_server->releaseHeld(FakeRestServer::Response::json(200, R"({"id":"chan-1"})")));
    QTRY_COMPARE(m_server->inFlight(), 0);
    // Let the reply be delivered; it must not reach b.
    QTRY_COMPARE(m_rest->pendingCount(), 0);
    QCoreApplication::processEvents();
    QVERIFY(replies.isEmpty());

    // The same request from a state that stays current gets its answer.
    m_server->setResponder([](const FakeRestServer::Request &) { return FakeRestServer::Response::json(200, "{}"); });
    m_machine->handle(u"hangup"_s);
    QCOMPARE(m_machine->currentState(), u"done"_s);
    CallStateMachine other(m_table, *m_factory,
        CallEnvironment { m_rest.get(), m_router.get(), m_tracker.get(), m_context.get(), nullptr, m_timers.get() },
        u"chan-2"_s, u"test-app"_s);
    other.start(u"b"_s, u"test"_s);
    QTRY_COMPARE(replies, QStringList { u"200"_s });
}

void TestCallStateMachine::requestsOfACallGoOutInOrder()
{
    m_server->setResponder([](const FakeRestServer::Request &request) {
        FakeRestServer::Response response = FakeRestServer::Response::noContent();
        // The first request is slow: the later ones must still wait for it.
        if (request.index == 0)
            response.delayMs = 150;
        return response;
    });
    m_machine->start();
    m_machine->sendDetached(AriOperations::answer(s_channel));
    m_machine->sendDetached(AriOperations::stopPlayback(u"pb-a"_s));
    m_machine->sendDetached(AriOperations::hangup(s_channel));
    QTRY_COMPARE(m_server->requests().size(), 3);
    QTRY_COMPARE(m_server->inFlight(), 0);
    QCOMPARE(m_server->maxInFlight(), 1);
    QCOMPARE(m_server->requests().at(0).path, QByteArray("/ari/channels/chan-1/answer"));
    QCOMPARE(m_server->requests().at(1).path, QByteArray("/ari/playbacks/pb-a"));
    QCOMPARE(m_server->requests().at(2).method, QByteArray("DELETE"));
    QCOMPARE(m_server->requests().at(2).path, QByteArray("/ari/channels/chan-1"));
}

// A request whose outcome only the server knows (a 5xx) is sent again, later, on the
// application's timers; a 4xx says how things stand and ends it.
void TestCallStateMachine::detachedRequestIsSentAgainAfterAServerError()
{
    m_server->setResponder([](const FakeRestServer::Request &request) {
        return request.index < 2 ? FakeRestServer::Response::json(500, R"({"message":"Internal Server Error"})")
                                 : FakeRestServer::Response::json(404, R"({"message":"Playback not found"})");
    });
    m_machine->start();
    m_machine->sendDetachedUntilAnswered(AriOperations::stopPlayback(u"pb-a"_s));
    QTRY_COMPARE(m_server->requests().size(), 3);
    for (const FakeRestServer::Request &request : m_server->requests())
        QCOMPARE(request.path, QByteArray("/ari/playbacks/pb-a"));
    QTRY_COMPARE(m_rest->pendingCount(), 0); // the 404 was read
    QCOMPARE(m_timers->waitingCount(), 0);   // and nothing is to be sent again
    QCOMPARE(m_server->requests().size(), 3);
}

void TestCallStateMachine::busyStateHoldsKeysInOrder()
{
    ScriptedState *b = nullptr;
    m_factory->m_scripts[u"b"_s].acceptKeys = true;
    m_factory->m_scripts[u"b"_s].enter = [&b](CallState &state) {
        b = &static_cast<ScriptedState &>(state);
        b->setBusy(true);
    };
    m_machine->start();
    m_machine->handle(u"go"_s);
    m_router->route(dtmf(u'1'));
    m_router->route(dtmf(u'2'));
    m_router->route(dtmf(u'3'));
    QCOMPARE(m_machine->queuedKeyCount(), 3);
    QVERIFY(!m_log.contains(u"key b 1"_s));
    b->setBusy(false);
    QCOMPARE(m_machine->queuedKeyCount(), 0);
    QCOMPARE(m_log.mid(m_log.size() - 3), (QStringList { u"key b 1"_s, u"key b 2"_s, u"key b 3"_s }));
}

void TestCallStateMachine::deferredKeysGoToTheNextState()
{
    // a defers digits (type-ahead) but handles '#' at once; b handles everything.
    m_factory->m_scripts[u"a"_s].acceptKeys = true;
    m_factory->m_scripts[u"a"_s].key = [](CallState &state, QChar digit) {
        if (digit == u'#') {
            static_cast<ScriptedState &>(state).post(u"go"_s, u"#"_s);
            return CallState::KeyResult::Handled;
        }
        return CallState::KeyResult::Deferred;
    };
    m_factory->m_scripts[u"b"_s].acceptKeys = true;
    // In b, key 6 leaves for c at once; c accepts keys too.
    m_factory->m_scripts[u"b"_s].key = [](CallState &state, QChar digit) {
        if (digit == u'6')
            static_cast<ScriptedState &>(state).post(u"go"_s, u"6"_s);
        return CallState::KeyResult::Handled;
    };
    m_factory->m_scripts[u"c"_s].acceptKeys = true;
    m_machine->start();
    m_router->route(dtmf(u'1'));
    m_router->route(dtmf(u'6'));
    m_router->route(dtmf(u'2'));
    QCOMPARE(m_machine->currentState(), u"a"_s);
    QCOMPARE(m_machine->queuedKeyCount(), 3);
    m_router->route(dtmf(u'#'));
    // '#' is handled in a; then b gets 1 and 6 (which leaves it), and c gets 2.
    QCOMPARE(m_machine->currentState(), u"c"_s);
    QCOMPARE(m_machine->queuedKeyCount(), 0);
    const QStringList keys = m_log.filter(u"key "_s);
    QCOMPARE(keys,
        (QStringList {
            u"key a 1"_s, u"key a 6"_s, u"key a 2"_s, u"key a #"_s, u"key b 1"_s, u"key b 6"_s, u"key c 2"_s }));
}

void TestCallStateMachine::missingStateObjectIsNotFatal()
{
    m_machine->start(u"c"_s, u"test"_s);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"no state object for nothing"_s));
    m_machine->handle(u"empty"_s);
    QCOMPARE(m_machine->currentState(), u"nothing"_s);
    QVERIFY(m_machine->currentStateObject());
}

void TestCallStateMachine::finishLeavesTheStateAndReports()
{
    QSignalSpy ended(m_tracker.get(), &CallTracker::callEnded);
    m_tracker->reportStarted(CallInfo { s_channel, u"PJSIP/1"_s, u"100"_s, u"test-app"_s, {}, {}, {}, {}, {} });
    QCOMPARE(m_tracker->count(), 1);
    QCOMPARE(m_tracker->count(u"test-app"_s), 1);
    m_factory->m_scripts[u"a"_s].acceptKeys = true;
    m_machine->start();
    QCOMPARE(m_tracker->call(s_channel)->state, u"a"_s);
    const int withState = m_router->subscriptionCount();
    QCOMPARE(withState, 1);
    m_machine->finish(u"StasisEnd"_s);
    QVERIFY(m_machine->isFinished());
    QCOMPARE(m_router->subscriptionCount(), 0);
    QCOMPARE(m_log, (QStringList { u"enter a"_s, u"exit a"_s, u"destroy a"_s }));
    QCOMPARE(ended.size(), 1);
    QCOMPARE(ended.at(0).at(0).value<CallInfo>().state, u"a"_s);
    QCOMPARE(ended.at(0).at(1).toString(), u"StasisEnd"_s);
    QCOMPARE(m_tracker->count(), 0);
    QCOMPARE(m_tracker->count(u"test-app"_s), 0);
    m_machine->finish(u"again"_s);
    QCOMPARE(ended.size(), 1);
}

void TestCallStateMachine::eventsAfterFinishAreIgnored()
{
    m_machine->handle(u"go"_s); // before start: ignored
    QVERIFY(m_log.isEmpty());
    m_machine->start();
    m_machine->finish(u"gone"_s);
    m_machine->handle(u"go"_s);
    m_machine->offerKey(u'1');
    QCOMPARE(m_log, (QStringList { u"enter a"_s, u"exit a"_s, u"destroy a"_s }));
    QCOMPARE(m_machine->queuedKeyCount(), 0);
}

void TestCallStateMachine::keysBeyondTheLimitAreDropped()
{
    ScriptedState *b = nullptr;
    m_factory->m_scripts[u"b"_s].acceptKeys = true;
    m_factory->m_scripts[u"b"_s].enter = [&b](CallState &state) {
        b = &static_cast<ScriptedState &>(state);
        b->setBusy(true);
    };
    m_machine->start();
    m_machine->handle(u"go"_s);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"too many keys waiting"_s));
    for (int i = 0; i < 33; ++i)
        m_machine->offerKey(u'1');
    QCOMPARE(m_machine->queuedKeyCount(), 32);
    b->setBusy(false);
    QCOMPARE(m_log.filter(u"key b"_s).size(), 32);
}

QTEST_GUILESS_MAIN(TestCallStateMachine)
#include "TestCallStateMachine.moc"
