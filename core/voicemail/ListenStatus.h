#pragma once

#include "core/playback/PlaybackInfo.h"

#include <QMetaType>
#include <QString>

// The state of the supervisor's own listening call (SPEC UI-2), as the window shows it: which
// message, where the call is, and the playback (for the progress bar). A value, handed from the
// core thread to the GUI thread.
struct ListenStatus
{
    enum class State {
        Idle,     // no call
        Calling,  // originated to the supervisor's endpoint, not answered yet
        Starting, // answered; the message is about to play
        Playing,
        Paused,
        Finished, // played to its end; the call stays up (restart plays it again)
        Failed,   // see `error`; the call (if any) is up or gone as `channelId` says
    };

    State state = State::Idle;
    QString recordingName;
    QString channelId; // empty: no call
    QString endpoint;
    PlaybackInfo playback; // valid while a playback runs (id not empty)
    QString error;

    bool hasCall() const { return !channelId.isEmpty(); }
    static QString stateName(State state);

    friend bool operator==(const ListenStatus &, const ListenStatus &) = default;
};

Q_DECLARE_METATYPE(ListenStatus)
