#include "core/calls/CallTracker.h"

#include "core/calls/CallStateMachine.h"

CallTracker::CallTracker(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<CallInfo>();
    qRegisterMetaType<CallTransition>();
}

CallTracker::~CallTracker() = default;

QList<CallInfo> CallTracker::calls() const
{
    return m_calls.values();
}

std::optional<CallInfo> CallTracker::call(const QString &channelId) const
{
    const auto it = m_calls.constFind(channelId);
    if (it == m_calls.constEnd())
        return std::nullopt;
    return *it;
}

void CallTracker::reportStarted(const CallInfo &info)
{
    if (m_calls.contains(info.channelId)) {
        qCWarning(lcCalls).noquote() << "call" << info.channelId << "reported twice; keeping the first";
        return;
    }
    m_calls.insert(info.channelId, info);
    ++m_perApplication[info.application];
    Q_EMIT callStarted(info);
}

void CallTracker::reportTransition(const CallTransition &transition)
{
    const auto it = m_calls.find(transition.channelId);
    if (it != m_calls.end()) {
        it->state = transition.to;
        it->stateSince = transition.at;
    }
    Q_EMIT callStateChanged(transition);
}

void CallTracker::reportEnded(const QString &channelId, const QString &reason)
{
    const auto it = m_calls.find(channelId);
    if (it == m_calls.end())
        return;
    const CallInfo info = *it;
    m_calls.erase(it);
    if (--m_perApplication[info.application] <= 0)
        m_perApplication.remove(info.application);
    Q_EMIT callEnded(info, reason);
}

void CallTracker::reportRefused(const QString &channelId, const QString &application, const QString &reason)
{
    Q_EMIT callRefused(channelId, application, reason);
}
