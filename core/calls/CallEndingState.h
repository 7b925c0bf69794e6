#pragma once

#include "core/calls/CallState.h"

// A final state: the application hangs the call up (DELETE /channels/{id}) and waits for its end.
// A hang-up that fails (an error, no answer, the socket gone) is asked again 1, 2 and 4 s later,
// and once more after the event stream comes back while the channel is still there: otherwise the
// caller would stay on a call nobody handles.
class CallEndingState final : public CallState
{
public:
    explicit CallEndingState(CallStateMachine &machine);
    void enter() override;
    void resynced() override;

private:
    void hangUp();
};
