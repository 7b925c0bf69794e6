#pragma once

#include "core/ari/AriSubscription.h"
#include "core/calls/CallEnvironment.h"
#include "core/calls/CallStateTable.h"

#include <QList>
#include <QLoggingCategory>
#include <QString>

#include <memory>
#include <vector>

Q_DECLARE_LOGGING_CATEGORY(lcCalls)

class AriReply;
struct AriRequest;
class CallState;
class CallStateFactory;

// The state machine of one call (SPEC SM-1, SM-3). Table driven: the shared CallStateTable says
// where an event leads; the factory makes the state object on entry and the machine destroys it
// when the state is left, together with every subscription the state owned. Not a QObject and
// small (a few pointers, the current state, two short key queues): a process runs thousands.
//
// Rules that keep a call correct whatever the timing:
// - Events posted while a transition runs (a state's enter() deciding at once) are queued and
//   handled, in order, once it is done; an event posted by a state that has been left meanwhile is
//   dropped. An event the table has no transition for is logged (category supervisor.calls).
// - A state left is dead at once (callbacks of its replies, timers and subscriptions do nothing)
//   and destroyed when the outermost step of the call ends (see run()).
// - Keys (DTMF) are handled strictly one after the other. While the current state is busy (it
//   waits for the result of an operation it needs before it can decide) keys wait in a queue; a
//   state may also defer a key to the state that follows it (type-ahead). So keys pressed in a
//   burst give the same result as the same keys pressed slowly.
// - Every REST operation of the call goes through send(): the call's channel id is the ordering
//   key, so a call's operations reach the server in the order they were made.
// The owner must not destroy the machine from inside one of its steps (delete it later, e.g. with
// a queued call).
class CallStateMachine final
{
public:
    CallStateMachine(const CallStateTable &table, CallStateFactory &factory, const CallEnvironment &environment,
        const QString &channelId, const QString &application);
    ~CallStateMachine();
    CallStateMachine(const CallStateMachine &) = delete;
    CallStateMachine &operator=(const CallStateMachine &) = delete;

    // Enters the table's initial state (or `state`). `cause` is reported with the first transition.
    void start(const QString &cause = {});
    void start(const QString &state, const QString &cause);
    // Changes state as the table says for `event` (queued when called during a transition).
    void handle(const QString &event, const QString &cause = {});
    // The call is over: the current state is left (exit() runs) and nothing more happens.
    void finish(const QString &reason);

    // A key the caller pressed: handed to the current state in order (see above).
    void offerKey(QChar digit);
    int queuedKeyCount() const { return int(m_keys.size() + m_deferredKeys.size()); }

    const QString &currentState() const { return m_currentName; }
    CallState *currentStateObject() const { return m_current.get(); }
    bool isStarted() const { return m_started; }
    bool isFinished() const { return m_finished; }
    bool isInFinalState() const;

    const CallStateTable &table() const { return m_table; }
    const CallEnvironment &environment() const { return m_environment; }
    const QString &channelId() const { return m_channelId; }
    const QString &application() const { return m_application; }

    // Sends a request of this call, in order with its other requests.
    AriReply *send(const AriRequest &request);
    // Same, for a request whose outcome changes nothing: a failure is logged (a 404, something
    // already gone, at debug level only).
    void sendDetached(const AriRequest &request);
    // Same, for a request that must take effect even after the state that sent it is left (the
    // stop of a playback the caller cut short): a failure that says nothing of the resource (a
    // 5xx, no answer, the socket gone) is sent again 250, 500 and 1000 ms later while the call is
    // there.
    void sendDetachedUntilAnswered(const AriRequest &request, int attempt = 0);

    // Runs `work` as one step of the call. States (and their subscriptions) left during the step
    // are destroyed when the outermost step returns, so no code of a state runs after its object
    // is gone. Every callback into the call goes through here.
    template <typename Work> void run(Work &&work)
    {
        ++m_depth;
        work();
        if (--m_depth == 0)
            collect();
    }

    // Keeps `subscription` until the current step ends (it is dead for the caller already).
    void retire(AriSubscriptionPtr subscription);

private:
    friend class CallState;

    struct Posted
    {
        QString event;
        QString cause;
        std::weak_ptr<int> poster; // the state that posted it; empty: posted from outside
        bool fromState = false;
    };

    void post(Posted posted);
    void processPosted();
    void enterState(const QString &to, const QString &event, const QString &cause);
    void leaveCurrent();
    void drainKeys();
    void collect();
    void watchForChannelGone(AriReply *reply, const AriRequest &request);

    const CallStateTable &m_table;
    CallStateFactory &m_factory;
    CallEnvironment m_environment;
    QString m_channelId;
    QString m_application;
    QString m_currentName;
    std::unique_ptr<CallState> m_current;
    std::vector<std::unique_ptr<CallState>> m_retiredStates;
    std::vector<AriSubscriptionPtr> m_retiredSubscriptions;
    QList<Posted> m_posted;
    QList<QChar> m_keys;
    QList<QChar> m_deferredKeys;
    std::shared_ptr<int> m_alive = std::make_shared<int>(0); // weak copies: is the machine still there?
    int m_depth = 0;
    bool m_transitioning = false;
    bool m_draining = false;
    bool m_started = false;
    bool m_finished = false;
};
