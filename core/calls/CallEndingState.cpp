#include "core/calls/CallEndingState.h"

#include "core/ari/AriOperations.h"
#include "core/calls/CallStateMachine.h"

CallEndingState::CallEndingState(CallStateMachine &machine)
    : CallState(machine)
{
}

void CallEndingState::enter()
{
    qCDebug(lcCalls).noquote() << channelId() << machine().application() << ": hanging up";
    requestDetached(AriOperations::hangup(channelId(), QStringLiteral("normal")));
}
