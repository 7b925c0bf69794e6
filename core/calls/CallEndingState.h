#pragma once

#include "core/calls/CallState.h"

// A final state: the application hangs the call up (DELETE /channels/{id}) and waits for its end.
class CallEndingState final : public CallState
{
public:
    explicit CallEndingState(CallStateMachine &machine);
    void enter() override;
};
