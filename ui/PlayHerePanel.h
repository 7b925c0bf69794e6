#pragma once

#include "ui/PlaybackControls.h"

#include <QWidget>

class MessagePlayer;
class SupervisorAccess;

// The controls of "Play here" (SPEC VM-4), like those of listening on a phone (ListenPanel):
// pause/resume, back, forward, restart, stop and a progress bar, enabled as the player's state
// allows. Shown while a message is being fetched, played, or has failed (the reason in words);
// Stop hides it. Its shortcuts are the listening panel's with Shift.
class PlayHerePanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlayHerePanel)

public:
    explicit PlayHerePanel(SupervisorAccess *access, QWidget *parent = nullptr);
    ~PlayHerePanel() override;

    MessagePlayer *player() const { return m_player; }
    const PlaybackControls &controls() const { return m_controls; }

private:
    void showState();
    void showPosition(qint64 positionMs);

    MessagePlayer *m_player = nullptr; // child
    PlaybackControls m_controls; // children
};
