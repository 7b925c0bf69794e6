#pragma once

#include "core/calls/CallState.h"

class QueueCall;

// queue "joining": answers the channel, then the call goes on as what its Stasis argument said
// (event "caller" or "agent"). An answer the server refuses for another reason than the channel
// being gone → answerFailed (the call is hung up).
class QueueJoiningState final : public CallState
{
public:
    QueueJoiningState(QueueCall &call, CallStateMachine &machine);
    void enter() override;

private:
    QueueCall &m_call;
};
