#pragma once

#include "core/calls/CallMediaState.h"

class VoicemailPlaybackCall;

// vm-playback "preamble" (SPEC VP-2): on the first entry takes the mailbox's messages from the
// store (refreshed), then drops messages deleted meanwhile; no message left → mailboxEmpty.
// Otherwise checks the current message still exists and announces it: `vm-message`, then
// `number:<n>`, one playback at a time (the end of the second one → listening). `#` skips to
// listening. The other keys of the listening state (1-6, *) are kept for it (type-ahead).
class VoicemailPreambleState final : public CallMediaState
{
public:
    VoicemailPreambleState(VoicemailPlaybackCall &call, CallStateMachine &machine);
    void enter() override;
    KeyResult onKey(QChar digit) override;

private:
    void proceed();
    void announce(const QString &language);

    VoicemailPlaybackCall &m_call;
};
