#pragma once

#include <QWidget>

class MessagePlayer;
class QLabel;
class QProgressBar;
class QToolButton;
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
    QLabel *statusLabel() const { return m_label; }
    QToolButton *pauseButton() const { return m_pause; }
    QToolButton *backButton() const { return m_back; }
    QToolButton *forwardButton() const { return m_forward; }
    QToolButton *restartButton() const { return m_restart; }
    QToolButton *stopButton() const { return m_stop; }
    QProgressBar *progressBar() const { return m_progress; }

private:
    void showState();
    void showPosition(qint64 positionMs);

    MessagePlayer *m_player = nullptr; // child
    QLabel *m_label = nullptr;
    QToolButton *m_pause = nullptr;
    QToolButton *m_back = nullptr;
    QToolButton *m_forward = nullptr;
    QToolButton *m_restart = nullptr;
    QToolButton *m_stop = nullptr;
    QProgressBar *m_progress = nullptr;
};
