#pragma once

#include "core/calls/CallMediaState.h"

class VoicemailPlaybackCall;

// vm-playback "listening" (SPEC VP-3): plays the current message (after checking it still
// exists: if not, messageGone → preamble of the next one) with skipms from the options. Keys:
// 1 reverse, 2 pause/unpause, 3 forward, 4 previous, 5 restart, 6 next, * delete (waits for the
// server's answer, then the next message), # end. After the message has played to its end the
// caller stays here: 5 plays it again from the start, 1-3 do nothing, the others work as usual.
// 5 while paused unpauses first (Asterisk refuses a restart while paused). Keys wait while the
// message is being started (until its PlaybackStarted) and while a delete is in flight.
// The message is heard (SPEC VM-2) when it plays to its end, or when the caller pauses, moves in
// it, goes to another message or hangs up past the options' heardPercent of its length.
class VoicemailListeningState final : public CallMediaState
{
public:
    VoicemailListeningState(VoicemailPlaybackCall &call, CallStateMachine &machine);
    void enter() override;
    void exit() override;
    KeyResult onKey(QChar digit) override;

private:
    void noteHeardSoFar();
    void startMessage();
    void restart();
    void deleteMessage();

    VoicemailPlaybackCall &m_call;
    QString m_name;
    int m_number = 0;
    bool m_paused = false;
};
