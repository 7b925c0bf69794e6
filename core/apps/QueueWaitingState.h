#pragma once

#include "core/calls/CallState.h"

class QueueCall;

// queue "caller-waiting" and "agent-waiting" (SPEC ): music on hold, and the
// channel is in its queue (QueueApp::callerWaiting / agentWaiting; it may be connected at once).
// A caller's next announcement is due one interval after entering (after joining, or after the
// previous announcement ended) → announce.
class QueueWaitingState final : public CallState
{
public:
    QueueWaitingState(QueueCall &call, CallStateMachine &machine);
    void enter() override;
    // After the event stream was down: music on hold again (its start may have failed meanwhile;
    // starting it again is harmless), so nobody waits in silence (SPEC CN-5).
    void resynced() override;

private:
    QueueCall &m_call;
};
