#include "core/apps/QueueCall.h"

#include "core/apps/QueueAnnouncingState.h"
#include "core/apps/QueueApp.h"
#include "core/apps/QueueBridgedState.h"
#include "core/apps/QueueHungUpState.h"
#include "core/apps/QueueJoiningState.h"
#include "core/apps/QueueWaitingState.h"
#include "core/calls/CallEndingState.h"

QueueCall::QueueCall(
    QueueApp &app, const CallEnvironment &environment, const Channel &channel, const QStringList &args, Role role)
    : StasisCall(app.stateTable(), environment, app, channel, args, app.name())
    , m_app(app)
    , m_role(role)
{
}

QueueCall::~QueueCall() = default;

std::unique_ptr<CallState> QueueCall::createState(const QString &name, CallStateMachine &machine)
{
    if (name == States::joining())
        return std::make_unique<QueueJoiningState>(*this, machine);
    if (name == States::callerWaiting() || name == States::agentWaiting())
        return std::make_unique<QueueWaitingState>(*this, machine);
    if (name == States::announcing())
        return std::make_unique<QueueAnnouncingState>(*this, machine);
    if (name == States::callerBridged() || name == States::agentBridged())
        return std::make_unique<QueueBridgedState>(*this, machine);
    if (name == States::ending())
        return std::make_unique<CallEndingState>(machine);
    if (name == States::hungUp())
        return std::make_unique<QueueHungUpState>(*this, machine);
    return nullptr;
}

void QueueCall::setJoined(const QDateTime &at, quint64 ticket)
{
    m_joinedAt = at;
    m_ticket = ticket;
    m_arrivedAt = channel().creationtime.isValid() ? channel().creationtime : at;
}

bool QueueCall::arrivedBefore(const QueueCall &other) const
{
    if (m_arrivedAt.isValid() && other.m_arrivedAt.isValid() && m_arrivedAt != other.m_arrivedAt)
        return m_arrivedAt < other.m_arrivedAt;
    return m_ticket < other.m_ticket;
}

QString QueueCall::displayName() const
{
    if (!channel().callerName.isEmpty())
        return channel().callerName;
    if (!channel().callerNumber.isEmpty())
        return channel().callerNumber;
    return channel().name;
}
