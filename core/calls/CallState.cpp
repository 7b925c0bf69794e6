#include "core/calls/CallState.h"

#include "core/ari/AriEventRouter.h"
#include "core/ari/AriReply.h"
#include "core/ari/AriRequest.h"
#include "core/ari/AriResult.h"
#include "core/calls/CallStateMachine.h"
#include "core/calls/CallTimers.h"

#include <algorithm>

CallState::CallState(CallStateMachine &machine)
    : m_machine(machine)
{
}

CallState::~CallState() = default;

const QString &CallState::channelId() const
{
    return m_machine.channelId();
}

void CallState::enter() { }

void CallState::exit() { }

CallState::KeyResult CallState::onKey(QChar digit)
{
    qCDebug(lcCalls).noquote() << channelId() << m_machine.application() << ": key" << digit << "ignored in" << m_name;
    return KeyResult::Handled;
}

void CallState::resynced() { }

void CallState::post(const QString &event, const QString &cause)
{
    if (!isCurrent()) {
        qCDebug(lcCalls).noquote() << channelId() << ": state" << m_name << "already left, event" << event << "dropped";
        return;
    }
    m_machine.post(CallStateMachine::Posted { event, cause, m_alive, true });
}

void CallState::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    if (!busy && isCurrent())
        m_machine.run([this] { m_machine.drainKeys(); });
}

void CallState::acceptKeys()
{
    subscribeChannel(AriEvent::Type::ChannelDtmfReceived, [this](const AriEvent &event) {
        const QString digit = event.digit();
        if (digit.size() != 1) {
            qCDebug(lcCalls).noquote() << channelId() << ": DTMF event without a single digit, ignored";
            return;
        }
        m_machine.offerKey(digit.at(0));
    });
}

AriSubscription *CallState::own(AriSubscriptionPtr subscription)
{
    AriSubscription *raw = subscription.get();
    if (!isCurrent()) {
        m_machine.retire(std::move(subscription));
        return nullptr;
    }
    m_subscriptions.push_back(std::move(subscription));
    return raw;
}

AriSubscription *CallState::subscribeChannel(AriEvent::Type type, EventHandler handler)
{
    return own(m_machine.environment().router->onChannel(channelId(), guarded(std::move(handler)), type));
}

AriSubscription *CallState::subscribePlayback(const QString &playbackId, EventHandler handler)
{
    return own(m_machine.environment().router->onPlayback(playbackId, guarded(std::move(handler))));
}

AriSubscription *CallState::subscribeRecording(const QString &recordingName, EventHandler handler)
{
    return own(m_machine.environment().router->onRecording(recordingName, guarded(std::move(handler))));
}

void CallState::unsubscribe(AriSubscription *subscription)
{
    if (!subscription)
        return;
    const auto it = std::find_if(m_subscriptions.begin(), m_subscriptions.end(),
        [subscription](const AriSubscriptionPtr &owned) { return owned.get() == subscription; });
    if (it == m_subscriptions.end())
        return;
    AriSubscriptionPtr owned = std::move(*it);
    m_subscriptions.erase(it);
    m_machine.retire(std::move(owned));
}

void CallState::request(const AriRequest &request, ResultHandler onResult)
{
    if (!isCurrent()) {
        qCDebug(lcCalls).noquote() << channelId() << ": state" << m_name << "already left, not sending"
                                   << request.operation;
        return;
    }
    AriReply *reply = m_machine.send(request);
    reply->then(m_machine.environment().context, guarded(std::move(onResult)));
}

void CallState::requestUntilAnswered(const AriRequest &request, ResultHandler onResult, int attempt)
{
    constexpr int attempts = 4;
    constexpr int firstRetryMs = 1000;
    this->request(request, [this, request, onResult = std::move(onResult), attempt](const AriResult &result) {
        if (result.isConclusive() || attempt + 1 >= attempts) {
            onResult(result);
            return;
        }
        qCInfo(lcCalls).noquote() << channelId() << m_machine.application() << ":"
                                  << AriRequest::methodName(request.method) << request.path
                                  << "failed:" << result.describe() << "- asking again";
        after(firstRetryMs << attempt,
            [this, request, onResult, attempt] { requestUntilAnswered(request, onResult, attempt + 1); });
    });
}

void CallState::requestDetached(const AriRequest &request)
{
    if (!isCurrent()) {
        qCDebug(lcCalls).noquote() << channelId() << ": state" << m_name << "already left, not sending"
                                   << request.operation;
        return;
    }
    m_machine.sendDetached(request);
}

void CallState::after(int milliseconds, std::function<void()> work)
{
    m_machine.environment().timers->after(milliseconds, guarded(std::move(work)));
}
