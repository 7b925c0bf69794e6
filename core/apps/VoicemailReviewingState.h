#pragma once

#include "core/calls/CallMediaState.h"

class VoicemailRecordCall;

// vm-record "reviewing" (SPEC VR-4): plays the message back (after checking it was stored; if
// not: recordingMissing → recording). `#` accepts it (→ ending), `*` deletes it and, once the
// server has answered, records again. When the playback ends the caller stays here.
class VoicemailReviewingState final : public CallMediaState
{
public:
    VoicemailReviewingState(VoicemailRecordCall &call, CallStateMachine &machine);
    void enter() override;
    KeyResult onKey(QChar digit) override;

private:
    VoicemailRecordCall &m_call;
};
