#include "core/calls/CallStateMachine.h"

#include "core/ari/AriReply.h"
#include "core/ari/AriRequest.h"
#include "core/ari/AriRestClient.h"
#include "core/calls/CallState.h"
#include "core/calls/CallStateFactory.h"
#include "core/calls/CallTimers.h"
#include "core/calls/CallTracker.h"

#include <QDateTime>

Q_LOGGING_CATEGORY(lcCalls, "supervisor.calls")

using namespace Qt::StringLiterals;

namespace {
constexpr int s_maxQueuedKeys = 32;

QString inParentheses(const QString &text)
{
    return text.isEmpty() ? QString() : QString(u'(' + text + u')');
}
} // namespace

CallStateMachine::CallStateMachine(const CallStateTable &table, CallStateFactory &factory,
    const CallEnvironment &environment, const QString &channelId, const QString &application)
    : m_table(table)
    , m_factory(factory)
    , m_environment(environment)
    , m_channelId(channelId)
    , m_application(application)
{
}

CallStateMachine::~CallStateMachine()
{
    // No exit() here: the call is being torn down (or the process ends); nothing is sent and
    // nothing is reported. The states' subscriptions end with them.
    m_current.reset();
    m_retiredStates.clear();
    m_retiredSubscriptions.clear();
}

bool CallStateMachine::isInFinalState() const
{
    return m_started && m_table.isFinal(m_currentName);
}

void CallStateMachine::start(const QString &cause)
{
    start(m_table.initialState(), cause);
}

void CallStateMachine::start(const QString &state, const QString &cause)
{
    if (m_started) {
        qCWarning(lcCalls).noquote() << m_channelId << m_application << ": started twice, ignored";
        return;
    }
    if (!m_table.hasState(state)) {
        qCWarning(lcCalls).noquote() << m_channelId << m_application << ": cannot start in unknown state" << state;
        return;
    }
    m_started = true;
    run([&] {
        m_transitioning = true;
        enterState(state, QString(), cause);
        m_transitioning = false;
        processPosted();
    });
}

void CallStateMachine::handle(const QString &event, const QString &cause)
{
    post(Posted { event, cause, {}, false });
}

void CallStateMachine::post(Posted posted)
{
    if (!m_started || m_finished) {
        qCDebug(lcCalls).noquote() << m_channelId << m_application << ": event" << posted.event << "after the call"
                                   << (m_finished ? "ended" : "before it started") << ", ignored";
        return;
    }
    m_posted.append(std::move(posted));
    if (m_transitioning)
        return; // handled when the running transition is done
    run([&] { processPosted(); });
}

void CallStateMachine::processPosted()
{
    if (m_transitioning)
        return;
    m_transitioning = true;
    while (!m_posted.isEmpty() && !m_finished) {
        const Posted posted = m_posted.takeFirst();
        if (posted.fromState && posted.poster.expired()) {
            qCDebug(lcCalls).noquote() << m_channelId << m_application << ": event" << posted.event
                                       << "of a state already left, ignored";
            continue;
        }
        const QString next = m_table.next(m_currentName, posted.event);
        if (next.isEmpty()) {
            qCInfo(lcCalls).noquote() << m_channelId << m_application << ": no transition from" << m_currentName << "on"
                                      << posted.event << inParentheses(posted.cause) << ", ignored";
            continue;
        }
        enterState(next, posted.event, posted.cause);
    }
    m_transitioning = false;
    drainKeys();
}

void CallStateMachine::enterState(const QString &to, const QString &event, const QString &cause)
{
    const QString from = m_currentName;
    leaveCurrent();

    std::unique_ptr<CallState> state = m_factory.createState(to, *this);
    if (!state) {
        qCWarning(lcCalls).noquote() << m_channelId << m_application << ": no state object for" << to
                                     << "; the state does nothing";
        state = std::make_unique<CallState>(*this);
    }
    state->m_name = to;
    m_currentName = to;
    m_current = std::move(state);

    // Keys a left state deferred go first, to the new state.
    if (!m_deferredKeys.isEmpty()) {
        m_keys = m_deferredKeys + m_keys;
        m_deferredKeys.clear();
    }

    qCDebug(lcCalls).noquote() << m_channelId << m_application << ':' << (from.isEmpty() ? u"(start)"_s : from) << "->"
                               << to << (event.isEmpty() ? QString() : QString(u"on "_s + event))
                               << inParentheses(cause);
    if (m_environment.tracker) {
        m_environment.tracker->reportTransition(
            CallTransition { m_channelId, m_application, from, to, event, cause, QDateTime::currentDateTimeUtc() });
    }
    m_current->enter();
}

void CallStateMachine::leaveCurrent()
{
    if (!m_current)
        return;
    std::unique_ptr<CallState> old = std::move(m_current);
    old->exit();
    old->m_alive.reset();
    old->m_busy = false;
    for (AriSubscriptionPtr &subscription : old->m_subscriptions)
        m_retiredSubscriptions.push_back(std::move(subscription));
    old->m_subscriptions.clear();
    m_retiredStates.push_back(std::move(old));
}

