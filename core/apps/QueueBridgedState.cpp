#include "core/apps/QueueBridgedState.h"

#include "core/apps/QueueApp.h"
#include "core/apps/QueueCall.h"
#include "core/ari/AriOperations.h"

QueueBridgedState::QueueBridgedState(QueueCall &call, CallStateMachine &machine)
    : CallState(machine)
    , m_call(call)
{
}

void QueueBridgedState::enter()
{
    requestDetached(AriOperations::stopMoh(channelId()));
    if (m_call.isAgent())
        acceptKeys();
}

CallState::KeyResult QueueBridgedState::onKey(QChar digit)
{
    m_call.app().agentKey(m_call, digit);
    return KeyResult::Handled;
}
