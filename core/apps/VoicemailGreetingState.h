#pragma once

#include "core/calls/CallMediaState.h"

class VoicemailRecordCall;

// vm-record "greeting" (SPEC VR-2): checks that the greeting sound is installed in the caller's
// language (else: soundMissing → ending), plays it with that language; `#` cuts it short and
// goes on to recording, as does the end of this very playback (another playback's end does not).
class VoicemailGreetingState final : public CallMediaState
{
public:
    VoicemailGreetingState(VoicemailRecordCall &call, CallStateMachine &machine);
    void enter() override;
    KeyResult onKey(QChar digit) override;

private:
    VoicemailRecordCall &m_call;
};
