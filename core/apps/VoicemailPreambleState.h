#pragma once

#include "core/calls/CallMediaState.h"

class VoicemailPlaybackCall;

// vm-playback "preamble" (SPEC VP-2): on the first entry takes the mailbox's messages from the
// store (which is kept current; read from the server only when it has never been), then drops
// messages deleted meanwhile; no message left → mailboxEmpty. Otherwise checks the current
// message still exists (one GET: another program may have deleted it, and Asterisk would play a
// missing recording as silence that never ends) and announces it: `vm-message`, then
// `number:<n>`, one playback at a time (the end of the second one → listening). `#` skips to
// listening. The other keys of the listening state (1-6, *) are kept for it (type-ahead).
class VoicemailPreambleState final : public CallMediaState
{
public:
    VoicemailPreambleState(VoicemailPlaybackCall &call, CallStateMachine &machine);
    void enter() override;
    KeyResult onKey(QChar digit) override;

private:
    void takeMessages();
    void proceed();
    void announce(const QString &language);

    VoicemailPlaybackCall &m_call;
};