void CallStateMachine::finish(const QString &reason)
{
    if (m_finished)
        return;
    run([&] {
        leaveCurrent();
        m_finished = true;
        m_posted.clear();
        m_keys.clear();
        m_deferredKeys.clear();
        qCDebug(lcCalls).noquote() << m_channelId << m_application << ": call ended in" << m_currentName << '('
                                   << reason << ')';
        if (m_environment.tracker)
            m_environment.tracker->reportEnded(m_channelId, reason);
    });
}

void CallStateMachine::offerKey(QChar digit)
{
    if (!m_started || m_finished)
        return;
    if (m_keys.size() >= s_maxQueuedKeys) {
        qCWarning(lcCalls).noquote() << m_channelId << m_application << ": too many keys waiting, key" << digit
                                     << "dropped";
        return;
    }
    run([&] {
        m_keys.append(digit);
        drainKeys();
    });
}

void CallStateMachine::drainKeys()
{
    if (m_draining || m_transitioning || m_finished)
        return;
    m_draining = true;
    while (!m_keys.isEmpty() && m_current && !m_current->isBusy() && !m_finished) {
        const QChar digit = m_keys.takeFirst();
        CallState *state = m_current.get();
        const CallState::KeyResult result = state->onKey(digit);
        if (result == CallState::KeyResult::Deferred) {
            if (m_current.get() == state)
                m_deferredKeys.append(digit);
            else
                m_keys.prepend(digit); // the state left while deferring: the new one gets it
        }
    }
    m_draining = false;
}

AriReply *CallStateMachine::send(const AriRequest &request)
{
    AriReply *reply = m_environment.rest->send(request, m_channelId);
    watchForChannelGone(reply, request);
    return reply;
}

void CallStateMachine::watchForChannelGone(AriReply *reply, const AriRequest &request)
{
    // Only a request on the call's own channel says whether that channel exists.
    const QString ownChannel = u"/channels/"_s + m_channelId;
    QObject *context = m_environment.context;
    if (!context || (request.path != ownChannel && !request.path.startsWith(ownChannel + u'/')))
        return;
    const std::weak_ptr<int> alive = m_alive;
    CallStateFactory *factory = &m_factory;
    const QString what = AriRequest::methodName(request.method) + u' ' + request.path;
    reply->then(context, [alive, factory, context, what](const AriResult &result) {
        if (!result.isHttpError(404) || result.message() != u"Channel not found"_s)
            return;
        // After the request's own handlers have seen the answer, outside their step.
        const QString why = what + u" answered "_s + result.describe();
        QMetaObject::invokeMethod(
            context,
            [alive, factory, why] {
                if (!alive.expired())
                    factory->channelGone(why);
            },
            Qt::QueuedConnection);
    });
}

void CallStateMachine::sendDetached(const AriRequest &request)
{
    AriReply *reply = send(request);
    const QString channelId = m_channelId;
    const QString what = AriRequest::methodName(request.method) + u' ' + request.path;
    reply->then(m_environment.context, [channelId, what](const AriResult &result) {
        if (result.isOk())
            return;
        if (result.status() == AriResult::Status::HttpError && result.httpStatus() == 404)
            qCDebug(lcCalls).noquote() << channelId << ':' << what << "->" << result.describe() << "(already gone)";
        else
            qCWarning(lcCalls).noquote() << channelId << ':' << what << "failed:" << result.describe();
    });
}

void CallStateMachine::sendDetachedUntilAnswered(const AriRequest &request, int attempt)
{
    constexpr int attempts = 4;
    constexpr int firstRetryMs = 250;
    AriReply *reply = send(request);
    const std::weak_ptr<int> alive = m_alive;
    const QString channelId = m_channelId;
    QObject *context = m_environment.context;
    reply->then(context, [this, alive, context, channelId, request, attempt](const AriResult &result) {
        if (result.isOk() || alive.expired())
            return;
        const QString what = AriRequest::methodName(request.method) + u' ' + request.path;
        if (result.isConclusive() || attempt + 1 >= attempts || !context) {
            if (result.isHttpError(404))
                qCDebug(lcCalls).noquote() << channelId << ':' << what << "->" << result.describe() << "(already gone)";
            else
                qCWarning(lcCalls).noquote() << channelId << ':' << what << "failed:" << result.describe();
            return;
        }
        qCInfo(lcCalls).noquote() << channelId << ':' << what << "failed:" << result.describe() << "- sending it again";
        m_environment.timers->after(firstRetryMs << attempt, [this, alive, request, attempt] {
            if (!alive.expired())
                sendDetachedUntilAnswered(request, attempt + 1);
        });
    });
}

void CallStateMachine::retire(AriSubscriptionPtr subscription)
{
    if (subscription)
        m_retiredSubscriptions.push_back(std::move(subscription));
}

void CallStateMachine::collect()
{
    // Destroying a state may not start another step, but be safe against it all the same.
    std::vector<AriSubscriptionPtr> subscriptions;
    subscriptions.swap(m_retiredSubscriptions);
    std::vector<std::unique_ptr<CallState>> states;
    states.swap(m_retiredStates);
}
