#include "core/apps/QueueHungUpState.h"

#include "core/apps/QueueApp.h"
#include "core/apps/QueueCall.h"

using namespace Qt::StringLiterals;

QueueHungUpState::QueueHungUpState(QueueCall &call, CallStateMachine &machine)
    : CallState(machine)
    , m_call(call)
{
}

void QueueHungUpState::enter()
{
    m_call.app().callGone(m_call, u"hung up"_s);
}
