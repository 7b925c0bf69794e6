#pragma once

#include "core/calls/CallState.h"

class QueueCall;

// queue "caller-bridged" and "agent-bridged" (SPEC ): the channel talks in a bridge.
// Music on hold is stopped (a channel's MOH keeps playing inside a mixing bridge). The agent's
// keys go to the call's actions (QueueCallActions); the caller's keys do nothing.
class QueueBridgedState final : public CallState
{
public:
    QueueBridgedState(QueueCall &call, CallStateMachine &machine);
    void enter() override;
    KeyResult onKey(QChar digit) override;

private:
    QueueCall &m_call;
};
