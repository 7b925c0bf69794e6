#pragma once

#include "core/voicemail/ListenStatus.h"
#include "ui/PlaybackControls.h"

#include <QTimer>
#include <QWidget>

class SupervisorAccess;

// The on-screen controls of the supervisor's listening call (SPEC UI-2): pause/resume, back,
// forward, restart, stop, and a progress bar. Only buttons that make sense in the call's state
// are enabled. All logic is in the core's ListenSession; this only shows its status.
class ListenPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListenPanel)

public:
    explicit ListenPanel(SupervisorAccess *backend, QWidget *parent = nullptr);
    ~ListenPanel() override;

    const PlaybackControls &controls() const { return m_controls; }

private:
    void showStatus(const ListenStatus &status);
    void updateProgress();

    SupervisorAccess *m_backend;
    ListenStatus m_status;
    PlaybackControls m_controls; // children
    QTimer m_tick;
};
