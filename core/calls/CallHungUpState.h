#pragma once

#include "core/calls/CallState.h"

// A final state: the caller has hung up; nothing is left to do but wait for the call's end.
class CallHungUpState final : public CallState
{
public:
    explicit CallHungUpState(CallStateMachine &machine);
    void enter() override;
};
