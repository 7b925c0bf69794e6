#pragma once

#include "core/calls/CallState.h"

class VoicemailRecordCall;

// vm-record "recording" (SPEC VR-3): records the channel to the call's message name (wav, beep,
// ifExists=fail). Keys wait until the server has accepted the recording.
// - `#` stops it (POST …/stop: stored) and, once RecordingFinished has come, → reviewing.
// - `*` cancels it (DELETE: not stored) and, once RecordingFinished has come, records again (the
//   new recording state retries a 409 "already exists" a bounded number of times: Asterisk
//   reports the end before it releases the name). If the recording had already ended by itself,
//   what was stored is deleted instead.
// - The recording ending by itself (max duration/silence) → reviewing; failing → ending.
// - A hang-up keeps what was recorded (Asterisk stores it).
// - A stop or cancel answered without RecordingFinished following (a recording stopped while it
//   still waited for a playback on the channel to end): once the server no longer has it live,
//   it is taken as finished.
class VoicemailRecordingState final : public CallState
{
public:
    VoicemailRecordingState(VoicemailRecordCall &call, CallStateMachine &machine);
    void enter() override;
    // A recording that ended while the event stream was down (the server no longer has it live)
    // is taken as finished by itself (SPEC CN-5).
    void resynced() override;
    KeyResult onKey(QChar digit) override;

private:
    enum class Operation { None, Stop, Cancel };

    void subscribeRecordingEvents();
    void startRecording();
    void onRecordingEvent(const AriEvent &event);
    void finishOperation();
    // Asks the server whether the recording still runs; if it does not (404, or listed as done,
    // canceled or failed), it is taken as finished, `why` saying how. With `keepAsking`, asked
    // again while it runs and this state lasts (1, 2, 4, then every 8 s).
    void askWhetherEnded(const QString &why, bool keepAsking, int round = 0);

    VoicemailRecordCall &m_call;
    AriSubscription *m_recordingSubscription = nullptr;
    Operation m_operation = Operation::None;
    int m_retries = 0;
    int m_renames = 0;
    bool m_started = false;
    bool m_finished = false;
    bool m_operationAnswered = false;
    bool m_operationOk = false;
};
