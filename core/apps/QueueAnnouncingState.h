#pragma once

#include "core/calls/CallMediaState.h"

#include <QStringList>

class QueueCall;

// queue "announcing" (SPEC Q-3): plays the caller's position announcement
// (QueueApp::announcementFor) one prompt at a time: stopping the playing one (leaving the state,
// e.g. when the caller is connected) ends the announcement at once, which stopping a queued item
// of a longer playback would not. After the last prompt → announcementDone (waiting again, with
// music on hold). A prompt that fails is logged and skipped.
class QueueAnnouncingState final : public CallMediaState
{
public:
    QueueAnnouncingState(QueueCall &call, CallStateMachine &machine);
    void enter() override;

private:
    void playNext();

    QueueCall &m_queueCall;
    QStringList m_prompts;
    int m_next = 0;
};
