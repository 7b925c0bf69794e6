#include "core/calls/CallHungUpState.h"

#include "core/calls/CallStateMachine.h"

CallHungUpState::CallHungUpState(CallStateMachine &machine)
    : CallState(machine)
{
}

void CallHungUpState::enter()
{
    qCDebug(lcCalls).noquote() << channelId() << machine().application() << ": caller hung up";
}
