#pragma once

#include "core/ari/AriEvent.h"
#include "core/ari/AriSubscription.h"
#include "core/calls/CallStateMachine.h"

#include <QString>

#include <functional>
#include <memory>
#include <vector>

struct AriRequest;
class AriResult;
// One state of a call (SPEC SM-1). Created by the call's factory when the call enters the state
// and destroyed after it has left it. A state owns its subscriptions: they end when it is left.
// Every callback a state registers through this class (subscriptions, REST replies, timers) is
// guarded: it runs only while the state is current, so a late PlaybackFinished or the reply to an
// operation made before the state was left can never act on a state that is gone (SPEC SM-3).
class CallState
{
public:
    enum class KeyResult {
        Handled, // done (acted on or ignored)
        Deferred, // keep it for the state that follows this one
    };

    explicit CallState(CallStateMachine &machine);
    virtual ~CallState();
    CallState(const CallState &) = delete;
    CallState &operator=(const CallState &) = delete;

    const QString &name() const { return m_name; }
    bool isCurrent() const { return m_alive != nullptr; }
    bool isBusy() const { return m_busy; }
    CallStateMachine &machine() const { return m_machine; }
    const QString &channelId() const;

    // Called by the machine on entry and on leaving. exit() may send requests (stop a playback);
    // it must not post events.
    virtual void enter();
    virtual void exit();
    // A key the caller pressed (only while the state accepts keys and is not busy).
    virtual KeyResult onKey(QChar digit);
    // The event stream was down for a while (SPEC CN-5): an event this state waits for may have
    // been missed; check with the server. Nothing by default.
    virtual void resynced();

protected:
    // Asks the machine to change state (see CallStateMachine::handle).
    void post(const QString &event, const QString &cause = {});
    // While busy, keys wait; when the state becomes idle again they are handed to it in order,
    // at once (so setBusy(false) may leave the state: make it the last thing a handler does).
    void setBusy(bool busy);
    // The caller's keys (ChannelDtmfReceived of this channel) come to onKey() while the state is
    // current.
    void acceptKeys();

    using EventHandler = std::function<void(const AriEvent &)>;
    using ResultHandler = std::function<void(const AriResult &)>;

    AriSubscription *subscribeChannel(AriEvent::Type type, EventHandler handler);
    AriSubscription *subscribePlayback(const QString &playbackId, EventHandler handler);
    AriSubscription *subscribeRecording(const QString &recordingName, EventHandler handler);
    // Ends one of this state's subscriptions before the state is left.
    void unsubscribe(AriSubscription *subscription);

    // Sends a request of this call (in order with the call's other requests); `onResult` runs
    // only if the state is still current when the reply comes. A state already left sends nothing.
    void request(const AriRequest &request, ResultHandler onResult);
    // Like request(), for a question the state must have answered: a failure that says nothing
    // of the resource (a 5xx, no answer, the socket gone) is asked again 1, 2 and 4 s later while
    // the state is current. `onResult` sees the first answer that does say (2xx, 4xx) or the last
    // failure.
    void requestUntilAnswered(const AriRequest &request, ResultHandler onResult, int attempt = 0);
    // A request whose outcome does not matter to the state (failures are logged).
    void requestDetached(const AriRequest &request);
    // Runs `work` after `milliseconds` if the state is still current then.
    void after(int milliseconds, std::function<void()> work);

    // Wraps a callback so that it runs, as a step of the call, only while this state is current.
    template <typename Function> auto guarded(Function function)
    {
        std::weak_ptr<int> alive = m_alive;
        CallStateMachine *machine = &m_machine;
        return [alive, machine, function = std::move(function)](const auto &...args) {
            if (alive.expired())
                return;
            machine->run([&] { function(args...); });
        };
    }

private:
    friend class CallStateMachine;
    AriSubscription *own(AriSubscriptionPtr subscription);

    CallStateMachine &m_machine;
    QString m_name;
    std::shared_ptr<int> m_alive = std::make_shared<int>(0); // reset when the state is left
    std::vector<AriSubscriptionPtr> m_subscriptions;
    bool m_busy = false;
};
