#pragma once

#include "core/calls/CallMediaState.h"

class VoicemailPlaybackCall;

// vm-playback "empty" (SPEC VP-4): checks `vm-nomore` is installed (in the caller's language),
// plays it, then the call ends. Keys are ignored.
class VoicemailEmptyState final : public CallMediaState
{
public:
    VoicemailEmptyState(VoicemailPlaybackCall &call, CallStateMachine &machine);
    void enter() override;

private:
    VoicemailPlaybackCall &m_call;
};
