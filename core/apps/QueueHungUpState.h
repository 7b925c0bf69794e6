#pragma once

#include "core/calls/CallState.h"

class QueueCall;

// queue "hung-up" (final): the channel hung up or left the application. It leaves its queue, or
// its call in progress ends (SPEC Q-6).
class QueueHungUpState final : public CallState
{
public:
    QueueHungUpState(QueueCall &call, CallStateMachine &machine);
    void enter() override;

private:
    QueueCall &m_call;
};
